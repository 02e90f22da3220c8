//! What every step of a period reads: the period's contacts, its
//! parameters and keys ([`Period`]), what the steps count per segment
//! ([`Counts`]), and a policy's running totals ([`Tally`]).

use super::metrics::{Outputs, PeriodSeries, SegmentOutputs};
use super::params::{Params, PolicyParams};
use crate::graph::{Graph, Narrow, NodeId};
use crate::model::MAX_SEGMENTS;
use crate::rng::StreamKey;

/// The network seen in one period: the fixed graph plus, with weak-tie
/// churn, this period's weak ties.
#[derive(Clone, Copy)]
pub(super) struct Contacts<'a> {
    pub base: &'a Graph,
    pub extra: Option<&'a Graph>,
}

impl Contacts<'_> {
    /// Where the contacts of `u` sit this period, read once per teller.
    #[inline]
    pub fn spans(&self, u: NodeId) -> Spans {
        let own = self.base.offset(u);
        let own_len = (self.base.offset(u + 1) - own) as u32;
        let (extra, extra_len) = self.extra.map_or((0, 0), |g| (g.offset(u), g.degree(u)));
        Spans {
            own,
            own_len,
            extra,
            degree: own_len + extra_len,
        }
    }

    /// Hints the CPU to fetch where `u`'s contacts start and end.
    #[inline(always)]
    pub fn prefetch_offsets(&self, u: NodeId) {
        self.base.prefetch_offsets(u);
        if let Some(g) = self.extra {
            g.prefetch_offsets(u);
        }
    }

    /// Hints the CPU to fetch the first two cache lines of `u`'s own
    /// contacts (32 of them) and the first of their weak ties: reads
    /// `u`'s offsets, so [`Contacts::prefetch_offsets`] comes first.
    #[inline(always)]
    pub fn prefetch_contacts(&self, u: NodeId) {
        self.base.prefetch_neighbors(u);
        self.base.prefetch_neighbors_at(u, 16);
        if let Some(g) = self.extra {
            g.prefetch_neighbors(u);
        }
    }

    /// The contact at `position` ([`Spans::position`]).
    #[inline]
    pub fn at(&self, position: u64) -> &NodeId {
        if position & EXTRA == 0 {
            &self.base.adjacency()[position as usize]
        } else {
            let extra = self.extra.expect("a weak-tie position without weak ties");
            &extra.adjacency()[(position & !EXTRA) as usize]
        }
    }
}

/// Contact lists as step 5 reads them, one teller at a time: the
/// period's [`Contacts`] with weak ties, the fixed graph's own lists
/// ([`Own`]), or their narrow copy ([`Narrow`]), which a small graph's
/// picks read from because it stays in a core's cache. Every kind lists
/// the same contacts in the same order, so a pick names the same person
/// whichever is read.
pub(super) trait Lists: Copy {
    /// Where one teller's contacts sit.
    type Span: Copy;
    /// Hints the CPU to fetch where `u`'s contacts start and end.
    fn prefetch_offsets(self, u: NodeId);
    /// Hints the CPU to fetch the start of `u`'s contacts (after
    /// [`Lists::prefetch_offsets`]).
    fn prefetch_contacts(self, u: NodeId);
    /// Where `u`'s contacts sit, and how many they are.
    fn span(self, u: NodeId) -> (Self::Span, u32);
    /// Contact `i` (below the count) of a span.
    fn contact(self, span: Self::Span, i: u32) -> NodeId;
}

impl Lists for Contacts<'_> {
    type Span = Spans;
    #[inline(always)]
    fn prefetch_offsets(self, u: NodeId) {
        Contacts::prefetch_offsets(&self, u);
    }
    #[inline(always)]
    fn prefetch_contacts(self, u: NodeId) {
        Contacts::prefetch_contacts(&self, u);
    }
    #[inline(always)]
    fn span(self, u: NodeId) -> (Spans, u32) {
        let spans = self.spans(u);
        (spans, spans.degree)
    }
    #[inline(always)]
    fn contact(self, span: Spans, i: u32) -> NodeId {
        *self.at(span.position(i))
    }
}

/// The fixed graph's own lists, for a period without weak ties.
#[derive(Clone, Copy)]
pub(super) struct Own<'a>(pub &'a Graph);

impl Lists for Own<'_> {
    type Span = u64;
    #[inline(always)]
    fn prefetch_offsets(self, u: NodeId) {
        self.0.prefetch_offsets(u);
    }
    #[inline(always)]
    fn prefetch_contacts(self, u: NodeId) {
        self.0.prefetch_neighbors(u);
        self.0.prefetch_neighbors_at(u, 16);
    }
    #[inline(always)]
    fn span(self, u: NodeId) -> (u64, u32) {
        let start = self.0.offset(u);
        (start, (self.0.offset(u + 1) - start) as u32)
    }
    #[inline(always)]
    fn contact(self, start: u64, i: u32) -> NodeId {
        self.0.adjacency()[(start + u64::from(i)) as usize]
    }
}

/// The narrow copy is asked for nothing ahead: it is small enough (at
/// most 65,536 lists, 640 kB for the default network) to stay in a core's
/// second-level cache, from where out-of-order execution hides a read,
/// and the hints' own instructions cost more than they saved: interleaved
/// replication by replication on an Intel Xeon with 2 MiB of L2, the
/// default scenario ran in 0.973 of the time without them (4 runs of
/// 1,000; `benches/README.md`).
impl Lists for &Narrow {
    type Span = usize;
    #[inline(always)]
    fn prefetch_offsets(self, _: NodeId) {}
    #[inline(always)]
    fn prefetch_contacts(self, _: NodeId) {}
    #[inline(always)]
    fn span(self, u: NodeId) -> (usize, u32) {
        let start = self.offset(u);
        (start as usize, self.offset(u + 1) - start)
    }
    #[inline(always)]
    fn contact(self, start: usize, i: u32) -> NodeId {
        self.at(start + i as usize)
    }
}

/// The bit of a contact's position that says it is one of the period's
/// weak ties (an adjacency array has far fewer than 2^63 entries).
const EXTRA: u64 = 1 << 63;

/// Where one person's contacts sit this period: contact `i` is their own
/// neighbour `i`, then weak tie `i - own_len` (their own neighbours first,
/// then this period's weak ties, each list in the graph's order).
#[derive(Clone, Copy)]
pub(super) struct Spans {
    /// Where their own neighbours start in the base graph's adjacency.
    own: u64,
    own_len: u32,
    /// Where their weak ties start in the period's weak-tie adjacency.
    extra: u64,
    /// How many contacts they have this period.
    pub degree: u32,
}

impl Spans {
    /// The position of contact `i` (`i < degree`), for [`Contacts::at`]:
    /// a number known as soon as `i` is drawn, with no read of memory
    /// between it and the contact.
    #[inline]
    pub fn position(&self, i: u32) -> u64 {
        if i < self.own_len {
            self.own + u64::from(i)
        } else {
            EXTRA | (self.extra + u64::from(i - self.own_len))
        }
    }
}

/// What every step of one period reads.
pub(super) struct Period<'a> {
    pub params: &'a Params,
    pub policy: &'a PolicyParams,
    /// The key of `(seed, replication, period)`.
    pub key: StreamKey,
    /// The period, from 0.
    pub t: u32,
    pub net: Contacts<'a>,
}

/// What the steps of one period count for the members of one segment.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SegmentCounts {
    /// Complaints made.
    pub complaints: u32,
    /// Complaints the handling resolved, parted customers' included: each
    /// costs `compensation`.
    pub resolved_paid: u32,
    /// Customers parted with (they leave at the end of the period).
    pub parted: u32,
    /// Customers lost through their own experience.
    pub direct: u32,
    /// Customers lost to hearsay.
    pub hearsay: u32,
    /// Prospects converted by referral.
    pub referral: u32,
    /// Prospects converted on their own.
    pub organic: u32,
}

/// What the steps of one period count, per segment (segment 0 only
/// without segments).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts(pub [SegmentCounts; MAX_SEGMENTS]);

impl Counts {
    /// The sum of `field` over the segments.
    #[inline]
    pub fn total(&self, field: impl Fn(&SegmentCounts) -> u32) -> u32 {
        self.0.iter().map(field).sum()
    }
}

/// Running totals of one policy in one replication.
pub(super) struct Tally {
    pub out: Outputs,
    pub periods: Vec<[f64; PeriodSeries::COUNT]>,
    /// Prospects deterred so far.
    pub deterred_total: f64,
    /// Customers now, in all.
    pub customers: f64,
    /// Net present value so far.
    pub npv: f64,
    /// With segments, each segment's customers now.
    pub segment_customers: Vec<f64>,
    /// With segments, each segment's totals (empty without).
    pub segments: Vec<SegmentOutputs>,
}

/// How many picks or hearings ahead a random read is prefetched: about
/// the latency of a read from outside the core's cache (hundreds of
/// cycles) over the few tens of cycles a pick or a hearing takes.
pub(super) const AHEAD: usize = 32;

/// Hints the CPU to load the cache line of `item` (a contact, a hearer's
/// record) before it is read; only timing changes, never a value.
pub(super) use crate::graph::hint::prefetch;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_name_own_neighbours_then_weak_ties() {
        // Node 1's own neighbours are 0, 2, 3 (sorted) and its weak ties
        // this period 4 and 0: contacts 0..5 are those, in that order,
        // whichever graph they sit in.
        let (base, _) = Graph::from_edges(5, &[(0, 1), (1, 2), (3, 1), (2, 4)]).unwrap();
        let (weak, _) = Graph::from_edges(5, &[(1, 4), (0, 1), (2, 3)]).unwrap();
        let net = Contacts {
            base: &base,
            extra: Some(&weak),
        };
        let spans = net.spans(1);
        assert_eq!(spans.degree, 5);
        let contacts: Vec<NodeId> = (0..5).map(|i| *net.at(spans.position(i))).collect();
        assert_eq!(contacts, vec![0, 2, 3, 0, 4]);
        let alone = Contacts {
            base: &base,
            extra: None,
        };
        let spans = alone.spans(2);
        assert_eq!(spans.degree, 2);
        assert_eq!(*alone.at(spans.position(1)), 4);
    }
}
