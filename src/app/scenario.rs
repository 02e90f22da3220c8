//! Loading a scenario file with its command-line overrides and building
//! its world (network included), with every check done before any
//! simulation starts.

use super::network::{self, NetworkCache};
use crate::present::bad_input;
use crate::store::files;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wom::graph::Graph;
use wom::model::{InitialCustomers, NetworkKind, Scenario};
use wom::sim::{NetworkPlan, SimError, World};

/// `--set KEY=VALUE`: a scenario key and its value (a TOML literal).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The dotted key.
    pub key: String,
    /// The value.
    pub value: toml::Value,
    /// The argument as given, for messages.
    pub text: String,
}

/// A scenario file and what the command line changes in it.
#[derive(Debug, Clone)]
pub struct ScenarioInput {
    /// The scenario file.
    pub path: PathBuf,
    /// `--set` overrides, applied in order before validation.
    pub overrides: Vec<Override>,
    /// `--seed`, replacing the scenario's seed.
    pub seed: Option<u64>,
    /// `--replications`, replacing the scenario's replications.
    pub replications: Option<u32>,
}

/// Where a command writes and how much it prints.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// `--out`, else a directory under output/ named after the scenario.
    pub dir: Option<PathBuf>,
    /// Print nothing but errors.
    pub quiet: bool,
}

impl Output {
    /// `--out`, else `output/STEM` (`output/STEM-SUFFIX` with a suffix) for
    /// the scenario file `scenario`.
    pub fn dir_for(&self, scenario: &Path, suffix: Option<&str>) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(|| default_dir(scenario, suffix))
    }
}

/// `output/STEM[-SUFFIX]`, where STEM is the scenario file's stem made a
/// plain directory name: letters, digits, `-`, `_` and inner dots only, so
/// a file named `..toml` or `a b.toml` still writes inside output/.
pub fn default_dir(scenario: &Path, suffix: Option<&str>) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plain: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let plain = plain.trim_matches('.');
    let stem = if plain.is_empty() { "scenario" } else { plain };
    let name = match suffix {
        Some(s) => format!("{stem}-{s}"),
        None => stem.to_owned(),
    };
    PathBuf::from("output").join(name)
}

/// A scenario as read: its TOML table with the overrides applied (sweeps
/// edit it further) and the validated scenario with `--seed` applied.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario file's text, to place errors at their line.
    pub text: String,
    /// The table, overrides applied.
    pub table: toml::Table,
    /// The validated scenario.
    pub scenario: Scenario,
}

/// A validation error of a scenario with values set on the command line,
/// blamed where the value came from: on the flag (`--set KEY=VALUE`, a
/// sweep's `--set`, a sensitivity's `--vary`) whose key the error is about,
/// the last one given first; else on the scenario file, with the line and
/// column where `text` writes the key. `flags` are (dotted key, the flag
/// and its argument as the user wrote it).
pub fn blame(
    e: wom::scenario::ScenarioError,
    flags: &[(&str, String)],
    text: &str,
) -> anyhow::Error {
    // A conflict between two keys is the flag's when it set either.
    let keys: Vec<&str> = match &*e.kind {
        wom::scenario::ErrorKind::Conflict { key, other_key, .. } => vec![key, other_key],
        kind => kind.key().into_iter().collect(),
    };
    // `uncertainty."effects.deter"` in an error is the flag's
    // `uncertainty.effects.deter` (or its quoted spelling).
    let plain = |k: &str| k.replace('"', "");
    let about = |flag_key: &str| {
        let flag_key = plain(flag_key);
        keys.iter().map(|k| plain(k)).any(|key| {
            key == flag_key
                || key.starts_with(&format!("{flag_key}."))
                || flag_key.starts_with(&format!("{key}."))
        })
    };
    let found = flags.iter().rev().find(|(flag_key, _)| about(flag_key));
    match found {
        Some((_, flag)) => bad_input(format!("{flag}: {}", e.kind)),
        None => e.locate_in(text).into(),
    }
}

/// Reads a scenario file and applies the overrides before validation, so
/// an override is checked like a key in the file; then applies `--seed`
/// and `--replications`.
///
/// # Errors
/// Bad input for an unreadable file, an unknown key or a value out of range.
pub fn load(input: &ScenarioInput) -> Result<Loaded> {
    let text = files::read_input(&input.path, "scenario")?;
    load_text(&text, input)
}

/// [`load`] on a scenario's text, read already from `input.path` (which
/// names it in messages): `wom serve` reads its file once and applies each
/// request's overrides to the same text.
///
/// # Errors
/// As [`load`], but for reading the file.
pub fn load_text(text: &str, input: &ScenarioInput) -> Result<Loaded> {
    let path = &input.path;
    let mut table = wom::scenario::parse_table(text, path)?;
    for o in &input.overrides {
        wom::scenario::set_key(&mut table, &o.key, o.value.clone())
            .map_err(|e| bad_input(format!("--set {}: {e}", o.text)))?;
        // A value set is stated, not uncertain: its [uncertainty] entry
        // would otherwise overrule the flag in every draw.
        wom::scenario::release(&mut table, &o.key);
    }
    super::draws_file::inline(&mut table, path)?;
    let flags = set_flags(input);
    let mut scenario =
        wom::scenario::from_table(&table, path).map_err(|e| blame(e, &flags, text))?;
    if let Some(seed) = input.seed {
        scenario.seed = seed;
    }
    if let Some(r) = input.replications {
        scenario.replications = r;
        if let Some(u) = &scenario.uncertainty {
            wom::scenario::check_replications(path, r, u)
                .map_err(|e| bad_input(format!("--replications {r}: {}", e.kind)))?;
        }
    }
    Ok(Loaded {
        text: text.to_owned(),
        table,
        scenario,
    })
}

/// The `--set` overrides of `input` as [`blame`] takes them.
pub fn set_flags(input: &ScenarioInput) -> Vec<(&str, String)> {
    input
        .overrides
        .iter()
        .map(|o| (o.key.as_str(), format!("--set {}", o.text)))
        .collect()
}

/// Replications to start with: `--replications`, else with a precision
/// target the scenario's `replications` only if the file writes it (its
/// default of 1000 would overshoot most targets) or 100, else the
/// scenario's value.
pub fn start_replications(loaded: &Loaded, flag: Option<u32>, precision: bool) -> u64 {
    match (flag, precision) {
        (Some(n), _) => u64::from(n),
        (None, true) => loaded
            .table
            .get("replications")
            .and_then(toml::Value::as_integer)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(100),
        (None, false) => u64::from(loaded.scenario.replications),
    }
}

/// A world error as the user should see it: bad input, except a
/// cancellation.
pub fn world_error(e: SimError) -> anyhow::Error {
    match e {
        SimError::Cancelled => anyhow::Error::new(e),
        other => bad_input(other.to_string()),
    }
}

/// Builds the world of a scenario: loads a file network or generates one,
/// after checking that it and the scratch state of `threads` workers fit
/// in memory.
///
/// # Errors
/// Bad input for an unreadable or malformed network file, a network too
/// large for this machine, or more initial customers than people.
pub fn build_world(scenario: Scenario, threads: usize) -> Result<World> {
    if let NetworkKind::File { path } = &scenario.network.kind {
        let loaded = network::load_file(path)?;
        let file = format!(" (network file {})", path.display());
        let plan = NetworkPlan::Shared(Arc::new(loaded.graph));
        return world_on(scenario, plan, Some(&loaded.names))
            .map_err(|e| bad_input(format!("{e:#}{file}")));
    }
    network::check_fits(&scenario, threads, 1)?;
    let plan = NetworkPlan::generated(&scenario)
        .ok_or(SimError::FileNetwork)
        .and_then(|p| p.map_err(SimError::from))
        .map_err(world_error)?;
    world_on(scenario, plan, None)
}

/// The world of `scenario` on `plan`, with its initial customers read
/// from their file when `population.initial_customers = { file = … }` and
/// each person's segment from theirs when `population.segments = { file
/// = … }` (each segment's share then becomes its fraction of the people):
/// `names` are the network file's node names (read again from the file
/// when `None` for a file network), a generated network's people are
/// named by their ids `0..people`.
///
/// # Errors
/// Bad input naming the file and line for an unknown node or segment, a
/// node listed twice, a line that is not a list's, or a person without a
/// segment; as [`World::new`].
fn world_on(mut scenario: Scenario, plan: NetworkPlan, names: Option<&[String]>) -> Result<World> {
    let customers = match &scenario.population.initial_customers {
        InitialCustomers::File(list) => Some(list.clone()),
        _ => None,
    };
    let segments_file = scenario.population.segments_file.clone();
    // Ctrl-C (or Python's) stops the compile of many parameter draws too.
    let cancel = super::cancel::flag();
    if customers.is_none() && segments_file.is_none() {
        return World::with_lists(scenario, plan, None, None, cancel).map_err(world_error);
    }
    let people = match &plan {
        NetworkPlan::Shared(g) => g.node_count(),
        NetworkPlan::Resample(spec) => spec.nodes,
    };
    let reread;
    let names = match (names, &scenario.network.kind) {
        (Some(names), _) => Some(names),
        (None, NetworkKind::File { path }) => {
            reread = network::load_file(path)?.names;
            Some(&reread[..])
        }
        (None, NetworkKind::Generated(_)) => None,
    };
    let initial = match customers {
        Some(list) => {
            let text = files::read_input(&list, "customers file")?;
            let nodes = super::node_list::resolve_nodes(&text, &list, names, people)?;
            Some(nodes.into_iter().map(|(node, _)| node).collect())
        }
        None => None,
    };
    let segments = match segments_file {
        Some(file) => {
            let text = files::read_input(&file, "segments file")?;
            let known: Vec<&str> = scenario.segments.iter().map(|s| s.name.as_str()).collect();
            let list = super::node_list::resolve_segments(&text, &file, names, people, &known)?;
            for (g, segment) in scenario.segments.iter_mut().enumerate() {
                let members = list.iter().filter(|&&s| usize::from(s) == g).count();
                segment.share = members as f64 / f64::from(people.max(1));
            }
            Some(list)
        }
        None => None,
    };
    World::with_lists(scenario, plan, initial, segments, cancel).map_err(world_error)
}

/// The world of a file-network scenario on its network, read already
/// (`wom serve` reads it once, at start).
///
/// # Errors
/// Bad input naming the network file for more initial customers than the
/// network has people.
pub fn file_world(scenario: Scenario, graph: Arc<Graph>) -> Result<World> {
    let file = match &scenario.network.kind {
        NetworkKind::File { path } => format!(" (network file {})", path.display()),
        NetworkKind::Generated(_) => String::new(),
    };
    world_on(scenario, NetworkPlan::Shared(graph), None)
        .map_err(|e| bad_input(format!("{e:#}{file}")))
}

/// Builds the world of one variant of a sweep, taking its network from
/// `cache` when another variant already built the same one.
///
/// # Errors
/// As [`build_world`].
pub fn build_variant(scenario: Scenario, cache: &NetworkCache) -> Result<World> {
    let plan = cache.plan(&scenario)?;
    world_on(scenario, plan, None)
}
