//! Summary statistics over replications: mean, standard deviation, 95%
//! confidence interval of the mean (Student t) and percentiles.
//!
//! Values are always summarised from a slice held in replication order, in
//! one serial pass, so the result does not depend on how replications were
//! scheduled across threads.

use serde::{Deserialize, Serialize};

/// Two-sided 97.5% quantiles of Student's t for 1..=30 degrees of freedom.
const T_975: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// The 0.975 quantile of Student's t with `df` degrees of freedom: a table up
/// to 30, then the Cornish–Fisher expansion (error below 1e-4 there).
pub fn t_quantile_975(df: u64) -> f64 {
    match df {
        0 => f64::INFINITY,
        1..=30 => T_975[df as usize - 1],
        _ => {
            let z: f64 = 1.959_963_984_540_054;
            let n = df as f64;
            let z3 = z.powi(3);
            let z5 = z.powi(5);
            let z7 = z.powi(7);
            z + (z3 + z) / (4.0 * n)
                + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n)
                + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * n * n * n)
        }
    }
}

/// The `q`-quantile (`0 ≤ q ≤ 1`) of sorted values by linear interpolation
/// between order statistics (numpy's default, Hyndman & Fan type 7).
/// Returns NaN for an empty slice.
pub fn percentile_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Summary of one output over replications.
///
/// ```
/// use wom::stats::Summary;
/// let s = Summary::from_values(&[1.0, 2.0, 3.0, 4.0]);
/// assert_eq!(s.mean, 2.5);
/// assert!((s.sd - 1.290_994).abs() < 1e-6);
/// assert!(s.ci95[0] < 2.5 && s.ci95[1] > 2.5);
/// assert_eq!(s.p50, 2.5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator; 0 for one value).
    pub sd: f64,
    /// 95% confidence interval of the mean: mean ± t(0.975, n−1) · sd/√n.
    pub ci95: [f64; 2],
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Summary {
    /// Summarises `values` (in replication order).
    pub fn from_values(values: &[f64]) -> Self {
        let n = values.len();
        if n == 0 {
            return Self {
                n: 0,
                mean: f64::NAN,
                sd: f64::NAN,
                ci95: [f64::NAN; 2],
                p5: f64::NAN,
                p50: f64::NAN,
                p95: f64::NAN,
            };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let sd = if n > 1 {
            (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        let half = if n > 1 {
            t_quantile_975(n as u64 - 1) * sd / (n as f64).sqrt()
        } else {
            0.0
        };
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Self {
            n: n as u64,
            mean,
            sd,
            ci95: [mean - half, mean + half],
            p5: percentile_sorted(&sorted, 0.05),
            p50: percentile_sorted(&sorted, 0.50),
            p95: percentile_sorted(&sorted, 0.95),
        }
    }

    /// Standard error of the mean, `sd / √n`.
    pub fn se(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.sd / (self.n as f64).sqrt()
        }
    }

    /// Half-width of the 95% interval.
    pub fn half_width(&self) -> f64 {
        (self.ci95[1] - self.ci95[0]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        assert_eq!(t_quantile_975(1), 12.706);
        // Published values: t(0.975, 40) = 2.021, 60 → 2.000, 120 → 1.980.
        assert!((t_quantile_975(40) - 2.021).abs() < 1e-3);
        assert!((t_quantile_975(60) - 2.000).abs() < 1e-3);
        assert!((t_quantile_975(120) - 1.980).abs() < 1e-3);
        assert!((t_quantile_975(1_000_000) - 1.96).abs() < 1e-3);
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile_sorted(&v, 0.05), 1.2);
        assert_eq!(percentile_sorted(&v, 0.5), 3.0);
        assert!((percentile_sorted(&v, 0.95) - 4.8).abs() < 1e-12);
    }

    #[test]
    fn single_value_has_zero_width() {
        let s = Summary::from_values(&[7.0]);
        assert_eq!((s.mean, s.sd, s.ci95), (7.0, 0.0, [7.0, 7.0]));
    }
}
