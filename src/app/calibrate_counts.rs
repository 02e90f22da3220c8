//! `wom counts`: one replication of one policy written as a counts file of
//! the form `wom calibrate --observed` reads: synthetic counts at known
//! values, to check what a calibration can recover.

use super::calibrate_fit::series;
use super::scenario::{self, ScenarioInput};
use crate::present::bad_input;
use crate::store::write_text;
use anyhow::Result;
use std::path::PathBuf;
use wom::results::calibration_counts::CountColumn;
use wom::sim::NoObserver;

/// The validated options of `wom counts`.
#[derive(Debug, Clone)]
pub struct CountsOptions {
    /// The scenario, its `--set` overrides and `--seed`.
    pub input: ScenarioInput,
    /// The policy to simulate.
    pub policy: String,
    /// Replication to write (its streams are (seed, replication)).
    pub replication: u64,
    /// The counts file to write.
    pub out: PathBuf,
}

/// The counts of one replication as CSV text: `period` and every column
/// the policy produces (`parted` only when it parts with customers).
pub fn counts_text(run: &wom::sim::PolicyRun, parts: bool) -> String {
    let columns: Vec<CountColumn> = CountColumn::ALL
        .into_iter()
        .filter(|&c| parts || c != CountColumn::Parted)
        .collect();
    let periods = run.periods.len();
    let values: Vec<Vec<f64>> = columns.iter().map(|&c| series(run, c, periods)).collect();
    let mut out = String::from("period");
    for c in &columns {
        out += ",";
        out += c.key();
    }
    out += "\n";
    for t in 0..periods {
        out += &t.to_string();
        for v in &values {
            out += &format!(",{}", v[t]);
        }
        out += "\n";
    }
    out
}

/// Runs `wom counts`.
///
/// # Errors
/// Bad input for the scenario or an unknown policy; a failure when the file
/// cannot be written.
pub fn run(options: &CountsOptions) -> Result<()> {
    let loaded = scenario::load(&options.input)?;
    let names = loaded.scenario.policy_names();
    let policy = names
        .iter()
        .position(|n| *n == options.policy)
        .ok_or_else(|| {
            bad_input(format!(
                "--policy {}: no such policy; the scenario's policies: {}",
                options.policy,
                names.join(", ")
            ))
        })?;
    let parts = loaded.scenario.policies[policy].parts();
    // The counts are at the scenario's own values, not at a draw of its
    // [uncertainty].
    let mut s = loaded.scenario;
    s.uncertainty = None;
    let world = scenario::build_world(s, 1)?;
    let run = world
        .observe(options.replication, policy, &mut NoObserver)
        .map_err(scenario::world_error)?;
    write_text(&options.out, &counts_text(&run, parts))
}
