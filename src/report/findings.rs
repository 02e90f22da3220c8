//! The sentences charts and the report lead with: each title states a
//! finding in plain words, computed from the saved results.

use super::data::{ComparisonData, PolicyData, RunData};
use crate::present::format::{count, thousands};
use crate::present::money::{interval, money};
use wom::model::{Handling, Manner, PartWith, Scenario};
use wom::results::summary::{ComparisonStats, Stat};
use wom::sim::Metric;
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
fn parting<'a>(scenario: &'a Scenario, baseline: &str, policy: &str) -> Option<&'a PartWith> {
    let base = scenario.policy(baseline)?;
    let other = scenario.policy(policy)?;
    base.part_with.is_none().then_some(())?;
    other.part_with.as_ref()
}

/// "Parting gracefully with `chronic` customers at their 2nd complaint".
fn parting_subject(w: &PartWith, quoted: bool) -> String {
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
fn word_of_mouth_taken(by_cause: &[(Cause, Stat)]) -> f64 {
    -by_cause
        .iter()
        .filter(|(c, _)| c.is_word_of_mouth())
        .map(|(_, s)| s.mean)
        .sum::<f64>()
}

/// "word of mouth takes back $Z" (or "adds"), or nothing under a dollar.
fn word_of_mouth_clause(taken: f64, currency: &str) -> Option<String> {
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
    let (lo, hi) = (d.ci95[0].min(d.ci95[1]), d.ci95[0].max(d.ci95[1]));
    let (verb, mean, lo, hi) = if d.mean >= 0.0 {
        (verbs.0, d.mean, lo, hi)
    } else {
        (verbs.1, -d.mean, -hi, -lo)
    };
    format!(
        "{verb} {} (95% CI {})",
        money(mean, currency),
        interval(lo, hi, Some(currency))
    )
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

/// "Scenario default · 1,000 replications · seed 1".
pub fn subtitle(run: &RunData) -> String {
    format!(
        "Scenario {} · {} replications · seed {} · {} people",
        run.scenario.name,
        count(run.replications),
        run.seed,
        count(run.people)
    )
}

/// "Ignoring complaints" or "Policy slow".
pub fn subject(run: &RunData) -> String {
    if run.baseline().handling == Handling::Ignore {
        "Ignoring complaints".into()
    } else {
        format!("Policy {}", run.baseline().name)
    }
}

/// The comparison with the largest value at stake: the best alternative
/// when some alternative beats the baseline (the decision an owner faces),
/// else the one the baseline beats by most.
/// Only differences whose 95% interval excludes zero count.
pub fn largest(run: &RunData) -> Option<&ComparisonData> {
    let mean = |c: &&ComparisonData| c.npv_difference.mean;
    let clear = || {
        run.comparisons
            .iter()
            .filter(|c| Reading::of(c.npv_difference.ci95) != Reading::Unclear)
    };
    let best = clear()
        .filter(|c| mean(c) > 0.0)
        .max_by(|a, b| mean(a).total_cmp(&mean(b)));
    best.or_else(|| clear().max_by(|a, b| mean(a).abs().total_cmp(&mean(b).abs())))
}

/// The policy with the highest mean NPV other than the baseline (or the
/// baseline when it is the only one).
pub fn best_alternative(run: &RunData) -> &PolicyData {
    run.policies
        .iter()
        .skip(1)
        .max_by(|a, b| {
            a.metric(Metric::Npv)
                .mean
                .total_cmp(&b.metric(Metric::Npv).mean)
        })
        .unwrap_or(&run.policies[0])
}

/// With every comparison a parting against a baseline that keeps its
/// customers: "Parting gracefully with chronic customers gains $X over 12
/// months; parting abruptly gains $Y (word of mouth takes back $Z against a
/// graceful parting)". An abrupt parting's word of mouth is set against the
/// graceful parting of the same customers when the run has one (what doing
/// it badly costs), else against the baseline.
fn partings_gain(run: &RunData) -> Option<String> {
    let s = &run.scenario;
    let parts: Vec<(&PartWith, &ComparisonData)> = run
        .comparisons
        .iter()
        .map(|c| parting(s, &c.baseline, &c.policy).map(|w| (w, c)))
        .collect::<Option<_>>()?;
    let same_customers = |a: &PartWith, b: &PartWith| {
        a.segment == b.segment && a.after_complaints == b.after_complaints
    };
    let counterpart = |w: &PartWith, manner: Manner| {
        parts
            .iter()
            .find(|(o, _)| o.manner == manner && same_customers(o, w))
    };
    let one_moment = parts
        .iter()
        .all(|(w, _)| w.after_complaints == parts[0].0.after_complaints);
    let sentences: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, (w, c))| {
            let d = c.npv_difference.mean;
            let verb = if d >= 0.0 { "gains" } else { "loses" };
            let mut subject = parting_subject(w, false);
            if one_moment {
                subject = subject
                    .split(" at their ")
                    .next()
                    .unwrap_or(&subject)
                    .to_owned();
            }
            if i > 0 {
                subject = if one_moment && same_customers(w, parts[0].0) {
                    // "parting abruptly": the customers were named once.
                    subject
                        .split(" with ")
                        .next()
                        .unwrap_or(&subject)
                        .to_owned()
                } else {
                    subject
                };
                subject = subject.replacen("Parting", "parting", 1);
            }
            let mut text = format!("{subject} {verb} {}", money(d.abs(), run.currency()));
            if i == 0 {
                text.push_str(&format!(" over {}", run.horizon()));
            }
            let taken = word_of_mouth_taken(&c.by_cause);
            let clause = match (w.manner, counterpart(w, Manner::Graceful)) {
                (Manner::Abrupt, Some((_, graceful))) => {
                    let against = taken - word_of_mouth_taken(&graceful.by_cause);
                    word_of_mouth_clause(against, run.currency())
                        .map(|c| format!("{c} against a graceful parting"))
                }
                (Manner::Graceful, _) if counterpart(w, Manner::Abrupt).is_some() => None,
                _ => word_of_mouth_clause(taken, run.currency()),
            };
            if let Some(clause) = clause {
                text.push_str(&format!(" ({clause})"));
            }
            text
        })
        .collect();
    (!sentences.is_empty()).then(|| sentences.join("; "))
}

/// "Ignoring complaints loses $23,985 over 12 months" (for partings, what
/// parting gains; see [`partings_gain`]), from the largest difference whose
/// 95% interval excludes zero; "… shows no clear difference …" when every
/// interval includes zero.
pub fn value_lost(run: &RunData) -> String {
    if let Some(gain) = partings_gain(run) {
        return gain;
    }
    let Some(c) = largest(run) else {
        return match run.comparisons.as_slice() {
            [] => format!("Value of {} over {}", run.scenario.name, run.horizon()),
            [c] => format!(
                "{} shows no clear difference from {} over {}",
                subject(run),
                c.policy,
                run.horizon()
            ),
            _ => format!(
                "{} shows no clear difference from any policy over {}",
                subject(run),
                run.horizon()
            ),
        };
    };
    let d = c.npv_difference.mean;
    let verb = if d >= 0.0 { "loses" } else { "gains" };
    let amount = money(d.abs(), run.currency());
    if run.comparisons.len() == 1 {
        format!("{} {verb} {amount} over {}", subject(run), run.horizon())
    } else if d > 0.0 && run.comparisons.iter().any(|o| o.npv_difference.mean < 0.0) {
        // Some alternatives are worse than the baseline: name the best one.
        format!(
            "{} {verb} {amount} over {} against {}, the best alternative",
            subject(run),
            run.horizon(),
            c.policy
        )
    } else {
        format!(
            "{} {verb} up to {amount} over {} (against {})",
            subject(run),
            run.horizon(),
            c.policy
        )
    }
}

/// How often complaints were answered within the customers' patience, best
/// and worst answering policy: "Answered within the customer's patience:
/// 99% with `always_open`, 53% with `office_1`".
pub fn response_times(run: &RunData) -> String {
    let patience = if run.scenario.experience.tolerance_hours.is_some() {
        "within the customer's patience".to_string()
    } else {
        "quickly (within quick_hours)".to_string()
    };
    let shares: Vec<(&str, f64)> = run
        .policies
        .iter()
        .filter(|p| run.scenario.policies[p.index].handling == Handling::Recover)
        .filter_map(|p| {
            let s = p.metrics.get(&Metric::AnsweredInTolerance)?;
            Some((p.name.as_str(), s.mean))
        })
        .collect();
    let best = shares.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    let worst = shares.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let pct = |x: f64| crate::present::format::percent(x);
    match (best, worst) {
        (Some(b), Some(w)) if shares.len() > 1 && b.0 != w.0 => format!(
            "Complaints answered {patience}: {} with {}, {} with {}",
            pct(b.1),
            b.0,
            pct(w.1),
            w.0
        ),
        (Some(b), _) => format!("{} answers {} of complaints {patience}", b.0, pct(b.1)),
        _ => "How soon complaints are answered".to_string(),
    }
}

/// Customers kept at the horizon, best alternative against the baseline.
pub fn customers(run: &RunData) -> String {
    let base = &run.policies[0];
    let best = best_alternative(run);
    let kept = |p: &PolicyData| thousands(p.metric(Metric::CustomersFinal).mean, 0);
    if best.index == base.index {
        return format!("{} customers after {}", kept(base), run.horizon());
    }
    format!(
        "After {}: {} customers with {}, {} with {}",
        run.horizon(),
        kept(best),
        best.name,
        kept(base),
        base.name
    )
}

/// How often the best alternative beats the baseline, paired by replication.
pub fn npv(run: &RunData) -> String {
    let base = &run.policies[0];
    let best = best_alternative(run);
    let n = base.npv.len().min(best.npv.len());
    if best.index == base.index || n == 0 {
        return format!("NPV over {}", run.horizon());
    }
    let wins = base
        .npv
        .iter()
        .zip(&best.npv)
        .filter(|(a, b)| b > a)
        .count();
    let share = 100.0 * wins as f64 / n as f64;
    let share = if wins > 0 && wins < n {
        format!("{:.0}%", share.clamp(1.0, 99.0))
    } else {
        format!("{share:.0}%")
    };
    format!(
        "In {share} of {} simulated runs, {} earns more than {} with the same customers",
        count(n as u64),
        best.name,
        base.name
    )
}

/// What the best alternative does to the reach of bad news.
pub fn funnel(run: &RunData) -> String {
    let base = &run.policies[0];
    let best = best_alternative(run);
    let reach = |p: &PolicyData| p.metric(Metric::NegativeReach).mean;
    let deterred = |p: &PolicyData| thousands(p.metric(Metric::Deterred).mean, 0);
    if best.index == base.index || reach(best) >= reach(base) {
        return format!(
            "Bad news reaches {} people and deters {} prospects over {}",
            thousands(reach(base), 0),
            deterred(base),
            run.horizon()
        );
    }
    format!(
        "With {}, bad news reaches {} people instead of {}",
        best.name,
        thousands(reach(best), 0),
        thousands(reach(base), 0)
    )
}

/// What each segment is worth under the baseline: "Under keep, each
/// chronic customer costs $85 over 12 months; each regular one brings $480".
pub fn segment_worth(run: &RunData) -> String {
    let base = &run.policies[0].name;
    let parts: Vec<String> = run
        .segments
        .iter()
        .filter_map(|seg| {
            let r = seg.policies.first()?.per_customer?;
            let verb = if r.mean < 0.0 { "costs" } else { "brings" };
            Some(format!("{verb} {}", money(r.mean.abs(), run.currency())))
                .map(|v| (seg.name.as_str(), v))
        })
        .enumerate()
        .map(|(i, (name, v))| {
            if i == 0 {
                format!("each {name} customer {v} over {}", run.horizon())
            } else {
                format!("each {name} one {v}")
            }
        })
        .collect();
    if parts.is_empty() {
        return format!(
            "What a customer of each segment is worth over {}",
            run.horizon()
        );
    }
    format!("Under {base}, {}", parts.join("; "))
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;
