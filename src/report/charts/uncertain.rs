//! What the charts of a run with `[uncertainty]` share (see
//! `super::uncertainty`): the run's view with its draws, the words for a
//! key and for a share of plausible worlds, the subtitle, and which
//! comparison a chart is about.

use crate::present::format::count;
use crate::report::narrative::uncertainty_text::key_phrase;
use wom::results::Run;
use wom::results::uncertainty::UncertaintySummary;
use wom::uncertainty::estimate::Deconvolved;

/// A run with uncertainty, as its charts read it.
pub struct Uncertain<'a> {
    /// The run.
    pub run: &'a Run,
    /// Its `uncertainty` object.
    pub summary: &'a UncertaintySummary,
    /// Each comparison's draws, Monte Carlo noise removed.
    pub draws: Vec<Deconvolved>,
    /// The subtitle every chart carries.
    pub subtitle: String,
}

impl<'a> Uncertain<'a> {
    /// The view of `run`, `None` without `[uncertainty]`.
    pub fn new(run: &'a Run) -> Option<Self> {
        let summary = run.summary.uncertainty.as_ref()?;
        let draws = wom::results::uncertainty_draws::deconvolved(&run.scenario, &run.replications);
        if draws.len() != summary.comparisons.len() {
            return None;
        }
        let subtitle = format!(
            "Scenario {} · {} replications: {} plausible worlds × {} · seed {} · {} people",
            run.scenario.name,
            count(run.summary.replications),
            count(summary.draws),
            summary.replications_per_draw,
            run.summary.seed,
            count(u64::from(run.metadata.people)),
        );
        Some(Self {
            run,
            summary,
            draws,
            subtitle,
        })
    }

    /// The comparison the charts are about: the one whose expected
    /// difference is largest (the alternative an owner would pick), the
    /// first of ties.
    pub fn headline(&self) -> usize {
        let mut best = 0;
        for (i, d) in self.draws.iter().enumerate() {
            if d.mean > self.draws[best].mean {
                best = i;
            }
        }
        best
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        self.run.currency()
    }

    /// "12 months".
    pub fn horizon(&self) -> String {
        let s = &self.run.scenario;
        let plural = if s.periods == 1 { "" } else { "s" };
        format!("{} {}{plural}", s.periods, s.period_label)
    }
}

/// A key as a chart labels it: the owner's words for known keys
/// ("How many people unhappy customers tell"), else the dotted key.
pub fn label(key: &str) -> String {
    let phrase = key_phrase(key);
    if phrase.starts_with('“') {
        return key.to_owned();
    }
    let mut chars = phrase.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// A share of `n` plausible worlds as words that claim no more than the
/// draws show: "all 200", "none of the 200", "over 99%", "97%".
pub fn share(p: f64, n: u64) -> String {
    let hits = (p * n as f64).round() as u64;
    if hits >= n {
        format!("all {} of the plausible worlds drawn", count(n))
    } else if hits == 0 {
        format!("none of the {} plausible worlds drawn", count(n))
    } else if p > 0.995 {
        "over 99% of plausible worlds".to_owned()
    } else if p < 0.005 {
        "under 1% of plausible worlds".to_owned()
    } else {
        format!("{:.0}% of plausible worlds", 100.0 * p)
    }
}

/// [`share`] for a legend: "all 200", "none of 200", "over 99%", "97%".
pub fn short_share(p: f64, n: u64) -> String {
    let hits = (p * n as f64).round() as u64;
    if hits >= n {
        format!("all {}", count(n))
    } else if hits == 0 {
        format!("none of {}", count(n))
    } else if p > 0.995 {
        "over 99%".to_owned()
    } else if p < 0.005 {
        "under 1%".to_owned()
    } else {
        format!("{:.0}%", 100.0 * p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_never_claim_more_than_the_draws_show() {
        assert_eq!(share(1.0, 200), "all 200 of the plausible worlds drawn");
        assert_eq!(share(0.0, 200), "none of the 200 plausible worlds drawn");
        assert_eq!(share(0.998, 1000), "over 99% of plausible worlds");
        assert_eq!(share(0.97, 200), "97% of plausible worlds");
        assert_eq!(share(0.004, 1000), "under 1% of plausible worlds");
        assert_eq!(short_share(1.0, 200), "all 200");
        assert_eq!(short_share(0.5, 200), "50%");
    }

    #[test]
    fn keys_in_words_or_as_written() {
        assert_eq!(
            label("outcomes.silent.tells"),
            "How many people unhappy customers tell"
        );
        assert_eq!(label("policies.a.resolve_rate"), "policies.a.resolve_rate");
    }
}
