//! The distance between a simulation and the observations: the Euclidean
//! distance of their summaries, each standardised by its spread across the
//! first generation's (prior predictive) simulations.

/// One scale per summary: the median absolute deviation (times 1.4826, so
/// it estimates a normal's standard deviation) of the prior predictive
/// simulations; their standard deviation where the MAD is 0; 1 where both
/// are 0 (a summary the prior cannot move adds the same constant to every
/// distance).
#[derive(Debug, Clone, PartialEq)]
pub struct Scales(pub Vec<f64>);

impl Scales {
    /// The scales of `simulations` (each a vector of summaries, all of one
    /// length).
    ///
    /// # Panics
    /// If `simulations` is empty.
    pub fn from_simulations(simulations: &[Vec<f64>]) -> Self {
        let dim = simulations[0].len();
        let scales = (0..dim)
            .map(|k| {
                let mut column: Vec<f64> = simulations.iter().map(|s| s[k]).collect();
                let mad = 1.4826 * mad(&mut column);
                if mad > 0.0 {
                    return mad;
                }
                let n = column.len() as f64;
                let mean = column.iter().sum::<f64>() / n;
                let sd = (column.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
                if sd > 0.0 { sd } else { 1.0 }
            })
            .collect();
        Self(scales)
    }

    /// The standardised Euclidean distance of `simulated` to `observed`:
    /// `sqrt(Σ ((s_k − o_k) / scale_k)²)`.
    pub fn distance(&self, simulated: &[f64], observed: &[f64]) -> f64 {
        simulated
            .iter()
            .zip(observed)
            .zip(&self.0)
            .map(|((s, o), c)| ((s - o) / c).powi(2))
            .sum::<f64>()
            .sqrt()
    }
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Median absolute deviation from the median; sorts `values`.
fn mad(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let m = median(values);
    let mut deviations: Vec<f64> = values.iter().map(|x| (x - m).abs()).collect();
    deviations.sort_by(f64::total_cmp);
    median(&deviations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_summary_is_scaled_by_its_spread_and_constants_by_one() {
        let sims: Vec<Vec<f64>> = (0..5)
            .map(|i| vec![f64::from(i), 10.0 * f64::from(i), 7.0])
            .collect();
        let s = Scales::from_simulations(&sims);
        assert!((s.0[0] - 1.4826).abs() < 1e-12);
        assert!((s.0[1] - 14.826).abs() < 1e-12);
        assert_eq!(s.0[2], 1.0);
        // One scale's worth of difference in each of the first two summaries.
        let d = s.distance(&[1.4826, 14.826, 7.0], &[0.0, 0.0, 7.0]);
        assert!((d - 2f64.sqrt()).abs() < 1e-12);
    }
}
