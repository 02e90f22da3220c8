//! What the uncertainty means for a decision, from parameter draws each
//! simulated with `M` replications: the uncertainty interval of the
//! expected difference, the probability a policy is best, EVPI and EVPPI,
//! and first-order and total Sobol indices from the given draws.
//!
//! ## Removing the Monte Carlo noise
//! The mean difference of draw `d` over its `M` replications is
//! `ȳ_d = g(θ_d) + ε_d` with `g(θ) = E[D | θ]` the expected difference
//! the owner cares about and `Var ε_d = σ_w² / M` (the spread between
//! replications of one draw). So `Var ȳ = Var g(θ) + σ_w² / M`: the raw
//! per-draw means are *wider* than the uncertainty about `g`. The pooled
//! within-draw variance `σ̂_w²` (the unbiased one-way ANOVA estimate)
//! gives `τ̂² = s²(ȳ) − σ̂_w²/M` (0 unless the means vary significantly
//! more than their noise: an F test at 0.1%), and each draw's mean is shrunk
//! towards the grand mean by `λ = sqrt(τ̂² / s²(ȳ))`, so the shrunk means
//! have variance `τ̂²`, the variance of `g(θ)` (variance-matching
//! shrinkage, an empirical-Bayes deconvolution that keeps the shape and
//! order of the draws). The uncertainty interval is the 2.5% and 97.5%
//! percentiles of the shrunk means; a scenario whose uncertain keys cannot
//! change the comparison has `τ̂² ≈ 0`, so its interval collapses onto the
//! mean, no wider than the Monte Carlo interval. The probability that a
//! policy is better and the EVPI are read from the shrunk means too (raw
//! means would overstate both: the maximum of noisy numbers is biased up).
//!
//! ## EVPPI and first-order indices
//! Both need `E[g | θ_i]`, estimated by a regressogram (Strong & Oakley
//! 2014, "An efficient method for computing single-parameter partial
//! expected value of perfect information", with bins instead of a GAM):
//! the draws sorted by `θ_i` and cut into `⌊√D⌋` bins of equal count. The
//! bin means carry the noise of the other keys and of the replications,
//! `E[s_b² / n_b]`; the same variance-matching shrinkage removes it. Then
//! `EVPPI_i = mean_b max_k ĝ_k(b) − max_k mean ĝ_k` and
//! `S1_i = Var_b ĝ(b) / τ̂²`.
//!
//! ## Total indices from given data
//! `ST_i = E[Var(g | θ_~i)] / Var g`: each draw is paired with its nearest
//! neighbour in the other keys (ranks scaled to [0, 1]), and
//! `½ mean (ȳ_d − ȳ_nn(d))² − σ̂_w²/M` estimates `E[Var(g | θ_~i)]` (the
//! Jansen estimator with the neighbour as the "pick-freeze" partner).
//!
//! ## Standard errors
//! EVPI, each EVPPI and each index is a non-linear function of all the
//! draws (a maximum, a regressogram, a nearest neighbour), with no simple
//! variance formula; summary.json gives each its bootstrap standard error
//! (`super::bootstrap`): the draws resampled whole with replacement — a
//! world with its own replications, so the Monte Carlo noise is resampled
//! with it and the deconvolution is redone on every resample — and the
//! estimate recomputed. In a resample a draw and its copies are never
//! each other's nearest neighbour (`total_order_of`). The error covers the
//! estimate's sampling spread, not the bias of the given-data total index
//! with few draws and many keys (`wom sensitivity --global` designs for it).

/// The per-draw means of one comparison with the Monte Carlo noise
/// removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Deconvolved {
    /// Raw mean of each draw's replications.
    pub raw: Vec<f64>,
    /// Each mean shrunk towards the grand mean (variance `between`).
    pub shrunk: Vec<f64>,
    /// Grand mean.
    pub mean: f64,
    /// Pooled within-draw variance of one replication (σ̂_w²).
    pub within: f64,
    /// Variance of the expected difference across draws (τ̂²).
    pub between: f64,
    /// Replications per draw.
    pub per_draw: usize,
}

/// Sample mean.
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// Unbiased sample variance (0 with fewer than two values).
pub fn variance(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64
}

/// The upper 0.1% point of the standard normal, for the F test of
/// [`signal`].
const Z_999: f64 = 3.090_232_306_167_813;

/// The variance of the signal in `groups` noisy values of variance
/// `total` whose noise has variance `noise` (estimated with `dof` degrees
/// of freedom): `total − noise` when the values vary significantly more
/// than their noise (the one-way ANOVA F test at 0.1%, with the normal
/// approximation `F ≈ 1 + z·sqrt(2/(groups − 1) + 2/dof)`), else 0. Without
/// the test, pure noise would leave a positive estimate of size
/// `noise·sqrt(2/groups)` half the time, and an interval of keys that
/// cannot matter wider than the Monte Carlo interval.
fn signal(total: f64, noise: f64, groups: usize, dof: f64) -> f64 {
    if groups < 2 || total <= 0.0 {
        return 0.0;
    }
    let critical = 1.0 + Z_999 * (2.0 / (groups - 1) as f64 + 2.0 / dof.max(1.0)).sqrt();
    if noise > 0.0 && total < critical * noise {
        0.0
    } else {
        (total - noise).max(0.0)
    }
}

/// The factor that shrinks values of variance `total` to variance
/// `signal`.
fn shrink_factor(total: f64, signal: f64) -> f64 {
    if total <= 0.0 {
        0.0
    } else {
        (signal / total).sqrt()
    }
}

/// Deconvolves the replications of each draw (`groups[d]`, `M` each).
pub fn deconvolve(groups: &[Vec<f64>]) -> Deconvolved {
    let per_draw = groups.first().map_or(1, Vec::len).max(1);
    let raw: Vec<f64> = groups.iter().map(|g| mean(g)).collect();
    let within = if per_draw > 1 {
        mean(&groups.iter().map(|g| variance(g)).collect::<Vec<_>>())
    } else {
        0.0
    };
    let total = variance(&raw);
    let noise = within / per_draw as f64;
    let dof = (groups.len() * (per_draw - 1)) as f64;
    let between = signal(total, noise, groups.len(), dof);
    let lambda = shrink_factor(total, between);
    let grand = mean(&raw);
    let shrunk = raw.iter().map(|y| grand + lambda * (y - grand)).collect();
    Deconvolved {
        raw,
        shrunk,
        mean: grand,
        within,
        between,
        per_draw,
    }
}

impl Deconvolved {
    /// The 95% uncertainty interval: 2.5% and 97.5% percentiles of the
    /// shrunk means.
    pub fn interval95(&self) -> [f64; 2] {
        let mut sorted = self.shrunk.clone();
        sorted.sort_by(f64::total_cmp);
        [
            crate::stats::percentile_sorted(&sorted, 0.025),
            crate::stats::percentile_sorted(&sorted, 0.975),
        ]
    }

    /// The share of draws whose expected difference is above 0, with its
    /// binomial standard error.
    pub fn probability_better(&self) -> (f64, f64) {
        let n = self.shrunk.len().max(1) as f64;
        let p = self.shrunk.iter().filter(|y| **y > 0.0).count() as f64 / n;
        (p, (p * (1.0 - p) / n).sqrt())
    }

    /// The noise variance of one draw's mean, `σ̂_w² / M`.
    pub fn noise(&self) -> f64 {
        self.within / self.per_draw as f64
    }
}

/// For each option, the share of draws in which it is best (`nb[d][k]`:
/// net benefit of option `k` in draw `d`; ties go to the lower index).
pub fn probability_best(nb: &[Vec<f64>]) -> Vec<f64> {
    let k = nb.first().map_or(0, Vec::len);
    let mut wins = vec![0usize; k];
    for row in nb {
        wins[best(row)] += 1;
    }
    let n = nb.len().max(1) as f64;
    wins.iter().map(|w| *w as f64 / n).collect()
}

/// The index of the largest value (the first of ties).
fn best(row: &[f64]) -> usize {
    let mut b = 0;
    for (i, x) in row.iter().enumerate() {
        if *x > row[b] {
            b = i;
        }
    }
    b
}

/// Expected value of perfect information: `mean_d max_k nb[d][k] −
/// max_k mean_d nb[d][k]`, never below 0.
pub fn evpi(nb: &[Vec<f64>]) -> f64 {
    let k = nb.first().map_or(0, Vec::len);
    if k == 0 {
        return 0.0;
    }
    let with_info = mean(&nb.iter().map(|r| r[best(r)]).collect::<Vec<_>>());
    let means: Vec<f64> = (0..k)
        .map(|j| mean(&nb.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    (with_info - means[best(&means)]).max(0.0)
}

/// The bins of the regressogram on `x`: index lists of equal count,
/// `⌊√D⌋` of them (at least 2, at most D).
fn bins(x: &[f64]) -> Vec<Vec<usize>> {
    let n = x.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| x[*a].total_cmp(&x[*b]).then(a.cmp(b)));
    let count = ((n as f64).sqrt().floor() as usize).clamp(1, n.max(1));
    (0..count)
        .map(|b| order[b * n / count..(b + 1) * n / count].to_vec())
        .filter(|b| !b.is_empty())
        .collect()
}

/// `E[y | x]` per bin with the noise of the bin means removed (shrunk
/// towards the grand mean): the bin means, their counts.
fn conditional_means(x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let bins = bins(x);
    let means: Vec<f64> = bins
        .iter()
        .map(|b| mean(&b.iter().map(|i| y[*i]).collect::<Vec<_>>()))
        .collect();
    let noise = mean(
        &bins
            .iter()
            .map(|b| {
                let v: Vec<f64> = b.iter().map(|i| y[*i]).collect();
                variance(&v) / v.len() as f64
            })
            .collect::<Vec<_>>(),
    );
    let total = variance(&means);
    let dof = (y.len() - bins.len()) as f64;
    let lambda = shrink_factor(total, signal(total, noise, bins.len(), dof));
    let grand = mean(y);
    let shrunk = means.iter().map(|m| grand + lambda * (m - grand)).collect();
    (shrunk, bins.iter().map(Vec::len).collect())
}

/// Expected value of partial perfect information about `x` (one value
/// per draw) for options with per-draw net benefits `nb[d][k]`.
pub fn evppi(x: &[f64], nb: &[Vec<f64>]) -> f64 {
    let k = nb.first().map_or(0, Vec::len);
    if k == 0 || x.len() < 4 {
        return 0.0;
    }
    let per_option: Vec<(Vec<f64>, Vec<usize>)> = (0..k)
        .map(|j| conditional_means(x, &nb.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    let counts = &per_option[0].1;
    let total: usize = counts.iter().sum();
    let with_info: f64 = (0..counts.len())
        .map(|b| {
            let row: Vec<f64> = per_option.iter().map(|(m, _)| m[b]).collect();
            row[best(&row)] * counts[b] as f64
        })
        .sum::<f64>()
        / total as f64;
    let means: Vec<f64> = (0..k)
        .map(|j| mean(&nb.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    (with_info - means[best(&means)]).max(0.0)
}

/// First-order index of `x` for per-draw means `y` whose noise-free
/// variance is `between`: `Var E[y | x] / between`, in [0, 1].
pub fn first_order(x: &[f64], y: &[f64], between: f64) -> f64 {
    if between <= 0.0 || x.len() < 4 {
        return 0.0;
    }
    let (means, counts) = conditional_means(x, y);
    let total: usize = counts.iter().sum();
    let grand: f64 = means
        .iter()
        .zip(&counts)
        .map(|(m, c)| m * *c as f64)
        .sum::<f64>()
        / total as f64;
    let var: f64 = means
        .iter()
        .zip(&counts)
        .map(|(m, c)| (m - grand).powi(2) * *c as f64)
        .sum::<f64>()
        / total as f64;
    (var / between).clamp(0.0, 1.0)
}

/// Ranks scaled to (0, 1), ties broken by index.
fn ranks(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| x[*a].total_cmp(&x[*b]).then(a.cmp(b)));
    let mut r = vec![0.0; n];
    for (rank, i) in order.into_iter().enumerate() {
        r[i] = (rank as f64 + 0.5) / n as f64;
    }
    r
}

/// Total index of key `i` from given draws: `xs[d]` the draw's key
/// values, `y` its mean, `noise` the noise variance of a mean, `between`
/// the noise-free variance; in [0, 1]. With one key, `ST = 1` whenever
/// the comparison varies.
pub fn total_order(xs: &[Vec<f64>], i: usize, y: &[f64], noise: f64, between: f64) -> f64 {
    total_order_of(xs, None, i, y, noise, between)
}

/// [`total_order`] of draws that may repeat (a bootstrap resample):
/// `ids[d]` names the draw row `d` is a copy of, and no row is paired
/// with a copy of itself (whose difference would be 0, not a neighbour's).
pub fn total_order_of(
    xs: &[Vec<f64>],
    ids: Option<&[usize]>,
    i: usize,
    y: &[f64],
    noise: f64,
    between: f64,
) -> f64 {
    let n = xs.len();
    let same = |d: usize, e: usize| ids.map_or(d == e, |ids| ids[d] == ids[e]);
    let keys = xs.first().map_or(0, Vec::len);
    if between <= 0.0 || n < 4 {
        return 0.0;
    }
    if keys == 1 {
        return 1.0;
    }
    let scaled: Vec<Vec<f64>> = (0..keys)
        .map(|k| ranks(&xs.iter().map(|r| r[k]).collect::<Vec<_>>()))
        .collect();
    let mut sum = 0.0;
    for d in 0..n {
        let mut nearest = (f64::INFINITY, d);
        for e in (0..n).filter(|e| !same(d, *e)) {
            let dist: f64 = (0..keys)
                .filter(|k| *k != i)
                .map(|k| (scaled[k][d] - scaled[k][e]).powi(2))
                .sum();
            if dist < nearest.0 {
                nearest = (dist, e);
            }
        }
        if nearest.1 == d {
            continue;
        }
        sum += 0.5 * (y[d] - y[nearest.1]).powi(2);
    }
    ((sum / n as f64 - noise) / between).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests;
