//! Tests of duration distributions: validation, exact means, sample means.

use super::*;
use crate::rng::{Purpose, StreamKey};

/// The standard deviation of each form, from its closed form:
/// uniform `(b − a)/√12`; exponential: its mean; log-normal
/// `mean·√(e^{σ²} − 1)`; empirical `√(Σ wᵢ (vᵢ − μ)² / Σ wᵢ)`.
fn exact_sd(dist: &DurationDist) -> f64 {
    match dist {
        DurationDist::Fixed(_) => 0.0,
        DurationDist::Uniform { lo, hi } => (hi - lo) / 12f64.sqrt(),
        DurationDist::Exponential { mean } => *mean,
        DurationDist::Lognormal { sigma, .. } => dist.mean() * ((sigma * sigma).exp_m1()).sqrt(),
        DurationDist::Empirical { values, weights } => {
            let mu = dist.mean();
            let total: f64 = weights.iter().sum();
            let ss: f64 = values
                .iter()
                .zip(weights)
                .map(|(v, w)| w * (v - mu) * (v - mu))
                .sum();
            (ss / total).sqrt()
        }
    }
}

#[test]
fn sample_means_match_exact_means() {
    // n = 200,000 independent draws per distribution. The sample mean has
    // standard error sd/√n (sd from the closed forms above, all finite: the
    // log-normal's σ = 0.8 gives a finite variance, and its skewness
    // (e^{σ²}+2)·√(e^{σ²}−1) ≈ 3.7 shrinks to ≈ 0.008 in the mean of 200,000
    // draws, so the normal approximation holds). A correct sampler fails a
    // 4-standard-error band with probability about 6e-5 per distribution; a
    // wrong parameterisation (rate for mean, σ² for σ, median for mean,
    // weights ignored) misses by far more than 4 SE at this n.
    let n = 200_000;
    let cases = [
        DurationDist::uniform(2.0, 14.0).unwrap(),
        DurationDist::exponential(0.75).unwrap(),
        DurationDist::lognormal(3.0, 0.8).unwrap(),
        DurationDist::empirical(vec![0.5, 2.0, 24.0], vec![5.0, 3.0, 1.0]).unwrap(),
    ];
    for (i, dist) in cases.iter().enumerate() {
        let sampler = DurationSampler::new(dist).unwrap();
        let mut rng = StreamKey::new(17).sub(i as u64).rng(Purpose::Handle);
        let mut sum = 0.0;
        for _ in 0..n {
            let x = sampler.sample(&mut rng);
            assert!(x.is_finite() && x >= 0.0, "{dist:?}: {x}");
            sum += x;
        }
        let mean = sum / f64::from(n);
        let se = exact_sd(dist) / f64::from(n).sqrt();
        assert!(
            (mean - dist.mean()).abs() < 4.0 * se,
            "{dist:?}: sample mean {mean}, exact {}, se {se}",
            dist.mean()
        );
    }
}

#[test]
fn exact_means_of_each_form() {
    assert_eq!(DurationDist::fixed(2.5).unwrap().mean(), 2.5);
    assert_eq!(DurationDist::uniform(1.0, 4.0).unwrap().mean(), 2.5);
    assert_eq!(DurationDist::exponential(0.2).unwrap().mean(), 0.2);
    let ln = DurationDist::lognormal(1.0, 1.0).unwrap();
    assert!((ln.mean() - 1.648_721_270_700_128).abs() < 1e-15);
    let emp = DurationDist::empirical(vec![0.0, 1.0, 10.0], vec![2.0, 1.0, 1.0]).unwrap();
    assert_eq!(emp.mean(), 2.75);
}

#[test]
fn degenerate_forms_are_constant_and_uniform_stays_in_range() {
    let mut rng = StreamKey::new(5).rng(Purpose::Handle);
    for (dist, value) in [
        (DurationDist::fixed(0.25).unwrap(), 0.25),
        (DurationDist::uniform(3.0, 3.0).unwrap(), 3.0),
        (DurationDist::exponential(0.0).unwrap(), 0.0),
        (DurationDist::lognormal(0.0, 1.0).unwrap(), 0.0),
        (DurationDist::lognormal(7.0, 0.0).unwrap(), 7.0),
        (
            DurationDist::empirical(vec![4.0, 9.0], vec![1.0, 0.0]).unwrap(),
            4.0,
        ),
    ] {
        let s = DurationSampler::new(&dist).unwrap();
        for _ in 0..1_000 {
            assert_eq!(s.sample(&mut rng), value, "{dist:?}");
        }
    }
    let s = DurationSampler::new(&DurationDist::uniform(1.0, 1.5).unwrap()).unwrap();
    assert!((0..10_000).all(|_| (1.0..=1.5).contains(&s.sample(&mut rng))));
}

#[test]
fn empirical_draws_each_value_in_proportion() {
    // Value i is drawn with probability pᵢ = wᵢ/Σw; its count in n draws is
    // Binomial(n, pᵢ) with sd √(n·pᵢ(1−pᵢ)); allow 4 sd.
    let weights = [1.0, 2.0, 7.0];
    let dist = DurationDist::empirical(vec![1.0, 2.0, 3.0], weights.to_vec()).unwrap();
    let s = DurationSampler::new(&dist).unwrap();
    let mut rng = StreamKey::new(8).rng(Purpose::Handle);
    let n = 50_000;
    let mut counts = [0u32; 3];
    for _ in 0..n {
        counts[s.sample(&mut rng) as usize - 1] += 1;
    }
    for (count, w) in counts.iter().zip(weights) {
        let p = w / 10.0;
        let nf = f64::from(n);
        let sd = (nf * p * (1.0 - p)).sqrt();
        assert!((f64::from(*count) - nf * p).abs() < 4.0 * sd, "{counts:?}");
    }
}

#[test]
fn bad_parameters_are_named_with_what_is_allowed() {
    let cases: Vec<(Result<DurationDist, DurationError>, &str)> = vec![
        (DurationDist::fixed(f64::NAN), "fixed"),
        (DurationDist::fixed(-1.0), "fixed"),
        (DurationDist::uniform(-1.0, 2.0), "uniform[0]"),
        (DurationDist::uniform(1.0, f64::INFINITY), "uniform[1]"),
        (DurationDist::uniform(5.0, 3.0), "uniform"),
        (DurationDist::exponential(-0.1), "exponential"),
        (DurationDist::lognormal(-1.0, 1.0), "lognormal.median"),
        (DurationDist::lognormal(1.0, f64::NAN), "lognormal.sigma"),
        (DurationDist::lognormal(1.0, 40.0), "lognormal"),
        (DurationDist::empirical(vec![], vec![]), "empirical"),
        (
            DurationDist::empirical(vec![1.0], vec![1.0, 2.0]),
            "empirical",
        ),
        (
            DurationDist::empirical(vec![1.0, -2.0], vec![1.0, 1.0]),
            "empirical.values[1]",
        ),
        (
            DurationDist::empirical(vec![1.0, 2.0], vec![1.0, -1.0]),
            "empirical.weights[1]",
        ),
        (
            DurationDist::empirical(vec![1.0, 2.0], vec![0.0, 0.0]),
            "empirical.weights",
        ),
        (
            DurationDist::empirical(vec![1.0, 2.0], vec![f64::MAX, f64::MAX]),
            "empirical.weights",
        ),
    ];
    for (result, parameter) in cases {
        let err = result.unwrap_err();
        assert_eq!(err.parameter, parameter, "{err}");
        let text = err.to_string();
        assert!(
            text.contains(parameter) && text.contains("expected"),
            "{text}"
        );
    }
    let err = DurationDist::uniform(5.0, 3.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`uniform` = [5, 3] is not allowed; expected [a, b] with 0 <= a <= b, both finite"
    );
    // Plain data built by hand is checked again before sampling.
    let raw = DurationDist::Exponential { mean: f64::NAN };
    assert_eq!(
        DurationSampler::new(&raw).unwrap_err().parameter,
        "exponential"
    );
}

#[test]
fn scaling_changes_the_unit() {
    let minutes = DurationDist::lognormal(12.0, 0.6).unwrap();
    let hours = minutes.scaled(1.0 / 60.0).unwrap();
    assert!((hours.mean() - minutes.mean() / 60.0).abs() < 1e-15);
    assert_eq!(
        hours,
        DurationDist::Lognormal {
            median: 0.2,
            sigma: 0.6
        }
    );
    let emp = DurationDist::empirical(vec![30.0, 90.0], vec![1.0, 1.0]).unwrap();
    assert_eq!(emp.scaled(2.0).unwrap().mean(), 120.0);
    assert_eq!(emp.scaled(-1.0).unwrap_err().parameter, "factor");
    assert_eq!(
        DurationDist::fixed(1e300)
            .unwrap()
            .scaled(1e10)
            .unwrap_err()
            .parameter,
        "fixed"
    );
}

#[test]
fn serializes_like_the_other_model_distributions() {
    let json = |d: &DurationDist| serde_json::to_string(d).unwrap();
    assert_eq!(json(&DurationDist::fixed(1.5).unwrap()), r#"{"fixed":1.5}"#);
    assert_eq!(
        json(&DurationDist::uniform(1.0, 2.0).unwrap()),
        r#"{"uniform":{"lo":1.0,"hi":2.0}}"#
    );
    assert_eq!(
        json(&DurationDist::lognormal(3.0, 0.5).unwrap()),
        r#"{"lognormal":{"median":3.0,"sigma":0.5}}"#
    );
}

#[test]
fn distribution_functions_match_closed_forms_and_samples() {
    // Closed forms: Φ(0) = 1/2, Φ(1) = 0.841344746, Φ(−2) = 0.022750132
    // (standard normal tables), so a log-normal with median 2 and σ = 0.5
    // has P(D ≤ 2) = 1/2, P(D ≤ 2e^{0.5}) = Φ(1), P(D ≤ 2e^{−1}) = Φ(−2).
    let ln = DurationDist::lognormal(2.0, 0.5).unwrap();
    assert!((ln.cdf(2.0) - 0.5).abs() < 1e-7);
    assert!((ln.cdf(2.0 * 0.5f64.exp()) - 0.841_344_746).abs() < 1e-7);
    assert!((ln.cdf(2.0 * (-1.0f64).exp()) - 0.022_750_132).abs() < 1e-7);
    assert_eq!(ln.cdf(0.0), 0.0);
    let ex = DurationDist::exponential(3.0).unwrap();
    assert!((ex.cdf(3.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-15);
    assert_eq!(ex.cdf(-1.0), 0.0);
    let un = DurationDist::uniform(2.0, 6.0).unwrap();
    assert_eq!((un.cdf(1.0), un.cdf(3.0), un.cdf(7.0)), (0.0, 0.25, 1.0));
    let fixed = DurationDist::fixed(24.0).unwrap();
    assert_eq!((fixed.cdf(23.9), fixed.cdf(24.0)), (0.0, 1.0));
    // Against samples: the share of 100,000 draws at most x has standard
    // error √(F(1−F)/n) ≤ 0.0016; 4 SE is 0.0064.
    let n = 100_000;
    let cases = [
        (ln.clone(), 1.7),
        (ex, 2.0),
        (un, 4.5),
        (
            DurationDist::empirical(vec![0.5, 1.0, 24.0, 48.0], vec![32.0, 13.0, 39.0, 16.0])
                .unwrap(),
            1.0,
        ),
    ];
    for (i, (dist, x)) in cases.iter().enumerate() {
        let sampler = DurationSampler::new(dist).unwrap();
        let mut rng = StreamKey::new(23).sub(i as u64).rng(Purpose::Tolerance);
        let below = (0..n).filter(|_| sampler.sample(&mut rng) <= *x).count();
        let share = below as f64 / f64::from(n);
        assert!(
            (share - dist.cdf(*x)).abs() < 0.0064,
            "{dist:?} at {x}: {share} vs {}",
            dist.cdf(*x)
        );
    }
}
