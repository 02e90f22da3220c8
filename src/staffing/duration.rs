//! Distributions of non-negative durations (MODEL.md, "Durations"): a
//! customer's tolerance, an agent's handling time. Checked once at
//! construction, then prepared once for sampling from a keyed generator.
//!
//! A [`DurationDist`] carries no unit: its owner says whether it is in hours
//! or minutes (the scenario keys do: `tolerance_hours`, `handle_minutes`), and
//! [`DurationDist::scaled`] converts, e.g. minutes to hours with `1.0 / 60.0`.

use rand::RngExt;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Distribution, Exp, LogNormal};
use serde::Serialize;

use crate::rng::WomRng;

/// A distribution of a duration `>= 0`, in the unit its owner states.
///
/// Plain data whose invariants (written on each form) are checked by the
/// constructors and by [`DurationDist::validate`]; build it with the
/// constructors rather than the variants.
///
/// ```
/// use wom::staffing::DurationDist;
/// let d = DurationDist::lognormal(10.0, 0.5).unwrap();
/// assert!((d.mean() - 10.0 * (0.125f64).exp()).abs() < 1e-12);
/// assert!(DurationDist::uniform(5.0, 3.0).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationDist {
    /// Always this value; finite, `>= 0`.
    Fixed(f64),
    /// Uniform on the reals `[lo, hi]`; both finite, `0 <= lo <= hi`.
    Uniform {
        /// Smallest value.
        lo: f64,
        /// Largest value.
        hi: f64,
    },
    /// Exponential with this mean; finite, `>= 0` (0: always 0).
    Exponential {
        /// Expected value.
        mean: f64,
    },
    /// Log-normal: `median · e^{sigma·Z}` with `Z` standard normal; `median`
    /// finite `>= 0` (0: always 0), `sigma` finite `>= 0`, and the mean
    /// `median · e^{sigma²/2}` finite.
    Lognormal {
        /// The median, `e^μ`.
        median: f64,
        /// The standard deviation of the logarithm.
        sigma: f64,
    },
    /// `values[i]` with probability `weights[i] / Σ weights`: same non-zero
    /// length, values finite `>= 0`, weights finite `>= 0` with a positive,
    /// finite sum.
    Empirical {
        /// The possible durations.
        values: Vec<f64>,
        /// Their relative weights (need not sum to 1).
        weights: Vec<f64>,
    },
}

/// A duration distribution's parameter that is not allowed.
///
/// `parameter` is the key path below the distribution's own key, as in the
/// scenario file (`uniform`, `lognormal.sigma`, `empirical.weights[2]`), so
/// the scenario layer can prefix the full key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("`{parameter}` = {value} is not allowed; expected {allowed}")]
pub struct DurationError {
    /// Which parameter.
    pub parameter: String,
    /// Its value, as written for a person.
    pub value: String,
    /// What is allowed.
    pub allowed: &'static str,
}

const NON_NEGATIVE: &str = "a finite number >= 0";

fn bad(parameter: impl Into<String>, value: impl ToString, allowed: &'static str) -> DurationError {
    DurationError {
        parameter: parameter.into(),
        value: value.to_string(),
        allowed,
    }
}

fn non_negative(parameter: &str, x: f64) -> Result<f64, DurationError> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(bad(parameter, x, NON_NEGATIVE))
    }
}

impl DurationDist {
    /// Always `x`.
    ///
    /// # Errors
    /// When `x` is not finite and `>= 0` (parameter `fixed`).
    pub fn fixed(x: f64) -> Result<Self, DurationError> {
        Self::Fixed(x).checked()
    }

    /// Uniform on the reals `[lo, hi]`.
    ///
    /// # Errors
    /// When a bound is not finite and `>= 0` (`uniform[0]`, `uniform[1]`) or
    /// `lo > hi` (`uniform`).
    pub fn uniform(lo: f64, hi: f64) -> Result<Self, DurationError> {
        Self::Uniform { lo, hi }.checked()
    }

    /// Exponential with mean `mean`.
    ///
    /// # Errors
    /// When `mean` is not finite and `>= 0` (parameter `exponential`).
    pub fn exponential(mean: f64) -> Result<Self, DurationError> {
        Self::Exponential { mean }.checked()
    }

    /// Log-normal with median `median` and log-scale deviation `sigma`.
    ///
    /// # Errors
    /// When either is not finite and `>= 0` (`lognormal.median`,
    /// `lognormal.sigma`), or the mean overflows (`lognormal`).
    pub fn lognormal(median: f64, sigma: f64) -> Result<Self, DurationError> {
        Self::Lognormal { median, sigma }.checked()
    }

    /// `values[i]` with probability proportional to `weights[i]`.
    ///
    /// # Errors
    /// When the lengths differ or are zero (`empirical`), a value or weight
    /// is not finite and `>= 0` (`empirical.values[i]`,
    /// `empirical.weights[i]`), or the weights' sum is not positive and
    /// finite (`empirical.weights`).
    pub fn empirical(values: Vec<f64>, weights: Vec<f64>) -> Result<Self, DurationError> {
        Self::Empirical { values, weights }.checked()
    }

    fn checked(self) -> Result<Self, DurationError> {
        self.validate()?;
        Ok(self)
    }

    /// Checks the invariants written on each form. Cost `O(1)`, or `O(n)`
    /// for an empirical distribution of `n` values.
    ///
    /// # Errors
    /// The first parameter that breaks them, with what is allowed.
    pub fn validate(&self) -> Result<(), DurationError> {
        match self {
            Self::Fixed(x) => non_negative("fixed", *x).map(drop),
            Self::Uniform { lo, hi } => {
                non_negative("uniform[0]", *lo)?;
                non_negative("uniform[1]", *hi)?;
                if lo > hi {
                    let allowed = "[a, b] with 0 <= a <= b, both finite";
                    return Err(bad("uniform", format!("[{lo}, {hi}]"), allowed));
                }
                Ok(())
            }
            Self::Exponential { mean } => non_negative("exponential", *mean).map(drop),
            Self::Lognormal { median, sigma } => {
                non_negative("lognormal.median", *median)?;
                non_negative("lognormal.sigma", *sigma)?;
                if !self.mean().is_finite() {
                    let value = format!("{{ median = {median}, sigma = {sigma} }}");
                    let allowed = "a finite mean: median * exp(sigma^2 / 2) below 1.8e308";
                    return Err(bad("lognormal", value, allowed));
                }
                Ok(())
            }
            Self::Empirical { values, weights } => {
                if values.is_empty() || values.len() != weights.len() {
                    let value = format!("{} values and {} weights", values.len(), weights.len());
                    let allowed = "values and weights of the same length, at least one";
                    return Err(bad("empirical", value, allowed));
                }
                for (i, v) in values.iter().enumerate() {
                    non_negative(&format!("empirical.values[{i}]"), *v)?;
                }
                for (i, w) in weights.iter().enumerate() {
                    non_negative(&format!("empirical.weights[{i}]"), *w)?;
                }
                // Checked by building the sampler's own table from them.
                if shares(weights).is_none() {
                    let allowed = "weights >= 0 with a positive, finite sum";
                    return Err(bad("empirical.weights", format!("{weights:?}"), allowed));
                }
                if !self.mean().is_finite() {
                    let allowed = "values whose weighted mean is finite";
                    return Err(bad("empirical.values", format!("{values:?}"), allowed));
                }
                Ok(())
            }
        }
    }

    /// The exact expectation. Cost `O(1)`, or `O(n)` for an empirical
    /// distribution.
    ///
    /// ```
    /// use wom::staffing::DurationDist;
    /// let d = DurationDist::empirical(vec![1.0, 4.0], vec![3.0, 1.0]).unwrap();
    /// assert_eq!(d.mean(), 1.75);
    /// ```
    pub fn mean(&self) -> f64 {
        match self {
            Self::Fixed(x) => *x,
            Self::Uniform { lo, hi } => lo + (hi - lo) / 2.0,
            Self::Exponential { mean } => *mean,
            Self::Lognormal { median, sigma } => median * (sigma * sigma / 2.0).exp(),
            Self::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                let weighted: f64 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
                weighted / total
            }
        }
    }

    /// The share of durations at most `x`, `P(D <= x)` (the distribution
    /// function; for a customer's tolerance, the share who want an answer
    /// within `x`). Exact for every form but the log-normal, whose normal
    /// distribution function is computed to about 1e-7. Cost `O(1)`, or
    /// `O(n)` for an empirical distribution.
    ///
    /// ```
    /// use wom::staffing::DurationDist;
    /// let d = DurationDist::empirical(vec![0.5, 1.0, 24.0], vec![2.0, 1.0, 1.0]).unwrap();
    /// assert_eq!(d.cdf(0.75), 0.5);
    /// assert_eq!(d.cdf(24.0), 1.0);
    /// ```
    pub fn cdf(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        let step = |at: f64| if x >= at { 1.0 } else { 0.0 };
        match self {
            Self::Fixed(v) => step(*v),
            Self::Uniform { lo, hi } if lo == hi => step(*lo),
            Self::Uniform { lo, hi } => ((x - lo) / (hi - lo)).clamp(0.0, 1.0),
            Self::Exponential { mean } if *mean == 0.0 => step(0.0),
            Self::Exponential { mean } => (-(x.max(0.0) / mean)).exp_m1().abs(),
            Self::Lognormal { median, .. } if *median == 0.0 => step(0.0),
            Self::Lognormal { median, sigma } if *sigma == 0.0 => step(*median),
            Self::Lognormal { .. } if x <= 0.0 => 0.0,
            Self::Lognormal { median, sigma } => normal_cdf((x / median).ln() / sigma),
            Self::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                let below: f64 = values
                    .iter()
                    .zip(weights)
                    .filter(|(v, _)| **v <= x)
                    .map(|(_, w)| w)
                    .sum();
                (below / total).min(1.0)
            }
        }
    }

    /// The same distribution with every duration multiplied by `factor`
    /// (a change of unit, or a segment's `handle_factor`): scales `fixed`,
    /// both uniform bounds, the exponential mean, the log-normal median and
    /// the empirical values; `sigma` and the weights are unchanged.
    ///
    /// # Errors
    /// `factor` not finite and `>= 0` (parameter `factor`), or a scaled
    /// parameter that overflows.
    pub fn scaled(&self, factor: f64) -> Result<Self, DurationError> {
        non_negative("factor", factor)?;
        match self {
            Self::Fixed(x) => Self::fixed(x * factor),
            Self::Uniform { lo, hi } => Self::uniform(lo * factor, hi * factor),
            Self::Exponential { mean } => Self::exponential(mean * factor),
            Self::Lognormal { median, sigma } => Self::lognormal(median * factor, *sigma),
            Self::Empirical { values, weights } => {
                Self::empirical(values.iter().map(|v| v * factor).collect(), weights.clone())
            }
        }
    }
}

/// The standard normal distribution function `Φ(z) = erfc(−z/√2)/2`, with
/// `erfc(x) ≈ t·exp(−x² + P(t))`, `t = 1/(1 + x/2)`, the Chebyshev-fitted
/// `erfcc` of Numerical Recipes (Press et al., 2nd ed., §6.2), whose
/// fractional error is below 1.2e-7 everywhere.
fn normal_cdf(z: f64) -> f64 {
    let x = -z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x.abs());
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc_abs = t * (-x * x + poly).exp();
    let erfc = if x >= 0.0 { erfc_abs } else { 2.0 - erfc_abs };
    0.5 * erfc
}

/// A [`DurationDist`] prepared for fast sampling: distribution objects and
/// the empirical alias table are built once, so a draw costs `O(1)` and
/// allocates nothing.
#[derive(Debug, Clone)]
pub struct DurationSampler {
    form: Prepared,
}

#[derive(Debug, Clone)]
enum Prepared {
    Fixed(f64),
    Uniform { lo: f64, hi: f64 },
    Exponential(Exp<f64>),
    Lognormal(LogNormal<f64>),
    Empirical(WeightedAliasIndex<f64>, Vec<f64>),
}

impl DurationSampler {
    /// Prepares `dist` (checking it first). Cost `O(n)` for an empirical
    /// distribution of `n` values, else `O(1)`.
    ///
    /// # Errors
    /// Those of [`DurationDist::validate`].
    pub fn new(dist: &DurationDist) -> Result<Self, DurationError> {
        dist.validate()?;
        let form = match dist {
            DurationDist::Fixed(x) => Prepared::Fixed(*x),
            DurationDist::Uniform { lo, hi } if lo == hi => Prepared::Fixed(*lo),
            DurationDist::Uniform { lo, hi } => Prepared::Uniform { lo: *lo, hi: *hi },
            DurationDist::Exponential { mean } if *mean == 0.0 => Prepared::Fixed(0.0),
            DurationDist::Exponential { mean } => {
                Prepared::Exponential(Exp::new(1.0 / mean).map_err(|_| internal("exponential"))?)
            }
            DurationDist::Lognormal { median, .. } if *median == 0.0 => Prepared::Fixed(0.0),
            DurationDist::Lognormal { median, sigma } if *sigma == 0.0 => Prepared::Fixed(*median),
            DurationDist::Lognormal { median, sigma } => Prepared::Lognormal(
                LogNormal::new(median.ln(), *sigma).map_err(|_| internal("lognormal"))?,
            ),
            DurationDist::Empirical { values, weights } => {
                let alias = shares(weights).ok_or_else(|| internal("empirical"))?;
                Prepared::Empirical(alias, values.clone())
            }
        };
        Ok(Self { form })
    }

    /// One draw, `>= 0`. Cost `O(1)`.
    #[inline]
    pub fn sample(&self, rng: &mut WomRng) -> f64 {
        match &self.form {
            Prepared::Fixed(x) => *x,
            Prepared::Uniform { lo, hi } => {
                let u: f64 = rng.random();
                (lo + (hi - lo) * u).min(*hi)
            }
            Prepared::Exponential(d) => d.sample(rng),
            Prepared::Lognormal(d) => d.sample(rng),
            Prepared::Empirical(alias, values) => values[alias.sample(rng)],
        }
    }
}

/// The alias table of empirical `weights`, normalised first so every
/// weight is <= 1 (the table refuses weights above `f64::MAX / n`); `None`
/// when the weights cannot make one.
fn shares(weights: &[f64]) -> Option<WeightedAliasIndex<f64>> {
    let total: f64 = weights.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return None;
    }
    let shares: Vec<f64> = weights.iter().map(|w| w / total).collect();
    crate::rng::alias_table(&shares)
}

/// A validated parameter that rand_distr still refused (cannot happen; kept
/// as an error rather than a panic).
fn internal(form: &str) -> DurationError {
    bad(
        form,
        "a validated parameter",
        "parameters rand_distr accepts",
    )
}

#[cfg(test)]
#[path = "duration_tests.rs"]
mod tests;
