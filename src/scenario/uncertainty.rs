//! `[uncertainty]`: parses each uncertain key's distribution and checks it
//! against the key itself, by setting the ends of the distribution's
//! support on the scenario the way `--set` does and validating the result
//! (so a draw can never give an invalid scenario, and support outside the
//! key's allowed range is refused, not clamped). The joint draws of a
//! `draws_file` arrive already read, as the inline table `draws` (the
//! command line reads the file; see MODEL.md "Uncertain inputs").

use super::check::Check;
use super::error::{ErrorKind, ScenarioError};
use crate::model::Scenario;
use crate::uncertainty::prior::Prior;
use crate::uncertainty::spec::{
    DEFAULT_REPLICATIONS_PER_DRAW, JointDraws, KeyPrior, UncertainKey, Uncertainty,
};
use std::path::Path;
use toml::{Table, Value};

/// The distributions a numeric key takes.
const KINDS: &str = "{ uniform = [lo, hi] }, { triangular = [lo, mode, hi] }, { beta = { mean = m, sd = s } }, { lognormal = { median = m, sigma = s } }, { empirical = { values = [...], weights = [...] } }, or for a distribution-valued key { between = [LOW, HIGH] }";

/// Keys that are not model inputs and cannot be uncertain.
const FIXED: [&str; 7] = [
    "periods",
    "name",
    "description",
    "period_label",
    "seed",
    "replications",
    "population.people",
];

/// The error key of an uncertain key: `uncertainty."effects.deter"`.
fn at(key: &str) -> String {
    format!("uncertainty.\"{key}\"")
}

/// Validates `[uncertainty]` (if any) against `base`, the scenario
/// without it.
pub(crate) fn uncertainty(
    c: Check,
    raw: Option<Table>,
    base: &Scenario,
) -> Result<Option<Uncertainty>, ScenarioError> {
    let Some(raw) = raw else { return Ok(None) };
    let table = super::resolved::to_table(base)?;
    let mut resolved = Table::new();
    let mut per_draw = DEFAULT_REPLICATIONS_PER_DRAW;
    let mut keys = Vec::new();
    let mut joint = None;
    for (key, value) in &raw {
        match key.as_str() {
            "replications_per_draw" => {
                let n = value.as_integer().filter(|n| (1..=10_000).contains(n));
                let Some(n) = n else {
                    let allowed = "a whole number from 1 to 10000";
                    return Err(c.invalid("uncertainty.replications_per_draw", value, allowed));
                };
                per_draw = n as u32;
            }
            "draws" => joint = Some(joint_draws(c, value, &table, base)?),
            "draws_file" => {
                let reason = "a draws_file is read by the command line (wom run, wom validate), which gives the library its rows as `draws`".to_owned();
                let key = "uncertainty.draws_file".to_owned();
                return Err(c.error(ErrorKind::NotApplicable { key, reason }));
            }
            _ => {
                check_key(c, key, base)?;
                let prior = key_prior(c, key, value)?;
                check_support(c, key, &prior, &table)?;
                keys.push(UncertainKey {
                    key: key.clone(),
                    prior,
                });
                resolved.insert(key.clone(), value.clone());
                continue;
            }
        }
    }
    if let Some(j) = &joint
        && let Some(k) = keys.iter().find(|k| j.columns.contains(&k.key))
    {
        let reason = format!("it has a distribution and a column in {}", j.file);
        return Err(c.error(ErrorKind::NotApplicable {
            key: at(&k.key),
            reason,
        }));
    }
    if keys.is_empty() && joint.is_none() {
        let allowed = format!("at least one uncertain key with a distribution: {KINDS}");
        return Err(c.error(ErrorKind::Missing {
            key: "uncertainty".into(),
            allowed,
        }));
    }
    let mut out = Table::new();
    out.insert(
        "replications_per_draw".into(),
        Value::Integer(i64::from(per_draw)),
    );
    if let Some(v) = raw.get("draws") {
        out.insert("draws".into(), v.clone());
    }
    out.extend(resolved);
    let u = Uncertainty {
        replications_per_draw: per_draw,
        keys,
        joint,
        table: out,
    };
    check_replications(c.file, base.replications, &u)?;
    Ok(Some(u))
}

/// Replications must be a multiple of `replications_per_draw`, with at
/// least two draws (an interval across draws needs two).
///
/// # Errors
/// [`ErrorKind::Conflict`] naming both keys.
pub fn check_replications(
    file: &Path,
    replications: u32,
    u: &Uncertainty,
) -> Result<(), ScenarioError> {
    let m = u.replications_per_draw;
    if !replications.is_multiple_of(m) || replications / m < 2 {
        let kind = ErrorKind::Conflict {
            key: "replications".into(),
            value: replications.to_string(),
            other_key: "uncertainty.replications_per_draw".into(),
            other_value: m.to_string(),
            rule: format!(
                "replications must be a multiple of replications_per_draw, at least twice it (each parameter draw gets {m} replications), e.g. {}",
                (replications / m).max(2) * m
            ),
        };
        return Err(ScenarioError::new(Some(file.to_owned()), kind));
    }
    Ok(())
}

/// A key that can be uncertain: a model input, and a network key only
/// with `network.resample` (one network per replication).
fn check_key(c: Check, key: &str, base: &Scenario) -> Result<(), ScenarioError> {
    if FIXED.contains(&key) || key.starts_with("uncertainty") {
        let reason = format!(
            "it is not a model input that can be uncertain (fixed: {})",
            FIXED.join(", ")
        );
        return Err(c.error(ErrorKind::NotApplicable {
            key: at(key),
            reason,
        }));
    }
    if key.starts_with("network.") && !base.network.resample {
        let reason = "a key that changes the network needs network.resample = true (one network per replication, drawn with the replication's parameters)".to_owned();
        return Err(c.error(ErrorKind::NotApplicable {
            key: at(key),
            reason,
        }));
    }
    Ok(())
}

/// An array of numbers, or `None`.
fn numbers(v: &Value) -> Option<Vec<f64>> {
    v.as_array()?
        .iter()
        .map(|x| x.as_float().or_else(|| x.as_integer().map(|i| i as f64)))
        .collect()
}

/// The numbers at `t.name`, or `None`.
fn field(t: &Table, name: &str) -> Option<f64> {
    let v = t.get(name)?;
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

/// One key's distribution, its parameters checked.
fn key_prior(c: Check, key: &str, value: &Value) -> Result<KeyPrior, ScenarioError> {
    let bad = |allowed: &str| c.invalid(&at(key), value, allowed);
    let Some(t) = value.as_table().filter(|t| t.len() == 1) else {
        return Err(bad(&format!("one distribution: {KINDS}")));
    };
    let (kind, params) = t.iter().next().expect("one entry");
    let table = params.as_table();
    let two = |names: [&str; 2]| {
        let t = table.filter(|t| t.len() == 2)?;
        Some((field(t, names[0])?, field(t, names[1])?))
    };
    let prior = match kind.as_str() {
        "uniform" => match numbers(params).as_deref() {
            Some([lo, hi]) => Prior::Uniform { lo: *lo, hi: *hi },
            _ => return Err(bad("{ uniform = [lo, hi] }")),
        },
        "triangular" => match numbers(params).as_deref() {
            Some([lo, mode, hi]) => Prior::Triangular {
                lo: *lo,
                mode: *mode,
                hi: *hi,
            },
            _ => return Err(bad("{ triangular = [lo, mode, hi] }")),
        },
        "beta" => match two(["mean", "sd"]) {
            Some((mean, sd)) => Prior::Beta { mean, sd },
            None => return Err(bad("{ beta = { mean = m, sd = s } }")),
        },
        "lognormal" => match two(["median", "sigma"]) {
            Some((median, sigma)) => Prior::Lognormal { median, sigma },
            None => return Err(bad("{ lognormal = { median = m, sigma = s } }")),
        },
        "empirical" => {
            let values = table.and_then(|t| numbers(t.get("values")?));
            let weights = table.and_then(|t| numbers(t.get("weights")?));
            match (values, weights, table.map(Table::len)) {
                (Some(values), Some(weights), Some(2)) => Prior::Empirical { values, weights },
                _ => return Err(bad("{ empirical = { values = [...], weights = [...] } }")),
            }
        }
        "between" => return between(c, key, value, params),
        _ => return Err(bad(&format!("one distribution: {KINDS}"))),
    };
    if let Some(allowed) = prior.check() {
        return Err(bad(&format!("{{ {kind} = {allowed} }}")));
    }
    Ok(KeyPrior::Number(prior))
}

/// `{ between = [LOW, HIGH] }`: two distributions of one kind.
fn between(c: Check, key: &str, value: &Value, params: &Value) -> Result<KeyPrior, ScenarioError> {
    let allowed = "{ between = [LOW, HIGH] }: two distributions of one kind, e.g. [{ uniform = [9, 10] }, { uniform = [20, 24] }]";
    let pair = params.as_array().filter(|a| a.len() == 2);
    let Some([low, high]) = pair.map(Vec::as_slice) else {
        return Err(c.invalid(&at(key), value, allowed));
    };
    let kind = |v: &Value| {
        v.as_table()
            .filter(|t| t.len() == 1)
            .and_then(|t| t.keys().next().cloned())
    };
    if kind(low).is_none() || kind(low) != kind(high) {
        return Err(c.invalid(&at(key), value, allowed));
    }
    Ok(KeyPrior::Between {
        low: low.clone(),
        high: high.clone(),
    })
}

/// Whether the scenario `table` writes `key` as a whole number.
pub(crate) fn whole(table: &Table, key: &str) -> bool {
    let mut current = table;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        match current.get(*part) {
            Some(Value::Table(t)) => current = t,
            Some(Value::Integer(_)) => return i + 1 == parts.len(),
            _ => return false,
        }
    }
    false
}

/// `table` with `key` set to `value`, validated as a resolved scenario.
pub(crate) fn with_value(
    table: &Table,
    key: &str,
    value: Value,
    file: &Path,
) -> Result<Scenario, ScenarioError> {
    let mut t = table.clone();
    super::set_key(&mut t, key, value)?;
    super::resolved::from_resolved(&t, file)
}

/// The values a probe sets: the ends of the support (every value of a
/// small empirical prior), or a between key's two ends.
fn probes(key: &str, prior: &KeyPrior, table: &Table) -> Vec<Value> {
    let w = whole(table, key);
    let num = |x: f64| {
        if w {
            Value::Integer(x.round() as i64)
        } else {
            Value::Float(x)
        }
    };
    match prior {
        KeyPrior::Between { low, high } => vec![low.clone(), high.clone()],
        KeyPrior::Number(Prior::Empirical { values, .. }) if values.len() <= 64 => {
            values.iter().map(|x| num(*x)).collect()
        }
        KeyPrior::Number(p) => {
            let (lo, hi) = p.support();
            vec![num(lo), num(hi)]
        }
    }
}

/// Refuses a distribution whose draws the key does not allow: each end of
/// its support must validate, a beta needs a key on [0, 1] (one refusing
/// 2) and a log-normal, unbounded above, a key that is not (one taking 2).
fn check_support(
    c: Check,
    key: &str,
    prior: &KeyPrior,
    table: &Table,
) -> Result<(), ScenarioError> {
    let refuse = |value: String, allowed: String| {
        Err(c.error(ErrorKind::Invalid {
            key: at(key),
            value,
            allowed,
            suggestion: None,
        }))
    };
    for probe in probes(key, prior, table) {
        if let Err(e) = with_value(table, key, probe.clone(), c.file) {
            let why = match &*e.kind {
                ErrorKind::Invalid { allowed, .. } => format!("`{key}` takes {allowed}"),
                other => other.to_string(),
            };
            let value = match prior {
                KeyPrior::Between { .. } => format!("a between reaching {probe}"),
                KeyPrior::Number(p) => format!("a {} distribution reaching {probe}", p.kind()),
            };
            return refuse(
                value,
                format!("a distribution whose every draw `{key}` allows ({why})"),
            );
        }
    }
    let two_ok = with_value(table, key, Value::Float(2.0), c.file).is_ok();
    if let KeyPrior::Number(p @ Prior::Beta { .. }) = prior
        && two_ok
    {
        let value = format!("a {} distribution", p.kind());
        let allowed = format!(
            "a beta only on a probability or fraction in [0, 1], which `{key}` is not (it allows 2); use uniform, triangular or lognormal"
        );
        return refuse(value, allowed);
    }
    if let KeyPrior::Number(p @ Prior::Lognormal { .. }) = prior
        && !two_ok
    {
        let value = format!("a {} distribution", p.kind());
        let allowed = format!(
            "a bounded distribution (beta, uniform, triangular): a log-normal is unbounded above, and `{key}` is bounded (it refuses 2)"
        );
        return refuse(value, allowed);
    }
    Ok(())
}

/// The joint draws `{ file, columns, rows, weights }` as the command line
/// gives them from a `draws_file`.
fn joint_draws(
    c: Check,
    value: &Value,
    table: &Table,
    base: &Scenario,
) -> Result<JointDraws, ScenarioError> {
    let allowed = "{ file = \"...\", columns = [...], rows = [[...], ...], weights = [...] } (what the command line reads from draws_file)";
    let bad = || c.invalid("uncertainty.draws", "a table", allowed);
    let t = value.as_table().ok_or_else(bad)?;
    let file = t
        .get("file")
        .and_then(Value::as_str)
        .ok_or_else(bad)?
        .to_owned();
    let columns: Vec<String> = t
        .get("columns")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_owned)).collect())
        .ok_or_else(bad)?;
    let rows: Vec<Vec<f64>> = t
        .get("rows")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(numbers).collect())
        .ok_or_else(bad)?;
    let weights = t.get("weights").and_then(numbers).ok_or_else(bad)?;
    let draws = JointDraws {
        file,
        columns,
        rows,
        weights,
    };
    for column in &draws.columns {
        check_key(c, column, base)?;
    }
    check_joint(c, &draws, table)?;
    Ok(draws)
}

/// Checks joint draws: rows of the columns' width, finite values, weights
/// non-negative and summing to more than 0, each column a key whose
/// smallest and largest value validate.
fn check_joint(c: Check, j: &JointDraws, table: &Table) -> Result<(), ScenarioError> {
    let key = format!("uncertainty.draws_file ({})", j.file);
    let bad = |value: String, allowed: &str| Err(c.invalid(&key, value, allowed));
    if j.rows.is_empty() || j.rows.len() != j.weights.len() {
        return bad(
            format!("{} rows and {} weights", j.rows.len(), j.weights.len()),
            "at least one row, a weight per row",
        );
    }
    let total: f64 = j.weights.iter().sum();
    if j.weights.iter().any(|w| !w.is_finite() || *w < 0.0)
        || total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
    {
        return bad(
            "these weights".into(),
            "finite weights >= 0 summing to more than 0",
        );
    }
    if j.rows.iter().any(|r| r.len() != j.columns.len()) {
        return bad("a row".into(), "as many values in every row as columns");
    }
    if j.rows.iter().flatten().any(|x| !x.is_finite()) {
        return bad("a value".into(), "finite numbers");
    }
    for (i, column) in j.columns.iter().enumerate() {
        let values = j.rows.iter().map(|r| r[i]).collect();
        let prior = KeyPrior::Number(Prior::Empirical {
            weights: vec![1.0; j.rows.len()],
            values,
        });
        check_support(c, column, &prior, table).map_err(|e| {
            let kind = match *e.kind {
                ErrorKind::Invalid { allowed, .. } => ErrorKind::Invalid {
                    key: format!("{key}: column {column}"),
                    value: "its values".into(),
                    allowed,
                    suggestion: None,
                },
                other => other,
            };
            c.error(kind)
        })?;
    }
    Ok(())
}
