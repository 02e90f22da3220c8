//! What one replication of one policy measures.

/// An output of one replication of one policy, described (key, label,
/// unit, whom it concerns) by [`Metric::info`]; `Metric::ALL` lists them in
/// the order used in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Net present value of the horizon (margin × customers − costs, discounted).
    Npv,
    /// Customers after the last period.
    CustomersFinal,
    /// Customers lost through their own experience (class `stay` draw).
    ChurnedDirect,
    /// Customers lost to negative stories they heard.
    ChurnedHearsay,
    /// Customers the business parted with (a policy's `part_with`).
    Parted,
    /// Prospects deterred by negative stories (never convert in the horizon).
    Deterred,
    /// Prospects converted by positive stories.
    ReferralConversions,
    /// Prospects converted on their own.
    OrganicConversions,
    /// Complaints made.
    Complaints,
    /// Complaints resolved (quickly or not).
    Resolved,
    /// Complaints resolved quickly.
    ResolvedQuickly,
    /// Problems not complained about.
    Silent,
    /// Hearings of negative stories (one teller telling one person).
    NegativeTellings,
    /// Hearings of positive stories.
    PositiveTellings,
    /// Distinct people who heard at least one negative story.
    NegativeReach,
    /// Money spent on complaints: handling plus compensation (undiscounted).
    HandlingCost,
    /// Contacts a teller wanted to tell but did not have (`k` above degree).
    TellShortfall,
    /// Present value of the margin lost to direct churn.
    PvDirectChurn,
    /// Present value of the margin lost to hearsay churn.
    PvHearsayChurn,
    /// Present value of the margin the parted customers would have brought.
    PvParted,
    /// Present value of the margin won by organic conversions.
    PvOrganic,
    /// Present value of the margin won by referral conversions.
    PvReferral,
    /// Present value of handling and compensation costs.
    PvCost,
    /// Mean response time `R` over the complaints a policy answers, hours
    /// (0 when it answers none, e.g. under `ignore`).
    ResponseHoursMean,
    /// Median response time over the complaints answered, hours.
    ResponseHoursP50,
    /// 90th percentile of the response time, hours.
    ResponseHoursP90,
    /// 95th percentile of the response time, hours.
    ResponseHoursP95,
    /// Share of complaints answered within the complainer's tolerance
    /// (`R <= T`); 0 for a policy that answers none.
    AnsweredInTolerance,
    /// Share of the agents' open hours spent handling complaints over the
    /// horizon (0 without a desk).
    Utilisation,
    /// Complaints not yet started by an agent at the end of the horizon.
    BacklogFinal,
    /// What the desk's agents were paid (`agents × agent_cost` per period,
    /// undiscounted).
    StaffCost,
    /// Present value of the agents' pay.
    PvStaffCost,
}

impl Metric {
    /// Number of metrics.
    pub const COUNT: usize = Self::ALL.len();

    /// The metrics a run of `scenario` reports, in file order: every
    /// metric of [`Metric::ALL`] but a feature's own, which join only when
    /// the scenario uses the feature (see [`Applies::reported_in`](super::Applies::reported_in)), so
    /// that a scenario without it keeps byte-identical result files.
    pub fn reported(scenario: &crate::model::Scenario) -> Vec<Metric> {
        Metric::ALL
            .into_iter()
            .filter(|m| m.info().applies.reported_in(scenario))
            .collect()
    }

    /// The metric with this file name.
    pub fn from_key(key: &str) -> Option<Metric> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// The outputs of one replication of one policy, indexed by `Metric as usize`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outputs(pub [f64; Metric::COUNT]);

impl Default for Outputs {
    fn default() -> Self {
        Self([0.0; Metric::COUNT])
    }
}

impl Outputs {
    /// One metric.
    #[inline]
    pub fn get(&self, m: Metric) -> f64 {
        self.0[m as usize]
    }

    /// Adds to one metric.
    #[inline]
    pub fn add(&mut self, m: Metric, x: f64) {
        self.0[m as usize] += x;
    }

    /// Sets one metric.
    #[inline]
    pub fn set(&mut self, m: Metric, x: f64) {
        self.0[m as usize] = x;
    }
}

/// A per-period series. `PeriodSeries::ALL` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodSeries {
    /// Customers at the start of the period.
    Customers,
    /// Prospects deterred so far (end of period).
    Deterred,
    /// Tellings (hearings, both tones) in the period.
    Tellings,
    /// Negative tellings in the period.
    NegativeTellings,
    /// Customers lost at the end of the period (direct + hearsay).
    Churn,
    /// Conversions at the end of the period.
    Conversions,
    /// Complaints made in the period.
    Complaints,
}

impl PeriodSeries {
    /// Every series, in file order.
    pub const ALL: [PeriodSeries; 7] = [
        PeriodSeries::Customers,
        PeriodSeries::Deterred,
        PeriodSeries::Tellings,
        PeriodSeries::NegativeTellings,
        PeriodSeries::Churn,
        PeriodSeries::Conversions,
        PeriodSeries::Complaints,
    ];

    /// Number of series.
    pub const COUNT: usize = Self::ALL.len();

    /// The name used in files.
    pub fn key(self) -> &'static str {
        match self {
            PeriodSeries::Customers => "customers",
            PeriodSeries::Deterred => "deterred",
            PeriodSeries::Tellings => "tellings",
            PeriodSeries::NegativeTellings => "negative_tellings",
            PeriodSeries::Churn => "churn",
            PeriodSeries::Conversions => "conversions",
            PeriodSeries::Complaints => "complaints",
        }
    }
}

/// One replication of one policy: totals, per-period series
/// (`periods[t][PeriodSeries as usize]`) and, with segments, the totals of
/// each segment.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRun {
    /// Totals over the horizon.
    pub outputs: Outputs,
    /// Per-period values.
    pub periods: Vec<[f64; PeriodSeries::COUNT]>,
    /// One per segment, in scenario order; empty without segments.
    pub segments: Vec<SegmentOutputs>,
    /// Complaints answered by response time, counted in the bins of
    /// [`super::response::RESPONSE_EDGES_HOURS`] (one more bin than edges:
    /// the last holds the longer ones); empty when the scenario does not
    /// use response times or the policy answers nothing. Counts add up
    /// exactly across replications.
    pub response_counts: Vec<u64>,
}

/// An output of one segment in one replication of one policy (MODEL.md,
/// "Segments": what a segment is worth). `SegmentMetric::ALL` lists them
/// in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentMetric {
    /// Members who were customers at the start.
    CustomersInitial,
    /// Members who are customers after the last period.
    CustomersFinal,
    /// Members lost directly or to hearsay.
    Churned,
    /// Members the business parted with.
    Parted,
    /// Complaints members made.
    Complaints,
    /// Handling, compensation and refunds spent on members (undiscounted).
    HandlingCost,
    /// The segment's own NPV: the margin its members brought minus the
    /// costs they caused, discounted.
    Npv,
}

impl SegmentMetric {
    /// Number of segment metrics.
    pub const COUNT: usize = Self::ALL.len();

    /// The segment metric with this file name.
    pub fn from_key(key: &str) -> Option<SegmentMetric> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The segment metrics a run of `scenario` reports, in file order:
    /// none without segments; `parted` only when a policy parts.
    pub fn reported(scenario: &crate::model::Scenario) -> Vec<SegmentMetric> {
        if !scenario.has_segments() {
            return Vec::new();
        }
        SegmentMetric::ALL
            .into_iter()
            .filter(|m| m.info().applies.reported_in(scenario))
            .collect()
    }
}

/// The outputs of one segment, indexed by `SegmentMetric as usize`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SegmentOutputs(pub [f64; SegmentMetric::COUNT]);

impl SegmentOutputs {
    /// One metric.
    #[inline]
    pub fn get(&self, m: SegmentMetric) -> f64 {
        self.0[m as usize]
    }

    /// Adds to one metric.
    #[inline]
    pub fn add(&mut self, m: SegmentMetric, x: f64) {
        self.0[m as usize] += x;
    }

    /// Sets one metric.
    #[inline]
    pub fn set(&mut self, m: SegmentMetric, x: f64) {
        self.0[m as usize] = x;
    }
}
