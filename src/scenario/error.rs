//! Errors of the scenario layer: each names the file, the key, the offending
//! value and what is allowed, with the line and column when they are known.

use std::fmt;
use std::path::PathBuf;

/// A 1-based position in the scenario text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, counting from 1.
    pub line: usize,
    /// Column in characters, counting from 1.
    pub column: usize,
}

impl Location {
    /// The position of byte `offset` in `text` (clamped to the text's end).
    pub fn from_offset(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

/// A scenario that cannot be used, and why.
///
/// Displayed as `FILE:LINE:COLUMN: WHAT`, for example
/// ``shop.toml:12:16: `policies.recover.resolve_rate` = 1.5 is not allowed; expected a probability in [0, 1]``.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{kind}", Where(.file, .location))]
pub struct ScenarioError {
    /// The scenario file, when the error concerns one.
    pub file: Option<PathBuf>,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What is wrong (boxed to keep `Result<_, ScenarioError>` small).
    pub kind: Box<ErrorKind>,
}

impl ScenarioError {
    /// An error about `file` (if any), with no location yet.
    pub fn new(file: Option<PathBuf>, kind: ErrorKind) -> Self {
        ScenarioError {
            file,
            location: None,
            kind: Box::new(kind),
        }
    }
}

/// What is wrong with a scenario. Key paths are dotted, like
/// `policies.recover.resolve_rate`, with `[i]` for array elements.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// The text is not valid TOML.
    Syntax {
        /// The TOML parser's message.
        message: String,
    },
    /// A key that the format does not have at this level.
    UnknownKey {
        /// Full path of the unknown key.
        key: String,
        /// The closest allowed key, if one is close.
        suggestion: Option<String>,
        /// Every key allowed at this level.
        allowed: Vec<String>,
    },
    /// A value of the wrong type or out of range.
    Invalid {
        /// Full path of the key.
        key: String,
        /// The offending value, written as TOML.
        value: String,
        /// What is allowed, for example "a probability in [0, 1]".
        allowed: String,
        /// A close allowed value, for a misspelt word.
        suggestion: Option<String>,
    },
    /// A required key is absent.
    Missing {
        /// Full path of the key.
        key: String,
        /// What is allowed there.
        allowed: String,
    },
    /// Two keys whose values contradict each other.
    Conflict {
        /// Path of the first key.
        key: String,
        /// Its value.
        value: String,
        /// Path of the second key.
        other_key: String,
        /// Its value.
        other_value: String,
        /// The rule they break.
        rule: String,
    },
    /// A key that is valid in the format but not with the other keys given.
    NotApplicable {
        /// Full path of the key.
        key: String,
        /// Why it does not apply, for example which kind it belongs to.
        reason: String,
    },
    /// A dotted key for [`crate::scenario::set_key`] that cannot be set.
    BadKeyPath {
        /// The dotted key as given.
        key: String,
        /// Why it cannot be set.
        reason: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax { message } => write!(f, "invalid TOML: {message}"),
            ErrorKind::UnknownKey {
                key,
                suggestion,
                allowed,
            } => {
                write!(f, "unknown key `{key}`")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean `{s}`?")?;
                }
                if allowed.is_empty() {
                    write!(f, " (no keys are allowed here)")
                } else {
                    write!(f, " (allowed keys here: {})", allowed.join(", "))
                }
            }
            ErrorKind::Invalid {
                key,
                value,
                allowed,
                suggestion,
            } => {
                write!(f, "`{key}` = {value} is not allowed; expected {allowed}")?;
                if let Some(s) = suggestion {
                    write!(f, "; did you mean {s}?")?;
                }
                Ok(())
            }
            ErrorKind::Missing { key, allowed } => {
                write!(f, "`{key}` is missing; it is required: {allowed}")
            }
            ErrorKind::Conflict {
                key,
                value,
                other_key,
                other_value,
                rule,
            } => write!(
                f,
                "`{key}` = {value} and `{other_key}` = {other_value} disagree; {rule}"
            ),
            ErrorKind::NotApplicable { key, reason } => {
                write!(f, "`{key}` is not allowed here: {reason}")
            }
            ErrorKind::BadKeyPath { key, reason } => write!(f, "cannot set `{key}`: {reason}"),
        }
    }
}

impl ErrorKind {
    /// The dotted key path the error is about, if it is about one key.
    pub fn key(&self) -> Option<&str> {
        match self {
            ErrorKind::Syntax { .. } => None,
            ErrorKind::UnknownKey { key, .. }
            | ErrorKind::Invalid { key, .. }
            | ErrorKind::Missing { key, .. }
            | ErrorKind::Conflict { key, .. }
            | ErrorKind::NotApplicable { key, .. }
            | ErrorKind::BadKeyPath { key, .. } => Some(key),
        }
    }
}

/// Renders the `FILE:LINE:COLUMN: ` prefix of a [`ScenarioError`].
struct Where<'a>(&'a Option<PathBuf>, &'a Option<Location>);

impl fmt::Display for Where<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = self.0 {
            write!(f, "{}", file.display())?;
            if let Some(loc) = self.1 {
                write!(f, ":{}:{}", loc.line, loc.column)?;
            }
            write!(f, ": ")?;
        } else if let Some(loc) = self.1 {
            write!(f, "line {}, column {}: ", loc.line, loc.column)?;
        }
        Ok(())
    }
}

/// The allowed word closest to `word`, if it is close enough to be a likely
/// misspelling (Jaro–Winkler similarity of at least 0.8).
pub fn closest<'a, I>(word: &str, allowed: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    allowed
        .into_iter()
        .map(|a| (strsim::jaro_winkler(word, a), a))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(
            Location::from_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::from_offset(text, 6),
            Location { line: 2, column: 1 }
        );
        // 'é' is two bytes but one column.
        assert_eq!(
            Location::from_offset(text, 11),
            Location { line: 2, column: 5 }
        );
        assert_eq!(
            Location::from_offset(text, 999),
            Location { line: 3, column: 1 }
        );
    }

    #[test]
    fn closest_finds_misspellings_only() {
        let keys = ["problem_rate", "complaint_rate", "base_churn"];
        assert_eq!(
            closest("complaint_rat", keys).as_deref(),
            Some("complaint_rate")
        );
        assert_eq!(closest("zzz", keys), None);
    }

    #[test]
    fn display_has_file_line_and_column() {
        let kind = ErrorKind::Missing {
            key: "policies.a.handling".into(),
            allowed: "x".into(),
        };
        let mut err = ScenarioError::new(Some(PathBuf::from("shop.toml")), kind);
        err.location = Some(Location { line: 3, column: 7 });
        assert!(
            err.to_string()
                .starts_with("shop.toml:3:7: `policies.a.handling` is missing")
        );
    }
}
