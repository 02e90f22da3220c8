//! Replications until a target precision: start with some, double until the
//! 95% interval of the headline paired difference is narrow enough relative
//! to its mean, or a maximum is reached.
//!
//! Because [`World::run`] gives the same result for replication `i` however
//! the range is split, growing from `n` to `2n` runs only `n..2n` and keeps
//! the first `n`: the result with `N` replications is identical to a fixed
//! run of `N`. The stopping rule only looks at results, never at timing,
//! so it is reproducible on any number of threads.

use super::{ReplicationResult, SimError, World};
use crate::stats::Summary;
use serde::{Deserialize, Serialize};

/// A precision target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// Largest allowed 95% CI half-width relative to |mean| (e.g. 0.05).
    pub relative: f64,
    /// Never run more replications than this.
    pub max_replications: u64,
}

/// What a run with a precision target reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reached {
    /// The target, relative to |mean|.
    pub target: f64,
    /// Replications used.
    pub replications: u64,
    /// Mean of the headline paired difference.
    pub mean: f64,
    /// Its 95% CI half-width.
    pub half_width: f64,
    /// `half_width / |mean|` (infinite when the mean is 0 and the width not).
    pub relative: f64,
    /// Whether the target was met (else the maximum was reached).
    pub met: bool,
}

/// The headline paired difference, NPV(second policy) − NPV(first), over
/// `results`; `None` with fewer than two policies.
pub fn headline_difference(results: &[ReplicationResult]) -> Option<Summary> {
    if results.first().is_none_or(|r| r.policies.len() < 2) {
        return None;
    }
    let diffs: Vec<f64> = results.iter().map(|r| r.npv_difference(0, 1)).collect();
    Some(Summary::from_values(&diffs))
}

/// Whether `s` meets a relative half-width target.
fn check(s: &Summary, target: f64, replications: u64) -> Reached {
    let half_width = s.half_width();
    let relative = if half_width == 0.0 {
        0.0
    } else {
        half_width / s.mean.abs()
    };
    Reached {
        target,
        replications,
        mean: s.mean,
        half_width,
        relative,
        met: relative <= target,
    }
}

/// Runs replications `0..start` of `world` on the current rayon pool, then,
/// with a `precision`, doubles (capped at its maximum) until the target is
/// met. `grown(total)` is called before each extra round with the new total;
/// `progress` after each replication.
///
/// Returns every replication, in order, and what was reached (`None`
/// without a precision, or with fewer than two policies).
///
/// # Errors
/// The first error of a replication.
pub fn run_to_precision(
    world: &World,
    start: u64,
    precision: Option<Precision>,
    grown: impl FnMut(u64),
    progress: impl Fn() + Sync,
) -> Result<(Vec<ReplicationResult>, Option<Reached>), SimError> {
    let never = std::sync::atomic::AtomicBool::new(false);
    run_to_precision_cancellable(world, start, precision, grown, progress, &never)
}

/// [`run_to_precision`] that stops with [`SimError::Cancelled`] once
/// `cancel` is set (looked at before each replication starts).
///
/// # Errors
/// The first error of a replication, or the cancellation.
pub fn run_to_precision_cancellable(
    world: &World,
    start: u64,
    precision: Option<Precision>,
    mut grown: impl FnMut(u64),
    progress: impl Fn() + Sync,
    cancel: &std::sync::atomic::AtomicBool,
) -> Result<(Vec<ReplicationResult>, Option<Reached>), SimError> {
    let mut results = world.run_cancellable(0..start, &progress, cancel)?;
    let Some(p) = precision else {
        return Ok((results, None));
    };
    let mut n = start;
    loop {
        let Some(summary) = headline_difference(&results) else {
            return Ok((results, None));
        };
        let reached = check(&summary, p.relative, n);
        if reached.met || n >= p.max_replications {
            return Ok((results, Some(reached)));
        }
        let next = n.saturating_mul(2).min(p.max_replications).max(n + 1);
        grown(next);
        results.extend(world.run_cancellable(n..next, &progress, cancel)?);
        n = next;
    }
}

impl Precision {
    /// Checks that a run with this target can start from `start`
    /// replications: at least two (an interval needs them) and no more
    /// than the maximum.
    ///
    /// # Errors
    /// A sentence naming the flags.
    pub fn check_start(&self, start: u64) -> Result<(), String> {
        if start < 2 {
            return Err("--precision needs at least 2 starting replications to estimate an interval; raise --replications".into());
        }
        if start > self.max_replications {
            return Err(format!(
                "--replications {start} is above --max-replications {}",
                self.max_replications
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_width() {
        let s = Summary::from_values(&[9.0, 10.0, 11.0, 10.0]);
        let r = check(&s, 0.2, 4);
        assert!(r.met && r.relative > 0.0 && r.relative < 0.2);
        assert!(!check(&s, 0.01, 4).met);
        let zero = Summary::from_values(&[0.0, 0.0]);
        assert!(check(&zero, 0.01, 2).met, "no spread at all is precise");
        let centred = Summary::from_values(&[-1.0, 1.0]);
        assert!(!check(&centred, 0.5, 2).met);
    }

    #[test]
    fn stops_at_the_first_doubling_that_meets_the_target() {
        let text = "periods = 3\n[population]\npeople = 400\n[network]\nmean_degree = 4\n\
                    [policies.ignore]\nhandling = \"ignore\"\n\
                    [policies.recover]\nhandling = \"recover\"\n";
        let scenario = crate::scenario::parse(text, std::path::Path::new("p.toml")).unwrap();
        let world = World::generated(scenario).unwrap();
        let target = Precision {
            relative: 0.1,
            max_replications: 10_000,
        };
        let mut rounds = Vec::new();
        let (results, reached) =
            run_to_precision(&world, 4, Some(target), |n| rounds.push(n), || {}).unwrap();
        let reached = reached.unwrap();
        assert!(reached.met && reached.relative <= 0.1);
        assert_eq!(results.len() as u64, reached.replications);
        assert!(reached.replications > 4, "needs more than 4 replications");
        // One round fewer would not have met it.
        let half = reached.replications / 2;
        let before = headline_difference(&results[..half as usize]).unwrap();
        assert!(!check(&before, 0.1, half).met);
        // Doubling from 4, reusing the replications already run.
        assert_eq!(rounds.last(), Some(&reached.replications));
        assert!(rounds.iter().all(|n| n.is_power_of_two()));
        let fixed = world.run(0..reached.replications, || {}).unwrap();
        assert_eq!(fixed, results);
        // A maximum below what the target needs stops there, unmet.
        let capped = Precision {
            relative: 0.1,
            max_replications: half,
        };
        let (short, r) = run_to_precision(&world, 4, Some(capped), |_| {}, || {}).unwrap();
        assert_eq!(short.len() as u64, half);
        assert!(!r.unwrap().met);
    }
}
