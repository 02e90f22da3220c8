//! The reproducers of the second hardening issue (22), one test per class:
//! a clean refusal (exit 2 naming what and where) or a correct result;
//! never a panic (exit 101), an abort (134), a hang or a replaced file.

use super::{fixture, wom};
use std::fs;
use std::path::Path;

/// Runs `wom ARGS` and checks the exit code and that stderr holds every
/// needle and no sign of a panic; returns stderr.
fn exits(args: &[&str], code: i32, needles: &[&str]) -> String {
    let out = wom().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: {needle:?} not in {stderr}"
        );
    }
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{args:?}: {stderr}"
    );
    stderr
}

fn tiny() -> String {
    fixture("tiny.toml").display().to_string()
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn subnormal_empirical_weights_run_and_huge_ones_are_refused_naming_the_weights() {
    let dir = tempfile::tempdir().unwrap();
    let out = path(&dir.path().join("out"));
    // Accepted by validation and drawn from by the same table: a run, not
    // an index out of bounds.
    let set = "outcomes.silent.tells={empirical={values=[3,9],weights=[5e-324,0]}}";
    exits(
        &["run", &tiny(), "--set", set, "--out", &out, "--no-charts", "--quiet"],
        0,
        &[],
    );
    let set = "experience.tolerance_hours={empirical={values=[1,2],weights=[5e-324,0]}}";
    exits(
        &["run", &tiny(), "--set", set, "--out", &out, "--no-charts", "--quiet"],
        0,
        &[],
    );
    let set = "outcomes.silent.tells={empirical={values=[1,2],weights=[1e308,1e308]}}";
    exits(
        &["run", &tiny(), "--set", set, "--out", &out],
        2,
        &["outcomes.silent.tells.empirical.weights", "each at most"],
    );
}
