//! File helpers: reading with the path in every error, atomic writes (a
//! temporary file in the same directory, synced, then renamed over the
//! target) so an interrupted run never leaves a half-written result, and
//! the lock that keeps a second command from writing into the same
//! directory.

use crate::present::bad_input;
use anyhow::{Context, Result};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The largest text file read whole (scenarios, seed files, JSON result
/// files): far above any real one, and a guard against reading a device or
/// a huge file by mistake.
pub const MAX_TEXT_BYTES: u64 = 256 << 20;

/// The size of the regular file at `path`.
///
/// # Errors
/// Bad input when it is missing, unreadable, or not a regular file (a
/// directory, a device such as /dev/zero, a pipe).
pub fn input_size(path: &Path, what: &str) -> Result<u64> {
    let meta = fs::metadata(path)
        .map_err(|e| bad_input(format!("cannot read {what} {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(bad_input(format!(
            "{what} {} is not a regular file",
            path.display()
        )));
    }
    Ok(meta.len())
}

/// Reads a whole text file of at most [`MAX_TEXT_BYTES`].
///
/// # Errors
/// Bad input when the file is missing, unreadable, not a regular file, too
/// large or not UTF-8.
pub fn read_input(path: &Path, what: &str) -> Result<String> {
    let size = input_size(path, what)?;
    if size > MAX_TEXT_BYTES {
        return Err(bad_input(format!(
            "{what} {} is {size} bytes; a {what} is at most {MAX_TEXT_BYTES} bytes",
            path.display()
        )));
    }
    fs::read_to_string(path)
        .map_err(|e| bad_input(format!("cannot read {what} {}: {e}", path.display())))
}

/// Opens a regular file for buffered reading.
///
/// # Errors
/// Bad input when the file is missing, unreadable or not a regular file.
pub fn open_input(path: &Path, what: &str) -> Result<std::io::BufReader<fs::File>> {
    input_size(path, what)?;
    let file = fs::File::open(path)
        .map_err(|e| bad_input(format!("cannot read {what} {}: {e}", path.display())))?;
    Ok(std::io::BufReader::with_capacity(1 << 20, file))
}

/// The suffix of every temporary file wom writes, so that cleaning up
/// after an interrupted run touches only wom's own files.
pub const TEMPORARY_SUFFIX: &str = ".wom-tmp";

/// The temporary sibling of a file named `name` while this process writes
/// it: `.NAME.PID.wom-tmp`.
pub fn temporary_name(name: &str) -> String {
    format!(".{name}.{}{TEMPORARY_SUFFIX}", std::process::id())
}

/// Whether `name` is a temporary file wom left (see [`temporary_name`]).
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMPORARY_SUFFIX)
}

/// Removes the temporary files an interrupted wom command left in `dir`
/// (named by [`temporary_name`]; nothing else is touched). Call it only
/// while holding the directory's lock ([`lock_dir`]), so that no other
/// command is writing one of them; [`lock_dir`] calls it for the directory
/// and its `charts/`.
///
/// # Errors
/// When `dir` exists but cannot be read, or a file cannot be removed.
pub fn remove_temporaries(dir: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory {}", dir.display()))?;
        // Files only: a shard being built beside (`.NAME.PID.wom-tmp/`) is
        // a directory under its own lock, cleaned by its own command.
        let file = entry.file_type().is_ok_and(|t| t.is_file());
        if file && is_temporary(&entry.file_name().to_string_lossy()) {
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
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
    let tmp = dir.join(temporary_name(&name));
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

/// Removes `path` if it exists.
///
/// # Errors
/// When it exists and cannot be removed.
pub fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
}

/// The lock file every command that writes into a directory holds: a
/// name only wom uses, empty, left in place (removing a lock file others
/// may be opening would let two holders coexist).
pub const LOCK_NAME: &str = ".wom-lock";

/// An exclusive lock on an output directory, held until dropped (the
/// operating system releases it when the process ends, however it ends).
#[derive(Debug)]
pub struct DirLock {
    _file: fs::File,
}

/// Takes the exclusive lock on `dir` for the rest of the command, creating
/// the directory when `create` (else a missing directory is not locked:
/// the caller's reading then reports it), and removes the temporary files a
/// killed command left in it and in its `charts/`. Uses the standard library's
/// `File::try_lock` (an advisory `flock` on Unix, `LockFileEx` on
/// Windows), so a second writer is refused at once instead of waiting.
///
/// # Errors
/// A failure (exit 1) naming the directory when another command holds the
/// lock, or when the lock file cannot be created.
pub fn lock_dir(dir: &Path, create: bool) -> Result<Option<DirLock>> {
    if create {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
    } else if !dir.is_dir() {
        return Ok(None);
    }
    let held = lock(&dir.join(LOCK_NAME), dir)?;
    // No other command writes here: the temporary files a killed one left
    // are ours to remove.
    for d in [dir, &dir.join("charts")] {
        remove_temporaries(d)?;
    }
    Ok(Some(held))
}

/// Takes the exclusive lock on the directory `dir` that a command builds
/// aside and renames into place whole (a shard): the lock file is
/// `.NAME.wom-lock` beside it, since `dir` itself may not exist yet and must
/// be empty when the finished directory is renamed over it.
///
/// # Errors
/// As [`lock_dir`].
pub fn lock_beside(dir: &Path) -> Result<DirLock> {
    let (parent, name) = parent_and_name(dir)?;
    fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create directory {}", parent.display()))?;
    lock(&parent.join(format!(".{name}{LOCK_NAME}")), dir)
}

/// Takes the lock file at `path` for the directory `dir`, at once or not.
fn lock(path: &Path, dir: &Path) -> Result<DirLock> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot create the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DirLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(anyhow::anyhow!(
            "another wom command is writing into {} (it holds {}); wait until it finishes, or write elsewhere with --out",
            dir.display(),
            path.display()
        )),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// The parent directory (`.` for a bare name) and the name of `dir`, an
/// output directory given with `--out`.
///
/// # Errors
/// Bad input when `dir` has no name (`/`, `..`).
pub fn parent_and_name(dir: &Path) -> Result<(PathBuf, String)> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| bad_input(format!("--out {}: name a directory", dir.display())))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}
