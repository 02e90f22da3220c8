//! The perturbation kernel: a multivariate normal centred on an ancestor
//! particle with twice the previous generation's weighted covariance
//! (Beaumont et al. 2009), as its Cholesky factor.

use super::Particle;

/// A Gaussian kernel `N(θ_j, Σ)`, `Σ = 2 · Cov_w(θ)`, held as the lower
/// Cholesky factor `L` (`Σ = L Lᵀ`) and its inverse's action.
#[derive(Debug, Clone)]
pub(super) struct Kernel {
    dim: usize,
    /// Row-major lower-triangular `L`.
    lower: Vec<f64>,
}

impl Kernel {
    /// The kernel of a weighted generation. A direction without spread
    /// (all particles equal in some key) gets a tiny variance so the factor
    /// exists: `1e-12` times the key's square (or `1e-12`), enough to keep
    /// proposals valid and too small to matter.
    pub fn new(particles: &[Particle]) -> Self {
        let dim = particles[0].values.len();
        let mut mean = vec![0.0; dim];
        for p in particles {
            for (m, v) in mean.iter_mut().zip(&p.values) {
                *m += p.weight * v;
            }
        }
        let mut cov = vec![0.0; dim * dim];
        for p in particles {
            for a in 0..dim {
                for b in 0..=a {
                    cov[a * dim + b] +=
                        2.0 * p.weight * (p.values[a] - mean[a]) * (p.values[b] - mean[b]);
                }
            }
        }
        for a in 0..dim {
            let floor = 1e-12 * mean[a].abs().max(1.0).powi(2);
            cov[a * dim + a] = cov[a * dim + a].max(floor);
        }
        let lower = cholesky(&cov, dim).unwrap_or_else(|| {
            // Not positive definite (rounding in strongly correlated keys):
            // the diagonal alone.
            let mut d = vec![0.0; dim * dim];
            for a in 0..dim {
                d[a * dim + a] = cov[a * dim + a].sqrt();
            }
            d
        });
        Self { dim, lower }
    }

    /// `centre + L z` for standard normal draws `z`.
    pub fn perturb(&self, centre: &[f64], z: &[f64]) -> Vec<f64> {
        (0..self.dim)
            .map(|a| {
                centre[a]
                    + (0..=a)
                        .map(|b| self.lower[a * self.dim + b] * z[b])
                        .sum::<f64>()
            })
            .collect()
    }

    /// The kernel's density at `x` around `centre`, up to a constant
    /// factor shared by every pair (it cancels in the weights).
    pub fn density(&self, x: &[f64], centre: &[f64]) -> f64 {
        // Solve L y = x − centre by forward substitution; density ∝ e^{−|y|²/2}.
        let mut y = vec![0.0; self.dim];
        for a in 0..self.dim {
            let row = &self.lower[a * self.dim..a * self.dim + a];
            let r = x[a] - centre[a] - row.iter().zip(&y).map(|(l, v)| l * v).sum::<f64>();
            y[a] = r / self.lower[a * self.dim + a];
        }
        (-0.5 * y.iter().map(|v| v * v).sum::<f64>()).exp()
    }
}

/// The lower Cholesky factor of a symmetric matrix given by its lower
/// triangle (row-major), or `None` if it is not positive definite.
fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = a[i * n + i] - s;
                if d <= 0.0 || !d.is_finite() {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - s) / l[j * n + j];
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_factor_reproduces_twice_the_weighted_covariance() {
        let particles: Vec<Particle> = [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0], [3.0, 3.0]]
            .iter()
            .map(|v| Particle {
                values: v.to_vec(),
                weight: 0.25,
                distance: 0.0,
            })
            .collect();
        let k = Kernel::new(&particles);
        // Cov_w: var x = 1.25, var y = 1.25, cov = 1.0; doubled.
        let l = &k.lower;
        assert!((l[0] * l[0] - 2.5).abs() < 1e-12);
        assert!((l[2] * l[0] - 2.0).abs() < 1e-12);
        assert!((l[2] * l[2] + l[3] * l[3] - 2.5).abs() < 1e-12);
        // Density 1 at the centre, e^{-1/2} one unit of L away.
        let x = k.perturb(&[0.0, 0.0], &[1.0, 0.0]);
        assert!((k.density(&x, &[0.0, 0.0]) - (-0.5f64).exp()).abs() < 1e-12);
        assert_eq!(k.density(&[0.0, 0.0], &[0.0, 0.0]), 1.0);
    }
}
