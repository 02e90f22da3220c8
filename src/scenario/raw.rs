//! Serde structs that mirror the scenario TOML exactly, key for key.
//!
//! Every field is an `Option` so that defaults are applied, and ranges checked,
//! in one place: the conversion in `convert.rs`. Unknown keys are rejected by
//! `deny_unknown_fields` at every level.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a scenario table")]
pub struct RawScenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub periods: Option<u32>,
    pub period_label: Option<String>,
    pub periods_per_year: Option<f64>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    pub population: Option<RawPopulation>,
    pub network: Option<RawNetwork>,
    pub experience: Option<RawExperience>,
    pub outcomes: Option<RawOutcomes>,
    pub word_of_mouth: Option<RawWordOfMouth>,
    pub effects: Option<RawEffects>,
    pub economics: Option<RawEconomics>,
    pub policies: Option<RawPolicies>,
}

/// `[population]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawPopulation {
    pub people: Option<u32>,
    pub initial_customers: Option<RawInitialCustomers>,
}

/// `population.initial_customers`: a TOML integer is a count, a float a fraction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawInitialCustomers {
    /// A TOML integer (checked against `0..=people` later).
    Count(i64),
    /// A TOML float (checked against (0, 1] later).
    Fraction(f64),
}

impl<'de> Deserialize<'de> for RawInitialCustomers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountOrFraction;
        impl Visitor<'_> for CountOrFraction {
            type Value = RawInitialCustomers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer count or a float fraction in (0, 1]")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawInitialCustomers::Count(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawInitialCustomers::Count(
                    i64::try_from(v).unwrap_or(i64::MAX),
                ))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(RawInitialCustomers::Fraction(v))
            }
        }
        deserializer.deserialize_any(CountOrFraction)
    }
}

/// `network.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawNetworkKind {
    WattsStrogatz,
    BarabasiAlbert,
    ErdosRenyi,
    StrongWeakTies,
    File,
}

/// `[network]`: the union of every kind's keys; which belong to the chosen
/// kind is checked in the conversion.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawNetwork {
    pub kind: Option<RawNetworkKind>,
    pub mean_degree: Option<f64>,
    pub rewire: Option<f64>,
    pub attach: Option<u32>,
    pub cluster_size: Option<u32>,
    pub strong_ties: Option<f64>,
    pub weak_ties: Option<f64>,
    pub weak_ties_churn: Option<bool>,
    pub path: Option<String>,
    pub format: Option<String>,
    pub resample: Option<bool>,
}

/// `[experience]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawExperience {
    pub problem_rate: Option<f64>,
    pub complaint_rate: Option<f64>,
    pub base_churn: Option<f64>,
    pub recovery_paradox: Option<f64>,
}

/// `[outcomes]`: one optional table per class.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawOutcomes {
    pub satisfied: Option<RawOutcome>,
    pub silent: Option<RawOutcome>,
    pub unresolved: Option<RawOutcome>,
    pub resolved: Option<RawOutcome>,
    pub resolved_quickly: Option<RawOutcome>,
}

/// `[outcomes.CLASS]`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawOutcome {
    pub stay: Option<f64>,
    pub tone: Option<RawTone>,
    pub tells: Option<RawTellDist>,
}

/// `outcomes.CLASS.tone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawTone {
    Positive,
    Negative,
    None,
}

/// A count distribution, as a one-key inline table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RawTellDist {
    /// `{ fixed = n }`
    Fixed(u32),
    /// `{ uniform = [a, b] }`
    Uniform([u32; 2]),
    /// `{ poisson = mean }`
    Poisson(f64),
    /// `{ negative_binomial = { mean = m, dispersion = k } }`
    NegativeBinomial(RawNegativeBinomial),
    /// `{ empirical = { values = [...], weights = [...] } }`
    Empirical(RawEmpirical),
}

/// Parameters of `negative_binomial`; both required.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { mean = m, dispersion = k }"
)]
pub struct RawNegativeBinomial {
    pub mean: f64,
    pub dispersion: f64,
}

/// Parameters of `empirical`; both required.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { values = [...], weights = [...] }"
)]
pub struct RawEmpirical {
    pub values: Vec<u32>,
    pub weights: Vec<f64>,
}

/// `[word_of_mouth]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawWordOfMouth {
    pub max_hops: Option<u32>,
    pub hop_decay: Option<f64>,
    pub retell: Option<RawRetell>,
    pub retell_tells: Option<RawTellDist>,
}

/// `word_of_mouth.retell = { negative, positive }`.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { negative = p, positive = p }"
)]
pub struct RawRetell {
    pub negative: Option<f64>,
    pub positive: Option<f64>,
}

/// `[effects]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawEffects {
    pub deter: Option<f64>,
    pub referral_conversion: Option<f64>,
    pub hearsay_churn: Option<f64>,
    pub organic_conversion: Option<f64>,
}

/// `[economics]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawEconomics {
    pub margin: Option<f64>,
    pub discount_rate: Option<f64>,
    pub currency: Option<String>,
}

/// `policies.NAME.handling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawHandling {
    Ignore,
    Recover,
}

/// `[policies.NAME]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawPolicy {
    pub handling: Option<RawHandling>,
    pub resolve_rate: Option<f64>,
    pub handoffs: Option<u32>,
    pub handoff_penalty: Option<f64>,
    pub response_hours: Option<f64>,
    pub quick_hours: Option<f64>,
    pub compensation: Option<f64>,
    pub handling_cost: Option<f64>,
}

/// `[policies]`: the policies in the order the map yields them, which is file
/// order because `toml` is built with `preserve_order`.
#[derive(Debug, Default)]
pub struct RawPolicies(pub Vec<(String, RawPolicy)>);

impl<'de> Deserialize<'de> for RawPolicies {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = RawPolicies;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of policies, [policies.NAME]")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut policies = Vec::with_capacity(map.size_hint().unwrap_or(2));
                while let Some(entry) = map.next_entry::<String, RawPolicy>()? {
                    policies.push(entry);
                }
                Ok(RawPolicies(policies))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}
