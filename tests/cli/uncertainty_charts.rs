//! The charts of what is uncertain: `wom run` with `[uncertainty]` draws
//! the expected difference across plausible worlds, what to measure first
//! and the Sobol indices beside its other charts and in report.html (and
//! none of them without `[uncertainty]`); `wom sensitivity --global` draws
//! its Sobol chart; summary.json carries the bootstrap standard errors the
//! whiskers show.

use super::charts::{png_size, svg_text};
use super::uncertainty::{BASE, write};
use super::wom;
use serde_json::Value;
use std::fs;

const STEMS: [&str; 3] = [
    "uncertainty_differences",
    "uncertainty_measure_first",
    "sobol_indices",
];

#[test]
fn a_run_with_uncertainty_draws_its_three_charts_and_the_report_holds_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    let out = dir.path().join("o");
    wom()
        .arg("run")
        .arg(&file)
        .args(["--replications", "80", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let u = &summary["uncertainty"];
    let c = &u["comparisons"][0];
    let p = c["probability_better"].as_f64().unwrap();
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    for stem in STEMS {
        let png = fs::read(out.join(format!("charts/{stem}.png"))).unwrap();
        assert_eq!(png_size(&png), (1600, 900), "{stem}");
        let svg = fs::read_to_string(out.join(format!("charts/{stem}.svg"))).unwrap();
        let text = svg_text(&svg);
        assert!(
            text.contains("8 plausible worlds × 10 · seed 4"),
            "{stem}: {text}"
        );
        assert!(html.contains(&format!("<figure id=\"{stem}\">")), "{stem}");
    }
    // The title of the differences states the share of worlds that favour
    // a policy: the summary's probability, as words.
    let text =
        svg_text(&fs::read_to_string(out.join("charts/uncertainty_differences.svg")).unwrap());
    let hits = (p * 8.0).round() as u64;
    let share = match hits {
        8 => "all 8 of the plausible worlds drawn".to_owned(),
        0 => "all 8 of the plausible worlds drawn".to_owned(),
        h => format!(
            "{:.0}% of plausible worlds",
            100.0 * f64::from(h.max(8 - h) as u32) / 8.0
        ),
    };
    assert!(text.contains(&share), "{share:?} not in {text}");
    // Bootstrap standard errors beside every estimate.
    assert!(u["evpi_se"].as_f64().unwrap() >= 0.0);
    for field in ["evppi_se", "sobol_first_se", "sobol_total_se"] {
        let se = c[field].as_object().unwrap();
        assert_eq!(se.len(), 4, "{field}");
        assert!(se.values().all(|v| v.as_f64().unwrap() >= 0.0), "{field}");
    }
    assert!(
        c["sobol_first_se"]
            .as_object()
            .unwrap()
            .values()
            .any(|v| v.as_f64().unwrap() > 0.0),
        "a key that matters has a spread over resamples"
    );
    // `wom plot` reads the run back (summary.json with its uncertainty
    // headlines, replications.csv regrouped by draw) and draws the same.
    let drawn: Vec<Vec<u8>> = STEMS
        .iter()
        .map(|s| fs::read(out.join(format!("charts/{s}.svg"))).unwrap())
        .collect();
    fs::remove_dir_all(out.join("charts")).unwrap();
    wom()
        .arg("plot")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    for (stem, before) in STEMS.iter().zip(&drawn) {
        let again = fs::read(out.join(format!("charts/{stem}.svg"))).unwrap();
        assert!(&again == before, "wom plot draws {stem} differently");
    }
    assert_eq!(fs::read_to_string(out.join("report.html")).unwrap(), html);
}

#[test]
fn a_run_without_uncertainty_draws_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE.split("[uncertainty]").next().unwrap();
    let file = write(dir.path(), "plain.toml", text);
    let out = dir.path().join("o");
    wom()
        .arg("run")
        .arg(&file)
        .args(["--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("charts/npv_distribution.png").exists());
    for stem in STEMS {
        assert!(!out.join(format!("charts/{stem}.png")).exists(), "{stem}");
    }
}

#[test]
fn global_sensitivity_draws_the_sobol_chart_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    let out = dir.path().join("g");
    wom()
        .args([
            "sensitivity",
            "--global",
            "--samples",
            "8",
            "--replications",
            "2",
        ])
        .arg(&file)
        .args(["--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let sobol: Value =
        serde_json::from_str(&fs::read_to_string(out.join("sobol.json")).unwrap()).unwrap();
    let svg = fs::read_to_string(out.join("charts/sobol_indices.svg")).unwrap();
    let text = svg_text(&svg);
    assert!(
        text.contains("48 design points of 2 replications (8 samples × (4 keys + 2)) · seed 4"),
        "{text}"
    );
    // Every index is written on its bar, to two decimals.
    for k in sobol["keys"].as_array().unwrap() {
        let first = format!("{:.2}", k["first"].as_f64().unwrap());
        assert!(text.contains(&first), "{first} not in {text}");
    }
    let png = fs::read(out.join("charts/sobol_indices.png")).unwrap();
    assert_eq!(png_size(&png), (1600, 900));
}
