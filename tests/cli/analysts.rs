//! What analysts bring: edge lists with named nodes and a header, their
//! own customers listed in a file, and sweeps that refuse to resume with
//! other settings.

use super::{fixture, wom};
use predicates::str::contains;
use std::fs;

/// periods.csv's rows of period 0 as (customers mean, p5, p95).
fn first_period_customers(dir: &std::path::Path) -> Vec<(f64, f64, f64)> {
    let text = fs::read_to_string(dir.join("periods.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| l.starts_with("0,"))
        .map(|l| {
            let f: Vec<f64> = l
                .split(',')
                .skip(2)
                .take(3)
                .map(|x| x.parse().unwrap())
                .collect();
            (f[0], f[1], f[2])
        })
        .collect()
}

#[test]
fn named_edge_list_with_header_and_listed_customers_runs() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .args(["run"])
        .arg(fixture("named_network.toml"))
        .arg("--out")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .success()
        .stderr(contains("`Type`, `Weight` are ignored"));
    let meta = fs::read_to_string(dir.path().join("metadata.json")).unwrap();
    assert!(meta.contains("\"people\": 6"), "{meta}");
    // Every replication of every policy starts with exactly the three
    // listed customers (periods.csv counts at the start of the period).
    let rows = first_period_customers(dir.path());
    assert_eq!(rows, vec![(3.0, 3.0, 3.0); 2]);
}

#[test]
fn validate_says_once_what_the_edge_list_ignores() {
    // `wom validate` reads the network twice (for the graph and for the
    // customers file's names); its note about the ignored columns is
    // printed once.
    let out = wom()
        .arg("validate")
        .arg(fixture("named_network.toml"))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("are ignored").count(), 1, "{stderr}");
}

#[test]
fn customers_file_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("named.csv"), dir.path().join("named.csv")).unwrap();
    let scenario = dir.path().join("s.toml");
    fs::write(
        &scenario,
        fs::read_to_string(fixture("named_network.toml")).unwrap(),
    )
    .unwrap();
    for (list, needle) in [
        (
            "alice\nzoe\n",
            "customers.txt:2: node zoe is not in the network",
        ),
        (
            "alice\n# x\nalice\n",
            "customers.txt:3: node alice is listed twice (first on line 1)",
        ),
        (
            "alice,bob\n",
            "customers.txt:1: \"alice,bob\" is not one node",
        ),
    ] {
        fs::write(dir.path().join("customers.txt"), list).unwrap();
        wom()
            .arg("run")
            .arg(&scenario)
            .arg("--out")
            .arg(dir.path().join("out"))
            .arg("--quiet")
            .assert()
            .code(2)
            .stderr(contains(needle));
    }
}

#[test]
fn integer_edge_list_still_reads_as_before_and_names_any_token() {
    let dir = tempfile::tempdir().unwrap();
    let net = dir.path().join("net.tsv");
    fs::write(&net, "source\ttarget\nA-1\tB.2\nB.2\tc_3\n").unwrap();
    wom()
        .args(["graph", "--graph"])
        .arg(&net)
        .arg("--json")
        .assert()
        .success()
        .stdout(contains("\"nodes\": 3"))
        .stdout(contains("\"edges\": 2"));
}

#[test]
fn sweep_resumed_with_other_replications_is_refused_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let sweep = |replications: &str, resume: bool| {
        let mut cmd = wom();
        cmd.arg("sweep")
            .arg(fixture("tiny.toml"))
            .args(["--set", "experience.complaint_rate=0.1,0.2"])
            .args(["--replications", replications, "--quiet", "--out"])
            .arg(&out);
        if resume {
            cmd.arg("--resume");
        }
        cmd.assert()
    };
    sweep("4", false).success();
    let meta = fs::read_to_string(out.join("metadata.json")).unwrap();
    assert!(meta.contains("\"complete\": true"), "{meta}");
    assert!(meta.contains("\"points_done\": 2"), "{meta}");
    let before = fs::read_to_string(out.join("sweep.csv")).unwrap();
    sweep("6", true)
        .code(2)
        .stderr(contains("--replications 4 stored, 6 now"))
        .stderr(contains("2 of the 2 point files"));
    // Nothing was replaced or mixed.
    assert_eq!(fs::read_to_string(out.join("sweep.csv")).unwrap(), before);
    sweep("4", true).success();
    assert_eq!(fs::read_to_string(out.join("sweep.csv")).unwrap(), before);
}

#[test]
fn traces_name_people_by_their_names_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("trace")
        .arg(fixture("named_network.toml"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(
            predicates::str::is_match(r"person (alice|bob|carol|dave|erin|frank)[ ,]").unwrap(),
        );
    let trace: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("trace.json")).unwrap()).unwrap();
    let names = ["alice", "bob", "carol", "dave", "erin", "frank"];
    let person = trace["person_name"].as_str().unwrap();
    assert!(names.contains(&person), "{person}");
    let story = trace["policies"][0]["story"].as_array().unwrap();
    for t in story {
        let pair = t["names"].as_array().unwrap();
        assert!(
            pair.iter().all(|n| names.contains(&n.as_str().unwrap())),
            "{t}"
        );
    }
}

#[test]
fn trace_person_is_picked_by_name_with_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let trace = |person: &str| {
        let mut cmd = wom();
        cmd.arg("trace")
            .arg(fixture("named_network.toml"))
            .args(["--period", "0", "--person", person, "--out"])
            .arg(dir.path());
        cmd.assert()
    };
    // dave is one of the listed customers, so a customer in period 0.
    trace("dave").success().stdout(contains("person dave"));
    let file: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("trace.json")).unwrap()).unwrap();
    assert_eq!(file["person_name"], "dave");
    assert_eq!(file["chosen"], "given with --person");
    trace("dav").code(2).stderr(contains(
        "--person dav: node dav is not in the network; did you mean dave?",
    ));
    // bob is a prospect at the start.
    trace("bob")
        .code(2)
        .stderr(contains("--person bob: not a customer in period 0"));
}

#[test]
fn ctrl_c_in_a_sweep_says_what_is_saved_and_how_to_resume() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let child = Command::new(env!("CARGO_BIN_EXE_wom"))
        .arg("sweep")
        .arg(fixture("tiny.toml"))
        .args(["--set", "experience.complaint_rate=0.01:0.6:0.01"])
        .args(["--replications", "100", "--threads", "1", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first stored point, then press Ctrl-C.
    let began = Instant::now();
    while count_points(&out) == 0 {
        assert!(
            began.elapsed() < Duration::from_secs(120),
            "no point stored"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(!done.status.success(), "{stderr}");
    assert!(stderr.contains("interrupted: "), "{stderr}");
    assert!(stderr.contains("of 60 points are saved"), "{stderr}");
    let command = stderr
        .lines()
        .skip_while(|l| !l.contains("resume with:"))
        .nth(1)
        .unwrap_or_else(|| panic!("no command in {stderr}"))
        .trim()
        .to_owned();
    assert!(command.ends_with("--resume"), "{command}");
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(meta["complete"], false);
    let saved = meta["points_done"].as_u64().unwrap();
    assert!((1..60).contains(&saved), "{saved}");
    assert_eq!(count_points(&out) as u64, saved);
    // The printed command, run as printed, finishes the sweep.
    let words: Vec<&str> = command.split(' ').collect();
    assert!(words[0].ends_with("wom"), "{command}");
    wom().args(&words[1..]).arg("--quiet").assert().success();
    let meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("metadata.json")).unwrap()).unwrap();
    assert_eq!(
        (meta["complete"].as_bool(), meta["points_done"].as_u64()),
        (Some(true), Some(60))
    );
}

/// Point files stored in a sweep directory.
fn count_points(dir: &std::path::Path) -> usize {
    fs::read_dir(dir.join("points")).map_or(0, |entries| {
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .count()
    })
}
