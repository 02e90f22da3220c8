//! `wom run --shard`, `wom sweep --shard` and `wom merge`: shards merged
//! in any order are byte for byte the unsharded run or sweep; every
//! refusal exits 2 before writing anything; a shard killed with kill -9
//! leaves nothing a merge accepts.

use super::{fixture, wom};
use predicates::str::contains;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every file under `dir` but metadata.json (the one file that describes
/// the execution), by relative path.
pub fn result_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                if rel != "metadata.json" {
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Asserts that two directories hold the same files with the same bytes
/// (metadata.json aside), naming the first that differs.
pub fn assert_same_files(expected: &Path, actual: &Path) {
    let (a, b) = (result_files(expected), result_files(actual));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{} and {} hold different files",
        expected.display(),
        actual.display()
    );
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs");
    }
    assert!(a.contains_key("summary.json") || a.contains_key("sweep.csv"));
}

/// 0..n in a fixed order that is neither sorted nor reversed (for n > 2).
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).rev().collect();
    order.rotate_left(n / 2);
    order
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `wom merge DIRS… --out OUT --quiet`.
fn merge(dirs: &[PathBuf], out: &Path) -> assert_cmd::assert::Assert {
    wom()
        .arg("merge")
        .args(dirs)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .assert()
}

/// Runs the N shards of `wom COMMAND tiny.toml EXTRA…` into
/// `root/shard-K` (alternating 1 and 2 threads) and returns them.
fn shards(command: &str, root: &Path, n: usize, extra: &[&str]) -> Vec<PathBuf> {
    (0..n)
        .map(|k| {
            let dir = root.join(format!("shard-{k}"));
            let threads = if k % 2 == 0 { "1" } else { "2" };
            wom()
                .arg(command)
                .arg(fixture("tiny.toml"))
                .args(extra)
                .args(["--shard", &format!("{k}/{n}"), "--threads", threads])
                .arg("--out")
                .arg(&dir)
                .arg("--quiet")
                .assert()
                .success();
            dir
        })
        .collect()
}

#[test]
fn a_run_merged_from_1_2_3_or_7_shards_in_any_order_is_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    super::wom_into("run", &fixture("tiny.toml"), &one, &[]);
    for n in [1, 2, 3, 7] {
        let dirs = shards("run", &tmp.path().join(format!("n{n}")), n, &[]);
        let given: Vec<PathBuf> = shuffled(n).into_iter().map(|k| dirs[k].clone()).collect();
        let merged = tmp.path().join(format!("merged{n}"));
        merge(&given, &merged).success();
        assert_same_files(&one, &merged);
        let meta = read_json(&merged.join("metadata.json"));
        let listed: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["shard"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = (0..n).map(|k| format!("{k}/{n}")).collect();
        assert_eq!(listed, expected, "metadata.json lists the shards in order");
        assert_eq!(meta["replications"], 40);
        assert_eq!(meta["command_line"][1], "merge");
    }
    // A run on one machine lists no shards.
    assert!(
        read_json(&one.join("metadata.json"))
            .get("shards")
            .is_none()
    );
}

#[test]
fn a_sweep_merged_from_1_2_3_or_7_shards_in_any_order_is_the_unsharded_sweep() {
    let axes = [
        "--set",
        "experience.complaint_rate=0.1,0.3",
        "--set",
        "economics.margin=20,40,60,80",
        "--replications",
        "12",
    ];
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    super::wom_into("sweep", &fixture("tiny.toml"), &one, &axes);
    for n in [1, 2, 3, 7] {
        let dirs = shards("sweep", &tmp.path().join(format!("n{n}")), n, &axes);
        // Shard K holds the points K, K+N, …
        let held = fs::read_dir(dirs[n - 1].join("points")).unwrap().count();
        assert_eq!(held, (8 - (n - 1)).div_ceil(n));
        let given: Vec<PathBuf> = shuffled(n).into_iter().map(|k| dirs[k].clone()).collect();
        let merged = tmp.path().join(format!("merged{n}"));
        merge(&given, &merged).success();
        assert_same_files(&one, &merged);
        let meta = read_json(&merged.join("metadata.json"));
        assert_eq!(meta["shards"].as_array().unwrap().len(), n);
    }
}

/// Three shards of tiny.toml (40 replications) in `root`.
fn three(root: &Path) -> Vec<PathBuf> {
    shards("run", root, 3, &[])
}

/// Runs `wom merge` expecting exit 2 with `message`, and nothing at `--out`.
fn refused(dirs: &[PathBuf], root: &Path, message: &str) {
    let out = root.join("never");
    merge(dirs, &out).code(2).stderr(contains(message));
    assert!(!out.exists(), "nothing is written when a merge is refused");
}

#[test]
fn a_merge_refuses_shards_that_do_not_belong_together() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let s = three(&root.join("a"));
    // A missing shard: the message names the replications missing.
    refused(
        &[s[0].clone(), s[2].clone()],
        root,
        "missing: shard 1/3 (replications 13 to 25); run it",
    );
    // The same shard twice, also under another name.
    refused(
        &[s[0].clone(), s[1].clone(), s[1].clone(), s[2].clone()],
        root,
        "are both shard 1/3",
    );
    let copy = root.join("copy");
    fs::create_dir(&copy).unwrap();
    for f in ["shard.json", "shard-replications.csv", "shard-periods.csv"] {
        fs::copy(s[2].join(f), copy.join(f)).unwrap();
    }
    refused(
        &[s[0].clone(), s[1].clone(), s[2].clone(), copy.clone()],
        root,
        "are both shard 2/3",
    );
    // Shards of other runs, one field at a time.
    let other = |name: &str, extra: &[&str], spec: &str| {
        let dir = root.join(name);
        wom()
            .arg("run")
            .arg(fixture("tiny.toml"))
            .args(extra)
            .args(["--shard", spec, "--quiet", "--out"])
            .arg(&dir)
            .assert()
            .success();
        dir
    };
    let seed = other("seed", &["--seed", "2"], "1/3");
    refused(
        &[s[0].clone(), seed, s[2].clone()],
        root,
        "the seed is 1 in one and 2 in the other",
    );
    let reps = other("reps", &["--replications", "30"], "1/3");
    refused(
        &[s[0].clone(), reps, s[2].clone()],
        root,
        "the replications (R) is 40 in one and 30 in the other",
    );
    let four = other("four", &[], "1/4");
    refused(
        &[s[0].clone(), four, s[2].clone()],
        root,
        "shards (N) is 3 in one and 4 in the other",
    );
    let margin = other("margin", &["--set", "economics.margin=60"], "1/3");
    refused(
        &[s[0].clone(), margin, s[2].clone()],
        root,
        "`economics.margin` is 50.0 in one and 60.0 in the other",
    );
    // Another wom version.
    let header = s[1].join("shard.json");
    let text = fs::read_to_string(&header).unwrap();
    let old = root.join("old");
    fs::create_dir(&old).unwrap();
    for f in ["shard-replications.csv", "shard-periods.csv"] {
        fs::copy(s[1].join(f), old.join(f)).unwrap();
    }
    let version = format!("\"wom_version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version));
    fs::write(
        old.join("shard.json"),
        text.replace(&version, "\"wom_version\": \"0.0.9\""),
    )
    .unwrap();
    refused(
        &[s[0].clone(), old, s[2].clone()],
        root,
        "was written by wom 0.0.9",
    );
    // A run's shards and a sweep's do not mix; a directory that is no shard.
    let sweep = shards(
        "sweep",
        &root.join("sweep"),
        1,
        &["--set", "economics.margin=20,40", "--replications", "4"],
    );
    refused(
        &[s[0].clone(), sweep[0].clone()],
        root,
        "is a sweep's shard",
    );
    refused(
        &[s[0].clone(), root.to_path_buf()],
        root,
        "not a shard directory",
    );
    // And the three together still merge.
    merge(&s, &root.join("merged")).success();
}

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
fn shard_flags_that_cannot_work_are_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = |extra: &[&str], message: &str| {
        wom()
            .arg("run")
            .arg(fixture("tiny.toml"))
            .args(extra)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(contains(message));
        assert!(!out.exists());
    };
    run(&["--shard", "3/3"], "numbered 0 to 2");
    run(&["--shard", "0/0"], "N is 0");
    run(&["--shard", "1/x"], "expected K/N");
    run(
        &["--shard", "0/2", "--precision", "0.1"],
        "needs every replication in one place",
    );
    run(
        &["--shard", "0/41"],
        "41 shards of 40 replications would leave some shards with none",
    );
    let sweep = |extra: &[&str], message: &str| {
        wom()
            .arg("sweep")
            .arg(fixture("tiny.toml"))
            .args(["--set", "economics.margin=20,40,60"])
            .args(extra)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(contains(message));
        assert!(!out.exists());
    };
    sweep(&["--shard", "0/4"], "4 shards of 3 points");
    sweep(
        &["--shard", "0/2", "--resume"],
        "--resume cannot be used with --shard",
    );
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
