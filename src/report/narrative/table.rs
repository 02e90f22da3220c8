//! The rows of the results table and of the segments' table, with the
//! labels of the metrics' descriptors, and the results table's cells: the terminal table of `wom
//! run` and report.html show the same metrics in the same order and units.

use crate::present::format::{hours, hours_range, percent};
use crate::present::money::mean_and_interval;
use wom::results::summary::Stat;
use wom::sim::{Metric, SegmentMetric, Unit};

/// The label of the row of a segment's NPV per customer at the start.
pub const PER_CUSTOMER: &str = "NPV per customer at the start";

/// The rows of a segment's table (what each segment is worth), after its
/// NPV per customer at the start: the segment metrics the run reports,
/// with their labels (see [`SegmentMetric::info`]).
pub fn segment_rows(reported: &[SegmentMetric]) -> Vec<(SegmentMetric, &'static str)> {
    reported.iter().map(|&m| (m, m.info().label)).collect()
}

/// A cell of the results table: the mean and its 95% interval in the
/// metric's unit, the interval between `open` and `close`, or a dash where
/// the metric does not apply to the policy (see [`Metric::applies_to`]).
pub fn cell(
    m: Metric,
    s: &Stat,
    currency: &str,
    applies: bool,
    (open, close): (&str, &str),
) -> String {
    if !applies {
        return "—".to_owned();
    }
    let [lo, hi] = s.ci95;
    match m.unit() {
        Unit::Money => mean_and_interval(s.mean, s.ci95, Some(currency), (open, close)),
        Unit::Count => mean_and_interval(s.mean, s.ci95, None, (open, close)),
        Unit::Share => format!(
            "{}{open}{}–{}{close}",
            percent(s.mean),
            percent(lo),
            percent(hi)
        ),
        Unit::Hours => format!("{}{open}{}{close}", hours(s.mean), hours_range(lo, hi)),
    }
}

/// The rows of the results table: the metrics the run reports whose
/// descriptor puts them in the table, in file order, with their labels
/// (see [`Metric::info`]).
pub fn rows(reported: &[Metric]) -> Vec<(Metric, &'static str)> {
    reported
        .iter()
        .filter(|m| m.info().in_table)
        .map(|&m| (m, m.info().label))
        .collect()
}
