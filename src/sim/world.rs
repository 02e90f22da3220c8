//! A scenario prepared for simulation: parameters compiled for the hot loop
//! and the network plan (one shared network, or one per replication).

use super::tells::TellSampler;
use crate::graph::{GeneratorSpec, Graph};
use crate::model::{Handling, NetworkKind, OutcomeClass, Policy, Scenario, Tone};

/// How each replication gets its network.
#[derive(Debug, Clone)]
pub enum NetworkPlan {
    /// One network shared by every replication (drawn once from the
    /// scenario seed, or read from a file).
    Shared(Graph),
    /// Each replication draws its own from `(seed, replication, Network)`.
    Resample(GeneratorSpec),
}

/// Weak ties redrawn each period (`strong_weak_ties` with `weak_ties_churn`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeakTieChurn {
    /// Nodes per cluster.
    pub cluster_size: u32,
    /// Expected weak ties per node.
    pub weak_ties: f64,
}

/// The generator for a scenario's network, `None` for a file network. With
/// weak-tie churn the spec holds the strong ties only; the weak ties are
/// drawn per period.
pub fn generator_spec(scenario: &Scenario) -> Option<GeneratorSpec> {
    let nodes = scenario.population.people;
    Some(match scenario.network.kind {
        NetworkKind::WattsStrogatz {
            mean_degree,
            rewire,
        } => GeneratorSpec::WattsStrogatz {
            nodes,
            mean_degree,
            rewire,
        },
        NetworkKind::BarabasiAlbert { attach } => GeneratorSpec::BarabasiAlbert { nodes, attach },
        NetworkKind::ErdosRenyi { mean_degree } => GeneratorSpec::ErdosRenyi { nodes, mean_degree },
        NetworkKind::StrongWeakTies {
            cluster_size,
            strong_ties,
            weak_ties,
            weak_ties_churn,
        } => GeneratorSpec::StrongWeakTies {
            nodes,
            cluster_size,
            strong_ties,
            weak_ties: if weak_ties_churn { 0.0 } else { weak_ties },
        },
        NetworkKind::File { .. } => return None,
    })
}

/// The weak-tie churn of a scenario, if any.
pub fn weak_tie_churn(scenario: &Scenario) -> Option<WeakTieChurn> {
    match scenario.network.kind {
        NetworkKind::StrongWeakTies {
            cluster_size,
            weak_ties,
            weak_ties_churn: true,
            ..
        } => Some(WeakTieChurn {
            cluster_size,
            weak_ties,
        }),
        _ => None,
    }
}

/// Per-class parameters for the hot loop.
#[derive(Debug, Clone)]
pub(crate) struct ClassParams {
    pub stay: f64,
    /// 0 negative, 1 positive, `None` silent.
    pub tone: Option<usize>,
    pub tells: TellSampler,
}

/// Per-policy parameters for the hot loop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PolicyParams {
    pub resolve_probability: f64,
    pub quick: bool,
    pub compensation: f64,
    pub handling_cost: f64,
}

impl PolicyParams {
    pub fn new(policy: &Policy) -> Self {
        Self {
            resolve_probability: policy.resolve_probability(),
            quick: policy.handling == Handling::Recover && policy.is_quick(),
            compensation: policy.compensation,
            handling_cost: policy.handling_cost,
        }
    }
}

/// Scenario parameters compiled for the hot loop.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    pub periods: u32,
    pub problem_rate: f64,
    pub complaint_rate: f64,
    pub base_churn: f64,
    pub recovery_paradox: f64,
    pub classes: [ClassParams; 5],
    pub max_hops: u32,
    /// `hop_decay^(h − 1)` at index `h − 1`.
    pub strength: Vec<f64>,
    /// Retell probability by tone index.
    pub retell: [f64; 2],
    pub retell_tells: TellSampler,
    pub deter: f64,
    pub referral_conversion: f64,
    pub hearsay_churn: f64,
    pub organic_conversion: f64,
    pub margin: f64,
    /// `δ^t`.
    pub discount: Vec<f64>,
    /// Present value of one extra customer from the end of period `t` to
    /// the horizon: `margin × Σ_{s=t+1}^{T−1} δ^s`.
    pub flow_value: Vec<f64>,
    pub initial_customers: u32,
}

impl Params {
    pub fn new(scenario: &Scenario, people: u32) -> Self {
        let tone_index = |tone: Tone| match tone {
            Tone::Negative => Some(0),
            Tone::Positive => Some(1),
            Tone::None => None,
        };
        let classes = OutcomeClass::ALL.map(|class| {
            let spec = scenario.outcomes.get(class);
            ClassParams {
                stay: spec.stay,
                tone: tone_index(spec.tone),
                tells: TellSampler::new(&spec.tells),
            }
        });
        let w = &scenario.word_of_mouth;
        let periods = scenario.periods;
        let delta = scenario.discount_factor();
        let discount: Vec<f64> = (0..periods).map(|t| delta.powi(t as i32)).collect();
        let margin = scenario.economics.margin;
        let mut flow_value = vec![0.0; periods as usize];
        for t in (0..periods as usize).rev() {
            flow_value[t] = if t + 1 < periods as usize {
                flow_value[t + 1] + margin * discount[t + 1]
            } else {
                0.0
            };
        }
        Self {
            periods,
            problem_rate: scenario.experience.problem_rate,
            complaint_rate: scenario.experience.complaint_rate,
            base_churn: scenario.experience.base_churn,
            recovery_paradox: scenario.experience.recovery_paradox,
            classes,
            max_hops: w.max_hops,
            strength: (0..w.max_hops)
                .map(|h| w.hop_decay.powi(h as i32))
                .collect(),
            retell: [w.retell_negative, w.retell_positive],
            retell_tells: TellSampler::new(&w.retell_tells),
            deter: scenario.effects.deter,
            referral_conversion: scenario.effects.referral_conversion,
            hearsay_churn: scenario.effects.hearsay_churn,
            organic_conversion: scenario.effects.organic_conversion,
            margin,
            discount,
            flow_value,
            initial_customers: scenario
                .population
                .initial_customers
                .resolve(people)
                .min(people),
        }
    }
}
