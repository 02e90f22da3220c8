//! The CSR graph type and its checked construction.

use super::hint::prefetch;
use super::narrow::Narrow;
use std::sync::OnceLock;
use thiserror::Error;

/// A node id. Graphs hold at most `u32::MAX` nodes.
pub type NodeId = u32;

/// Errors building a graph.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum GraphError {
    /// An edge names a node `>= nodes`.
    #[error("edge ({u}, {v}) names a node outside 0..{nodes}")]
    NodeOutOfRange {
        /// One end.
        u: NodeId,
        /// The other end.
        v: NodeId,
        /// The number of nodes.
        nodes: u32,
    },
    /// More adjacency entries than this machine's address space can hold.
    #[error("{edges} edges exceed the graph's capacity of {max} edges")]
    TooManyEdges {
        /// Edges requested.
        edges: u64,
        /// The maximum.
        max: u64,
    },
}

/// What construction dropped to keep the graph simple.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildCounts {
    /// Edges `(u, u)` dropped.
    pub self_loops: u64,
    /// Repeated edges dropped (an edge given as both `(u, v)` and `(v, u)`
    /// counts once as a duplicate).
    pub duplicates: u64,
}

/// An immutable undirected simple graph (no self loops, no parallel edges)
/// in compressed sparse row form.
///
/// ```
/// use wom::graph::Graph;
/// let (g, counts) = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 1), (3, 3)]).unwrap();
/// assert_eq!(g.node_count(), 4);
/// assert_eq!(g.edge_count(), 2);
/// assert_eq!(g.neighbors(1), &[0, 2]);
/// assert_eq!((counts.self_loops, counts.duplicates), (1, 1));
/// ```
#[derive(Debug, Clone)]
pub struct Graph {
    /// `offsets[u]..offsets[u + 1]` is the range of `u`'s neighbours in
    /// `neighbors`. Invariant: `offsets.len() == nodes + 1`, `offsets[0] ==
    /// 0`, non-decreasing, `offsets[nodes] == neighbors.len()`. `u64`, so a
    /// graph may hold billions of edges.
    offsets: Vec<u64>,
    /// Concatenated adjacency lists. Invariant: each list is sorted strictly
    /// increasing, never contains its own node, and `v ∈ adj(u) ⇔ u ∈ adj(v)`.
    neighbors: Vec<NodeId>,
    /// The same lists in half the bytes, made on the first call of
    /// [`Graph::narrow`] (`None` inside when the graph is too large).
    narrow: OnceLock<Option<Narrow>>,
}

/// Graphs are equal when their lists are: the narrow copy is a cache.
impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.offsets == other.offsets && self.neighbors == other.neighbors
    }
}

impl Eq for Graph {}

/// A re-playable source of edges: each call hands every edge, in the same
/// order, to `emit`. Construction calls it twice (count, then fill).
pub type EmitEdges<'a> = &'a mut dyn FnMut(NodeId, NodeId);

impl Graph {
    /// The largest number of undirected edges a graph can hold: each is
    /// stored twice as a 4-byte id, and one allocation holds at most
    /// `isize::MAX` bytes. Memory, not this bound, is the limit in practice.
    pub const MAX_EDGES: u64 = isize::MAX as u64 / 8;

    /// Bytes a graph on `nodes` nodes with `stored` edges (self loops
    /// excluded, duplicates included) holds at the peak of its
    /// construction: an 8-byte offset per node and two 4-byte ids per edge;
    /// nothing else is allocated.
    pub fn construction_bytes(nodes: u32, stored: u64) -> u64 {
        8 * (u64::from(nodes) + 1) + 8 * stored
    }

    /// Builds a graph on `nodes` nodes from an edge slice, dropping and
    /// counting self loops and duplicates.
    ///
    /// # Errors
    /// [`GraphError::NodeOutOfRange`] if an edge names a node `>= nodes`;
    /// [`GraphError::TooManyEdges`] past [`Graph::MAX_EDGES`].
    ///
    /// Time `O(nodes + E log d_max)`, memory `O(nodes + E)`.
    pub fn from_edges(
        nodes: u32,
        edges: &[(NodeId, NodeId)],
    ) -> Result<(Self, BuildCounts), GraphError> {
        Self::from_edge_fn(nodes, edges.len() as u64, || edges.iter().copied())
    }

    /// Builds a graph from a re-iterable source of edges: `edges()` is
    /// called twice (count, then fill), so nothing but the CSR itself is
    /// allocated. `edge_hint` is the number of edges the source yields
    /// (checked against [`Graph::MAX_EDGES`] before any work).
    ///
    /// # Errors
    /// As [`Graph::from_edges`].
    pub fn from_edge_fn<F, I>(
        nodes: u32,
        edge_hint: u64,
        edges: F,
    ) -> Result<(Self, BuildCounts), GraphError>
    where
        F: Fn() -> I,
        I: Iterator<Item = (NodeId, NodeId)>,
    {
        if edge_hint > Self::MAX_EDGES {
            return Err(GraphError::TooManyEdges {
                edges: edge_hint,
                max: Self::MAX_EDGES,
            });
        }
        Self::from_edge_passes(nodes, |emit| {
            for (u, v) in edges() {
                emit(u, v);
            }
        })
    }

    /// Builds a graph from a source that emits its edges to a callback and
    /// can do so twice with the same edges in the same order (a generator
    /// replaying the same random draws): pass 1 counts degrees into the
    /// offsets, pass 2 fills each list using its offset as the cursor, then
    /// each list is sorted and compacted in place. Peak memory is
    /// [`Graph::construction_bytes`]: no edge list is held beside the CSR.
    ///
    /// # Errors
    /// As [`Graph::from_edges`] (before pass 2, so nothing large is
    /// allocated for a bad source).
    ///
    /// Time `O(nodes + E log d_max)` plus two runs of the source.
    pub fn from_edge_passes<S>(nodes: u32, mut source: S) -> Result<(Self, BuildCounts), GraphError>
    where
        S: FnMut(EmitEdges<'_>),
    {
        let n = nodes as usize;
        let mut counts = BuildCounts::default();
        // Pass 1: degrees (self loops excluded), stored shifted by one so the
        // prefix sum turns them into the lists' starts in place.
        let mut offsets = vec![0u64; n + 1];
        let mut stored: u64 = 0;
        let mut bad: Option<GraphError> = None;
        source(&mut |u, v| {
            if bad.is_some() {
                return;
            }
            if u >= nodes || v >= nodes {
                bad = Some(GraphError::NodeOutOfRange { u, v, nodes });
                return;
            }
            if u == v {
                counts.self_loops += 1;
                return;
            }
            stored += 1;
            offsets[u as usize + 1] += 1;
            offsets[v as usize + 1] += 1;
        });
        if let Some(e) = bad {
            return Err(e);
        }
        if stored > Self::MAX_EDGES {
            return Err(GraphError::TooManyEdges {
                edges: stored,
                max: Self::MAX_EDGES,
            });
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        // Pass 2: fill, with `offsets[u]` as the next free slot of `u`;
        // afterwards `offsets[u]` is the end of `u`'s list (the start of
        // `u + 1`'s) and `offsets[n]` the total.
        let mut neighbors = vec![0 as NodeId; offsets[n] as usize];
        source(&mut |u, v| {
            if u == v {
                return;
            }
            neighbors[offsets[u as usize] as usize] = v;
            offsets[u as usize] += 1;
            neighbors[offsets[v as usize] as usize] = u;
            offsets[v as usize] += 1;
        });
        // Sort each list and compact duplicates out, in place; each node's
        // offset is read as its list's end, then overwritten with its
        // compacted start.
        let mut write = 0usize;
        let mut start = 0usize;
        for offset in offsets.iter_mut().take(n) {
            let end = *offset as usize;
            neighbors[start..end].sort_unstable();
            let mut last = None;
            let list_start = write;
            for i in start..end {
                let v = neighbors[i];
                if last != Some(v) {
                    neighbors[write] = v;
                    write += 1;
                    last = Some(v);
                }
            }
            counts.duplicates += (end - start - (write - list_start)) as u64;
            *offset = list_start as u64;
            start = end;
        }
        offsets[n] = write as u64;
        // Each duplicate undirected edge was removed from both ends.
        counts.duplicates /= 2;
        neighbors.truncate(write);
        neighbors.shrink_to_fit();
        Ok((
            Self {
                offsets,
                neighbors,
                narrow: OnceLock::new(),
            },
            counts,
        ))
    }

    /// A graph with `nodes` nodes and no edges.
    pub fn empty(nodes: u32) -> Self {
        Self {
            offsets: vec![0; nodes as usize + 1],
            neighbors: Vec::new(),
            narrow: OnceLock::new(),
        }
    }

    /// Number of nodes. `O(1)`.
    #[inline]
    pub fn node_count(&self) -> u32 {
        (self.offsets.len() - 1) as u32
    }

    /// Number of undirected edges. `O(1)`.
    #[inline]
    pub fn edge_count(&self) -> u64 {
        self.neighbors.len() as u64 / 2
    }

    /// The sorted neighbours of `u`. `O(1)`.
    ///
    /// # Panics
    /// If `u >= node_count()`.
    #[inline]
    pub fn neighbors(&self, u: NodeId) -> &[NodeId] {
        let u = u as usize;
        &self.neighbors[self.offsets[u] as usize..self.offsets[u + 1] as usize]
    }

    /// Where `u`'s list starts in [`Graph::adjacency`]: `neighbors(u)` is
    /// `adjacency()[offset(u)..offset(u + 1)]`. `O(1)`.
    ///
    /// # Panics
    /// If `u > node_count()`.
    #[inline]
    pub fn offset(&self, u: NodeId) -> u64 {
        self.offsets[u as usize]
    }

    /// Every node's neighbours, node after node (see [`Graph::offset`]).
    #[inline]
    pub fn adjacency(&self) -> &[NodeId] {
        &self.neighbors
    }

    /// The degree of `u`. `O(1)`.
    ///
    /// # Panics
    /// If `u >= node_count()`.
    #[inline]
    pub fn degree(&self, u: NodeId) -> u32 {
        let u = u as usize;
        (self.offsets[u + 1] - self.offsets[u]) as u32
    }

    /// Hints the CPU to fetch `u`'s entry in the offset array. Used by
    /// kernels that know which nodes they will expand next; a no-op on
    /// targets without a prefetch instruction. `O(1)`, never panics.
    #[inline(always)]
    pub fn prefetch_offsets(&self, u: NodeId) {
        if let Some(o) = self.offsets.get(u as usize) {
            prefetch(o);
        }
    }

    /// Hints the CPU to fetch the start of `u`'s adjacency list (reads
    /// `u`'s offset, so prefetch that first). `O(1)`, never panics.
    #[inline(always)]
    pub fn prefetch_neighbors(&self, u: NodeId) {
        self.prefetch_neighbors_at(u, 0);
    }

    /// [`Graph::prefetch_neighbors`] for the entry `skip` places into
    /// `u`'s list (a no-op past the adjacency's end). `O(1)`, never panics.
    #[inline(always)]
    pub fn prefetch_neighbors_at(&self, u: NodeId, skip: usize) {
        if let Some(&o) = self.offsets.get(u as usize)
            && let Some(first) = self.neighbors.get(o as usize + skip)
        {
            prefetch(first);
        }
    }

    /// Iterates over every edge once, as `(u, v)` with `u < v`. `O(E)`.
    pub fn edges(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        (0..self.node_count()).flat_map(move |u| {
            self.neighbors(u)
                .iter()
                .copied()
                .filter(move |&v| u < v)
                .map(move |v| (u, v))
        })
    }

    /// The graph's lists with 16-bit ids and 32-bit offsets, half the
    /// bytes, for the simulation's random reads ([`Narrow`]); made on the
    /// first call and kept. `None` for graphs of more than
    /// [`Narrow::MAX_NODES`] nodes.
    pub fn narrow(&self) -> Option<&Narrow> {
        self.narrow
            .get_or_init(|| Narrow::new(&self.offsets, &self.neighbors))
            .as_ref()
    }

    /// Bytes held by the graph's arrays, the narrow copy's included once
    /// it is made.
    pub fn heap_bytes(&self) -> usize {
        let narrow = self
            .narrow
            .get()
            .and_then(Option::as_ref)
            .map_or(0, Narrow::heap_bytes);
        self.offsets.capacity() * 8 + self.neighbors.capacity() * 4 + narrow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_out_of_range_nodes() {
        assert_eq!(
            Graph::from_edges(2, &[(0, 2)]).unwrap_err(),
            GraphError::NodeOutOfRange {
                u: 0,
                v: 2,
                nodes: 2
            }
        );
    }

    #[test]
    fn empty_graph_has_isolated_nodes() {
        let g = Graph::empty(3);
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.edge_count(), 0);
        assert!(g.neighbors(2).is_empty());
    }

    proptest! {
        #[test]
        fn csr_matches_a_set_of_edges(
            nodes in 1u32..40,
            raw in proptest::collection::vec((0u32..40, 0u32..40), 0..200),
        ) {
            let edges: Vec<_> = raw.into_iter().map(|(u, v)| (u % nodes, v % nodes)).collect();
            let (g, counts) = Graph::from_edges(nodes, &edges).unwrap();
            let mut set = std::collections::BTreeSet::new();
            let mut loops = 0;
            for &(u, v) in &edges {
                if u == v { loops += 1; } else { set.insert((u.min(v), u.max(v))); }
            }
            prop_assert_eq!(counts.self_loops, loops);
            prop_assert_eq!(counts.duplicates, edges.len() as u64 - loops - set.len() as u64);
            prop_assert_eq!(g.edge_count(), set.len() as u64);
            let back: std::collections::BTreeSet<_> = g.edges().collect();
            prop_assert_eq!(back, set);
            for u in 0..nodes {
                let adj = g.neighbors(u);
                prop_assert!(adj.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(!adj.contains(&u));
                for &v in adj { prop_assert!(g.neighbors(v).binary_search(&u).is_ok()); }
            }
        }
    }
}
