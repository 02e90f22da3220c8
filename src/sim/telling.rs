//! Steps 5–7 of a period (MODEL.md, "One period"): stories told and retold
//! hop by hop over the period's contacts, and what each hearing does.

use super::context::{Period, Tally};
use super::metrics::{Metric, Outputs};
use super::observer::{Effect, Hearing, Observer};
use super::params::Params;
use super::person::{Person, flag, state};
use super::scratch::Scratch;
use super::tells::pick_distinct;
use crate::graph::NodeId;
use crate::model::Tone;
use crate::rng::{Purpose, StreamKey};

/// Runs steps 5–7, bad news first; returns the numbers of negative and
/// positive hearings.
pub(super) fn step<O: Observer>(
    p: &Period<'_>,
    scratch: &mut Scratch,
    tally: &mut Tally,
    observer: &mut O,
) -> [f64; 2] {
    let params = p.params;
    let observe = observer.wants(p.t);
    let mut heard = [0u64; 2];
    let mut shortfall = 0u64;
    for tone in Tone::BOTH {
        let Scratch {
            people,
            origins,
            level,
            next,
            picks,
            marks,
            ..
        } = scratch;
        let origins = &origins[tone.index()];
        level.clear();
        for hop in 1..=params.max_hops {
            next.clear();
            let telling = Hop {
                params,
                key: p.key,
                tone,
                hop,
            };
            let tellers = if hop == 1 { origins.len() } else { level.len() };
            for i in 0..tellers {
                // Expanding a teller is two dependent cache misses (offset,
                // then adjacency list); prefetch both a few tellers ahead.
                let ahead = |j: usize| {
                    if hop == 1 {
                        origins.get(j).map(|o| o.0)
                    } else {
                        level.get(j).copied()
                    }
                };
                if let Some(w) = ahead(i + 16) {
                    p.net.base.prefetch_offsets(w);
                }
                if let Some(w) = ahead(i + 8) {
                    p.net.base.prefetch_neighbors(w);
                }
                let (u, sampler) = if hop == 1 {
                    let (u, class) = origins[i];
                    (u, &params.classes[class.index()].tells)
                } else {
                    (level[i], &params.retell_tells)
                };
                let key = p.key.person(u).sub(tone.index() as u64);
                let mut rng = key.rng(Purpose::Telling);
                let k = sampler.sample(&mut rng);
                let d = p.net.degree(u);
                shortfall += u64::from(k.saturating_sub(d));
                pick_distinct(d, k.min(d), &mut rng, marks, picks);
                for &i in picks.iter() {
                    let v = p.net.nth(u, i);
                    heard[tone.index()] += 1;
                    let effect = telling.hear(people, u, v, next, &mut tally.out);
                    if effect == Effect::Deterred {
                        tally.deterred_total += 1.0;
                    }
                    if observe {
                        let hearing = Hearing {
                            teller: u,
                            hearer: v,
                            tone,
                            hop,
                            effect,
                        };
                        observer.hearing(p.t, &hearing);
                    }
                }
            }
            std::mem::swap(level, next);
            if level.is_empty() {
                break;
            }
        }
    }
    let [negative, positive] = heard.map(|h| h as f64);
    tally.out.add(Metric::NegativeTellings, negative);
    tally.out.add(Metric::PositiveTellings, positive);
    tally.out.add(Metric::TellShortfall, shortfall as f64);
    [negative, positive]
}

/// The hearings of one tone at one hop.
struct Hop<'a> {
    params: &'a Params,
    /// The key of `(seed, replication, period)`.
    key: StreamKey,
    tone: Tone,
    hop: u32,
}

impl Hop<'_> {
    /// Step 7 for `teller` telling `v`, plus the hearer's retelling decision
    /// (pushed to `next`) the first time they hear this tone this period.
    #[inline]
    fn hear(
        &self,
        people: &mut [Person],
        teller: NodeId,
        v: NodeId,
        next: &mut Vec<NodeId>,
        out: &mut Outputs,
    ) -> Effect {
        let params = self.params;
        let (tone, t) = (self.tone, self.tone.index());
        let person = &mut people[v as usize];
        let strength = params.strength[self.hop as usize - 1];
        let hearer_key = self.key.person(v);
        // One draw per hearing, keyed by who told whom which tone:
        // independent of the order in which hearings are processed.
        let u = hearer_key
            .sub(2 * u64::from(teller) + t as u64)
            .uniform(Purpose::Hearing);
        let mut effect = Effect::None;
        match (person.status(), tone) {
            (state::PROSPECT, Tone::Negative) if u < params.deter * strength => {
                person.set_status(state::DETERRED);
                out.add(Metric::Deterred, 1.0);
                effect = Effect::Deterred;
            }
            (state::PROSPECT, Tone::Positive) if u < params.referral_conversion * strength => {
                person.flags |= flag::REFERRED;
                effect = Effect::Referred;
            }
            (state::CUSTOMER, Tone::Negative) if u < params.hearsay_churn * strength => {
                person.flags |= flag::LEAVE_HEARSAY;
                effect = Effect::Lost;
            }
            _ => {}
        }
        if tone == Tone::Negative && person.state & state::HEARD_NEGATIVE == 0 {
            person.state |= state::HEARD_NEGATIVE;
            out.add(Metric::NegativeReach, 1.0);
        }
        if person.hop[t] == 0 {
            person.hop[t] = self.hop as u8;
            let may_retell = self.hop < params.max_hops && person.flags & (flag::ORIGIN << t) == 0;
            if may_retell && hearer_key.sub(t as u64).uniform(Purpose::Retelling) < params.retell[t]
            {
                next.push(v);
            }
        }
        effect
    }
}
