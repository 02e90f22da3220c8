//! Drawing how many contacts a person tells, and which ones.

use crate::model::TellDist;
use crate::rng::WomRng;
use rand::RngExt;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Distribution, Gamma, Poisson};

/// A [`TellDist`] prepared for fast sampling (distribution objects built once).
#[derive(Debug, Clone)]
pub enum TellSampler {
    /// Always this many.
    Fixed(u32),
    /// Uniform on `lo..=hi`.
    Uniform(u32, u32),
    /// Poisson.
    Poisson(Poisson<f64>),
    /// Gamma–Poisson mixture: `λ ~ Gamma(k, mean / k)`, then Poisson(λ).
    NegativeBinomial(Gamma<f64>),
    /// Alias table over `values`.
    Empirical(WeightedAliasIndex<f64>, Vec<u32>),
}

impl TellSampler {
    /// Prepares a validated distribution.
    ///
    /// # Panics
    /// If `dist` breaks the invariants documented on [`TellDist`].
    pub fn new(dist: &TellDist) -> Self {
        match dist {
            TellDist::Fixed(n) => Self::Fixed(*n),
            TellDist::Uniform { lo, hi } => Self::Uniform(*lo, *hi),
            TellDist::Poisson { mean } if *mean <= 0.0 => Self::Fixed(0),
            TellDist::Poisson { mean } => {
                Self::Poisson(Poisson::new(*mean).expect("validated mean"))
            }
            TellDist::NegativeBinomial { mean, .. } if *mean <= 0.0 => Self::Fixed(0),
            TellDist::NegativeBinomial { mean, dispersion } => Self::NegativeBinomial(
                Gamma::new(*dispersion, mean / dispersion).expect("validated"),
            ),
            TellDist::Empirical { values, weights } => Self::Empirical(
                crate::rng::alias_table(weights).expect("validated weights"),
                values.clone(),
            ),
        }
    }

    /// One draw.
    #[inline]
    pub fn sample(&self, rng: &mut WomRng) -> u32 {
        match self {
            Self::Fixed(n) => *n,
            Self::Uniform(lo, hi) => rng.random_range(*lo..=*hi),
            Self::Poisson(d) => clamp_count(d.sample(rng)),
            Self::NegativeBinomial(gamma) => {
                let lambda = gamma.sample(rng);
                match Poisson::new(lambda) {
                    Ok(p) => clamp_count(p.sample(rng)),
                    // λ underflowed to 0 (or is not finite): no one is told.
                    Err(_) => 0,
                }
            }
            Self::Empirical(alias, values) => values[alias.sample(rng)],
        }
    }
}

fn clamp_count(x: f64) -> u32 {
    if x >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        x as u32
    }
}

/// Picks `k ≤ d` distinct indices of `0..d` uniformly (Floyd's algorithm)
/// into `out`, using `mark` (epoch stamps, at least `d` long) for membership
/// so no allocation happens and the cost is `O(k)`.
/// `rand::seq::index::sample` does the same but allocates per call.
pub fn pick_distinct(d: u32, k: u32, rng: &mut WomRng, marks: &mut Marks, out: &mut Vec<u32>) {
    out.clear();
    for_each_distinct(d, k, rng, marks, |i| out.push(i));
}

/// The picks of [`pick_distinct`], the same draws in the same order, handed
/// to `f` one at a time instead of collected: the telling loop hears each
/// contact as it is picked, without a list in between.
#[inline]
pub fn for_each_distinct(
    d: u32,
    k: u32,
    rng: &mut WomRng,
    marks: &mut Marks,
    mut f: impl FnMut(u32),
) {
    if k == 0 {
        return;
    }
    if k >= d {
        (0..d).for_each(f);
        return;
    }
    let epoch = marks.next_epoch(d as usize);
    for j in (d - k)..d {
        let t = rng.random_range(0..=j);
        let pick = if marks.stamp[t as usize] == epoch {
            j
        } else {
            t
        };
        marks.stamp[pick as usize] = epoch;
        f(pick);
    }
}

/// Epoch-stamped membership marks reused across calls.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    stamp: Vec<u32>,
    epoch: u32,
}

impl Marks {
    #[inline]
    fn next_epoch(&mut self, len: usize) -> u32 {
        if self.stamp.len() < len {
            self.stamp.resize(len, 0);
        }
        if self.epoch == u32::MAX {
            self.stamp.fill(0);
            self.epoch = 0;
        }
        self.epoch += 1;
        self.epoch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Purpose, StreamKey};

    #[test]
    fn picks_are_distinct_and_uniform() {
        // Each of 10 indices is picked with probability 3/10; over 20,000
        // draws the count is Binomial(20000, 0.3): sd ≈ 64.8; allow 4 sd.
        let mut rng = StreamKey::new(1).rng(Purpose::Telling);
        let mut marks = Marks::default();
        let mut out = Vec::new();
        let mut counts = [0u32; 10];
        for _ in 0..20_000 {
            pick_distinct(10, 3, &mut rng, &mut marks, &mut out);
            let mut sorted = out.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), 3);
            for &i in &out {
                counts[i as usize] += 1;
            }
        }
        for c in counts {
            assert!((f64::from(c) - 6000.0).abs() < 4.0 * 64.8, "{counts:?}");
        }
        pick_distinct(4, 9, &mut rng, &mut marks, &mut out);
        assert_eq!(out, vec![0, 1, 2, 3]);
    }

    #[test]
    fn sample_means_match_distribution_means() {
        // 40,000 draws; tolerance 4 standard errors of each distribution.
        let mut rng = StreamKey::new(2).rng(Purpose::Telling);
        let cases = [
            (
                TellDist::Uniform { lo: 10, hi: 22 },
                (168.0f64 / 12.0).sqrt(),
            ),
            (TellDist::Poisson { mean: 9.5 }, 9.5f64.sqrt()),
            (
                TellDist::NegativeBinomial {
                    mean: 9.5,
                    dispersion: 1.5,
                },
                (9.5 + 9.5 * 9.5 / 1.5f64).sqrt(),
            ),
            (
                TellDist::Empirical {
                    values: vec![0, 5, 25],
                    weights: vec![1.0, 2.0, 1.0],
                },
                9.354,
            ),
        ];
        for (dist, sd) in cases {
            let sampler = TellSampler::new(&dist);
            let n = 40_000;
            let mean = (0..n)
                .map(|_| f64::from(sampler.sample(&mut rng)))
                .sum::<f64>()
                / f64::from(n);
            assert!(
                (mean - dist.mean()).abs() < 4.0 * sd / f64::from(n).sqrt(),
                "{dist:?}: {mean}"
            );
        }
    }
}
