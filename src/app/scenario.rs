//! Loading a scenario file and building its world (network included),
//! with every check done before any simulation starts.

use super::{bad_input, files, network};
use anyhow::Result;
use std::path::Path;
use wom::graph::memory_estimate_bytes;
use wom::model::{NetworkKind, Scenario};
use wom::sim::{NetworkPlan, World, generator_spec, weak_tie_churn};

/// Reads and validates a scenario file, returning its TOML table (for
/// sweeps, which edit it) and the validated scenario.
pub fn load(path: &Path) -> Result<(toml::Table, Scenario)> {
    load_with(path, &[])
}

/// Reads a scenario file and applies `KEY=VALUE` overrides before
/// validation, so an override is checked like a key in the file.
pub fn load_with(path: &Path, overrides: &[String]) -> Result<(toml::Table, Scenario)> {
    let text = files::read_input(path, "scenario")?;
    let mut table = wom::scenario::parse_table(&text, path)?;
    for item in overrides {
        let Some((key, value)) = item.split_once('=') else {
            return Err(bad_input(format!(
                "--set {item:?}: expected KEY=VALUE, e.g. experience.complaint_rate=0.1"
            )));
        };
        wom::scenario::set_key(
            &mut table,
            key.trim(),
            wom::scenario::parse_value_literal(value.trim()),
        )?;
    }
    let scenario = wom::scenario::from_table(&table, path)?;
    Ok((table, scenario))
}

/// Bytes needed by `worlds` worlds in progress at once, each with its
/// network and the scratch state (person state, story queues) of up to
/// `threads` workers, to refuse runs that cannot fit.
fn run_memory_estimate(scenario: &Scenario, threads: usize, worlds: usize) -> u64 {
    let people = u64::from(scenario.population.people);
    let graph = generator_spec(scenario).map_or(0, |spec| memory_estimate_bytes(&spec));
    // Each worker's person array and buffers, plus with weak-tie churn the
    // weak ties of every period of its replication (4-byte offsets per
    // person and 4-byte ids for both ends of each weak tie).
    let weak = weak_tie_churn(scenario).map_or(0, |w| {
        u64::from(scenario.periods) * 4 * (people + (people as f64 * w.weak_ties) as u64)
    });
    let per_thread = people * 16 + weak;
    let resampled = if scenario.network.resample {
        graph * threads as u64
    } else {
        graph
    };
    (resampled + per_thread * threads as u64) * worlds as u64
}

/// Checks, without building anything, that a generated network and the
/// scratch state of `threads` workers fit in memory.
///
/// # Errors
/// Bad input for a network too large for this machine.
pub fn check_fits(scenario: &Scenario, threads: usize) -> Result<()> {
    check_fits_many(scenario, threads, 1)
}

/// Like [`check_fits`] for `worlds` variants in progress at once (a sweep
/// runs up to one point per worker); sweeps check every point before
/// running the first.
///
/// # Errors
/// Bad input for a network too large for this machine.
pub fn check_fits_many(scenario: &Scenario, threads: usize, worlds: usize) -> Result<()> {
    if matches!(scenario.network.kind, NetworkKind::File { .. }) {
        return Ok(());
    }
    network::check_memory(
        run_memory_estimate(scenario, threads, worlds),
        &format!(
            "scenario `{}` with {} people{}",
            scenario.name,
            scenario.population.people,
            if worlds > 1 {
                format!(" ({worlds} variants at once, one per thread)")
            } else {
                String::new()
            }
        ),
    )
}

/// Replications to start with: `--replications`, else with a precision
/// target the scenario's `replications` only if the file writes it (its
/// default of 1000 would overshoot most targets) or 100, else the
/// scenario's value.
pub fn start_replications(
    table: &toml::Table,
    scenario: &Scenario,
    flag: Option<u32>,
    precision: bool,
) -> u64 {
    match (flag, precision) {
        (Some(n), _) => u64::from(n),
        (None, true) => table
            .get("replications")
            .and_then(toml::Value::as_integer)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(100),
        (None, false) => u64::from(scenario.replications),
    }
}

/// Builds the world of a scenario: loads a file network or generates one,
/// after checking that it fits in memory.
///
/// # Errors
/// Bad input for an unreadable or malformed network file, a network too
/// large for this machine, or more initial customers than people.
pub fn build_world(scenario: Scenario, threads: usize) -> Result<World> {
    if let NetworkKind::File { path } = &scenario.network.kind {
        let loaded = network::load_file(path)?;
        let people = loaded.graph.node_count();
        let wanted = scenario.population.initial_customers.resolve(people);
        if wanted > people {
            return Err(bad_input(format!(
                "population.initial_customers is {wanted}, but the network file {} has only {people} people",
                path.display()
            )));
        }
        return Ok(World::new(scenario, NetworkPlan::Shared(loaded.graph)));
    }
    check_fits(&scenario, threads)?;
    match World::generated(scenario) {
        Some(world) => Ok(world.map_err(|e| bad_input(e.to_string()))?),
        None => Err(bad_input("internal: generated world without a generator")),
    }
}
