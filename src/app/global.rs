//! `wom sensitivity --global`: first-order and total Sobol indices of the
//! headline paired difference per uncertain key, on a pick-freeze design
//! (matrices A and B of N points, and AB_i for each key `i`), with
//! Saltelli's and Jansen's estimators and their standard errors
//! (`wom::uncertainty::saltelli`).
//!
//! The keys and their priors are the scenario's `[uncertainty]`; without
//! one, the `--vary` ranges or the default literature ranges of `wom
//! sensitivity`, read as uniform priors (a distribution-valued key as
//! `between = [LOW, HIGH]`). A and B are the two halves of a quasi-random
//! Sobol sequence of dimension 2k rotated by the seed
//! (`wom::uncertainty::design`). Every point
//! runs the same replications `0..M` (common random numbers), so the
//! model the indices describe is the M-replication mean, a deterministic
//! function of the inputs, and no noise term is subtracted.

use super::scenario::{self, Loaded};
use super::sensitivity::SensitivityOptions;
use super::{network::NetworkCache, progress, thread_pool};
use crate::present::bad_input;
use crate::present::format::count;
use crate::store::files::write_atomic;
use crate::store::write_json;
use anyhow::Result;
use rayon::prelude::*;
use std::time::Instant;
use toml::{Table, Value};
use wom::model::Scenario;
use wom::results::uncertainty_sobol::{SobolEntry, SobolFile};
use wom::sweep::spec::Vary;
use wom::uncertainty::saltelli::{ab_row, indices};

/// Replications per point without `[uncertainty]` or `--replications`.
const DEFAULT_PER_POINT: u32 = 10;

/// `[uncertainty]` from ranges read as uniform priors.
fn priors(ranges: &[Vary], per_point: u32) -> Table {
    let mut t = Table::new();
    t.insert(
        "replications_per_draw".into(),
        Value::Integer(i64::from(per_point)),
    );
    for v in ranges {
        let mut d = Table::new();
        match (&v.low, &v.high) {
            (Value::Table(_), _) | (_, Value::Table(_)) => {
                d.insert(
                    "between".into(),
                    Value::Array(vec![v.low.clone(), v.high.clone()]),
                );
            }
            (lo, hi) => {
                // A tornado's "low" is the value that lowers the result,
                // not always the smaller number.
                let num = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                let (lo, hi) = match (num(lo), num(hi)) {
                    (Some(a), Some(b)) if a > b => (hi, lo),
                    _ => (lo, hi),
                };
                d.insert("uniform".into(), Value::Array(vec![lo.clone(), hi.clone()]));
            }
        }
        t.insert(v.key.clone(), Value::Table(d));
    }
    t
}

/// The base scenario with the uncertainty the indices are about.
fn uncertain(opts: &SensitivityOptions, loaded: &Loaded) -> Result<(Scenario, &'static str)> {
    if loaded.scenario.uncertainty.is_some() && opts.vary.is_empty() {
        let mut s = loaded.scenario.clone();
        if let (Some(r), Some(u)) = (opts.input.replications, s.uncertainty.as_mut()) {
            u.replications_per_draw = r;
        }
        return Ok((s, "[uncertainty]"));
    }
    let (ranges, source) = if opts.vary.is_empty() {
        let d = wom::sweep::sensitivity::defaults(&loaded.scenario);
        (
            d.into_iter().map(|d| d.vary).collect::<Vec<_>>(),
            "the default ranges of wom sensitivity, as uniform priors",
        )
    } else {
        (opts.vary.clone(), "--vary ranges, as uniform priors")
    };
    let per_point = opts.input.replications.unwrap_or(DEFAULT_PER_POINT);
    let mut table = loaded.table.clone();
    table.insert(
        "uncertainty".into(),
        Value::Table(priors(&ranges, per_point)),
    );
    table.insert(
        "replications".into(),
        Value::Integer(2 * i64::from(per_point)),
    );
    let flags: Vec<(&str, String)> = ranges
        .iter()
        .map(|v| (v.key.as_str(), format!("--vary {}", v.key)))
        .collect();
    let mut s = wom::scenario::from_table(&table, &opts.input.path)
        .map_err(|e| scenario::blame(e, &flags, &loaded.text))?;
    s.seed = loaded.scenario.seed;
    Ok((s, source))
}

/// Runs `wom sensitivity --global` with `samples` rows per matrix.
///
/// # Errors
/// Bad input for a bad scenario, range or design point; a failure when a
/// file cannot be written.
pub fn run(opts: &SensitivityOptions, samples: u32) -> Result<()> {
    // --replications is the replications per design point, not the
    // scenario's (which need not be a multiple of it).
    let mut input = opts.input.clone();
    input.replications = None;
    let loaded = scenario::load(&input)?;
    let (s, source) = uncertain(opts, &loaded)?;
    let u = s.uncertainty.clone().expect("uncertain");
    if u.joint.is_some() {
        return Err(bad_input(
            "wom sensitivity --global: joint draws (draws_file) have no independent keys to vary one by one; give each key its own distribution",
        ));
    }
    let keys = u.key_names();
    let k = keys.len();
    let n = u64::from(samples);
    let per_point = u64::from(u.replications_per_draw);
    let (a, b) = wom::uncertainty::design::matrices(s.seed, n as usize, u.dimensions())
        .ok_or_else(|| {
            bad_input(format!(
                "wom sensitivity --global: {k} uncertain keys; the quasi-random design takes at most {}",
                wom::uncertainty::design::MAX_KEYS
            ))
        })?;
    // Points: A, B, then AB_0, AB_1, …, each N rows.
    let mut points: Vec<Vec<f64>> = a.iter().chain(&b).cloned().collect();
    for i in 0..k {
        points.extend((0..n as usize).map(|r| ab_row(&a[r], &b[r], i)));
    }
    let scenarios: Vec<Scenario> = points
        .iter()
        .enumerate()
        .map(|(p, x)| wom::scenario::scenario_at(&s, x, &format!("design point {p}")))
        .collect::<Result<_, _>>()
        .map_err(|e| bad_input(e.to_string()))?;
    let pool = thread_pool(opts.threads)?;
    let threads = pool.current_num_threads();
    super::network::check_fits(&scenarios[0], threads, 1)?;
    let cache = NetworkCache::new(&scenarios);
    let dir = opts.output.dir_for(&opts.input.path, Some("sensitivity"));
    let _lock = crate::store::files::lock_dir(&dir, true)?;
    crate::store::run::forget(&dir)?;
    let began = Instant::now();
    let bar = progress::bar(scenarios.len() as u64, "design points", opts.output.quiet);
    let values: Vec<f64> = pool.install(|| {
        scenarios
            .par_iter()
            .map(|sc| {
                let world = scenario::build_variant(sc.clone(), &cache)?;
                let ran = world
                    .run(0..per_point, || {})
                    .map_err(scenario::world_error)?;
                bar.inc(1);
                let d: f64 = ran.iter().map(|r| r.npv_difference(0, 1)).sum();
                Ok(d / per_point as f64)
            })
            .collect::<Result<Vec<f64>>>()
    })?;
    bar.finish_and_clear();
    let rows = n as usize;
    let fab: Vec<Vec<f64>> = (0..k)
        .map(|i| values[(2 + i) * rows..(3 + i) * rows].to_vec())
        .collect();
    let got = indices(&values[..rows], &values[rows..2 * rows], &fab, 0.0);
    let file = SobolFile {
        scenario: s.name.clone(),
        seed: s.seed,
        baseline: s.policies[0].name.clone(),
        policy: s.policies[1].name.clone(),
        currency: s.economics.currency.clone(),
        priors: source.to_owned(),
        samples: n,
        replications_per_point: per_point,
        design_points: scenarios.len() as u64,
        estimator: "first order: Saltelli (2010); total: Jansen (1999); pick-freeze design on a Sobol sequence (Joe-Kuo, Cranley-Patterson rotated by the seed), common random numbers".into(),
        keys: keys
            .iter()
            .zip(&got)
            .map(|(key, g)| SobolEntry {
                key: key.clone(),
                distribution: u.table.get(key).map(|v| v.to_string()).unwrap_or_default(),
                first: g.first,
                first_se: g.first_se,
                total: g.total,
                total_se: g.total_se,
            })
            .collect(),
        elapsed_seconds: began.elapsed().as_secs_f64(),
        threads,
    };
    write_atomic(&dir.join("sobol.csv"), |out| Ok(file.write_csv(out)?))?;
    write_json(&dir.join("sobol.json"), &file)?;
    let chart = crate::report::render(
        &crate::report::charts::uncertainty_sobol::SobolChart::of_file(&file),
    )?;
    crate::store::pictures::write_picture(&dir.join("charts"), chart.picture())?;
    if !opts.output.quiet {
        print(&file, &dir);
    }
    Ok(())
}

/// The table of indices.
fn print(file: &SobolFile, dir: &std::path::Path) {
    println!(
        "Global sensitivity of the difference `{}` vs `{}` in `{}`: Sobol indices per key ({}).",
        file.policy, file.baseline, file.scenario, file.priors
    );
    println!(
        "First order: the share of the variance the key explains alone; total: with all its interactions. ± one standard error.\n"
    );
    let width = file
        .keys
        .iter()
        .map(|k| k.key.len())
        .max()
        .unwrap_or(3)
        .max(3);
    println!("{:width$}   {:>15}   {:>15}", "key", "first order", "total");
    for k in &file.keys {
        println!(
            "{:width$}   {:>6.3} ± {:<6.3}   {:>6.3} ± {:<6.3}",
            k.key, k.first, k.first_se, k.total, k.total_se
        );
    }
    println!(
        "\n{} design points ({} samples × ({} keys + 2)) of {} replications in {:.1} s, {} threads. Wrote {}/ (sobol.csv, sobol.json, charts/sobol_indices.png/.svg)",
        count(file.design_points),
        file.samples,
        file.keys.len(),
        file.replications_per_point,
        file.elapsed_seconds,
        file.threads,
        dir.display()
    );
}
