//! What a command owns in its output directory. Every file a wom command
//! writes there is listed in `.wom-files` (appended before the file is
//! renamed into place, so a kill never leaves an unlisted one). A command
//! that writes a directory:
//!
//! 1. [`begin`]s: writes `INCOMPLETE` (the directory is visibly not one
//!    result while it writes), and takes as possibly its own every file
//!    listed, every result name wom uses and every chart in `charts/`;
//! 2. writes its files (each recorded by `files::write_atomic`);
//! 3. [`Owned::finish`]es: removes what it may have written before and did
//!    not write now (the chart only the earlier scenario drew, the earlier
//!    command's report or sweep.json), lists exactly what it wrote, and
//!    removes `INCOMPLETE` last.
//!
//! So after a kill at any moment the directory is either complete and
//! entirely this command's, or holds `INCOMPLETE`.

use super::files::{remove_if_present, write_atomic};
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
const KNOWN: &[&str] = &[
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
];

/// The directory being written and what was written in it so far.
struct Active {
    dir: PathBuf,
    written: BTreeSet<String>,
}

static ACTIVE: Mutex<Option<Active>> = Mutex::new(None);

/// Which of the files a command may have written before it owns now: all
/// of them, or (for `wom plot`, which redraws a run's pictures) some.
pub type Scope = fn(&str) -> bool;

/// Every file.
pub fn everything(_: &str) -> bool {
    true
}

/// Everything but a sweep's stored points (its `--resume` keeps them;
/// `store::sweep::prepare` removes them otherwise).
pub fn all_but_points(name: &str) -> bool {
    !name.starts_with("points/")
}

/// A run's pictures: charts/ and report.html.
pub fn pictures(name: &str) -> bool {
    name.starts_with("charts/") || name == "report.html"
}

/// A command writing its directory (see the module's comment).
#[derive(Debug)]
#[must_use = "finish() completes the directory"]
pub struct Owned {
    dir: PathBuf,
    before: BTreeSet<String>,
    scope: Scope,
}

/// Starts writing `dir` (whose lock the caller holds): `INCOMPLETE` is
/// written and the files possibly written before are noted.
///
/// # Errors
/// When `dir` cannot be read or `INCOMPLETE` written.
pub fn begin(dir: &Path, scope: Scope) -> Result<Owned> {
    let mut before: BTreeSet<String> = listed(dir).into_iter().collect();
    for name in KNOWN {
        if dir.join(name).is_file() {
            before.insert((*name).to_owned());
        }
    }
    if let Ok(entries) = fs::read_dir(dir.join("charts")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let picture = name.ends_with(".png") || name.ends_with(".svg");
            if picture && entry.file_type().is_ok_and(|t| t.is_file()) {
                before.insert(format!("charts/{name}"));
            }
        }
    }
    before.retain(|n| scope(n));
    write_atomic(&dir.join(INCOMPLETE), |out| {
        Ok(out.write_all(
            b"A wom command is writing this directory, or was stopped while it did: the files here are not one complete result. Run the command again.\n",
        )?)
    })?;
    *ACTIVE.lock().unwrap_or_else(|e| e.into_inner()) = Some(Active {
        dir: dir.to_path_buf(),
        written: BTreeSet::new(),
    });
    Ok(Owned {
        dir: dir.to_path_buf(),
        before,
        scope,
    })
}

impl Owned {
    /// Removes what was written before and not now, lists what was
    /// written, and removes `INCOMPLETE`.
    ///
    /// # Errors
    /// When a file cannot be removed or the list written.
    pub fn finish(self) -> Result<()> {
        let written = ACTIVE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|a| a.written)
            .unwrap_or_default();
        for stale in self.before.difference(&written) {
            let path = self.dir.join(stale);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                remove_if_present(&path)?;
            }
        }
        // Kept: what this command does not own (a run's files under wom
        // plot) and what it wrote.
        let mut list: BTreeSet<String> = listed(&self.dir)
            .into_iter()
            .filter(|n| !(self.scope)(n) && self.dir.join(n).is_file())
            .collect();
        list.extend(written);
        list.remove(INCOMPLETE);
        list.remove(MANIFEST);
        let text: String = list.iter().map(|n| format!("{n}\n")).collect();
        *ACTIVE.lock().unwrap_or_else(|e| e.into_inner()) = None;
        write_atomic(&self.dir.join(MANIFEST), |out| {
            Ok(out.write_all(text.as_bytes())?)
        })?;
        // A charts/ left empty (a run without charts) goes too; one that
        // holds anything stays.
        let _ = fs::remove_dir(self.dir.join("charts"));
        remove_if_present(&self.dir.join(INCOMPLETE))
    }
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

/// The names `.wom-files` lists in `dir` (none when it is missing); names
/// that leave the directory (`..`, absolute) are ignored.
fn listed(dir: &Path) -> Vec<String> {
    let path = dir.join(MANIFEST);
    // A regular file only (never wait on a pipe), of a sensible size.
    let ok = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() < 64 << 20);
    let Ok(text) = (if ok {
        fs::read_to_string(&path)
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    }) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|n| {
            !n.is_empty()
                && !n.starts_with('/')
                && !n.split('/').any(|p| p == ".." || p == "." || p.is_empty())
        })
        .map(str::to_owned)
        .collect()
}

/// Whether `dir` holds `INCOMPLETE`.
pub fn incomplete(dir: &Path) -> bool {
    dir.join(INCOMPLETE).exists()
}

/// Whether `dir` holds anything wom wrote: its lock, its list, or one of
/// its result files.
pub fn holds_ours(dir: &Path) -> bool {
    let named = [super::files::LOCK_NAME, MANIFEST, INCOMPLETE]
        .iter()
        .chain(KNOWN)
        .any(|n| dir.join(n).exists());
    // Or a temporary file of a wom command killed before it took its lock.
    named
        || fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| super::files::is_temporary(&e.file_name().to_string_lossy()))
        })
}
