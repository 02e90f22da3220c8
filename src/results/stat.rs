//! One output's statistics over replications, as every result file writes
//! them: `{mean, sd, ci95, p5, p50, p95}`.

use crate::stats::Summary;
use serde::{Deserialize, Serialize};

/// Statistics of one output over replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stat {
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// 95% confidence interval of the mean.
    pub ci95: [f64; 2],
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl From<&Summary> for Stat {
    fn from(s: &Summary) -> Self {
        Stat {
            mean: s.mean,
            sd: s.sd,
            ci95: s.ci95,
            p5: s.p5,
            p50: s.p50,
            p95: s.p95,
        }
    }
}

impl Stat {
    /// Half-width of the 95% interval.
    pub fn half_width(&self) -> f64 {
        (self.ci95[1] - self.ci95[0]) / 2.0
    }

    /// Every number of the statistic, for finiteness checks.
    pub fn numbers(&self) -> [f64; 7] {
        [
            self.mean,
            self.sd,
            self.ci95[0],
            self.ci95[1],
            self.p5,
            self.p50,
            self.p95,
        ]
    }
}
