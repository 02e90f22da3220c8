//! `wom sensitivity`: one-at-a-time sensitivity of the headline paired
//! difference — each key moved to its low and high value with the others
//! at base — as a table, CSV, JSON and a tornado chart.

use super::format::count;
use super::money::{interval, money};
use super::points::{self, Planned, Replications};
use super::sweep::default_dir;
use super::{bad_input, files::write_atomic, outputs, progress, scenario, thread_pool};
use crate::cli::sweep::SensitivityArgs;
use crate::report::{About, Tornado, render, write_picture};
use anyhow::Result;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;
use wom::model::Scenario;
use wom::sweep::grid::Point;
use wom::sweep::sensitivity::{Effect, defaults, tornado_order};
use wom::sweep::spec::{Vary, parse_vary};
use wom::sweep::value_text;

/// The ranges to use: `--vary`, else the defaults for the scenario.
fn ranges(args: &SensitivityArgs, base: &Scenario) -> Result<Vec<(Vary, String)>> {
    if args.vary.is_empty() {
        return Ok(defaults(base)
            .into_iter()
            .map(|d| (d.vary, d.source.to_string()))
            .collect());
    }
    let mut out: Vec<(Vary, String)> = Vec::new();
    for spec in &args.vary {
        let v = parse_vary(spec).map_err(|e| bad_input(e.to_string()))?;
        if out.iter().any(|(o, _)| o.key == v.key) {
            return Err(bad_input(format!(
                "--vary {spec}: the key `{}` is given twice; give each key once",
                v.key
            )));
        }
        out.push((v, "--vary".into()));
    }
    Ok(out)
}

/// The runs: the base (index 0), then each key's low and high value.
fn runs(ranges: &[(Vary, String)]) -> Vec<Point> {
    let mut points = vec![Point {
        index: 0,
        assignments: Vec::new(),
    }];
    for (v, _) in ranges {
        for value in [&v.low, &v.high] {
            points.push(Point {
                index: points.len(),
                assignments: vec![(v.key.clone(), value.clone())],
            });
        }
    }
    points
}

/// Runs `wom sensitivity`.
pub fn run(args: &SensitivityArgs) -> Result<()> {
    let (table, base) = scenario::load_with(&args.scenario, &args.set)?;
    if base.policies.len() < 2 {
        return Err(bad_input(
            "sensitivity compares two policies; the scenario has one",
        ));
    }
    let ranges = ranges(args, &base)?;
    let reps = Replications::new(args.replications, args.seed, None);
    let pool = thread_pool(&args.threads)?;
    let threads = pool.current_num_threads();
    let planned = points::plan(&table, &args.scenario, runs(&ranges), reps, threads)?;
    let began = Instant::now();
    let bar = progress::bar(planned.len() as u64, "runs", args.quiet);
    let results = Mutex::new(BTreeMap::new());
    pool.install(|| {
        points::for_each_in_order(&planned, threads, |p: &Planned| {
            let ran = points::run_point(p, None, threads)?;
            results
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(p.point.index, ran);
            bar.inc(1);
            Ok(())
        })
    })?;
    bar.finish_and_clear();
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let elapsed = began.elapsed().as_secs_f64();
    let headline = |i: usize| results.get(&i).map_or(&[][..], |r| r.headline.as_slice());
    let mut effects: Vec<Effect> = ranges
        .iter()
        .enumerate()
        .map(|(k, (v, source))| {
            Effect::new(
                v.clone(),
                source.clone(),
                headline(1 + 2 * k),
                headline(2 + 2 * k),
            )
        })
        .collect();
    tornado_order(&mut effects);
    let base_diff = wom::stats::Summary::from_values(headline(0));
    let scenario = &planned[0].scenario;
    let (baseline, policy) = (&scenario.policies[0].name, &scenario.policies[1].name);

    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_dir(&args.scenario, "sensitivity"));
    write_csv(&dir.join("sensitivity.csv"), baseline, policy, &effects)?;
    outputs::write_json(
        &dir.join("sensitivity.json"),
        &json!({
            "scenario": scenario.name,
            "seed": scenario.seed,
            "replications": planned[0].start,
            "baseline": baseline,
            "policy": policy,
            "currency": scenario.economics.currency,
            "base": base_diff,
            "effects": effects.iter().map(|e| json!({
                "key": e.vary.key,
                "low": value_text(&e.vary.low),
                "high": value_text(&e.vary.high),
                "source": e.source,
                "at_low": e.at_low,
                "at_high": e.at_high,
                "swing": e.swing,
            })).collect::<Vec<_>>(),
        }),
    )?;
    outputs::write_json(
        &dir.join("metadata.json"),
        &json!({
            "wom_version": env!("CARGO_PKG_VERSION"),
            "command_line": std::env::args().collect::<Vec<_>>(),
            "scenario_file": args.scenario.display().to_string(),
            "seed": scenario.seed,
            "replications": planned[0].start,
            "runs": planned.len(),
            "threads": threads,
            "elapsed_seconds": elapsed,
            "scenario": scenario,
        }),
    )?;
    let about = About {
        scenario: scenario.name.clone(),
        baseline: baseline.clone(),
        policy: policy.clone(),
        currency: scenario.economics.currency.clone(),
        replications: planned[0].start,
        seed: scenario.seed,
    };
    let chart = render(&Tornado::new(&about, &base_diff, &effects))?;
    write_picture(&dir.join("charts"), &chart)?;
    if !args.quiet {
        print_table(scenario, baseline, policy, &base_diff, &effects);
        println!(
            "\n{} runs of {} replications in {:.1} s, {} threads. Wrote {}/ (sensitivity.csv, sensitivity.json, metadata.json, charts/tornado.png/.svg)",
            planned.len(),
            count(planned[0].start),
            elapsed,
            threads,
            dir.display()
        );
    }
    Ok(())
}

/// sensitivity.csv: one row per key, largest swing first.
fn write_csv(path: &Path, baseline: &str, policy: &str, effects: &[Effect]) -> Result<()> {
    write_atomic(path, |out| {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "key",
            "low",
            "high",
            "baseline",
            "policy",
            "low_mean",
            "low_ci_lo",
            "low_ci_hi",
            "high_mean",
            "high_ci_lo",
            "high_ci_hi",
            "swing",
            "swing_ci_lo",
            "swing_ci_hi",
            "source",
        ])?;
        for e in effects {
            let n = |x: f64| x.to_string();
            w.write_record([
                e.vary.key.clone(),
                value_text(&e.vary.low),
                value_text(&e.vary.high),
                baseline.to_string(),
                policy.to_string(),
                n(e.at_low.mean),
                n(e.at_low.ci95[0]),
                n(e.at_low.ci95[1]),
                n(e.at_high.mean),
                n(e.at_high.ci95[0]),
                n(e.at_high.ci95[1]),
                n(e.swing.mean),
                n(e.swing.ci95[0]),
                n(e.swing.ci95[1]),
                e.source.clone(),
            ])?;
        }
        w.flush()?;
        Ok(())
    })
}

fn print_table(
    scenario: &Scenario,
    baseline: &str,
    policy: &str,
    base: &wom::stats::Summary,
    effects: &[Effect],
) {
    let c = &scenario.economics.currency;
    println!(
        "Sensitivity of the value lost by `{baseline}` vs `{policy}` in `{}`: {} at base (95% CI {})",
        scenario.name,
        money(base.mean, c),
        interval(base.ci95[0], base.ci95[1], Some(c))
    );
    println!("Each key moved from low to high with the others at base; largest swing first.\n");
    let mut rows = vec![[
        "key".to_string(),
        "low → high".to_string(),
        "at low".to_string(),
        "at high".to_string(),
        "swing (95% CI, paired)".to_string(),
    ]];
    for e in effects {
        rows.push([
            e.vary.key.clone(),
            format!("{} → {}", value_text(&e.vary.low), value_text(&e.vary.high)),
            money(e.at_low.mean, c),
            money(e.at_high.mean, c),
            format!(
                "{}  ({})",
                money(e.swing.mean, c),
                interval(e.swing.ci95[0], e.swing.ci95[1], Some(c))
            ),
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = format!("{:w$}", row[0], w = widths[0]);
        for (i, cell) in row.iter().enumerate().skip(1) {
            let pad = widths[i] - cell.chars().count();
            line.push_str(&format!("   {}{cell}", " ".repeat(pad)));
        }
        println!("{line}");
    }
}
