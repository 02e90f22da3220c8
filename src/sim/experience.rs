//! Steps 1–4 of a period (MODEL.md, "One period"): every customer's
//! experience, voice, the policy's handling and the resulting outcome
//! class — or a parting, when the policy parts with the customer's segment
//! at this complaint — with its stay draw and the story it starts. A
//! resolved complaint is quick when it was answered within the
//! complainer's tolerance ([`super::response`]).

use super::context::{Counts, Period};
use super::metrics::{Metric, Outputs};
use super::observer::Observer;
use super::params::{PolicyParams, SegmentParams};
use super::person::{flag, segment_at, state};
use super::scratch::Scratch;
use crate::model::{OutcomeClass, Tone};

/// What the policy's handling (step 3) made of one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Handled {
    /// `Unresolved`, `Resolved` or `ResolvedQuickly`.
    pub class: OutcomeClass,
    /// Whether the complaint was resolved (and so costs `compensation`).
    pub resolved: bool,
}

/// Step 3 for one complaint by a member of `segment`: resolved when the
/// customer's resolution draw `u_resolve` falls below the policy's resolve
/// probability times the segment's `resolve_factor`; quickly when it was
/// answered within the complainer's tolerance (`in_time`). What a
/// complaint costs is counted by the caller: `handling_cost ×
/// handle_factor`, plus `compensation` when resolved.
#[inline]
pub(super) fn handle(
    policy: &PolicyParams,
    segment: &SegmentParams,
    u_resolve: f64,
    in_time: bool,
) -> Handled {
    if u_resolve < policy.resolve_probability * segment.resolve_factor {
        let class = if in_time {
            OutcomeClass::ResolvedQuickly
        } else {
            OutcomeClass::Resolved
        };
        Handled {
            class,
            resolved: true,
        }
    } else {
        Handled {
            class: OutcomeClass::Unresolved,
            resolved: false,
        }
    }
}

/// Runs steps 1–4 for every customer (in person order), counting complaints, resolutions
/// paid for and partings per segment into `counts`.
pub(super) fn step<O: Observer>(
    p: &Period<'_>,
    scratch: &mut Scratch,
    counts: &mut Counts,
    out: &mut Outputs,
    observer: &mut O,
) {
    let (params, policy) = (p.params, p.policy);
    let observe = observer.wants(p.t);
    let Scratch {
        people,
        customers,
        origins,
        origin_keys,
        segment,
        complaints: complained,
        response,
        visit,
        ..
    } = scratch;
    if let Some(desk) = &policy.desk {
        response.queue(p, desk, people, segment);
    }
    let [negative, positive] = origins;
    let [negative_keys, positive_keys] = origin_keys;
    negative.clear();
    positive.clear();
    negative_keys.clear();
    positive_keys.clear();
    let (mut resolved, mut quick, mut silent) = (0u32, 0u32, 0u32);
    // Only customers have experiences: visit the customer set, in person
    // order like the scan of everyone it replaces, so the desk's answers
    // (taken in person order) and the stories' order are unchanged. Their
    // keys and problem draws are worked out first, for all of them at once
    // (`keys.rs`: the same values, in vector lanes). The list of the
    // customers, in person order, was made by step 8 of the period before
    // (or the policy's start) as it decided who stays one.
    let ids = &visit.ids[..visit.customers];
    debug_assert!(ids.iter().all(|&u| customers.contains(u)));
    debug_assert_eq!(ids.len(), customers.len());
    super::keys::experience_draws(
        p.key,
        ids,
        &mut visit.draws,
        &mut visit.sure,
        &mut visit.persons,
    );
    for (j, &u) in ids.iter().enumerate() {
        let person = &mut people[u as usize];
        debug_assert_eq!(person.status(), state::CUSTOMER);
        let g = segment_at(segment, u as usize);
        let sp = &params.segments[g];
        // Four draws with fixed indices whatever happens (problem, complain,
        // resolve, stay), so that every policy sees the same uniforms for
        // the same customer and period. The problem and stay draws, which
        // nearly every customer reads, come from the batch; the other two
        // are computed only when the outcome reads them: a draw's value
        // depends on its key and index alone, so the ones left out change
        // nothing.
        let (draws, [u_problem, u_stay]) = (visit.draws[j], visit.sure[j]);
        let class = if u_problem >= sp.problem_rate {
            OutcomeClass::Satisfied
        } else if !sp.complains(u_problem, draws.get(1)) {
            silent += 1;
            OutcomeClass::Silent
        } else {
            let c = &mut counts.0[g];
            c.complaints += 1;
            // Every complaint is answered (or not) and takes its turn at a
            // desk, whether it ends resolved, unresolved or in a parting.
            let in_time = match policy.quick {
                Some(quick) if !params.track_response => quick,
                _ => response.answer(p, u),
            };
            let handled = handle(policy, sp, draws.get(2), in_time);
            c.resolved_paid += u32::from(handled.resolved);
            // Under a parting policy, members of the parted segment count
            // their complaints; the n-th ends the relationship.
            let parting = policy.parting.filter(|part| {
                part.segment == g && {
                    let n = &mut complained[u as usize];
                    *n = n.saturating_add(1);
                    *n == part.after
                }
            });
            if let Some(part) = parting {
                c.parted += 1;
                part.class
            } else {
                resolved += u32::from(handled.resolved);
                quick += u32::from(handled.class == OutcomeClass::ResolvedQuickly);
                handled.class
            }
        };
        let spec = &params.classes[class.index()];
        let stay = match class {
            OutcomeClass::Satisfied if person.state & state::RECOVERED != 0 => sp.recovered_stay,
            OutcomeClass::Satisfied => sp.satisfied_stay,
            _ => spec.stay,
        };
        if class.is_parted() {
            person.flags |= flag::PARTED;
        } else if u_stay >= stay {
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
            let key = visit.persons[j];
            match tone {
                Tone::Negative => (negative.push((u, class)), negative_keys.push(key)),
                Tone::Positive => (positive.push((u, class)), positive_keys.push(key)),
            };
        }
        if observe {
            observer.outcome(p.t, u, class);
        }
    }
    out.add(
        Metric::Complaints,
        f64::from(counts.total(|c| c.complaints)),
    );
    out.add(Metric::Resolved, f64::from(resolved));
    out.add(Metric::ResolvedQuickly, f64::from(quick));
    out.add(Metric::Silent, f64::from(silent));
}
