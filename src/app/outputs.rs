//! The files `wom run` writes: summary.json, replications.csv, periods.csv
//! and metadata.json, each atomically.

use super::files::write_atomic;
use anyhow::Result;
use serde_json::{Map, Value, json};
use std::path::Path;
use wom::model::Scenario;
use wom::sim::precision::Reached;
use wom::sim::summary::{Cause, RunSummary};
use wom::sim::{Metric, PeriodSeries, ReplicationResult};
use wom::stats::Summary;

fn summary_json(s: &Summary) -> Value {
    json!({ "mean": s.mean, "sd": s.sd, "ci95": s.ci95, "p5": s.p5, "p50": s.p50, "p95": s.p95 })
}

/// The content of summary.json; `precision` is what a `--precision` run
/// reached (written as `"precision": null` without one).
pub fn summary_value(
    scenario: &Scenario,
    summary: &RunSummary,
    headlines: &[String],
    precision: Option<&Reached>,
) -> Value {
    let mut policies = Map::new();
    for p in &summary.policies {
        let metrics: Map<String, Value> = Metric::ALL
            .iter()
            .map(|&m| (m.key().to_string(), summary_json(p.metric(m))))
            .collect();
        policies.insert(p.name.clone(), Value::Object(metrics));
    }
    let comparisons: Vec<Value> = summary
        .comparisons
        .iter()
        .map(|c| {
            let by_cause: Map<String, Value> = Cause::ALL
                .iter()
                .map(|&k| (k.key().to_string(), summary_json(c.cause(k))))
                .collect();
            json!({
                "baseline": c.baseline,
                "policy": c.policy,
                "npv_difference": summary_json(&c.npv_difference),
                "unpaired_ci95_half_width": c.unpaired_half_width,
                "word_of_mouth_share": c.word_of_mouth_share,
                "by_cause": by_cause,
            })
        })
        .collect();
    json!({
        "scenario": scenario.name,
        "seed": scenario.seed,
        "replications": summary.replications,
        "precision": precision,
        "periods": scenario.periods,
        "period_label": scenario.period_label,
        "currency": scenario.economics.currency,
        "wom_version": env!("CARGO_PKG_VERSION"),
        "headlines": headlines,
        "policies": policies,
        "comparisons": comparisons,
    })
}

/// Writes a JSON value atomically, pretty-printed.
pub fn write_json(path: &Path, value: &Value) -> Result<()> {
    write_atomic(path, |out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        out.write_all(b"\n")?;
        Ok(())
    })
}

/// replications.csv: one row per replication × policy, every metric.
pub fn write_replications(
    path: &Path,
    names: &[String],
    results: &[ReplicationResult],
) -> Result<()> {
    write_atomic(path, |out| {
        let mut w = csv::Writer::from_writer(out);
        let mut header = vec!["replication".to_string(), "policy".to_string()];
        header.extend(Metric::ALL.iter().map(|m| m.key().to_string()));
        w.write_record(&header)?;
        for r in results {
            for (name, run) in names.iter().zip(&r.policies) {
                let mut row = vec![r.replication.to_string(), name.clone()];
                row.extend(Metric::ALL.iter().map(|&m| run.outputs.get(m).to_string()));
                w.write_record(&row)?;
            }
        }
        w.flush()?;
        Ok(())
    })
}

/// periods.csv: one row per period × policy with mean, p5 and p95 of each
/// per-period series.
pub fn write_periods(path: &Path, summary: &RunSummary) -> Result<()> {
    write_atomic(path, |out| {
        let mut w = csv::Writer::from_writer(out);
        let mut header = vec!["period".to_string(), "policy".to_string()];
        for s in PeriodSeries::ALL {
            for stat in ["mean", "p5", "p95"] {
                header.push(format!("{}_{stat}", s.key()));
            }
        }
        w.write_record(&header)?;
        for p in &summary.policies {
            for (t, bands) in p.periods.iter().enumerate() {
                let mut row = vec![t.to_string(), p.name.clone()];
                for b in bands {
                    row.extend([b.mean.to_string(), b.p5.to_string(), b.p95.to_string()]);
                }
                w.write_record(&row)?;
            }
        }
        w.flush()?;
        Ok(())
    })
}

/// metadata.json: the scenario as resolved with defaults, seed, version,
/// command line and run facts (`replications` as actually run).
pub fn metadata_value(
    scenario: &Scenario,
    scenario_file: &Path,
    people: u32,
    edges: Option<u64>,
    threads: usize,
    seconds: f64,
    replications: u64,
) -> Value {
    json!({
        "wom_version": env!("CARGO_PKG_VERSION"),
        "command_line": std::env::args().collect::<Vec<_>>(),
        "scenario_file": scenario_file.display().to_string(),
        "seed": scenario.seed,
        "replications": replications,
        "people": people,
        "edges": edges,
        "threads": threads,
        "elapsed_seconds": seconds,
        "scenario": scenario,
    })
}
