//! sobol.json and sobol.csv of `wom sensitivity --global`: the first-order
//! and total Sobol indices of the headline difference per key, with their
//! standard errors and the design that gave them.

use serde::{Deserialize, Serialize};

/// One key's indices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SobolEntry {
    /// The dotted key.
    pub key: String,
    /// Its prior, as TOML.
    pub distribution: String,
    /// First-order index.
    pub first: f64,
    /// Its standard error.
    pub first_se: f64,
    /// Total index.
    pub total: f64,
    /// Its standard error.
    pub total_se: f64,
}

/// sobol.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SobolFile {
    /// The scenario's name.
    pub scenario: String,
    /// The seed.
    pub seed: u64,
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// Currency of the difference.
    pub currency: String,
    /// Where the priors come from.
    pub priors: String,
    /// Rows of each of the matrices A and B.
    pub samples: u64,
    /// Replications at every design point.
    pub replications_per_point: u64,
    /// Design points run, `samples × (keys + 2)`.
    pub design_points: u64,
    /// The estimators.
    pub estimator: String,
    /// The keys, in the order of the priors.
    pub keys: Vec<SobolEntry>,
    /// Wall time.
    pub elapsed_seconds: f64,
    /// Worker threads.
    pub threads: usize,
}

impl SobolFile {
    /// Writes sobol.csv: one row per key.
    ///
    /// # Errors
    /// When the output cannot be written.
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(["key", "first", "first_se", "total", "total_se"])?;
        for k in &self.keys {
            w.write_record([
                k.key.clone(),
                k.first.to_string(),
                k.first_se.to_string(),
                k.total.to_string(),
                k.total_se.to_string(),
            ])?;
        }
        w.flush()?;
        Ok(())
    }
}
