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

/// The `--json` output (and the Python package's answer).
#[derive(Debug, Serialize)]
pub struct CascadeReport {
    network: String,
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

/// Reads a seed file: one node a line, `#` comments; names as in the edge
/// list (or dense ids for a generated network). Duplicates are bad input.
fn read_seed_file(path: &std::path::Path, net: &network::Network) -> Result<Vec<NodeId>> {
    let text = files::read_input(path, "seed file")?;
    let seeds =
        super::node_list::resolve_nodes(&text, path, net.names.as_deref(), net.graph.node_count())?;
    if seeds.is_empty() {
        return Err(bad_input(format!("{}: no node ids", path.display())));
    }
    Ok(seeds.into_iter().map(|(node, _)| node).collect())
}

/// Runs `wom cascade`.
///
/// # Errors
/// Bad input for a bad network, seed file or seed count.
pub fn run(args: &CascadeOptions) -> Result<()> {
    let report = simulate(args, args.json)?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(());
    }
    print(args, &report);
    Ok(())
}

/// Runs the cascades of `args` (a progress bar unless `quiet`) and checks
/// the report is finite.
///
/// # Errors
/// Bad input for a bad network, seed file or seed count.
pub fn simulate(args: &CascadeOptions, quiet: bool) -> Result<CascadeReport> {
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
    let bar = progress::bar(args.runs, "runs", quiet);
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
        network: net.description.clone(),
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
    wom::results::finite::check(&report)?;
    Ok(report)
}

/// Prints a cascade's report for people.
fn print(args: &CascadeOptions, report: &CascadeReport) {
    let n = report.nodes;
    println!(
        "Independent cascade on {}: {} nodes, {} edges; p = {}, {} seed nodes, {} runs, seed {}",
        report.network,
        count(u64::from(n)),
        count(report.edges),
        args.p,
        count(report.seeds as u64),
        count(args.runs),
        args.seed
    );
    println!("Final active nodes (seeds included):");
    println!(
        "  mean      {}   95% CI {} – {}   ({:.2}% of the network)",
        thousands(report.mean, 1),
        thousands(report.ci95[0], 1),
        thousands(report.ci95[1], 1),
        100.0 * report.mean / f64::from(n)
    );
    println!("  sd        {}", thousands(report.sd, 1));
    println!(
        "  p5 / p50 / p95   {} / {} / {}",
        thousands(report.p5, 0),
        thousands(report.p50, 0),
        thousands(report.p95, 0)
    );
    println!(
        "  min / max        {} / {}",
        count(u64::from(report.min)),
        count(u64::from(report.max))
    );
    println!(
        "Simulated in {} ({} per run, {} threads); network built in {}.",
        seconds(report.simulate_seconds),
        seconds(report.simulate_seconds / args.runs as f64),
        report.threads,
        seconds(report.load_seconds)
    );
}
