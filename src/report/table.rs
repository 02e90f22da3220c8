//! The rows of the results table, with labels for people: the terminal
//! table of `wom run` and report.html show the same metrics in the same
//! order.

use wom::sim::Metric;

/// The metrics of the results table and their labels.
pub const TABLE: [(Metric, &str); 13] = [
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

/// The rows of [`TABLE`] whose metric the run reports.
pub fn rows(reported: &[Metric]) -> Vec<(Metric, &'static str)> {
    TABLE
        .iter()
        .copied()
        .filter(|(m, _)| reported.contains(m))
        .collect()
}
