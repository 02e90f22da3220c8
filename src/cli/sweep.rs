//! `wom sweep` and `wom sensitivity` arguments.

use super::{PrecisionArgs, ThreadArgs};
use clap::Args;
use std::path::PathBuf;

/// Sweep scenario keys: every policy compared at every point of a grid of
/// values, with common random numbers across policies and across points.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom sweep scenarios/default.toml --set policies.recover_60min.response_hours=1,4,12,24,48\n  wom sweep scenarios/default.toml --replications 200 \\\n      --set policies.recover_60min.response_hours=1,12,24,36,48 \\\n      --set experience.complaint_rate=0.04:0.5:0.115\n  wom sweep scenarios/tarp.toml --set experience.complaint_rate=0.05:0.5:0.05 --precision 0.05\n  wom sweep scenarios/cafe.toml --set experience.problem_rate=0.02,0.05 \\\n      --set economics.margin=20,40 --zip\n  wom sweep scenarios/default.toml --set policies.recover_60min.response_hours=1,4,12,24,48 \\\n      --resume        # after Ctrl-C: runs only the points not finished\n\nVALUES is a list of TOML values (1,4,24 or '{uniform=[5,10]},{uniform=[15,30]}', quoted) or an exact\ndecimal range START:END:STEP (0:0.5:0.05 is 11 points). Several --set form a grid (the first\nvaries slowest); --zip pairs them. Every point uses the scenario's seed.\n\nFiles written to DIR (default output/<scenario stem>-sweep/): sweep.csv (one row per point ×\npolicy × metric, and per point × comparison the paired difference and its parts), sweep.json,\nmetadata.json, points/ (one file per finished point), charts/sweep-difference, sweep-policies\nand, for two keys, sweep-heatmap (.png and .svg). See docs/sweeps.md."
)]
pub struct SweepArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// A key to sweep and its values: `KEY=V1,V2,…` or `KEY=START:END:STEP`
    /// (repeatable; several form a grid).
    #[arg(long = "set", value_name = "KEY=VALUES", required = true)]
    pub set: Vec<String>,
    /// Pair the --set lists value by value instead of forming a grid
    /// (equal lengths required).
    #[arg(long)]
    pub zip: bool,
    /// Replications per point (overrides the scenario's `replications`;
    /// with --precision, where to start).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub replications: Option<u32>,
    /// Precision target.
    #[command(flatten)]
    pub precision: PrecisionArgs,
    /// Random seed (overrides the scenario's `seed`; the same at every point).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Output directory (default: output/<scenario file stem>-sweep/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Continue a sweep in DIR: points already finished (same scenario,
    /// values and settings) are kept, the rest are run.
    #[arg(long)]
    pub resume: bool,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// No progress bar and no table: only errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
    /// Testing aid: stop after running N points, as if interrupted.
    #[arg(long, value_name = "N", hide = true)]
    pub stop_after: Option<usize>,
}

/// One-at-a-time sensitivity: each key moved to its low and its high value
/// with the others at their base values; the headline paired difference at
/// each, drawn as a tornado.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom sensitivity scenarios/default.toml\n  wom sensitivity scenarios/default.toml --set population.people=2000 --replications 200\n  wom sensitivity scenarios/tarp.toml --replications 300 --vary experience.complaint_rate=0.04:0.5 \\\n      --vary 'outcomes.unresolved.tells={uniform=[5,10]}:{uniform=[15,30]}'\n\nWithout --vary, a default set of keys with ranges from the literature is used (see\ndocs/sweeps.md); keys that cannot change the comparison of the scenario's policies are skipped.\n\nFiles written to DIR (default output/<scenario stem>-sensitivity/): sensitivity.csv,\nsensitivity.json, metadata.json, charts/tornado.png and .svg."
)]
pub struct SensitivityArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// A key and its low and high values, `KEY=LOW:HIGH`, each a TOML value
    /// (repeatable).
    #[arg(long = "vary", value_name = "KEY=LOW:HIGH")]
    pub vary: Vec<String>,
    /// Change a key of the base scenario first, e.g.
    /// `--set population.people=2000` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Replications per run (overrides the scenario's `replications`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=10_000_000))]
    pub replications: Option<u32>,
    /// Random seed (overrides the scenario's `seed`; the same for every run).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Output directory (default: output/<scenario file stem>-sensitivity/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// No progress bar and no table: only errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
}
