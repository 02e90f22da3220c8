//! Summary statistics of a graph: degrees, connected components and a
//! sampled estimate of the average clustering coefficient.

use super::{Graph, NodeId};
use crate::rng::WomRng;
use crate::stats::percentile_sorted;
use rand::RngExt;
use serde::Serialize;

/// What `wom graph` reports about a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphStats {
    /// Number of nodes.
    pub nodes: u32,
    /// Number of undirected edges.
    pub edges: u64,
    /// Mean degree, `2E / n`.
    pub mean_degree: f64,
    /// Smallest degree.
    pub min_degree: u32,
    /// Largest degree.
    pub max_degree: u32,
    /// Degree percentiles: 5th, 25th, 50th, 75th, 95th, 99th.
    pub degree_percentiles: [(u8, f64); 6],
    /// Nodes with no neighbour.
    pub isolated: u32,
    /// Number of connected components.
    pub components: u32,
    /// Nodes in the largest component.
    pub largest_component: u32,
    /// Estimated average clustering coefficient (networkx's `average_clustering`:
    /// nodes of degree < 2 count as 0).
    pub clustering: f64,
    /// Standard error of the clustering estimate (0 when computed exactly).
    pub clustering_se: f64,
    /// Nodes used for the clustering estimate.
    pub clustering_sample: u32,
}

/// Computes [`GraphStats`]. Components in `O(n + E)`; clustering from
/// `sample` uniformly drawn nodes (all nodes when `sample >= n`), each in
/// `O(Σ_{v ∈ adj(u)} (d_u + d_v))`.
pub fn measure(graph: &Graph, sample: u32, rng: &mut WomRng) -> GraphStats {
    let n = graph.node_count();
    let mut degrees: Vec<u32> = (0..n).map(|u| graph.degree(u)).collect();
    degrees.sort_unstable();
    let as_f64: Vec<f64> = degrees.iter().map(|&d| f64::from(d)).collect();
    let pct = |p: u8| (p, percentile_sorted(&as_f64, f64::from(p) / 100.0));
    let (components, largest_component) = components(graph);
    let (clustering, clustering_se, clustering_sample) = clustering(graph, sample, rng);
    GraphStats {
        nodes: n,
        edges: graph.edge_count(),
        mean_degree: if n == 0 {
            0.0
        } else {
            2.0 * graph.edge_count() as f64 / f64::from(n)
        },
        min_degree: degrees.first().copied().unwrap_or(0),
        max_degree: degrees.last().copied().unwrap_or(0),
        degree_percentiles: [pct(5), pct(25), pct(50), pct(75), pct(95), pct(99)],
        isolated: degrees.iter().take_while(|&&d| d == 0).count() as u32,
        components,
        largest_component,
        clustering,
        clustering_se,
        clustering_sample,
    }
}

/// Number of connected components and the size of the largest. `O(n + E)`.
pub fn components(graph: &Graph) -> (u32, u32) {
    let n = graph.node_count();
    let mut seen = vec![false; n as usize];
    let mut stack: Vec<NodeId> = Vec::new();
    let (mut count, mut largest) = (0u32, 0u32);
    for start in 0..n {
        if seen[start as usize] {
            continue;
        }
        count += 1;
        seen[start as usize] = true;
        stack.push(start);
        let mut size = 0u32;
        while let Some(u) = stack.pop() {
            size += 1;
            for &v in graph.neighbors(u) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    stack.push(v);
                }
            }
        }
        largest = largest.max(size);
    }
    (count, largest)
}

/// Local clustering coefficient of `u`: closed triangles over pairs of
/// neighbours, by sorted-list intersection.
pub fn local_clustering(graph: &Graph, u: NodeId) -> f64 {
    let adj = graph.neighbors(u);
    let d = adj.len() as u64;
    if d < 2 {
        return 0.0;
    }
    let mut links = 0u64;
    for &v in adj {
        links += sorted_intersection(adj, graph.neighbors(v));
    }
    // Each neighbour-to-neighbour link is counted from both ends.
    (links as f64 / 2.0) / (d * (d - 1) / 2) as f64
}

fn sorted_intersection(a: &[NodeId], b: &[NodeId]) -> u64 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

fn clustering(graph: &Graph, sample: u32, rng: &mut WomRng) -> (f64, f64, u32) {
    let n = graph.node_count();
    if n == 0 {
        return (0.0, 0.0, 0);
    }
    if sample >= n {
        let sum: f64 = (0..n).map(|u| local_clustering(graph, u)).sum();
        return (sum / f64::from(n), 0.0, n);
    }
    let values: Vec<f64> = (0..sample)
        .map(|_| local_clustering(graph, rng.random_range(0..n)))
        .collect();
    let s = crate::stats::Summary::from_values(&values);
    (s.mean, s.sd / f64::from(sample).sqrt(), sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Generator, GeneratorSpec, generate};
    use crate::rng::{Purpose, StreamKey};

    #[test]
    fn triangle_plus_pendant() {
        let (g, _) = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 0), (2, 3)]).unwrap();
        let s = measure(&g, 1000, &mut StreamKey::new(1).rng(Purpose::Network));
        assert_eq!((s.components, s.largest_component, s.isolated), (2, 4, 1));
        // Local clustering: 1, 1, 1/3, 0, 0 → mean 7/15.
        assert!((s.clustering - 7.0 / 15.0).abs() < 1e-12);
        assert_eq!(s.max_degree, 3);
    }

    #[test]
    fn ring_lattice_clustering_is_known() {
        // A ring lattice with k = 4 has C = 3(k−2) / (4(k−1)) = 0.5.
        let mut rng = StreamKey::new(1).rng(Purpose::Network);
        let (g, _) = generate(
            &GeneratorSpec::new(
                1000,
                Generator::WattsStrogatz {
                    mean_degree: 4.0,
                    rewire: 0.0,
                },
            ),
            &mut rng,
        )
        .unwrap();
        let s = measure(&g, 200, &mut rng);
        assert!((s.clustering - 0.5).abs() < 1e-12);
        assert_eq!(s.components, 1);
    }
}
