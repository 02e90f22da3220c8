//! Segments from a file (`population.segments = { file = … }`): each
//! person's segment read from `node,segment` rows of names or ids, with
//! every wrong file refused (exit 2) naming the file and the line.

use super::{fixture, wom};
use predicates::str::contains;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of `named_segments.toml` and its files in `dir`, with
/// segments.csv holding `segments`.
fn named_copy(dir: &Path, segments: &str) -> std::path::PathBuf {
    for file in ["named.csv", "customers.txt", "named_segments.toml"] {
        fs::copy(fixture(file), dir.join(file)).unwrap();
    }
    fs::write(dir.join("segments.csv"), segments).unwrap();
    dir.join("named_segments.toml")
}

#[test]
fn listed_segments_hold_exactly_their_members() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("named_segments.toml"))
        .arg("--out")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .success();
    let summary = json(&dir.path().join("summary.json"));
    // customers.txt lists alice, dave and frank; segments.csv puts alice
    // and bob in vip, the other four in regular: in every replication vip
    // starts with 1 customer and regular with 2.
    for policy in ["ignore", "recover"] {
        let segments = &summary["policies"][policy]["segments"];
        for (segment, customers) in [("vip", 1.0), ("regular", 2.0)] {
            let stat = &segments[segment]["customers_initial"];
            assert_eq!(stat["mean"], customers, "{policy}.{segment}: {stat}");
            assert_eq!(stat["sd"], 0.0, "{policy}.{segment}: {stat}");
        }
    }
    wom()
        .arg("validate")
        .arg(fixture("named_segments.toml"))
        .assert()
        .success()
        .stdout(contains(
            "segments vip (33.3% of people), regular (66.7% of people)",
        ));
}

#[test]
fn a_file_that_puts_everyone_where_the_draw_does_gives_the_same_numbers() {
    // With one segment of share 1 the draw puts everyone in it; a file
    // listing every person (by id, generated network) in it must give
    // exactly the same replications and periods.
    let dir = tempfile::tempdir().unwrap();
    let tiny = fs::read_to_string(fixture("tiny.toml")).unwrap();
    let drawn = tiny.replace("[network]", "[segments.all]\nshare = 1.0\n\n[network]");
    let listed = drawn.replace("share = 1.0\n", "").replace(
        "people = 800",
        "people = 800\nsegments = { file = \"segments.csv\" }",
    );
    let rows: String = (0..800).map(|i| format!("{i} all\n")).collect();
    fs::write(dir.path().join("segments.csv"), rows).unwrap();
    for (name, text) in [("drawn", &drawn), ("listed", &listed)] {
        let scenario = dir.path().join(format!("{name}.toml"));
        fs::write(&scenario, text).unwrap();
        wom()
            .arg("run")
            .arg(&scenario)
            .args(["--replications", "6", "--quiet", "--no-charts", "--out"])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    for file in ["replications.csv", "periods.csv"] {
        let a = fs::read(dir.path().join("drawn").join(file)).unwrap();
        let b = fs::read(dir.path().join("listed").join(file)).unwrap();
        assert!(a == b, "{file} differs");
    }
}

#[test]
fn segments_file_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let all = "alice,vip\nbob,vip\ncarol,regular\ndave,regular\nerin,regular\nfrank,regular\n";
    for (rows, needle) in [
        (
            all.replace("erin", "erni"),
            "segments.csv:5: node erni is not in the network; did you mean erin?",
        ),
        (
            all.replace("bob,vip", "bob,vipp"),
            "segments.csv:2: segment \"vipp\" of node bob is not one of the scenario's segments (\"vip\", \"regular\"); did you mean \"vip\"?",
        ),
        (
            format!("{all}# again\nalice,regular\n"),
            "segments.csv:8: node alice is listed twice (first on line 1)",
        ),
        (
            all.replace("carol,regular", "carol"),
            "segments.csv:3: \"carol\" is not a node and a segment",
        ),
        (
            all.replace("frank,regular\n", ""),
            "segments.csv: 1 of the network's 6 people have no segment (the first is node frank)",
        ),
    ] {
        let scenario = named_copy(dir.path(), &rows);
        wom()
            .arg("run")
            .arg(&scenario)
            .arg("--out")
            .arg(dir.path().join("out"))
            .arg("--quiet")
            .assert()
            .code(2)
            .stderr(contains(needle));
        wom()
            .arg("validate")
            .arg(&scenario)
            .assert()
            .code(2)
            .stderr(contains(needle));
    }
}

#[test]
fn segments_file_needs_segments_and_only_a_file_key() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = named_copy(dir.path(), "alice,vip\n");
    let text = fs::read_to_string(&scenario).unwrap();
    for (edited, needle) in [
        (
            text.replace("[segments.vip]\nmargin = 40.0\n\n[segments.regular]\n", ""),
            "`segments` is missing",
        ),
        (
            text.replace("{ file = \"segments.csv\" }", "{ path = \"segments.csv\" }"),
            "segments",
        ),
        (
            text.replace("margin = 40.0", "margin = 40.0\nshare = 0.5"),
            "`segments.vip.share` is not allowed here: population.segments reads each person's segment from its file",
        ),
    ] {
        fs::write(&scenario, edited).unwrap();
        wom()
            .arg("validate")
            .arg(&scenario)
            .assert()
            .code(2)
            .stderr(contains(needle));
    }
    fs::write(&scenario, &text).unwrap();
    // Nor through --set: the file, not a share, says who is in a segment.
    wom()
        .arg("run")
        .arg(&scenario)
        .args(["--set", "segments.vip.share=0.2", "--quiet", "--out"])
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(contains("`segments.vip.share` is not allowed here"));
    fs::remove_file(dir.path().join("segments.csv")).unwrap();
    wom()
        .arg("validate")
        .arg(&scenario)
        .assert()
        .code(2)
        .stderr(contains("segments.csv"));
}

#[test]
fn wom_init_tells_of_the_segments_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    wom().arg("init").arg(&file).assert().success();
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("segments = { file = \"segments.csv\" }"),
        "{text}"
    );
}
