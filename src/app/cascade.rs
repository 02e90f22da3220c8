//! `wom cascade`: the independent cascade on a network.

use super::network::{self, NetworkChoice};
use super::{progress, thread_pool};
use crate::present::bad_input;
use crate::present::format::{count, seconds, thousands};
use crate::store::files;
use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;
use wom::cascade::{random_seed_set, run_cascades};
use wom::graph::NodeId;
use wom::stats::Summary;

/// The seed set of the cascades.
#[derive(Debug, Clone, PartialEq)]
pub enum Seeds {
    /// This many distinct nodes drawn from the seed.
    Random(u32),
    /// The nodes listed in a file.
    File(PathBuf),
}

/// What `wom cascade` does.
#[derive(Debug, Clone)]
pub struct CascadeOptions {
    /// The network.
    pub network: NetworkChoice,
    /// Activation probability per edge, in [0, 1].
    pub p: f64,
    /// The seed set.
    pub seeds: Seeds,
    /// Number of cascades, at least 1.
    pub runs: u64,
    /// Random seed of the network, the seed set and the runs.
    pub seed: u64,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// Print one JSON object instead of a summary.
    pub json: bool,
}

/// The `--json` output.
#[derive(Debug, Serialize)]
struct CascadeReport<'a> {
    network: &'a str,
    nodes: u32,
    edges: u64,
    p: f64,
    seeds: usize,
    seed: u64,
    runs: u64,
    threads: usize,
    mean: f64,
    sd: f64,
    se: f64,
    ci95: [f64; 2],
    p5: f64,
    p50: f64,
    p95: f64,
    min: u32,
    max: u32,
    simulate_seconds: f64,
    load_seconds: f64,
}

/// Reads a seed file: one node id a line, `#` comments; ids as in the edge
/// list (or dense ids for a generated network). Duplicates are bad input.
fn read_seed_file(path: &std::path::Path, net: &network::Network) -> Result<Vec<NodeId>> {
    let text = files::read_input(path, "seed file")?;
    let map = net.ids.as_ref().map(|ids| {
        ids.iter()
            .enumerate()
            .map(|(d, &id)| (id, d as NodeId))
            .collect::<std::collections::HashMap<_, _>>()
    });
    let n = net.graph.node_count();
    let mut seeds = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let at = || format!("{}:{}", path.display(), i + 1);
        let id: u64 = content.parse().map_err(|_| {
            bad_input(format!(
                "{}: {content:?} is not a node id (a non-negative integer)",
                at()
            ))
        })?;
        let dense = match &map {
            Some(map) => *map
                .get(&id)
                .ok_or_else(|| bad_input(format!("{}: node {id} is not in the network", at())))?,
            None if id < u64::from(n) => id as NodeId,
            None => {
                return Err(bad_input(format!(
                    "{}: node {id} is not in the network (ids 0 to {})",
                    at(),
                    n - 1
                )));
            }
        };
        if !seen.insert(dense) {
            return Err(bad_input(format!("{}: node {id} is listed twice", at())));
        }
        seeds.push(dense);
    }
    if seeds.is_empty() {
        return Err(bad_input(format!("{}: no node ids", path.display())));
    }
    Ok(seeds)
}

/// Runs `wom cascade`.
///
/// # Errors
/// Bad input for a bad network, seed file or seed count.
pub fn run(args: &CascadeOptions) -> Result<()> {
    let net = network::build(&args.network, args.seed)?;
    let n = net.graph.node_count();
    let seeds = match &args.seeds {
        Seeds::File(path) => read_seed_file(path, &net)?,
        Seeds::Random(k) if *k == 0 || *k > n => {
            return Err(bad_input(format!(
                "--seeds is {k}; allowed: 1 to the network's {} nodes",
                count(u64::from(n))
            )));
        }
        Seeds::Random(k) => random_seed_set(n, *k, args.seed),
    };
    let pool = thread_pool(args.threads)?;
    let bar = progress::bar(args.runs, "runs", args.json);
    let start = Instant::now();
    let sizes = pool.install(|| {
        run_cascades(&net.graph, &seeds, args.p, args.runs, args.seed, || {
            bar.inc(1)
        })
    });
    let simulate_seconds = start.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let values: Vec<f64> = sizes.iter().map(|&s| f64::from(s)).collect();
    let s = Summary::from_values(&values);
    let report = CascadeReport {
        network: &net.description,
        nodes: n,
        edges: net.graph.edge_count(),
        p: args.p,
        seeds: seeds.len(),
        seed: args.seed,
        runs: args.runs,
        threads: pool.current_num_threads(),
        mean: s.mean,
        sd: s.sd,
        se: s.se(),
        ci95: s.ci95,
        p5: s.p5,
        p50: s.p50,
        p95: s.p95,
        min: sizes.iter().copied().min().unwrap_or(0),
        max: sizes.iter().copied().max().unwrap_or(0),
        simulate_seconds,
        load_seconds: net.load_seconds,
    };
    if args.json {
        wom::results::finite::check(&report)?;
        println!("{}", serde_json::to_string(&report)?);
        return Ok(());
    }
    println!(
        "Independent cascade on {}: {} nodes, {} edges; p = {}, {} seed nodes, {} runs, seed {}",
        report.network,
        count(u64::from(n)),
        count(report.edges),
        args.p,
        count(seeds.len() as u64),
        count(args.runs),
        args.seed
    );
    println!("Final active nodes (seeds included):");
    println!(
        "  mean      {}   95% CI {} – {}   ({:.2}% of the network)",
        thousands(s.mean, 1),
        thousands(s.ci95[0], 1),
        thousands(s.ci95[1], 1),
        100.0 * s.mean / f64::from(n)
    );
    println!("  sd        {}", thousands(s.sd, 1));
    println!(
        "  p5 / p50 / p95   {} / {} / {}",
        thousands(s.p5, 0),
        thousands(s.p50, 0),
        thousands(s.p95, 0)
    );
    println!(
        "  min / max        {} / {}",
        count(u64::from(report.min)),
        count(u64::from(report.max))
    );
    println!(
        "Simulated in {} ({} per run, {} threads); network built in {}.",
        seconds(simulate_seconds),
        seconds(simulate_seconds / args.runs as f64),
        report.threads,
        seconds(net.load_seconds)
    );
    Ok(())
}
