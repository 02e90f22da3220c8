//! One descriptor per metric: its file key, its label for people, its unit
//! (money, a count, a share or hours), whom it concerns, and whether the
//! results table shows it. Files, tables, charts and the page read these;
//! nothing else lists metrics.

use super::metrics::{Metric, SegmentMetric};
use crate::model::{Handling, Policy, Scenario};

/// What a metric's numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Money in the scenario's currency.
    Money,
    /// A number of people, complaints or tellings.
    Count,
    /// A share in [0, 1].
    Share,
    /// Hours.
    Hours,
}

/// Whom a metric concerns: a run reports it only when the scenario uses
/// its feature (so that a scenario without the feature keeps
/// byte-identical files), and it means something only for the policies
/// the feature touches (elsewhere it is 0 and tables show a dash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Every scenario and every policy.
    Always,
    /// Scenarios where a policy parts with customers (`part_with`); every
    /// policy of such a scenario (the others part with none).
    Parting,
    /// Scenarios whose response times vary (a desk, customers' own
    /// tolerances, or hours per handoff); policies that answer complaints
    /// (`handling = "recover"`).
    ResponseTimes,
    /// Scenarios where a policy has a desk; the policies with one.
    Desk,
}

impl Applies {
    /// Whether a run of `scenario` reports a metric of this kind.
    pub fn reported_in(self, scenario: &Scenario) -> bool {
        match self {
            Applies::Always => true,
            Applies::Parting => scenario.parts(),
            Applies::ResponseTimes => scenario.uses_response_times(),
            Applies::Desk => scenario.has_desk(),
        }
    }

    /// Whether a metric of this kind means anything for `policy`.
    pub fn concerns(self, policy: &Policy) -> bool {
        match self {
            Applies::Always | Applies::Parting => true,
            Applies::ResponseTimes => policy.handling == Handling::Recover,
            Applies::Desk => policy.staffing.is_some(),
        }
    }
}

/// Everything said about one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricInfo<M: 'static> {
    /// The metric described.
    pub metric: M,
    /// The name used in files (column of replications.csv, key of
    /// summary.json).
    pub key: &'static str,
    /// What it is, in words for people (rows of the tables).
    pub label: &'static str,
    /// What its numbers are.
    pub unit: Unit,
    /// Whom it concerns.
    pub applies: Applies,
    /// Whether the tables of `wom run`, report.html and the page show it.
    pub in_table: bool,
}

impl<M> MetricInfo<M> {
    /// Whether the metric is money.
    pub const fn is_money(&self) -> bool {
        matches!(self.unit, Unit::Money)
    }
}

const fn d<M>(
    metric: M,
    key: &'static str,
    label: &'static str,
    unit: Unit,
    applies: Applies,
    in_table: bool,
) -> MetricInfo<M> {
    MetricInfo {
        metric,
        key,
        label,
        unit,
        applies,
        in_table,
    }
}

use Applies::{Always, Desk, Parting, ResponseTimes};
use Unit::{Count, Hours, Money, Share};

/// The descriptor of every [`Metric`], in file order, indexed by
/// `Metric as usize`.
#[rustfmt::skip]
pub const METRICS: [MetricInfo<Metric>; 32] = [
    d(Metric::Npv, "npv", "NPV", Money, Always, true),
    d(Metric::CustomersFinal, "customers_final", "customers at the end", Count, Always, true),
    d(Metric::ChurnedDirect, "churned_direct", "lost by own experience", Count, Always, true),
    d(Metric::ChurnedHearsay, "churned_hearsay", "lost to hearsay", Count, Always, true),
    d(Metric::Parted, "parted", "customers parted with", Count, Parting, true),
    d(Metric::Deterred, "deterred", "prospects deterred", Count, Always, true),
    d(Metric::ReferralConversions, "referral_conversions", "referral conversions", Count, Always, true),
    d(Metric::OrganicConversions, "organic_conversions", "organic conversions", Count, Always, true),
    d(Metric::Complaints, "complaints", "complaints", Count, Always, true),
    d(Metric::Resolved, "resolved", "complaints resolved", Count, Always, true),
    d(Metric::ResolvedQuickly, "resolved_quickly", "complaints resolved quickly", Count, Always, false),
    d(Metric::Silent, "silent", "problems not complained about", Count, Always, false),
    d(Metric::NegativeTellings, "negative_tellings", "negative tellings", Count, Always, true),
    d(Metric::PositiveTellings, "positive_tellings", "positive tellings", Count, Always, true),
    d(Metric::NegativeReach, "negative_reach", "people reached by bad news", Count, Always, true),
    d(Metric::HandlingCost, "handling_cost", "handling + compensation", Money, Always, true),
    d(Metric::TellShortfall, "tell_shortfall", "tellings without a contact left to tell", Count, Always, false),
    d(Metric::PvDirectChurn, "pv_direct_churn", "margin lost by own experience (present value)", Money, Always, false),
    d(Metric::PvHearsayChurn, "pv_hearsay_churn", "margin lost to hearsay (present value)", Money, Always, false),
    d(Metric::PvParted, "pv_parted", "margin of the customers parted with (present value)", Money, Parting, false),
    d(Metric::PvOrganic, "pv_organic", "margin won by organic conversions (present value)", Money, Always, false),
    d(Metric::PvReferral, "pv_referral", "margin won by referral conversions (present value)", Money, Always, false),
    d(Metric::PvCost, "pv_cost", "handling + compensation (present value)", Money, Always, false),
    d(Metric::ResponseHoursMean, "response_hours_mean", "response time, mean", Hours, ResponseTimes, true),
    d(Metric::ResponseHoursP50, "response_hours_p50", "response time, median", Hours, ResponseTimes, true),
    d(Metric::ResponseHoursP90, "response_hours_p90", "response time, 90th percentile", Hours, ResponseTimes, true),
    d(Metric::ResponseHoursP95, "response_hours_p95", "response time, 95th percentile", Hours, ResponseTimes, true),
    d(Metric::AnsweredInTolerance, "answered_within_tolerance", "answered within tolerance", Share, ResponseTimes, true),
    d(Metric::Utilisation, "utilisation", "agents busy (share of open hours)", Share, Desk, true),
    d(Metric::BacklogFinal, "backlog_final", "complaints waiting at the end", Count, Desk, true),
    d(Metric::StaffCost, "staff_cost", "agents' pay", Money, Desk, true),
    d(Metric::PvStaffCost, "pv_staff_cost", "agents' pay (present value)", Money, Desk, false),
];

/// The descriptor of every [`SegmentMetric`], in file order, indexed by
/// `SegmentMetric as usize`; the segments' tables show every one.
#[rustfmt::skip]
pub const SEGMENT_METRICS: [MetricInfo<SegmentMetric>; 7] = [
    d(SegmentMetric::CustomersInitial, "customers_initial", "customers at the start", Count, Always, true),
    d(SegmentMetric::CustomersFinal, "customers_final", "customers at the end", Count, Always, true),
    d(SegmentMetric::Churned, "churned", "lost (own experience or hearsay)", Count, Always, true),
    d(SegmentMetric::Parted, "parted", "parted with", Count, Parting, true),
    d(SegmentMetric::Complaints, "complaints", "complaints", Count, Always, true),
    d(SegmentMetric::HandlingCost, "handling_cost", "handling + compensation + refunds", Money, Always, true),
    d(SegmentMetric::Npv, "npv", "segment NPV", Money, Always, true),
];

impl Metric {
    /// Every metric, in file order: those of
    /// [`METRICS`], where each is described.
    pub const ALL: [Metric; 32] = {
        let mut all = [Metric::Npv; 32];
        let mut i = 0;
        while i < all.len() {
            all[i] = METRICS[i].metric;
            i += 1;
        }
        all
    };

    /// Everything said about the metric.
    pub const fn info(self) -> &'static MetricInfo<Metric> {
        &METRICS[self as usize]
    }

    /// The name used in files.
    pub const fn key(self) -> &'static str {
        self.info().key
    }

    /// Whether the metric is money (for formatting).
    pub const fn is_money(self) -> bool {
        self.info().is_money()
    }

    /// What the metric's numbers are, for formatting.
    pub const fn unit(self) -> Unit {
        self.info().unit
    }

    /// Whether the metric means anything for `policy` (see
    /// [`Applies::concerns`]). Elsewhere the metric is 0 and tables show a
    /// dash.
    pub fn applies_to(self, policy: &Policy) -> bool {
        self.info().applies.concerns(policy)
    }
}

impl SegmentMetric {
    /// Every segment metric, in file order: those of
    /// [`SEGMENT_METRICS`].
    pub const ALL: [SegmentMetric; 7] = {
        let mut all = [SegmentMetric::Npv; 7];
        let mut i = 0;
        while i < all.len() {
            all[i] = SEGMENT_METRICS[i].metric;
            i += 1;
        }
        all
    };

    /// Everything said about the segment metric.
    pub const fn info(self) -> &'static MetricInfo<SegmentMetric> {
        &SEGMENT_METRICS[self as usize]
    }

    /// The name used in files (after `segments.NAME.`).
    pub const fn key(self) -> &'static str {
        self.info().key
    }

    /// Whether the metric is money (for formatting).
    pub const fn is_money(self) -> bool {
        self.info().is_money()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_metric_has_exactly_one_descriptor_at_its_index() {
        for (i, info) in METRICS.iter().enumerate() {
            assert_eq!(info.metric as usize, i, "{}", info.key);
            assert_eq!(Metric::ALL[i], info.metric);
        }
        for (i, info) in SEGMENT_METRICS.iter().enumerate() {
            assert_eq!(info.metric as usize, i, "{}", info.key);
            assert_eq!(SegmentMetric::ALL[i], info.metric);
        }
    }

    #[test]
    fn keys_and_labels_are_unique() {
        let keys: HashSet<_> = METRICS.iter().map(|i| i.key).collect();
        assert_eq!(keys.len(), METRICS.len());
        let labels: HashSet<_> = METRICS.iter().map(|i| i.label).collect();
        assert_eq!(labels.len(), METRICS.len());
        let keys: HashSet<_> = SEGMENT_METRICS.iter().map(|i| i.key).collect();
        assert_eq!(keys.len(), SEGMENT_METRICS.len());
        for m in Metric::ALL {
            assert_eq!(Metric::from_key(m.key()), Some(m));
        }
        for m in SegmentMetric::ALL {
            assert_eq!(SegmentMetric::from_key(m.key()), Some(m));
        }
    }

    #[test]
    fn money_is_the_money_unit_and_present_values_are_money() {
        for info in &METRICS {
            assert_eq!(info.is_money(), info.unit == Unit::Money, "{}", info.key);
            if info.key.starts_with("pv_") || info.key.ends_with("_cost") {
                assert!(info.is_money(), "{}", info.key);
            }
        }
        assert_eq!(
            Metric::AnsweredInTolerance.key(),
            "answered_within_tolerance"
        );
    }
}
