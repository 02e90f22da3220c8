//! Reproducers of the second round of hardening, one test per class:
//! a clean refusal (exit 2 naming what and where) or a correct result;
//! never a panic (exit 101), an abort (134), a hang or a replaced file.

use super::reproducers::{exits, tiny};
use std::fs;
use std::path::Path;

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
        &[
            "run",
            &tiny(),
            "--set",
            set,
            "--out",
            &out,
            "--no-charts",
            "--quiet",
        ],
        0,
        &[],
    );
    let set = "experience.tolerance_hours={empirical={values=[1,2],weights=[5e-324,0]}}";
    exits(
        &[
            "run",
            &tiny(),
            "--set",
            set,
            "--out",
            &out,
            "--no-charts",
            "--quiet",
        ],
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

/// The files of a directory and its charts/, sorted, without wom's lock
/// and list.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["", "charts", "points"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_file() && name != ".wom-lock" && name != ".wom-files" {
                out.push(if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                });
            }
        }
    }
    out.sort();
    out
}

#[test]
fn nothing_of_an_earlier_command_survives_beside_a_complete_result() {
    let base = tempfile::tempdir().unwrap();
    let (dir, alone) = (base.path().join("d"), base.path().join("alone"));
    let (d, a) = (path(&dir), path(&alone));
    let staffing = path(&super::shipped("staffing.toml"));
    let small = ["--replications", "4", "--quiet"];
    // A run with charts (a desk's response-time chart among them), then a
    // sweep, then a run without charts of another scenario: each time the
    // directory holds exactly what the last command writes alone.
    exits(
        &[&["run", &staffing, "--out", &d][..], &small].concat(),
        0,
        &[],
    );
    let sweep = [
        "sweep",
        &tiny(),
        "--set",
        "economics.margin=20,40",
        "--replications",
        "4",
    ];
    exits(&[&sweep[..], &["--out", &d, "--quiet"]].concat(), 0, &[]);
    exits(&[&sweep[..], &["--out", &a, "--quiet"]].concat(), 0, &[]);
    assert_eq!(listing(&dir), listing(&alone));
    let run = [
        "run",
        &tiny(),
        "--replications",
        "4",
        "--no-charts",
        "--quiet",
    ];
    exits(&[&run[..], &["--out", &d]].concat(), 0, &[]);
    fs::remove_dir_all(&alone).unwrap();
    exits(&[&run[..], &["--out", &a]].concat(), 0, &[]);
    assert_eq!(listing(&dir), listing(&alone));
    assert!(!dir.join("sweep.json").exists() && !dir.join("report.html").exists());
    // wom plot redraws the run's pictures and leaves its data alone.
    exits(&["plot", &d, "--quiet"], 0, &[]);
    assert!(dir.join("summary.json").exists() && dir.join("report.html").exists());
}

#[test]
fn a_directory_left_incomplete_says_so_and_is_not_taken_for_a_result() {
    let dir = tempfile::tempdir().unwrap();
    let d = path(dir.path());
    exits(
        &[
            "run",
            &tiny(),
            "--replications",
            "4",
            "--out",
            &d,
            "--quiet",
        ],
        0,
        &[],
    );
    assert!(!dir.path().join("INCOMPLETE").exists());
    fs::write(dir.path().join("INCOMPLETE"), "x").unwrap();
    exits(&["plot", &d], 2, &["INCOMPLETE", "run the command again"]);
    exits(
        &[
            "run",
            &tiny(),
            "--replications",
            "4",
            "--out",
            &d,
            "--quiet",
        ],
        0,
        &[],
    );
    assert!(!dir.path().join("INCOMPLETE").exists());
}

#[test]
fn write_targets_that_are_not_regular_files_are_refused_or_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let graph = [
        "graph",
        "--network",
        "erdos_renyi",
        "--nodes",
        "50",
        "--mean-degree",
        "4",
    ];
    for target in [path(&fifo), "/dev/null".to_owned(), path(dir.path())] {
        let stderr = exits(&[&graph[..], &["--write", &target]].concat(), 2, &[&target]);
        assert!(stderr.contains("not a regular file"), "{stderr}");
        exits(&["init", "--force", &target], 2, &["not a regular file"]);
    }
    assert!(
        fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A link is written through: the file it names is replaced, the link
    // stays a link.
    let real = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    exits(&[&graph[..], &["--write", &path(&link)]].concat(), 0, &[]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains("0 "));
}

use std::os::unix::fs::FileTypeExt;

#[test]
fn output_directories_the_root_and_foreign_ones_are_refused_unless_forced() {
    exits(
        &["run", &tiny(), "--out", "/"],
        2,
        &["--out /", "root of the file system"],
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("thesis.tex"), "mine").unwrap();
    let d = path(dir.path());
    exits(
        &["run", &tiny(), "--out", &d],
        2,
        &["--force-out", "no result of wom's"],
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    exits(
        &["run", &tiny(), "--out", &d, "--force-out", "--quiet"],
        0,
        &[],
    );
    assert!(dir.path().join("summary.json").exists());
    // Ours now: a later run needs no flag, and the user's file stays.
    exits(&["run", &tiny(), "--out", &d, "--quiet"], 0, &[]);
    assert_eq!(
        fs::read_to_string(dir.path().join("thesis.tex")).unwrap(),
        "mine"
    );
}

#[test]
fn result_files_with_huge_values_nul_bytes_or_pipes_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let d = path(dir.path());
    exits(
        &[
            "run",
            &tiny(),
            "--replications",
            "4",
            "--out",
            &d,
            "--quiet",
            "--no-charts",
        ],
        0,
        &[],
    );
    let summary = dir.path().join("summary.json");
    let text = fs::read_to_string(&summary).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["policies"]["ignore"]["npv"]["mean"] = serde_json::json!(1e308);
    fs::write(&summary, json.to_string()).unwrap();
    exits(
        &["plot", &d],
        2,
        &["summary.json", "1e308", "from -1e30 to 1e30"],
    );
    fs::write(&summary, text).unwrap();
    // 64 MiB of NUL bytes: refused at its first long line, not held whole,
    // and the message quotes none of it.
    let csv = dir.path().join("replications.csv");
    let saved = fs::read(&csv).unwrap();
    fs::write(&csv, vec![0u8; 64 << 20]).unwrap();
    let stderr = exits(&["plot", &d], 2, &["replications.csv", "line 1 is longer"]);
    assert!(stderr.len() < 2000, "{} bytes of message", stderr.len());
    // A pipe in place of a result file is refused, not waited on.
    fs::remove_file(&csv).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&csv)
            .status()
            .unwrap()
            .success()
    );
    exits(
        &["plot", &d],
        2,
        &["replications.csv", "not a regular file"],
    );
    fs::remove_file(&csv).unwrap();
    fs::write(&csv, saved).unwrap();
    exits(&["plot", &d, "--quiet"], 0, &[]);
}

#[test]
fn an_edited_or_odd_point_file_is_run_again_on_resume() {
    let dir = tempfile::tempdir().unwrap();
    let d = path(dir.path());
    let sweep = [
        "sweep",
        &tiny(),
        "--set",
        "economics.margin=20,40,60",
        "--replications",
        "4",
    ];
    exits(&[&sweep[..], &["--out", &d, "--quiet"]].concat(), 0, &[]);
    let whole = fs::read(dir.path().join("sweep.csv")).unwrap();
    let mut points: Vec<_> = fs::read_dir(dir.path().join("points"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    points.sort();
    // Policies emptied by hand, and a pipe in place of another point.
    let text = fs::read_to_string(&points[0]).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["policies"] = serde_json::json!([]);
    json["comparisons"] = serde_json::json!([]);
    fs::write(&points[0], json.to_string()).unwrap();
    fs::remove_file(&points[1]).unwrap();
    let resume = [&sweep[..], &["--out", &d, "--quiet", "--resume"]].concat();
    exits(&resume, 0, &[]);
    assert_eq!(fs::read(dir.path().join("sweep.csv")).unwrap(), whole);
    fs::remove_file(&points[1]).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&points[1])
            .status()
            .unwrap()
            .success()
    );
    // Not waited on: the pipe is not a point, and wom does not replace it.
    exits(&resume, 2, &["not a regular file"]);
}

#[test]
fn an_edge_list_with_a_latin1_byte_is_refused_at_its_line_once() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("edges.txt");
    fs::write(&edges, b"0 1\n# caf\xE9\n1 2\n2 0\n").unwrap();
    let stderr = exits(
        &["graph", "--graph", &path(&edges)],
        2,
        &["line 2", "0xE9", "UTF-8"],
    );
    assert_eq!(stderr.matches("0xE9").count(), 1, "{stderr}");
}

#[test]
fn results_that_will_not_fit_in_memory_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = path(&dir.path().join("out"));
    let args = [
        "run",
        &tiny(),
        "--set",
        "periods=10000",
        "--replications",
        "5000000",
        "--out",
        &d,
    ];
    exits(
        &args,
        2,
        &["the results of 5000000 replications × 10000 periods × 2 policies"],
    );
    assert!(!dir.path().join("out").exists());
    let vary = ["sensitivity", &tiny(), "--vary", "seed=1:2", "--out", &d];
    exits(&vary, 2, &["--vary seed=1:2", "not an assumption"]);
}
