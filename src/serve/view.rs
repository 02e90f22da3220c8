//! What the page shows of one result, formatted as `wom run` formats it:
//! each comparison's paired difference with its 95% interval and split by
//! cause, and the table of metrics per policy (the rows the terminal table
//! and report.html show). Read from the typed result files only.

use crate::present::format::{hours, hours_range, percent};
use crate::present::money::{amount, interval, money};
use crate::report::headline::magnitude;
use crate::report::rows;
use serde::Serialize;
use wom::results::Run;
use wom::results::summary::Stat;
use wom::sim::{Metric, Unit};

/// One comparison of a policy with the baseline, for people.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// The headline sentence, exactly as `wom run` prints it.
    pub headline: String,
    /// Its subject: "Ignoring complaints", "Policy “NAME”" or "Parting
    /// gracefully with “SEGMENT” customers at their 2nd complaint".
    pub subject: String,
    /// The headline's verb after the subject: "loses" or "gains".
    pub verb: String,
    /// The policy the headline compares with: `policy`, or the baseline
    /// when the subject is the policy (a parting).
    pub versus: String,
    /// |mean paired difference| in money.
    pub difference: String,
    /// Its 95% interval.
    pub interval: String,
    /// ± of the paired interval.
    pub paired_half_width: String,
    /// ± two independent runs would have given.
    pub unpaired_half_width: String,
    /// Share of the customer value lost that travels by word of mouth.
    pub word_of_mouth_share: Option<String>,
    /// The difference by each cause the run reports: `[label, money,
    /// interval]`.
    pub by_cause: Vec<[String; 3]>,
}

/// The table of metrics: one row per metric, one cell per policy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableView {
    /// Policy names, in scenario order.
    pub columns: Vec<String>,
    /// `(label, cells)`; each cell `[mean, 95% interval]`.
    pub rows: Vec<(String, Vec<[String; 2]>)>,
}

/// Everything the page shows in words and numbers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct View {
    /// One per comparison, in summary.json's order.
    pub comparisons: Vec<ComparisonView>,
    /// The metrics table.
    pub table: TableView,
}

/// The subject of a headline, the words before its verb, with `code`
/// quotes turned into typographic ones, and the verb.
fn subject(headline: &str) -> (String, String) {
    let (end, verb) = ["loses", "gains"]
        .iter()
        .filter_map(|verb| headline.find(&format!(" {verb} ")).map(|at| (at, *verb)))
        .min()
        .unwrap_or((headline.len(), "loses"));
    let subject = headline[..end]
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("“{part}”")
            } else {
                part.to_string()
            }
        })
        .collect();
    (subject, verb.to_string())
}

/// The policy a headline compares with: "… compared with `NAME`…".
fn versus(headline: &str) -> Option<&str> {
    let (_, after) = headline.split_once("compared with `")?;
    Some(after.split_once('`')?.0)
}

/// A cell of the table, `[mean, 95% interval]` in the metric's unit as
/// report.html writes it (`report::table::cell`), or a dash where the
/// metric does not apply to the policy.
fn cell(metric: Metric, s: &Stat, currency: &str, applies: bool) -> [String; 2] {
    let [lo, hi] = s.ci95;
    match metric.unit() {
        _ if !applies => ["—".to_owned(), String::new()],
        Unit::Money => [money(s.mean, currency), interval(lo, hi, Some(currency))],
        Unit::Count => [amount(s.mean), interval(lo, hi, None)],
        Unit::Share => [percent(s.mean), format!("{}–{}", percent(lo), percent(hi))],
        Unit::Hours => [hours(s.mean), hours_range(lo, hi)],
    }
}

/// The view of a run.
pub fn view(run: &Run) -> View {
    let currency = run.currency();
    let summary = &run.summary;
    let comparisons = summary
        .comparisons
        .iter()
        .zip(&summary.headlines)
        .map(|(c, headline)| {
            let d = &c.npv_difference;
            let (stated, [lo, hi]) = magnitude(d);
            let (subject, verb) = subject(headline);
            let versus = versus(headline).unwrap_or(&c.policy).to_string();
            // The share of the value lost by word of mouth, for a headline
            // about a loss (a parting's says what word of mouth takes back).
            let share = c
                .word_of_mouth_share
                .filter(|s| s.is_finite() && d.mean > 0.0 && verb == "loses");
            ComparisonView {
                baseline: c.baseline.clone(),
                policy: c.policy.clone(),
                subject,
                verb,
                versus,
                headline: headline.clone(),
                difference: money(stated, currency),
                interval: interval(lo, hi, Some(currency)),
                paired_half_width: money(d.half_width(), currency),
                unpaired_half_width: money(c.unpaired_ci95_half_width, currency),
                word_of_mouth_share: share.map(|s| format!("{:.0}%", 100.0 * s)),
                by_cause: c
                    .by_cause
                    .0
                    .iter()
                    .map(|(cause, s)| {
                        [
                            cause.label().to_string(),
                            money(s.mean, currency),
                            interval(s.ci95[0], s.ci95[1], Some(currency)),
                        ]
                    })
                    .collect(),
            }
        })
        .collect();
    let columns = run.names();
    let rows = rows(&run.metrics())
        .into_iter()
        .map(|(metric, label)| {
            let cells = (0..columns.len())
                .map(|p| {
                    let applies = metric.applies_to(&run.scenario.policies[p]);
                    cell(metric, run.metric(p, metric), currency, applies)
                })
                .collect();
            (label.to_string(), cells)
        })
        .collect();
    View {
        comparisons,
        table: TableView { columns, rows },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_the_words_before_the_verb() {
        let pair = |s: &str, v: &str| (s.to_string(), v.to_string());
        assert_eq!(
            subject("Ignoring complaints loses $5 (…)."),
            pair("Ignoring complaints", "loses")
        );
        assert_eq!(
            subject("Policy `slow` gains $5 (…)."),
            pair("Policy “slow”", "gains")
        );
        assert_eq!(
            subject(
                "Parting gracefully with `chronic` customers at their 2nd complaint gains $9 (…); word of mouth takes back $1."
            ),
            pair(
                "Parting gracefully with “chronic” customers at their 2nd complaint",
                "gains"
            )
        );
    }

    #[test]
    fn the_policy_compared_with_is_the_headline_s() {
        let parting = "Parting abruptly with `chronic` customers at their 2nd complaint gains $9 (95% CI $1–$20) over 12 months compared with `keep`.";
        assert_eq!(versus(parting), Some("keep"));
        assert_eq!(versus("Ignoring complaints loses $5"), None);
    }
}
