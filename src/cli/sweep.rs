//! `wom sweep` and `wom sensitivity` arguments.

use super::common::{
    OutArgs, PrecisionArgs, ReplicationsArgs, ScenarioArgs, SetArgs, ShardArgs, ThreadArgs,
};
use crate::app::sensitivity::SensitivityOptions;
use crate::app::sweep::SweepOptions;
use crate::present::bad_input;
use anyhow::Result;
use clap::Args;
use wom::sweep::grid::MAX_POINTS;
use wom::sweep::spec::{Axis, Vary, parse_axis, parse_vary};

/// Sweep scenario keys: every policy compared at every point of a grid of
/// values, with common random numbers across policies and across points.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom sweep scenarios/default.toml --set policies.recover_60min.response_hours=1,4,12,24,48\n  wom sweep scenarios/default.toml --replications 200 \\\n      --set policies.recover_60min.response_hours=1,12,24,36,48 \\\n      --set experience.complaint_rate=0.04:0.5:0.115\n  wom sweep scenarios/tarp.toml --set experience.complaint_rate=0.05:0.5:0.05 --precision 0.05\n  wom sweep scenarios/cafe.toml --set experience.problem_rate=0.02,0.05 \\\n      --set economics.margin=20,40 --zip\n  wom sweep scenarios/default.toml --set policies.recover_60min.response_hours=1,4,12,24,48 \\\n      --resume        # after Ctrl-C: runs only the points not finished\n\nVALUES is a list of TOML values (1,4,24 or '{uniform=[5,10]},{uniform=[15,30]}', quoted) or an exact\ndecimal range START:END:STEP (0:0.5:0.05 is 11 points). Several --set form a grid (the first\nvaries slowest); --zip pairs them. Every point uses the scenario's seed.\n\nFiles written to DIR (default output/<scenario stem>-sweep/): sweep.csv (one row per point ×\npolicy × metric, and per point × comparison the paired difference and its parts), sweep.json,\nmetadata.json, points/ (one file per finished point), charts/sweep-difference, sweep-policies\nand, for two keys, sweep-heatmap (.png and .svg). See docs/sweeps.md.\n\nWith --shard K/N only the points K, K+N, K+2N, … run, into DIR (default output/<scenario\nstem>-sweep-shards/shard-K/): sweep-shard.json and points/; `wom merge` joins the N shards into the\nfiles above. See deploy/README.md."
)]
pub struct SweepArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// A key to sweep and its values: `KEY=V1,V2,…` or `KEY=START:END:STEP`
    /// (repeatable; several form a grid).
    #[arg(long = "set", value_name = "KEY=VALUES", required = true,
          value_parser = |s: &str| parse_axis(s, MAX_POINTS).map_err(|e| e.to_string()))]
    pub set: Vec<Axis>,
    /// Pair the --set lists value by value instead of forming a grid
    /// (equal lengths required).
    #[arg(long)]
    pub zip: bool,
    /// Replications.
    #[command(flatten)]
    pub replications: ReplicationsArgs,
    /// Precision target.
    #[command(flatten)]
    pub precision: PrecisionArgs,
    /// Output.
    #[command(flatten)]
    pub out: OutArgs,
    /// Continue a sweep in DIR: points already finished (same scenario,
    /// values and settings) are kept, the rest are run.
    #[arg(long)]
    pub resume: bool,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// One shard of the points.
    #[command(flatten)]
    pub shard: ShardArgs,
}

impl SweepArgs {
    /// The validated options of `wom sweep`.
    pub fn options(&self) -> SweepOptions {
        SweepOptions {
            input: self.scenario.input(&[], self.replications.replications),
            axes: self.set.clone(),
            zip: self.zip,
            precision: self.precision.target(),
            output: self.out.output(),
            resume: self.resume,
            threads: self.threads.get(),
            shard: self.shard.shard,
        }
    }
}

/// One-at-a-time sensitivity: each key moved to its low and its high value
/// with the others at their base values; the headline paired difference at
/// each, drawn as a tornado.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom sensitivity scenarios/default.toml\n  wom sensitivity scenarios/default.toml --set population.people=2000 --replications 200\n  wom sensitivity scenarios/tarp.toml --replications 300 --vary experience.complaint_rate=0.04:0.5 \\\n      --vary 'outcomes.unresolved.tells={uniform=[5,10]}:{uniform=[15,30]}'\n\nWithout --vary, a default set of keys with ranges from the literature is used (see\ndocs/sweeps.md); keys that cannot change the comparison of the scenario's policies are skipped.\n\nFiles written to DIR (default output/<scenario stem>-sensitivity/): sensitivity.csv,\nsensitivity.json, metadata.json, charts/tornado.png and .svg; with --global, sobol.csv, sobol.json and charts/sobol_indices.png and .svg."
)]
pub struct SensitivityArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// A key and its low and high values, `KEY=LOW:HIGH`, each a TOML value
    /// (repeatable).
    #[arg(long = "vary", value_name = "KEY=LOW:HIGH",
          value_parser = |s: &str| parse_vary(s).map_err(|e| e.to_string()))]
    pub vary: Vec<Vary>,
    /// Change a key of the base scenario first.
    #[command(flatten)]
    pub set: SetArgs,
    /// Replications of every run.
    #[command(flatten)]
    pub replications: ReplicationsArgs,
    /// Output.
    #[command(flatten)]
    pub out: OutArgs,
    /// Threads.
    #[command(flatten)]
    pub threads: ThreadArgs,
    /// Global sensitivity instead of the tornado: first-order and total
    /// Sobol indices per uncertain key (the scenario's [uncertainty], else
    /// the --vary or default ranges as uniform priors); --replications is
    /// then the replications at each design point (default 10).
    #[arg(long)]
    pub global: bool,
    /// With --global: rows of each of the design's matrices A and B (the
    /// design runs SAMPLES × (keys + 2) points).
    #[arg(long, value_name = "SAMPLES", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(8..=100_000))]
    pub samples: u32,
}

impl SensitivityArgs {
    /// The validated options of `wom sensitivity`.
    ///
    /// # Errors
    /// Bad input when a key is given twice with --vary.
    pub fn options(&self) -> Result<SensitivityOptions> {
        for (i, v) in self.vary.iter().enumerate() {
            if self.vary[..i].iter().any(|o| o.key == v.key) {
                return Err(bad_input(format!(
                    "--vary {}: the key is given twice; give each key once",
                    v.key
                )));
            }
        }
        Ok(SensitivityOptions {
            input: self
                .scenario
                .input(&self.set.set, self.replications.replications),
            vary: self.vary.clone(),
            output: self.out.output(),
            threads: self.threads.get(),
            global: self.global.then_some(self.samples),
        })
    }
}
