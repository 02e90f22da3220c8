//! The memory a run's results hold, estimated before any work: every
//! replication keeps, per policy, its totals, its per-period series, its
//! segments' outputs and its response-time counts until the run is
//! summarised, and the summary sorts a copy of each column for its
//! quantiles. `wom run`, its shards, every point of a sweep or a
//! sensitivity analysis and every request of `wom serve` check it beside
//! the network's estimate (`network::check_fits`), so that what will not
//! fit is refused with exit 2 (or HTTP 400) instead of an abort.

use super::network::check_memory;
use anyhow::Result;
use wom::model::Scenario;
use wom::sim::{Metric, PeriodSeries, SegmentMetric};

/// Bytes of a `Vec`'s header (pointer, capacity, length).
const VEC: u64 = 24;

/// The copies of the results a run holds at its peak: the replications
/// themselves, the shard they become (the same replications, moved, plus
/// the rows of replications.csv and periods.csv built from them) and the
/// columns the summary sorts. An upper bound rather than a measurement.
const COPIES: u64 = 3;

/// Bytes one replication's results take: per policy, its totals, its
/// per-period series, its segments' outputs and its response-time bins.
pub fn replication_bytes(scenario: &Scenario) -> u64 {
    let periods = u64::from(scenario.periods);
    let segments = scenario.segments.len() as u64;
    let bins = wom::sim::response::RESPONSE_EDGES_HOURS.len() as u64 + 1;
    let per_policy = 8 * Metric::COUNT as u64
        + VEC
        + periods * 8 * PeriodSeries::COUNT as u64
        + VEC
        + segments * (8 * SegmentMetric::COUNT as u64)
        + VEC
        + bins * 8;
    16 + VEC + scenario.policies.len() as u64 * per_policy
}

/// Bytes the results of `replications` replications of `scenario` hold at
/// their peak. Saturates instead of overflowing.
pub fn results_bytes(scenario: &Scenario, replications: u64) -> u64 {
    replication_bytes(scenario)
        .saturating_mul(replications)
        .saturating_mul(COPIES)
}

/// What `results_bytes` says, in words, for messages.
pub fn describe(scenario: &Scenario, replications: u64) -> String {
    format!(
        "the results of {replications} replications × {} periods × {} policies",
        scenario.periods,
        scenario.policies.len()
    )
}

/// Checks, before any work, that the results of `replications`
/// replications of `scenario` fit in this machine's available memory.
///
/// # Errors
/// Bad input (exit 2) naming the sizes and what to lower.
pub fn check_results(scenario: &Scenario, replications: u64) -> Result<()> {
    check_memory(
        results_bytes(scenario, replications),
        &format!(
            "scenario “{}”: {}",
            scenario.name,
            describe(scenario, replications)
        ),
        "lower --replications (or --precision's maximum), periods, or the policies",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_grows_with_every_dimension_and_saturates() {
        let text = "replications = 2\n[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\n";
        let s = wom::scenario::parse(text, std::path::Path::new("t.toml")).unwrap();
        let one = results_bytes(&s, 1);
        assert!(one > 0);
        assert_eq!(results_bytes(&s, 1000), one * 1000);
        let mut longer = s.clone();
        longer.periods *= 10;
        assert!(results_bytes(&longer, 1) > one);
        // The reproducer: 10,000 periods × 50,000 replications × 2
        // policies is far beyond any machine's memory (tens of GB).
        longer.periods = 10_000;
        assert!(results_bytes(&longer, 50_000) > 40 << 30);
        assert_eq!(results_bytes(&s, u64::MAX), u64::MAX);
    }
}
