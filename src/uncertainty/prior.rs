//! The distribution of one uncertain number (a prior): uniform,
//! triangular, beta (mean, sd), log-normal (median, sigma) or empirical.
//!
//! Every prior is sampled by inversion, [`Prior::quantile`] of one uniform,
//! so a draw is one keyed uniform per key (the same under every policy and
//! on any thread count) and a quasi-random or Saltelli design maps onto
//! the priors the same way. [`Prior::pdf`] is the density (the mass of an
//! empirical value), for calibration's importance weights.

use super::special::{beta_inc, ln_beta, normal_quantile};

/// The smallest uniform an unbounded prior is evaluated at (and one minus
/// it the largest): the keyed uniforms have 53 bits, so no draw lies
/// beyond `quantile(U_MIN)` or `quantile(1 − U_MIN)`, the support that
/// validation checks against the key's allowed range.
pub const U_MIN: f64 = 1.0 / 9_007_199_254_740_992.0;

/// One uncertain number's distribution, parameters checked
/// ([`Prior::check`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Prior {
    /// Uniform on `[lo, hi]`, `lo < hi`.
    Uniform {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// Triangular on `[lo, hi]` with its peak at `mode`.
    Triangular {
        /// Lower end.
        lo: f64,
        /// Peak, `lo <= mode <= hi`.
        mode: f64,
        /// Upper end, `> lo`.
        hi: f64,
    },
    /// Beta on `[0, 1]` with this mean and standard deviation
    /// (`0 < mean < 1`, `0 < sd < sqrt(mean (1 − mean))`).
    Beta {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// Log-normal: `ln X ~ N(ln median, sigma²)`, `median > 0`, `sigma > 0`.
    Lognormal {
        /// Median.
        median: f64,
        /// Standard deviation of the logarithm.
        sigma: f64,
    },
    /// Discrete: `values[i]` with probability `weights[i] / Σ weights`.
    Empirical {
        /// The values, at least one.
        values: Vec<f64>,
        /// Their weights, non-negative, summing to more than 0.
        weights: Vec<f64>,
    },
}

impl Prior {
    /// Why the parameters make no sense, if they do not: `None` when the
    /// prior can be sampled.
    pub fn check(&self) -> Option<&'static str> {
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        match self {
            Prior::Uniform { lo, hi } => {
                (!(finite(&[*lo, *hi]) && lo < hi)).then_some("[lo, hi] with lo < hi, both finite")
            }
            Prior::Triangular { lo, mode, hi } => {
                (!(finite(&[*lo, *mode, *hi]) && lo < hi && lo <= mode && mode <= hi))
                    .then_some("[lo, mode, hi] with lo <= mode <= hi and lo < hi, all finite")
            }
            Prior::Beta { mean, sd } => (!(finite(&[*mean, *sd])
                && *mean > 0.0
                && *mean < 1.0
                && *sd > 0.0
                && *sd < (mean * (1.0 - mean)).sqrt()))
            .then_some("{ mean = m, sd = s } with 0 < m < 1 and 0 < s < sqrt(m (1 - m))"),
            Prior::Lognormal { median, sigma } => {
                (!(finite(&[*median, *sigma]) && *median > 0.0 && *sigma > 0.0 && *sigma <= 5.0))
                    .then_some("{ median = m, sigma = s } with m > 0 and 0 < s <= 5, both finite")
            }
            Prior::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                (values.is_empty()
                    || values.len() != weights.len()
                    || !finite(values)
                    || !finite(weights)
                    || weights.iter().any(|w| *w < 0.0)
                    || total <= 0.0)
                    .then_some(
                        "{ values = [...], weights = [...] }: as many weights as values, at least one, finite, weights >= 0 summing to more than 0",
                    )
            }
        }
    }

    /// The beta's shape parameters (α, β) from its mean and sd.
    fn beta_shapes(mean: f64, sd: f64) -> (f64, f64) {
        let k = mean * (1.0 - mean) / (sd * sd) - 1.0;
        (mean * k, (1.0 - mean) * k)
    }

    /// The value at cumulative probability `u` (clamped into
    /// `[U_MIN, 1 − U_MIN]`): maps one uniform draw onto the prior.
    pub fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(U_MIN, 1.0 - U_MIN);
        match self {
            Prior::Uniform { lo, hi } => lo + u * (hi - lo),
            Prior::Triangular { lo, mode, hi } => {
                let split = (mode - lo) / (hi - lo);
                if u < split {
                    lo + (u * (hi - lo) * (mode - lo)).sqrt()
                } else {
                    hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
                }
            }
            Prior::Beta { mean, sd } => {
                let (a, b) = Self::beta_shapes(*mean, *sd);
                // Bisection on the regularized incomplete beta: monotone,
                // 60 halvings reach f64 resolution on [0, 1].
                let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
                for _ in 0..60 {
                    let mid = 0.5 * (lo + hi);
                    if beta_inc(a, b, mid) < u {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                0.5 * (lo + hi)
            }
            Prior::Lognormal { median, sigma } => median * (sigma * normal_quantile(u)).exp(),
            Prior::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                let mut cumulative = 0.0;
                for (v, w) in values.iter().zip(weights) {
                    cumulative += w / total;
                    if u < cumulative {
                        return *v;
                    }
                }
                // Rounding left the last cumulative a hair below 1.
                let last = weights.iter().rposition(|w| *w > 0.0).unwrap_or(0);
                values[last]
            }
        }
    }

    /// The smallest and largest value a draw can take.
    pub fn support(&self) -> (f64, f64) {
        match self {
            Prior::Empirical { values, weights } => {
                let used = values.iter().zip(weights).filter(|(_, w)| **w > 0.0);
                used.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (v, _)| {
                    (lo.min(*v), hi.max(*v))
                })
            }
            Prior::Uniform { lo, hi } | Prior::Triangular { lo, hi, .. } => (*lo, *hi),
            _ => (self.quantile(0.0), self.quantile(1.0)),
        }
    }

    /// The density at `x` (0 outside the support); for an empirical
    /// prior, the probability of the value `x`.
    pub fn pdf(&self, x: f64) -> f64 {
        match self {
            Prior::Uniform { lo, hi } => {
                if (*lo..=*hi).contains(&x) {
                    1.0 / (hi - lo)
                } else {
                    0.0
                }
            }
            Prior::Triangular { lo, mode, hi } => {
                if x < *lo || x > *hi {
                    0.0
                } else if x < *mode {
                    2.0 * (x - lo) / ((hi - lo) * (mode - lo))
                } else if x > *mode {
                    2.0 * (hi - x) / ((hi - lo) * (hi - mode))
                } else {
                    2.0 / (hi - lo)
                }
            }
            Prior::Beta { mean, sd } => {
                if !(0.0..=1.0).contains(&x) {
                    return 0.0;
                }
                let (a, b) = Self::beta_shapes(*mean, *sd);
                ((a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln() - ln_beta(a, b)).exp()
            }
            Prior::Lognormal { median, sigma } => {
                if x <= 0.0 {
                    return 0.0;
                }
                let z = (x / median).ln() / sigma;
                (-0.5 * z * z).exp() / (x * sigma * (2.0 * std::f64::consts::PI).sqrt())
            }
            Prior::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                values
                    .iter()
                    .zip(weights)
                    .filter(|(v, _)| **v == x)
                    .map(|(_, w)| w / total)
                    .sum()
            }
        }
    }

    /// The mean.
    pub fn mean(&self) -> f64 {
        match self {
            Prior::Uniform { lo, hi } => 0.5 * (lo + hi),
            Prior::Triangular { lo, mode, hi } => (lo + mode + hi) / 3.0,
            Prior::Beta { mean, .. } => *mean,
            Prior::Lognormal { median, sigma } => median * (0.5 * sigma * sigma).exp(),
            Prior::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total
            }
        }
    }

    /// The name of its kind, as the scenario writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Prior::Uniform { .. } => "uniform",
            Prior::Triangular { .. } => "triangular",
            Prior::Beta { .. } => "beta",
            Prior::Lognormal { .. } => "lognormal",
            Prior::Empirical { .. } => "empirical",
        }
    }

    /// Whether its support is bounded above only by the key (log-normal).
    pub fn unbounded(&self) -> bool {
        matches!(self, Prior::Lognormal { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numerical integral of the pdf over the support (trapezoid rule).
    fn integral(p: &Prior, lo: f64, hi: f64) -> f64 {
        let n = 20_000;
        let h = (hi - lo) / f64::from(n);
        (0..=n)
            .map(|i| {
                let w = if i == 0 || i == n { 0.5 } else { 1.0 };
                w * p.pdf(lo + h * f64::from(i))
            })
            .sum::<f64>()
            * h
    }

    #[test]
    fn quantile_inverts_the_cdf_and_the_pdf_integrates_to_one() {
        let priors = [
            Prior::Uniform { lo: 2.0, hi: 5.0 },
            Prior::Triangular {
                lo: 0.0,
                mode: 0.2,
                hi: 1.0,
            },
            Prior::Beta {
                mean: 0.25,
                sd: 0.08,
            },
            Prior::Lognormal {
                median: 50.0,
                sigma: 0.2,
            },
        ];
        for p in &priors {
            assert!(p.check().is_none(), "{p:?}");
            let (lo, hi) = p.support();
            // The pdf is a density: its integral over the support is 1
            // (to the trapezoid rule's error on 20,000 steps).
            let mass = integral(p, lo, hi);
            assert!((mass - 1.0).abs() < 2e-3, "{p:?}: {mass}");
            // The integral of the pdf up to quantile(u) is u.
            for u in [0.1, 0.5, 0.9] {
                let x = p.quantile(u);
                let below = integral(p, lo, x);
                assert!((below - u).abs() < 2e-3, "{p:?} at {u}: {below}");
            }
        }
    }

    #[test]
    fn moments_match_the_parameters() {
        // The mean of 4,000 evenly spaced quantiles is the mean to about
        // 1e-3 of the spread; the beta's sd is recovered too.
        let beta = Prior::Beta {
            mean: 0.25,
            sd: 0.08,
        };
        let n = 4000;
        let xs: Vec<f64> = (0..n)
            .map(|i| beta.quantile((f64::from(i) + 0.5) / f64::from(n)))
            .collect();
        let mean = xs.iter().sum::<f64>() / f64::from(n);
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n);
        assert!((mean - 0.25).abs() < 1e-3, "{mean}");
        assert!((var.sqrt() - 0.08).abs() < 1e-3, "{}", var.sqrt());
        let logn = Prior::Lognormal {
            median: 50.0,
            sigma: 0.2,
        };
        assert!((logn.quantile(0.5) - 50.0).abs() < 1e-6);
    }

    #[test]
    fn empirical_picks_by_weight_and_nonsense_is_refused() {
        let e = Prior::Empirical {
            values: vec![1.0, 2.0, 3.0],
            weights: vec![1.0, 0.0, 3.0],
        };
        assert_eq!(e.quantile(0.1), 1.0);
        assert_eq!(e.quantile(0.3), 3.0);
        assert_eq!(e.support(), (1.0, 3.0));
        assert_eq!(e.pdf(3.0), 0.75);
        assert!((e.mean() - 2.5).abs() < 1e-12);
        assert!(Prior::Uniform { lo: 1.0, hi: 1.0 }.check().is_some());
        assert!(Prior::Beta { mean: 0.5, sd: 0.6 }.check().is_some());
        assert!(
            Prior::Lognormal {
                median: -1.0,
                sigma: 0.2
            }
            .check()
            .is_some()
        );
        let zero = Prior::Empirical {
            values: vec![1.0],
            weights: vec![0.0],
        };
        assert!(zero.check().is_some());
    }
}
