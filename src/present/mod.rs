//! What every layer of the binary shares, below all of them: numbers and
//! money for people, and the input-error type that decides the exit code.
//! Nothing here touches the disk (files are `crate::store`'s).

pub mod error;
pub mod format;
pub mod money;

pub use error::{bad_input, exit_code};
