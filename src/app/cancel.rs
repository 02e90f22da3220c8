//! A request to stop the work in progress: raised by Ctrl-C in `wom sweep`
//! (see [`stop_on_ctrl_c`]) and by the Python package when its caller is
//! interrupted. Sweep and sensitivity points and the replications of a run
//! look at it before each one starts, so work stops within one
//! replication's time.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The flag itself, for `World::run_cancellable`.
pub fn flag() -> &'static AtomicBool {
    &REQUESTED
}

/// Whether a stop was requested.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Asks the work in progress to stop.
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Clears the flag before new work starts.
pub fn reset() {
    REQUESTED.store(false, Ordering::Relaxed);
}

/// From now on Ctrl-C (SIGINT) raises the flag instead of killing the
/// process, so the command can say what it saved; a second Ctrl-C ends the
/// process at once (exit 130). For the command-line program only: a host
/// such as Python keeps its own handler.
pub fn stop_on_ctrl_c() {
    reset();
    let spawned = std::thread::Builder::new().name("ctrl-c".into()).spawn(|| {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                request();
            }
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        });
    });
    // Without the thread Ctrl-C keeps its default: the process ends.
    drop(spawned);
}
