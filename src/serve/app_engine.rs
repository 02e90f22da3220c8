//! The [`Engine`] seam on the application layer. A scenario is read once
//! at start (its file network too); each request's settings are applied
//! to the same text as `wom run --set` applies them
//! (`app::scenario::load_text`, so bad input gets the command line's
//! message), the world is built by `app::scenario`, the replications run
//! by `World::run_cancellable` (the cancel flag is looked at before each
//! replication starts), the typed result files are made in memory by the
//! code `wom run` makes them with (`app::run::on_one_machine`) and the
//! charts and report.html are drawn in memory (`report::render_run`). A request reads and writes
//! no file.
//!
//! This file is the only one of `serve/` that knows the application layer.

use super::engine::{CancelFlag, Engine, EngineError, Knob, RunOutput, Setting};
use super::{knobs, view};
use crate::app::run::on_one_machine;
use crate::app::scenario::{self, Override, ScenarioInput};
use crate::app::{network, thread_pool};
use crate::present::bad_input;
use crate::report::render_run;
use crate::store::files;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use wom::graph::Graph;
use wom::model::{NetworkKind, Scenario};
use wom::results::shard::ShardExecution;
use wom::scenario::resolved;
use wom::sim::{SimError, World};

/// The name the built-in default scenario goes by in messages (as when
/// `wom run` is given the shipped file from the project's directory).
const DEFAULT_PATH: &str = "scenarios/default.toml";
/// Most periods one request may simulate (a century of months).
pub const MAX_PERIODS: u32 = 1200;
/// Most memory one request's network may take.
pub const MAX_NETWORK_BYTES: u64 = 1 << 30;
/// Most memory one request's results may take (see `app::budget`): with
/// the page's limits on periods and replications, a request that adds
/// dozens of policies is refused here rather than exhausting memory.
pub const MAX_RESULTS_BYTES: u64 = 512 << 20;

/// The page's replications for a scenario the size of the shipped default
/// (10,000 people, 2 policies, 12 periods): about 0.4 s on 2 cores.
pub const PAGE_REPLICATIONS: u32 = 200;
/// The fewest replications the page runs, however large the scenario.
pub const MIN_PAGE_REPLICATIONS: u32 = 20;
/// The work of one replication of the shipped default scenario: people ×
/// policies × periods.
const DEFAULT_WORK: f64 = 10_000.0 * 2.0 * 12.0;

/// Why a file cannot be named from the page.
const NO_FILES: &str = "network files cannot be chosen from the page: the server reads no file for a request; start `wom serve` with a scenario that names its network file";

/// Why a result with infinite numbers is refused.
const OVERFLOW: &str = "these values are too large to compute: a result is infinite or not a number (for instance economics.margin of 1e308); use smaller values";

/// The network file of a file-network scenario, read at start.
struct FileNetwork {
    /// The path as the scenario resolves it.
    path: PathBuf,
    /// The same, absolute, for the downloaded scenario file.
    absolute: PathBuf,
    /// The network.
    graph: Arc<Graph>,
}

/// A scenario loaded at start, ready to be run with settings.
pub struct AppEngine {
    source: PathBuf,
    text: String,
    scenario: Scenario,
    resolved: serde_json::Value,
    knobs: Vec<Knob>,
    file: Option<FileNetwork>,
    pool: rayon::ThreadPool,
    max_people: u32,
    command_line: Vec<String>,
}

impl AppEngine {
    /// Loads `path` (or the built-in default scenario) and validates it as
    /// `wom run` would, with the server's limits; a file network is read
    /// now, once. Simulations run on `threads` threads (default: all cores).
    ///
    /// # Errors
    /// Bad input for an unreadable or invalid scenario or network file, or
    /// a scenario beyond the server's limits.
    pub fn load(path: Option<&Path>, threads: Option<usize>, max_people: u32) -> Result<Self> {
        let (source, text) = match path {
            Some(p) => (p.to_path_buf(), files::read_input(p, "scenario")?),
            None => (PathBuf::from(DEFAULT_PATH), default_text().to_owned()),
        };
        let input = ScenarioInput {
            path: source.clone(),
            overrides: Vec::new(),
            seed: None,
            replications: None,
        };
        let loaded = scenario::load_text(&text, &input)?;
        let scenario = loaded.scenario;
        let file = match &scenario.network.kind {
            NetworkKind::File { path } => {
                let graph = Arc::new(network::load_file(path)?.graph);
                // Checks the initial customers against the file's people.
                scenario::file_world(scenario.clone(), graph.clone())?;
                let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                Some(FileNetwork {
                    path: path.clone(),
                    absolute,
                    graph,
                })
            }
            NetworkKind::Generated(_) => None,
        };
        let table = resolved::to_table(&scenario)?;
        let mut engine = Self {
            resolved: serde_json::to_value(table)?,
            knobs: Vec::new(),
            source,
            text,
            file,
            pool: thread_pool(threads)?,
            max_people,
            command_line: std::env::args().collect(),
            scenario,
        };
        engine
            .check_size(&engine.scenario)
            .map_err(|e| bad_input(format!("{}: {e}", engine.source.display())))?;
        let people = engine.people(&engine.scenario);
        engine.knobs = knobs::knobs(&engine.scenario, &loaded.table, &engine.text, people);
        Ok(engine)
    }

    /// The page's replications when `wom serve` is not told: as many as
    /// keep the work (people × policies × periods) of [`PAGE_REPLICATIONS`]
    /// runs of the default scenario's size, so that a larger scenario
    /// answers about as fast; at most that, at least
    /// [`MIN_PAGE_REPLICATIONS`] (or `max`), rounded down to tens.
    pub fn page_replications(&self, max: u32) -> u32 {
        let s = &self.scenario;
        let work = f64::from(self.people(s)) * s.policies.len() as f64 * f64::from(s.periods);
        let fit = f64::from(PAGE_REPLICATIONS) * DEFAULT_WORK / work.max(1.0);
        let tens = (fit.min(f64::from(PAGE_REPLICATIONS)) / 10.0).floor() as u32 * 10;
        tens.max(MIN_PAGE_REPLICATIONS).min(max)
    }

    /// The scenario's name.
    pub fn name(&self) -> &str {
        &self.scenario.name
    }

    /// The scenario with `set` applied and `replications`, validated as
    /// `wom run --set … --replications N` validates it, refusing anything
    /// that would make the server read a file.
    fn resolve(&self, set: &[Setting], replications: u32) -> Result<Scenario, String> {
        let overrides = set
            .iter()
            .map(|s| {
                refuse_files(&s.key, &s.value)?;
                Ok(Override {
                    key: s.key.trim().to_owned(),
                    value: s.value.clone(),
                    text: s.text.clone(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let input = ScenarioInput {
            path: self.source.clone(),
            overrides,
            seed: None,
            replications: None,
        };
        let mut scenario = scenario::load_text(&self.text, &input)
            .map_err(|e| cli_message(&e))?
            .scenario;
        // The page's replications are its own, grouped into fewer plausible
        // worlds than `wom run` draws (`uncertainty_view::fit`).
        scenario.replications = replications;
        super::uncertainty_view::fit(&mut scenario);
        if let NetworkKind::File { path } = &scenario.network.kind
            && self.file.as_ref().is_none_or(|f| &f.path != path)
        {
            return Err(NO_FILES.to_owned());
        }
        Ok(scenario)
    }

    /// People simulated: a file network's own count, else the scenario's.
    fn people(&self, scenario: &Scenario) -> u32 {
        match (&scenario.network.kind, &self.file) {
            (NetworkKind::File { .. }, Some(f)) => f.graph.node_count(),
            _ => scenario.population.people,
        }
    }

    /// Checks the per-request limits on people, periods and memory.
    fn check_size(&self, scenario: &Scenario) -> Result<(), String> {
        let people = self.people(scenario);
        if people > self.max_people {
            return Err(format!(
                "population.people is {people}; this server allows at most {} per run (wom serve --max-people)",
                self.max_people
            ));
        }
        if scenario.periods > MAX_PERIODS {
            return Err(format!(
                "periods is {}; this server allows at most {MAX_PERIODS} per run",
                scenario.periods
            ));
        }
        let bytes = scenario
            .network
            .base_spec(people)
            .map_or(0, |s| s.memory_estimate_bytes());
        // With network.resample every worker draws and holds its own
        // network, so the limit is on all of them together.
        let threads = self.pool.current_num_threads() as u64;
        let (bytes, each) = if scenario.network.resample {
            (
                bytes.saturating_mul(threads),
                format!(", one per thread × {threads} threads"),
            )
        } else {
            (bytes, String::new())
        };
        if bytes > MAX_NETWORK_BYTES {
            return Err(format!(
                "the network of {people} people needs about {} MiB{each}; this server allows at most {} MiB per run (lower network.mean_degree or the people)",
                bytes >> 20,
                MAX_NETWORK_BYTES >> 20
            ));
        }
        let results = crate::app::budget::results_bytes(scenario, u64::from(scenario.replications));
        if results > MAX_RESULTS_BYTES {
            return Err(format!(
                "{} need about {} MiB; this server allows at most {} MiB per run (fewer replications, periods or policies)",
                crate::app::budget::describe(scenario, u64::from(scenario.replications)),
                results >> 20,
                MAX_RESULTS_BYTES >> 20
            ));
        }
        Ok(())
    }

    /// The world of a request: on the network read at start for a file
    /// network, else built as `wom run` builds it.
    fn world(&self, scenario: Scenario) -> Result<World, EngineError> {
        let world = match &self.file {
            Some(f) if matches!(scenario.network.kind, NetworkKind::File { .. }) => {
                scenario::file_world(scenario, f.graph.clone())
            }
            _ => scenario::build_world(scenario, self.pool.current_num_threads()),
        };
        world.map_err(|e| EngineError::Invalid(cli_message(&e)))
    }

    /// The scenario file `wom run FILE` turns into exactly this result:
    /// the resolved scenario, every key written, a file network by its
    /// absolute path.
    fn scenario_file(&self, scenario: &Scenario) -> Result<String, EngineError> {
        let mut scenario = scenario.clone();
        if let (NetworkKind::File { path }, Some(f)) = (&mut scenario.network.kind, &self.file) {
            path.clone_from(&f.absolute);
        }
        let body = resolved::to_toml(&scenario).map_err(|e| EngineError::Failed(e.to_string()))?;
        Ok(format!(
            "# Saved from the wom what-if page. `wom run` on this file gives the page's result.\n{body}"
        ))
    }
}

/// The text of the shipped default scenario, built into the binary.
fn default_text() -> &'static str {
    wom::scenario::shipped::SHIPPED
        .iter()
        .find(|(name, _)| *name == "default.toml")
        .map_or("", |(_, text)| text)
}

/// Refuses keys that name a file (`network.path`, `network.format`,
/// `network.kind = "file"`, or a table that holds any of them).
fn refuse_files(key: &str, value: &toml::Value) -> Result<(), String> {
    let key = key.trim();
    let names_file = |k: &str, v: &toml::Value| {
        matches!(k, "network.path" | "network.format")
            || (k == "network.kind" && v.as_str() == Some("file"))
    };
    if names_file(key, value) {
        return Err(format!("{key}: {NO_FILES}"));
    }
    if let toml::Value::Table(t) = value {
        for (k, v) in t {
            refuse_files(&format!("{key}.{k}"), v)?;
        }
    }
    Ok(())
}

/// An error as the command line prints it, without the leading `error: `.
fn cli_message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    text
}

impl Engine for AppEngine {
    fn scenario(&self) -> serde_json::Value {
        self.resolved.clone()
    }

    fn knobs(&self) -> Vec<Knob> {
        self.knobs.clone()
    }

    fn run(
        &self,
        set: &[Setting],
        replications: u32,
        cancel: &CancelFlag,
    ) -> Result<RunOutput, EngineError> {
        let scenario = self
            .resolve(set, replications)
            .map_err(EngineError::Invalid)?;
        self.check_size(&scenario).map_err(EngineError::Invalid)?;
        let started = Instant::now();
        let world = self.world(scenario)?;
        let threads = self.pool.current_num_threads();
        let results = self
            .pool
            .install(|| {
                world.run_cancellable(0..u64::from(replications), || {}, cancel.as_atomic())
            })
            .map_err(|e| match e {
                SimError::Cancelled => EngineError::Cancelled,
                other => EngineError::Invalid(other.to_string()),
            })?;
        // The files `wom run` makes of the same replications.
        let execution = ShardExecution {
            people: world.people(),
            edges: world.shared_graph().map(|g| g.edge_count()),
            scenario_file: self.source.display().to_string(),
            command_line: self.command_line.clone(),
            threads,
            elapsed_seconds: started.elapsed().as_secs_f64(),
        };
        let failed = |e: anyhow::Error| EngineError::Failed(cli_message(&e));
        let run =
            on_one_machine(&world, results, execution, None, "the page's run").map_err(failed)?;
        // JSON has no infinity: such a result can be neither sent nor drawn.
        if run.summary.check(&run.scenario).is_err() {
            return Err(EngineError::Invalid(OVERFLOW.to_owned()));
        }
        let report = render_run(&run, None).map_err(failed)?;
        Ok(RunOutput {
            summary: serde_json::to_value(&run.summary).map_err(|e| failed(e.into()))?,
            view: view::View {
                uncertainty: super::uncertainty_view::of(
                    &run,
                    self.scenario.uncertainty.as_ref(),
                    self.scenario.replications,
                ),
                ..view::view(&run)
            },
            charts: report.charts.into_iter().map(|c| (c.stem, c.svg)).collect(),
            report_html: report.html,
            scenario_toml: self.scenario_file(&run.scenario)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys_are_refused_even_inside_tables() {
        let path = toml::Value::String("/etc/passwd".into());
        assert!(refuse_files("network.path", &path).is_err());
        assert!(refuse_files(" network.format ", &path).is_err());
        assert!(refuse_files("network.kind", &"file".into()).is_err());
        let mut t = toml::Table::new();
        t.insert("path".into(), path.clone());
        assert!(refuse_files("network", &toml::Value::Table(t)).is_err());
        assert!(refuse_files("network.kind", &"erdos_renyi".into()).is_ok());
        assert!(refuse_files("economics.margin", &toml::Value::Float(5.0)).is_ok());
    }

    #[test]
    fn the_saved_scenario_is_the_request_s_with_its_replications() {
        let engine = AppEngine::load(None, Some(1), 100_000).unwrap();
        let set = [Setting {
            key: "economics.margin".into(),
            value: toml::Value::Float(61.5),
            text: "economics.margin=61.5".into(),
        }];
        let scenario = engine.resolve(&set, 37).unwrap();
        let text = engine.scenario_file(&scenario).unwrap();
        let back = wom::scenario::parse(&text, Path::new("elsewhere.toml")).unwrap();
        assert_eq!(
            back, scenario,
            "the file reads back as the request's scenario"
        );
        assert_eq!(back.name, "default");
        assert_eq!(back.replications, 37);
        assert_eq!(back.economics.margin, 61.5);
    }

    #[test]
    fn the_page_runs_fewer_replications_of_a_larger_scenario() {
        let default = AppEngine::load(None, Some(1), 100_000).unwrap();
        assert_eq!(default.page_replications(5_000), PAGE_REPLICATIONS);
        assert_eq!(default.page_replications(50), 50, "never above the cap");
        let shipped = |name: &str| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("scenarios")
                .join(name);
            AppEngine::load(Some(&path), Some(1), 100_000).unwrap()
        };
        // 24,000 people × 4 policies × 12 months is 4.8 times the default's
        // work: 200 / 4.8 = 41.7, rounded down to tens.
        assert_eq!(shipped("staffing.toml").page_replications(5_000), 40);
        // 5,000 people × 3 policies: less work than the default, still 200.
        let cafe = shipped("cafe.toml");
        assert_eq!(cafe.page_replications(5_000), PAGE_REPLICATIONS);
        let mut huge = shipped("staffing.toml");
        huge.scenario.periods = 1200;
        assert_eq!(huge.page_replications(5_000), MIN_PAGE_REPLICATIONS);
    }

    #[test]
    fn a_refused_setting_is_blamed_as_the_command_line_blames_it() {
        let engine = AppEngine::load(None, Some(1), 100_000).unwrap();
        let set = [Setting {
            key: "experience.complaint_rate".into(),
            value: toml::Value::Float(1.5),
            text: "experience.complaint_rate=1.5".into(),
        }];
        let e = engine.resolve(&set, 10).unwrap_err();
        assert!(
            e.starts_with("--set experience.complaint_rate=1.5: "),
            "{e}"
        );
    }
}
