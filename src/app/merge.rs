//! `wom merge DIR…`: the shards of a run (or of a sweep) checked to belong
//! together and to cover every replication (or point) exactly once, then
//! merged into the files one machine would have written — through the
//! same code as `wom run` (`run::finish`, `run::write`) and `wom sweep`
//! (`sweep::finish`). Everything is read and checked before anything is
//! written.

use super::run;
use super::scenario::default_dir;
use super::sweep;
use crate::present::bad_input;
use crate::present::format::{count, seconds, threads};
use crate::store::shard::{self as shard_dir, Kind};
use crate::store::sweep as sweep_files;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use wom::results::merge::merge_runs;
use wom::results::sweep_shard::merge_sweeps;

/// What `wom merge` does.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The shard directories, in any order.
    pub dirs: Vec<PathBuf>,
    /// `--out`, else the directory `wom run` (or `wom sweep`) would have
    /// written.
    pub out: Option<PathBuf>,
    /// Whether to draw the charts and report.html (of a run).
    pub charts: bool,
    /// Print nothing but errors.
    pub quiet: bool,
}

/// Runs `wom merge`.
///
/// # Errors
/// Bad input (exit 2, before writing anything) for a directory that is
/// not a finished shard, shards of different runs or kinds, a duplicate
/// or a missing shard; a failure when a file cannot be written.
pub fn run(opts: &MergeOptions) -> Result<()> {
    let kinds: Vec<Kind> = opts
        .dirs
        .iter()
        .map(|d| shard_dir::kind(d))
        .collect::<Result<_>>()?;
    if let Some(i) = kinds.iter().position(|k| *k != kinds[0]) {
        let what = |k: Kind| match k {
            Kind::Run => "a run's shard (wom run --shard)",
            Kind::Sweep => "a sweep's shard (wom sweep --shard)",
        };
        return Err(bad_input(format!(
            "{} is {} but {} is {}: merge the shards of one run, or of one sweep",
            opts.dirs[0].display(),
            what(kinds[0]),
            opts.dirs[i].display(),
            what(kinds[i])
        )));
    }
    match kinds.first() {
        None => Err(bad_input("no shard directories given")),
        Some(Kind::Run) => merge_run(opts),
        Some(Kind::Sweep) => merge_sweep(opts),
    }
}

/// Refuses an output directory that is one of the shards.
fn check_out(dir: &Path, shards: &[PathBuf]) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if let Some(s) = shards.iter().find(|s| same(dir, s)) {
        return Err(bad_input(format!(
            "--out {} is the shard {}: write the merge into another directory",
            dir.display(),
            s.display()
        )));
    }
    Ok(())
}

fn merge_run(opts: &MergeOptions) -> Result<()> {
    let shards = opts
        .dirs
        .iter()
        .map(|d| Ok((d.display().to_string(), shard_dir::load_run(d)?)))
        .collect::<Result<Vec<_>>>()?;
    let merged = merge_runs(shards).map_err(|e| bad_input(e.to_string()))?;
    let n = merged.shard_count();
    let result = run::finish(merged, None, Some(std::env::args().collect()))?;
    let scenario_file = Path::new(&result.metadata.scenario_file);
    let dir = opts
        .out
        .clone()
        .unwrap_or_else(|| default_dir(scenario_file, None));
    check_out(&dir, &opts.dirs)?;
    let _lock = crate::store::files::lock_dir(&dir, true)?;
    run::write(&result, &dir, opts.charts)?;
    if !opts.quiet {
        let m = &result.metadata;
        let how = format!(
            "merged from {n} shards; simulated in {} in all, up to {} a shard",
            seconds(m.elapsed_seconds),
            threads(m.threads)
        );
        run::print(&result, &how, &dir, opts.charts);
    }
    Ok(())
}

fn merge_sweep(opts: &MergeOptions) -> Result<()> {
    let shards = opts
        .dirs
        .iter()
        .map(|d| Ok((d.display().to_string(), shard_dir::load_sweep(d)?)))
        .collect::<Result<Vec<_>>>()?;
    let merged = merge_sweeps(shards).map_err(|e| bad_input(e.to_string()))?;
    let mut hashes = Vec::with_capacity(merged.points.len());
    for p in merged.points.values() {
        let hash = u64::from_str_radix(&p.hash, 16).map_err(|_| {
            bad_input(format!(
                "point {}: identity {:?} is not 16 hex digits",
                p.index, p.hash
            ))
        })?;
        hashes.push(hash);
    }
    let scenario_file = Path::new(&merged.header.scenario_file);
    let dir = opts
        .out
        .clone()
        .unwrap_or_else(|| default_dir(scenario_file, Some("sweep")));
    check_out(&dir, &opts.dirs)?;
    let _lock = crate::store::files::lock_dir(&dir, true)?;
    sweep_files::prepare(&dir, false)?;
    for (p, &hash) in merged.points.values().zip(&hashes) {
        sweep_files::store_point(&dir, hash, p)
            .with_context(|| format!("writing point {} into {}", p.index, dir.display()))?;
    }
    let metadata = merged.metadata(std::env::args().collect());
    let written = sweep::finish(&dir, &merged.header, &merged.points, &metadata)?;
    if !opts.quiet {
        sweep::print_table(&merged.header, &merged.points);
        println!(
            "\n{} points merged from {} shards (run in {} in all, up to {} a shard).",
            count(merged.points.len() as u64),
            merged.shard_count(),
            seconds(metadata.elapsed_seconds.unwrap_or(0.0)),
            threads(metadata.threads)
        );
        println!("Wrote {}/ ({})", dir.display(), written.join(", "));
    }
    Ok(())
}
