//! `wom cascade`.

use super::{fixture, wom};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = wom()
        .arg("cascade")
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("one JSON object")
}

#[test]
fn json_has_the_documented_fields() {
    let v = json(&[
        "--network",
        "erdos_renyi",
        "--nodes",
        "2000",
        "--mean-degree",
        "4",
        "--p",
        "0.2",
        "--seeds",
        "5",
        "--runs",
        "50",
    ]);
    for key in [
        "runs",
        "mean",
        "sd",
        "ci95",
        "p5",
        "p50",
        "p95",
        "simulate_seconds",
        "load_seconds",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["runs"], 50);
    // The 5 seeds are always active.
    assert!(v["min"].as_u64().unwrap() >= 5, "{v}");
    // Branching approximation of G(2000, 4/1999) (locally tree-like): each
    // seed starts a Poisson(p·k = 0.8) branching process, whose total size
    // has mean 1/(1 − 0.8) = 5 and variance m/(1 − m)³ = 100. Five seeds:
    // mean 25, sd √500 ≈ 22.4; over 50 runs the standard error is 3.16.
    // Allow 4 standard errors (overlaps between seeds' cascades shave off
    // well under one).
    let mean = v["mean"].as_f64().unwrap();
    assert!((mean - 25.0).abs() < 4.0 * 3.16, "mean {mean}");
}

#[test]
fn one_and_two_threads_print_identical_results() {
    let args = [
        "--network",
        "barabasi_albert",
        "--nodes",
        "3000",
        "--attach",
        "3",
        "--p",
        "0.1",
        "--seeds",
        "4",
        "--runs",
        "200",
        "--seed",
        "9",
    ];
    let run = |t: &str| {
        let mut v = json(&[&args[..], &["--threads", t]].concat());
        for k in ["simulate_seconds", "load_seconds", "threads"] {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn seed_file_uses_the_edge_list_ids() {
    // From node 10 of the triangle with p = 1 everything connected is
    // reached: the triangle and the pendant, 4 nodes.
    let seeds = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(seeds.path(), "# seeds\n10\n").unwrap();
    let v = json(&[
        "--graph",
        fixture("triangle.txt").to_str().unwrap(),
        "--seed-file",
        seeds.path().to_str().unwrap(),
        "--p",
        "1",
        "--runs",
        "10",
    ]);
    assert_eq!(v["mean"], 4.0);
    assert_eq!(v["sd"], 0.0);
}

#[test]
fn readable_summary_formats_numbers() {
    wom()
        .args([
            "cascade",
            "--network",
            "watts_strogatz",
            "--nodes",
            "20000",
            "--mean-degree",
            "4",
            "--p",
            "1",
            "--seeds",
            "1",
            "--runs",
            "3",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("20,000"));
}
