//! `--set` and `[uncertainty]`: a bad `--set uncertainty.KEY=…` is blamed
//! on the flag (naming it and its value), however the key is spelt; a
//! value `--set` states for an uncertain key is no longer uncertain.

use super::uncertainty::{BASE, write};
use super::wom;

#[test]
fn a_bad_uncertainty_flag_is_blamed_on_the_flag_not_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    for flag in [
        "uncertainty.effects.deter={ uniform = [0.5, 1.5] }",
        "uncertainty.\"effects.deter\"={ uniform = [0.5, 1.5] }",
        "uncertainty.replications_per_draw=0",
        "uncertainty.economics.margin={ beta = { mean = 50, sd = 1 } }",
    ] {
        let out = wom()
            .arg("run")
            .arg(&file)
            .args(["--set", flag, "--quiet", "--no-charts", "--out"])
            .arg(dir.path().join("o"))
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(err.contains(&format!("--set {flag}: ")), "{flag}: {err}");
        assert!(
            !err.contains("u.toml:"),
            "{flag}: blamed on the file: {err}"
        );
    }
}

#[test]
fn a_value_set_for_an_uncertain_key_is_no_longer_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    let out = dir.path().join("o");
    wom()
        .arg("run")
        .arg(&file)
        .args([
            "--set",
            "effects.deter=0.9",
            "--quiet",
            "--no-charts",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let draws = std::fs::read_to_string(out.join("draws.csv")).unwrap();
    let header = draws.lines().next().unwrap();
    assert!(!header.contains("effects.deter"), "{header}");
    assert!(header.contains("economics.margin"), "{header}");
    let meta = std::fs::read_to_string(out.join("metadata.json")).unwrap();
    assert!(meta.contains("0.9"), "the stated value is the scenario's");
}
