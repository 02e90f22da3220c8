//! The scenarios of `[uncertainty]`'s parameter draws: a point of the
//! unit cube set on the scenario the way `--set` does, then validated.

use super::error::ScenarioError;
use super::uncertainty::whole;
use crate::model::Scenario;
use std::path::Path;

/// The scenario of one point `u` of the unit cube (one uniform per
/// dimension of `s`'s uncertainty): its values set the way `--set` does,
/// then validated. Without `[uncertainty]`, `s` itself. The result has no
/// `[uncertainty]`.
///
/// # Errors
/// The validation error of the values (the file named `draw`), which the
/// checks of the support make rare (two keys whose draws contradict).
pub fn scenario_at(s: &Scenario, u: &[f64], draw: &str) -> Result<Scenario, ScenarioError> {
    let mut base = s.clone();
    let Some(unc) = base.uncertainty.take() else {
        return Ok(base);
    };
    let mut table = super::resolved::to_table(&base)?;
    for (key, value) in unc.values(u, |k| whole(&table, k)) {
        super::set_key(&mut table, &key, value)?;
    }
    super::resolved::from_resolved(&table, Path::new(draw))
}

/// The scenario of every parameter draw of `s`: draw `d` from the stream
/// (seed, draw d, uncertainty), `replications / replications_per_draw` of
/// them; empty without `[uncertainty]`.
///
/// # Errors
/// As [`scenario_at`], naming the draw.
pub fn draw_scenarios(s: &Scenario) -> Result<Vec<Scenario>, ScenarioError> {
    let Some(u) = &s.uncertainty else {
        return Ok(Vec::new());
    };
    let draws = u64::from(s.replications / u.replications_per_draw);
    (0..draws)
        .map(|d| scenario_at(s, &u.uniforms(s.seed, d), &format!("parameter draw {d}")))
        .collect()
}
