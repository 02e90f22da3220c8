//! Random network generators, each in time proportional to its edges.
//!
//! All generators draw from the generator they are given, so a network is a
//! pure function of its spec and stream key. The Watts–Strogatz, Erdős–Rényi
//! and strong/weak-ties generators hold no edge list: they emit their edges
//! twice from the same starting state of the stream (once to count degrees,
//! once to fill the CSR), so the same draws give the same edges both times
//! and the graph is the one an edge list would have given.

use super::{BuildCounts, EmitEdges, Generator, GeneratorSpec, Graph, GraphError, NodeId};
use crate::rng::{Gaps, WomRng};
use rand::RngExt;

/// Generates the network described by `spec` from `rng`, leaving `rng` in
/// the state after all the network's draws.
///
/// # Errors
/// [`GraphError::TooManyEdges`] past [`Graph::MAX_EDGES`].
///
/// # Panics
/// If the spec breaks the ranges documented on [`GeneratorSpec`]; callers
/// validate specs first.
pub fn generate(
    spec: &GeneratorSpec,
    rng: &mut WomRng,
) -> Result<(Graph, BuildCounts), GraphError> {
    let nodes = spec.nodes;
    match spec.generator {
        Generator::WattsStrogatz {
            mean_degree,
            rewire,
        } => {
            let k = mean_degree as u32;
            assert!(k.is_multiple_of(2) && k >= 2 && k < nodes);
            replayed(nodes, rng, |rng, emit| {
                watts_strogatz(nodes, k / 2, rewire, rng, emit);
            })
        }
        Generator::BarabasiAlbert { attach } => barabasi_albert(nodes, attach, rng),
        Generator::ErdosRenyi { mean_degree } => {
            let p = if nodes > 1 {
                mean_degree / (nodes - 1) as f64
            } else {
                0.0
            };
            replayed(nodes, rng, |rng, emit| random_pairs(0, nodes, p, rng, emit))
        }
        Generator::StrongWeakTies {
            cluster_size,
            strong_ties,
            weak_ties,
        } => replayed(nodes, rng, |rng, emit| {
            strong_ties_emit(nodes, cluster_size, strong_ties, rng, emit);
            weak_ties_emit(nodes, cluster_size, weak_ties, rng, emit);
        }),
        Generator::Star => Graph::from_edge_fn(nodes, nodes.saturating_sub(1) as u64, || {
            (1..nodes).map(|v| (0, v))
        }),
        Generator::Path => Graph::from_edge_fn(nodes, nodes.saturating_sub(1) as u64, || {
            (1..nodes).map(|v| (v - 1, v))
        }),
    }
}

/// Builds a graph from a generator run twice from the same state of `rng`
/// ([`Graph::from_edge_passes`]); `rng` ends where one run would leave it.
fn replayed<G>(nodes: u32, rng: &mut WomRng, mut run: G) -> Result<(Graph, BuildCounts), GraphError>
where
    G: FnMut(&mut WomRng, EmitEdges<'_>),
{
    let start = rng.clone();
    Graph::from_edge_passes(nodes, |emit| {
        *rng = start.clone();
        run(rng, emit);
    })
}

/// Emits the edges of a Watts–Strogatz graph: each node `u` to `u + j`
/// for `j` in `1..=half`, the far end rewired to a uniform node with
/// probability `rewire`. `O(nodes × half)`.
fn watts_strogatz(nodes: u32, half: u32, rewire: f64, rng: &mut WomRng, emit: EmitEdges<'_>) {
    for u in 0..nodes {
        for j in 1..=half {
            let v = (u + j) % nodes;
            let v = if rewire > 0.0 && rng.random_bool(rewire) {
                rng.random_range(0..nodes)
            } else {
                v
            };
            emit(u, v);
        }
    }
}

/// Emits the edges of `G(n, p)` on nodes `first..first + n`, by geometric
/// skipping over the pairs `(v, w)`, `w < v`. `O(n + edges)`.
fn random_pairs(first: u32, n: u32, p: f64, rng: &mut WomRng, emit: EmitEdges<'_>) {
    if n < 2 || p <= 0.0 {
        return;
    }
    if p >= 1.0 {
        for v in 1..n {
            for w in 0..v {
                emit(first + v, first + w);
            }
        }
        return;
    }
    let Some(gaps) = Gaps::new(p) else { return };
    let (mut v, mut w): (u64, u64) = (1, 0);
    let n = u64::from(n);
    // `w` is the next candidate column in row `v`; each step skips the
    // failed pairs before the next success.
    loop {
        w = w.saturating_add(gaps.sample(rng));
        while w >= v && v < n {
            w -= v;
            v += 1;
        }
        if v >= n {
            return;
        }
        emit(first + v as u32, first + w as u32);
        w += 1;
    }
}

/// Appends the strong ties of a strong/weak-ties network to `out`
/// ([`strong_ties_emit`]).
pub fn strong_ties_edges(
    nodes: u32,
    cluster_size: u32,
    strong_ties: f64,
    rng: &mut WomRng,
    out: &mut Vec<(NodeId, NodeId)>,
) {
    strong_ties_emit(nodes, cluster_size, strong_ties, rng, &mut |u, v| {
        out.push((u, v));
    });
}

/// Emits the strong ties of a strong/weak-ties network: an independent
/// `G(size, strong_ties / (size − 1))` inside each consecutive cluster.
fn strong_ties_emit(
    nodes: u32,
    cluster_size: u32,
    strong_ties: f64,
    rng: &mut WomRng,
    emit: EmitEdges<'_>,
) {
    let size = cluster_size.max(1);
    let p = if size > 1 {
        (strong_ties / (size - 1) as f64).min(1.0)
    } else {
        0.0
    };
    let mut first = 0;
    while first < nodes {
        let n = size.min(nodes - first);
        random_pairs(first, n, p, rng, emit);
        first += n;
    }
}

/// Appends the weak ties of a strong/weak-ties network to `out`
/// ([`weak_ties_emit`]); also the weak ties redrawn each period with
/// weak-tie churn.
pub fn weak_ties_edges(
    nodes: u32,
    cluster_size: u32,
    weak_ties: f64,
    rng: &mut WomRng,
    out: &mut Vec<(NodeId, NodeId)>,
) {
    weak_ties_emit(nodes, cluster_size, weak_ties, rng, &mut |u, v| {
        out.push((u, v));
    });
}

/// Emits `round(nodes × weak_ties / 2)` weak ties between uniform pairs of
/// nodes in different clusters (none if there is a single cluster).
fn weak_ties_emit(
    nodes: u32,
    cluster_size: u32,
    weak_ties: f64,
    rng: &mut WomRng,
    emit: EmitEdges<'_>,
) {
    let size = cluster_size.max(1);
    if nodes <= size {
        return;
    }
    let count = (f64::from(nodes) * weak_ties / 2.0).round() as u64;
    for _ in 0..count {
        let u = rng.random_range(0..nodes);
        let v = loop {
            let v = rng.random_range(0..nodes);
            if v / size != u / size {
                break v;
            }
        };
        emit(u, v);
    }
}

/// Barabási–Albert without a repeated-nodes list: choosing a uniform entry
/// of the endpoint list equals choosing a uniform edge and one of its ends,
/// and edge `e`'s source is implicit (`attach + e / attach`), so only the
/// targets are stored (4 bytes per edge) before the CSR is built.
fn barabasi_albert(
    nodes: u32,
    attach: u32,
    rng: &mut WomRng,
) -> Result<(Graph, BuildCounts), GraphError> {
    assert!(attach >= 1 && attach < nodes);
    let m = attach as usize;
    let total = (nodes - attach) as usize * m;
    if total as u64 > Graph::MAX_EDGES {
        return Err(GraphError::TooManyEdges {
            edges: total as u64,
            max: Graph::MAX_EDGES,
        });
    }
    let source = |e: usize| (m + e / m) as NodeId;
    let mut targets: Vec<NodeId> = Vec::with_capacity(total);
    // Node `m` joins the star centre to the `m` initial nodes.
    targets.extend(0..attach);
    let mut picked: Vec<NodeId> = Vec::with_capacity(m);
    for _new in (attach + 1)..nodes {
        let endpoints = 2 * targets.len();
        picked.clear();
        while picked.len() < m {
            let j = rng.random_range(0..endpoints);
            let t = if j % 2 == 0 {
                source(j / 2)
            } else {
                targets[j / 2]
            };
            if !picked.contains(&t) {
                picked.push(t);
            }
        }
        targets.extend_from_slice(&picked);
    }
    Graph::from_edge_fn(nodes, total as u64, || {
        targets
            .iter()
            .enumerate()
            .map(move |(e, &t)| (source(e), t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Purpose, StreamKey};

    fn rng() -> WomRng {
        StreamKey::new(42).rng(Purpose::Network)
    }

    #[test]
    fn watts_strogatz_without_rewiring_is_a_ring_lattice() {
        let (g, counts) = generate(
            &GeneratorSpec::new(
                20,
                Generator::WattsStrogatz {
                    mean_degree: 4.0,
                    rewire: 0.0,
                },
            ),
            &mut rng(),
        )
        .unwrap();
        assert_eq!(g.edge_count(), 40);
        assert_eq!(counts, BuildCounts::default());
        assert_eq!(g.neighbors(0), &[1, 2, 18, 19]);
    }

    #[test]
    fn barabasi_albert_has_the_expected_edges_and_min_degree() {
        let (g, counts) = generate(
            &GeneratorSpec::new(2000, Generator::BarabasiAlbert { attach: 3 }),
            &mut rng(),
        )
        .unwrap();
        assert_eq!(counts.duplicates, 0);
        assert_eq!(g.edge_count(), (2000 - 3) * 3);
        assert!((0..2000).all(|u| g.degree(u) >= 3 || u < 3));
        // Hubs: preferential attachment makes the max degree far above the mean.
        let max = (0..2000).map(|u| g.degree(u)).max().unwrap();
        assert!(max > 40, "max degree {max}");
    }

    #[test]
    fn erdos_renyi_edge_count_is_binomial() {
        // E ~ Binomial(n(n-1)/2, p): mean 25,000, sd ≈ 158; allow 4 sd.
        let (g, _) = generate(
            &GeneratorSpec::new(5000, Generator::ErdosRenyi { mean_degree: 10.0 }),
            &mut rng(),
        )
        .unwrap();
        let e = g.edge_count() as f64;
        assert!((e - 25_000.0).abs() < 4.0 * 158.0, "edges {e}");
    }

    #[test]
    fn erdos_renyi_extremes() {
        let (g, _) = generate(
            &GeneratorSpec::new(30, Generator::ErdosRenyi { mean_degree: 29.0 }),
            &mut rng(),
        )
        .unwrap();
        assert_eq!(g.edge_count(), 30 * 29 / 2);
        let (g, _) = generate(
            &GeneratorSpec::new(30, Generator::ErdosRenyi { mean_degree: 0.0 }),
            &mut rng(),
        )
        .unwrap();
        assert_eq!(g.edge_count(), 0);
    }

    #[test]
    fn strong_ties_stay_inside_clusters() {
        let mut edges = Vec::new();
        strong_ties_edges(100, 10, 9.0, &mut rng(), &mut edges);
        assert_eq!(edges.len(), 10 * 45);
        assert!(edges.iter().all(|&(u, v)| u / 10 == v / 10));
        edges.clear();
        weak_ties_edges(100, 10, 2.0, &mut rng(), &mut edges);
        assert_eq!(edges.len(), 100);
        assert!(edges.iter().all(|&(u, v)| u / 10 != v / 10));
    }

    #[test]
    fn same_stream_same_graph() {
        let spec = GeneratorSpec::new(
            500,
            Generator::WattsStrogatz {
                mean_degree: 6.0,
                rewire: 0.3,
            },
        );
        assert_eq!(
            generate(&spec, &mut rng()).unwrap(),
            generate(&spec, &mut rng()).unwrap()
        );
    }
}
