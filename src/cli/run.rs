//! `wom run`, `wom validate`, `wom scenarios` and `wom init` arguments.

use super::{PrecisionArgs, ThreadArgs};
use clap::Args;
use std::path::PathBuf;

/// Simulate a scenario: every policy on the same random world, compared
/// with the first (the baseline), in money with 95% intervals.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom run scenarios/default.toml\n  wom run scenarios/cafe.toml --replications 200 --seed 7 --out output/cafe-test\n  wom run scenarios/cafe.toml --set population.people=20000 --set experience.complaint_rate=0.1\n  wom run scenarios/default.toml --precision 0.02    # replications until ±2%\n\nFiles written to DIR (default output/<scenario stem>/): summary.json, replications.csv, periods.csv, metadata.json, report.html and charts/ (value_lost_by_cause, customers_over_time, npv_distribution, word_of_mouth_funnel; each .png and .svg)."
)]
pub struct RunArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// Replications (overrides the scenario's `replications`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub replications: Option<u32>,
    /// Random seed (overrides the scenario's `seed`).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Override a scenario key for this run, e.g. `--set population.people=50000`
    /// or `--set policies.recover.response_hours=4` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Output directory (default: output/<scenario file stem>/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Precision target.
    #[command(flatten)]
    pub precision: PrecisionArgs,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// Skip the charts and report.html (draw them later with `wom plot DIR`).
    #[arg(long)]
    pub no_charts: bool,
    /// No progress bar and no table: only errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
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
