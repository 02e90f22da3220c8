//! summary.json: the statistics of every policy and every paired
//! comparison, with the headline sentences. One struct both writes and
//! reads the file.

use super::ordered::Ordered;
use super::policy_stats::PolicyStats;
use super::response::ResponseTimes;
pub use super::stat::Stat;
use crate::model::Scenario;
use crate::sim::precision::Reached;
use crate::sim::summary::{Cause, Comparison, RunSummary};
use crate::sim::{Metric, SegmentMetric};
use serde::{Deserialize, Serialize};

/// What a `--precision` target reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrecisionReached {
    /// The target, relative to |mean|.
    pub target: f64,
    /// Replications used.
    pub replications: u64,
    /// Mean of the headline paired difference.
    pub mean: f64,
    /// Its 95% CI half-width.
    pub half_width: f64,
    /// `half_width / |mean|`; `None` when the mean is 0 and the width not.
    pub relative: Option<f64>,
    /// Whether the target was met (else the maximum was reached).
    pub met: bool,
}

impl From<&Reached> for PrecisionReached {
    fn from(r: &Reached) -> Self {
        PrecisionReached {
            target: r.target,
            replications: r.replications,
            mean: r.mean,
            half_width: r.half_width,
            relative: r.relative.is_finite().then_some(r.relative),
            met: r.met,
        }
    }
}

/// One policy compared with the baseline, paired by replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonStats {
    /// The baseline (the scenario's first policy).
    pub baseline: String,
    /// The other policy.
    pub policy: String,
    /// NPV(policy) − NPV(baseline): the value lost by choosing the baseline.
    pub npv_difference: Stat,
    /// Half-width of the interval two independent runs would give.
    pub unpaired_ci95_half_width: f64,
    /// Share of the customer value lost that travelled by word of mouth.
    pub word_of_mouth_share: Option<f64>,
    /// The difference split by cause.
    pub by_cause: Ordered<Cause, Stat>,
}

impl ComparisonStats {
    fn new(c: &Comparison, causes: &[Cause]) -> Self {
        ComparisonStats {
            baseline: c.baseline.clone(),
            policy: c.policy.clone(),
            npv_difference: Stat::from(&c.npv_difference),
            unpaired_ci95_half_width: c.unpaired_half_width,
            word_of_mouth_share: c.word_of_mouth_share,
            by_cause: Ordered(
                causes
                    .iter()
                    .map(|&k| (k, Stat::from(c.cause(k))))
                    .collect(),
            ),
        }
    }

    /// The statistics of one cause.
    pub fn cause(&self, cause: Cause) -> Option<&Stat> {
        self.by_cause.get(&cause)
    }
}

/// summary.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryFile {
    /// The scenario's name.
    pub scenario: String,
    /// The seed every stream derives from.
    pub seed: u64,
    /// Replications summarised.
    pub replications: u64,
    /// What a `--precision` target reached (`null` without one).
    pub precision: Option<PrecisionReached>,
    /// Periods simulated.
    pub periods: u32,
    /// What a period is called.
    pub period_label: String,
    /// Currency of money metrics.
    pub currency: String,
    /// The wom version that wrote it.
    pub wom_version: String,
    /// One sentence per comparison.
    pub headlines: Vec<String>,
    /// What each headline says, as data beside its sentence (see
    /// [`super::finding`]); absent in files of earlier versions.
    #[serde(default)]
    pub findings: Vec<super::finding::Stated>,
    /// Every metric of every policy (and, with segments, of each
    /// segment), policies in scenario order.
    pub policies: Ordered<String, PolicyStats>,
    /// Each policy after the first against the first.
    pub comparisons: Vec<ComparisonStats>,
    /// How soon each answering policy answered, when the scenario uses
    /// response times (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_times: Option<ResponseTimes>,
    /// What the uncertain inputs mean for the decision, when the scenario
    /// has `[uncertainty]` (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<super::uncertainty::UncertaintySummary>,
}

impl SummaryFile {
    /// The summary of a run of `scenario`: the metrics and causes it
    /// reports (see [`Metric::reported`]), without headlines yet.
    pub fn new(scenario: &Scenario, summary: &RunSummary, reached: Option<&Reached>) -> Self {
        let metrics = Metric::reported(scenario);
        let causes = Cause::reported(scenario);
        let segments = scenario.segment_names();
        let segment_metrics = SegmentMetric::reported(scenario);
        SummaryFile {
            scenario: scenario.name.clone(),
            seed: scenario.seed,
            replications: summary.replications,
            precision: reached.map(PrecisionReached::from),
            periods: scenario.periods,
            period_label: scenario.period_label.clone(),
            currency: scenario.economics.currency.clone(),
            wom_version: env!("CARGO_PKG_VERSION").to_owned(),
            headlines: Vec::new(),
            findings: Vec::new(),
            policies: Ordered(
                summary
                    .policies
                    .iter()
                    .map(|p| {
                        let stats = PolicyStats::new(p, &metrics, &segments, &segment_metrics);
                        (p.name.clone(), stats)
                    })
                    .collect(),
            ),
            comparisons: summary
                .comparisons
                .iter()
                .map(|c| ComparisonStats::new(c, &causes))
                .collect(),
            response_times: ResponseTimes::new(scenario, summary),
            uncertainty: None,
        }
    }

    /// The statistics of `metric` for the policy at `index`.
    pub fn metric(&self, index: usize, metric: Metric) -> Option<&Stat> {
        self.policies.0.get(index)?.1.metrics.get(&metric)
    }

    /// Checks what the types cannot: exactly the metrics and causes a run
    /// of `scenario` reports, every number finite.
    ///
    /// # Errors
    /// The field at fault, as a dotted path, and what is wrong.
    pub fn check(&self, scenario: &Scenario) -> Result<(), String> {
        let metrics = Metric::reported(scenario);
        let causes = Cause::reported(scenario);
        for (name, stats) in &self.policies.0 {
            let at = format!("policies.{name}");
            check_stats(&at, &stats.metrics, &metrics, |m| m.key())?;
            let names: Vec<&String> = stats.segments.keys().collect();
            let expected = scenario.segment_names();
            if names
                .iter()
                .map(|n| n.as_str())
                .ne(expected.iter().map(String::as_str))
            {
                return Err(format!(
                    "{at}.segments: {names:?} are not the scenario's segments {expected:?}"
                ));
            }
            let segment_metrics = SegmentMetric::reported(scenario);
            for (segment, seg_stats) in &stats.segments.0 {
                let at = format!("{at}.segments.{segment}");
                check_stats(&at, seg_stats, &segment_metrics, |m| m.key())?;
            }
        }
        super::finite::check(&self.precision).map_err(|e| format!("precision: {e}"))?;
        for (i, c) in self.comparisons.iter().enumerate() {
            finite(
                &format!("comparisons[{i}].npv_difference"),
                &c.npv_difference,
            )?;
            let scalars = (c.unpaired_ci95_half_width, c.word_of_mouth_share);
            super::finite::check(&scalars).map_err(|e| format!("comparisons[{i}]: {e}"))?;
            if let Some(extra) = c.by_cause.keys().find(|k| !causes.contains(k)) {
                return Err(format!(
                    "comparisons[{i}].by_cause.{}: not a cause of this scenario",
                    extra.key()
                ));
            }
            for &cause in &causes {
                let stat = c
                    .cause(cause)
                    .ok_or_else(|| format!("comparisons[{i}].by_cause: no `{}`", cause.key()))?;
                finite(&format!("comparisons[{i}].by_cause.{}", cause.key()), stat)?;
            }
        }
        if !self.findings.is_empty() && self.findings.len() != self.headlines.len() {
            return Err(format!(
                "findings: {} findings for {} headlines (one per headline)",
                self.findings.len(),
                self.headlines.len()
            ));
        }
        for (i, stated) in self.findings.iter().enumerate() {
            super::finite::check(&stated.finding).map_err(|e| format!("findings[{i}]: {e}"))?;
        }
        ResponseTimes::check(self.response_times.as_ref(), scenario)
    }
}

/// Checks that `stats` holds exactly the `reported` keys, each finite.
fn check_stats<K: super::ordered::MapKey + Copy>(
    at: &str,
    stats: &Ordered<K, Stat>,
    reported: &[K],
    key: fn(K) -> &'static str,
) -> Result<(), String> {
    if let Some(extra) = stats.keys().find(|m| !reported.contains(m)) {
        return Err(format!(
            "{at}.{}: not a metric of this scenario",
            key(*extra)
        ));
    }
    for &m in reported {
        let stat = stats
            .get(&m)
            .ok_or_else(|| format!("{at}: no `{}`", key(m)))?;
        finite(&format!("{at}.{}", key(m)), stat)?;
    }
    Ok(())
}

fn finite(at: &str, stat: &Stat) -> Result<(), String> {
    if stat.numbers().iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(format!("{at}: a number is not finite"))
    }
}
