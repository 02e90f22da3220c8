//! The ABC-SMC sampler: a first generation from the prior, then
//! generations of particles perturbed from the previous one and kept when
//! their simulation lies within a tolerance that tightens each generation.

use super::distance::Scales;
use super::kernel::Kernel;
use super::prior::Prior;
use super::{Particle, Settings};
use crate::rng::{Purpose, StreamKey, WomRng};
use rand::{Rng, RngExt};
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

/// What one finished generation did.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    /// From 0 (the prior's).
    pub index: u32,
    /// The tolerance its particles met (infinite for the prior's).
    pub tolerance: f64,
    /// Proposals drawn, those outside the prior included.
    pub attempts: u64,
    /// Simulations run.
    pub simulations: u64,
    /// Particles kept per simulation run.
    pub acceptance: f64,
}

/// Why the sampler stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The last generation accepted fewer than `min_acceptance`.
    Acceptance,
    /// The tolerance fell by less than `min_tolerance_change`.
    ToleranceChange,
    /// `max_generations` were run.
    Generations,
    /// The simulation budget would not finish another generation (a
    /// generation that ran out of it was dropped whole).
    Budget,
}

impl Stop {
    /// The reason in words.
    pub fn describe(self) -> &'static str {
        match self {
            Stop::Acceptance => "the acceptance rate fell below its minimum",
            Stop::ToleranceChange => "the tolerance stopped falling",
            Stop::Generations => "the generation cap was reached",
            Stop::Budget => "the simulation budget was spent",
        }
    }
}

/// A progress event, sent from worker threads.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// A generation starts with this tolerance (infinite for the prior's).
    Start {
        /// Its index.
        generation: u32,
        /// Its tolerance.
        tolerance: f64,
    },
    /// One more particle of the current generation is done.
    Particle,
    /// A generation finished.
    Done(&'a Generation),
}

/// The sampler's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The last generation's particles: the posterior.
    pub posterior: Vec<Particle>,
    /// Every finished generation, in order.
    pub generations: Vec<Generation>,
    /// The summaries' scales.
    pub scales: Scales,
    /// Simulations run, those of a dropped generation included.
    pub simulations: u64,
    /// Why it stopped.
    pub stop: Stop,
}

/// Runs ABC-SMC on `observed` summaries. `simulate(values, seed)` returns
/// the summaries of one simulation at `values` (one per prior, in order),
/// as many as `observed` holds, with its randomness drawn from `seed`
/// alone. Particles run in parallel on the current rayon pool and are
/// collected in index order, so the outcome depends only on `seed`.
///
/// # Errors
/// An error of `simulate`.
///
/// # Panics
/// If `priors` is empty or `settings.particles < 2`.
pub fn run<E, F>(
    priors: &[Prior],
    observed: &[f64],
    settings: &Settings,
    seed: u64,
    simulate: F,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Outcome, E>
where
    E: Send,
    F: Fn(&[f64], u64) -> Result<Vec<f64>, E> + Sync,
{
    assert!(!priors.is_empty() && settings.particles >= 2);
    let n = settings.particles;
    let root = StreamKey::new(seed);
    let key = |generation: u32, particle: usize, attempt: u64| -> WomRng {
        root.sub(u64::from(generation))
            .sub(particle as u64)
            .sub(attempt)
            .rng(Purpose::Calibration)
    };
    progress(Progress::Start {
        generation: 0,
        tolerance: f64::INFINITY,
    });
    let first: Vec<(Vec<f64>, Vec<f64>)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut rng = key(0, i, 0);
            let values: Vec<f64> = priors.iter().map(|p| p.quantile(rng.random())).collect();
            let s = simulate(&values, rng.next_u64())?;
            progress(Progress::Particle);
            Ok((values, s))
        })
        .collect::<Result<_, E>>()?;
    let sims: Vec<Vec<f64>> = first.iter().map(|(_, s)| s.clone()).collect();
    let scales = Scales::from_simulations(&sims);
    let mut particles: Vec<Particle> = first
        .into_iter()
        .map(|(values, s)| Particle {
            distance: scales.distance(&s, observed),
            values,
            weight: 1.0 / n as f64,
        })
        .collect();
    let mut generations = vec![Generation {
        index: 0,
        tolerance: f64::INFINITY,
        attempts: n as u64,
        simulations: n as u64,
        acceptance: 1.0,
    }];
    progress(Progress::Done(&generations[0]));
    let mut simulations = n as u64;
    let stop = loop {
        let last = &generations[generations.len() - 1];
        if generations.len() as u32 >= settings.max_generations {
            break Stop::Generations;
        }
        if last.index > 0 && last.acceptance < settings.min_acceptance {
            break Stop::Acceptance;
        }
        if generations.len() >= 3 {
            let before = generations[generations.len() - 2].tolerance;
            if (before - last.tolerance) / before < settings.min_tolerance_change {
                break Stop::ToleranceChange;
            }
        }
        if settings.simulations.saturating_sub(simulations) < n as u64 {
            break Stop::Budget;
        }
        let index = last.index + 1;
        let mut distances: Vec<f64> = particles.iter().map(|p| p.distance).collect();
        distances.sort_by(f64::total_cmp);
        let tolerance = distances[((n - 1) as f64 * settings.quantile).round() as usize];
        progress(Progress::Start {
            generation: index,
            tolerance,
        });
        let kernel = Kernel::new(&particles);
        let cumulative: Vec<f64> = particles
            .iter()
            .scan(0.0, |c, p| {
                *c += p.weight;
                Some(*c)
            })
            .collect();
        let propose = |i: usize, attempt: u64| -> Result<Option<Proposal>, E> {
            let mut rng = key(index, i, attempt);
            let u = rng.random::<f64>() * cumulative[n - 1];
            let j = cumulative.partition_point(|&c| c <= u).min(n - 1);
            let z: Vec<f64> = priors
                .iter()
                .map(|_| StandardNormal.sample(&mut rng))
                .collect();
            let values = kernel.perturb(&particles[j].values, &z);
            if priors
                .iter()
                .zip(&values)
                .any(|(p, &v)| p.density(v) == 0.0)
            {
                return Ok(None);
            }
            let s = simulate(&values, rng.next_u64())?;
            let distance = scales.distance(&s, observed);
            Ok(Some(Proposal { values, distance }))
        };
        // Rounds: every open slot tries up to ROUND more attempts (fewer
        // when the budget is short), stopping at its first kept particle.
        // What a slot does depends only on its keys, so the rounds' split
        // over threads changes nothing.
        let mut kept: Vec<Option<(Vec<f64>, f64)>> = vec![None; n];
        let mut next = vec![0u64; n];
        let (mut attempts, mut spent) = (0u64, 0u64);
        let complete = loop {
            let open: Vec<usize> = (0..n).filter(|&i| kept[i].is_none()).collect();
            if open.is_empty() {
                break true;
            }
            let room = settings.simulations.saturating_sub(simulations + spent);
            let tries = ROUND.min(room / open.len() as u64);
            if tries == 0 {
                break false;
            }
            let results: Vec<Slot> = open
                .par_iter()
                .map(|&i| {
                    let mut slot = Slot::default();
                    for attempt in next[i]..next[i] + tries {
                        slot.attempts += 1;
                        if let Some(p) = propose(i, attempt)? {
                            slot.simulations += 1;
                            if p.distance <= tolerance {
                                slot.kept = Some((p.values, p.distance));
                                progress(Progress::Particle);
                                break;
                            }
                        }
                    }
                    Ok(slot)
                })
                .collect::<Result<_, E>>()?;
            for (&i, slot) in open.iter().zip(results) {
                next[i] += tries;
                attempts += slot.attempts;
                spent += slot.simulations;
                kept[i] = slot.kept;
            }
        };
        simulations += spent;
        if !complete {
            break Stop::Budget;
        }
        let kept: Vec<(Vec<f64>, f64)> = kept.into_iter().flatten().collect();
        let weights: Vec<f64> = kept
            .par_iter()
            .map(|(values, _)| {
                let prior: f64 = priors
                    .iter()
                    .zip(values)
                    .map(|(p, &v)| p.density(v))
                    .product();
                let mixture: f64 = particles
                    .iter()
                    .map(|p| p.weight * kernel.density(values, &p.values))
                    .sum();
                prior / mixture
            })
            .collect();
        let total: f64 = weights.iter().sum();
        particles = kept
            .into_iter()
            .zip(weights)
            .map(|((values, distance), w)| Particle {
                values,
                weight: w / total,
                distance,
            })
            .collect();
        generations.push(Generation {
            index,
            tolerance,
            attempts,
            simulations: spent,
            acceptance: n as f64 / spent.max(1) as f64,
        });
        progress(Progress::Done(&generations[generations.len() - 1]));
    };
    Ok(Outcome {
        posterior: particles,
        generations,
        scales,
        simulations,
        stop,
    })
}

/// Attempts per open particle slot in one round of a generation.
const ROUND: u64 = 8;

/// One proposal that was simulated.
struct Proposal {
    values: Vec<f64>,
    distance: f64,
}

/// One particle slot's attempts in one round.
#[derive(Default)]
struct Slot {
    attempts: u64,
    simulations: u64,
    kept: Option<(Vec<f64>, f64)>,
}
