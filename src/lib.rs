//! # wom — word-of-mouth impact simulator
//!
//! The simulation core: networks ([`graph`]), keyed random streams
//! ([`rng`]), replications in parallel ([`engine`]), statistics
//! ([`stats`]) and the independent cascade ([`cascade`]); the scenario
//! format ([`scenario`], validated into [`model`]), the word-of-mouth model
//! ([`sim`]), sweeps ([`sweep`]) and the result files' formats
//! ([`results`]). Nothing here prints, reads files or parses command lines:
//! values in, values out.

pub mod calibrate;
pub mod cascade;
pub mod engine;
pub mod graph;
pub mod hash;
pub mod model;
pub mod results;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod staffing;
pub mod stats;
pub mod sweep;
pub mod uncertainty;
