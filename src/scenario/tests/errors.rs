//! Errors about policies, positions in the text, syntax and `set_key`.

use std::path::Path;

use super::super::*;
use super::{POLICIES, check_cases, error};

/// Policies that are missing, too few, or wrong; the text is the whole file.
#[rustfmt::skip]
const POLICY_CASES: &[(&str, &[&str])] = &[
    ("", &["`policies` is missing", "at least two"]),
    ("[policies.only]\nhandling = \"ignore\"", &["`policies` = 1 policy (only)", "at least two"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nresolve_rate = 0.5",
        &["`policies.b.handling` is missing", "\"ignore\", \"recover\""]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recovr\"",
        &["`policies.b.handling` = \"recovr\"", "did you mean \"recover\"?"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\nresolve_rate = 1.5",
        &["`policies.b.resolve_rate` = 1.5", "a probability in [0, 1]"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\nhandoff_penalty = nan",
        &["`policies.b.handoff_penalty` = nan", "[0, 1]"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\nresponse_hours = -1",
        &["`policies.b.response_hours` = -1.0", "hours from 0 to 1000000"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\nhandling_cost = inf",
        &["`policies.b.handling_cost` = inf", "finite"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\nhandofs = 2",
        &["unknown key `policies.b.handofs`", "did you mean `handoffs`?", "quick_hours"]),
    ("[policies.a]\nhandling = \"ignore\"\n[policies.\"b c\"]\nhandling = \"recover\"",
        &["\"b c\"", "letters, digits"]),
    ("[policies]", &["`policies` = no policy", "at least two"]),
    ("[policies]\na = 3\nb = 4", &["`policies.a` = 3", "a table"]),
];

#[test]
fn bad_policies_name_the_key_and_what_is_allowed() {
    check_cases(POLICY_CASES, "");
}

#[test]
fn errors_point_at_line_and_column() {
    let e = error(&format!(
        "periods = 3\n\n[effects]\ndeter = 1.5\n{POLICIES}"
    ));
    assert_eq!(e.location, Some(Location { line: 4, column: 9 }));
    let message = e.to_string();
    assert!(
        message.starts_with("dir/shop.toml:4:9: `effects.deter` = 1.5"),
        "{message}"
    );

    // An unknown key points at the key, a missing one at its table.
    let e = error(&format!("[experience]\ncomplaint_rat = 0.1\n{POLICIES}"));
    assert_eq!(e.location, Some(Location { line: 2, column: 1 }));
    let e = error("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandoffs = 1\n");
    assert_eq!(
        e.location,
        Some(Location {
            line: 3,
            column: 11
        })
    );
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = parse_table("periods = 3\nseed = = 1\n", Path::new("s.toml")).unwrap_err();
    assert!(matches!(*e.kind, ErrorKind::Syntax { .. }));
    assert_eq!(e.location.map(|l| l.line), Some(2));
    assert!(e.to_string().starts_with("s.toml:2:"), "{e}");
}

#[test]
fn unknown_key_carries_a_structured_suggestion() {
    let e = error(&format!("[experience]\ncomplaint_rat = 0.1\n{POLICIES}"));
    let ErrorKind::UnknownKey {
        key,
        suggestion,
        allowed,
    } = *e.kind
    else {
        panic!("{e}")
    };
    assert_eq!(key, "experience.complaint_rat");
    assert_eq!(suggestion.as_deref(), Some("complaint_rate"));
    let expected = [
        "problem_rate",
        "complaint_rate",
        "base_churn",
        "recovery_paradox",
        "tolerance_hours",
    ];
    assert_eq!(allowed, expected);
}

#[test]
fn set_key_rejects_paths_through_non_tables_and_empty_parts() {
    let mut table = parse_table("periods = 3\n", Path::new("s.toml")).unwrap();
    let one = || toml::Value::Integer(1);
    let e = set_key(&mut table, "periods.x", one()).unwrap_err();
    assert!(
        e.to_string().contains("`periods` is integer, not a table"),
        "{e}"
    );
    let e = set_key(&mut table, "a..b", one()).unwrap_err();
    assert!(matches!(*e.kind, ErrorKind::BadKeyPath { .. }));
    assert!(set_key(&mut table, "", one()).is_err());
    assert_eq!(table.get("a"), None, "a failed set leaves no trace");
}
