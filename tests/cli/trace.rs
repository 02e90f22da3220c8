//! `wom trace`: the stories of one period, consistent with `wom run`.

use super::charts::{png_size, svg_text};
use super::{fixture, wom, wom_into};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn trace_to(dir: &Path, extra: &[&str]) -> Value {
    wom_into("trace", &fixture("tiny.toml"), dir, extra);
    serde_json::from_str(&fs::read_to_string(dir.join("trace.json")).unwrap()).unwrap()
}

fn run_to(dir: &Path, extra: &[&str]) {
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .arg("--out")
        .arg(dir)
        .args(["--quiet", "--no-charts"])
        .args(extra)
        .assert()
        .success();
}

/// `column` of the periods.csv or replications.csv row with `key = value`
/// and `policy`.
fn csv_value(path: &Path, key: &str, value: &str, policy: &str, column: &str) -> f64 {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (k, p, c) = (at(key), at("policy"), at(column));
    reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[k] == value && &r[p] == policy)
        .map(|r| r[c].parse().unwrap())
        .unwrap()
}

#[test]
fn trace_counts_equal_the_runs_counts_for_that_period() {
    let dir = tempfile::tempdir().unwrap();
    // Two replications: periods.csv's mean is the average of the two
    // replications' values, each of which a trace reproduces.
    run_to(dir.path(), &["--replications", "2"]);
    for period in [0u32, 2] {
        let traces: Vec<Value> = ["0", "1"]
            .iter()
            .map(|r| {
                let args = [
                    "--policy",
                    "ignore",
                    "--policy",
                    "recover",
                    "--period",
                    &period.to_string(),
                    "--replication",
                    r,
                    "--set",
                    "replications=2",
                ];
                trace_to(dir.path(), &args)
            })
            .collect();
        assert_eq!(traces[0]["period"], period);
        for (i, name) in ["ignore", "recover"].into_iter().enumerate() {
            let mean = |field: &str| {
                traces
                    .iter()
                    .map(|t| t["policies"][i]["period"][field].as_f64().unwrap())
                    .sum::<f64>()
                    / 2.0
            };
            let at = |column: &str| {
                let path = dir.path().join("periods.csv");
                csv_value(&path, "period", &period.to_string(), name, column)
            };
            assert_eq!(
                mean("negative_tellings"),
                at("negative_tellings_mean"),
                "{name} period {period}"
            );
            assert_eq!(mean("customers"), at("customers_mean"));
        }
    }
}

#[test]
fn trace_of_a_later_replication_matches_that_replication() {
    let dir = tempfile::tempdir().unwrap();
    // One period, so a replication's totals are its first period's.
    run_to(
        dir.path(),
        &["--replications", "4", "--set", "periods=1", "--seed", "9"],
    );
    let trace = trace_to(
        dir.path(),
        &[
            "--replication",
            "3",
            "--set",
            "periods=1",
            "--seed",
            "9",
            "--policy",
            "recover",
        ],
    );
    let p = &trace["policies"][0];
    for (ours, theirs) in [
        ("negative_tellings", "negative_tellings"),
        ("positive_tellings", "positive_tellings"),
    ] {
        let told = csv_value(
            &dir.path().join("replications.csv"),
            "replication",
            "3",
            "recover",
            theirs,
        );
        assert_eq!(p["period"][ours].as_f64().unwrap(), told, "{ours}");
    }
}

#[test]
fn same_seed_same_stories_other_seed_other_stories() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    let one = trace_to(a.path(), &[]);
    let two = trace_to(b.path(), &[]);
    let other = trace_to(c.path(), &["--seed", "2"]);
    assert_eq!(one, two);
    assert_ne!(one["policies"][0]["story"], other["policies"][0]["story"]);
    assert_eq!(
        fs::read(a.path().join("trace.svg")).unwrap(),
        fs::read(b.path().join("trace.svg")).unwrap()
    );
}

#[test]
fn the_story_is_one_customers_spread_with_hops_and_effects() {
    let dir = tempfile::tempdir().unwrap();
    let trace = trace_to(dir.path(), &[]);
    let person = trace["person"].as_u64().unwrap();
    // Default: the baseline and the next policy, side by side.
    let policies = trace["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 2);
    assert!(trace["chosen"].as_str().unwrap().starts_with("chosen as"));
    let ignore = &policies[0];
    assert_eq!(ignore["policy"], "ignore");
    assert_eq!(ignore["tone"], "negative");
    let story = ignore["story"].as_array().unwrap();
    assert!(!story.is_empty());
    let mut reached = std::collections::BTreeSet::new();
    let mut tellers = std::collections::BTreeSet::from([person]);
    for h in story {
        let hop = h["hop"].as_u64().unwrap();
        let teller = h["teller"].as_u64().unwrap();
        assert!((1..=3).contains(&hop), "max_hops is 3");
        if hop == 1 {
            assert_eq!(teller, person, "hop 1 is told by the customer");
        } else {
            assert!(
                tellers.contains(&teller) || reached.contains(&teller),
                "teller {teller} never heard it"
            );
        }
        assert_eq!(h["tone"], "negative");
        assert!(["none", "deterred", "lost", "converted"].contains(&h["effect"].as_str().unwrap()));
        let hearer = h["hearer"].as_u64().unwrap();
        if hearer != person {
            reached.insert(hearer);
        }
        tellers.insert(hearer);
    }
    assert_eq!(
        ignore["people_reached"].as_u64().unwrap(),
        reached.len() as u64
    );
    let per_hop: u64 = ignore["reached_per_hop"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_hop, reached.len() as u64);
    // The picture: slide size, the finding as title, the customer named.
    let png = fs::read(dir.path().join("trace.png")).unwrap();
    assert_eq!(png_size(&png), (1600, 900));
    let text = svg_text(&fs::read_to_string(dir.path().join("trace.svg")).unwrap());
    assert!(text.contains("The same customer: bad news to"), "{text}");
    assert!(text.contains(&format!("person {person}")));
}

#[test]
fn trace_rejects_unknown_policies_and_out_of_range_periods() {
    let dir = tempfile::tempdir().unwrap();
    let bad = |args: &[&str], message: &str| {
        wom()
            .arg("trace")
            .arg(fixture("tiny.toml"))
            .arg("--out")
            .arg(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message.to_string()));
    };
    bad(&["--policy", "nope"], "it has: ignore, recover");
    bad(&["--period", "4"], "periods 0 to 3");
    bad(&["--replication", "40"], "replications 0 to 39");
    bad(
        &["--policy", "ignore", "--person", "100000"],
        "--person 100000: node 100000 is not in the network (ids 0 to 799)",
    );
    bad(
        &[
            "--policy", "ignore", "--policy", "recover", "--policy", "ignore",
        ],
        "two side by side",
    );
}

#[test]
fn plot_redraws_the_trace_picture_from_trace_json() {
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &[]);
    trace_to(dir.path(), &["--period", "1"]);
    let read = |name: &str| fs::read(dir.path().join(name)).unwrap();
    let (png, svg) = (read("trace.png"), read("trace.svg"));
    fs::remove_file(dir.path().join("trace.png")).unwrap();
    fs::remove_file(dir.path().join("trace.svg")).unwrap();
    wom()
        .arg("plot")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("from trace.json"));
    assert!(read("trace.svg") == svg, "trace.svg differs after wom plot");
    assert!(read("trace.png") == png, "trace.png differs after wom plot");
}

#[test]
fn report_shows_the_story_only_when_traced_on_the_runs_seed() {
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &[]);
    let report = || fs::read_to_string(dir.path().join("report.html")).unwrap_or_default();
    trace_to(dir.path(), &[]);
    let page = report();
    assert!(page.contains("One story, traced"), "story section missing");
    let svg = fs::read_to_string(dir.path().join("trace.svg")).unwrap();
    let title = svg_text(&svg);
    assert!(
        title.split_whitespace().take(6).all(|w| page.contains(w)),
        "the story picture's text is not inline in report.html"
    );
    // wom plot keeps it; a trace on another seed is not this run's story.
    wom().arg("plot").arg(dir.path()).assert().success();
    assert!(report().contains("One story, traced"));
    trace_to(dir.path(), &["--seed", "99"]);
    wom().arg("plot").arg(dir.path()).assert().success();
    assert!(!report().contains("One story, traced"));
}
