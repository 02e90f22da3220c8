//! The result files, typed: one `Serialize`/`Deserialize` struct (or row
//! struct) per file, used by every writer and every reader — `wom run`,
//! `wom plot`, the report, sweeps, sensitivity, traces and shard merges —
//! so a field is named in one place and a hand-edited or truncated file is
//! a [`ResultError`] naming the file and the field, never a panic. Values
//! and text in, values and text out: reading and writing directories is
//! the binary's.
//!
//! - [`run`]: the four files of a run ([`run::Run`]), parsed with every
//!   file checked against the others; [`summary`] (with
//!   [`policy_stats`]), [`metadata`] and [`rows`] are its parts, with
//!   summary.json's response times in [`response`];
//! - [`sweep`]: sweep.csv and sweep.json;
//! - [`sensitivity`]: the files of `wom sensitivity`;
//! - [`trace`]: the trace file of `wom trace`;
//! - [`calibration`]: the files of `wom calibrate`, and
//!   [`calibration_counts`] the observed counts it reads;
//! - [`shard`]: a shard of a run (`wom run --shard K/N`), [`sweep_shard`]
//!   a shard of a sweep, and [`merge`]: whether shards belong together,
//!   joined in shard order;
//! - [`finding`]: what a run found, as data (summary.json's `findings`),
//!   which every surface renders to words;
//! - [`ordered`]: typed JSON objects that keep their order;
//! - [`finite`]: the guard of every writer: no file holds a number that is
//!   not finite (nor beyond what a run can give);
//! - [`quote`]: a file's text quoted in a message, cut short.

pub mod calibration;
pub mod calibration_counts;
pub mod error;
pub mod finding;
pub mod finding_of;
pub mod finite;
pub mod merge;
pub mod metadata;
pub mod ordered;
pub mod policy_stats;
pub mod quote;
pub mod response;
pub mod rows;
pub mod run;
pub mod sensitivity;
pub mod shard;
pub mod stat;
pub mod summary;
pub mod sweep;
pub mod sweep_shard;
pub mod trace;
pub mod uncertainty;
pub mod uncertainty_draws;
pub mod uncertainty_sobol;

pub use error::{ResultError, parse_json, to_json_text};
pub use run::Run;
