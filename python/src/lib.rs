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

mod call;
mod commands;
mod run;
mod tools;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _wom(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<run::RunFiles>()?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(commands::sweep, m)?)?;
    m.add_function(wrap_pyfunction!(commands::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(commands::calibrate, m)?)?;
    m.add_function(wrap_pyfunction!(tools::cascade, m)?)?;
    m.add_function(wrap_pyfunction!(tools::staffing, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
