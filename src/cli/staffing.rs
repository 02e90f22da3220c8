//! `wom staffing` arguments.

use crate::app::staffing::StaffingOptions;
use clap::Args;

/// How many agents a complaint desk needs, from Erlang C (no simulation):
/// the chance a complaint waits, the share answered within a time, the mean
/// wait and how busy the agents are, for a steady stream of complaints
/// answered first come first served by an always-open desk.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom staffing --arrivals-per-hour 6 --handle-minutes 15\n  wom staffing --arrivals-per-hour 6 --handle-minutes 15 --agents 2\n  wom staffing --arrivals-per-hour 200 --handle-minutes 3 --within-minutes 0.333 \\\n      --target-service-level 0.8 --json\n\nWithout --agents, one row for each number of agents from the smallest that keeps up (more agents\nthan the load in Erlangs, arrivals per hour × handling hours) until 99.9% are answered within\n--within-minutes, marking the smallest that meets --target-service-level. --json prints one\nobject (with --agents) or a list, with the keys agents, load_erlangs, p_wait, service_level,\nasa_minutes, occupancy.\n\nErlang C assumes complaints arrive at random at a steady rate, handling times are exponential\nand nobody gives up; a desk open only some hours, or a busy Monday, needs more (simulate it\nwith a `staffing` policy in a scenario: see scenarios/staffing.toml)."
)]
pub struct StaffingArgs {
    /// Complaints arriving per hour, on average (a number above 0).
    #[arg(long, value_name = "L", value_parser = positive)]
    pub arrivals_per_hour: f64,
    /// Minutes an agent spends on one complaint, on average (above 0).
    #[arg(long, value_name = "M", value_parser = positive)]
    pub handle_minutes: f64,
    /// Size one desk of this many agents instead of printing a table.
    #[arg(long, value_name = "C", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub agents: Option<u32>,
    /// The answer time of the service level, minutes (the crowdSPRING support article: within 60).
    #[arg(long, value_name = "T", default_value_t = 60.0, value_parser = non_negative)]
    pub within_minutes: f64,
    /// The share of complaints to answer within --within-minutes, in [0, 1).
    #[arg(long, value_name = "S", default_value_t = 0.8, value_parser = share_below_one)]
    pub target_service_level: f64,
    /// Print JSON on stdout instead of a table.
    #[arg(long)]
    pub json: bool,
}

impl StaffingArgs {
    /// The validated options of `wom staffing`.
    pub fn options(&self) -> StaffingOptions {
        StaffingOptions {
            arrivals_per_hour: self.arrivals_per_hour,
            handle_minutes: self.handle_minutes,
            agents: self.agents,
            within_minutes: self.within_minutes,
            target_service_level: self.target_service_level,
            json: self.json,
        }
    }
}

fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .map_err(|_| format!("`{s}` is not a number"))
}

fn positive(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(format!(
            "{s} is not allowed; expected a finite number above 0"
        ))
    }
}

fn non_negative(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(format!("{s} is not allowed; expected a finite number >= 0"))
    }
}

fn share_below_one(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "{s} is not allowed; expected a share in [0, 1), like 0.8 for 80% (no desk answers \
             every complaint within a fixed time)"
        ))
    }
}
