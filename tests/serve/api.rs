//! The API gives what `wom run` gives: the same policies and comparisons
//! for the same settings, the same messages for bad input, and a scenario
//! file that reproduces the result.

use super::*;
use serde_json::json;

/// `--set` arguments for `wom run` from `(key, value)` pairs.
fn sets(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .flat_map(|(k, v)| ["--set".to_string(), format!("{k}={v}")])
        .collect()
}

#[test]
fn run_equals_wom_run_with_the_same_settings() {
    // The pinned copy of default.toml, without [uncertainty]: the page's
    // replications then are plain replications (see uncertainty.rs for
    // the page of a scenario with uncertainty).
    let pinned = shipped("../tests/fixtures/pinned/scenarios/default.toml");
    let server = Server::start(&[pinned.to_str().unwrap(), "--replications", "12"]);
    let dir = tempfile::tempdir().unwrap();
    // As given: the page's count of replications.
    let as_given = post_run(&server, &json!({}));
    assert_eq!(as_given.status, 200, "{}", as_given.json);
    let cli = wom_run(
        &shipped("../tests/fixtures/pinned/scenarios/default.toml"),
        &["--replications".into(), "12".into()],
        &dir.path().join("a"),
    );
    assert_same_result(&as_given.json, &cli);
    assert_eq!(as_given.json["cached"], false);
    // The same request again is answered from the last answers, unchanged.
    let again = post_run(&server, &json!({}));
    assert_eq!(again.json["cached"], true);
    assert_same_result(&again.json, &cli);
    // With overrides of every kind: a float, a literal string, an integer.
    let body = json!({
        "set": {
            "experience.complaint_rate": 0.4,
            "policies.recover_60min.response_hours": "30",
            "population.initial_customers": 700,
        },
        "replications": 9,
    });
    let changed = post_run(&server, &body);
    assert_eq!(changed.status, 200, "{}", changed.json);
    let mut args = sets(&[
        ("experience.complaint_rate", "0.4"),
        ("policies.recover_60min.response_hours", "30"),
        ("population.initial_customers", "700"),
    ]);
    args.extend(["--replications".into(), "9".into()]);
    let cli = wom_run(
        &shipped("../tests/fixtures/pinned/scenarios/default.toml"),
        &args,
        &dir.path().join("b"),
    );
    assert_same_result(&changed.json, &cli);
    assert_ne!(changed.json["policies"], as_given.json["policies"]);
    // What the page shows is there too.
    let view = &changed.json["view"];
    assert_eq!(view["comparisons"][0]["headline"], cli["headlines"][0]);
    assert_eq!(view["table"]["columns"], json!(["ignore", "recover_60min"]));
    let charts: Vec<&str> = changed.json["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(charts.starts_with(&["value_lost_by_cause", "customers_over_time"]));
    assert!(
        !charts.contains(&"response_times"),
        "no response times without a desk or patience: {charts:?}"
    );
    for c in changed.json["charts"].as_array().unwrap() {
        assert!(c["svg"].as_str().unwrap().starts_with("<svg"));
    }
    let report = changed.json["report_html"].as_str().unwrap();
    assert!(report.contains("<html") && report.contains("<svg"));
    // The downloaded scenario reproduces the result with plain `wom run`.
    let file = dir.path().join("what-if.toml");
    std::fs::write(&file, changed.json["scenario_toml"].as_str().unwrap()).unwrap();
    let again = wom_run(&file, &[], &dir.path().join("c"));
    assert_same_result(&changed.json, &again);
    assert_eq!(again["scenario"], "default");
    // No request wrote anything, not even a temporary file: the charts and
    // report were drawn in memory.
    assert!(server.wrote_nothing());
}

#[test]
fn a_scenario_file_is_served_as_wom_run_reads_it() {
    let tiny = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.toml");
    let server = Server::start(&[tiny.to_str().unwrap(), "--replications", "8"]);
    let dir = tempfile::tempdir().unwrap();
    let body = json!({ "set": { "policies.recover.compensation": "7.5" } });
    let api = post_run(&server, &body);
    assert_eq!(api.status, 200, "{}", api.json);
    let mut args = sets(&[("policies.recover.compensation", "7.5")]);
    args.extend(["--replications".into(), "8".into()]);
    assert_same_result(&api.json, &wom_run(&tiny, &args, dir.path()));
    // GET /api/scenario is the scenario wom run resolves (metadata.json).
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("metadata.json")).unwrap())
            .unwrap();
    let mut resolved = get(&server, "api/scenario").json;
    let mut expected = meta["scenario"].clone();
    expected["policies"]["recover"]["compensation"] = json!(2.0);
    resolved["replications"] = json!(0);
    expected["replications"] = json!(0);
    assert_eq!(resolved, expected);
}

/// Every knob of a server at the value it shows, as the page sends it:
/// integers as JSON integers, floats as TOML literals.
fn every_knob_as_shown(knobs: &[Value]) -> serde_json::Map<String, Value> {
    knobs
        .iter()
        .map(|k| {
            let v = k["value"].as_f64().unwrap();
            let wire = if k["integer"] == true {
                json!(v as i64)
            } else {
                json!(format!("{v:?}"))
            };
            (k["key"].as_str().unwrap().to_string(), wire)
        })
        .collect()
}

/// Checks that every knob has a source and its value within its range,
/// and that sending every knob at its shown value changes nothing.
fn knobs_as_shown_change_nothing(server: &Server) -> Vec<String> {
    let knobs = get(server, "api/knobs").json;
    let knobs = knobs["knobs"].as_array().unwrap().clone();
    for k in &knobs {
        assert!(!k["source"].as_str().unwrap().is_empty(), "{k}");
        let (min, max, value) = (k["min"].as_f64(), k["max"].as_f64(), k["value"].as_f64());
        assert!(min <= value && value <= max, "{k}");
    }
    let plain = post_run(server, &json!({}));
    // A knob on a key of [uncertainty] states its value when sent (the key
    // is then no longer drawn): every other knob at its shown value
    // changes nothing, and each uncertain one leaves the draws.
    let uncertain: Vec<String> = plain.json["uncertainty"]["keys"]
        .as_array()
        .map(|keys| {
            keys.iter()
                .map(|k| k["key"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let (drawn, stated): (Vec<Value>, Vec<Value>) = knobs
        .iter()
        .cloned()
        .partition(|k| uncertain.iter().any(|u| u == k["key"].as_str().unwrap()));
    let same = post_run(server, &json!({ "set": every_knob_as_shown(&stated) }));
    assert_eq!((plain.status, same.status), (200, 200), "{}", same.json);
    assert_eq!(plain.json["policies"], same.json["policies"]);
    assert_eq!(plain.json["comparisons"], same.json["comparisons"]);
    for k in &drawn {
        let one = post_run(
            server,
            &json!({ "set": every_knob_as_shown(std::slice::from_ref(k)) }),
        );
        assert_eq!(one.status, 200, "{}", one.json);
        let keys = one.json["uncertainty"]["keys"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            keys.iter().all(|u| u["key"] != k["key"]),
            "{} is stated, not drawn: {keys:?}",
            k["key"]
        );
    }
    knobs
        .iter()
        .map(|k| k["key"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_knob_at_its_shown_value_changes_nothing() {
    let server = Server::start(&["--replications", "6"]);
    let keys = knobs_as_shown_change_nothing(&server);
    for key in [
        "population.initial_customers",
        "economics.margin",
        "experience.problem_rate",
        "experience.complaint_rate",
        "policies.recover_60min.response_hours",
        "policies.recover_60min.resolve_rate",
        "policies.recover_60min.compensation",
    ] {
        assert!(keys.contains(&key.to_string()), "no knob {key} in {keys:?}");
    }
}

#[test]
fn every_shipped_scenario_s_knobs_at_their_shown_values_change_nothing() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    for file in files {
        let server = Server::start(&[file.to_str().unwrap(), "--replications", "2"]);
        let keys = knobs_as_shown_change_nothing(&server);
        assert!(keys.len() >= 5, "{}: {keys:?}", file.display());
    }
}

#[test]
fn segments_and_partings_have_knobs_that_run_as_wom_run_does() {
    let chronic = shipped("chronic_complainers.toml");
    // 8: two of [uncertainty]'s draws of 4, as wom run needs them.
    let server = Server::start(&[chronic.to_str().unwrap(), "--replications", "8"]);
    let keys = knobs_as_shown_change_nothing(&server);
    for key in [
        "segments.chronic.share",
        "policies.part_gracefully.part_with.after_complaints",
        "policies.part_gracefully.part_with.refund",
        "policies.part_abruptly.part_with.after_complaints",
    ] {
        assert!(keys.contains(&key.to_string()), "no knob {key} in {keys:?}");
    }
    let body = json!({
        "set": {
            "segments.chronic.share": "0.1",
            "policies.part_gracefully.part_with.after_complaints": 3,
            "policies.part_gracefully.part_with.refund": "25.0",
        },
    });
    let api = post_run(&server, &body);
    assert_eq!(api.status, 200, "{}", api.json);
    let mut args = sets(&[
        ("segments.chronic.share", "0.1"),
        ("policies.part_gracefully.part_with.after_complaints", "3"),
        ("policies.part_gracefully.part_with.refund", "25.0"),
    ]);
    args.extend(["--replications".into(), "8".into()]);
    let dir = tempfile::tempdir().unwrap();
    assert_same_result(&api.json, &wom_run(&chronic, &args, dir.path()));
    // The page reads a parting's headline as a gain by the parting policy,
    // against the policy that keeps them.
    let parting = &api.json["view"]["comparisons"][0];
    assert!(
        parting["subject"]
            .as_str()
            .unwrap()
            .starts_with("Parting gracefully")
    );
    assert_eq!(parting["versus"], "keep");
}

#[test]
fn staffed_desks_have_agents_and_office_hours_that_run_as_wom_run_does() {
    // The desk's knobs on the shop as it was before its [uncertainty]: at 4
    // replications the drawn worlds would hide the gain checked below.
    let staffing = shipped("../tests/fixtures/pinned/scenarios/staffing.toml");
    let server = Server::start(&[staffing.to_str().unwrap(), "--replications", "4"]);
    let keys = knobs_as_shown_change_nothing(&server);
    for policy in ["office_1", "staffed", "office_3", "around_the_clock"] {
        for field in [
            "staffing.agents",
            "staffing.hours_per_day",
            "staffing.days_per_week",
        ] {
            let key = format!("policies.{policy}.{field}");
            assert!(keys.contains(&key), "no knob {key} in {keys:?}");
        }
        let fixed = format!("policies.{policy}.response_hours");
        assert!(!keys.contains(&fixed), "{fixed}: the desk answers");
    }
    let moved = [
        ("policies.staffed.staffing.agents", json!(3), "3"),
        (
            "policies.office_1.staffing.hours_per_day",
            json!("10.5"),
            "10.5",
        ),
        ("policies.office_1.staffing.days_per_week", json!(6), "6"),
    ];
    let set: serde_json::Map<String, Value> = moved
        .iter()
        .map(|(k, v, _)| (k.to_string(), v.clone()))
        .collect();
    let api = post_run(&server, &json!({ "set": set }));
    assert_eq!(api.status, 200, "{}", api.json);
    let pairs: Vec<(&str, &str)> = moved.iter().map(|(k, _, v)| (*k, *v)).collect();
    let mut args = sets(&pairs);
    args.extend(["--replications".into(), "4".into()]);
    let dir = tempfile::tempdir().unwrap();
    let cli = wom_run(&staffing, &args, &dir.path().join("moved"));
    assert_same_result(&api.json, &cli);
    // The downloaded scenario, its desks written out, reproduces it.
    let file = dir.path().join("what-if.toml");
    std::fs::write(&file, api.json["scenario_toml"].as_str().unwrap()).unwrap();
    assert_same_result(&api.json, &wom_run(&file, &[], &dir.path().join("saved")));
    let plain = post_run(&server, &json!({}));
    assert_ne!(api.json["policies"], plain.json["policies"]);
    // Each comparison states an amount with the interval of that same
    // amount: one office agent gains against three or around the clock
    // (a negative difference), and its interval, like every interval that
    // excludes zero, reads as positive amounts.
    let views = plain.json["view"]["comparisons"].as_array().unwrap();
    let stats = plain.json["comparisons"].as_array().unwrap();
    let mut gains = 0;
    for (view, stat) in views.iter().zip(stats) {
        let ci = &stat["npv_difference"]["ci95"];
        let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
        if lo > 0.0 || hi < 0.0 {
            let interval = view["interval"].as_str().unwrap();
            assert!(!interval.contains('−'), "{view}");
            gains += usize::from(hi < 0.0);
        }
    }
    assert!(gains >= 1, "{views:?}");
    // The page draws the report's response-time chart, and its table
    // gives response times in hours and the agents' busy share in percent.
    let charts = api.json["charts"].as_array().unwrap();
    let response = charts.iter().find(|c| c["name"] == "response_times");
    let svg = response.expect("a response-time chart")["svg"].as_str();
    assert!(svg.unwrap().starts_with("<svg"));
    let rows = api.json["view"]["table"]["rows"].as_array().unwrap();
    let row = |label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row {label} in {rows:?}"))[1]
            .clone()
    };
    let median = row("response time, median");
    let text = median[0][0].as_str().unwrap();
    assert!(
        [" s", " min", " h", " days"]
            .iter()
            .any(|u| text.ends_with(u)),
        "{median}"
    );
    let busy = row("agents busy (share of open hours)");
    assert!(busy[0][0].as_str().unwrap().ends_with('%'), "{busy}");
    // Unless told, the page runs fewer replications of this larger
    // scenario: 24,000 people × 4 policies is 4.8 times the default's work.
    let page = Server::start(&[staffing.to_str().unwrap()]);
    assert_eq!(get(&page, "api/knobs").json["replications"], json!(40));
}

#[test]
fn bad_settings_get_the_message_of_the_command_line() {
    let server = Server::start(&["--replications", "4"]);
    let default = Path::new("scenarios/default.toml");
    for (key, json_value, cli_value) in [
        ("experience.complaint_rate", json!(1.5), "1.5"),
        ("experience.complain_rate", json!(0.1), "0.1"),
        (
            "policies.recover_60min.handling",
            json!("explode"),
            "explode",
        ),
        ("population.people", json!(1), "1"),
        ("economics.margin.per_month", json!(3), "3"),
        ("network.kind", json!("lattice"), "lattice"),
    ] {
        let api = post_run(&server, &json!({ "set": { key: json_value } }));
        assert_eq!(api.status, 400, "{key}: {}", api.json);
        let cli = wom_run_error(default, &sets(&[(key, cli_value)]));
        assert_eq!(api.json["error"], cli, "{key}");
    }
}

#[test]
fn a_file_network_is_read_once_at_start_and_never_named_by_a_request() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/file_network.toml");
    let server = Server::start(&[fixture.to_str().unwrap(), "--replications", "5"]);
    let dir = tempfile::tempdir().unwrap();
    let body = json!({ "set": { "experience.problem_rate": 0.3 } });
    let api = post_run(&server, &body);
    assert_eq!(api.status, 200, "{}", api.json);
    let mut args = sets(&[("experience.problem_rate", "0.3")]);
    args.extend(["--replications".into(), "5".into()]);
    assert_same_result(&api.json, &wom_run(&fixture, &args, dir.path()));
    // The downloaded scenario names the network file so that it runs from
    // any directory.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let file = elsewhere.join("what-if.toml");
    std::fs::write(&file, api.json["scenario_toml"].as_str().unwrap()).unwrap();
    let again = wom_run(&file, &[], &elsewhere.join("out"));
    assert_same_result(&api.json, &again);
    let other = json!({ "set": { "network.path": "other.txt" } });
    assert_eq!(post_run(&server, &other).status, 400);
}

/// A scenario whose files list the customers and each person's segment
/// offers no knob that would replace those lists (a count of customers,
/// a segment's share), and runs as `wom run` does.
#[test]
fn listed_customers_and_segments_get_no_knob_that_replaces_them() {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/named_segments.toml");
    let server = Server::start(&[fixture.to_str().unwrap(), "--replications", "4"]);
    let knobs = get(&server, "api/knobs").json;
    let keys: Vec<&str> = knobs["knobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"experience.problem_rate"), "{keys:?}");
    assert!(
        !keys
            .iter()
            .any(|k| *k == "population.initial_customers" || k.ends_with(".share")),
        "{keys:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let api = post_run(&server, &json!({}));
    assert_eq!(api.status, 200, "{}", api.json);
    let args = vec!["--replications".to_string(), "4".to_string()];
    assert_same_result(&api.json, &wom_run(&fixture, &args, dir.path()));
}
