//! One writer per output directory: every command that writes into a
//! directory holds `.wom-lock` there for its whole run, and a second one
//! is refused at once (exit 1, naming the directory), writing nothing.

use super::{fixture, wom};
use std::fs;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The five commands that write into a directory, each aimed at `dir` (in
/// an order in which each succeeds there: a sweep's metadata.json ends the
/// run the directory held).
fn writers(dir: &Path) -> Vec<Vec<String>> {
    let tiny = fixture("tiny.toml").display().to_string();
    let out = dir.display().to_string();
    let with = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if args[0] != "plot" {
            v.extend(["--out".to_string(), out.clone()]);
        }
        v
    };
    vec![
        with(&["run", &tiny, "--replications", "3"]),
        with(&["trace", &tiny]),
        with(&["plot", &out]),
        with(&[
            "sweep",
            &tiny,
            "--set",
            "economics.margin=40,50",
            "--replications",
            "3",
        ]),
        with(&[
            "sensitivity",
            &tiny,
            "--vary",
            "economics.margin=40:60",
            "--replications",
            "3",
        ]),
    ]
}

fn refused(args: &[String], dir: &Path) {
    let out = wom().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(
        stderr.contains("another wom command is writing into")
            && stderr.contains(&dir.display().to_string()),
        "{args:?}: {stderr}"
    );
}

#[test]
fn a_second_writer_is_refused_at_once_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A finished run to plot and trace into.
    super::wom_into(
        "run",
        &fixture("tiny.toml"),
        dir.path(),
        &["--replications", "3"],
    );
    let before: Vec<_> = listing(dir.path());
    // Another holder of the lock: this test process.
    let lock = fs::File::create(dir.path().join(".wom-lock")).unwrap();
    lock.try_lock().unwrap();
    for args in writers(dir.path()) {
        refused(&args, dir.path());
    }
    assert_eq!(listing(dir.path()), before, "a refused command wrote");
    drop(lock);
    // Released: every command runs.
    for args in writers(dir.path()) {
        wom().args(&args).arg("--quiet").assert().success();
    }
}

/// Names and sizes of every file under `dir`.
fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let len = fs::metadata(&path).unwrap().len();
                out.push((path.display().to_string(), len));
            }
        }
    }
    out.sort();
    out
}

fn wait_for(path: &Path, child: &mut Child) {
    let began = Instant::now();
    while !path.exists() {
        assert!(child.try_wait().unwrap().is_none(), "the sweep ended early");
        assert!(began.elapsed() < Duration::from_secs(60), "no {path:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_processes_in_one_directory_and_a_killed_holder() {
    let dir = tempfile::tempdir().unwrap();
    // A sweep long enough to be running while the second command starts.
    let mut sweep = std::process::Command::new(env!("CARGO_BIN_EXE_wom"))
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "economics.margin=1:400:1", "--replications", "200"])
        .arg("--out")
        .arg(dir.path())
        .args(["--quiet", "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&dir.path().join("metadata.json"), &mut sweep);
    let run = [
        "run".to_string(),
        fixture("tiny.toml").display().to_string(),
        "--out".to_string(),
        dir.path().display().to_string(),
    ];
    refused(&run, dir.path());
    assert!(
        sweep.try_wait().unwrap().is_none(),
        "the refusal must have happened while the sweep held the lock"
    );
    assert!(!dir.path().join("summary.json").exists());
    // SIGKILL: the operating system releases the lock with the process.
    sweep.kill().unwrap();
    sweep.wait().unwrap();
    wom().args(&run).arg("--quiet").assert().success();
}

/// Holds the lock file at `path` (as another wom command would).
fn hold(path: &Path) -> fs::File {
    let lock = fs::File::create(path).unwrap();
    lock.try_lock().unwrap();
    lock
}

#[test]
fn shards_and_merges_are_refused_while_another_command_writes_there() {
    let tmp = tempfile::tempdir().unwrap();
    let tiny = fixture("tiny.toml").display().to_string();
    let shard = |command: &str, k: usize, dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = vec![command.into(), tiny.clone()];
        if command == "sweep" {
            v.extend(["--set".into(), "economics.margin=40,50".into()]);
        }
        v.extend(["--replications".into(), "4".into()]);
        v.extend(["--shard".into(), format!("{k}/2")]);
        v.extend(["--out".into(), dir.display().to_string()]);
        v
    };
    for command in ["run", "sweep"] {
        let root = tmp.path().join(command);
        let dirs = [root.join("shard-0"), root.join("shard-1")];
        // A shard is built aside and renamed into place: its lock is
        // `.NAME.wom-lock` beside it.
        let held = hold(&root_lock(&root, "shard-0"));
        refused(&shard(command, 0, &dirs[0]), &dirs[0]);
        assert!(!dirs[0].exists(), "a refused shard wrote");
        drop(held);
        for (k, d) in dirs.iter().enumerate() {
            wom()
                .args(shard(command, k, d))
                .arg("--quiet")
                .assert()
                .success();
        }
        let out = tmp.path().join(format!("{command}-merged"));
        fs::create_dir_all(&out).unwrap();
        let merge: Vec<String> = ["merge".to_string()]
            .into_iter()
            .chain(dirs.iter().map(|d| d.display().to_string()))
            .chain(["--out".to_string(), out.display().to_string()])
            .collect();
        let held = hold(&out.join(".wom-lock"));
        refused(&merge, &out);
        assert_eq!(listing(&out).len(), 1, "a refused merge wrote");
        drop(held);
        wom().args(&merge).arg("--quiet").assert().success();
        assert!(out.join("metadata.json").exists());
    }
}

fn root_lock(root: &Path, name: &str) -> std::path::PathBuf {
    fs::create_dir_all(root).unwrap();
    root.join(format!(".{name}.wom-lock"))
}
