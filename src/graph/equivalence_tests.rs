//! Tests that the generators building the CSR without an edge list give
//! exactly the graphs (same neighbours, same order, same counts, same
//! final stream state) of the construction they replaced: the edge list
//! of the earlier generators, kept here verbatim, fed to the earlier CSR
//! builder with `u32` offsets and a separate cursor array.

use super::{BuildCounts, Generator, GeneratorSpec, Graph, NodeId, generate};
use crate::rng::{Gaps, Purpose, StreamKey, WomRng};
use rand::RngExt;

/// The earlier builder: adjacency lists as `Vec`s of `u32` offsets.
fn old_csr(nodes: u32, edges: &[(NodeId, NodeId)]) -> (Vec<Vec<NodeId>>, BuildCounts) {
    let n = nodes as usize;
    let mut counts = BuildCounts::default();
    let mut offsets = vec![0u32; n + 1];
    for &(u, v) in edges {
        if u == v {
            counts.self_loops += 1;
            continue;
        }
        offsets[u as usize + 1] += 1;
        offsets[v as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut neighbors = vec![0 as NodeId; offsets[n] as usize];
    let mut cursor: Vec<u32> = offsets[..n].to_vec();
    for &(u, v) in edges {
        if u == v {
            continue;
        }
        neighbors[cursor[u as usize] as usize] = v;
        cursor[u as usize] += 1;
        neighbors[cursor[v as usize] as usize] = u;
        cursor[v as usize] += 1;
    }
    let mut lists = Vec::with_capacity(n);
    let mut removed = 0u64;
    for u in 0..n {
        let mut list = neighbors[offsets[u] as usize..offsets[u + 1] as usize].to_vec();
        list.sort_unstable();
        let before = list.len();
        list.dedup();
        removed += (before - list.len()) as u64;
        lists.push(list);
    }
    counts.duplicates = removed / 2;
    (lists, counts)
}

fn old_random_pairs(first: u32, n: u32, p: f64, rng: &mut WomRng, out: &mut Vec<(NodeId, NodeId)>) {
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

/// The earlier edge lists of the generators this change rewrote.
fn old_edges(spec: &GeneratorSpec, rng: &mut WomRng) -> Vec<(NodeId, NodeId)> {
    let nodes = spec.nodes;
    let mut edges = Vec::new();
    match spec.generator {
        Generator::WattsStrogatz {
            mean_degree,
            rewire,
        } => {
            let half = mean_degree as u32 / 2;
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
        }
        Generator::ErdosRenyi { mean_degree } => {
            let p = mean_degree / (nodes - 1) as f64;
            old_random_pairs(0, nodes, p, rng, &mut edges);
        }
        Generator::StrongWeakTies {
            cluster_size,
            strong_ties,
            weak_ties,
        } => {
            let size = cluster_size;
            let p = (strong_ties / (size - 1) as f64).min(1.0);
            let mut first = 0;
            while first < nodes {
                let n = size.min(nodes - first);
                old_random_pairs(first, n, p, rng, &mut edges);
                first += n;
            }
            if nodes > size {
                let count = (f64::from(nodes) * weak_ties / 2.0).round() as u64;
                for _ in 0..count {
                    let u = rng.random_range(0..nodes);
                    let v = loop {
                        let v = rng.random_range(0..nodes);
                        if v / size != u / size {
                            break v;
                        }
                    };
                    edges.push((u, v));
                }
            }
        }
        _ => unreachable!("only the rewritten generators"),
    }
    edges
}

fn specs() -> Vec<GeneratorSpec> {
    let mut specs = Vec::new();
    for nodes in [3u32, 5, 12, 40, 97, 300] {
        for k in [2.0, 4.0, 10.0] {
            for rewire in [0.0, 0.1, 0.5, 1.0] {
                if k < f64::from(nodes) {
                    let g = Generator::WattsStrogatz {
                        mean_degree: k,
                        rewire,
                    };
                    specs.push(GeneratorSpec::new(nodes, g));
                }
            }
        }
        for k in [0.0, 0.5, 3.0, 8.0, f64::from(nodes - 1)] {
            if k <= f64::from(nodes - 1) {
                let g = Generator::ErdosRenyi { mean_degree: k };
                specs.push(GeneratorSpec::new(nodes, g));
            }
        }
        for size in [2u32, 3, 10] {
            for (strong, weak) in [(0.0, 0.0), (1.0, 0.5), (f64::from(size - 1), 2.0)] {
                if size <= nodes && weak <= f64::from(nodes - size) {
                    let g = Generator::StrongWeakTies {
                        cluster_size: size,
                        strong_ties: strong,
                        weak_ties: weak,
                    };
                    specs.push(GeneratorSpec::new(nodes, g));
                }
            }
        }
    }
    specs
}

#[test]
fn generators_without_an_edge_list_give_the_graphs_of_the_edge_list() {
    let specs = specs();
    assert!(specs.len() > 100, "{} specs", specs.len());
    for spec in &specs {
        spec.validate().unwrap();
        for seed in [1u64, 7, 2026] {
            let mut old_rng = StreamKey::new(seed).rng(Purpose::Network);
            let edges = old_edges(spec, &mut old_rng);
            let (lists, old_counts) = old_csr(spec.nodes, &edges);
            let mut rng = StreamKey::new(seed).rng(Purpose::Network);
            let (g, counts) = generate(spec, &mut rng).unwrap();
            assert_eq!(counts, old_counts, "{spec:?} seed {seed}");
            for u in 0..spec.nodes {
                assert_eq!(
                    g.neighbors(u),
                    lists[u as usize].as_slice(),
                    "{spec:?} node {u}"
                );
            }
            // The stream ends where the edge-list generator left it.
            assert_eq!(rng.random::<u64>(), old_rng.random::<u64>(), "{spec:?}");
        }
    }
}

#[test]
fn construction_holds_only_the_csr() {
    // 8 bytes per node (+1) and 8 per stored edge, before duplicates are
    // compacted out; a graph without duplicates keeps all of it.
    let spec = GeneratorSpec::new(
        1000,
        Generator::WattsStrogatz {
            mean_degree: 6.0,
            rewire: 0.0,
        },
    );
    let (g, _) = generate(&spec, &mut StreamKey::new(3).rng(Purpose::Network)).unwrap();
    assert_eq!(
        g.heap_bytes() as u64,
        Graph::construction_bytes(1000, g.edge_count())
    );
}
