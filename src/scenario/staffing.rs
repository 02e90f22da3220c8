//! Response times and staffing (MODEL.md, "Response time and staffing"):
//! duration distributions (`tolerance_hours`, `handle_minutes`), a policy's
//! desk (`staffing = { … }`) and the rules that tie it to the policy.

use super::check::{Check, MAX_HOURS, Num};
use super::defaults as d;
use super::error::{ErrorKind, ScenarioError};
use super::raw::{RawDurationDist, RawDurationEmpirical, RawLognormal, RawStaffing};
use super::serde_error::DURATIONS;
use crate::model::{Handling, MAX_AGENTS, Staffing};
use crate::staffing::{Calendar, DurationDist};

/// The largest log-scale deviation of a log-normal duration: with `sigma`
/// 10 one draw in a million is already e^48 times the median.
pub(crate) const MAX_SIGMA: f64 = 10.0;

/// Checks a duration distribution at `key` (its unit is the key's: hours
/// or minutes, `hours` the number of its units in an hour). Every parameter
/// must be finite and `>= 0`; every value, and the mean, at most
/// [`MAX_HOURS`] hours, and a log-normal's `sigma` at most [`MAX_SIGMA`],
/// so that sums over every complaint of a run stay finite.
pub(crate) fn duration(
    c: Check,
    key: &str,
    raw: RawDurationDist,
    per_hour: f64,
) -> Result<DurationDist, ScenarioError> {
    let built = sampled(c, key, raw)?;
    let max = MAX_HOURS * per_hour;
    let unit = if per_hour == 1.0 { "hours" } else { "minutes" };
    let allowed = format!("at most {max} {unit} (about 114 years)");
    let at_most = |k: String, x: f64| {
        if x <= max {
            Ok(())
        } else {
            Err(c.invalid(&k, Num(x), &allowed))
        }
    };
    match &built {
        DurationDist::Fixed(x) => at_most(format!("{key}.fixed"), *x)?,
        DurationDist::Uniform { hi, .. } => at_most(format!("{key}.uniform[1]"), *hi)?,
        DurationDist::Exponential { mean } => at_most(format!("{key}.exponential"), *mean)?,
        DurationDist::Lognormal { median, sigma } => {
            if *sigma > MAX_SIGMA {
                let allowed = format!("a log-scale deviation from 0 to {MAX_SIGMA}");
                return Err(c.invalid(&format!("{key}.lognormal.sigma"), Num(*sigma), &allowed));
            }
            at_most(format!("{key}.lognormal.median"), *median)?;
            let mean_allowed = format!("a mean, median * exp(sigma^2 / 2), {allowed}");
            if built.mean() > max {
                let value = format!("{{ median = {}, sigma = {} }}", Num(*median), Num(*sigma));
                return Err(c.invalid(&format!("{key}.lognormal"), value, &mean_allowed));
            }
        }
        DurationDist::Empirical { values, .. } => {
            for (i, v) in values.iter().enumerate() {
                at_most(format!("{key}.empirical.values[{i}]"), *v)?;
            }
        }
    }
    Ok(built)
}

/// A duration distribution as its sampler accepts it.
fn sampled(c: Check, key: &str, raw: RawDurationDist) -> Result<DurationDist, ScenarioError> {
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
    let handle_minutes = duration(c, &field("handle_minutes"), handle, 60.0)?;
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
        agent_cost: c.money(&field("agent_cost"), raw.agent_cost, d::AGENT_COST)?,
    })
}
