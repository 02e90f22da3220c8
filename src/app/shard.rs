//! `wom run --shard K/N` and `wom sweep --shard K/N`: one shard of a run
//! (replications `[⌊K·R/N⌋, ⌊(K+1)·R/N⌋)`) or of a sweep (points K, K+N,
//! …), written whole into `--out` for `wom merge`.
//!
//! `--out` must be new or empty. A retried task (a Kubernetes pod evicted
//! after writing its shard, a Slurm requeue) finds its own shard complete
//! there and stops at once with success; anything else there is refused
//! before any work.

use super::points::{self, Plan};
use super::scenario::{self, Output, ScenarioInput, default_dir};
use super::{progress, thread_pool};
use crate::present::bad_input;
use crate::present::format::{count, seconds, threads as thread_count};
use crate::store::shard::{self as shard_dir, Target};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wom::hash::hex;
use wom::model::Scenario;
use wom::results::shard::{self, Shard, ShardExecution, ShardSpec};
use wom::results::sweep::SweepHeader;
use wom::results::sweep_shard::{SWEEP_HEADER, SweepShardHeader};
use wom::scenario::resolved::{identity, to_table};
use wom::sim::precision::Precision;

/// This wom's version, which a shard records and a merge requires.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `--out`, else `output/STEM-SUFFIX/shard-K`.
fn shard_dir(out: Option<&PathBuf>, scenario: &Path, suffix: &str, spec: ShardSpec) -> PathBuf {
    out.cloned().unwrap_or_else(|| {
        default_dir(scenario, Some(suffix)).join(format!("shard-{}", spec.index))
    })
}

/// Says that an earlier attempt finished this shard.
fn already_done(dir: &Path, spec: ShardSpec, quiet: bool) {
    if !quiet {
        println!(
            "Shard {spec} is already complete in {}/ (an earlier attempt wrote it); nothing to do.",
            dir.display()
        );
    }
}

/// An existing shard that cannot be read, as bad input.
fn unreadable(dir: &Path, e: &anyhow::Error) -> anyhow::Error {
    bad_input(format!(
        "--out {} holds a shard that cannot be read ({e}); remove it or choose a new directory",
        dir.display()
    ))
}

/// Where a shard comes from and goes: the scenario file as given, `--out`
/// and `--quiet`, `--threads`.
pub struct Task<'a> {
    /// The scenario and its overrides.
    pub input: &'a ScenarioInput,
    /// Where to write, how much to print.
    pub output: &'a Output,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
}

/// Runs shard `spec` of `scenario`'s replications and writes it.
///
/// # Errors
/// Bad input for more shards than replications, or an `--out` holding
/// something else (before any work); a failure when a file cannot be
/// written.
pub fn run(opts: &Task<'_>, scenario: Scenario, spec: ShardSpec) -> Result<()> {
    let total = u64::from(scenario.replications);
    spec.check_count(total, "replications").map_err(bad_input)?;
    let range = spec.range(total);
    let dir = shard_dir(opts.output.dir.as_ref(), &opts.input.path, "shards", spec);
    let _lock = crate::store::files::lock_beside(&dir)?;
    let hash = identity(&scenario)?;
    let target = shard_dir::check_target(&dir, shard::HEADER, |d| {
        let h = shard_dir::load_run(d)
            .map_err(|e| unreadable(d, &e))?
            .header;
        Ok(h.wom_version == VERSION
            && h.scenario_hash == hash
            && h.replications == total
            && h.spec() == spec)
    })?;
    if target == Target::Done {
        already_done(&dir, spec, opts.output.quiet);
        return Ok(());
    }
    let pool = thread_pool(opts.threads)?;
    let threads = pool.current_num_threads();
    let began = Instant::now();
    let world = scenario::build_world(scenario, threads)?;
    let bar = progress::bar(range.end - range.start, "replications", opts.output.quiet);
    let results = pool
        .install(|| world.run(range.clone(), || bar.inc(1)))
        .map_err(scenario::world_error)?;
    bar.finish_and_clear();
    let elapsed = began.elapsed().as_secs_f64();
    let execution = ShardExecution {
        people: world.people(),
        edges: world.shared_graph().map(|g| g.edge_count()),
        scenario_file: opts.input.path.display().to_string(),
        command_line: std::env::args().collect(),
        threads,
        elapsed_seconds: elapsed,
    };
    let shard = Shard::new(world.scenario().clone(), spec, total, results, execution)?;
    shard_dir::write_dir(&dir, |tmp| shard_dir::write_run_files(&shard, tmp))?;
    if !opts.output.quiet {
        let s = &shard.scenario;
        println!(
            "Shard {spec} of `{}`: replications {} to {} of {}, seed {} ({} people, simulated in {}, {})",
            s.name,
            count(range.start),
            count(range.end - 1),
            count(total),
            s.seed,
            count(u64::from(world.people())),
            seconds(elapsed),
            thread_count(threads),
        );
        let responses = if shard.has_responses() {
            format!(", {}", shard::RESPONSES)
        } else {
            String::new()
        };
        println!(
            "Wrote {}/ ({}, {}, {}{responses}); merge the {} shards with `wom merge DIR…`",
            dir.display(),
            shard::HEADER,
            shard::REPLICATIONS,
            shard::PERIODS,
            spec.count
        );
    }
    Ok(())
}

/// Runs shard `spec` of a planned sweep (the plan holds only its points,
/// each run with the `precision` target if any) and writes it.
///
/// # Errors
/// Bad input for an `--out` holding something else (before any work); a
/// failure when a file cannot be written or a point's network built.
pub fn sweep(
    opts: &Task<'_>,
    precision: Option<Precision>,
    plan: &Plan,
    sweep: SweepHeader,
    base: &Scenario,
    spec: ShardSpec,
    pool: &rayon::ThreadPool,
) -> Result<()> {
    let dir = shard_dir(
        opts.output.dir.as_ref(),
        &opts.input.path,
        "sweep-shards",
        spec,
    );
    let _lock = crate::store::files::lock_beside(&dir)?;
    let hashes: Vec<String> = plan.hashes.iter().map(|&h| hex(h)).collect();
    let scenario_hash = identity(base)?;
    let target = shard_dir::check_target(&dir, SWEEP_HEADER, |d| {
        let h = shard_dir::load_sweep(d)
            .map_err(|e| unreadable(d, &e))?
            .header;
        Ok(h.wom_version == VERSION
            && h.scenario_hash == scenario_hash
            && h.point_hashes == hashes
            && h.spec() == spec)
    })?;
    if target == Target::Done {
        already_done(&dir, spec, opts.output.quiet);
        return Ok(());
    }
    let threads = pool.current_num_threads();
    let began = Instant::now();
    let todo: Vec<&points::Planned> = plan.variants.iter().collect();
    let bar = progress::bar(todo.len() as u64, "points", opts.output.quiet);
    shard_dir::write_dir(&dir, |tmp| {
        pool.install(|| {
            points::for_each_in_order(&todo, threads, |p| {
                points::run_and_store(p, precision, &plan.networks, tmp)?;
                bar.inc(1);
                Ok(())
            })
        })?;
        bar.finish_and_clear();
        let header = SweepShardHeader {
            wom_version: VERSION.to_owned(),
            sweep,
            scenario_hash,
            replications: opts.input.replications,
            precision,
            shards: spec.count,
            shard: spec.index,
            point_hashes: hashes,
            command_line: std::env::args().collect(),
            threads,
            elapsed_seconds: began.elapsed().as_secs_f64(),
            scenario_resolved: to_table(base)?,
        };
        shard_dir::write_sweep_header(&header, tmp)
    })?;
    if !opts.output.quiet {
        println!(
            "Shard {spec} of the sweep of `{}`: {} of {} points, seed {} (run in {}, {})",
            base.name,
            count(todo.len() as u64),
            count(plan.hashes.len() as u64),
            base.seed,
            seconds(began.elapsed().as_secs_f64()),
            thread_count(threads),
        );
        println!(
            "Wrote {}/ ({SWEEP_HEADER}, points/); merge the {} shards with `wom merge DIR…`",
            dir.display(),
            spec.count
        );
    }
    Ok(())
}
