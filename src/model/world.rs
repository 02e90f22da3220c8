//! The world a scenario describes: who is in it, how they are connected,
//! what they experience, how stories spread and what they do, and money.

use std::path::PathBuf;

use super::TellDist;
use crate::graph::{Generator, GeneratorSpec};
use crate::staffing::DurationDist;

/// How many persons are customers at the start.
#[derive(Debug, Clone, PartialEq)]
pub enum InitialCustomers {
    /// An exact number of persons (a TOML integer).
    Count(u32),
    /// A share of the population in (0, 1] (a TOML float).
    Fraction(f64),
    /// Exactly the people listed in this file (`{ file = "…" }`, one node
    /// of the network a line, joined to the scenario file's directory),
    /// read when the world is built (`World::with_lists`).
    File(std::path::PathBuf),
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
            // Known once the file is read: `World::with_lists` counts it.
            InitialCustomers::File(_) => 0,
        }
    }
}

/// Who is in the world (`[population]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// Number of persons, `>= 2`. Ignored with `network.kind = "file"`, where
    /// the number of distinct node ids in the file is authoritative.
    pub people: u32,
    /// Customers at the start; a count is `<= people` (checked here except for
    /// file networks), a fraction is in (0, 1].
    pub initial_customers: InitialCustomers,
    /// `segments = { file = "…" }`: each person's segment read from this
    /// file (`node,segment` rows, joined to the scenario file's directory)
    /// when the world is built, instead of drawn by the segments' shares.
    pub segments_file: Option<PathBuf>,
}

/// Where the social network comes from (`network.kind` and its parameters).
#[derive(Debug, Clone, PartialEq)]
pub enum NetworkKind {
    /// Drawn by a generator on `population.people` nodes (validated by
    /// [`GeneratorSpec::validate`], the one validator of networks).
    Generated(Generator),
    /// A real network read from an edge list (`u v` a line, `#` comments).
    File {
        /// Path of the edge list, already joined to the scenario file's
        /// directory when it was relative.
        path: PathBuf,
    },
}

/// The social network (`[network]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Its kind and parameters.
    pub kind: NetworkKind,
    /// Whether the weak ties of a `strong_weak_ties` network are redrawn
    /// each period (always `false` for other kinds).
    pub weak_ties_churn: bool,
    /// Whether each replication draws its own network (else one network, drawn
    /// from the scenario seed, is shared by all replications). Always `false`
    /// for file networks.
    pub resample: bool,
}

/// Weak ties redrawn each period (`strong_weak_ties` with `weak_ties_churn`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeakTieChurn {
    /// Nodes per cluster.
    pub cluster_size: u32,
    /// Expected weak ties per node.
    pub weak_ties: f64,
}

impl Network {
    /// The spec of the network every replication (or, with `resample`, each
    /// replication) draws on `people` nodes; `None` for a file network.
    /// With weak-tie churn it holds the strong ties only: the weak ties are
    /// drawn per period (see [`Network::weak_tie_churn`]).
    pub fn base_spec(&self, people: u32) -> Option<GeneratorSpec> {
        let NetworkKind::Generated(generator) = &self.kind else {
            return None;
        };
        let generator = match (generator, self.weak_ties_churn) {
            (
                Generator::StrongWeakTies {
                    cluster_size,
                    strong_ties,
                    ..
                },
                true,
            ) => Generator::StrongWeakTies {
                cluster_size: *cluster_size,
                strong_ties: *strong_ties,
                weak_ties: 0.0,
            },
            (g, _) => g.clone(),
        };
        Some(GeneratorSpec::new(people, generator))
    }

    /// The weak ties redrawn each period, if the network has them.
    pub fn weak_tie_churn(&self) -> Option<WeakTieChurn> {
        match self.kind {
            NetworkKind::Generated(Generator::StrongWeakTies {
                cluster_size,
                weak_ties,
                ..
            }) if self.weak_ties_churn => Some(WeakTieChurn {
                cluster_size,
                weak_ties,
            }),
            _ => None,
        }
    }
}

/// What customers experience each period (`[experience]`).
#[derive(Debug, Clone, PartialEq)]
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
    /// How many hours each complainer will wait for an answer, drawn per
    /// complaint (a validated duration distribution); `None`: a policy's
    /// `quick_hours` for everyone, as before tolerances existed.
    pub tolerance_hours: Option<DurationDist>,
}

/// How stories spread beyond the first teller (`[word_of_mouth]`).
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Economics {
    /// Margin per customer per period, finite and `>= 0`.
    pub margin: f64,
    /// Yearly discount rate, finite and `> −1`.
    pub discount_rate: f64,
    /// Currency label for reports (non-empty).
    pub currency: String,
}
