//! What a replication can tell an observer (story traces): each customer's
//! outcome class and every hearing, as they happen.

use crate::graph::NodeId;
use crate::model::{OutcomeClass, Tone};

/// One hearing, for observers (story traces).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hearing {
    /// Who told.
    pub teller: NodeId,
    /// Who heard.
    pub hearer: NodeId,
    /// The story's tone.
    pub tone: Tone,
    /// 1 for the originator's telling, `h + 1` for a retelling of hop `h`.
    pub hop: u32,
    /// What it did.
    pub effect: Effect,
}

/// The effect of one hearing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing changed.
    None,
    /// A prospect was deterred.
    Deterred,
    /// A prospect will convert (referral).
    Referred,
    /// A customer will leave (hearsay churn).
    Lost,
}

/// Receives events of a replication; the default methods do nothing and
/// compile away.
pub trait Observer {
    /// A customer's outcome class in `period`.
    fn outcome(&mut self, _period: u32, _person: NodeId, _class: OutcomeClass) {}
    /// A hearing in `period`.
    fn hearing(&mut self, _period: u32, _hearing: &Hearing) {}
    /// Whether this observer wants events of `period` (lets the loop skip work).
    fn wants(&self, _period: u32) -> bool {
        false
    }
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoObserver;
impl Observer for NoObserver {}
