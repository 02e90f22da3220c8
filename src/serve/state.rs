//! What every request handler of the server shares: the engine, the
//! limits, the gate in front of the simulations and the last answers.

use super::cache::Cache;
use super::engine::Engine;
use super::gate::{Gate, Limits};
use std::sync::Arc;

/// What every handler shares.
pub struct AppState {
    /// The simulator.
    pub engine: Arc<dyn Engine>,
    /// The server's limits.
    pub limits: Limits,
    /// Admission to the simulations.
    pub gate: Gate,
    /// The last answers, by request.
    pub cache: Cache,
    /// With a loopback address, the `Host` headers accepted (against DNS
    /// rebinding); `None` accepts any.
    pub hosts: Option<Vec<String>>,
}
