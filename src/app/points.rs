//! Variants of one scenario — sweep points and sensitivity runs — resolved
//! and checked before any work, then run on one thread pool, each distinct
//! network built once.
//!
//! Every variant keeps the scenario's seed, so all of them draw from the
//! same keyed random streams (common random numbers across points), and a
//! variant is exactly `wom run --set KEY=VALUE …` with the same values.

use super::network::{self, NetworkCache};
use super::scenario::{self, Loaded, ScenarioInput};
use crate::present::bad_input;
use crate::store::sweep as sweep_files;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use wom::model::Scenario;
use wom::sim::precision::{Precision, Reached, run_to_precision_cancellable};
use wom::sim::summary::{RunSummary, summarize};
use wom::sweep::grid::Point;
use wom::sweep::hash::point_hash;
use wom::sweep::point::PointResult;
use wom::sweep::value_text;

/// A variant ready to run.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The point (its index and values).
    pub point: Point,
    /// The scenario with the point's values, seed and replications applied.
    pub scenario: Scenario,
    /// Replications to start with.
    pub start: u64,
    /// The point's identity (see [`point_hash`]).
    pub hash: u64,
}

/// Every variant of a sweep or sensitivity analysis to run here, and the
/// networks they share.
pub struct Plan {
    /// The variants to run, in point order.
    pub variants: Vec<Planned>,
    /// Their shared networks.
    pub networks: NetworkCache,
    /// The identity of every point, the ones not run here included, by
    /// index.
    pub hashes: Vec<u64>,
}

/// `KEY=VALUE, KEY=VALUE` of a point, for messages.
pub fn describe(point: &Point) -> String {
    if point.assignments.is_empty() {
        return "the base scenario".into();
    }
    point
        .assignments
        .iter()
        .map(|(k, v)| format!("{k}={}", shown(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value for a message: as in the files, but a float in Rust's short
/// form (`1e300`, not three hundred digits).
fn shown(value: &toml::Value) -> String {
    match value {
        toml::Value::Float(x) => format!("{x:?}"),
        other => value_text(other),
    }
}

/// What the points of `flag` belong to, for messages.
fn what(flag: &str) -> &'static str {
    if flag == "--vary" {
        "sensitivity analysis"
    } else {
        "sweep"
    }
}

/// Applies every point to the base scenario's table and validates the
/// result exactly as `wom run --set` would, computes each point's identity,
/// keeps the points `keep` selects (a shard's), and checks that their
/// distinct networks and the scratch state of `threads` workers fit in
/// memory. Nothing runs until every point has passed. `flag` is how the
/// points' values were given (`--set` for a sweep, `--vary` for a
/// sensitivity analysis), for messages.
///
/// # Errors
/// Bad input (exit 2) naming the point and the key for an unknown key, a
/// value out of range, or a network too large: blamed on the flag that
/// set the key, else on the scenario file at the key's line.
pub fn plan(
    base: &Loaded,
    input: &ScenarioInput,
    points: Vec<Point>,
    flag: &str,
    precision: Option<Precision>,
    threads: usize,
    keep: impl Fn(usize) -> bool,
) -> Result<Plan> {
    let mut variants = points
        .into_iter()
        .map(|point| {
            let at = || format!("at {} of the {}", describe(&point), what(flag));
            let mut table = base.table.clone();
            for (key, value) in &point.assignments {
                wom::scenario::set_key(&mut table, key, value.clone()).with_context(at)?;
            }
            let mut flags = scenario::set_flags(input);
            flags.extend(
                point
                    .assignments
                    .iter()
                    .map(|(k, v)| (k.as_str(), format!("{flag} {k}={}", shown(v)))),
            );
            let mut s = wom::scenario::from_table(&table, &input.path)
                .map_err(|e| scenario::blame(e, &flags, &base.text))
                .with_context(at)?;
            let loaded = Loaded {
                text: String::new(),
                table,
                scenario: s.clone(),
            };
            let start =
                scenario::start_replications(&loaded, input.replications, precision.is_some());
            if let Some(p) = precision {
                p.check_start(start).map_err(bad_input)?;
            }
            if let Some(r) = input.replications {
                s.replications = r;
            }
            if let Some(seed) = input.seed {
                s.seed = seed;
            }
            let resolved = wom::scenario::resolved::to_table(&s).with_context(at)?;
            let hash = point_hash(&resolved, &point, start, precision);
            Ok(Planned {
                point,
                scenario: s,
                start,
                hash,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let hashes = variants.iter().map(|v| v.hash).collect();
    variants.retain(|v| keep(v.point.index));
    let networks = NetworkCache::new(variants.iter().map(|v| &v.scenario));
    let distinct = networks.distinct().max(1);
    for v in &variants {
        let at = || format!("at {} of the {}", describe(&v.point), what(flag));
        network::check_fits(&v.scenario, threads, distinct).with_context(at)?;
        let most = precision.map_or(v.start, |p| p.max_replications.max(v.start));
        super::budget::check_results(&v.scenario, most).with_context(at)?;
    }
    Ok(Plan {
        variants,
        networks,
        hashes,
    })
}

/// What running one variant gives.
#[derive(Debug, Clone)]
pub struct Ran {
    /// Statistics of every policy and comparison.
    pub summary: RunSummary,
    /// What a precision target reached, if one was set.
    pub reached: Option<Reached>,
    /// The headline paired difference (second policy − first) in each
    /// replication, in replication order: variants share random streams,
    /// so two variants' differences can be paired too.
    pub headline: Vec<f64>,
}

/// Runs one planned variant on the current rayon pool (its replications in
/// parallel, results in replication order) and summarises it.
///
/// # Errors
/// When its network cannot be loaded or built.
pub fn run_point(
    planned: &Planned,
    precision: Option<Precision>,
    networks: &NetworkCache,
) -> Result<Ran> {
    let at = || format!("at {}", describe(&planned.point));
    let world = scenario::build_variant(planned.scenario.clone(), networks).with_context(at)?;
    let (results, reached) = run_to_precision_cancellable(
        &world,
        planned.start,
        precision,
        |_| {},
        || {},
        super::cancel::flag(),
    )
    .map_err(scenario::world_error)
    .with_context(at)?;
    // Scenarios hold at least two policies (validated).
    let headline = results.iter().map(|r| r.npv_difference(0, 1)).collect();
    Ok(Ran {
        summary: summarize(&world.scenario().policy_names(), &results),
        reached,
        headline,
    })
}

/// Runs `planned` (as [`run_point`]) and stores its point file in `dir`
/// atomically; returns the record as read back from its text, exactly what
/// a later `--resume` or merge reads.
pub fn run_and_store(
    planned: &Planned,
    precision: Option<Precision>,
    networks: &NetworkCache,
    dir: &Path,
) -> Result<PointResult> {
    let ran = run_point(planned, precision, networks)?;
    let record = PointResult::new(
        &planned.scenario,
        &planned.point,
        planned.hash,
        &ran.summary,
        ran.reached.as_ref(),
    );
    sweep_files::store_point(dir, planned.hash, &record)
}

/// Calls `work` on every item, on the current rayon pool: `workers` tasks
/// take items in order from a shared counter (so items start in order and
/// a killed run has finished mostly the first ones), and the parallel work
/// inside each item (its replications) is shared with idle threads by
/// work stealing. Stops at the first error and returns it, and before the
/// next item once a stop is requested (`super::cancel`).
///
/// # Errors
/// The first error of `work`.
pub fn for_each_in_order<T: Sync>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> Result<()> + Sync,
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    (0..workers.clamp(1, items.len().max(1)))
        .into_par_iter()
        .with_max_len(1)
        .try_for_each(|_| -> Result<()> {
            while !failed.load(Ordering::Relaxed) {
                if super::cancel::requested() {
                    return Err(anyhow::Error::new(wom::sim::SimError::Cancelled));
                }
                let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                if let Err(e) = work(item) {
                    failed.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Ok(())
        })
}
