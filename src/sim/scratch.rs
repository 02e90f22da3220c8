//! The per-thread scratch state that holds every person of a replication,
//! the hop queues of telling, the desk's queue and each person's segment:
//! allocated once per thread and reused across replications and policies.

use super::params::Params;
use super::person::{Person, segment_at, state};
use super::response::ResponseScratch;
use super::tells::Marks;
use crate::graph::NodeId;
use crate::model::OutcomeClass;
use crate::rng::{Purpose, StreamKey};

/// Per-thread scratch state, reused across replications and policies.
#[derive(Debug, Default)]
pub struct Scratch {
    pub(super) people: Vec<Person>,
    /// Originators of this period by tone index, with their class.
    pub(super) origins: [Vec<(NodeId, OutcomeClass)>; 2],
    /// Tellers of the current hop.
    pub(super) level: Vec<NodeId>,
    /// Tellers of the next hop.
    pub(super) next: Vec<NodeId>,
    pub(super) picks: Vec<u32>,
    pub(super) marks: Marks,
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
        for &u in &self.initial {
            self.people[u as usize].state = state::CUSTOMER;
        }
        self.complaints.clear();
        if parts {
            self.complaints.resize(people as usize, 0);
        }
    }
}
