//! # wom — word-of-mouth impact simulator
//!
//! The simulation core: networks ([`graph`]), keyed random streams
//! ([`rng`]), replications in parallel ([`engine`]), statistics
//! ([`stats`]) and the independent cascade ([`cascade`]). Nothing here
//! prints, reads files or parses command lines: values in, values out.

pub mod cascade;
pub mod engine;
pub mod graph;
pub mod hash;
pub mod model;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod sweep;
