//! Step 8 of a period (MODEL.md, "One period"): customers leave (parted,
//! or lost directly or to hearsay), prospects convert, and the period's
//! flags are cleared. What it counts goes into [`Counts`] by segment; the
//! values are reckoned in `accounts.rs`.

use super::context::{Counts, Period};
use super::person::{Person, clear_period, flag, segment_at, state};
use super::scratch::{Scratch, ones};
use crate::model::MAX_SEGMENTS;
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
        visit: listed,
        ..
    } = scratch;
    // The next period's customers are listed as they are decided, in
    // person order: each person visited is written in the next free slot
    // (`listed.ids` has one for everyone), which is taken only by a
    // customer. Steps 1–4 read the list instead of the set's bits.
    let mut count = 0;
    let n = people.len() as u64;
    // Changes counted by segment and kind, then added to `counts`.
    let mut tallies = [[0u32; Change::COUNT]; MAX_SEGMENTS];
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
        // The word's customers are updated in a local and stored once.
        let mut now = *customers;
        for u in ones(i, visit) {
            let bit = 1u64 << (u & 63);
            let person = &mut people[u as usize];
            let rule = RULES[rule_index(*person, candidates & bit != 0)];
            // The new status, and the period's flags and hops cleared, in
            // one store of the whole record.
            *person = Person {
                state: (person.state & !state::STATUS_MASK) | rule.status,
                flags: 0,
                hop: [0, 0],
            };
            if rule.change != Change::None {
                tallies[segment_at(segment, u as usize)][rule.change as usize] += 1;
            }
            let stays = rule.status == state::CUSTOMER;
            now = if stays { now | bit } else { now & !bit };
            listed.ids[count] = u;
            count += usize::from(stays);
        }
        *customers = now;
    }
    listed.customers = count;
    for (c, t) in counts.0.iter_mut().zip(&tallies) {
        c.direct += t[Change::Direct as usize];
        c.hearsay += t[Change::Hearsay as usize];
        c.referral += t[Change::Referral as usize];
        c.organic += t[Change::Organic as usize];
    }
    if scratch.clear_all {
        // The hearers not visited: their period flags and hops cleared in
        // one sweep (`telling.rs`), the status and replication-long flags
        // kept.
        clear_period(people);
    }
    debug_assert!(people.iter().all(|q| q.flags == 0 && q.hop == [0, 0]));
}

/// What step 8 did to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    None,
    Parted,
    Direct,
    Hearsay,
    Referral,
    Organic,
}

impl Change {
    const COUNT: usize = 6;
}

/// Step 8's rule for one person: their status and period flags, and
/// whether they are an organic candidate, decide what happens, in this
/// order of precedence.
const fn rule(status: u8, flags: u8, candidate: bool) -> Change {
    match status {
        state::CUSTOMER if flags & flag::PARTED != 0 => Change::Parted,
        state::CUSTOMER if flags & flag::LEAVE_DIRECT != 0 => Change::Direct,
        state::CUSTOMER if flags & flag::LEAVE_HEARSAY != 0 => Change::Hearsay,
        state::PROSPECT if flags & flag::REFERRED != 0 => Change::Referral,
        state::PROSPECT if candidate => Change::Organic,
        _ => Change::None,
    }
}

/// A [`rule`]'s outcome: the change and the status after it.
#[derive(Debug, Clone, Copy)]
struct Rule {
    change: Change,
    status: u8,
}

/// The index into [`RULES`] of a person: the status bits, the period
/// flags and the candidate bit (11 bits), read straight from the person's
/// bytes with a shift and two ors instead of a test per flag the rule reads.
#[inline]
fn rule_index(person: Person, candidate: bool) -> usize {
    usize::from(person.status()) | usize::from(person.flags) << 2 | usize::from(candidate) << 10
}

/// [`rule`] worked out once for every status, set of period flags and
/// candidate bit (2,048 entries of two bytes), so each visit is one table
/// look-up instead of a chain of branches that a processor mispredicts:
/// the same rule, hence the same outcomes.
const RULES: [Rule; 2048] = {
    let mut table = [Rule {
        change: Change::None,
        status: 0,
    }; 2048];
    let mut index = 0;
    while index < 2048 {
        let status = (index & 0b11) as u8;
        let flags = ((index >> 2) & 0xff) as u8;
        let change = rule(status, flags, index & (1 << 10) != 0);
        let status = match change {
            Change::Referral | Change::Organic => state::CUSTOMER,
            Change::Parted | Change::Direct | Change::Hearsay => state::FORMER,
            Change::None => status,
        };
        table[index] = Rule { change, status };
        index += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_rule() {
        // Every status, every combination of period flags and both
        // candidate values: the look-up and the rule agree.
        for status in 0..4u8 {
            for flags in 0..=u8::MAX {
                for candidate in [false, true] {
                    let person = Person {
                        state: status | state::RECOVERED,
                        flags,
                        hop: [1, 0],
                    };
                    let r = RULES[rule_index(person, candidate)];
                    assert_eq!(r.change, rule(status, flags, candidate));
                    let after = match r.change {
                        Change::None => status,
                        Change::Referral | Change::Organic => state::CUSTOMER,
                        _ => state::FORMER,
                    };
                    assert_eq!(r.status, after);
                }
            }
        }
        assert_eq!(rule(state::PROSPECT, 0, true), Change::Organic);
        assert_eq!(
            rule(state::CUSTOMER, flag::LEAVE_HEARSAY | flag::PARTED, true),
            Change::Parted
        );
        assert_eq!(rule(state::DETERRED, flag::REFERRED, true), Change::None);
    }
}
