//! The report's view of a finished run: the typed result files
//! ([`wom::results::Run`]) borrowed and arranged by policy and comparison,
//! never copied, so that `wom run`, `wom plot DIR` and any other caller
//! draw from the same data.

use super::charts::worth::{self, SegmentData};
use wom::model::{Policy, Scenario};
use wom::results::Run;
use wom::results::ordered::Ordered;
use wom::results::response::ResponseTimes;
pub use wom::results::summary::Stat;
use wom::sim::summary::{Band, Cause};
use wom::sim::{Metric, PeriodSeries};

/// One policy's results: a view over the run's files.
#[derive(Debug, Clone)]
pub struct PolicyData<'a> {
    /// Name.
    pub name: &'a str,
    /// Position in the scenario (0 = baseline); picks its colour.
    pub index: usize,
    /// Every metric the run reports, in file order (summary.json).
    pub metrics: &'a Ordered<Metric, Stat>,
    /// `periods[t][series]` (periods.csv), series indexed like
    /// [`PeriodSeries::ALL`].
    pub periods: Vec<&'a [Band; PeriodSeries::COUNT]>,
    /// NPV of each replication, in replication order (replications.csv's
    /// column).
    pub npv: Vec<f64>,
}

impl PolicyData<'_> {
    /// One metric.
    ///
    /// # Panics
    /// If the run does not report `m` (every metric of a scenario without
    /// optional features is reported; [`Run::load`] checked the files).
    pub fn metric(&self, m: Metric) -> &Stat {
        self.metrics
            .get(&m)
            .unwrap_or_else(|| panic!("the run does not report `{}`", m.key()))
    }

    /// The mean of `m`, or 0 when the run does not report it (a feature
    /// the scenario does not use).
    pub fn mean_or_zero(&self, m: Metric) -> f64 {
        self.metrics.get(&m).map_or(0.0, |s| s.mean)
    }

    /// One series in one period.
    pub fn band(&self, t: usize, s: PeriodSeries) -> &Band {
        &self.periods[t][s as usize]
    }
}

/// A policy compared with the baseline: a view over summary.json's
/// comparison.
#[derive(Debug, Clone, Copy)]
pub struct ComparisonData<'a> {
    /// The baseline's name.
    pub baseline: &'a str,
    /// The other policy's name.
    pub policy: &'a str,
    /// The other policy's index (for its colour).
    pub policy_index: usize,
    /// NPV(policy) − NPV(baseline), paired: the value lost by the baseline.
    pub npv_difference: &'a Stat,
    /// The difference by cause, in report order.
    pub by_cause: &'a [(Cause, Stat)],
}

/// Everything the charts and the report show of one run: a view over its
/// typed result files ([`Run`]), with what the report adds (the scenario's
/// identity, the warnings, what each segment is worth).
#[derive(Debug, Clone)]
pub struct RunData<'a> {
    /// The scenario run.
    pub scenario: &'a Scenario,
    /// Its identity (see `wom::scenario::resolved::identity`), to match a
    /// traced story with the run.
    pub identity: String,
    /// Persons simulated.
    pub people: u64,
    /// Seed.
    pub seed: u64,
    /// Replications.
    pub replications: u64,
    /// The scenario file the run read.
    pub scenario_file: &'a str,
    /// wom version that ran it.
    pub version: &'a str,
    /// The headline sentences, one per comparison.
    pub headlines: &'a [String],
    /// Warnings about how far to trust them (see
    /// `shortfall::shortfall_warning`).
    pub warnings: Vec<String>,
    /// Policies in scenario order.
    pub policies: Vec<PolicyData<'a>>,
    /// Each policy after the first against the first.
    pub comparisons: Vec<ComparisonData<'a>>,
    /// What each segment is worth under each policy (empty without
    /// segments), from replications.csv's paired columns.
    pub segments: Vec<SegmentData>,
    /// How soon each answering policy answered, when the run reports it.
    pub response_times: Option<&'a ResponseTimes>,
}

impl<'a> RunData<'a> {
    /// The view of a run whose files were checked (see [`Run::load`]),
    /// with the warnings the report shows under its headlines.
    pub fn new(run: &'a Run, identity: String, warnings: Vec<String>) -> Self {
        let policies = run
            .summary
            .policies
            .0
            .iter()
            .enumerate()
            .map(|(index, (name, stats))| PolicyData {
                name: name.as_str(),
                index,
                metrics: &stats.metrics,
                periods: run
                    .periods
                    .iter()
                    .filter(|r| r.policy == index)
                    .map(|r| &r.bands)
                    .collect(),
                npv: run.npv(index),
            })
            .collect();
        let comparisons = run
            .summary
            .comparisons
            .iter()
            .enumerate()
            .map(|(i, c)| ComparisonData {
                baseline: &c.baseline,
                policy: &c.policy,
                policy_index: i + 1,
                npv_difference: &c.npv_difference,
                by_cause: &c.by_cause.0,
            })
            .collect();
        RunData {
            scenario: &run.scenario,
            identity,
            people: u64::from(run.metadata.people),
            seed: run.summary.seed,
            replications: run.summary.replications,
            scenario_file: &run.metadata.scenario_file,
            version: &run.metadata.wom_version,
            headlines: &run.summary.headlines,
            warnings,
            policies,
            comparisons,
            segments: worth::segments(run),
            response_times: run.summary.response_times.as_ref(),
        }
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.scenario.economics.currency
    }

    /// The baseline policy's settings.
    pub fn baseline(&self) -> &Policy {
        &self.scenario.policies[0]
    }

    /// "12 months".
    pub fn horizon(&self) -> String {
        let s = &self.scenario;
        format!(
            "{} {}{}",
            s.periods,
            s.period_label,
            if s.periods == 1 { "" } else { "s" }
        )
    }
}
