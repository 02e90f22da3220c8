//! Pinned results: a few shipped scenarios, scaled down, must give exactly
//! the bytes of `summary.json`, `replications.csv` and `periods.csv` stored
//! in `tests/fixtures/pinned/NAME/`. A change that moves any number fails
//! here; an intended change (a new default, a model fix) regenerates them
//! with `WOM_UPDATE_PINNED=1 cargo test --release pinned` and says why in
//! its commit.
//!
//! Every shipped scenario but `strong_weak_ties.toml` (a demonstration of
//! one mechanism) states what it does not know (`[uncertainty]`)
//! since honest uncertainty; their pins run the files as they were before
//! (`tests/fixtures/pinned/scenarios/NAME.toml`, byte for byte the file
//! without `[uncertainty]`), so a file without `[uncertainty]` still gives
//! exactly the numbers it gave.

use super::{fixture, shipped, wom};
use std::path::Path;

/// (name, scenario file, extra flags): small enough to run in a second.
const CASES: [(&str, &str, &[&str]); 9] = [
    (
        "default",
        "../tests/fixtures/pinned/scenarios/default.toml",
        &["--replications", "24", "--set", "population.people=3000"],
    ),
    (
        "cafe",
        "../tests/fixtures/pinned/scenarios/cafe.toml",
        &["--replications", "16", "--set", "population.people=3000"],
    ),
    (
        "support_team",
        "../tests/fixtures/pinned/scenarios/support_team.toml",
        &["--replications", "12"],
    ),
    (
        "strong_weak_ties",
        "strong_weak_ties.toml",
        &["--replications", "8", "--set", "population.people=3000"],
    ),
    (
        "real_estate",
        "../tests/fixtures/pinned/scenarios/real_estate.toml",
        &["--replications", "30"],
    ),
    (
        "tarp",
        "../tests/fixtures/pinned/scenarios/tarp.toml",
        &["--replications", "20", "--seed", "7"],
    ),
    (
        "chronic_complainers",
        "../tests/fixtures/pinned/scenarios/chronic_complainers.toml",
        &["--replications", "12", "--set", "population.people=3000"],
    ),
    (
        "staffing",
        "../tests/fixtures/pinned/scenarios/staffing.toml",
        &[
            "--replications",
            "8",
            "--set",
            "population.people=6000",
            "--set",
            "population.initial_customers=2000",
        ],
    ),
    (
        "chronic_desk",
        "../tests/fixtures/pinned/scenarios/chronic_desk.toml",
        &[
            "--replications",
            "10",
            "--set",
            "population.people=4000",
            "--set",
            "population.initial_customers=1500",
        ],
    ),
];

const FILES: [&str; 3] = ["summary.json", "replications.csv", "periods.csv"];

#[test]
fn shipped_scenarios_give_the_pinned_bytes() {
    let update = std::env::var_os("WOM_UPDATE_PINNED").is_some();
    for (name, file, extra) in CASES {
        let dir = tempfile::tempdir().unwrap();
        wom()
            .arg("run")
            .arg(shipped(file))
            .arg("--out")
            .arg(dir.path())
            .args(["--quiet", "--no-charts", "--threads", "2"])
            .args(extra)
            .assert()
            .success();
        let pinned = fixture("pinned").join(name);
        for f in FILES {
            let got = std::fs::read(dir.path().join(f)).unwrap();
            let want_path = pinned.join(f);
            if update {
                std::fs::create_dir_all(&pinned).unwrap();
                std::fs::write(&want_path, &got).unwrap();
                continue;
            }
            let want = std::fs::read(&want_path)
                .unwrap_or_else(|e| panic!("{}: {e}", want_path.display()));
            assert!(got == want, "{name}/{f} differs from {}", shown(&want_path));
        }
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The columns of every pinned replications.csv are the keys of the
/// metrics' descriptors, in descriptor order, exactly those the scenario
/// reports (`Metric::reported`), then each segment's.
#[test]
fn the_pinned_columns_are_the_descriptors_keys() {
    use wom::sim::{Metric, SegmentMetric};
    for (name, file, _) in CASES {
        let path = shipped(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = wom::scenario::parse(&text, &path).unwrap();
        let csv =
            std::fs::read_to_string(fixture("pinned").join(name).join("replications.csv")).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let mut want = vec!["replication".to_owned(), "policy".to_owned()];
        want.extend(
            Metric::reported(&scenario)
                .iter()
                .map(|m| m.key().to_owned()),
        );
        for segment in &scenario.segments {
            for m in SegmentMetric::reported(&scenario) {
                want.push(format!("segments.{}.{}", segment.name, m.key()));
            }
        }
        assert_eq!(header, want, "{name}");
    }
}
