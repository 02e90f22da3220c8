//! What the page shows of one result, formatted as `wom run` formats it:
//! each comparison's paired difference with its 95% interval and split by
//! cause, and the table of metrics per policy (the rows the terminal table
//! and report.html show). Read from the typed result files only.

use crate::present::format::{hours, hours_range, percent};
use crate::present::money::{amount, interval, money};
use crate::report::narrative::headline::subject_words;
use crate::report::rows;
use serde::Serialize;
use wom::results::Run;
use wom::results::finding::{ComparisonFinding, Verb, WordOfMouthMeasure};
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
    /// The verb after the subject: "loses" or "gains" (the way the mean
    /// leans; `clear` says whether the interval excludes zero).
    pub verb: String,
    /// Whether the 95% interval excludes zero.
    pub clear: bool,
    /// Whether both policies gave the very same value in every replication.
    pub tie: bool,
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
    /// With `[uncertainty]`: how sure the answer is across what is
    /// uncertain (see `super::uncertainty_view`).
    pub uncertainty: Option<super::uncertainty_view::UncertaintyView>,
}

/// A cell of the table, `[mean, 95% interval]` in the metric's unit as
/// report.html writes it (`report::narrative::table::cell`), or a dash where the
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
            // The finding, made once in the library; the page reads its
            // fields, never its sentence.
            let f = ComparisonFinding::new(&run.scenario, c);
            let [lo, hi] = f.ci95;
            // The share of the value lost by word of mouth, for a headline
            // about a loss (a parting's says what word of mouth takes back).
            let share = f
                .word_of_mouth
                .as_ref()
                .filter(|w| w.measure == WordOfMouthMeasure::ShareOfValueLost)
                .map(|w| w.value);
            ComparisonView {
                baseline: c.baseline.clone(),
                policy: c.policy.clone(),
                subject: subject_words(&f.subject),
                verb: f.leans.words().to_owned(),
                clear: f.verb != Verb::NoClearDifference,
                tie: f.tie,
                versus: f.versus.clone(),
                headline: headline.clone(),
                difference: money(f.amount, currency),
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
        uncertainty: None,
    }
}
