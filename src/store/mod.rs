//! Result directories on disk: the typed files of `wom::results` written
//! atomically and read back with their paths in every error, so that an
//! interrupted command never leaves a directory that looks complete.
//!
//! - [`run`]: a run's directory (summary.json removed first, written last);
//! - [`sweep`]: a sweep's directory, its stored points and how it resumes;
//! - [`shard`]: a shard's directory, which appears whole or not at all;
//! - [`pictures`]: charts and report.html, drawn in memory by
//!   `crate::report`, written here;
//! - [`files`]: reading with the path in every error, atomic writes, the
//!   directory lock — the one place the binary touches the disk;
//! - [`owned`]: what a command owns in its directory, `INCOMPLETE` while
//!   it writes, and the removal of what it no longer writes;
//! - [`guarded`]: an input checked while it is read (UTF-8 with the line,
//!   bounded lines, the same file from its first byte to its last);
//! - JSON result files in general: [`read_json`], [`write_json`].

pub mod calibration;
pub mod files;
pub mod guarded;
pub mod owned;
pub mod pictures;
mod record;
pub mod run;
pub mod shard;
pub mod sweep;

use crate::store::files::{read_input, write_atomic};
use anyhow::Result;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Reads a JSON result file into its type, naming the file and the field
/// at fault.
///
/// # Errors
/// Bad input for a missing, unreadable or malformed file.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_input(path, "result file")?;
    Ok(wom::results::parse_json(
        &text,
        &path.display().to_string(),
    )?)
}

/// Writes a value as pretty JSON, atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = wom::results::to_json_text(value)?;
    write_atomic(path, |out| Ok(out.write_all(text.as_bytes())?))
}

/// Writes `text` to `path` atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn write_text(path: &Path, text: &str) -> Result<()> {
    write_atomic(path, |out| Ok(out.write_all(text.as_bytes())?))
}
