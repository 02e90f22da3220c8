//! `wom calibrate` end to end: the truth recovered from counts simulated
//! at known values, an uninformed key left as wide as its prior, the same
//! bytes on 1 and 2 threads, every class of bad input, an interrupted
//! calibration that does not look complete.

use super::{fixture, wom};
use std::path::Path;

const TRUE_PROBLEM_RATE: f64 = 0.12;
const TRUE_COMPLAINT_RATE: f64 = 0.3;

/// Writes counts of the fixture's `ignore` policy at the true values.
fn synthetic_counts(path: &Path, seed: &str) {
    wom()
        .arg("counts")
        .arg(fixture("calibrate.toml"))
        .args(["--policy", "ignore", "--seed", seed, "--out"])
        .arg(path)
        .arg("--set")
        .arg(format!("experience.problem_rate={TRUE_PROBLEM_RATE}"))
        .arg("--set")
        .arg(format!("experience.complaint_rate={TRUE_COMPLAINT_RATE}"))
        .assert()
        .success();
}

fn calibrate(observed: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    wom()
        .arg("calibrate")
        .arg(fixture("calibrate.toml"))
        .arg("--observed")
        .arg(observed)
        .args(["--policy", "ignore", "--seed", "3", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .assert()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn interval(c: &serde_json::Value, key: &str, which: &str) -> (f64, f64) {
    let i = &c["keys"][key][which];
    (i[0].as_f64().unwrap(), i[1].as_f64().unwrap())
}

#[test]
fn the_truth_lies_in_its_interval_and_an_uninformed_key_stays_wide() {
    let dir = tempfile::tempdir().unwrap();
    let observed = dir.path().join("counts.csv");
    synthetic_counts(&observed, "11");
    let out = dir.path().join("cal");
    calibrate(
        &observed,
        &out,
        &[
            "--fit",
            "experience.problem_rate=0.01:0.3",
            "--fit",
            "experience.complaint_rate=0.05:0.8",
            "--fit",
            "economics.discount_rate=0:0.2",
            "--particles",
            "150",
            "--simulations",
            "6000",
        ],
    )
    .success();
    let c = json(&out.join("calibration.json"));
    for (key, truth) in [
        ("experience.problem_rate", TRUE_PROBLEM_RATE),
        ("experience.complaint_rate", TRUE_COMPLAINT_RATE),
    ] {
        let (lo, hi) = interval(&c, key, "interval90");
        assert!(
            lo <= truth && truth <= hi,
            "{key}: {truth} outside 90% [{lo}, {hi}]"
        );
    }
    // The counts inform the problem rate: its 90% interval is well inside
    // the prior's (0.261 wide).
    let (lo, hi) = interval(&c, "experience.problem_rate", "interval90");
    assert!(hi - lo < 0.5 * 0.9 * 0.29, "problem_rate 90% [{lo}, {hi}]");
    // The discount rate changes no count: its 90% interval stays about the
    // prior's 0.18. With an ESS of at least 50 each end percentile's
    // standard error is about √(0.05·0.95/50) · 0.2 ≈ 0.006, so 0.144 is
    // six of them below.
    let ess = c["keys"]["economics.discount_rate"]["ess"]
        .as_f64()
        .unwrap();
    assert!(ess >= 50.0, "ESS {ess}");
    let (lo, hi) = interval(&c, "economics.discount_rate", "interval90");
    assert!(hi - lo > 0.8 * 0.18, "discount_rate 90% [{lo}, {hi}]");
    // The other files, and the run's record.
    let posterior = std::fs::read_to_string(out.join("posterior.csv")).unwrap();
    assert!(posterior.starts_with(
        "weight,experience.problem_rate,experience.complaint_rate,economics.discount_rate\n"
    ));
    assert_eq!(posterior.lines().count(), 151);
    assert!(c["simulations"].as_u64().unwrap() <= 6000);
    assert!(c["generations"].as_u64().unwrap() >= 2);
    assert_eq!(
        c["observed"]["columns"],
        serde_json::json!(["customers", "complaints", "conversions", "churn"])
    );
    let calibrated = std::fs::read_to_string(out.join("calibrated.toml")).unwrap();
    let table: toml::Table = calibrated.parse().unwrap();
    assert_eq!(
        table["uncertainty"]["draws_file"].as_str(),
        Some("posterior.csv")
    );
    for chart in ["posterior_experience_problem_rate", "predictive_complaints"] {
        assert!(
            out.join("charts").join(format!("{chart}.svg")).exists(),
            "{chart}"
        );
    }
    let predictive = std::fs::read_to_string(out.join("predictive.csv")).unwrap();
    assert_eq!(predictive.lines().count(), 1 + 4 * 8);
    // calibrated.toml runs as it is, its fitted keys drawn from the posterior.
    let run = dir.path().join("run");
    wom()
        .arg("run")
        .arg(out.join("calibrated.toml"))
        .args(["--replications", "20", "--quiet", "--no-charts", "--out"])
        .arg(&run)
        .assert()
        .success();
    let summary = json(&run.join("summary.json"));
    assert!(summary.get("uncertainty").is_some(), "{summary}");
}

#[test]
fn fit_without_a_range_takes_the_key_s_uncertainty_prior() {
    let dir = tempfile::tempdir().unwrap();
    let observed = dir.path().join("counts.csv");
    synthetic_counts(&observed, "6");
    let scenario = dir.path().join("s.toml");
    let text = std::fs::read_to_string(fixture("calibrate.toml")).unwrap();
    std::fs::write(
        &scenario,
        format!("{text}\n[uncertainty]\n\"experience.problem_rate\" = {{ triangular = [0.02, 0.1, 0.3] }}\n"),
    )
    .unwrap();
    let out = dir.path().join("cal");
    wom()
        .arg("calibrate")
        .arg(&scenario)
        .arg("--observed")
        .arg(&observed)
        .args([
            "--policy",
            "ignore",
            "--quiet",
            "--fit",
            "experience.problem_rate",
        ])
        .args(["--particles", "30", "--simulations", "600", "--out"])
        .arg(&out)
        .assert()
        .success();
    let c = json(&out.join("calibration.json"));
    assert_eq!(
        c["keys"]["experience.problem_rate"]["prior"],
        "triangular(0.02, 0.1, 0.3)"
    );
    let (lo, hi) = interval(&c, "experience.problem_rate", "interval90");
    assert!(
        0.02 <= lo && hi <= 0.3,
        "[{lo}, {hi}] inside the prior's support"
    );
}

#[test]
fn one_and_two_threads_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let observed = dir.path().join("counts.csv");
    synthetic_counts(&observed, "2");
    let run = |threads: &str| {
        let out = dir.path().join(format!("t{threads}"));
        calibrate(
            &observed,
            &out,
            &[
                "--fit",
                "experience.problem_rate=0.01:0.3",
                "--fit",
                "effects.deter=0:1",
                "--particles",
                "40",
                "--simulations",
                "1200",
                "--threads",
                threads,
            ],
        )
        .success();
        let read = |f: &str| std::fs::read(out.join(f)).unwrap();
        (
            read("posterior.csv"),
            read("calibration.json"),
            read("predictive.csv"),
        )
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn a_killed_calibration_does_not_look_complete() {
    let dir = tempfile::tempdir().unwrap();
    let observed = dir.path().join("counts.csv");
    synthetic_counts(&observed, "4");
    let out = dir.path().join("cal");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("calibration.json"), "{}").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("wom"))
        .arg("calibrate")
        .arg(fixture("calibrate.toml"))
        .arg("--observed")
        .arg(&observed)
        .args([
            "--policy",
            "ignore",
            "--quiet",
            "--fit",
            "experience.problem_rate=0.01:0.3",
        ])
        .args(["--particles", "5000", "--simulations", "10000000", "--out"])
        .arg(&out)
        .spawn()
        .unwrap();
    // The stale calibration.json goes before any simulation.
    let start = std::time::Instant::now();
    while out.join("calibration.json").exists() && start.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.join("calibration.json").exists());
}

#[test]
fn bad_input_exits_2_naming_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = "period,customers,complaints\n0,150,3\n1,149,4\n";
    let fit = "experience.problem_rate=0.01:0.3";
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "period,customers\n0,150\n2,149\n",
            vec![],
            "period 1 is missing",
        ),
        (
            "period,customers\n0,150\n0,149\n",
            vec![],
            "line 3, column 1 (`period`): period 0 appears twice",
        ),
        (
            "period,customers\n8,150\n",
            vec![],
            "period 8 is beyond the scenario's 8 periods",
        ),
        (
            "period,customers\n0,-1\n",
            vec![],
            "line 2, column 2 (`customers`): `-1` is negative",
        ),
        (
            "period,customers\n0,1.5\n",
            vec![],
            "`1.5` is not a whole number",
        ),
        ("period,customers\n0,NaN\n", vec![], "`NaN` is not finite"),
        (
            "period,revenue\n0,1\n",
            vec![],
            "unknown column `revenue`; allowed: period, customers, complaints, conversions, churn, parted",
        ),
        (
            "period,parted\n0,1\n",
            vec![],
            "the policy `ignore` never parts with a customer",
        ),
        (
            good,
            vec!["--policy", "nobody"],
            "--policy nobody: no such policy",
        ),
        (
            good,
            vec!["--fit", "experience.bogus=0:1"],
            "experience.bogus",
        ),
        (
            good,
            vec!["--fit", "policies.ignore.handling=0:1"],
            "--fit policies.ignore.handling=0:1",
        ),
        (
            good,
            vec!["--fit", "experience.problem_rate=0.3:0.1"],
            "LO (0.3) must be below HI (0.1)",
        ),
        (
            good,
            vec!["--fit", "experience.problem_rate=0.5:1.5"],
            "experience.problem_rate = 1.5 must be a value the scenario allows",
        ),
        (
            good,
            vec!["--fit", "experience.problem_rate"],
            "--fit experience.problem_rate: no range",
        ),
        (
            good,
            vec!["--fit", "experience.problem_rate=a:1"],
            "`a` is not a finite number",
        ),
    ];
    for (i, (counts, extra, wanted)) in cases.into_iter().enumerate() {
        let observed = dir.path().join(format!("c{i}.csv"));
        std::fs::write(&observed, counts).unwrap();
        let mut args = vec!["--policy", "ignore", "--fit", fit];
        if extra.first() == Some(&"--policy") {
            args = vec!["--fit", fit];
        } else if extra.first() == Some(&"--fit") {
            args = vec!["--policy", "ignore"];
        }
        args.extend(extra);
        let output = wom()
            .arg("calibrate")
            .arg(fixture("calibrate.toml"))
            .arg("--observed")
            .arg(&observed)
            .args(&args)
            .arg("--out")
            .arg(dir.path().join("out"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "case {i}: {stderr}");
        assert!(
            stderr.contains(wanted),
            "case {i}: wanted {wanted:?} in {stderr}"
        );
        if counts != good {
            assert!(
                stderr.contains(&format!("c{i}.csv")),
                "case {i}: the file is named: {stderr}"
            );
        }
    }
}
