//! Count distributions (`tells`, `retell_tells`): checks each form's
//! parameters against what its sampler accepts and against the network's
//! size (the checks themselves are in `check`).

use super::check::Check;
use super::error::ScenarioError;
use super::raw::{RawEmpirical, RawNegativeBinomial, RawTellDist};
use crate::model::TellDist;

/// The smallest negative-binomial dispersion: below it almost every draw
/// is 0 and a rare one astronomically large (the gamma draw overflows the
/// Poisson sampler).
pub(crate) const MIN_DISPERSION: f64 = 0.01;
/// The largest negative-binomial dispersion: above it the distribution is
/// a Poisson for every purpose.
pub(crate) const MAX_DISPERSION: f64 = 1e6;

/// Checks a count distribution at `key`, or returns `default` when absent.
/// Its mean must be at most `max_mean`, the people in the network.
pub(crate) fn tell_dist(
    c: Check,
    key: &str,
    raw: Option<RawTellDist>,
    default: TellDist,
    max_mean: f64,
) -> Result<TellDist, ScenarioError> {
    let Some(raw) = raw else { return Ok(default) };
    let dist = match raw {
        RawTellDist::Fixed(n) => {
            c.count_mean(&format!("{key}.fixed"), f64::from(n), max_mean)?;
            TellDist::Fixed(n)
        }
        RawTellDist::Uniform([lo, hi]) => {
            let at = format!("{key}.uniform");
            if lo > hi {
                let allowed = "[lo, hi], whole numbers with lo <= hi (both included)";
                return Err(c.invalid(&at, format!("[{lo}, {hi}]"), allowed));
            }
            let dist = TellDist::Uniform { lo, hi };
            c.count_mean(&at, dist.mean(), max_mean)?;
            dist
        }
        RawTellDist::Poisson(mean) => TellDist::Poisson {
            mean: c.count_mean(&format!("{key}.poisson"), mean, max_mean)?,
        },
        RawTellDist::NegativeBinomial(RawNegativeBinomial { mean, dispersion }) => {
            let nb = format!("{key}.negative_binomial");
            TellDist::NegativeBinomial {
                mean: c.count_mean(&format!("{nb}.mean"), mean, max_mean)?,
                dispersion: c.range(
                    &format!("{nb}.dispersion"),
                    Some(dispersion),
                    0.0,
                    MIN_DISPERSION,
                    MAX_DISPERSION,
                )?,
            }
        }
        RawTellDist::Empirical(RawEmpirical { values, weights }) => {
            let emp = format!("{key}.empirical");
            if values.is_empty() || values.len() != weights.len() {
                let value = format!("{} values and {} weights", values.len(), weights.len());
                let allowed = "values and weights of the same length, at least one";
                return Err(c.invalid(&emp, value, allowed));
            }
            c.weights(&format!("{emp}.weights"), &weights)?;
            let shown = format!("{weights:?}");
            let dist = TellDist::Empirical { values, weights };
            let mean = dist.mean();
            if !mean.is_finite() {
                // The values are whole counts, so an overflow of Σ value ×
                // weight comes from the weights' size, not the values.
                let allowed = "weights small enough that each value × weight stays finite (only their ratios matter: scale them down)";
                return Err(c.invalid(&format!("{emp}.weights"), shown, allowed));
            }
            c.count_mean(&format!("{emp}.values"), mean, max_mean)?;
            dist
        }
    };
    Ok(dist)
}
