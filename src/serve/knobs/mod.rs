//! The owner-facing knobs of a scenario: which keys the page offers, in the
//! owner's words, with ranges, units and the source of each value. Built
//! from the validated scenario, its TOML table (which keys the file
//! writes) and its text, whose comment on a key is its source.
//!
//! A new knob is one more [`Spec`] in the catalogue ([`BUSINESS`],
//! [`SEGMENT_SHARE`], [`STAFFING`], [`DESK`] or [`PARTING`]) and its value
//! in the matching `*_value` function; the page needs no change.

mod catalogue;
mod source;

use super::engine::Knob;
use crate::present::money::symbol;
use catalogue::{BUSINESS, DESK, PARTING, Range, SEGMENT_SHARE, STAFFING, Spec, Unit};
use source::written;
use wom::model::{Handling, Manner, Policy, Scenario};

/// What every knob of one scenario shares.
struct Context<'a> {
    text: &'a str,
    people: f64,
    period: &'a str,
    currency: String,
}

/// The knobs of `scenario`, whose file is `table` (as parsed, before
/// validation) with the text `text` and whose network has `people`
/// persons: the business knobs, the shares of the segments that can move,
/// then for each policy the desk knobs (when it handles complaints) and
/// the parting knobs (when it parts with customers).
pub fn knobs(scenario: &Scenario, table: &toml::Table, text: &str, people: u32) -> Vec<Knob> {
    let cx = Context {
        text,
        people: f64::from(people),
        period: &scenario.period_label,
        currency: symbol(&scenario.economics.currency),
    };
    let mut out = Vec::new();
    for spec in &BUSINESS {
        if let Some(value) = business_value(scenario, spec.field, people) {
            out.push(knob(spec, spec.field, "Your business", value, "", &cx));
        }
    }
    for (spec, name, value) in segment_shares(scenario, table) {
        let key = format!("segments.{name}.share");
        out.push(knob(&spec, &key, "Your customers", value, name, &cx));
    }
    for policy in &scenario.policies {
        let group = format!("Complaint desk: policy “{}”", policy.name);
        let key = |field: &str| format!("policies.{}.{field}", policy.name);
        if policy.handling == Handling::Recover {
            for spec in &STAFFING {
                if let Some(value) = staffing_value(policy, spec.field) {
                    out.push(knob(spec, &key(spec.field), &group, value, "", &cx));
                }
            }
            for spec in &DESK {
                if let Some(value) = desk_value(policy, spec.field) {
                    let mut k = knob(spec, &key(spec.field), &group, value, "", &cx);
                    if spec.field == "response_hours" {
                        k.help = quick_help(scenario, policy);
                    }
                    out.push(k);
                }
            }
        }
        let Some(w) = &policy.part_with else {
            continue;
        };
        for spec in &PARTING {
            if let Some(value) = parting_value(scenario, policy, spec.field) {
                out.push(knob(spec, &key(spec.field), &group, value, &w.segment, &cx));
            }
        }
    }
    out
}

/// A business knob's value; initial customers as the count the simulation
/// uses among `people`.
fn business_value(scenario: &Scenario, field: &str, people: u32) -> Option<f64> {
    Some(match field {
        "population.initial_customers" => {
            f64::from(scenario.population.initial_customers.resolve(people))
        }
        "economics.margin" => scenario.economics.margin,
        "experience.problem_rate" => scenario.experience.problem_rate,
        "experience.complaint_rate" => scenario.experience.complaint_rate,
        _ => return None,
    })
}

/// The segments whose share can move — written in the file, while one
/// segment takes the rest — each with its spec (the largest share empties
/// the segment that takes the rest) and share.
fn segment_shares<'a>(scenario: &'a Scenario, table: &toml::Table) -> Vec<(Spec, &'a str, f64)> {
    let written = |name: &str| {
        table
            .get("segments")
            .and_then(|s| s.get(name))
            .and_then(|s| s.get("share"))
            .is_some()
    };
    let Some(rest) = scenario.segments.iter().find(|s| !written(&s.name)) else {
        return Vec::new();
    };
    scenario
        .segments
        .iter()
        .filter(|s| written(&s.name))
        .map(|s| {
            let max = (s.share + rest.share).min(1.0);
            let range = Range::Share { max, step: 0.005 };
            (
                Spec {
                    range,
                    ..SEGMENT_SHARE
                },
                s.name.as_str(),
                s.share,
            )
        })
        .collect()
}

/// A desk knob's value for `policy`; no fixed response time when its
/// complaints wait at a staffed desk (the scenario refuses both).
/// The response-time knob's help: where "quick" ends for this policy, so
/// that moving the answer time within it and seeing no change is explained
/// on the knob, with the way to model the customers' own patience.
fn quick_help(scenario: &Scenario, policy: &Policy) -> String {
    if scenario.experience.tolerance_hours.is_some() {
        return "Each complaining customer has their own patience (experience.tolerance_hours in the scenario): an answer within it counts as quick, and those customers stay more and tell more good.".to_string();
    }
    format!(
        "An answer within {} hours (this policy's quick_hours) counts as quick: those customers stay more and tell more good. Any time up to {} hours gives the same result; to let the customers' own patience decide instead, set experience.tolerance_hours in the scenario.",
        crate::present::format::thousands(policy.quick_hours, 1).trim_end_matches(".0"),
        crate::present::format::thousands(policy.quick_hours, 1).trim_end_matches(".0"),
    )
}

fn desk_value(policy: &Policy, field: &str) -> Option<f64> {
    Some(match field {
        "response_hours" if policy.staffing.is_none() => policy.response_hours,
        "resolve_rate" => policy.resolve_rate,
        "compensation" => policy.compensation,
        "handling_cost" => policy.handling_cost,
        _ => return None,
    })
}

/// A staffing knob's value for `policy`, when its complaints wait at a
/// desk: its agents and office hours as the calendar resolved them.
fn staffing_value(policy: &Policy, field: &str) -> Option<f64> {
    let desk = policy.staffing.as_ref()?;
    Some(match field {
        "staffing.agents" => f64::from(desk.agents),
        "staffing.hours_per_day" => desk.calendar.hours_per_day(),
        "staffing.days_per_week" => f64::from(desk.calendar.days_per_week()),
        _ => return None,
    })
}

/// A parting knob's value for `policy`: the complaint that ends it, and a
/// graceful parting's refund (its default: the segment's margin for one
/// period, as the simulation takes it).
fn parting_value(scenario: &Scenario, policy: &Policy, field: &str) -> Option<f64> {
    let w = policy.part_with.as_ref()?;
    Some(match field {
        "part_with.after_complaints" => f64::from(w.after_complaints),
        "part_with.refund" if w.manner == Manner::Graceful => match w.refund {
            Some(r) => r,
            None => {
                let i = scenario.segment_index(&w.segment)?;
                scenario.segment_values().get(i)?.margin
            }
        },
        _ => return None,
    })
}

/// One knob of `spec` for `key`, about segment `segment` (if any).
fn knob(spec: &Spec, key: &str, group: &str, value: f64, segment: &str, cx: &Context) -> Knob {
    let (unit, scale, integer) = match spec.unit {
        Unit::Percent => ("%".to_string(), 100.0, false),
        Unit::Money => (cx.currency.trim().to_string(), 1.0, false),
        Unit::Hours => ("hours".to_string(), 1.0, false),
        Unit::Customers => ("customers".to_string(), 1.0, true),
        Unit::Complaints => ("complaints".to_string(), 1.0, true),
        Unit::Agents => ("agents".to_string(), 1.0, true),
        Unit::HoursPerDay => ("hours a day".to_string(), 1.0, false),
        Unit::DaysPerWeek => ("days a week".to_string(), 1.0, true),
    };
    let (min, max, step) = match spec.range {
        Range::Share { max, step } => (0.0, max.max(value), step),
        Range::Open {
            min,
            max,
            times,
            step,
        } => (min, max.max(times * value).max(value), step),
        Range::Customers => {
            let step = customers_step(cx.people);
            (step, cx.people.max(value), step)
        }
    };
    // The user's own comment on a key is its source; `wom init`'s template
    // comment (kept by a scenario started from it) is not a source.
    let from_template =
        |comment: &str| wom::scenario::template::TEMPLATE.contains(&format!("# {comment}"));
    let source = match written(cx.text, key) {
        Some(Some(comment)) if !from_template(&comment) => format!("Your file: {comment}"),
        Some(_) => "Your file.".to_string(),
        None => spec.default_source.to_string(),
    };
    let words = |s: &str| s.replace("PERIOD", cx.period).replace("SEGMENT", segment);
    Knob {
        key: key.to_string(),
        group: group.to_string(),
        label: words(spec.label),
        help: words(spec.help),
        unit,
        scale,
        min,
        max,
        step,
        value,
        integer,
        source: words(&source),
    }
}

/// A round slider step for a count out of `people`: about a thousandth.
fn customers_step(people: f64) -> f64 {
    let raw = (people / 1000.0).max(1.0);
    10f64.powf(raw.log10().floor())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use wom::scenario::shipped::SHIPPED;

    fn shipped(name: &str) -> (Scenario, toml::Table, &'static str) {
        let (_, text) = SHIPPED.iter().find(|(n, _)| *n == name).unwrap();
        let path = Path::new(name);
        let table = wom::scenario::parse_table(text, path).unwrap();
        (wom::scenario::parse(text, path).unwrap(), table, text)
    }

    #[test]
    fn the_default_scenario_has_the_business_and_one_desk() {
        let (scenario, table, text) = shipped("default.toml");
        let all = knobs(&scenario, &table, text, 10_000);
        assert_eq!(all.len(), BUSINESS.len() + DESK.len());
        assert_eq!(all[0].value, 1_000.0, "a tenth of 10,000 people");
        assert!(all.iter().all(|k| !k.source.is_empty()));
    }

    #[test]
    fn chronic_complainers_get_their_share_and_the_parting_knobs() {
        let (scenario, table, text) = shipped("chronic_complainers.toml");
        let all = knobs(&scenario, &table, text, 10_000);
        let get = |key: &str| all.iter().find(|k| k.key == key).unwrap();
        let share = get("segments.chronic.share");
        assert_eq!(
            (share.value, share.max, share.unit.as_str()),
            (0.05, 1.0, "%")
        );
        assert!(share.label.contains("chronic"), "{}", share.label);
        assert!(
            all.iter().all(|k| k.key != "segments.regular.share"),
            "the segment that takes the rest has no knob"
        );
        let after = get("policies.part_gracefully.part_with.after_complaints");
        assert_eq!((after.value, after.integer, after.min), (2.0, true, 1.0));
        let refund = get("policies.part_gracefully.part_with.refund");
        assert_eq!(
            refund.value, scenario.economics.margin,
            "one month's margin"
        );
        assert!(refund.source.starts_with("Default: one month's margin"));
        assert!(get("policies.part_abruptly.part_with.after_complaints").integer);
        assert!(
            all.iter()
                .all(|k| k.key != "policies.part_abruptly.part_with.refund"),
            "an abrupt parting refunds nothing"
        );
        // Three recover policies with their desks, two partings, one share.
        assert_eq!(all.len(), BUSINESS.len() + 1 + 3 * DESK.len() + 3);
    }

    #[test]
    fn a_staffed_desk_has_agents_and_office_hours_instead_of_a_response_time() {
        let (scenario, table, text) = shipped("staffing.toml");
        let all = knobs(&scenario, &table, text, 24_000);
        let get = |key: &str| all.iter().find(|k| k.key == key);
        for name in ["office_1", "staffed", "office_3", "around_the_clock"] {
            let key = |field: &str| format!("policies.{name}.{field}");
            assert!(get(&key("response_hours")).is_none(), "{name}: staffed");
            let agents = get(&key("staffing.agents")).unwrap();
            assert!(agents.integer && agents.min == 1.0 && agents.unit == "agents");
            assert!(agents.source.starts_with("Your file"));
            let hours = get(&key("staffing.hours_per_day")).unwrap();
            assert!(hours.max <= 24.0 && hours.min > 0.0 && !hours.integer);
            let days = get(&key("staffing.days_per_week")).unwrap();
            assert!(days.integer && (days.min, days.max) == (1.0, 7.0));
        }
        let at = |key: &str| get(key).unwrap().value;
        assert_eq!(at("policies.staffed.staffing.agents"), 2.0);
        assert_eq!(at("policies.office_1.staffing.hours_per_day"), 8.0);
        assert_eq!(at("policies.office_1.staffing.days_per_week"), 5.0);
        assert_eq!(at("policies.around_the_clock.staffing.hours_per_day"), 24.0);
        assert_eq!(at("policies.around_the_clock.staffing.days_per_week"), 7.0);
        let office = get("policies.office_1.staffing.hours_per_day").unwrap();
        assert!(
            office.source.starts_with("Default: 8 hours"),
            "{}",
            office.source
        );
        let clock = get("policies.around_the_clock.staffing.days_per_week").unwrap();
        assert_eq!(clock.source, "Your file.");
        // Four desks of three staffing and two desk knobs each.
        assert_eq!(
            all.len(),
            BUSINESS.len() + 4 * (STAFFING.len() + DESK.len() - 1)
        );
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(customers_step(10_000.0), 10.0);
        assert_eq!(customers_step(500.0), 1.0);
        assert_eq!(customers_step(250_000.0), 100.0);
    }
}
