//! The cluster scripts' own logic against stand-ins for the scheduler's
//! commands: `submit.sh rerun` carries the resources and arguments of the
//! submission, and `wait-job.sh` returns at once when a Job fails.

use predicates::str::contains;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn script(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(path)
}

/// Writes an executable script `name` into `dir`.
fn stand_in(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/bash\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn with_path(dir: &Path) -> String {
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn submit_rerun_carries_the_resources_arguments_and_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = tmp.path().join("sbatch.log");
    // sbatch: log the options and the variables the jobs would see.
    stand_in(
        &bin,
        "sbatch",
        &format!(
            "echo \"$* | WOM=$WOM WOM_SHARDS=${{WOM_SHARDS:-}}\" >> {}\necho $RANDOM",
            log.display()
        ),
    );
    let results = tmp.path().join("results");
    let submit = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = Command::new("bash");
        c.arg(script("slurm/submit.sh"))
            .args(args)
            .env("PATH", with_path(&bin));
        for v in [
            "SHARDS",
            "CPUS_PER_SHARD",
            "MEM_PER_SHARD",
            "TIME_PER_SHARD",
            "WOM",
            "MODE",
        ] {
            c.env_remove(v);
        }
        c.envs(env.iter().copied());
        assert_cmd::assert::OutputAssertExt::assert(&mut c)
    };
    let scenario = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/default.toml");
    let r = results.display().to_string();
    submit(
        &[
            scenario.to_str().unwrap(),
            &r,
            "--replications",
            "80",
            "--seed",
            "7",
        ],
        &[
            ("SHARDS", "20"),
            ("CPUS_PER_SHARD", "2"),
            ("MEM_PER_SHARD", "3G"),
            ("WOM", "apptainer exec /shared/wom.sif wom"),
        ],
    )
    .success();
    std::fs::create_dir(results.join("shard-3")).unwrap();
    submit(&["rerun", &r, "5,17"], &[]).success();
    let text = std::fs::read_to_string(&log).unwrap();
    let rerun = text.lines().nth(2).unwrap();
    for part in [
        "--array=5,17",
        "--cpus-per-task=2",
        "--mem=3G",
        "wom-array.sbatch --replications 80 --seed 7",
        "WOM=apptainer exec /shared/wom.sif wom",
        "WOM_SHARDS=20",
    ] {
        assert!(rerun.contains(part), "{part} missing from: {rerun}");
    }
    assert!(
        text.lines()
            .nth(3)
            .unwrap()
            .contains("--dependency=afterok:")
    );
    // A task that succeeded, or one that is not a shard, is refused.
    submit(&["rerun", &r, "3"], &[])
        .code(2)
        .stderr(contains("shard-3 exists"));
    submit(&["rerun", &r, "20"], &[])
        .code(2)
        .stderr(contains("not a shard"));
    // The user's path stays in the message.
    submit(
        &[scenario.to_str().unwrap(), &format!("{r}-2")],
        &[("WOM", "./no/such/wom")],
    )
    .code(2)
    .stderr(contains("WOM=./no/such/wom"));
}

#[test]
fn wait_job_returns_at_once_on_failure_and_on_completion() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    // kubectl get job NAME -o jsonpath=...: the Job's True conditions.
    stand_in(
        &bin,
        "kubectl",
        "case $3 in\n  bad) case $5 in *Failed*) echo 'BackoffLimitExceeded: index 4 failed';; \
         *) echo 'FailureTarget Failed ';; esac ;;\n  good) echo 'Complete ' ;;\n  \
         running) echo '' ;;\n  *) exit 1 ;;\nesac",
    );
    let wait = |job: &str, timeout: &str| {
        let mut c = Command::new("bash");
        c.arg(script("k8s/wait-job.sh"))
            .args([job, timeout])
            .env("PATH", with_path(&bin))
            .env("WAIT_INTERVAL", "1");
        assert_cmd::assert::OutputAssertExt::assert(&mut c)
    };
    let start = std::time::Instant::now();
    wait("bad", "24h")
        .code(1)
        .stderr(contains("failed: BackoffLimitExceeded"));
    wait("good", "24h").success();
    assert!(start.elapsed().as_secs() < 10, "did not return at once");
    wait("running", "2s")
        .code(2)
        .stderr(contains("neither completed nor failed within 2s"));
    wait("missing", "24h")
        .code(2)
        .stderr(contains("cannot read"));
}
