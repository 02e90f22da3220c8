//! A scenario's validated `[uncertainty]`: which keys are uncertain, each
//! key's prior (or the joint draws of a `draws_file`), and how many
//! replications each parameter draw gets. Parsed and checked in
//! `scenario::uncertainty`; this type only maps uniforms onto values.
//!
//! Draw `d` is the uniforms of the stream `(seed, draw d, Uncertainty)`,
//! one per key ([`Uncertainty::uniforms`]), mapped onto the priors
//! ([`Uncertainty::values`]); the same under every policy, on any thread
//! count and for any split into shards.

use super::prior::Prior;
use crate::rng::{Purpose, StreamKey};
use toml::Value;

/// How one uncertain key is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyPrior {
    /// A numeric key with its prior.
    Number(Prior),
    /// A distribution-valued key (tells): two distributions of one kind
    /// (`low`, `high`, as TOML) whose numbers are interpolated by one
    /// uniform `u`, `low + u (high − low)` (rounded where both are whole
    /// numbers).
    Between {
        /// The distribution at `u = 0`.
        low: Value,
        /// The distribution at `u = 1`.
        high: Value,
    },
}

/// One uncertain key.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainKey {
    /// The dotted key of `--set` (`effects.deter`).
    pub key: String,
    /// Its prior.
    pub prior: KeyPrior,
}

/// Joint draws (a posterior): rows of values of `columns`, picked by
/// weight.
#[derive(Debug, Clone, PartialEq)]
pub struct JointDraws {
    /// Where they were read from, as written (for messages and files).
    pub file: String,
    /// The dotted keys, one per column.
    pub columns: Vec<String>,
    /// One row per joint draw, a value per column.
    pub rows: Vec<Vec<f64>>,
    /// Each row's weight (all 1 without a `weight` column).
    pub weights: Vec<f64>,
}

/// A scenario's `[uncertainty]`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// Replications per parameter draw (`M`, default 10); the scenario's
    /// replications are a multiple of it.
    pub replications_per_draw: u32,
    /// Keys with their own priors, in file order.
    pub keys: Vec<UncertainKey>,
    /// Joint draws, if a `draws_file` was given.
    pub joint: Option<JointDraws>,
    /// The table as resolved (written back into result files).
    pub table: toml::Table,
}

/// The default replications per draw.
pub const DEFAULT_REPLICATIONS_PER_DRAW: u32 = 10;

impl Uncertainty {
    /// Uniforms per draw: one per key, and one picking a joint row.
    pub fn dimensions(&self) -> usize {
        self.keys.len() + usize::from(self.joint.is_some())
    }

    /// Every uncertain key: the keys with priors, then the joint columns.
    pub fn key_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.keys.iter().map(|k| k.key.clone()).collect();
        if let Some(j) = &self.joint {
            names.extend(j.columns.iter().cloned());
        }
        names
    }

    /// The parameter draw of replication `r`: `⌊r / M⌋`.
    pub fn draw_of(&self, replication: u64) -> u64 {
        replication / u64::from(self.replications_per_draw)
    }

    /// The uniforms of draw `draw` under `seed`.
    pub fn uniforms(&self, seed: u64, draw: u64) -> Vec<f64> {
        let key = StreamKey::new(seed).replication(draw);
        (0..self.dimensions())
            .map(|i| key.sub(i as u64).uniform(Purpose::Uncertainty))
            .collect()
    }

    /// The values of `u` (one uniform per dimension), as (dotted key,
    /// TOML value) to set; `whole(key)` says whether the key takes whole
    /// numbers (its value in the scenario is an integer).
    ///
    /// # Panics
    /// If `u` is shorter than [`Uncertainty::dimensions`].
    pub fn values(&self, u: &[f64], whole: impl Fn(&str) -> bool) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for (k, u) in self.keys.iter().zip(u) {
            let value = match &k.prior {
                KeyPrior::Number(p) => number(p.quantile(*u), whole(&k.key)),
                KeyPrior::Between { low, high } => interpolate(low, high, *u),
            };
            out.push((k.key.clone(), value));
        }
        if let Some(j) = &self.joint {
            let row = pick(&j.weights, u[self.keys.len()]);
            for (c, x) in j.columns.iter().zip(&j.rows[row]) {
                out.push((c.clone(), number(*x, whole(c))));
            }
        }
        out
    }

    /// The numbers of `values` (a between key: its `u` scaled to
    /// `[0, 1]`'s interpolation weight), for regressions and draws.csv;
    /// `u` is the draw's uniforms.
    pub fn numbers(&self, u: &[f64]) -> Vec<f64> {
        let mut out: Vec<f64> = self
            .keys
            .iter()
            .zip(u)
            .map(|(k, u)| match &k.prior {
                KeyPrior::Number(p) => p.quantile(*u),
                KeyPrior::Between { .. } => *u,
            })
            .collect();
        if let Some(j) = &self.joint {
            out.extend(&j.rows[pick(&j.weights, u[self.keys.len()])]);
        }
        out
    }
}

/// A number as TOML: an integer for a whole-number key.
fn number(x: f64, whole: bool) -> Value {
    if whole {
        Value::Integer(x.round() as i64)
    } else {
        Value::Float(x)
    }
}

/// The row a uniform picks by weight.
fn pick(weights: &[f64], u: f64) -> usize {
    let total: f64 = weights.iter().sum();
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w / total;
        if u < cumulative {
            return i;
        }
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}

/// `low + u (high − low)` for every number of two TOML values of one
/// shape (integers stay integers, rounded); anything else from `low`.
pub fn interpolate(low: &Value, high: &Value, u: f64) -> Value {
    match (low, high) {
        (Value::Integer(a), Value::Integer(b)) => {
            Value::Integer((*a as f64 + u * (*b - *a) as f64).round() as i64)
        }
        (Value::Float(a), Value::Float(b)) => Value::Float(a + u * (b - a)),
        (Value::Integer(a), Value::Float(b)) => Value::Float(*a as f64 + u * (b - *a as f64)),
        (Value::Float(a), Value::Integer(b)) => Value::Float(a + u * (*b as f64 - a)),
        (Value::Array(a), Value::Array(b)) => {
            Value::Array(a.iter().zip(b).map(|(x, y)| interpolate(x, y, u)).collect())
        }
        (Value::Table(a), Value::Table(b)) => Value::Table(
            a.iter()
                .map(|(k, x)| {
                    let v = b.get(k).map_or_else(|| x.clone(), |y| interpolate(x, y, u));
                    (k.clone(), v)
                })
                .collect(),
        ),
        _ => low.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_interpolates_numbers_of_one_shape() {
        let low: Value = "a = { uniform = [9, 10] }".parse::<toml::Table>().unwrap()["a"].clone();
        let high: Value = "a = { uniform = [20, 24] }".parse::<toml::Table>().unwrap()["a"].clone();
        let mid = interpolate(&low, &high, 0.5);
        assert_eq!(mid.to_string(), "{ uniform = [15, 17] }");
        assert_eq!(interpolate(&low, &high, 0.0), low);
        assert_eq!(interpolate(&low, &high, 1.0), high);
    }

    #[test]
    fn draws_are_keyed_and_pick_joint_rows_by_weight() {
        let u = Uncertainty {
            replications_per_draw: 10,
            keys: vec![UncertainKey {
                key: "effects.deter".into(),
                prior: KeyPrior::Number(Prior::Uniform { lo: 0.2, hi: 0.8 }),
            }],
            joint: Some(JointDraws {
                file: "p.csv".into(),
                columns: vec!["economics.margin".into()],
                rows: vec![vec![10.0], vec![20.0]],
                weights: vec![0.0, 1.0],
            }),
            table: toml::Table::new(),
        };
        assert_eq!(u.draw_of(19), 1);
        assert_eq!(u.uniforms(7, 3), u.uniforms(7, 3));
        assert_ne!(u.uniforms(7, 3), u.uniforms(7, 4));
        assert_ne!(u.uniforms(7, 3), u.uniforms(8, 3));
        for d in 0..20 {
            let values = u.values(&u.uniforms(7, d), |_| false);
            assert_eq!(values[1], ("economics.margin".into(), Value::Float(20.0)));
            let x = values[0].1.as_float().unwrap();
            assert!((0.2..=0.8).contains(&x));
        }
    }
}
