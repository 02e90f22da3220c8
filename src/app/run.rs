//! `wom run`: simulate a scenario, write the result files, charts and
//! report, print a table and the headline.

use super::scenario::{self, Output, ScenarioInput};
use super::{progress, terminal, thread_pool};
use crate::present::bad_input;
use crate::present::format::{count, seconds};
use crate::report::findings::headline;
use crate::report::render_run;
use crate::store;
use anyhow::Result;
use std::time::Instant;
use wom::results::Run;
use wom::results::metadata::Execution;
use wom::sim::precision::{Precision, Reached, run_to_precision};
use wom::sim::summary::{RunSummary, summarize};
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
}

/// Simulates a world on `pool` and summarises it: `start` replications,
/// then, with a precision target, doubling until it is met (see
/// [`run_to_precision`]). A progress bar shows replications.
///
/// # Errors
/// Bad input when a replication's network cannot be built.
pub fn simulate(
    world: &World,
    pool: &rayon::ThreadPool,
    start: u64,
    precision: Option<Precision>,
    quiet: bool,
) -> Result<(Vec<ReplicationResult>, RunSummary, Option<Reached>)> {
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
    let (results, reached) = ran.map_err(scenario::world_error)?;
    let summary = summarize(&world.scenario().policy_names(), &results);
    Ok((results, summary, reached))
}

/// Runs `wom run`.
///
/// # Errors
/// Bad input (exit 2) for a bad scenario, override or network; a failure
/// when a file cannot be written.
pub fn run(opts: &RunOptions) -> Result<()> {
    let loaded = scenario::load(&opts.input)?;
    let first =
        scenario::start_replications(&loaded, opts.input.replications, opts.precision.is_some());
    if let Some(p) = opts.precision {
        p.check_start(first).map_err(bad_input)?;
    }
    let pool = thread_pool(opts.threads)?;
    let threads = pool.current_num_threads();
    let start = Instant::now();
    let world = scenario::build_world(loaded.scenario, threads)?;
    let (results, summary, reached) =
        simulate(&world, &pool, first, opts.precision, opts.output.quiet)?;
    let elapsed = start.elapsed().as_secs_f64();
    let execution = Execution {
        command_line: std::env::args().collect(),
        scenario_file: opts.input.path.display().to_string(),
        replications: summary.replications,
        people: world.people(),
        edges: world.shared_graph().map(|g| g.edge_count()),
        threads,
        elapsed_seconds: elapsed,
    };
    let run = Run::new(
        world.scenario().clone(),
        &results,
        &summary,
        reached.as_ref(),
        execution,
        headline,
    )?;
    let dir = opts.output.dir_for(&opts.input.path, None);
    // The charts and report are drawn from the same typed files `wom plot`
    // reads, and written before summary.json marks the run complete.
    store::run::write(&run, &dir, || {
        if opts.charts {
            render_run(&run, None)?.write(&dir)?;
        }
        Ok(())
    })?;

    if opts.output.quiet {
        return Ok(());
    }
    let scenario = &run.scenario;
    println!(
        "Scenario `{}`: {} people, {} {}s, {} replications, seed {} (simulated in {}, {} threads)",
        scenario.name,
        count(u64::from(world.people())),
        scenario.periods,
        scenario.period_label,
        count(summary.replications),
        scenario.seed,
        seconds(elapsed),
        threads
    );
    println!();
    terminal::print_table(&run);
    for c in &run.summary.comparisons {
        terminal::print_comparison(&run, c);
    }
    println!();
    for h in &run.summary.headlines {
        println!("{h}");
    }
    if let Some(r) = &run.summary.precision {
        println!("{}", terminal::precision_line(r, run.currency()));
    }
    println!();
    let extra = if opts.charts {
        ", report.html, charts/"
    } else {
        ""
    };
    println!(
        "Wrote {}/ (summary.json, replications.csv, periods.csv, metadata.json{extra})",
        dir.display()
    );
    Ok(())
}
