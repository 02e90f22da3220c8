//! The sentences charts and the report lead with: each title states a
//! finding in plain words, computed from the saved results.

use super::headline::{name, parting, parting_subject, word_of_mouth_clause, word_of_mouth_taken};
use crate::present::format::{count, thousands};
use crate::present::money::money;
use crate::report::data::{ComparisonData, PolicyData, RunData};
use wom::model::{Handling, Manner, PartWith};
use wom::results::finding::clear;
use wom::sim::Metric;

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

/// "Ignoring complaints" or "Policy “slow”".
pub fn subject(run: &RunData) -> String {
    if run.baseline().handling == Handling::Ignore {
        "Ignoring complaints".into()
    } else {
        format!("Policy {}", name(&run.baseline().name))
    }
}

/// The comparison with the largest value at stake: the best alternative
/// when some alternative beats the baseline (the decision an owner faces),
/// else the one the baseline beats by most.
/// Only differences whose 95% interval excludes zero count.
pub fn largest<'a>(run: &'a RunData<'a>) -> Option<&'a ComparisonData<'a>> {
    let mean = |c: &&ComparisonData| c.npv_difference.mean;
    let clear = || {
        run.comparisons
            .iter()
            .filter(|c| clear(c.npv_difference.ci95))
    };
    let best = clear()
        .filter(|c| mean(c) > 0.0)
        .max_by(|a, b| mean(a).total_cmp(&mean(b)));
    best.or_else(|| clear().max_by(|a, b| mean(a).abs().total_cmp(&mean(b).abs())))
}

/// The policy with the highest mean NPV other than the baseline (or the
/// baseline when it is the only one).
pub fn best_alternative<'a>(run: &'a RunData<'a>) -> &'a PolicyData<'a> {
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
/// customers: "Parting gracefully with “chronic” customers gains $X over 12
/// months; parting abruptly gains $Y (its word of mouth costs $Z more than a
/// graceful parting's)". An abrupt parting's word of mouth is set against
/// the graceful parting of the same customers when the run has one (what
/// doing it badly costs), else against the baseline — and each says which.
fn partings_gain(run: &RunData) -> Option<String> {
    let s = &run.scenario;
    let parts: Vec<(&PartWith, &ComparisonData)> = run
        .comparisons
        .iter()
        .map(|c| parting(s, c.baseline, c.policy).map(|w| (w, c)))
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
            let mut subject = parting_subject(w);
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
            let taken = word_of_mouth_taken(c.by_cause);
            let clause = match (w.manner, counterpart(w, Manner::Graceful)) {
                (Manner::Abrupt, Some((_, graceful))) => {
                    let against = taken - word_of_mouth_taken(graceful.by_cause);
                    let amount = money(against.abs(), run.currency());
                    let more = if against > 0.0 { "more" } else { "less" };
                    (against.abs() >= 0.5).then(|| {
                        format!("its word of mouth costs {amount} {more} than a graceful parting's")
                    })
                }
                (Manner::Graceful, _) if counterpart(w, Manner::Abrupt).is_some() => None,
                _ => word_of_mouth_clause(taken, run.currency())
                    .map(|clause| format!("{clause}, against {}", name(c.baseline))),
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
                name(c.policy),
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
            name(c.policy)
        )
    } else {
        format!(
            "{} {verb} up to {amount} over {} (against {})",
            subject(run),
            run.horizon(),
            name(c.policy)
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
            Some((p.name, s.mean))
        })
        .collect();
    let best = shares.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    let worst = shares.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let pct = |x: f64| crate::present::format::percent(x);
    match (best, worst) {
        (Some(b), Some(w)) if shares.len() > 1 && b.0 != w.0 => format!(
            "Complaints answered {patience}: {} with {}, {} with {}",
            pct(b.1),
            name(b.0),
            pct(w.1),
            name(w.0)
        ),
        (Some(b), _) => format!(
            "{} answers {} of complaints {patience}",
            name(b.0),
            pct(b.1)
        ),
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
        name(best.name),
        kept(base),
        name(base.name)
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
        name(best.name),
        name(base.name)
    )
}

/// What the best alternative does to the reach of bad news.
pub fn funnel(run: &RunData) -> String {
    let base = &run.policies[0];
    let best = best_alternative(run);
    let reach = |p: &PolicyData| p.metric(Metric::NegativeReach).mean;
    let deterred = |p: &PolicyData| thousands(p.metric(Metric::Deterred).mean, 0);
    if best.index == base.index || reach(best) >= reach(base) {
        // With several policies, whose numbers these are.
        let under = if run.policies.len() > 1 {
            format!("Under {}, bad news", name(base.name))
        } else {
            "Bad news".to_string()
        };
        return format!(
            "{under} reaches {} people and deters {} prospects over {}",
            thousands(reach(base), 0),
            deterred(base),
            run.horizon()
        );
    }
    format!(
        "With {}, bad news reaches {} people instead of {}",
        name(best.name),
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
        .map(|(i, (seg, v))| {
            if i == 0 {
                format!("each {} customer {v} over {}", name(seg), run.horizon())
            } else {
                format!("each {} one {v}", name(seg))
            }
        })
        .collect();
    if parts.is_empty() {
        return format!(
            "What a customer of each segment is worth over {}",
            run.horizon()
        );
    }
    format!("Under {}, {}", name(base), parts.join("; "))
}
