//! The rows of the results table and of the segments' table, with labels
//! for people, and the results table's cells: the terminal table of `wom
//! run` and report.html show the same metrics in the same order and units.

use crate::present::format::{hours, hours_range, percent};
use crate::present::money::mean_and_interval;
use wom::results::summary::Stat;
use wom::sim::{Metric, SegmentMetric, Unit};

/// The metrics of the results table and their labels.
pub const TABLE: [(Metric, &str); 22] = [
    (Metric::Npv, "NPV"),
    (Metric::CustomersFinal, "customers at the end"),
    (Metric::ChurnedDirect, "lost by own experience"),
    (Metric::ChurnedHearsay, "lost to hearsay"),
    (Metric::Parted, "customers parted with"),
    (Metric::Deterred, "prospects deterred"),
    (Metric::ReferralConversions, "referral conversions"),
    (Metric::OrganicConversions, "organic conversions"),
    (Metric::Complaints, "complaints"),
    (Metric::Resolved, "complaints resolved"),
    (Metric::NegativeTellings, "negative tellings"),
    (Metric::PositiveTellings, "positive tellings"),
    (Metric::NegativeReach, "people reached by bad news"),
    (Metric::HandlingCost, "handling + compensation"),
    (Metric::ResponseHoursMean, "response time, mean"),
    (Metric::ResponseHoursP50, "response time, median"),
    (Metric::ResponseHoursP90, "response time, 90th percentile"),
    (Metric::ResponseHoursP95, "response time, 95th percentile"),
    (Metric::AnsweredInTolerance, "answered within tolerance"),
    (Metric::Utilisation, "agents busy (share of open hours)"),
    (Metric::BacklogFinal, "complaints waiting at the end"),
    (Metric::StaffCost, "agents' pay"),
];

/// The rows of a segment's table (what each segment is worth) and their
/// labels, after its NPV per customer at the start.
pub const SEGMENT_TABLE: [(SegmentMetric, &str); 7] = [
    (SegmentMetric::CustomersInitial, "customers at the start"),
    (SegmentMetric::CustomersFinal, "customers at the end"),
    (SegmentMetric::Churned, "lost (own experience or hearsay)"),
    (SegmentMetric::Parted, "parted with"),
    (SegmentMetric::Complaints, "complaints"),
    (
        SegmentMetric::HandlingCost,
        "handling + compensation + refunds",
    ),
    (SegmentMetric::Npv, "segment NPV"),
];

/// The label of the row of a segment's NPV per customer at the start.
pub const PER_CUSTOMER: &str = "NPV per customer at the start";

/// The rows of [`SEGMENT_TABLE`] whose metric the run reports.
pub fn segment_rows(reported: &[SegmentMetric]) -> Vec<(SegmentMetric, &'static str)> {
    SEGMENT_TABLE
        .iter()
        .copied()
        .filter(|(m, _)| reported.contains(m))
        .collect()
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

/// The rows of [`TABLE`] whose metric the run reports.
pub fn rows(reported: &[Metric]) -> Vec<(Metric, &'static str)> {
    TABLE
        .iter()
        .copied()
        .filter(|(m, _)| reported.contains(m))
        .collect()
}
