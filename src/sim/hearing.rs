//! Step 7 of a period (MODEL.md, "One period"): what each hearing does
//! to the hearer, and whether they retell. The hops' tellers and picks
//! are in [`super::telling`].

use super::context::{AHEAD, prefetch};
use super::observer::{Effect, Hearing, Observer};
use super::params::Params;
use super::person::{Person, flag, state, word};
use super::scratch::Bits;
use crate::graph::NodeId;
use crate::model::Tone;

/// The hearers of a hop who retell it, in hearing order: the first `len`
/// of `slots`, which has a slot for every hearing of the hop.
pub(super) struct Retellers<'a> {
    pub slots: &'a mut [NodeId],
    pub len: usize,
}

/// What the hearings of a hop change: the people, the set step 8 visits,
/// the hop's retellers and the period's counts.
pub(super) struct Hearings<'a, 'b> {
    pub people: &'a mut [Person],
    pub touched: &'a mut Bits,
    pub next: &'a mut Retellers<'b>,
    pub reached: &'a mut Reached,
}

/// What the hearings of a period counted.
#[derive(Debug, Default)]
pub(super) struct Reached {
    /// Prospects deterred.
    pub deterred: u64,
    /// People who heard bad news for the first time in the replication.
    pub negative: u64,
}

/// The hearings of one tone at one hop, with the hop's chances worked out
/// once (the same products `rate × strength` the hearings used before) in
/// small tables indexed by the hearer's case, so that a hearing looks its
/// case up instead of branching on it. A hearer is read and written as
/// one 32-bit word ([`word`]): one load, one store.
///
/// A case is `2 × status + bit`: the bit says whether the draw is moot
/// (in `chance`) or whether the hearing took effect (in the others).
/// Looking up by a computed index, rather than choosing between two
/// values, leaves the compiler nothing to turn into a branch, which a
/// processor could only guess at: the draws are random.
pub(super) struct Hop {
    tone: Tone,
    hop: u32,
    /// By status: period flags which, already set, make the draw moot (a
    /// referred prospect referred again, a customer already leaving), at
    /// their place in the hearer's word. All 0 when an observer is
    /// watching, who is told every effect.
    settled: [u32; 4],
    /// By status and moot bit: the chance that this hearing takes effect
    /// (a prospect deterred by bad news or referred by good news, a
    /// customer lost to bad news; 0 for everyone else and when moot).
    chance: [f64; 8],
    /// By status and took bit: the period flag the hearing sets and the
    /// hearer's status after it, at their places in the hearer's word
    /// (or-ed in after the status is cleared).
    sets: [u32; 8],
    /// By status and took bit: 1 if it deterred a prospect.
    deters: [u8; 8],
    /// By status and took bit: what it did, for observers.
    effect: [Effect; 8],
    /// By status and took bit: 1 if step 8 must visit the hearer (every
    /// hearer, or with the period's `clear_all` only a prospect referred).
    touch: [u8; 8],
    /// The hop as the byte a hearer records (validated: at most 20).
    hop_byte: u32,
    /// Whether a first hearing at this hop may be retold, and how likely.
    retells: bool,
    retell: f64,
}

impl Hop {
    pub fn new(params: &Params, tone: Tone, hop: u32, exact: bool, clear_all: bool) -> Self {
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
        let status = by_case(&|s, took| {
            if took && deters[s] {
                state::DETERRED
            } else {
                s as u8
            }
        });
        let flags = by_case(&|s, took| if took { sets[s] } else { 0 });
        Self {
            tone,
            hop,
            hop_byte: u32::from(u8::try_from(hop).expect("max_hops is at most 20")),
            settled: settled.map(|f| u32::from(f) << word::FLAGS),
            chance: std::array::from_fn(|i| if i % 2 == 1 { 0.0 } else { chance[i / 2] }),
            sets: std::array::from_fn(|i| {
                u32::from(flags[i]) << word::FLAGS | u32::from(status[i]) << word::STATE
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
    pub fn hear_all<const NEGATIVE: bool, O: Observer>(
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
        let person: &mut u32 = bytemuck::cast_mut(&mut people[v as usize]);
        let before = *person;
        let s = ((before >> word::STATE) & u32::from(state::STATUS_MASK)) as usize;
        let moot = usize::from(before & self.settled[s] != 0);
        let took = usize::from(draw < self.chance[2 * s + moot]);
        let case = 2 * s + took;
        let mut after =
            (before & !(u32::from(state::STATUS_MASK) << word::STATE)) | self.sets[case];
        reached.deterred += u64::from(self.deters[case]);
        if NEGATIVE {
            let heard = u32::from(state::HEARD_NEGATIVE) << word::STATE;
            reached.negative += u64::from(after & heard == 0);
            after |= heard;
        }
        // The first hearing of this tone records its hop (an `or` into a
        // hop of 0) and may be retold; the retelling draw is computed for
        // every hearing (its value does not depend on whether it is used).
        let first = after & (0xff << word::hop(t)) == 0;
        after |= (self.hop_byte << word::hop(t)) & 0u32.wrapping_sub(u32::from(first));
        *person = after;
        // A branch, not an or of 0 or 1 into the set's word: the or is a
        // read and write of memory at every hearing, and hearers close in
        // the network share a word, so each would wait for the one
        // before. The branch goes one way nearly always (every hearer
        // is marked, or with the period's `clear_all` only the few
        // prospects referred), so it is guessed right.
        if self.touch[case] != 0 {
            touched.insert(v);
        }
        let origin = u32::from(flag::ORIGIN << t) << word::FLAGS;
        let may_retell = first & self.retells & (after & origin == 0);
        let retold = retell < self.retell;
        // `next` has room for every hearing of the hop: the hearer is
        // written in the next free slot, which is taken only if they
        // retell.
        next.slots[next.len] = v;
        next.len += usize::from(may_retell & retold);
        self.effect[case]
    }
}
