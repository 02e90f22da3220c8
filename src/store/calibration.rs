//! A calibration's directory: posterior.csv, predictive.csv,
//! calibrated.toml and charts/, with calibration.json removed first and
//! written last, so a calibration killed half way never looks complete.

use super::{write_json, write_text};
use crate::report::Rendered;
use crate::store::files::{remove_if_present, write_atomic};
use anyhow::{Context, Result};
use std::path::Path;
use wom::results::calibration::{
    CalibrationFile, PredictiveRow, write_posterior, write_predictive,
};

/// The file that marks a finished calibration.
pub const CALIBRATION: &str = "calibration.json";

/// Makes the calibration in `dir`, if any, no longer look finished.
///
/// # Errors
/// When calibration.json exists and cannot be removed.
pub fn forget(dir: &Path) -> Result<()> {
    remove_if_present(&dir.join(CALIBRATION))
}

/// Writes a calibration into `dir` (the caller holds its lock):
/// calibration.json last.
///
/// # Errors
/// When a file cannot be written.
pub fn write(
    dir: &Path,
    calibration: &CalibrationFile,
    keys: &[String],
    rows: &[(f64, Vec<f64>)],
    predictive: &[PredictiveRow],
    calibrated: &str,
    charts: &[Rendered],
) -> Result<()> {
    forget(dir)?;
    write_atomic(&dir.join("posterior.csv"), |out| {
        Ok(write_posterior(out, keys, rows)?)
    })?;
    write_atomic(&dir.join("predictive.csv"), |out| {
        Ok(write_predictive(out, predictive)?)
    })?;
    write_text(&dir.join("calibrated.toml"), calibrated)?;
    let charts_dir = dir.join("charts");
    std::fs::create_dir_all(&charts_dir)
        .with_context(|| format!("cannot create directory {}", charts_dir.display()))?;
    for c in charts {
        write_atomic(&charts_dir.join(format!("{}.png", c.stem)), |out| {
            Ok(out.write_all(&c.png)?)
        })?;
        write_text(&charts_dir.join(format!("{}.svg", c.stem)), &c.svg)?;
    }
    write_json(&dir.join(CALIBRATION), calibration)
}
