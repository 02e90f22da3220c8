//! The application layer: turns parsed arguments into library calls, reads
//! and writes files, draws progress bars and formats results for people.

mod cascade;
pub(crate) mod files;
pub(crate) mod format;
mod graph;
pub(crate) mod money;
mod network;
mod outputs;
mod plot;
mod points;
mod progress;
pub(crate) mod run;
mod scenario;
mod scenario_cmds;
mod sensitivity;
mod sweep;
pub(crate) mod sweep_files;
mod trace;

use crate::cli::{Cli, Command, ThreadArgs};
use anyhow::Result;
use thiserror::Error;

/// Bad input from the user: exit code 2.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// Shorthand for an [`InputError`] as an `anyhow::Error`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    InputError(message.into()).into()
}

/// Exit code for an error: 2 when any cause is bad input, else 1.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let input = error.chain().any(|cause| {
        cause.is::<InputError>()
            || cause.is::<wom::graph::edgelist::EdgeListError>()
            || cause.is::<wom::scenario::ScenarioError>()
    });
    if input { 2 } else { 1 }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Cascade(args) => cascade::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Plot(args) => plot::run(&args),
        Command::Trace(args) => trace::run(&args),
        Command::Validate(args) => scenario_cmds::validate(&args),
        Command::Scenarios(args) => scenario_cmds::scenarios(&args),
        Command::Init(args) => scenario_cmds::init(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Sensitivity(args) => sensitivity::run(&args),
    }
}

/// A rayon pool with the requested number of threads (default: all cores),
/// used for every parallel part of a command so nothing oversubscribes.
pub fn thread_pool(args: &ThreadArgs) -> Result<rayon::ThreadPool> {
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |t| t as usize,
    );
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?)
}
