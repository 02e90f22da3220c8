//! The files of `wom calibrate`: posterior.csv (one weighted draw per row:
//! `weight` and one column per fitted key, readable as an
//! `[uncertainty] draws_file`), calibration.json (per key its prior and
//! posterior summary, the run's simulations, generations and tolerance,
//! the observed file) and predictive.csv (the posterior predictive band of
//! each observed series).

use super::ResultError;
use super::ordered::Ordered;
use super::rows::cell;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// calibration.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    /// wom's version.
    pub version: String,
    /// The scenario file, as given.
    pub scenario: String,
    /// The policy whose simulations were fitted.
    pub policy: String,
    /// The seed of every stream.
    pub seed: u64,
    /// Per fitted key, in `--fit` order.
    pub keys: Ordered<String, KeyPosterior>,
    /// Simulations run in all.
    pub simulations: u64,
    /// Generations kept, the prior's included.
    pub generations: u32,
    /// The tolerance the posterior's particles met (standardised distance).
    pub tolerance: f64,
    /// Particles per generation.
    pub particles: usize,
    /// Why the sampler stopped.
    pub stopped: String,
    /// The observed counts.
    pub observed: ObservedFile,
    /// Every generation after the prior's, in order.
    pub history: Vec<GenerationRecord>,
}

/// A fitted key's prior and posterior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPosterior {
    /// The prior, e.g. `uniform(0.01, 0.2)`.
    pub prior: String,
    /// Posterior mean.
    pub mean: f64,
    /// Posterior median.
    pub median: f64,
    /// Central 50% posterior interval.
    pub interval50: [f64; 2],
    /// Central 90% posterior interval.
    pub interval90: [f64; 2],
    /// Effective sample size of the posterior's weights.
    pub ess: f64,
}

/// What was observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedFile {
    /// The counts file, as given.
    pub file: String,
    /// Its columns of counts, in file order.
    pub columns: Vec<String>,
    /// Its periods.
    pub periods: usize,
}

/// One generation of the sampler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerationRecord {
    /// From 1.
    pub generation: u32,
    /// Its tolerance.
    pub tolerance: f64,
    /// Its simulations.
    pub simulations: u64,
    /// Particles kept per simulation.
    pub acceptance: f64,
}

/// One particle of posterior.csv: its weight and its values, in key order.
pub type WeightedDraw = (f64, Vec<f64>);

/// Writes posterior.csv: a header `weight,KEY,…` and one row per particle.
///
/// # Errors
/// A write error, or a number that is not finite.
pub fn write_posterior(
    out: &mut dyn Write,
    keys: &[String],
    rows: &[(f64, Vec<f64>)],
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["weight".to_owned()];
    header.extend(keys.iter().cloned());
    w.write_record(&header)?;
    for (weight, values) in rows {
        let mut record = vec![cell(*weight, "weight")?];
        for (v, k) in values.iter().zip(keys) {
            record.push(cell(*v, k)?);
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// Reads posterior.csv back: its keys and its (weight, values) rows.
///
/// # Errors
/// A [`ResultError`] naming the line for a missing `weight` column, a row
/// of the wrong length or a cell that is not a finite number.
pub fn read_posterior(
    text: &str,
    file: &str,
) -> Result<(Vec<String>, Vec<WeightedDraw>), ResultError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => return Err(ResultError::new(file, "no header")),
    };
    if header.get(0) != Some("weight") {
        return Err(ResultError::at(
            file,
            "line 1",
            "the first column must be `weight`",
        ));
    }
    let keys: Vec<String> = header.iter().skip(1).map(str::to_owned).collect();
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| ResultError::new(file, e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != keys.len() + 1 {
            return Err(ResultError::at(
                file,
                format!("line {line}"),
                "a row of the wrong length",
            ));
        }
        let numbers = record
            .iter()
            .map(|t| t.parse::<f64>().ok().filter(|x| x.is_finite()))
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(|| {
                ResultError::at(
                    file,
                    format!("line {line}"),
                    "a cell that is not a finite number",
                )
            })?;
        rows.push((numbers[0], numbers[1..].to_vec()));
    }
    Ok((keys, rows))
}

/// One row of predictive.csv: an observed series in one period, with the
/// posterior predictive mean and 5–95% band of its simulations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictiveRow {
    /// The series (a column of the observed file).
    pub series: String,
    /// Period, from 0.
    pub period: usize,
    /// The observed count.
    pub observed: f64,
    /// Mean of the posterior predictive simulations.
    pub mean: f64,
    /// Their 5th percentile.
    pub p5: f64,
    /// Their 95th percentile.
    pub p95: f64,
}

/// Writes predictive.csv.
///
/// # Errors
/// A write error, or a number that is not finite.
pub fn write_predictive(out: &mut dyn Write, rows: &[PredictiveRow]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["series", "period", "observed", "mean", "p5", "p95"])?;
    for r in rows {
        w.write_record([
            r.series.clone(),
            r.period.to_string(),
            cell(r.observed, "observed")?,
            cell(r.mean, "mean")?,
            cell(r.p5, "p5")?,
            cell(r.p95, "p95")?,
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posterior_csv_reads_back_what_was_written() {
        let keys = vec![
            "experience.problem_rate".to_owned(),
            "effects.deter".to_owned(),
        ];
        let rows = vec![(0.25, vec![0.07, 0.5]), (0.75, vec![0.1 / 3.0, 0.625])];
        let mut text = Vec::new();
        write_posterior(&mut text, &keys, &rows).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.starts_with("weight,experience.problem_rate,effects.deter\n0.25,0.07,0.5\n"));
        assert_eq!(read_posterior(&text, "p.csv").unwrap(), (keys, rows));
        let mut bad = Vec::new();
        assert!(write_posterior(&mut bad, &["k".into()], &[(1.0, vec![f64::NAN])]).is_err());
    }
}
