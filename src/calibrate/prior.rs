//! A fitted key's prior: the distribution its values are drawn from in the
//! first generation and whose density weighs every later particle.

/// A prior distribution of one fitted key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Prior {
    /// Uniform on `[lo, hi]`, `lo < hi`, both finite.
    Uniform {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
}

impl Prior {
    /// A uniform prior, or `None` unless `lo < hi` and both are finite.
    pub fn uniform(lo: f64, hi: f64) -> Option<Self> {
        (lo.is_finite() && hi.is_finite() && lo < hi).then_some(Self::Uniform { lo, hi })
    }

    /// The value at quantile `u` in `[0, 1)` (inverse transform).
    pub fn quantile(&self, u: f64) -> f64 {
        match *self {
            Self::Uniform { lo, hi } => lo + u * (hi - lo),
        }
    }

    /// The prior density at `x` (0 outside the support).
    pub fn density(&self, x: f64) -> f64 {
        match *self {
            Self::Uniform { lo, hi } if (lo..=hi).contains(&x) => 1.0 / (hi - lo),
            Self::Uniform { .. } => 0.0,
        }
    }

    /// The support's ends.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Self::Uniform { lo, hi } => (lo, hi),
        }
    }

    /// The central interval holding `mass` of the prior, e.g. 0.9.
    pub fn interval(&self, mass: f64) -> (f64, f64) {
        let tail = (1.0 - mass) / 2.0;
        (self.quantile(tail), self.quantile(1.0 - tail))
    }

    /// How the prior reads in files and messages: `uniform(0.01, 0.2)`.
    pub fn describe(&self) -> String {
        match *self {
            Self::Uniform { lo, hi } => format!("uniform({lo}, {hi})"),
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
}
