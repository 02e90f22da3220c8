//! Segments and parting with customers end to end: the shipped
//! `chronic_complainers` scenario through `wom run`, `wom plot`, `wom
//! sweep`, `wom sensitivity` and `wom trace`; its result files read back
//! and refused when edited; bad segment and parting keys refused before any
//! work (exit 2, naming the file, the key and what is allowed).

use super::{shipped, wom, wom_into};
use predicates::str::contains;
use serde_json::Value;
use std::fs;
use std::path::Path;

const SMALL: [&str; 4] = ["--replications", "12", "--set", "population.people=3000"];

fn run_chronic(dir: &Path) {
    wom_into("run", &shipped("chronic_complainers.toml"), dir, &SMALL);
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_parting_run_reports_segments_partings_and_gains() {
    let dir = tempfile::tempdir().unwrap();
    run_chronic(dir.path());
    let summary = json(&dir.path().join("summary.json"));
    for policy in ["keep", "part_gracefully", "part_abruptly"] {
        let p = &summary["policies"][policy];
        assert!(p["parted"]["mean"].is_number(), "{policy}: no parted");
        assert!(p["pv_parted"]["ci95"].is_array());
        for segment in ["chronic", "regular"] {
            for metric in [
                "customers_initial",
                "customers_final",
                "churned",
                "parted",
                "complaints",
                "handling_cost",
                "npv",
            ] {
                let stat = &p["segments"][segment][metric];
                for field in ["mean", "sd", "p5", "p50", "p95"] {
                    assert!(
                        stat[field].is_number(),
                        "{policy}.{segment}.{metric}.{field}"
                    );
                }
            }
        }
    }
    assert_eq!(summary["policies"]["keep"]["parted"]["mean"], 0.0);
    assert!(
        summary["policies"]["part_abruptly"]["parted"]["mean"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    let cause = &summary["comparisons"][0]["by_cause"]["customers_parted"];
    assert!(cause["mean"].as_f64().unwrap() < 0.0, "{cause}");
    let headlines = summary["headlines"].as_array().unwrap();
    assert!(
        headlines[0]
            .as_str()
            .unwrap()
            .starts_with("Parting gracefully with “chronic” customers at their 2nd complaint"),
        "{headlines:?}"
    );
    let csv = fs::read_to_string(dir.path().join("replications.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",parted,"), "{header}");
    assert!(
        header.ends_with(",segments.regular.handling_cost,segments.regular.npv"),
        "{header}"
    );
    assert!(
        header.contains("segments.chronic.customers_initial"),
        "{header}"
    );
    let html = fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("What each segment is worth"));
    // The title of a keep / graceful / abrupt comparison reads as gain,
    // naming the customers once.
    let title = html
        .split("<h1>")
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(
        title.starts_with("Parting gracefully with “chronic” customers "),
        "{title}"
    );
    assert!(
        title.contains(" over 12 months; parting abruptly "),
        "{title}"
    );
    assert!(html.contains("customers parted"));
    assert!(dir.path().join("charts/segment_worth.png").exists());
    assert!(dir.path().join("charts/segment_worth.svg").exists());
    // `wom plot` reads every file back and draws the same pictures.
    let before = fs::read(dir.path().join("charts/segment_worth.svg")).unwrap();
    wom()
        .arg("plot")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .success();
    let after = fs::read(dir.path().join("charts/segment_worth.svg")).unwrap();
    assert!(before == after, "segment_worth.svg differs after wom plot");
}

#[test]
fn the_terminal_shows_what_each_segment_is_worth() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(shipped("chronic_complainers.toml"))
        .args(SMALL)
        .arg("--out")
        .arg(dir.path())
        .arg("--no-charts")
        .assert()
        .success()
        .stdout(contains("what each segment is worth"))
        .stdout(contains(
            "chronic (5% of people): NPV per customer at the start",
        ))
        .stdout(contains("customers parted with"))
        .stdout(contains("Parting abruptly with “chronic” customers"));
}

#[test]
fn edited_segment_results_are_bad_input() {
    type Change = fn(String) -> String;
    let cases: [(&str, Change, &str); 4] = [
        (
            "summary.json",
            |t| t.replacen("\"customers_initial\"", "\"customers_inital\"", 1),
            "unknown segment metric `customers_inital`",
        ),
        (
            "summary.json",
            |t| {
                let mut v: Value = serde_json::from_str(&t).unwrap();
                v["policies"]["keep"]["segments"]
                    .as_object_mut()
                    .unwrap()
                    .remove("regular");
                v.to_string()
            },
            "policies.keep.segments",
        ),
        (
            "summary.json",
            |t| {
                let mut v: Value = serde_json::from_str(&t).unwrap();
                v["policies"]["keep"]["segments"]["chronic"]
                    .as_object_mut()
                    .unwrap()
                    .remove("npv");
                v.to_string()
            },
            "policies.keep.segments.chronic: no `npv`",
        ),
        (
            "replications.csv",
            |t| t.replacen("segments.chronic.npv", "segments.chronic.nvp", 1),
            "expected \"segments.chronic.npv\"",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    run_chronic(dir.path());
    for (file, change, needle) in cases {
        let copy = tempfile::tempdir().unwrap();
        for f in [
            "summary.json",
            "metadata.json",
            "replications.csv",
            "periods.csv",
        ] {
            fs::copy(dir.path().join(f), copy.path().join(f)).unwrap();
        }
        let path = copy.path().join(file);
        fs::write(&path, change(fs::read_to_string(&path).unwrap())).unwrap();
        wom()
            .arg("plot")
            .arg(copy.path())
            .assert()
            .code(2)
            .stderr(contains(file))
            .stderr(contains(needle));
    }
}

/// A scenario file with `text` after two segments and two policies.
fn scenario_with(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("shop.toml");
    let body = format!(
        "[segments.chronic]\nshare = 0.1\n[segments.regular]\nshare = 0.9\n\
         [policies.keep]\nhandling = \"recover\"\n[policies.part]\nhandling = \"recover\"\n{text}\n"
    );
    fs::write(&path, body).unwrap();
    path
}

#[test]
fn bad_segments_and_partings_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 4] = [
        (
            "part_with = { segment = \"chronc\", after_complaints = 2, manner = \"graceful\" }",
            &[
                "shop.toml:",
                "`policies.part.part_with.segment` = \"chronc\"",
                "did you mean \"chronic\"?",
            ],
        ),
        (
            "part_with = { segment = \"chronic\", after_complaints = 0, manner = \"graceful\" }",
            &[
                "`policies.part.part_with.after_complaints` = 0",
                "from 1 to 65535",
            ],
        ),
        (
            "part_with = { segment = \"chronic\", after_complaints = 1, manner = \"politely\" }",
            &[
                "`policies.part.part_with.manner` = \"politely\"",
                "\"graceful\", \"abrupt\"",
            ],
        ),
        (
            "[segments.extra]\nshare = 0.2",
            &[
                "`segments` = shares summing to 1.2 (chronic 0.1 + regular 0.9 + extra 0.2)",
                "sum to 1",
            ],
        ),
    ];
    for (text, needles) in cases {
        let path = scenario_with(dir.path(), text);
        let out = dir.path().join("out");
        let mut assert = wom()
            .arg("run")
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        for needle in needles {
            assert = assert.stderr(contains(*needle));
        }
        assert!(!out.exists(), "{text}: wrote output before refusing");
    }
    // A --set that breaks the shares is blamed on --set.
    let path = scenario_with(dir.path(), "");
    wom().args(["validate"]).arg(&path).assert().success();
    wom()
        .arg("run")
        .arg(&path)
        .args(["--set", "segments.chronic.share=nan", "--quiet"])
        .assert()
        .code(2)
        .stderr(contains("--set segments.chronic.share=nan"))
        .stderr(contains("a probability in [0, 1]"));
}

#[test]
fn sweeps_and_sensitivity_take_segment_and_parting_keys() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("sweep")
        .arg(shipped("chronic_complainers.toml"))
        .args([
            "--set",
            "segments.chronic.share=0.02:0.1:0.04",
            "--set",
            "policies.part_gracefully.part_with.after_complaints=1,3",
            "--set",
            "population.people=2000",
            "--replications",
            "8", // two of [uncertainty]'s draws of 4
            "--quiet",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let csv = fs::read_to_string(dir.path().join("sweep.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("segments.chronic.share"), "{header}");
    assert!(
        header.contains("policies.part_gracefully.part_with.after_complaints"),
        "{header}"
    );
    // 3 shares × 2 moments (× the population, one value).
    let points = fs::read_dir(dir.path().join("points")).unwrap().count();
    assert_eq!(points, 6);
    assert!(csv.contains("npv_difference.customers_parted"));
    let sens = tempfile::tempdir().unwrap();
    wom()
        .arg("sensitivity")
        .arg(shipped("chronic_complainers.toml"))
        .args([
            "--vary",
            "segments.chronic.share=0.02:0.1",
            "--set",
            "population.people=2000",
            "--replications",
            "8", // two of [uncertainty]'s draws of 4
            "--quiet",
            "--out",
        ])
        .arg(sens.path())
        .assert()
        .success();
}

#[test]
fn trace_follows_a_parted_customer() {
    let dir = tempfile::tempdir().unwrap();
    wom_into(
        "trace",
        &shipped("chronic_complainers.toml"),
        dir.path(),
        &[
            "--policy",
            "keep",
            "--policy",
            "part_gracefully",
            "--period",
            "1",
        ],
    );
    let trace = json(&dir.path().join("trace.json"));
    assert_eq!(trace["segment"], "chronic");
    assert!(
        trace["chosen"].as_str().unwrap().contains("parted with"),
        "{}",
        trace["chosen"]
    );
    assert_eq!(trace["policies"][1]["class"], "parted_graceful");
    assert_eq!(trace["policies"][0]["class"], "unresolved");
    assert!(dir.path().join("trace.png").exists());
}

/// A run with segments and partings split into shards and merged is the
/// unsharded run, byte for byte: shards keep every segment's values.
#[test]
fn a_parting_run_merged_from_shards_is_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    run_chronic(&one);
    let dirs: Vec<_> = (0..3)
        .map(|k| {
            let dir = tmp.path().join(format!("shard-{k}"));
            wom()
                .arg("run")
                .arg(shipped("chronic_complainers.toml"))
                .args(SMALL)
                .args(["--shard", &format!("{k}/3"), "--quiet", "--out"])
                .arg(&dir)
                .assert()
                .success();
            dir
        })
        .collect();
    let merged = tmp.path().join("merged");
    super::shards::merge(
        &[dirs[2].clone(), dirs[0].clone(), dirs[1].clone()],
        &merged,
    )
    .success();
    super::shards::assert_same_files(&one, &merged);
}
