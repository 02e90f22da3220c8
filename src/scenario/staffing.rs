//! Response times and staffing (MODEL.md, "Response time and staffing"):
//! duration distributions (`tolerance_hours`, `handle_minutes`), a policy's
//! desk (`staffing = { … }`) and the rules that tie it to the policy.

use super::check::{Check, Num};
use super::defaults as d;
use super::error::{ErrorKind, ScenarioError};
use super::raw::{RawDurationDist, RawDurationEmpirical, RawLognormal, RawStaffing};
use super::serde_error::DURATIONS;
use crate::model::{Handling, MAX_AGENTS, Staffing};
use crate::staffing::{Calendar, DurationDist};

/// Checks a duration distribution at `key` (its unit is the key's: hours
/// or minutes). Every parameter must be finite and `>= 0`.
pub(crate) fn duration(
    c: Check,
    key: &str,
    raw: RawDurationDist,
) -> Result<DurationDist, ScenarioError> {
    let built = match raw {
        RawDurationDist::Fixed(x) => DurationDist::fixed(x),
        RawDurationDist::Uniform([lo, hi]) => DurationDist::uniform(lo, hi),
        RawDurationDist::Exponential(mean) => DurationDist::exponential(mean),
        RawDurationDist::Lognormal(RawLognormal { median, sigma }) => {
            DurationDist::lognormal(median, sigma)
        }
        RawDurationDist::Empirical(RawDurationEmpirical { values, weights }) => {
            DurationDist::empirical(values, weights)
        }
    };
    // As TOML writes it (`nan`), like every other value in messages.
    built.map_err(|e| {
        let value = e.value.replace("NaN", "nan");
        c.invalid(&format!("{key}.{}", e.parameter), value, e.allowed)
    })
}

/// The raw form of a validated duration distribution (for the resolved
/// scenario).
pub(crate) fn raw_duration(dist: &DurationDist) -> RawDurationDist {
    match dist {
        DurationDist::Fixed(x) => RawDurationDist::Fixed(*x),
        DurationDist::Uniform { lo, hi } => RawDurationDist::Uniform([*lo, *hi]),
        DurationDist::Exponential { mean } => RawDurationDist::Exponential(*mean),
        DurationDist::Lognormal { median, sigma } => RawDurationDist::Lognormal(RawLognormal {
            median: *median,
            sigma: *sigma,
        }),
        DurationDist::Empirical { values, weights } => {
            RawDurationDist::Empirical(RawDurationEmpirical {
                values: values.clone(),
                weights: weights.clone(),
            })
        }
    }
}

/// The raw form of a validated desk, every key written.
pub(crate) fn raw_staffing(s: &Staffing) -> RawStaffing {
    RawStaffing {
        agents: Some(s.agents),
        handle_minutes: Some(raw_duration(&s.handle_minutes)),
        days_per_week: Some(s.calendar.days_per_week()),
        hours_per_day: Some(s.calendar.hours_per_day()),
        agent_cost: Some(s.agent_cost),
    }
}

/// Checks `policies.NAME.staffing` (`key` is that path) for a policy that
/// handles complaints by `handling` and gives `response_hours` or not.
pub(crate) fn staffing(
    c: Check,
    key: &str,
    raw: RawStaffing,
    handling: Handling,
    response_hours: Option<f64>,
) -> Result<Staffing, ScenarioError> {
    if handling == Handling::Ignore {
        return Err(c.error(ErrorKind::NotApplicable {
            key: key.to_owned(),
            reason: "a desk answers complaints, and an ignore policy answers none; \
                     use handling = \"recover\" (or remove `staffing`)"
                .to_owned(),
        }));
    }
    if let Some(hours) = response_hours {
        let prefix = key.trim_end_matches(".staffing");
        return Err(c.error(ErrorKind::Conflict {
            key: format!("{prefix}.response_hours"),
            value: Num(hours).to_string(),
            other_key: key.to_owned(),
            other_value: "a desk".to_owned(),
            rule: "give either response_hours (every complaint answered after that many hours) \
                   or staffing (each complaint waits its turn at the desk), not both"
                .to_owned(),
        }));
    }
    let field = |f: &str| format!("{key}.{f}");
    let agents_allowed = format!("a whole number of agents from 1 to {MAX_AGENTS}");
    let agents = match raw.agents {
        None => {
            return Err(c.error(ErrorKind::Missing {
                key: field("agents"),
                allowed: agents_allowed,
            }));
        }
        Some(n) if (1..=MAX_AGENTS).contains(&n) => n,
        Some(n) => return Err(c.invalid(&field("agents"), n, &agents_allowed)),
    };
    let Some(handle) = raw.handle_minutes else {
        return Err(c.error(ErrorKind::Missing {
            key: field("handle_minutes"),
            allowed: format!("minutes an agent spends on one complaint, {DURATIONS}"),
        }));
    };
    let handle_minutes = duration(c, &field("handle_minutes"), handle)?;
    let days = c.whole(
        &field("days_per_week"),
        raw.days_per_week,
        d::DAYS_PER_WEEK,
        1,
        7,
    )?;
    let hours = raw.hours_per_day.unwrap_or(d::HOURS_PER_DAY);
    let hours = c.float(
        &field("hours_per_day"),
        hours,
        hours > 0.0 && hours <= 24.0,
        "a number of hours above 0 and at most 24 (the desk opens at 09:00; a shift may run \
         past midnight)",
    )?;
    let calendar = Calendar::new(days, hours)
        .map_err(|e| c.invalid(&field("days_per_week"), days, &e.to_string()))?;
    Ok(Staffing {
        agents,
        handle_minutes,
        calendar,
        agent_cost: c.non_negative(&field("agent_cost"), raw.agent_cost, d::AGENT_COST)?,
    })
}
