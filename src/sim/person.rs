//! What the simulation knows of each person, and the per-thread scratch
//! state that holds it, reused across replications and policies.

use super::params::Params;
use super::response::ResponseScratch;
use super::tells::Marks;
use crate::graph::NodeId;
use crate::model::OutcomeClass;
use crate::rng::{Purpose, StreamKey};

/// Bits of [`Person::state`]: the status, then replication-long flags.
pub(super) mod state {
    /// The two status bits.
    pub const STATUS_MASK: u8 = 0b11;
    /// Not a customer yet.
    pub const PROSPECT: u8 = 0;
    /// A customer.
    pub const CUSTOMER: u8 = 1;
    /// Was a customer; never returns.
    pub const FORMER: u8 = 2;
    /// A prospect deterred by bad news; never converts.
    pub const DETERRED: u8 = 3;
    /// The person's complaint was resolved earlier (recovery paradox applies).
    pub const RECOVERED: u8 = 1 << 2;
    /// The person has heard a negative story in this replication.
    pub const HEARD_NEGATIVE: u8 = 1 << 3;
}

/// Bits of [`Person::flags`]: what happened this period, cleared at its end.
pub(super) mod flag {
    /// The class's stay draw failed.
    pub const LEAVE_DIRECT: u8 = 1 << 0;
    /// A hearsay churn draw succeeded.
    pub const LEAVE_HEARSAY: u8 = 1 << 1;
    /// A referral draw succeeded.
    pub const REFERRED: u8 = 1 << 2;
    /// Originator of a story of tone `t`: `ORIGIN << t.index()`.
    pub const ORIGIN: u8 = 1 << 3;
    // 1 << 4 is `ORIGIN << 1` (a positive story).
    /// The business parts with the customer at the end of the period.
    pub const PARTED: u8 = 1 << 5;
}

/// One person.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Person {
    /// Status bits and replication-long flags ([`state`]).
    pub state: u8,
    /// Flags of the current period ([`flag`]), cleared at its end.
    pub flags: u8,
    /// Lowest hop at which each tone was heard this period (0 = not heard),
    /// indexed by [`crate::model::Tone::index`].
    pub hop: [u8; 2],
}

impl Person {
    /// The two status bits.
    #[inline]
    pub fn status(self) -> u8 {
        self.state & state::STATUS_MASK
    }

    /// Sets the status, keeping the other bits.
    #[inline]
    pub fn set_status(&mut self, status: u8) {
        self.state = (self.state & !state::STATUS_MASK) | status;
    }
}

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
        if self.segment.is_empty() {
            0
        } else {
            usize::from(self.segment[u])
        }
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
