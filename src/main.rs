//! `wom`, the word-of-mouth impact simulator: a thin command-line layer over
//! the `wom` library.
//!
//! Layers, each using only those below it: `cli` (arguments) → `serve`
//! (the what-if page's web server, beside the commands and using them) →
//! `app` (commands) → `report` (charts, report.html) → `store` (result
//! directories read and written) → `present` (numbers for people, files,
//! the input-error type) → the `wom` library (whose `results` module types
//! every result file). See docs/architecture.md.
//!
//! Exit codes: 0 success; 1 a failure while working (I/O, a broken
//! invariant); 2 bad input (unknown flag, invalid value, malformed or
//! missing file, a network too large for this machine).

mod app;
mod cli;
mod present;
mod report;
mod serve;
mod store;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Messages quote names, keys and paths from the user's files:
            // print their control characters as escapes.
            // Each message cut at a few thousand characters (a quoted file
            // never floods the terminal), and a cause its error already
            // spells out (`…: read failed: CAUSE`) not printed again.
            let printable = |e: &dyn std::fmt::Display| {
                present::format::printable(&present::format::capped(&e.to_string()))
            };
            eprintln!("error: {}", printable(&error));
            let mut before = error.to_string();
            for cause in error.chain().skip(1) {
                let text = cause.to_string();
                if !before.ends_with(&text) {
                    eprintln!("  caused by: {}", printable(&cause));
                }
                before = text;
            }
            ExitCode::from(present::exit_code(&error))
        }
    }
}
