//! The word-of-mouth model (MODEL.md): customers' experiences, complaints
//! and their handling, stories told and retold over the network, and what
//! they cost, over replications run in parallel with common random numbers
//! across policies.

pub mod metrics;
pub mod precision;
mod replication;
pub mod summary;
mod tells;
pub mod trace;
mod world;

pub use metrics::{Metric, Outputs, PeriodSeries, PolicyRun};
pub use replication::{Effect, Hearing, NEGATIVE, NoObserver, Observer, POSITIVE, Scratch};
pub use tells::{Marks, TellSampler, pick_distinct};
pub use world::{NetworkPlan, WeakTieChurn, generator_spec, weak_tie_churn};

use crate::engine::replicate;
use crate::graph::{Graph, generate};
use crate::model::Scenario;
use crate::rng::{Purpose, StreamKey};
use std::borrow::Cow;
use std::ops::Range;
use world::{Params, PolicyParams};

/// The outputs of one replication: one run per policy, in scenario order.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationResult {
    /// Replication index (its random streams derive from it).
    pub replication: u64,
    /// One run per policy, in scenario order.
    pub policies: Vec<PolicyRun>,
}

impl ReplicationResult {
    /// The paired NPV difference of this replication,
    /// NPV(policy `p`) − NPV(policy `base`).
    pub fn npv_difference(&self, base: usize, p: usize) -> f64 {
        self.policies[p].outputs.get(Metric::Npv) - self.policies[base].outputs.get(Metric::Npv)
    }
}

/// A scenario ready to simulate: compiled parameters and its network plan.
#[derive(Debug, Clone)]
pub struct World {
    scenario: Scenario,
    plan: NetworkPlan,
    weak: Option<WeakTieChurn>,
    params: Params,
    policies: Vec<PolicyParams>,
    people: u32,
}

impl World {
    /// Prepares `scenario` on a network plan. With a shared graph the
    /// population is the graph's node count (so a file network sets it).
    pub fn new(scenario: Scenario, plan: NetworkPlan) -> Self {
        let people = match &plan {
            NetworkPlan::Shared(g) => g.node_count(),
            NetworkPlan::Resample(spec) => spec.nodes(),
        };
        let params = Params::new(&scenario, people);
        let policies = scenario.policies.iter().map(PolicyParams::new).collect();
        let weak = weak_tie_churn(&scenario);
        Self {
            scenario,
            plan,
            weak,
            params,
            policies,
            people,
        }
    }

    /// Prepares a generated-network scenario: the network is drawn once from
    /// `(seed, Network)`, or per replication with `network.resample`.
    ///
    /// # Errors
    /// The graph error if the network cannot be built; `None` for a file
    /// network (load it and use [`World::new`]).
    pub fn generated(scenario: Scenario) -> Option<Result<Self, crate::graph::GraphError>> {
        let spec = generator_spec(&scenario)?;
        if scenario.network.resample {
            return Some(Ok(Self::new(scenario, NetworkPlan::Resample(spec))));
        }
        let mut rng = StreamKey::new(scenario.seed).rng(Purpose::Network);
        Some(generate(&spec, &mut rng).map(|(g, _)| Self::new(scenario, NetworkPlan::Shared(g))))
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Number of persons.
    pub fn people(&self) -> u32 {
        self.people
    }

    /// The shared network, if there is one.
    pub fn shared_graph(&self) -> Option<&Graph> {
        match &self.plan {
            NetworkPlan::Shared(g) => Some(g),
            NetworkPlan::Resample(_) => None,
        }
    }

    /// The network of one replication.
    pub fn graph_for(&self, replication: u64) -> Cow<'_, Graph> {
        match &self.plan {
            NetworkPlan::Shared(g) => Cow::Borrowed(g),
            NetworkPlan::Resample(spec) => {
                let mut rng = StreamKey::new(self.scenario.seed)
                    .replication(replication)
                    .rng(Purpose::Network);
                // The spec was validated with the scenario; building it
                // cannot exceed the graph's capacity where the shared one fit.
                Cow::Owned(
                    generate(spec, &mut rng)
                        .map(|(g, _)| g)
                        .unwrap_or_else(|_| Graph::empty(spec.nodes())),
                )
            }
        }
    }

    /// Runs one replication of every policy with scratch `scratch`.
    pub fn run_replication(&self, replication: u64, scratch: &mut Scratch) -> ReplicationResult {
        let graph = self.graph_for(replication);
        let rep_key = StreamKey::new(self.scenario.seed).replication(replication);
        scratch.draw_initial(self.people, self.params.initial_customers, rep_key);
        let weak = self.weak_ties(rep_key, scratch);
        let policies = self
            .policies
            .iter()
            .map(|policy| {
                replication::run_policy(
                    &self.params,
                    policy,
                    rep_key,
                    &graph,
                    &weak,
                    scratch,
                    &mut NoObserver,
                )
            })
            .collect();
        ReplicationResult {
            replication,
            policies,
        }
    }

    /// Runs one replication of one policy, reporting events to `observer`
    /// (for story traces).
    ///
    /// # Panics
    /// If `policy` is not an index of the scenario's policies.
    pub fn observe<O: Observer>(
        &self,
        replication: u64,
        policy: usize,
        observer: &mut O,
    ) -> PolicyRun {
        let graph = self.graph_for(replication);
        let rep_key = StreamKey::new(self.scenario.seed).replication(replication);
        let mut scratch = Scratch::default();
        scratch.draw_initial(self.people, self.params.initial_customers, rep_key);
        let weak = self.weak_ties(rep_key, &mut scratch);
        replication::run_policy(
            &self.params,
            &self.policies[policy],
            rep_key,
            &graph,
            &weak,
            &mut scratch,
            observer,
        )
    }

    /// The weak ties of every period of a replication (empty without
    /// weak-tie churn).
    fn weak_ties(&self, rep_key: StreamKey, scratch: &mut Scratch) -> Vec<Graph> {
        replication::weak_ties_by_period(
            self.people,
            self.params.periods,
            self.weak,
            rep_key,
            scratch,
        )
    }

    /// Runs the replications `range` in parallel on the current rayon pool;
    /// results in replication order, identical on any number of threads and
    /// for any split of the range.
    pub fn run(&self, range: Range<u64>, progress: impl Fn() + Sync) -> Vec<ReplicationResult> {
        let first = range.start;
        replicate(
            range.end.saturating_sub(range.start),
            Scratch::default,
            |scratch, i| self.run_replication(first + i, scratch),
            progress,
        )
    }
}
