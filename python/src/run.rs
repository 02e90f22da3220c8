//! `wom.run`: a run in memory, its files as texts.

use crate::app::scenario;
use crate::call::{command_line, detached, input, scenario_text};
use crate::{app, store};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use wom::results::Run;
use wom::results::rows;
use wom::results::shard::ShardExecution;

/// A finished run: its files as texts, and `write` for the directory.
#[pyclass(module = "wom._wom", frozen)]
pub struct RunFiles {
    run: Run,
}

#[pymethods]
impl RunFiles {
    /// summary.json's text.
    fn summary_json(&self) -> PyResult<String> {
        wom::results::to_json_text(&self.run.summary)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// metadata.json's text.
    fn metadata_json(&self) -> PyResult<String> {
        wom::results::to_json_text(&self.run.metadata)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// replications.csv's text.
    fn replications_csv(&self) -> PyResult<String> {
        let columns = rows::ReplicationColumns::of(&self.run.scenario);
        let mut out = Vec::new();
        rows::write_replications(
            &mut out,
            &self.run.names(),
            &columns,
            &self.run.replications,
        )
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// periods.csv's text.
    fn periods_csv(&self) -> PyResult<String> {
        let mut out = Vec::new();
        rows::write_periods(&mut out, &self.run.names(), &self.run.periods)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// draws.csv's text (one row per parameter draw) for a scenario with
    /// `[uncertainty]`, else `None`.
    fn draws_csv(&self) -> PyResult<Option<String>> {
        let Some(u) = &self.run.summary.uncertainty else {
            return Ok(None);
        };
        let mut out = Vec::new();
        store::run::draws_csv(&mut out, u)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        Ok(Some(String::from_utf8_lossy(&out).into_owned()))
    }

    /// Writes the files of `wom run` into `dir` (charts and report.html
    /// too unless `charts` is false).
    #[pyo3(signature = (dir, charts = true))]
    fn write(&self, py: Python<'_>, dir: PathBuf, charts: bool) -> PyResult<()> {
        let run = self.run.clone();
        detached(py, move || {
            let _lock = store::files::lock_dir(&dir, true)?;
            app::run::write(&run, &dir, charts)
        })
    }
}

/// `wom run` in memory.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, json=None, set=Vec::new(), replications=None, seed=None, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn run(
    py: Python<'_>,
    path: Option<PathBuf>,
    text: Option<String>,
    json: Option<String>,
    set: Vec<String>,
    replications: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<RunFiles> {
    let run = detached(py, move || {
        let input = input(path, set, replications, seed)?;
        let text = scenario_text(&input, text, json)?;
        let loaded = scenario::load_text(&text, &input)?;
        let first = scenario::start_replications(&loaded, input.replications, false);
        let pool = app::thread_pool(threads)?;
        let workers = pool.current_num_threads();
        let start = Instant::now();
        let world = scenario::build_world(loaded.scenario, workers)?;
        let results = pool
            .install(|| world.run_cancellable(0..first, || {}, app::cancel::flag()))
            .map_err(scenario::world_error)?;
        let execution = ShardExecution {
            people: world.people(),
            edges: world.shared_graph().map(|g| g.edge_count()),
            scenario_file: input.path.display().to_string(),
            command_line: command_line(&input, threads),
            threads: workers,
            elapsed_seconds: start.elapsed().as_secs_f64(),
        };
        app::run::on_one_machine(&world, results, execution, None, "wom.run")
    })?;
    Ok(RunFiles { run })
}

