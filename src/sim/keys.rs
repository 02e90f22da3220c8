//! Keyed draws computed for a whole step at once: each customer's
//! experience draws and first uniform (MODEL.md, steps 1–4), and, per hop
//! of telling, each teller's generator and each hearing's effect and
//! retelling draws (steps 5–7).
//!
//! Every value here is the one the per-person expression gives
//! (`key.person(u).draws(Experience)`, `key.person(u).sub(tone)
//! .rng(Telling)`, `key.person(v).sub(2u + tone).uniform(Hearing)`,
//! `key.person(v).sub(tone).uniform(Retelling)`): a
//! keyed draw is a pure function of its key, so computing it earlier, in a
//! batch, changes no value. What changes is how: a loop with nothing but
//! the hash chains in it, over arrays, which the compiler turns into
//! vector instructions (eight 64-bit lanes per multiply with AVX-512)
//! where the CPU has them, chosen at run time. Elsewhere the same loop
//! runs one lane at a time; a test checks both give the same bits.

use crate::graph::NodeId;
use crate::rng::{Draws, Purpose, StreamKey, WomRng, rng_of_halves};

/// Sets `draws[i]`, `sure[i]` and `persons[i]` (for `i <
/// customers.len()`; the three grow to hold them) to the experience draws
/// of `customers[i]`, the two of them every customer reads
/// (`draws[i].get(0)` and `.get(3)`, the problem and stay draws; a parted
/// customer's stay draw goes unread) and the customer's key
/// (`key.person(u)`), which a customer who starts a story brings to the
/// first hop's generators ([`teller_rngs_of`]).
pub(super) fn experience_draws(
    key: StreamKey,
    customers: &[NodeId],
    draws: &mut Vec<Draws>,
    sure: &mut Vec<[f64; 2]>,
    persons: &mut Vec<StreamKey>,
) {
    let n = customers.len();
    // Grown, never shrunk nor cleared: every entry read is written first.
    if draws.len() < n {
        draws.resize(n, key.draws(Purpose::Experience));
        sure.resize(n, [0.0; 2]);
        persons.resize(n, key);
    }
    let (draws, sure, persons) = (&mut draws[..n], &mut sure[..n], &mut persons[..n]);
    #[cfg(target_arch = "x86_64")]
    if wide() {
        // SAFETY: as in `teller_rngs`.
        unsafe { experience_draws_wide(key, customers, draws, sure, persons) };
        return;
    }
    experience_draws_lanes(key, customers, draws, sure, persons);
}

/// The telling generators of a hop's tellers, in teller order, kept as
/// the two halves of each generator's seed in arrays of their own
/// ([`StreamKey::rng_halves`]) and made when used ([`Generators::iter`]):
/// a loop storing whole generators, each a 128-bit state, vectorizes
/// only four lanes wide, one storing the halves eight wide.
#[derive(Debug, Default)]
pub(super) struct Generators {
    lo: Vec<u64>,
    hi: Vec<u64>,
}

impl Generators {
    /// The generator of teller `i`: `key.person(u).sub(t).rng(Telling)`.
    #[cfg(test)]
    fn get(&self, i: usize) -> WomRng {
        rng_of_halves([self.lo[i], self.hi[i]])
    }

    /// The first `n` halves of each kind, grown to hold them (never
    /// shrunk nor cleared: every entry read is written first).
    fn room(&mut self, n: usize) -> (&mut [u64], &mut [u64]) {
        if self.lo.len() < n {
            self.lo.resize(n, 0);
            self.hi.resize(n, 0);
        }
        (&mut self.lo[..n], &mut self.hi[..n])
    }

    /// The generators in teller order (as many as the last batch made, or
    /// more: `level.iter().zip(…)` stops at the tellers).
    #[inline(always)]
    pub fn iter(&self) -> impl Iterator<Item = WomRng> + '_ {
        (self.lo.iter().zip(&self.hi)).map(|(&lo, &hi)| rng_of_halves([lo, hi]))
    }
}

/// Sets generator `i` of `rngs` (for `i < tellers.len()`; `rngs` grows
/// to hold them) to the telling generator of `tellers[i]` for tone index
/// `t` under the period key `key`.
pub(super) fn teller_rngs(key: StreamKey, t: u64, tellers: &[NodeId], rngs: &mut Generators) {
    teller_rngs_from(tellers.iter().map(|&u| key.person(u)), t, rngs);
}

/// [`teller_rngs`] for tellers whose keys (`key.person(u)`) are known
/// already: the first hop's, whose keys the experience batch made. The
/// same generators, without computing the keys again.
pub(super) fn teller_rngs_of(persons: &[StreamKey], t: u64, rngs: &mut Generators) {
    teller_rngs_from(persons.iter().copied(), t, rngs);
}

/// Sets generator `i` of `rngs` from the `i`-th teller key of `persons`.
#[inline(always)]
fn teller_rngs_from(
    persons: impl ExactSizeIterator<Item = StreamKey>,
    t: u64,
    rngs: &mut Generators,
) {
    let (lo, hi) = rngs.room(persons.len());
    #[cfg(target_arch = "x86_64")]
    if wide() {
        // SAFETY: `wide` checked that this CPU has the features the
        // function is compiled for.
        unsafe { teller_rngs_wide(persons, t, lo, hi) };
        return;
    }
    teller_rngs_lanes(persons, t, lo, hi);
}

/// Sets `effect[j]` and `retell[j]` (for `j < pairs.len()`; the two grow
/// to hold them) to the hearing and retelling draws of `pairs[j]`, a
/// teller telling a hearer a story of tone index `t`.
pub(super) fn hearing_draws(
    key: StreamKey,
    t: u64,
    pairs: &[(NodeId, NodeId)],
    effect: &mut Vec<f64>,
    retell: &mut Vec<f64>,
) {
    let n = pairs.len();
    // Grown, never shrunk nor cleared: every entry read is written first.
    if effect.len() < n {
        effect.resize(n, 0.0);
        retell.resize(n, 0.0);
    }
    let (effect, retell) = (&mut effect[..n], &mut retell[..n]);
    #[cfg(target_arch = "x86_64")]
    if wide() {
        // SAFETY: as in `teller_rngs`.
        unsafe { hearing_draws_wide(key, t, pairs, effect, retell) };
        return;
    }
    hearing_draws_lanes(key, t, pairs, effect, retell);
}

/// Whether this CPU multiplies 64-bit lanes in vectors (AVX-512 DQ);
/// `std` caches the answer, so asking costs a load.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn wide() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512vl")
}

#[inline(always)]
fn experience_draws_lanes(
    key: StreamKey,
    customers: &[NodeId],
    draws: &mut [Draws],
    sure: &mut [[f64; 2]],
    persons: &mut [StreamKey],
) {
    let out = draws
        .iter_mut()
        .zip(sure.iter_mut())
        .zip(persons.iter_mut());
    for (((d, f), k), &u) in out.zip(customers) {
        *k = key.person(u);
        *d = k.draws(Purpose::Experience);
        *f = [d.get(0), d.get(3)];
    }
}

#[inline(always)]
fn teller_rngs_lanes(
    persons: impl Iterator<Item = StreamKey>,
    t: u64,
    lo: &mut [u64],
    hi: &mut [u64],
) {
    for ((l, h), person) in lo.iter_mut().zip(hi.iter_mut()).zip(persons) {
        [*l, *h] = person.sub(t).rng_halves(Purpose::Telling);
    }
}

#[inline(always)]
fn hearing_draws_lanes(
    key: StreamKey,
    t: u64,
    pairs: &[(NodeId, NodeId)],
    effect: &mut [f64],
    retell: &mut [f64],
) {
    for ((&(u, v), e), r) in pairs.iter().zip(effect.iter_mut()).zip(retell.iter_mut()) {
        let hearer = key.person(v);
        *e = hearer.sub(2 * u64::from(u) + t).uniform(Purpose::Hearing);
        *r = hearer.sub(t).uniform(Purpose::Retelling);
    }
}

/// [`experience_draws_lanes`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F, DQ and VL.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn experience_draws_wide(
    key: StreamKey,
    customers: &[NodeId],
    draws: &mut [Draws],
    sure: &mut [[f64; 2]],
    persons: &mut [StreamKey],
) {
    experience_draws_lanes(key, customers, draws, sure, persons);
}

/// [`teller_rngs_lanes`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F, DQ and VL.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn teller_rngs_wide(
    persons: impl Iterator<Item = StreamKey>,
    t: u64,
    lo: &mut [u64],
    hi: &mut [u64],
) {
    teller_rngs_lanes(persons, t, lo, hi);
}

/// [`hearing_draws_lanes`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F, DQ and VL.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn hearing_draws_wide(
    key: StreamKey,
    t: u64,
    pairs: &[(NodeId, NodeId)],
    effect: &mut [f64],
    retell: &mut [f64],
) {
    hearing_draws_lanes(key, t, pairs, effect, retell);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_give_the_draws_of_each_key_on_every_path() {
        // 1,000 pairs with ids spread over the u32 range (a multiplicative
        // walk), both tones; the batch (vector path where the CPU has it),
        // the lane-by-lane loop and the per-key expressions must agree bit
        // for bit.
        let key = StreamKey::new(11).replication(3).period(5);
        let ids: Vec<NodeId> = (0..1000u32)
            .map(|i| i.wrapping_mul(2_654_435_761))
            .collect();
        let hearers: Vec<NodeId> = ids.iter().rev().copied().collect();
        let (mut draws, mut sure, mut persons) = (Vec::new(), Vec::new(), Vec::new());
        experience_draws(key, &ids, &mut draws, &mut sure, &mut persons);
        let mut lanes = vec![key.draws(Purpose::Experience); ids.len()];
        let mut sure2 = vec![[0.0; 2]; ids.len()];
        let mut persons2 = vec![key; ids.len()];
        experience_draws_lanes(key, &ids, &mut lanes, &mut sure2, &mut persons2);
        for (i, &u) in ids.iter().enumerate() {
            assert_eq!((persons[i], persons2[i]), (key.person(u), key.person(u)));
            let expected = key.person(u).draws(Purpose::Experience);
            for k in 0..4 {
                assert_eq!(draws[i].get(k).to_bits(), expected.get(k).to_bits());
                assert_eq!(lanes[i].get(k).to_bits(), expected.get(k).to_bits());
            }
            for got in [sure[i], sure2[i]] {
                assert_eq!(got[0].to_bits(), expected.get(0).to_bits());
                assert_eq!(got[1].to_bits(), expected.get(3).to_bits());
            }
        }
        for t in 0..2u64 {
            let (mut rngs, mut of_keys) = (Generators::default(), Generators::default());
            teller_rngs(key, t, &ids, &mut rngs);
            teller_rngs_of(&persons, t, &mut of_keys);
            let (mut lo, mut hi) = (vec![0; ids.len()], vec![0; ids.len()]);
            teller_rngs_lanes(ids.iter().map(|&u| key.person(u)), t, &mut lo, &mut hi);
            let lanes = Generators { lo, hi };
            for (i, &u) in ids.iter().enumerate() {
                let expected = key.person(u).sub(t).rng(Purpose::Telling);
                assert_eq!(rngs.get(i), expected);
                assert_eq!(of_keys.get(i), expected);
                assert_eq!(lanes.get(i), expected);
            }
            let (mut effect, mut retell) = (Vec::new(), Vec::new());
            let pairs: Vec<_> = ids.iter().copied().zip(hearers.iter().copied()).collect();
            hearing_draws(key, t, &pairs, &mut effect, &mut retell);
            let (mut e2, mut r2) = (vec![0.0; ids.len()], vec![0.0; ids.len()]);
            hearing_draws_lanes(key, t, &pairs, &mut e2, &mut r2);
            for j in 0..ids.len() {
                let hearer = key.person(hearers[j]);
                let e = hearer
                    .sub(2 * u64::from(ids[j]) + t)
                    .uniform(Purpose::Hearing);
                let r = hearer.sub(t).uniform(Purpose::Retelling);
                assert_eq!(effect[j].to_bits(), e.to_bits());
                assert_eq!(e2[j].to_bits(), e.to_bits());
                assert_eq!(retell[j].to_bits(), r.to_bits());
                assert_eq!(r2[j].to_bits(), r.to_bits());
            }
        }
    }
}
