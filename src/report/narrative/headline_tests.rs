//! Tests of the headline (`headline`).

use super::*;
use wom::results::ordered::Ordered;

fn stat(mean: f64) -> Stat {
    Stat {
        mean,
        sd: 1.0,
        ci95: [mean - 10.0, mean + 10.0],
        p5: mean,
        p50: mean,
        p95: mean,
    }
}

#[test]
fn a_parting_headline_reads_as_gain_with_what_word_of_mouth_takes_back() {
    let text = "[segments.chronic]\nshare = 0.1\n[segments.rest]\n\
        [policies.keep]\nhandling = \"recover\"\n[policies.cut]\nhandling = \"recover\"\n\
        part_with = { segment = \"chronic\", after_complaints = 3, manner = \"abrupt\" }\n";
    let s = wom::scenario::parse(text, std::path::Path::new("x.toml")).unwrap();
    let c = ComparisonStats {
        baseline: "keep".into(),
        policy: "cut".into(),
        npv_difference: stat(1200.0),
        unpaired_ci95_half_width: 50.0,
        word_of_mouth_share: None,
        by_cause: Ordered(vec![
            (Cause::HearsayChurn, stat(-100.0)),
            (Cause::CustomersParted, stat(-900.0)),
            (Cause::DeterredProspects, stat(-250.0)),
            (Cause::HandlingCost, stat(2450.0)),
        ]),
    };
    assert_eq!(
        headline(&s, &c),
        "Parting abruptly with “chronic” customers at their 3rd complaint gains $1,200 \
         (95% CI $1,190–$1,210) over 12 months compared with “keep”; word of mouth takes back $350 of it."
    );
    // The other way round it is an ordinary comparison.
    let back = ComparisonStats {
        baseline: "cut".into(),
        policy: "keep".into(),
        ..c
    };
    assert!(headline(&s, &back).starts_with("Policy “cut” loses $1,200"));
}

#[test]
fn a_parting_headline_reads_with_the_sign_of_its_interval() {
    let text = "[segments.chronic]\nshare = 0.1\n[segments.rest]\n\
        [policies.keep]\nhandling = \"recover\"\n[policies.cut]\nhandling = \"recover\"\n\
        part_with = { segment = \"chronic\", after_complaints = 3, manner = \"abrupt\" }\n";
    let s = wom::scenario::parse(text, std::path::Path::new("x.toml")).unwrap();
    let c = |d: Stat| ComparisonStats {
        baseline: "keep".into(),
        policy: "cut".into(),
        npv_difference: d,
        unpaired_ci95_half_width: 50.0,
        word_of_mouth_share: None,
        by_cause: Ordered(Vec::new()),
    };
    // A loss reads with the interval of the loss.
    assert_eq!(
        headline(&s, &c(stat(-1200.0))),
        "Parting abruptly with “chronic” customers at their 3rd complaint loses $1,200 \
         (95% CI $1,190–$1,210) over 12 months compared with “keep”."
    );
    assert_eq!(
        headline(&s, &c(stat(5.0))),
        "Parting abruptly with “chronic” customers at their 3rd complaint shows no clear \
         difference from “keep” over 12 months: it gains $5 (95% CI −$5 to $15), an interval \
         that includes zero at this number of replications."
    );
}

#[test]
fn ordinals() {
    let w = |n| PartWith {
        segment: "s".into(),
        after_complaints: n,
        manner: Manner::Graceful,
        refund: None,
    };
    for (n, nth) in [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (21, "21st"),
        (113, "113th"),
    ] {
        assert!(
            parting_subject(&w(n)).ends_with(&format!("their {nth} complaint")),
            "{n}"
        );
    }
}

fn comparison(mean: f64, lo: f64, hi: f64) -> ComparisonStats {
    let d = Stat {
        mean,
        sd: 1.0,
        ci95: [lo, hi],
        p5: lo,
        p50: mean,
        p95: hi,
    };
    ComparisonStats {
        baseline: "ignore".into(),
        policy: "recover".into(),
        npv_difference: d,
        unpaired_ci95_half_width: 1.0,
        word_of_mouth_share: Some(0.4),
        by_cause: Ordered(Vec::new()),
    }
}

#[test]
fn headlines_read_with_the_sign_of_their_interval() {
    let text =
        "[policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n";
    let s = wom::scenario::parse(text, std::path::Path::new("s.toml")).unwrap();
    let h = |mean, lo, hi| headline(&s, &comparison(mean, lo, hi));
    assert_eq!(
        h(23_841.0, 23_626.0, 24_057.0),
        "Ignoring complaints loses $23,841 (95% CI $23,626–$24,057) over 12 months compared with “recover”; 40% of the customer value lost travels through word of mouth."
    );
    // The reproducer: a gain, with the interval of the gain.
    assert_eq!(
        h(-19_420.0, -21_109.0, -17_731.0),
        "Ignoring complaints gains $19,420 (95% CI $17,731–$21,109) over 12 months compared with “recover”."
    );
    assert_eq!(
        h(120.0, -660.0, 900.0),
        "Ignoring complaints shows no clear difference from “recover” over 12 months: it loses $120 (95% CI −$660 to $900), an interval that includes zero at this number of replications."
    );
    assert_eq!(
        h(-120.0, -900.0, 660.0),
        "Ignoring complaints shows no clear difference from “recover” over 12 months: it gains $120 (95% CI −$660 to $900), an interval that includes zero at this number of replications."
    );
    assert!(h(0.0, -1.0, 1.0).contains("no clear difference"));
    // A tie: the same value in every replication, said as such.
    let mut tie = comparison(0.0, 0.0, 0.0);
    tie.npv_difference.sd = 0.0;
    assert_eq!(
        headline(&s, &tie),
        "Ignoring complaints gives exactly the value of “recover” over 12 months, in every replication: the two policies do not differ in this scenario."
    );
}

#[test]
fn a_finding_carries_its_fields() {
    let text =
        "[policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n";
    let s = wom::scenario::parse(text, std::path::Path::new("s.toml")).unwrap();
    let f = ComparisonFinding::new(&s, &comparison(-19_420.0, -21_109.0, -17_731.0));
    assert_eq!(f.verb, Verb::Gains);
    assert_eq!((f.amount, f.ci95), (19_420.0, [17_731.0, 21_109.0]));
    assert_eq!(f.versus, "recover");
    assert_eq!(f.subject.policy(), "ignore");
    assert!(!f.tie && f.word_of_mouth.is_none());
    let lost = ComparisonFinding::new(&s, &comparison(100.0, 50.0, 150.0));
    assert_eq!(lost.verb, Verb::Loses);
    let w = lost
        .word_of_mouth
        .clone()
        .expect("a loss states its word-of-mouth share");
    assert_eq!(
        (w.measure, w.value, w.against.as_str()),
        (WordOfMouthMeasure::ShareOfValueLost, 0.4, "recover")
    );
    // summary.json's form: the sentence beside the fields, read back whole.
    let stated = wom::results::finding::Stated {
        sentence: sentence(&s, &Finding::Comparison(lost.clone())),
        finding: Finding::Comparison(lost),
    };
    let json = serde_json::to_value(&stated).unwrap();
    assert_eq!(json["kind"], "comparison");
    assert_eq!(json["verb"], "loses");
    assert_eq!(json["baseline"], "ignore");
    assert_eq!(json["amount"], 100.0);
    let back: wom::results::finding::Stated = serde_json::from_value(json).unwrap();
    assert_eq!(back, stated);
}
