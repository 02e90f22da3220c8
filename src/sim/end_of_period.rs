//! Step 8 of a period (MODEL.md, "One period"): customers leave (parted,
//! or lost directly or to hearsay), prospects convert, and the period's
//! flags are cleared. What it counts goes into [`Counts`] by segment; the
//! values are reckoned in `accounts.rs`.

use super::context::{Counts, Period};
use super::person::{flag, segment_at, state};
use super::scratch::Scratch;
use crate::rng::{Gaps, Purpose};

/// Runs step 8, counting customers lost and prospects converted by
/// segment into `counts` (partings were counted when they were decided).
pub(super) fn step(p: &Period<'_>, scratch: &mut Scratch, counts: &mut Counts) {
    let params = p.params;
    // Who would convert organically this period is a set drawn once from
    // (replication, period) by skipping geometric gaps over person ids, in
    // step with the scan: one draw per candidate instead of one per prospect,
    // and the same set for every policy.
    let gaps = Gaps::new(params.organic_conversion);
    let mut organic_rng = p.key.rng(Purpose::Organic);
    let mut gap = || gaps.map_or(u64::MAX, |g| g.sample(&mut organic_rng));
    let mut next_candidate = gap();
    let Scratch {
        people, segment, ..
    } = scratch;
    let segment_of = |u: usize| segment_at(segment, u);
    for (u, person) in people.iter_mut().enumerate() {
        let candidate = u as u64 == next_candidate;
        if candidate {
            next_candidate = next_candidate.saturating_add(1).saturating_add(gap());
        }
        match person.status() {
            state::CUSTOMER if person.flags & flag::PARTED != 0 => {
                person.set_status(state::FORMER);
            }
            state::CUSTOMER if person.flags & flag::LEAVE_DIRECT != 0 => {
                person.set_status(state::FORMER);
                counts.0[segment_of(u)].direct += 1;
            }
            state::CUSTOMER if person.flags & flag::LEAVE_HEARSAY != 0 => {
                person.set_status(state::FORMER);
                counts.0[segment_of(u)].hearsay += 1;
            }
            state::PROSPECT if person.flags & flag::REFERRED != 0 => {
                person.set_status(state::CUSTOMER);
                counts.0[segment_of(u)].referral += 1;
            }
            state::PROSPECT if candidate => {
                person.set_status(state::CUSTOMER);
                counts.0[segment_of(u)].organic += 1;
            }
            _ => {}
        }
        person.flags = 0;
        person.hop = [0, 0];
    }
}
