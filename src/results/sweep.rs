//! The files of a sweep (sweep.csv, sweep.json, points/) and how they
//! survive interruption.
//!
//! Each finished point is written atomically to
//! `DIR/points/NNNNN-HASH.json` (index, then the point's identity). After
//! each point, `sweep.csv` and `sweep.json` are rebuilt from every finished
//! point, in point order, and written atomically, so a run killed at any
//! moment leaves valid files. `--resume` keeps the point files whose name
//! matches a point of the new sweep (same index and identity) and runs the
//! rest; since the files are always rebuilt from the stored points, the
//! final files are byte-identical to those of an uninterrupted run.

use super::run::write_json;
use crate::present::files::{is_temporary, write_atomic};
use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use wom::stats::Summary;
use wom::sweep::hash::hex;
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

/// Prepares `dir` for a sweep: removes temporary files an interrupted run
/// of wom left (named by [`crate::present::files::temporary_name`]), and,
/// unless resuming, the point files of an earlier sweep (only files named
/// like point files are touched; nothing else of the user's).
///
/// # Errors
/// When the directory cannot be read or a file removed.
pub fn prepare(dir: &Path, resume: bool) -> Result<()> {
    for d in [dir.to_path_buf(), dir.join(POINTS_DIR)] {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read directory {}", d.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale_point = !resume && d != dir && is_point_file(&name);
            if is_temporary(&name) || stale_point {
                fs::remove_file(entry.path())
                    .with_context(|| format!("cannot remove {}", entry.path().display()))?;
            }
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
    let text = serde_json::to_string_pretty(point)?;
    let path = point_path(dir, point.index, hash);
    write_atomic(&path, |out| {
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    Ok(serde_json::from_str(&text)?)
}

/// What the sweep files say about the sweep as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepHeader {
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file.
    pub scenario_file: String,
    /// The seed every point uses.
    pub seed: u64,
    /// The swept keys, in axis order.
    pub keys: Vec<String>,
    /// `grid` or `zip`.
    pub combine: &'static str,
    /// The policies, baseline first.
    pub policies: Vec<String>,
    /// The currency of money metrics.
    pub currency: String,
    /// A precision target, relative (`None` without `--precision`).
    pub precision_target: Option<f64>,
    /// Points in the sweep.
    pub points_total: usize,
}

/// metadata.json of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct SweepMetadata {
    /// The wom version that ran.
    pub wom_version: String,
    /// The command line.
    pub command_line: Vec<String>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// The seed of every point.
    pub seed: u64,
    /// The swept keys.
    pub keys: Vec<String>,
    /// `grid` or `zip`.
    pub combine: String,
    /// Points in the sweep.
    pub points_total: usize,
    /// Points kept from an earlier run (`--resume`).
    pub points_resumed: usize,
    /// `--replications`, if given.
    pub replications: Option<u32>,
    /// The precision target, if any.
    pub precision: Option<wom::sim::precision::Precision>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds (`null` while running).
    pub elapsed_seconds: Option<f64>,
    /// The base scenario, resolved.
    pub scenario: toml::Table,
}

/// The column names of sweep.csv.
fn csv_header(keys: &[String]) -> Vec<String> {
    let mut header = vec!["point".to_string()];
    header.extend(keys.iter().cloned());
    for c in [
        "replications",
        "policy",
        "baseline",
        "metric",
        "mean",
        "sd",
        "ci_lo",
        "ci_hi",
        "p5",
        "p50",
        "p95",
    ] {
        header.push(c.to_string());
    }
    header
}

fn stats(s: &Summary) -> [String; 7] {
    [s.mean, s.sd, s.ci95[0], s.ci95[1], s.p5, s.p50, s.p95].map(|x| x.to_string())
}

/// Writes sweep.csv: one row per point × policy × metric, then per point ×
/// comparison the paired difference (`npv_difference`) and its parts
/// (`npv_difference.CAUSE`), with the baseline in the `baseline` column.
///
/// # Errors
/// When the file cannot be written.
pub fn write_csv(path: &Path, keys: &[String], done: &BTreeMap<usize, PointResult>) -> Result<()> {
    write_atomic(path, |out| {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(csv_header(keys))?;
        for p in done.values() {
            let mut lead = vec![p.index.to_string()];
            lead.extend(p.values.iter().map(|v| v.text.clone()));
            lead.push(p.replications.to_string());
            for policy in &p.policies {
                for s in &policy.metrics {
                    let mut row = lead.clone();
                    row.extend([policy.policy.clone(), String::new(), s.metric.clone()]);
                    row.extend(stats(&s.summary));
                    w.write_record(&row)?;
                }
            }
            for c in &p.comparisons {
                let parts = std::iter::once(("npv_difference".to_string(), &c.npv_difference))
                    .chain(
                        c.by_cause
                            .iter()
                            .map(|s| (format!("npv_difference.{}", s.metric), &s.summary)),
                    );
                for (metric, s) in parts {
                    let mut row = lead.clone();
                    row.extend([c.policy.clone(), c.baseline.clone(), metric]);
                    row.extend(stats(s));
                    w.write_record(&row)?;
                }
            }
        }
        w.flush()?;
        Ok(())
    })
}

/// Writes sweep.json: the header, how many points are done, and every
/// finished point in point order.
///
/// # Errors
/// When the file cannot be written.
pub fn write_sweep_json(
    path: &Path,
    header: &SweepHeader,
    done: &BTreeMap<usize, PointResult>,
) -> Result<()> {
    let mut value = serde_json::to_value(header)?;
    if let Some(map) = value.as_object_mut() {
        map.insert("wom_version".into(), env!("CARGO_PKG_VERSION").into());
        map.insert("points_done".into(), done.len().into());
        map.insert(
            "complete".into(),
            (done.len() == header.points_total).into(),
        );
        map.insert(
            "points".into(),
            serde_json::to_value(done.values().collect::<Vec<_>>())?,
        );
    }
    write_json(path, &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_file_names() {
        assert!(is_point_file("00012-0123456789abcdef.json"));
        assert!(!is_point_file("sweep.json"));
        assert!(!is_point_file("00012-0123.json"));
        assert!(is_temporary(".00012-0123456789abcdef.json.77.wom-tmp"));
        assert!(!is_temporary(".important.db.tmp"));
        let p = point_path(Path::new("d"), 3, 0xab);
        assert_eq!(p, Path::new("d/points/00003-00000000000000ab.json"));
    }
}
