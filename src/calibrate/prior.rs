//! A fitted key's prior: the distribution its values are drawn from in the
//! first generation and whose density weighs every later particle. Either
//! a uniform range (`--fit KEY=LO:HI`) or a continuous distribution of the
//! scenario's `[uncertainty]`.

use crate::uncertainty::prior::Prior as Distribution;

/// A prior distribution of one fitted key.
#[derive(Debug, Clone, PartialEq)]
pub enum Prior {
    /// Uniform on `[lo, hi]`, `lo < hi`, both finite.
    Uniform {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// A continuous distribution of `[uncertainty]` (not an empirical one:
    /// a perturbed particle would never land on its values).
    Scenario(Distribution),
}

impl Prior {
    /// A uniform prior, or `None` unless `lo < hi` and both are finite.
    pub fn uniform(lo: f64, hi: f64) -> Option<Self> {
        (lo.is_finite() && hi.is_finite() && lo < hi).then_some(Self::Uniform { lo, hi })
    }

    /// The prior of an `[uncertainty]` distribution, or `None` for an
    /// empirical one.
    pub fn from_scenario(d: &Distribution) -> Option<Self> {
        match d {
            Distribution::Empirical { .. } => None,
            Distribution::Uniform { lo, hi } => Self::uniform(*lo, *hi),
            other => Some(Self::Scenario(other.clone())),
        }
    }

    /// The value at quantile `u` in `[0, 1)` (inverse transform).
    pub fn quantile(&self, u: f64) -> f64 {
        match self {
            Self::Uniform { lo, hi } => lo + u * (hi - lo),
            Self::Scenario(d) => d.quantile(u),
        }
    }

    /// The prior density at `x` (0 outside the support).
    pub fn density(&self, x: f64) -> f64 {
        match self {
            Self::Uniform { lo, hi } if (*lo..=*hi).contains(&x) => 1.0 / (hi - lo),
            Self::Uniform { .. } => 0.0,
            Self::Scenario(d) => {
                let (lo, hi) = d.support();
                if (lo..=hi).contains(&x) {
                    d.pdf(x)
                } else {
                    0.0
                }
            }
        }
    }

    /// The support's ends (possibly infinite for a scenario distribution).
    pub fn bounds(&self) -> (f64, f64) {
        match self {
            Self::Uniform { lo, hi } => (*lo, *hi),
            Self::Scenario(d) => d.support(),
        }
    }

    /// The central interval holding `mass` of the prior, e.g. 0.9.
    pub fn interval(&self, mass: f64) -> (f64, f64) {
        let tail = (1.0 - mass) / 2.0;
        (self.quantile(tail), self.quantile(1.0 - tail))
    }

    /// How the prior reads in files and messages: `uniform(0.01, 0.2)`,
    /// `beta(mean 0.25, sd 0.08)`.
    pub fn describe(&self) -> String {
        match self {
            Self::Uniform { lo, hi } => format!("uniform({lo}, {hi})"),
            Self::Scenario(d) => match d {
                Distribution::Uniform { lo, hi } => format!("uniform({lo}, {hi})"),
                Distribution::Triangular { lo, mode, hi } => {
                    format!("triangular({lo}, {mode}, {hi})")
                }
                Distribution::Beta { mean, sd } => format!("beta(mean {mean}, sd {sd})"),
                Distribution::Lognormal { median, sigma } => {
                    format!("lognormal(median {median}, sigma {sigma})")
                }
                Distribution::Empirical { .. } => "empirical".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uniform_prior_has_its_density_inside_and_none_outside() {
        let p = Prior::uniform(1.0, 3.0).unwrap();
        assert_eq!(p.density(2.0), 0.5);
        assert_eq!(p.density(3.5), 0.0);
        assert_eq!(p.quantile(0.25), 1.5);
        assert_eq!(p.interval(0.5), (1.5, 2.5));
        assert!(Prior::uniform(1.0, 1.0).is_none());
        assert!(Prior::uniform(f64::NAN, 1.0).is_none());
    }

    #[test]
    fn a_scenario_distribution_keeps_its_density_and_an_empirical_one_is_refused() {
        let p = Prior::from_scenario(&Distribution::Triangular {
            lo: 0.0,
            mode: 0.5,
            hi: 1.0,
        })
        .unwrap();
        assert!((p.density(0.5) - 2.0).abs() < 1e-12);
        assert_eq!(p.density(1.5), 0.0);
        assert!((p.quantile(0.5) - 0.5).abs() < 1e-12);
        assert_eq!(p.describe(), "triangular(0, 0.5, 1)");
        let e = Distribution::Empirical {
            values: vec![1.0],
            weights: vec![1.0],
        };
        assert!(Prior::from_scenario(&e).is_none());
    }
}
