//! The owner-facing knobs of a scenario: which keys the page offers, in the
//! owner's words, with ranges and the source of each value. Built from the
//! validated scenario and the scenario's text, whose comment on a key is
//! its source.
//!
//! A new knob is one more [`Spec`] in [`BUSINESS`] or [`DESK`] (and its
//! value in [`business_value`] or [`desk_value`]); the page needs no change.

use super::engine::Knob;
use crate::present::money::symbol;
use wom::model::{Handling, Policy, Scenario};

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
}

/// One knob of the catalogue; `field` is the key below its table (a policy's
/// field for [`DESK`]).
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

/// The knobs of `scenario`, whose file text is `text` and whose network
/// has `people` persons: the business knobs, then the desk knobs of each
/// policy that handles complaints.
pub fn knobs(scenario: &Scenario, text: &str, people: u32) -> Vec<Knob> {
    let period = &scenario.period_label;
    let currency = symbol(&scenario.economics.currency);
    let mut out = Vec::new();
    for spec in &BUSINESS {
        let Some(value) = business_value(scenario, spec.field, people) else {
            continue;
        };
        let group = "Your business";
        out.push(knob(
            spec,
            spec.field,
            group,
            value,
            f64::from(people),
            period,
            &currency,
            text,
        ));
    }
    for policy in &scenario.policies {
        if policy.handling != Handling::Recover {
            continue;
        }
        let group = format!("Complaint desk: policy “{}”", policy.name);
        for spec in &DESK {
            let Some(value) = desk_value(policy, spec.field) else {
                continue;
            };
            let key = format!("policies.{}.{}", policy.name, spec.field);
            out.push(knob(
                spec,
                &key,
                &group,
                value,
                f64::from(people),
                period,
                &currency,
                text,
            ));
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

/// A desk knob's value for `policy`.
fn desk_value(policy: &Policy, field: &str) -> Option<f64> {
    Some(match field {
        "response_hours" => policy.response_hours,
        "resolve_rate" => policy.resolve_rate,
        "compensation" => policy.compensation,
        _ => return None,
    })
}

#[allow(clippy::too_many_arguments)]
fn knob(
    spec: &Spec,
    key: &str,
    group: &str,
    value: f64,
    people: f64,
    period: &str,
    currency: &str,
    text: &str,
) -> Knob {
    let (unit, scale, integer) = match spec.unit {
        Unit::Percent => ("%".to_string(), 100.0, false),
        Unit::Money => (currency.trim().to_string(), 1.0, false),
        Unit::Hours => ("hours".to_string(), 1.0, false),
        Unit::Customers => ("customers".to_string(), 1.0, true),
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
            let step = customers_step(people);
            (step, people.max(value), step)
        }
    };
    let source = match written(text, key) {
        Some(Some(comment)) => format!("From the scenario file: {comment}"),
        Some(None) => "From the scenario file.".to_string(),
        None => spec.default_source.to_string(),
    };
    Knob {
        key: key.to_string(),
        group: group.to_string(),
        label: spec.label.replace("PERIOD", period),
        help: spec.help.replace("PERIOD", period),
        unit,
        scale,
        min,
        max,
        step,
        value,
        integer,
        source,
    }
}

/// A round slider step for a count out of `people`: about a thousandth.
fn customers_step(people: f64) -> f64 {
    let raw = (people / 1000.0).max(1.0);
    10f64.powf(raw.log10().floor())
}

/// Whether `dotted` is written in the scenario text, and its trailing
/// comment if it has one. Reads `[table]` headers and `key = value` lines
/// (enough for scenario files; inline tables are not searched).
fn written(text: &str, dotted: &str) -> Option<Option<String>> {
    let mut header = String::new();
    for line in text.lines() {
        let (code, comment) = split_comment(line);
        let code = code.trim();
        if let Some(inner) = code.strip_prefix('[') {
            header = inner
                .trim_matches(|c| c == '[' || c == ']')
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join(".");
            continue;
        }
        let Some((key, _)) = code.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        let full = if header.is_empty() {
            key.to_string()
        } else {
            format!("{header}.{key}")
        };
        if full == dotted {
            return Some(
                comment
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
            );
        }
    }
    None
}

/// A line's code and its comment (a `#` outside quotes).
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return (&line[..i], Some(&line[i + 1..])),
            _ => {}
        }
    }
    (line, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_their_comments() {
        let text = "periods = 6 # half a year\n[policies.fast]\nresponse_hours = 1.0  # seed 002: \"# within\" an hour\nresolve_rate = 0.8\n";
        assert_eq!(written(text, "periods"), Some(Some("half a year".into())));
        assert_eq!(
            written(text, "policies.fast.response_hours"),
            Some(Some("seed 002: \"# within\" an hour".into()))
        );
        assert_eq!(written(text, "policies.fast.resolve_rate"), Some(None));
        assert_eq!(written(text, "economics.margin"), None);
    }

    #[test]
    fn every_spec_has_a_value() {
        let (_, text) = wom::scenario::shipped::SHIPPED[0];
        let scenario = wom::scenario::parse(text, std::path::Path::new("default.toml")).unwrap();
        for spec in &BUSINESS {
            assert!(business_value(&scenario, spec.field, 10_000).is_some());
        }
        for spec in &DESK {
            assert!(desk_value(&scenario.policies[1], spec.field).is_some());
        }
        let all = knobs(&scenario, text, 10_000);
        assert_eq!(all.len(), BUSINESS.len() + DESK.len());
        assert_eq!(all[0].value, 1_000.0, "a tenth of 10,000 people");
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(customers_step(10_000.0), 10.0);
        assert_eq!(customers_step(500.0), 1.0);
        assert_eq!(customers_step(250_000.0), 100.0);
    }
}
