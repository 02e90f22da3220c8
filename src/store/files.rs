//! File helpers: reading with the path in every error, atomic writes (a
//! temporary file in the same directory, synced, then renamed over the
//! target) so an interrupted run never leaves a half-written result, and
//! the lock that keeps a second command from writing into the same
//! directory.

use super::guarded::Guarded;
use crate::present::bad_input;
use anyhow::{Context, Result};
use std::fs;
use std::io::{BufWriter, Read, Write};
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

/// Reads a whole text file of at most [`MAX_TEXT_BYTES`], checked while
/// read (see [`super::guarded`]): a file that changes meanwhile is refused.
///
/// # Errors
/// Bad input when the file is missing, unreadable, not a regular file, too
/// large, not UTF-8 (naming the line) or changed while it was read.
pub fn read_input(path: &Path, what: &str) -> Result<String> {
    let size = input_size(path, what)?;
    if size > MAX_TEXT_BYTES {
        return Err(bad_input(format!(
            "{what} {} is {size} bytes; a {what} is at most {MAX_TEXT_BYTES} bytes",
            path.display()
        )));
    }
    let mut text = String::new();
    guarded(path, what)?
        .any_line_length()
        .read_to_string(&mut text)
        .map_err(|e| read_error(path, what, &e))?;
    Ok(text)
}

/// Opens a regular file for buffered reading, line by line, checked while
/// read (see [`super::guarded`]): UTF-8, lines of at most
/// [`super::guarded::MAX_LINE_BYTES`], and the same file to its end.
///
/// # Errors
/// Bad input when the file is missing, unreadable or not a regular file;
/// the reader's errors name the file and the line.
pub fn open_input(path: &Path, what: &str) -> Result<std::io::BufReader<Guarded>> {
    Ok(std::io::BufReader::with_capacity(
        1 << 20,
        guarded(path, what)?,
    ))
}

/// Opens the regular file at `path` (checked before it is opened, so a
/// pipe is never opened and waited on) and again once open.
fn guarded(path: &Path, what: &str) -> Result<Guarded> {
    input_size(path, what)?;
    let file = fs::File::open(path)
        .map_err(|e| bad_input(format!("cannot read {what} {}: {e}", path.display())))?;
    let meta = file
        .metadata()
        .map_err(|e| bad_input(format!("cannot read {what} {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(bad_input(format!(
            "{what} {} is not a regular file",
            path.display()
        )));
    }
    Ok(Guarded::new(file, &meta, path, what))
}

/// A read error as bad input: the guard's own message names the file and
/// the line; any other names the file here.
fn read_error(path: &Path, what: &str, e: &std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::InvalidData {
        bad_input(e.to_string())
    } else {
        bad_input(format!("cannot read {what} {}: {e}", path.display()))
    }
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
/// which is flushed, synced and renamed over `path`. A `path` that exists
/// and is not a regular file is never replaced: a symbolic link is written
/// through (its target is replaced, the link kept), a device, pipe,
/// socket or directory is refused (see [`write_target`]).
///
/// # Errors
/// Bad input for a target that is not a regular file; a failure naming
/// `path` when it cannot be written (a full disk, no permission).
pub fn write_atomic(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let path = &write_target(path)?;
    // Listed as the writing command's before it exists (store::owned).
    super::record::note(path)?;
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
        fill(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {} (syncing it to disk)", path.display()))?;
        fs::rename(&tmp, path)
            .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The file a write to `path` replaces: `path` itself when it is missing
/// or a regular file, the file a symbolic link at `path` points to.
///
/// # Errors
/// Bad input (exit 2) when `path`, or what a link at it points to, exists
/// and is not a regular file (`/dev/null`, a pipe, a directory): renaming
/// a new file over it would replace what is not a result of ours.
pub fn write_target(path: &Path) -> Result<PathBuf> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(path.to_path_buf());
    };
    let target = if meta.file_type().is_symlink() {
        match fs::canonicalize(path) {
            Ok(real) => real,
            // A dangling link: written through to where it points.
            Err(_) => {
                let link = fs::read_link(path)
                    .with_context(|| format!("cannot read the link {}", path.display()))?;
                path.parent().unwrap_or(Path::new(".")).join(link)
            }
        }
    } else {
        path.to_path_buf()
    };
    match fs::metadata(&target) {
        Ok(m) if !m.is_file() => Err(bad_input(format!(
            "{} exists and is not a regular file ({}); wom writes only regular files and never replaces anything else: name a file",
            path.display(),
            kind(&m.file_type())
        ))),
        _ => Ok(target),
    }
}

/// What a file that is not a regular file is, for messages.
fn kind(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
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
        check_out_dir(dir)?;
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

/// Whether `--force-out` was given: write into a non-empty directory that
/// holds no result of wom's.
static FORCE_OUT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records `--force-out` for [`check_out_dir`] (set once by the command
/// line, before any command runs).
pub fn force_out(force: bool) {
    FORCE_OUT.store(force, std::sync::atomic::Ordering::Relaxed);
}

/// What an output directory may be: never the root of the file system,
/// and a directory that already holds files only when some are wom's
/// (its lock, its list of files, a result) or with `--force-out`, so a
/// mistyped `--out` (`/`, `~`, `/etc`) does not scatter results and a
/// lock among the user's files.
///
/// # Errors
/// Bad input (exit 2) naming the directory and the way out.
pub fn check_out_dir(dir: &Path) -> Result<()> {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if real.parent().is_none() {
        return Err(bad_input(format!(
            "--out {}: the root of the file system is not an output directory; name a directory of its own, e.g. --out results",
            dir.display()
        )));
    }
    let Ok(mut entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let empty = entries.next().is_none();
    if empty || holds_ours(dir) || FORCE_OUT.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    Err(bad_input(format!(
        "--out {}: the directory holds files and no result of wom's, and wom would add its files among them; name a new or empty directory, or pass --force-out to write there anyway",
        dir.display()
    )))
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
        Err(fs::TryLockError::Error(e)) if no_flock(&e) => Err(anyhow::anyhow!(
            "cannot lock {}: the file system of {} does not support file locks ({e}); \
             mount it with locks enabled (Lustre: the `flock` mount option), or write \
             --out to a file system that has them (deploy/README.md, \"File systems\")",
            path.display(),
            dir.display()
        )),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// Whether a lock error means the file system has no `flock` (Lustre
/// mounted without `-o flock` gives ENOSYS, some NFS setups ENOLCK or
/// EOPNOTSUPP).
fn no_flock(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(37 | 38 | 95))
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

/// Whether `dir` holds anything wom wrote: its lock, its list, or one of
/// its result files.
fn holds_ours(dir: &Path) -> bool {
    let named = [
        LOCK_NAME,
        super::record::MANIFEST,
        super::record::INCOMPLETE,
    ]
    .iter()
    .chain(super::record::KNOWN)
    .any(|n| dir.join(n).exists());
    // Or a temporary file of a wom command killed before it took its lock.
    named
        || fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| is_temporary(&e.file_name().to_string_lossy()))
        })
}
