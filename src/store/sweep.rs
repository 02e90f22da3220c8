//! A sweep's directory: one file per finished point in `points/`, rebuilt
//! sweep.csv and sweep.json, and what `--resume` keeps.
//!
//! Each finished point is written atomically to
//! `DIR/points/NNNNN-HASH.json` (index, then the point's identity). After
//! each point, `sweep.csv` and `sweep.json` are rebuilt from every finished
//! point, in point order, and written atomically, so a run killed at any
//! moment leaves valid files. `--resume` keeps the point files whose name
//! matches a point of the new sweep (same index and identity) and runs the
//! rest; since the files are always rebuilt from the stored points, the
//! final files are byte-identical to those of an uninterrupted run.

use super::write_text;
use crate::store::files::{remove_temporaries, write_atomic};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use wom::hash::hex;
use wom::results::sweep::{SweepFile, SweepHeader, write_csv};
use wom::sweep::point::PointResult;

/// The sub-directory holding one file per finished point.
pub const POINTS_DIR: &str = "points";

/// The file of point `index` with identity `hash`.
pub fn point_path(dir: &Path, index: usize, hash: u64) -> PathBuf {
    dir.join(POINTS_DIR)
        .join(format!("{index:05}-{}.json", hex(hash)))
}

/// Whether `name` is a point file's name (`NNNNN-<16 hex>.json`).
fn is_point_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let Some((index, hash)) = stem.split_once('-') else {
        return false;
    };
    !index.is_empty()
        && index.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Prepares `dir` for a sweep (whose lock the caller holds, which cleaned
/// `dir` itself): removes temporary files an interrupted run of wom left in
/// `points/` (named by [`crate::store::files::temporary_name`]), and,
/// unless resuming, the point files of an earlier sweep (only files named
/// like point files are touched; nothing else of the user's).
///
/// # Errors
/// When the directory cannot be read or a file removed.
pub fn prepare(dir: &Path, resume: bool) -> Result<()> {
    let points = dir.join(POINTS_DIR);
    remove_temporaries(&points)?;
    if resume {
        return Ok(());
    }
    let Ok(entries) = fs::read_dir(&points) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory {}", points.display()))?;
        if is_point_file(&entry.file_name().to_string_lossy()) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Reads the stored point at `path` if it exists, parses, and is the point
/// with this index and identity; anything else means "not done".
pub fn load_point(path: &Path, index: usize, hash: u64) -> Option<PointResult> {
    let text = fs::read_to_string(path).ok()?;
    let point: PointResult = serde_json::from_str(&text).ok()?;
    (point.index == index && point.hash == hex(hash)).then_some(point)
}

/// Writes a finished point atomically and returns it as read back from its
/// JSON, so that what the sweep files are built from is exactly what a
/// resumed run will read.
///
/// # Errors
/// When the file cannot be written.
pub fn store_point(dir: &Path, hash: u64, point: &PointResult) -> Result<PointResult> {
    let text = wom::results::to_json_text(point)?;
    let path = point_path(dir, point.index, hash);
    write_atomic(&path, |out| Ok(out.write_all(text.as_bytes())?))?;
    Ok(serde_json::from_str(&text)?)
}

/// Rebuilds sweep.csv and sweep.json from the finished points.
///
/// # Errors
/// When a file cannot be written.
pub fn write_files(
    dir: &Path,
    header: &SweepHeader,
    done: &BTreeMap<usize, PointResult>,
) -> Result<()> {
    write_atomic(&dir.join("sweep.csv"), |out| {
        Ok(write_csv(out, &header.keys, done)?)
    })?;
    write_text(
        &dir.join("sweep.json"),
        &SweepFile::new(header, done).text()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_file_names() {
        assert!(is_point_file("00012-0123456789abcdef.json"));
        assert!(!is_point_file("sweep.json"));
        assert!(!is_point_file("00012-0123.json"));
        use crate::store::files::is_temporary;
        assert!(is_temporary(".00012-0123456789abcdef.json.77.wom-tmp"));
        assert!(!is_temporary(".important.db.tmp"));
        let p = point_path(Path::new("d"), 3, 0xab);
        assert_eq!(p, Path::new("d/points/00003-00000000000000ab.json"));
    }
}
