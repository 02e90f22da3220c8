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
use anyhow::Result;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

pub use super::record::{INCOMPLETE, MANIFEST};
use super::record::{KNOWN, start, take};

/// Which of the files a command may have written before it owns now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every file but a trace's (`wom run`, `merge`, `sensitivity`): a
    /// story traced into the directory stays beside the run, whose report
    /// shows it only when it is of the same scenario.
    Everything,
    /// Everything but a sweep's stored points (its `--resume` keeps them;
    /// `store::sweep::prepare` removes them otherwise).
    AllButPoints,
    /// A run's pictures, charts/ and report.html (`wom plot`).
    Pictures,
    /// Everything but the data files of a run it writes beside (`wom
    /// trace`, whose story goes into that run's report).
    BesideARun,
}

impl Scope {
    /// Whether `name` is this scope's.
    pub fn owns(self, name: &str) -> bool {
        match self {
            Scope::Everything => !matches!(name, "trace.json" | "trace.png" | "trace.svg"),
            Scope::AllButPoints => !name.starts_with("points/"),
            Scope::Pictures => name.starts_with("charts/") || name == "report.html",
            Scope::BesideARun => !matches!(
                name,
                "summary.json" | "metadata.json" | "replications.csv" | "periods.csv"
            ),
        }
    }

    /// The scope's name, on the last line of `INCOMPLETE`.
    fn label(self) -> &'static str {
        match self {
            Scope::Everything => "everything",
            Scope::AllButPoints => "all but points",
            Scope::Pictures => "pictures",
            Scope::BesideARun => "beside a run",
        }
    }
}

/// The line of `INCOMPLETE` that names the scope of the command that
/// wrote it.
const SCOPE: &str = "scope: ";

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
    before.retain(|n| scope.owns(n));
    let text = format!(
        "A wom command is writing this directory, or was stopped while it did: the files here are not one complete result. Run the command again.\n{SCOPE}{}\n",
        scope.label()
    );
    write_atomic(&dir.join(INCOMPLETE), |out| {
        Ok(out.write_all(text.as_bytes())?)
    })?;
    start(dir);
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
        let written = take();
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
            .filter(|n| !self.scope.owns(n) && self.dir.join(n).is_file())
            .collect();
        list.extend(written);
        list.remove(INCOMPLETE);
        list.remove(MANIFEST);
        let text: String = list.iter().map(|n| format!("{n}\n")).collect();
        write_atomic(&self.dir.join(MANIFEST), |out| {
            Ok(out.write_all(text.as_bytes())?)
        })?;
        // A charts/ left empty (a run without charts) goes too; one that
        // holds anything stays.
        let _ = fs::remove_dir(self.dir.join("charts"));
        remove_if_present(&self.dir.join(INCOMPLETE))
    }
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
///
/// Unless it was written by a command that leaves a run's data alone
/// (`wom plot`, `wom trace`): a run beside such an `INCOMPLETE` is whole.
pub fn incomplete(dir: &Path) -> bool {
    let path = dir.join(INCOMPLETE);
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return false;
    };
    let text = if meta.is_file() && meta.len() < 4096 {
        fs::read_to_string(&path).unwrap_or_default()
    } else {
        String::new()
    };
    let spared = [Scope::Pictures, Scope::BesideARun]
        .iter()
        .any(|s| text.lines().any(|l| l == format!("{SCOPE}{}", s.label())));
    !spared
}
