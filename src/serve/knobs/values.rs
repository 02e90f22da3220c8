//! How each knob of the catalogue reads its value on the validated
//! scenario: one function per knob, named after it, in the scenario's own
//! units (a share as a fraction, money in the currency). The page writes a
//! value back by its key, exactly as `wom run --set KEY=VALUE` would.

use wom::model::{Manner, Policy, Scenario, Segment};

/// Where a knob reads its value: the scenario, with the policy or the
/// segment the knob is about, and the network's people.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) scenario: &'a Scenario,
    /// The policy of a desk or parting knob.
    pub(super) policy: Option<&'a Policy>,
    /// The segment of a share knob.
    pub(super) segment: Option<&'a Segment>,
    /// Persons in the network.
    pub(super) people: u32,
}

/// Initial customers as the count the simulation uses among the people;
/// none (no knob) when the file lists who the customers are: a count
/// would replace the owner's own list.
pub(super) fn initial_customers(at: &At) -> Option<f64> {
    let customers = &at.scenario.population.initial_customers;
    if matches!(customers, wom::model::InitialCustomers::File(_)) {
        return None;
    }
    Some(f64::from(customers.resolve(at.people)))
}

pub(super) fn margin(at: &At) -> Option<f64> {
    Some(at.scenario.economics.margin)
}

pub(super) fn problem_rate(at: &At) -> Option<f64> {
    Some(at.scenario.experience.problem_rate)
}

pub(super) fn complaint_rate(at: &At) -> Option<f64> {
    Some(at.scenario.experience.complaint_rate)
}

/// The share of the knob's segment.
pub(super) fn share(at: &At) -> Option<f64> {
    Some(at.segment?.share)
}

/// A fixed response time: none when the policy's complaints wait at a
/// staffed desk (the scenario refuses both).
pub(super) fn response_hours(at: &At) -> Option<f64> {
    let policy = at.policy?;
    policy.staffing.is_none().then_some(policy.response_hours)
}

pub(super) fn resolve_rate(at: &At) -> Option<f64> {
    Some(at.policy?.resolve_rate)
}

pub(super) fn compensation(at: &At) -> Option<f64> {
    Some(at.policy?.compensation)
}

pub(super) fn handling_cost(at: &At) -> Option<f64> {
    Some(at.policy?.handling_cost)
}

/// The desk's agents, when the policy's complaints wait at one.
pub(super) fn agents(at: &At) -> Option<f64> {
    Some(f64::from(at.policy?.staffing.as_ref()?.agents))
}

/// The desk's open hours a day, as its calendar resolved them.
pub(super) fn hours_per_day(at: &At) -> Option<f64> {
    Some(at.policy?.staffing.as_ref()?.calendar.hours_per_day())
}

/// The desk's open days a week, as its calendar resolved them.
pub(super) fn days_per_week(at: &At) -> Option<f64> {
    Some(f64::from(
        at.policy?.staffing.as_ref()?.calendar.days_per_week(),
    ))
}

/// The complaint at which the policy parts with a customer.
pub(super) fn after_complaints(at: &At) -> Option<f64> {
    Some(f64::from(at.policy?.part_with.as_ref()?.after_complaints))
}

/// A graceful parting's refund; its default is the segment's margin for
/// one period, as the simulation takes it. None for an abrupt parting.
pub(super) fn refund(at: &At) -> Option<f64> {
    let w = at.policy?.part_with.as_ref()?;
    if w.manner != Manner::Graceful {
        return None;
    }
    match w.refund {
        Some(r) => Some(r),
        None => {
            let i = at.scenario.segment_index(&w.segment)?;
            Some(at.scenario.segment_values().get(i)?.margin)
        }
    }
}

/// The response-time knob's help: where "quick" ends for this policy, so
/// that moving the answer time within it and seeing no change is explained
/// on the knob, with the way to model the customers' own patience.
pub(super) fn quick_help(at: &At) -> Option<String> {
    if at.scenario.experience.tolerance_hours.is_some() {
        return Some("Each complaining customer has their own patience (experience.tolerance_hours in the scenario): an answer within it counts as quick, and those customers stay more and tell more good.".to_string());
    }
    let quick = crate::present::format::thousands(at.policy?.quick_hours, 1);
    let quick = quick.trim_end_matches(".0");
    Some(format!(
        "An answer within {quick} hours (this policy's quick_hours) counts as quick: those customers stay more and tell more good. Any time up to {quick} hours gives the same result; to let the customers' own patience decide instead, set experience.tolerance_hours in the scenario."
    ))
}
