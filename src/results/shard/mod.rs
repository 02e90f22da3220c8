//! A shard of a run: replications `[⌊K·R/N⌋, ⌊(K+1)·R/N⌋)` of `wom run
//! --shard K/N`, kept whole — every metric of every policy in every
//! replication and every per-period value — so that a merge recomputes
//! exactly the statistics one machine would have (floats are written in
//! Rust's shortest round-trip form and read back bit for bit).
//!
//! Three files, typed here (text in, values out; the directory is the
//! binary's `store::shard`):
//! - `shard.json` ([`ShardHeader`]): the scenario (resolved, and its
//!   identity hash), seed, R, N, K, the replications held, the wom version
//!   and how the shard ran;
//! - `shard-replications.csv`: `replication,policy,` then every metric of
//!   [`crate::sim::Metric::ALL`] (and, with segments, every segment metric as
//!   `segments.SEGMENT.METRIC`), one row per replication × policy (the same
//!   row type as a run's replications.csv, [`ReplicationRow`]);
//! - `shard-periods.csv`: `replication,policy,period,` then every series of
//!   [`PeriodSeries::ALL`], one row per replication × policy × period;
//! - and, when the scenario uses response times, `shard-responses.csv`
//!   (see [`responses`]): each replication's response-time counts.

pub mod responses;
mod spec;
#[cfg(test)]
mod tests;

pub use responses::RESPONSES;
pub use spec::ShardSpec;

use super::error::{ResultError, parse_json, to_json_text};
use super::rows::{self, ReplicationColumns, ReplicationRow};
use crate::model::Scenario;
use crate::scenario::ScenarioError;
use crate::scenario::resolved::{from_resolved, identity, to_table};
use crate::sim::{PeriodSeries, PolicyRun, ReplicationResult};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// The header file of a run shard.
pub const HEADER: &str = "shard.json";
/// Every metric of every replication and policy.
pub const REPLICATIONS: &str = "shard-replications.csv";
/// Every per-period value of every replication and policy.
pub const PERIODS: &str = "shard-periods.csv";

/// shard.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardHeader {
    /// The wom version that ran it (a merge takes only its own version).
    pub wom_version: String,
    /// The scenario's name.
    pub scenario: String,
    /// The identity of the resolved scenario (see
    /// [`crate::scenario::resolved::identity`]; seed included).
    pub scenario_hash: String,
    /// The seed.
    pub seed: u64,
    /// R: the replications of the whole run.
    pub replications: u64,
    /// N: the shards of the run.
    pub shards: u64,
    /// K: this shard, from 0.
    pub shard: u64,
    /// The replications held, `[first, end)` = `[⌊K·R/N⌋, ⌊(K+1)·R/N⌋)`.
    pub range: [u64; 2],
    /// Persons simulated.
    pub people: u32,
    /// Edges of the shared network (`null` when each replication draws its own).
    pub edges: Option<u64>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// The command line, word by word.
    pub command_line: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the simulation.
    pub elapsed_seconds: f64,
    /// The scenario as resolved, in the scenario file's form (as in
    /// metadata.json).
    pub scenario_resolved: toml::Table,
}

impl ShardHeader {
    /// The spec `K/N` of this shard.
    pub fn spec(&self) -> ShardSpec {
        ShardSpec {
            index: self.shard,
            count: self.shards,
        }
    }
}

/// How a shard ran, for its header.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardExecution {
    /// Persons simulated.
    pub people: u32,
    /// Edges of the shared network.
    pub edges: Option<u64>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// The command line, word by word.
    pub command_line: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub elapsed_seconds: f64,
}

/// A shard: its header, its scenario and its replications, in
/// replication order.
#[derive(Debug, Clone, PartialEq)]
pub struct Shard {
    /// shard.json.
    pub header: ShardHeader,
    /// The scenario (R as its `replications`).
    pub scenario: Scenario,
    /// Replications `header.range`, in order.
    pub results: Vec<ReplicationResult>,
}

/// The contents of a shard's three files, with the names to call them by
/// in errors.
pub struct ShardTexts<'a, R: Read> {
    /// shard.json's text and name.
    pub header: (&'a str, &'a str),
    /// shard-replications.csv and its name.
    pub replications: (R, &'a str),
    /// shard-periods.csv and its name.
    pub periods: (R, &'a str),
    /// shard-responses.csv and its name, when the shard has one.
    pub responses: Option<(R, &'a str)>,
}

impl Shard {
    /// The shard `spec` of a run of `scenario`, with `replications` R in
    /// all, holding `results` (replications `spec.range(R)` in order).
    ///
    /// # Errors
    /// When the scenario cannot be written back (a seed above `i64::MAX`).
    pub fn new(
        scenario: Scenario,
        spec: ShardSpec,
        replications: u64,
        results: Vec<ReplicationResult>,
        run: ShardExecution,
    ) -> Result<Shard, ScenarioError> {
        let range = spec.range(replications);
        let header = ShardHeader {
            wom_version: env!("CARGO_PKG_VERSION").to_owned(),
            scenario: scenario.name.clone(),
            scenario_hash: identity(&scenario)?,
            seed: scenario.seed,
            replications,
            shards: spec.count,
            shard: spec.index,
            range: [range.start, range.end],
            people: run.people,
            edges: run.edges,
            scenario_file: run.scenario_file,
            command_line: run.command_line,
            threads: run.threads,
            elapsed_seconds: run.elapsed_seconds,
            scenario_resolved: to_table(&scenario)?,
        };
        Ok(Shard {
            header,
            scenario,
            results,
        })
    }

    /// The text of shard.json.
    ///
    /// # Errors
    /// When serialization fails (it does not for these types).
    pub fn header_text(&self) -> Result<String, serde_json::Error> {
        to_json_text(&self.header)
    }

    /// Writes shard-replications.csv.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_replications(&self, out: &mut dyn Write) -> csv::Result<()> {
        let rows = ReplicationRow::from_results(&self.results);
        let columns = ReplicationColumns::complete(&self.scenario);
        rows::write_replications(out, &self.scenario.policy_names(), &columns, &rows)
    }

    /// Writes shard-periods.csv.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_periods(&self, out: &mut dyn Write) -> csv::Result<()> {
        let names = self.scenario.policy_names();
        let mut w = csv::Writer::from_writer(out);
        w.write_record(periods_header())?;
        for result in &self.results {
            // Field by field, so that a new field of a replication's result
            // does not compile until the shard carries it (here, in
            // `write_replications` and in `Shard::parse`): a merge must
            // never drop what a run's files hold.
            let ReplicationResult {
                replication,
                policies,
            } = result;
            for (policy, run) in policies.iter().enumerate() {
                let PolicyRun {
                    outputs: _,
                    periods,
                    segments: _,
                    response_counts: _, // in `write_responses`
                } = run;
                for (t, values) in periods.iter().enumerate() {
                    let mut record = vec![replication.to_string(), names[policy].clone()];
                    record.push(t.to_string());
                    for x in values {
                        record.push(rows::cell(*x, "a period's value")?);
                    }
                    w.write_record(&record)?;
                }
            }
        }
        w.flush()?;
        Ok(())
    }

    /// Whether the shard has shard-responses.csv: when its scenario uses
    /// response times.
    pub fn has_responses(&self) -> bool {
        self.scenario.uses_response_times()
    }

    /// Writes shard-responses.csv (see [`Shard::has_responses`]).
    ///
    /// # Errors
    /// When writing fails.
    pub fn write_responses(&self, out: &mut dyn Write) -> csv::Result<()> {
        responses::write(out, &self.scenario.policy_names(), &self.results)
    }

    /// Parses and checks a shard's files: the header against its own
    /// scenario (identity, seed, R, N, K and range), and the rows against
    /// the header (every replication of the range, every policy and period,
    /// in order).
    ///
    /// # Errors
    /// A [`ResultError`] naming the file and the field, line or column.
    pub fn parse<R: Read>(texts: ShardTexts<'_, R>) -> Result<Shard, ResultError> {
        let (text, file) = texts.header;
        let header: ShardHeader = parse_json(text, file)?;
        let scenario = from_resolved(&header.scenario_resolved, std::path::Path::new(file))
            .map_err(|e| ResultError::at(file, "`scenario_resolved`", e.to_string()))?;
        check_header(&header, &scenario, file)?;
        let names = scenario.policy_names();
        let (p, t) = (names.len(), scenario.periods as usize);
        let [first, end] = header.range;

        let (input, file) = texts.replications;
        let columns = ReplicationColumns::complete(&scenario);
        let replication_rows = rows::read_replications(input, file, &names, &columns)?;
        let expected = (end - first) as usize * p;
        if replication_rows.len() != expected {
            return Err(ResultError::new(
                file,
                format!(
                    "{} rows, expected {expected} (replications {first} to {} × {p} policies)",
                    replication_rows.len(),
                    end.saturating_sub(1)
                ),
            ));
        }
        let mut results: Vec<ReplicationResult> = Vec::with_capacity((end - first) as usize);
        for (k, row) in replication_rows.into_iter().enumerate() {
            let ReplicationRow {
                replication,
                policy,
                outputs,
                segments,
            } = row;
            let want = first + (k / p) as u64;
            if replication != want || policy != k % p {
                return Err(ResultError::new(
                    file,
                    format!(
                        "row {} is replication {replication} of `{}`, expected replication {want} of `{}`",
                        k + 1,
                        names[policy],
                        names[k % p]
                    ),
                ));
            }
            if policy == 0 {
                results.push(ReplicationResult {
                    replication,
                    policies: Vec::with_capacity(p),
                });
            }
            if let Some(r) = results.last_mut() {
                r.policies.push(PolicyRun {
                    outputs,
                    periods: Vec::with_capacity(t),
                    segments,
                    response_counts: Vec::new(),
                });
            }
        }

        let (input, file) = texts.periods;
        let period_rows = read_period_rows(input, file, &names)?;
        let expected = results.len() * p * t;
        if period_rows.len() != expected {
            return Err(ResultError::new(
                file,
                format!(
                    "{} rows, expected {expected} ({} replications × {p} policies × {t} periods)",
                    period_rows.len(),
                    results.len()
                ),
            ));
        }
        for (k, row) in period_rows.into_iter().enumerate() {
            let (r, policy, period) = (k / (p * t), k / t % p, k % t);
            let want = first + r as u64;
            if row.replication != want || row.policy != policy || row.period as usize != period {
                return Err(ResultError::new(
                    file,
                    format!(
                        "row {} is period {} of replication {} of `{}`, expected period {period} of replication {want} of `{}`",
                        k + 1,
                        row.period,
                        row.replication,
                        names[row.policy],
                        names[policy]
                    ),
                ));
            }
            results[r].policies[policy].periods.push(row.values);
        }
        responses::attach(texts.responses, &scenario, &names, &mut results)?;
        Ok(Shard {
            header,
            scenario,
            results,
        })
    }
}

/// Checks a header against its own scenario and the range rule.
fn check_header(h: &ShardHeader, scenario: &Scenario, file: &str) -> Result<(), ResultError> {
    let wrong = |at: &str, message: String| Err(ResultError::at(file, format!("`{at}`"), message));
    let hash =
        identity(scenario).map_err(|e| ResultError::at(file, "`scenario`", e.to_string()))?;
    if h.scenario_hash != hash {
        return wrong(
            "scenario_hash",
            format!(
                "{} is not the identity {hash} of `scenario_resolved` (the file was edited)",
                h.scenario_hash
            ),
        );
    }
    if h.scenario != scenario.name || h.seed != scenario.seed {
        return wrong(
            "scenario",
            format!(
                "scenario “{}” with seed {} is not `scenario_resolved`'s “{}” with seed {}",
                h.scenario, h.seed, scenario.name, scenario.seed
            ),
        );
    }
    if h.replications != u64::from(scenario.replications) {
        return wrong(
            "replications",
            format!(
                "{} is not `scenario_resolved`'s {}",
                h.replications, scenario.replications
            ),
        );
    }
    if h.shards == 0 || h.shard >= h.shards || h.shards > h.replications {
        return wrong(
            "shard",
            format!(
                "shard {} of {} is not a shard of {} replications (K from 0 to N−1, N from 1 to R)",
                h.shard, h.shards, h.replications
            ),
        );
    }
    let range = h.spec().range(h.replications);
    if h.range != [range.start, range.end] {
        return wrong(
            "range",
            format!(
                "{:?} is not shard {}'s replications [{}, {})",
                h.range,
                h.spec(),
                range.start,
                range.end
            ),
        );
    }
    Ok(())
}

/// One row of shard-periods.csv.
struct PeriodValues {
    replication: u64,
    policy: usize,
    period: u32,
    values: [f64; PeriodSeries::COUNT],
}

/// The columns of shard-periods.csv.
pub fn periods_header() -> Vec<String> {
    let mut header = vec![
        "replication".to_owned(),
        "policy".to_owned(),
        "period".to_owned(),
    ];
    header.extend(PeriodSeries::ALL.iter().map(|s| s.key().to_owned()));
    header
}

fn read_period_rows(
    input: impl Read,
    file: &str,
    names: &[String],
) -> Result<Vec<PeriodValues>, ResultError> {
    rows::read_csv(input, file, names, periods_header(), |c, r, line| {
        let mut values = [0.0; PeriodSeries::COUNT];
        for (s, value) in values.iter_mut().enumerate() {
            *value = c.number(r, line, 3 + s)?;
        }
        Ok(PeriodValues {
            replication: c.whole(r, line, 0)?,
            policy: c.policy(r, line, 1)?,
            period: c.whole(r, line, 2)?,
            values,
        })
    })
}
