//! The result files, typed: one `Serialize`/`Deserialize` struct (or row
//! struct) per file, used by every writer and every reader — `wom run`,
//! `wom plot`, the report, sweeps, sensitivity and traces — so a field is
//! named in one place and a hand-edited or truncated file is bad input
//! naming the file and the field, never a panic.
//!
//! - [`run`]: the four files of a run ([`run::Run`]), written with
//!   summary.json last and read back with every file checked against the
//!   others; [`summary`], [`metadata`] and [`rows`] are its parts;
//! - [`sweep`]: sweep.csv, sweep.json and the stored points;
//! - [`sensitivity`]: the files of `wom sensitivity`;
//! - [`trace`]: the trace file of `wom trace`.

pub mod metadata;
pub mod ordered;
pub mod rows;
pub mod run;
pub mod sensitivity;
pub mod summary;
pub mod sweep;
pub mod trace;

pub use run::Run;
