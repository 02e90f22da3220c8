//! The defaults: MODEL.md's table, and the template that spells them out.

use std::path::Path;

use super::super::parse;
use super::super::template::TEMPLATE;
use super::{POLICIES, ok};
use crate::graph::Generator;
use crate::model::*;

fn uniform(lo: u32, hi: u32) -> TellDist {
    TellDist::Uniform { lo, hi }
}

fn outcome(stay: f64, tone: Tone, tells: TellDist) -> OutcomeSpec {
    OutcomeSpec {
        stay,
        tone: Some(tone),
        tells,
    }
}

fn default_policy(name: &str, handling: Handling) -> Policy {
    Policy {
        name: name.into(),
        handling,
        resolve_rate: 0.9,
        handoffs: 0,
        handoff_penalty: 0.15,
        response_hours: 1.0,
        handoff_hours: 0.0,
        staffing: None,
        quick_hours: 24.0,
        compensation: 0.0,
        handling_cost: 0.0,
        part_with: None,
    }
}

/// MODEL.md's Defaults table, written out with its literal numbers.
fn model_md_defaults() -> Scenario {
    Scenario {
        name: "shop".into(),
        description: String::new(),
        periods: 12,
        period_label: "month".into(),
        periods_per_year: 12.0,
        replications: 1000,
        seed: 1,
        population: Population {
            people: 10_000,
            initial_customers: InitialCustomers::Fraction(0.1),
            segments_file: None,
        },
        network: Network {
            kind: NetworkKind::Generated(Generator::WattsStrogatz {
                mean_degree: 30.0,
                rewire: 0.1,
            }),
            weak_ties_churn: false,
            resample: false,
        },
        experience: Experience {
            problem_rate: 0.05,
            complaint_rate: 0.25,
            base_churn: 0.02,
            recovery_paradox: 1.0,
            tolerance_hours: None,
        },
        outcomes: Outcomes {
            classes: [
                outcome(1.0 - 0.02, Tone::Positive, uniform(1, 2)),
                outcome(0.09, Tone::Negative, uniform(10, 22)),
                outcome(0.19, Tone::Negative, uniform(10, 22)),
                outcome(0.54, Tone::Positive, uniform(1, 2)),
                outcome(0.82, Tone::Positive, uniform(4, 6)),
                // MODEL.md, "Parting with customers": stay 0.
                outcome(0.0, Tone::Negative, uniform(0, 2)),
                outcome(0.0, Tone::Negative, uniform(10, 22)),
            ],
        },
        word_of_mouth: WordOfMouth {
            max_hops: 3,
            hop_decay: 0.5,
            retell_negative: 0.3,
            retell_positive: 0.1,
            retell_tells: uniform(1, 3),
        },
        effects: Effects {
            deter: 0.5,
            referral_conversion: 0.02,
            hearsay_churn: 0.02,
            organic_conversion: 0.002,
        },
        economics: Economics {
            margin: 50.0,
            discount_rate: 0.10,
            currency: "USD".into(),
        },
        policies: vec![
            default_policy("ignore", Handling::Ignore),
            default_policy("recover", Handling::Recover),
        ],
        segments: Vec::new(),
        uncertainty: None,
    }
}

#[test]
fn two_policies_alone_give_exactly_the_model_md_defaults() {
    assert_eq!(ok(POLICIES), model_md_defaults());
}

#[test]
fn default_consts_agree_with_the_parsed_defaults() {
    use super::super::defaults as d;
    let s = ok(POLICIES);
    assert_eq!(s.network.kind, d::network_kind());
    let table = super::super::resolved::to_table(&s).unwrap();
    assert_eq!(table["network"]["kind"].as_str(), Some(d::NETWORK_KIND));
    assert_eq!(s.word_of_mouth.retell_tells, d::retell_tells());
    for class in OutcomeClass::ALL {
        assert_eq!(*s.outcomes.get(class), d::outcome(class), "{}", class.key());
    }
}

#[test]
fn template_parses_to_exactly_the_defaults() {
    let mut expected = model_md_defaults();
    expected.name = "template".into();
    assert_eq!(
        parse(TEMPLATE, Path::new("template.toml")).unwrap_or_else(|e| panic!("{e}")),
        expected
    );
}

/// The template's commented-out desk and patience parse, and a policy
/// with that desk answers through it.
#[test]
fn template_desk_and_patience_lines_parse_when_uncommented() {
    let uncommented: String = TEMPLATE
        .lines()
        .map(|l| {
            if l.starts_with("# tolerance_hours =") || l.starts_with("# staffing =") {
                &l[2..]
            } else {
                l
            }
        })
        .map(|l| {
            // A desk replaces response_hours.
            if l.starts_with("response_hours =") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let s = parse(&uncommented, Path::new("template.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(s.experience.tolerance_hours.is_some());
    let desk = s.policies[1].staffing.as_ref().expect("a desk");
    assert_eq!((desk.agents, desk.calendar.days_per_week()), (2, 5));
}

#[test]
fn template_mentions_every_key_of_every_level() {
    let keys = [
        "name",
        "description",
        "periods",
        "period_label",
        "periods_per_year",
        "replications",
        "seed",
        "people",
        "initial_customers",
        "kind",
        "mean_degree",
        "rewire",
        "attach",
        "cluster_size",
        "strong_ties",
        "weak_ties",
        "weak_ties_churn",
        "path",
        "format",
        "resample",
        "problem_rate",
        "complaint_rate",
        "base_churn",
        "recovery_paradox",
        "stay",
        "tone",
        "tells",
        "max_hops",
        "hop_decay",
        "retell",
        "retell_tells",
        "deter",
        "referral_conversion",
        "hearsay_churn",
        "organic_conversion",
        "margin",
        "discount_rate",
        "currency",
        "handling",
        "resolve_rate",
        "handoffs",
        "handoff_penalty",
        "response_hours",
        "quick_hours",
        "compensation",
        "handling_cost",
        "share",
        "resolve_factor",
        "handle_factor",
        "part_with",
        "segment",
        "after_complaints",
        "manner",
        "refund",
        "tolerance_hours",
        "handoff_hours",
        "staffing",
        "agents",
        "handle_minutes",
        "days_per_week",
        "hours_per_day",
        "agent_cost",
    ];
    for key in keys {
        assert!(
            TEMPLATE.contains(&format!("{key} =")),
            "template lacks `{key} =`"
        );
    }
}
