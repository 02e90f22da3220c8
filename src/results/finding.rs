//! Findings as data: what a run found, typed, made once from its summary
//! and rendered to words by each surface (the terminal, report.html, the
//! charts' titles, the what-if page), and written to summary.json beside
//! the sentence so that scripts read numbers, not prose. Nothing reads a
//! finding back out of its sentence.
//!
//! A finding is a [`Finding`]: one variant per kind of statement. Today
//! there is one kind, [`Finding::Comparison`] (a policy against another,
//! paired by replication). A new kind of statement (how sure a finding is,
//! what is worth measuring first, what a calibration found) is a new
//! variant with its own struct of fields: summary.json writes it with its
//! `kind`, and each surface's renderer gets a new match arm, so a surface
//! that forgets it does not compile.

use super::summary::{ComparisonStats, Stat};
use crate::model::{Handling, Manner, Scenario};
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

/// The value word of mouth takes back in a comparison: minus the word-of-
/// mouth causes of the difference (hearsay, deterred prospects, referrals).
pub fn word_of_mouth_taken(c: &ComparisonStats) -> f64 {
    -c.by_cause
        .0
        .iter()
        .filter(|(cause, _)| cause.is_word_of_mouth())
        .map(|(_, s)| s.mean)
        .sum::<f64>()
}

impl ComparisonFinding {
    /// The finding of one comparison of a run of `scenario`. A policy that
    /// parts with customers, against a baseline that keeps them, is the
    /// subject and reads as gain (MODEL.md, "Parting with customers");
    /// otherwise the baseline is the subject and reads as loss.
    pub fn new(scenario: &Scenario, c: &ComparisonStats) -> Self {
        let d = &c.npv_difference;
        let (amount, ci95) = magnitude(d);
        let parting = scenario
            .policy(&c.baseline)
            .filter(|b| b.part_with.is_none())
            .and(scenario.policy(&c.policy))
            .and_then(|p| p.part_with.as_ref());
        // The subject's gain is NPV(policy) − NPV(baseline) for a parting,
        // the baseline's loss otherwise: the same sign, read from the side
        // of the subject.
        let (subject, versus, positive, negative) = match parting {
            Some(w) => (
                Subject::Parting {
                    policy: c.policy.clone(),
                    segment: w.segment.clone(),
                    after_complaints: w.after_complaints,
                    manner: match w.manner {
                        Manner::Graceful => "graceful",
                        Manner::Abrupt => "abrupt",
                    }
                    .to_owned(),
                },
                c.baseline.clone(),
                Verb::Gains,
                Verb::Loses,
            ),
            None => {
                let ignores = scenario
                    .policy(&c.baseline)
                    .is_some_and(|p| p.handling == Handling::Ignore);
                let policy = c.baseline.clone();
                let subject = if ignores {
                    Subject::IgnoringComplaints { policy }
                } else {
                    Subject::Policy { policy }
                };
                (subject, c.policy.clone(), Verb::Loses, Verb::Gains)
            }
        };
        let leans = if d.mean >= 0.0 { positive } else { negative };
        let verb = if clear(d.ci95) {
            leans
        } else {
            Verb::NoClearDifference
        };
        let word_of_mouth = match (&subject, verb) {
            (_, Verb::NoClearDifference) => None,
            (Subject::Parting { .. }, _) => {
                let taken = word_of_mouth_taken(c);
                (taken.abs() >= 0.5).then(|| WordOfMouth {
                    measure: WordOfMouthMeasure::TakenBack,
                    value: taken,
                    against: c.baseline.clone(),
                })
            }
            (_, Verb::Loses) => c
                .word_of_mouth_share
                .filter(|s| s.is_finite())
                .map(|value| WordOfMouth {
                    measure: WordOfMouthMeasure::ShareOfValueLost,
                    value,
                    against: c.policy.clone(),
                }),
            _ => None,
        };
        ComparisonFinding {
            baseline: c.baseline.clone(),
            policy: c.policy.clone(),
            subject,
            verb,
            leans,
            versus,
            amount,
            ci95,
            word_of_mouth,
            tie: d.mean == 0.0 && d.sd == 0.0 && d.ci95 == [0.0, 0.0],
            currency: scenario.economics.currency.clone(),
        }
    }
}

/// The findings of a run: one comparison finding per comparison, in
/// summary.json's order.
pub fn of_run(scenario: &Scenario, comparisons: &[ComparisonStats]) -> Vec<Finding> {
    comparisons
        .iter()
        .map(|c| Finding::Comparison(ComparisonFinding::new(scenario, c)))
        .collect()
}
