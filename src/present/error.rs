//! The input-error type and the exit code it maps to: 2 for bad input
//! (a flag, a key, a file the user gave), 1 for a failure while working.

use anyhow::Error;
use thiserror::Error;

/// Bad input from the user: exit code 2.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// Shorthand for an [`InputError`] as an `anyhow::Error`.
pub fn bad_input(message: impl Into<String>) -> Error {
    InputError(message.into()).into()
}

/// Exit code for an error: 2 when any cause is bad input, else 1.
pub fn exit_code(error: &Error) -> u8 {
    let input = error.chain().any(|cause| {
        cause.is::<InputError>()
            || cause.is::<wom::graph::edgelist::EdgeListError>()
            || cause.is::<wom::scenario::ScenarioError>()
            || cause.is::<wom::results::ResultError>()
    });
    if input { 2 } else { 1 }
}
