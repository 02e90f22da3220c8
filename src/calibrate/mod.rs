//! Calibration: approximate Bayesian computation by sequential Monte Carlo
//! (ABC-SMC, the population Monte Carlo sampler of Beaumont et al. 2009
//! with the adaptive tolerances of Del Moral et al. 2012), fitting a few
//! unknown numbers to observed series. Generic over a `simulate(values,
//! seed) -> summaries` closure, so the sampler knows nothing of the word-
//! of-mouth model and is tested on toy models with known posteriors.
//!
//! docs/calibration.md describes the method, its distance, its stopping
//! rule and its references. Every simulation's randomness comes from the
//! key (seed, generation, particle, attempt) ([`crate::rng::Purpose::Calibration`]),
//! and particles are evaluated in parallel but collected in index order,
//! so the posterior is the same on any number of threads.

mod distance;
mod kernel;
mod prior;
mod smc;
mod weighted;

pub use distance::Scales;
pub use prior::Prior;
pub use smc::{Generation, Outcome, Progress, Stop, run};
pub use weighted::{KeySummary, effective_sample_size, summarize, weighted_quantile};

/// How long the sampler runs and how it tightens its tolerance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Particles per generation (at least 2).
    pub particles: usize,
    /// The next tolerance is this quantile of the current generation's
    /// distances (in (0, 1); 0.5 by default).
    pub quantile: f64,
    /// Stop after a generation that accepted fewer than this fraction of
    /// its simulations.
    pub min_acceptance: f64,
    /// Stop when the tolerance fell by less than this fraction.
    pub min_tolerance_change: f64,
    /// Generations at most, the prior's included.
    pub max_generations: u32,
    /// Simulations at most, over all generations.
    pub simulations: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            particles: 400,
            quantile: 0.5,
            min_acceptance: 0.03,
            min_tolerance_change: 0.02,
            max_generations: 12,
            simulations: 40_000,
        }
    }
}

/// One weighted draw of the fitted values.
#[derive(Debug, Clone, PartialEq)]
pub struct Particle {
    /// One value per fitted key, in key order.
    pub values: Vec<f64>,
    /// Normalised importance weight (the weights of a generation add to 1).
    pub weight: f64,
    /// Distance of its simulation to the observations.
    pub distance: f64,
}

#[cfg(test)]
mod smc_tests;
