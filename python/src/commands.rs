//! `wom.sweep`, `wom.sensitivity` and `wom.calibrate`: the commands that
//! write a directory, run into the one Python gives.

use crate::app::scenario::Output;
use crate::call::{detached, input};
use crate::{app, present};
use pyo3::prelude::*;
use std::path::PathBuf;

/// `wom sweep` writing into `out`.
#[pyfunction]
#[pyo3(signature = (path, out, axes, set=Vec::new(), zip=false, replications=None, seed=None, threads=None, resume=false))]
#[allow(clippy::too_many_arguments)]
pub fn sweep(
    py: Python<'_>,
    path: PathBuf,
    out: PathBuf,
    axes: Vec<String>,
    set: Vec<String>,
    zip: bool,
    replications: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    resume: bool,
) -> PyResult<()> {
    detached(py, move || {
        let axes = axes
            .iter()
            .map(|a| {
                wom::sweep::spec::parse_axis(a, wom::sweep::grid::MAX_POINTS)
                    .map_err(|e| present::bad_input(format!("--set {a}: {e}")))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let opts = app::sweep::SweepOptions {
            input: input(Some(path), set, replications, seed)?,
            axes,
            zip,
            precision: None,
            output: Output {
                dir: Some(out),
                quiet: true,
            },
            resume,
            threads,
            shard: None,
        };
        app::sweep::run(&opts)
    })
}

/// `wom sensitivity` writing into `out`.
#[pyfunction]
#[pyo3(signature = (path, out, vary=Vec::new(), set=Vec::new(), replications=None, seed=None, threads=None, global_=None))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    py: Python<'_>,
    path: PathBuf,
    out: PathBuf,
    vary: Vec<String>,
    set: Vec<String>,
    replications: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
    global_: Option<u32>,
) -> PyResult<()> {
    detached(py, move || {
        if let Some(n) = global_
            && !(8..=100_000).contains(&n)
        {
            return Err(present::bad_input(format!(
                "samples = {n} is not allowed; expected 8 to 100000 rows per matrix"
            )));
        }
        let vary = vary
            .iter()
            .map(|v| {
                wom::sweep::spec::parse_vary(v)
                    .map_err(|e| present::bad_input(format!("--vary {v}: {e}")))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let opts = app::sensitivity::SensitivityOptions {
            input: input(Some(path), set, replications, seed)?,
            vary,
            output: Output {
                dir: Some(out),
                quiet: true,
            },
            threads,
            global: global_,
        };
        // As the CLI dispatches `wom sensitivity [--global]`.
        match global_ {
            Some(samples) => app::global::run(&opts, samples),
            None => app::sensitivity::run(&opts),
        }
    })
}


/// `wom calibrate` writing into `out`.
#[pyfunction]
#[pyo3(signature = (path, out, observed, policy, fits, set=Vec::new(), seed=None, threads=None, simulations=None, particles=None))]
#[allow(clippy::too_many_arguments)]
pub fn calibrate(
    py: Python<'_>,
    path: PathBuf,
    out: PathBuf,
    observed: PathBuf,
    policy: String,
    fits: Vec<String>,
    set: Vec<String>,
    seed: Option<u64>,
    threads: Option<usize>,
    simulations: Option<u64>,
    particles: Option<usize>,
) -> PyResult<()> {
    detached(py, move || {
        // The CLI's bounds (clap's ranges of --simulations and --particles).
        if let Some(n) = simulations
            && !(20..=100_000_000).contains(&n)
        {
            return Err(present::bad_input(format!(
                "simulations = {n} is not allowed; expected 20 to 100000000"
            )));
        }
        if let Some(n) = particles
            && !(10..=1_000_000).contains(&n)
        {
            return Err(present::bad_input(format!(
                "particles = {n} is not allowed; expected 10 to 1000000"
            )));
        }
        let fits = fits
            .iter()
            .map(|f| app::calibrate_fit::FitSpec::parse(f))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let opts = app::calibrate::CalibrateOptions {
            input: input(Some(path), set, None, seed)?,
            observed,
            policy,
            fits,
            output: Output {
                dir: Some(out),
                quiet: true,
            },
            threads,
            simulations,
            particles,
        };
        app::calibrate::run(&opts)
    })
}
