//! Results for people on the terminal: the table of every policy, each
//! comparison split by cause, and what a precision target reached.

use crate::present::format::count;
use crate::present::money::{interval, mean_and_interval, money};
use crate::report::charts::worth;
use crate::report::narrative::table::{PER_CUSTOMER, cell as metric_cell, segment_rows};
use crate::report::rows;
use wom::results::Run;
use wom::results::summary::{ComparisonStats, PrecisionReached, Stat};
use wom::sim::SegmentMetric;

/// "mean  (lo–hi)" for people.
fn cell(s: &Stat, is_money: bool, currency: &str) -> String {
    let currency = is_money.then_some(currency);
    mean_and_interval(s.mean, s.ci95, currency, ("  (", ")"))
}

/// Prints rows of `(label, cells)` under a head of `names`, right-aligned.
fn print_rows(head: &str, names: &[String], table: &[(String, Vec<String>)]) {
    let label_w = table
        .iter()
        .map(|(l, _)| l.chars().count())
        .chain([head.chars().count()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..names.len())
        .map(|i| {
            table
                .iter()
                .map(|(_, r)| r[i].chars().count())
                .chain([names[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(s.chars().count())));
    let left = |s: &str| {
        format!(
            "{s}{}",
            " ".repeat(label_w.saturating_sub(s.chars().count()))
        )
    };
    let mut line = left(head);
    for (name, w) in names.iter().zip(&widths) {
        line.push_str("   ");
        line.push_str(&pad(name, *w));
    }
    println!("{line}");
    for (label, row) in table {
        let mut line = left(label);
        for (c, w) in row.iter().zip(&widths) {
            line.push_str("   ");
            line.push_str(&pad(c, *w));
        }
        println!("{line}");
    }
}

/// Prints the table of every policy: mean and 95% interval of each row of
/// the results table the run reports (see [`rows`]).
pub fn print_table(run: &Run) {
    let currency = run.currency();
    let names = run.names();
    let table: Vec<(String, Vec<String>)> = rows(&run.metrics())
        .iter()
        .map(|&(m, label)| {
            let cells = (0..names.len())
                .map(|p| {
                    let applies = m.applies_to(&run.scenario.policies[p]);
                    metric_cell(m, run.metric(p, m), currency, applies, ("  (", ")"))
                })
                .collect();
            (label.to_owned(), cells)
        })
        .collect();
    print_rows("mean (95% CI)", &names, &table);
}

/// Prints what each segment is worth under each policy (nothing without
/// segments): its NPV per customer at the start, then its statistics.
pub fn print_segments(run: &Run) {
    let segments = worth::segments(run);
    if segments.is_empty() {
        return;
    }
    let currency = run.currency();
    let names = run.names();
    let reported = SegmentMetric::reported(&run.scenario);
    let mut table = Vec::new();
    for seg in &segments {
        let per_customer = seg
            .policies
            .iter()
            .map(|sp| {
                sp.per_customer.map_or_else(
                    || "—".to_owned(),
                    |r| mean_and_interval(r.mean, r.ci95, Some(currency), ("  (", ")")),
                )
            })
            .collect();
        let share = crate::report::segment_label(&seg.name, seg.share);
        table.push((format!("{share}: {PER_CUSTOMER}"), per_customer));
        for (m, label) in segment_rows(&reported) {
            let cells = seg
                .policies
                .iter()
                .map(|sp| {
                    sp.stat(m)
                        .map_or_else(String::new, |s| cell(s, m.is_money(), currency))
                })
                .collect();
            table.push((format!("  {label}"), cells));
        }
    }
    println!();
    print_rows("what each segment is worth", &names, &table);
}

/// Prints one comparison: the paired difference and its split by cause.
pub fn print_comparison(run: &Run, c: &ComparisonStats) {
    let currency = run.currency();
    let d = &c.npv_difference;
    println!();
    println!(
        "“{}” vs “{}”, paired on the same random world (value lost by “{}”):",
        c.policy, c.baseline, c.baseline
    );
    println!(
        "  total                          {:>12}  (95% CI {}; ±{} paired vs ±{} from independent runs)",
        money(d.mean, currency),
        interval(d.ci95[0], d.ci95[1], Some(currency)),
        money(d.half_width(), currency),
        money(c.unpaired_ci95_half_width, currency)
    );
    for (cause, s) in &c.by_cause.0 {
        println!(
            "  {:<30} {:>12}  ({})",
            cause.label(),
            money(s.mean, currency),
            interval(s.ci95[0], s.ci95[1], Some(currency))
        );
    }
}

/// One line on what a precision target reached.
pub fn precision_line(reached: &PrecisionReached, currency: &str) -> String {
    let status = if reached.met {
        "met"
    } else {
        "not met: the maximum was reached"
    };
    let relative = reached
        .relative
        .map_or_else(|| "—".to_owned(), |r| format!("{:.2}%", 100.0 * r));
    format!(
        "Precision target ±{:.1}% {status}: {} replications give ±{} ({relative} of the headline difference).",
        100.0 * reached.target,
        count(reached.replications),
        money(reached.half_width, currency),
    )
}
