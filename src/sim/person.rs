//! What the simulation knows of each person, and the per-thread scratch
//! state that holds it, reused across replications and policies.

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

    /// Everyone a prospect but the initial customers: the state at the
    /// start of a policy's run. `O(people)`.
    pub(super) fn start_policy(&mut self, people: u32) {
        self.people.clear();
        self.people.resize(people as usize, Person::default());
        for &u in &self.initial {
            self.people[u as usize].state = state::CUSTOMER;
        }
    }
}
