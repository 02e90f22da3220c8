//! The cluster scripts of deploy/ run as a scheduler would run them: the
//! Slurm array script once per task with `SLURM_ARRAY_TASK_ID` and
//! `SLURM_ARRAY_TASK_COUNT` set, the Kubernetes shard script once per pod
//! with `JOB_COMPLETION_INDEX`, each followed by its merge script; the
//! merge must equal a run on one machine, byte for byte.

use super::fixture;
use super::shards::assert_same_files;
use predicates::str::contains;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A script of deploy/.
fn script(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(path)
}

/// `bash SCRIPT ARGS…` with `WOM` set to the binary under test and the
/// scheduler's variables `env`, cleared of any the machine might have.
fn bash(path: &str, env: &[(&str, &str)], args: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = Command::new("bash");
    c.arg(script(path))
        .args(args)
        .env("WOM", assert_cmd::cargo::cargo_bin!("wom"));
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
        "SLURM_CPUS_PER_TASK",
        "WOM_SHARDS",
        "WOM_THREADS",
        "JOB_COMPLETION_INDEX",
        "MODE",
        "RESULTS",
        "SCENARIO",
    ] {
        c.env_remove(var);
    }
    c.envs(env.iter().copied());
    assert_cmd::assert::OutputAssertExt::assert(&mut c)
}

/// Every path below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

/// The same scenario and arguments run on one machine into `dir`.
fn unsharded(command: &str, dir: &Path, args: &[&str]) {
    super::wom_into(command, &fixture("tiny.toml"), dir, args);
}

const SWEEP: [&str; 6] = [
    "--set",
    "experience.complaint_rate=0.1,0.3",
    "--set",
    "economics.margin=20,40,60",
    "--replications",
    "10",
];

#[test]
fn the_slurm_array_and_merge_scripts_give_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("results");
    let scenario = fixture("tiny.toml").display().to_string();
    let results_var = results.display().to_string();
    for k in 0..4 {
        let k = k.to_string();
        bash(
            "slurm/wom-array.sbatch",
            &[
                ("SLURM_ARRAY_TASK_ID", &k),
                ("SLURM_ARRAY_TASK_COUNT", "4"),
                ("SLURM_ARRAY_TASK_MIN", "0"),
                ("SLURM_ARRAY_TASK_MAX", "3"),
                ("SLURM_CPUS_PER_TASK", "2"),
                ("SCENARIO", &scenario),
                ("RESULTS", &results_var),
            ],
            &["--replications", "30", "--seed", "3", "--quiet"],
        )
        .success()
        .stderr(contains(format!("--shard {k}/4")))
        .stderr(contains("--threads 2"));
    }
    // A temporary directory an interrupted task left is not picked up.
    std::fs::create_dir(results.join(".shard-1.4242.wom-tmp")).unwrap();
    bash(
        "slurm/wom-merge.sbatch",
        &[("RESULTS", &results_var)],
        &["--quiet"],
    )
    .success()
    .stderr(contains("4 shards"));
    // The scripts remove the lock files wom keeps beside the shards.
    let locks: Vec<_> = walk(&results)
        .into_iter()
        .filter(|p| {
            p.to_string_lossy().ends_with("wom-lock") && !p.starts_with(results.join("merged"))
        })
        .collect();
    assert!(locks.is_empty(), "lock files left in RESULTS: {locks:?}");
    let one = tmp.path().join("one");
    unsharded("run", &one, &["--replications", "30", "--seed", "3"]);
    assert_same_files(&one, &results.join("merged"));
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(results.join("merged/metadata.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        meta["shards"][3]["threads"], 2,
        "SLURM_CPUS_PER_TASK threads"
    );
}

#[test]
fn the_slurm_scripts_shard_a_sweep_by_points() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("results");
    let scenario = fixture("tiny.toml").display().to_string();
    let results_var = results.display().to_string();
    for k in 0..4 {
        let k = k.to_string();
        bash(
            "slurm/wom-array.sbatch",
            &[
                ("SLURM_ARRAY_TASK_ID", &k),
                ("SLURM_ARRAY_TASK_COUNT", "4"),
                ("MODE", "sweep"),
                ("SCENARIO", &scenario),
                ("RESULTS", &results_var),
            ],
            &[&SWEEP[..], &["--quiet"]].concat(),
        )
        .success();
    }
    bash(
        "slurm/wom-merge.sbatch",
        &[("RESULTS", &results_var)],
        &["--quiet"],
    )
    .success();
    let one = tmp.path().join("one");
    unsharded("sweep", &one, &SWEEP);
    assert_same_files(&one, &results.join("merged"));
}

#[test]
fn the_kubernetes_shard_and_merge_scripts_give_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("volume");
    let scenario = fixture("tiny.toml").display().to_string();
    let results_var = results.display().to_string();
    for k in 0..3 {
        let k = k.to_string();
        bash(
            "k8s/shard.sh",
            &[
                ("JOB_COMPLETION_INDEX", &k),
                ("WOM_SHARDS", "3"),
                ("WOM_THREADS", "1"),
                ("SCENARIO", &scenario),
                ("RESULTS", &results_var),
            ],
            &["--replications", "25", "--quiet"],
        )
        .success()
        .stderr(contains(format!("--shard {k}/3")));
    }
    // A pod evicted after writing its shard runs again on the same
    // directory: it finds the shard complete and succeeds.
    bash(
        "k8s/shard.sh",
        &[
            ("JOB_COMPLETION_INDEX", "1"),
            ("WOM_SHARDS", "3"),
            ("SCENARIO", &scenario),
            ("RESULTS", &results_var),
        ],
        &["--replications", "25"],
    )
    .success()
    .stdout(contains("already complete"));
    bash("k8s/merge.sh", &[("RESULTS", &results_var)], &["--quiet"]).success();
    let one = tmp.path().join("one");
    unsharded("run", &one, &["--replications", "25"]);
    assert_same_files(&one, &results.join("merged"));
}

#[test]
fn the_kubernetes_scripts_shard_a_sweep_and_merge_refuses_a_missing_pod() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("volume");
    let scenario = fixture("tiny.toml").display().to_string();
    let results_var = results.display().to_string();
    let pod = |k: &str| {
        bash(
            "k8s/shard.sh",
            &[
                ("JOB_COMPLETION_INDEX", k),
                ("WOM_SHARDS", "3"),
                ("MODE", "sweep"),
                ("SCENARIO", &scenario),
                ("RESULTS", &results_var),
            ],
            &[&SWEEP[..], &["--quiet"]].concat(),
        )
        .success();
    };
    pod("0");
    pod("2");
    bash("k8s/merge.sh", &[("RESULTS", &results_var)], &["--quiet"])
        .code(2)
        .stderr(contains("missing: shard 1/3 (points 1, 4); run it"));
    assert!(!results.join("merged").exists());
    pod("1");
    bash("k8s/merge.sh", &[("RESULTS", &results_var)], &["--quiet"]).success();
    let one = tmp.path().join("one");
    unsharded("sweep", &one, &SWEEP);
    assert_same_files(&one, &results.join("merged"));
}

#[test]
fn the_scripts_refuse_what_wom_would_refuse_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = fixture("tiny.toml").display().to_string();
    let results = tmp.path().display().to_string();
    // An array whose task ids are not 0..N-1.
    bash(
        "slurm/wom-array.sbatch",
        &[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
            ("SCENARIO", &scenario),
            ("RESULTS", &results),
        ],
        &[],
    )
    .code(2)
    .stderr(contains("the array must be 0-3"));
    // --precision needs every replication: wom refuses the shard.
    bash(
        "slurm/wom-array.sbatch",
        &[
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
            ("SCENARIO", &scenario),
            ("RESULTS", &results),
        ],
        &["--precision", "0.05"],
    )
    .code(2)
    .stderr(contains("--precision cannot be used with --shard"));
    bash(
        "k8s/shard.sh",
        &[("JOB_COMPLETION_INDEX", "0"), ("SCENARIO", &scenario)],
        &[],
    )
    .code(2)
    .stderr(contains("WOM_SHARDS is not set"));
    bash("slurm/wom-merge.sbatch", &[("RESULTS", &results)], &[])
        .code(2)
        .stderr(contains("no shard directories"));
}
