//! Step 8 of a period (MODEL.md, "One period"): customers leave, prospects
//! convert, and the period's flags are cleared.

use super::context::Period;
use super::metrics::{Metric, Outputs};
use super::person::{Scratch, flag, state};
use crate::rng::{Gaps, Purpose};

/// Runs step 8; returns (customers lost, prospects converted).
pub(super) fn step(p: &Period<'_>, scratch: &mut Scratch, out: &mut Outputs) -> (f64, f64) {
    let params = p.params;
    let (mut direct, mut hearsay, mut referral, mut organic) = (0u32, 0u32, 0u32, 0u32);
    // Who would convert organically this period is a set drawn once from
    // (replication, period) by skipping geometric gaps over person ids, in
    // step with the scan: one draw per candidate instead of one per prospect,
    // and the same set for every policy.
    let gaps = Gaps::new(params.organic_conversion);
    let mut organic_rng = p.key.rng(Purpose::Organic);
    let mut gap = || gaps.map_or(u64::MAX, |g| g.sample(&mut organic_rng));
    let mut next_candidate = gap();
    for (u, person) in scratch.people.iter_mut().enumerate() {
        let candidate = u as u64 == next_candidate;
        if candidate {
            next_candidate = next_candidate.saturating_add(1).saturating_add(gap());
        }
        match person.status() {
            state::CUSTOMER if person.flags & flag::LEAVE_DIRECT != 0 => {
                person.set_status(state::FORMER);
                direct += 1;
            }
            state::CUSTOMER if person.flags & flag::LEAVE_HEARSAY != 0 => {
                person.set_status(state::FORMER);
                hearsay += 1;
            }
            state::PROSPECT if person.flags & flag::REFERRED != 0 => {
                person.set_status(state::CUSTOMER);
                referral += 1;
            }
            state::PROSPECT if candidate => {
                person.set_status(state::CUSTOMER);
                organic += 1;
            }
            _ => {}
        }
        person.flags = 0;
        person.hop = [0, 0];
    }
    let value = params.flow_value[p.t as usize];
    out.add(Metric::ChurnedDirect, f64::from(direct));
    out.add(Metric::ChurnedHearsay, f64::from(hearsay));
    out.add(Metric::ReferralConversions, f64::from(referral));
    out.add(Metric::OrganicConversions, f64::from(organic));
    out.add(Metric::PvDirectChurn, value * f64::from(direct));
    out.add(Metric::PvHearsayChurn, value * f64::from(hearsay));
    out.add(Metric::PvReferral, value * f64::from(referral));
    out.add(Metric::PvOrganic, value * f64::from(organic));
    (f64::from(direct + hearsay), f64::from(referral + organic))
}
