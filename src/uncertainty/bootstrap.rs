//! Bootstrap standard errors over parameter draws (Efron & Tibshirani
//! 1993, "An Introduction to the Bootstrap", ch. 6): the draws are
//! resampled whole, with replacement — each drawn world with its own
//! replications, so the Monte Carlo noise within a draw is resampled with
//! it — the statistic is recomputed on each of [`REPLICATES`] resamples,
//! and its standard error is the standard deviation of the replicates.
//! Resample `b` comes from the stream (seed, b, bootstrap), so the errors
//! are the same on any thread count and for any split into shards.

use crate::rng::{Purpose, StreamKey};
use rand::RngExt;
use rayon::prelude::*;

/// Bootstrap resamples per estimate: the standard error itself is then
/// known to about `1/√(2·200)` = 5%.
pub const REPLICATES: u64 = 200;

/// Resample `b` of `n` draws: `n` indices drawn uniformly with
/// replacement.
pub fn resample(seed: u64, b: u64, n: usize) -> Vec<usize> {
    let mut rng = StreamKey::new(seed).replication(b).rng(Purpose::Bootstrap);
    (0..n).map(|_| rng.random_range(0..n)).collect()
}

/// The standard error of each component of `stat` (a statistic of the
/// draws at the given indices, always the same length) over `replicates`
/// resamples of `n` draws.
pub fn standard_errors<F>(seed: u64, n: usize, replicates: u64, stat: F) -> Vec<f64>
where
    F: Fn(&[usize]) -> Vec<f64> + Sync,
{
    if n < 2 || replicates < 2 {
        return Vec::new();
    }
    let reps: Vec<Vec<f64>> = (0..replicates)
        .into_par_iter()
        .map(|b| stat(&resample(seed, b, n)))
        .collect();
    let width = reps[0].len();
    (0..width)
        .map(|j| {
            let column: Vec<f64> = reps.iter().map(|r| r[j]).collect();
            super::estimate::variance(&column).sqrt()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_of_a_mean_is_sd_over_root_n() {
        // 400 values of a uniform on [0, 1]: SE of the mean = √(1/12)/20.
        let x: Vec<f64> = (0..400).map(|i| (f64::from(i) + 0.5) / 400.0).collect();
        let se = standard_errors(3, x.len(), REPLICATES, |idx| {
            vec![idx.iter().map(|i| x[*i]).sum::<f64>() / idx.len() as f64]
        });
        let exact = (1.0f64 / 12.0).sqrt() / 20.0;
        // The bootstrap SE is itself known to about 1/√(2·200) = 5%;
        // four of those.
        assert!((se[0] / exact - 1.0).abs() < 0.2, "{se:?} vs {exact}");
        assert_eq!(resample(3, 7, 10), resample(3, 7, 10));
        assert_ne!(resample(3, 7, 10), resample(3, 8, 10));
    }
}
