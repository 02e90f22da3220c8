//! A desk and the customers' patience in words, for the report's
//! assumptions: "2 agents, Monday–Friday 09:00–17:00, about 40 min a
//! complaint"; "32% within 30 min, … want an answer".

use crate::present::format::{hours, percent_exact, thousands};
use crate::present::money::money;
use wom::model::Staffing;
use wom::staffing::{DurationDist, OPENING_HOUR};

/// A desk in words: "2 agents, Monday–Friday 09:00–17:00, about 14 min a
/// complaint, $3,000 per agent per month".
pub fn describe_desk(desk: &Staffing, currency: &str, per: &str) -> String {
    let c = &desk.calendar;
    let days = match c.days_per_week() {
        1 => "Mondays".to_owned(),
        7 => "every day".to_owned(),
        n => format!(
            "Monday–{}",
            ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][n as usize - 2]
        ),
    };
    let open = if c.is_always_open() {
        "around the clock".to_owned()
    } else {
        let end = OPENING_HOUR + c.hours_per_day();
        let clock = |h: f64| {
            let minutes = (h.rem_euclid(24.0) * 60.0).round() as u32;
            format!("{:02}:{:02}", minutes / 60, minutes % 60)
        };
        let next = if end > 24.0 { " the next day" } else { "" };
        format!("{days} {}–{}{next}", clock(OPENING_HOUR), clock(end))
    };
    let mut text = format!(
        "{} agent{}, {open}, about {} a complaint",
        desk.agents,
        if desk.agents == 1 { "" } else { "s" },
        hours(desk.handle_minutes.mean() / 60.0)
    );
    if desk.agent_cost > 0.0 {
        text.push_str(&format!(
            ", {} per agent per {per}",
            money(desk.agent_cost, currency)
        ));
    }
    text
}

/// A customer's patience in words: "32% want an answer within 30 min, 13%
/// within 1 h, …" for survey buckets, else the distribution's shape.
pub fn describe_tolerance(t: &DurationDist) -> String {
    match t {
        DurationDist::Fixed(x) => format!("everyone waits {}", hours(*x)),
        DurationDist::Uniform { lo, hi } => format!("between {} and {}", hours(*lo), hours(*hi)),
        DurationDist::Exponential { mean } => format!("exponential, {} on average", hours(*mean)),
        DurationDist::Lognormal { median, sigma } => format!(
            "half want an answer within {} (log-normal, sigma {})",
            hours(*median),
            thousands(*sigma, 2)
        ),
        DurationDist::Empirical { values, weights } => {
            let total: f64 = weights.iter().sum();
            let parts: Vec<String> = values
                .iter()
                .zip(weights)
                .map(|(v, w)| format!("{} within {}", percent_exact(w / total), hours(*v)))
                .collect();
            format!("{} want an answer", parts.join(", "))
        }
    }
}
