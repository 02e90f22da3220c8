//! What the page shows of a run with `[uncertainty]`: for each comparison
//! the share of plausible worlds in which each policy is better and the
//! 95% uncertainty interval of the expected difference, with how many
//! plausible worlds the page drew and how many `wom run` draws (the page
//! runs fewer replications, so fewer worlds, and says so). Read from the
//! typed `uncertainty` object only, formatted as `wom run` formats money.

use crate::present::format::count;
use crate::present::money::interval;
use serde::Serialize;
use wom::results::Run;
use wom::uncertainty::Uncertainty;

/// One comparison under uncertainty, for people.
#[derive(Debug, Clone, Serialize)]
pub struct UncertainComparisonView {
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// The policy better in most plausible worlds.
    pub better: String,
    /// The share of plausible worlds in which `better` is better: "97%",
    /// or "all 20" / "over 99%" when no world or almost none disagrees.
    pub probability: String,
    /// The 95% uncertainty interval of what `policy` is worth more than
    /// `baseline`, in money.
    pub interval: String,
}

/// The page's uncertainty panel.
#[derive(Debug, Clone, Serialize)]
pub struct UncertaintyView {
    /// Plausible worlds (parameter draws) the page ran.
    pub draws: u64,
    /// Replications per world on the page.
    pub replications_per_draw: u32,
    /// Plausible worlds `wom run` draws for the scenario as written.
    pub run_draws: u64,
    /// One per comparison, in summary.json's order.
    pub comparisons: Vec<UncertainComparisonView>,
    /// What the page did differently from `wom run`, in words (empty when
    /// nothing).
    pub note: String,
}

/// The share as words that claim no more than `n` worlds show.
fn share(p: f64, n: u64) -> String {
    let hits = (p * n as f64).round() as u64;
    if hits >= n {
        format!("all {}", count(n))
    } else if p > 0.995 {
        "over 99%".to_owned()
    } else {
        format!("{:.0}%", 100.0 * p)
    }
}

/// The panel of `run`; `written` is the scenario's `[uncertainty]` as the
/// file has it and `written_replications` its replications (what `wom
/// run` would draw). `None` without `[uncertainty]`.
pub fn of(
    run: &Run,
    written: Option<&Uncertainty>,
    written_replications: u32,
) -> Option<UncertaintyView> {
    let u = run.summary.uncertainty.as_ref()?;
    let currency = run.currency();
    let run_draws = written.map_or(u.draws, |w| {
        u64::from(written_replications / w.replications_per_draw.max(1))
    });
    let comparisons = u
        .comparisons
        .iter()
        .map(|c| {
            let (better, p) = if c.probability_better >= 0.5 {
                (&c.policy, c.probability_better)
            } else {
                (&c.baseline, 1.0 - c.probability_better)
            };
            let [lo, hi] = c.uncertainty_interval95;
            UncertainComparisonView {
                baseline: c.baseline.clone(),
                policy: c.policy.clone(),
                better: better.clone(),
                probability: share(p, u.draws),
                interval: interval(lo, hi, Some(currency)),
            }
        })
        .collect();
    let written_m = written.map_or(u.replications_per_draw, |w| w.replications_per_draw);
    let mut note = String::new();
    if u.draws < run_draws {
        note = format!(
            "The page draws {} plausible worlds, the first {} of the {} wom run draws for this scenario, so these odds and this interval are rougher than wom run's.",
            count(u.draws),
            count(u.draws),
            count(run_draws)
        );
    }
    if u.replications_per_draw < written_m {
        note.push_str(&format!(
            "{}Each world is simulated {} times instead of {}, to fit the page's replications.",
            if note.is_empty() { "" } else { " " },
            u.replications_per_draw,
            written_m
        ));
    }
    Some(UncertaintyView {
        draws: u.draws,
        replications_per_draw: u.replications_per_draw,
        run_draws,
        comparisons,
        note,
    })
}

/// Groups the page's replications (`scenario.replications`, set by the
/// page) into plausible worlds: the first of the same worlds `wom run`
/// draws, each simulated as often as the scenario says when that divides
/// them ([`page_per_draw`]), written back into the resolved table so the
/// downloaded scenario reproduces the page.
pub fn fit(scenario: &mut wom::model::Scenario) {
    let replications = scenario.replications;
    if let Some(u) = scenario.uncertainty.as_mut() {
        let m = page_per_draw(u.replications_per_draw, replications);
        u.replications_per_draw = m;
        u.table.insert(
            "replications_per_draw".into(),
            toml::Value::Integer(i64::from(m)),
        );
    }
}

/// Replications per world for a page run of `replications`: the
/// scenario's `per_draw` when it divides them into at least two worlds,
/// else the largest number below it that does (1 at the least).
pub fn page_per_draw(per_draw: u32, replications: u32) -> u32 {
    (1..=per_draw.max(1))
        .rev()
        .find(|m| replications.is_multiple_of(*m) && replications / m >= 2)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_keeps_the_worlds_replications_when_it_can() {
        assert_eq!(page_per_draw(10, 200), 10);
        assert_eq!(page_per_draw(10, 40), 10);
        assert_eq!(page_per_draw(10, 20), 10);
        assert_eq!(page_per_draw(10, 15), 5);
        assert_eq!(page_per_draw(10, 23), 1);
        assert_eq!(page_per_draw(10, 10), 5);
        assert_eq!(share(1.0, 20), "all 20");
        assert_eq!(share(0.85, 20), "85%");
    }
}
