//! `wom run` charts and report.html, and `wom plot`.

use super::{fixture, wom, wom_into};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The four chart stems, as documented.
pub const CHARTS: [&str; 4] = [
    "value_lost_by_cause",
    "customers_over_time",
    "npv_distribution",
    "word_of_mouth_funnel",
];

fn run_tiny(dir: &Path, extra: &[&str]) {
    wom_into("run", &fixture("tiny.toml"), dir, extra);
}

/// Width and height from a PNG's IHDR chunk.
pub fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

/// The text of every `<text>` element, unescaped, joined by spaces (a title
/// set on two lines reads as one).
pub fn svg_text(svg: &str) -> String {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let Some((_, rest)) = part.split_once('>') else {
            continue;
        };
        let Some((content, _)) = rest.split_once("</text>") else {
            continue;
        };
        out.push(
            content
                .trim()
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        );
    }
    out.join(" ")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `$23,956` as the charts write money.
fn dollars(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

#[test]
fn every_chart_renders_at_slide_size_with_its_title() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path(), &[]);
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let lost = summary["comparisons"][0]["npv_difference"]["mean"]
        .as_f64()
        .unwrap();
    let verb = if lost >= 0.0 { "loses" } else { "gains" };
    let titles = [
        format!("Ignoring complaints {verb} {} over 4 months", dollars(lost)),
        "After 4 months: ".to_string(),
        "simulated runs".to_string(),
        "bad news reaches".to_string(),
    ];
    for (stem, title) in CHARTS.iter().zip(&titles) {
        let png = fs::read(dir.path().join(format!("charts/{stem}.png"))).unwrap();
        assert_eq!(png_size(&png), (1600, 900), "{stem}.png");
        let svg = fs::read_to_string(dir.path().join(format!("charts/{stem}.svg"))).unwrap();
        assert!(
            svg.contains(r#"<svg width="1600" height="900""#),
            "{stem}.svg size"
        );
        let text = svg_text(&svg);
        let found = text.contains(title.as_str()) || text.to_lowercase().contains(title.as_str());
        assert!(found, "{stem}: no title {title:?} in {text:?}");
        // The subtitle: scenario, replications and seed.
        assert!(
            text.contains("Scenario tiny · 40 replications · seed 1"),
            "{stem} subtitle"
        );
        // Thousands separators on money.
        if *stem == "npv_distribution" {
            assert!(
                text.contains("$") && text.contains(','),
                "{stem}: money ticks {text:?}"
            );
        }
    }
}

#[test]
fn the_report_holds_every_chart_inline_and_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path(), &[]);
    let html = fs::read_to_string(dir.path().join("report.html")).unwrap();
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let headline = summary["headlines"][0].as_str().unwrap();
    assert!(html.contains(&html_escape(headline)), "headline missing");
    assert_eq!(html.matches("<svg ").count(), CHARTS.len());
    for stem in CHARTS {
        let svg = fs::read_to_string(dir.path().join(format!("charts/{stem}.svg"))).unwrap();
        // The chart's own drawing, inline.
        let body = svg.split_once('\n').map_or(svg.as_str(), |(_, rest)| rest);
        assert!(
            html.contains(body.trim_end_matches("</svg>\n").trim_end()),
            "{stem} not inline"
        );
    }
    // Self-contained: nothing fetched, and a print layout.
    for banned in ["<script", "<link", "<img", "src=", "url("] {
        assert!(!html.contains(banned), "report.html contains {banned}");
    }
    assert!(html.contains("@media print") && html.contains("size: A4"));
    assert!(html.contains("seed 1") && html.contains(env!("CARGO_PKG_VERSION")));
    assert!(html.contains("<h2>Method</h2>") && html.contains("<h2>Assumptions</h2>"));
}

#[test]
fn plot_redraws_the_same_files_from_the_saved_results() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path(), &[]);
    let read = |name: &str| fs::read(dir.path().join(name)).unwrap();
    let mut before = vec![("report.html".to_string(), read("report.html"))];
    for stem in CHARTS {
        for ext in ["svg", "png"] {
            let name = format!("charts/{stem}.{ext}");
            before.push((name.clone(), read(&name)));
        }
    }
    fs::remove_dir_all(dir.path().join("charts")).unwrap();
    fs::remove_file(dir.path().join("report.html")).unwrap();
    wom()
        .arg("plot")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("report.html"));
    for (name, bytes) in before {
        assert!(read(&name) == bytes, "{name} differs after wom plot");
    }
}

#[test]
fn run_without_charts_then_plot() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(dir.path(), &["--no-charts"]);
    assert!(!dir.path().join("report.html").exists());
    assert!(!dir.path().join("charts").exists());
    wom()
        .arg("plot")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .success();
    for stem in CHARTS {
        assert!(dir.path().join(format!("charts/{stem}.png")).exists());
    }
}

#[test]
fn plot_of_a_directory_without_results_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    wom()
        .arg("plot")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("summary.json"));
}

#[test]
fn three_policies_keep_their_colours_across_charts() {
    let dir = tempfile::tempdir().unwrap();
    run_tiny(
        dir.path(),
        &[
            "--set",
            "policies.slow.handling=\"recover\"",
            "--set",
            "policies.slow.response_hours=48",
        ],
    );
    // Okabe–Ito in scenario order: vermillion, blue, bluish green.
    for (stem, colours) in [
        (
            "customers_over_time",
            ["#D55E00", "#0072B2", "#009E73"].as_slice(),
        ),
        (
            "word_of_mouth_funnel",
            ["#D55E00", "#0072B2", "#009E73"].as_slice(),
        ),
        ("value_lost_by_cause", ["#0072B2", "#009E73"].as_slice()),
    ] {
        let svg = fs::read_to_string(dir.path().join(format!("charts/{stem}.svg"))).unwrap();
        for c in colours {
            assert!(svg.contains(c), "{stem} lacks {c}");
        }
    }
}
