//! The headline: the words of a [`Finding`] (made once in the library,
//! `wom::results::finding`), as summary.json, the terminal, report.html
//! and the page carry it. Names render as names (“name”), never as markup.

use crate::present::money::{interval, money};
use wom::model::{Manner, PartWith, Scenario};
use wom::results::finding::{
    ComparisonFinding, Finding, Subject, Verb, WordOfMouth, WordOfMouthMeasure,
};
#[cfg(test)]
use wom::results::summary::ComparisonStats;
use wom::results::summary::Stat;
use wom::sim::summary::Cause;

/// A policy's or a segment's name as every surface writes it: “name”.
pub fn name(s: &str) -> String {
    format!("“{s}”")
}

/// "12 months".
pub(super) fn horizon_of(scenario: &Scenario) -> String {
    format!(
        "{} {}{}",
        scenario.periods,
        scenario.period_label,
        if scenario.periods == 1 { "" } else { "s" }
    )
}

/// The parting of `policy` when the comparison is "part with customers"
/// against a baseline that keeps them: the headline then reads as gain.
pub(super) fn parting<'a>(
    scenario: &'a Scenario,
    baseline: &str,
    policy: &str,
) -> Option<&'a PartWith> {
    let base = scenario.policy(baseline)?;
    let other = scenario.policy(policy)?;
    base.part_with.is_none().then_some(())?;
    other.part_with.as_ref()
}

/// "2nd".
fn ordinal(n: u32) -> String {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => format!("{n}st"),
        (2, r) if r != 12 => format!("{n}nd"),
        (3, r) if r != 13 => format!("{n}rd"),
        _ => format!("{n}th"),
    }
}

/// "Parting gracefully with “chronic” customers at their 2nd complaint".
pub(super) fn parting_subject(w: &PartWith) -> String {
    let manner = match w.manner {
        Manner::Graceful => "gracefully",
        Manner::Abrupt => "abruptly",
    };
    parting_words(manner, &w.segment, w.after_complaints)
}

fn parting_words(manner: &str, segment: &str, after: u32) -> String {
    format!(
        "Parting {manner} with {} customers at their {} complaint",
        name(segment),
        ordinal(after)
    )
}

/// The words of a finding's subject: "Ignoring complaints", "Policy
/// “slow”", "Parting gracefully with “chronic” customers at their 2nd
/// complaint".
pub fn subject_words(subject: &Subject) -> String {
    match subject {
        Subject::IgnoringComplaints { .. } => "Ignoring complaints".to_owned(),
        Subject::Policy { policy } => format!("Policy {}", name(policy)),
        Subject::Parting {
            segment,
            after_complaints,
            manner,
            ..
        } => {
            let how = if manner == "abrupt" {
                "abruptly"
            } else {
                "gracefully"
            };
            parting_words(how, segment, *after_complaints)
        }
    }
}

/// The value word of mouth takes back from a parting: minus the word-of-
/// mouth causes of the value lost by the baseline (hearsay, deterred
/// prospects, referrals).
pub(super) fn word_of_mouth_taken(by_cause: &[(Cause, Stat)]) -> f64 {
    -by_cause
        .iter()
        .filter(|(c, _)| c.is_word_of_mouth())
        .map(|(_, s)| s.mean)
        .sum::<f64>()
}

/// "word of mouth takes back $Z of it" (or "adds $Z to it"), or nothing
/// under a dollar.
pub(super) fn word_of_mouth_clause(taken: f64, currency: &str) -> Option<String> {
    let amount = money(taken.abs(), currency);
    let words = if taken > 0.0 {
        format!("word of mouth takes back {amount} of it")
    } else {
        format!("word of mouth adds {amount} to it")
    };
    (taken.abs() >= 0.5).then_some(words)
}

/// The word-of-mouth clause of a finding.
fn word_of_mouth_words(w: &WordOfMouth, currency: &str) -> Option<String> {
    match w.measure {
        WordOfMouthMeasure::TakenBack => word_of_mouth_clause(w.value, currency),
        WordOfMouthMeasure::ShareOfValueLost => Some(format!(
            "{:.0}% of the customer value lost travels through word of mouth",
            100.0 * w.value
        )),
    }
}

/// "loses $X (95% CI $a–$b)": the amount and the interval of that same
/// amount.
fn amount_words(f: &ComparisonFinding) -> String {
    let [lo, hi] = f.ci95;
    format!(
        "{} {} (95% CI {})",
        f.leans.words(),
        money(f.amount, &f.currency),
        interval(lo, hi, Some(&f.currency))
    )
}

/// The sentence of a comparison finding: "… loses $X (95% CI $a–$b) …"
/// when the interval lies on the side of a loss, "… gains …" (the interval
/// of the gain) on the side of a gain, "… shows no clear difference …"
/// when it includes zero, and "… gives exactly the value of …" for a tie.
pub fn comparison_sentence(scenario: &Scenario, f: &ComparisonFinding) -> String {
    let subject = subject_words(&f.subject);
    let horizon = horizon_of(scenario);
    let versus = name(&f.versus);
    if f.tie {
        return format!(
            "{subject} gives exactly the value of {versus} over {horizon}, in every replication: the two policies do not differ in this scenario."
        );
    }
    let amount = amount_words(f);
    if f.verb == Verb::NoClearDifference {
        return format!(
            "{subject} shows no clear difference from {versus} over {horizon}: it {amount}, an interval that includes zero at this number of replications."
        );
    }
    let mut text = format!("{subject} {amount} over {horizon} compared with {versus}");
    if let Some(clause) = f
        .word_of_mouth
        .as_ref()
        .and_then(|w| word_of_mouth_words(w, &f.currency))
    {
        text.push_str(&format!("; {clause}"));
    }
    text.push('.');
    text
}

/// The sentence of any finding.
pub fn sentence(scenario: &Scenario, finding: &Finding) -> String {
    match finding {
        Finding::Comparison(f) => comparison_sentence(scenario, f),
        Finding::Uncertainty(f) => super::uncertainty_text::sentence(f),
    }
}

/// The headline sentence of one comparison (its finding's sentence).
#[cfg(test)]
fn headline(scenario: &Scenario, c: &ComparisonStats) -> String {
    comparison_sentence(scenario, &ComparisonFinding::new(scenario, c))
}

#[cfg(test)]
#[path = "headline_tests.rs"]
mod tests;
