//! End-to-end tests of the `wom` binary, by theme.

mod analysts;
mod bad_input;
mod calibrate;
mod cascade;
mod charts;
mod deploy;
mod deploy_submit;
mod graph;
mod hardening;
mod kill;
mod lock;
mod pinned;
mod print;
mod reproducers;
mod result_files;
mod run;
mod scale;
mod segment_file;
mod segments;
mod shard_dirs;
pub mod shards;
mod staffing;
mod sweep;
mod trace;
mod uncertainty;
mod uncertainty_charts;
mod uncertainty_flags;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

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

/// Runs `wom COMMAND SCENARIO --out DIR --quiet EXTRA…` and asserts success.
pub fn wom_into(command: &str, scenario: &Path, dir: &Path, extra: &[&str]) {
    wom()
        .arg(command)
        .arg(scenario)
        .arg("--out")
        .arg(dir)
        .arg("--quiet")
        .args(extra)
        .assert()
        .success();
}
