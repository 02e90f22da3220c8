//! `wom run`: simulate a scenario, write the result files, charts and
//! report, print a table and the headline.
//!
//! A run on one machine is one shard held in memory (`0/1`, every
//! replication) put through the merge of `wom merge` ([`finish`]), so a
//! run and a merge of any number of shards give the same files by
//! construction. With `--shard K/N` the shard is written instead
//! (`super::shard`).

use super::scenario::{self, Output, ScenarioInput};
use super::{progress, terminal, thread_pool};
use crate::present::bad_input;
use crate::present::format::{count, seconds, threads};
use crate::report::narrative::headline::sentence;
use crate::report::narrative::shortfall::shortfall_warning;
use crate::report::render_run;
use crate::store;
use crate::store::files::lock_dir;
use anyhow::Result;
use std::path::Path;
use std::time::Instant;
use wom::results::Run;
use wom::results::merge::{MergedRun, merge_runs};
use wom::results::shard::{Shard, ShardExecution, ShardSpec};
use wom::sim::precision::{Precision, Reached, run_to_precision};
use wom::sim::summary::summarize;
use wom::sim::{ReplicationResult, World};

/// What `wom run` does.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The scenario and its overrides.
    pub input: ScenarioInput,
    /// A precision target, if any.
    pub precision: Option<Precision>,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// Where to write, how much to print.
    pub output: Output,
    /// Whether to draw the charts and report.html.
    pub charts: bool,
    /// `--shard K/N`: run only that shard's replications and write a shard.
    pub shard: Option<ShardSpec>,
}

/// Why `--precision` and `--shard` do not go together.
pub const PRECISION_WITH_SHARD: &str = "--precision cannot be used with --shard: a precision target adds replications until the interval over all of them is narrow enough, so it needs every replication in one place, and a shard holds only some; give every shard the same --replications R instead (a precision run on one machine tells you which R)";

/// Why `--precision` and `[uncertainty]` do not go together.
pub const PRECISION_WITH_UNCERTAINTY: &str = "--precision cannot be used with [uncertainty]: a precision target adds replications until the Monte Carlo interval is narrow enough, but with uncertain inputs the replications are grouped into parameter draws fixed in advance (replications / replications_per_draw); give --replications R (a multiple of replications_per_draw) instead";

/// Simulates a world on `pool`: `start` replications, then, with a
/// precision target, doubling until it is met (see [`run_to_precision`]).
/// A progress bar shows replications.
///
/// # Errors
/// Bad input when a replication's network cannot be built.
pub fn simulate(
    world: &World,
    pool: &rayon::ThreadPool,
    start: u64,
    precision: Option<Precision>,
    quiet: bool,
) -> Result<(Vec<ReplicationResult>, Option<Reached>)> {
    let bar = progress::bar(start, "replications", quiet);
    let ran = pool.install(|| {
        run_to_precision(
            world,
            start,
            precision,
            |total| bar.set_length(total),
            || bar.inc(1),
        )
    });
    bar.finish_and_clear();
    ran.map_err(scenario::world_error)
}

/// Runs `wom run`.
///
/// # Errors
/// Bad input (exit 2) for a bad scenario, override, network or shard; a
/// failure when a file cannot be written.
pub fn run(opts: &RunOptions) -> Result<()> {
    if opts.shard.is_some() && opts.precision.is_some() {
        return Err(bad_input(PRECISION_WITH_SHARD));
    }
    let loaded = scenario::load(&opts.input)?;
    if opts.precision.is_some() && loaded.scenario.uncertainty.is_some() {
        return Err(bad_input(PRECISION_WITH_UNCERTAINTY));
    }
    let first =
        scenario::start_replications(&loaded, opts.input.replications, opts.precision.is_some());
    if let Some(spec) = opts.shard {
        let task = super::shard::Task {
            input: &opts.input,
            output: &opts.output,
            threads: opts.threads,
        };
        return super::shard::run(&task, loaded.scenario, spec);
    }
    if let Some(p) = opts.precision {
        p.check_start(first).map_err(bad_input)?;
    }
    let most = opts
        .precision
        .map_or(first, |p| p.max_replications.max(first));
    super::budget::check_results(&loaded.scenario, most)?;
    let pool = thread_pool(opts.threads)?;
    let workers = pool.current_num_threads();
    // Before the output directory is created or locked: a run refused for
    // memory leaves nothing behind (build_world checks again, cheaply).
    super::network::check_fits(&loaded.scenario, workers, 1)?;
    let dir = opts.output.dir_for(&opts.input.path, None);
    let _lock = lock_dir(&dir, true)?;
    let start = Instant::now();
    let world = scenario::build_world(loaded.scenario, workers)?;
    let (results, reached) = simulate(&world, &pool, first, opts.precision, opts.output.quiet)?;
    let execution = ShardExecution {
        people: world.people(),
        edges: world.shared_graph().map(|g| g.edge_count()),
        scenario_file: opts.input.path.display().to_string(),
        command_line: std::env::args().collect(),
        threads: workers,
        elapsed_seconds: start.elapsed().as_secs_f64(),
    };
    let name = dir.display().to_string();
    let run = on_one_machine(&world, results, execution, reached.as_ref(), &name)?;
    write(&run, &dir, opts.charts)?;
    if !opts.output.quiet {
        let m = &run.metadata;
        let how = format!(
            "simulated in {}, {}",
            seconds(m.elapsed_seconds),
            threads(m.threads)
        );
        print(&run, &how, &dir, opts.charts);
    }
    Ok(())
}

/// The files of a run on one machine: its replications (all of them, in
/// order) as one shard held in memory (`0/1`, called `name` in messages)
/// put through the merge, so they are a merge's files by construction.
/// `wom serve` makes its answers with it too.
///
/// # Errors
/// When the scenario cannot be written back (a seed above `i64::MAX`).
pub fn on_one_machine(
    world: &World,
    results: Vec<ReplicationResult>,
    execution: ShardExecution,
    reached: Option<&Reached>,
    name: &str,
) -> Result<Run> {
    let whole = ShardSpec { index: 0, count: 1 };
    let total = results.len() as u64;
    let shard = Shard::new(world.scenario().clone(), whole, total, results, execution)?;
    let merged = merge_runs(vec![(name.to_owned(), shard)])
        .map_err(|e| anyhow::anyhow!("internal: one shard of the whole run: {e}"))?;
    finish(merged, reached, None)
}

/// The files of a run from its merged shards: statistics of every policy
/// and comparison, the headlines, and the metadata (`merge_command` for a
/// merge of shards on disk, `None` for a run on one machine). `reached`
/// is what a precision target reached, on one machine only.
///
/// # Errors
/// When the scenario cannot be written back (a seed above `i64::MAX`).
pub fn finish(
    merged: MergedRun,
    reached: Option<&Reached>,
    merge_command: Option<Vec<String>>,
) -> Result<Run> {
    let execution = merged.execution(merge_command);
    let summary = summarize(&merged.scenario.policy_names(), &merged.results);
    Ok(Run::new(
        merged.scenario,
        &merged.results,
        &summary,
        reached,
        execution,
        sentence,
    )?)
}

/// Writes a run's files into `dir`, with the charts and report.html
/// unless `charts` is false.
///
/// # Errors
/// When a file cannot be written.
pub fn write(run: &Run, dir: &Path, charts: bool) -> Result<()> {
    // The charts and report are drawn from the same typed files `wom plot`
    // reads, and written before summary.json marks the run complete.
    // Everything an earlier command left here and this run does not
    // write is removed once it is complete (store::owned).
    let owned = crate::store::owned::begin(dir, crate::store::owned::Scope::Everything)?;
    store::run::write(run, dir, || {
        if charts {
            let report = render_run(run, None)?;
            crate::store::pictures::write_report(dir, report.pictures(), &report.html)?;
        }
        Ok(())
    })?;
    owned.finish()
}

/// Prints a finished run for people: what ran (`how`: "simulated in …"),
/// the table, each comparison, the headlines, and the files written.
pub fn print(run: &Run, how: &str, dir: &Path, charts: bool) {
    let scenario = &run.scenario;
    println!(
        "Scenario “{}”: {} people, {} {}s, {} replications, seed {} ({how})",
        scenario.name,
        count(u64::from(run.metadata.people)),
        scenario.periods,
        scenario.period_label,
        count(run.summary.replications),
        scenario.seed,
    );
    println!();
    terminal::print_table(run);
    terminal::print_segments(run);
    for c in &run.summary.comparisons {
        terminal::print_comparison(run, c);
    }
    println!();
    for h in &run.summary.headlines {
        println!("{h}");
    }
    if let Some(warning) = shortfall_warning(run) {
        println!("\n{warning}");
    }
    if let Some(r) = &run.summary.precision {
        println!("{}", terminal::precision_line(r, run.currency()));
    }
    println!();
    let draws = if run.summary.uncertainty.is_some() {
        ", draws.csv"
    } else {
        ""
    };
    let extra = if charts { ", report.html, charts/" } else { "" };
    println!(
        "Wrote {}/ (summary.json, replications.csv, periods.csv, metadata.json{draws}{extra})",
        dir.display()
    );
}
