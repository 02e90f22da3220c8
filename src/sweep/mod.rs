//! Parameter sweeps and one-at-a-time sensitivity: the pure parts.
//!
//! [`spec`] reads `--set KEY=VALUES` and `--vary KEY=LOW:HIGH`, [`decimal`]
//! expands exact decimal ranges, [`grid`] combines axes into points,
//! [`hash`] gives each point a stable identity for resuming, [`point`]
//! holds a finished point's statistics, and
//! [`sensitivity`] holds the default ranges of `wom sensitivity`. Running
//! points, files and charts live in the application layer; nothing here
//! touches files.
//!
//! Every point of a sweep runs with the scenario's seed: random streams are
//! keyed by (seed, replication, period, person, purpose), never by the
//! point, so neighbouring points see the same random world (common random
//! numbers across points) and a curve's steps are the effect of the swept
//! key, not noise.

pub mod decimal;
pub mod grid;
pub mod hash;
pub mod point;
pub mod sensitivity;
pub mod spec;

/// A `--set` or `--vary` argument that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{flag}{}: {reason}", if .spec.is_empty() { String::new() } else { format!(" {}", .spec) })]
pub struct SpecError {
    /// The flag (`--set`, `--vary`, `--zip`).
    pub flag: String,
    /// The argument as given (may be empty when the problem is the whole set).
    pub spec: String,
    /// What is wrong and what is allowed.
    pub reason: String,
}

impl SpecError {
    /// An error about `flag spec`.
    pub fn new(flag: &str, spec: &str, reason: impl Into<String>) -> Self {
        SpecError {
            flag: flag.to_owned(),
            spec: spec.to_owned(),
            reason: reason.into(),
        }
    }
}

/// A value as text for a table cell or a label: strings bare, everything
/// else as TOML (`0.15`, `24`, `{ uniform = [5, 10] }`).
///
/// ```
/// use wom::sweep::value_text;
/// assert_eq!(value_text(&toml::Value::Float(0.15)), "0.15");
/// assert_eq!(value_text(&toml::Value::String("x".into())), "x");
/// ```
pub fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value as a number, for chart axes: integers and floats.
pub fn value_number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}
