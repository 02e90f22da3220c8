//! `wom staffing`: Erlang C sizing on the command line, checked against a
//! published worked example and closed forms; unstable desks and bad flags
//! refused with exit 2.

use super::wom;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = wom()
        .arg("staffing")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

const KEYS: [&str; 6] = [
    "agents",
    "load_erlangs",
    "p_wait",
    "service_level",
    "asa_minutes",
    "occupancy",
];

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// The worked example of Call Centre Helper, "Erlang C Formula – Made
/// Simple With an Easy Worked Example" (callcentrehelper.com, article
/// 121281): 100 calls in 30 minutes, an average handling time of 180
/// seconds, a target of 80% answered within 20 seconds. Published answer:
/// 14 agents, with a service level of 88.8%, an occupancy of 71.4% and a
/// probability of waiting of 17.4% (to full precision, as pyworkforce
/// reproduces it: 0.8883500191794669, 0.7142857142857143,
/// 0.1741319335950498). 20 seconds is 1/3 minute, given to 10 digits, which
/// moves the service level by about 1e-10; the tolerance 1e-6 leaves room
/// for that and catches any formula error.
#[test]
fn the_published_worked_example_needs_14_agents() {
    let rows = json(&[
        "--arrivals-per-hour",
        "200",
        "--handle-minutes",
        "3",
        "--within-minutes",
        "0.3333333333",
        "--target-service-level",
        "0.8",
    ]);
    let rows = rows.as_array().expect("a list without --agents");
    assert!(rows.iter().all(|r| keys(r) == KEYS), "{rows:?}");
    // From the smallest desk that keeps up (A = 10 Erlangs: 11 agents)...
    assert_eq!(rows[0]["agents"], 11);
    assert_eq!(rows[0]["load_erlangs"], 10.0);
    // ...until 99.9% are answered within 20 s, one agent at a time.
    let last = rows.last().unwrap();
    assert!(last["service_level"].as_f64().unwrap() >= 0.999);
    assert!(rows[rows.len() - 2]["service_level"].as_f64().unwrap() < 0.999);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["agents"].as_u64().unwrap(), 11 + i as u64);
    }
    let best = rows
        .iter()
        .find(|r| r["service_level"].as_f64().unwrap() >= 0.8)
        .unwrap();
    assert_eq!(best["agents"], 14);
    let near = |key: &str, want: f64| {
        let got = best[key].as_f64().unwrap();
        assert!((got - want).abs() < 1e-6, "{key}: {got} vs {want}");
    };
    near("service_level", 0.888_350_019_179_466_9);
    near("occupancy", 0.714_285_714_285_714_3);
    near("p_wait", 0.174_131_933_595_049_8);
    // ASA = C·AHT/(c − A) = 0.17413 × 3 min / 4.
    near("asa_minutes", 0.174_131_933_595_049_8 * 3.0 / 4.0);
}

/// M/M/1 at half load, by hand: half the complaints wait, on average one
/// handling time (30 minutes); within 30 minutes 1 − ½·e^{−½}.
#[test]
fn one_agent_at_half_load_matches_the_closed_form() {
    let v = json(&[
        "--arrivals-per-hour",
        "1",
        "--handle-minutes",
        "30",
        "--agents",
        "1",
        "--within-minutes",
        "30",
    ]);
    assert_eq!(keys(&v), KEYS, "one object with --agents");
    assert_eq!(v["agents"], 1);
    assert!((v["p_wait"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    assert!((v["asa_minutes"].as_f64().unwrap() - 30.0).abs() < 1e-9);
    assert!((v["occupancy"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    let sl = 1.0 - 0.5 * (-0.5f64).exp();
    assert!((v["service_level"].as_f64().unwrap() - sl).abs() < 1e-12);
}

#[test]
fn the_table_marks_the_smallest_desk_meeting_the_target() {
    let out = wom()
        .args([
            "staffing",
            "--arrivals-per-hour",
            "6",
            "--handle-minutes",
            "15",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Load: 1.50 Erlangs"), "{text}");
    assert_eq!(text.matches('←').count(), 1, "{text}");
    // 1.5 Erlangs, 80% within an hour: 2 agents answer 91.3%.
    let marked = text.lines().find(|l| l.contains('←')).unwrap();
    assert!(marked.trim_start().starts_with("2 "), "{marked}");
    assert!(marked.contains("91.3%"), "{marked}");
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
}

#[test]
fn an_unstable_desk_and_bad_flags_exit_2() {
    let out = wom()
        .args([
            "staffing",
            "--arrivals-per-hour",
            "6",
            "--handle-minutes",
            "20",
            "--agents",
            "2",
        ])
        .args(["--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing printed, no NaN");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--agents 2") && err.contains("at least 3 agents"),
        "{err}"
    );
    for args in [
        &["--arrivals-per-hour", "-1", "--handle-minutes", "5"][..],
        &["--arrivals-per-hour", "0", "--handle-minutes", "5"],
        &["--arrivals-per-hour", "nan", "--handle-minutes", "5"],
        &["--arrivals-per-hour", "3", "--handle-minutes", "inf"],
        &[
            "--arrivals-per-hour",
            "3",
            "--handle-minutes",
            "5",
            "--agents",
            "0",
        ],
        &[
            "--arrivals-per-hour",
            "3",
            "--handle-minutes",
            "5",
            "--target-service-level",
            "1",
        ],
        &[
            "--arrivals-per-hour",
            "3",
            "--handle-minutes",
            "5",
            "--within-minutes",
            "-2",
        ],
        &["--handle-minutes", "5"],
    ] {
        let out = wom().arg("staffing").args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("--"), "{args:?}: the flag is named: {err}");
    }
}

/// Desk mistakes in a scenario: (a third policy, the key named, what is
/// allowed). Each is refused with exit 2 before any work (no output
/// directory appears), naming the file, the key and what is allowed.
const DESK_CASES: [(&str, &str, &str); 8] = [
    (
        "handling = \"recover\"\nstaffing = { agents = 0, handle_minutes = { fixed = 10 } }",
        "policies.desk.staffing.agents",
        "from 1 to",
    ),
    (
        "handling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { exponential = -3 } }",
        "policies.desk.staffing.handle_minutes.exponential",
        ">= 0",
    ),
    (
        "handling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { fixed = nan } }",
        "policies.desk.staffing.handle_minutes.fixed",
        ">= 0",
    ),
    (
        "handling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { fixed = 9 }, hours_per_day = 25 }",
        "policies.desk.staffing.hours_per_day",
        "at most 24",
    ),
    (
        "handling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { fixed = 9 }, days_per_week = 0 }",
        "policies.desk.staffing.days_per_week",
        "from 1 to 7",
    ),
    (
        "handling = \"recover\"\nstaffing = { agents = 2, handle_minutes = { fixed = 9 }, days_per_week = 8 }",
        "policies.desk.staffing.days_per_week",
        "from 1 to 7",
    ),
    (
        "handling = \"recover\"\nresponse_hours = 4\nstaffing = { agents = 2, handle_minutes = { fixed = 9 } }",
        "policies.desk.response_hours",
        "not both",
    ),
    (
        "handling = \"ignore\"\nstaffing = { agents = 2, handle_minutes = { fixed = 9 } }",
        "policies.desk.staffing",
        "handling = \"recover\"",
    ),
];

#[test]
fn desk_mistakes_exit_2_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (policy, key, allowed)) in DESK_CASES.iter().enumerate() {
        let path = dir.path().join(format!("desk{i}.toml"));
        let text = format!(
            "[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\n\
             [policies.desk]\n{policy}\n"
        );
        std::fs::write(&path, text).unwrap();
        let out_dir = dir.path().join(format!("out{i}"));
        for command in ["run", "validate"] {
            let mut cmd = wom();
            cmd.arg(command).arg(&path);
            if command == "run" {
                cmd.arg("--out").arg(&out_dir);
            }
            let out = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {policy:?}: {stderr}");
            for needle in [&format!("desk{i}.toml"), *key, *allowed] {
                assert!(
                    stderr.contains(needle),
                    "{command} {policy:?}: {stderr:?} lacks {needle:?}"
                );
            }
        }
        assert!(!out_dir.exists(), "{policy:?}: work started");
    }
}

/// A staffed run end to end: the desk's metrics and the staff cause in
/// summary.json, the response-time chart, and `wom plot` redrawing it.
#[test]
fn a_staffed_run_reports_its_desk_and_draws_its_response_times() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.toml");
    std::fs::write(
        &path,
        "replications = 6\n[population]\npeople = 2000\n\
         [experience]\ntolerance_hours = { empirical = { values = [0.5, 24], weights = [1, 1] } }\n\
         [policies.ignore]\nhandling = \"ignore\"\n\
         [policies.desk]\nhandling = \"recover\"\n\
         staffing = { agents = 1, handle_minutes = { fixed = 30 }, agent_cost = 100 }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    super::wom_into("run", &path, &out, &[]);
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let desk = &summary["policies"]["desk"];
    for key in [
        "response_hours_mean",
        "response_hours_p95",
        "answered_within_tolerance",
        "utilisation",
        "backlog_final",
        "staff_cost",
        "pv_staff_cost",
    ] {
        assert!(desk[key]["mean"].is_number(), "{key}");
    }
    assert_eq!(
        desk["staff_cost"]["mean"], 1200.0,
        "12 months × 1 agent × 100"
    );
    assert!(summary["comparisons"][0]["by_cause"]["staff"]["mean"].is_number());
    let times = &summary["response_times"];
    assert!(times["policies"]["desk"]["complaints"].as_u64().unwrap() > 0);
    assert!(
        times["policies"].get("ignore").is_none(),
        "ignore answers nobody"
    );
    let chart = out.join("charts/response_times.png");
    let drawn = std::fs::read(&chart).unwrap();
    let replications = std::fs::read(out.join("replications.csv")).unwrap();
    let header = String::from_utf8_lossy(&replications);
    assert!(
        header
            .lines()
            .next()
            .unwrap()
            .ends_with("utilisation,backlog_final,staff_cost,pv_staff_cost")
    );
    std::fs::remove_file(&chart).unwrap();
    wom()
        .arg("plot")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&chart).unwrap(),
        drawn,
        "wom plot redraws the same chart"
    );
}

/// A staffed run split into shards and merged is byte for byte the
/// unsharded run, response times and their chart included: the shards
/// carry each replication's response-time counts (shard-responses.csv).
#[test]
fn a_staffed_run_merged_from_shards_is_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("desk.toml");
    std::fs::write(
        &path,
        "replications = 7\n[population]\npeople = 1500\n\
         [experience]\nproblem_rate = 0.2\ntolerance_hours = { lognormal = { median = 2, sigma = 1.5 } }\n\
         [policies.ignore]\nhandling = \"ignore\"\n\
         [policies.desk]\nhandling = \"recover\"\n\
         staffing = { agents = 1, handle_minutes = { exponential = 60 }, agent_cost = 100 }\n",
    )
    .unwrap();
    let one = tmp.path().join("one");
    super::wom_into("run", &path, &one, &["--threads", "2"]);
    let dirs: Vec<std::path::PathBuf> = (0..3)
        .map(|k| {
            let dir = tmp.path().join(format!("shard-{k}"));
            super::wom_into("run", &path, &dir, &["--shard", &format!("{k}/3")]);
            assert!(dir.join("shard-responses.csv").exists());
            dir
        })
        .collect();
    let merged = tmp.path().join("merged");
    super::shards::merge(&dirs, &merged).success();
    super::shards::assert_same_files(&one, &merged);
    assert!(merged.join("charts/response_times.png").exists());
}
