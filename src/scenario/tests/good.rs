//! Good scenarios: key order, names, derived values, overrides, every form.

use std::path::{Path, PathBuf};

use toml::Value;

use super::super::*;
use super::{POLICIES, ok};
use crate::graph::Generator;
use crate::model::*;

#[test]
fn policies_keep_file_order() {
    let s = ok(
        "[policies.zeta]\nhandling = \"ignore\"\n[policies.alpha]\nhandling = \"recover\"\n\
                [policies.mid]\nhandling = \"recover\"\nhandoffs = 2\n",
    );
    let names: Vec<_> = s.policies.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["zeta", "alpha", "mid"]);
    assert_eq!(s.policy("mid").map(|p| p.handoffs), Some(2));
    assert!(s.policy("nope").is_none());
}

#[test]
fn name_defaults_to_the_file_stem() {
    let s = parse(POLICIES, Path::new("/a/b/shop.v2.toml")).unwrap();
    assert_eq!(s.name, "shop.v2");
    let s = parse(
        &format!("name = \"Corner shop\"\n{POLICIES}"),
        Path::new("x.toml"),
    )
    .unwrap();
    assert_eq!(s.name, "Corner shop");
    assert_eq!(parse(POLICIES, Path::new("")).unwrap().name, "scenario");
}

#[test]
fn integer_initial_customers_is_a_count_and_float_a_fraction() {
    let at = |v: &str| {
        ok(&format!(
            "[population]\ninitial_customers = {v}\n{POLICIES}"
        ))
        .population
    };
    assert_eq!(at("1").initial_customers, InitialCustomers::Count(1));
    assert_eq!(at("1.0").initial_customers, InitialCustomers::Fraction(1.0));
    assert_eq!(at("0").initial_customers, InitialCustomers::Count(0));
    let p = at("0.25");
    assert_eq!(p.initial_customers.resolve(p.people), 2500);
    assert_eq!(
        at("10000").initial_customers,
        InitialCustomers::Count(10_000)
    );
}

#[test]
fn satisfied_stay_and_base_churn_determine_each_other() {
    let s = ok(&format!("[experience]\nbase_churn = 0.1\n{POLICIES}"));
    assert_eq!(
        (
            s.experience.base_churn,
            s.outcomes.get(OutcomeClass::Satisfied).stay
        ),
        (0.1, 0.9)
    );
    let s = ok(&format!("[outcomes.satisfied]\nstay = 0.75\n{POLICIES}"));
    assert_eq!(
        (
            s.experience.base_churn,
            s.outcomes.get(OutcomeClass::Satisfied).stay
        ),
        (0.25, 0.75)
    );
    let s = ok(&format!(
        "[experience]\nbase_churn = 0.1\n[outcomes.satisfied]\nstay = 0.9\n{POLICIES}"
    ));
    assert_eq!(s.experience.base_churn, 0.1);
    assert_eq!(s.outcomes.get(OutcomeClass::Satisfied).stay, 1.0 - 0.1);
}

#[test]
fn set_key_overrides_then_revalidates() {
    let path = Path::new("dir/shop.toml");
    let mut table = parse_table(POLICIES, path).unwrap();
    set_key(
        &mut table,
        "policies.recover.resolve_rate",
        parse_value_literal("0.3"),
    )
    .unwrap();
    set_key(
        &mut table,
        "network.kind",
        parse_value_literal("erdos_renyi"),
    )
    .unwrap();
    set_key(
        &mut table,
        "network.mean_degree",
        parse_value_literal("4.5"),
    )
    .unwrap();
    set_key(
        &mut table,
        "outcomes.silent.tells",
        parse_value_literal("{ poisson = 12 }"),
    )
    .unwrap();
    let s = from_table(&table, path).unwrap();
    assert_eq!(s.policy("recover").unwrap().resolve_rate, 0.3);
    assert_eq!(
        s.network.kind,
        NetworkKind::Generated(Generator::ErdosRenyi { mean_degree: 4.5 })
    );
    assert_eq!(
        s.outcomes.get(OutcomeClass::Silent).tells,
        TellDist::Poisson { mean: 12.0 }
    );

    set_key(
        &mut table,
        "policies.recover.resolve_rate",
        parse_value_literal("1.3"),
    )
    .unwrap();
    let e = from_table(&table, path).unwrap_err();
    assert!(
        e.to_string()
            .contains("`policies.recover.resolve_rate` = 1.3"),
        "{e}"
    );
    assert_eq!(e.location, None);
}

#[test]
fn value_literals_are_typed_like_toml() {
    assert_eq!(parse_value_literal("0.3"), Value::Float(0.3));
    assert_eq!(parse_value_literal("24"), Value::Integer(24));
    assert_eq!(parse_value_literal("true"), Value::Boolean(true));
    assert_eq!(
        parse_value_literal("ignore"),
        Value::String("ignore".into())
    );
    assert_eq!(parse_value_literal("\"24\""), Value::String("24".into()));
    assert_eq!(
        parse_value_literal("[1, 3]"),
        Value::Array(vec![Value::Integer(1), Value::Integer(3)])
    );
    assert_eq!(
        parse_value_literal("1\nx = 2"),
        Value::String("1\nx = 2".into())
    );
}

#[test]
fn every_network_kind_has_defaults() {
    let network = |text: &str| ok(&format!("[network]\n{text}\n{POLICIES}")).network;
    let kind = |text: &str| match network(text).kind {
        NetworkKind::Generated(g) => g,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        kind("kind = \"barabasi_albert\""),
        Generator::BarabasiAlbert { attach: 5 }
    );
    assert_eq!(
        kind("kind = \"erdos_renyi\""),
        Generator::ErdosRenyi { mean_degree: 30.0 }
    );
    let swt = network("kind = \"strong_weak_ties\"\nweak_ties_churn = true");
    assert_eq!(
        swt.kind,
        NetworkKind::Generated(Generator::StrongWeakTies {
            cluster_size: 10,
            strong_ties: 8.0,
            weak_ties: 2.0,
        })
    );
    assert!(swt.weak_ties_churn);
    assert_eq!(
        kind("mean_degree = 4\nrewire = 0"),
        Generator::WattsStrogatz {
            mean_degree: 4.0,
            rewire: 0.0
        }
    );
}

#[test]
fn file_network_path_is_relative_to_the_scenario_and_people_is_not_checked() {
    let s = ok(&format!(
        "[population]\npeople = 1\ninitial_customers = 50000\n[network]\nkind = \"file\"\npath = \"net/edges.txt\"\n{POLICIES}"
    ));
    assert_eq!(
        s.network.kind,
        NetworkKind::File {
            path: PathBuf::from("dir/net/edges.txt")
        }
    );
    assert_eq!(
        s.population.initial_customers,
        InitialCustomers::Count(50_000)
    );
    let s = parse(
        &format!("[network]\nkind = \"file\"\npath = \"/abs/e.txt\"\n{POLICIES}"),
        Path::new("s.toml"),
    );
    assert_eq!(
        s.unwrap().network.kind,
        NetworkKind::File {
            path: PathBuf::from("/abs/e.txt")
        }
    );
}

#[test]
fn distributions_of_every_form_are_read() {
    let text = "[outcomes.silent]\ntells = { fixed = 7 }\n\
        [outcomes.unresolved]\ntells = { negative_binomial = { mean = 9.5, dispersion = 0.8 } }\n\
        [outcomes.resolved]\ntone = \"none\"\ntells = { empirical = { values = [0, 5], weights = [3, 1] } }\n\
        [word_of_mouth]\nretell_tells = { poisson = 1.5 }\nretell = { negative = 0.5 }\n";
    let s = ok(&format!("{text}{POLICIES}"));
    assert_eq!(
        s.outcomes.get(OutcomeClass::Silent).tells,
        TellDist::Fixed(7)
    );
    let nb = TellDist::NegativeBinomial {
        mean: 9.5,
        dispersion: 0.8,
    };
    assert_eq!(s.outcomes.get(OutcomeClass::Unresolved).tells, nb);
    let resolved = s.outcomes.get(OutcomeClass::Resolved);
    assert_eq!(resolved.tone, None);
    assert_eq!(resolved.tells.mean(), 1.25);
    assert_eq!(
        s.word_of_mouth.retell_tells,
        TellDist::Poisson { mean: 1.5 }
    );
    assert_eq!(
        (
            s.word_of_mouth.retell_negative,
            s.word_of_mouth.retell_positive
        ),
        (0.5, 0.1)
    );
}

#[test]
fn derived_quantities() {
    let s = ok(POLICIES);
    assert!((s.discount_factor() - 1.1_f64.powf(-1.0 / 12.0)).abs() < 1e-15);
    let recover = s.policy("recover").unwrap();
    assert!((recover.resolve_probability() - 0.9).abs() < 1e-15);
    assert!(recover.is_quick());
}

#[test]
fn resolved_scenario_is_written_like_the_file() {
    let table = super::super::resolved::to_table(&ok(POLICIES)).unwrap();
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json["network"]["kind"], "watts_strogatz");
    assert_eq!(json["network"]["mean_degree"], 30.0);
    assert_eq!(json["outcomes"]["resolved_quickly"]["stay"], 0.82);
    assert_eq!(json["outcomes"]["silent"]["tells"]["uniform"][1], 22);
    assert_eq!(json["population"]["initial_customers"], 0.1);
    assert_eq!(json["policies"]["recover"]["handling"], "recover");
    assert!(json["outcomes"]["satisfied"].get("stay").is_none());
}
