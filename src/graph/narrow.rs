//! A small graph's lists in half the bytes: 16-bit ids and 32-bit
//! offsets, for graphs of at most 65,536 nodes ([`super::Graph::narrow`]).
//!
//! The CSR arrays of a graph of 10,000 people with 30 contacts each take
//! 1.2 MB of ids and 80 kB of offsets, more than a core's 1 MiB second-level
//! cache on the AMD machine of `benches/README.md`, so a random pick of a
//! contact waits on the third level. Narrow, the same lists take 600 kB
//! and 40 kB and stay in the second level. Where both fit (the Intel
//! machine's 2 MiB), the copy still pays: half the cache lines, more of
//! them in the first level (the default scenario took 1.04 times as long
//! reading the graph's own lists). They are a copy: the graph's own
//! arrays, which the rest of the library reads, are unchanged.

/// A node id, as [`super::Graph`] names it.
type NodeId = u32;

/// A copy of a graph's adjacency lists with `u16` ids and `u32` offsets:
/// the same lists, in the same order, as [`super::Graph::neighbors`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrow {
    /// `offsets[u]..offsets[u + 1]` is the range of `u`'s list in `ids`.
    offsets: Vec<u32>,
    /// Every node's neighbours, node after node.
    ids: Vec<u16>,
}

impl Narrow {
    /// The most nodes a narrow copy can name: ids `0..=u16::MAX`.
    pub const MAX_NODES: u32 = 1 << 16;

    /// The narrow copy of CSR arrays (`offsets` one longer than the node
    /// count), or `None` when a node or an offset does not fit.
    pub(super) fn new(offsets: &[u64], neighbors: &[NodeId]) -> Option<Self> {
        let nodes = offsets.len().checked_sub(1)?;
        if nodes > Self::MAX_NODES as usize || neighbors.len() > u32::MAX as usize {
            return None;
        }
        // Ids are below the node count, so each fits in 16 bits; offsets
        // are at most the number of ids, so each fits in 32.
        Some(Self {
            offsets: offsets.iter().map(|&o| o as u32).collect(),
            ids: neighbors.iter().map(|&v| v as u16).collect(),
        })
    }

    /// Where `u`'s list starts, for [`Narrow::at`]. `O(1)`.
    ///
    /// # Panics
    /// If `u > node_count`.
    #[inline]
    pub fn offset(&self, u: NodeId) -> u32 {
        self.offsets[u as usize]
    }

    /// The id at `position` of the lists ([`Narrow::offset`]` + i` is `u`'s
    /// neighbour `i`). `O(1)`.
    ///
    /// # Panics
    /// If `position` is past the last list.
    #[inline]
    pub fn at(&self, position: usize) -> NodeId {
        NodeId::from(self.ids[position])
    }

    /// The neighbours of `u`, as [`super::Graph::neighbors`] lists them.
    pub fn neighbors(&self, u: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let u = u as usize;
        let range = self.offsets[u] as usize..self.offsets[u + 1] as usize;
        self.ids[range].iter().map(|&v| NodeId::from(v))
    }

    /// Bytes held by the copy's arrays.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.ids.capacity() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::super::Graph;
    use super::*;
    use crate::graph::{Generator, GeneratorSpec, generate};
    use crate::rng::{Purpose, StreamKey};

    #[test]
    fn narrow_lists_are_the_graphs() {
        let spec = GeneratorSpec::new(
            3000,
            Generator::WattsStrogatz {
                mean_degree: 12.0,
                rewire: 0.2,
            },
        );
        let (g, _) = generate(&spec, &mut StreamKey::new(5).rng(Purpose::Network)).unwrap();
        let narrow = g.narrow().expect("3,000 nodes fit");
        for u in 0..g.node_count() {
            assert!(narrow.neighbors(u).eq(g.neighbors(u).iter().copied()));
            let start = narrow.offset(u) as usize;
            for (i, &v) in g.neighbors(u).iter().enumerate() {
                assert_eq!(narrow.at(start + i), v);
            }
        }
        assert_eq!(narrow.offset(g.node_count()) as u64, 2 * g.edge_count());
    }

    #[test]
    fn the_largest_ids_fit_and_one_more_node_does_not() {
        // Node 65,535 (the largest 16-bit id) linked to node 0.
        let last = Narrow::MAX_NODES - 1;
        let (g, _) = Graph::from_edges(Narrow::MAX_NODES, &[(0, last)]).unwrap();
        let narrow = g.narrow().expect("65,536 nodes fit");
        assert!(narrow.neighbors(0).eq([last]));
        assert!(narrow.neighbors(last).eq([0]));
        let (g, _) = Graph::from_edges(Narrow::MAX_NODES + 1, &[(0, last + 1)]).unwrap();
        assert!(g.narrow().is_none());
    }
}
