use super::*;
use crate::rng::{Purpose, StreamKey};
use crate::uncertainty::prior::Prior;

/// `n` standard normals from a fixed keyed stream (by inversion).
fn normals(seed: u64, n: u64) -> Vec<f64> {
    let z = Prior::Lognormal {
        median: 1.0,
        sigma: 1.0,
    };
    (0..n)
        .map(|i| {
            let u = StreamKey::new(seed).sub(i).uniform(Purpose::Uncertainty);
            z.quantile(u).ln()
        })
        .collect()
}

#[test]
fn evpi_of_a_normal_incremental_net_benefit_is_sigma_over_root_two_pi() {
    let sigma = 3.0;
    let n = 200_000;
    let nb: Vec<Vec<f64>> = normals(1, n).iter().map(|z| vec![0.0, sigma * z]).collect();
    let got = evpi(&nb);
    let want = sigma / (2.0 * std::f64::consts::PI).sqrt();
    // EVPI is a mean of max(0, X) minus max(0, mean X): the first has
    // standard error sd(max(0, X))/√n ≈ 0.58σ/√n, the second at most
    // σ/√n; four of their sum bounds the miss.
    let se = (0.58 + 1.0) * sigma / (n as f64).sqrt();
    assert!((got - want).abs() < 4.0 * se, "{got} vs {want} ± {se}");
}

#[test]
fn evpi_is_zero_when_one_option_is_always_best_and_evppi_at_most_evpi() {
    let z = normals(2, 2000);
    let always: Vec<Vec<f64>> = z.iter().map(|z| vec![0.0, 10.0 + z]).collect();
    assert_eq!(evpi(&always), 0.0);
    assert_eq!(probability_best(&always), vec![0.0, 1.0]);
    // INB = x1 + x2 with x1 and x2 independent: knowing x1 is worth less
    // than knowing both, and a key unrelated to INB is worth ≈ 0.
    let x1 = normals(3, 2000);
    let x2 = normals(4, 2000);
    let unrelated = normals(5, 2000);
    let nb: Vec<Vec<f64>> = (0..2000).map(|i| vec![0.0, x1[i] + x2[i]]).collect();
    let full = evpi(&nb);
    let partial = evppi(&x1, &nb);
    assert!(partial <= full, "{partial} > {full}");
    // E[max(0, x1)] with x1 ~ N(0, 1): 1/√(2π) ≈ 0.399; the binned
    // estimate is within 0.06 (bins of 44 draws, sd 1 each: 4 SE ≈ 0.06).
    assert!((partial - 0.399).abs() < 0.06, "{partial}");
    let nothing = evppi(&unrelated, &nb);
    assert!(nothing < 0.05, "{nothing}");
    assert!(
        first_order(
            &unrelated,
            &nb.iter().map(|r| r[1]).collect::<Vec<_>>(),
            2.0
        ) < 0.05
    );
}

#[test]
fn deconvolution_removes_the_monte_carlo_noise() {
    // 400 draws, g(θ) = 2θ with θ ~ N(0, 1) (Var g = 4), 10 replications
    // each with noise N(0, 5²): the raw means have variance 4 + 2.5.
    let theta = normals(6, 400);
    let noise = normals(7, 4000);
    let groups: Vec<Vec<f64>> = (0..400)
        .map(|d| {
            (0..10)
                .map(|m| 2.0 * theta[d] + 5.0 * noise[d * 10 + m])
                .collect()
        })
        .collect();
    let dec = deconvolve(&groups);
    // τ̂² estimates 4; its SE is about √(2/400)·6.5 ≈ 0.46.
    assert!((dec.between - 4.0).abs() < 4.0 * 0.46, "{}", dec.between);
    assert!((variance(&dec.shrunk) - dec.between).abs() < 1e-9);
    // The interval is g's: the percentiles of 2θ over these draws (the
    // raw means would be 1.27 times wider). The ends move with τ̂ (SE
    // about 0.115 · 1.96 ≈ 0.23) and with the noise reshuffling which
    // draws sit in the tail (a percentile of 400 has SE about 0.27 here):
    // four times their sum, 2.0, bounds the miss, while the raw means'
    // interval misses by about 1.
    let mut g: Vec<f64> = theta.iter().map(|t| 2.0 * t).collect();
    g.sort_by(f64::total_cmp);
    let want = [
        crate::stats::percentile_sorted(&g, 0.025),
        crate::stats::percentile_sorted(&g, 0.975),
    ];
    let [lo, hi] = dec.interval95();
    assert!(
        (lo - want[0]).abs() < 2.0 && (hi - want[1]).abs() < 2.0,
        "{lo} {hi} vs {want:?}"
    );
    assert!(
        hi - lo < 0.9 * (want[1] - want[0]) * 1.27,
        "{lo} {hi} vs {want:?}"
    );
    // With only noise, the interval collapses onto the mean: no wider
    // than the Monte Carlo interval of the mean.
    let flat: Vec<Vec<f64>> = (0..400)
        .map(|d| (0..10).map(|m| 5.0 * noise[d * 10 + m]).collect())
        .collect();
    let dec = deconvolve(&flat);
    let [lo, hi] = dec.interval95();
    let mc = 1.96 * 5.0 / (4000f64).sqrt();
    assert!(hi - lo <= 2.0 * mc, "{lo} {hi} vs ±{mc}");
    // The total index of the only key that matters is 1, of a key that
    // does not, about 0.
    let xs: Vec<Vec<f64>> = (0..400).map(|d| vec![theta[d], noise[d]]).collect();
    let y: Vec<f64> = groups.iter().map(|g| mean(g)).collect();
    let dec = deconvolve(&groups);
    let t0 = total_order(&xs, 0, &y, dec.noise(), dec.between);
    let t1 = total_order(&xs, 1, &y, dec.noise(), dec.between);
    assert!(t0 > 0.8, "{t0}");
    assert!(t1 < 0.2, "{t1}");
}
