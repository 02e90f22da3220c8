//! `wom run`: simulate a scenario, print a table and a headline, write the
//! result files.

use super::format::{count, seconds};
use super::money::{amount, interval, money};
use super::{bad_input, outputs, progress, scenario, thread_pool};
use crate::cli::PrecisionArgs;
use crate::cli::run::RunArgs;
use anyhow::Result;
use std::path::PathBuf;
use std::time::Instant;
use wom::model::{Handling, Scenario};
use wom::sim::precision::{Precision, Reached, run_to_precision};
use wom::sim::summary::{Cause, Comparison, RunSummary, summarize};
use wom::sim::{Metric, ReplicationResult, World};

/// Rows of the terminal table.
pub(crate) const TABLE: [(Metric, &str); 13] = [
    (Metric::Npv, "NPV"),
    (Metric::CustomersFinal, "customers at the end"),
    (Metric::ChurnedDirect, "lost by own experience"),
    (Metric::ChurnedHearsay, "lost to hearsay"),
    (Metric::Deterred, "prospects deterred"),
    (Metric::ReferralConversions, "referral conversions"),
    (Metric::OrganicConversions, "organic conversions"),
    (Metric::Complaints, "complaints"),
    (Metric::Resolved, "complaints resolved"),
    (Metric::NegativeTellings, "negative tellings"),
    (Metric::PositiveTellings, "positive tellings"),
    (Metric::NegativeReach, "people reached by bad news"),
    (Metric::HandlingCost, "handling + compensation"),
];

/// The default output directory of a scenario file.
pub fn default_out_dir(scenario_file: &std::path::Path) -> PathBuf {
    let stem = scenario_file
        .file_stem()
        .map_or_else(|| "run".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("output").join(stem)
}

/// Simulates a world on `pool` and summarises it: `start` replications,
/// then, with a precision target, doubling until it is met (see
/// [`run_to_precision`]). A progress bar shows replications.
pub fn simulate(
    world: &World,
    pool: &rayon::ThreadPool,
    start: u64,
    precision: Option<Precision>,
    quiet: bool,
) -> (Vec<ReplicationResult>, RunSummary, Option<Reached>) {
    let bar = progress::bar(start, "replications", quiet);
    let (results, reached) = pool.install(|| {
        run_to_precision(
            world,
            start,
            precision,
            |total| bar.set_length(total),
            || bar.inc(1),
        )
    });
    bar.finish_and_clear();
    let summary = summarize(&world.scenario().policy_names(), &results);
    (results, summary, reached)
}

/// The precision target of the flags, if any.
pub fn precision_of(args: &PrecisionArgs) -> Option<Precision> {
    args.precision.map(|relative| Precision {
        relative,
        max_replications: args.max_replications,
    })
}

/// Checks that a precision run can start: at least two replications (an
/// interval needs them) and no more than the maximum.
///
/// # Errors
/// Bad input naming the flags.
pub fn check_start(start: u64, precision: Option<Precision>) -> Result<()> {
    if let Some(p) = precision {
        if start < 2 {
            return Err(bad_input(
                "--precision needs at least 2 starting replications to estimate an interval; raise --replications",
            ));
        }
        if start > p.max_replications {
            return Err(bad_input(format!(
                "--replications {start} is above --max-replications {}",
                p.max_replications
            )));
        }
    }
    Ok(())
}

/// One line on what a precision target reached.
pub fn precision_line(reached: &Reached, currency: &str) -> String {
    let status = if reached.met {
        "met"
    } else {
        "not met: the maximum was reached"
    };
    format!(
        "Precision target ±{:.1}% {status}: {} replications give ±{} ({:.2}% of the headline difference).",
        100.0 * reached.target,
        count(reached.replications),
        money(reached.half_width, currency),
        100.0 * reached.relative
    )
}

/// The headline sentence of one comparison.
pub fn headline(scenario: &Scenario, c: &Comparison) -> String {
    let d = &c.npv_difference;
    let currency = &scenario.economics.currency;
    let baseline_ignores = scenario
        .policy(&c.baseline)
        .is_some_and(|p| p.handling == Handling::Ignore);
    let subject = if baseline_ignores {
        "Ignoring complaints".to_string()
    } else {
        format!("Policy `{}`", c.baseline)
    };
    let verb = if d.mean >= 0.0 { "loses" } else { "gains" };
    let horizon = format!(
        "{} {}{}",
        scenario.periods,
        scenario.period_label,
        if scenario.periods == 1 { "" } else { "s" }
    );
    let mut text = format!(
        "{subject} {verb} {} (95% CI {}) over {horizon} compared with `{}`",
        money(d.mean.abs(), currency),
        interval(d.ci95[0].min(d.ci95[1]), d.ci95[1], Some(currency)),
        c.policy
    );
    if let Some(share) = c
        .word_of_mouth_share
        .filter(|s| s.is_finite() && d.mean > 0.0)
    {
        text.push_str(&format!(
            "; {:.0}% of the customer value lost travels through word of mouth",
            100.0 * share
        ));
    }
    text.push('.');
    if d.ci95[0] <= 0.0 && d.ci95[1] >= 0.0 {
        text.push_str(" The interval includes zero: the difference is not clear at this number of replications.");
    }
    text
}

fn print_table(scenario: &Scenario, summary: &RunSummary) {
    let currency = &scenario.economics.currency;
    let cells: Vec<Vec<String>> = TABLE
        .iter()
        .map(|(m, _)| {
            summary
                .policies
                .iter()
                .map(|p| {
                    let s = p.metric(*m);
                    if m.is_money() {
                        format!(
                            "{}  ({})",
                            money(s.mean, currency),
                            interval(s.ci95[0], s.ci95[1], Some(currency))
                        )
                    } else {
                        format!(
                            "{}  ({})",
                            amount(s.mean),
                            interval(s.ci95[0], s.ci95[1], None)
                        )
                    }
                })
                .collect()
        })
        .collect();
    let label_w = TABLE
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..summary.policies.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([summary.policies[i].name.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut head = format!("{:label_w$}", "mean (95% CI)");
    for (p, w) in summary.policies.iter().zip(&widths) {
        head.push_str("   ");
        head.push_str(&pad(&p.name, *w));
    }
    println!("{head}");
    for ((_, label), row) in TABLE.iter().zip(&cells) {
        let mut line = format!("{label:label_w$}");
        for (cell, w) in row.iter().zip(&widths) {
            line.push_str("   ");
            line.push_str(&pad(cell, *w));
        }
        println!("{line}");
    }
}

fn print_comparison(scenario: &Scenario, c: &Comparison) {
    let currency = &scenario.economics.currency;
    let d = &c.npv_difference;
    println!();
    println!(
        "`{}` vs `{}`, paired on the same random world (value lost by `{}`):",
        c.policy, c.baseline, c.baseline
    );
    println!(
        "  total                          {:>12}  (95% CI {}; ±{} paired vs ±{} from independent runs)",
        money(d.mean, currency),
        interval(d.ci95[0], d.ci95[1], Some(currency)),
        money(d.half_width(), currency),
        money(c.unpaired_half_width, currency)
    );
    for cause in Cause::ALL {
        let s = c.cause(cause);
        println!(
            "  {:<30} {:>12}  ({})",
            cause.label(),
            money(s.mean, currency),
            interval(s.ci95[0], s.ci95[1], Some(currency))
        );
    }
}

/// Runs `wom run`.
pub fn run(args: &RunArgs) -> Result<()> {
    let (table, mut scenario) = scenario::load_with(&args.scenario, &args.set)?;
    let precision = precision_of(&args.precision);
    let first =
        scenario::start_replications(&table, &scenario, args.replications, precision.is_some());
    check_start(first, precision)?;
    if let Some(r) = args.replications {
        scenario.replications = r;
    }
    if let Some(s) = args.seed {
        scenario.seed = s;
    }
    let pool = thread_pool(&args.threads)?;
    let threads = pool.current_num_threads();
    let start = Instant::now();
    let world = scenario::build_world(scenario, threads)?;
    let (results, summary, reached) = simulate(&world, &pool, first, precision, args.quiet);
    let elapsed = start.elapsed().as_secs_f64();
    let scenario = world.scenario();
    let headlines: Vec<String> = summary
        .comparisons
        .iter()
        .map(|c| headline(scenario, c))
        .collect();

    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&args.scenario));
    let names = scenario.policy_names();
    outputs::write_replications(&dir.join("replications.csv"), &names, &results)?;
    outputs::write_periods(&dir.join("periods.csv"), &summary)?;
    let edges = world.shared_graph().map(|g| g.edge_count());
    outputs::write_json(
        &dir.join("metadata.json"),
        &outputs::metadata_value(
            scenario,
            &args.scenario,
            world.people(),
            edges,
            threads,
            elapsed,
            summary.replications,
        ),
    )?;
    // summary.json last: its presence means the run completed.
    outputs::write_json(
        &dir.join("summary.json"),
        &outputs::summary_value(scenario, &summary, &headlines, reached.as_ref()),
    )?;
    // Charts and report from the files just written, exactly as `wom plot`.
    if !args.no_charts {
        crate::report::render_dir(&dir, None)?;
    }

    if args.quiet {
        return Ok(());
    }
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
    print_table(scenario, &summary);
    for c in &summary.comparisons {
        print_comparison(scenario, c);
    }
    println!();
    for h in &headlines {
        println!("{h}");
    }
    if let Some(r) = &reached {
        println!("{}", precision_line(r, &scenario.economics.currency));
    }
    println!();
    let extra = if args.no_charts {
        ""
    } else {
        ", report.html, charts/"
    };
    println!(
        "Wrote {}/ (summary.json, replications.csv, periods.csv, metadata.json{extra})",
        dir.display()
    );
    Ok(())
}
