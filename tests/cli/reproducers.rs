//! Reproducers of the first round of hardening, one class each: every one
//! is a clean refusal — exit 2 naming the file or flag, the key and what is
//! allowed, before any file is written — or a correct result; never a
//! panic (exit 101), an abort (134) or a backtrace.

use super::{fixture, wom};
use std::fs;
use std::path::Path;

/// Runs `wom ARGS` and checks the exit code and that stderr holds every
/// needle and no sign of a panic; returns stderr.
pub(super) fn exits(args: &[&str], code: i32, needles: &[&str]) -> String {
    let out = wom().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: {needle:?} not in {stderr}"
        );
    }
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{args:?}: {stderr}"
    );
    stderr
}

/// The tiny fixture scenario's path.
pub(super) fn tiny() -> String {
    fixture("tiny.toml").display().to_string()
}

/// A scenario file in `dir`: tiny.toml with `extra` prepended (keys before
/// any table) or appended (tables).
fn scenario(dir: &Path, name: &str, top: &str, tables: &str) -> String {
    let text = fs::read_to_string(fixture("tiny.toml")).unwrap();
    let path = dir.join(name);
    fs::write(&path, format!("{top}\n{text}\n{tables}\n")).unwrap();
    path.display().to_string()
}

#[test]
fn distributions_the_sampler_refuses_are_refused_everywhere_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let set = "outcomes.silent.tells={poisson=1.9e19}";
    let allowed = "a mean from 0 to 800 (the people in the network";
    exits(
        &["run", &tiny(), "--set", set, "--out", out],
        2,
        &["--set outcomes.silent.tells", allowed],
    );
    let sweep = "outcomes.silent.tells={poisson=3},{poisson=1.9e19}";
    exits(
        &["sweep", &tiny(), "--set", sweep, "--out", out],
        2,
        &["--set outcomes.silent.tells", allowed],
    );
    let vary = "outcomes.silent.tells={poisson=3}:{poisson=1.9e19}";
    exits(
        &["sensitivity", &tiny(), "--vary", vary, "--out", out],
        2,
        &["--vary outcomes.silent.tells", allowed],
    );
    let file = scenario(
        dir.path(),
        "retell.toml",
        "",
        "[word_of_mouth]\nretell_tells = { poisson = 1.9e19 }",
    );
    exits(
        &["validate", &file],
        2,
        &[
            "retell.toml:",
            "`word_of_mouth.retell_tells.poisson` = 1.9e19",
            allowed,
        ],
    );
    exits(&["run", &file, "--out", out], 2, &["retell.toml:"]);
    assert!(!Path::new(out).exists(), "a refused command wrote files");
}

/// The staffing durations too (tolerance_hours, handle_minutes): finite,
/// and bounded so that sums over every complaint stay finite, whether from
/// the file, `--set`, a sweep or a sensitivity analysis.
#[test]
fn durations_beyond_their_bounds_are_refused_everywhere_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let hours = "at most 1000000 hours";
    exits(
        &[
            "run",
            &tiny(),
            "--set",
            "experience.tolerance_hours={exponential=1e300}",
            "--out",
            out,
        ],
        2,
        &["--set experience.tolerance_hours", hours],
    );
    exits(
        &[
            "sweep",
            &tiny(),
            "--set",
            "experience.tolerance_hours={fixed=2},{fixed=1e300}",
            "--out",
            out,
        ],
        2,
        &["--set experience.tolerance_hours", hours],
    );
    exits(
        &[
            "sensitivity",
            &tiny(),
            "--vary",
            "experience.tolerance_hours={fixed=2}:{fixed=1e300}",
            "--out",
            out,
        ],
        2,
        &["--vary experience.tolerance_hours", hours],
    );
    let desk =
        "policies.recover.staffing={agents=2,handle_minutes={lognormal={median=10,sigma=37}}}";
    exits(
        &["run", &tiny(), "--set", desk, "--out", out],
        2,
        &["--set policies.recover.staffing", "sigma", "from 0 to 10"],
    );
    let file = scenario(
        dir.path(),
        "desk.toml",
        "",
        "[policies.desk]\nhandling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { fixed = 1e300 } }",
    );
    exits(
        &["validate", &file],
        2,
        &[
            "desk.toml:",
            "`policies.desk.staffing.handle_minutes.fixed` = 1e300",
            "at most 60000000 minutes",
        ],
    );
    assert!(!Path::new(out).exists(), "a refused command wrote files");
}

#[test]
fn money_that_would_overflow_is_refused_everywhere_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let allowed = "an amount of money, a finite number from 0 to 1e12";
    exits(
        &[
            "run",
            &tiny(),
            "--set",
            "economics.margin=1e300",
            "--out",
            out,
        ],
        2,
        &["--set economics.margin=1e300", allowed],
    );
    exits(
        &[
            "sweep",
            &tiny(),
            "--set",
            "economics.margin=50,1e300",
            "--out",
            out,
        ],
        2,
        &["--set economics.margin=1e300", allowed],
    );
    let file = scenario(
        dir.path(),
        "rich.toml",
        "",
        "[policies.x]\nhandling = \"recover\"\ncompensation = 1e300",
    );
    exits(
        &["validate", &file],
        2,
        &["rich.toml:", "`policies.x.compensation`", allowed],
    );
    assert!(!Path::new(out).exists(), "a refused command wrote files");
}

#[test]
fn fewer_than_two_replications_and_replications_as_a_parameter_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    exits(
        &["run", &tiny(), "--replications", "1"],
        2,
        &["--replications", "2..=10000000"],
    );
    exits(
        &["run", &tiny(), "--set", "replications=1"],
        2,
        &["--set replications=1", "from 2 to 10000000"],
    );
    let file = scenario(dir.path(), "one.toml", "", "");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("replications = 40", "replications = 1");
    fs::write(&file, text).unwrap();
    exits(
        &["validate", &file],
        2,
        &["one.toml:4:16: `replications` = 1"],
    );
    let says = "replications are not a model parameter";
    exits(
        &["sensitivity", &tiny(), "--vary", "replications=1:5"],
        2,
        &[says],
    );
    exits(&["sweep", &tiny(), "--set", "replications=2,5"], 2, &[says]);
    exits(
        &[
            "graph",
            "--nodes",
            "100",
            "--mean-degree",
            "4",
            "--clustering-sample",
            "0",
        ],
        2,
        &["--clustering-sample"],
    );
}

#[test]
fn control_characters_never_reach_the_terminal_or_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    for (set, key) in [
        (r#"name="a\u001b[31mred""#, "`name`"),
        (r#"period_label="mo\u0007nth""#, "`period_label`"),
        (r#"economics.currency="US\u0000D""#, "`economics.currency`"),
    ] {
        let stderr = exits(
            &["run", &tiny(), "--set", set, "--out", out],
            2,
            &[key, "without control characters"],
        );
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{stderr:?}"
        );
    }
    // An unknown key holding an escape is printed as an escape.
    let file = scenario(dir.path(), "esc.toml", "\"x\\u001b[2J\" = 1", "");
    let stderr = exits(&["validate", &file], 2, &["unknown key", "\\u{1b}[2J"]);
    assert!(!stderr.contains('\u{1b}'));
    assert!(!Path::new(out).exists());
}

#[test]
fn a_stem_that_is_not_a_plain_name_writes_inside_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("tiny.toml"), dir.path().join("..toml")).unwrap();
    wom()
        .current_dir(dir.path())
        .args([
            "run",
            "..toml",
            "--replications",
            "3",
            "--quiet",
            "--no-charts",
        ])
        .assert()
        .success();
    assert!(dir.path().join("output/scenario/summary.json").exists());
    assert!(!dir.path().join("output/summary.json").exists());
}

#[cfg(unix)]
#[test]
fn devices_and_other_non_files_are_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let not_regular = "is not a regular file";
    exits(&["validate", "/dev/zero"], 2, &["/dev/zero", not_regular]);
    exits(
        &["graph", "--graph", "/dev/zero"],
        2,
        &["/dev/zero", not_regular],
    );
    exits(
        &[
            "cascade",
            "--graph",
            "/dev/zero",
            "--p",
            "0.1",
            "--seeds",
            "1",
        ],
        2,
        &[not_regular],
    );
    let file = scenario(dir.path(), "net.toml", "", "");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace(
            "kind = \"watts_strogatz\"\nmean_degree = 6",
            "kind = \"file\"\npath = \"/dev/zero\"",
        )
        .replace("people = 800", "");
    fs::write(&file, text).unwrap();
    exits(&["run", &file], 2, &["/dev/zero", not_regular]);
    let run = dir.path().join("run");
    super::wom_into(
        "run",
        &fixture("tiny.toml"),
        &run,
        &["--replications", "3", "--no-charts"],
    );
    for f in ["replications.csv", "metadata.json"] {
        let path = run.join(f);
        let saved = fs::read(&path).unwrap();
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        exits(&["plot", run.to_str().unwrap()], 2, &[f, not_regular]);
        fs::remove_file(&path).unwrap();
        fs::write(&path, saved).unwrap();
    }
}

#[test]
fn errors_name_the_flag_or_the_line_and_the_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let file = scenario(dir.path(), "big.toml", "", "");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("people = 800", "people = 4294967296");
    fs::write(&file, text).unwrap();
    exits(
        &["validate", &file],
        2,
        &[
            "big.toml:8:10: `population.people` = 4294967296",
            "from 2 to 4294967295",
        ],
    );
    // A bad value from --set is blamed on --set, not on the file.
    let stderr = exits(
        &["run", &tiny(), "--set", "experience.problem_rate=2"],
        2,
        &["error: --set experience.problem_rate=2: `experience.problem_rate` = 2"],
    );
    assert!(!stderr.contains("tiny.toml"), "{stderr}");
    // A conflict with a key the flag set is the flag's.
    exits(
        &[
            "run",
            &tiny(),
            "--set",
            "experience.base_churn=0.1",
            "--set",
            "outcomes.satisfied.stay=0.8",
        ],
        2,
        &["--set outcomes.satisfied.stay=0.8"],
    );
    // A value in the file, at its line, also at a sweep's point.
    let file = scenario(
        dir.path(),
        "rate.toml",
        "",
        "[experience]\nproblem_rate = 1.5",
    );
    exits(
        &["sweep", &file, "--set", "economics.margin=40,50"],
        2,
        &["rate.toml:22:16: `experience.problem_rate` = 1.5"],
    );
}

#[test]
fn a_trace_with_other_parameters_is_not_joined_to_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| super::wom_into("run", &fixture("tiny.toml"), dir.path(), extra);
    let trace = |extra: &[&str]| super::wom_into("trace", &fixture("tiny.toml"), dir.path(), extra);
    let has_story = || {
        fs::read_to_string(dir.path().join("report.html"))
            .unwrap()
            .contains("One story, traced")
    };
    run(&["--replications", "3"]);
    trace(&["--set", "economics.margin=60"]);
    assert!(!has_story(), "a trace of another margin joined the run");
    wom().arg("plot").arg(dir.path()).assert().success();
    assert!(!has_story());
    trace(&[]);
    assert!(has_story());
}

#[test]
fn trace_files_with_absurd_hops_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    super::wom_into(
        "run",
        &fixture("tiny.toml"),
        dir.path(),
        &["--replications", "3"],
    );
    super::wom_into("trace", &fixture("tiny.toml"), dir.path(), &[]);
    let path = dir.path().join("trace.json");
    let mut trace: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    trace["policies"][0]["story"][0]["hop"] = 4294967295u32.into();
    fs::write(&path, trace.to_string()).unwrap();
    let began = std::time::Instant::now();
    exits(
        &["plot", dir.path().to_str().unwrap()],
        2,
        &[
            "trace.json",
            "hop is 4294967295; allowed: 1 to max_hops = 3",
        ],
    );
    assert!(began.elapsed().as_secs() < 10);
}

#[test]
fn result_files_cut_short_are_bad_input_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    super::wom_into(
        "run",
        &fixture("tiny.toml"),
        dir.path(),
        &["--replications", "3", "--no-charts"],
    );
    for (file, keep) in [
        ("replications.csv", 700),
        ("periods.csv", 500),
        ("summary.json", 300),
    ] {
        let path = dir.path().join(file);
        let saved = fs::read(&path).unwrap();
        fs::write(&path, &saved[..keep]).unwrap();
        exits(&["plot", dir.path().to_str().unwrap()], 2, &[file, "line"]);
        fs::write(&path, saved).unwrap();
    }
}
