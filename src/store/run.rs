//! A run's directory: summary.json, replications.csv, periods.csv and
//! metadata.json (with charts and report.html beside them).

use super::write_json;
use crate::present::bad_input;
use crate::store::files::{open_input, read_input, remove_if_present, write_atomic};
use anyhow::Result;
use std::path::Path;
use wom::results::rows;
use wom::results::run::{METADATA, PERIODS, REPLICATIONS, Run, RunTexts, SUMMARY};

/// Writes the run into `dir` (the caller holds its lock, see
/// `store::files::lock_dir`): first removes a summary.json an earlier
/// run left (so a run killed half way never looks complete), then writes
/// metadata.json, replications.csv and periods.csv, then calls `more`
/// (charts and report), and writes summary.json last.
///
/// # Errors
/// When a file cannot be written, or an error of `more`.
pub fn write(run: &Run, dir: &Path, more: impl FnOnce() -> Result<()>) -> Result<()> {
    remove_if_present(&dir.join(SUMMARY))?;
    let names = run.names();
    write_json(&dir.join(METADATA), &run.metadata)?;
    write_atomic(&dir.join(REPLICATIONS), |out| {
        let columns = rows::ReplicationColumns::of(&run.scenario);
        Ok(rows::write_replications(
            out,
            &names,
            &columns,
            &run.replications,
        )?)
    })?;
    write_atomic(&dir.join(PERIODS), |out| {
        Ok(rows::write_periods(out, &names, &run.periods)?)
    })?;
    remove_if_present(&dir.join(DRAWS))?;
    if let Some(u) = &run.summary.uncertainty {
        write_atomic(&dir.join(DRAWS), |out| Ok(draws_csv(out, u)?))?;
    }
    more()?;
    write_json(&dir.join(SUMMARY), &run.summary)
}

/// draws.csv of a run with `[uncertainty]`.
pub const DRAWS: &str = "draws.csv";

/// Writes draws.csv: one row per parameter draw, its keys' values and
/// each comparison's mean paired difference.
pub fn draws_csv<W: std::io::Write>(
    out: W,
    u: &wom::results::uncertainty::UncertaintySummary,
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(wom::results::uncertainty::draws_header(u))?;
    for row in &u.rows {
        let mut record = vec![row.draw.to_string()];
        record.extend(row.values.iter().map(f64::to_string));
        record.extend(row.differences.iter().map(f64::to_string));
        w.write_record(record)?;
    }
    w.flush()?;
    Ok(())
}

/// Makes the run in `dir`, if any, no longer look finished: for a command
/// about to write other files under a run's names (a sweep's or a
/// sensitivity analysis's metadata.json), so that summary.json never
/// stands beside files that are not its run's.
///
/// # Errors
/// When summary.json exists and cannot be removed.
pub fn forget(dir: &Path) -> Result<()> {
    remove_if_present(&dir.join(SUMMARY))
}

/// Reads the run saved in `dir`.
///
/// # Errors
/// Bad input naming the file and the field, line or column when a file is
/// missing, malformed, or does not belong with the others.
pub fn load(dir: &Path) -> Result<Run> {
    let summary_path = dir.join(SUMMARY);
    if !summary_path.exists() {
        return Err(bad_input(format!(
            "{}: no summary.json, so no finished run is there (a run writes it last)",
            dir.display()
        )));
    }
    if super::owned::incomplete(dir) {
        return Err(bad_input(format!(
            "{}: holds {}, so a wom command was stopped while it wrote there and its files are not one result; run the command again",
            dir.display(),
            super::owned::INCOMPLETE
        )));
    }
    let name = |file: &str| dir.join(file).display().to_string();
    let meta_path = dir.join(METADATA);
    let metadata = read_input(&meta_path, "result file")?;
    let summary = read_input(&summary_path, "result file")?;
    let replications = open_input(&dir.join(REPLICATIONS), "result file")?;
    let periods = open_input(&dir.join(PERIODS), "result file")?;
    let (meta_name, summary_name) = (name(METADATA), name(SUMMARY));
    let (replications_name, periods_name) = (name(REPLICATIONS), name(PERIODS));
    let texts = RunTexts {
        metadata: (&metadata, &meta_name),
        summary: (&summary, &summary_name),
        replications: (
            Box::new(replications) as Box<dyn std::io::Read>,
            &replications_name,
        ),
        periods: (Box::new(periods), &periods_name),
    };
    Ok(Run::parse(texts)?)
}
