//! Segments and parting: what is read, what is refused (naming the file,
//! the key and what is allowed), and the resolved form.

use std::path::Path;

use super::super::resolved::{from_resolved, to_table};
use super::{POLICIES, check_cases, error, ok};
use crate::model::{Manner, OutcomeClass, PartWith, TellDist, Tone};

const SEGMENTS: &str = "
[segments.chronic]
share = 0.05
problem_rate = 0.5
complaint_rate = 0.9
resolve_factor = 0.5
handle_factor = 8.0
margin = 30.0
[segments.regular]
share = 0.95
";

#[test]
fn segments_keep_file_order_overrides_and_defaults() {
    let s = ok(&format!("{SEGMENTS}{POLICIES}"));
    assert_eq!(s.segment_names(), ["chronic", "regular"]);
    let [chronic, regular] = [&s.segments[0], &s.segments[1]];
    assert_eq!((chronic.share, chronic.margin), (0.05, Some(30.0)));
    assert_eq!((chronic.resolve_factor, chronic.handle_factor), (0.5, 8.0));
    assert_eq!(regular.margin, None);
    assert_eq!((regular.resolve_factor, regular.handle_factor), (1.0, 1.0));
    let values = s.segment_values();
    assert_eq!(values[0].problem_rate, 0.5);
    // A segment without an override takes the global value.
    assert_eq!(values[1].problem_rate, s.experience.problem_rate);
    assert_eq!(values[1].margin, s.economics.margin);
    assert!(!s.parts());
}

#[test]
fn a_segment_without_share_takes_the_rest() {
    let s = ok(&format!(
        "[segments.a]\nshare = 0.25\n[segments.b]\n[segments.c]\nshare = 0.5\n{POLICIES}"
    ));
    assert_eq!(s.segments[1].share, 0.25);
    let s = ok(&format!("[segments.everyone]\n{POLICIES}"));
    assert_eq!(s.segments[0].share, 1.0);
}

#[test]
fn no_segments_table_is_one_segment_of_global_values() {
    let s = ok(POLICIES);
    assert!(!s.has_segments());
    let values = s.segment_values();
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].base_churn, s.experience.base_churn);
    assert_eq!(values[0].resolve_factor, 1.0);
}

#[test]
fn part_with_is_read_with_its_default_refund() {
    let s = ok(&format!(
        "{SEGMENTS}
[policies.keep]
handling = \"recover\"
[policies.part]
handling = \"recover\"
part_with = {{ segment = \"chronic\", after_complaints = 2, manner = \"graceful\" }}
[policies.fire]
handling = \"ignore\"
part_with = {{ segment = \"chronic\", after_complaints = 1, manner = \"abrupt\" }}
[policies.refund]
handling = \"recover\"
part_with = {{ segment = \"chronic\", after_complaints = 3, manner = \"graceful\", refund = 99.5 }}
"
    ));
    assert!(s.parts());
    assert_eq!(s.policies[0].part_with, None);
    assert_eq!(
        s.policies[1].part_with,
        Some(PartWith {
            segment: "chronic".into(),
            after_complaints: 2,
            manner: Manner::Graceful,
            refund: None,
        })
    );
    assert_eq!(
        s.policies[2].part_with.as_ref().unwrap().manner,
        Manner::Abrupt
    );
    assert_eq!(s.policies[3].part_with.as_ref().unwrap().refund, Some(99.5));
    let graceful = s.outcomes.get(OutcomeClass::PartedGraceful);
    assert_eq!(graceful.stay, 0.0);
    assert_eq!(graceful.tone, Some(Tone::Negative));
    assert_eq!(graceful.tells, TellDist::Uniform { lo: 0, hi: 2 });
    assert_eq!(
        s.outcomes.get(OutcomeClass::PartedAbrupt).tells,
        TellDist::Uniform { lo: 10, hi: 22 }
    );
}

#[test]
fn parted_classes_can_be_overridden_but_not_their_stay() {
    let s = ok(&format!(
        "[outcomes.parted_graceful]\ntone = \"none\"\ntells = {{ fixed = 1 }}\n{POLICIES}"
    ));
    let g = s.outcomes.get(OutcomeClass::PartedGraceful);
    assert_eq!((g.tone, g.stay), (None, 0.0));
    let e = error(&format!("[outcomes.parted_abrupt]\nstay = 0.5\n{POLICIES}"));
    let text = e.to_string();
    assert!(
        text.contains("`outcomes.parted_abrupt.stay` is not allowed here"),
        "{text}"
    );
    assert!(text.contains("always leaves"), "{text}");
}

const PART: &str =
    "[policies.keep]\nhandling = \"recover\"\n[policies.part]\nhandling = \"recover\"\n";

/// Refusals of segments and parting: file, key, value and what is allowed.
#[rustfmt::skip]
const BAD_SEGMENTS: &[(&str, &[&str])] = &[
    ("[segments.a]\nshare = 0.5\n[segments.b]\nshare = 0.4",
        &["`segments` = shares summing to 0.9 (a 0.5 + b 0.4)", "sum to 1", "takes the rest"]),
    ("[segments.a]\nshare = 0.7\n[segments.b]\nshare = 0.7",
        &["summing to 1.4", "sum to 1"]),
    ("[segments.a]\nshare = 0.7\n[segments.b]\nshare = 0.6\n[segments.c]",
        &["summing to 1.3", "at most 1", "`segments.c` takes the rest"]),
    ("[segments.a]\n[segments.b]",
        &["`segments.b.share` is missing", "only one segment may leave out its share", "`segments.a` already does"]),
    ("[segments.a]\nshare = 1.5", &["`segments.a.share` = 1.5", "a probability in [0, 1]"]),
    ("[segments.a]\nshare = nan", &["`segments.a.share` = nan", "[0, 1]"]),
    ("[segments.a]\nmargin = -1.0", &["`segments.a.margin` = -1.0", "from 0 to 1e12"]),
    ("[segments.a]\nmargin = nan", &["`segments.a.margin` = nan", "from 0 to 1e12"]),
    ("[segments.a]\nproblem_rate = -0.1", &["`segments.a.problem_rate` = -0.1", "[0, 1]"]),
    ("[segments.a]\ncomplaint_rate = nan", &["`segments.a.complaint_rate` = nan", "[0, 1]"]),
    ("[segments.a]\nbase_churn = 2", &["`segments.a.base_churn` = 2.0", "[0, 1]"]),
    ("[experience]\nrecovery_paradox = 3\n[segments.a]\nbase_churn = 0.5",
        &["`segments.a.base_churn` = 0.5", "`experience.recovery_paradox` = 3.0", "at most 1"]),
    ("[segments.a]\nresolve_factor = -1", &["`segments.a.resolve_factor` = -1.0", "from 0 to 1000"]),
    ("[segments.a]\nhandle_factor = nan", &["`segments.a.handle_factor` = nan", "from 0 to 1000"]),
    ("[segments.a]\nresolve_factor = 1.5",
        &["`segments.a.resolve_factor` = 1.5", "`policies.recover.resolve_rate` = 0.9", "1.35", "at most 1"]),
    ("[segments.a]\nshare_of = 1", &["unknown key `segments.a.share_of`", "did you mean `share`?"]),
    ("[segments]", &["`segments` = 0 segments", "from 1 to 16"]),
    ("[segments.\"a b\"]", &["`segments.\"a b\"`", "ASCII letters"]),
];

#[rustfmt::skip]
const BAD_PARTING: &[(&str, &[&str])] = &[
    ("part_with = { segment = \"chronc\", after_complaints = 1, manner = \"abrupt\" }",
        &["`policies.part.part_with.segment` = \"chronc\"", "one of \"chronic\", \"regular\"", "did you mean \"chronic\"?"]),
    ("part_with = { after_complaints = 1, manner = \"abrupt\" }",
        &["`policies.part.part_with.segment` is missing", "\"chronic\""]),
    ("part_with = { segment = \"chronic\", after_complaints = 0, manner = \"abrupt\" }",
        &["`policies.part.part_with.after_complaints` = 0", "from 1 to 65535"]),
    ("part_with = { segment = \"chronic\", after_complaints = -2, manner = \"abrupt\" }",
        &["`policies.part.part_with.after_complaints` = -2", "from 1 to 65535"]),
    ("part_with = { segment = \"chronic\", manner = \"abrupt\" }",
        &["`policies.part.part_with.after_complaints` is missing"]),
    ("part_with = { segment = \"chronic\", after_complaints = 1, manner = \"rude\" }",
        &["`policies.part.part_with.manner` = \"rude\"", "one of \"graceful\", \"abrupt\""]),
    ("part_with = { segment = \"chronic\", after_complaints = 1, manner = \"gracefull\" }",
        &["did you mean \"graceful\"?"]),
    ("part_with = { segment = \"chronic\", after_complaints = 1 }",
        &["`policies.part.part_with.manner` is missing", "\"graceful\", \"abrupt\""]),
    ("part_with = { segment = \"chronic\", after_complaints = 1, manner = \"abrupt\", refund = 5.0 }",
        &["`policies.part.part_with.refund` is not allowed here", "graceful"]),
    ("part_with = { segment = \"chronic\", after_complaints = 1, manner = \"graceful\", refund = -5.0 }",
        &["`policies.part.part_with.refund` = -5.0", "from 0 to 1e12"]),
    ("part_with = { segment = \"chronic\", after_complaints = 1, manner = \"graceful\", after = 2 }",
        &["unknown key `policies.part.part_with.after`", "after_complaints"]),
    ("part_with = \"chronic\"", &["`policies.part.part_with`", "segment = \"NAME\""]),
];

#[test]
fn bad_segments_are_refused_naming_key_and_allowed_values() {
    check_cases(BAD_SEGMENTS, POLICIES);
}

#[test]
fn bad_partings_are_refused_naming_key_and_allowed_values() {
    let cases: Vec<(String, &[&str])> = BAD_PARTING
        .iter()
        .map(|(line, needles)| (format!("{SEGMENTS}{PART}{line}"), *needles))
        .collect();
    let cases: Vec<(&str, &[&str])> = cases.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    check_cases(&cases, "");
}

#[test]
fn parting_needs_segments() {
    let text = format!(
        "{PART}part_with = {{ segment = \"chronic\", after_complaints = 1, manner = \"abrupt\" }}"
    );
    let message = error(&text).to_string();
    assert!(
        message.contains("this scenario has no [segments]"),
        "{message}"
    );
}

#[test]
fn segments_and_parting_survive_the_round_trip() {
    let text = format!(
        "{SEGMENTS}[outcomes.parted_graceful]\ntells = {{ poisson = 0.5 }}\n{PART}\
         part_with = {{ segment = \"chronic\", after_complaints = 2, manner = \"graceful\" }}\n\
         [policies.fire]\nhandling = \"ignore\"\n\
         part_with = {{ segment = \"regular\", after_complaints = 9, manner = \"abrupt\" }}\n"
    );
    let s = ok(&text);
    let table = to_table(&s).unwrap();
    assert_eq!(from_resolved(&table, Path::new("m.json")).unwrap(), s);
    // The default refund stays "one period's margin", not a number.
    let part = &table["policies"]["part"]["part_with"];
    assert!(part.get("refund").is_none(), "{part}");
    assert!(table["outcomes"].get("parted_abrupt").is_some());
}

#[test]
fn without_segments_or_parting_the_resolved_form_is_unchanged() {
    let table = to_table(&ok(POLICIES)).unwrap();
    assert!(table.get("segments").is_none());
    let outcomes = table["outcomes"].as_table().unwrap();
    assert!(!outcomes.contains_key("parted_graceful"));
    assert!(!outcomes.contains_key("parted_abrupt"));
    // An override of a parted class is kept even when no policy parts.
    let s = ok(&format!(
        "[outcomes.parted_abrupt]\ntells = {{ fixed = 3 }}\n{POLICIES}"
    ));
    let table = to_table(&s).unwrap();
    assert!(table["outcomes"].get("parted_abrupt").is_some());
    assert_eq!(from_resolved(&table, Path::new("m.json")).unwrap(), s);
}
