//! `wom graph`: network statistics and edge-list export.

use super::network::{self, NetworkChoice};
use crate::present::format::{count, seconds, thousands};
use crate::store::files;
use anyhow::Result;
use std::path::PathBuf;
use wom::graph::{edgelist, measure::measure};
use wom::rng::{Purpose, StreamKey};

/// What `wom graph` does.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    /// The network.
    pub network: NetworkChoice,
    /// Random seed of a generated network and the clustering sample.
    pub seed: u64,
    /// Where to write the network as an edge list, if anywhere.
    pub write: Option<PathBuf>,
    /// Nodes sampled for the clustering estimate, at least 1.
    pub clustering_sample: u32,
    /// Print one JSON object instead of a summary.
    pub json: bool,
}

/// Runs `wom graph`.
///
/// # Errors
/// Bad input for a bad network; a failure when the edge list cannot be
/// written.
pub fn run(args: &GraphOptions) -> Result<()> {
    let net = network::build(&args.network, args.seed)?;
    let mut rng = StreamKey::new(args.seed).rng(Purpose::Seeding);
    let stats = measure(&net.graph, args.clustering_sample, &mut rng);
    if let Some(path) = &args.write {
        let header = format!(
            "written by wom {} from {}, seed {}",
            env!("CARGO_PKG_VERSION"),
            net.description,
            args.seed
        );
        files::write_atomic(path, |out| {
            Ok(edgelist::write(
                &net.graph,
                net.ids.as_deref(),
                &header,
                out,
            )?)
        })?;
    }
    if args.json {
        let mut value = serde_json::to_value(&stats)?;
        value["description"] = net.description.clone().into();
        value["self_loops_dropped"] = net.counts.self_loops.into();
        value["duplicates_dropped"] = net.counts.duplicates.into();
        value["load_seconds"] = net.load_seconds.into();
        wom::results::finite::check(&stats)?;
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    println!("Network: {}", net.description);
    println!("  nodes              {}", count(u64::from(stats.nodes)));
    println!("  edges              {}", count(stats.edges));
    println!(
        "  degree             mean {:.2}, min {}, max {}",
        stats.mean_degree,
        count(u64::from(stats.min_degree)),
        count(u64::from(stats.max_degree))
    );
    let pct: Vec<String> = stats
        .degree_percentiles
        .iter()
        .map(|(p, v)| format!("p{p} {}", thousands(*v, 0)))
        .collect();
    println!("  degree percentiles {}", pct.join(", "));
    println!("  isolated nodes     {}", count(u64::from(stats.isolated)));
    println!(
        "  components         {} (largest {} nodes, {:.1}%)",
        count(u64::from(stats.components)),
        count(u64::from(stats.largest_component)),
        100.0 * f64::from(stats.largest_component) / f64::from(stats.nodes.max(1))
    );
    if stats.clustering_se > 0.0 {
        println!(
            "  clustering         {:.4} ± {:.4} (mean local coefficient, {} sampled nodes, ±1.96 se)",
            stats.clustering,
            1.96 * stats.clustering_se,
            count(u64::from(stats.clustering_sample))
        );
    } else {
        println!(
            "  clustering         {:.4} (mean local coefficient, exact)",
            stats.clustering
        );
    }
    if net.counts.self_loops + net.counts.duplicates > 0 {
        println!(
            "  dropped            {} self loops, {} duplicate edges",
            count(net.counts.self_loops),
            count(net.counts.duplicates)
        );
    }
    println!("  built in           {}", seconds(net.load_seconds));
    if let Some(path) = &args.write {
        println!("Wrote {}", path.display());
    }
    Ok(())
}
