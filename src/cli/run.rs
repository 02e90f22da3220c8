//! `wom run`, `wom validate`, `wom scenarios` and `wom init` arguments.

use super::common::{
    OutArgs, PrecisionArgs, ReplicationsArgs, ScenarioArgs, SetArgs, ShardArgs, ThreadArgs,
};
use crate::app::run::RunOptions;
use clap::Args;
use std::path::PathBuf;

/// Simulate a scenario: every policy on the same random world, compared
/// with the first (the baseline), in money with 95% intervals.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom run scenarios/default.toml\n  wom run scenarios/cafe.toml --replications 200 --seed 7 --out output/cafe-test\n  wom run scenarios/cafe.toml --set population.people=20000 --set experience.complaint_rate=0.1\n  wom run scenarios/default.toml --precision 0.02    # replications until ±2%\n  wom run scenarios/default.toml --replications 4000 --shard 2/8 --out results/shard-2\n\nFiles written to DIR (default output/<scenario stem>/): summary.json, replications.csv, periods.csv, metadata.json, report.html and charts/ (value_lost_by_cause, customers_over_time, npv_distribution, word_of_mouth_funnel; with [uncertainty] also draws.csv and uncertainty_differences, uncertainty_measure_first, sobol_indices; each .png and .svg). summary.json is written last: its presence means the run completed.\n\nWith --shard K/N, DIR (default output/<scenario stem>-shards/shard-K/) gets shard.json, shard-replications.csv and shard-periods.csv instead, all at once when the shard is done; `wom merge` joins the N shards into the files above, byte for byte those of a run on one machine (metadata.json aside). --precision cannot be used with --shard. See deploy/README.md for Slurm and Kubernetes."
)]
pub struct RunArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Overrides.
    #[command(flatten)]
    pub set: SetArgs,
    /// Replications.
    #[command(flatten)]
    pub replications: ReplicationsArgs,
    /// Precision target.
    #[command(flatten)]
    pub precision: PrecisionArgs,
    /// Output.
    #[command(flatten)]
    pub out: OutArgs,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// Skip the charts and report.html (draw them later with `wom plot DIR`).
    #[arg(long)]
    pub no_charts: bool,
    /// One shard of the replications.
    #[command(flatten)]
    pub shard: ShardArgs,
}

impl RunArgs {
    /// The validated options of `wom run`.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            input: self
                .scenario
                .input(&self.set.set, self.replications.replications),
            precision: self.precision.target(),
            threads: self.threads.get(),
            output: self.out.output(),
            charts: !self.no_charts,
            shard: self.shard.shard,
        }
    }
}

/// Check a scenario file without running it: every key, range and the network.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  wom validate scenarios/cafe.toml")]
pub struct ValidateArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
}

/// List the shipped scenarios with what each one asks.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  wom scenarios")]
pub struct ScenariosArgs {}

/// Write a commented scenario template (every key, its default and source).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom init my-shop.toml\n  wom init            # prints the template"
)]
pub struct InitArgs {
    /// Where to write it (prints to stdout when omitted). Refuses to overwrite.
    pub file: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}
