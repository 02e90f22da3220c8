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
