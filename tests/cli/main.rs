//! End-to-end tests of the `wom` binary, by theme.

mod bad_input;
mod cascade;
mod charts;
mod graph;
mod run;
mod sweep;
mod trace;

use assert_cmd::Command;
use std::path::PathBuf;

/// The `wom` binary.
pub fn wom() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("wom")
}

/// A file in tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A shipped scenario.
pub fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}
