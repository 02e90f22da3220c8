//! `wom merge` arguments.

use crate::app::merge::MergeOptions;
use clap::Args;
use std::path::PathBuf;

/// Merge the shards of a run (`wom run --shard K/N`) or of a sweep
/// (`wom sweep --shard K/N`) into the files one machine would have
/// written.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  for k in 0 1 2 3; do\n    wom run scenarios/default.toml --replications 400 --shard $k/4 --out results/shard-$k\n  done\n  wom merge results/shard-0 results/shard-1 results/shard-2 results/shard-3 --out results/merged\n  wom merge results/shard-*        # any order; writes output/<scenario stem>/ without --out\n\nThe shards must be all N shards of one run — the same scenario (by the hash of its resolved content), seed, replications R, N and wom version — each given once; otherwise nothing is written and the exit code is 2, naming the shards at fault or the replications (points) missing.\n\nFiles written to DIR: those of `wom run` (summary.json, replications.csv, periods.csv, metadata.json, report.html, charts/), or of `wom sweep` (sweep.csv, sweep.json, metadata.json, points/, charts/) — byte for byte what an unsharded run of the same scenario and seed writes, but for metadata.json, which lists the shards merged. See deploy/README.md for Slurm and Kubernetes."
)]
pub struct MergeArgs {
    /// The shard directories, in any order.
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,
    /// Output directory (default: where `wom run` or `wom sweep` would
    /// write for the scenario file the shards ran).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Skip a run's charts and report.html (draw them later with `wom plot DIR`).
    #[arg(long)]
    pub no_charts: bool,
    /// No table: only errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
}

impl MergeArgs {
    /// The validated options of `wom merge`.
    pub fn options(&self) -> MergeOptions {
        MergeOptions {
            dirs: self.dirs.clone(),
            out: self.out.clone(),
            charts: !self.no_charts,
            quiet: self.quiet,
        }
    }
}
