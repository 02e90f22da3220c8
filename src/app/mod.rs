//! The commands: each takes validated options (built by `cli`), reads what
//! it needs, calls the library, writes result files through `results` and
//! charts through `report`, and prints for people. One file per command;
//! `scenario` and `network` hold what several commands share.

pub mod budget;
pub mod calibrate;
pub mod calibrate_counts;
pub mod calibrate_fit;
pub mod cancel;
pub mod cascade;
mod draws_file;
pub mod global;
pub mod graph;
pub mod limits;
pub mod merge;
pub mod network;
mod node_list;
pub mod plot;
mod points;
mod progress;
pub mod run;
pub mod scenario;
pub mod scenario_cmds;
pub mod sensitivity;
mod shard;
pub mod staffing;
pub mod sweep;
mod sweep_resume;
mod terminal;
pub mod trace;

use anyhow::Result;

/// A rayon pool with the requested number of threads (default: all cores,
/// capped by the cgroup's CPU quota),
/// used for every parallel part of a command so nothing oversubscribes.
///
/// # Errors
/// When the pool cannot be built.
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let threads = threads.unwrap_or_else(|| limits::SystemFiles::system().default_threads());
    Ok(rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?)
}
