//! `wom.cascade` and `wom.staffing`: the tools that answer with JSON.

use crate::call::detached;
use crate::{app, present};
use pyo3::prelude::*;
use std::path::PathBuf;

/// `wom cascade --json` on an edge-list file; returns the JSON text.
#[pyfunction]
#[pyo3(signature = (network, p, seeds=None, seed_file=None, runs=1000, seed=1, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn cascade(
    py: Python<'_>,
    network: PathBuf,
    p: f64,
    seeds: Option<u32>,
    seed_file: Option<PathBuf>,
    runs: u64,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<String> {
    detached(py, move || {
        if !(0.0..=1.0).contains(&p) {
            return Err(present::bad_input(format!(
                "p = {p} is not allowed; expected a probability in [0, 1]"
            )));
        }
        if runs == 0 {
            return Err(present::bad_input(
                "runs = 0 is not allowed; expected at least 1",
            ));
        }
        let seeds = match (seeds, seed_file) {
            (_, Some(file)) => app::cascade::Seeds::File(file),
            (Some(k), None) => app::cascade::Seeds::Random(k),
            (None, None) => app::cascade::Seeds::Random(1),
        };
        let opts = app::cascade::CascadeOptions {
            network: app::network::NetworkChoice::File(network),
            p,
            seeds,
            runs,
            seed,
            threads,
            json: true,
        };
        let report = app::cascade::simulate(&opts, true)?;
        Ok(serde_json::to_string(&report)?)
    })
}

/// `wom staffing --json`; returns the JSON text of the desk sizes.
#[pyfunction]
#[pyo3(signature = (arrivals_per_hour, handle_minutes, agents=None, within_minutes=60.0, target_service_level=0.8))]
pub fn staffing(
    py: Python<'_>,
    arrivals_per_hour: f64,
    handle_minutes: f64,
    agents: Option<u32>,
    within_minutes: f64,
    target_service_level: f64,
) -> PyResult<String> {
    detached(py, move || {
        let check = |name: &str, x: f64, ok: bool, allowed: &str| {
            if ok {
                Ok(())
            } else {
                Err(present::bad_input(format!(
                    "{name} = {x} is not allowed; expected {allowed}"
                )))
            }
        };
        let a = arrivals_per_hour;
        check(
            "arrivals_per_hour",
            a,
            a.is_finite() && a > 0.0,
            "a number above 0",
        )?;
        let h = handle_minutes;
        check(
            "handle_minutes",
            h,
            h.is_finite() && h > 0.0,
            "a number above 0",
        )?;
        let w = within_minutes;
        check(
            "within_minutes",
            w,
            w.is_finite() && w >= 0.0,
            "a number at least 0",
        )?;
        let t = target_service_level;
        check(
            "target_service_level",
            t,
            (0.0..1.0).contains(&t),
            "a share in [0, 1)",
        )?;
        let opts = app::staffing::StaffingOptions {
            arrivals_per_hour,
            handle_minutes,
            agents,
            within_minutes,
            target_service_level,
            json: true,
        };
        Ok(serde_json::to_string(&app::staffing::desks(&opts)?)?)
    })
}

