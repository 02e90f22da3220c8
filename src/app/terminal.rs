//! Results for people on the terminal: the table of every policy, each
//! comparison split by cause, and what a precision target reached.

use crate::present::format::count;
use crate::present::money::{interval, mean_and_interval, money};
use crate::report::rows;
use wom::results::Run;
use wom::results::summary::{ComparisonStats, PrecisionReached};

/// Prints the table of every policy: mean and 95% interval of each row of
/// the results table the run reports (see [`rows`]).
pub fn print_table(run: &Run) {
    let currency = run.currency();
    let names = run.names();
    let table = rows(&run.metrics());
    let cells: Vec<Vec<String>> = table
        .iter()
        .map(|(m, _)| {
            (0..names.len())
                .map(|p| {
                    let s = run.metric(p, *m);
                    let currency = m.is_money().then_some(currency);
                    mean_and_interval(s.mean, s.ci95, currency, ("  (", ")"))
                })
                .collect()
        })
        .collect();
    let label_w = table
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..names.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([names[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let pad = |s: &str, w: usize| format!("{}{s}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut head = format!("{:label_w$}", "mean (95% CI)");
    for (name, w) in names.iter().zip(&widths) {
        head.push_str("   ");
        head.push_str(&pad(name, *w));
    }
    println!("{head}");
    for ((_, label), row) in table.iter().zip(&cells) {
        let mut line = format!("{label:label_w$}");
        for (cell, w) in row.iter().zip(&widths) {
            line.push_str("   ");
            line.push_str(&pad(cell, *w));
        }
        println!("{line}");
    }
}

/// Prints one comparison: the paired difference and its split by cause.
pub fn print_comparison(run: &Run, c: &ComparisonStats) {
    let currency = run.currency();
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
