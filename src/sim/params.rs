//! A scenario's parameters compiled for the hot loop: per-class samplers,
//! per-hop strengths, discount factors and per-policy probabilities.

use super::tells::TellSampler;
use crate::model::{Handling, OutcomeClass, Policy, Scenario, Tone};

/// Per-class parameters for the hot loop.
#[derive(Debug, Clone)]
pub(super) struct ClassParams {
    /// Probability of staying a customer.
    pub stay: f64,
    /// The story told, if any.
    pub tone: Option<Tone>,
    /// How many contacts are told.
    pub tells: TellSampler,
}

/// Per-policy parameters for the hot loop.
#[derive(Debug, Clone, Copy)]
pub(super) struct PolicyParams {
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
pub(super) struct Params {
    pub periods: u32,
    pub problem_rate: f64,
    pub complaint_rate: f64,
    pub base_churn: f64,
    pub recovery_paradox: f64,
    /// Indexed by [`OutcomeClass::index`].
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
        let classes = OutcomeClass::ALL.map(|class| {
            let spec = scenario.outcomes.get(class);
            ClassParams {
                stay: spec.stay,
                tone: spec.tone,
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
