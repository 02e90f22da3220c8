//! The word-of-mouth model (MODEL.md): customers' experiences, complaints
//! and their handling, stories told and retold over the network, and what
//! they cost, over replications run in parallel with common random numbers
//! across policies.
//!
//! Where each concept lives:
//! - [`World`] (`world.rs`): a scenario ready to run — its network plan,
//!   compiled parameters (`params.rs`), and the parallel replications;
//! - `period.rs`: one policy over the horizon, period by period; the steps
//!   of a period are `experience.rs` (MODEL.md steps 1–4), `telling.rs`
//!   (5–7; the hearings of step 7 in `hearing.rs`) and `end_of_period.rs`
//!   (8) (`keys.rs`: the keyed draws of a step, for all its people at
//!   once), each reading the period's context
//!   (`context.rs`: its contacts, parameters and keys, what it counts per
//!   segment), and `accounts.rs` settles its value;
//! - [`response`]: when complaints are answered — a fixed time or a desk's
//!   queue — against each complainer's tolerance;
//! - `person.rs`: what is known of each person, and the per-thread
//!   [`Scratch`] state;
//! - [`observer`]: the events a replication reports (story traces);
//! - [`metrics`]: what a replication measures; [`summary`]: statistics and
//!   paired comparisons; [`precision`]: replications until a target
//!   precision; [`trace`]: one period's stories.

mod accounts;
mod context;
mod end_of_period;
mod experience;
mod hearing;
mod keys;
mod metric_kinds;
pub mod metrics;
pub mod observer;
mod params;
mod period;
mod person;
pub mod precision;
pub mod response;
mod scratch;
pub mod summary;
mod telling;
mod tells;
pub mod trace;
mod world;

pub use metric_kinds::{Applies, METRICS, MetricInfo, SEGMENT_METRICS, Unit};
pub use metrics::{Metric, Outputs, PeriodSeries, PolicyRun, SegmentMetric, SegmentOutputs};
pub use observer::{Effect, Hearing, NoObserver, Observer};
pub use scratch::Scratch;
pub use tells::{Marks, TellSampler, pick_distinct};
pub use world::{NetworkPlan, SimError, World};

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
