//! Turns a deserialization error of the raw structs into a [`ScenarioError`]
//! that names the key path, the offending value and what is allowed.

use std::path::Path;

use serde_path_to_error::Segment;
use toml::{Table, Value};

use super::error::{ErrorKind, ScenarioError, closest};

/// One step of a key path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Writes a key path as `a.b[2].c`.
pub(crate) fn join(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The value at `steps` in `table`, if there is one.
fn value_at<'a>(table: &'a Table, steps: &[Step]) -> Option<&'a Value> {
    let (first, rest) = steps.split_first()?;
    let Step::Key(k) = first else { return None };
    let mut value = table.get(k)?;
    for step in rest {
        value = match (step, value) {
            (Step::Key(k), Value::Table(t)) => t.get(k)?,
            (Step::Index(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// A value written as TOML, shortened if long.
fn render(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "(nothing)".to_owned();
    };
    let text = value.to_string();
    let text = text.trim();
    if text.chars().count() > 60 {
        let short: String = text.chars().take(57).collect();
        format!("{short}...")
    } else {
        text.to_owned()
    }
}

/// Every form of a count distribution.
pub(crate) const DISTRIBUTIONS: &str = "one of { fixed = n }, { uniform = [a, b] }, { poisson = mean }, \
     { negative_binomial = { mean = m, dispersion = k } }, \
     { empirical = { values = [...], weights = [...] } }";

/// Every form of a duration distribution (`tolerance_hours`,
/// `handle_minutes`).
pub(crate) const DURATIONS: &str = "one of { fixed = x }, { uniform = [a, b] }, \
     { exponential = mean }, { lognormal = { median = m, sigma = s } }, \
     { empirical = { values = [...], weights = [...] } }";

/// What is allowed at a key, when it says more than serde's type name.
fn allowed_for(steps: &[Step]) -> Option<&'static str> {
    let key = |i: usize| match steps.len().checked_sub(i + 1).map(|j| &steps[j]) {
        Some(Step::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    if let [Step::Key(top)] = steps {
        // The top-level whole numbers, with the range the checks allow.
        match top.as_str() {
            "periods" => return Some("a whole number from 1 to 10000"),
            "replications" => return Some("a whole number from 2 to 10000000"),
            "seed" => return Some("a whole number from 0 to 18446744073709551615 (not negative)"),
            _ => {}
        }
    }
    let in_dist = matches!(key(1), Some("tells" | "retell_tells"));
    let in_duration = matches!(key(1), Some("tolerance_hours" | "handle_minutes"));
    if in_duration {
        return Some(match key(0)? {
            "fixed" => "{ fixed = x } with a number x >= 0",
            "uniform" => "{ uniform = [a, b] } with numbers 0 <= a <= b",
            "exponential" => "{ exponential = mean } with a mean >= 0",
            "lognormal" => "{ lognormal = { median = m, sigma = s } } with m >= 0 and s >= 0",
            "empirical" => "{ empirical = { values = [...], weights = [...] } }",
            _ => return None,
        });
    }
    Some(match (key(0)?, in_dist) {
        ("tells" | "retell_tells", _) => DISTRIBUTIONS,
        ("tolerance_hours" | "handle_minutes", _) => DURATIONS,
        ("staffing", _) => {
            "a table { agents = c, handle_minutes = DIST, days_per_week = 5, hours_per_day = 8, \
             agent_cost = 0 }"
        }
        ("fixed", true) => "{ fixed = n } with n a whole number >= 0",
        ("uniform", true) => "{ uniform = [a, b] } with whole numbers a <= b",
        ("poisson", true) => "{ poisson = mean } with a mean >= 0",
        ("negative_binomial", true) => "{ negative_binomial = { mean = m, dispersion = k } }",
        ("empirical", true) => "{ empirical = { values = [...], weights = [...] } }",
        ("tone", _) => r#"one of "positive", "negative", "none""#,
        ("handling", _) => r#"one of "ignore", "recover""#,
        ("manner", _) => super::segments::MANNERS,
        ("part_with", _) => {
            r#"a table { segment = "NAME", after_complaints = n, manner = "graceful" or "abrupt", refund = x }"#
        }
        ("after_complaints", _) => "a whole number from 1 to 65535",
        ("kind", _) => {
            r#"one of "watts_strogatz", "barabasi_albert", "erdos_renyi", "strong_weak_ties", "file""#
        }
        ("initial_customers", _) => {
            r#"a whole number (a count), a float in (0, 1] (a fraction) or { file = "customers.txt" } (one node of the network a line)"#
        }
        ("retell", _) => "a table { negative = p, positive = p }",
        ("people", _) => "a whole number from 2 to 4294967295",
        _ => return None,
    })
}

/// Serde's "expected ..." in plain words.
fn expected_in_words(message: &str) -> String {
    let expected = message.rsplit_once("expected ").map_or(message, |(_, e)| e);
    match expected {
        "u32" => format!("a whole number from 0 to {}", u32::MAX),
        "u64" => format!("a whole number from 0 to {}", u64::MAX),
        "f64" => "a number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        other => other.to_owned(),
    }
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" (or variant)
/// into the unknown word and the allowed ones.
fn unknown<'m>(message: &'m str, what: &str) -> Option<(&'m str, Vec<String>)> {
    let rest = message.strip_prefix(what)?.strip_prefix(" `")?;
    let (word, expected) = rest.split_once('`')?;
    let allowed = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((word, allowed))
}

/// Shortens `steps` to the deepest path that holds a value and returns it:
/// serde may report a path below a value of the wrong shape, like
/// `tells.poisson` for `tells = "poisson"`.
fn truncate_to_value<'a>(table: &'a Table, steps: &mut Vec<Step>) -> Option<&'a Value> {
    while !steps.is_empty() {
        if let Some(value) = value_at(table, steps) {
            return Some(value);
        }
        steps.pop();
    }
    None
}

/// Appends `word` to the path unless serde already ended the path with it.
fn push_once(steps: &mut Vec<Step>, word: &str) {
    if !matches!(steps.last(), Some(Step::Key(k)) if k == word) {
        steps.push(Step::Key(word.to_owned()));
    }
}

/// Converts a raw-deserialization error at the path serde reports.
pub(crate) fn convert(
    err: serde_path_to_error::Error<toml::de::Error>,
    table: &Table,
    file: &Path,
) -> ScenarioError {
    let mut steps: Vec<Step> = err
        .path()
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { variant } => Some(Step::Key(variant.clone())),
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Unknown => None,
        })
        .collect();
    let message = err.inner().message();
    let kind = if let Some((word, allowed)) = unknown(message, "unknown field") {
        push_once(&mut steps, word);
        let suggestion = closest(word, allowed.iter().map(String::as_str));
        ErrorKind::UnknownKey {
            key: join(&steps),
            suggestion,
            allowed,
        }
    } else if let Some((word, allowed)) = unknown(message, "unknown variant") {
        if let Some(Value::Table(_)) = value_at(table, &steps) {
            // A distribution's one key, like `{ fixd = 3 }`.
            push_once(&mut steps, word);
            let suggestion = closest(word, allowed.iter().map(String::as_str));
            ErrorKind::UnknownKey {
                key: join(&steps),
                suggestion,
                allowed,
            }
        } else {
            let value = truncate_to_value(table, &mut steps);
            let quoted: Vec<_> = allowed.iter().map(|a| format!("{a:?}")).collect();
            let one_of = format!("one of {}", quoted.join(", "));
            ErrorKind::Invalid {
                key: join(&steps),
                value: render(value),
                allowed: allowed_for(&steps).map_or(one_of, str::to_owned),
                suggestion: closest(word, allowed.iter().map(String::as_str))
                    .map(|s| format!("{s:?}")),
            }
        }
    } else if let Some((word, _)) = unknown(message, "missing field") {
        let allowed = allowed_for(&steps).unwrap_or("a value").to_owned();
        push_once(&mut steps, word);
        ErrorKind::Missing {
            key: join(&steps),
            allowed,
        }
    } else {
        let value = truncate_to_value(table, &mut steps);
        ErrorKind::Invalid {
            key: join(&steps),
            value: render(value),
            allowed: allowed_for(&steps).map_or_else(|| expected_in_words(message), str::to_owned),
            suggestion: None,
        }
    };
    ScenarioError::new(Some(file.to_owned()), kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_serde_unknown_field_messages() {
        let (word, allowed) = unknown(
            "unknown field `x`, expected one of `a`, `b`, `c`",
            "unknown field",
        )
        .unwrap();
        assert_eq!(word, "x");
        assert_eq!(allowed, ["a", "b", "c"]);
        let (_, allowed) =
            unknown("unknown field `x`, expected `a` or `b`", "unknown field").unwrap();
        assert_eq!(allowed, ["a", "b"]);
        let (_, allowed) =
            unknown("unknown field `x`, there are no fields", "unknown field").unwrap();
        assert!(allowed.is_empty());
    }

    #[test]
    fn joins_paths_with_indices() {
        let steps = [
            Step::Key("a".into()),
            Step::Key("b".into()),
            Step::Index(2),
            Step::Key("c".into()),
        ];
        assert_eq!(join(&steps), "a.b[2].c");
    }
}
