//! The `uncertainty` object of summary.json and the rows of draws.csv: a
//! run with `[uncertainty]` grouped by parameter draw and put through the
//! estimators of `crate::uncertainty::estimate` (see there for why the
//! Monte Carlo noise is removed). Computed from the merged replications,
//! in the common finish path, so sharded runs give the same object.

use super::ordered::Ordered;
use crate::model::Scenario;
use crate::sim::ReplicationResult;
use crate::uncertainty::KeyPrior;
use crate::uncertainty::bootstrap::{REPLICATES, standard_errors};
use crate::uncertainty::estimate::{
    Deconvolved, deconvolve, evpi, evppi, first_order, probability_best, total_order_of,
};
use serde::{Deserialize, Serialize};

/// One uncertain key as resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySummary {
    /// The dotted key.
    pub key: String,
    /// Its distribution as the scenario resolves it (a joint column:
    /// `{ "draws_file": FILE }`).
    pub distribution: serde_json::Value,
}

/// One comparison under uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertainComparison {
    /// The baseline policy.
    pub baseline: String,
    /// The other policy.
    pub policy: String,
    /// 95% interval of the expected difference NPV(policy) − NPV(baseline)
    /// across parameter draws, Monte Carlo noise removed.
    pub uncertainty_interval95: [f64; 2],
    /// Share of plausible worlds (draws) in which `policy` is better.
    pub probability_better: f64,
    /// Its binomial standard error.
    pub probability_better_se: f64,
    /// Expected value of partial perfect information per key, in money
    /// (this pair of policies only).
    pub evppi: Ordered<String, f64>,
    /// Its bootstrap standard error per key (`crate::uncertainty::bootstrap`;
    /// empty in files written before it was reported).
    #[serde(default)]
    pub evppi_se: Ordered<String, f64>,
    /// First-order Sobol index of the expected difference per key.
    pub sobol_first: Ordered<String, f64>,
    /// Its bootstrap standard error per key.
    #[serde(default)]
    pub sobol_first_se: Ordered<String, f64>,
    /// Total Sobol index per key.
    pub sobol_total: Ordered<String, f64>,
    /// Its bootstrap standard error per key.
    #[serde(default)]
    pub sobol_total_se: Ordered<String, f64>,
}

impl UncertainComparison {
    /// The 95% interval of key `i`'s EVPPI, ±1.96 standard errors and
    /// never below 0; `None` without a standard error.
    pub fn evppi_interval(&self, i: usize) -> Option<[f64; 2]> {
        let v = self.evppi.0.get(i)?.1;
        let se = self.evppi_se.0.get(i)?.1;
        (se > 0.0).then(|| [(v - 1.96 * se).max(0.0), v + 1.96 * se])
    }
}

/// One row of draws.csv: a parameter draw's values and mean paired
/// differences.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawRow {
    /// The draw index.
    pub draw: u64,
    /// Each uncertain key's number (a between key: its interpolation
    /// weight in [0, 1]).
    pub values: Vec<f64>,
    /// Mean paired difference of each comparison over the draw's
    /// replications.
    pub differences: Vec<f64>,
}

/// summary.json's `uncertainty`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertaintySummary {
    /// Parameter draws.
    pub draws: u64,
    /// Replications per draw.
    pub replications_per_draw: u32,
    /// The uncertain keys.
    pub keys: Vec<KeySummary>,
    /// Expected value of perfect information over every policy, in money.
    pub evpi: f64,
    /// Its bootstrap standard error (0 in files written before it was
    /// reported).
    #[serde(default)]
    pub evpi_se: f64,
    /// Policy → share of draws in which it is best.
    pub probability_best: Ordered<String, f64>,
    /// Each policy after the first against the first.
    pub comparisons: Vec<UncertainComparison>,
    /// draws.csv (not in summary.json).
    #[serde(skip)]
    pub rows: Vec<DrawRow>,
}

/// Finite or 0 (an estimate of an empty or constant input).
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

/// The uncertainty summary of a run of `scenario` (`None` without
/// `[uncertainty]`); `results` in replication order.
pub fn analyse(scenario: &Scenario, results: &[ReplicationResult]) -> Option<UncertaintySummary> {
    let u = scenario.uncertainty.as_ref()?;
    let names = scenario.policy_names();
    let keys = u.key_names();
    let draws = u64::from(scenario.replications / u.replications_per_draw);
    let mut groups: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); draws as usize]; names.len() - 1];
    for r in results {
        let d = u.draw_of(r.replication) as usize;
        for (k, g) in groups.iter_mut().enumerate() {
            if let Some(g) = g.get_mut(d) {
                g.push(r.npv_difference(0, k + 1));
            }
        }
    }
    let values: Vec<Vec<f64>> = (0..draws)
        .map(|d| u.numbers(&u.uniforms(scenario.seed, d)))
        .collect();
    let decs: Vec<Deconvolved> = groups.iter().map(|g| deconvolve(g)).collect();
    let point = statistics(&groups, &values, None);
    let se = standard_errors(scenario.seed, draws as usize, REPLICATES, |idx| {
        statistics(&groups, &values, Some(idx))
    });
    let se_at = |j: usize| se.get(j).copied().map_or(0.0, finite);
    // Net benefit of each policy per draw, relative to the baseline.
    let nb: Vec<Vec<f64>> = (0..draws as usize)
        .map(|d| {
            std::iter::once(0.0)
                .chain(decs.iter().map(|c| c.shrunk[d]))
                .collect()
        })
        .collect();
    let k = keys.len();
    let comparisons = decs
        .iter()
        .enumerate()
        .map(|(c, dec)| {
            let at = 1 + 3 * k * c;
            let per_key = |from: usize, of: &dyn Fn(usize) -> f64| {
                Ordered(
                    keys.iter()
                        .enumerate()
                        .map(|(i, key)| (key.clone(), finite(of(from + i))))
                        .collect(),
                )
            };
            let (p, p_se) = dec.probability_better();
            let [lo, hi] = dec.interval95();
            UncertainComparison {
                baseline: names[0].clone(),
                policy: names[c + 1].clone(),
                uncertainty_interval95: [finite(lo), finite(hi)],
                probability_better: finite(p),
                probability_better_se: finite(p_se),
                evppi: per_key(at, &|j| point[j]),
                evppi_se: per_key(at, &se_at),
                sobol_first: per_key(at + k, &|j| point[j]),
                sobol_first_se: per_key(at + k, &se_at),
                sobol_total: per_key(at + 2 * k, &|j| point[j]),
                sobol_total_se: per_key(at + 2 * k, &se_at),
            }
        })
        .collect();
    let rows = (0..draws as usize)
        .map(|d| DrawRow {
            draw: d as u64,
            values: values[d].clone(),
            differences: decs.iter().map(|c| c.raw[d]).collect(),
        })
        .collect();
    Some(UncertaintySummary {
        draws,
        replications_per_draw: u.replications_per_draw,
        keys: key_summaries(u),
        evpi: finite(point[0]),
        evpi_se: se_at(0),
        probability_best: Ordered(
            names
                .iter()
                .cloned()
                .zip(probability_best(&nb).into_iter().map(finite))
                .collect(),
        ),
        comparisons,
        rows,
    })
}

/// Every estimate of the analysis from the draws at `idx` (a bootstrap
/// resample; all draws in order when `None`), flat: the EVPI, then per
/// comparison its EVPPI, first-order and total index per key.
/// `groups[c][d]`: comparison `c`'s paired differences in draw `d`;
/// `values[d]`: draw `d`'s key values.
fn statistics(groups: &[Vec<Vec<f64>>], values: &[Vec<f64>], idx: Option<&[usize]>) -> Vec<f64> {
    let all: Vec<usize> = (0..values.len()).collect();
    let idx = idx.unwrap_or(&all);
    let values: Vec<Vec<f64>> = idx.iter().map(|d| values[*d].clone()).collect();
    let decs: Vec<Deconvolved> = groups
        .iter()
        .map(|g| deconvolve(&idx.iter().map(|d| g[*d].clone()).collect::<Vec<_>>()))
        .collect();
    let nb: Vec<Vec<f64>> = (0..idx.len())
        .map(|d| {
            std::iter::once(0.0)
                .chain(decs.iter().map(|c| c.shrunk[d]))
                .collect()
        })
        .collect();
    let keys = values.first().map_or(0, Vec::len);
    let column = |i: usize| values.iter().map(|v| v[i]).collect::<Vec<f64>>();
    let mut out = vec![evpi(&nb)];
    for dec in &decs {
        let pair: Vec<Vec<f64>> = dec.raw.iter().map(|y| vec![0.0, *y]).collect();
        out.extend((0..keys).map(|i| evppi(&column(i), &pair)));
        out.extend((0..keys).map(|i| first_order(&column(i), &dec.raw, dec.between)));
        out.extend(
            (0..keys)
                .map(|i| total_order_of(&values, Some(idx), i, &dec.raw, dec.noise(), dec.between)),
        );
    }
    out
}

/// The keys with their distributions as JSON.
fn key_summaries(u: &crate::uncertainty::Uncertainty) -> Vec<KeySummary> {
    let mut out: Vec<KeySummary> = u
        .keys
        .iter()
        .map(|k| {
            let written = u.table.get(&k.key).cloned();
            let distribution = match (&k.prior, written) {
                (_, Some(v)) => serde_json::to_value(v).unwrap_or_default(),
                (KeyPrior::Number(p), None) => serde_json::json!({ p.kind(): null }),
                (KeyPrior::Between { .. }, None) => serde_json::Value::Null,
            };
            KeySummary {
                key: k.key.clone(),
                distribution,
            }
        })
        .collect();
    if let Some(j) = &u.joint {
        out.extend(j.columns.iter().map(|c| KeySummary {
            key: c.clone(),
            distribution: serde_json::json!({ "draws_file": j.file }),
        }));
    }
    out
}

/// The header of draws.csv.
pub fn draws_header(summary: &UncertaintySummary) -> Vec<String> {
    let mut h = vec!["draw".to_owned()];
    h.extend(summary.keys.iter().map(|k| k.key.clone()));
    h.extend(
        summary
            .comparisons
            .iter()
            .map(|c| format!("difference.{}", c.policy)),
    );
    h
}

/// The key worth measuring first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureFirst {
    /// The dotted key.
    pub key: String,
    /// What knowing it before choosing is worth (its EVPPI, money).
    pub worth: f64,
}

/// What a comparison under uncertainty means for the owner: the finding
/// the terminal and the report state under the headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UncertaintyFinding {
    /// The baseline policy.
    pub baseline: String,
    /// The other policy.
    pub policy: String,
    /// The 95% uncertainty interval of the expected difference (money,
    /// positive when `policy` is worth more).
    pub interval: [f64; 2],
    /// The share of plausible worlds in which `policy` is better.
    pub probability_better: f64,
    /// The key worth measuring first and what knowing it is worth (its
    /// EVPPI), when knowing any key is worth at least one unit of money.
    pub measure_first: Option<MeasureFirst>,
    /// Currency of the amounts.
    pub currency: String,
}

impl UncertaintySummary {
    /// One finding per comparison, amounts in `currency`.
    pub fn findings(&self, currency: &str) -> Vec<UncertaintyFinding> {
        self.comparisons
            .iter()
            .map(|c| {
                let top = c
                    .evppi
                    .0
                    .iter()
                    .filter(|(_, v)| *v >= 1.0)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(k, v)| MeasureFirst {
                        key: k.clone(),
                        worth: *v,
                    });
                UncertaintyFinding {
                    baseline: c.baseline.clone(),
                    policy: c.policy.clone(),
                    interval: c.uncertainty_interval95,
                    probability_better: c.probability_better,
                    measure_first: top,
                    currency: currency.to_owned(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::statistics;
    use crate::rng::{Purpose, StreamKey};
    use crate::uncertainty::bootstrap::{REPLICATES, standard_errors};
    use crate::uncertainty::estimate::{mean, variance};
    use rand_distr::{Distribution, StandardNormal};

    /// `draws` worlds whose expected difference is `θ ~ N(0.2, 1)`, each
    /// simulated 4 times with noise N(0, 1); the one key is θ itself.
    fn synthetic(seed: u64, draws: usize) -> (Vec<Vec<Vec<f64>>>, Vec<Vec<f64>>) {
        let mut rng = StreamKey::new(seed).rng(Purpose::Uncertainty);
        let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };
        let theta: Vec<f64> = (0..draws).map(|_| 0.2 + normal()).collect();
        let groups = theta
            .iter()
            .map(|t| (0..4).map(|_| t + normal()).collect())
            .collect();
        (vec![groups], theta.iter().map(|t| vec![*t]).collect())
    }

    #[test]
    fn bootstrap_errors_match_the_spread_over_data_sets_and_shrink_like_root_d() {
        // EVPI (and the EVPPI of the key that is θ) over 40 independent
        // data sets of 400 draws: their standard deviation is what the
        // bootstrap error of one data set estimates.
        let estimates: Vec<f64> = (0..40)
            .map(|s| {
                let (g, v) = synthetic(100 + s, 400);
                statistics(&g, &v, None)[0]
            })
            .collect();
        let spread = variance(&estimates).sqrt();
        let (g, v) = synthetic(7, 400);
        let se = standard_errors(7, 400, REPLICATES, |idx| statistics(&g, &v, Some(idx)));
        // The spread of 40 values is itself known to about 1/√80 = 11%,
        // the bootstrap error to 5%: a factor of 1.5 either way is over
        // three of their combined errors.
        assert!(
            se[0] > spread / 1.5 && se[0] < spread * 1.5,
            "bootstrap {} vs spread {spread} (mean {})",
            se[0],
            mean(&estimates)
        );
        assert!(se[1] > 0.0, "EVPPI has an error too: {se:?}");
        // Four times the draws: half the error.
        let (g, v) = synthetic(8, 1600);
        let se4 = standard_errors(8, 1600, REPLICATES, |idx| statistics(&g, &v, Some(idx)));
        let ratio = se[0] / se4[0];
        assert!(
            ratio > 1.5 && ratio < 2.7,
            "{} / {} = {ratio}",
            se[0],
            se4[0]
        );
    }
}
