//! `wom calibrate`: arguments.

use super::common::{OutArgs, ScenarioArgs, SetArgs, ThreadArgs};
use crate::app::calibrate::CalibrateOptions;
use crate::app::calibrate_counts::CountsOptions;
use crate::app::calibrate_fit::FitSpec;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// `wom calibrate SCENARIO --observed COUNTS.csv --policy NAME --fit KEY=LO:HI …`
#[derive(Debug, Args)]
#[command(after_help = "\
Fits the --fit keys to a business's own counts by approximate Bayesian
computation (ABC-SMC; docs/calibration.md). Each simulation is one
replication of --policy; the fitted keys are applied like --set.

COUNTS.csv: a `period` column (0 = the first period) and any of customers
(at the start of the period), complaints, conversions, churn, parted.

Writes into --out (default output/STEM-calibration/): posterior.csv,
calibration.json (written last: without it the directory is incomplete),
predictive.csv, calibrated.toml and charts/.

Examples:
  wom calibrate scenarios/shop.toml --observed scenarios/shop_counts.csv \\
      --policy ignore --fit experience.problem_rate=0.01:0.2 \\
      --fit experience.complaint_rate=0.05:0.6
  wom calibrate default.toml --observed counts.csv --policy ignore \\
      --fit effects.deter=0:1 --simulations 20000 --threads 2")]
pub struct CalibrateArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// The observed counts (CSV).
    #[arg(long, value_name = "COUNTS.csv")]
    observed: PathBuf,
    /// The policy the business follows today.
    #[arg(long, value_name = "NAME")]
    policy: String,
    /// A key to fit and its uniform prior, e.g.
    /// `--fit experience.problem_rate=0.01:0.2`; `--fit KEY` alone takes
    /// the key's distribution in the scenario's [uncertainty] (repeatable).
    #[arg(long = "fit", value_name = "KEY[=LO:HI]", required = true)]
    fit: Vec<String>,
    /// Most simulations in all (default 40000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(20..=100_000_000))]
    simulations: Option<u64>,
    /// Particles per generation (default 400).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(10..=1_000_000))]
    particles: Option<u64>,
    #[command(flatten)]
    set: SetArgs,
    #[command(flatten)]
    out: OutArgs,
    #[command(flatten)]
    threads: ThreadArgs,
}

impl CalibrateArgs {
    /// The validated options.
    ///
    /// # Errors
    /// Bad input for a malformed `--fit`.
    pub fn options(&self) -> Result<CalibrateOptions> {
        Ok(CalibrateOptions {
            input: self.scenario.input(&self.set.set, None),
            observed: self.observed.clone(),
            policy: self.policy.clone(),
            fits: self
                .fit
                .iter()
                .map(|f| FitSpec::parse(f))
                .collect::<Result<_>>()?,
            output: self.out.output(),
            threads: self.threads.get(),
            simulations: self.simulations,
            particles: self.particles.map(|p| p as usize),
        })
    }
}

/// `wom counts SCENARIO --policy NAME --out COUNTS.csv`
#[derive(Debug, Args)]
#[command(after_help = "\
Writes one replication of --policy as a counts file (period, customers,
complaints, conversions, churn, and parted when the policy parts with
customers): synthetic counts at known values for `wom calibrate`.

Example:
  wom counts scenarios/shop.toml --policy ignore \\
      --set experience.problem_rate=0.08 --seed 3 --out counts.csv")]
pub struct CountsArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// The policy to simulate.
    #[arg(long, value_name = "NAME")]
    policy: String,
    /// The replication to write.
    #[arg(long, value_name = "R", default_value_t = 0)]
    replication: u64,
    /// The counts file to write.
    #[arg(long, value_name = "COUNTS.csv")]
    out: PathBuf,
    #[command(flatten)]
    set: SetArgs,
}

impl CountsArgs {
    /// The validated options.
    pub fn options(&self) -> CountsOptions {
        CountsOptions {
            input: self.scenario.input(&self.set.set, None),
            policy: self.policy.clone(),
            replication: self.replication,
            out: self.out.clone(),
        }
    }
}
