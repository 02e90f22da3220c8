//! The owner-facing knobs of a scenario: which keys the page offers, in the
//! owner's words, with ranges, units and the source of each value. Built
//! from the validated scenario, its TOML table (which keys the file
//! writes) and its text, whose comment on a key is its source.
//!
//! A new knob is one more [`Spec`] in [`BUSINESS`], [`SEGMENT_SHARE`],
//! [`DESK`] or [`PARTING`] (and its value in the matching `*_value`
//! function); the page needs no change.

mod source;

use super::engine::Knob;
use crate::present::money::symbol;
use source::written;
use wom::model::{Handling, Manner, Policy, Scenario};

/// How a knob's range follows from its value.
#[derive(Debug, Clone, Copy)]
enum Range {
    /// A share in [0, max].
    Share { max: f64, step: f64 },
    /// From `min` to the larger of `max` and `times` × the value.
    Open {
        min: f64,
        max: f64,
        times: f64,
        step: f64,
    },
    /// Initial customers: one step to the number of people.
    Customers,
}

/// Unit of a knob.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Percent,
    Money,
    Hours,
    Customers,
    Complaints,
}

/// One knob of the catalogue; `field` is the key below its table (a
/// policy's or a segment's). `PERIOD` in the label and help becomes the
/// scenario's period, `SEGMENT` the segment's name.
#[derive(Debug, Clone, Copy)]
struct Spec {
    field: &'static str,
    label: &'static str,
    help: &'static str,
    unit: Unit,
    range: Range,
    /// The default's source, when the scenario does not write the key.
    default_source: &'static str,
}

/// Knobs about the business and its customers' experience.
const BUSINESS: [Spec; 4] = [
    Spec {
        field: "population.initial_customers",
        label: "Customers today",
        help: "People who buy from you now, out of everyone in town who can hear about you.",
        unit: Unit::Customers,
        range: Range::Customers,
        default_source: "Default: a tenth of the town (a modelling choice).",
    },
    Spec {
        field: "economics.margin",
        label: "Margin per customer per PERIOD",
        help: "What one customer brings in, after costs, in one PERIOD.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 500.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: 50 a month (a modelling choice).",
    },
    Spec {
        field: "experience.problem_rate",
        label: "Customers with a problem each PERIOD",
        help: "How often something goes wrong for a customer.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 0.5,
            step: 0.005,
        },
        default_source: "Default: 5% (only a small share is dissatisfied; Goldenberg et al. 2007).",
    },
    Spec {
        field: "experience.complaint_rate",
        label: "Of those, how many complain",
        help: "The others leave or stay without a word, and tell their friends.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 1.0,
            step: 0.01,
        },
        default_source: "Default: 25% (a modelling choice; TARP found about 4%).",
    },
];

/// The share of a segment (`[segments.NAME]`), offered when the file
/// writes it and another segment takes the rest, so that it can move; its
/// largest value leaves that segment empty.
const SEGMENT_SHARE: Spec = Spec {
    field: "share",
    label: "People like “SEGMENT”",
    help: "Their share of everyone in town: each person is one with this probability. They have their own problems, complaints and costs, as the scenario file says; the segment without a share takes the rest.",
    unit: Unit::Percent,
    range: Range::Share {
        max: 1.0,
        step: 0.005,
    },
    default_source: "From the scenario file.",
};

/// Knobs of each policy that handles complaints (`handling = "recover"`).
const DESK: [Spec; 3] = [
    Spec {
        field: "response_hours",
        label: "Hours until a complaint is answered",
        help: "An answer within the quick limit (24 hours unless the scenario says otherwise) counts as quick: those customers stay more and tell more good.",
        unit: Unit::Hours,
        range: Range::Open {
            min: 0.0,
            max: 96.0,
            times: 2.0,
            step: 0.5,
        },
        default_source: "Default: 1 hour (seed 002: within 60 minutes).",
    },
    Spec {
        field: "resolve_rate",
        label: "Complaints resolved",
        help: "Of the complaints answered, how many end with the customer's problem fixed.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 1.0,
            step: 0.01,
        },
        default_source: "Default: 90% (seed 000: calling back and fixing turns most around).",
    },
    Spec {
        field: "compensation",
        label: "Compensation per resolved complaint",
        help: "A refund, discount or gift for each complaint put right.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 200.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: none (seed 003).",
    },
];

/// Knobs of each policy that parts with customers (`part_with`); the
/// refund only for a graceful parting.
const PARTING: [Spec; 2] = [
    Spec {
        field: "part_with.after_complaints",
        label: "Complaints before parting with a “SEGMENT” customer",
        help: "At this complaint (counted over the whole horizon) the customer is let go, as the scenario says: gracefully or abruptly. The complaint is handled and paid for first.",
        unit: Unit::Complaints,
        range: Range::Open {
            min: 1.0,
            max: 10.0,
            times: 2.0,
            step: 1.0,
        },
        default_source: "From the scenario file (the key has no default).",
    },
    Spec {
        field: "part_with.refund",
        label: "Refund when parting",
        help: "What parting gracefully costs for each “SEGMENT” customer let go: a refund of the last invoice.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 200.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: one PERIOD's margin of the segment (seed 001: refund the last invoice).",
    },
];

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
            for spec in &DESK {
                if let Some(value) = desk_value(policy, spec.field) {
                    out.push(knob(spec, &key(spec.field), &group, value, "", &cx));
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

/// A desk knob's value for `policy`.
fn desk_value(policy: &Policy, field: &str) -> Option<f64> {
    Some(match field {
        "response_hours" => policy.response_hours,
        "resolve_rate" => policy.resolve_rate,
        "compensation" => policy.compensation,
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
    let source = match written(cx.text, key) {
        Some(Some(comment)) => format!("From the scenario file: {comment}"),
        Some(None) => "From the scenario file.".to_string(),
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
    fn steps_are_round() {
        assert_eq!(customers_step(10_000.0), 10.0);
        assert_eq!(customers_step(500.0), 1.0);
        assert_eq!(customers_step(250_000.0), 100.0);
    }
}
