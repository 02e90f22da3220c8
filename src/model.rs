//! Validated domain types of a scenario: pure data, built by [`crate::scenario`].
//!
//! Every value here has passed validation (see `crate::scenario`), so the
//! simulation can rely on the ranges written on each field. The types are
//! plain data: they never touch files, randomness or output.

use std::path::PathBuf;

use serde::Serialize;
use serde::ser::SerializeMap;

/// What happened to a customer in one period; each customer is in exactly one
/// class per period (MODEL.md, "One period", step 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeClass {
    /// No problem this period.
    Satisfied,
    /// Had a problem and did not complain.
    Silent,
    /// Complained; the complaint was not resolved.
    Unresolved,
    /// Complained; the complaint was resolved, but not quickly.
    Resolved,
    /// Complained; the complaint was resolved within `quick_hours`.
    ResolvedQuickly,
}

impl OutcomeClass {
    /// All classes, in the order of [`OutcomeClass::index`].
    pub const ALL: [OutcomeClass; 5] = [
        OutcomeClass::Satisfied,
        OutcomeClass::Silent,
        OutcomeClass::Unresolved,
        OutcomeClass::Resolved,
        OutcomeClass::ResolvedQuickly,
    ];

    /// The scenario-file key of the class (`[outcomes.KEY]`).
    ///
    /// ```
    /// use wom::model::OutcomeClass;
    /// assert_eq!(OutcomeClass::ResolvedQuickly.key(), "resolved_quickly");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            OutcomeClass::Satisfied => "satisfied",
            OutcomeClass::Silent => "silent",
            OutcomeClass::Unresolved => "unresolved",
            OutcomeClass::Resolved => "resolved",
            OutcomeClass::ResolvedQuickly => "resolved_quickly",
        }
    }

    /// Position of the class in [`OutcomeClass::ALL`] and in [`Outcomes::classes`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The tone of the story a customer tells about their experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// A good story: may make prospects convert.
    Positive,
    /// A bad story: may deter prospects and make customers leave.
    Negative,
    /// No story is told.
    None,
}

/// A distribution of a non-negative count (how many contacts someone tells).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TellDist {
    /// Always `n`.
    Fixed(u32),
    /// Uniform on the integers `lo..=hi`; invariant `lo <= hi`.
    Uniform {
        /// Smallest value.
        lo: u32,
        /// Largest value (inclusive).
        hi: u32,
    },
    /// Poisson with the given mean; invariant `mean` finite and `>= 0`.
    Poisson {
        /// Expected value.
        mean: f64,
    },
    /// Negative binomial (gamma–Poisson mixture) with the given mean and
    /// dispersion `k` (variance `mean + mean²/k`); invariants `mean >= 0`,
    /// `dispersion > 0`, both finite.
    NegativeBinomial {
        /// Expected value.
        mean: f64,
        /// Dispersion `k`; smaller is more spread out.
        dispersion: f64,
    },
    /// `values[i]` with probability `weights[i] / sum(weights)`; invariants:
    /// same non-zero length, weights finite, `>= 0`, with a positive sum.
    Empirical {
        /// The possible counts.
        values: Vec<u32>,
        /// Their relative weights (need not sum to 1).
        weights: Vec<f64>,
    },
}

impl TellDist {
    /// The exact expectation of the distribution.
    ///
    /// ```
    /// use wom::model::TellDist;
    /// assert_eq!(TellDist::Uniform { lo: 10, hi: 22 }.mean(), 16.0);
    /// ```
    pub fn mean(&self) -> f64 {
        match self {
            TellDist::Fixed(n) => f64::from(*n),
            TellDist::Uniform { lo, hi } => (f64::from(*lo) + f64::from(*hi)) / 2.0,
            TellDist::Poisson { mean } | TellDist::NegativeBinomial { mean, .. } => *mean,
            TellDist::Empirical { values, weights } => {
                let total: f64 = weights.iter().sum();
                let weighted: f64 = values
                    .iter()
                    .zip(weights)
                    .map(|(v, w)| f64::from(*v) * w)
                    .sum();
                weighted / total
            }
        }
    }
}

/// What follows from one outcome class (`[outcomes.CLASS]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeSpec {
    /// Probability in [0, 1] that the customer is still a customer next period
    /// because of this experience.
    pub stay: f64,
    /// Tone of the story told; [`Tone::None`] means nothing is told.
    pub tone: Tone,
    /// How many contacts the customer tells.
    pub tells: TellDist,
}

/// The specification of every outcome class.
///
/// For [`OutcomeClass::Satisfied`], `stay` is always `1 − experience.base_churn`
/// (the scenario layer derives one from the other, see [`Experience::base_churn`]).
/// Serialized as a map from class key to [`OutcomeSpec`].
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// Indexed by [`OutcomeClass::index`].
    pub classes: [OutcomeSpec; 5],
}

impl Outcomes {
    /// The specification of one class.
    pub fn get(&self, class: OutcomeClass) -> &OutcomeSpec {
        &self.classes[class.index()]
    }
}

impl Serialize for Outcomes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(OutcomeClass::ALL.len()))?;
        for class in OutcomeClass::ALL {
            map.serialize_entry(class.key(), self.get(class))?;
        }
        map.end()
    }
}

/// How many persons are customers at the start.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum InitialCustomers {
    /// An exact number of persons (a TOML integer).
    Count(u32),
    /// A share of the population in (0, 1] (a TOML float).
    Fraction(f64),
}

impl InitialCustomers {
    /// The number of initial customers among `people` persons: a fraction is
    /// rounded to the nearest integer (halves away from zero).
    ///
    /// A `Count` is returned unchanged: with `network.kind = "file"` the
    /// scenario layer cannot compare it with the file's size, so the caller
    /// that loads the network must check `resolve(people) <= people`.
    ///
    /// ```
    /// use wom::model::InitialCustomers;
    /// assert_eq!(InitialCustomers::Fraction(0.1).resolve(10_000), 1_000);
    /// assert_eq!(InitialCustomers::Count(7).resolve(10_000), 7);
    /// ```
    pub fn resolve(&self, people: u32) -> u32 {
        match self {
            InitialCustomers::Count(n) => *n,
            // In (0, 1] × u32 so the cast cannot overflow.
            InitialCustomers::Fraction(f) => (f * f64::from(people)).round() as u32,
        }
    }
}

/// Who is in the world (`[population]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Population {
    /// Number of persons, `>= 2`. Ignored with `network.kind = "file"`, where
    /// the number of distinct node ids in the file is authoritative.
    pub people: u32,
    /// Customers at the start; a count is `<= people` (checked here except for
    /// file networks), a fraction is in (0, 1].
    pub initial_customers: InitialCustomers,
}

/// The kind of social network and its parameters (`[network]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NetworkKind {
    /// Small world: ring lattice with rewiring.
    WattsStrogatz {
        /// Degree of the ring lattice: even, `>= 2`, `< people`.
        mean_degree: u32,
        /// Probability in [0, 1] that a lattice edge is rewired.
        rewire: f64,
    },
    /// Scale free, by preferential attachment.
    BarabasiAlbert {
        /// Edges each new node attaches with: `>= 1`, `< people`.
        attach: u32,
    },
    /// Random graph with independent edges.
    ErdosRenyi {
        /// Expected degree, in `[0, people − 1]`.
        mean_degree: f64,
    },
    /// Clusters of strong ties plus random weak ties (Goldenberg et al. 2007).
    StrongWeakTies {
        /// Persons per cluster: `>= 2`, `<= people`.
        cluster_size: u32,
        /// Mean number of strong ties per person inside the cluster, in
        /// `[0, cluster_size − 1]`.
        strong_ties: f64,
        /// Mean number of weak ties per person to other clusters, in
        /// `[0, people − cluster_size]`.
        weak_ties: f64,
        /// Whether the weak ties are redrawn each period.
        weak_ties_churn: bool,
    },
    /// A real network read from an edge list (`u v` a line, `#` comments).
    File {
        /// Path of the edge list, already joined to the scenario file's
        /// directory when it was relative.
        path: PathBuf,
    },
}

/// The social network (`[network]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    /// Its kind and parameters.
    #[serde(flatten)]
    pub kind: NetworkKind,
    /// Whether each replication draws its own network (else one network, drawn
    /// from the scenario seed, is shared by all replications). Always `false`
    /// for file networks.
    pub resample: bool,
}

/// What customers experience each period (`[experience]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Experience {
    /// Probability in [0, 1] that a customer's experience goes wrong.
    pub problem_rate: f64,
    /// Probability in [0, 1] that a customer with a problem complains.
    pub complaint_rate: f64,
    /// Probability in [0, 1] that a satisfied customer leaves anyway. Always
    /// equals `1 − outcomes.satisfied.stay`: a scenario may give either key,
    /// the other is derived; giving both with values that disagree by more
    /// than 1e-12 is an error naming both keys.
    pub base_churn: f64,
    /// Factor `>= 0` applied to `base_churn` for the rest of the horizon once a
    /// customer's complaint was resolved (1 = off); `base_churn × it <= 1`.
    pub recovery_paradox: f64,
}

/// How stories spread beyond the first teller (`[word_of_mouth]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordOfMouth {
    /// Last hop at which a story is heard, in `1..=20` (1 = no retelling).
    pub max_hops: u32,
    /// Effect of a hearing at hop `h` is scaled by `hop_decay^(h−1)`; in [0, 1].
    pub hop_decay: f64,
    /// Probability in [0, 1] that a hearer retells a negative story.
    pub retell_negative: f64,
    /// Probability in [0, 1] that a hearer retells a positive story.
    pub retell_positive: f64,
    /// How many neighbours a retelling reaches.
    pub retell_tells: TellDist,
}

/// What hearing a story does (`[effects]`); all probabilities in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effects {
    /// A prospect hearing a negative story is deterred for the horizon.
    pub deter: f64,
    /// A prospect hearing a positive story converts.
    pub referral_conversion: f64,
    /// A customer hearing a negative story leaves.
    pub hearsay_churn: f64,
    /// A non-deterred prospect converts on their own, per period.
    pub organic_conversion: f64,
}

/// Money (`[economics]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Economics {
    /// Margin per customer per period, finite and `>= 0`.
    pub margin: f64,
    /// Yearly discount rate, finite and `> −1`.
    pub discount_rate: f64,
    /// Currency label for reports (non-empty).
    pub currency: String,
}

/// What a policy does with complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// A validated scenario: the world, its dynamics and the policies to compare.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Independent replications, in `1..=10_000_000`.
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
}

#[cfg(test)]
mod tests;
