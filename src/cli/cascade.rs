//! `wom cascade` arguments.

use super::common::{NetworkArgs, ThreadArgs, parse_probability};
use crate::app::cascade::{CascadeOptions, Seeds};
use crate::present::bad_input;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Independent cascade: from a seed set, each newly active node activates
/// each neighbour once with probability P; reports the distribution of the
/// final number of active nodes (seeds included) over the runs.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom cascade --network barabasi_albert --nodes 100000 --attach 5 --p 0.1 --seeds 10 --runs 1000\n  wom cascade --graph net.txt --seed-file seeds.txt --p 0.05 --runs 10000 --json"
)]
pub struct CascadeArgs {
    /// The network.
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Activation probability per edge, in [0, 1].
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub p: f64,
    /// Size of a random seed set drawn from --seed.
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "seed_file",
        required_unless_present = "seed_file",
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub seeds: Option<u32>,
    /// Seed set: one node id a line (ids as in the edge list), `#` comments.
    #[arg(long, value_name = "FILE")]
    pub seed_file: Option<PathBuf>,
    /// Number of cascades.
    #[arg(long, value_name = "R", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    pub runs: u64,
    /// Random seed: network, seed set and runs all derive from it.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// Print one JSON object on stdout instead of a readable summary.
    #[arg(long)]
    pub json: bool,
}

impl CascadeArgs {
    /// The validated options of `wom cascade`.
    ///
    /// # Errors
    /// Bad input for a network parameter out of range.
    pub fn options(&self) -> Result<CascadeOptions> {
        let seeds = match (&self.seed_file, self.seeds) {
            (Some(path), _) => Seeds::File(path.clone()),
            (None, Some(k)) => Seeds::Random(k),
            (None, None) => return Err(bad_input("give --seeds N or --seed-file FILE")),
        };
        Ok(CascadeOptions {
            network: self.network.choice()?,
            p: self.p,
            seeds,
            runs: self.runs,
            seed: self.seed,
            threads: self.threads.get(),
            json: self.json,
        })
    }
}
