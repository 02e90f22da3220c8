//! A scenario prepared for simulation: its network plan (one shared network,
//! or one per replication), its compiled parameters, and the replications
//! run in parallel.

use super::ReplicationResult;
use super::metrics::PolicyRun;
use super::observer::{NoObserver, Observer};
use super::params::{Params, PolicyParams};
use super::period::{Replication, weak_ties_by_period};
use super::scratch::Scratch;
use crate::engine::replicate;
use crate::graph::{GeneratorSpec, Graph, GraphError, generate};
use crate::model::{Scenario, WeakTieChurn};
use crate::rng::{Purpose, StreamKey};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use thiserror::Error;

/// Why a world cannot be built or a run cannot finish.
#[derive(Debug, Error, PartialEq)]
pub enum SimError {
    /// The network could not be built.
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// More initial customers than people.
    #[error("population.initial_customers is {wanted}, but the network has only {people} people")]
    TooManyCustomers {
        /// Initial customers asked for.
        wanted: u32,
        /// People in the network.
        people: u32,
    },
    /// A file network has to be loaded by the caller ([`World::new`]).
    #[error("network.kind = \"file\": load the edge list and build the world with World::new")]
    FileNetwork,
    /// The run was cancelled before it finished.
    #[error("the simulation was cancelled")]
    Cancelled,
    /// A parameter draw of `[uncertainty]` gives an invalid scenario.
    #[error("{0}")]
    Draw(String),
    /// `population.initial_customers = { file = … }` without the list read.
    #[error("population.initial_customers lists the customers in {0}, which was not read")]
    CustomersNotRead(String),
    /// `population.segments = { file = … }` without the file read.
    #[error("population.segments assigns segments in {0}, which was not read")]
    SegmentsNotRead(String),
    /// Listed segments not one per person, or one beyond the scenario's.
    #[error(
        "the listed segments are not one of the scenario's segments for each of {people} people"
    )]
    SegmentsMismatch {
        /// People in the network.
        people: u32,
    },
    /// A listed initial customer beyond the network.
    #[error("initial customer {node} is not one of the network's {people} people")]
    CustomerOutside {
        /// The dense id.
        node: u32,
        /// People in the network.
        people: u32,
    },
}

/// How each replication gets its network.
#[derive(Debug, Clone)]
pub enum NetworkPlan {
    /// One network shared by every replication (drawn once from the
    /// scenario seed, or read from a file), and by every world that uses
    /// the same network (sweep points).
    Shared(Arc<Graph>),
    /// Each replication draws its own from `(seed, replication, Network)`.
    Resample(GeneratorSpec),
}

impl NetworkPlan {
    /// The plan of a generated network: drawn once from `(seed, Network)`,
    /// or per replication with `network.resample`; `None` for a file network.
    ///
    /// # Errors
    /// The graph error if the shared network cannot be built.
    pub fn generated(scenario: &Scenario) -> Option<Result<Self, GraphError>> {
        let spec = scenario.network.base_spec(scenario.population.people)?;
        if scenario.network.resample {
            return Some(Ok(Self::Resample(spec)));
        }
        let mut rng = StreamKey::new(scenario.seed).rng(Purpose::Network);
        Some(generate(&spec, &mut rng).map(|(g, _)| Self::Shared(Arc::new(g))))
    }
}

/// A scenario's parameters compiled for the hot loop: the scenario's own,
/// or one parameter draw's.
#[derive(Debug, Clone)]
struct Compiled {
    weak: Option<WeakTieChurn>,
    params: Params,
    policies: Vec<PolicyParams>,
    /// A resampled network's generator under this draw's parameters.
    spec: Option<GeneratorSpec>,
}

impl Compiled {
    /// `listed`: the number of initial customers when they are listed.
    fn new(scenario: &Scenario, people: u32, listed: Option<u32>) -> Self {
        let mut params = Params::new(scenario, people);
        if let Some(count) = listed {
            params.initial_customers = count;
        }
        let policies = scenario
            .policies
            .iter()
            .map(|p| PolicyParams::new(p, scenario, &params))
            .collect();
        Self {
            weak: scenario.network.weak_tie_churn(),
            params,
            policies,
            spec: scenario.network.base_spec(people),
        }
    }
}

/// A scenario ready to simulate: compiled parameters and its network plan.
/// With `[uncertainty]` each parameter draw is compiled once, and
/// replication `r` runs with draw `⌊r / M⌋`'s (its own streams unchanged,
/// so policies stay paired).
#[derive(Debug, Clone)]
pub struct World {
    scenario: Scenario,
    plan: NetworkPlan,
    base: Compiled,
    draws: Vec<Compiled>,
    people: u32,
    /// The initial customers when listed (else drawn per replication).
    listed: Option<Arc<Vec<crate::graph::NodeId>>>,
    /// Each person's segment when listed (else drawn per replication).
    listed_segments: Option<Arc<Vec<u8>>>,
}

impl World {
    /// Prepares `scenario` on a network plan. With a shared graph the
    /// population is the graph's node count (so a file network sets it).
    ///
    /// # Errors
    /// [`SimError::TooManyCustomers`] when a count of initial customers
    /// exceeds the people of the network.
    pub fn new(scenario: Scenario, plan: NetworkPlan) -> Result<Self, SimError> {
        Self::with_lists(scenario, plan, None, None, &AtomicBool::new(false))
    }

    /// [`World::new`] with the initial customers (dense ids, each once) and
    /// each person's segment (an index into the scenario's segments, one
    /// per person in id order) given (`Some`, read by the caller from the
    /// scenario's files) instead of drawn: every replication starts with
    /// exactly them. Stops once `cancel` is set while it compiles
    /// `[uncertainty]`'s draws (10^6 replications: seconds of work).
    ///
    /// # Errors
    /// As [`World::new`]; [`SimError::Cancelled`]; [`SimError::CustomerOutside`] for an id beyond
    /// the network; [`SimError::CustomersNotRead`] and
    /// [`SimError::SegmentsNotRead`] for a file not given,
    /// [`SimError::SegmentsMismatch`] for segments not one per person or
    /// beyond the scenario's.
    pub fn with_lists(
        scenario: Scenario,
        plan: NetworkPlan,
        initial: Option<Vec<crate::graph::NodeId>>,
        segments: Option<Vec<u8>>,
        cancel: &AtomicBool,
    ) -> Result<Self, SimError> {
        if let (crate::model::InitialCustomers::File(path), None) =
            (&scenario.population.initial_customers, &initial)
        {
            return Err(SimError::CustomersNotRead(path.display().to_string()));
        }
        if let (Some(path), None) = (&scenario.population.segments_file, &segments) {
            return Err(SimError::SegmentsNotRead(path.display().to_string()));
        }
        let people = match &plan {
            NetworkPlan::Shared(g) => g.node_count(),
            NetworkPlan::Resample(spec) => spec.nodes,
        };
        if let Some(list) = &segments {
            let known = scenario.segments.len();
            if list.len() != people as usize || list.iter().any(|&g| usize::from(g) >= known) {
                return Err(SimError::SegmentsMismatch { people });
            }
        }
        let mut world = Self::build(scenario, plan, initial.map(Arc::new), cancel)?;
        world.listed_segments = segments.map(Arc::new);
        Ok(world)
    }

    fn build(
        scenario: Scenario,
        plan: NetworkPlan,
        listed: Option<Arc<Vec<crate::graph::NodeId>>>,
        cancel: &AtomicBool,
    ) -> Result<Self, SimError> {
        let people = match &plan {
            NetworkPlan::Shared(g) => g.node_count(),
            NetworkPlan::Resample(spec) => spec.nodes,
        };
        let wanted = scenario.population.initial_customers.resolve(people);
        if wanted > people {
            return Err(SimError::TooManyCustomers { wanted, people });
        }
        if let Some(list) = &listed
            && let Some(&node) = list.iter().find(|&&u| u >= people)
        {
            return Err(SimError::CustomerOutside { node, people });
        }
        let count = listed.as_ref().map(|l| l.len() as u32);
        let base = Compiled::new(&scenario, people, count);
        // Each draw made and compiled in turn (none kept), `cancel` first.
        let draws = (0..crate::scenario::draw_count(&scenario))
            .map(|d| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(SimError::Cancelled);
                }
                let s = crate::scenario::draw_scenario(&scenario, d)
                    .map_err(|e| SimError::Draw(e.to_string()))?;
                Ok(Compiled::new(&s, people, count))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            scenario,
            plan,
            base,
            draws,
            people,
            listed,
            listed_segments: None,
        })
    }

    /// The parameters replication `replication` runs with.
    fn compiled(&self, replication: u64) -> &Compiled {
        match &self.scenario.uncertainty {
            Some(u) if !self.draws.is_empty() => {
                let d = u.draw_of(replication) as usize;
                &self.draws[d.min(self.draws.len() - 1)]
            }
            _ => &self.base,
        }
    }

    /// Prepares a generated-network scenario (see [`NetworkPlan::generated`]).
    ///
    /// # Errors
    /// [`SimError::FileNetwork`] for a file network (load it and use
    /// [`World::new`]); the graph error if the network cannot be built.
    pub fn generated(scenario: Scenario) -> Result<Self, SimError> {
        let plan = NetworkPlan::generated(&scenario).ok_or(SimError::FileNetwork)??;
        Self::new(scenario, plan)
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
    ///
    /// # Errors
    /// The graph error if a resampled network cannot be built.
    pub fn graph_for(&self, replication: u64) -> Result<Cow<'_, Graph>, GraphError> {
        match &self.plan {
            NetworkPlan::Shared(g) => Ok(Cow::Borrowed(g)),
            NetworkPlan::Resample(spec) => {
                let spec = self.compiled(replication).spec.as_ref().unwrap_or(spec);
                let mut rng = StreamKey::new(self.scenario.seed)
                    .replication(replication)
                    .rng(Purpose::Network);
                Ok(Cow::Owned(generate(spec, &mut rng)?.0))
            }
        }
    }

    /// The segment (an index into the scenario's segments) of `person` in
    /// `replication`, the same under every policy; `None` without
    /// segments.
    pub fn segment_of(&self, replication: u64, person: u32) -> Option<usize> {
        if let Some(list) = &self.listed_segments {
            return list.get(person as usize).map(|&g| usize::from(g));
        }
        let params = &self.compiled(replication).params;
        params.segmented.then(|| {
            let key = StreamKey::new(self.scenario.seed).replication(replication);
            let draw = key.person(person).uniform(Purpose::Segment);
            params.segment_of_draw(draw)
        })
    }

    /// Runs one replication of every policy with scratch `scratch`.
    ///
    /// # Errors
    /// The graph error if the replication's network cannot be built.
    pub fn run_replication(
        &self,
        replication: u64,
        scratch: &mut Scratch,
    ) -> Result<ReplicationResult, SimError> {
        self.replication_cancellable(replication, scratch, &AtomicBool::new(false))
    }

    /// [`World::run_replication`] that stops within a step of a period
    /// once `cancel` is raised.
    fn replication_cancellable(
        &self,
        replication: u64,
        scratch: &mut Scratch,
        cancel: &AtomicBool,
    ) -> Result<ReplicationResult, SimError> {
        let (graph, weak, key) = self.prepare(replication, scratch)?;
        let compiled = self.compiled(replication);
        let rep = Replication {
            params: &compiled.params,
            key,
            base: &graph,
            weak: &weak,
            cancel,
        };
        let policies = compiled
            .policies
            .iter()
            .map(|policy| rep.run_policy(policy, scratch, &mut NoObserver))
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(SimError::Cancelled);
        }
        Ok(ReplicationResult {
            replication,
            policies,
        })
    }

    /// Runs one replication of one policy, reporting events to `observer`
    /// (for story traces).
    ///
    /// # Errors
    /// The graph error if the replication's network cannot be built.
    ///
    /// # Panics
    /// If `policy` is not an index of the scenario's policies.
    pub fn observe<O: Observer>(
        &self,
        replication: u64,
        policy: usize,
        observer: &mut O,
    ) -> Result<PolicyRun, SimError> {
        let mut scratch = Scratch::default();
        let (graph, weak, key) = self.prepare(replication, &mut scratch)?;
        let never = AtomicBool::new(false);
        let compiled = self.compiled(replication);
        let rep = Replication {
            params: &compiled.params,
            key,
            base: &graph,
            weak: &weak,
            cancel: &never,
        };
        Ok(rep.run_policy(&compiled.policies[policy], &mut scratch, observer))
    }

    /// A replication's network, its weak ties by period and its key, with
    /// its initial customers drawn into `scratch`.
    fn prepare(
        &self,
        replication: u64,
        scratch: &mut Scratch,
    ) -> Result<(Cow<'_, Graph>, Vec<Graph>, StreamKey), SimError> {
        let graph = self.graph_for(replication)?;
        let key = StreamKey::new(self.scenario.seed).replication(replication);
        let c = self.compiled(replication);
        match &self.listed {
            Some(list) => {
                scratch.initial.clear();
                scratch.initial.extend_from_slice(list);
            }
            None => scratch.draw_initial(self.people, c.params.initial_customers, key),
        }
        match &self.listed_segments {
            Some(list) => {
                scratch.segment.clear();
                scratch.segment.extend_from_slice(list);
            }
            None => scratch.draw_segments(self.people, &c.params, key),
        }
        let weak = weak_ties_by_period(self.people, c.params.periods, c.weak, key, scratch)?;
        Ok((graph, weak, key))
    }

    /// Runs the replications `range` in parallel on the current rayon pool;
    /// results in replication order, identical on any number of threads and
    /// for any split of the range. `progress` is called after each.
    ///
    /// # Errors
    /// The first error of a replication.
    pub fn run(
        &self,
        range: Range<u64>,
        progress: impl Fn() + Sync,
    ) -> Result<Vec<ReplicationResult>, SimError> {
        self.run_cancellable(range, progress, &AtomicBool::new(false))
    }

    /// [`World::run`] that stops with [`SimError::Cancelled`] as soon as
    /// `cancel` is set (checked before each replication starts and between
    /// the steps of every period, so within a step of a period).
    ///
    /// # Errors
    /// [`SimError::Cancelled`], or the first error of a replication.
    pub fn run_cancellable(
        &self,
        range: Range<u64>,
        progress: impl Fn() + Sync,
        cancel: &AtomicBool,
    ) -> Result<Vec<ReplicationResult>, SimError> {
        let first = range.start;
        replicate(
            range.end.saturating_sub(range.start),
            Scratch::default,
            |scratch, i| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(SimError::Cancelled);
                }
                self.replication_cancellable(first + i, scratch, cancel)
            },
            progress,
        )
    }
}
