//! Replications in parallel: rayon over replication indices, one scratch
//! state per worker thread reused across replications, results returned in
//! replication order so that aggregation is serial and thread-count
//! independent.

use rayon::prelude::*;
use std::sync::Mutex;

/// Runs `run(scratch, index)` for `index` in `0..count` on the current rayon
/// pool and returns the results in index order, or the error of the lowest
/// index that failed (rayon stops handing out work after a failure).
///
/// Each worker thread gets one scratch state, built lazily by `init` and
/// reused for every replication that thread runs; `run` must leave no trace
/// in it that changes a later result (reset what it touched). Results depend
/// only on the index, so any number of threads gives identical output.
/// `progress` is called after each finished replication (from any thread).
///
/// # Errors
/// An error returned by `run`.
pub fn replicate<S, R, E, I, F, P>(count: u64, init: I, run: F, progress: P) -> Result<Vec<R>, E>
where
    S: Send,
    R: Send,
    E: Send,
    I: Fn() -> S + Sync,
    F: Fn(&mut S, u64) -> Result<R, E> + Sync,
    P: Fn() + Sync,
{
    let slots: Vec<Mutex<Option<S>>> = (0..rayon::current_num_threads())
        .map(|_| Mutex::new(None))
        .collect();
    (0..count)
        .into_par_iter()
        .map(|index| {
            // Outside a pool's worker (count == 0 edge cases) fall back to slot 0.
            let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
            // Only this thread uses this slot, so the lock is uncontended;
            // a poisoned lock means `run` panicked, which propagates anyway.
            let mut guard = slots[slot].lock().unwrap_or_else(|e| e.into_inner());
            let scratch = guard.get_or_insert_with(&init);
            let result = run(scratch, index);
            drop(guard);
            if result.is_ok() {
                progress();
            }
            result
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn results_are_in_index_order_and_independent_of_threads() {
        let work = |scratch: &mut Vec<u64>, i: u64| -> Result<u64, ()> {
            scratch.clear();
            scratch.extend(0..i % 7);
            Ok(i * 31 + scratch.len() as u64)
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let done = AtomicU64::new(0);
        let a = one.install(|| replicate(500, Vec::new, work, || {}));
        let b = four.install(|| {
            replicate(500, Vec::new, work, || {
                done.fetch_add(1, Ordering::Relaxed);
            })
        });
        assert_eq!(a, b);
        assert_eq!(a.unwrap()[10], 10 * 31 + 3);
        assert_eq!(done.load(Ordering::Relaxed), 500);
        let failing =
            one.install(|| replicate(50, || (), |_, i| if i == 7 { Err(i) } else { Ok(i) }, || {}));
        assert_eq!(failing, Err(7));
    }
}
