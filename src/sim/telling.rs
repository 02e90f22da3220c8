//! Steps 5–7 of a period (MODEL.md, "One period"): stories told and retold
//! hop by hop over the period's contacts; what each hearing does (step 7)
//! is in [`super::hearing`].

use super::context::{AHEAD, Contacts, Lists, Own, Period, Tally};
use super::hearing::{Hearings, Hop, Reached, Retellers};
use super::keys::{self, Generators};
use super::metrics::Metric;
use super::observer::Observer;
use super::scratch::{HopBuffers, Scratch};
use super::tells::{self, Marks, TellSampler};
use crate::graph::NodeId;
use crate::model::Tone;

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
    // Prospects deterred and people reached by bad news, counted here and
    // added once: sums of ones, exact in `f64`, so the totals are the same.
    let mut reached = Reached::default();
    let mut shortfall = 0u64;
    // Step 8 must clear every hearer's period flags and hops, and visits
    // those whose status may change. When the period's stories are many
    // for the population (at least one originator per 16 people), it is
    // cheaper to clear everyone at once, in a sweep over the person array,
    // and to visit only the hearers a story can still convert: prospects
    // referred. Then only they are marked in `touched` (a table entry by
    // the hearing's case); otherwise every hearer is. Customers, whom a
    // story can make leave, are visited in either case.
    let originators = scratch.origins.iter().map(Vec::len).sum::<usize>();
    scratch.clear_all = 16 * originators >= scratch.people.len();
    let clear_all = scratch.clear_all;
    for tone in Tone::BOTH {
        let Scratch {
            people,
            origins,
            origin_keys,
            level,
            next,
            marks,
            touched,
            hop: buffers,
            ..
        } = scratch;
        let origins = &origins[tone.index()];
        let t = tone.index() as u64;
        // The tellers of hop 1 are the originators, in their order.
        level.clear();
        level.extend(origins.iter().map(|&(u, _)| u));
        for hop in 1..=params.max_hops {
            let telling = Hop::new(params, tone, hop, observe, clear_all);
            // Four passes per hop. First every teller's generator, for the
            // whole hop at once (`keys.rs`: the same generators, set up
            // in vector lanes). Then every teller draws how many contacts
            // they tell and which, into `buffers.pairs`; then each
            // hearing's two draws, for all the hop's hearings at once;
            // then the hearings are heard in that same order. Nothing a hearing does changes a teller's draws (keyed
            // by teller and tone) or contacts, nor a hearing's draws (keyed
            // by teller, hearer and tone), so the hearings, their order and
            // the retellers pushed to `next` are those of hearing each pick
            // at once.
            // The first hop's tellers bring their keys from the
            // experience batch (`origin_keys`, in the same order).
            let first_keys = &origin_keys[tone.index()];
            let rngs = |rngs: &mut _| {
                if hop == 1 {
                    debug_assert_eq!(first_keys.len(), level.len());
                    keys::teller_rngs_of(first_keys, t, rngs);
                } else {
                    keys::teller_rngs(p.key, t, level, rngs);
                }
            };
            let picked = if hop == 1 {
                let classes = &params.classes;
                pick::<false>(
                    p.net,
                    level,
                    |i| &classes[origins[i].1.index()].tells,
                    rngs,
                    buffers,
                    marks,
                )
            } else {
                let tells = &params.retell_tells;
                if tells.at_most() == Some(3) {
                    pick::<true>(p.net, level, |_| tells, rngs, buffers, marks)
                } else {
                    pick::<false>(p.net, level, |_| tells, rngs, buffers, marks)
                }
            };
            heard[tone.index()] += picked.heard;
            shortfall += picked.shortfall;
            let pairs = &buffers.pairs[..picked.heard as usize];
            keys::hearing_draws(p.key, t, pairs, &mut buffers.effect, &mut buffers.retell);
            grow(next, pairs.len());
            let mut retellers = Retellers {
                slots: next,
                len: 0,
            };
            let mut hearings = Hearings {
                people,
                touched,
                next: &mut retellers,
                reached: &mut reached,
            };
            let draws = (&buffers.effect[..], &buffers.retell[..]);
            // Compiled once per tone, so that each loop has its tone's
            // code only.
            match tone {
                Tone::Negative => {
                    telling.hear_all::<true, O>(pairs, draws, &mut hearings, observer, p.t)
                }
                Tone::Positive => {
                    telling.hear_all::<false, O>(pairs, draws, &mut hearings, observer, p.t)
                }
            }
            let retold = retellers.len;
            next.truncate(retold);
            std::mem::swap(level, next);
            if level.is_empty() {
                break;
            }
        }
    }
    let [negative, positive] = heard.map(|h| h as f64);
    tally.deterred_total += reached.deterred as f64;
    tally.out.add(Metric::Deterred, reached.deterred as f64);
    tally
        .out
        .add(Metric::NegativeReach, reached.negative as f64);
    tally.out.add(Metric::NegativeTellings, negative);
    tally.out.add(Metric::PositiveTellings, positive);
    tally.out.add(Metric::TellShortfall, shortfall as f64);
    [negative, positive]
}

/// What [`pick`] drew for a hop.
struct Picked {
    /// Picks made (the hop's hearings).
    heard: u64,
    /// Contacts the tellers wanted to tell but did not have.
    shortfall: u64,
}

/// Step 5 for one hop: every teller in `level` draws how many contacts
/// they tell (with the sampler `tells` gives for the teller's index) and
/// which, from their generator (made by `rngs` into `buffers.rngs`); the picks go to
/// `buffers.pairs` in teller order, each as the teller and the contact
/// picked.
///
/// Compiled once for each kind of contact list ([`Lists`]): with weak
/// ties, without them, and without them from the narrow copy of a small
/// graph, each kind's reads with nothing of the others'. `THREE` says
/// that counts of 1 to 3 are picked on the branch-free path
/// ([`tells::one_to_three`], for a sampler that draws at most 3), else
/// counts of 1 or 2 ([`tells::one_or_two`]).
#[inline(always)]
fn pick<'a, const THREE: bool>(
    net: Contacts<'_>,
    level: &[NodeId],
    tells: impl Fn(usize) -> &'a TellSampler,
    rngs: impl FnOnce(&mut Generators),
    buffers: &mut HopBuffers,
    marks: &mut Marks,
) -> Picked {
    match (net.extra, net.base.narrow()) {
        (Some(_), _) => pick_in::<_, _, THREE>(net, level, tells, rngs, buffers, marks),
        (None, Some(narrow)) => pick_in::<_, _, THREE>(narrow, level, tells, rngs, buffers, marks),
        (None, None) => pick_in::<_, _, THREE>(Own(net.base), level, tells, rngs, buffers, marks),
    }
}

/// [`pick`] for one kind of list. A function of its own, apart from the
/// hearings, so that its loop keeps what it needs in registers.
///
/// A contact is read as soon as it is picked. That read is a random one
/// in an adjacency array that may be larger than a core's cache, so each
/// teller's list is fetched ahead: the offsets of the teller `2 × AHEAD`
/// places on, then the start of the list of the teller `AHEAD` places on
/// (whose offset has arrived by then), and before the loop the lists of
/// the first `AHEAD` tellers (for the narrow copy of a small graph,
/// which stays in cache, the hints are empty and compiled away). Only
/// timing changes.
#[inline(never)]
fn pick_in<'a, L: Lists, F: Fn(usize) -> &'a TellSampler, const THREE: bool>(
    net: L,
    level: &[NodeId],
    tells: F,
    rngs: impl FnOnce(&mut Generators),
    buffers: &mut HopBuffers,
    marks: &mut Marks,
) -> Picked {
    // The first tellers' offsets are asked for before their generators
    // are made (`rngs`, into `buffers.rngs`), so that the loop finds them
    // on its way in.
    for &w in level.iter().take(2 * AHEAD) {
        net.prefetch_offsets(w);
    }
    rngs(&mut buffers.rngs);
    let (mut n, mut shortfall) = (0, 0);
    for &w in level.iter().take(AHEAD) {
        net.prefetch_contacts(w);
    }
    let picks = &mut buffers.pairs;
    // The picks are written by index into a buffer grown, never shrunk,
    // so that a telling of one or two contacts writes two slots (of one
    // to three, three) and moves the count by how many without a branch.
    // Each teller's generator is made from its seed's halves into a
    // local the loop keeps in registers.
    for (i, (&u, mut rng)) in level.iter().zip(buffers.rngs.iter()).enumerate() {
        if let Some(&w) = level.get(i + 2 * AHEAD) {
            net.prefetch_offsets(w);
        }
        if let Some(&w) = level.get(i + AHEAD) {
            net.prefetch_contacts(w);
        }
        let k = tells(i).sample(&mut rng);
        let (span, d) = net.span(u);
        shortfall += u64::from(k.saturating_sub(d));
        let m = k.min(d);
        grow(picks, n + m.max(3) as usize);
        // The picks' draws and order are those of `pick_distinct`; each is
        // kept as the position of the contact picked.
        if THREE
            && (1..=3).contains(&k)
            && k < d
            && let Some([a, b, c]) = tells::one_to_three(d, k, &rng)
        {
            let slots = &mut picks[n..n + 3];
            slots[0] = (u, net.contact(span, a));
            slots[1] = (u, net.contact(span, b));
            slots[2] = (u, net.contact(span, c));
            n += k as usize;
            continue;
        }
        if !THREE
            && (1..=2).contains(&k)
            && k < d
            && let Some([a, b]) = tells::one_or_two(d, k, &rng)
        {
            let slots = &mut picks[n..n + 2];
            slots[0] = (u, net.contact(span, a));
            slots[1] = (u, net.contact(span, b));
            n += k as usize;
            continue;
        }
        tells::for_each_distinct(d, m, &mut rng, marks, |i| {
            picks[n] = (u, net.contact(span, i));
            n += 1;
        });
    }
    Picked {
        heard: n as u64,
        shortfall,
    }
}

/// Makes `buffer` at least `len` long (doubling, so growth is rare);
/// entries past what a pass writes are never read.
#[inline]
fn grow<T: Copy + Default>(buffer: &mut Vec<T>, len: usize) {
    if buffer.len() < len {
        buffer.resize(len.max(2 * buffer.len()), T::default());
    }
}
