//! The server as an attack surface: no files, bounded requests, a gate in
//! front of the simulations, a time limit that really cancels, and no input
//! that stops it from serving.

use super::*;
use serde_json::json;
use std::io::{Read, Write};
use std::time::Instant;

/// Waits until no simulation is running, or panics after `within`.
fn wait_idle(server: &Server, within: Duration) {
    let start = Instant::now();
    loop {
        let health = get(server, "api/health").json;
        if health["running"] == 0 && health["waiting"] == 0 {
            return;
        }
        assert!(start.elapsed() < within, "still busy: {health}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn no_request_names_a_file() {
    let server = Server::start(&["--replications", "4"]);
    for set in [
        json!({ "network.path": "/etc/passwd" }),
        json!({ "network.kind": "file" }),
        json!({ "network.format": "edgelist" }),
        json!({ "network": { "kind": "file", "path": "/etc/passwd" } }),
    ] {
        let a = post_run(&server, &json!({ "set": set }));
        assert_eq!(a.status, 400, "{set}");
        assert!(
            a.json["error"].as_str().unwrap().contains("files"),
            "{}",
            a.json
        );
    }
    // Unknown fields, such as an output directory, are refused.
    let a = post_run(&server, &json!({ "out": "/tmp/x", "set": {} }));
    assert_eq!(a.status, 400);
    assert!(server.wrote_nothing());
}

#[test]
fn requests_are_bounded() {
    let server = Server::start(&[
        "--replications",
        "4",
        "--max-replications",
        "50",
        "--max-people",
        "20000",
    ]);
    let status = |body: Value| post_run(&server, &body).status;
    assert_eq!(status(json!({ "replications": 0 })), 400);
    assert_eq!(status(json!({ "replications": 51 })), 400);
    assert_eq!(status(json!({ "set": { "replications": 51 } })), 400);
    assert_eq!(status(json!({ "replications": 50 })), 200);
    let people = post_run(&server, &json!({ "set": { "population.people": 20001 } }));
    assert_eq!(people.status, 400);
    assert!(
        people.json["error"]
            .as_str()
            .unwrap()
            .contains("--max-people")
    );
    assert_eq!(status(json!({ "set": { "periods": 5000 } })), 400);
    let dense = json!({ "set": { "population.people": 20000, "network.mean_degree": 19998 } });
    assert_eq!(status(dense), 400, "a network too large for one request");
    // Body size, content type, shape.
    let big = format!(r#"{{"set": {{"description": "{}"}}}}"#, "x".repeat(100_000));
    assert_eq!(post_raw(&server, "application/json", &big).status, 413);
    assert_eq!(post_raw(&server, "text/plain", "{}").status, 415);
    assert_eq!(post_raw(&server, "application/json", "{").status, 400);
    assert_eq!(get(&server, "api/run").status, 405);
    assert_eq!(get(&server, "nothing/here").status, 404);
}

#[test]
fn foreign_host_names_are_refused() {
    let server = Server::start(&["--replications", "4"]);
    let addr = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 403"), "{text}");
    assert_eq!(get(&server, "api/health").status, 200);
}

#[test]
fn the_time_limit_cancels_the_simulation() {
    let server = Server::start(&[
        "--replications",
        "4",
        "--max-replications",
        "10000000",
        "--max-running",
        "1",
        "--time-limit",
        "0.5",
    ]);
    // Fifty thousand replications take minutes (and their results fit the
    // per-run memory limit, app::budget).
    let start = Instant::now();
    let a = post_run(&server, &json!({ "replications": 50_000 }));
    assert_eq!(a.status, 504, "{}", a.json);
    assert!(start.elapsed() < Duration::from_secs(5));
    // The simulation stopped: its slot is free soon after, and the next
    // request is served.
    wait_idle(&server, Duration::from_secs(3));
    assert_eq!(post_run(&server, &json!({})).status, 200);
}

#[test]
fn a_client_that_goes_away_cancels_its_simulation() {
    let server = Server::start(&["--max-replications", "10000000"]);
    let impatient = client(Duration::from_millis(300));
    let sent = impatient
        .post(server.at("api/run"))
        .header("Content-Type", "application/json")
        .send(json!({ "replications": 50_000 }).to_string());
    assert!(sent.is_err(), "the client gave up first");
    wait_idle(&server, Duration::from_secs(3));
}

#[test]
fn a_hundred_requests_at_once_leave_the_server_serving() {
    let mut server = Server::start(&[
        "--replications",
        "4",
        "--max-running",
        "1",
        "--max-queued",
        "4",
    ]);
    let answers: Vec<(u16, Option<String>, bool)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..100)
            .map(|i| {
                let server = &server;
                s.spawn(move || {
                    let body = if i % 10 == 9 {
                        json!({ "set": { "experience.problem_rate": -1 } })
                    } else {
                        json!({ "set": { "economics.margin": 40 + i } })
                    };
                    let a = post_run(server, &body);
                    (a.status, a.retry_after, a.json["policies"].is_object())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = answers.iter().filter(|a| a.0 == 200).count();
    assert!(ok >= 1, "{answers:?}");
    for (status, retry_after, has_policies) in &answers {
        match status {
            200 => assert!(has_policies),
            503 => assert_eq!(retry_after.as_deref(), Some("1")),
            400 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(
        answers.iter().any(|a| a.0 == 503),
        "the gate turned some away"
    );
    assert!(server.alive());
    wait_idle(&server, Duration::from_secs(10));
    let after = post_run(&server, &json!({ "set": { "economics.margin": 41 } }));
    assert_eq!(after.status, 200);
}

#[test]
fn odd_input_is_answered_and_the_server_goes_on() {
    let mut server = Server::start(&["--replications", "3"]);
    let bodies = [
        "null",
        "[]",
        "\"set\"",
        r#"{"set": []}"#,
        r#"{"set": {"": 1}}"#,
        r#"{"set": {".": 1}}"#,
        r#"{"set": {"a..b": 1}}"#,
        r#"{"set": {"periods": 0}}"#,
        r#"{"set": {"periods": -5}}"#,
        r#"{"set": {"population.people": 2}}"#,
        r#"{"set": {"population.initial_customers": 0}}"#,
        r#"{"set": {"population.initial_customers": 1e308}}"#,
        r#"{"set": {"economics.margin": 1e308}}"#,
        r#"{"set": {"economics.margin": "nan"}}"#,
        r#"{"set": {"economics.margin": "inf"}}"#,
        r#"{"set": {"economics": 5}}"#,
        r#"{"set": {"policies": {}}}"#,
        r#"{"set": {"policies.ignore": 3}}"#,
        r#"{"set": {"outcomes.silent.tells": {"fixed": 4294967296}}}"#,
        r#"{"set": {"outcomes.silent.tells": {"empirical": {"values": [], "weights": []}}}}"#,
        r#"{"set": {"word_of_mouth.max_hops": 1000000}}"#,
        r#"{"set": {"seed": -1}}"#,
        r#"{"set": {"ünïcødé.ключ": "値"}}"#,
        r#"{"replications": 1e3}"#,
        r#"{"replications": "10"}"#,
    ];
    for body in bodies {
        let a = post_raw(&server, "application/json", body);
        assert!(
            a.status == 200 || a.status == 400,
            "{body}: {} {}",
            a.status,
            a.json
        );
        if a.status == 400 {
            assert!(a.json["error"].is_string(), "{body}");
        }
    }
    assert!(server.alive());
    assert_eq!(post_run(&server, &json!({})).status, 200);
}

#[test]
fn help_says_what_binding_elsewhere_exposes() {
    let out = Command::new(wom_bin())
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for words in ["127.0.0.1", "--bind", "anyone who can reach", "no login"] {
        assert!(help.contains(words), "--help lacks {words:?}:\n{help}");
    }
}

#[test]
fn odd_desks_are_answered_and_the_server_goes_on() {
    let staffing = shipped("staffing.toml");
    let mut server = Server::start(&[
        staffing.to_str().unwrap(),
        "--replications",
        "2",
        "--time-limit",
        "30",
    ]);
    let desk = "policies.office_1.staffing";
    let refused = [
        json!({ format!("{desk}.agents"): 0 }),
        json!({ format!("{desk}.agents"): -1 }),
        json!({ format!("{desk}.agents"): 1_000_001 }),
        json!({ format!("{desk}.agents"): 4_294_967_296_u64 }),
        json!({ format!("{desk}.agents"): "2.5" }),
        json!({ format!("{desk}.hours_per_day"): 0 }),
        json!({ format!("{desk}.hours_per_day"): "24.5" }),
        json!({ format!("{desk}.hours_per_day"): "nan" }),
        json!({ format!("{desk}.days_per_week"): 0 }),
        json!({ format!("{desk}.days_per_week"): 8 }),
        json!({ format!("{desk}.handle_minutes"): { "fixed": -1 } }),
        json!({ format!("{desk}.handle_minutes"): { "empirical": { "values": [], "weights": [] } } }),
        json!({ format!("{desk}.agent_cost"): "inf" }),
        json!({ "policies.office_1.response_hours": 2 }),
        json!({ "policies.office_1.handling": "ignore" }),
        json!({ "experience.tolerance_hours": { "uniform": [5, 1] } }),
        json!({ desk: 3 }),
    ];
    for set in refused {
        let a = post_run(&server, &json!({ "set": set }));
        assert_eq!(a.status, 400, "{set}: {}", a.json);
        assert!(a.json["error"].is_string(), "{set}");
    }
    // Valid but extreme desks answer, within the time limit.
    let extreme = [
        json!({ format!("{desk}.agents"): 1_000_000 }),
        json!({ format!("{desk}.hours_per_day"): "0.0001" }),
        json!({ format!("{desk}.handle_minutes"): { "fixed": 1e12 } }),
        json!({ "policies.office_1.handoffs": 3, "policies.office_1.handoff_hours": 1e300 }),
        json!({ "experience.tolerance_hours": { "fixed": 1e300 } }),
        json!({ "experience.tolerance_hours": { "fixed": 0 } }),
    ];
    for set in extreme {
        let a = post_run(&server, &json!({ "set": set }));
        assert!(
            a.status == 200 || a.status == 400,
            "{set}: {} {}",
            a.status,
            a.json
        );
    }
    assert!(server.alive());
    assert_eq!(post_run(&server, &json!({})).status, 200);
}
