//! Honest uncertainty against what can be computed by hand: the closed
//! form of a world without network effects averaged over the parameter
//! draws, identical policies, and a key that cannot change the comparison.
//! Fixed seeds; tolerances from standard errors, stated beside them.

use std::path::Path;
use wom::results::uncertainty::analyse;
use wom::sim::World;

fn world(toml: &str) -> World {
    let scenario = wom::scenario::parse(toml, Path::new("test.toml")).expect("valid scenario");
    World::generated(scenario).expect("world")
}

/// The closed form of `closed_forms_without_network_effects` in
/// tests/model.rs: E[NPV(recover) − NPV(ignore)] for complaint rate `c`
/// and margin `m`.
fn closed_difference(c: f64, m: f64) -> f64 {
    let (q, b) = (0.2, 0.05);
    let delta = 1.1f64.powf(-1.0 / 12.0);
    let npv = |rho: f64, cost: f64| {
        let s =
            (1.0 - q) * (1.0 - b) + q * ((1.0 - c) * 0.09 + c * (rho * 0.54 + (1.0 - rho) * 0.19));
        (0..6)
            .map(|t| 1000.0 * (delta * s).powi(t) * (m - q * c * cost))
            .sum::<f64>()
    };
    npv(0.8, 5.0 + 0.8 * 10.0) - npv(0.0, 0.0)
}

/// tests/model.rs's closed-form scenario with two uncertain keys.
fn no_network() -> String {
    format!(
        "{}\n{}",
        include_str!("fixtures/no_network.toml"),
        r#"[uncertainty]
replications_per_draw = 10
"experience.complaint_rate" = { uniform = [0.2, 0.8] }
"economics.margin" = { triangular = [30, 40, 60] }
"#
    )
}

#[test]
fn without_network_effects_the_mean_is_the_closed_form_averaged_over_the_draws() {
    let w = world(&no_network());
    let results = w.run(0..400, || {}).unwrap();
    let s = w.scenario();
    let u = s.uncertainty.as_ref().unwrap();
    // The closed form at each draw's values, averaged over the 40 draws.
    let draws = wom::scenario::draw_scenarios(s).unwrap();
    assert_eq!(draws.len(), 40);
    let expected: f64 = draws
        .iter()
        .map(|d| closed_difference(d.experience.complaint_rate, d.economics.margin))
        .sum::<f64>()
        / 40.0;
    let diffs: Vec<f64> = results.iter().map(|r| r.npv_difference(0, 1)).collect();
    let summary = wom::stats::Summary::from_values(&diffs);
    // 4 standard errors of the mean paired difference over 400 replications.
    assert!(
        (summary.mean - expected).abs() < 4.0 * summary.se(),
        "simulated {} ± {}, closed form averaged over the draws {expected}",
        summary.mean,
        summary.se()
    );
    // Each draw's values are those draws.csv reports.
    let a = analyse(s, &results).unwrap();
    for (d, row) in a.rows.iter().enumerate() {
        assert_eq!(row.values[0], draws[d].experience.complaint_rate);
        assert_eq!(row.values[1], draws[d].economics.margin);
    }
    assert_eq!(u.draw_of(399), 39);
    // The expected difference varies a lot with the complaint rate: the
    // uncertainty interval is far wider than the Monte Carlo interval.
    let [lo, hi] = a.comparisons[0].uncertainty_interval95;
    assert!(
        hi - lo > 4.0 * (summary.ci95[1] - summary.ci95[0]),
        "{lo} {hi}"
    );
    let total = &a.comparisons[0].sobol_total;
    assert!(total.0.iter().all(|(_, v)| (0.0..=1.0).contains(v)));
}

#[test]
fn identical_policies_differ_by_exactly_zero() {
    let text = no_network().replace(
        "[policies.ignore]\nhandling = \"ignore\"",
        "[policies.same]\nhandling = \"recover\"\nresolve_rate = 0.8\nresponse_hours = 48.0\ncompensation = 10.0\nhandling_cost = 5.0",
    );
    assert!(
        text.contains("[policies.same]"),
        "the baseline was replaced"
    );
    let w = world(&text);
    let results = w.run(0..400, || {}).unwrap();
    let a = analyse(w.scenario(), &results).unwrap();
    let c = &a.comparisons[0];
    assert_eq!(c.uncertainty_interval95, [0.0, 0.0]);
    assert_eq!(a.evpi, 0.0);
    assert!(a.rows.iter().all(|r| r.differences[0] == 0.0));
    assert!(c.evppi.0.iter().all(|(_, v)| *v == 0.0));
    assert!(c.sobol_first.0.iter().all(|(_, v)| *v == 0.0));
}

#[test]
fn a_key_that_cannot_matter_is_worth_nothing_and_adds_no_width() {
    // Everyone is a customer from the start and nobody converts, so nobody
    // is ever a prospect a story could deter: `effects.deter` cannot
    // change the comparison.
    let text = r#"
        periods = 6
        replications = 400
        seed = 3
        [population]
        people = 2000
        initial_customers = 2000
        [network]
        kind = "erdos_renyi"
        mean_degree = 8.0
        [effects]
        organic_conversion = 0.0
        referral_conversion = 0.0
        [policies.ignore]
        handling = "ignore"
        [policies.recover]
        handling = "recover"
        [uncertainty]
        "effects.deter" = { uniform = [0.0, 1.0] }
    "#;
    let w = world(text);
    let results = w.run(0..400, || {}).unwrap();
    let a = analyse(w.scenario(), &results).unwrap();
    let c = &a.comparisons[0];
    let diffs: Vec<f64> = results.iter().map(|r| r.npv_difference(0, 1)).collect();
    let mc = wom::stats::Summary::from_values(&diffs).ci95;
    let [lo, hi] = c.uncertainty_interval95;
    assert!(hi - lo <= mc[1] - mc[0], "{lo} {hi} vs Monte Carlo {mc:?}");
    // Exactly 0: the F test finds no variance between the draws, so the
    // shrunk means, the regressogram and the indices are all flat.
    assert_eq!(c.evppi.get(&"effects.deter".to_owned()), Some(&0.0));
    assert_eq!(c.sobol_first.get(&"effects.deter".to_owned()), Some(&0.0));
    assert_eq!(c.sobol_total.get(&"effects.deter".to_owned()), Some(&0.0));
    assert_eq!(a.evpi, 0.0);
}
