//! Every shipped scenario's report as a user gets it: no markup (backticks)
//! in report.html or any chart's text, no warning that the scenario's own
//! network cut word of mouth short, and report.html printing on at most
//! two A4 pages in headless Chromium (its print-to-PDF, pages counted in
//! the PDF). The print check is skipped, saying so, when Chromium is not
//! installed (`apt-get install chromium`), and fails then with CI set.

use super::{shipped, wom};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// Where Debian's chromium package puts the browser.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The shipped scenarios.
fn scenarios() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(shipped(""))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.ends_with(".toml").then_some(name)
        })
        .collect();
    names.sort();
    names
}

/// The number of pages of a PDF: its page objects (`/Type /Page`, not
/// `/Pages`).
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .chain(text.match_indices("/Type/Page"))
        .filter(|(at, m)| !text[at + m.len()..].starts_with('s'))
        .count()
}

/// Prints `html` to a PDF with headless Chromium; its page count.
fn printed_pages(html: &Path, out: &Path) -> usize {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success(), "chromium failed on {}", html.display());
    pages(&fs::read(out).unwrap())
}

#[test]
fn pages_are_counted_without_the_page_tree() {
    let pdf = b"1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>";
    assert_eq!(pages(pdf), 2);
}

#[test]
fn shipped_reports_say_names_without_markup_warn_of_nothing_and_print_on_two_pages() {
    let chromium = Path::new(CHROMIUM).exists();
    if !chromium {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMIUM} is missing and CI is set: install it with `apt-get install chromium`"
        );
        eprintln!("skipping the print check: {CHROMIUM} is missing (apt-get install chromium)");
    }
    let mut failures = Vec::new();
    for name in scenarios() {
        let dir = tempfile::tempdir().unwrap();
        let out = wom()
            .arg("run")
            .arg(shipped(&name))
            // default.toml's [uncertainty] groups replications by 10.
            .arg("--replications")
            .arg(if name == "default.toml" { "20" } else { "8" })
            .arg("--out")
            .arg(dir.path())
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let html = dir.path().join("report.html");
        let report = fs::read_to_string(&html).unwrap();
        if report.contains('`') {
            failures.push(format!("{name}: a backtick in report.html"));
        }
        if report.contains("class=\"warning\"") || stdout.contains("Warning:") {
            failures.push(format!("{name}: warns about itself"));
        }
        for chart in fs::read_dir(dir.path().join("charts")).unwrap() {
            let path = chart.unwrap().path();
            if path.extension().is_some_and(|e| e == "svg")
                && fs::read_to_string(&path).unwrap().contains('`')
            {
                failures.push(format!("{name}: a backtick in {}", path.display()));
            }
        }
        if report.contains("seed 0") {
            failures.push(format!("{name}: \"seed 00N\" in report.html"));
        }
        if chromium {
            let n = printed_pages(&html, &dir.path().join("report.pdf"));
            if !(1..=2).contains(&n) {
                failures.push(format!("{name}: report.html prints on {n} A4 pages"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
