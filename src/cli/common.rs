//! Option groups shared by several commands, flattened into each, and
//! their conversion into the validated options the commands take.

use crate::app::network::NetworkChoice;
use crate::app::scenario::{Output, Override, ScenarioInput};
use crate::present::bad_input;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use wom::graph::{Generator, GeneratorSpec};
use wom::results::shard::ShardSpec;
use wom::sim::precision::Precision;

/// The scenario file and its seed.
#[derive(Debug, Clone, Args)]
pub struct ScenarioArgs {
    /// Scenario file (TOML).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Random seed (overrides the scenario's `seed`; every random stream
    /// derives from it).
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u64).range(0..=i64::MAX as u64))]
    pub seed: Option<u64>,
}

/// `--set KEY=VALUE` overrides of scenario keys.
#[derive(Debug, Clone, Args)]
pub struct SetArgs {
    /// Override a scenario key, e.g. `--set population.people=50000` or
    /// `--set policies.recover.response_hours=4` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_override)]
    pub set: Vec<Override>,
}

/// `--replications`.
#[derive(Debug, Clone, Args)]
pub struct ReplicationsArgs {
    /// Replications (overrides the scenario's `replications`; with
    /// --precision, how many to start with).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=10_000_000))]
    pub replications: Option<u32>,
}

/// Where results go and how much is printed.
#[derive(Debug, Clone, Args)]
pub struct OutArgs {
    /// Output directory (default: a directory under output/ named after the
    /// scenario file; see below).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No progress bar and no table: only errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
    /// Write into --out even when it already holds files and no result of
    /// wom's (refused otherwise; the root of the file system always is).
    #[arg(long)]
    pub force_out: bool,
}

impl OutArgs {
    /// The output options (and `--force-out` for the output directory's
    /// check, `store::files::check_out_dir`).
    pub fn output(&self) -> Output {
        crate::store::files::force_out(self.force_out);
        Output {
            dir: self.out.clone(),
            quiet: self.quiet,
        }
    }
}

/// `--shard K/N`.
#[derive(Debug, Clone, Args)]
pub struct ShardArgs {
    /// Run only shard K of N (K from 0 to N−1) and write it to --out for
    /// `wom merge`: a run's replications ⌊K·R/N⌋ to ⌊(K+1)·R/N⌋−1, a
    /// sweep's points K, K+N, K+2N, … No charts, no report. --out must be
    /// new or empty, or hold this very shard (then nothing is done).
    #[arg(long, value_name = "K/N", value_parser = ShardSpec::parse)]
    pub shard: Option<ShardSpec>,
}

/// Threads for parallel work.
#[derive(Debug, Clone, Args)]
pub struct ThreadArgs {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
}

impl ThreadArgs {
    /// The threads asked for, if any.
    pub fn get(&self) -> Option<usize> {
        self.threads.map(|t| t as usize)
    }
}

/// A precision target: replications grow until the headline interval is
/// narrow enough.
#[derive(Debug, Clone, Args)]
pub struct PrecisionArgs {
    /// Grow the replications (doubling, reusing those already run) until the
    /// 95% CI half-width of the headline paired difference (first policy vs
    /// second) is at most X × |mean|, e.g. 0.05 for ±5%. Starts from
    /// --replications, else the scenario's `replications` if written, else 100.
    #[arg(long, value_name = "X", value_parser = parse_precision)]
    pub precision: Option<f64>,
    /// Most replications --precision may use.
    #[arg(long, value_name = "N", default_value_t = 100_000, requires = "precision",
          value_parser = clap::value_parser!(u64).range(2..=10_000_000))]
    pub max_replications: u64,
}

impl PrecisionArgs {
    /// The precision target of the flags, if any.
    pub fn target(&self) -> Option<Precision> {
        self.precision.map(|relative| Precision {
            relative,
            max_replications: self.max_replications,
        })
    }
}

fn parse_precision(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!(
            "{text} is not allowed; expected a relative half-width above 0, e.g. 0.05 for ±5%"
        )),
    }
}

/// A probability flag: a number in [0, 1].
pub fn parse_probability(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{text} is not allowed; expected a probability in [0, 1]"
        )),
    }
}

/// `KEY=VALUE`, the value read as a TOML literal.
fn parse_override(text: &str) -> Result<Override, String> {
    let Some((key, value)) = text.split_once('=') else {
        return Err(format!(
            "{text:?}: expected KEY=VALUE, e.g. experience.complaint_rate=0.1"
        ));
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(format!("{text:?}: the key before `=` is empty"));
    }
    Ok(Override {
        key: key.to_owned(),
        value: wom::scenario::parse_value_literal(value.trim()),
        text: text.to_owned(),
    })
}

impl ScenarioArgs {
    /// The scenario input with `set` applied and `replications` if given.
    pub fn input(&self, set: &[Override], replications: Option<u32>) -> ScenarioInput {
        ScenarioInput {
            path: self.scenario.clone(),
            overrides: set.to_vec(),
            seed: self.seed,
            replications,
        }
    }
}

/// A network: a file (`--graph`) or a generator (`--network` and its
/// parameters).
#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// Edge-list file: one `u v` pair a line, `#` comments.
    #[arg(long, value_name = "FILE", conflicts_with = "network")]
    pub graph: Option<PathBuf>,
    /// Network generator.
    #[arg(long, value_name = "KIND", value_enum)]
    pub network: Option<NetworkKindArg>,
    /// Nodes for a generated network.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub nodes: u32,
    /// Mean degree (watts_strogatz: even integer; erdos_renyi: any ≥ 0).
    #[arg(long, value_name = "K", default_value_t = 10.0)]
    pub mean_degree: f64,
    /// Watts–Strogatz rewiring probability.
    #[arg(long, value_name = "P", default_value_t = 0.1)]
    pub rewire: f64,
    /// Barabási–Albert links per new node.
    #[arg(long, value_name = "M", default_value_t = 5)]
    pub attach: u32,
    /// strong_weak_ties: nodes per cluster.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub cluster_size: u32,
    /// strong_weak_ties: expected strong ties per node (inside its cluster).
    #[arg(long, value_name = "K", default_value_t = 6.0)]
    pub strong_ties: f64,
    /// strong_weak_ties: expected weak ties per node (across clusters).
    #[arg(long, value_name = "K", default_value_t = 2.0)]
    pub weak_ties: f64,
}

/// The network generators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum NetworkKindArg {
    /// Small world (Watts–Strogatz).
    WattsStrogatz,
    /// Scale free (Barabási–Albert).
    BarabasiAlbert,
    /// Random graph G(n, p).
    ErdosRenyi,
    /// Clusters of strong ties plus weak ties across them.
    StrongWeakTies,
}

impl NetworkArgs {
    /// The network the flags describe, checked by the one network
    /// validator.
    ///
    /// # Errors
    /// Bad input naming the flag and what is allowed.
    pub fn choice(&self) -> Result<NetworkChoice> {
        let kind = match (&self.graph, self.network) {
            (Some(path), _) => return Ok(NetworkChoice::File(path.clone())),
            (None, None) => {
                return Err(bad_input(
                    "no network: give --graph FILE or --network KIND (watts_strogatz, barabasi_albert, erdos_renyi, strong_weak_ties)",
                ));
            }
            (None, Some(kind)) => kind,
        };
        let generator = match kind {
            NetworkKindArg::WattsStrogatz => Generator::WattsStrogatz {
                mean_degree: self.mean_degree,
                rewire: self.rewire,
            },
            NetworkKindArg::BarabasiAlbert => Generator::BarabasiAlbert {
                attach: self.attach,
            },
            NetworkKindArg::ErdosRenyi => Generator::ErdosRenyi {
                mean_degree: self.mean_degree,
            },
            NetworkKindArg::StrongWeakTies => Generator::StrongWeakTies {
                cluster_size: self.cluster_size,
                strong_ties: self.strong_ties,
                weak_ties: self.weak_ties,
            },
        };
        let spec = GeneratorSpec::new(self.nodes, generator);
        spec.validate_as("--nodes").map_err(|e| {
            bad_input(format!(
                "--network {}: --{} is {}; allowed: {}",
                spec.generator.key(),
                e.param.replace('_', "-"),
                e.value,
                e.allowed
            ))
        })?;
        Ok(NetworkChoice::Generated(spec))
    }
}
