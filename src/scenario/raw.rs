//! Serde structs that mirror the scenario TOML exactly, key for key.
//!
//! Every field is an `Option` so that defaults are applied, and ranges checked,
//! in one place: the conversion in `convert.rs`. Unknown keys are rejected by
//! `deny_unknown_fields` at every level. The same structs serialize a
//! resolved scenario back (see `resolved.rs`), absent keys left out.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

pub use super::raw_dist::{
    RawDurationDist, RawDurationEmpirical, RawEmpirical, RawLognormal, RawNegativeBinomial,
    RawTellDist,
};

/// The whole file.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a scenario table")]
pub struct RawScenario {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periods: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periods_per_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replications: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<RawPopulation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<RawNetwork>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experience: Option<RawExperience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<RawOutcomes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_of_mouth: Option<RawWordOfMouth>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effects: Option<RawEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economics: Option<RawEconomics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policies: Option<RawPolicies>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<RawSegments>,
    /// `[uncertainty]`: dotted keys with distributions, checked in
    /// `uncertainty.rs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<toml::Table>,
}

/// `[population]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawPopulation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_customers: Option<RawInitialCustomers>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<RawSegmentsFile>,
}

/// `population.segments = { file = "…" }`: each person's segment, in rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "{ file = \"segments.csv\" }")]
pub struct RawSegmentsFile {
    pub file: String,
}

/// `population.initial_customers`: a TOML integer is a count, a float a fraction.
#[derive(Debug, Clone, PartialEq)]
pub enum RawInitialCustomers {
    /// A TOML integer (checked against `0..=people` later).
    Count(i64),
    /// A TOML float (checked against (0, 1] later).
    Fraction(f64),
    /// `{ file = "customers.txt" }`: the customers listed in a file, one
    /// node of the network a line.
    File(String),
}

impl Serialize for RawInitialCustomers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            RawInitialCustomers::Count(n) => serializer.serialize_i64(n),
            RawInitialCustomers::Fraction(f) => serializer.serialize_f64(f),
            RawInitialCustomers::File(ref file) => {
                std::collections::BTreeMap::from([("file", file)]).serialize(serializer)
            }
        }
    }
}

impl<'de> Deserialize<'de> for RawInitialCustomers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountOrFraction;
        impl<'v> Visitor<'v> for CountOrFraction {
            type Value = RawInitialCustomers;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "an integer count, a float fraction in (0, 1] or { file = \"customers.txt\" }",
                )
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
            fn visit_map<A: de::MapAccess<'v>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut file = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "file" || file.is_some() {
                        return Err(de::Error::custom(format!(
                            "unknown key `{key}` in initial_customers; the only key is `file`"
                        )));
                    }
                    file = Some(map.next_value::<String>()?);
                }
                file.map(RawInitialCustomers::File).ok_or_else(|| {
                    de::Error::custom("initial_customers = { file = \"…\" } needs `file`")
                })
            }
        }
        deserializer.deserialize_any(CountOrFraction)
    }
}

/// `network.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawNetworkKind {
    WattsStrogatz,
    BarabasiAlbert,
    ErdosRenyi,
    StrongWeakTies,
    File,
}

impl RawNetworkKind {
    /// The word written in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            RawNetworkKind::WattsStrogatz => "watts_strogatz",
            RawNetworkKind::BarabasiAlbert => "barabasi_albert",
            RawNetworkKind::ErdosRenyi => "erdos_renyi",
            RawNetworkKind::StrongWeakTies => "strong_weak_ties",
            RawNetworkKind::File => "file",
        }
    }
}

/// `[network]`: the union of every kind's keys; which belong to the chosen
/// kind is checked in the conversion.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawNetwork {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<RawNetworkKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_degree: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rewire: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attach: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strong_ties: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weak_ties: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weak_ties_churn: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resample: Option<bool>,
}

/// `[experience]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawExperience {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_churn: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_paradox: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance_hours: Option<RawDurationDist>,
}

/// `[outcomes]`: one optional table per class.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawOutcomes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfied: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silent: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_quickly: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parted_graceful: Option<RawOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parted_abrupt: Option<RawOutcome>,
}

/// `[outcomes.CLASS]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<RawTone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tells: Option<RawTellDist>,
}

/// `outcomes.CLASS.tone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawTone {
    Positive,
    Negative,
    None,
}

/// `policies.NAME.staffing = { agents, handle_minutes, days_per_week,
/// hours_per_day, agent_cost }`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { agents = c, handle_minutes = DIST, … }"
)]
pub struct RawStaffing {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle_minutes: Option<RawDurationDist>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_per_week: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_per_day: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_cost: Option<f64>,
}

/// `[word_of_mouth]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawWordOfMouth {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_hops: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hop_decay: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retell: Option<RawRetell>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retell_tells: Option<RawTellDist>,
}

/// `word_of_mouth.retell = { negative, positive }`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { negative = p, positive = p }"
)]
pub struct RawRetell {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positive: Option<f64>,
}

/// `[effects]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawEffects {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deter: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral_conversion: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hearsay_churn: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organic_conversion: Option<f64>,
}

/// `[economics]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawEconomics {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// `policies.NAME.handling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawHandling {
    Ignore,
    Recover,
}

/// `[policies.NAME]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handling: Option<RawHandling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolve_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoffs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staffing: Option<RawStaffing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compensation: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handling_cost: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_with: Option<RawPartWith>,
}

/// `policies.NAME.part_with.manner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawManner {
    Graceful,
    Abrupt,
}

/// `policies.NAME.part_with = { segment, after_complaints, manner, refund }`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { segment = \"NAME\", after_complaints = n, manner = \"graceful\" or \"abrupt\", refund = x }"
)]
pub struct RawPartWith {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_complaints: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manner: Option<RawManner>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund: Option<f64>,
}

/// `[segments.NAME]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
pub struct RawSegment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_churn: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolve_factor: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle_factor: Option<f64>,
}

/// `[policies]`: the policies in file order.
pub type RawPolicies = Named<RawPolicy>;

/// `[segments]`: the segments in file order.
pub type RawSegments = Named<RawSegment>;

/// A table of named tables (`[policies.NAME]`, `[segments.NAME]`) in the
/// order the map yields them, which is file order because `toml` is built
/// with `preserve_order`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, table) in &self.0 {
            map.serialize_entry(name, table)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for InOrder<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of named tables, like [policies.NAME]")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(2));
                while let Some(entry) = map.next_entry::<String, T>()? {
                    entries.push(entry);
                }
                Ok(Named(entries))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}
