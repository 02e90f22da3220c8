//! Count distributions (`tells`, `retell_tells`): checks each form's
//! parameters.

use super::check::{Check, Num};
use super::error::ScenarioError;
use super::raw::{RawEmpirical, RawNegativeBinomial, RawTellDist};
use crate::model::TellDist;

/// Checks a count distribution at `key`, or returns `default` when absent.
pub(crate) fn tell_dist(
    c: Check,
    key: &str,
    raw: Option<RawTellDist>,
    default: TellDist,
) -> Result<TellDist, ScenarioError> {
    let Some(raw) = raw else { return Ok(default) };
    Ok(match raw {
        RawTellDist::Fixed(n) => TellDist::Fixed(n),
        RawTellDist::Uniform([lo, hi]) => {
            if lo > hi {
                let allowed = "[lo, hi], whole numbers with lo <= hi (both included)";
                return Err(c.invalid(&format!("{key}.uniform"), format!("[{lo}, {hi}]"), allowed));
            }
            TellDist::Uniform { lo, hi }
        }
        RawTellDist::Poisson(mean) => TellDist::Poisson {
            mean: c.non_negative(&format!("{key}.poisson"), Some(mean), 0.0)?,
        },
        RawTellDist::NegativeBinomial(RawNegativeBinomial { mean, dispersion }) => {
            let nb = format!("{key}.negative_binomial");
            TellDist::NegativeBinomial {
                mean: c.non_negative(&format!("{nb}.mean"), Some(mean), 0.0)?,
                dispersion: c.float(
                    &format!("{nb}.dispersion"),
                    dispersion,
                    dispersion.is_finite() && dispersion > 0.0,
                    "a finite number > 0",
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
            for (i, w) in weights.iter().enumerate() {
                c.non_negative(&format!("{emp}.weights[{i}]"), Some(*w), 0.0)?;
            }
            if weights.iter().sum::<f64>() <= 0.0 {
                let value = format!(
                    "{:?}",
                    weights
                        .iter()
                        .map(|w| Num(*w).to_string())
                        .collect::<Vec<_>>()
                )
                .replace('"', "");
                let allowed = "weights >= 0 with a positive sum";
                return Err(c.invalid(&format!("{emp}.weights"), value, allowed));
            }
            TellDist::Empirical { values, weights }
        }
    })
}
