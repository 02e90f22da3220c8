//! Statistics of weighted draws: mean, quantiles, effective sample size.

/// The posterior of one fitted key, from weighted particles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeySummary {
    /// Weighted mean.
    pub mean: f64,
    /// Weighted median.
    pub median: f64,
    /// Central 50% interval (weighted 25th and 75th percentiles).
    pub interval50: [f64; 2],
    /// Central 90% interval (weighted 5th and 95th percentiles).
    pub interval90: [f64; 2],
    /// Effective sample size of the weights, `1 / Σ w²`.
    pub ess: f64,
}

/// The smallest value whose cumulative normalised weight (values sorted,
/// ties in input order) reaches `q`, for `q` in `[0, 1]`: the weighted
/// empirical quantile.
///
/// # Panics
/// If `values` is empty or its length differs from `weights`'.
pub fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> f64 {
    assert!(!values.is_empty() && values.len() == weights.len());
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let total: f64 = weights.iter().sum();
    let mut cumulative = 0.0;
    for &i in &order {
        cumulative += weights[i] / total;
        if cumulative >= q - 1e-12 {
            return values[i];
        }
    }
    values[order[order.len() - 1]]
}

/// Kish's effective sample size of normalised-or-not weights,
/// `(Σ w)² / Σ w²`.
pub fn effective_sample_size(weights: &[f64]) -> f64 {
    let sum: f64 = weights.iter().sum();
    let squares: f64 = weights.iter().map(|w| w * w).sum();
    if squares > 0.0 {
        sum * sum / squares
    } else {
        0.0
    }
}

/// Mean, median, intervals and effective sample size of weighted values.
///
/// # Panics
/// As [`weighted_quantile`].
pub fn summarize(values: &[f64], weights: &[f64]) -> KeySummary {
    let total: f64 = weights.iter().sum();
    let mean = values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total;
    let q = |p| weighted_quantile(values, weights, p);
    KeySummary {
        mean,
        median: q(0.5),
        interval50: [q(0.25), q(0.75)],
        interval90: [q(0.05), q(0.95)],
        ess: effective_sample_size(weights),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_give_the_empirical_quantiles_and_the_count_as_ess() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let weights = vec![1.0; 100];
        let s = summarize(&values, &weights);
        assert_eq!(s.mean, 50.5);
        assert_eq!(s.median, 50.0);
        assert_eq!(s.interval50, [25.0, 75.0]);
        assert_eq!(s.interval90, [5.0, 95.0]);
        assert!((s.ess - 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_heavy_particle_pulls_the_quantiles_and_lowers_the_ess() {
        let values = [0.0, 1.0, 2.0, 3.0];
        let weights = [0.1, 0.1, 0.7, 0.1];
        assert_eq!(weighted_quantile(&values, &weights, 0.5), 2.0);
        assert_eq!(weighted_quantile(&values, &weights, 0.1), 0.0);
        assert!((effective_sample_size(&weights) - 1.0 / 0.52).abs() < 1e-9);
    }
}
