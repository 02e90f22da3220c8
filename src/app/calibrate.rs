//! `wom calibrate`: the chosen keys fitted to a business's own counts by
//! ABC-SMC ([`wom::calibrate`]), with the posterior, its summary, a
//! scenario carrying it, and charts of posterior against prior and of the
//! posterior predictive check written into one directory whose
//! calibration.json, written last, marks it complete.

use super::calibrate_fit::{FitSpec, Fitted, Simulator, check_fits};
use super::progress;
use super::scenario::{self, Output, ScenarioInput};
use crate::present::bad_input;
use crate::store::files;
use anyhow::{Context, Result};
use rand::{Rng, RngExt};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;
use wom::calibrate::{self, Outcome, Progress, Settings};
use wom::results::calibration::{
    CalibrationFile, GenerationRecord, KeyPosterior, ObservedFile, PredictiveRow,
};
use wom::results::calibration_counts::{CountColumn, ObservedCounts};
use wom::results::ordered::Ordered;
use wom::rng::{Purpose, StreamKey};

/// Simulations of the posterior predictive check.
const PREDICTIVE_DRAWS: u64 = 200;

/// Inner replications per posterior draw in calibrated.toml.
const REPLICATIONS_PER_DRAW: u32 = 10;

/// The validated options of `wom calibrate`.
#[derive(Debug, Clone)]
pub struct CalibrateOptions {
    /// The scenario, its `--set` overrides and `--seed`.
    pub input: ScenarioInput,
    /// `--observed`: the counts file.
    pub observed: PathBuf,
    /// `--policy`: the policy the business follows.
    pub policy: String,
    /// `--fit`, in order.
    pub fits: Vec<FitSpec>,
    /// `--out` and `--quiet`.
    pub output: Output,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--simulations`: the budget, else the default.
    pub simulations: Option<u64>,
    /// `--particles`, else the default.
    pub particles: Option<usize>,
}

/// Runs `wom calibrate`.
///
/// # Errors
/// Bad input (exit 2) for the scenario, the counts file, a `--fit` or
/// `--policy`; a failure when a file cannot be written.
pub fn run(options: &CalibrateOptions) -> Result<()> {
    let loaded = scenario::load(&options.input)?;
    let s = &loaded.scenario;
    let names = s.policy_names();
    let policy = names
        .iter()
        .position(|n| *n == options.policy)
        .ok_or_else(|| {
            bad_input(format!(
                "--policy {}: no such policy in {}; its policies: {}",
                options.policy,
                options.input.path.display(),
                names.join(", ")
            ))
        })?;
    let file = options.observed.display().to_string();
    let text = files::read_input(&options.observed, "observed counts")?;
    let observed =
        ObservedCounts::parse(&text, &file, s.periods).map_err(|e| bad_input(e.to_string()))?;
    if let Some(i) = observed
        .columns
        .iter()
        .position(|&c| c == CountColumn::Parted)
        && !s.policies[policy].parts()
    {
        return Err(bad_input(format!(
            "{file} at line 1 (`parted`, column of counts {}): the policy `{}` never parts with a customer, so it cannot produce `parted`; drop the column or choose a policy with a `parting` table",
            i + 1,
            options.policy
        )));
    }
    if let Some(j) = s.uncertainty.as_ref().and_then(|u| u.joint.as_ref()) {
        return Err(bad_input(format!(
            "{}: its [uncertainty] has joint draws ({}); calibration fits keys from their priors, so remove the draws first",
            options.input.path.display(),
            j.file
        )));
    }
    if options.fits.is_empty() {
        return Err(bad_input(
            "no --fit KEY=LO:HI: name at least one key to fit",
        ));
    }
    let fitted = check_fits(&options.fits, &loaded, &options.input.path)?;
    let defaults = Settings::default();
    let settings = Settings {
        particles: options.particles.unwrap_or(defaults.particles),
        simulations: options.simulations.unwrap_or(defaults.simulations),
        ..defaults
    };
    if settings.particles < 10 {
        return Err(bad_input(format!(
            "--particles {}: at least 10",
            settings.particles
        )));
    }
    if settings.simulations < 2 * settings.particles as u64 {
        return Err(bad_input(format!(
            "--simulations {}: at least twice the particles ({}), for the prior's generation and one more",
            settings.simulations,
            2 * settings.particles
        )));
    }
    let threads = options.threads.unwrap_or(0);
    let dir = options
        .output
        .dir_for(&options.input.path, Some("calibration"));
    let mut plain = s.clone();
    plain.uncertainty = None;
    let world = scenario::build_world(plain, threads.max(1))?;
    let graph = world.shared_graph().map(|g| std::sync::Arc::new(g.clone()));
    drop(world);
    let simulator = Simulator::new(
        &loaded,
        options.input.path.clone(),
        &fitted,
        policy,
        observed.columns.clone(),
        observed.periods(),
        graph,
    );
    let _lock = files::lock_dir(&dir, true)?;
    crate::store::calibration::forget(&dir)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let flat: Vec<f64> = observed.values.iter().flatten().copied().collect();
    let bar = progress::bar(settings.particles as u64, "particles", options.output.quiet);
    let acceptance = Mutex::new(None::<f64>);
    let show = |event: Progress<'_>| match event {
        Progress::Start {
            generation,
            tolerance,
        } => {
            bar.set_position(0);
            let last = acceptance
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .map_or(String::new(), |a| {
                    format!(", last acceptance {:.1}%", 100.0 * a)
                });
            let tol = if tolerance.is_finite() {
                format!("tolerance {tolerance:.3}")
            } else {
                "from the prior".into()
            };
            bar.set_message(format!("generation {generation}, {tol}{last}"));
        }
        Progress::Particle => bar.inc(1),
        Progress::Done(g) => {
            *acceptance.lock().unwrap_or_else(|e| e.into_inner()) = Some(g.acceptance)
        }
    };
    let seed = s.seed;
    let priors: Vec<_> = fitted.iter().map(|f| f.prior.clone()).collect();
    let outcome = pool.install(|| {
        calibrate::run(
            &priors,
            &flat,
            &settings,
            seed,
            |v, sim_seed| simulator.simulate(v, sim_seed, seed),
            &show,
        )
    })?;
    bar.finish_and_clear();
    let predictive = pool.install(|| predictive_check(&simulator, &outcome, &observed, seed))?;
    let calibration = calibration_file(options, &fitted, &outcome, &observed, &settings, seed);
    let rows: Vec<(f64, Vec<f64>)> = outcome
        .posterior
        .iter()
        .map(|p| (p.weight, p.values.clone()))
        .collect();
    let keys: Vec<String> = fitted.iter().map(|f| f.key.clone()).collect();
    let calibrated = calibrated_toml(&loaded.scenario, &fitted)?;
    let charts = crate::report::charts::calibration_charts::render_all(
        &calibration,
        &fitted_priors(&fitted),
        &rows,
        &predictive,
    )?;
    crate::store::calibration::write(
        &dir,
        &calibration,
        &keys,
        &rows,
        &predictive,
        &calibrated,
        &charts,
    )?;
    if !options.output.quiet {
        print!("{}", summary_text(&calibration, &dir));
    }
    Ok(())
}

fn fitted_priors(fitted: &[Fitted]) -> Vec<(String, wom::calibrate::Prior)> {
    fitted
        .iter()
        .map(|f| (f.key.clone(), f.prior.clone()))
        .collect()
}

/// Simulates [`PREDICTIVE_DRAWS`] draws of the posterior (picked by weight
/// from the stream (seed, draw) under a sub-key of its own) and gives each
/// observed series' mean and 5–95% band per period.
fn predictive_check(
    simulator: &Simulator,
    outcome: &Outcome,
    observed: &ObservedCounts,
    seed: u64,
) -> Result<Vec<PredictiveRow>> {
    let posterior = &outcome.posterior;
    let cumulative: Vec<f64> = posterior
        .iter()
        .scan(0.0, |c, p| {
            *c += p.weight;
            Some(*c)
        })
        .collect();
    let root = StreamKey::new(seed).sub(u64::MAX);
    let sims: Vec<Vec<f64>> = (0..PREDICTIVE_DRAWS)
        .into_par_iter()
        .map(|d| {
            let mut rng = root.sub(d).rng(Purpose::Calibration);
            let u = rng.random::<f64>() * cumulative[cumulative.len() - 1];
            let j = cumulative
                .partition_point(|&c| c <= u)
                .min(posterior.len() - 1);
            simulator.simulate(&posterior[j].values, rng.next_u64(), seed)
        })
        .collect::<Result<_>>()?;
    let periods = observed.periods();
    let mut rows = Vec::new();
    for (c, column) in observed.columns.iter().enumerate() {
        for t in 0..periods {
            let mut values: Vec<f64> = sims.iter().map(|s| s[c * periods + t]).collect();
            values.sort_by(f64::total_cmp);
            rows.push(PredictiveRow {
                series: column.key().to_owned(),
                period: t,
                observed: observed.values[c][t],
                mean: values.iter().sum::<f64>() / values.len() as f64,
                p5: wom::stats::percentile_sorted(&values, 0.05),
                p95: wom::stats::percentile_sorted(&values, 0.95),
            });
        }
    }
    Ok(rows)
}

fn calibration_file(
    options: &CalibrateOptions,
    fitted: &[Fitted],
    outcome: &Outcome,
    observed: &ObservedCounts,
    settings: &Settings,
    seed: u64,
) -> CalibrationFile {
    let weights: Vec<f64> = outcome.posterior.iter().map(|p| p.weight).collect();
    let keys = fitted
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let values: Vec<f64> = outcome.posterior.iter().map(|p| p.values[k]).collect();
            let s = calibrate::summarize(&values, &weights);
            (
                f.key.clone(),
                KeyPosterior {
                    prior: f.prior.describe(),
                    mean: s.mean,
                    median: s.median,
                    interval50: s.interval50,
                    interval90: s.interval90,
                    ess: s.ess,
                },
            )
        })
        .collect();
    let last = &outcome.generations[outcome.generations.len() - 1];
    CalibrationFile {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        scenario: options.input.path.display().to_string(),
        policy: options.policy.clone(),
        seed,
        keys: Ordered(keys),
        simulations: outcome.simulations,
        generations: outcome.generations.len() as u32,
        tolerance: if last.tolerance.is_finite() {
            last.tolerance
        } else {
            outcome
                .posterior
                .iter()
                .map(|p| p.distance)
                .fold(0.0, f64::max)
        },
        particles: settings.particles,
        stopped: outcome.stop.describe().to_owned(),
        observed: ObservedFile {
            file: options.observed.display().to_string(),
            columns: observed
                .columns
                .iter()
                .map(|c| c.key().to_owned())
                .collect(),
            periods: observed.periods(),
        },
        history: outcome
            .generations
            .iter()
            .skip(1)
            .map(|g| GenerationRecord {
                generation: g.index,
                tolerance: g.tolerance,
                simulations: g.simulations,
                acceptance: g.acceptance,
            })
            .collect(),
    }
}

/// The scenario as `wom run` would read it (overrides and seed applied),
/// with the posterior as its `[uncertainty]`: joint draws from
/// posterior.csv beside it, the scenario's other uncertain keys kept, and
/// replications a multiple of the replications per draw.
fn calibrated_toml(scenario: &wom::model::Scenario, fitted: &[Fitted]) -> Result<String> {
    let mut table = wom::scenario::resolved::to_table(scenario)
        .context("cannot write the calibrated scenario")?;
    let mut uncertainty = match table.remove("uncertainty") {
        Some(toml::Value::Table(u)) => u,
        _ => toml::Table::new(),
    };
    for f in fitted {
        uncertainty.remove(&f.key);
    }
    uncertainty.remove("draws");
    let per_draw = scenario
        .uncertainty
        .as_ref()
        .map_or(REPLICATIONS_PER_DRAW, |u| u.replications_per_draw);
    let r = scenario.replications.div_ceil(per_draw) * per_draw;
    table.insert("replications".into(), toml::Value::Integer(i64::from(r)));
    uncertainty.insert(
        "replications_per_draw".into(),
        toml::Value::Integer(i64::from(per_draw)),
    );
    uncertainty.insert(
        "draws_file".into(),
        toml::Value::String("posterior.csv".into()),
    );
    table.insert("uncertainty".into(), toml::Value::Table(uncertainty));
    let body = toml::to_string(&table).context("cannot write the calibrated scenario")?;
    Ok(format!(
        "# The scenario calibrated by `wom calibrate`: its fitted keys are drawn\n# jointly from the posterior in posterior.csv.\n{body}"
    ))
}

/// The terminal summary: one line per key, then the run's size.
pub fn summary_text(c: &CalibrationFile, dir: &std::path::Path) -> String {
    let mut out = format!(
        "Calibrated to {} ({} periods of {})\n",
        c.observed.file,
        c.observed.periods,
        c.observed.columns.join(", ")
    );
    let width = c.keys.keys().map(|k| k.len()).max().unwrap_or(0);
    for (key, k) in &c.keys.0 {
        out += &format!(
            "  {key:width$}  {} (90%: {}–{}; 50%: {}–{}), from a prior {}; ESS {:.0}\n",
            short(k.median),
            short(k.interval90[0]),
            short(k.interval90[1]),
            short(k.interval50[0]),
            short(k.interval50[1]),
            k.prior,
            k.ess
        );
    }
    out += &format!(
        "{} simulations in {} generations of {} particles, final tolerance {:.3}; stopped because {}.\nWrote {}\n",
        c.simulations,
        c.generations,
        c.particles,
        c.tolerance,
        c.stopped,
        dir.display()
    );
    out
}

/// A number with three significant digits.
fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.digits$}")
}
