//! metadata.json: the resolved scenario a run used (every default filled
//! in, read back through the scenario validator) and the facts of how it
//! ran: version, command line, people, edges, threads, time, and for a
//! merge of shards the shards it merged. Only this file describes the
//! execution: every other file of a run is the same however it ran.

use crate::model::Scenario;
use crate::scenario::ScenarioError;
use crate::scenario::resolved::{from_resolved, to_table};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// metadata.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataFile {
    /// The wom version that ran.
    pub wom_version: String,
    /// The command line, word by word.
    pub command_line: Vec<String>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// The seed.
    pub seed: u64,
    /// Replications run.
    pub replications: u64,
    /// Persons simulated (a file network's own count).
    pub people: u32,
    /// Edges of the shared network (`null` when each replication draws its own).
    pub edges: Option<u64>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds of the simulation.
    pub elapsed_seconds: f64,
    /// The scenario as resolved, in the scenario file's form.
    pub scenario: toml::Table,
    /// The shards merged (`wom merge`), in shard order; absent for a run
    /// on one machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shards: Option<Vec<ShardRecord>>,
}

/// One shard of a merged run, as metadata.json lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardRecord {
    /// Its directory, as given to `wom merge`.
    pub directory: String,
    /// `K/N`, as given to `--shard`: which replications (or sweep
    /// points) it ran follows from it.
    pub shard: String,
    /// Its command line, word by word.
    pub command_line: Vec<String>,
    /// Its worker threads.
    pub threads: usize,
    /// Its wall-clock seconds.
    pub elapsed_seconds: f64,
}

/// How a run went, for [`MetadataFile::new`].
pub struct Execution {
    /// The command line, word by word.
    pub command_line: Vec<String>,
    /// The scenario file as given.
    pub scenario_file: String,
    /// Replications run.
    pub replications: u64,
    /// Persons simulated.
    pub people: u32,
    /// Edges of the shared network.
    pub edges: Option<u64>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub elapsed_seconds: f64,
    /// The shards merged, for a merge.
    pub shards: Option<Vec<ShardRecord>>,
}

impl MetadataFile {
    /// The metadata of a run of `scenario`.
    ///
    /// # Errors
    /// When the scenario cannot be written back (a seed above `i64::MAX`).
    pub fn new(scenario: &Scenario, run: Execution) -> Result<Self, ScenarioError> {
        Ok(MetadataFile {
            wom_version: env!("CARGO_PKG_VERSION").to_owned(),
            command_line: run.command_line,
            scenario_file: run.scenario_file,
            seed: scenario.seed,
            replications: run.replications,
            people: run.people,
            edges: run.edges,
            threads: run.threads,
            elapsed_seconds: run.elapsed_seconds,
            scenario: to_table(scenario)?,
            shards: run.shards,
        })
    }

    /// The scenario, validated as if read from a scenario file; errors
    /// name `file`.
    ///
    /// # Errors
    /// A [`ScenarioError`] naming the key at fault.
    pub fn scenario(&self, file: &Path) -> Result<Scenario, ScenarioError> {
        from_resolved(&self.scenario, file)
    }
}
