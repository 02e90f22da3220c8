//! Random network generators, each in time proportional to its edges.
//!
//! All generators draw from the generator they are given, so a network is a
//! pure function of its spec and stream key.

use super::{BuildCounts, Graph, GraphError, NodeId};
use crate::rng::{Gaps, WomRng};
use rand::RngExt;

/// A network to generate.
#[derive(Debug, Clone, PartialEq)]
pub enum GeneratorSpec {
    /// Watts–Strogatz small world: a ring where each node links to its
    /// `mean_degree / 2` nearest neighbours on each side, each link's far end
    /// rewired to a uniform node with probability `rewire`. A rewired link
    /// that would duplicate an existing one is dropped (and counted), which
    /// removes a fraction of about `mean_degree / nodes` of the rewired links.
    WattsStrogatz {
        /// Number of nodes.
        nodes: u32,
        /// Even lattice degree, `2 <= mean_degree < nodes`.
        mean_degree: u32,
        /// Rewiring probability in `[0, 1]`.
        rewire: f64,
    },
    /// Barabási–Albert preferential attachment: a star on `attach + 1` nodes,
    /// then each new node links to `attach` distinct existing nodes chosen
    /// with probability proportional to degree (as networkx's
    /// `barabasi_albert_graph`).
    BarabasiAlbert {
        /// Number of nodes.
        nodes: u32,
        /// Links per new node, `1 <= attach < nodes`.
        attach: u32,
    },
    /// Erdős–Rényi `G(n, p)` with `p = mean_degree / (nodes - 1)`, drawn by
    /// geometric skipping over node pairs (Batagelj & Brandes 2005).
    ErdosRenyi {
        /// Number of nodes.
        nodes: u32,
        /// Expected degree, `0 <= mean_degree <= nodes - 1`.
        mean_degree: f64,
    },
    /// Dense clusters of strong ties plus random weak ties across clusters
    /// (after Goldenberg, Libai & Muller 2001; Goldenberg et al. 2007).
    /// Nodes are grouped into consecutive clusters of `cluster_size`; inside
    /// a cluster each pair is tied with probability `strong_ties /
    /// (cluster_size - 1)`; then `nodes × weak_ties / 2` weak ties join
    /// uniform pairs of nodes in different clusters.
    StrongWeakTies {
        /// Number of nodes.
        nodes: u32,
        /// Nodes per cluster (the last cluster may be smaller).
        cluster_size: u32,
        /// Expected strong ties per node.
        strong_ties: f64,
        /// Expected weak ties per node.
        weak_ties: f64,
    },
    /// A star: node 0 linked to every other node (for analytic checks).
    Star {
        /// Number of nodes.
        nodes: u32,
    },
    /// A path `0 – 1 – … – n−1` (for analytic checks).
    Path {
        /// Number of nodes.
        nodes: u32,
    },
}

impl GeneratorSpec {
    /// Number of nodes the network will have.
    pub fn nodes(&self) -> u32 {
        match *self {
            Self::WattsStrogatz { nodes, .. }
            | Self::BarabasiAlbert { nodes, .. }
            | Self::ErdosRenyi { nodes, .. }
            | Self::StrongWeakTies { nodes, .. }
            | Self::Star { nodes }
            | Self::Path { nodes } => nodes,
        }
    }

    /// Checks the ranges documented on each variant.
    ///
    /// # Errors
    /// A sentence naming the parameter, its value and what is allowed.
    pub fn validate(&self) -> Result<(), String> {
        let nodes = self.nodes();
        if nodes < 2 {
            return Err(format!("nodes is {nodes}; a network needs at least 2"));
        }
        match *self {
            Self::WattsStrogatz {
                mean_degree,
                rewire,
                ..
            } => {
                if mean_degree < 2 || mean_degree % 2 != 0 || mean_degree >= nodes {
                    return Err(format!(
                        "mean_degree is {mean_degree}; watts_strogatz needs an even integer from 2 to {}",
                        (nodes - 1) & !1
                    ));
                }
                if !(0.0..=1.0).contains(&rewire) {
                    return Err(format!(
                        "rewire is {rewire}; allowed: a probability in [0, 1]"
                    ));
                }
            }
            Self::BarabasiAlbert { attach, .. } => {
                if attach < 1 || attach >= nodes {
                    return Err(format!("attach is {attach}; allowed: 1 to {}", nodes - 1));
                }
            }
            Self::ErdosRenyi { mean_degree, .. } => {
                if !(0.0..=f64::from(nodes - 1)).contains(&mean_degree) {
                    return Err(format!(
                        "mean_degree is {mean_degree}; erdos_renyi allows 0 to {}",
                        nodes - 1
                    ));
                }
            }
            Self::StrongWeakTies {
                cluster_size,
                strong_ties,
                weak_ties,
                ..
            } => {
                if cluster_size < 2 || cluster_size > nodes {
                    return Err(format!(
                        "cluster_size is {cluster_size}; allowed: 2 to {nodes}"
                    ));
                }
                if !(0.0..=f64::from(cluster_size - 1)).contains(&strong_ties) {
                    return Err(format!(
                        "strong_ties is {strong_ties}; allowed: 0 to cluster_size − 1 = {}",
                        cluster_size - 1
                    ));
                }
                if !(weak_ties >= 0.0 && weak_ties <= f64::from(nodes - 1)) {
                    return Err(format!(
                        "weak_ties is {weak_ties}; allowed: 0 to {}",
                        nodes - 1
                    ));
                }
            }
            Self::Star { .. } | Self::Path { .. } => {}
        }
        Ok(())
    }

    /// Expected number of undirected edges.
    pub fn expected_edges(&self) -> f64 {
        match *self {
            Self::WattsStrogatz {
                nodes, mean_degree, ..
            } => nodes as f64 * (mean_degree / 2) as f64,
            Self::BarabasiAlbert { nodes, attach } => {
                nodes.saturating_sub(attach) as f64 * attach as f64
            }
            Self::ErdosRenyi { nodes, mean_degree } => nodes as f64 * mean_degree / 2.0,
            Self::StrongWeakTies {
                nodes,
                strong_ties,
                weak_ties,
                ..
            } => nodes as f64 * (strong_ties + weak_ties) / 2.0,
            Self::Star { nodes } | Self::Path { nodes } => nodes.saturating_sub(1) as f64,
        }
    }
}

/// Peak bytes needed to generate and hold the network described by `spec`
/// (edge buffer plus CSR plus construction cursor), with a 5% margin. Used
/// to refuse networks too large for the machine before allocating.
pub fn memory_estimate_bytes(spec: &GeneratorSpec) -> u64 {
    let n = spec.nodes() as f64;
    let e = spec.expected_edges() * 1.05 + 64.0;
    let buffer_per_edge = match spec {
        GeneratorSpec::BarabasiAlbert { .. } => 4.0,
        _ => 8.0,
    };
    (n * 8.0 + e * (8.0 + buffer_per_edge)) as u64
}

/// Generates the network described by `spec` from `rng`.
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
    match *spec {
        GeneratorSpec::WattsStrogatz {
            nodes,
            mean_degree,
            rewire,
        } => {
            assert!(mean_degree % 2 == 0 && mean_degree >= 2 && mean_degree < nodes);
            let half = mean_degree / 2;
            let mut edges = Vec::with_capacity(nodes as usize * half as usize);
            for u in 0..nodes {
                for j in 1..=half {
                    let v = (u + j) % nodes;
                    let v = if rewire > 0.0 && rng.random_bool(rewire) {
                        rng.random_range(0..nodes)
                    } else {
                        v
                    };
                    edges.push((u, v));
                }
            }
            Graph::from_edges(nodes, &edges)
        }
        GeneratorSpec::BarabasiAlbert { nodes, attach } => barabasi_albert(nodes, attach, rng),
        GeneratorSpec::ErdosRenyi { nodes, mean_degree } => {
            let p = if nodes > 1 {
                mean_degree / (nodes - 1) as f64
            } else {
                0.0
            };
            let mut edges = Vec::with_capacity((spec.expected_edges() * 1.05) as usize);
            random_pairs(0, nodes, p, rng, &mut edges);
            Graph::from_edges(nodes, &edges)
        }
        GeneratorSpec::StrongWeakTies {
            nodes,
            cluster_size,
            strong_ties,
            weak_ties,
        } => {
            let mut edges = Vec::with_capacity((spec.expected_edges() * 1.05) as usize);
            strong_ties_edges(nodes, cluster_size, strong_ties, rng, &mut edges);
            weak_ties_edges(nodes, cluster_size, weak_ties, rng, &mut edges);
            Graph::from_edges(nodes, &edges)
        }
        GeneratorSpec::Star { nodes } => {
            Graph::from_edge_fn(nodes, nodes.saturating_sub(1) as u64, || {
                (1..nodes).map(|v| (0, v))
            })
        }
        GeneratorSpec::Path { nodes } => {
            Graph::from_edge_fn(nodes, nodes.saturating_sub(1) as u64, || {
                (1..nodes).map(|v| (v - 1, v))
            })
        }
    }
}

/// Appends the edges of `G(n, p)` on nodes `first..first + n` to `out`, by
/// geometric skipping over the pairs `(v, w)`, `w < v`. `O(n + edges)`.
fn random_pairs(first: u32, n: u32, p: f64, rng: &mut WomRng, out: &mut Vec<(NodeId, NodeId)>) {
    if n < 2 || p <= 0.0 {
        return;
    }
    if p >= 1.0 {
        for v in 1..n {
            out.extend((0..v).map(|w| (first + v, first + w)));
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
        out.push((first + v as u32, first + w as u32));
        w += 1;
    }
}

/// Appends the strong ties of a strong/weak-ties network: an independent
/// `G(size, strong_ties / (size − 1))` inside each consecutive cluster.
pub fn strong_ties_edges(
    nodes: u32,
    cluster_size: u32,
    strong_ties: f64,
    rng: &mut WomRng,
    out: &mut Vec<(NodeId, NodeId)>,
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
        random_pairs(first, n, p, rng, out);
        first += n;
    }
}

/// Appends `round(nodes × weak_ties / 2)` weak ties between uniform pairs of
/// nodes in different clusters (none if there is a single cluster).
pub fn weak_ties_edges(
    nodes: u32,
    cluster_size: u32,
    weak_ties: f64,
    rng: &mut WomRng,
    out: &mut Vec<(NodeId, NodeId)>,
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
        out.push((u, v));
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
            &GeneratorSpec::WattsStrogatz {
                nodes: 20,
                mean_degree: 4,
                rewire: 0.0,
            },
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
            &GeneratorSpec::BarabasiAlbert {
                nodes: 2000,
                attach: 3,
            },
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
            &GeneratorSpec::ErdosRenyi {
                nodes: 5000,
                mean_degree: 10.0,
            },
            &mut rng(),
        )
        .unwrap();
        let e = g.edge_count() as f64;
        assert!((e - 25_000.0).abs() < 4.0 * 158.0, "edges {e}");
    }

    #[test]
    fn erdos_renyi_extremes() {
        let (g, _) = generate(
            &GeneratorSpec::ErdosRenyi {
                nodes: 30,
                mean_degree: 29.0,
            },
            &mut rng(),
        )
        .unwrap();
        assert_eq!(g.edge_count(), 30 * 29 / 2);
        let (g, _) = generate(
            &GeneratorSpec::ErdosRenyi {
                nodes: 30,
                mean_degree: 0.0,
            },
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
        let spec = GeneratorSpec::WattsStrogatz {
            nodes: 500,
            mean_degree: 6,
            rewire: 0.3,
        };
        assert_eq!(
            generate(&spec, &mut rng()).unwrap(),
            generate(&spec, &mut rng()).unwrap()
        );
    }
}
