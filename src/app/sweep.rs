//! `wom sweep`: every policy at every point of a grid of scenario values,
//! in parallel over points × replications on one pool, resumable.

use super::format::{count, seconds};
use super::money::{interval, money};
use super::points::{self, Planned, Replications};
use super::sweep_files::{self, SweepHeader};
use super::{bad_input, outputs, progress, scenario, thread_pool};
use crate::cli::sweep::SweepArgs;
use anyhow::Result;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wom::sweep::grid::{Combine, MAX_POINTS, expand};
use wom::sweep::point::PointResult;
use wom::sweep::spec::parse_axis;

/// Most rows of the terminal table; the files hold every point.
const TABLE_ROWS: usize = 60;

/// Scenario keys that cannot be swept, and why.
const NOT_SWEPT: [(&str, &str); 1] = [(
    "replications",
    "replications are not a model parameter; use --replications or --precision",
)];

/// The default output directory of a sweep or sensitivity analysis.
pub fn default_dir(scenario_file: &Path, kind: &str) -> PathBuf {
    let stem = scenario_file
        .file_stem()
        .map_or_else(|| "run".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("output").join(format!("{stem}-{kind}"))
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
    sweep_files::write_csv(&dir.join("sweep.csv"), &header.keys, &state.done)?;
    sweep_files::write_sweep_json(&dir.join("sweep.json"), header, &state.done)?;
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
            sweep_files::load_point(&path, p.point.index, p.hash).map(|r| (p.point.index, r))
        })
        .collect()
}

/// Runs `wom sweep`.
pub fn run(args: &SweepArgs) -> Result<()> {
    let (table, base) = scenario::load(&args.scenario)?;
    let axes = args
        .set
        .iter()
        .map(|s| parse_axis(s, MAX_POINTS))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad_input(e.to_string()))?;
    for axis in &axes {
        if let Some((_, why)) = NOT_SWEPT.iter().find(|(k, _)| *k == axis.key) {
            return Err(bad_input(format!("--set {}: {why}", axis.key)));
        }
    }
    let combine = if args.zip {
        Combine::Zip
    } else {
        Combine::Grid
    };
    let points = expand(&axes, combine, MAX_POINTS).map_err(|e| bad_input(e.to_string()))?;
    let reps = Replications::new(args.replications, args.seed, Some(&args.precision));
    let pool = thread_pool(&args.threads)?;
    let threads = pool.current_num_threads();
    let planned = points::plan(&table, &args.scenario, points, reps, threads)?;

    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_dir(&args.scenario, "sweep"));
    sweep_files::prepare(&dir, args.resume)?;
    let done = if args.resume {
        resumed(&dir, &planned)
    } else {
        BTreeMap::new()
    };
    let resumed_points = done.len();
    let keys: Vec<String> = axes.iter().map(|a| a.key.clone()).collect();
    let header = SweepHeader {
        scenario: base.name.clone(),
        scenario_file: args.scenario.display().to_string(),
        seed: args.seed.unwrap_or(base.seed),
        keys: keys.clone(),
        combine: if args.zip { "zip" } else { "grid" },
        policies: base.policy_names(),
        currency: base.economics.currency.clone(),
        precision_target: reps.precision.map(|p| p.relative),
        points_total: planned.len(),
    };
    let metadata = |elapsed: Option<f64>| {
        json!({
            "wom_version": env!("CARGO_PKG_VERSION"),
            "command_line": std::env::args().collect::<Vec<_>>(),
            "scenario_file": args.scenario.display().to_string(),
            "seed": header.seed,
            "keys": keys,
            "combine": header.combine,
            "points_total": planned.len(),
            "points_resumed": resumed_points,
            "replications": reps.flag,
            "precision": reps.precision,
            "threads": threads,
            "elapsed_seconds": elapsed,
            "scenario": base,
        })
    };
    outputs::write_json(&dir.join("metadata.json"), &metadata(None))?;

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
    let bar = progress::bar(planned.len() as u64, "points", args.quiet);
    bar.set_position(resumed_points as u64);
    bar.reset_eta();
    let precision = reps.precision;
    // Points are taken in order by whichever worker is free; each point's
    // replications run in parallel on the same pool (no oversubscription).
    pool.install(|| {
        points::for_each_in_order(&todo, threads, |p| {
            let ran = points::run_point(p, precision, threads)?;
            let record = PointResult::new(&p.point, p.hash, &ran.summary, ran.reached.as_ref());
            let stored = sweep_files::store_point(&dir, p.hash, &record)?;
            let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
            s.done.insert(p.point.index, stored);
            s.fresh += 1;
            if args.stop_after == Some(s.fresh) {
                // Testing aid: die like a killed run, after the point file
                // and before the sweep files are rebuilt.
                std::process::exit(130);
            }
            if s.due() {
                rewrite(&dir, &header, &mut s)?;
            }
            bar.inc(1);
            Ok(())
        })
    })?;
    bar.finish_and_clear();
    let mut s = state.into_inner().unwrap_or_else(|e| e.into_inner());
    rewrite(&dir, &header, &mut s)?;
    let mut written = vec!["sweep.csv", "sweep.json", "metadata.json", "points/"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    for chart in crate::report::sweep_charts(&header, &s.done)? {
        crate::report::write_picture(&dir.join("charts"), &chart)?;
        written.push(format!("charts/{}.png/.svg", chart.stem));
    }
    let elapsed = began.elapsed().as_secs_f64();
    outputs::write_json(&dir.join("metadata.json"), &metadata(Some(elapsed)))?;

    if !args.quiet {
        print_table(&header, &axes_sizes(&planned, &keys), &s.done);
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
    }
    Ok(())
}

/// Distinct values per key, for the title line.
fn axes_sizes(planned: &[Planned], keys: &[String]) -> Vec<usize> {
    (0..keys.len())
        .map(|k| {
            let mut seen: Vec<String> = planned
                .iter()
                .map(|p| wom::sweep::value_text(&p.point.assignments[k].1))
                .collect();
            seen.sort();
            seen.dedup();
            seen.len()
        })
        .collect()
}

/// Prints the headline paired difference at each point.
fn print_table(header: &SweepHeader, sizes: &[usize], done: &BTreeMap<usize, PointResult>) {
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
