//! The default ranges of `wom sensitivity`: the assumptions an analyst is
//! least sure of, each with a low and a high value from the literature where
//! there is one, and a halving/doubling of the scenario's value where there
//! is not. Keys that cannot change the comparison of the scenario's policies
//! are left out (no resolved class when no policy recovers, for example).

use super::spec::Vary;
use crate::model::{Handling, Manner, Scenario};
use crate::stats::Summary;
use toml::Value;

/// A default range with the reason for it (sources: docs/references.md —
/// the TARP survey figures, the Georgian recovery and Bulgarian lost-customer articles,
/// and de Matos, Henrique & Rossi, Journal of Service Research, 2007).
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultVary {
    /// The key and its range.
    pub vary: Vary,
    /// Where the range comes from.
    pub source: &'static str,
}

fn uniform(lo: i64, hi: i64) -> Value {
    let mut t = toml::Table::new();
    t.insert(
        "uniform".into(),
        Value::Array(vec![Value::Integer(lo), Value::Integer(hi)]),
    );
    Value::Table(t)
}

/// A float rounded to 6 significant decimals, so a derived range reads well.
fn tidy(x: f64) -> Value {
    Value::Float((x * 1e6).round() / 1e6)
}

/// The default ranges for `scenario`, in report order.
///
/// ```
/// let text = "[policies.ignore]\nhandling = \"ignore\"\n[policies.fast]\nhandling = \"recover\"\n";
/// let s = wom::scenario::parse(text, std::path::Path::new("x.toml")).unwrap();
/// let keys: Vec<String> = wom::sweep::sensitivity::defaults(&s).into_iter().map(|d| d.vary.key).collect();
/// assert!(keys.contains(&"experience.complaint_rate".to_string()));
/// assert!(keys.contains(&"outcomes.resolved_quickly.stay".to_string()));
/// assert!(!keys.contains(&"outcomes.resolved.stay".to_string())); // no slow policy
/// ```
pub fn defaults(scenario: &Scenario) -> Vec<DefaultVary> {
    // A policy can resolve quickly (slowly) unless every resolution is
    // slow (quick): a desk or customers' own patience allow both.
    let tolerance = scenario.experience.tolerance_hours.is_some();
    let recovers = |quick: bool| {
        scenario
            .policies
            .iter()
            .any(|p| p.handling == Handling::Recover && p.always_quick(tolerance) != Some(!quick))
    };
    let any_recover = recovers(true) || recovers(false);
    let unresolved = scenario
        .policies
        .iter()
        .any(|p| p.handling == Handling::Ignore || p.resolve_probability() < 1.0);
    let problem = scenario.experience.problem_rate;
    let margin = scenario.economics.margin;
    let deter = scenario.effects.deter;
    let hearsay = scenario.effects.hearsay_churn;
    let item = |applies: bool, key: &str, low: Value, high: Value, source: &'static str| {
        applies.then(|| DefaultVary {
            vary: Vary {
                key: key.to_owned(),
                low,
                high,
            },
            source,
        })
    };
    let f = Value::Float;
    let retell_neg = scenario.word_of_mouth.retell_negative;
    let retell_pos = scenario.word_of_mouth.retell_positive;
    [
        // TARP (seeds README): only about 4% of dissatisfied customers
        // complain; the high end doubles MODEL.md's default of 0.25.
        item(
            any_recover,
            "experience.complaint_rate",
            f(0.04),
            f(0.5),
            "TARP: about 4% of dissatisfied customers complain; high: twice the default 0.25",
        ),
        item(
            true,
            "experience.problem_rate",
            tidy(problem / 2.0),
            tidy((problem * 2.0).min(1.0)),
            "no published figure: half to double the scenario's value",
        ),
        // Low: TARP's 9-10 people; high: the Bulgarian lost-customer article's "one dissatisfied
        // customer tells twenty-two" (TARP: 13% tell more than 20).
        item(
            true,
            "outcomes.silent.tells",
            uniform(9, 10),
            uniform(20, 24),
            "TARP: unhappy customers tell 9-10; the Bulgarian lost-customer article: twenty-two",
        ),
        item(
            unresolved,
            "outcomes.unresolved.tells",
            uniform(9, 10),
            uniform(20, 24),
            "TARP: unhappy customers tell 9-10; the Bulgarian lost-customer article: twenty-two",
        ),
        // The Georgian recovery article says those told pass it on; no source gives a rate.
        item(
            retell_neg > 0.0,
            "word_of_mouth.retell.negative",
            tidy(retell_neg / 2.0),
            tidy((retell_neg * 2.0).min(1.0)),
            "the Georgian recovery article: bad news is passed on, at no published rate; half to double",
        ),
        item(
            any_recover && retell_pos > 0.0,
            "word_of_mouth.retell.positive",
            tidy(retell_pos / 2.0),
            tidy((retell_pos * 2.0).min(1.0)),
            "no published rate for retelling good news; half to double",
        ),
        // TARP buy-again table: the "over $100" row (MODEL.md's defaults)
        // against the "under $5" row.
        item(
            true,
            "outcomes.silent.stay",
            f(0.09),
            f(0.37),
            "TARP buy-again, silent: 9% (loss over $100) to 37% (under $5)",
        ),
        item(
            unresolved,
            "outcomes.unresolved.stay",
            f(0.19),
            f(0.46),
            "TARP buy-again, not satisfied: 19% (over $100) to 46% (under $5)",
        ),
        item(
            recovers(false),
            "outcomes.resolved.stay",
            f(0.54),
            f(0.70),
            "TARP buy-again, satisfied: 54% (over $100) to 70% (under $5)",
        ),
        item(
            recovers(true),
            "outcomes.resolved_quickly.stay",
            f(0.82),
            f(0.95),
            "TARP buy-again, satisfied quickly: 82% (over $100) to 95% (under $5)",
        ),
        // The Bulgarian lost-customer article: customers whose problem was fixed become more loyal
        // than those who never had one; de Matos et al. (2007) found no
        // effect on repurchase. Off (1) against halving their churn.
        item(
            any_recover,
            "experience.recovery_paradox",
            f(1.0),
            f(0.5),
            "de Matos et al. 2007: no repurchase effect (1) vs the Bulgarian lost-customer article: more loyal (0.5)",
        ),
        item(
            true,
            "effects.deter",
            tidy(deter / 2.0),
            tidy((deter * 1.5).min(1.0)),
            "no published figure: half to 1.5 times the scenario's value",
        ),
        item(
            true,
            "effects.hearsay_churn",
            tidy(hearsay / 2.0),
            tidy((hearsay * 2.0).min(1.0)),
            "no published figure: half to double the scenario's value",
        ),
        item(
            true,
            "economics.margin",
            tidy(margin * 0.5),
            tidy(margin * 1.5),
            "the scenario's margin ±50%",
        ),
    ]
    .into_iter()
    .flatten()
    .chain(partings(scenario))
    .filter(|d| d.vary.low != d.vary.high)
    .collect()
}

/// The default ranges that only a scenario parting with customers has:
/// what parted customers tell, and how costly the parted segment's
/// complaints are — for the partings of the headline comparison (the first
/// two policies), the only ones that can move it.
fn partings(scenario: &Scenario) -> Vec<DefaultVary> {
    let headline = || scenario.policies.iter().take(2);
    let parts = |manner: Manner| {
        headline()
            .filter_map(|p| p.part_with.as_ref())
            .any(|w| w.manner == manner)
    };
    let vary = |key: String, low: Value, high: Value, source: &'static str| DefaultVary {
        vary: Vary { key, low, high },
        source,
    };
    let mut out = Vec::new();
    if parts(Manner::Graceful) {
        // MODEL.md's 0-2 is judgement: from telling nobody to telling as
        // many as a quickly resolved complainer (TARP: about 5).
        out.push(vary(
            "outcomes.parted_graceful.tells".into(),
            uniform(0, 0),
            uniform(4, 6),
            "Wetzel, Haenel & Hess 2022: notice and help curb bad word of mouth; 0-2 is judgement, so from nobody to a resolved complainer's 4-6",
        ));
    }
    if parts(Manner::Abrupt) {
        out.push(vary(
            "outcomes.parted_abrupt.tells".into(),
            uniform(9, 10),
            uniform(20, 24),
            "as an unresolved complaint: TARP 9-10; the Bulgarian lost-customer article: twenty-two",
        ));
    }
    let mut parted: Vec<&str> = headline()
        .filter_map(|p| p.part_with.as_ref().map(|w| w.segment.as_str()))
        .collect();
    parted.sort_unstable();
    parted.dedup();
    for name in parted {
        if let Some(segment) = scenario.segments.iter().find(|s| s.name == name) {
            let f = segment.handle_factor;
            out.push(vary(
                format!("segments.{name}.handle_factor"),
                tidy(f / 2.0),
                tidy(f * 2.0),
                "the Persian never-satisfied article: \"a whole employee day\", no published figure; half to double",
            ));
        }
    }
    out
}

/// How the headline paired difference moves when one key goes from its
/// low to its high value, the others at base.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The key and its range.
    pub vary: Vary,
    /// Where the range comes from (`--vary` for a user's range).
    pub source: String,
    /// The headline difference with the key at its low value.
    pub at_low: Summary,
    /// The headline difference with the key at its high value.
    pub at_high: Summary,
    /// `at_high − at_low`, paired by replication (the runs share random
    /// streams, so this interval is much narrower than two independent
    /// runs would give).
    pub swing: Summary,
}

impl Effect {
    /// The effect of `vary` from the per-replication headline differences
    /// at its low and high values (equal lengths, replication order).
    pub fn new(vary: Vary, source: String, low: &[f64], high: &[f64]) -> Self {
        let swing: Vec<f64> = high.iter().zip(low).map(|(h, l)| h - l).collect();
        Effect {
            vary,
            source,
            at_low: Summary::from_values(low),
            at_high: Summary::from_values(high),
            swing: Summary::from_values(&swing),
        }
    }
}

/// Sorts effects for a tornado: the largest |swing| first (ties by key, so
/// the order is reproducible).
pub fn tornado_order(effects: &mut [Effect]) {
    effects.sort_by(|a, b| {
        b.swing
            .mean
            .abs()
            .total_cmp(&a.swing.mean.abs())
            .then_with(|| a.vary.key.cmp(&b.vary.key))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let s = crate::scenario::parse(text, std::path::Path::new("x.toml")).unwrap();
        defaults(&s).into_iter().map(|d| d.vary.key).collect()
    }

    #[test]
    fn partings_of_the_headline_comparison_get_their_ranges() {
        let segments = "[segments.chronic]\nshare = 0.1\nhandle_factor = 8.0\n[segments.rest]\n";
        let keep = "[policies.keep]\nhandling = \"recover\"\n";
        let part = |name: &str, manner: &str| {
            format!(
                "[policies.{name}]\nhandling = \"recover\"\n\
                 part_with = {{ segment = \"chronic\", after_complaints = 2, manner = \"{manner}\" }}\n"
            )
        };
        let graceful = keys(&format!("{segments}{keep}{}", part("g", "graceful")));
        assert!(graceful.contains(&"outcomes.parted_graceful.tells".to_string()));
        assert!(graceful.contains(&"segments.chronic.handle_factor".to_string()));
        assert!(!graceful.contains(&"outcomes.parted_abrupt.tells".to_string()));
        // An abrupt parting outside the headline pair cannot move it.
        let third = keys(&format!(
            "{segments}{keep}{}{}",
            part("g", "graceful"),
            part("a", "abrupt")
        ));
        assert!(!third.contains(&"outcomes.parted_abrupt.tells".to_string()));
        let plain = keys(&format!(
            "{segments}{keep}[policies.b]\nhandling = \"ignore\"\n"
        ));
        assert!(
            !plain
                .iter()
                .any(|k| k.contains("parted") || k.starts_with("segments"))
        );
    }
}
