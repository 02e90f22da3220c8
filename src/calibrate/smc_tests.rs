//! The sampler on toy models whose posteriors are known.

use super::{Prior, Settings, run, summarize};
use crate::rng::WomRng;
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};

/// The mean of `n` draws of N(μ, 1) from `seed`.
fn sample_mean(mu: f64, n: usize, seed: u64) -> f64 {
    let mut rng = WomRng::seed_from_u64(seed);
    (0..n)
        .map(|_| mu + Distribution::<f64>::sample(&StandardNormal, &mut rng))
        .sum::<f64>()
        / n as f64
}

fn settings() -> Settings {
    Settings {
        particles: 300,
        simulations: 30_000,
        max_generations: 10,
        ..Settings::default()
    }
}

type Never = std::convert::Infallible;

#[test]
fn a_normal_mean_gets_its_conjugate_posterior() {
    // Prior U(−5, 5); 20 observations of N(μ, 1) with mean 1.0: the
    // posterior is N(1.0, 1/20), sd 0.224 (the prior's truncation at ±5 is
    // 18 sd away). The weighted mean's Monte Carlo error is about
    // sd / √ESS ≈ 0.02 with ESS ≥ 100, so ±0.1 is five of them; ABC's
    // tolerance widens the posterior a little, so its sd may lie a third
    // above the exact one and, with Monte Carlo error, a fifth below.
    let priors = [Prior::uniform(-5.0, 5.0).unwrap()];
    let out = run::<Never, _>(
        &priors,
        &[1.0],
        &settings(),
        11,
        |v, seed| Ok(vec![sample_mean(v[0], 20, seed)]),
        &|_| {},
    )
    .unwrap();
    let values: Vec<f64> = out.posterior.iter().map(|p| p.values[0]).collect();
    let weights: Vec<f64> = out.posterior.iter().map(|p| p.weight).collect();
    let s = summarize(&values, &weights);
    let total: f64 = weights.iter().sum();
    let var = values
        .iter()
        .zip(&weights)
        .map(|(v, w)| w * (v - s.mean).powi(2))
        .sum::<f64>()
        / total;
    assert!(s.ess >= 100.0, "ESS {}", s.ess);
    assert!((s.mean - 1.0).abs() < 0.1, "mean {}", s.mean);
    let sd = var.sqrt();
    assert!((0.18..0.30).contains(&sd), "sd {sd}");
    assert!(out.generations.len() >= 3, "{:?}", out.generations);
    assert!(out.simulations <= 30_000);
    assert!(s.interval90[0] < 1.0 && 1.0 < s.interval90[1]);
}

#[test]
fn a_key_the_data_ignore_keeps_its_prior_width() {
    // The second key does not enter the simulation: its posterior is its
    // prior, U(0, 1), whose 90% interval is 0.9 wide. With ESS ≥ 100 the
    // 5th and 95th weighted percentiles each move by about
    // √(0.05·0.95/100) ≈ 0.02, so 0.8 to 0.96 allows for more than three
    // standard errors at each end.
    let priors = [
        Prior::uniform(-5.0, 5.0).unwrap(),
        Prior::uniform(0.0, 1.0).unwrap(),
    ];
    let out = run::<Never, _>(
        &priors,
        &[0.5],
        &settings(),
        5,
        |v, seed| Ok(vec![sample_mean(v[0], 20, seed)]),
        &|_| {},
    )
    .unwrap();
    let values: Vec<f64> = out.posterior.iter().map(|p| p.values[1]).collect();
    let weights: Vec<f64> = out.posterior.iter().map(|p| p.weight).collect();
    let s = summarize(&values, &weights);
    let width = s.interval90[1] - s.interval90[0];
    assert!(s.ess >= 100.0, "ESS {}", s.ess);
    assert!((0.8..0.96).contains(&width), "90% width {width}");
}

#[test]
fn the_outcome_is_the_same_on_one_and_three_threads() {
    let priors = [
        Prior::uniform(-5.0, 5.0).unwrap(),
        Prior::uniform(0.0, 2.0).unwrap(),
    ];
    let go = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            run::<Never, _>(
                &priors,
                &[0.3, 1.2],
                &Settings {
                    particles: 60,
                    simulations: 3_000,
                    ..Settings::default()
                },
                3,
                |v, seed| {
                    Ok(vec![
                        sample_mean(v[0], 10, seed),
                        sample_mean(v[1], 10, seed ^ 1),
                    ])
                },
                &|_| {},
            )
            .unwrap()
        })
    };
    let (a, b) = (go(1), go(3));
    assert_eq!(a.posterior, b.posterior);
    assert_eq!(a.generations, b.generations);
    assert_eq!(a.simulations, b.simulations);
}

#[test]
fn a_budget_too_small_for_another_generation_stops_with_the_last_whole_one() {
    let priors = [Prior::uniform(-5.0, 5.0).unwrap()];
    let out = run::<Never, _>(
        &priors,
        &[1.0],
        &Settings {
            particles: 50,
            simulations: 149,
            ..Settings::default()
        },
        1,
        |v, seed| Ok(vec![sample_mean(v[0], 20, seed)]),
        &|_| {},
    )
    .unwrap();
    assert_eq!(out.stop, super::Stop::Budget);
    assert!(out.simulations <= 149);
    assert_eq!(out.posterior.len(), 50);
    let total: f64 = out.posterior.iter().map(|p| p.weight).sum();
    assert!((total - 1.0).abs() < 1e-9);
}
