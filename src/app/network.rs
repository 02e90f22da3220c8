//! Networks as commands need them: a generator or an edge-list file, built
//! after checking that it fits in this machine's memory, and, for sweeps,
//! each distinct network built once and shared by the variants that use it.

use super::limits::{MemoryLimit, SystemFiles};
use crate::present::bad_input;
use crate::store::files;
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use wom::graph::{BuildCounts, GeneratorSpec, Graph, edgelist, generate};
use wom::model::{NetworkKind, Scenario};
use wom::rng::{Purpose, StreamKey};
use wom::sim::NetworkPlan;

/// A network a command asks for on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum NetworkChoice {
    /// Generated from a validated spec.
    Generated(GeneratorSpec),
    /// Read from an edge list.
    File(PathBuf),
}

/// A network ready for use.
pub struct Network {
    /// The graph.
    pub graph: Graph,
    /// For a file, the file's name of each dense node.
    pub names: Option<Vec<String>>,
    /// What it is, for people.
    pub description: String,
    /// Self loops and duplicates dropped.
    pub counts: BuildCounts,
    /// Seconds spent generating or loading.
    pub load_seconds: f64,
}

/// Refuses work needing more than the available memory; `fix` says what
/// to change.
///
/// # Errors
/// Bad input naming what was asked and what the machine (or the cgroup
/// the process runs in) has.
pub fn check_memory(needed: u64, what: &str, fix: &str) -> Result<()> {
    check_memory_against(SystemFiles::system().memory(), needed, what, fix)
}

fn check_memory_against(
    limit: Option<MemoryLimit>,
    needed: u64,
    what: &str,
    fix: &str,
) -> Result<()> {
    if let Some(limit) = limit
        && needed > limit.available
    {
        let gib = |b: u64| b as f64 / (1u64 << 30) as f64;
        let whose = match limit.cgroup_limit {
            Some(l) => format!(
                "this process's memory limit (cgroup, {:.1} GiB) leaves {:.1} GiB available",
                gib(l),
                gib(limit.available)
            ),
            None => format!("this machine has {:.1} GiB available", gib(limit.available)),
        };
        return Err(bad_input(format!(
            "{what} needs about {:.1} GiB of memory, but {whose}; {fix}",
            gib(needed),
        )));
    }
    Ok(())
}

/// Bytes of one worker's scratch state for `scenario`: the person array and
/// buffers (10 bytes per person; 9.7 measured at 10 million people and
/// 7.4 at 100 million, benches/README.md), plus with weak-tie churn the weak ties of every period of its
/// replication (8-byte offsets per person and 4-byte ids for both ends of
/// each weak tie), plus a resampled network.
fn per_worker_bytes(scenario: &Scenario) -> u64 {
    let people = u64::from(scenario.population.people);
    let weak = scenario.network.weak_tie_churn().map_or(0, |w| {
        u64::from(scenario.periods) * (8 * people + 4 * (people as f64 * w.weak_ties) as u64)
    });
    let resampled = if scenario.network.resample {
        shared_bytes(scenario)
    } else {
        0
    };
    people * 10 + weak + resampled
}

/// Peak bytes of generating the network a scenario generates once (0 for
/// a file network).
fn shared_bytes(scenario: &Scenario) -> u64 {
    scenario
        .network
        .base_spec(scenario.population.people)
        .map_or(0, |spec| spec.memory_estimate_bytes())
}

/// Bytes of that network once built.
fn graph_bytes(scenario: &Scenario) -> u64 {
    scenario
        .network
        .base_spec(scenario.population.people)
        .map_or(0, |spec| spec.graph_bytes())
}

/// The peak memory of `networks` distinct shared networks like this
/// scenario's and the scratch state of `workers` workers. Generating a
/// network holds its CSR (and for Barabási–Albert the targets it draws
/// from, freed before the replications start), so the peak is the larger
/// of building the last network and running on the built ones (the others
/// held). Measured at 10 and 100 million people: benches/README.md.
fn needed_bytes(scenario: &Scenario, workers: usize, networks: usize) -> u64 {
    let (build, held) = if scenario.network.resample {
        (0, 0)
    } else {
        (shared_bytes(scenario), graph_bytes(scenario))
    };
    let scratch = per_worker_bytes(scenario) * workers as u64;
    held * networks.saturating_sub(1) as u64 + build.max(held + scratch)
}

/// Checks, without building anything, that `networks` distinct shared
/// networks like this scenario's and the scratch state of `threads` workers
/// fit in memory.
///
/// # Errors
/// Bad input for a network too large for this machine.
pub fn check_fits(scenario: &Scenario, threads: usize, networks: usize) -> Result<()> {
    if matches!(scenario.network.kind, NetworkKind::File { .. }) {
        return Ok(());
    }
    let needed = needed_bytes(scenario, threads, networks);
    let networks = if networks > 1 {
        format!(" ({networks} distinct networks)")
    } else {
        String::new()
    };
    check_memory(
        needed,
        &format!(
            "scenario “{}” with {} people{networks} on {threads} threads",
            scenario.name, scenario.population.people
        ),
        "lower population.people or network.mean_degree (or the network's other size keys), or use fewer --threads",
    )
}

/// Generates a network from a spec on the stream `(seed, Network)`, after
/// the memory check.
///
/// # Errors
/// Bad input for a network too large for this machine.
pub fn generate_checked(spec: &GeneratorSpec, seed: u64) -> Result<(Graph, BuildCounts)> {
    check_memory(
        spec.memory_estimate_bytes(),
        &format!(
            "a {} network with {} nodes",
            spec.generator.key(),
            spec.nodes
        ),
        "use fewer --nodes or a smaller degree",
    )?;
    let mut rng = StreamKey::new(seed).rng(Purpose::Network);
    generate(spec, &mut rng).map_err(|e| bad_input(e.to_string()))
}

/// Loads an edge list after a memory check (about 32 bytes per line at most
/// 4 bytes long is an upper bound on what the reader and the CSR hold).
///
/// # Errors
/// Bad input for a missing, unreadable or malformed file.
pub fn load_file(path: &Path) -> Result<edgelist::LoadedGraph> {
    let size = files::input_size(path, "edge list")?;
    check_memory(
        size.saturating_mul(8),
        &format!("edge list {}", path.display()),
        "use a smaller network, or a machine with more memory",
    )?;
    let reader = files::open_input(path, "edge list")?;
    let loaded = edgelist::read(reader, path)?;
    if let Some(note) = loaded.note()
        && first_note_for(path)
    {
        eprintln!("note: {}: {note}", path.display());
    }
    Ok(loaded)
}

/// Whether `path`'s note has not been printed yet in this process (and
/// from now on it has): a command that reads a network file twice, as
/// `wom validate` does to check its node lists, says what it ignored once.
fn first_note_for(path: &Path) -> bool {
    static NOTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let mut noted = NOTED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if noted.iter().any(|p| p == path) {
        false
    } else {
        noted.push(path.to_path_buf());
        true
    }
}

/// Builds the network a command asks for.
///
/// # Errors
/// Bad input for a network too large or a bad file.
pub fn build(choice: &NetworkChoice, seed: u64) -> Result<Network> {
    let start = Instant::now();
    let network = match choice {
        NetworkChoice::Generated(spec) => {
            let (graph, counts) = generate_checked(spec, seed)?;
            Network {
                description: format!(
                    "{} ({} nodes)",
                    spec.generator.key(),
                    crate::present::format::count(u64::from(spec.nodes))
                ),
                graph,
                names: None,
                counts,
                load_seconds: 0.0,
            }
        }
        NetworkChoice::File(path) => {
            let loaded = load_file(path)?;
            Network {
                description: format!("{}", path.display()),
                graph: loaded.graph,
                names: Some(loaded.names),
                counts: loaded.counts,
                load_seconds: 0.0,
            }
        }
    };
    Ok(Network {
        load_seconds: start.elapsed().as_secs_f64(),
        ..network
    })
}

/// What makes two variants' shared networks the same network: the
/// resolved `[network]` table, the people and the seed (a generated
/// network is a pure function of them), or a file's path.
pub fn network_key(scenario: &Scenario) -> Option<String> {
    if scenario.network.resample {
        return None;
    }
    Some(match &scenario.network.kind {
        NetworkKind::File { path } => format!("file {}", path.display()),
        NetworkKind::Generated(_) => format!(
            "{:?} people {} seed {}",
            scenario.network.base_spec(scenario.population.people),
            scenario.population.people,
            scenario.seed
        ),
    })
}

/// Shared networks of a sweep, each built once when a variant first needs
/// it and dropped when the last variant using it has taken it.
pub struct NetworkCache {
    /// Per network key: the network once built, and the variants still to
    /// take it.
    slots: Mutex<HashMap<String, Arc<Mutex<Slot>>>>,
}

struct Slot {
    graph: Option<Arc<Graph>>,
    remaining: usize,
}

impl NetworkCache {
    /// A cache for these variants (each will call [`NetworkCache::plan`]
    /// once).
    pub fn new<'a>(variants: impl IntoIterator<Item = &'a Scenario>) -> Self {
        let mut slots: HashMap<String, Arc<Mutex<Slot>>> = HashMap::new();
        for key in variants.into_iter().filter_map(network_key) {
            let slot = slots.entry(key).or_insert_with(|| {
                Arc::new(Mutex::new(Slot {
                    graph: None,
                    remaining: 0,
                }))
            });
            slot.lock().unwrap_or_else(|e| e.into_inner()).remaining += 1;
        }
        Self {
            slots: Mutex::new(slots),
        }
    }

    /// How many distinct shared networks the variants use.
    pub fn distinct(&self) -> usize {
        self.slots.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The network plan of one variant: its shared network, built on first
    /// use (other variants needing the same network wait for it), or a
    /// per-replication plan with `network.resample`.
    ///
    /// # Errors
    /// Bad input for a network file that cannot be read, or a network that
    /// cannot be built.
    pub fn plan(&self, scenario: &Scenario) -> Result<NetworkPlan> {
        let Some(key) = network_key(scenario) else {
            return match NetworkPlan::generated(scenario) {
                Some(plan) => plan.map_err(|e| bad_input(e.to_string())),
                None => Err(bad_input("a file network cannot be resampled")),
            };
        };
        let slot = self
            .slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("internal: network of an unplanned variant"))?;
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        let graph = match &slot.graph {
            Some(g) => g.clone(),
            None => {
                let g = Arc::new(match &scenario.network.kind {
                    NetworkKind::File { path } => load_file(path)?.graph,
                    NetworkKind::Generated(_) => match NetworkPlan::generated(scenario) {
                        Some(Ok(NetworkPlan::Shared(g))) => Arc::unwrap_or_clone(g),
                        Some(Err(e)) => return Err(bad_input(e.to_string())),
                        _ => return Err(anyhow::anyhow!("internal: no shared network")),
                    },
                });
                slot.graph = Some(g.clone());
                g
            }
        };
        slot.remaining = slot.remaining.saturating_sub(1);
        if slot.remaining == 0 {
            slot.graph = None;
        }
        Ok(NetworkPlan::Shared(graph))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn scenario(rewire: f64, complaint_rate: f64) -> Scenario {
        let text = format!(
            "[population]\npeople = 300\n[network]\nmean_degree = 4\nrewire = {rewire}\n\
             [experience]\ncomplaint_rate = {complaint_rate}\n\
             [policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\n"
        );
        wom::scenario::parse(&text, Path::new("s.toml")).unwrap()
    }

    fn shared(plan: NetworkPlan) -> Arc<Graph> {
        match plan {
            NetworkPlan::Shared(g) => g,
            NetworkPlan::Resample(_) => panic!("expected a shared network"),
        }
    }

    #[test]
    fn the_memory_estimate_is_the_measured_peak_plus_a_few_percent() {
        // benches/README.md: default.toml with 4 replications on 2 threads,
        // peak resident memory by /usr/bin/time -v.
        let at = |people: u32, degree: u32| {
            let text = format!(
                "[population]\npeople = {people}\n[network]\nmean_degree = {degree}\n\
                 [policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\n"
            );
            let s = wom::scenario::parse(&text, Path::new("s.toml")).unwrap();
            needed_bytes(&s, 2, 1) as f64
        };
        // (people, mean degree, peak resident KiB measured)
        let measured: &[(u32, u32, f64)] = &[
            (10_000_000, 30, 1_439_860.0),
            (100_000_000, 30, 13_942_408.0),
        ];
        for &(people, degree, measured_kib) in measured {
            let ratio = at(people, degree) / (measured_kib * 1024.0);
            assert!(
                (1.0..1.05).contains(&ratio),
                "{people} people, degree {degree}: estimate / measured = {ratio} (0 to 5% above)"
            );
        }
    }

    #[test]
    fn a_cgroup_limit_is_named_in_the_refusal() {
        let limit = MemoryLimit {
            available: 1 << 30,
            cgroup_limit: Some(1 << 30),
        };
        let err = check_memory_against(Some(limit), 3 << 30, "this run", "lower it").unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("needs about 3.0 GiB of memory"), "{text}");
        assert!(text.contains("memory limit (cgroup, 1.0 GiB)"), "{text}");
        assert_eq!(crate::present::exit_code(&err), 2);
        assert!(check_memory_against(Some(limit), 1 << 29, "this run", "").is_ok());
        assert!(check_memory_against(None, u64::MAX, "this run", "").is_ok());
    }

    #[test]
    fn variants_with_the_same_network_share_one_graph() {
        let (a, b) = (scenario(0.1, 0.1), scenario(0.1, 0.4));
        let c = scenario(0.3, 0.1);
        let cache = NetworkCache::new([&a, &b, &c]);
        assert_eq!(cache.distinct(), 2);
        let ga = shared(cache.plan(&a).unwrap());
        let gb = shared(cache.plan(&b).unwrap());
        let gc = shared(cache.plan(&c).unwrap());
        assert!(Arc::ptr_eq(&ga, &gb), "same network, built once");
        assert!(!Arc::ptr_eq(&ga, &gc));
        // Each slot lets go of its graph once its last variant took it.
        assert_eq!(Arc::strong_count(&ga), 2);
        assert_eq!(Arc::strong_count(&gc), 1);
        // The shared graph is the one `wom run` would draw.
        assert_eq!(*ga, *shared(NetworkPlan::generated(&a).unwrap().unwrap()));
    }
}
