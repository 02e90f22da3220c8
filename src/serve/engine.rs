//! The seam between the web server and the simulator: everything the page
//! and the API need from one simulation, and nothing else. The server knows
//! only this trait; `app_engine` implements it on the application layer.

use super::view::View;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the page and the API need from one simulation.
pub trait Engine: Send + Sync + 'static {
    /// The resolved scenario, every default filled in (`GET /api/scenario`).
    fn scenario(&self) -> serde_json::Value;
    /// The owner-facing inputs, in the order the page shows them.
    fn knobs(&self) -> Vec<Knob>;
    /// Runs the scenario with `set` applied (keys exactly as `wom run
    /// --set`) and `replications` replications, checking `cancel` between
    /// replications (or chunks of them).
    ///
    /// # Errors
    /// [`EngineError::Invalid`] for input the CLI would refuse (with the
    /// CLI's message), [`EngineError::Cancelled`] when `cancel` was raised,
    /// [`EngineError::Failed`] when the work itself failed.
    fn run(
        &self,
        set: &[Setting],
        replications: u32,
        cancel: &CancelFlag,
    ) -> Result<RunOutput, EngineError>;
}

/// One setting of a request: what `wom run --set KEY=VALUE` gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The scenario key, as given.
    pub key: String,
    /// The value.
    pub value: toml::Value,
    /// `KEY=VALUE` as the command line would spell it, for messages.
    pub text: String,
}

/// One owner-facing input: a scenario key with its range, unit and the
/// source of its value. The page builds a slider and a number box from
/// this alone, so a new knob needs no change to the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Knob {
    /// The scenario key, exactly as `wom run --set` takes it.
    pub key: String,
    /// A heading for the group of knobs this one belongs to.
    pub group: String,
    /// A short label in the owner's words.
    pub label: String,
    /// One sentence on what it means.
    pub help: String,
    /// Unit shown beside the number box: "%", "hours", a currency symbol.
    pub unit: String,
    /// The value is shown multiplied by this (100 for a share shown in %).
    pub scale: f64,
    /// Smallest value, in scenario units (before `scale`).
    pub min: f64,
    /// Largest value, in scenario units.
    pub max: f64,
    /// Slider step, in scenario units.
    pub step: f64,
    /// The scenario's value, in scenario units.
    pub value: f64,
    /// Whether the key takes an integer (sent as a JSON integer) rather
    /// than a float (sent as a TOML float literal).
    pub integer: bool,
    /// Where the value comes from: the scenario file's comment on the key,
    /// or the documented default and its source.
    pub source: String,
}

/// Everything one finished run gives the page.
#[derive(Debug, Clone)]
pub struct RunOutput {
    /// Exactly the content of summary.json of the same `wom run`.
    pub summary: serde_json::Value,
    /// What the page shows of it in words and numbers.
    pub view: View,
    /// The charts of the report as `(name, inline SVG)`, in report order.
    pub charts: Vec<(String, String)>,
    /// The whole report.html of the same run.
    pub report_html: String,
    /// A scenario file that `wom run` turns into exactly this result.
    pub scenario_toml: String,
}

/// Why a run gave no result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// Bad input, with the message the CLI gives for it (answered 400).
    #[error("{0}")]
    Invalid(String),
    /// The run was cancelled through its [`CancelFlag`].
    #[error("the simulation was cancelled")]
    Cancelled,
    /// The work failed (answered 500).
    #[error("{0}")]
    Failed(String),
}

/// A flag a running simulation checks between replications; raising it
/// stops the run at the next check. Clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// A new flag, not raised.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the flag: every holder sees it at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// The flag itself, for `World::run_cancellable` (raised: `true`).
    pub fn as_atomic(&self) -> &AtomicBool {
        &self.0
    }
}

/// Raises its flag when dropped: a request whose handler is dropped (the
/// client went away, or the time limit passed) stops its simulation.
#[derive(Debug)]
pub struct CancelOnDrop(pub CancelFlag);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_drop_raises_it() {
        let flag = CancelFlag::new();
        let seen = flag.clone();
        assert!(!seen.as_atomic().load(Ordering::Relaxed));
        drop(CancelOnDrop(flag));
        assert!(seen.as_atomic().load(Ordering::Relaxed));
    }
}
