//! The keyed draws of one hop of telling, computed for the whole hop at
//! once: each teller's generator, and each hearing's effect and retelling
//! draws (MODEL.md, steps 5–7).
//!
//! Every value here is the one the per-person expression gives
//! (`key.person(u).sub(tone).rng(Telling)`, `key.person(v).sub(2u + tone)
//! .uniform(Hearing)`, `key.person(v).sub(tone).uniform(Retelling)`): a
//! keyed draw is a pure function of its key, so computing it earlier, in a
//! batch, changes no value. What changes is how: a loop with nothing but
//! the hash chains in it, over arrays, which the compiler turns into
//! vector instructions (eight 64-bit lanes per multiply with AVX-512)
//! where the CPU has them, chosen at run time. Elsewhere the same loop
//! runs one lane at a time; a test checks both give the same bits.

use crate::graph::NodeId;
use crate::rng::{Purpose, StreamKey, WomRng};

/// Sets `rngs[i]` to the telling generator of `tellers[i]` for tone index
/// `t` under the period key `key`.
pub(super) fn teller_rngs(key: StreamKey, t: u64, tellers: &[NodeId], rngs: &mut Vec<WomRng>) {
    rngs.clear();
    rngs.resize(tellers.len(), WomRng::new(1));
    #[cfg(target_arch = "x86_64")]
    if wide() {
        // SAFETY: `wide` checked that this CPU has the features the
        // function is compiled for.
        unsafe { teller_rngs_wide(key, t, tellers, rngs) };
        return;
    }
    teller_rngs_lanes(key, t, tellers, rngs);
}

/// Sets `effect[j]` and `retell[j]` to the hearing and retelling draws of
/// `tellers[j]` telling `hearers[j]` a story of tone index `t`.
pub(super) fn hearing_draws(
    key: StreamKey,
    t: u64,
    tellers: &[NodeId],
    hearers: &[NodeId],
    effect: &mut Vec<f64>,
    retell: &mut Vec<f64>,
) {
    let n = hearers.len();
    effect.clear();
    effect.resize(n, 0.0);
    retell.clear();
    retell.resize(n, 0.0);
    #[cfg(target_arch = "x86_64")]
    if wide() {
        // SAFETY: as in `teller_rngs`.
        unsafe { hearing_draws_wide(key, t, tellers, hearers, effect, retell) };
        return;
    }
    hearing_draws_lanes(key, t, tellers, hearers, effect, retell);
}

/// Whether this CPU multiplies 64-bit lanes in vectors (AVX-512 DQ);
/// `std` caches the answer, so asking costs a load.
#[cfg(target_arch = "x86_64")]
#[inline]
fn wide() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512vl")
}

#[inline(always)]
fn teller_rngs_lanes(key: StreamKey, t: u64, tellers: &[NodeId], rngs: &mut [WomRng]) {
    for (rng, &u) in rngs.iter_mut().zip(tellers) {
        *rng = key.person(u).sub(t).rng(Purpose::Telling);
    }
}

#[inline(always)]
fn hearing_draws_lanes(
    key: StreamKey,
    t: u64,
    tellers: &[NodeId],
    hearers: &[NodeId],
    effect: &mut [f64],
    retell: &mut [f64],
) {
    let pairs = tellers.iter().zip(hearers);
    for (((&u, &v), e), r) in pairs.zip(effect.iter_mut()).zip(retell.iter_mut()) {
        let hearer = key.person(v);
        *e = hearer.sub(2 * u64::from(u) + t).uniform(Purpose::Hearing);
        *r = hearer.sub(t).uniform(Purpose::Retelling);
    }
}

/// [`teller_rngs_lanes`] compiled for AVX-512.
///
/// # Safety
/// The CPU must have AVX-512 F, DQ and VL.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn teller_rngs_wide(key: StreamKey, t: u64, tellers: &[NodeId], rngs: &mut [WomRng]) {
    teller_rngs_lanes(key, t, tellers, rngs);
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
    tellers: &[NodeId],
    hearers: &[NodeId],
    effect: &mut [f64],
    retell: &mut [f64],
) {
    hearing_draws_lanes(key, t, tellers, hearers, effect, retell);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

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
        for t in 0..2u64 {
            let mut rngs = Vec::new();
            teller_rngs(key, t, &ids, &mut rngs);
            let mut lanes = vec![WomRng::new(1); ids.len()];
            teller_rngs_lanes(key, t, &ids, &mut lanes);
            for ((rng, lane), &u) in rngs.iter_mut().zip(&mut lanes).zip(&ids) {
                let expected = key.person(u).sub(t).rng(Purpose::Telling).next_u64();
                assert_eq!(rng.next_u64(), expected);
                assert_eq!(lane.next_u64(), expected);
            }
            let (mut effect, mut retell) = (Vec::new(), Vec::new());
            hearing_draws(key, t, &ids, &hearers, &mut effect, &mut retell);
            let (mut e2, mut r2) = (vec![0.0; ids.len()], vec![0.0; ids.len()]);
            hearing_draws_lanes(key, t, &ids, &hearers, &mut e2, &mut r2);
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
