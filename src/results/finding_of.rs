//! Findings made from a run's summary (the types are `super::finding`'s).

use super::finding::{
    ComparisonFinding, Finding, Subject, Verb, WordOfMouth, WordOfMouthMeasure, clear, magnitude,
};
use super::summary::ComparisonStats;
use crate::model::{Handling, Manner, Scenario};

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
