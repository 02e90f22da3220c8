//! `wom sweep`: every policy at every point of a grid of scenario values,
//! in parallel over points × replications on one pool, resumable.

use super::points::{self, Planned};
use super::scenario::{self, Output, ScenarioInput};
use super::{progress, thread_pool};
use crate::present::bad_input;
use crate::present::format::{count, seconds};
use crate::present::money::{interval, money};
use crate::store::files::lock_dir;
use crate::store::owned;
use crate::store::sweep as sweep_files;
use crate::store::write_json;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wom::results::shard::ShardSpec;
use wom::results::sweep::{SweepHeader, SweepMetadata};
use wom::results::sweep_shard::holds;
use wom::sim::precision::Precision;
use wom::sweep::grid::{Combine, MAX_POINTS, expand};
use wom::sweep::point::PointResult;
use wom::sweep::spec::Axis;

/// Most rows of the terminal table; the files hold every point.
const TABLE_ROWS: usize = 60;

/// What `wom sweep` does.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// The base scenario (no overrides), seed and replications per point.
    pub input: ScenarioInput,
    /// The swept keys and their values.
    pub axes: Vec<Axis>,
    /// Pair the axes value by value instead of forming a grid.
    pub zip: bool,
    /// A precision target per point, if any.
    pub precision: Option<Precision>,
    /// Where to write, how much to print.
    pub output: Output,
    /// Keep the points an earlier run of the same sweep finished.
    pub resume: bool,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// `--shard K/N`: run only that shard's points and write a shard.
    pub shard: Option<ShardSpec>,
}

/// The finished points and when the sweep files were last rebuilt.
struct Progress {
    done: BTreeMap<usize, PointResult>,
    /// Points finished by this invocation.
    fresh: usize,
    last_cost: Duration,
    last_write: Instant,
}

impl Progress {
    /// Rebuilding is due after every point, unless a rebuild has become
    /// slow (very large sweeps): then at most one tenth of the time goes
    /// into rebuilding. The point files are written in any case.
    fn due(&self) -> bool {
        self.last_cost < Duration::from_millis(50)
            || self.last_write.elapsed() >= self.last_cost * 10
    }
}

/// Rebuilds sweep.csv and sweep.json from the finished points.
fn rewrite(dir: &Path, header: &SweepHeader, state: &mut Progress) -> Result<()> {
    let began = Instant::now();
    sweep_files::write_files(dir, header, &state.done)?;
    state.last_cost = began.elapsed();
    state.last_write = Instant::now();
    Ok(())
}

/// Reads the points a previous run finished (only those of this sweep).
fn resumed(dir: &Path, planned: &[Planned]) -> BTreeMap<usize, PointResult> {
    planned
        .iter()
        .filter_map(|p| {
            let path = sweep_files::point_path(dir, p.point.index, p.hash);
            let axes = p.point.assignments.len();
            sweep_files::load_point(&path, p.point.index, p.hash, &p.scenario, axes)
                .map(|r| (p.point.index, r))
        })
        .collect()
}

/// Runs `wom sweep`.
///
/// # Errors
/// Bad input (exit 2, before any work) for a bad scenario, key or value at
/// any point; a failure when a file cannot be written.
pub fn run(opts: &SweepOptions) -> Result<()> {
    if opts.shard.is_some() && opts.resume {
        return Err(bad_input(
            "--resume cannot be used with --shard: a shard is written whole or not at all (a shard already complete at --out is kept as it is)",
        ));
    }
    let base = scenario::load(&opts.input)?;
    let combine = if opts.zip {
        Combine::Zip
    } else {
        Combine::Grid
    };
    let points = expand(&opts.axes, combine, MAX_POINTS).map_err(|e| bad_input(e.to_string()))?;
    let total = points.len();
    if let Some(spec) = opts.shard {
        spec.check_count(total as u64, "points")
            .map_err(bad_input)?;
    }
    let pool = thread_pool(opts.threads)?;
    let threads = pool.current_num_threads();
    let shard = opts.shard;
    let keep = |i: usize| shard.is_none_or(|s| holds(s, i));
    let plan = points::plan(
        &base,
        &opts.input,
        points,
        "--set",
        opts.precision,
        threads,
        keep,
    )?;
    let planned = &plan.variants;
    let keys: Vec<String> = opts.axes.iter().map(|a| a.key.clone()).collect();
    let base = &base.scenario;
    let header = SweepHeader {
        scenario: base.name.clone(),
        scenario_file: opts.input.path.display().to_string(),
        seed: base.seed,
        keys: keys.clone(),
        combine: if opts.zip { "zip" } else { "grid" }.to_owned(),
        policies: base.policy_names(),
        currency: base.economics.currency.clone(),
        precision_target: opts.precision.map(|p| p.relative),
        points_total: total,
    };
    if let Some(spec) = opts.shard {
        let task = super::shard::Task {
            input: &opts.input,
            output: &opts.output,
            threads: opts.threads,
        };
        return super::shard::sweep(&task, opts.precision, &plan, header, base, spec, &pool);
    }

    let dir = opts.output.dir_for(&opts.input.path, Some("sweep"));
    let _lock = lock_dir(&dir, true)?;
    crate::store::run::forget(&dir)?;
    let owned = owned::begin(&dir, owned::Scope::AllButPoints)?;
    sweep_files::prepare(&dir, opts.resume)?;
    let done = if opts.resume {
        resumed(&dir, planned)
    } else {
        BTreeMap::new()
    };
    let resumed_points = done.len();
    let resolved = wom::scenario::resolved::to_table(base)?;
    let metadata = |elapsed: Option<f64>, points_done: usize| SweepMetadata {
        wom_version: env!("CARGO_PKG_VERSION").to_owned(),
        command_line: std::env::args().collect(),
        scenario_file: header.scenario_file.clone(),
        seed: header.seed,
        keys: keys.clone(),
        combine: header.combine.clone(),
        points_total: total,
        points_resumed: resumed_points,
        replications: opts.input.replications,
        precision: opts.precision,
        threads,
        elapsed_seconds: elapsed,
        points_done,
        complete: points_done == total,
        scenario: resolved.clone(),
        shards: None,
    };
    if opts.resume {
        // A stored file named as one of this sweep's points is its own,
        // even when edited (then it is simply run again); any other is not.
        let names: Vec<String> = planned
            .iter()
            .filter_map(|p| {
                let path = sweep_files::point_path(&dir, p.point.index, p.hash);
                path.file_name().map(|n| n.to_string_lossy().into_owned())
            })
            .collect();
        super::sweep_resume::check(&dir, &metadata(None, resumed_points), &names)?;
    }
    write_json(&dir.join("metadata.json"), &metadata(None, resumed_points))?;

    let todo: Vec<&Planned> = planned
        .iter()
        .filter(|p| !done.contains_key(&p.point.index))
        .collect();
    let began = Instant::now();
    let state = Mutex::new(Progress {
        done,
        fresh: 0,
        last_cost: Duration::ZERO,
        last_write: Instant::now(),
    });
    {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        rewrite(&dir, &header, &mut s)?;
    }
    let bar = progress::bar(planned.len() as u64, "points", opts.output.quiet);
    bar.set_position(resumed_points as u64);
    bar.reset_eta();
    // Points are taken in order by whichever worker is free; each point's
    // replications run in parallel on the same pool (no oversubscription).
    let ran = pool.install(|| {
        points::for_each_in_order(&todo, threads, |p| {
            let stored = points::run_and_store(p, opts.precision, &plan.networks, &dir)?;
            let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
            s.done.insert(p.point.index, stored);
            s.fresh += 1;
            if s.due() {
                rewrite(&dir, &header, &mut s)?;
            }
            bar.inc(1);
            Ok(())
        })
    });
    bar.finish_and_clear();
    let s = state.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = ran {
        if !super::cancel::requested() {
            return Err(e);
        }
        // Interrupted: the files hold exactly the points finished.
        sweep_files::write_files(&dir, &header, &s.done)?;
        write_json(&dir.join("metadata.json"), &metadata(None, s.done.len()))?;
        return Err(interrupted(&dir, s.done.len(), total));
    }
    let elapsed = began.elapsed().as_secs_f64();
    let written = finish(
        &dir,
        &header,
        &s.done,
        &metadata(Some(elapsed), s.done.len()),
    )?;
    owned.finish()?;

    if !opts.output.quiet {
        print_table(&header, &s.done);
        let ran = planned.len() - resumed_points;
        println!(
            "\n{} points ({} run in {}, {} resumed from {}/points), {} threads.",
            count(planned.len() as u64),
            count(ran as u64),
            seconds(elapsed),
            count(resumed_points as u64),
            dir.display(),
            threads
        );
        println!("Wrote {}/ ({})", dir.display(), written.join(", "));
        println!(
            "Sweep complete: sweep.csv holds all {} points (metadata.json: \"complete\": true).",
            count(total as u64)
        );
    }
    Ok(())
}

/// The error of an interrupted sweep: how many points are saved and the
/// exact command that resumes it.
fn interrupted(dir: &Path, done: usize, total: usize) -> anyhow::Error {
    let mut args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--resume") {
        args.push("--resume".into());
    }
    let command: Vec<String> = args.iter().map(|a| shell_word(a)).collect();
    anyhow::anyhow!(
        "interrupted: {done} of {total} points are saved in {} (sweep.csv holds them; metadata.json says \"complete\": false); resume with:\n  {}",
        dir.join(sweep_files::POINTS_DIR).display(),
        command.join(" ")
    )
}

/// `word` as a POSIX shell reads it back: as it is when plain, else in
/// single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The last step of a sweep and of a merge of its shards: sweep.csv and
/// sweep.json rebuilt from every point, the charts, and metadata.json.
/// Returns what was written, for people.
///
/// # Errors
/// When a file cannot be written.
pub fn finish(
    dir: &Path,
    header: &SweepHeader,
    done: &BTreeMap<usize, PointResult>,
    metadata: &SweepMetadata,
) -> Result<Vec<String>> {
    sweep_files::write_files(dir, header, done)?;
    let mut written = vec!["sweep.csv", "sweep.json", "metadata.json", "points/"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    // The base scenario, to say where a swept answer time steps.
    let base =
        wom::scenario::from_table(&metadata.scenario, Path::new(&metadata.scenario_file)).ok();
    for chart in crate::report::sweep_charts(header, done, base.as_ref())? {
        crate::store::pictures::write_picture(&dir.join("charts"), chart.picture())?;
        written.push(format!("charts/{}.png/.svg", chart.stem));
    }
    write_json(&dir.join("metadata.json"), metadata)?;
    Ok(written)
}

/// Distinct values per key, for the title line.
fn axes_sizes(keys: &[String], done: &BTreeMap<usize, PointResult>) -> Vec<usize> {
    (0..keys.len())
        .map(|k| {
            let mut seen: Vec<&str> = done
                .values()
                .filter_map(|p| p.values.get(k).map(|v| v.text.as_str()))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        })
        .collect()
}

/// Prints the headline paired difference at each point.
pub fn print_table(header: &SweepHeader, done: &BTreeMap<usize, PointResult>) {
    let sizes = axes_sizes(&header.keys, done);
    let shape: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
    println!(
        "Sweep of `{}` over {} ({} points, {}), seed {}",
        header.scenario,
        header.keys.join(", "),
        count(header.points_total as u64),
        shape.join(" × "),
        header.seed
    );
    let Some(first) = done.values().next() else {
        return;
    };
    let Some(c) = first.headline() else {
        return;
    };
    let title = format!("value lost by `{}` vs `{}` (95% CI)", c.baseline, c.policy);
    let mut rows: Vec<Vec<String>> = vec![{
        let mut h: Vec<String> = header
            .keys
            .iter()
            .map(|k| k.rsplit('.').next().unwrap_or(k).to_string())
            .collect();
        h.push("replications".into());
        if header.precision_target.is_some() {
            h.push("precision".into());
        }
        h.push(title);
        h
    }];
    for p in done.values().take(TABLE_ROWS) {
        let mut row: Vec<String> = p.values.iter().map(|v| v.text.clone()).collect();
        row.push(count(p.replications));
        if let Some(r) = &p.precision {
            let relative = r
                .relative
                .map_or_else(|| "—".to_string(), |x| format!("±{:.1}%", 100.0 * x));
            row.push(format!("{relative} {}", if r.met { "met" } else { "max" }));
        }
        row.push(match p.headline() {
            Some(c) => {
                let d = &c.npv_difference;
                format!(
                    "{}  ({})",
                    money(d.mean, &header.currency),
                    interval(d.ci95[0], d.ci95[1], Some(&header.currency))
                )
            }
            None => String::new(),
        });
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    println!();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{}{c}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", cells.join("   "));
    }
    if done.len() > TABLE_ROWS {
        println!(
            "… and {} more points in sweep.csv",
            count((done.len() - TABLE_ROWS) as u64)
        );
    }
}
