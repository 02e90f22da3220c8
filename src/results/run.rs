//! A finished run as files: summary.json, replications.csv, periods.csv and
//! metadata.json, built in memory from a simulation, written atomically
//! (summary.json last, so its presence means the run completed), and read
//! back with every file checked on its own and against the others.

use super::metadata::MetadataFile;
use super::rows::{self, PeriodRow, ReplicationRow};
use super::summary::{Stat, SummaryFile};
use crate::present::bad_input;
use crate::present::files::{open_input, read_input, remove_if_present, write_atomic};
use anyhow::Result;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;
use wom::model::Scenario;
use wom::sim::Metric;

/// summary.json: present only when every other file is from the same run.
pub const SUMMARY: &str = "summary.json";
/// metadata.json.
pub const METADATA: &str = "metadata.json";
/// replications.csv.
pub const REPLICATIONS: &str = "replications.csv";
/// periods.csv.
pub const PERIODS: &str = "periods.csv";

/// Every file of a finished run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The scenario run (from metadata.json's resolved scenario).
    pub scenario: Scenario,
    /// summary.json.
    pub summary: SummaryFile,
    /// metadata.json.
    pub metadata: MetadataFile,
    /// replications.csv: replication by replication, policies in order.
    pub replications: Vec<ReplicationRow>,
    /// periods.csv: policy by policy, periods in order.
    pub periods: Vec<PeriodRow>,
}

/// Reads a JSON result file into its type, naming the file and the field
/// at fault.
///
/// # Errors
/// Bad input for a missing, unreadable or malformed file.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_input(path, "result file")?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        let at = if at == "." {
            String::new()
        } else {
            format!(" at `{at}`")
        };
        bad_input(format!("{}{at}: {}", path.display(), e.inner()))
    })
}

/// Writes a value as pretty JSON, atomically.
///
/// # Errors
/// When the file cannot be written.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    write_atomic(path, |out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        out.write_all(b"\n")?;
        Ok(())
    })
}

impl Run {
    /// The metrics the run reports, in file order.
    pub fn metrics(&self) -> Vec<Metric> {
        Metric::reported(&self.scenario)
    }

    /// The policies' names, in scenario order.
    pub fn names(&self) -> Vec<String> {
        self.scenario.policy_names()
    }

    /// Writes the run into `dir`: first removes a summary.json an earlier
    /// run left (so a run killed half way never looks complete), then
    /// writes metadata.json, replications.csv and periods.csv, then calls
    /// `more` (charts and report), and writes summary.json last.
    ///
    /// # Errors
    /// When a file cannot be written, or an error of `more`.
    pub fn write(&self, dir: &Path, more: impl FnOnce() -> Result<()>) -> Result<()> {
        remove_if_present(&dir.join(SUMMARY))?;
        let names = self.names();
        write_json(&dir.join(METADATA), &self.metadata)?;
        write_atomic(&dir.join(REPLICATIONS), |out| {
            rows::write_replications(out, &names, &self.metrics(), &self.replications)
        })?;
        write_atomic(&dir.join(PERIODS), |out| {
            rows::write_periods(out, &names, &self.periods)
        })?;
        more()?;
        write_json(&dir.join(SUMMARY), &self.summary)
    }

    /// Reads the run saved in `dir`.
    ///
    /// # Errors
    /// Bad input naming the file and the field, line or column when a file
    /// is missing, malformed, or does not belong with the others.
    pub fn load(dir: &Path) -> Result<Run> {
        let meta_path = dir.join(METADATA);
        let summary_path = dir.join(SUMMARY);
        if !summary_path.exists() {
            return Err(bad_input(format!(
                "{}: no summary.json, so no finished run is there (a run writes it last)",
                dir.display()
            )));
        }
        let metadata: MetadataFile = read_json(&meta_path)?;
        let scenario = metadata.scenario(&meta_path)?;
        let names = scenario.policy_names();
        let summary: SummaryFile = read_json(&summary_path)?;
        summary
            .check(&scenario)
            .map_err(|e| bad_input(format!("{}: {e}", summary_path.display())))?;
        let path = dir.join(REPLICATIONS);
        let metrics = Metric::reported(&scenario);
        let input = open_input(&path, "result file")?;
        let replications = rows::read_replications(input, &path, &names, &metrics)?;
        let path = dir.join(PERIODS);
        let periods = rows::read_periods(open_input(&path, "result file")?, &path, &names)?;
        let run = Run {
            scenario,
            summary,
            metadata,
            replications,
            periods,
        };
        run.check(dir)?;
        Ok(run)
    }

    /// Checks that the files belong together.
    fn check(&self, dir: &Path) -> Result<()> {
        let names = self.names();
        let s = &self.summary;
        let in_file =
            |file: &str, what: String| bad_input(format!("{}: {what}", dir.join(file).display()));
        let summary_names: Vec<&String> = s.policies.keys().collect();
        if summary_names
            .iter()
            .map(|n| n.as_str())
            .ne(names.iter().map(String::as_str))
        {
            return Err(in_file(
                SUMMARY,
                format!(
                    "policies {summary_names:?} are not the scenario's {names:?} (metadata.json)"
                ),
            ));
        }
        if s.seed != self.metadata.seed || s.replications != self.metadata.replications {
            return Err(in_file(
                SUMMARY,
                format!(
                    "seed {} and {} replications differ from metadata.json's seed {} and {} replications",
                    s.seed, s.replications, self.metadata.seed, self.metadata.replications
                ),
            ));
        }
        if s.scenario != self.scenario.name || s.periods != self.scenario.periods {
            return Err(in_file(
                SUMMARY,
                format!(
                    "scenario `{}` with {} periods is not metadata.json's `{}` with {}",
                    s.scenario, s.periods, self.scenario.name, self.scenario.periods
                ),
            ));
        }
        if s.comparisons.len() + 1 != names.len() || s.headlines.len() != s.comparisons.len() {
            return Err(in_file(
                SUMMARY,
                format!(
                    "{} comparisons and {} headlines for {} policies (expected {} of each)",
                    s.comparisons.len(),
                    s.headlines.len(),
                    names.len(),
                    names.len() - 1
                ),
            ));
        }
        for (i, c) in s.comparisons.iter().enumerate() {
            if c.baseline != names[0] || c.policy != names[i + 1] {
                return Err(in_file(
                    SUMMARY,
                    format!(
                        "comparisons[{i}] is `{}` against `{}`, expected `{}` against `{}`",
                        c.policy,
                        c.baseline,
                        names[i + 1],
                        names[0]
                    ),
                ));
            }
        }
        let p = names.len();
        let expected = s.replications as usize * p;
        if self.replications.len() != expected {
            return Err(in_file(
                REPLICATIONS,
                format!(
                    "{} rows, expected {expected} ({} replications × {p} policies)",
                    self.replications.len(),
                    s.replications
                ),
            ));
        }
        for (k, r) in self.replications.iter().enumerate() {
            if r.replication != (k / p) as u64 || r.policy != k % p {
                return Err(in_file(
                    REPLICATIONS,
                    format!(
                        "row {} is replication {} of `{}`, expected replication {} of `{}`",
                        k + 1,
                        r.replication,
                        names[r.policy],
                        k / p,
                        names[k % p]
                    ),
                ));
            }
        }
        let t = self.scenario.periods as usize;
        if self.periods.len() != t * p {
            return Err(in_file(
                PERIODS,
                format!(
                    "{} rows, expected {} ({p} policies × {t} periods)",
                    self.periods.len(),
                    t * p
                ),
            ));
        }
        for (k, r) in self.periods.iter().enumerate() {
            if r.policy != k / t || r.period as usize != k % t {
                return Err(in_file(
                    PERIODS,
                    format!(
                        "row {} is period {} of `{}`, expected period {} of `{}`",
                        k + 1,
                        r.period,
                        names[r.policy],
                        k % t,
                        names[k / t]
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The statistics of `metric` for policy `policy`.
    ///
    /// # Panics
    /// If `policy` is not a policy index (the files were checked on load).
    pub fn metric(&self, policy: usize, metric: Metric) -> &Stat {
        self.summary
            .metric(policy, metric)
            .expect("summary.json was checked to hold every metric of every policy")
    }

    /// The NPV of policy `policy` in each replication, in order.
    pub fn npv(&self, policy: usize) -> Vec<f64> {
        self.replications
            .iter()
            .filter(|r| r.policy == policy)
            .map(|r| r.outputs.get(Metric::Npv))
            .collect()
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.scenario.economics.currency
    }
}

impl Run {
    /// The files of a simulated run, in memory.
    ///
    /// # Errors
    /// When the scenario cannot be written back (a seed above `i64::MAX`).
    /// `headline` writes the sentence of each comparison.
    pub fn new(
        scenario: Scenario,
        results: &[wom::sim::ReplicationResult],
        summary: &wom::sim::summary::RunSummary,
        reached: Option<&wom::sim::precision::Reached>,
        execution: super::metadata::Execution,
        headline: impl Fn(&Scenario, &super::summary::ComparisonStats) -> String,
    ) -> Result<Run> {
        let mut summary_file = SummaryFile::new(&scenario, summary, reached);
        summary_file.headlines = summary_file
            .comparisons
            .iter()
            .map(|c| headline(&scenario, c))
            .collect();
        let metadata = MetadataFile::new(&scenario, execution)?;
        Ok(Run {
            summary: summary_file,
            metadata,
            replications: ReplicationRow::from_results(results),
            periods: PeriodRow::from_summary(summary),
            scenario,
        })
    }
}
