//! What can happen to a customer in a period and what follows from it:
//! outcome classes, the tone of the story told and how many are told.

/// What happened to a customer in one period; each customer is in exactly one
/// class per period (MODEL.md, "One period", step 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Complained for the n-th time and was parted with, gracefully
    /// (a policy's `part_with`); `stay` is always 0.
    PartedGraceful,
    /// Complained for the n-th time and was parted with, abruptly.
    PartedAbrupt,
}

impl OutcomeClass {
    /// All classes, in the order of [`OutcomeClass::index`].
    pub const ALL: [OutcomeClass; 7] = [
        OutcomeClass::Satisfied,
        OutcomeClass::Silent,
        OutcomeClass::Unresolved,
        OutcomeClass::Resolved,
        OutcomeClass::ResolvedQuickly,
        OutcomeClass::PartedGraceful,
        OutcomeClass::PartedAbrupt,
    ];

    /// The classes a customer is parted into (MODEL.md, "Parting with
    /// customers"): their `stay` is always 0.
    pub const PARTED: [OutcomeClass; 2] =
        [OutcomeClass::PartedGraceful, OutcomeClass::PartedAbrupt];

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
            OutcomeClass::PartedGraceful => "parted_graceful",
            OutcomeClass::PartedAbrupt => "parted_abrupt",
        }
    }

    /// Whether the class is a parting (its `stay` is always 0).
    pub fn is_parted(self) -> bool {
        matches!(
            self,
            OutcomeClass::PartedGraceful | OutcomeClass::PartedAbrupt
        )
    }

    /// Position of the class in [`OutcomeClass::ALL`] and in [`Outcomes::classes`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The tone of a story: what it does to those who hear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// A bad story: may deter prospects and make customers leave.
    Negative,
    /// A good story: may make prospects convert.
    Positive,
}

impl Tone {
    /// Both tones, in the order of [`Tone::index`] (and of the simulation:
    /// bad news spreads first within a period).
    pub const BOTH: [Tone; 2] = [Tone::Negative, Tone::Positive];

    /// Position in [`Tone::BOTH`], for per-tone arrays.
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The scenario-file word.
    ///
    /// ```
    /// use wom::model::Tone;
    /// assert_eq!(Tone::Negative.key(), "negative");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Tone::Negative => "negative",
            Tone::Positive => "positive",
        }
    }
}

/// A distribution of a non-negative count (how many contacts someone tells).
#[derive(Debug, Clone, PartialEq)]
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
    /// Poisson with the given mean; invariant `mean` finite, `>= 0` and at
    /// most the people in the network (at most `u32::MAX`).
    Poisson {
        /// Expected value.
        mean: f64,
    },
    /// Negative binomial (gamma–Poisson mixture) with the given mean and
    /// dispersion `k` (variance `mean + mean²/k`); invariants `mean` as for
    /// [`TellDist::Poisson`], `dispersion` from 0.01 to 1e6.
    NegativeBinomial {
        /// Expected value.
        mean: f64,
        /// Dispersion `k`; smaller is more spread out.
        dispersion: f64,
    },
    /// `values[i]` with probability `weights[i] / sum(weights)`; invariants:
    /// same non-zero length, weights finite, `>= 0`, with a positive,
    /// finite sum.
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
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeSpec {
    /// Probability in [0, 1] that the customer is still a customer next period
    /// because of this experience.
    pub stay: f64,
    /// Tone of the story told; `None`: no story is told.
    pub tone: Option<Tone>,
    /// How many contacts the customer tells.
    pub tells: TellDist,
}

/// The specification of every outcome class.
///
/// For [`OutcomeClass::Satisfied`], `stay` is always `1 − experience.base_churn`
/// (the scenario layer derives one from the other, see
/// [`super::Experience::base_churn`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// Indexed by [`OutcomeClass::index`].
    pub classes: [OutcomeSpec; 7],
}

impl Outcomes {
    /// The specification of one class.
    pub fn get(&self, class: OutcomeClass) -> &OutcomeSpec {
        &self.classes[class.index()]
    }
}
