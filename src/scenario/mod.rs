//! The scenario format: TOML text in, a validated [`Scenario`] out.
//!
//! Two layers (see STYLE.md): `raw` serde structs mirror the file key for key
//! and reject unknown keys; `convert` checks every range and applies the
//! defaults of [`defaults`]. This module never touches the file system: the
//! caller reads the file and passes its text and path.
//!
//! ```
//! use std::path::Path;
//! let text = r#"
//! [policies.ignore]
//! handling = "ignore"
//! [policies.recover]
//! handling = "recover"
//! "#;
//! let scenario = wom::scenario::parse(text, Path::new("shop.toml")).unwrap();
//! assert_eq!(scenario.name, "shop");
//! assert_eq!(scenario.policies[0].name, "ignore");
//! ```

use std::path::Path;

use toml::{Table, Value};

use crate::model::Scenario;

mod check;
mod convert;
pub mod defaults;
mod dist;
mod draws;
mod error;
mod locate;
mod network;
mod raw;
mod raw_dist;
pub mod resolved;
mod segments;
mod serde_error;
pub mod shipped;
mod staffing;
pub mod template;
mod uncertainty;

pub use draws::{draw_count, draw_scenario, draw_scenarios, release, scenario_at};
pub use uncertainty::check_replications;

pub use check::control_character;
pub use error::{ErrorKind, Location, ScenarioError, closest};

/// Parses scenario text into a TOML table, keeping the file's key order.
///
/// # Errors
///
/// [`ErrorKind::Syntax`] with the line and column when `text` is not TOML.
pub fn parse_table(text: &str, source: &Path) -> Result<Table, ScenarioError> {
    text.parse::<Table>().map_err(|e| {
        let message = e.message().trim().to_owned();
        let mut err = ScenarioError::new(Some(source.to_owned()), ErrorKind::Syntax { message });
        err.location = e.span().map(|s| Location::from_offset(text, s.start));
        err
    })
}

/// Validates a scenario table and fills in every default.
///
/// `source` is the scenario file's path: `name` defaults to its stem, a
/// relative `network.path` is joined to its directory, and errors name it.
/// The errors carry no line and column, since a table has none; see
/// [`ScenarioError::locate_in`] and [`parse`].
///
/// # Errors
///
/// A [`ScenarioError`] naming the first unknown key, missing key, value of the
/// wrong type or out of range, or contradiction between keys.
pub fn from_table(table: &Table, source: &Path) -> Result<Scenario, ScenarioError> {
    let check = check::Check {
        file: source,
        join_paths: true,
    };
    from_table_with(table, check)
}

fn from_table_with(table: &Table, check: check::Check) -> Result<Scenario, ScenarioError> {
    let raw = serde_path_to_error::deserialize(table.clone())
        .map_err(|e| serde_error::convert(e, table, check.file))?;
    convert::scenario(raw, check)
}

/// [`parse_table`] then [`from_table`], with the line and column of the
/// offending key in every error where it is written in `text`.
///
/// # Errors
///
/// As [`parse_table`] and [`from_table`].
pub fn parse(text: &str, source: &Path) -> Result<Scenario, ScenarioError> {
    let table = parse_table(text, source)?;
    from_table(&table, source).map_err(|e| e.locate_in(text))
}

/// Sets the key at a dotted path (`policies.recover.resolve_rate`), creating
/// missing intermediate tables and replacing any value already there. Path
/// parts are bare: no quoting, no dots inside a part. The result is not
/// validated: pass the table to [`from_table`] afterwards.
///
/// # Errors
///
/// [`ErrorKind::BadKeyPath`] when the path is empty, has an empty part, or
/// goes through a value that is not a table.
pub fn set_key(table: &mut Table, dotted: &str, value: Value) -> Result<(), ScenarioError> {
    let bad = |reason: String| {
        let key = dotted.to_owned();
        ScenarioError::new(None, ErrorKind::BadKeyPath { key, reason })
    };
    let mut parts: Vec<&str> = dotted.split('.').map(str::trim).collect();
    // `uncertainty.effects.deter`: an uncertain key is one dotted key
    // inside [uncertainty] (`uncertainty."effects.deter"` in the file).
    let inner = dotted.trim().strip_prefix("uncertainty.").map(str::trim);
    if let Some(inner) = inner.filter(|k| k.contains('.')) {
        parts = vec!["uncertainty", inner.trim_matches('"')];
    }
    let Some((last, parents)) = parts.split_last() else {
        return Err(bad("the key is empty".into()));
    };
    if parts.iter().any(|p| p.is_empty()) {
        return Err(bad(
            "expected a dotted key like policies.recover.resolve_rate, with no empty part".into(),
        ));
    }
    let mut current = table;
    for (i, part) in parents.iter().enumerate() {
        let entry = current
            .entry(*part)
            .or_insert_with(|| Value::Table(Table::new()));
        current = match entry {
            Value::Table(t) => t,
            other => {
                let prefix = parts[..=i].join(".");
                return Err(bad(format!(
                    "`{prefix}` is {}, not a table",
                    other.type_str()
                )));
            }
        };
    }
    current.insert((*last).to_owned(), value);
    Ok(())
}

/// Reads a command-line literal as a TOML value: `0.3` is a float, `24` an
/// integer, `true` a boolean, `[1, 3]` an array, `{ poisson = 2 }` a table,
/// `"x"` a string; anything that is not a TOML value (a bare word like
/// `ignore`) is taken as a string, as written.
///
/// ```
/// use wom::scenario::parse_value_literal;
/// assert_eq!(parse_value_literal("24"), toml::Value::Integer(24));
/// assert_eq!(parse_value_literal("ignore"), toml::Value::String("ignore".into()));
/// ```
pub fn parse_value_literal(s: &str) -> Value {
    s.trim()
        .parse::<Value>()
        .unwrap_or_else(|_| Value::String(s.to_owned()))
}

#[cfg(test)]
mod tests;
