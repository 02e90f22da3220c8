//! `wom run`, `wom sweep` and `wom plot` killed with SIGKILL at many
//! moments never leave a directory that a later command takes for complete
//! and consistent: `wom plot DIR` either refuses it (exit 2: no finished
//! run) or draws exactly the run that finished, never a mix of two; a
//! resumed sweep gives the bytes of an uninterrupted one.

use super::fixture;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn wom() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wom"));
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Runs `command` to the end; how long it took.
fn timed(mut command: Command) -> Duration {
    let began = Instant::now();
    assert!(command.status().unwrap().success());
    began.elapsed()
}

/// Starts `command`, kills it with SIGKILL after `delay` (if still
/// running) and reaps it.
fn kill_after(mut command: Command, delay: Duration) {
    let mut child = command.spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().unwrap();
}

/// `count` moments spread over `[0, 2 × total]` (a command under load
/// may take longer than it did alone).
fn moments(total: Duration, count: u32) -> impl Iterator<Item = Duration> {
    (0..count).map(move |k| total.mul_f64(2.0 * f64::from(k) / f64::from(count - 1)))
}

fn run_into(dir: &Path, seed: &str) -> Command {
    let mut c = wom();
    c.arg("run")
        .arg(fixture("tiny.toml"))
        .args([
            "--replications",
            "150",
            "--seed",
            seed,
            "--threads",
            "2",
            "--out",
        ])
        .arg(dir);
    c
}

fn plot(dir: &Path) -> Option<i32> {
    wom().arg("plot").arg(dir).status().unwrap().code()
}

const DATA: [&str; 3] = ["summary.json", "replications.csv", "periods.csv"];

fn temporaries(dir: &Path) -> usize {
    [dir.to_path_buf(), dir.join("charts"), dir.join("points")]
        .iter()
        .filter_map(|d| fs::read_dir(d).ok())
        .flatten()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".wom-tmp")
        })
        .count()
}

#[test]
fn a_killed_run_over_an_earlier_one_never_looks_finished_with_mixed_files() {
    let base = tempfile::tempdir().unwrap();
    // The two runs' files, each from an uninterrupted run.
    let (old, new) = (base.path().join("old"), base.path().join("new"));
    timed(run_into(&old, "1"));
    let total = timed(run_into(&new, "2"));
    let bytes = |dir: &Path| DATA.map(|f| fs::read(dir.join(f)).unwrap());
    let (old_bytes, new_bytes) = (bytes(&old), bytes(&new));
    // How often the killed directory held: the old run whole, no finished
    // run, the new run whole.
    let mut outcomes = [0usize; 3];
    // Each moment, and once left to finish.
    let kills = moments(total, 16).map(Some).chain([None]);
    for (i, delay) in kills.enumerate() {
        let dir = base.path().join(format!("d{i}"));
        timed(run_into(&dir, "1"));
        match delay {
            Some(delay) => kill_after(run_into(&dir, "2"), delay),
            None => drop(timed(run_into(&dir, "2"))),
        }
        match plot(&dir) {
            Some(0) => {
                // Drawn: every data file is from one run, the old or the new.
                let got = bytes(&dir);
                let which = [&old_bytes, &new_bytes].iter().position(|b| **b == got);
                let Some(which) = which else {
                    panic!("killed after {delay:?}: wom plot drew a mix of two runs")
                };
                outcomes[2 * which] += 1;
            }
            Some(2) => {
                // No finished run, or one visibly incomplete (killed
                // before it removed INCOMPLETE, store::owned).
                let unfinished = !dir.join("summary.json").exists();
                assert!(
                    unfinished || dir.join("INCOMPLETE").exists(),
                    "after {delay:?}"
                );
                outcomes[1] += 1;
            }
            other => panic!("wom plot exited {other:?} after a kill at {delay:?}"),
        }
        // A later run cleans what the killed one left and finishes.
        timed(run_into(&dir, "2"));
        assert!(bytes(&dir) == new_bytes, "after {delay:?}");
        assert_eq!(temporaries(&dir), 0, "temporary files left in {dir:?}");
    }
    // A kill at once leaves the old run whole, a run left to finish the
    // new one (the moments in between depend on the machine's speed).
    assert!(outcomes[0] > 0 && outcomes[2] > 0, "{outcomes:?}");
    eprintln!("old whole, unfinished, new whole: {outcomes:?}");
}

#[test]
fn a_killed_plot_leaves_the_run_whole() {
    let dir = tempfile::tempdir().unwrap();
    timed(run_into(dir.path(), "1"));
    let report = fs::read(dir.path().join("report.html")).unwrap();
    let mut command = wom();
    command.arg("plot").arg(dir.path());
    let total = timed(command);
    for delay in moments(total, 12) {
        let mut command = wom();
        command.arg("plot").arg(dir.path());
        kill_after(command, delay);
        assert_eq!(plot(dir.path()), Some(0), "after a kill at {delay:?}");
        assert!(fs::read(dir.path().join("report.html")).unwrap() == report);
        assert_eq!(temporaries(dir.path()), 0);
    }
}

fn sweep_into(dir: &Path, resume: bool) -> Command {
    let mut c = wom();
    c.arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "economics.margin=20:60:5", "--replications", "40"])
        .args(["--threads", "2", "--out"])
        .arg(dir);
    if resume {
        c.arg("--resume");
    }
    c
}

#[test]
fn a_killed_sweep_resumes_to_the_bytes_of_an_uninterrupted_one() {
    let base = tempfile::tempdir().unwrap();
    let whole = base.path().join("whole");
    let total = timed(sweep_into(&whole, false));
    let files = |dir: &Path| ["sweep.csv", "sweep.json"].map(|f| fs::read(dir.join(f)).unwrap());
    let want = files(&whole);
    for (i, delay) in moments(total, 10).enumerate() {
        let dir = base.path().join(format!("s{i}"));
        kill_after(sweep_into(&dir, false), delay);
        if let Ok(text) = fs::read_to_string(dir.join("sweep.json")) {
            // Whatever is there is valid and says how far it got.
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let done = json["points_done"].as_u64().unwrap();
            assert_eq!(json["complete"], done == 9, "after {delay:?}");
            assert!(json["points"].as_array().unwrap().len() as u64 == done);
        }
        timed(sweep_into(&dir, true));
        assert_eq!(files(&dir), want, "resumed after a kill at {delay:?}");
        assert_eq!(temporaries(&dir), 0);
    }
}

/// A temporary file a killed command left (`.NAME.PID.wom-tmp`) is removed
/// by the next command that writes there; a user's file that only looks
/// temporary is kept.
#[test]
fn the_next_command_removes_what_a_killed_one_left_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let left = [
        dir.path().join(".summary.json.99999.wom-tmp"),
        dir.path().join("charts").join(".npv.svg.99999.wom-tmp"),
    ];
    let users = dir.path().join(".important.db.tmp");
    std::fs::create_dir_all(dir.path().join("charts")).unwrap();
    for f in left.iter().chain([&users]) {
        std::fs::write(f, "x").unwrap();
    }
    super::wom_into(
        "run",
        &super::fixture("tiny.toml"),
        dir.path(),
        &["--replications", "3"],
    );
    for f in &left {
        assert!(!f.exists(), "{f:?} left behind");
    }
    assert!(users.exists(), "a user's file was removed");
    assert_eq!(temporaries(dir.path()), 0);
}

/// The files of `dir` (relative, sorted), without wom's lock and list.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["", "charts", "points"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // A temporary file a kill left is hidden and removed by the
            // next command (see the_next_command_removes_what_…).
            let ours = name == ".wom-lock" || name == ".wom-files" || name.ends_with(".wom-tmp");
            if e.file_type().unwrap().is_file() && !ours {
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

/// A command of `make(dir, seed)` killed at moments spread over its run,
/// over a complete result of the same command with another seed (and,
/// for a second kind, over another command's result): what is left is
/// the earlier result untouched, the new one complete with exactly its
/// own files, or visibly incomplete (`INCOMPLETE`).
fn killed_over_an_earlier_result(make: &dyn Fn(&Path, &str) -> Command, key: &str) {
    let base = tempfile::tempdir().unwrap();
    let (old, new) = (base.path().join("old"), base.path().join("new"));
    timed(make(&old, "1"));
    let total = timed(make(&new, "2"));
    let (old_files, new_files) = (listing(&old), listing(&new));
    let (old_key, new_key) = (
        fs::read(old.join(key)).unwrap(),
        fs::read(new.join(key)).unwrap(),
    );
    assert_ne!(old_key, new_key, "the seeds give different results");
    for (i, delay) in moments(total, 6).enumerate() {
        let dir = base.path().join(format!("k{i}"));
        timed(make(&dir, "1"));
        kill_after(make(&dir, "2"), delay);
        if dir.join("INCOMPLETE").exists() {
            continue;
        }
        let files = listing(&dir);
        let now = fs::read(dir.join(key)).unwrap();
        if now == old_key {
            assert_eq!(
                files, old_files,
                "{key}: killed at {delay:?}: the earlier result changed"
            );
        } else {
            assert_eq!(now, new_key, "killed at {delay:?}");
            assert_eq!(
                files, new_files,
                "{key}: killed at {delay:?}: not only its own files"
            );
        }
    }
}

#[test]
fn a_killed_sensitivity_analysis_is_complete_and_its_own_or_visibly_incomplete() {
    let make = |dir: &Path, seed: &str| {
        let mut c = wom();
        c.arg("sensitivity").arg(fixture("tiny.toml"));
        c.args(["--vary", "economics.margin=20:60", "--replications", "30"]);
        c.args(["--seed", seed, "--threads", "2", "--out"]).arg(dir);
        c
    };
    killed_over_an_earlier_result(&make, "sensitivity.csv");
}

#[test]
fn a_killed_trace_is_complete_and_its_own_or_visibly_incomplete() {
    let make = |dir: &Path, seed: &str| {
        let mut c = wom();
        c.arg("trace").arg(fixture("tiny.toml"));
        c.args(["--seed", seed, "--out"]).arg(dir);
        c
    };
    killed_over_an_earlier_result(&make, "trace.json");
}

#[test]
fn a_killed_merge_is_complete_and_its_own_or_visibly_incomplete() {
    let shards = tempfile::tempdir().unwrap();
    for seed in ["1", "2"] {
        for k in ["0/2", "1/2"] {
            let mut c = wom();
            c.arg("run").arg(fixture("tiny.toml"));
            c.args([
                "--replications",
                "150",
                "--seed",
                seed,
                "--shard",
                k,
                "--out",
            ]);
            c.arg(shards.path().join(format!("s{seed}-{}", &k[..1])));
            timed(c);
        }
    }
    let at = shards.path().to_path_buf();
    let make = move |dir: &Path, seed: &str| {
        let mut c = wom();
        c.arg("merge");
        c.arg(at.join(format!("s{seed}-0")))
            .arg(at.join(format!("s{seed}-1")));
        c.arg("--out").arg(dir);
        c
    };
    killed_over_an_earlier_result(&make, "summary.json");
}

#[test]
fn a_killed_sweep_over_an_earlier_one_is_complete_and_its_own_or_visibly_incomplete() {
    let make = |dir: &Path, seed: &str| {
        let mut c = sweep_into(dir, false);
        c.args(["--seed", seed]);
        c
    };
    killed_over_an_earlier_result(&make, "sweep.csv");
}
