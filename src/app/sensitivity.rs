//! `wom sensitivity`: one-at-a-time sensitivity of the headline paired
//! difference — each key moved to its low and high value with the others
//! at base — as a table, CSV, JSON and a tornado chart.

use super::points::{self, Planned};
use super::scenario::{self, Output, ScenarioInput};
use super::{progress, thread_pool};
use crate::present::format::count;
use crate::present::money::{interval, money};
use crate::report::{About, Tornado, render};
use crate::store::files::write_atomic;
use crate::store::pictures::write_picture;
use crate::store::write_json;
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;
use wom::model::Scenario;
use wom::results::sensitivity::{EffectEntry, SensitivityFile, SensitivityMetadata};
use wom::sweep::grid::Point;
use wom::sweep::sensitivity::{Effect, defaults, tornado_order};
use wom::sweep::spec::Vary;
use wom::sweep::value_text;

/// What `wom sensitivity` does.
#[derive(Debug, Clone)]
pub struct SensitivityOptions {
    /// The base scenario with its overrides, seed and replications.
    pub input: ScenarioInput,
    /// The keys and ranges (`--vary`), each key once; empty for the
    /// default ranges.
    pub vary: Vec<Vary>,
    /// Where to write, how much to print.
    pub output: Output,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// `--global`: Sobol indices with this many samples per matrix
    /// instead of the one-at-a-time tornado.
    pub global: Option<u32>,
}

/// The ranges to use: `--vary`, else the defaults for the scenario.
fn ranges(opts: &SensitivityOptions, base: &Scenario) -> Vec<(Vary, String)> {
    if opts.vary.is_empty() {
        return defaults(base)
            .into_iter()
            .map(|d| (d.vary, d.source.to_string()))
            .collect();
    }
    opts.vary
        .iter()
        .map(|v| (v.clone(), "--vary".to_owned()))
        .collect()
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
///
/// # Errors
/// Bad input (before any work) for a bad scenario, key or value; a
/// failure when a file cannot be written.
pub fn run(opts: &SensitivityOptions) -> Result<()> {
    let base = scenario::load(&opts.input)?;
    let ranges = ranges(opts, &base.scenario);
    let pool = thread_pool(opts.threads)?;
    let threads = pool.current_num_threads();
    let plan = points::plan(
        &base,
        &opts.input,
        runs(&ranges),
        "--vary",
        None,
        threads,
        |_| true,
    )?;
    let planned = &plan.variants;
    let dir = opts.output.dir_for(&opts.input.path, Some("sensitivity"));
    let _lock = crate::store::files::lock_dir(&dir, true)?;
    crate::store::run::forget(&dir)?;
    let began = Instant::now();
    let bar = progress::bar(planned.len() as u64, "runs", opts.output.quiet);
    let results = Mutex::new(BTreeMap::new());
    pool.install(|| {
        points::for_each_in_order(planned, threads, |p: &Planned| {
            let ran = points::run_point(p, None, &plan.networks)?;
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

    let file = SensitivityFile {
        scenario: scenario.name.clone(),
        seed: scenario.seed,
        replications: planned[0].start,
        baseline: baseline.clone(),
        policy: policy.clone(),
        currency: scenario.economics.currency.clone(),
        base: base_diff,
        effects: effects.iter().map(EffectEntry::new).collect(),
    };
    let metadata = SensitivityMetadata {
        wom_version: env!("CARGO_PKG_VERSION").to_owned(),
        command_line: std::env::args().collect(),
        scenario_file: opts.input.path.display().to_string(),
        seed: scenario.seed,
        replications: planned[0].start,
        runs: planned.len(),
        threads,
        elapsed_seconds: elapsed,
        scenario: wom::scenario::resolved::to_table(scenario)?,
    };
    let owned = crate::store::owned::begin(&dir, crate::store::owned::Scope::Everything)?;
    write_atomic(&dir.join("sensitivity.csv"), |out| Ok(file.write_csv(out)?))?;
    write_json(&dir.join("sensitivity.json"), &file)?;
    write_json(&dir.join("metadata.json"), &metadata)?;
    let about = About {
        scenario: scenario.name.clone(),
        baseline: baseline.clone(),
        policy: policy.clone(),
        currency: scenario.economics.currency.clone(),
        replications: planned[0].start,
        seed: scenario.seed,
    };
    let chart = render(&Tornado::new(&about, &base_diff, &effects))?;
    write_picture(&dir.join("charts"), chart.picture())?;
    owned.finish()?;
    if !opts.output.quiet {
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
