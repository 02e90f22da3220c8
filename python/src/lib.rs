//! The `wom._wom` extension module behind the Python package `wom`: the
//! commands' own code (compiled in from the main crate's src/app, report,
//! store and present) called with Python's arguments. Every call runs on a
//! worker thread with the GIL released, while the calling thread looks for
//! Ctrl-C every 50 ms; on one it raises the commands' stop flag
//! (`app::cancel`), waits for the worker (it stops before its next
//! replication) and raises `KeyboardInterrupt`.

#![allow(dead_code, clippy::all)] // the commands' modules hold what only the CLI uses

#[path = "../../src/app/mod.rs"]
mod app;
#[path = "../../src/present/mod.rs"]
mod present;
#[path = "../../src/report/mod.rs"]
mod report;
#[path = "../../src/store/mod.rs"]
mod store;

use app::scenario::{self, Output, Override, ScenarioInput};
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use wom::results::Run;
use wom::results::rows;
use wom::results::shard::ShardExecution;

/// A failure of a call, as the CLI would report it.
struct Failure(anyhow::Error);

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure(e)
    }
}

/// The CLI's message: the error, then each cause on its own line.
fn message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        text.push_str("\n  caused by: ");
        text.push_str(&cause.to_string());
    }
    text
}

/// `wom.ScenarioError` for bad input (the CLI's exit 2), else
/// `wom.WomError` (exit 1).
fn to_py(py: Python<'_>, f: Failure) -> PyErr {
    let name = if present::exit_code(&f.0) == 2 {
        "ScenarioError"
    } else {
        "WomError"
    };
    let class = py
        .import("wom._errors")
        .and_then(|m| m.getattr(name))
        .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
    match class {
        Ok(class) => PyErr::from_type(class, message(&f.0)),
        Err(e) => e,
    }
}

/// Runs `work` on a worker thread without the GIL; Ctrl-C in Python stops
/// it (see the module comment) and raises `KeyboardInterrupt`.
fn detached<T: Send + 'static>(
    py: Python<'_>,
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> PyResult<T> {
    app::cancel::reset();
    let handle = std::thread::spawn(work);
    loop {
        if handle.is_finished() {
            break;
        }
        py.detach(|| std::thread::sleep(Duration::from_millis(50)));
        if let Err(interrupt) = py.check_signals() {
            app::cancel::request();
            let _ = py.detach(|| handle.join());
            app::cancel::reset();
            return Err(interrupt);
        }
    }
    match handle.join() {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(to_py(py, Failure(e))),
        Err(_) => Err(to_py(
            py,
            Failure(anyhow::anyhow!("internal: the simulation thread panicked")),
        )),
    }
}

/// The scenario of a call: a file, or a TOML text named `<string>`.
fn input(
    path: Option<PathBuf>,
    set: Vec<String>,
    replications: Option<u32>,
    seed: Option<u64>,
) -> anyhow::Result<ScenarioInput> {
    let overrides = set
        .iter()
        .map(|text| {
            let (key, value) = text.split_once('=').ok_or_else(|| {
                present::bad_input(format!(
                    "{text:?}: expected KEY=VALUE, e.g. experience.complaint_rate=0.1"
                ))
            })?;
            Ok(Override {
                key: key.trim().to_owned(),
                value: wom::scenario::parse_value_literal(value.trim()),
                text: text.clone(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(ScenarioInput {
        path: path.unwrap_or_else(|| PathBuf::from("<string>.toml")),
        overrides,
        seed,
        replications,
    })
}

/// The scenario's text: the file's, or `text`, or a JSON text of a table
/// (a Python dict) written as TOML.
fn scenario_text(
    input: &ScenarioInput,
    text: Option<String>,
    json: Option<String>,
) -> anyhow::Result<String> {
    if let Some(json) = json {
        let table: toml::Table = serde_json::from_str(&json).map_err(|e| {
            present::bad_input(format!("the scenario dict is not a TOML table: {e}"))
        })?;
        return Ok(toml::to_string(&table)?);
    }
    match text {
        Some(text) => Ok(text),
        None => store::files::read_input(&input.path, "scenario"),
    }
}

/// The command line `wom run` would have been given, for metadata.json.
fn command_line(input: &ScenarioInput, threads: Option<usize>) -> Vec<String> {
    let mut line = vec![
        "wom".to_owned(),
        "run".to_owned(),
        input.path.display().to_string(),
    ];
    for o in &input.overrides {
        line.extend(["--set".to_owned(), o.text.clone()]);
    }
    if let Some(r) = input.replications {
        line.extend(["--replications".to_owned(), r.to_string()]);
    }
    if let Some(s) = input.seed {
        line.extend(["--seed".to_owned(), s.to_string()]);
    }
    if let Some(t) = threads {
        line.extend(["--threads".to_owned(), t.to_string()]);
    }
    line
}

/// A finished run: its files as texts, and `write` for the directory.
#[pyclass(module = "wom._wom", frozen)]
struct RunFiles {
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
fn run(
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

/// `wom sweep` writing into `out`.
#[pyfunction]
#[pyo3(signature = (path, out, axes, set=Vec::new(), zip=false, replications=None, seed=None, threads=None, resume=false))]
#[allow(clippy::too_many_arguments)]
fn sweep(
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
#[pyo3(signature = (path, out, vary=Vec::new(), set=Vec::new(), replications=None, seed=None, threads=None))]
#[allow(clippy::too_many_arguments)]
fn sensitivity(
    py: Python<'_>,
    path: PathBuf,
    out: PathBuf,
    vary: Vec<String>,
    set: Vec<String>,
    replications: Option<u32>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<()> {
    detached(py, move || {
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
            global: None,
        };
        app::sensitivity::run(&opts)
    })
}

/// `wom cascade --json` on an edge-list file; returns the JSON text.
#[pyfunction]
#[pyo3(signature = (network, p, seeds=None, seed_file=None, runs=1000, seed=1, threads=None))]
#[allow(clippy::too_many_arguments)]
fn cascade(
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
fn staffing(
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

/// The extension module.
#[pymodule]
fn _wom(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RunFiles>()?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(cascade, m)?)?;
    m.add_function(wrap_pyfunction!(staffing, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
