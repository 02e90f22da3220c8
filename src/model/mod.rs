//! Validated domain types of a scenario: pure data, built by [`crate::scenario`].
//!
//! Every value here has passed validation (see `crate::scenario`), so the
//! simulation can rely on the ranges written on each field. The types are
//! plain data: they never touch files, randomness or output. Scenario files
//! are written back (resolved, every default filled in) by
//! `crate::scenario::resolved`, the inverse of parsing.

mod outcome;
mod policy;
mod segment;
mod world;

pub use outcome::{OutcomeClass, OutcomeSpec, Outcomes, TellDist, Tone};
pub use policy::{Handling, MAX_AGENTS, Manner, PartWith, Policy, Staffing};
pub use segment::{MAX_SEGMENTS, Segment, SegmentValues};
pub use world::{
    Economics, Effects, Experience, InitialCustomers, Network, NetworkKind, Population,
    WeakTieChurn, WordOfMouth,
};

/// A validated scenario: the world, its dynamics and the policies to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name; defaults to the scenario file's stem.
    pub name: String,
    /// Free text; empty by default.
    pub description: String,
    /// Number of periods simulated, in `1..=10_000`.
    pub periods: u32,
    /// What one period is called in reports ("month").
    pub period_label: String,
    /// Periods in a year, for discounting; finite and `> 0`.
    pub periods_per_year: f64,
    /// Independent replications, in `2..=10_000_000` (an interval needs two).
    pub replications: u32,
    /// Seed of every random stream.
    pub seed: u64,
    /// Who is in the world.
    pub population: Population,
    /// The social network.
    pub network: Network,
    /// Experiences and complaints.
    pub experience: Experience,
    /// What follows from each outcome class.
    pub outcomes: Outcomes,
    /// How stories spread.
    pub word_of_mouth: WordOfMouth,
    /// What hearing a story does.
    pub effects: Effects,
    /// Money.
    pub economics: Economics,
    /// The policies, in file order, at least two; `policies[0]` is the
    /// baseline the others are compared against.
    pub policies: Vec<Policy>,
    /// The segments (`[segments.NAME]`) in file order, at most
    /// [`MAX_SEGMENTS`]; empty without a `[segments]` table (one segment
    /// holding everyone, with the global values).
    pub segments: Vec<Segment>,
    /// `[uncertainty]`: what the scenario does not know (`None` without
    /// it, and then every result is what it was before uncertainty).
    pub uncertainty: Option<crate::uncertainty::Uncertainty>,
}

impl Scenario {
    /// Discount factor per period: `(1 + discount_rate)^(−1 / periods_per_year)`.
    pub fn discount_factor(&self) -> f64 {
        (1.0 + self.economics.discount_rate).powf(-1.0 / self.periods_per_year)
    }

    /// The policies' names, in scenario order.
    pub fn policy_names(&self) -> Vec<String> {
        self.policies.iter().map(|p| p.name.clone()).collect()
    }

    /// The policy with this name, if any.
    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.name == name)
    }

    /// Whether the scenario has a `[segments]` table.
    pub fn has_segments(&self) -> bool {
        !self.segments.is_empty()
    }

    /// Whether any policy parts with customers.
    pub fn parts(&self) -> bool {
        self.policies.iter().any(Policy::parts)
    }

    /// Whether the scenario uses response times (MODEL.md, "Response time
    /// and staffing"): a policy with a desk or with hours per handoff, or
    /// customers with their own tolerance.
    pub fn uses_response_times(&self) -> bool {
        self.experience.tolerance_hours.is_some()
            || self
                .policies
                .iter()
                .any(|p| p.staffing.is_some() || p.handoff_hours > 0.0)
    }

    /// Whether any policy answers complaints with a desk (`staffing`).
    pub fn has_desk(&self) -> bool {
        self.policies.iter().any(|p| p.staffing.is_some())
    }

    /// The segments' names, in scenario order (empty without segments).
    pub fn segment_names(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.name.clone()).collect()
    }

    /// The position of the segment named `name`.
    pub fn segment_index(&self, name: &str) -> Option<usize> {
        self.segments.iter().position(|s| s.name == name)
    }

    /// What a member of each segment experiences, in scenario order; one
    /// entry with the global values when there are no segments.
    pub fn segment_values(&self) -> Vec<SegmentValues> {
        let global = SegmentValues::global(&self.experience, &self.economics);
        if self.segments.is_empty() {
            vec![global]
        } else {
            self.segments.iter().map(|s| s.values(global)).collect()
        }
    }
}

#[cfg(test)]
mod tests;
