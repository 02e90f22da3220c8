//! Serde structs of the distributions a scenario writes as one-key inline
//! tables: counts of people told (`tells`, `retell_tells`) and durations
//! (`tolerance_hours`, `handle_minutes`). Checked in `dist.rs` and
//! `staffing.rs`; mirrored key for key like the rest of `raw.rs`.

use serde::{Deserialize, Serialize};

/// A count distribution, as a one-key inline table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { mean = m, dispersion = k }"
)]
pub struct RawNegativeBinomial {
    pub mean: f64,
    pub dispersion: f64,
}

/// Parameters of `empirical`; both required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { values = [...], weights = [...] }"
)]
pub struct RawEmpirical {
    pub values: Vec<u32>,
    pub weights: Vec<f64>,
}

/// A duration distribution (`tolerance_hours`, `handle_minutes`), as a
/// one-key inline table; real numbers, unlike [`RawTellDist`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RawDurationDist {
    /// `{ fixed = x }`
    Fixed(f64),
    /// `{ uniform = [a, b] }`
    Uniform([f64; 2]),
    /// `{ exponential = mean }`
    Exponential(f64),
    /// `{ lognormal = { median = m, sigma = s } }`
    Lognormal(RawLognormal),
    /// `{ empirical = { values = [...], weights = [...] } }`
    Empirical(RawDurationEmpirical),
}

/// Parameters of a duration's `lognormal`; both required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table { median = m, sigma = s }")]
pub struct RawLognormal {
    pub median: f64,
    pub sigma: f64,
}

/// Parameters of a duration's `empirical`; both required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table { values = [...], weights = [...] }"
)]
pub struct RawDurationEmpirical {
    pub values: Vec<f64>,
    pub weights: Vec<f64>,
}
