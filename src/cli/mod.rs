//! Command-line arguments (clap derive), one file per subcommand; shared
//! option groups are flattened in.

pub mod cascade;
pub mod graph;
pub mod plot;
pub mod run;
pub mod sweep;
pub mod trace;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// wom — what ignoring complaints costs, by Monte Carlo word of mouth on a
/// social network.
#[derive(Debug, Parser)]
#[command(name = "wom", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  wom run scenarios/default.toml\n  wom sweep scenarios/default.toml --set experience.complaint_rate=0.05:0.5:0.05\n  wom sensitivity scenarios/default.toml --replications 200\n  wom plot output/default\n  wom trace scenarios/real_estate.toml --policy ignore --policy recover\n  wom cascade --network barabasi_albert --nodes 100000 --attach 5 --p 0.1 --seeds 10 --runs 1000\n  wom graph --network watts_strogatz --nodes 10000 --mean-degree 10"
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a scenario and compare its policies in money.
    Run(run::RunArgs),
    /// Check a scenario file without running it.
    Validate(run::ValidateArgs),
    /// List the shipped example scenarios.
    Scenarios(run::ScenariosArgs),
    /// Write a commented scenario template.
    Init(run::InitArgs),
    /// Redraw the charts and report of a finished run from its files.
    Plot(plot::PlotArgs),
    /// Follow one customer's story through the network, as a picture.
    Trace(trace::TraceArgs),
    /// Sweep scenario keys over values or ranges: the policies compared at
    /// every point of a grid, resumable.
    Sweep(sweep::SweepArgs),
    /// One-at-a-time sensitivity of the headline difference, as a tornado.
    Sensitivity(sweep::SensitivityArgs),
    /// Run the independent cascade on a network.
    Cascade(cascade::CascadeArgs),
    /// Generate or load a network, print its statistics, optionally write it.
    Graph(graph::GraphArgs),
}

/// Threads for parallel work.
#[derive(Debug, Clone, Args)]
pub struct ThreadArgs {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
}

/// A precision target: replications grow until the headline interval is
/// narrow enough.
#[derive(Debug, Clone, Args)]
pub struct PrecisionArgs {
    /// Grow the replications (doubling, reusing those already run) until the
    /// 95% CI half-width of the headline paired difference (first policy vs
    /// second) is at most X × |mean|, e.g. 0.05 for ±5%. Starts from
    /// --replications, else the scenario's `replications` if written, else 100.
    #[arg(long, value_name = "X", value_parser = parse_precision)]
    pub precision: Option<f64>,
    /// Most replications --precision may use.
    #[arg(long, value_name = "N", default_value_t = 100_000, requires = "precision",
          value_parser = clap::value_parser!(u64).range(2..=10_000_000))]
    pub max_replications: u64,
}

fn parse_precision(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!(
            "{text} is not allowed; expected a relative half-width above 0, e.g. 0.05 for ±5%"
        )),
    }
}

/// A network: a file (`--graph`) or a generator (`--network` and its
/// parameters).
#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// Edge-list file: one `u v` pair a line, `#` comments.
    #[arg(long, value_name = "FILE", conflicts_with = "network")]
    pub graph: Option<PathBuf>,
    /// Network generator.
    #[arg(long, value_name = "KIND", value_enum)]
    pub network: Option<NetworkKindArg>,
    /// Nodes for a generated network.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub nodes: u32,
    /// Mean degree (watts_strogatz: even integer; erdos_renyi: any ≥ 0).
    #[arg(long, value_name = "K", default_value_t = 10.0)]
    pub mean_degree: f64,
    /// Watts–Strogatz rewiring probability.
    #[arg(long, value_name = "P", default_value_t = 0.1)]
    pub rewire: f64,
    /// Barabási–Albert links per new node.
    #[arg(long, value_name = "M", default_value_t = 5)]
    pub attach: u32,
    /// strong_weak_ties: nodes per cluster.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub cluster_size: u32,
    /// strong_weak_ties: expected strong ties per node (inside its cluster).
    #[arg(long, value_name = "K", default_value_t = 6.0)]
    pub strong_ties: f64,
    /// strong_weak_ties: expected weak ties per node (across clusters).
    #[arg(long, value_name = "K", default_value_t = 2.0)]
    pub weak_ties: f64,
}

/// The network generators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum NetworkKindArg {
    /// Small world (Watts–Strogatz).
    WattsStrogatz,
    /// Scale free (Barabási–Albert).
    BarabasiAlbert,
    /// Random graph G(n, p).
    ErdosRenyi,
    /// Clusters of strong ties plus weak ties across them.
    StrongWeakTies,
}

/// Parses the command line; on a usage error prints it and exits with 2.
pub fn parse() -> Cli {
    Cli::parse()
}
