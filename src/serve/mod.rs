//! `wom serve`: the what-if page for owners. A local web server (axum on
//! tokio) serves one page with sliders for a scenario's owner-facing
//! numbers and a JSON API that runs the simulation with them.
//!
//! A layer of the binary beside `app`: `cli` builds its [`Options`]; it
//! uses `app`, `report` and `present` (and the library), and nothing below
//! uses it. Everything wom-specific sits behind the [`engine::Engine`]
//! seam; [`app_engine`] implements it on the application layer. The rest —
//! routes, limits, the gate, cancellation, panics — knows only the seam.

pub mod api;
pub mod app_engine;
mod assets;
pub mod cache;
pub mod engine;
pub mod gate;
mod knobs;
pub mod listen;
pub mod sets;
pub mod state;
#[cfg(test)]
mod tests;
pub mod uncertainty_view;
pub mod view;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use gate::{Gate, Limits};
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Validated options of `wom serve`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Scenario file; `None` for the built-in default.
    pub scenario: Option<PathBuf>,
    /// Address and port to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Threads for the simulations (default: all cores).
    pub threads: Option<usize>,
    /// The page's replications; `None`: by the scenario's size
    /// ([`app_engine::AppEngine::page_replications`]).
    pub replications: Option<u32>,
    /// What one request may do; its `page_replications` is set from
    /// `replications` once the scenario is loaded.
    pub limits: Limits,
}

/// The router of the page and the API over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let max_body = state.limits.max_body_bytes;
    Router::new()
        .route("/", get(assets::index))
        .route("/style.css", get(assets::style))
        .route("/app.js", get(assets::script))
        .route("/api/scenario", get(api::scenario))
        .route("/api/knobs", get(api::knobs))
        .route("/api/health", get(api::health))
        .route("/api/run", post(api::run))
        .fallback(|| async { api::error(StatusCode::NOT_FOUND, "no such page") })
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Refuses foreign `Host` headers on a loopback server and adds headers
/// that keep browsers from loading or running anything not ours.
async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if let Some(hosts) = &state.hosts {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return api::error(
                StatusCode::FORBIDDEN,
                "this server answers only requests addressed to this computer (127.0.0.1 or localhost)",
            );
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The `Host` headers a loopback server on `port` accepts.
fn loopback_hosts(port: u16) -> Vec<String> {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .flat_map(|h| [format!("{h}:{port}"), h.to_string()])
        .collect()
}

/// Runs `wom serve` until Ctrl-C or SIGTERM; stops within a few seconds
/// even while simulations run (they are cancelled).
///
/// # Errors
/// Bad input for an invalid scenario; a failure when the address cannot be
/// bound.
pub fn run(options: &Options) -> Result<()> {
    let engine = app_engine::AppEngine::load(
        options.scenario.as_deref(),
        options.threads,
        options.limits.max_people,
    )?;
    let name = engine.name().to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let addr = listener.local_addr()?;
        let mut limits = options.limits.clone();
        limits.page_replications = options
            .replications
            .unwrap_or_else(|| engine.page_replications(limits.max_replications));
        let state = Arc::new(AppState {
            engine: Arc::new(engine),
            gate: Gate::new(limits.max_running, limits.max_queued),
            cache: cache::Cache::default(),
            hosts: addr.ip().is_loopback().then(|| loopback_hosts(addr.port())),
            limits,
        });
        let host = match addr.ip() {
            ip if ip.is_unspecified() => "localhost".to_string(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        println!(
            "Serving scenario “{name}” at http://{host}:{}/ (Ctrl-C stops)",
            addr.port()
        );
        if !addr.ip().is_loopback() {
            println!(
                "Listening on {addr}: anyone who can reach this machine can use the page and run simulations on it."
            );
        }
        use std::io::Write;
        std::io::stdout().flush().ok();
        let request_deadline = state.limits.time_limit + listen::MARGIN;
        let listener = listen::Bounded::new(listener, request_deadline, listen::MAX_CONNECTIONS);
        let (stop, stopping) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            stop_signal().await;
            stop.send(true).ok();
        });
        let signalled = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            rx.wait_for(|s| *s).await.ok();
        };
        let server = axum::serve(listener, router(state))
            .with_graceful_shutdown(signalled(stopping.clone()));
        // Open connections get a moment to finish; then the server stops
        // anyway, dropping every request (which cancels its simulation).
        let forced = async {
            signalled(stopping).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        tokio::select! {
            served = server => served.context("the server stopped"),
            () = forced => Ok(()),
        }
    });
    // A simulation still winding down (it stops within a step of a period
    // once cancelled) does not hold the process.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    served
}

/// How long a stopping server waits for open requests, then for the
/// simulations they cancelled.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_millis(1500);

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    tokio::signal::ctrl_c().await.ok();
}
