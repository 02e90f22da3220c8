//! The server cannot be held: stalled and half-sent requests are timed
//! out and bounded in number while `/api/health` keeps answering, a
//! cancelled run gives up its slot within a period, and SIGINT or SIGTERM
//! stops the server within seconds even while it simulates. Every test
//! runs on loopback only, with a bounded count of connections and a
//! bounded time, and stops its server itself.

use super::*;
use serde_json::json;
use std::io::Write;
use std::net::TcpStream;
use std::time::Instant;

/// The `host:port` of the server.
fn addr(server: &Server) -> String {
    server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned()
}

#[test]
fn stalled_and_half_sent_requests_do_not_keep_health_out() {
    let server = Server::start(&[]);
    let to = addr(&server);
    // 1,100 connections that never finish a request (what made health
    // unreachable): a third send nothing, a third half a header, a third
    // a header and half a body.
    let mut held = Vec::new();
    for i in 0..1100 {
        let Ok(mut s) = TcpStream::connect(&to) else {
            continue;
        };
        let partial: &[u8] = match i % 3 {
            0 => b"",
            1 => b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
            _ => b"POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"set\": ",
        };
        let _ = s.write_all(partial);
        held.push(s);
    }
    assert!(held.len() > 1000, "{} connections", held.len());
    // Health answers at once, every time, while they are held.
    let quick = client(Duration::from_secs(3));
    for _ in 0..20 {
        let start = Instant::now();
        let r = quick
            .get(server.at("api/health"))
            .call()
            .expect("health answers");
        assert_eq!(r.status(), 200);
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }
    drop(held);
}

#[test]
fn an_idle_connection_is_closed_by_the_server() {
    use std::io::Read;
    let server = Server::start(&["--time-limit", "2"]);
    let mut s = TcpStream::connect(addr(&server)).unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // Half a header: closed once the request deadline (the time limit and
    // a margin of 10 s) has passed: 12 s here.
    let start = Instant::now();
    let mut buf = [0u8; 64];
    let closed = matches!(s.read(&mut buf), Ok(0) | Err(_));
    assert!(
        closed && start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_cancelled_run_gives_up_its_slot_within_a_period() {
    let server = Server::start(&[
        "--max-people",
        "300000",
        "--max-running",
        "1",
        "--time-limit",
        "1",
    ]);
    // One replication of 1,200 periods of 300,000 people, every one a
    // customer who stays (no problems, no churn), so that every period has
    // 300,000 experiences and their stories: about 13 s a replication on
    // the engine of 2026-12 (with the default churn the customers die out
    // and the late periods cost next to nothing: the whole run took half
    // a second, inside the limit). Cancellation checked only between
    // replications held the slot until it finished.
    let body = json!({
        "set": {
            "population.people": 300000,
            "periods": 1200,
            "population.initial_customers": 1.0,
            "experience.base_churn": 0.0,
            "experience.problem_rate": 0.0,
        },
        "replications": 2,
    });
    assert_eq!(post_run(&server, &body).status, 504);
    let start = Instant::now();
    loop {
        let health = get(&server, "api/health").json;
        if health["running"] == 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still running: {health}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigint_and_sigterm_stop_the_server_while_it_simulates() {
    for signal in ["INT", "TERM"] {
        let mut server = Server::start(&["--max-replications", "10000000"]);
        let url = server.at("api/run");
        let busy = std::thread::spawn(move || {
            let _ = client(Duration::from_secs(20))
                .post(url)
                .header("Content-Type", "application/json")
                .send(json!({ "replications": 50_000 }).to_string());
        });
        std::thread::sleep(Duration::from_millis(500));
        let took = server.stop_with(signal, Duration::from_secs(5));
        assert!(took.is_some(), "SIG{signal}: still running after 5 s");
        busy.join().unwrap();
    }
}
