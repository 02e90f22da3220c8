//! A shard's directory (`wom run --shard`, `wom sweep --shard`): written
//! whole into a temporary sibling directory with a wom-only name
//! (`.NAME.PID.wom-tmp`, see [`temporary_name`]: never `shard-<number>`,
//! the names a cluster's merge script picks up) and renamed into place
//! last, so that a shard killed at any moment leaves either nothing at
//! `--out` or a complete shard; and read back for `wom merge`, refusing a
//! temporary directory.

use crate::present::bad_input;
use crate::store::files::{
    is_temporary, parent_and_name, read_input, temporary_name, write_atomic,
};
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use wom::results::shard::{self, Shard, ShardTexts};
use wom::results::sweep_shard::{SWEEP_HEADER, SweepShard, SweepShardHeader};

/// What `--out` holds before a shard is written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing (or an empty directory): write the shard.
    Free,
    /// This very shard, complete (an earlier attempt of a retried task):
    /// nothing to do.
    Done,
}

/// The kinds of shard directories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `wom run --shard`.
    Run,
    /// `wom sweep --shard`.
    Sweep,
}

/// Which kind of shard `dir` holds.
///
/// # Errors
/// Bad input when it is a temporary directory an interrupted shard left,
/// or holds no shard.
pub fn kind(dir: &Path) -> Result<Kind> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_temporary(&name) {
        return Err(bad_input(format!(
            "{}: a temporary directory that an interrupted shard left, not a finished shard (it can be deleted)",
            dir.display()
        )));
    }
    if dir.join(shard::HEADER).is_file() {
        Ok(Kind::Run)
    } else if dir.join(SWEEP_HEADER).is_file() {
        Ok(Kind::Sweep)
    } else {
        Err(bad_input(format!(
            "{}: not a shard directory (no {} or {SWEEP_HEADER}; `wom run --shard K/N` and `wom sweep --shard K/N` write them)",
            dir.display(),
            shard::HEADER
        )))
    }
}

/// Checks what `dir` holds before a shard is written there: nothing, an
/// empty directory, or a shard whose header file is `header`; then
/// `same(dir)` says whether that shard is this very one.
///
/// # Errors
/// Bad input when `dir` names no directory to create, is a file, holds
/// files that are not a shard, or holds another shard.
pub fn check_target(
    dir: &Path,
    header: &str,
    same: impl FnOnce(&Path) -> Result<bool>,
) -> Result<Target> {
    if dir.file_name().is_none() {
        return Err(bad_input(format!(
            "--out {}: name a directory for the shard, e.g. results/shard-0",
            dir.display()
        )));
    }
    let Ok(meta) = fs::metadata(dir) else {
        return Ok(Target::Free);
    };
    if !meta.is_dir() {
        return Err(bad_input(format!(
            "--out {} exists and is not a directory",
            dir.display()
        )));
    }
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read directory {}", dir.display()))?;
    if entries.next().is_none() {
        return Ok(Target::Free);
    }
    if !dir.join(header).is_file() {
        return Err(bad_input(format!(
            "--out {} exists and holds files that are not a shard: a shard goes into a new directory",
            dir.display()
        )));
    }
    if same(dir)? {
        Ok(Target::Done)
    } else {
        Err(bad_input(format!(
            "--out {} already holds another shard (another scenario, seed, replication count, shard or wom version): a shard never replaces another; remove it or choose a new directory",
            dir.display()
        )))
    }
}

/// Writes a shard directory at `dir` whole: `fill` writes into a
/// temporary sibling directory, which is renamed to `dir` last (over an
/// empty directory if there is one). Temporary directories that earlier,
/// interrupted attempts at the same `dir` left are removed afterwards.
///
/// # Errors
/// When a file cannot be written, or `dir` appeared meanwhile with files
/// in it; an error of `fill`.
pub fn write_dir(dir: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let (parent, name) = parent_and_name(dir)?;
    fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create directory {}", parent.display()))?;
    let tmp = parent.join(temporary_name(&name));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).with_context(|| format!("cannot remove {}", tmp.display()))?;
    }
    fs::create_dir(&tmp).with_context(|| format!("cannot create directory {}", tmp.display()))?;
    let result = fill(&tmp).and_then(|()| {
        fs::rename(&tmp, dir).with_context(|| {
            format!(
                "cannot move the finished shard {} to {} (did another task write it meanwhile?)",
                tmp.display(),
                dir.display()
            )
        })
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
        return result;
    }
    // Make the rename durable before the task reports success.
    if let Ok(d) = fs::File::open(&parent) {
        let _ = d.sync_all();
    }
    remove_stale(&parent, &name);
    Ok(())
}

/// Removes `.NAME.PID.wom-tmp` directories of other processes beside
/// `NAME` (left by attempts killed before their rename), best effort.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let ours = temporary_name(name);
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(crate::store::files::TEMPORARY_SUFFIX));
        let stale = pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if stale && file != ours && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes a run shard's three files (four with response times) into `dir` (a directory
/// [`write_dir`] is filling).
///
/// # Errors
/// When a file cannot be written.
pub fn write_run_files(shard: &Shard, dir: &Path) -> Result<()> {
    write_atomic(&dir.join(shard::REPLICATIONS), |out| {
        Ok(shard.write_replications(out)?)
    })?;
    write_atomic(&dir.join(shard::PERIODS), |out| {
        Ok(shard.write_periods(out)?)
    })?;
    if shard.has_responses() {
        write_atomic(&dir.join(shard::RESPONSES), |out| {
            Ok(shard.write_responses(out)?)
        })?;
    }
    super::write_text(&dir.join(shard::HEADER), &shard.header_text()?)
}

/// Reads the run shard in `dir`.
///
/// # Errors
/// Bad input naming the file and the field, line or column when a file
/// is missing, malformed, or does not fit the header.
pub fn load_run(dir: &Path) -> Result<Shard> {
    let header_path = dir.join(shard::HEADER);
    let header = read_input(&header_path, "shard file")?;
    let open = |file: &str| crate::store::files::open_input(&dir.join(file), "shard file");
    let name = |file: &str| dir.join(file).display().to_string();
    let (header_name, replications_name, periods_name) = (
        name(shard::HEADER),
        name(shard::REPLICATIONS),
        name(shard::PERIODS),
    );
    // Present only when the scenario uses response times; the parse
    // checks it is there exactly then.
    let responses_name = name(shard::RESPONSES);
    let responses = if dir.join(shard::RESPONSES).exists() {
        Some((open(shard::RESPONSES)?, responses_name.as_str()))
    } else {
        None
    };
    let texts = ShardTexts {
        header: (&header, &header_name),
        replications: (open(shard::REPLICATIONS)?, &replications_name),
        periods: (open(shard::PERIODS)?, &periods_name),
        responses,
    };
    Ok(Shard::parse(texts)?)
}

/// Writes a sweep shard's header into `dir` (its points are already in
/// `dir/points/`).
///
/// # Errors
/// When the file cannot be written.
pub fn write_sweep_header(header: &SweepShardHeader, dir: &Path) -> Result<()> {
    super::write_text(&dir.join(SWEEP_HEADER), &header.text()?)
}

/// Reads the sweep shard in `dir`: its header and every file of its
/// `points/`.
///
/// # Errors
/// Bad input naming the file when one is missing, malformed, or not a
/// point of the shard.
pub fn load_sweep(dir: &Path) -> Result<SweepShard> {
    let header_path = dir.join(SWEEP_HEADER);
    let header = read_input(&header_path, "shard file")?;
    let points = dir.join(super::sweep::POINTS_DIR);
    let mut files = Vec::new();
    if points.is_dir() {
        let entries = fs::read_dir(&points)
            .with_context(|| format!("cannot read directory {}", points.display()))?;
        for entry in entries {
            let entry =
                entry.with_context(|| format!("cannot read directory {}", points.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            files.push((name, read_input(&entry.path(), "sweep point file")?));
        }
    }
    Ok(SweepShard::parse(
        (&header, &header_path.display().to_string()),
        &points.display().to_string(),
        &files,
    )?)
}
