//! Checks of the word-of-mouth model against what can be computed by hand.
//! Every statistical check uses a fixed seed and a tolerance derived from
//! the standard error of the simulated mean, stated beside it.

use std::path::Path;
use wom::sim::summary::{Cause, summarize};
use wom::sim::{Metric, World};

/// The closed-form scenario without network effects, shared with
/// tests/uncertainty.rs.
const NO_NETWORK: &str = include_str!("fixtures/no_network.toml");

fn world(toml: &str) -> World {
    let scenario = wom::scenario::parse(toml, Path::new("test.toml")).expect("valid scenario");
    World::generated(scenario).expect("world")
}

fn names(w: &World) -> Vec<String> {
    w.scenario()
        .policies
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

/// With every network effect switched off, each customer independently
/// stays each period with probability
/// `s = (1−q)(1−b) + q[(1−c)·s_silent + c(ρ·s_resolved + (1−ρ)·s_unresolved)]`,
/// so E[customers_t] = C₀ sᵗ, E[direct churn] = C₀(1 − s^T) and
/// E[NPV] = C₀ Σ_t δᵗ sᵗ (margin − q·c·(h + ρ·comp)).
#[test]
fn closed_forms_without_network_effects() {
    let w = world(NO_NETWORK);
    let results = w.run(0..400, || {}).unwrap();
    let summary = summarize(&names(&w), &results);
    let (q, c, b) = (0.2, 0.5, 0.05);
    let delta = 1.1f64.powf(-1.0 / 12.0);
    let c0 = 1000.0;
    for (p, (rho, cost)) in [(0.0, 0.0), (0.8, 5.0 + 0.8 * 10.0)]
        .into_iter()
        .enumerate()
    {
        let s =
            (1.0 - q) * (1.0 - b) + q * ((1.0 - c) * 0.09 + c * (rho * 0.54 + (1.0 - rho) * 0.19));
        // Cost per complaint: handling_cost (0 for ignore here) + ρ·compensation.
        let per_customer = 40.0 - q * c * cost;
        let npv: f64 = (0..6)
            .map(|t| c0 * (delta * s).powi(t) * per_customer)
            .sum();
        let churn = c0 * (1.0 - s.powi(6));
        let stats = &summary.policies[p];
        for (metric, expected) in [
            (Metric::Npv, npv),
            (Metric::ChurnedDirect, churn),
            (Metric::CustomersFinal, c0 * s.powi(6)),
        ] {
            let got = stats.metric(metric);
            // 4 standard errors of the mean over 400 replications.
            assert!(
                (got.mean - expected).abs() < 4.0 * got.se(),
                "{} {}: simulated {} ± {}, closed form {expected}",
                stats.name,
                metric.key(),
                got.mean,
                got.se()
            );
        }
        assert_eq!(stats.metric(Metric::ChurnedHearsay).mean, 0.0);
        assert_eq!(stats.metric(Metric::Deterred).mean, 0.0);
    }
}

/// On a large sparse random network, stories rarely meet, so negative
/// hearings follow a branching process: each originator tells k₁ people,
/// each hearer retells with probability r to m people, up to max_hops:
/// E[hearings per originator] = k₁ Σ_{h<H} (r·m)^h.
#[test]
fn retelling_matches_the_branching_process() {
    let w = world(
        r#"
        periods = 1
        replications = 300
        seed = 5
        [population]
        people = 200000
        initial_customers = 40
        [network]
        kind = "erdos_renyi"
        mean_degree = 30.0
        [experience]
        problem_rate = 1.0
        complaint_rate = 0.0
        [outcomes.silent]
        stay = 0.5
        tone = "negative"
        tells = { fixed = 4 }
        [word_of_mouth]
        max_hops = 3
        retell = { negative = 0.4, positive = 0.0 }
        retell_tells = { fixed = 3 }
        [policies.a]
        handling = "ignore"
        [policies.b]
        handling = "ignore"
        "#,
    );
    let results = w.run(0..300, || {}).unwrap();
    let summary = summarize(&names(&w), &results);
    let expected = 40.0 * 4.0 * (1.0 + 1.2 + 1.44);
    let got = summary.policies[0].metric(Metric::NegativeTellings);
    // Collisions (a hearer already reached this period) have probability
    // about 600/200000 = 0.3% per hearing, a bias below 2 hearings; we allow
    // 4 standard errors plus that bias.
    assert!(
        (got.mean - expected).abs() < 4.0 * got.se() + 2.0,
        "simulated {} ± {}, expected {expected}",
        got.mean,
        got.se()
    );
    let shortfall = summary.policies[0].metric(Metric::TellShortfall).mean;
    assert!(
        shortfall < 0.01,
        "degree ~ Poisson(30) leaves no shortfall, got {shortfall}"
    );
}

/// Two identical policies see the same random world, so every replication
/// gives exactly the same outputs.
#[test]
fn identical_policies_differ_by_exactly_zero() {
    let w = world(
        r#"
        replications = 30
        [population]
        people = 3000
        [policies.a]
        handling = "recover"
        [policies.b]
        handling = "recover"
        "#,
    );
    let results = w.run(0..30, || {}).unwrap();
    for r in &results {
        assert_eq!(r.policies[0], r.policies[1]);
    }
    let summary = summarize(&names(&w), &results);
    let d = &summary.comparisons[0].npv_difference;
    assert_eq!((d.mean, d.sd), (0.0, 0.0));
}

/// The causes add up to the NPV difference in every replication, and
/// ignoring complaints loses value against recovering them. With a desk
/// (agents paid per period) the split gains the sixth cause, staff, and
/// still adds up exactly.
#[test]
fn causes_add_up_and_ignoring_loses() {
    let w = world(
        r#"
        replications = 40
        [population]
        people = 4000
        [experience]
        tolerance_hours = { empirical = { values = [0.5, 1.0, 24.0, 48.0], weights = [32.0, 13.0, 39.0, 16.0] } }
        [policies.ignore]
        handling = "ignore"
        [policies.recover]
        handling = "recover"
        compensation = 5.0
        [policies.desk]
        handling = "recover"
        handoffs = 1
        handoff_hours = 2.0
        staffing = { agents = 2, handle_minutes = { lognormal = { median = 20.0, sigma = 0.6 } }, agent_cost = 900.0 }
        "#,
    );
    let causes = Cause::reported(w.scenario());
    assert_eq!(causes.len(), 6);
    assert!(causes.contains(&Cause::Staff));
    let results = w.run(0..40, || {}).unwrap();
    assert_causes_add_up(&results);
    let summary = summarize(&names(&w), &results);
    let c = &summary.comparisons[0];
    assert!(
        c.npv_difference.ci95[0] > 0.0,
        "ignoring should lose value: {:?}",
        c.npv_difference
    );
    assert!(
        c.cause(Cause::HandlingCost).mean < 0.0,
        "recovering costs compensation"
    );
    assert_eq!(c.cause(Cause::Staff).mean, 0.0, "no desk, no staff cost");
    assert!(c.npv_difference.half_width() < c.unpaired_half_width / 2.0);
    // Two agents at 900 a month for 12 months, discounted at 10% a year.
    let delta = 1.1f64.powf(-1.0 / 12.0);
    let pv: f64 = (0..12).map(|t| 1800.0 * delta.powi(t)).sum();
    let staff = summary.comparisons[1].cause(Cause::Staff);
    assert!(
        (staff.mean + pv).abs() < 1e-6 && staff.sd < 1e-9,
        "{staff:?}"
    );
}

/// Every cause of the split (customers parted included) summed, against
/// the paired NPV difference, in every replication.
fn assert_causes_add_up(results: &[wom::sim::ReplicationResult]) {
    for r in results {
        let a = &r.policies[0].outputs;
        for other in &r.policies[1..] {
            let b = &other.outputs;
            let total = b.get(Metric::Npv) - a.get(Metric::Npv);
            let parts: f64 = Cause::ALL.iter().map(|c| c.value(a, b)).sum();
            assert!(
                (total - parts).abs() < 1e-6 * total.abs().max(1.0),
                "{total} vs {parts}"
            );
        }
    }
}

/// With segments of different margins and handling costs, and policies
/// that part with customers gracefully (with the default refund) and
/// abruptly, the split still adds up in every replication; the parting
/// policies lose the parted customers' margin and save handling cost.
#[test]
fn causes_add_up_with_segments_and_partings() {
    let w = world(
        r#"
        replications = 30
        [population]
        people = 4000
        [segments.chronic]
        share = 0.1
        margin = 20.0
        problem_rate = 0.5
        complaint_rate = 0.8
        resolve_factor = 0.4
        handle_factor = 8.0
        [segments.regular]
        margin = 55.0
        [policies.keep]
        handling = "recover"
        handling_cost = 12.0
        compensation = 5.0
        [policies.graceful]
        handling = "recover"
        handling_cost = 12.0
        compensation = 5.0
        part_with = { segment = "chronic", after_complaints = 2, manner = "graceful" }
        [policies.abrupt]
        handling = "recover"
        handling_cost = 12.0
        compensation = 5.0
        part_with = { segment = "chronic", after_complaints = 2, manner = "abrupt" }
        "#,
    );
    let results = w.run(0..30, || {}).unwrap();
    assert_causes_add_up(&results);
    let summary = summarize(&names(&w), &results);
    for c in &summary.comparisons {
        assert!(c.cause(Cause::CustomersParted).mean < 0.0, "{}", c.policy);
        assert!(c.cause(Cause::HandlingCost).mean > 0.0, "{}", c.policy);
    }
    // Abrupt partings are told to 10-22 people, graceful ones to 0-2.
    let lost = |p: usize| summary.policies[p].metric(Metric::ChurnedHearsay).mean;
    assert!(lost(2) > lost(1), "{} vs {}", lost(2), lost(1));
}

/// Results do not depend on the number of threads nor on how the
/// replications are split, desks included (a thread's desk is reused
/// across policies and replications).
#[test]
fn thread_count_and_sharding_do_not_change_results() {
    let w = world(
        r#"
        [population]
        people = 2000
        [network]
        kind = "strong_weak_ties"
        cluster_size = 8
        strong_ties = 5.0
        weak_ties = 2.0
        weak_ties_churn = true
        [policies.ignore]
        handling = "ignore"
        [policies.recover]
        handling = "recover"
        [policies.desk]
        handling = "recover"
        staffing = { agents = 1, handle_minutes = { exponential = 90.0 } }
        [policies.late_desk]
        handling = "recover"
        staffing = { agents = 3, days_per_week = 6, hours_per_day = 20.0, handle_minutes = { uniform = [10.0, 50.0] } }
        "#,
    );
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let three = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let a = one.install(|| w.run(0..24, || {}).unwrap());
    let b = three.install(|| w.run(0..24, || {}).unwrap());
    assert_eq!(a, b);
    let mut shards = three.install(|| w.run(0..10, || {}).unwrap());
    shards.extend(three.install(|| w.run(10..24, || {}).unwrap()));
    assert_eq!(a, shards);
}

/// Organic conversions in one period: each of the `n − C₀` prospects
/// converts with probability `o`, so E = (n − C₀)·o. Here 9,000 × 0.01 = 90,
/// sd √(9000·0.01·0.99) ≈ 9.44; 300 replications → se ≈ 0.545; 4 se.
#[test]
fn organic_conversions_match_their_rate() {
    let w = world(
        r#"
        periods = 1
        [population]
        people = 10000
        initial_customers = 1000
        [experience]
        problem_rate = 0.0
        [effects]
        referral_conversion = 0.0
        organic_conversion = 0.01
        [policies.a]
        handling = "ignore"
        [policies.b]
        handling = "recover"
        "#,
    );
    let results = w.run(0..300, || {}).unwrap();
    let s = summarize(&names(&w), &results);
    let got = s.policies[0].metric(Metric::OrganicConversions);
    assert!(
        (got.mean - 90.0).abs() < 4.0 * 0.545,
        "{} ± {}",
        got.mean,
        got.se()
    );
    assert!((got.sd - 9.44).abs() < 1.5, "sd {}", got.sd);
}
