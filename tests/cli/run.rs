//! `wom run`, `wom validate`, `wom scenarios`, `wom init`.

use super::{fixture, shipped, wom};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;
use std::path::Path;

fn run_to(dir: &Path, scenario: &Path, extra: &[&str]) {
    super::wom_into("run", scenario, dir, extra);
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn writes_the_documented_files() {
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &fixture("tiny.toml"), &[]);
    let summary = read_json(&dir.path().join("summary.json"));
    assert_eq!(summary["scenario"], "tiny");
    assert_eq!(summary["seed"], 1);
    assert_eq!(summary["replications"], 40);
    for metric in [
        "npv",
        "customers_final",
        "churned_direct",
        "churned_hearsay",
        "deterred",
        "referral_conversions",
        "organic_conversions",
        "complaints",
        "resolved",
        "negative_tellings",
        "positive_tellings",
        "negative_reach",
        "handling_cost",
    ] {
        let m = &summary["policies"]["recover"][metric];
        for field in ["mean", "sd", "ci95", "p5", "p50", "p95"] {
            assert!(m.get(field).is_some(), "{metric}.{field} missing");
        }
    }
    let c = &summary["comparisons"][0];
    assert_eq!(
        (c["baseline"].as_str(), c["policy"].as_str()),
        (Some("ignore"), Some("recover"))
    );
    assert!(c["npv_difference"]["ci95"].is_array());
    assert!(c["by_cause"]["hearsay_churn"]["mean"].is_number());
    let reps = std::fs::read_to_string(dir.path().join("replications.csv")).unwrap();
    assert_eq!(reps.lines().count(), 1 + 40 * 2);
    assert!(reps.starts_with("replication,policy,npv,"));
    let periods = std::fs::read_to_string(dir.path().join("periods.csv")).unwrap();
    assert_eq!(periods.lines().count(), 1 + 4 * 2);
    let meta = read_json(&dir.path().join("metadata.json"));
    assert_eq!(meta["scenario"]["population"]["people"], 800);
    assert!(meta["command_line"].is_array());
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".wom-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn one_and_two_threads_give_byte_identical_summaries() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_to(a.path(), &fixture("tiny.toml"), &["--threads", "1"]);
    run_to(b.path(), &fixture("tiny.toml"), &["--threads", "2"]);
    for file in ["summary.json", "replications.csv", "periods.csv"] {
        assert_eq!(
            std::fs::read(a.path().join(file)).unwrap(),
            std::fs::read(b.path().join(file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn paired_interval_is_much_narrower_than_unpaired_on_a_shipped_scenario() {
    let dir = tempfile::tempdir().unwrap();
    run_to(
        dir.path(),
        &shipped("default.toml"),
        &["--replications", "40"],
    );
    let summary = read_json(&dir.path().join("summary.json"));
    let c = &summary["comparisons"][0];
    let ci = c["npv_difference"]["ci95"].as_array().unwrap();
    let paired = (ci[1].as_f64().unwrap() - ci[0].as_f64().unwrap()) / 2.0;
    let unpaired = c["unpaired_ci95_half_width"].as_f64().unwrap();
    // Half as wide means the paired comparison is worth at least four times
    // the replications of two independent runs (variance ratio ≥ 4).
    assert!(
        paired * 2.0 < unpaired,
        "paired ±{paired} vs unpaired ±{unpaired}"
    );
}

#[test]
fn terminal_output_has_a_headline_in_money() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("Ignoring complaints loses $"))
        .stdout(contains("95% CI"))
        .stdout(contains("customers lost to hearsay"));
}

#[test]
fn seed_override_is_recorded_and_changes_results() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_to(a.path(), &fixture("tiny.toml"), &["--seed", "2"]);
    run_to(b.path(), &fixture("tiny.toml"), &[]);
    let (sa, sb) = (
        read_json(&a.path().join("summary.json")),
        read_json(&b.path().join("summary.json")),
    );
    assert_eq!(sa["seed"], 2);
    assert_ne!(
        sa["policies"]["ignore"]["npv"]["mean"],
        sb["policies"]["ignore"]["npv"]["mean"]
    );
}

#[test]
fn file_networks_run_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    run_to(dir.path(), &fixture("file_network.toml"), &[]);
    let meta = read_json(&dir.path().join("metadata.json"));
    assert_eq!(meta["people"], 4);
    wom()
        .arg("validate")
        .arg(fixture("file_network.toml"))
        .assert()
        .success()
        .stdout(contains("4 people"));
}

#[test]
fn every_shipped_scenario_validates_and_is_listed() {
    let out = wom()
        .arg("scenarios")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listing = String::from_utf8(out).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")).unwrap()
    {
        let path = entry.unwrap().path();
        wom().arg("validate").arg(&path).assert().success();
        assert!(
            listing.contains(path.file_name().unwrap().to_str().unwrap()),
            "{path:?} not listed"
        );
    }
}

#[test]
fn init_writes_a_template_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    wom().arg("init").arg(&path).assert().success();
    wom().arg("validate").arg(&path).assert().success();
    wom()
        .arg("init")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains("--force"));
}

#[test]
fn help_has_examples() {
    // Every subcommand `wom --help` lists, so that a new command cannot
    // miss its examples: the first word of each line under "Commands:"
    // indented by two spaces (continuation lines are indented further).
    let out = wom().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let commands: Vec<&str> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: section")
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    for expected in ["run", "sweep", "merge", "staffing", "serve", "trace"] {
        assert!(commands.contains(&expected), "{expected} in {commands:?}");
    }
    for command in commands {
        wom()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(contains("Example"));
    }
}

#[test]
fn a_network_too_sparse_for_the_tells_is_warned_about_naming_the_keys() {
    // tiny.toml: mean degree 6, unhappy customers tell 10-22 (defaults).
    let dir = tempfile::tempdir().unwrap();
    let out = wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--replications", "6", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = read_json(&dir.path().join("summary.json"));
    let share = |p: &str| {
        let m = |k: &str| summary["policies"][p][k]["mean"].as_f64().unwrap();
        let short = m("tell_shortfall");
        short / (short + m("negative_tellings") + m("positive_tellings"))
    };
    let worst = share("ignore").max(share("recover"));
    assert!(worst > 0.05, "the fixture must cut tellings short: {worst}");
    let said = format!("{:.0}% of the tellings asked for", 100.0 * worst);
    for needle in [
        said.as_str(),
        "tell_shortfall",
        "about 6 contacts",
        "network.mean_degree",
        "outcomes.unresolved.tells",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in {stdout}");
    }
    let report = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(report.contains("<p class=\"warning\">Warning: with"));
    // Enough contacts for 10-22 tells: no warning.
    let dense = tempfile::tempdir().unwrap();
    wom()
        .arg("run")
        .arg(fixture("tiny.toml"))
        .args(["--replications", "6", "--set", "network.mean_degree=40"])
        .arg("--out")
        .arg(dense.path())
        .assert()
        .success()
        .stdout(contains("Warning").not());
    let report = std::fs::read_to_string(dense.path().join("report.html")).unwrap();
    assert!(!report.contains("class=\"warning\""));
}

/// Runs tiny.toml (or `scenario`) with `extra`, returning stdout, the
/// summary's headline, the report and the value-lost chart's SVG.
fn headline_everywhere(scenario: &Path, extra: &[&str]) -> [String; 4] {
    let dir = tempfile::tempdir().unwrap();
    let out = wom()
        .arg("run")
        .arg(scenario)
        .args(["--replications", "6", "--out"])
        .arg(dir.path())
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary = read_json(&dir.path().join("summary.json"));
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    [
        String::from_utf8_lossy(&out.stdout).into_owned(),
        summary["headlines"][0].as_str().unwrap().to_owned(),
        read("report.html"),
        read("charts/value_lost_by_cause.svg"),
    ]
}

#[test]
fn headlines_read_with_the_sign_of_their_interval_everywhere() {
    let tiny = fixture("tiny.toml");
    // A large compensation: ignoring gains; the interval is the gain's.
    let [stdout, headline, report, chart] =
        headline_everywhere(&tiny, &["--set", "policies.recover.compensation=1000"]);
    assert!(
        headline.starts_with("Ignoring complaints gains $") && !headline.contains('−'),
        "{headline}"
    );
    // report.html keeps each minus sign with its number (a word joiner).
    let report = report.replace('\u{2060}', "");
    assert!(stdout.contains(&headline) && report.contains(&headline));
    assert!(report.contains("<h1>Ignoring complaints gains $"));
    assert!(chart.contains("Ignoring complaints gains $"));
    // The recovering policy as the baseline: it loses nothing; it gains.
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("recover_first.toml");
    let text = std::fs::read_to_string(&tiny).unwrap();
    let (head, policies) = text.split_once("[policies.ignore]").unwrap();
    let (ignore, recover) = policies.split_once("[policies.recover]").unwrap();
    let swapped = format!("{head}[policies.recover]{recover}\n[policies.ignore]{ignore}");
    std::fs::write(&first, swapped).unwrap();
    let [_, headline, ..] =
        headline_everywhere(&first, &["--set", "policies.recover.compensation=2"]);
    assert!(
        headline.starts_with("Policy “recover” gains $") && !headline.contains('−'),
        "{headline}"
    );
    // An interval that spans zero: no clear difference, said everywhere.
    let [stdout, headline, report, chart] =
        headline_everywhere(&tiny, &["--set", "policies.recover.compensation=20"]);
    assert!(
        headline.starts_with("Ignoring complaints shows no clear difference from “recover”"),
        "{headline}"
    );
    assert!(headline.contains("(95% CI −$") && headline.contains("includes zero"));
    // report.html keeps each minus sign with its number (a word joiner).
    let report = report.replace('\u{2060}', "");
    assert!(stdout.contains(&headline) && report.contains(&headline));
    assert!(report.contains("<h1>Ignoring complaints shows no clear difference"));
    assert!(chart.contains("shows no clear difference"));
}
