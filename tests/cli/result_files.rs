//! Result files edited or cut short by hand: `wom plot` refuses them as
//! bad input (exit 2) naming the file and what is wrong, never a panic.

use super::{fixture, wom};
use predicates::str::contains;
use std::fs;
use std::path::Path;

fn finished_run() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--replications", "3", "--quiet", "--no-charts", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

fn edit(dir: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, change(text)).unwrap();
}

fn plot_refuses(dir: &Path, needles: &[&str]) {
    let mut assert = wom().arg("plot").arg(dir).assert().code(2);
    for needle in needles {
        assert = assert.stderr(contains(*needle));
    }
}

#[test]
fn a_finished_run_plots() {
    let dir = finished_run();
    wom()
        .arg("plot")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .success();
    assert!(dir.path().join("report.html").exists());
}

#[test]
fn hand_edited_result_files_are_bad_input() {
    type Change = fn(String) -> String;
    let cases: [(&str, Change, &[&str]); 9] = [
        (
            "metadata.json",
            |t| t.replace("\"handling\": \"recover\"", "\"handling\": \"maybe\""),
            &["metadata.json", "handling"],
        ),
        (
            "metadata.json",
            |t| {
                let v: serde_json::Value = serde_json::from_str(&t).unwrap();
                let mut v = v;
                v["scenario"]["policies"] = serde_json::json!({});
                v.to_string()
            },
            &["metadata.json", "policies"],
        ),
        (
            "summary.json",
            |t| t[..t.len() / 2].to_owned(),
            &["summary.json"],
        ),
        (
            "summary.json",
            |t| t.replacen("\"mean\": ", "\"mean\": null, \"x\": ", 1),
            &["summary.json", "policies.ignore.npv"],
        ),
        (
            "summary.json",
            |t| t.replace("\"negative_reach\"", "\"negative_rech\""),
            &["summary.json", "unknown metric `negative_rech`"],
        ),
        (
            "replications.csv",
            |t| t.lines().take(4).collect::<Vec<_>>().join("\n") + "\n",
            &["replications.csv", "3 rows, expected 6"],
        ),
        (
            "replications.csv",
            |t| t.replacen(",ignore,", ",ignored,", 1),
            &["replications.csv", "line 2", "unknown policy"],
        ),
        (
            "periods.csv",
            |t| t.replacen("\n0,ignore,", "\n0,ignore,NaN", 1),
            &["periods.csv", "line 2"],
        ),
        (
            "periods.csv",
            |t| t.replace("customers_mean", "customers_average"),
            &["periods.csv", "header"],
        ),
    ];
    for (file, change, needles) in cases {
        let dir = finished_run();
        edit(dir.path(), file, change);
        plot_refuses(dir.path(), needles);
    }
}

#[test]
fn a_directory_without_summary_json_is_not_a_finished_run() {
    let dir = finished_run();
    fs::remove_file(dir.path().join("summary.json")).unwrap();
    plot_refuses(dir.path(), &["no summary.json"]);
}

#[test]
fn trace_files_are_checked_against_sane_bounds() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("trace")
        .arg(fixture("tiny.toml"))
        .args(["--quiet", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    edit(dir.path(), "trace.json", |t| {
        t.replace("\"max_hops\": 3", "\"max_hops\": 100000000")
    });
    // No run in the directory: the trace is read by `wom plot` only when a
    // run is there, so make one first.
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--replications", "3", "--quiet", "--no-charts", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    plot_refuses(
        dir.path(),
        &["trace.json", "max_hops is 100000000; allowed: 1 to 20"],
    );
}
