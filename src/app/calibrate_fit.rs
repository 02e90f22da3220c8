//! What `wom calibrate` fits and how it simulates: `--fit KEY=LO:HI`
//! checked against the scenario (the key takes a real number, both ends
//! are allowed values), and one simulation of the chosen policy at a
//! particle's values, applied to the scenario's table exactly like
//! `--set` and validated, on the scenario's own network unless a fitted
//! key changes it.

use super::network::network_key;
use super::scenario::{Loaded, blame};
use crate::present::bad_input;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::Arc;
use wom::calibrate::Prior;
use wom::graph::Graph;
use wom::model::Scenario;
use wom::results::calibration_counts::CountColumn;
use wom::sim::{Metric, NetworkPlan, NoObserver, PeriodSeries, PolicyRun, World};
use wom::uncertainty::spec::KeyPrior;

/// `--fit KEY=LO:HI` as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct FitSpec {
    /// The dotted key.
    pub key: String,
    /// `LO:HI`, or `None` for `--fit KEY`.
    pub range: Option<(f64, f64)>,
    /// The argument as given, for messages.
    pub text: String,
}

impl FitSpec {
    /// Parses `KEY=LO:HI` or `KEY`.
    ///
    /// # Errors
    /// Bad input for an empty key, a range without `:`, an end that is not
    /// a finite number, or `LO ≥ HI`.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: String| {
            bad_input(format!(
                "--fit {text}: {why}; expected KEY=LO:HI, e.g. experience.problem_rate=0.01:0.2"
            ))
        };
        let (key, range) = match text.split_once('=') {
            Some((k, r)) => (k.trim(), Some(r.trim())),
            None => (text.trim(), None),
        };
        if key.is_empty() {
            return Err(bad("no key".into()));
        }
        let range = match range {
            None => None,
            Some(r) => {
                let (lo, hi) = r
                    .split_once(':')
                    .ok_or_else(|| bad(format!("`{r}` is not a range LO:HI")))?;
                let number = |t: &str| {
                    t.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .ok_or_else(|| bad(format!("`{t}` is not a finite number")))
                };
                let (lo, hi) = (number(lo)?, number(hi)?);
                if lo >= hi {
                    return Err(bad(format!("LO ({lo}) must be below HI ({hi})")));
                }
                Some((lo, hi))
            }
        };
        Ok(Self {
            key: key.to_owned(),
            range,
            text: text.to_owned(),
        })
    }
}

/// A fitted key with its prior.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The dotted key.
    pub key: String,
    /// Its prior.
    pub prior: Prior,
}

/// Checks each `--fit` against the scenario: known, real-valued, each end
/// of its range an allowed value, no key twice; `--fit KEY` takes the
/// key's `[uncertainty]` distribution.
///
/// # Errors
/// Bad input naming the flag: a key given twice, `--fit KEY` without a
/// range whose key has no continuous `[uncertainty]` distribution, an
/// unknown key, a key that does not take a real number, or an
/// end outside the key's allowed values.
pub fn check_fits(
    specs: &[FitSpec],
    loaded: &Loaded,
    path: &std::path::Path,
) -> Result<Vec<Fitted>> {
    let mut fitted: Vec<Fitted> = Vec::new();
    for spec in specs {
        let flag = format!("--fit {}", spec.text);
        if fitted.iter().any(|f| f.key == spec.key) {
            return Err(bad_input(format!(
                "{flag}: the key `{}` is fitted twice",
                spec.key
            )));
        }
        let Some((lo, hi)) = spec.range else {
            fitted.push(Fitted {
                key: spec.key.clone(),
                prior: scenario_prior(&flag, &spec.key, loaded)?,
            });
            continue;
        };
        for end in [lo, hi] {
            let mut table = loaded.table.clone();
            wom::scenario::set_key(&mut table, &spec.key, toml::Value::Float(end))
                .map_err(|e| bad_input(format!("{flag}: {e}")))?;
            wom::scenario::from_table(&table, path)
                .map_err(|e| blame(e, &[(spec.key.as_str(), flag.clone())], &loaded.text))
                .with_context(|| {
                    format!(
                        "{flag}: {} = {end} must be a value the scenario allows",
                        spec.key
                    )
                })?;
        }
        fitted.push(Fitted {
            key: spec.key.clone(),
            prior: Prior::uniform(lo, hi)
                .ok_or_else(|| bad_input(format!("{flag}: LO must be below HI")))?,
        });
    }
    Ok(fitted)
}

/// The prior of `--fit KEY` without a range: the key's distribution in
/// the scenario's `[uncertainty]` (validated there against the key's
/// allowed values).
fn scenario_prior(flag: &str, key: &str, loaded: &Loaded) -> Result<Prior> {
    let found = loaded
        .scenario
        .uncertainty
        .as_ref()
        .and_then(|u| u.keys.iter().find(|k| k.key == key));
    let Some(found) = found else {
        return Err(bad_input(format!(
            "{flag}: no range, and `{key}` has no distribution in the scenario's [uncertainty]; give one there or a range: --fit {key}=LO:HI"
        )));
    };
    match &found.prior {
        KeyPrior::Number(d) => Prior::from_scenario(d).ok_or_else(|| {
            bad_input(format!(
                "{flag}: `{key}` has an empirical distribution in [uncertainty]; calibration needs a continuous prior (uniform, triangular, beta, lognormal) or a range --fit {key}=LO:HI"
            ))
        }),
        KeyPrior::Between { .. } => Err(bad_input(format!(
            "{flag}: `{key}` is distribution-valued (`between` in [uncertainty]); only numeric keys can be fitted"
        ))),
    }
}

/// One simulation of the chosen policy at given values of the fitted keys.
pub struct Simulator {
    table: toml::Table,
    path: PathBuf,
    keys: Vec<String>,
    policy: usize,
    columns: Vec<CountColumn>,
    periods: usize,
    /// The scenario's own network and its identity, reused by every
    /// simulation whose values leave the network as it is.
    shared: Option<(Arc<Graph>, String)>,
}

impl Simulator {
    /// A simulator of policy `policy` of `loaded`, reporting `columns` over
    /// `periods` periods, with the scenario's network `graph` (if shared).
    pub fn new(
        loaded: &Loaded,
        path: PathBuf,
        fitted: &[Fitted],
        policy: usize,
        columns: Vec<CountColumn>,
        periods: usize,
        graph: Option<Arc<Graph>>,
    ) -> Self {
        let shared = graph.zip(network_key(&loaded.scenario));
        // The scenario's other uncertain keys stay at their values in the
        // file: one simulation is one replication at one set of values.
        let mut table = loaded.table.clone();
        table.remove("uncertainty");
        Self {
            table,
            path,
            keys: fitted.iter().map(|f| f.key.clone()).collect(),
            policy,
            columns,
            periods,
            shared,
        }
    }

    /// The scenario with the fitted keys at `values` (seed unchanged).
    ///
    /// # Errors
    /// Bad input when the values together are not a valid scenario.
    pub fn scenario_at(&self, values: &[f64]) -> Result<Scenario> {
        let mut table = self.table.clone();
        for (key, &v) in self.keys.iter().zip(values) {
            wom::scenario::set_key(&mut table, key, toml::Value::Float(v))
                .map_err(|e| bad_input(e.to_string()))?;
        }
        wom::scenario::from_table(&table, &self.path).map_err(|e| {
            let at: Vec<String> = self
                .keys
                .iter()
                .zip(values)
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            bad_input(format!("at {}: {}", at.join(", "), e.kind))
        })
    }

    /// The observed columns of one simulation with its streams keyed by
    /// `seed`, column after column, each over the observed periods.
    ///
    /// # Errors
    /// When the values are not a valid scenario or the network cannot be
    /// built; [`wom::sim::SimError::Cancelled`] once a stop is requested
    /// (`super::cancel`: the Python package on Ctrl-C), so a calibration
    /// stops within one simulation.
    pub fn simulate(&self, values: &[f64], seed: u64, base_seed: u64) -> Result<Vec<f64>> {
        if super::cancel::requested() {
            return Err(anyhow::Error::new(wom::sim::SimError::Cancelled));
        }
        let mut scenario = self.scenario_at(values)?;
        scenario.seed = base_seed;
        let plan = match &self.shared {
            Some((graph, key)) if network_key(&scenario).as_ref() == Some(key) => {
                Some(NetworkPlan::Shared(graph.clone()))
            }
            _ => None,
        };
        scenario.seed = seed;
        let world = match plan {
            Some(plan) => World::new(scenario, plan),
            // A fitted key changes the network: each simulation draws its
            // own from its seed.
            None => World::generated(scenario),
        }
        .map_err(|e| bad_input(e.to_string()))?;
        let run = world
            .observe(0, self.policy, &mut NoObserver)
            .map_err(|e| bad_input(e.to_string()))?;
        Ok(self
            .columns
            .iter()
            .flat_map(|&c| series(&run, c, self.periods))
            .collect())
    }
}

/// Column `c` of one run over its first `periods` periods. Partings are
/// not a series of their own: customers change by conversions − churn −
/// partings, so the partings of period t are
/// `customers[t] + conversions[t] − churn[t] − customers[t + 1]`
/// (exact: all are whole numbers), with the horizon's final customers
/// after the last period.
pub fn series(run: &PolicyRun, c: CountColumn, periods: usize) -> Vec<f64> {
    let p = &run.periods;
    let at = |t: usize, s: PeriodSeries| p[t][s as usize];
    (0..periods)
        .map(|t| match c {
            CountColumn::Customers => at(t, PeriodSeries::Customers),
            CountColumn::Complaints => at(t, PeriodSeries::Complaints),
            CountColumn::Conversions => at(t, PeriodSeries::Conversions),
            CountColumn::Churn => at(t, PeriodSeries::Churn),
            CountColumn::Parted => {
                let next = if t + 1 < p.len() {
                    at(t + 1, PeriodSeries::Customers)
                } else {
                    run.outputs.get(Metric::CustomersFinal)
                };
                at(t, PeriodSeries::Customers) + at(t, PeriodSeries::Conversions)
                    - at(t, PeriodSeries::Churn)
                    - next
            }
        })
        .collect()
}
