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

use super::error::to_json_text;
use super::metadata::ShardRecord;
use crate::stats::Summary;
use crate::sweep::point::PointResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;

/// What the sweep files say about the sweep as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    pub combine: String,
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
    pub precision: Option<crate::sim::precision::Precision>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds (`null` while running).
    pub elapsed_seconds: Option<f64>,
    /// Points whose results are in sweep.csv (and points/).
    pub points_done: usize,
    /// Whether sweep.csv holds every point: `false` while the sweep runs
    /// and after an interruption (then `--resume` runs the rest).
    pub complete: bool,
    /// The base scenario, resolved.
    pub scenario: toml::Table,
    /// The shards merged (`wom merge`), in shard order; absent for a sweep
    /// on one machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shards: Option<Vec<ShardRecord>>,
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

fn stats(s: &Summary, metric: &str) -> csv::Result<Vec<String>> {
    [s.mean, s.sd, s.ci95[0], s.ci95[1], s.p5, s.p50, s.p95]
        .into_iter()
        .map(|x| super::rows::cell(x, metric))
        .collect()
}

/// Writes sweep.csv: one row per point × policy × metric, then per point ×
/// comparison the paired difference (`npv_difference`) and its parts
/// (`npv_difference.CAUSE`), with the baseline in the `baseline` column.
///
/// # Errors
/// When the file cannot be written.
pub fn write_csv(
    out: &mut dyn Write,
    keys: &[String],
    done: &BTreeMap<usize, PointResult>,
) -> csv::Result<()> {
    {
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
                    row.extend(stats(&s.summary, &s.metric)?);
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
                    let numbers = stats(s, &metric)?;
                    row.extend([c.policy.clone(), c.baseline.clone(), metric]);
                    row.extend(numbers);
                    w.write_record(&row)?;
                }
            }
        }
        w.flush()?;
        Ok(())
    }
}

/// sweep.json: the header, how many points are done, and every finished
/// point in point order.
#[derive(Debug, Serialize)]
pub struct SweepFile<'a> {
    /// What the sweep is.
    #[serde(flatten)]
    pub header: &'a SweepHeader,
    /// The wom version that wrote it.
    pub wom_version: &'static str,
    /// Points finished.
    pub points_done: usize,
    /// Whether every point is finished.
    pub complete: bool,
    /// The finished points, in point order.
    pub points: Vec<&'a PointResult>,
}

impl<'a> SweepFile<'a> {
    /// The file of a sweep with the points `done` finished.
    pub fn new(header: &'a SweepHeader, done: &'a BTreeMap<usize, PointResult>) -> Self {
        SweepFile {
            header,
            wom_version: env!("CARGO_PKG_VERSION"),
            points_done: done.len(),
            complete: done.len() == header.points_total,
            points: done.values().collect(),
        }
    }

    /// The text of sweep.json.
    ///
    /// # Errors
    /// When serialization fails (it does not for these types).
    pub fn text(&self) -> Result<String, serde_json::Error> {
        to_json_text(self)
    }
}
