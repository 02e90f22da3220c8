//! `wom graph`.

use super::{fixture, wom};
use predicates::str::contains;

#[test]
fn reports_statistics_of_a_file() {
    wom()
        .args(["graph", "--graph"])
        .arg(fixture("triangle.txt"))
        .assert()
        .success()
        .stdout(contains("nodes              4"))
        .stdout(contains("edges              4"))
        .stdout(contains("1 self loops, 1 duplicate edges"));
}

#[test]
fn writes_an_edge_list_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ba.txt");
    wom()
        .args([
            "graph",
            "--network",
            "barabasi_albert",
            "--nodes",
            "500",
            "--attach",
            "2",
            "--write",
        ])
        .arg(&path)
        .assert()
        .success();
    wom()
        .args(["graph", "--json", "--graph"])
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("\"edges\": 996"));
}
