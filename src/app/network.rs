//! Building the network a command asks for: a generator from flags or an
//! edge-list file, after checking that it fits in this machine's memory.

use super::{bad_input, files};
use crate::cli::{NetworkArgs, NetworkKindArg};
use anyhow::{Context, Result};
use std::time::Instant;
use wom::graph::{BuildCounts, GeneratorSpec, Graph, edgelist, generate, memory_estimate_bytes};
use wom::rng::{Purpose, StreamKey};

/// A network ready for simulation.
pub struct Network {
    /// The graph.
    pub graph: Graph,
    /// For a file, the file's id of each dense node.
    pub ids: Option<Vec<u64>>,
    /// What it is, for people.
    pub description: String,
    /// Self loops and duplicates dropped.
    pub counts: BuildCounts,
    /// Seconds spent generating or loading.
    pub load_seconds: f64,
}

/// The generator spec the flags describe (`None` for a file).
///
/// # Errors
/// Bad input when a parameter is out of range.
pub fn spec_from_args(args: &NetworkArgs) -> Result<Option<GeneratorSpec>> {
    let nodes = args.nodes;
    let spec = match (args.network, &args.graph) {
        (_, Some(_)) => return Ok(None),
        (None, None) => {
            return Err(bad_input(
                "no network: give --graph FILE or --network KIND (watts_strogatz, barabasi_albert, erdos_renyi, strong_weak_ties)",
            ));
        }
        (Some(NetworkKindArg::WattsStrogatz), None) => {
            let k = args.mean_degree;
            if k.fract() != 0.0 || k < 0.0 {
                return Err(bad_input(format!(
                    "--mean-degree is {k}; watts_strogatz needs an even integer"
                )));
            }
            GeneratorSpec::WattsStrogatz {
                nodes,
                mean_degree: k as u32,
                rewire: args.rewire,
            }
        }
        (Some(NetworkKindArg::BarabasiAlbert), None) => GeneratorSpec::BarabasiAlbert {
            nodes,
            attach: args.attach,
        },
        (Some(NetworkKindArg::ErdosRenyi), None) => GeneratorSpec::ErdosRenyi {
            nodes,
            mean_degree: args.mean_degree,
        },
        (Some(NetworkKindArg::StrongWeakTies), None) => GeneratorSpec::StrongWeakTies {
            nodes,
            cluster_size: args.cluster_size,
            strong_ties: args.strong_ties,
            weak_ties: args.weak_ties,
        },
    };
    spec.validate()
        .map_err(|m| bad_input(format!("--network {}: {m}", kind_name(&spec))))?;
    Ok(Some(spec))
}

/// The scenario-file name of a generator.
pub fn kind_name(spec: &GeneratorSpec) -> &'static str {
    match spec {
        GeneratorSpec::WattsStrogatz { .. } => "watts_strogatz",
        GeneratorSpec::BarabasiAlbert { .. } => "barabasi_albert",
        GeneratorSpec::ErdosRenyi { .. } => "erdos_renyi",
        GeneratorSpec::StrongWeakTies { .. } => "strong_weak_ties",
        GeneratorSpec::Star { .. } => "star",
        GeneratorSpec::Path { .. } => "path",
    }
}

/// Memory this machine can still give, from `/proc/meminfo` (`None` where
/// that is not available).
pub fn available_memory_bytes() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Refuses work needing more than the available memory.
///
/// # Errors
/// Bad input naming what was asked and what the machine has.
pub fn check_memory(needed: u64, what: &str) -> Result<()> {
    if let Some(available) = available_memory_bytes() {
        if needed > available {
            let gib = |b: u64| b as f64 / (1u64 << 30) as f64;
            return Err(bad_input(format!(
                "{what} needs about {:.1} GiB of memory, but this machine has {:.1} GiB available; use fewer nodes or a smaller degree",
                gib(needed),
                gib(available)
            )));
        }
    }
    Ok(())
}

/// Generates a network from a spec on the stream `(seed, Network)`, after
/// the memory check.
pub fn generate_checked(spec: &GeneratorSpec, seed: u64) -> Result<(Graph, BuildCounts)> {
    check_memory(
        memory_estimate_bytes(spec),
        &format!("a {} network with {} nodes", kind_name(spec), spec.nodes()),
    )?;
    let mut rng = StreamKey::new(seed).rng(Purpose::Network);
    generate(spec, &mut rng).map_err(|e| bad_input(e.to_string()))
}

/// Loads an edge list after a memory check (about 32 bytes per line at most
/// 4 bytes long is an upper bound on what the reader and the CSR hold).
pub fn load_file(path: &std::path::Path) -> Result<edgelist::LoadedGraph> {
    let size = std::fs::metadata(path)
        .map_err(|e| bad_input(format!("cannot read edge list {}: {e}", path.display())))?
        .len();
    check_memory(
        size.saturating_mul(8),
        &format!("edge list {}", path.display()),
    )?;
    let reader = files::open_input(path, "edge list")?;
    Ok(edgelist::read(reader, path)?)
}

/// Builds the network the flags describe.
pub fn build(args: &NetworkArgs, seed: u64) -> Result<Network> {
    let start = Instant::now();
    let network = match spec_from_args(args)? {
        Some(spec) => {
            let (graph, counts) = generate_checked(&spec, seed)?;
            Network {
                description: format!(
                    "{} ({} nodes)",
                    kind_name(&spec),
                    super::format::count(u64::from(spec.nodes()))
                ),
                graph,
                ids: None,
                counts,
                load_seconds: 0.0,
            }
        }
        None => {
            let path = args.graph.as_ref().context("no --graph")?;
            let loaded = load_file(path)?;
            Network {
                description: format!("{}", path.display()),
                graph: loaded.graph,
                ids: Some(loaded.ids),
                counts: loaded.counts,
                load_seconds: 0.0,
            }
        }
    };
    Ok(Network {
        load_seconds: start.elapsed().as_secs_f64(),
        ..network
    })
}
