//! The headline: one sentence that says which policy gains or loses how
//! much against which, with the 95% interval of that very quantity (or "no
//! clear difference" when the interval includes zero), and for a parting
//! what it gains and what word of mouth takes back.

use crate::present::money::{interval, money};
use wom::model::{Handling, Manner, PartWith, Scenario};
use wom::results::summary::{ComparisonStats, Stat};
use wom::sim::summary::Cause;

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

/// "Parting gracefully with `chronic` customers at their 2nd complaint".
pub(super) fn parting_subject(w: &PartWith, quoted: bool) -> String {
    let manner = match w.manner {
        Manner::Graceful => "gracefully",
        Manner::Abrupt => "abruptly",
    };
    let n = w.after_complaints;
    let nth = match (n % 10, n % 100) {
        (1, r) if r != 11 => format!("{n}st"),
        (2, r) if r != 12 => format!("{n}nd"),
        (3, r) if r != 13 => format!("{n}rd"),
        _ => format!("{n}th"),
    };
    let segment = if quoted {
        format!("`{}`", w.segment)
    } else {
        w.segment.clone()
    };
    format!("Parting {manner} with {segment} customers at their {nth} complaint")
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

/// "word of mouth takes back $Z" (or "adds"), or nothing under a dollar.
pub(super) fn word_of_mouth_clause(taken: f64, currency: &str) -> Option<String> {
    let amount = money(taken.abs(), currency);
    let verb = if taken > 0.0 { "takes back" } else { "adds" };
    (taken.abs() >= 0.5).then(|| format!("word of mouth {verb} {amount}"))
}

/// The headline of a parting comparison: value gained by parting.
fn parting_headline(scenario: &Scenario, w: &PartWith, c: &ComparisonStats) -> String {
    let d = &c.npv_difference;
    let currency = &scenario.economics.currency;
    let subject = parting_subject(w, true);
    let horizon = horizon_of(scenario);
    let amount = amount_and_interval(d, ("gains", "loses"), currency);
    if Reading::of(d.ci95) == Reading::Unclear {
        return format!(
            "{subject} shows no clear difference from `{}` over {horizon}: it {amount}, an interval that includes zero at this number of replications.",
            c.baseline
        );
    }
    let mut text = format!(
        "{subject} {amount} over {horizon} compared with `{}`",
        c.baseline
    );
    if let Some(clause) = word_of_mouth_clause(word_of_mouth_taken(&c.by_cause.0), currency) {
        text.push_str(&format!("; {clause}"));
    }
    text.push('.');
    text
}

/// How the value lost by the baseline (NPV(policy) − NPV(baseline)) reads,
/// from its mean and 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The interval lies above zero: the baseline loses.
    Loses,
    /// The interval lies below zero: the baseline gains.
    Gains,
    /// The interval includes zero: no clear difference at this number of
    /// replications.
    Unclear,
}

impl Reading {
    /// The reading of a difference with this 95% interval.
    pub fn of(ci95: [f64; 2]) -> Reading {
        let (lo, hi) = (ci95[0].min(ci95[1]), ci95[0].max(ci95[1]));
        if lo > 0.0 {
            Reading::Loses
        } else if hi < 0.0 {
            Reading::Gains
        } else {
            Reading::Unclear
        }
    }
}

/// The amount and 95% interval of a difference `d`, both as positive
/// quantities of the same thing: with `verbs = ("loses", "gains")`, "loses
/// $X (95% CI $a–$b)" with the interval of the loss when the mean is `>= 0`,
/// "gains $X (95% CI $a–$b)" with the interval of the gain when below.
fn amount_and_interval(d: &Stat, verbs: (&str, &str), currency: &str) -> String {
    let verb = if d.mean >= 0.0 { verbs.0 } else { verbs.1 };
    let (amount, [lo, hi]) = magnitude(d);
    format!(
        "{verb} {} (95% CI {})",
        money(amount, currency),
        interval(lo, hi, Some(currency))
    )
}

/// A difference as the amount a sentence states, `|mean|`, with the 95%
/// interval of that same quantity: `[lo, hi]` for a mean `>= 0`, `[−hi,
/// −lo]` for a negative one (a gain stated with the interval of the gain).
/// Every place that writes "loses $X" or "gains $X" beside an interval
/// takes both from here.
pub fn magnitude(d: &Stat) -> (f64, [f64; 2]) {
    let (lo, hi) = (d.ci95[0].min(d.ci95[1]), d.ci95[0].max(d.ci95[1]));
    if d.mean >= 0.0 {
        (d.mean, [lo, hi])
    } else {
        (-d.mean, [-hi, -lo])
    }
}

/// The headline sentence of one comparison, as summary.json, the terminal
/// and the report carry it: "… loses $X (95% CI $a–$b) …" when the interval
/// lies above zero, "… gains $X (95% CI $a–$b) …" (the interval of the
/// gain) when below, and "… shows no clear difference …" when it includes
/// zero. A policy that parts with customers, against a baseline that keeps
/// them, reads as gain (MODEL.md, "Parting with customers").
pub fn headline(scenario: &Scenario, c: &ComparisonStats) -> String {
    if let Some(w) = parting(scenario, &c.baseline, &c.policy) {
        return parting_headline(scenario, w, c);
    }
    let d = &c.npv_difference;
    let currency = &scenario.economics.currency;
    let baseline_ignores = scenario
        .policy(&c.baseline)
        .is_some_and(|p| p.handling == Handling::Ignore);
    let subject = if baseline_ignores {
        "Ignoring complaints".to_string()
    } else {
        format!("Policy `{}`", c.baseline)
    };
    let horizon = horizon_of(scenario);
    let amount = amount_and_interval(d, ("loses", "gains"), currency);
    match Reading::of(d.ci95) {
        Reading::Unclear => format!(
            "{subject} shows no clear difference from `{}` over {horizon}: it {amount}, an interval that includes zero at this number of replications.",
            c.policy
        ),
        reading => {
            let mut text = format!(
                "{subject} {amount} over {horizon} compared with `{}`",
                c.policy
            );
            if let Some(share) = c
                .word_of_mouth_share
                .filter(|s| s.is_finite() && reading == Reading::Loses)
            {
                text.push_str(&format!(
                    "; {:.0}% of the customer value lost travels through word of mouth",
                    100.0 * share
                ));
            }
            text.push('.');
            text
        }
    }
}

#[cfg(test)]
#[path = "headline_tests.rs"]
mod tests;
