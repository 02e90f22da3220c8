//! What a business does with complaints: one policy per `[policies.NAME]`,
//! and whether it parts with some customers (`part_with`).

use super::OutcomeClass;

/// What a policy does with complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// Every complaint ends unresolved.
    Ignore,
    /// Complaints are resolved with [`Policy::resolve_probability`].
    Recover,
}

/// One complaint-handling policy (`[policies.NAME]`).
///
/// With [`Handling::Ignore`] the resolution keys (`resolve_rate`, `handoffs`,
/// `handoff_penalty`, hours, `compensation`) are accepted but have no effect.
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
    /// Hours until the complaint is answered, finite and `>= 0`.
    pub response_hours: f64,
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
    /// to alternatives (seed 001).
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
    /// segment's margin for one period ("refund the last invoice", seed
    /// 001). Always `None` for an abrupt parting.
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

    /// Whether a resolution counts as quick: `response_hours <= quick_hours`.
    pub fn is_quick(&self) -> bool {
        self.response_hours <= self.quick_hours
    }
}
