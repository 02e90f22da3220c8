//! The limits of a server and the gate in front of the simulations: at most
//! a fixed number run at once, a bounded number wait for their turn, the
//! rest are turned away at once (answered 503 with `Retry-After`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// What one server allows, fixed at start.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Replications of a run that does not ask for a number (the page's).
    pub page_replications: u32,
    /// Most replications one request may ask for.
    pub max_replications: u32,
    /// Most people one request may simulate.
    pub max_people: u32,
    /// Simulations running at once.
    pub max_running: usize,
    /// Requests waiting for a free slot; more are answered 503.
    pub max_queued: usize,
    /// Longest a request may take, waiting included; then it is cancelled.
    pub time_limit: Duration,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
}

/// Admission to the simulations.
#[derive(Debug)]
pub struct Gate {
    slots: Arc<Semaphore>,
    max_running: usize,
    waiting: AtomicUsize,
    max_queued: usize,
}

/// The gate is full: come back later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Counts a request as waiting while it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    /// A gate for `max_running` simulations at once (at least one) and
    /// `max_queued` waiting.
    pub fn new(max_running: usize, max_queued: usize) -> Self {
        let max_running = max_running.max(1);
        Self {
            slots: Arc::new(Semaphore::new(max_running)),
            max_running,
            waiting: AtomicUsize::new(0),
            max_queued,
        }
    }

    /// A slot to run one simulation, held until the permit is dropped;
    /// waits in the queue when every slot is taken and the queue has room.
    ///
    /// # Errors
    /// [`Busy`] when every slot is taken and the queue is full.
    pub async fn enter(&self) -> Result<OwnedSemaphorePermit, Busy> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_queued {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(Busy);
        }
        let _waiting = Waiting(&self.waiting);
        self.slots.clone().acquire_owned().await.map_err(|_| Busy)
    }

    /// Simulations running now.
    pub fn running(&self) -> usize {
        self.max_running - self.slots.available_permits()
    }

    /// Requests waiting now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn admits_runs_queues_and_refuses() {
        let gate = Arc::new(Gate::new(1, 1));
        let first = gate.enter().await.unwrap();
        assert_eq!(gate.running(), 1);
        let g = gate.clone();
        let queued = tokio::spawn(async move { g.enter().await.map(drop) });
        while gate.waiting() == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(gate.enter().await.err(), Some(Busy), "the queue is full");
        drop(first);
        assert_eq!(queued.await.unwrap(), Ok(()));
        assert_eq!((gate.running(), gate.waiting()), (0, 0));
    }
}
