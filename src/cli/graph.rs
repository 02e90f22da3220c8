//! `wom graph` arguments.

use super::common::NetworkArgs;
use crate::app::graph::GraphOptions;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Generate or load a network and print its statistics: nodes, edges,
/// degrees, connected components, clustering.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom graph --network watts_strogatz --nodes 10000 --mean-degree 10 --rewire 0.1\n  wom graph --network barabasi_albert --nodes 100000 --attach 5 --write ba.txt\n  wom graph --graph ba.txt --json"
)]
pub struct GraphArgs {
    /// The network.
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Random seed for generated networks and the clustering sample.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Write the network as an edge list to FILE (atomically).
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Nodes sampled for the clustering estimate (all if larger than the network).
    #[arg(long, value_name = "N", default_value_t = 2000,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub clustering_sample: u32,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

impl GraphArgs {
    /// The validated options of `wom graph`.
    ///
    /// # Errors
    /// Bad input for a network parameter out of range.
    pub fn options(&self) -> Result<GraphOptions> {
        Ok(GraphOptions {
            network: self.network.choice()?,
            seed: self.seed,
            write: self.write.clone(),
            clustering_sample: self.clustering_sample,
            json: self.json,
        })
    }
}
