//! The HTTP API: `POST /api/run`, `GET /api/scenario`, `GET /api/knobs`,
//! `GET /api/health`. Every answer is JSON; every error is
//! `{"error": MESSAGE}` with a status that says whose fault it was.

use super::cache;
use super::engine::{CancelFlag, CancelOnDrop, EngineError, RunOutput};
use super::gate::Busy;
use super::sets::{SetError, parse_run_request};
use super::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

/// A JSON error answer.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// `GET /api/scenario`: the resolved scenario.
pub async fn scenario(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(state.engine.scenario())
}

/// `GET /api/knobs`: the page's inputs and the server's limits.
pub async fn knobs(State(state): State<Arc<AppState>>) -> Json<Value> {
    let l = &state.limits;
    Json(json!({
        "knobs": state.engine.knobs(),
        "replications": l.page_replications,
        "max_replications": l.max_replications,
        "max_people": l.max_people,
        "time_limit_seconds": l.time_limit.as_secs_f64(),
    }))
}

/// `GET /api/health`: alive, and how busy.
pub async fn health(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "running": state.gate.running(),
        "waiting": state.gate.waiting(),
    }))
}

/// `POST /api/run`: runs the scenario with the request's overrides.
pub async fn run(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !json {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as JSON (Content-Type: application/json)",
        );
    }
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    let request = match parse_run_request(&body, state.limits.page_replications) {
        Ok(r) => r,
        Err(SetError(message)) => return error(StatusCode::BAD_REQUEST, message),
    };
    let max = state.limits.max_replications;
    // Two at least: an interval needs two replications (as the scenario's
    // `replications`).
    if request.replications < 2 || request.replications > u64::from(max) {
        return error(
            StatusCode::BAD_REQUEST,
            format!(
                "replications is {}; this server runs 2 to {max} per request (wom serve --max-replications)",
                request.replications
            ),
        );
    }
    let replications = request.replications as u32;
    let started = Instant::now();
    let key = cache::key(&request.set, replications);
    if let Some(out) = state.cache.get(&key) {
        return respond(&out, started, true);
    }
    // Dropping this handler (time limit, client gone) raises the flag.
    let cancel = CancelFlag::new();
    let _cancel_on_drop = CancelOnDrop(cancel.clone());
    let limit = state.limits.time_limit;
    let work = async {
        let permit = state.gate.enter().await?;
        let engine = state.engine.clone();
        let set = request.set;
        let task = tokio::task::spawn_blocking(move || {
            // The slot is freed only when the simulation has really stopped.
            let _permit = permit;
            std::panic::catch_unwind(AssertUnwindSafe(|| engine.run(&set, replications, &cancel)))
        });
        Ok::<_, Busy>(task.await)
    };
    let outcome = match tokio::time::timeout(limit, work).await {
        Err(_) => {
            return error(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "the run took longer than this server's limit of {:.1} s and was cancelled; ask for fewer replications or people",
                    limit.as_secs_f64()
                ),
            );
        }
        Ok(Err(Busy)) => return busy(),
        Ok(Ok(Err(join))) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("internal error: {join}"),
            );
        }
        Ok(Ok(Ok(Err(panic)))) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("internal error: the simulation failed ({what}); the server goes on"),
            );
        }
        Ok(Ok(Ok(Ok(result)))) => result,
    };
    match outcome {
        Ok(out) => {
            let out = Arc::new(out);
            state.cache.put(key, out.clone());
            respond(&out, started, false)
        }
        Err(EngineError::Invalid(message)) => error(StatusCode::BAD_REQUEST, message),
        Err(EngineError::Cancelled) => error(StatusCode::SERVICE_UNAVAILABLE, "cancelled"),
        Err(EngineError::Failed(message)) => error(StatusCode::INTERNAL_SERVER_ERROR, message),
    }
}

/// A run's answer: summary.json's fields, then what the page shows.
fn respond(out: &RunOutput, started: Instant, cached: bool) -> Response {
    let mut answer = match out.summary.clone() {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    let charts: Vec<Value> = out
        .charts
        .iter()
        .map(|(name, svg)| json!({ "name": name, "svg": svg }))
        .collect();
    answer.insert("view".into(), json!(out.view));
    answer.insert("charts".into(), Value::Array(charts));
    answer.insert("report_html".into(), out.report_html.clone().into());
    answer.insert("scenario_toml".into(), out.scenario_toml.clone().into());
    answer.insert("cached".into(), cached.into());
    answer.insert(
        "elapsed_seconds".into(),
        json!(started.elapsed().as_secs_f64()),
    );
    Json(Value::Object(answer)).into_response()
}

/// 503 with `Retry-After`.
fn busy() -> Response {
    let mut r = error(
        StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy with other simulations; try again in a moment",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}
