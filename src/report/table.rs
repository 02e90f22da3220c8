//! The rows of the results table and of the segments' table, with labels
//! for people: the terminal table of `wom run` and report.html show the
//! same metrics in the same order.

use wom::sim::{Metric, SegmentMetric};

/// The metrics of the results table and their labels.
pub const TABLE: [(Metric, &str); 14] = [
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

/// The rows of [`TABLE`] whose metric the run reports.
pub fn rows(reported: &[Metric]) -> Vec<(Metric, &'static str)> {
    TABLE
        .iter()
        .copied()
        .filter(|(m, _)| reported.contains(m))
        .collect()
}
