//! A finished run's four files — summary.json, replications.csv,
//! periods.csv and metadata.json — as one value: built in memory from a
//! simulation, or parsed from the files' contents with every file checked
//! on its own and against the others. Writing and reading directories is
//! the binary's (`store`).

use super::error::{ResultError, parse_json};
use super::metadata::MetadataFile;
use super::rows::{self, PeriodRow, ReplicationColumns, ReplicationRow};
use super::summary::{Stat, SummaryFile};
use crate::model::Scenario;
use crate::sim::Metric;
use std::io::Read;

/// summary.json: present only when every other file is from the same run.
pub const SUMMARY: &str = "summary.json";
/// metadata.json.
pub const METADATA: &str = "metadata.json";
/// replications.csv.
pub const REPLICATIONS: &str = "replications.csv";
/// periods.csv.
pub const PERIODS: &str = "periods.csv";

/// The contents of a run's files, with the names to call them by in errors.
pub struct RunTexts<'a, R: Read> {
    /// metadata.json's text and name.
    pub metadata: (&'a str, &'a str),
    /// summary.json's text and name.
    pub summary: (&'a str, &'a str),
    /// replications.csv and its name.
    pub replications: (R, &'a str),
    /// periods.csv and its name.
    pub periods: (R, &'a str),
}

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

impl Run {
    /// The metrics the run reports, in file order.
    pub fn metrics(&self) -> Vec<Metric> {
        Metric::reported(&self.scenario)
    }

    /// The policies' names, in scenario order.
    pub fn names(&self) -> Vec<String> {
        self.scenario.policy_names()
    }

    /// Parses and checks a run's files.
    ///
    /// # Errors
    /// A [`ResultError`] naming the file and the field, line or column when
    /// a file is malformed, or does not belong with the others.
    pub fn parse<R: Read>(texts: RunTexts<'_, R>) -> Result<Run, ResultError> {
        let files = [texts.summary.1, texts.replications.1, texts.periods.1];
        let (meta_text, meta_file) = texts.metadata;
        let metadata: MetadataFile = parse_json(meta_text, meta_file)?;
        let scenario = metadata
            .scenario(std::path::Path::new(meta_file))
            .map_err(|e| ResultError::at(meta_file, "`scenario`", e.to_string()))?;
        let names = scenario.policy_names();
        let (summary_text, summary_file) = texts.summary;
        let summary: SummaryFile = parse_json(summary_text, summary_file)?;
        summary
            .check(&scenario)
            .map_err(|e| ResultError::new(summary_file, e))?;
        let columns = ReplicationColumns::of(&scenario);
        let (input, file) = texts.replications;
        let replications = rows::read_replications(input, file, &names, &columns)?;
        let (input, file) = texts.periods;
        let periods = rows::read_periods(input, file, &names)?;
        let run = Run {
            scenario,
            summary,
            metadata,
            replications,
            periods,
        };
        run.check(&files)?;
        Ok(run)
    }

    /// Checks that the files belong together; `files` names summary.json,
    /// replications.csv and periods.csv in errors.
    fn check(&self, files: &[&str; 3]) -> Result<(), ResultError> {
        let names = self.names();
        let s = &self.summary;
        let in_file = |file: &str, what: String| {
            let name = match file {
                SUMMARY => files[0],
                REPLICATIONS => files[1],
                _ => files[2],
            };
            ResultError::new(name, what)
        };
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
                    "scenario “{}” with {} periods is not metadata.json's “{}” with {}",
                    s.scenario, s.periods, self.scenario.name, self.scenario.periods
                ),
            ));
        }
        // With [uncertainty] each comparison has a second headline: how
        // sure it is (`Finding::Uncertainty`).
        let per = if s.uncertainty.is_some() { 2 } else { 1 };
        if s.comparisons.len() + 1 != names.len() || s.headlines.len() != per * s.comparisons.len()
        {
            return Err(in_file(
                SUMMARY,
                format!(
                    "{} comparisons and {} headlines for {} policies (expected {} comparisons and {} headlines)",
                    s.comparisons.len(),
                    s.headlines.len(),
                    names.len(),
                    names.len() - 1,
                    per * (names.len() - 1)
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
        let expected = usize::try_from(s.replications)
            .unwrap_or(usize::MAX)
            .saturating_mul(p);
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
    /// `sentence` writes the words of each finding (see
    /// [`super::finding`]).
    pub fn new(
        scenario: Scenario,
        results: &[crate::sim::ReplicationResult],
        summary: &crate::sim::summary::RunSummary,
        reached: Option<&crate::sim::precision::Reached>,
        execution: super::metadata::Execution,
        sentence: impl Fn(&Scenario, &super::finding::Finding) -> String,
    ) -> Result<Run, crate::scenario::ScenarioError> {
        let mut summary_file = SummaryFile::new(&scenario, summary, reached);
        summary_file.uncertainty = super::uncertainty::analyse(&scenario, results);
        // How sure each comparison is, under the comparisons' own findings.
        let uncertain: Vec<super::finding::Finding> = (summary_file.uncertainty.iter())
            .flat_map(|u| u.findings(&scenario.economics.currency))
            .map(super::finding::Finding::Uncertainty)
            .collect();
        summary_file.findings = super::finding_of::of_run(&scenario, &summary_file.comparisons)
            .into_iter()
            .chain(uncertain)
            .map(|finding| super::finding::Stated {
                sentence: sentence(&scenario, &finding),
                finding,
            })
            .collect();
        summary_file.headlines = summary_file
            .findings
            .iter()
            .map(|s| s.sentence.clone())
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
