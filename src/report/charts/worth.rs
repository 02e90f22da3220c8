//! What each segment is worth (MODEL.md, "Segments"): under each policy,
//! every statistic of the segment from summary.json, and its NPV per
//! customer at the start, estimated from replications.csv as a ratio of
//! means with a delta-method 95% interval.

use wom::results::Run;
use wom::results::ordered::Ordered;
use wom::results::summary::Stat;
use wom::sim::SegmentMetric;
use wom::stats::t_quantile_975;

/// A ratio estimate with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    /// Σ y / Σ x over the replications.
    pub mean: f64,
    /// 95% confidence interval.
    pub ci95: [f64; 2],
}

/// The ratio of means `Σy / Σx` of paired values, with the delta-method
/// standard error `√(Σ (yᵢ − R·xᵢ)² / (n(n − 1))) / x̄` (Cochran, Sampling
/// Techniques, ch. 6); `None` when `x` sums to 0 or there are fewer than
/// two pairs.
pub fn ratio(pairs: &[(f64, f64)]) -> Option<Ratio> {
    let n = pairs.len();
    let (sy, sx) = pairs
        .iter()
        .fold((0.0, 0.0), |(sy, sx), (y, x)| (sy + y, sx + x));
    if n < 2 || sx <= 0.0 {
        return None;
    }
    let r = sy / sx;
    let x_mean = sx / n as f64;
    let residuals: f64 = pairs.iter().map(|(y, x)| (y - r * x).powi(2)).sum();
    let se = (residuals / (n as f64 * (n as f64 - 1.0))).sqrt() / x_mean;
    let half = t_quantile_975(n as u64 - 1) * se;
    Some(Ratio {
        mean: r,
        ci95: [r - half, r + half],
    })
}

/// One segment under one policy.
#[derive(Debug, Clone)]
pub struct SegmentPolicy {
    /// Every segment metric the run reports.
    pub stats: Ordered<SegmentMetric, Stat>,
    /// The segment's NPV per customer at the start, when it had any.
    pub per_customer: Option<Ratio>,
}

impl SegmentPolicy {
    /// One segment metric, if reported.
    pub fn stat(&self, m: SegmentMetric) -> Option<&Stat> {
        self.stats.get(&m)
    }
}

/// One segment under every policy.
#[derive(Debug, Clone)]
pub struct SegmentData {
    /// Its name.
    pub name: String,
    /// Its share of the people.
    pub share: f64,
    /// One per policy, in scenario order.
    pub policies: Vec<SegmentPolicy>,
}

/// Every segment of a run whose files were checked (see [`Run::load`]);
/// empty without segments.
pub fn segments(run: &Run) -> Vec<SegmentData> {
    let policies = run.names().len();
    run.scenario
        .segments
        .iter()
        .enumerate()
        .map(|(g, segment)| SegmentData {
            name: segment.name.clone(),
            share: segment.share,
            policies: (0..policies)
                .map(|p| {
                    let pairs: Vec<(f64, f64)> = run
                        .replications
                        .iter()
                        .filter(|r| r.policy == p)
                        .map(|r| {
                            let s = &r.segments[g];
                            (
                                s.get(SegmentMetric::Npv),
                                s.get(SegmentMetric::CustomersInitial),
                            )
                        })
                        .collect();
                    SegmentPolicy {
                        stats: run.summary.policies.0[p]
                            .1
                            .segments
                            .get(&segment.name)
                            .cloned()
                            .unwrap_or_default(),
                        per_customer: ratio(&pairs),
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_of_means_with_the_delta_method_interval() {
        let r = ratio(&[(10.0, 2.0), (30.0, 4.0), (20.0, 4.0)]).unwrap();
        assert_eq!(r.mean, 60.0 / 10.0);
        // Residuals y − 6x: −2, 6, −4; Σ² = 56; se = √(56 / 6) / (10/3).
        let se = (56.0f64 / 6.0).sqrt() / (10.0 / 3.0);
        let half = 4.303 * se;
        assert!((r.ci95[1] - r.mean - half).abs() < 1e-9, "{r:?}");
        // Exact proportionality: no spread.
        let r = ratio(&[(5.0, 1.0), (10.0, 2.0)]).unwrap();
        assert_eq!(r.ci95, [5.0, 5.0]);
        assert_eq!(ratio(&[(1.0, 0.0), (2.0, 0.0)]), None);
        assert_eq!(ratio(&[(1.0, 1.0)]), None);
    }
}
