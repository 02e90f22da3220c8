//! Shard directories: a retried shard finds itself done, a shard killed
//! with kill -9 leaves nothing a merge accepts, a hand-edited shard is
//! refused naming the file.

use super::shards::{merge, refused, result_files, three};
use super::{fixture, wom};
use predicates::str::contains;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[test]
fn a_hand_edited_shard_is_refused_naming_the_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let s = three(tmp.path());
    let file = s[1].join("shard-replications.csv");
    let original = fs::read_to_string(&file).unwrap();
    let mut lines: Vec<&str> = original.lines().collect();
    lines.swap(1, 3); // rows out of order
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    refused(
        &s,
        tmp.path(),
        "shard-replications.csv: row 1 is replication 14 of `ignore`, expected replication 13",
    );
    fs::write(&file, &original).unwrap();
    // The scenario is checked against its hash.
    let file = s[2].join("shard.json");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen("\"margin\": 50.0", "\"margin\": 51.0", 1),
    )
    .unwrap();
    refused(&s, tmp.path(), "is not the identity");
    fs::write(&file, &text).unwrap();
    merge(&s, &tmp.path().join("merged")).success();
}

#[test]
fn a_retried_shard_finds_itself_done_and_refuses_anything_else_at_out() {
    let tmp = tempfile::tempdir().unwrap();
    let s = three(tmp.path());
    let before = result_files(&s[1]);
    let header = fs::read(s[1].join("shard.json")).unwrap();
    // The same shard again (a retried task): nothing to do, nothing changed.
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--shard", "1/3", "--threads", "2", "--out"])
        .arg(&s[1])
        .assert()
        .success()
        .stdout(contains("already complete"));
    assert!(result_files(&s[1]) == before, "the shard is unchanged");
    assert_eq!(fs::read(s[1].join("shard.json")).unwrap(), header);
    // Another shard, or other files, are never replaced.
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--shard", "2/3", "--out"])
        .arg(&s[1])
        .assert()
        .code(2)
        .stderr(contains("already holds another shard"));
    let theirs = tmp.path().join("theirs");
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join("notes.txt"), "mine").unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--shard", "0/3", "--out"])
        .arg(&theirs)
        .assert()
        .code(2)
        .stderr(contains("holds files that are not a shard"));
    assert_eq!(
        fs::read_to_string(theirs.join("notes.txt")).unwrap(),
        "mine"
    );
    // An empty directory is taken.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--shard", "0/3", "--quiet", "--out"])
        .arg(&empty)
        .assert()
        .success();
    for f in ["shard-replications.csv", "shard-periods.csv"] {
        assert!(fs::read(empty.join(f)).unwrap() == fs::read(s[0].join(f)).unwrap());
    }
}

/// The temporary directories (`.NAME.PID.wom-tmp`) in `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.starts_with('.') && name.ends_with(".wom-tmp")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_shard_killed_with_kill_9_leaves_nothing_a_merge_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("results");
    // A sweep shard stores its points as they finish, in its temporary
    // directory: kill it once one is there.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("wom"));
    child
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "experience.complaint_rate=0.05:0.5:0.05"])
        .args(["--set", "population.people=3000"])
        .args(["--replications", "400", "--threads", "1", "--shard", "0/2"])
        .arg("--out")
        .arg(results.join("shard-0"))
        .arg("--quiet");
    let mut child = child.spawn().unwrap();
    let began = Instant::now();
    let mut stored = false;
    while !stored && began.elapsed() < Duration::from_secs(60) {
        stored = temporaries(&results)
            .iter()
            .any(|t| fs::read_dir(t.join("points")).is_ok_and(|mut d| d.next().is_some()));
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let shard = results.join("shard-0");
    // Five points of 400 replications take over a second: it was killed
    // half way.
    assert!(stored, "a point was stored before the shard finished");
    {
        assert!(!shard.exists(), "killed half way: no shard-0");
        let left = temporaries(&results);
        assert_eq!(left.len(), 1, "the temporary directory is all it left");
        wom()
            .arg("merge")
            .arg(&left[0])
            .assert()
            .code(2)
            .stderr(contains(
                "a temporary directory that an interrupted shard left",
            ));
        // The cluster's merge scripts take only shard-<number> directories.
        wom()
            .arg("merge")
            .args(fs::read_dir(&results).unwrap().map(|e| e.unwrap().path()))
            .assert()
            .code(2);
    }
    // Run again: the shard is written whole, and the leftover is removed.
    let again = std::process::Command::new(assert_cmd::cargo::cargo_bin!("wom"))
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "experience.complaint_rate=0.05:0.5:0.05"])
        .args(["--set", "population.people=3000"])
        .args([
            "--replications",
            "400",
            "--shard",
            "0/2",
            "--quiet",
            "--out",
        ])
        .arg(&shard)
        .status()
        .unwrap();
    assert!(again.success());
    assert!(temporaries(&results).is_empty());
    assert!(shard.join("sweep-shard.json").is_file());

    // A run shard writes nothing until its replications are done, then its
    // three files into a temporary directory renamed last: whenever it is
    // killed, shard-0 is either absent or complete.
    let run_shard = results.join("run-0");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("wom"))
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args([
            "--replications",
            "400",
            "--shard",
            "0/2",
            "--quiet",
            "--out",
        ])
        .arg(&run_shard)
        .spawn()
        .unwrap();
    let began = Instant::now();
    while temporaries(&results).is_empty()
        && child.try_wait().unwrap().is_none()
        && began.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_micros(200));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    if run_shard.exists() {
        // Complete: it parses, and only its partner is missing.
        wom()
            .arg("merge")
            .arg(&run_shard)
            .assert()
            .code(2)
            .stderr(contains("missing: shard 1/2 (replications 200 to 399)"));
    }
}
