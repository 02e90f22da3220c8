//! File helpers: reading with the path in every error, and atomic writes
//! (a temporary file in the same directory, synced, then renamed over the
//! target) so an interrupted run never leaves a half-written result.

use anyhow::{Context, Result};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Reads a whole text file; a missing or unreadable file is bad input.
pub fn read_input(path: &Path, what: &str) -> Result<String> {
    fs::read_to_string(path)
        .map_err(|e| super::bad_input(format!("cannot read {what} {}: {e}", path.display())))
}

/// Opens a file for buffered reading; a missing or unreadable file is bad input.
pub fn open_input(path: &Path, what: &str) -> Result<std::io::BufReader<fs::File>> {
    let file = fs::File::open(path)
        .map_err(|e| super::bad_input(format!("cannot read {what} {}: {e}", path.display())))?;
    Ok(std::io::BufReader::with_capacity(1 << 20, file))
}

/// Writes `path` atomically: `fill` writes into a temporary sibling file,
/// which is flushed, synced and renamed over `path`.
pub fn write_atomic(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let file =
            fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot sync {}", tmp.display()))?;
        fs::rename(&tmp, path)
            .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
