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

    /// One draw. The two cheap cases (the sources' fixed and uniform
    /// counts) are inlined into the telling loop; the others are a call.
    #[inline(always)]
    pub fn sample(&self, rng: &mut WomRng) -> u32 {
        match self {
            Self::Fixed(n) => *n,
            Self::Uniform(lo, hi) => rng.random_range(*lo..=*hi),
            _ => {
                // The call is given a copy: a generator whose address is
                // taken must live in memory, and this way it is the copy,
                // so the caller's stays in registers for the cheap cases.
                let mut other = rng.clone();
                let k = self.sample_other(&mut other);
                *rng = other;
                k
            }
        }
    }

    /// The most a draw can be, for the fixed and uniform counts (`None`
    /// for the others).
    pub fn at_most(&self) -> Option<u32> {
        match self {
            Self::Fixed(n) | Self::Uniform(_, n) => Some(*n),
            _ => None,
        }
    }

    #[inline(never)]
    fn sample_other(&self, rng: &mut WomRng) -> u32 {
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

/// The picks of [`for_each_distinct`] for `k` of 1 or 2 contacts out of
/// `d > k`, the same draws in the same order, computed without a branch on
/// `k`: most tellings are of one or two contacts (a satisfied customer's
/// 1–2, a retelling's 2), and a branch on which of the two is taken at
/// random, so the processor would guess it wrong half the time.
///
/// Floyd's algorithm draws `random_range(0..=d - k)` and, for `k = 2`,
/// `random_range(0..=d - 1)`, the second pick becoming `d - 1` if it
/// repeats the first. Both draws are taken from `rng` whatever `k` is; the
/// second is unused for `k = 1`, and that changes nothing, because a
/// teller's generator serves one telling only and is dropped after it.
///
/// The draws are taken from a copy of `rng`. Returns `None` when a draw
/// falls in the sliver where `rand` draws again to stay unbiased (a chance
/// of about `d` in 2³²): the caller then draws the telling the ordinary
/// way from `rng`, which is untouched.
#[inline]
pub fn one_or_two(d: u32, k: u32, rng: &WomRng) -> Option<[u32; 2]> {
    debug_assert!((1..=2).contains(&k) && k < d);
    // The generator's next two outputs, each from its own multiply of the
    // state (PCG-64 MCG steps by multiplying: two steps multiply by the
    // square), rather than the second waiting for the first.
    let state = rng.state();
    let (next, after) = (state.wrapping_mul(PCG_MUL), state.wrapping_mul(PCG_MUL_2));
    let (first, redraw_first) = below(pcg_output(next) as u32, d - k + 1);
    let (second, redraw_second) = below(pcg_output(after) as u32, d);
    let second = if second == first { d - 1 } else { second };
    if redraw_first | (redraw_second & (k == 2)) {
        None
    } else {
        Some([first, second])
    }
}

/// The picks of [`for_each_distinct`] for `k` of 1, 2 or 3 contacts out
/// of `d > k`, as [`one_or_two`] makes them, for tellings whose count is
/// drawn from 1 to 3 (a retelling's default): without it a third of them
/// would leave the branch-free path, at random, so that the processor
/// would guess wrong where they part.
///
/// Floyd's third draw is `random_range(0..=d - k + 2)`, the pick becoming
/// `d - k + 2` if it repeats one of the first two; the second becomes
/// `d - k + 1` if it repeats the first. All three draws are taken
/// whatever `k` is (unused ones change nothing, as in [`one_or_two`]);
/// every pick returned is below `d`, and `None` again means a draw fell
/// in `rand`'s redraw sliver.
#[inline]
pub fn one_to_three(d: u32, k: u32, rng: &WomRng) -> Option<[u32; 3]> {
    debug_assert!((1..=3).contains(&k) && k < d);
    let state = rng.state();
    let steps = [PCG_MUL, PCG_MUL_2, PCG_MUL_3].map(|m| pcg_output(state.wrapping_mul(m)) as u32);
    let (first, redraw_first) = below(steps[0], d - k + 1);
    let (second, redraw_second) = below(steps[1], d - k + 2);
    let (third, redraw_third) = below(steps[2], d - k + 3);
    let second = if second == first { d - k + 1 } else { second };
    let third = if third == first || third == second {
        d - k + 2
    } else {
        third
    };
    if redraw_first | (redraw_second & (k >= 2)) | (redraw_third & (k == 3)) {
        None
    } else {
        // An unused pick may fall past the list (its range ends past
        // `d - 1` when `k` is smaller): held inside it, so that reading
        // its contact stays within the teller's list. A used pick is
        // below `d` already and unchanged.
        Some([first, second.min(d - 1), third.min(d - 1)])
    }
}

/// PCG-64 MCG's multiplier (`rand_pcg`'s `Mcg128Xsl64`), its square and
/// its cube.
const PCG_MUL: u128 = 0x2360_ed05_1fc6_5da4_4385_df64_9fcc_f645;
const PCG_MUL_2: u128 = PCG_MUL.wrapping_mul(PCG_MUL);
const PCG_MUL_3: u128 = PCG_MUL_2.wrapping_mul(PCG_MUL);

/// PCG-64 MCG's output for the state after a step (`rand_pcg`'s
/// `output_xsl_rr`: the state's halves xored, rotated by its top 6 bits).
#[inline(always)]
fn pcg_output(state: u128) -> u64 {
    (((state >> 64) as u64) ^ (state as u64)).rotate_right((state >> 122) as u32)
}

/// `random_range(0..n)` of `rand` for the `u32` draw `x` (`rand`'s
/// `sample_single_inclusive` for `u32`: the high half of `x · n`), and
/// whether `rand` would take a second draw to correct it (the low half
/// above `2³² − n`).
#[inline(always)]
fn below(x: u32, n: u32) -> (u32, bool) {
    let wide = u64::from(x) * u64::from(n);
    ((wide >> 32) as u32, (wide as u32) > n.wrapping_neg())
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
    use rand::Rng;

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
    fn pcg_steps_are_rand_pcgs() {
        // The state stepped once, twice and three times by multiplying,
        // and the output function, give what the generator itself draws.
        for r in 0..1000u32 {
            let mut rng = StreamKey::new(9).person(r).rng(Purpose::Telling);
            let state = rng.state();
            assert_eq!(pcg_output(state.wrapping_mul(PCG_MUL)), rng.next_u64());
            assert_eq!(pcg_output(state.wrapping_mul(PCG_MUL_2)), rng.next_u64());
            assert_eq!(pcg_output(state.wrapping_mul(PCG_MUL_3)), rng.next_u64());
        }
    }

    #[test]
    fn branch_free_picks_are_floyds() {
        // Every degree from 2 to 64, every count each function takes (1-2
        // for `one_or_two`, 1-3 for `one_to_three`, whose third output
        // comes from the state times the cube), 200 generators each: the
        // branch-free picks are below the degree and equal
        // `for_each_distinct`'s from the same generator (which the
        // branch-free ones only read).
        type Fast = fn(u32, u32, &WomRng) -> Option<Vec<u32>>;
        let kinds: [(u32, Fast); 2] = [
            (2, |d, k, rng| one_or_two(d, k, rng).map(Vec::from)),
            (3, |d, k, rng| one_to_three(d, k, rng).map(Vec::from)),
        ];
        let mut marks = Marks::default();
        let mut out = Vec::new();
        for (seed, (most, fast)) in (3..).zip(kinds) {
            let key = StreamKey::new(seed);
            for d in 2..=64u32 {
                for k in 1..d.min(most + 1) {
                    for r in 0..200u64 {
                        let rng = key.sub(u64::from(d)).person(r as u32).rng(Purpose::Telling);
                        let picks = fast(d, k, &rng).expect("no redraw in these");
                        assert!(picks.iter().all(|&i| i < d), "d {d} k {k} r {r}");
                        let mut slow = rng.clone();
                        pick_distinct(d, k, &mut slow, &mut marks, &mut out);
                        assert_eq!(&picks[..k as usize], &out[..], "d {d} k {k} r {r}");
                    }
                }
            }
        }
    }

    /// A generator that returns the words it is given, in turn.
    struct Script(Vec<u64>);

    impl rand::TryRng for Script {
        type Error = std::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            Ok(self.0.remove(0) as u32)
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            Ok(self.0.remove(0))
        }
        fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Self::Error> {
            unreachable!("not drawn from")
        }
    }

    #[test]
    fn below_is_rands_range_and_flags_its_redraws() {
        // Words whose low half times `n` lands just below, at and above
        // 2^32 - n, where `rand` takes a second draw: `below` gives rand's
        // value whenever it says no second draw is taken, and says so
        // exactly when rand takes one.
        for n in [2u32, 3, 13, 22, 30, 1000, 65_537, u32::MAX / 3] {
            let edge = n.wrapping_neg();
            let mut words: Vec<u32> = (0..2000u32)
                .map(|i| i.wrapping_mul(2_654_435_761))
                .collect();
            // x with x·n mod 2^32 within n of `edge`: x·n is within n of
            // 2^32·j + edge + δ.
            for j in 0..40u64 {
                for delta in [0u64, 1, 2] {
                    let target = (j << 32) + u64::from(edge) + delta;
                    words.push(target.div_ceil(u64::from(n)) as u32);
                    words.push((target / u64::from(n)) as u32);
                }
            }
            let mut redraws = 0;
            for x in words {
                let (value, redraw) = below(x, n);
                redraws += u32::from(redraw);
                let mut script = Script(vec![u64::from(x), 0x8000_0000]);
                let got = script.random_range(0..=n - 1);
                assert_eq!(redraw, script.0.is_empty(), "n {n} x {x}");
                if !redraw {
                    assert_eq!(value, got, "n {n} x {x}");
                }
            }
            // A power of two divides 2^32: rand never redraws for it.
            assert_eq!(
                redraws > 0,
                !n.is_power_of_two(),
                "n {n}: {redraws} redraws"
            );
        }
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
