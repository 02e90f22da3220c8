//! The error of a result file that cannot be read: which file, where in it,
//! and what is wrong. Always the user's input (exit code 2 in the binary).

use thiserror::Error;

/// A result file that is malformed, truncated, or does not belong with the
/// other files of its run.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{file}{}: {message}", if .at.is_empty() { String::new() } else { format!(" at {}", .at) })]
pub struct ResultError {
    /// The file, as the user named it.
    pub file: String,
    /// Where in it: a field path (`policies.recover.npv.mean`), a line and
    /// column, or empty.
    pub at: String,
    /// What is wrong, and what is allowed where that helps.
    pub message: String,
}

impl ResultError {
    /// An error about `file` as a whole.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        ResultError {
            file: file.into(),
            at: String::new(),
            message: message.into(),
        }
    }

    /// An error at a place in `file`.
    pub fn at(file: impl Into<String>, at: impl Into<String>, message: impl Into<String>) -> Self {
        ResultError {
            file: file.into(),
            at: at.into(),
            message: message.into(),
        }
    }
}

/// Parses a JSON result file's text into its type, naming the field at
/// fault.
///
/// # Errors
/// A [`ResultError`] with the field's path and serde's message.
pub fn parse_json<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
) -> Result<T, ResultError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        let at = if at == "." {
            String::new()
        } else {
            format!("`{at}`")
        };
        ResultError::at(file, at, e.inner().to_string())
    })
}

/// A value as the pretty JSON text of a result file (with a final newline).
///
/// # Errors
/// When the value holds a number that is not finite (serde_json would
/// write it as `null`; see [`super::finite`]), or cannot be serialized (a
/// map with non-string keys).
pub fn to_json_text<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    super::finite::check(value).map_err(<serde_json::Error as serde::ser::Error>::custom)?;
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
