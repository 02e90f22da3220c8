//! `wom run --shard`, `wom sweep --shard` and `wom merge`: shards merged
//! in any order are byte for byte the unsharded run or sweep; every
//! refusal exits 2 before writing anything.

use super::{fixture, wom};
use predicates::str::contains;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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
pub fn merge(dirs: &[PathBuf], out: &Path) -> assert_cmd::assert::Assert {
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
        // `wom plot` reads a merged run (its metadata.json lists shards).
        wom()
            .arg("plot")
            .arg(&merged)
            .arg("--quiet")
            .assert()
            .success();
        assert_same_files(&one, &merged);
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
pub fn three(root: &Path) -> Vec<PathBuf> {
    shards("run", root, 3, &[])
}

/// Runs `wom merge` expecting exit 2 with `message`, and nothing at `--out`.
pub fn refused(dirs: &[PathBuf], root: &Path, message: &str) {
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
