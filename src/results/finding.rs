//! Findings as data: what a run found, typed, made once from its summary
//! and rendered to words by each surface (the terminal, report.html, the
//! charts' titles, the what-if page), and written to summary.json beside
//! the sentence so that scripts read numbers, not prose. Nothing reads a
//! finding back out of its sentence.
//!
//! The types live here; `finding_of` makes them from a run's summary.
//!
//! A finding is a [`Finding`]: one variant per kind of statement. Today
//! there is one kind, [`Finding::Comparison`] (a policy against another,
//! paired by replication). A new kind of statement (how sure a finding is,
//! what is worth measuring first, what a calibration found) is a new
//! variant with its own struct of fields: summary.json writes it with its
//! `kind`, and each surface's renderer gets a new match arm, so a surface
//! that forgets it does not compile.

use super::stat::Stat;
use serde::{Deserialize, Serialize};

/// One finding with the sentence a surface wrote for it (summary.json's
/// `findings`): `{"sentence": …, "kind": "comparison", …its fields}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    /// The sentence, exactly as the terminal prints it.
    pub sentence: String,
    /// What it says, as data.
    #[serde(flatten)]
    pub finding: Finding,
}

/// A typed statement about a run (see the module's documentation for how
/// to add a kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// One policy against another, paired by replication.
    Comparison(ComparisonFinding),
    /// How sure a comparison is across what the scenario does not know
    /// (`[uncertainty]`), and what is worth measuring first.
    Uncertainty(super::uncertainty::UncertaintyFinding),
}

/// What a comparison claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verb {
    /// The subject's 95% interval lies wholly on the side of a loss.
    Loses,
    /// The subject's 95% interval lies wholly on the side of a gain.
    Gains,
    /// The interval includes zero at this number of replications.
    NoClearDifference,
}

impl Verb {
    /// The word a sentence uses: "loses", "gains", "shows no clear
    /// difference".
    pub fn words(self) -> &'static str {
        match self {
            Verb::Loses => "loses",
            Verb::Gains => "gains",
            Verb::NoClearDifference => "shows no clear difference",
        }
    }
}

/// Whom a comparison's sentence is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Subject {
    /// The baseline, a policy that ignores complaints.
    IgnoringComplaints {
        /// Its name.
        policy: String,
    },
    /// The baseline, by name.
    Policy {
        /// Its name.
        policy: String,
    },
    /// A policy that parts with some customers, against a baseline that
    /// keeps them (such a comparison reads as what parting gains).
    Parting {
        /// Its name.
        policy: String,
        /// The segment parted with.
        segment: String,
        /// At which complaint of the horizon.
        after_complaints: u32,
        /// "graceful" or "abrupt".
        manner: String,
    },
}

impl Subject {
    /// The policy the sentence is about.
    pub fn policy(&self) -> &str {
        match self {
            Subject::IgnoringComplaints { policy }
            | Subject::Policy { policy }
            | Subject::Parting { policy, .. } => policy,
        }
    }
}

/// What the word-of-mouth part of a comparison measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOfMouthMeasure {
    /// The share (0 to 1) of the customer value the subject loses that
    /// travels through word of mouth.
    ShareOfValueLost,
    /// The money word of mouth takes back from what the subject gains
    /// (negative: what it adds).
    TakenBack,
}

/// The word-of-mouth part of a comparison, with what it is measured
/// against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordOfMouth {
    /// What `value` is.
    pub measure: WordOfMouthMeasure,
    /// A share or an amount of money, by `measure`.
    pub value: f64,
    /// The policy it is measured against.
    pub against: String,
}

/// One policy against another: who gains or loses how much against whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonFinding {
    /// The baseline (the scenario's first policy).
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// Whom the sentence is about.
    pub subject: Subject,
    /// What it claims.
    pub verb: Verb,
    /// Which way the mean leans, whatever the interval ("loses" or
    /// "gains"; a tie leans "loses" by $0).
    pub leans: Verb,
    /// The policy the subject is compared with.
    pub versus: String,
    /// The amount the subject gains or loses: |mean paired difference|.
    pub amount: f64,
    /// The 95% interval of that same amount.
    pub ci95: [f64; 2],
    /// The word-of-mouth part, when there is one to state.
    pub word_of_mouth: Option<WordOfMouth>,
    /// Whether both policies gave the very same value in every replication
    /// (a tie, not a measured difference of zero).
    pub tie: bool,
    /// The currency of `amount`.
    pub currency: String,
}

/// A difference as the amount a sentence states, `|mean|`, with the 95%
/// interval of that same quantity: `[lo, hi]` for a mean `>= 0`, `[−hi,
/// −lo]` for a negative one (a gain stated with the interval of the gain).
pub fn magnitude(d: &Stat) -> (f64, [f64; 2]) {
    let (lo, hi) = (d.ci95[0].min(d.ci95[1]), d.ci95[0].max(d.ci95[1]));
    if d.mean >= 0.0 {
        (d.mean, [lo, hi])
    } else {
        (-d.mean, [-hi, -lo])
    }
}

/// Whether the 95% interval `ci95` excludes zero.
pub fn clear(ci95: [f64; 2]) -> bool {
    let (lo, hi) = (ci95[0].min(ci95[1]), ci95[0].max(ci95[1]));
    lo > 0.0 || hi < 0.0
}
