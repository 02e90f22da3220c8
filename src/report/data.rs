//! A finished run read back from its directory (summary.json, periods.csv,
//! replications.csv, metadata.json): everything charts and the report need,
//! so that `wom plot DIR` and `wom run` draw from the same files.

use super::echo::{PolicyEcho, ScenarioEcho};
use crate::app::bad_input;
use crate::app::files::{open_input, read_input};
use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use wom::sim::summary::{Band, Cause};
use wom::sim::{Metric, PeriodSeries};

/// Statistics of one output over replications, as in summary.json.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Stat {
    /// Mean.
    pub mean: f64,
    /// 95% confidence interval of the mean.
    pub ci95: [f64; 2],
    /// 5th percentile.
    pub p5: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// One policy's results.
#[derive(Debug, Clone)]
pub struct PolicyData {
    /// Name.
    pub name: String,
    /// Position in the scenario (0 = baseline); picks its colour.
    pub index: usize,
    /// Every metric, indexed like [`Metric::ALL`].
    pub metrics: Vec<Stat>,
    /// `periods[t][series]`, series indexed like [`PeriodSeries::ALL`].
    pub periods: Vec<[Band; PeriodSeries::COUNT]>,
    /// NPV of each replication, in replication order.
    pub npv: Vec<f64>,
}

impl PolicyData {
    /// One metric.
    pub fn metric(&self, m: Metric) -> &Stat {
        &self.metrics[m as usize]
    }

    /// One series in one period.
    pub fn band(&self, t: usize, s: PeriodSeries) -> &Band {
        &self.periods[t][s as usize]
    }
}

/// A policy compared with the baseline (summary.json `comparisons`).
#[derive(Debug, Clone)]
pub struct ComparisonData {
    /// The baseline's name.
    pub baseline: String,
    /// The other policy's name.
    pub policy: String,
    /// The other policy's index (for its colour).
    pub policy_index: usize,
    /// NPV(policy) − NPV(baseline), paired: the value lost by the baseline.
    pub npv_difference: Stat,
    /// The difference by cause, indexed like [`Cause::ALL`].
    pub by_cause: Vec<Stat>,
}

/// Everything saved by one run.
#[derive(Debug, Clone)]
pub struct RunData {
    /// The resolved scenario.
    pub scenario: ScenarioEcho,
    /// The scenario file the run read.
    pub scenario_file: String,
    /// Persons simulated.
    pub people: u64,
    /// Seed.
    pub seed: u64,
    /// Replications.
    pub replications: u64,
    /// wom version that ran it.
    pub version: String,
    /// The headline sentences, one per comparison.
    pub headlines: Vec<String>,
    /// Policies in scenario order.
    pub policies: Vec<PolicyData>,
    /// Each policy after the first against the first.
    pub comparisons: Vec<ComparisonData>,
}

impl RunData {
    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.scenario.economics.currency
    }

    /// The baseline policy's settings.
    pub fn baseline(&self) -> &PolicyEcho {
        &self.scenario.policies[0]
    }

    /// "12 months".
    pub fn horizon(&self) -> String {
        let s = &self.scenario;
        format!(
            "{} {}{}",
            s.periods,
            s.period_label,
            if s.periods == 1 { "" } else { "s" }
        )
    }
}

fn field<'a>(v: &'a Value, key: &str, file: &Path) -> Result<&'a Value> {
    v.get(key)
        .ok_or_else(|| bad_input(format!("{}: missing `{key}`", file.display())))
}

fn parse<T: for<'de> Deserialize<'de>>(v: &Value, what: &str, file: &Path) -> Result<T> {
    T::deserialize(v).map_err(|e| bad_input(format!("{}: `{what}`: {e}", file.display())))
}

fn read_json(path: &Path) -> Result<Value> {
    let text = read_input(path, "result file")?;
    serde_json::from_str(&text)
        .map_err(|e| bad_input(format!("{} is not valid JSON: {e}", path.display())))
}

/// Reads the results saved in `dir` by `wom run`.
///
/// # Errors
/// Bad input when a file is missing, malformed or inconsistent with the
/// others (a policy in one file and not in another).
pub fn load(dir: &Path) -> Result<RunData> {
    let summary_path = dir.join("summary.json");
    let meta_path = dir.join("metadata.json");
    let summary = read_json(&summary_path)?;
    let meta = read_json(&meta_path)?;
    let scenario: ScenarioEcho = parse(
        field(&meta, "scenario", &meta_path)?,
        "scenario",
        &meta_path,
    )?;
    let names: Vec<String> = scenario.policies.iter().map(|p| p.name.clone()).collect();
    let mut periods = read_periods(&dir.join("periods.csv"), &names)?;
    let mut npv = read_npv(&dir.join("replications.csv"), &names)?;
    let stats = field(&summary, "policies", &summary_path)?;
    let mut policies = Vec::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        let p = field(stats, name, &summary_path)?;
        let metrics = Metric::ALL
            .iter()
            .map(|m| parse(field(p, m.key(), &summary_path)?, m.key(), &summary_path))
            .collect::<Result<Vec<Stat>>>()?;
        policies.push(PolicyData {
            name: name.clone(),
            index,
            metrics,
            periods: periods.remove(name).unwrap_or_default(),
            npv: npv.remove(name).unwrap_or_default(),
        });
    }
    let comparisons = field(&summary, "comparisons", &summary_path)?
        .as_array()
        .map(|cs| {
            cs.iter()
                .map(|c| comparison(c, &names, &summary_path))
                .collect()
        })
        .transpose()?
        .unwrap_or_default();
    let headlines = parse(
        field(&summary, "headlines", &summary_path)?,
        "headlines",
        &summary_path,
    )?;
    Ok(RunData {
        people: meta["people"]
            .as_u64()
            .unwrap_or(scenario.population.people),
        scenario,
        scenario_file: meta["scenario_file"].as_str().unwrap_or("").to_string(),
        seed: parse(
            field(&summary, "seed", &summary_path)?,
            "seed",
            &summary_path,
        )?,
        replications: parse(
            field(&summary, "replications", &summary_path)?,
            "replications",
            &summary_path,
        )?,
        version: meta["wom_version"].as_str().unwrap_or("?").to_string(),
        headlines,
        policies,
        comparisons,
    })
}

fn comparison(c: &Value, names: &[String], file: &Path) -> Result<ComparisonData> {
    let baseline: String = parse(field(c, "baseline", file)?, "baseline", file)?;
    let policy: String = parse(field(c, "policy", file)?, "policy", file)?;
    let policy_index = names
        .iter()
        .position(|n| *n == policy)
        .ok_or_else(|| bad_input(format!("{}: unknown policy `{policy}`", file.display())))?;
    let causes = field(c, "by_cause", file)?;
    let by_cause = Cause::ALL
        .iter()
        .map(|k| parse(field(causes, k.key(), file)?, k.key(), file))
        .collect::<Result<Vec<Stat>>>()?;
    Ok(ComparisonData {
        baseline,
        policy,
        policy_index,
        npv_difference: parse(field(c, "npv_difference", file)?, "npv_difference", file)?,
        by_cause,
    })
}

type Rows = csv::StringRecordsIntoIter<std::io::BufReader<std::fs::File>>;

fn csv_rows(path: &Path) -> Result<(csv::StringRecord, Rows)> {
    let mut reader = csv::Reader::from_reader(open_input(path, "result file")?);
    let header = reader
        .headers()
        .with_context(|| format!("cannot read {}", path.display()))?
        .clone();
    Ok((header, reader.into_records()))
}

fn column(header: &csv::StringRecord, name: &str, path: &Path) -> Result<usize> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| bad_input(format!("{}: no column `{name}`", path.display())))
}

fn number(row: &csv::StringRecord, i: usize, path: &Path) -> Result<f64> {
    row.get(i)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad_input(format!("{}: bad number in row {row:?}", path.display())))
}

fn read_periods(
    path: &Path,
    names: &[String],
) -> Result<HashMap<String, Vec<[Band; PeriodSeries::COUNT]>>> {
    let (header, rows) = csv_rows(path)?;
    let policy = column(&header, "policy", path)?;
    let cols = PeriodSeries::ALL
        .iter()
        .map(|s| {
            let c = |stat: &str| column(&header, &format!("{}_{stat}", s.key()), path);
            Ok([c("mean")?, c("p5")?, c("p95")?])
        })
        .collect::<Result<Vec<[usize; 3]>>>()?;
    let mut out: HashMap<String, Vec<_>> = names.iter().map(|n| (n.clone(), Vec::new())).collect();
    for row in rows {
        let row = row.with_context(|| format!("cannot read {}", path.display()))?;
        let name = row.get(policy).unwrap_or("");
        let Some(series) = out.get_mut(name) else {
            return Err(bad_input(format!(
                "{}: unknown policy `{name}`",
                path.display()
            )));
        };
        let mut bands = [Band {
            mean: 0.0,
            p5: 0.0,
            p95: 0.0,
        }; PeriodSeries::COUNT];
        for (band, [m, lo, hi]) in bands.iter_mut().zip(&cols) {
            *band = Band {
                mean: number(&row, *m, path)?,
                p5: number(&row, *lo, path)?,
                p95: number(&row, *hi, path)?,
            };
        }
        series.push(bands);
    }
    Ok(out)
}

fn read_npv(path: &Path, names: &[String]) -> Result<HashMap<String, Vec<f64>>> {
    let (header, rows) = csv_rows(path)?;
    let (policy, npv) = (
        column(&header, "policy", path)?,
        column(&header, "npv", path)?,
    );
    let mut out: HashMap<String, Vec<f64>> =
        names.iter().map(|n| (n.clone(), Vec::new())).collect();
    for row in rows {
        let row = row.with_context(|| format!("cannot read {}", path.display()))?;
        let name = row.get(policy).unwrap_or("");
        let Some(values) = out.get_mut(name) else {
            return Err(bad_input(format!(
                "{}: unknown policy `{name}`",
                path.display()
            )));
        };
        values.push(number(&row, npv, path)?);
    }
    Ok(out)
}
