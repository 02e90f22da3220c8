//! Summaries of a run: per-policy statistics of every metric and period,
//! and paired comparisons of each policy with the baseline, with the
//! difference in NPV split by cause.
//!
//! ## How the split by cause is computed
//! Customers at the start of period `t` are the initial customers plus all
//! conversions minus all churn before `t`, so the NPV of a replication is
//! exactly
//! `margin·C₀·Σδᵗ + PV(organic) + PV(referral) − PV(direct) − PV(hearsay) − PV(cost)`,
//! where a flow of one customer at the end of period `s` is worth
//! `margin·Σ_{t>s} δᵗ` (the margin it adds or removes until the horizon).
//! With common random numbers `C₀` is the same for both policies, so the
//! paired difference NPV(policy) − NPV(baseline) splits exactly into five
//! causes, each a paired difference, stated as value *lost by the baseline*:
//! customers lost directly (`PV(direct)`), customers lost to hearsay
//! (`PV(hearsay)`), prospects deterred (organic conversions lost,
//! `PV(organic)`), referrals not won (`PV(referral)`), and handling and
//! compensation (`PV(cost)`, negative when the other policy spends more).
//! With a policy that parts with customers the NPV also subtracts
//! `PV(parted)`, the margin the parted customers would have brought, and a
//! sixth cause, customers parted, joins. With segments each flow is valued
//! at its member's segment margin and `margin·C₀` is the sum over the
//! segments (each segment's initial customers are the same under every
//! policy), so the split stays exact. With a desk the NPV also subtracts
//! `PV(staff)`, the agents' pay, and the cause staff joins. The causes add
//! up to the total in
//! every replication.

use super::ReplicationResult;
use super::metrics::{Metric, PeriodSeries, SegmentMetric};
use crate::stats::{Summary, percentile_sorted, t_quantile_975};
use serde::Serialize;

/// A cause of the value difference between two policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Customers lost through their own experience.
    DirectChurn,
    /// Customers lost to negative stories.
    HearsayChurn,
    /// Customers the business parted with (the margin they would have
    /// brought).
    CustomersParted,
    /// Prospects deterred (organic conversions lost).
    DeterredProspects,
    /// Referral conversions not won.
    ReferralsNotWon,
    /// Handling and compensation cost (negative: the alternative costs more).
    HandlingCost,
    /// The desk's agents' pay (negative: the alternative pays more agents).
    Staff,
}

impl Cause {
    /// Every cause, in report order.
    pub const ALL: [Cause; 7] = [
        Cause::DirectChurn,
        Cause::HearsayChurn,
        Cause::CustomersParted,
        Cause::DeterredProspects,
        Cause::ReferralsNotWon,
        Cause::HandlingCost,
        Cause::Staff,
    ];

    /// The name used in files.
    pub fn key(self) -> &'static str {
        match self {
            Cause::DirectChurn => "direct_churn",
            Cause::HearsayChurn => "hearsay_churn",
            Cause::CustomersParted => "customers_parted",
            Cause::DeterredProspects => "deterred_prospects",
            Cause::ReferralsNotWon => "referrals_not_won",
            Cause::HandlingCost => "handling_cost",
            Cause::Staff => "staff",
        }
    }

    /// The causes a comparison in `scenario` is split into, in report
    /// order: every cause of [`Cause::ALL`] but a feature's own, which
    /// joins only when the scenario uses the feature (customers parted
    /// when a policy parts, staff when a policy has a desk; see
    /// [`super::Metric::reported`]).
    pub fn reported(scenario: &crate::model::Scenario) -> Vec<Cause> {
        let parts = scenario.parts();
        let desk = scenario.has_desk();
        Cause::ALL
            .into_iter()
            .filter(|c| parts || *c != Cause::CustomersParted)
            .filter(|c| desk || *c != Cause::Staff)
            .collect()
    }

    /// The cause with this file name.
    pub fn from_key(key: &str) -> Option<Cause> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Cause::DirectChurn => "customers lost directly",
            Cause::HearsayChurn => "customers lost to hearsay",
            Cause::CustomersParted => "customers parted",
            Cause::DeterredProspects => "prospects deterred",
            Cause::ReferralsNotWon => "referrals not won",
            Cause::HandlingCost => "handling and compensation",
            Cause::Staff => "staff (agents' pay)",
        }
    }

    /// Whether the cause is money spent rather than customer value.
    pub fn is_cost(self) -> bool {
        matches!(self, Cause::HandlingCost | Cause::Staff)
    }

    /// Whether the cause travels through word of mouth.
    pub fn is_word_of_mouth(self) -> bool {
        matches!(
            self,
            Cause::HearsayChurn | Cause::DeterredProspects | Cause::ReferralsNotWon
        )
    }

    /// This cause's value lost by `base` relative to `other` in one replication.
    pub fn value(self, base: &super::Outputs, other: &super::Outputs) -> f64 {
        let d = |m: Metric| other.get(m) - base.get(m);
        match self {
            Cause::DirectChurn => -d(Metric::PvDirectChurn),
            Cause::HearsayChurn => -d(Metric::PvHearsayChurn),
            Cause::CustomersParted => -d(Metric::PvParted),
            Cause::DeterredProspects => d(Metric::PvOrganic),
            Cause::ReferralsNotWon => d(Metric::PvReferral),
            Cause::HandlingCost => -d(Metric::PvCost),
            Cause::Staff => -d(Metric::PvStaffCost),
        }
    }
}

/// Mean and 5–95% band of one series in one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Band {
    /// Mean over replications.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Statistics of one policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySummary {
    /// Policy name.
    pub name: String,
    /// One summary per metric, indexed like [`Metric::ALL`].
    pub metrics: Vec<Summary>,
    /// `periods[t][series]`, series indexed like [`PeriodSeries::ALL`].
    pub periods: Vec<[Band; PeriodSeries::COUNT]>,
    /// With segments, `segments[g][m]`: segment `g`'s summary of each
    /// metric, indexed like [`SegmentMetric::ALL`]; empty without.
    pub segments: Vec<Vec<Summary>>,
    /// Complaints answered by response time over every replication, in
    /// the bins of [`super::response::RESPONSE_EDGES_HOURS`] (the sum of
    /// each replication's [`super::PolicyRun::response_counts`]); empty
    /// when none were recorded.
    pub response_counts: Vec<u64>,
}

impl PolicySummary {
    /// The summary of one metric.
    pub fn metric(&self, m: Metric) -> &Summary {
        &self.metrics[m as usize]
    }

    /// The summary of one metric of segment `g`.
    ///
    /// # Panics
    /// If the scenario has no segment `g`.
    pub fn segment_metric(&self, g: usize, m: SegmentMetric) -> &Summary {
        &self.segments[g][m as usize]
    }
}

/// A policy compared with the baseline on the same replications.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The baseline policy (the scenario's first).
    pub baseline: String,
    /// The other policy.
    pub policy: String,
    /// NPV(policy) − NPV(baseline), paired by replication: the value lost
    /// by choosing the baseline.
    pub npv_difference: Summary,
    /// The difference split by cause (same sign convention), indexed like
    /// [`Cause::ALL`].
    pub by_cause: Vec<Summary>,
    /// Half-width of the 95% interval the same difference would have from
    /// two independent runs (for comparison with the paired one).
    pub unpaired_half_width: f64,
    /// Share of the customer value lost (all causes but cost) that
    /// travelled through word of mouth, from the means; `None` when there
    /// is no customer value lost.
    pub word_of_mouth_share: Option<f64>,
}

impl Comparison {
    /// The summary of one cause.
    pub fn cause(&self, c: Cause) -> &Summary {
        &self.by_cause[c as usize]
    }
}

/// Everything a run reports.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Replications summarised.
    pub replications: u64,
    /// One per policy, in scenario order.
    pub policies: Vec<PolicySummary>,
    /// Each non-baseline policy against the baseline.
    pub comparisons: Vec<Comparison>,
}

/// Summarises replications (in replication order) of policies named `names`.
pub fn summarize(names: &[String], results: &[ReplicationResult]) -> RunSummary {
    let policies = names
        .iter()
        .enumerate()
        .map(|(p, name)| summarize_policy(name, p, results))
        .collect();
    let comparisons = (1..names.len())
        .map(|p| compare(names, 0, p, results))
        .collect();
    RunSummary {
        replications: results.len() as u64,
        policies,
        comparisons,
    }
}

fn summarize_policy(name: &str, p: usize, results: &[ReplicationResult]) -> PolicySummary {
    let metrics = Metric::ALL
        .iter()
        .map(|&m| {
            Summary::from_values(
                &results
                    .iter()
                    .map(|r| r.policies[p].outputs.get(m))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let periods_n = results.first().map_or(0, |r| r.policies[p].periods.len());
    let mut values = Vec::with_capacity(results.len());
    let periods = (0..periods_n)
        .map(|t| {
            PeriodSeries::ALL.map(|s| {
                values.clear();
                values.extend(results.iter().map(|r| r.policies[p].periods[t][s as usize]));
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                values.sort_by(f64::total_cmp);
                Band {
                    mean,
                    p5: percentile_sorted(&values, 0.05),
                    p95: percentile_sorted(&values, 0.95),
                }
            })
        })
        .collect();
    let segment_count = results.first().map_or(0, |r| r.policies[p].segments.len());
    let segments = (0..segment_count)
        .map(|g| {
            SegmentMetric::ALL
                .iter()
                .map(|&m| {
                    values.clear();
                    values.extend(results.iter().map(|r| r.policies[p].segments[g].get(m)));
                    Summary::from_values(&values)
                })
                .collect()
        })
        .collect();
    let mut response_counts: Vec<u64> = Vec::new();
    for r in results {
        let counts = &r.policies[p].response_counts;
        if response_counts.len() < counts.len() {
            response_counts.resize(counts.len(), 0);
        }
        for (total, c) in response_counts.iter_mut().zip(counts) {
            *total += c;
        }
    }
    PolicySummary {
        name: name.to_string(),
        metrics,
        periods,
        segments,
        response_counts,
    }
}

/// Compares policy `p` with policy `base` on the same replications.
pub fn compare(
    names: &[String],
    base: usize,
    p: usize,
    results: &[ReplicationResult],
) -> Comparison {
    fn pair(r: &ReplicationResult, base: usize, p: usize) -> (&super::Outputs, &super::Outputs) {
        (&r.policies[base].outputs, &r.policies[p].outputs)
    }
    let diffs: Vec<f64> = results.iter().map(|r| r.npv_difference(base, p)).collect();
    let npv_difference = Summary::from_values(&diffs);
    let by_cause: Vec<Summary> = Cause::ALL
        .iter()
        .map(|&c| {
            Summary::from_values(
                &results
                    .iter()
                    .map(|r| {
                        let (a, b) = pair(r, base, p);
                        c.value(a, b)
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let npv = |q: usize| {
        Summary::from_values(
            &results
                .iter()
                .map(|r| r.policies[q].outputs.get(Metric::Npv))
                .collect::<Vec<_>>(),
        )
    };
    let (sa, sb) = (npv(base), npv(p));
    let n = results.len() as f64;
    let unpaired_half_width = if results.len() > 1 {
        t_quantile_975(results.len() as u64 - 1) * ((sa.sd * sa.sd + sb.sd * sb.sd) / n).sqrt()
    } else {
        0.0
    };
    let customer_loss: f64 = Cause::ALL
        .iter()
        .filter(|c| !c.is_cost())
        .map(|&c| by_cause[c as usize].mean)
        .sum();
    let wom: f64 = Cause::ALL
        .iter()
        .filter(|c| c.is_word_of_mouth())
        .map(|&c| by_cause[c as usize].mean)
        .sum();
    let word_of_mouth_share = (customer_loss.abs() > 1e-9).then(|| wom / customer_loss);
    Comparison {
        baseline: names[base].clone(),
        policy: names[p].clone(),
        npv_difference,
        by_cause,
        unpaired_half_width,
        word_of_mouth_share,
    }
}
