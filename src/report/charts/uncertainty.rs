//! The charts of a run with `[uncertainty]` (MODEL.md, "Uncertain
//! inputs"), drawn beside the run's other charts: `uncertainty_draws` (the
//! expected difference across plausible worlds), `uncertainty_evppi` (what
//! to measure first) and `uncertainty_sobol` (first-order and total Sobol
//! indices per key, also drawn by `wom sensitivity --global`), from the
//! view of `uncertain`.

use super::uncertain::Uncertain;
use super::uncertainty_draws::DrawsChart;
use super::uncertainty_evppi::EvppiChart;
use super::uncertainty_sobol::SobolChart;
use crate::report::kit::canvas::{Rendered, render};
use anyhow::Result;
use wom::results::Run;

/// Draws the uncertainty charts of `run` (none without `[uncertainty]`).
///
/// # Errors
/// When drawing fails.
pub fn charts(run: &Run) -> Result<Vec<Rendered>> {
    let Some(u) = Uncertain::new(run) else {
        return Ok(Vec::new());
    };
    Ok(vec![
        render(&DrawsChart::new(&u))?,
        render(&EvppiChart::new(&u))?,
        render(&SobolChart::of_run(&u))?,
    ])
}
