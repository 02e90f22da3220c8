//! replications.csv and periods.csv: one typed row each, written and read
//! by the same code, so a column is named in one place. Reading checks the
//! header exactly and every cell, naming the file, line and column.

use super::error::ResultError;
use crate::model::Scenario;
use crate::sim::summary::{Band, RunSummary};
use crate::sim::{Metric, Outputs, PeriodSeries, ReplicationResult, SegmentMetric, SegmentOutputs};
use std::io::{Read, Write};

/// One row of replications.csv: one policy in one replication.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationRow {
    /// Replication index.
    pub replication: u64,
    /// The policy's position in the scenario.
    pub policy: usize,
    /// Every metric, indexed like [`Metric::ALL`].
    pub outputs: Outputs,
    /// With segments, each segment's metrics, in scenario order (empty
    /// without segments).
    pub segments: Vec<SegmentOutputs>,
}

impl ReplicationRow {
    /// The rows of `results`, replication by replication, policies in order.
    pub fn from_results(results: &[ReplicationResult]) -> Vec<ReplicationRow> {
        results
            .iter()
            .flat_map(|r| {
                r.policies
                    .iter()
                    .enumerate()
                    .map(|(policy, run)| ReplicationRow {
                        replication: r.replication,
                        policy,
                        outputs: run.outputs,
                        segments: run.segments.clone(),
                    })
            })
            .collect()
    }
}

/// One row of periods.csv: one policy in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRow {
    /// Period, from 0.
    pub period: u32,
    /// The policy's position in the scenario.
    pub policy: usize,
    /// Mean and 5–95% band of each series, indexed like [`PeriodSeries::ALL`].
    pub bands: [Band; PeriodSeries::COUNT],
}

impl PeriodRow {
    /// The rows of a summary, policy by policy, periods in order.
    pub fn from_summary(summary: &RunSummary) -> Vec<PeriodRow> {
        summary
            .policies
            .iter()
            .enumerate()
            .flat_map(|(policy, p)| {
                p.periods
                    .iter()
                    .enumerate()
                    .map(move |(t, bands)| PeriodRow {
                        period: t as u32,
                        policy,
                        bands: *bands,
                    })
            })
            .collect()
    }
}

const BAND_STATS: [&str; 3] = ["mean", "p5", "p95"];

/// The columns of replications.csv a run reports: its metrics (see
/// [`Metric::reported`]), then, with segments, each segment's metrics as
/// `segments.SEGMENT.METRIC`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationColumns {
    /// The reported metrics, in file order.
    pub metrics: Vec<Metric>,
    /// The segments' names, in scenario order (empty without segments).
    pub segments: Vec<String>,
    /// The reported segment metrics, in file order.
    pub segment_metrics: Vec<SegmentMetric>,
}

impl ReplicationColumns {
    /// The columns of a run of `scenario`.
    pub fn of(scenario: &Scenario) -> Self {
        ReplicationColumns {
            metrics: Metric::reported(scenario),
            segments: scenario.segment_names(),
            segment_metrics: SegmentMetric::reported(scenario),
        }
    }

    /// Every column a run of `scenario` could hold: every metric of
    /// [`Metric::ALL`] and, with segments, every [`SegmentMetric::ALL`]
    /// (a shard keeps everything, so that a merge drops nothing).
    pub fn complete(scenario: &Scenario) -> Self {
        ReplicationColumns {
            metrics: Metric::ALL.to_vec(),
            segments: scenario.segment_names(),
            segment_metrics: SegmentMetric::ALL.to_vec(),
        }
    }

    /// Every (segment index, metric) column after the metrics, in order.
    fn segment_cells(&self) -> impl Iterator<Item = (usize, SegmentMetric)> + '_ {
        (0..self.segments.len()).flat_map(|g| self.segment_metrics.iter().map(move |&m| (g, m)))
    }
}

/// The header of replications.csv for the reported `columns`.
pub fn replications_header(columns: &ReplicationColumns) -> Vec<String> {
    let mut header = vec!["replication".to_owned(), "policy".to_owned()];
    header.extend(columns.metrics.iter().map(|m| m.key().to_owned()));
    header.extend(
        columns
            .segment_cells()
            .map(|(g, m)| format!("segments.{}.{}", columns.segments[g], m.key())),
    );
    header
}

/// The header of periods.csv.
pub fn periods_header() -> Vec<String> {
    let mut header = vec!["period".to_owned(), "policy".to_owned()];
    for s in PeriodSeries::ALL {
        header.extend(BAND_STATS.iter().map(|stat| format!("{}_{stat}", s.key())));
    }
    header
}

/// Writes replications.csv: one row per replication × policy, policies
/// named by `names`, with the reported `columns`.
///
/// # Errors
/// When writing fails.
pub fn write_replications(
    out: &mut dyn Write,
    names: &[String],
    columns: &ReplicationColumns,
    rows: &[ReplicationRow],
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(replications_header(columns))?;
    for r in rows {
        let mut record = vec![r.replication.to_string(), names[r.policy].clone()];
        for &m in &columns.metrics {
            record.push(cell(r.outputs.get(m), m.key())?);
        }
        for (g, m) in columns.segment_cells() {
            record.push(cell(r.segments[g].get(m), m.key())?);
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes periods.csv: one row per policy × period with the mean, p5 and
/// p95 of each per-period series, policies named by `names`.
///
/// # Errors
/// When writing fails.
pub fn write_periods(out: &mut dyn Write, names: &[String], rows: &[PeriodRow]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(periods_header())?;
    for r in rows {
        let mut record = vec![r.period.to_string(), names[r.policy].clone()];
        for (b, s) in r.bands.iter().zip(PeriodSeries::ALL) {
            for x in [b.mean, b.p5, b.p95] {
                record.push(cell(x, s.key())?);
            }
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

/// A number as a CSV cell, refused (as a write error) when not finite.
///
/// # Errors
/// When `x` is NaN or infinite (see [`super::finite`]).
pub fn cell(x: f64, what: &str) -> csv::Result<String> {
    super::finite::number(x, what)
        .map(|x| x.to_string())
        .map_err(|e| std::io::Error::other(e).into())
}

/// A CSV read cell by cell, with errors that name the file, the line and
/// the column.
pub(super) struct Cells<'a> {
    file: &'a str,
    header: Vec<String>,
    names: &'a [String],
}

impl Cells<'_> {
    pub(super) fn error(&self, line: u64, column: usize, what: &str) -> ResultError {
        let column = self.header.get(column).map_or("?", String::as_str);
        ResultError::at(self.file, format!("line {line}, column `{column}`"), what)
    }

    pub(super) fn number(
        &self,
        record: &csv::StringRecord,
        line: u64,
        i: usize,
    ) -> Result<f64, ResultError> {
        let text = record.get(i).unwrap_or("");
        match text.parse::<f64>() {
            Ok(x) if super::finite::within(x) => Ok(x),
            _ => Err(self.error(
                line,
                i,
                &format!(
                    "{:?} is not a finite number from -1e30 to 1e30 (no run gives more than about 4.3e25)",
                    super::quote::short(text)
                ),
            )),
        }
    }

    pub(super) fn whole<T: std::str::FromStr>(
        &self,
        record: &csv::StringRecord,
        line: u64,
        i: usize,
    ) -> Result<T, ResultError> {
        let text = record.get(i).unwrap_or("");
        text.parse::<T>()
            .map_err(|_| self.error(line, i, &format!("{text:?} is not a whole number >= 0")))
    }

    pub(super) fn policy(
        &self,
        record: &csv::StringRecord,
        line: u64,
        i: usize,
    ) -> Result<usize, ResultError> {
        let text = record.get(i).unwrap_or("");
        self.names.iter().position(|n| n == text).ok_or_else(|| {
            let known = self.names.join(", ");
            self.error(
                line,
                i,
                &format!("unknown policy {text:?} (the run's policies: {known})"),
            )
        })
    }
}

/// Reads every record of a CSV whose header must be exactly `expected`,
/// calling `row` with each record and its line number.
pub(super) fn read_csv<T>(
    input: impl Read,
    file: &str,
    names: &[String],
    expected: Vec<String>,
    mut row: impl FnMut(&Cells<'_>, &csv::StringRecord, u64) -> Result<T, ResultError>,
) -> Result<Vec<T>, ResultError> {
    let mut reader = csv::Reader::from_reader(input);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ResultError::new(file, e.to_string()))?
        .iter()
        .map(str::to_owned)
        .collect();
    if header != expected {
        let at = header
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(header.len().min(expected.len()));
        return Err(ResultError::at(
            file,
            "line 1",
            format!(
                "the header does not match this version's columns: column {} is {:?}, expected {:?}",
                at + 1,
                super::quote::short(header.get(at).map_or("(none)", String::as_str)),
                expected.get(at).map_or("(none)", String::as_str),
            ),
        ));
    }
    let cells = Cells {
        file,
        header,
        names,
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ResultError::new(file, e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != expected.len() {
            return Err(ResultError::at(
                file,
                format!("line {line}"),
                format!("{} fields, expected {}", record.len(), expected.len()),
            ));
        }
        rows.push(row(&cells, &record, line)?);
    }
    Ok(rows)
}

/// Reads replications.csv written with the reported `columns` of a run of
/// the policies `names`.
///
/// # Errors
/// A [`ResultError`] naming the file, line and column of the first bad
/// cell.
pub fn read_replications(
    input: impl Read,
    file: &str,
    names: &[String],
    columns: &ReplicationColumns,
) -> Result<Vec<ReplicationRow>, ResultError> {
    let first_segment_cell = 2 + columns.metrics.len();
    read_csv(
        input,
        file,
        names,
        replications_header(columns),
        |c, r, line| {
            let mut outputs = Outputs::default();
            for (i, &m) in columns.metrics.iter().enumerate() {
                outputs.set(m, c.number(r, line, 2 + i)?);
            }
            let mut segments = vec![SegmentOutputs::default(); columns.segments.len()];
            for (i, (g, m)) in columns.segment_cells().enumerate() {
                segments[g].set(m, c.number(r, line, first_segment_cell + i)?);
            }
            Ok(ReplicationRow {
                replication: c.whole(r, line, 0)?,
                policy: c.policy(r, line, 1)?,
                outputs,
                segments,
            })
        },
    )
}

/// Reads periods.csv of a run of the policies `names`.
///
/// # Errors
/// A [`ResultError`] naming the file, line and column of the first bad
/// cell.
pub fn read_periods(
    input: impl Read,
    file: &str,
    names: &[String],
) -> Result<Vec<PeriodRow>, ResultError> {
    read_csv(input, file, names, periods_header(), |c, r, line| {
        let mut bands = [Band {
            mean: 0.0,
            p5: 0.0,
            p95: 0.0,
        }; PeriodSeries::COUNT];
        for (s, band) in bands.iter_mut().enumerate() {
            let at = 2 + 3 * s;
            *band = Band {
                mean: c.number(r, line, at)?,
                p5: c.number(r, line, at + 1)?,
                p95: c.number(r, line, at + 2)?,
            };
        }
        Ok(PeriodRow {
            period: c.whole(r, line, 0)?,
            policy: c.policy(r, line, 1)?,
            bands,
        })
    })
}
