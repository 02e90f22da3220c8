//! `wom sweep` and `wom sensitivity`: refusals before any work, a point
//! equal to `wom run`, resuming after an interruption, precision targets.

use super::{fixture, wom};
use predicates::str::contains;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const HOURS: &str = "policies.recover.response_hours=1,36";
const RATES: &str = "experience.complaint_rate=0.1:0.3:0.1";

fn sweep(dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    wom()
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", HOURS, "--set", RATES, "--replications", "12"])
        .arg("--out")
        .arg(dir)
        .arg("--quiet")
        .args(extra)
        .assert()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Every file of a sweep but metadata.json (which records the command line
/// and the time taken) and hidden files, as (relative path, hash of the
/// bytes), sorted.
fn result_files(dir: &Path) -> Vec<(String, u64)> {
    let mut files = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("points"), dir.join("charts")] {
        for entry in fs::read_dir(&sub).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            let hidden = path.file_name().unwrap().to_string_lossy().starts_with('.');
            if path.is_file() && name != "metadata.json" && !hidden {
                files.push((name, wom::hash::fnv1a64(&fs::read(&path).unwrap())));
            }
        }
    }
    files.sort();
    files
}

/// Point files in a directory (not the temporary files of atomic writes).
fn finished(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| !e.file_name().to_string_lossy().starts_with('.'))
            })
            .count()
    })
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn writes_a_tidy_csv_in_point_order() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), &[]).success();
    let mut reader = csv::Reader::from_path(dir.path().join("sweep.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "point",
            "policies.recover.response_hours",
            "experience.complaint_rate",
            "replications",
            "policy",
            "baseline",
            "metric",
            "mean",
            "sd",
            "ci_lo",
            "ci_hi",
            "p5",
            "p50",
            "p95"
        ]
    );
    let rows = csv_rows(&dir.path().join("sweep.csv"));
    // 6 points × (2 policies × 21 metrics + 1 comparison × (1 + 5 causes)).
    assert_eq!(rows.len(), 6 * (2 * 21 + 6));
    let points: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(
        points
            .windows(2)
            .all(|w| w[0].parse::<u32>().unwrap() <= w[1].parse().unwrap())
    );
    // The first key varies slowest; the range is exact decimals.
    let first_of = |p: &str| rows.iter().find(|r| &r[0] == p).unwrap().clone();
    assert_eq!((&first_of("2")[1], &first_of("2")[2]), ("1", "0.3"));
    assert_eq!((&first_of("3")[1], &first_of("3")[2]), ("36", "0.1"));
    let diff = rows.iter().find(|r| &r[6] == "npv_difference").unwrap();
    assert_eq!((&diff[4], &diff[5]), ("recover", "ignore"));
    for chart in ["sweep-difference", "sweep-policies", "sweep-heatmap"] {
        let png = fs::read(dir.path().join(format!("charts/{chart}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{chart}.png");
        let svg = fs::read_to_string(dir.path().join(format!("charts/{chart}.svg"))).unwrap();
        assert!(
            svg.contains("<svg") && svg.contains("complaint_rate"),
            "{chart}.svg"
        );
    }
    let json = read_json(&dir.path().join("sweep.json"));
    assert_eq!(json["points_done"], 6);
    assert_eq!(json["complete"], true);
    assert_eq!(fs::read_dir(dir.path().join("points")).unwrap().count(), 6);
}

#[test]
fn a_point_equals_wom_run_with_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), &[]).success();
    let run = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--set", "policies.recover.response_hours=36"])
        .args(["--set", "experience.complaint_rate=0.2"])
        .args(["--replications", "12", "--quiet", "--out"])
        .arg(run.path())
        .assert()
        .success();
    let summary = read_json(&run.path().join("summary.json"));
    let rows = csv_rows(&dir.path().join("sweep.csv"));
    let at = |policy: &str, metric: &str| -> f64 {
        let r = rows
            .iter()
            .find(|r| &r[1] == "36" && &r[2] == "0.2" && &r[4] == policy && &r[6] == metric)
            .unwrap();
        r[7].parse().unwrap()
    };
    for policy in ["ignore", "recover"] {
        for metric in ["npv", "customers_final", "negative_reach"] {
            let want = summary["policies"][policy][metric]["mean"]
                .as_f64()
                .unwrap();
            assert_eq!(at(policy, metric), want, "{policy} {metric}");
        }
    }
    let d = &summary["comparisons"][0]["npv_difference"];
    assert_eq!(at("recover", "npv_difference"), d["mean"].as_f64().unwrap());
    assert_eq!(
        at("recover", "npv_difference.hearsay_churn"),
        summary["comparisons"][0]["by_cause"]["hearsay_churn"]["mean"]
            .as_f64()
            .unwrap()
    );
}

/// Copies the files of a sweep directory (and its points/) into `to`.
fn copy_sweep(from: &Path, to: &Path) {
    for sub in ["", "points"] {
        fs::create_dir_all(to.join(sub)).unwrap();
        for entry in fs::read_dir(from.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                fs::copy(&path, to.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
}

#[test]
fn resuming_an_interrupted_sweep_runs_exactly_the_missing_points() {
    // The state an interruption leaves, built deterministically: a finished
    // sweep with three of its six point files gone, sweep.json from an
    // earlier moment, and a temporary file of a write that never finished.
    let full = tempfile::tempdir().unwrap();
    sweep(full.path(), &["--threads", "2"]).success();
    let part = tempfile::tempdir().unwrap();
    copy_sweep(full.path(), part.path());
    let mut points: Vec<_> = fs::read_dir(part.path().join("points"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    points.sort();
    for gone in [&points[1], &points[2], &points[5]] {
        fs::remove_file(gone).unwrap();
    }
    fs::write(part.path().join("sweep.json"), "{\"points\": [").unwrap();
    let temporary = part.path().join(".sweep.csv.4242.wom-tmp");
    fs::write(&temporary, "half a file").unwrap();
    // Files that are not wom's are never touched.
    let theirs = part.path().join(".important.db.tmp");
    fs::write(&theirs, "keep me").unwrap();
    sweep(part.path(), &["--resume", "--threads", "1"]).success();
    assert_eq!(result_files(full.path()), result_files(part.path()));
    let meta = read_json(&part.path().join("metadata.json"));
    assert_eq!(meta["points_resumed"], 3);
    assert!(!temporary.exists());
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "keep me");
}

#[test]
fn resuming_after_kill_9_gives_identical_files() {
    let args = |dir: &Path| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("wom"));
        c.arg("sweep")
            .arg(fixture("tiny.toml"))
            .args(["--set", "policies.recover.response_hours=1,4,12,24,36,48"])
            .args(["--set", "experience.complaint_rate=0.05:0.5:0.05"])
            .args(["--replications", "30", "--quiet", "--out"])
            .arg(dir);
        c
    };
    let full = tempfile::tempdir().unwrap();
    assert!(args(full.path()).status().unwrap().success());
    let part = tempfile::tempdir().unwrap();
    let mut child = args(part.path()).spawn().unwrap();
    // Kill it once it has stored a point (or, on a fast machine, finished):
    // whatever it leaves, the assertions below hold.
    let points = part.path().join("points");
    let began = Instant::now();
    while finished(&points) == 0 && began.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    if let Ok(text) = fs::read_to_string(part.path().join("sweep.json")) {
        serde_json::from_str::<Value>(&text).expect("sweep.json valid after kill -9");
    }
    let stored = finished(&points) as u64;
    let mut resume = args(part.path());
    assert!(resume.arg("--resume").status().unwrap().success());
    assert_eq!(result_files(full.path()), result_files(part.path()));
    let resumed = read_json(&part.path().join("metadata.json"))["points_resumed"]
        .as_u64()
        .unwrap();
    assert_eq!(
        resumed, stored,
        "every point stored before the kill is kept"
    );
}

#[test]
fn changed_settings_are_not_resumed() {
    let dir = tempfile::tempdir().unwrap();
    sweep(dir.path(), &[]).success();
    let before = fs::read(dir.path().join("sweep.csv")).unwrap();
    // Resuming with another seed is refused, naming it, and touches nothing:
    // old points are never mixed with new ones nor silently replaced.
    sweep(dir.path(), &["--resume", "--seed", "9"])
        .code(2)
        .stderr(predicates::str::contains("seed "))
        .stderr(predicates::str::contains(" stored, 9 now"));
    assert_eq!(fs::read(dir.path().join("sweep.csv")).unwrap(), before);
    assert_eq!(fs::read_dir(dir.path().join("points")).unwrap().count(), 6);
    // Without --resume the old point files are cleared.
    sweep(dir.path(), &["--seed", "9"]).success();
    assert_eq!(fs::read_dir(dir.path().join("points")).unwrap().count(), 6);
    let meta = read_json(&dir.path().join("metadata.json"));
    assert_eq!(meta["points_resumed"], 0);
}

#[test]
fn one_and_two_threads_give_identical_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sweep(a.path(), &["--threads", "1"]).success();
    sweep(b.path(), &["--threads", "2"]).success();
    assert_eq!(result_files(a.path()), result_files(b.path()));
}

#[test]
fn precision_grows_replications_per_point_until_met() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "experience.complaint_rate=0.2,0.4"])
        .args([
            "--precision",
            "0.1",
            "--replications",
            "4",
            "--quiet",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let json = read_json(&dir.path().join("sweep.json"));
    for p in json["points"].as_array().unwrap() {
        let reps = p["replications"].as_u64().unwrap();
        let reached = &p["precision"];
        assert_eq!(reached["met"], true);
        assert!(reached["relative"].as_f64().unwrap() <= 0.1);
        let d = &p["comparisons"][0]["npv_difference"];
        let half = (d["ci95"][1].as_f64().unwrap() - d["ci95"][0].as_f64().unwrap()) / 2.0;
        assert!(half <= 0.1 * d["mean"].as_f64().unwrap().abs());
        assert!(reps > 4 && reps.is_power_of_two(), "{reps}: doubled from 4");
    }
}

#[test]
fn refuses_bad_sweeps_before_any_work() {
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "--set",
                "experience.complaint_rate=0:1:0.0001",
                "--set",
                "economics.margin=1,2",
            ],
            "more than the cap of 10000",
        ),
        (
            &["--set", "experience.complaint_rate=0.5:0.1:0.1"],
            "the range is empty",
        ),
        (
            &["--set", "experience.complaint_rate=0:0.5:0"],
            "must be greater than zero",
        ),
        (
            &["--set", "experience.complaint_rte=0.1,0.2"],
            "complaint_rte",
        ),
        (
            &["--set", "experience.complaint_rate=0.1,1.5"],
            "complaint_rate",
        ),
        (
            &[
                "--set",
                "economics.margin=1,2",
                "--set",
                "periods=2,3,4",
                "--zip",
            ],
            "same number of values",
        ),
        (&["--set", "replications=10,20"], "--precision"),
        (
            &["--set", "population.people=800,2000000000"],
            "GiB of memory",
        ),
    ];
    for (args, says) in cases {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        wom()
            .arg("sweep")
            .arg(fixture("tiny.toml"))
            .args(args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(contains(says));
        assert!(!out.exists(), "{args:?} wrote files before refusing");
    }
}

#[test]
fn sensitivity_writes_a_tornado_table_largest_swing_first() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("sensitivity")
        .arg(fixture("tiny.toml"))
        .args(["--vary", "experience.complaint_rate=0.05:0.5"])
        .args(["--vary", "economics.margin=45:55"])
        .args([
            "--vary",
            "outcomes.unresolved.tells={uniform=[2,3]}:{uniform=[5,6]}",
        ])
        .args(["--replications", "12", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("experience.complaint_rate"));
    let rows = csv_rows(&dir.path().join("sensitivity.csv"));
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "experience.complaint_rate");
    let swing = |r: &csv::StringRecord| r[11].parse::<f64>().unwrap().abs();
    assert!(swing(&rows[0]) >= swing(&rows[1]) && swing(&rows[1]) >= swing(&rows[2]));
    assert_eq!(&rows[2][2], "{ uniform = [5, 6] }");
    let png = fs::read(dir.path().join("charts/tornado.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let svg = fs::read_to_string(dir.path().join("charts/tornado.svg")).unwrap();
    assert!(svg.contains("The value lost moves most with"));
}

#[test]
fn sensitivity_defaults_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("sensitivity")
        .arg(fixture("tiny.toml"))
        .args(["--replications", "4", "--quiet", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let rows = csv_rows(&dir.path().join("sensitivity.csv"));
    assert!(rows.len() >= 8, "default keys: {}", rows.len());
    assert!(
        rows.iter()
            .any(|r| &r[0] == "outcomes.resolved_quickly.stay")
    );
    for (vary, says) in [
        ("economics.margin=1", "LOW:HIGH"),
        ("economics.margn=1:2", "margn"),
        ("effects.deter=0.5:2", "effects.deter"),
    ] {
        wom()
            .arg("sensitivity")
            .arg(fixture("tiny.toml"))
            .args(["--vary", vary])
            .assert()
            .code(2)
            .stderr(contains(says));
    }
}

#[test]
fn run_with_precision_reports_what_it_reached() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--precision", "0.1", "--replications", "4", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("Precision target ±10.0% met"));
    let summary = read_json(&dir.path().join("summary.json"));
    assert_eq!(summary["precision"]["met"], true);
    assert_eq!(
        summary["precision"]["replications"],
        summary["replications"]
    );
}
