//! The record of what the command writing a directory has written so far
//! (see [`super::owned`]): every file `files::write_atomic` writes there is
//! appended to the directory's `.wom-files` before it is renamed into
//! place, so a kill never leaves a file of ours unlisted.

use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The list of the files wom wrote in a directory, one relative path a line.
pub const MANIFEST: &str = ".wom-files";
/// Present while a command writes the directory, or after it was killed.
pub const INCOMPLETE: &str = "INCOMPLETE";

/// The names of result files any wom command writes at the top of its
/// directory: possibly an earlier command's, even without a list (a
/// directory written by an earlier version).
pub(super) const KNOWN: &[&str] = &[
    "summary.json",
    "metadata.json",
    "replications.csv",
    "periods.csv",
    "report.html",
    "sensitivity.csv",
    "sensitivity.json",
    "sweep.csv",
    "sweep.json",
    "trace.json",
    "draws.csv",
    "sobol.csv",
    "sobol.json",
    "calibration.json",
    "posterior.csv",
    "predictive.csv",
    "calibrated.toml",
];

/// The directory being written and what was written in it so far.
struct Active {
    dir: PathBuf,
    written: BTreeSet<String>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

/// Starts recording the files written in `dir`.
pub fn start(dir: &Path) {
    *ACTIVE.lock().unwrap_or_else(|e| e.into_inner()) = Some(Active {
        dir: dir.to_path_buf(),
        written: BTreeSet::new(),
    });
}

/// Stops recording; the files written since [`start`].
pub fn take() -> BTreeSet<String> {
    ACTIVE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .map(|a| a.written)
        .unwrap_or_default()
}

/// Notes that `path` is about to be written: when it lies in the directory
/// being written, its name is appended to the list (before the file is
/// renamed into place). Called by `files::write_atomic`.
///
/// # Errors
/// When the list cannot be appended to.
pub fn note(path: &Path) -> Result<()> {
    let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(a) = active.as_mut() else {
        return Ok(());
    };
    let Ok(rel) = path.strip_prefix(&a.dir) else {
        return Ok(());
    };
    let name = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if name == MANIFEST || name == INCOMPLETE || !a.written.insert(name.clone()) {
        return Ok(());
    }
    let manifest = a.dir.join(MANIFEST);
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&manifest)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    writeln!(file, "{name}").with_context(|| format!("cannot write {}", manifest.display()))
}
