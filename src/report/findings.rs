//! The sentences charts and the report lead with: each title states a
//! finding in plain words, computed from the saved results.

use super::data::{ComparisonData, PolicyData, RunData};
use crate::present::format::{count, thousands};
use crate::present::money::{interval, money};
use wom::model::{Handling, Scenario};
use wom::results::summary::ComparisonStats;
use wom::sim::Metric;

/// The headline sentence of one comparison, as summary.json, the terminal
/// and the report carry it.
pub fn headline(scenario: &Scenario, c: &ComparisonStats) -> String {
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
    let verb = if d.mean >= 0.0 { "loses" } else { "gains" };
    let horizon = format!(
        "{} {}{}",
        scenario.periods,
        scenario.period_label,
        if scenario.periods == 1 { "" } else { "s" }
    );
    let mut text = format!(
        "{subject} {verb} {} (95% CI {}) over {horizon} compared with `{}`",
        money(d.mean.abs(), currency),
        interval(d.ci95[0].min(d.ci95[1]), d.ci95[1], Some(currency)),
        c.policy
    );
    if let Some(share) = c
        .word_of_mouth_share
        .filter(|s| s.is_finite() && d.mean > 0.0)
    {
        text.push_str(&format!(
            "; {:.0}% of the customer value lost travels through word of mouth",
            100.0 * share
        ));
    }
    text.push('.');
    if d.ci95[0] <= 0.0 && d.ci95[1] >= 0.0 {
        text.push_str(" The interval includes zero: the difference is not clear at this number of replications.");
    }
    text
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

/// The comparison with the largest value at stake.
pub fn largest(run: &RunData) -> Option<&ComparisonData> {
    run.comparisons.iter().max_by(|a, b| {
        a.npv_difference
            .mean
            .abs()
            .total_cmp(&b.npv_difference.mean.abs())
    })
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

/// "Ignoring complaints loses $23,985 over 12 months".
pub fn value_lost(run: &RunData) -> String {
    let Some(c) = largest(run) else {
        return format!("Value of {} over {}", run.scenario.name, run.horizon());
    };
    let d = c.npv_difference.mean;
    let verb = if d >= 0.0 { "loses" } else { "gains" };
    let amount = money(d.abs(), run.currency());
    if run.comparisons.len() == 1 {
        format!("{} {verb} {amount} over {}", subject(run), run.horizon())
    } else {
        format!(
            "{} {verb} up to {amount} over {} (against {})",
            subject(run),
            run.horizon(),
            c.policy
        )
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
