//! What every step of a period reads: the period's contacts, its
//! parameters and keys ([`Period`]), what the steps count per segment
//! ([`Counts`]), and a policy's running totals ([`Tally`]).

use super::metrics::{Outputs, PeriodSeries, SegmentOutputs};
use super::params::{Params, PolicyParams};
use crate::graph::{Graph, NodeId};
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
    /// The contacts of `u` this period, as its own neighbours and this
    /// period's weak ties (empty without churn): contact `i` is `own[i]`,
    /// then `extra[i - own.len()]`, looked up once per
    /// teller instead of once per contact.
    #[inline]
    pub fn contacts(&self, u: NodeId) -> (&[NodeId], &[NodeId]) {
        (
            self.base.neighbors(u),
            self.extra.map_or(&[][..], |g| g.neighbors(u)),
        )
    }

    /// How many contacts `u` has this period.
    #[inline]
    pub fn degree(&self, u: NodeId) -> u32 {
        self.base.degree(u) + self.extra.map_or(0, |g| g.degree(u))
    }

    /// Contact `i` of `u` this period (`i < degree(u)`): `own[i]`, then
    /// `extra[i - own.len()]` of [`Contacts::contacts`].
    #[inline]
    pub fn contact(&self, u: NodeId, i: u32) -> &NodeId {
        let (own, extra) = self.contacts(u);
        let i = i as usize;
        if i < own.len() {
            &own[i]
        } else {
            &extra[i - own.len()]
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
