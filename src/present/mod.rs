//! What every layer of the binary shares, below all of them: numbers and
//! money for people, files read with their path in every error and written
//! atomically, and the input-error type that decides the exit code.

pub mod error;
pub mod files;
pub mod format;
pub mod guarded;
pub mod money;

pub use error::{bad_input, exit_code};
