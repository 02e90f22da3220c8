//! What a business does with complaints: one policy per `[policies.NAME]`.

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
}

impl Policy {
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
