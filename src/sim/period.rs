//! One replication of one policy: the period loop of MODEL.md ("One
//! period", steps 1–8), each step in its own file — [`super::experience`]
//! (1–4), [`super::telling`] (5–7), [`super::end_of_period`] (8) — over a
//! person array reused across replications, and the period's value
//! settled by [`super::accounts`].
//!
//! Every draw comes from a key `(seed, replication, period, person, …)` that
//! does not name the policy, so policies compared in one replication share
//! their random world (common random numbers): two identical policies give
//! identical results, and different ones differ only where their states do.

use super::context::{Contacts, Counts, Period, Tally};
use super::metrics::{Metric, Outputs, PeriodSeries, PolicyRun, SegmentMetric, SegmentOutputs};
use super::observer::Observer;
use super::params::{Params, PolicyParams};
use super::scratch::Scratch;
use super::{accounts, end_of_period, experience, telling};
use crate::graph::{Graph, GraphError};
use crate::model::WeakTieChurn;
use crate::rng::{Purpose, StreamKey};
use std::sync::atomic::{AtomicBool, Ordering};

/// One replication's fixed inputs, shared by its policies.
pub(super) struct Replication<'a> {
    pub params: &'a Params,
    /// The key of `(seed, replication)`.
    pub key: StreamKey,
    pub base: &'a Graph,
    /// Period `t`'s weak ties at `t` (empty without weak-tie churn).
    pub weak: &'a [Graph],
    /// Raised to stop: checked between the steps of every period, so a
    /// cancelled run stops within a step (the caller discards the partial
    /// run and reports the cancellation).
    pub cancel: &'a AtomicBool,
}

impl Replication<'_> {
    /// Runs `policy` over the whole horizon, starting from the initial
    /// customers (and, with segments, the segments) drawn into `scratch`.
    pub fn run_policy<O: Observer>(
        &self,
        policy: &PolicyParams,
        scratch: &mut Scratch,
        observer: &mut O,
    ) -> PolicyRun {
        let params = self.params;
        scratch.start_policy(self.base.node_count(), policy.parting.is_some());
        scratch.response.start_policy(policy);
        let mut tally = Tally {
            out: Outputs::default(),
            periods: Vec::with_capacity(params.periods as usize),
            deterred_total: 0.0,
            customers: scratch.initial.len() as f64,
            npv: 0.0,
            segment_customers: Vec::new(),
            segments: Vec::new(),
        };
        if params.segmented {
            let mut initial = vec![0.0; params.segments.len()];
            for &u in &scratch.initial {
                initial[scratch.segment_of(u as usize)] += 1.0;
            }
            tally.segments = initial
                .iter()
                .map(|&c| {
                    let mut o = SegmentOutputs::default();
                    o.set(SegmentMetric::CustomersInitial, c);
                    o
                })
                .collect();
            tally.segment_customers = initial;
        }
        for t in 0..params.periods {
            let period = Period {
                params,
                policy,
                key: self.key.period(t),
                t,
                net: Contacts {
                    base: self.base,
                    extra: self.weak.get(t as usize),
                },
            };
            let mut row = [0.0; PeriodSeries::COUNT];
            row[PeriodSeries::Customers as usize] = tally.customers;
            let mut counts = Counts::default();
            let stop = || self.cancel.load(Ordering::Relaxed);
            if stop() {
                break;
            }
            experience::step(&period, scratch, &mut counts, &mut tally.out, observer);
            row[PeriodSeries::Complaints as usize] = f64::from(counts.total(|c| c.complaints));
            scratch.response.end_period(&period);
            if stop() {
                break;
            }
            let [negative, positive] = telling::step(&period, scratch, &mut tally, observer);
            row[PeriodSeries::Tellings as usize] = negative + positive;
            row[PeriodSeries::NegativeTellings as usize] = negative;
            if stop() {
                break;
            }
            end_of_period::step(&period, scratch, &mut counts);
            let (churn, conversions) = accounts::settle(&period, &counts, &mut tally);
            row[PeriodSeries::Churn as usize] = churn;
            row[PeriodSeries::Conversions as usize] = conversions;
            row[PeriodSeries::Deterred as usize] = tally.deterred_total;
            tally.periods.push(row);
        }
        tally.out.set(Metric::Npv, tally.npv);
        tally.out.set(Metric::CustomersFinal, tally.customers);
        for (o, &c) in tally.segments.iter_mut().zip(&tally.segment_customers) {
            o.set(SegmentMetric::CustomersFinal, c);
        }
        let response_counts = scratch.response.finish(params, policy, &mut tally.out);
        PolicyRun {
            outputs: tally.out,
            periods: tally.periods,
            segments: tally.segments,
            response_counts,
        }
    }
}

/// With weak-tie churn, the weak ties of every period of one replication,
/// redrawn each period from `(seed, replication, period, WeakTies)`: built
/// once per replication and shared by every policy (they do not depend on
/// the policy). Empty without churn.
///
/// # Errors
/// [`GraphError::TooManyEdges`] if a period's weak ties exceed the graph's
/// capacity.
pub(super) fn weak_ties_by_period(
    n: u32,
    periods: u32,
    churn: Option<WeakTieChurn>,
    rep_key: StreamKey,
    scratch: &mut Scratch,
) -> Result<Vec<Graph>, GraphError> {
    let Some(churn) = churn else {
        return Ok(Vec::new());
    };
    let edges = &mut scratch.weak_edges;
    (0..periods)
        .map(|t| {
            edges.clear();
            let mut rng = rep_key.period(t).rng(Purpose::WeakTies);
            crate::graph::generate::weak_ties_edges(
                n,
                churn.cluster_size,
                churn.weak_ties,
                &mut rng,
                edges,
            );
            Graph::from_edges(n, edges).map(|(g, _)| g)
        })
        .collect()
}
