//! The owner-facing knobs of a scenario: which keys the page offers, in the
//! owner's words, with ranges, units and the source of each value. Built
//! from the validated scenario, its TOML table (which keys the file
//! writes) and its text, whose comment on a key is its source.
//!
//! A new knob is one more [`Spec`] in the catalogue ([`BUSINESS`],
//! [`SEGMENT_SHARE`], [`STAFFING`], [`DESK`] or [`PARTING`]) with its
//! value function (`values.rs`); the page needs no change.

mod catalogue;
mod source;
mod values;

use super::engine::Knob;
use crate::present::money::symbol;
use catalogue::{BUSINESS, DESK, PARTING, Range, SEGMENT_SHARE, STAFFING, Spec, Unit};
use source::written;
use values::At;
use wom::model::{Handling, Scenario, Segment};

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
/// the parting knobs (when it parts with customers). A knob whose value
/// function finds nothing there is left out.
pub fn knobs(scenario: &Scenario, table: &toml::Table, text: &str, people: u32) -> Vec<Knob> {
    let cx = Context {
        text,
        people: f64::from(people),
        period: &scenario.period_label,
        currency: symbol(&scenario.economics.currency),
    };
    let at = At {
        scenario,
        policy: None,
        segment: None,
        people,
    };
    let mut out = Vec::new();
    for spec in &BUSINESS {
        out.extend(knob(spec, &at, spec.field, "Your business", "", &cx));
    }
    for (spec, segment) in segment_shares(scenario, table) {
        let key = format!("segments.{}.{}", segment.name, spec.field);
        let at = At {
            segment: Some(segment),
            ..at
        };
        out.extend(knob(&spec, &at, &key, "Your customers", &segment.name, &cx));
    }
    for policy in &scenario.policies {
        let group = format!("Complaint desk: policy “{}”", policy.name);
        let key = |field: &str| format!("policies.{}.{field}", policy.name);
        let at = At {
            policy: Some(policy),
            ..at
        };
        if policy.handling == Handling::Recover {
            for spec in STAFFING.iter().chain(&DESK) {
                out.extend(knob(spec, &at, &key(spec.field), &group, "", &cx));
            }
        }
        let segment = policy.part_with.as_ref().map_or("", |w| w.segment.as_str());
        for spec in &PARTING {
            out.extend(knob(spec, &at, &key(spec.field), &group, segment, &cx));
        }
    }
    out
}

/// The segments whose share can move — written in the file, while one
/// segment takes the rest — each with its spec (the largest share empties
/// the segment that takes the rest).
fn segment_shares<'a>(scenario: &'a Scenario, table: &toml::Table) -> Vec<(Spec, &'a Segment)> {
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
                s,
            )
        })
        .collect()
}

/// The knob of `spec` at `at`, for `key`, about segment `segment` (if
/// any); none when its value function finds no value there.
fn knob(spec: &Spec, at: &At, key: &str, group: &str, segment: &str, cx: &Context) -> Option<Knob> {
    let value = (spec.value)(at)?;
    let help = spec.help_for.and_then(|f| f(at));
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
    Some(Knob {
        key: key.to_string(),
        group: group.to_string(),
        label: words(spec.label),
        help: help.unwrap_or_else(|| words(spec.help)),
        unit,
        scale,
        min,
        max,
        step,
        value,
        integer,
        source: words(&source),
    })
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

    /// Each knob's value function round-trips through the scenario: the
    /// page's write (`KEY=VALUE`, as `wom run --set`) of a new value in its
    /// range is what the same knob reads back, for every knob of every
    /// shipped scenario.
    #[test]
    fn every_knob_reads_back_the_value_written_at_its_key() {
        let mut checked = 0;
        for (name, text) in SHIPPED {
            let (scenario, table, _) = shipped(name);
            let people = 10_000;
            for k in knobs(&scenario, &table, text, people) {
                let up = k.value + k.step;
                let new = if up <= k.max { up } else { k.value - k.step };
                assert!(new >= k.min && new != k.value, "{name}: {}", k.key);
                let value = if k.integer {
                    toml::Value::Integer(new.round() as i64)
                } else {
                    toml::Value::Float(new)
                };
                let mut changed = table.clone();
                wom::scenario::set_key(&mut changed, &k.key, value).unwrap();
                let moved = wom::scenario::from_table(&changed, Path::new(name))
                    .unwrap_or_else(|e| panic!("{name}: {}={new}: {e}", k.key));
                let again = knobs(&moved, &changed, text, people);
                let read = again.iter().find(|a| a.key == k.key).unwrap().value;
                assert!(
                    (read - new).abs() < 1e-9,
                    "{name}: {} wrote {new}, read {read}",
                    k.key
                );
                checked += 1;
            }
        }
        assert!(checked > 40, "{checked} knobs");
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(customers_step(10_000.0), 10.0);
        assert_eq!(customers_step(500.0), 1.0);
        assert_eq!(customers_step(250_000.0), 100.0);
    }
}
