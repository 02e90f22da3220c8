//! `wom serve` arguments, and the server's options they become.

use super::common::ThreadArgs;
use crate::present::bad_input;
use crate::serve::{Options, gate::Limits};
use anyhow::Result;
use clap::Args;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Largest request body the server reads (a page request is under 1 KiB).
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Serve the what-if page for owners: sliders for a scenario's main numbers
/// (customers, margin, problems, complaints, the complaint desk) and, within
/// a second, what ignoring complaints costs, with its interval and charts.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom serve                                 # the built-in default scenario\n  wom serve scenarios/cafe.toml --port 0    # any free port, printed\n\nThen open the printed address (by default http://127.0.0.1:8765/) in a browser.\n\nBy default the page answers only this computer (127.0.0.1). With --bind 0.0.0.0 (or another address) anyone who can reach this machine on the network can open the page and run simulations on its processors: there is no login. Requests never read or write files; each is limited in replications, people and time, and only --max-running run at once."
)]
pub struct ServeArgs {
    /// Scenario file (TOML); default: the shipped scenarios/default.toml,
    /// built into the binary.
    pub scenario: Option<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, value_name = "P", default_value_t = 8765)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address exposes the
    /// page and the simulations to the network (no login).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Replications of a run that does not ask for a number (the page's);
    /// default: 200 for the shipped default scenario's size, fewer for a
    /// larger one (the same work: people × policies × periods), at least 20.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(2..=10_000_000))]
    pub replications: Option<u32>,
    /// Most replications one request may ask for.
    #[arg(long, value_name = "N", default_value_t = 5_000,
          value_parser = clap::value_parser!(u32).range(2..=10_000_000))]
    pub max_replications: u32,
    /// Most people (network size) one request may simulate.
    #[arg(long, value_name = "N", default_value_t = 100_000,
          value_parser = clap::value_parser!(u32).range(2..))]
    pub max_people: u32,
    /// Simulations running at once; more wait in a queue.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub max_running: u32,
    /// Requests waiting for a simulation slot; more are answered 503 with
    /// Retry-After.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(0..=1024))]
    pub max_queued: u32,
    /// Longest a request may take, waiting included, in seconds; then its
    /// simulation is cancelled and the answer is 504.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = parse_seconds)]
    pub time_limit: f64,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
}

impl ServeArgs {
    /// The validated options of `wom serve`.
    ///
    /// # Errors
    /// Bad input when --replications is above --max-replications.
    pub fn options(&self) -> Result<Options> {
        if let Some(n) = self.replications.filter(|&n| n > self.max_replications) {
            return Err(bad_input(format!(
                "--replications {n} is above --max-replications {}",
                self.max_replications
            )));
        }
        Ok(Options {
            scenario: self.scenario.clone(),
            addr: SocketAddr::new(self.bind, self.port),
            threads: self.threads.get(),
            replications: self.replications,
            limits: Limits {
                page_replications: 0,
                max_replications: self.max_replications,
                max_people: self.max_people,
                max_running: self.max_running as usize,
                max_queued: self.max_queued as usize,
                time_limit: Duration::from_secs_f64(self.time_limit),
                max_body_bytes: MAX_BODY_BYTES,
            },
        })
    }
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 86_400.0 => Ok(x),
        _ => Err(format!(
            "{text} is not allowed; expected seconds above 0 and at most 86400"
        )),
    }
}
