//! The independent cascade (Kempe, Kleinberg & Tardos 2003): from a seed
//! set, each newly active node gets one chance to activate each neighbour
//! with probability `p`. On an undirected graph an edge acts both ways.
//!
//! For small `p` the kernel skips over failed attempts: with a uniform `p`
//! the attempts are i.i.d. Bernoulli(p), so the number of failures before
//! the next success is geometric and one draw replaces a run of failed coin
//! flips, across adjacency lists. For large `p` a 64-bit coin per attempt is
//! cheaper. Active nodes are marked with epoch stamps, so a run resets
//! nothing.

use crate::engine::replicate;
use crate::graph::{Graph, NodeId};
use crate::rng::{Gaps, Purpose, StreamKey, WomRng};
use rand::Rng;

/// Reusable per-thread state of the cascade kernel.
#[derive(Debug, Default, Clone)]
pub struct CascadeScratch {
    /// `stamp[u] == epoch` ⇔ `u` is active in the current run.
    stamp: Vec<u32>,
    /// The current run's stamp; never 0 during a run.
    epoch: u32,
    /// Active nodes in activation order in `queue[..len]` of a run. Its
    /// length is fixed at `nodes + 1` (room for every node plus the
    /// branch-free kernel's scratch slot), so a run clears nothing.
    queue: Vec<NodeId>,
}

impl CascadeScratch {
    /// Scratch for graphs of up to `nodes` nodes.
    pub fn new(nodes: u32) -> Self {
        Self {
            stamp: vec![0; nodes as usize],
            epoch: 0,
            queue: vec![0; nodes as usize + 1],
        }
    }

    fn begin(&mut self, nodes: u32) {
        if self.stamp.len() < nodes as usize {
            self.stamp.resize(nodes as usize, 0);
            self.queue.resize(nodes as usize + 1, 0);
        }
        if self.epoch == u32::MAX {
            self.stamp.fill(0);
            self.epoch = 0;
        }
        self.epoch += 1;
    }
}

/// How edge attempts are drawn for a given `p`.
#[derive(Debug, Clone, Copy)]
enum Attempts {
    /// `p = 0`: nothing spreads.
    Never,
    /// Small `p`: skip the failures before the next success with one
    /// geometric draw by inversion, `⌊ln U / ln(1 − p)⌋`. One uniform and
    /// one logarithm per success; rand_distr's exact `Geometric` spends
    /// several uniforms per draw and measured 3–4× slower here.
    Skip(Gaps),
    /// Large `p`: one 64-bit comparison per attempt (success iff a uniform
    /// `u64` is below `p · 2⁶⁴`), cheaper than a logarithm per success.
    Coin {
        /// `⌊p · 2⁶⁴⌋`; `u64::MAX` stands for `p = 1` (every attempt
        /// succeeds, no draw).
        threshold: u64,
    },
}

impl Attempts {
    /// Above this `p` a coin per attempt beats a logarithm per success.
    const COIN_FROM: f64 = 0.15;

    fn new(p: f64) -> Self {
        assert!((0.0..=1.0).contains(&p), "p = {p} outside [0, 1]");
        if p == 0.0 {
            Self::Never
        } else if p < Self::COIN_FROM {
            Gaps::new(p).map_or(Self::Never, Self::Skip)
        } else {
            Self::Coin {
                threshold: (p * 18_446_744_073_709_551_616.0) as u64,
            }
        }
    }
}

/// Prefetches the offsets of the node 16 places ahead in the queue and the
/// adjacency list of the node 8 places ahead (whose offset was prefetched
/// earlier): expanding a node is otherwise two dependent cache misses.
#[inline(always)]
fn prefetch_ahead(graph: &Graph, queue: &[NodeId], head: usize, len: usize) {
    if head + 16 < len {
        graph.prefetch_offsets(queue[head + 16]);
    }
    if head + 8 < len {
        graph.prefetch_neighbors(queue[head + 8]);
    }
}

/// One cascade from `seeds` (duplicates ignored) with activation
/// probability `p`; returns the final number of active nodes, seeds
/// included.
///
/// Time `O(|seeds| + Σ_{active u} 1 + successes)` for small `p` (failed
/// attempts are skipped), `O(Σ_{active u} deg u)` for large `p`.
///
/// # Panics
/// If a seed is not a node of `graph`, or `p` is outside `[0, 1]`.
pub fn cascade_once(
    graph: &Graph,
    seeds: &[NodeId],
    p: f64,
    rng: &mut WomRng,
    scratch: &mut CascadeScratch,
) -> u32 {
    let attempts = Attempts::new(p);
    scratch.begin(graph.node_count());
    let epoch = scratch.epoch;
    let CascadeScratch { stamp, queue, .. } = scratch;
    let mut len = 0;
    for &s in seeds {
        let mark = &mut stamp[s as usize];
        if *mark != epoch {
            *mark = epoch;
            queue[len] = s;
            len += 1;
        }
    }
    let mut head = 0;
    match attempts {
        Attempts::Never => {}
        Attempts::Skip(gaps) => {
            // Failures still to skip, carried across adjacency lists.
            let mut skip = gaps.sample(rng);
            while head < len {
                prefetch_ahead(graph, queue, head, len);
                let adj = graph.neighbors(queue[head]);
                head += 1;
                let mut i = 0usize;
                while skip < (adj.len() - i) as u64 {
                    i += skip as usize;
                    let v = adj[i];
                    let mark = &mut stamp[v as usize];
                    if *mark != epoch {
                        *mark = epoch;
                        queue[len] = v;
                        len += 1;
                    }
                    i += 1;
                    skip = gaps.sample(rng);
                }
                skip -= (adj.len() - i) as u64;
            }
        }
        Attempts::Coin { threshold } => {
            // Branch-free inner loop: the coin is unpredictable, so every
            // neighbour is written at the queue's end and kept only if it
            // was hit and new. The queue never holds more than `n` nodes.
            let always = threshold == u64::MAX;
            while head < len {
                prefetch_ahead(graph, queue, head, len);
                let adj = graph.neighbors(queue[head]);
                head += 1;
                for &v in adj {
                    let hit = always || rng.next_u64() < threshold;
                    let mark = &mut stamp[v as usize];
                    let new = hit & (*mark != epoch);
                    *mark = if new { epoch } else { *mark };
                    queue[len] = v;
                    len += usize::from(new);
                }
            }
        }
    }
    len as u32
}

/// Runs `runs` cascades in parallel on the current rayon pool; run `r`
/// draws from the stream `(seed, r, Cascade)`. Results in run order.
pub fn run_cascades(
    graph: &Graph,
    seeds: &[NodeId],
    p: f64,
    runs: u64,
    seed: u64,
    progress: impl Fn() + Sync,
) -> Vec<u32> {
    let root = StreamKey::new(seed);
    let sizes = replicate(
        runs,
        || CascadeScratch::new(graph.node_count()),
        |scratch, r| -> Result<u32, std::convert::Infallible> {
            let mut rng = root.replication(r).rng(Purpose::Cascade);
            Ok(cascade_once(graph, seeds, p, &mut rng, scratch))
        },
        progress,
    );
    match sizes {
        Ok(sizes) => sizes,
        Err(never) => match never {},
    }
}

/// `k` distinct nodes drawn uniformly from `0..nodes` from the seeding
/// stream of `seed`, in ascending order.
///
/// # Panics
/// If `k > nodes`.
pub fn random_seed_set(nodes: u32, k: u32, seed: u64) -> Vec<NodeId> {
    let mut rng = StreamKey::new(seed).rng(Purpose::Seeding);
    let mut set: Vec<NodeId> = rand::seq::index::sample(&mut rng, nodes as usize, k as usize)
        .into_iter()
        .map(|i| i as NodeId)
        .collect();
    set.sort_unstable();
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Generator, GeneratorSpec, generate};
    use crate::stats::Summary;

    fn net(spec: GeneratorSpec) -> Graph {
        generate(&spec, &mut StreamKey::new(3).rng(Purpose::Network))
            .unwrap()
            .0
    }

    fn mean_size(graph: &Graph, seeds: &[NodeId], p: f64, runs: u64) -> Summary {
        let sizes = run_cascades(graph, seeds, p, runs, 9, || {});
        Summary::from_values(&sizes.iter().map(|&s| f64::from(s)).collect::<Vec<_>>())
    }

    #[test]
    fn p_one_activates_the_component_and_p_zero_only_seeds() {
        let g = net(GeneratorSpec::new(
            1000,
            Generator::WattsStrogatz {
                mean_degree: 4.0,
                rewire: 0.1,
            },
        ));
        let s = mean_size(&g, &[5, 7], 1.0, 20);
        assert_eq!((s.mean, s.sd), (1000.0, 0.0));
        let s = mean_size(&g, &[5, 7, 7], 0.0, 20);
        assert_eq!((s.mean, s.sd), (2.0, 0.0));
    }

    #[test]
    fn star_from_the_centre_is_binomial() {
        // From the centre of a star with 200 leaves: 1 + Binomial(200, 0.3):
        // mean 61, sd √(200·0.3·0.7) ≈ 6.48; with 4000 runs the standard
        // error is 0.102, and we allow 4 standard errors.
        let g = net(GeneratorSpec::new(201, Generator::Star));
        let s = mean_size(&g, &[0], 0.3, 4000);
        assert!(
            (s.mean - 61.0).abs() < 4.0 * 6.48 / 4000f64.sqrt(),
            "mean {}",
            s.mean
        );
        assert!((s.sd - 6.48).abs() < 0.3, "sd {}", s.sd);
    }

    #[test]
    fn star_from_a_leaf_has_a_closed_form() {
        // Leaf → centre with p, then the other 199 leaves each with p:
        // E = 1 + p (1 + 199 p) = 1 + 0.5 · 100.5 = 51.25 for p = 0.5.
        // Var: with X = 1{centre}, S | X=1 ~ 1 + Bin(199, p):
        // Var = E[Var|X] + Var[E|X] = p·199p(1−p) + p(1−p)(1+199p)² = 12.4375 + 2525.0625
        // → sd ≈ 50.37; se with 4000 runs ≈ 0.80; allow 4 se.
        let g = net(GeneratorSpec::new(200, Generator::Star));
        let s = mean_size(&g, &[1], 0.5, 4000);
        assert!(
            (s.mean - 51.25).abs() < 4.0 * 50.37 / 4000f64.sqrt(),
            "mean {}",
            s.mean
        );
    }

    #[test]
    fn path_from_an_end_is_truncated_geometric() {
        // From node 0 of a path of n nodes: size = min(1 + Geom, n) with
        // E = Σ_{k=0}^{n−1} p^k = (1 − p^n)/(1 − p). For p = 0.8, n = 50:
        // ≈ 4.99993; sd ≤ √(p)/(1−p) ≈ 4.47; 4000 runs → se ≤ 0.071; 4 se.
        let g = net(GeneratorSpec::new(50, Generator::Path));
        let s = mean_size(&g, &[0], 0.8, 4000);
        let expected = (1.0 - 0.8f64.powi(50)) / 0.2;
        assert!((s.mean - expected).abs() < 4.0 * 0.071, "mean {}", s.mean);
    }

    #[test]
    fn identical_across_thread_counts() {
        let g = net(GeneratorSpec::new(
            3000,
            Generator::BarabasiAlbert { attach: 3 },
        ));
        let seeds = random_seed_set(3000, 5, 1);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let three = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let a = one.install(|| run_cascades(&g, &seeds, 0.05, 300, 4, || {}));
        let b = three.install(|| run_cascades(&g, &seeds, 0.05, 300, 4, || {}));
        assert_eq!(a, b);
    }

    #[test]
    fn seed_sets_are_distinct_and_reproducible() {
        let a = random_seed_set(100, 100, 5);
        assert_eq!(a, (0..100).collect::<Vec<_>>());
        assert_eq!(
            random_seed_set(10_000, 20, 5),
            random_seed_set(10_000, 20, 5)
        );
        assert_ne!(
            random_seed_set(10_000, 20, 5),
            random_seed_set(10_000, 20, 6)
        );
    }
}
