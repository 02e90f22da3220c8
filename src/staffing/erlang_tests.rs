//! Tests of Erlang C against a published worked example, closed forms and an
//! independent summation.

use super::*;

/// Erlang C by the textbook sum, evaluated backwards in ratios so that it
/// does not overflow: with `t_k = (A^k/k!) / (A^c/c!) = Π_{j=k+1}^{c} j/A`,
/// `C = X / (Σ_{k<c} t_k + X)` where `X = c / (c − A)`. A different algorithm
/// from the module's Erlang B recursion, for cross-checking. Cost `O(c)`.
fn erlang_c_by_sum(c: u32, a: f64) -> f64 {
    let mut t = 1.0;
    let mut sum = 0.0;
    for k in (0..c).rev() {
        t *= f64::from(k + 1) / a;
        sum += t;
    }
    let x = f64::from(c) / (f64::from(c) - a);
    x / (sum + x)
}

#[test]
fn published_worked_example_of_100_calls_per_half_hour() {
    // Source: the worked example "Erlang C Formula – Made Simple With an Easy
    // Worked Example" (callcentrehelper.com/erlang-c-formula-example-121281.htm):
    // 100 calls in 30 minutes, average handling time 180 s, target 80%
    // answered within 20 s. Its results as published in the documentation of
    // pyworkforce (github.com/rodrigo-arenas/pyworkforce), which reproduces
    // that example (docs/guide/erlangc.md, `ErlangC(transactions=100,
    // asa=20/60, aht=3, interval=30)`): 14 agents needed (raw positions),
    // service level 0.8883500191794669, occupancy 0.7142857142857143,
    // waiting probability 0.1741319335950498; its tutorial page
    // (docs/tutorials/erlangc_example.rst) prints them rounded to 0.888,
    // 0.714 and 0.174.
    //
    // Tolerances: the full-precision figures are printed doubles from a
    // different algorithm (factorials and powers), so agreement to ~1e-15
    // is expected; 1e-9 leaves room for summation order and still catches
    // any formula error. The rounded figures are good to half a unit of
    // their third decimal, 5e-4.
    let workload = Workload::new(200.0, 180.0 / 3600.0).unwrap();
    assert!((workload.load_erlangs() - 10.0).abs() < 1e-12);
    let within = 20.0 / 3600.0;
    let sizing = workload.sizing(within, 0.8).unwrap();
    let row = sizing.recommended();
    assert_eq!(row.agents, 14);
    assert!((row.service_level - 0.888_350_019_179_466_9).abs() < 1e-9);
    assert!((row.occupancy - 0.714_285_714_285_714_3).abs() < 1e-12);
    assert!((row.p_wait - 0.174_131_933_595_049_8).abs() < 1e-9);
    for (got, printed) in [
        (row.service_level, 0.888),
        (row.occupancy, 0.714),
        (row.p_wait, 0.174),
    ] {
        assert!((got - printed).abs() <= 5e-4, "{got} vs {printed}");
    }
    // The example starts from N = A + 1 = 11 agents and adds agents until
    // 80% is met: 11, 12 and 13 fall short.
    assert_eq!(sizing.rows[0].agents, 11);
    assert_eq!(sizing.recommended, 3);
    assert!(sizing.rows[..3].iter().all(|r| !r.meets_target));
    // The same figures from the single-count interface; ASA = C·AHT/(c − A).
    let q = workload.with_agents(14).unwrap();
    assert_eq!(q.p_wait(), row.p_wait);
    assert_eq!(q.service_level(within).unwrap(), row.service_level);
    let asa_seconds = q.asa_hours() * 3600.0;
    assert!((asa_seconds - 0.174_131_933_595_049_8 * 180.0 / 4.0).abs() < 1e-6);
}

#[test]
fn one_and_two_agents_match_closed_forms() {
    // M/M/1: C = ρ, ASA = ρ·AHT/(1 − ρ). M/M/2: C = 2ρ²/(1 + ρ), ρ = A/2.
    for rho in [0.01, 0.3, 0.5, 0.9, 0.999] {
        let q = Workload::new(rho, 1.0).unwrap().with_agents(1).unwrap();
        assert!((q.p_wait() - rho).abs() < 1e-14, "{rho}");
        assert!((q.asa_hours() - rho / (1.0 - rho)).abs() < 1e-9 * (1.0 / (1.0 - rho)));
        let q2 = Workload::new(2.0 * rho, 1.0)
            .unwrap()
            .with_agents(2)
            .unwrap();
        assert!(
            (q2.p_wait() - 2.0 * rho * rho / (1.0 + rho)).abs() < 1e-14,
            "{rho}"
        );
        assert!((q2.occupancy() - rho).abs() < 1e-15);
    }
}

#[test]
fn recursion_matches_the_textbook_sum() {
    for (c, a) in [(1, 0.2), (3, 2.5), (10, 7.3), (55, 48.0), (200, 150.0)] {
        let q = Workload::new(a, 1.0).unwrap().with_agents(c).unwrap();
        let direct = erlang_c_by_sum(c, a);
        assert!(
            (q.p_wait() - direct).abs() < 1e-12,
            "c={c}: {} vs {direct}",
            q.p_wait()
        );
    }
}

#[test]
fn large_desks_are_computed_without_overflow() {
    // 10,000 agents at 99% load: A^c/c! overflows f64 by thousands of orders
    // of magnitude, the recursion does not.
    let w = Workload::new(9_900.0, 1.0).unwrap();
    let q = w.with_agents(10_000).unwrap();
    let direct = erlang_c_by_sum(10_000, 9_900.0);
    assert!(q.p_wait() > 0.0 && q.p_wait() < 1.0);
    assert!(
        (q.p_wait() - direct).abs() < 1e-9 * direct,
        "{} vs {direct}",
        q.p_wait()
    );
    assert!(q.asa_hours().is_finite() && q.service_level(0.01).unwrap().is_finite());
    let sizing = w.sizing(1.0 / 60.0, 0.8).unwrap();
    assert_eq!(sizing.rows[0].agents, 9_901);
    assert!(sizing.rows.iter().all(|r| r.p_wait.is_finite()));
}

#[test]
fn sizing_rows_are_consecutive_increasing_and_stop_at_three_nines() {
    let w = Workload::new(12.0, 0.25).unwrap(); // A = 3
    let s = w.sizing(0.05, 0.9).unwrap();
    assert_eq!(s.rows[0].agents, 4);
    for pair in s.rows.windows(2) {
        assert_eq!(pair[1].agents, pair[0].agents + 1);
        assert!(pair[1].service_level > pair[0].service_level);
        assert!(pair[1].p_wait < pair[0].p_wait);
        assert!(pair[1].asa_hours < pair[0].asa_hours);
    }
    let last = s.rows.last().unwrap();
    assert!(last.service_level >= SIZING_STOP_SERVICE_LEVEL);
    assert!(s.rows[s.rows.len() - 2].service_level < SIZING_STOP_SERVICE_LEVEL);
    let rec = s.recommended();
    assert!(rec.service_level >= 0.9 && rec.meets_target);
    if s.recommended > 0 {
        assert!(s.rows[s.recommended - 1].service_level < 0.9);
    }
    // A target above three nines extends the table until it is met.
    let strict = w.sizing(0.05, 0.99999).unwrap();
    assert!(strict.rows.len() > s.rows.len());
    assert_eq!(strict.recommended, strict.rows.len() - 1);
}

#[test]
fn an_empty_workload_never_waits() {
    for w in [
        Workload::new(0.0, 0.5).unwrap(),
        Workload::new(30.0, 0.0).unwrap(),
    ] {
        let q = w.with_agents(1).unwrap();
        assert_eq!(q.p_wait(), 0.0);
        assert_eq!(q.asa_hours(), 0.0);
        assert_eq!(q.service_level(0.0).unwrap(), 1.0);
        let s = w.sizing(0.0, 0.8).unwrap();
        assert_eq!((s.rows.len(), s.recommended().agents), (1, 1));
    }
}

#[test]
fn unstable_loads_and_bad_inputs_are_refused_with_reasons() {
    let w = Workload::new(20.0, 0.25).unwrap(); // A = 5
    let err = w.with_agents(5).unwrap_err();
    assert_eq!(
        err,
        ErlangError::Unstable {
            load_erlangs: 5.0,
            agents: 5,
            min_agents: 6
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("unstable") && text.contains("at least 6 agents"),
        "{text}"
    );
    assert!(matches!(
        w.with_agents(0),
        Err(ErlangError::Unstable { .. })
    ));
    assert!(w.with_agents(6).is_ok());

    for (rate, aht, name) in [
        (f64::NAN, 1.0, "arrivals_per_hour"),
        (-1.0, 1.0, "arrivals_per_hour"),
        (1.0, f64::INFINITY, "handle_hours"),
        (1.0, -0.5, "handle_hours"),
        (1e200, 1e200, "load_erlangs"),
    ] {
        match Workload::new(rate, aht) {
            Err(ErlangError::BadInput { name: got, .. }) => assert_eq!(got, name),
            other => panic!("{rate} {aht}: {other:?}"),
        }
    }
    let q = w.with_agents(7).unwrap();
    assert!(matches!(
        q.service_level(f64::NAN),
        Err(ErlangError::BadInput {
            name: "within_hours",
            ..
        })
    ));
    assert!(q.service_level(-1.0).is_err());
    for target in [1.0, -0.1, f64::NAN] {
        assert!(matches!(
            w.sizing(0.1, target),
            Err(ErlangError::BadTarget(_))
        ));
    }
    assert!(matches!(
        w.with_agents(MAX_AGENTS + 1),
        Err(ErlangError::TooManyAgents { .. })
    ));
    let huge = Workload::new(1e9, 1.0).unwrap();
    assert!(matches!(
        huge.sizing(0.1, 0.8),
        Err(ErlangError::TooManyAgents { .. })
    ));
}
