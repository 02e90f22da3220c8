//! Command-line arguments (clap derive), one file per subcommand with the
//! shared option groups of `common` flattened in. Each command's arguments
//! become the validated options of its `app` module; nothing below this
//! layer sees clap.

pub mod calibrate;
pub mod cascade;
pub mod common;
pub mod graph;
pub mod merge;
pub mod plot;
pub mod run;
pub mod serve;
pub mod staffing;
pub mod sweep;
pub mod trace;

use crate::app;
use anyhow::Result;
use clap::{Parser, Subcommand};

/// wom — what ignoring complaints costs, by Monte Carlo word of mouth on a
/// social network.
#[derive(Debug, Parser)]
#[command(name = "wom", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  wom run scenarios/default.toml\n  wom sweep scenarios/default.toml --set experience.complaint_rate=0.05:0.5:0.05\n  wom sensitivity scenarios/default.toml --replications 200\n  wom plot output/default\n  wom run scenarios/default.toml --shard 0/4 --out results/shard-0    # then shards 1-3, then:\n  wom merge results/shard-0 results/shard-1 results/shard-2 results/shard-3 --out results/merged\n  wom staffing --arrivals-per-hour 6 --handle-minutes 15\n  wom trace scenarios/real_estate.toml --policy ignore --policy recover\n  wom serve                      # the what-if page for owners, in the browser\n  wom cascade --network barabasi_albert --nodes 100000 --attach 5 --p 0.1 --seeds 10 --runs 1000\n  wom graph --network watts_strogatz --nodes 10000 --mean-degree 10\n\nExit codes: 0 success, 1 failure while working, 2 bad input."
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
    /// Merge the shards of a run or sweep (`--shard K/N`) into its files.
    Merge(merge::MergeArgs),
    /// One-at-a-time sensitivity of the headline difference, as a tornado.
    Sensitivity(sweep::SensitivityArgs),
    /// How many agents a complaint desk needs, from Erlang C (no simulation).
    Staffing(staffing::StaffingArgs),
    /// Serve the what-if page for owners: sliders, results and charts in a
    /// browser, from a local web server.
    Serve(serve::ServeArgs),
    /// Run the independent cascade on a network.
    Cascade(cascade::CascadeArgs),
    /// Generate or load a network, print its statistics, optionally write it.
    Graph(graph::GraphArgs),
    /// Fit unknown keys to a business's own counts (ABC-SMC): a posterior,
    /// its charts and a scenario that carries it.
    Calibrate(calibrate::CalibrateArgs),
    /// Write one replication of a policy as a counts file for `wom calibrate`.
    Counts(calibrate::CountsArgs),
}

/// Parses the command line (a usage error prints and exits with 2) and
/// runs the command.
///
/// # Errors
/// The command's error.
pub fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Run(args) => app::run::run(&args.options()),
        Command::Validate(args) => app::scenario_cmds::validate(&args.scenario),
        Command::Scenarios(_) => app::scenario_cmds::scenarios(),
        Command::Init(args) => app::scenario_cmds::init(args.file.as_deref(), args.force),
        Command::Plot(args) => app::plot::run(&args.dir, args.quiet),
        Command::Trace(args) => app::trace::run(&args.options()),
        Command::Sweep(args) => {
            app::cancel::stop_on_ctrl_c();
            app::sweep::run(&args.options())
        }
        Command::Merge(args) => app::merge::run(&args.options()),
        Command::Sensitivity(args) => {
            let opts = args.options()?;
            match opts.global {
                Some(samples) => app::global::run(&opts, samples),
                None => app::sensitivity::run(&opts),
            }
        }
        Command::Staffing(args) => app::staffing::run(&args.options()),
        Command::Serve(args) => crate::serve::run(&args.options()?),
        Command::Cascade(args) => app::cascade::run(&args.options()?),
        Command::Graph(args) => app::graph::run(&args.options()?),
        Command::Calibrate(args) => app::calibrate::run(&args.options()?),
        Command::Counts(args) => app::calibrate_counts::run(&args.options()),
    }
}
