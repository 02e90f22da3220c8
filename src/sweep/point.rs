//! The result of one sweep point, as stored in `points/` and `sweep.json`:
//! the point's values, the replications it used, and the statistics of
//! every policy and of every paired comparison with the baseline.
//!
//! A [`PointResult`] is plain data (serde both ways). Floats survive a JSON
//! round trip exactly (serde_json's `float_roundtrip`), so files rebuilt
//! from stored points are byte-identical to files built from fresh ones.

use super::grid::Point;
use super::value_text;
use crate::sim::metrics::{Metric, SegmentMetric};
use crate::sim::precision::Reached;
use crate::sim::summary::{Cause, RunSummary};
use crate::stats::Summary;
use serde::{Deserialize, Serialize};

/// One swept key's value at a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointValue {
    /// The dotted scenario key.
    pub key: String,
    /// The value as a TOML literal (`0.15`, `24`, `{ uniform = [5, 10] }`).
    pub text: String,
    /// The value as a number, when it is one (for chart axes).
    pub number: Option<f64>,
}

/// What a precision target reached at a point (JSON-safe: no infinities).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrecisionReached {
    /// The target, relative to |mean|.
    pub target: f64,
    /// The 95% CI half-width of the headline paired difference.
    pub half_width: f64,
    /// `half_width / |mean|`; `None` when the mean is 0 and the width not.
    pub relative: Option<f64>,
    /// Whether the target was met (else the maximum was reached).
    pub met: bool,
}

impl From<&Reached> for PrecisionReached {
    fn from(r: &Reached) -> Self {
        Self {
            target: r.target,
            half_width: r.half_width,
            relative: r.relative.is_finite().then_some(r.relative),
            met: r.met,
        }
    }
}

/// One statistic of one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    /// The metric (or cause) key as in files.
    pub metric: String,
    /// Its statistics over replications.
    #[serde(flatten)]
    pub summary: Summary,
}

/// Statistics of one policy at a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyStats {
    /// The policy's name.
    pub policy: String,
    /// One per reported metric, in file order (see [`Metric::reported`]),
    /// then, with segments, each segment's reported metrics as
    /// `segments.SEGMENT.METRIC` (see [`SegmentMetric::reported`]).
    pub metrics: Vec<Stat>,
}

/// A policy against the baseline at a point, paired by replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonStats {
    /// The baseline (the scenario's first policy).
    pub baseline: String,
    /// The other policy.
    pub policy: String,
    /// NPV(policy) − NPV(baseline): the value lost by choosing the baseline.
    pub npv_difference: Summary,
    /// The difference split by cause, in report order (see
    /// [`Cause::reported`]).
    pub by_cause: Vec<Stat>,
}

/// Everything stored about one finished point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointResult {
    /// Position in the sweep, from 0.
    pub index: usize,
    /// Identity for resuming: see [`super::hash::point_hash`].
    pub hash: String,
    /// The swept keys' values, in axis order.
    pub values: Vec<PointValue>,
    /// Replications run at this point.
    pub replications: u64,
    /// What a `--precision` target reached here, if one was set.
    pub precision: Option<PrecisionReached>,
    /// One per policy, in scenario order.
    pub policies: Vec<PolicyStats>,
    /// Each non-baseline policy against the baseline.
    pub comparisons: Vec<ComparisonStats>,
}

impl PointResult {
    /// The record of `point`, a variant of `scenario`, from its run's
    /// summary.
    pub fn new(
        scenario: &crate::model::Scenario,
        point: &Point,
        hash: u64,
        summary: &RunSummary,
        reached: Option<&Reached>,
    ) -> PointResult {
        let stat = |metric: &str, summary: &Summary| Stat {
            metric: metric.to_owned(),
            summary: *summary,
        };
        PointResult {
            index: point.index,
            hash: super::hash::hex(hash),
            values: point
                .assignments
                .iter()
                .map(|(key, value)| PointValue {
                    key: key.clone(),
                    text: value_text(value),
                    number: super::value_number(value),
                })
                .collect(),
            replications: summary.replications,
            precision: reached.map(PrecisionReached::from),
            policies: summary
                .policies
                .iter()
                .map(|p| {
                    let mut metrics: Vec<Stat> = Metric::reported(scenario)
                        .iter()
                        .map(|&m| stat(m.key(), p.metric(m)))
                        .collect();
                    let segment_metrics = SegmentMetric::reported(scenario);
                    for (g, segment) in scenario.segments.iter().enumerate() {
                        metrics.extend(segment_metrics.iter().map(|&m| {
                            let key = format!("segments.{}.{}", segment.name, m.key());
                            stat(&key, p.segment_metric(g, m))
                        }));
                    }
                    PolicyStats {
                        policy: p.name.clone(),
                        metrics,
                    }
                })
                .collect(),
            comparisons: summary
                .comparisons
                .iter()
                .map(|c| ComparisonStats {
                    baseline: c.baseline.clone(),
                    policy: c.policy.clone(),
                    npv_difference: c.npv_difference,
                    by_cause: Cause::reported(scenario)
                        .iter()
                        .map(|&k| stat(k.key(), c.cause(k)))
                        .collect(),
                })
                .collect(),
        }
    }

    /// The headline paired difference (the first comparison), if any.
    pub fn headline(&self) -> Option<&ComparisonStats> {
        self.comparisons.first()
    }

    /// The statistics of `metric` for the policy at `index`.
    pub fn metric(&self, policy: usize, metric: Metric) -> Option<&Summary> {
        self.policies
            .get(policy)?
            .metrics
            .iter()
            .find(|s| s.metric == metric.key())
            .map(|s| &s.summary)
    }
}
