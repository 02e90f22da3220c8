//! `wom trace` arguments.

use clap::Args;
use std::path::PathBuf;

/// Follow the stories of one period of one replication — who told whom, at
/// which hop, with what effect — from the same random streams as `wom run`
/// (same scenario and seed, same stories). Writes trace.json and a picture
/// of one customer's story spreading, one panel per policy.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom trace scenarios/real_estate.toml --policy ignore --policy recover\n  wom trace scenarios/default.toml --policy ignore --replication 3 --period 5\n  wom trace scenarios/tarp.toml --policy ignore --person 4711\n\nBy default the customer at the centre is the one with a problem in that period whose story reached most people (summed over the policies shown); the output says who and why.\nFiles written to DIR (default output/<scenario stem>/): trace.json, trace.png, trace.svg."
)]
pub struct TraceArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Policy to follow; give it twice for two panels side by side
    /// (default: the baseline and the next policy).
    #[arg(long, value_name = "NAME")]
    pub policy: Vec<String>,
    /// Replication to follow (0 = the first; as numbered in replications.csv).
    #[arg(long, value_name = "R", default_value_t = 0)]
    pub replication: u64,
    /// Period to follow (0 = the first; as numbered in periods.csv).
    #[arg(long, value_name = "T", default_value_t = 0)]
    pub period: u32,
    /// The customer whose story to draw (default: see below).
    #[arg(long, value_name = "ID")]
    pub person: Option<u32>,
    /// Random seed (overrides the scenario's `seed`, as in `wom run`).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Override a scenario key, as in `wom run` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Output directory (default: output/<scenario file stem>/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}
