//! The per-draw expected differences of a finished run with
//! `[uncertainty]`, read back from its replication rows (replications.csv):
//! what the charts of `crate::report` draw, the same numbers as the
//! `uncertainty` object's estimators saw when the run was made, whether the
//! run is fresh or loaded by `wom plot`.

use super::rows::ReplicationRow;
use crate::model::Scenario;
use crate::sim::Metric;
use crate::uncertainty::estimate::{Deconvolved, deconvolve};

/// One comparison's draws with the Monte Carlo noise removed (see
/// [`crate::uncertainty::estimate`]), for each policy after the first
/// against the first; empty without `[uncertainty]`.
pub fn deconvolved(scenario: &Scenario, rows: &[ReplicationRow]) -> Vec<Deconvolved> {
    let Some(u) = scenario.uncertainty.as_ref() else {
        return Vec::new();
    };
    let policies = scenario.policies.len();
    let draws = (scenario.replications / u.replications_per_draw.max(1)) as usize;
    let mut groups: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); draws]; policies - 1];
    for replication in rows.chunks(policies) {
        let base = replication[0].outputs.get(Metric::Npv);
        let d = u.draw_of(replication[0].replication) as usize;
        for (k, row) in replication.iter().enumerate().skip(1) {
            if let Some(g) = groups[k - 1].get_mut(d) {
                g.push(row.outputs.get(Metric::Npv) - base);
            }
        }
    }
    groups.iter().map(|g| deconvolve(g)).collect()
}
