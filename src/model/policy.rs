//! What a business does with complaints: one policy per `[policies.NAME]`,
//! What a business does with complaints: one policy per `[policies.NAME]`,
//! whether it parts with some customers (`part_with`), and the desk that
//! answers complaints when the policy is staffed.

use super::OutcomeClass;
use crate::staffing::{Calendar, DurationDist};

/// What a policy does with complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// Every complaint ends unresolved.
    Ignore,
    /// Complaints are resolved with [`Policy::resolve_probability`].
    Recover,
}

/// The most agents a desk may have (each costs a few bytes per replication;
/// far beyond any business this tool models).
pub const MAX_AGENTS: u32 = 1_000_000;

/// A complaint desk (`staffing = { … }` under a recover policy): agents
/// answering complaints first come first served while the desk is open
/// (MODEL.md, "Response time and staffing").
#[derive(Debug, Clone, PartialEq)]
pub struct Staffing {
    /// Number of agents, in `1..=`[`MAX_AGENTS`].
    pub agents: u32,
    /// Minutes of an agent's open time one complaint takes (before a
    /// segment's `handle_factor`); a validated duration distribution.
    pub handle_minutes: DurationDist,
    /// When the desk is open (`days_per_week` in 1–7 from Monday,
    /// `hours_per_day` in (0, 24] from 09:00).
    pub calendar: Calendar,
    /// Paid per agent per period, finite and `>= 0`.
    pub agent_cost: f64,
}

impl Staffing {
    /// What the desk costs per period: `agents × agent_cost`.
    pub fn cost_per_period(&self) -> f64 {
        f64::from(self.agents) * self.agent_cost
    }
}

/// One complaint-handling policy (`[policies.NAME]`).
///
/// With [`Handling::Ignore`] the resolution keys (`resolve_rate`, `handoffs`,
/// `handoff_penalty`, hours, `compensation`) are accepted but have no effect;
/// `staffing` is refused there.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Its name: non-empty, letters, digits, `_` and `-`.
    pub name: String,
    /// Ignore or recover complaints.
    pub handling: Handling,
    /// Probability in [0, 1] that a complaint is resolved with no handoff.
    pub resolve_rate: f64,
    /// Number of times a complaint is passed between agents.
    pub handoffs: u32,
    /// Probability in [0, 1] that each handoff spoils the resolution.
    pub handoff_penalty: f64,
    /// Hours until the complaint is answered, finite and `>= 0`; not used
    /// when `staffing` is set (then the default, and not written back).
    pub response_hours: f64,
    /// Hours each handoff adds to the response time, finite and `>= 0`.
    pub handoff_hours: f64,
    /// The desk that answers complaints, instead of a fixed
    /// `response_hours`; only under [`Handling::Recover`].
    pub staffing: Option<Staffing>,
    /// A resolution within this many hours is quick; finite and `>= 0`.
    pub quick_hours: f64,
    /// Cost of each resolved complaint (refund, discount, gift), `>= 0`.
    pub compensation: f64,
    /// Cost of each handled complaint, `>= 0`.
    pub handling_cost: f64,
    /// Parting with a segment's customers after their n-th complaint
    /// (MODEL.md, "Parting with customers"); `None`: the policy keeps
    /// everyone.
    pub part_with: Option<PartWith>,
}

/// How a business parts with a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manner {
    /// Thanks, facts, a refund of the last invoice, an apology and pointers
    /// to alternatives (the Kazakh parting article).
    Graceful,
    /// Without notice or help.
    Abrupt,
}

impl Manner {
    /// Both manners, in the order of the scenario format's documentation.
    pub const BOTH: [Manner; 2] = [Manner::Graceful, Manner::Abrupt];

    /// The scenario-file word.
    ///
    /// ```
    /// use wom::model::Manner;
    /// assert_eq!(Manner::Abrupt.key(), "abrupt");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Manner::Graceful => "graceful",
            Manner::Abrupt => "abrupt",
        }
    }

    /// The outcome class of a customer parted in this manner.
    pub fn class(self) -> OutcomeClass {
        match self {
            Manner::Graceful => OutcomeClass::PartedGraceful,
            Manner::Abrupt => OutcomeClass::PartedAbrupt,
        }
    }
}

/// `part_with = { segment, after_complaints, manner, refund }`: in the
/// period in which a member of `segment` makes their `after_complaints`-th
/// complaint of the horizon, the complaint is handled and costs as usual,
/// then the customer's class becomes [`Manner::class`] and they leave at
/// the end of the period, counted as parted.
#[derive(Debug, Clone, PartialEq)]
pub struct PartWith {
    /// The segment's name (one of the scenario's segments).
    pub segment: String,
    /// The complaint that ends the relationship, in `1..=u16::MAX`.
    pub after_complaints: u32,
    /// Graceful or abrupt.
    pub manner: Manner,
    /// What a graceful parting costs, finite and `>= 0`; `None`: the
    /// segment's margin for one period ("refund the last invoice", the Kazakh
    /// parting article). Always `None` for an abrupt parting.
    pub refund: Option<f64>,
}

impl Policy {
    /// Whether the policy parts with anyone.
    pub fn parts(&self) -> bool {
        self.part_with.is_some()
    }

    /// Probability that a complaint is resolved: 0 when ignoring, else
    /// `resolve_rate × (1 − handoff_penalty)^handoffs`.
    pub fn resolve_probability(&self) -> f64 {
        match self.handling {
            Handling::Ignore => 0.0,
            Handling::Recover => {
                let kept = (1.0 - self.handoff_penalty).powf(f64::from(self.handoffs));
                self.resolve_rate * kept
            }
        }
    }

    /// Hours the handoffs add to every response: `handoffs × handoff_hours`.
    pub fn handoff_delay_hours(&self) -> f64 {
        f64::from(self.handoffs) * self.handoff_hours
    }

    /// The response time `R` of every complaint when it is fixed:
    /// `response_hours + handoffs × handoff_hours`; `None` with staffing,
    /// where each complaint waits its own time in the queue.
    pub fn fixed_response_hours(&self) -> Option<f64> {
        match self.staffing {
            None => Some(self.response_hours + self.handoff_delay_hours()),
            Some(_) => None,
        }
    }

    /// Whether a resolution counts as quick with a fixed response time and
    /// the default tolerance: `R <= quick_hours` (false with staffing, where
    /// it depends on the complaint).
    pub fn is_quick(&self) -> bool {
        self.fixed_response_hours()
            .is_some_and(|r| r <= self.quick_hours)
    }

    /// Whether every resolved complaint is quick (`Some(true)`), every one
    /// slow (`Some(false)`), or it depends on the complaint (`None`: a
    /// queue, or customers with their own tolerance when `tolerance` is
    /// true).
    pub fn always_quick(&self, tolerance: bool) -> Option<bool> {
        if tolerance || self.staffing.is_some() {
            None
        } else {
            Some(self.is_quick())
        }
    }
}
