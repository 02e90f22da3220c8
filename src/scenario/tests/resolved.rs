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
        // Response times and staffing: every duration form, a desk with its
        // defaults and one with every key, hours per handoff.
        format!(
            "[experience]\ntolerance_hours = {{ empirical = {{ values = [0.5, 1, 24], weights = [3, 1, 2] }} }}\n\
             {POLICIES}[policies.desk]\nhandling = \"recover\"\nhandoffs = 1\nhandoff_hours = 2.5\n\
             staffing = {{ agents = 3, handle_minutes = {{ lognormal = {{ median = 12, sigma = 0.6 }} }} }}\n\
             [policies.late]\nhandling = \"recover\"\nquick_hours = 4\n\
             staffing = {{ agents = 1, handle_minutes = {{ uniform = [5, 25] }}, days_per_week = 7, \
             hours_per_day = 20.5, agent_cost = 3100 }}\n"
        ),
        format!(
            "[experience]\ntolerance_hours = {{ lognormal = {{ median = 1.4, sigma = 2.8 }} }}\n{POLICIES}"
        ),
        format!("[experience]\ntolerance_hours = {{ exponential = 6 }}\n{POLICIES}"),
        format!("[experience]\ntolerance_hours = {{ fixed = 1 }}\n{POLICIES}"),
        format!(
            "{POLICIES}[policies.desk]\nhandling = \"recover\"\n\
             staffing = {{ agents = 2, handle_minutes = {{ empirical = {{ values = [10, 60], weights = [9, 1] }} }} }}\n"
        ),
    ];
    for text in &texts {
        round_trip(text, "dir/s.toml");
    }
}

#[test]
fn scenarios_without_response_times_resolve_without_their_keys() {
    // So that their resolved text, and their identity, are what they were
    // before desks and tolerances existed.
    let s = parse(POLICIES, Path::new("s.toml")).unwrap();
    let text = to_toml(&s).unwrap();
    for key in ["staffing", "handoff_hours", "tolerance_hours"] {
        assert!(!text.contains(key), "{key} in\n{text}");
    }
    assert!(text.contains("response_hours = 1.0"));
    // A desk replaces response_hours in the resolved form.
    let desk = format!(
        "{POLICIES}[policies.desk]\nhandling = \"recover\"\n\
         staffing = {{ agents = 2, handle_minutes = {{ fixed = 10 }} }}\n"
    );
    let s = parse(&desk, Path::new("s.toml")).unwrap();
    let table = to_table(&s).unwrap();
    let policy = table["policies"]["desk"].as_table().unwrap();
    assert!(!policy.contains_key("response_hours"));
    assert_eq!(policy["staffing"]["days_per_week"].as_integer(), Some(5));
}

#[test]
fn resolved_paths_are_not_joined_again() {
    let text = format!("[network]\nkind = \"file\"\npath = \"e.txt\"\n{POLICIES}");
    let s = parse(&text, Path::new("dir/s.toml")).unwrap();
    let back = from_resolved(&to_table(&s).unwrap(), Path::new("out/metadata.json")).unwrap();
    assert_eq!(back.network, s.network);
}
