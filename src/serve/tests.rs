//! The server around a stand-in engine: a panic in a simulation is answered
//! 500 and the server goes on serving.

use super::engine::{CancelFlag, Engine, EngineError, Knob, RunOutput, Setting};
use super::gate::{Gate, Limits};
use super::router;
use super::state::AppState;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Panics when asked to set `panic`, else answers an empty result.
struct Panicky;

impl Engine for Panicky {
    fn scenario(&self) -> serde_json::Value {
        json!({ "name": "stand-in" })
    }

    fn knobs(&self) -> Vec<Knob> {
        Vec::new()
    }

    fn run(
        &self,
        set: &[Setting],
        _replications: u32,
        _cancel: &CancelFlag,
    ) -> Result<RunOutput, EngineError> {
        if set.iter().any(|s| s.key == "panic") {
            panic!("a broken invariant");
        }
        Ok(RunOutput {
            summary: json!({ "policies": {}, "comparisons": [], "headlines": [] }),
            view: Default::default(),
            charts: Vec::new(),
            report_html: String::new(),
            scenario_toml: String::new(),
        })
    }
}

#[test]
fn a_panicking_simulation_is_answered_500_and_serving_goes_on() {
    let limits = Limits {
        page_replications: 2,
        max_replications: 10,
        max_people: 10,
        max_running: 1,
        max_queued: 0,
        time_limit: Duration::from_secs(10),
        max_body_bytes: 1024,
    };
    let state = Arc::new(AppState {
        engine: Arc::new(Panicky),
        gate: Gate::new(1, 0),
        cache: super::cache::Cache::default(),
        hosts: None,
        limits,
    });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}/api/run", listener.local_addr().unwrap());
    runtime.spawn(async move { axum::serve(listener, router(state)).await });
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = |body: serde_json::Value| {
        let mut r = agent
            .post(&url)
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .unwrap();
        let text = r.body_mut().read_to_string().unwrap();
        (r.status().as_u16(), text)
    };
    let (status, text) = post(json!({ "set": { "panic": 1 } }));
    assert_eq!(status, 500);
    assert!(text.contains("a broken invariant"), "{text}");
    for _ in 0..3 {
        assert_eq!(post(json!({})).0, 200, "the slot was freed");
    }
}
