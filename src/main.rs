//! `wom`, the word-of-mouth impact simulator: a thin command-line layer over
//! the `wom` library.
//!
//! Exit codes: 0 success; 1 a failure while working (I/O, a broken
//! invariant); 2 bad input (unknown flag, invalid value, malformed or
//! missing file, a network too large for this machine).

mod app;
mod cli;
mod report;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::parse();
    match app::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(app::exit_code(&error))
        }
    }
}
