//! Segments and parting with customers (MODEL.md, "Segments" and "Parting
//! with customers") checked against what can be computed by hand. Every
//! statistical check uses a fixed seed and a tolerance of four standard
//! errors of the simulated mean (sd / √replications), stated beside it.

use std::path::Path;
use wom::sim::summary::{PolicySummary, summarize};
use wom::sim::{Metric, SegmentMetric, World};

fn world(toml: &str) -> World {
    let scenario = wom::scenario::parse(toml, Path::new("test.toml")).expect("valid scenario");
    World::generated(scenario).expect("world")
}

/// Network effects off, two segments, a policy that keeps everyone and one
/// that parts gracefully with `chronic` customers at their second complaint.
const TWO_SEGMENTS: &str = r#"
periods = 6
replications = 400
seed = 21
[population]
people = 4000
initial_customers = 2000
[network]
kind = "erdos_renyi"
mean_degree = 6.0
[experience]
problem_rate = 0.2
complaint_rate = 0.5
base_churn = 0.05
[effects]
deter = 0.0
referral_conversion = 0.0
hearsay_churn = 0.0
organic_conversion = 0.0
[economics]
margin = 40.0
discount_rate = 0.1
[segments.chronic]
share = 0.2
problem_rate = 0.6
complaint_rate = 0.9
base_churn = 0.02
margin = 25.0
resolve_factor = 0.5
handle_factor = 6.0
[segments.regular]
[policies.keep]
handling = "recover"
resolve_rate = 0.8
response_hours = 48.0
compensation = 10.0
handling_cost = 5.0
[policies.part]
handling = "recover"
resolve_rate = 0.8
response_hours = 48.0
compensation = 10.0
handling_cost = 5.0
part_with = { segment = "chronic", after_complaints = 2, manner = "graceful", refund = 30.0 }
"#;

/// A segment's expected path from its expected initial customers `c0`:
/// customers at the start of each period in two states (0 or 1 complaints
/// so far), per-period complaints, partings, direct churn and cost.
struct Path2 {
    npv: f64,
    churned: f64,
    parted: f64,
    pv_parted: f64,
    complaints: f64,
    cost: f64,
    customers_final: f64,
}

/// One segment's closed form over `T` periods. Per customer and period:
/// a problem with probability `q`, a complaint with `c` (so `p = qc`),
/// resolved with `ρ`. Staying probabilities (TARP defaults): silent 0.09,
/// resolved slowly 0.54, unresolved 0.19; satisfied `1 − b`.
/// - `a0 = (1−q)(1−b) + q(1−c)·0.09`: stays without complaining;
/// - `a1 = p(ρ·0.54 + (1−ρ)·0.19)`: complains and stays.
///
/// Keeping everyone, a customer stays with `a0 + a1`. Parting at the
/// second complaint, a customer with one complaint so far is parted with
/// probability `p` and stays with `a0`: `x0' = a0·x0`, `x1' = a1·x0 + a0·x1`.
/// Each complaint costs `h·f + ρ·comp` (handling × handle factor, and
/// compensation when resolved), plus `refund` when it ends in a parting.
#[allow(clippy::too_many_arguments)]
fn closed_form(
    c0: f64,
    (q, c, b, rho): (f64, f64, f64, f64),
    margin: f64,
    per_complaint: f64,
    refund: Option<f64>,
    periods: i32,
    delta: f64,
) -> Path2 {
    let p = q * c;
    let a0 = (1.0 - q) * (1.0 - b) + q * (1.0 - c) * 0.09;
    let a1 = p * (rho * 0.54 + (1.0 - rho) * 0.19);
    let (mut x0, mut x1) = (c0, 0.0);
    let mut out = Path2 {
        npv: 0.0,
        churned: 0.0,
        parted: 0.0,
        pv_parted: 0.0,
        complaints: 0.0,
        cost: 0.0,
        customers_final: 0.0,
    };
    // Value at the end of period t of one customer more: margin·Σ_{s>t} δ^s.
    let flow = |t: i32| -> f64 { ((t + 1)..periods).map(|s| margin * delta.powi(s)).sum() };
    for t in 0..periods {
        let customers = x0 + x1;
        let (cost, parted, next) = match refund {
            // Keeping everyone: one state.
            None => {
                let stay = a0 + a1;
                (customers * p * per_complaint, 0.0, (customers * stay, 0.0))
            }
            Some(r) => (
                customers * p * per_complaint + x1 * p * r,
                x1 * p,
                (a0 * x0, a1 * x0 + a0 * x1),
            ),
        };
        out.npv += delta.powi(t) * (margin * customers - cost);
        out.complaints += customers * p;
        out.cost += cost;
        out.parted += parted;
        out.pv_parted += parted * flow(t);
        out.churned += customers - parted - (next.0 + next.1);
        (x0, x1) = next;
    }
    out.customers_final = x0 + x1;
    out
}

fn close(what: &str, got: &wom::stats::Summary, expected: f64) {
    // 4 standard errors of the mean over the replications (exact when
    // nothing varies, like the partings of a policy that keeps everyone).
    assert!(
        (got.mean - expected).abs() <= 4.0 * got.se(),
        "{what}: simulated {} ± {}, closed form {expected}",
        got.mean,
        got.se()
    );
}

#[test]
fn closed_forms_for_two_segments_and_a_parting() {
    let w = world(TWO_SEGMENTS);
    let results = w.run(0..400, || {}).unwrap();
    let summary = summarize(&w.scenario().policy_names(), &results);
    let delta = 1.1f64.powf(-1.0 / 12.0);
    // Expected initial customers: 2000 × share (initial customers and
    // segments are drawn independently).
    let (chronic0, regular0) = (2000.0 * 0.2, 2000.0 * 0.8);
    // chronic: q = 0.6, c = 0.9, b = 0.02, ρ = 0.8 × resolve_factor 0.5;
    // each complaint costs 5 × 6 + 0.4 × 10.
    let chronic = |refund| {
        closed_form(
            chronic0,
            (0.6, 0.9, 0.02, 0.4),
            25.0,
            5.0 * 6.0 + 0.4 * 10.0,
            refund,
            6,
            delta,
        )
    };
    // regular: the global values, ρ = 0.8, each complaint 5 + 0.8 × 10.
    let regular = closed_form(
        regular0,
        (0.2, 0.5, 0.05, 0.8),
        40.0,
        5.0 + 0.8 * 10.0,
        None,
        6,
        delta,
    );
    for (p, refund) in [(0, None), (1, Some(30.0))] {
        let s: &PolicySummary = &summary.policies[p];
        let ch = chronic(refund);
        let name = &s.name;
        let seg = |g: usize, m: SegmentMetric| s.segment_metric(g, m);
        close(
            &format!("{name} chronic customers_initial"),
            seg(0, SegmentMetric::CustomersInitial),
            chronic0,
        );
        for (g, path) in [(0, &ch), (1, &regular)] {
            let what = |m: SegmentMetric| format!("{name} segment {g} {}", m.key());
            close(
                &what(SegmentMetric::Npv),
                seg(g, SegmentMetric::Npv),
                path.npv,
            );
            close(
                &what(SegmentMetric::Complaints),
                seg(g, SegmentMetric::Complaints),
                path.complaints,
            );
            close(
                &what(SegmentMetric::HandlingCost),
                seg(g, SegmentMetric::HandlingCost),
                path.cost,
            );
            close(
                &what(SegmentMetric::Churned),
                seg(g, SegmentMetric::Churned),
                path.churned,
            );
            close(
                &what(SegmentMetric::CustomersFinal),
                seg(g, SegmentMetric::CustomersFinal),
                path.customers_final,
            );
        }
        close(
            &format!("{name} parted"),
            s.metric(Metric::Parted),
            ch.parted,
        );
        close(
            &format!("{name} chronic parted"),
            seg(0, SegmentMetric::Parted),
            ch.parted,
        );
        close(
            &format!("{name} pv_parted"),
            s.metric(Metric::PvParted),
            ch.pv_parted,
        );
        close(
            &format!("{name} npv"),
            s.metric(Metric::Npv),
            ch.npv + regular.npv,
        );
        close(
            &format!("{name} churned_direct"),
            s.metric(Metric::ChurnedDirect),
            ch.churned + regular.churned,
        );
        close(
            &format!("{name} customers_final"),
            s.metric(Metric::CustomersFinal),
            ch.customers_final + regular.customers_final,
        );
    }
    assert_eq!(summary.policies[0].metric(Metric::Parted).mean, 0.0);
    assert!(summary.policies[1].metric(Metric::Parted).mean > 50.0);
}

/// In every replication the segments' own values add up to the whole:
/// NPV, handling cost, complaints, customers at the start and at the end.
#[test]
fn segments_add_up_to_the_whole() {
    let w = world(&TWO_SEGMENTS.replace("replications = 400", "replications = 20"));
    for r in w.run(0..20, || {}).unwrap() {
        for run in &r.policies {
            let sum = |m: SegmentMetric| run.segments.iter().map(|s| s.get(m)).sum::<f64>();
            let o = &run.outputs;
            for (whole, part) in [
                (Metric::Npv, SegmentMetric::Npv),
                (Metric::HandlingCost, SegmentMetric::HandlingCost),
                (Metric::Complaints, SegmentMetric::Complaints),
                (Metric::CustomersFinal, SegmentMetric::CustomersFinal),
                (Metric::Parted, SegmentMetric::Parted),
            ] {
                let (a, b) = (o.get(whole), sum(part));
                assert!(
                    (a - b).abs() < 1e-9 * a.abs().max(1.0),
                    "{whole:?}: {a} vs {b}"
                );
            }
            let churned = o.get(Metric::ChurnedDirect) + o.get(Metric::ChurnedHearsay);
            assert_eq!(churned, sum(SegmentMetric::Churned));
            assert_eq!(sum(SegmentMetric::CustomersInitial), 2000.0);
        }
    }
}

/// Segments whose overrides equal the global values change nothing: every
/// output and every period of every replication is bit-identical to the
/// same scenario without segments (their assignment has its own stream).
#[test]
fn segments_with_the_global_values_change_no_bit() {
    let base = r#"
        replications = 12
        [population]
        people = 3000
        [experience]
        recovery_paradox = 0.5
        [economics]
        margin = 37.3
        [policies.ignore]
        handling = "ignore"
        handling_cost = 1.7
        [policies.recover]
        handling = "recover"
        compensation = 3.3
        handling_cost = 2.9
        "#;
    let segmented = format!(
        "{base}
        [segments.a]
        share = 0.3
        margin = 37.3
        problem_rate = 0.05
        complaint_rate = 0.25
        base_churn = 0.02
        resolve_factor = 1.0
        handle_factor = 1.0
        [segments.b]
        "
    );
    let plain = world(base).run(0..12, || {}).unwrap();
    let split = world(&segmented).run(0..12, || {}).unwrap();
    for (a, b) in plain.iter().zip(&split) {
        for (x, y) in a.policies.iter().zip(&b.policies) {
            assert_eq!(x.outputs, y.outputs);
            assert_eq!(x.periods, y.periods);
            assert!(x.segments.is_empty() && y.segments.len() == 2);
        }
    }
}

/// Two identical policies that part with customers see the same random
/// world: every replication gives exactly the same outputs, segments too.
#[test]
fn identical_parting_policies_differ_by_exactly_zero() {
    let text = TWO_SEGMENTS
        .replace("replications = 400", "replications = 16")
        .replace("[policies.keep]\nhandling = \"recover\"", "[policies.keep]\nhandling = \"recover\"\npart_with = { segment = \"chronic\", after_complaints = 2, manner = \"graceful\", refund = 30.0 }")
        .replace("deter = 0.0", "deter = 0.5")
        .replace("hearsay_churn = 0.0", "hearsay_churn = 0.05");
    let w = world(&text);
    let results = w.run(0..16, || {}).unwrap();
    for r in &results {
        assert_eq!(r.policies[0], r.policies[1]);
        assert!(r.policies[0].outputs.get(Metric::Parted) > 0.0);
    }
    let summary = summarize(&w.scenario().policy_names(), &results);
    let d = &summary.comparisons[0].npv_difference;
    assert_eq!((d.mean, d.sd), (0.0, 0.0));
}

/// Segment shares: over 4,000 people × 50 replications a segment of share
/// 0.2 holds 800 people on average (sd √(4000·0.2·0.8) ≈ 25.3, so the
/// mean of 50 has se ≈ 3.6). Assignment does not depend on the policy.
#[test]
fn people_are_assigned_segments_by_their_shares() {
    let w = world(TWO_SEGMENTS);
    let counts: Vec<f64> = (0..50u64)
        .map(|r| (0..4000).filter(|&u| w.segment_of(r, u) == Some(0)).count() as f64)
        .collect();
    let mean = counts.iter().sum::<f64>() / counts.len() as f64;
    assert!((mean - 800.0).abs() < 4.0 * 3.6, "{mean}");
    assert_eq!(
        world("[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"ignore\"")
            .segment_of(0, 1),
        None
    );
}
