//! The per-thread scratch state that holds every person of a replication,
//! the hop queues of telling, the desk's queue and each person's segment:
//! allocated once per thread and reused across replications and policies.

use super::keys::Generators;
use super::params::Params;
use super::person::{Person, segment_at, state};
use super::response::ResponseScratch;
use super::tells::Marks;
use crate::graph::NodeId;
use crate::model::OutcomeClass;
use crate::rng::{Draws, Purpose, StreamKey};

/// Per-thread scratch state, reused across replications and policies.
#[derive(Debug, Default)]
pub struct Scratch {
    pub(super) people: Vec<Person>,
    /// The people whose status is `CUSTOMER`, kept in step with `people`
    /// by `start_policy` and the end of the period: steps 1–4 visit these
    /// alone, in person order, instead of scanning everyone.
    pub(super) customers: Bits,
    /// The people who heard a story this period (set at their first
    /// hearing of each tone): with the customers, the only people whose
    /// period flags or hops are not zero, so the end of the period visits
    /// them and the organic candidates alone. Emptied there.
    pub(super) touched: Bits,
    /// Whether this period's hearers are cleared all at once at its end
    /// rather than visited one by one (`telling.rs` decides, step 8 does
    /// it); only `touched`'s meaning changes with it, never a value.
    pub(super) clear_all: bool,
    /// Originators of this period by tone index, with their class, and
    /// (in the same order) their keys `key.person(u)`, for the first
    /// hop's generators.
    pub(super) origins: [Vec<(NodeId, OutcomeClass)>; 2],
    pub(super) origin_keys: [Vec<StreamKey>; 2],
    /// Tellers of the current hop.
    pub(super) level: Vec<NodeId>,
    /// Tellers of the next hop.
    pub(super) next: Vec<NodeId>,
    pub(super) marks: Marks,
    /// The current hop's generators, pairs and draws.
    pub(super) hop: HopBuffers,
    /// The period's customers and their experience draws.
    pub(super) visit: VisitBuffers,
    /// The replication's initial customers (shared by its policies).
    pub(super) initial: Vec<NodeId>,
    pub(super) weak_edges: Vec<(NodeId, NodeId)>,
    /// Each person's segment in this replication (shared by its
    /// policies); empty without segments (everyone in segment 0).
    pub(super) segment: Vec<u8>,
    /// Complaints each person made so far under a policy that parts with
    /// customers (members of the parted segment only); empty otherwise.
    pub(super) complaints: Vec<u16>,
    /// The desk and the response times of the current policy's run.
    pub(super) response: ResponseScratch,
}

impl Scratch {
    /// Draws the initial customers of a replication (shared by all
    /// policies of that replication).
    pub(super) fn draw_initial(&mut self, people: u32, count: u32, rep_key: StreamKey) {
        let mut rng = rep_key.rng(Purpose::Seeding);
        self.initial.clear();
        self.initial.extend(
            rand::seq::index::sample(&mut rng, people as usize, count as usize)
                .into_iter()
                .map(|i| i as NodeId),
        );
    }

    /// Assigns every person a segment for a replication (shared by its
    /// policies) from `(seed, replication, person, Segment)`; nothing
    /// without segments. `O(people)`.
    pub(super) fn draw_segments(&mut self, people: u32, params: &Params, rep_key: StreamKey) {
        self.segment.clear();
        if !params.segmented {
            return;
        }
        self.segment.extend((0..people).map(|u| {
            let draw = rep_key.person(u).uniform(Purpose::Segment);
            // At most `MAX_SEGMENTS` (16) segments, so the index fits.
            params.segment_of_draw(draw) as u8
        }));
    }

    /// The segment of person `u` (0 without segments).
    #[inline]
    pub(super) fn segment_of(&self, u: usize) -> usize {
        segment_at(&self.segment, u)
    }

    /// Everyone a prospect but the initial customers: the state at the
    /// start of a policy's run; complaint counts from zero when the policy
    /// parts with customers. `O(people)`.
    pub(super) fn start_policy(&mut self, people: u32, parts: bool) {
        self.people.clear();
        self.people.resize(people as usize, Person::default());
        self.customers.reset(people as usize);
        self.touched.reset(people as usize);
        for &u in &self.initial {
            self.people[u as usize].state = state::CUSTOMER;
            self.customers.insert(u);
        }
        let visit = &mut self.visit;
        self.customers.collect_into(&mut visit.ids);
        visit.customers = visit.ids.len();
        visit.ids.resize(people as usize, 0);
        self.complaints.clear();
        if parts {
            self.complaints.resize(people as usize, 0);
        }
    }
}

/// What one hop of telling draws, in arrays (`telling.rs`, `keys.rs`).
#[derive(Debug, Default)]
pub(super) struct HopBuffers {
    /// Each teller's telling generator, in teller order.
    pub rngs: Generators,
    /// The (teller, hearer) pairs of the hop in hearing order (grown,
    /// never shrunk: the hop's count says how many are its own).
    pub pairs: Vec<(NodeId, NodeId)>,
    /// Each pair's hearing draw and its hearer's retelling draw.
    pub effect: Vec<f64>,
    pub retell: Vec<f64>,
}

/// The customers of a period in person order, with their experience
/// draws and the two every customer reads, the problem and stay draws
/// (`experience.rs`, `keys.rs`).
#[derive(Debug, Default)]
pub(super) struct VisitBuffers {
    /// The customers are the first `customers` ids, listed by
    /// `start_policy` and then by step 8 as it decides who stays one
    /// (`end_of_period.rs`), in the order of [`Scratch::customers`]: a
    /// slot for every person, so that step 8 writes each person it visits
    /// in the next slot and moves the count only for a customer.
    pub ids: Vec<NodeId>,
    pub customers: usize,
    pub draws: Vec<Draws>,
    pub sure: Vec<[f64; 2]>,
    /// Each customer's key, `key.person(u)`.
    pub persons: Vec<StreamKey>,
}

/// A set of person ids as one bit each, visited in increasing order: the
/// order of a scan of every person, so a step that visits a set's members
/// instead of everyone meets them in the same order as before.
#[derive(Debug, Default, Clone)]
pub(super) struct Bits {
    pub(super) words: Vec<u64>,
}

impl Bits {
    /// Empties the set and makes room for ids below `len`.
    pub fn reset(&mut self, len: usize) {
        self.words.clear();
        self.words.resize(len.div_ceil(64), 0);
    }

    /// Adds `u`.
    #[inline]
    pub fn insert(&mut self, u: NodeId) {
        self.words[(u >> 6) as usize] |= 1 << (u & 63);
    }

    /// Whether `u` is a member.
    pub fn contains(&self, u: NodeId) -> bool {
        self.words[(u >> 6) as usize] & (1 << (u & 63)) != 0
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Sets `out` to the members in increasing order: sized once from the
    /// words' counts of ones and written by index (`extend` from an
    /// iterator over the words' ones, which cannot say how many it holds,
    /// checks for room at every push).
    pub fn collect_into(&self, out: &mut Vec<NodeId>) {
        out.clear();
        out.resize(self.len(), 0);
        let mut n = 0;
        for (i, &w) in self.words.iter().enumerate() {
            for u in ones(i, w) {
                out[n] = u;
                n += 1;
            }
        }
    }
}

/// The ids of the ones of word `i` of a set (`w`), in increasing order.
#[inline]
pub(super) fn ones(i: usize, mut w: u64) -> impl Iterator<Item = NodeId> {
    let base = (i as NodeId) << 6;
    std::iter::from_fn(move || {
        (w != 0).then(|| {
            let bit = w.trailing_zeros();
            w &= w - 1;
            base + bit
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_visit_their_members_in_increasing_order() {
        let mut bits = Bits::default();
        bits.reset(200);
        for u in [130, 0, 63, 64, 199, 5, 63] {
            bits.insert(u);
        }
        let mut out = vec![7; 9];
        bits.collect_into(&mut out);
        assert_eq!(out, vec![0, 5, 63, 64, 130, 199]);
        bits.reset(10);
        bits.collect_into(&mut out);
        assert!(out.is_empty());
    }
}
