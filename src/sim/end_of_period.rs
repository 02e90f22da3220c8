//! Step 8 of a period (MODEL.md, "One period"): customers leave (parted,
//! or lost directly or to hearsay), prospects convert, and the period's
//! flags are cleared. What it counts goes into [`Counts`] by segment; the
//! values are reckoned in `accounts.rs`.

use super::context::{Counts, Period};
use super::person::{Person, flag, segment_at, state};
use super::scratch::{Scratch, ones};
use crate::rng::{Gaps, Purpose};

/// Runs step 8, counting customers lost and prospects converted by
/// segment into `counts` (partings were counted when they were decided).
///
/// Only three kinds of people can change here: customers, people who
/// heard a story this period (the only others with period flags or hops
/// set) and the organic candidates. Everyone else is a prospect, former
/// or deterred person with nothing set, whom the rules below leave as
/// they are; so the step visits the union of the three sets, in person
/// order, one 64-person word at a time, instead of everyone. The organic
/// draws are the same gaps, drawn in the same order.
pub(super) fn step(p: &Period<'_>, scratch: &mut Scratch, counts: &mut Counts) {
    let params = p.params;
    // Who would convert organically this period is a set drawn once from
    // (replication, period) by skipping geometric gaps over person ids, in
    // step with the visit: one draw per candidate instead of one per
    // prospect, and the same set for every policy.
    let gaps = Gaps::new(params.organic_conversion);
    let mut organic_rng = p.key.rng(Purpose::Organic);
    let mut gap = || gaps.map_or(u64::MAX, |g| g.sample(&mut organic_rng));
    let mut next_candidate = gap();
    let Scratch {
        people,
        customers,
        touched,
        segment,
        ..
    } = scratch;
    let n = people.len() as u64;
    for (i, (customers, touched)) in customers
        .words
        .iter_mut()
        .zip(&mut touched.words)
        .enumerate()
    {
        let end = (((i as u64) + 1) << 6).min(n);
        let mut candidates = 0u64;
        while next_candidate < end {
            candidates |= 1 << (next_candidate & 63);
            next_candidate = next_candidate.saturating_add(1).saturating_add(gap());
        }
        let visit = *customers | *touched | candidates;
        *touched = 0;
        for u in ones(i, visit) {
            let bit = 1u64 << (u & 63);
            let person = &mut people[u as usize];
            let (change, now_customer) = settle(person, candidates & bit != 0);
            if let Some(change) = change {
                let c = &mut counts.0[segment_at(segment, u as usize)];
                match change {
                    Change::Direct => c.direct += 1,
                    Change::Hearsay => c.hearsay += 1,
                    Change::Referral => c.referral += 1,
                    Change::Organic => c.organic += 1,
                    Change::Parted => {}
                }
            }
            if now_customer {
                *customers |= bit;
            } else {
                *customers &= !bit;
            }
        }
    }
    debug_assert!(people.iter().all(|q| q.flags == 0 && q.hop == [0, 0]));
}

/// What step 8 did to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Parted,
    Direct,
    Hearsay,
    Referral,
    Organic,
}

/// Step 8 for one person (`candidate`: drawn to convert organically):
/// the change, if any, and whether they are a customer afterwards; their
/// period flags and hops are cleared.
#[inline]
fn settle(person: &mut Person, candidate: bool) -> (Option<Change>, bool) {
    let change = match person.status() {
        state::CUSTOMER if person.flags & flag::PARTED != 0 => Some(Change::Parted),
        state::CUSTOMER if person.flags & flag::LEAVE_DIRECT != 0 => Some(Change::Direct),
        state::CUSTOMER if person.flags & flag::LEAVE_HEARSAY != 0 => Some(Change::Hearsay),
        state::PROSPECT if person.flags & flag::REFERRED != 0 => Some(Change::Referral),
        state::PROSPECT if candidate => Some(Change::Organic),
        _ => None,
    };
    match change {
        Some(Change::Referral | Change::Organic) => person.set_status(state::CUSTOMER),
        Some(_) => person.set_status(state::FORMER),
        None => {}
    }
    person.flags = 0;
    person.hop = [0, 0];
    (change, person.status() == state::CUSTOMER)
}
