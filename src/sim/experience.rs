//! Steps 1–4 of a period (MODEL.md, "One period"): every customer's
//! experience, voice, the policy's handling and the resulting outcome
//! class, with its stay draw and the story it starts.

use super::context::Period;
use super::metrics::{Metric, Outputs};
use super::observer::Observer;
use super::person::{Scratch, flag, state};
use crate::graph::NodeId;
use crate::model::{OutcomeClass, Tone};
use crate::rng::Purpose;

/// Runs steps 1–4 for every customer; returns the period's handling and
/// compensation cost.
pub(super) fn step<O: Observer>(
    p: &Period<'_>,
    scratch: &mut Scratch,
    out: &mut Outputs,
    observer: &mut O,
) -> f64 {
    let (params, policy) = (p.params, p.policy);
    let observe = observer.wants(p.t);
    let [negative, positive] = &mut scratch.origins;
    negative.clear();
    positive.clear();
    let (mut complaints, mut resolved, mut quick, mut silent) = (0u32, 0u32, 0u32, 0u32);
    for (u, person) in scratch.people.iter_mut().enumerate() {
        if person.status() != state::CUSTOMER {
            continue;
        }
        let u = u as NodeId;
        // Four draws in a fixed order whatever happens, so that every policy
        // sees the same uniforms for the same customer and period.
        let [u_problem, u_complain, u_resolve, u_stay] =
            p.key.person(u).uniforms::<4>(Purpose::Experience);
        let class = if u_problem >= params.problem_rate {
            OutcomeClass::Satisfied
        } else if u_complain >= params.complaint_rate {
            silent += 1;
            OutcomeClass::Silent
        } else {
            complaints += 1;
            if u_resolve < policy.resolve_probability {
                resolved += 1;
                if policy.quick {
                    quick += 1;
                    OutcomeClass::ResolvedQuickly
                } else {
                    OutcomeClass::Resolved
                }
            } else {
                OutcomeClass::Unresolved
            }
        };
        let spec = &params.classes[class.index()];
        let stay = if class == OutcomeClass::Satisfied && person.state & state::RECOVERED != 0 {
            1.0 - params.base_churn * params.recovery_paradox
        } else {
            spec.stay
        };
        if u_stay >= stay {
            person.flags |= flag::LEAVE_DIRECT;
        }
        if matches!(
            class,
            OutcomeClass::Resolved | OutcomeClass::ResolvedQuickly
        ) {
            person.state |= state::RECOVERED;
        }
        if let Some(tone) = spec.tone {
            person.flags |= flag::ORIGIN << tone.index();
            match tone {
                Tone::Negative => negative.push((u, class)),
                Tone::Positive => positive.push((u, class)),
            }
        }
        if observe {
            observer.outcome(p.t, u, class);
        }
    }
    out.add(Metric::Complaints, f64::from(complaints));
    out.add(Metric::Resolved, f64::from(resolved));
    out.add(Metric::ResolvedQuickly, f64::from(quick));
    out.add(Metric::Silent, f64::from(silent));
    f64::from(complaints) * policy.handling_cost + f64::from(resolved) * policy.compensation
}
