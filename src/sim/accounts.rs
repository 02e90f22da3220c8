//! The value of one period (MODEL.md, "Value"): the margin of the customers
//! at its start, what complaints, partings and a desk's agents cost, and the
//! present value of
//! every customer gained, lost or parted at its end — in all and, with
//! segments, per segment.
//!
//! A member's margin and handling cost are their segment's. When every
//! segment has the global margin and a `handle_factor` of 1, the sums are
//! taken over the totals exactly as without segments, so such a scenario
//! gives the same numbers bit for bit.

use super::context::{Counts, Period, SegmentCounts, Tally};
use super::metrics::{Metric, SegmentMetric};

/// One count of [`SegmentCounts`].
type Field = fn(&SegmentCounts) -> u32;

/// Settles period `p` from what its steps counted: costs, NPV, the present
/// value of every flow, and the customers of the next period. Returns
/// (customers lost directly or to hearsay, prospects converted).
pub(super) fn settle(p: &Period<'_>, counts: &Counts, tally: &mut Tally) -> (f64, f64) {
    let (params, policy) = (p.params, p.policy);
    let t = p.t as usize;
    let segments = &params.segments;
    let by = &counts.0[..segments.len()];
    let total = |field: Field| by.iter().map(field).sum::<u32>();
    let refund = |g: usize, c: &SegmentCounts| match policy.parting {
        Some(part) if part.segment == g => f64::from(c.parted) * part.refund,
        _ => 0.0,
    };
    // Complaints weighted by their segment's handle factor: exactly the
    // number of complaints when every factor is 1.
    let weighted: f64 = by
        .iter()
        .zip(segments)
        .map(|(c, s)| f64::from(c.complaints) * s.handle_factor)
        .sum();
    let refunds: f64 = by.iter().enumerate().map(|(g, c)| refund(g, c)).sum();
    let paid = f64::from(total(|c| c.resolved_paid));
    let cost = weighted * policy.handling_cost + paid * policy.compensation + refunds;
    let revenue = if params.uniform_margin {
        params.margin * tally.customers
    } else {
        segments
            .iter()
            .zip(&tally.segment_customers)
            .map(|(s, c)| s.margin * c)
            .sum()
    };
    let discount = params.discount[t];
    tally.npv += discount * (revenue - cost);
    let out = &mut tally.out;
    out.add(Metric::PvCost, discount * cost);
    out.add(Metric::HandlingCost, cost);
    // A desk's agents are paid every period, whatever the complaints: a
    // cost of the policy, not of any one segment.
    if let Some(desk) = &policy.desk {
        let staff = desk.cost_per_period;
        tally.npv -= discount * staff;
        out.add(Metric::PvStaffCost, discount * staff);
        out.add(Metric::StaffCost, staff);
    }
    // Each flow of customers at the end of period t is worth the margin it
    // adds or removes until the horizon.
    let value = |field: Field| {
        if params.uniform_margin {
            params.flow_value[t] * f64::from(total(field))
        } else {
            by.iter()
                .zip(segments)
                .map(|(c, s)| s.flow_value[t] * f64::from(field(c)))
                .sum()
        }
    };
    let flows: [(Metric, Metric, Field); 5] = [
        (Metric::ChurnedDirect, Metric::PvDirectChurn, |c| c.direct),
        (Metric::ChurnedHearsay, Metric::PvHearsayChurn, |c| {
            c.hearsay
        }),
        (Metric::Parted, Metric::PvParted, |c| c.parted),
        (Metric::ReferralConversions, Metric::PvReferral, |c| {
            c.referral
        }),
        (Metric::OrganicConversions, Metric::PvOrganic, |c| c.organic),
    ];
    for (count, pv, field) in flows {
        out.add(count, f64::from(total(field)));
        out.add(pv, value(field));
    }
    let churn = f64::from(total(|c| c.direct) + total(|c| c.hearsay));
    let conversions = f64::from(total(|c| c.referral) + total(|c| c.organic));
    let parted = f64::from(total(|c| c.parted));
    if params.segmented {
        for (g, (c, s)) in by.iter().zip(segments).enumerate() {
            let cost = f64::from(c.complaints) * s.handle_factor * policy.handling_cost
                + f64::from(c.resolved_paid) * policy.compensation
                + refund(g, c);
            let customers = &mut tally.segment_customers[g];
            let o = &mut tally.segments[g];
            o.add(
                SegmentMetric::Npv,
                discount * (s.margin * *customers - cost),
            );
            o.add(SegmentMetric::HandlingCost, cost);
            o.add(SegmentMetric::Complaints, f64::from(c.complaints));
            o.add(SegmentMetric::Parted, f64::from(c.parted));
            o.add(SegmentMetric::Churned, f64::from(c.direct + c.hearsay));
            *customers += f64::from(c.referral + c.organic)
                - f64::from(c.direct + c.hearsay)
                - f64::from(c.parted);
        }
    }
    tally.customers += conversions - churn - parted;
    (churn, conversions)
}
