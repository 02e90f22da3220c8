//! The quasi-random design of `wom sensitivity --global` (Saltelli 2002;
//! Saltelli et al. 2010, "Variance based sensitivity analysis of model
//! output", §3): matrices A and B of N points each from one Sobol sequence
//! of dimension 2k (Joe & Kuo's direction numbers, the `sobol` crate), A
//! its first k coordinates and B its last k, the sequence's first point
//! (the origin) skipped. Each coordinate is shifted by a Cranley–Patterson
//! rotation `u ← frac(u + s_j)` with `s_j` from the stream (seed,
//! uncertainty), so the design depends on the seed, the points stay
//! evenly spread, and every point is still uniform on the cube (which the
//! estimators' standard errors assume). Pure arithmetic: the same on any
//! thread count.

use crate::rng::{Purpose, StreamKey};
use sobol::Sobol;
use sobol::params::JoeKuoD6;

/// Most keys the design takes (the minimal direction numbers hold 100
/// dimensions: 2 per key).
pub const MAX_KEYS: usize = 50;

/// The rotation of coordinate `j` under `seed`: a draw index no parameter
/// draw uses.
fn shift(seed: u64, j: usize) -> f64 {
    StreamKey::new(seed)
        .replication(u64::MAX)
        .sub(j as u64)
        .uniform(Purpose::Uncertainty)
}

/// Rows of uniforms, one row per design point.
pub type Matrix = Vec<Vec<f64>>;

/// Matrices A and B (`n` rows of `k` uniforms each) under `seed`; `None`
/// for more than [`MAX_KEYS`] keys.
pub fn matrices(seed: u64, n: usize, k: usize) -> Option<(Matrix, Matrix)> {
    if k == 0 || k > MAX_KEYS {
        return None;
    }
    let params = JoeKuoD6::minimal();
    let shifts: Vec<f64> = (0..2 * k).map(|j| shift(seed, j)).collect();
    let rows: Vec<Vec<f64>> = Sobol::<f64>::new(2 * k, &params)
        .skip(1)
        .take(n)
        .map(|p| {
            p.iter()
                .zip(&shifts)
                .map(|(u, s)| (u + s).fract())
                .collect()
        })
        .collect();
    let a = rows.iter().map(|r| r[..k].to_vec()).collect();
    let b = rows.iter().map(|r| r[k..].to_vec()).collect();
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_fills_the_cube_evenly_and_follows_the_seed() {
        let (a, b) = matrices(1, 1024, 3).unwrap();
        assert_eq!((a.len(), a[0].len(), b[0].len()), (1024, 3, 3));
        // A rotated Sobol sequence: every coordinate of points 0..1024 puts
        // exactly 1024/16 in each sixteenth of [0, 1); points 1..=1024 (the
        // origin skipped) miss that by one at most (a uniform random sample
        // would miss by about √64 = 8).
        for col in 0..3 {
            let mut bins = [0; 16];
            for row in &a {
                bins[(row[col] * 16.0) as usize] += 1;
            }
            assert!(bins.iter().all(|c| (63..=65).contains(c)), "{bins:?}");
        }
        assert!(
            a.iter()
                .flatten()
                .chain(b.iter().flatten())
                .all(|u| (0.0..1.0).contains(u))
        );
        assert_eq!(matrices(1, 8, 3), matrices(1, 8, 3));
        assert_ne!(matrices(1, 8, 3), matrices(2, 8, 3));
        assert!(matrices(1, 8, MAX_KEYS + 1).is_none());
    }
}
