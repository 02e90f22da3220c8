//! The resolved form: every scenario written back and read again is the
//! same scenario, whatever its keys.

use std::path::Path;

use super::super::resolved::{from_resolved, to_table, to_toml};
use super::super::{parse, parse_table};
use super::POLICIES;
use crate::scenario::shipped::SHIPPED;

fn round_trip(text: &str, file: &str) {
    let s = parse(text, Path::new(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let table = to_table(&s).unwrap();
    let back = from_resolved(&table, Path::new("metadata.json")).unwrap();
    assert_eq!(back, s, "{file}: table round trip");
    // Through text, as `wom run` would read a downloaded scenario.
    let text = to_toml(&s).unwrap();
    let reread = parse_table(&text, Path::new("x.toml")).unwrap();
    assert_eq!(from_resolved(&reread, Path::new("x.toml")).unwrap(), s);
    // And through JSON, as result files hold it.
    let json = serde_json::to_value(&table).unwrap();
    let from_json: toml::Table = serde_json::from_value(json).unwrap();
    assert_eq!(from_resolved(&from_json, Path::new("m.json")).unwrap(), s);
}

#[test]
fn shipped_scenarios_survive_the_round_trip() {
    for (file, text) in SHIPPED {
        round_trip(text, &format!("scenarios/{file}"));
    }
}

#[test]
fn every_form_survives_the_round_trip() {
    let texts = [
        format!(
            "seed = 9223372036854775807\n[population]\ninitial_customers = 37\n\
             [network]\nkind = \"file\"\npath = \"net/e.txt\"\n{POLICIES}"
        ),
        format!(
            "[outcomes.silent]\ntells = {{ fixed = 7 }}\n\
             [outcomes.unresolved]\ntells = {{ negative_binomial = {{ mean = 9.5, dispersion = 0.8 }} }}\n\
             [outcomes.resolved]\ntone = \"none\"\ntells = {{ empirical = {{ values = [0, 5], weights = [3, 1] }} }}\n\
             [word_of_mouth]\nretell_tells = {{ poisson = 1.5 }}\n{POLICIES}"
        ),
        format!(
            "[network]\nkind = \"strong_weak_ties\"\nweak_ties_churn = true\nresample = true\n\
             [experience]\nbase_churn = 0.1\nrecovery_paradox = 0.5\n{POLICIES}"
        ),
        format!("[network]\nkind = \"barabasi_albert\"\nattach = 3\n{POLICIES}"),
        format!("[network]\nkind = \"erdos_renyi\"\nmean_degree = 4.5\n{POLICIES}"),
    ];
    for text in &texts {
        round_trip(text, "dir/s.toml");
    }
}

#[test]
fn resolved_paths_are_not_joined_again() {
    let text = format!("[network]\nkind = \"file\"\npath = \"e.txt\"\n{POLICIES}");
    let s = parse(&text, Path::new("dir/s.toml")).unwrap();
    let back = from_resolved(&to_table(&s).unwrap(), Path::new("out/metadata.json")).unwrap();
    assert_eq!(back.network, s.network);
}
