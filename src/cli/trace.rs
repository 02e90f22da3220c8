//! `wom trace` arguments.

use super::common::{OutArgs, ScenarioArgs, SetArgs};
use crate::app::trace::TraceOptions;
use clap::Args;

/// Follow the stories of one period of one replication — who told whom, at
/// which hop, with what effect — from the same random streams as `wom run`
/// (same scenario and seed, same stories). Writes trace.json and a picture
/// of one customer's story spreading, one panel per policy.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom trace scenarios/real_estate.toml --policy ignore --policy recover\n  wom trace scenarios/default.toml --policy ignore --replication 3 --period 5\n  wom trace scenarios/tarp.toml --policy ignore --person 4711\n  wom trace my.toml --person alice   (a file network: a name from its edge list)\n\nBy default the customer at the centre is the one with a problem in that period whose story reached most people (summed over the policies shown); the output says who and why.\nFiles written to DIR (default output/<scenario stem>/): trace.json, trace.png, trace.svg. When DIR holds a finished run of the same scenario (same resolved keys and seed), its report.html gains the story."
)]
pub struct TraceArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Overrides, as in `wom run`.
    #[command(flatten)]
    pub set: SetArgs,
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
    /// The customer whose story to draw, by their name in a file network's
    /// edge list or by id in a generated one (default: see below).
    #[arg(long, value_name = "NAME|ID")]
    pub person: Option<String>,
    /// Output.
    #[command(flatten)]
    pub out: OutArgs,
}

impl TraceArgs {
    /// The validated options of `wom trace`.
    pub fn options(&self) -> TraceOptions {
        TraceOptions {
            input: self.scenario.input(&self.set.set, None),
            policies: self.policy.clone(),
            replication: self.replication,
            period: self.period,
            person: self.person.clone(),
            output: self.out.output(),
        }
    }
}
