//! `wom merge` arguments, and `--shard K/N` shared by `wom run` and
//! `wom sweep`.

use crate::app::merge::MergeOptions;
use clap::Args;
use std::path::PathBuf;
use wom::results::shard::ShardSpec;

/// `--shard K/N`.
#[derive(Debug, Clone, Args)]
pub struct ShardArgs {
    /// Run only shard K of N (K from 0 to N−1) and write it to --out for
    /// `wom merge`: a run's replications ⌊K·R/N⌋ to ⌊(K+1)·R/N⌋−1, a
    /// sweep's points K, K+N, K+2N, … No charts, no report. --out must be
    /// new or empty, or hold this very shard (then nothing is done).
    #[arg(long, value_name = "K/N", value_parser = ShardSpec::parse)]
    pub shard: Option<ShardSpec>,
}

/// Merge the shards of a run (`wom run --shard K/N`) or of a sweep
/// (`wom sweep --shard K/N`) into the files one machine would have
/// written.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  for k in 0 1 2 3; do wom run scenarios/default.toml --replications 400 --shard $k/4 --out results/shard-$k; done\n  wom merge results/shard-0 results/shard-1 results/shard-2 results/shard-3 --out results/merged\n  wom merge results/shard-*        # any order; writes output/<scenario stem>/ without --out\n\nThe shards must be all N shards of one run — the same scenario (by the hash of its resolved content), seed, replications R, N and wom version — each given once; otherwise nothing is written and the exit code is 2, naming the shards at fault or the replications (points) missing.\n\nFiles written to DIR: those of `wom run` (summary.json, replications.csv, periods.csv, metadata.json, report.html, charts/), or of `wom sweep` (sweep.csv, sweep.json, metadata.json, points/, charts/) — byte for byte what an unsharded run of the same scenario and seed writes, but for metadata.json, which lists the shards merged. See deploy/README.md for Slurm and Kubernetes."
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
