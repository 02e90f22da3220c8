//! The files of `wom sensitivity`: sensitivity.csv (one row per key,
//! largest swing first), sensitivity.json and metadata.json, each from one
//! typed struct.

use crate::stats::Summary;
use crate::sweep::sensitivity::Effect;
use crate::sweep::value_text;
use serde::Serialize;
use std::io::Write;

/// One row of sensitivity.csv.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityRow {
    /// The dotted key moved.
    pub key: String,
    /// Its low value.
    pub low: String,
    /// Its high value.
    pub high: String,
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// The headline difference at the low value.
    pub low_mean: f64,
    /// Its 95% interval.
    pub low_ci_lo: f64,
    /// Its 95% interval.
    pub low_ci_hi: f64,
    /// The headline difference at the high value.
    pub high_mean: f64,
    /// Its 95% interval.
    pub high_ci_lo: f64,
    /// Its 95% interval.
    pub high_ci_hi: f64,
    /// High minus low, paired by replication.
    pub swing: f64,
    /// Its 95% interval.
    pub swing_ci_lo: f64,
    /// Its 95% interval.
    pub swing_ci_hi: f64,
    /// Where the range comes from.
    pub source: String,
}

/// One key in sensitivity.json.
#[derive(Debug, Clone, Serialize)]
pub struct EffectEntry {
    /// The dotted key.
    pub key: String,
    /// Its low value.
    pub low: String,
    /// Its high value.
    pub high: String,
    /// Where the range comes from.
    pub source: String,
    /// The headline difference at the low value.
    pub at_low: Summary,
    /// At the high value.
    pub at_high: Summary,
    /// High minus low, paired.
    pub swing: Summary,
}

/// sensitivity.json.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityFile {
    /// The scenario's name.
    pub scenario: String,
    /// Seed of every run.
    pub seed: u64,
    /// Replications of every run.
    pub replications: u64,
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// Currency.
    pub currency: String,
    /// The headline difference at the base values.
    pub base: Summary,
    /// Every key, largest swing first.
    pub effects: Vec<EffectEntry>,
}

/// metadata.json of a sensitivity analysis.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityMetadata {
    /// The wom version that ran.
    pub wom_version: String,
    /// The command line.
    pub command_line: Vec<String>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// Seed.
    pub seed: u64,
    /// Replications of every run.
    pub replications: u64,
    /// Runs (1 base + 2 per key).
    pub runs: usize,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub elapsed_seconds: f64,
    /// The base scenario, resolved.
    pub scenario: toml::Table,
}

impl SensitivityFile {
    /// The rows of sensitivity.csv.
    pub fn rows(&self) -> Vec<SensitivityRow> {
        self.effects
            .iter()
            .map(|e| SensitivityRow {
                key: e.key.clone(),
                low: e.low.clone(),
                high: e.high.clone(),
                baseline: self.baseline.clone(),
                policy: self.policy.clone(),
                low_mean: e.at_low.mean,
                low_ci_lo: e.at_low.ci95[0],
                low_ci_hi: e.at_low.ci95[1],
                high_mean: e.at_high.mean,
                high_ci_lo: e.at_high.ci95[0],
                high_ci_hi: e.at_high.ci95[1],
                swing: e.swing.mean,
                swing_ci_lo: e.swing.ci95[0],
                swing_ci_hi: e.swing.ci95[1],
                source: e.source.clone(),
            })
            .collect()
    }

    /// Writes sensitivity.csv: one row per key, largest swing first.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_csv(&self, out: &mut dyn Write) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        for row in self.rows() {
            super::finite::check(&row).map_err(std::io::Error::other)?;
            w.serialize(row)?;
        }
        w.flush()?;
        Ok(())
    }
}

impl EffectEntry {
    /// The entry of one key's effect.
    pub fn new(e: &Effect) -> Self {
        EffectEntry {
            key: e.vary.key.clone(),
            low: value_text(&e.vary.low),
            high: value_text(&e.vary.high),
            source: e.source.clone(),
            at_low: e.at_low,
            at_high: e.at_high,
            swing: e.swing,
        }
    }
}
