//! Steps 5–7 of a period (MODEL.md, "One period"): stories told and retold
//! hop by hop over the period's contacts, and what each hearing does.

use super::context::{Contacts, Period, Tally};
use super::keys;
use super::metrics::Metric;
use super::observer::{Effect, Hearing, Observer};
use super::params::Params;
use super::person::{Person, flag, state};
use super::scratch::{Bits, HopBuffers, Scratch};
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
            // The first tellers' offsets are asked for before their
            // generators are made, so that `pick` finds them on its way in.
            for &w in level.iter().take(2 * AHEAD) {
                p.net.prefetch_offsets(w);
            }
            keys::teller_rngs(p.key, t, level, &mut buffers.rngs);
            let picked = if hop == 1 {
                let classes = &params.classes;
                pick(
                    p.net,
                    level,
                    |i| &classes[origins[i].1.index()].tells,
                    buffers,
                    marks,
                )
            } else {
                pick(p.net, level, |_| &params.retell_tells, buffers, marks)
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
/// which, from their generator in `buffers.rngs`; the picks go to
/// `buffers.pairs` in teller order, each as the teller and the contact
/// picked. A function of its own, apart from the hearings, so that its
/// loop keeps what it needs in registers.
///
/// A contact is read as soon as it is picked. That read is a random one
/// in an adjacency array larger than a core's cache, so each teller's
/// list is fetched ahead: the offsets of the teller `2 × AHEAD` places on,
/// then the start of the list of the teller `AHEAD` places on (whose
/// offset has arrived by then), and before the loop the lists of the first
/// `AHEAD` tellers. Only timing changes.
#[inline(always)]
fn pick<'a>(
    net: Contacts<'_>,
    level: &[NodeId],
    tells: impl Fn(usize) -> &'a TellSampler,
    buffers: &mut HopBuffers,
    marks: &mut Marks,
) -> Picked {
    // Compiled twice: with no weak ties (a literal `None` the compiler
    // sees through, so each teller's contacts are one span) and with.
    match net.extra {
        None => pick_in::<false, _>(net, level, tells, buffers, marks),
        Some(_) => pick_in::<true, _>(net, level, tells, buffers, marks),
    }
}

#[inline(never)]
fn pick_in<'a, const WEAK: bool, F: Fn(usize) -> &'a TellSampler>(
    net: Contacts<'_>,
    level: &[NodeId],
    tells: F,
    buffers: &mut HopBuffers,
    marks: &mut Marks,
) -> Picked {
    let net = if WEAK {
        net
    } else {
        Contacts { extra: None, ..net }
    };
    let (mut n, mut shortfall) = (0, 0);
    for &w in level.iter().take(AHEAD) {
        net.prefetch_contacts(w);
    }
    let picks = &mut buffers.pairs;
    // The picks are written by index into a buffer grown, never shrunk,
    // so that a telling of one or two contacts writes two slots and moves
    // the count by one or two without a branch.
    for (i, (&u, rng)) in level.iter().zip(&buffers.rngs).enumerate() {
        if let Some(&w) = level.get(i + 2 * AHEAD) {
            net.prefetch_offsets(w);
        }
        if let Some(&w) = level.get(i + AHEAD) {
            net.prefetch_contacts(w);
        }
        // The teller's generator, copied out: a local the loop keeps in
        // registers rather than a slot it writes back after each draw.
        let mut rng = rng.clone();
        let k = tells(i).sample(&mut rng);
        let spans = net.spans(u);
        let d = spans.degree;
        shortfall += u64::from(k.saturating_sub(d));
        let m = k.min(d);
        grow(picks, n + m.max(2) as usize);
        // The picks' draws and order are those of `pick_distinct`; each is
        // kept as the position of the contact picked.
        if (1..=2).contains(&k) && k < d {
            if let Some([a, b]) = tells::one_or_two(d, k, &rng) {
                picks[n] = (u, *net.at(spans.position(a)));
                picks[n + 1] = (u, *net.at(spans.position(b)));
                n += k as usize;
                continue;
            }
        }
        tells::for_each_distinct(d, m, &mut rng, marks, |i| {
            picks[n] = (u, *net.at(spans.position(i)));
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

/// How many picks or hearings ahead a random read is prefetched: about
/// the latency of a read from outside the core's cache (hundreds of
/// cycles) over the few tens of cycles a pick or a hearing takes.
const AHEAD: usize = 32;

/// The hearers of a hop who retell it, in hearing order: the first `len`
/// of `slots`, which has a slot for every hearing of the hop.
struct Retellers<'a> {
    slots: &'a mut [NodeId],
    len: usize,
}

/// What the hearings of a hop change: the people, the set step 8 visits,
/// the hop's retellers and the period's counts.
struct Hearings<'a, 'b> {
    people: &'a mut [Person],
    touched: &'a mut Bits,
    next: &'a mut Retellers<'b>,
    reached: &'a mut Reached,
}

/// What the hearings of a period counted.
#[derive(Debug, Default)]
struct Reached {
    /// Prospects deterred.
    deterred: u64,
    /// People who heard bad news for the first time in the replication.
    negative: u64,
}

/// The hearings of one tone at one hop, with the hop's chances worked out
/// once (the same products `rate × strength` the hearings used before) in
/// small tables indexed by the hearer's case, so that a hearing looks its
/// case up instead of branching on it.
///
/// A case is `2 × status + bit`: the bit says whether the draw is moot
/// (in `chance`) or whether the hearing took effect (in the others).
/// Looking up by a computed index, rather than choosing between two
/// values, leaves the compiler nothing to turn into a branch, which a
/// processor could only guess at: the draws are random.
struct Hop {
    tone: Tone,
    hop: u32,
    /// By status: period flags which, already set, make the draw moot (a
    /// referred prospect referred again, a customer already leaving). All
    /// 0 when an observer is watching, who is told every effect.
    settled: [u8; 4],
    /// By status and moot bit: the chance that this hearing takes effect
    /// (a prospect deterred by bad news or referred by good news, a
    /// customer lost to bad news; 0 for everyone else and when moot).
    chance: [f64; 8],
    /// By status and took bit: the period flag the hearing sets.
    sets: [u8; 8],
    /// By status and took bit: the hearer's status after it.
    status: [u8; 8],
    /// By status and took bit: 1 if it deterred a prospect.
    deters: [u8; 8],
    /// By status and took bit: what it did, for observers.
    effect: [Effect; 8],
    /// By status and took bit: 1 if step 8 must visit the hearer (every
    /// hearer, or with the period's `clear_all` only a prospect referred).
    touch: [u8; 8],
    /// Whether a first hearing at this hop may be retold, and how likely.
    retells: bool,
    retell: f64,
}

impl Hop {
    fn new(params: &Params, tone: Tone, hop: u32, exact: bool, clear_all: bool) -> Self {
        let strength = params.strength[hop as usize - 1];
        let (p, c) = (usize::from(state::PROSPECT), usize::from(state::CUSTOMER));
        let mut chance = [0.0; 4];
        let mut settled = [0; 4];
        let mut sets = [0; 4];
        let mut deters = [false; 4];
        let mut effect = [Effect::None; 4];
        match tone {
            Tone::Negative => {
                chance[p] = params.deter * strength;
                deters[p] = true;
                effect[p] = Effect::Deterred;
                chance[c] = params.hearsay_churn * strength;
                settled[c] = flag::LEAVE_HEARSAY | flag::LEAVE_DIRECT | flag::PARTED;
                sets[c] = flag::LEAVE_HEARSAY;
                effect[c] = Effect::Lost;
            }
            Tone::Positive => {
                chance[p] = params.referral_conversion * strength;
                settled[p] = flag::REFERRED;
                sets[p] = flag::REFERRED;
                effect[p] = Effect::Referred;
            }
        }
        if exact {
            settled = [0; 4];
        }
        // Untaken (bit 0): nothing set, status kept, nothing done.
        let by_case = |f: &dyn Fn(usize, bool) -> u8| -> [u8; 8] {
            std::array::from_fn(|i| f(i / 2, i % 2 == 1))
        };
        Self {
            tone,
            hop,
            settled,
            chance: std::array::from_fn(|i| if i % 2 == 1 { 0.0 } else { chance[i / 2] }),
            sets: by_case(&|s, took| if took { sets[s] } else { 0 }),
            status: by_case(&|s, took| {
                if took && deters[s] {
                    state::DETERRED
                } else {
                    s as u8
                }
            }),
            deters: by_case(&|s, took| u8::from(took && deters[s])),
            touch: by_case(&|s, took| {
                u8::from(!clear_all || (took && sets[s] & flag::REFERRED != 0))
            }),
            effect: std::array::from_fn(|i| {
                if i % 2 == 1 {
                    effect[i / 2]
                } else {
                    Effect::None
                }
            }),
            retells: hop < params.max_hops,
            retell: params.retell[tone.index()],
        }
    }

    /// Step 7 for every hearing of the hop, in order: `pairs[j]` is a
    /// teller and the contact told, `draws` the hearings' two draws.
    /// `NEGATIVE` is whether this hop's tone is the negative one.
    #[inline(always)]
    fn hear_all<const NEGATIVE: bool, O: Observer>(
        &self,
        pairs: &[(NodeId, NodeId)],
        (effect, retell): (&[f64], &[f64]),
        h: &mut Hearings<'_, '_>,
        observer: &mut O,
        t: u32,
    ) {
        let observe = observer.wants(t);
        for (j, &(u, v)) in pairs.iter().enumerate() {
            if let Some(&(_, w)) = pairs.get(j + AHEAD) {
                prefetch(&h.people[w as usize]);
            }
            let done = self.hear::<NEGATIVE>(h, v, (effect[j], retell[j]));
            if observe {
                let hearing = Hearing {
                    teller: u,
                    hearer: v,
                    tone: self.tone,
                    hop: self.hop,
                    effect: done,
                };
                observer.hearing(t, &hearing);
            }
        }
    }

    /// Step 7 for `teller` telling `v`, plus the hearer's retelling decision
    /// (pushed to `next`) the first time they hear this tone this period.
    ///
    /// `draw` is the hearing's draw, keyed by who told whom which tone, and
    /// `retell` the hearer's retelling draw, keyed by hearer and tone
    /// ([`keys::hearing_draws`]): neither depends on the order in which
    /// hearings are processed. The hearing takes
    /// effect when it falls below the case's chance, which is 0 when no
    /// draw could change anything (a former or deterred hearer, a customer
    /// hearing good news, or a flag already set, unless an observer is
    /// watching); the draw's value is the same whether or not it matters.
    #[inline(always)]
    fn hear<const NEGATIVE: bool>(
        &self,
        h: &mut Hearings<'_, '_>,
        v: NodeId,
        (draw, retell): (f64, f64),
    ) -> Effect {
        let Hearings {
            people,
            touched,
            next,
            reached,
        } = h;
        debug_assert_eq!(NEGATIVE, self.tone == Tone::Negative);
        let t = if NEGATIVE {
            Tone::Negative.index()
        } else {
            Tone::Positive.index()
        };
        let person = &mut people[v as usize];
        let s = usize::from(person.status());
        let moot = usize::from(person.flags & self.settled[s] != 0);
        let took = usize::from(draw < self.chance[2 * s + moot]);
        let case = 2 * s + took;
        person.flags |= self.sets[case];
        reached.deterred += u64::from(self.deters[case]);
        person.state = (person.state & !state::STATUS_MASK) | self.status[case];
        if NEGATIVE {
            reached.negative += u64::from(person.state & state::HEARD_NEGATIVE == 0);
            person.state |= state::HEARD_NEGATIVE;
        }
        // The first hearing of this tone records its hop (an `or` into a
        // hop of 0) and may be retold; the retelling draw is computed for
        // every hearing (its value does not depend on whether it is used).
        let first = person.hop[t] == 0;
        person.hop[t] |= (self.hop as u8) & 0u8.wrapping_sub(u8::from(first));
        touched.insert_if(v, self.touch[case]);
        let may_retell = first & self.retells & (person.flags & (flag::ORIGIN << t) == 0);
        let retold = retell < self.retell;
        // `next` has room for every hearing of the hop: the hearer is
        // written in the next free slot, which is taken only if they
        // retell.
        next.slots[next.len] = v;
        next.len += usize::from(may_retell & retold);
        self.effect[case]
    }
}

/// Hints the CPU to load the cache line of `item` (a contact, a hearer's
/// record)
/// before it is read; a no-op on targets without a prefetch instruction.
/// Only timing changes, never a value.
#[inline(always)]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: SSE is part of the x86_64 baseline; a prefetch never
        // faults and has no architectural effect.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(item).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}
