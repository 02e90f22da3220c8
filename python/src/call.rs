//! What every call shares: the scenario from Python's arguments, the
//! CLI's errors as Python exceptions, and the worker thread that runs
//! without the GIL and stops on Ctrl-C.

use crate::app::scenario::{Override, ScenarioInput};
use crate::{app, present, store};
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::path::PathBuf;
use std::time::Duration;

/// A failure of a call, as the CLI would report it.
pub struct Failure(pub anyhow::Error);

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure(e)
    }
}

/// The CLI's message: the error, then each cause on its own line.
pub fn message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        text.push_str("\n  caused by: ");
        text.push_str(&cause.to_string());
    }
    text
}

/// `wom.ScenarioError` for bad input (the CLI's exit 2), else
/// `wom.WomError` (exit 1).
pub fn to_py(py: Python<'_>, f: Failure) -> PyErr {
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
pub fn detached<T: Send + 'static>(
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
pub fn input(
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
pub fn scenario_text(
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
pub fn command_line(input: &ScenarioInput, threads: Option<usize>) -> Vec<String> {
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

