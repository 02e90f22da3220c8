//! The default ranges of `wom sensitivity`: the assumptions an analyst is
//! least sure of, each with a low and a high value from the literature where
//! there is one, and a halving/doubling of the scenario's value where there
//! is not. Keys that cannot change the comparison of the scenario's policies
//! are left out (no resolved class when no policy recovers, for example).

use super::spec::Vary;
use crate::model::{Handling, Scenario};
use toml::Value;

/// A default range with the reason for it.
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
    let recovers = |quick: bool| {
        scenario
            .policies
            .iter()
            .any(|p| p.handling == Handling::Recover && p.is_quick() == quick)
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
    [
        item(
            any_recover,
            "experience.complaint_rate",
            f(0.04),
            f(0.5),
            "TARP: 4% of dissatisfied customers complain; up to half in well-run complaint channels",
        ),
        item(
            true,
            "experience.problem_rate",
            tidy(problem / 2.0),
            tidy((problem * 2.0).min(1.0)),
            "half to double the scenario's value",
        ),
        item(
            true,
            "outcomes.silent.tells",
            uniform(5, 10),
            uniform(15, 30),
            "TARP: unhappy customers tell 9-15 people, 13% tell over 20",
        ),
        item(
            unresolved,
            "outcomes.unresolved.tells",
            uniform(5, 10),
            uniform(15, 30),
            "TARP: unhappy customers tell 9-15 people, 13% tell over 20",
        ),
        item(
            true,
            "word_of_mouth.retell.negative",
            f(0.1),
            f(0.5),
            "bad news travels further than good; no firm estimate",
        ),
        item(
            any_recover,
            "word_of_mouth.retell.positive",
            f(0.02),
            f(0.2),
            "good news is retold less; no firm estimate",
        ),
        item(
            unresolved,
            "outcomes.unresolved.stay",
            f(0.19),
            f(0.46),
            "TARP buy-again rates: losses over $100 vs under $5",
        ),
        item(
            recovers(false),
            "outcomes.resolved.stay",
            f(0.54),
            f(0.70),
            "TARP buy-again rates: losses over $100 vs under $5",
        ),
        item(
            recovers(true),
            "outcomes.resolved_quickly.stay",
            f(0.82),
            f(0.95),
            "TARP buy-again rates: losses over $100 vs under $5",
        ),
        item(
            true,
            "effects.deter",
            tidy(deter / 2.0),
            tidy((deter * 1.5).min(1.0)),
            "half to 1.5 times the scenario's value",
        ),
        item(
            true,
            "effects.hearsay_churn",
            tidy(hearsay / 2.0),
            tidy((hearsay * 2.0).min(1.0)),
            "half to double the scenario's value",
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
    .collect()
}
