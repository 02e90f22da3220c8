//! A complaint desk: `c` agents serving complaints first come first served
//! over a weekly [`Calendar`], with backlog carried across periods (MODEL.md,
//! "Staffing").
//!
//! Complaints are given to [`Desk::serve`] in arrival order. Each is taken by
//! the agent who becomes free first, at `next_open(max(arrival, free))`, so
//! service starts are non-decreasing; the response time is
//! `R = start − arrival`. Agents' next free times persist until
//! [`Desk::reset`], so work not started by the end of a period is carried
//! into the next. Cost per complaint: `O(log c)` (a binary min-heap of free
//! times) plus `O(1)` calendar work; nothing is allocated per complaint
//! beyond the amortised growth of the backlog queue, whose capacity is kept
//! across resets.
//!
//! **Service that reaches closing time pauses.** A complaint's handling time
//! is counted in open hours only: when the desk closes, the agent stops and
//! resumes the same complaint at the next opening (16:00 + 2 h on a 09:00–17:00
//! desk ends at 10:00 the next open day). The alternatives distort what the
//! owner pays for and sees: finishing past closing is unpaid overtime that
//! makes capacity exceed `agents × open hours`; refusing to start what cannot
//! finish before closing leaves agents idle while complaints wait. Pausing
//! keeps capacity exactly `agents × open hours` (what `agent_cost` buys, and
//! the denominator of utilisation), and with an always-open desk it is the
//! M/M/c queue of Erlang C. The response time `R` is the wait for the first
//! answer, so a pause delays later complaints, not the one in hand.

use std::collections::VecDeque;

use thiserror::Error;

use super::calendar::Calendar;

/// A request the desk cannot serve.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DeskError {
    /// A desk needs at least one agent.
    #[error("`agents` = 0 is not allowed; expected at least 1 agent")]
    NoAgents,
    /// An arrival time that is NaN, infinite or negative.
    #[error("arrival at hour {0} is not allowed; expected a finite time >= 0")]
    BadArrival(f64),
    /// An arrival earlier than the one served before it.
    #[error(
        "arrival at hour {arrival_hours} comes before the previous one at hour \
         {previous_hours}; complaints must be served in arrival order"
    )]
    OutOfOrder {
        /// This arrival.
        arrival_hours: f64,
        /// The previous arrival.
        previous_hours: f64,
    },
    /// A handling time that is NaN, infinite or negative.
    #[error("handling time {0} hours is not allowed; expected a finite number >= 0")]
    BadHandling(f64),
    /// A query about a time before the last arrival served (or before the
    /// current span's start), which the desk no longer knows.
    #[error(
        "hour {at_hours} is before hour {earliest_hours}, the earliest the desk can report on \
         (the last arrival served or the start of the current span)"
    )]
    TooEarly {
        /// The time asked about.
        at_hours: f64,
        /// The earliest time the desk can answer for.
        earliest_hours: f64,
    },
}

/// When one complaint's service starts and ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Served {
    /// When an agent starts on it (the answer), hours.
    pub start_hours: f64,
    /// When that agent is done with it, hours.
    pub finish_hours: f64,
    /// The response time `R = start − arrival`, hours (exactly 0 when an
    /// agent was free and the desk open).
    pub wait_hours: f64,
}

/// What the desk did during one span of time (see [`Desk::end_span`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanStats {
    /// Start of the span, hours.
    pub from_hours: f64,
    /// End of the span, hours.
    pub to_hours: f64,
    /// Open hours agents spent handling complaints within the span.
    pub busy_open_hours: f64,
    /// `agents × open hours` in the span.
    pub open_agent_hours: f64,
    /// `busy_open_hours / open_agent_hours` in `[0, 1]`; 0 for a span
    /// without open hours.
    pub utilisation: f64,
    /// Complaints served so far whose service had not started by the end of
    /// the span.
    pub backlog: usize,
}

/// A first-come-first-served desk of agents (see the module docs).
///
/// ```
/// use wom::staffing::{Calendar, Desk};
/// let mut desk = Desk::new(1, Calendar::new(5, 8.0).unwrap()).unwrap();
/// let a = desk.serve(9.0, 1.0).unwrap();  // Monday 09:00, an hour's work
/// let b = desk.serve(9.5, 0.5).unwrap();  // waits for the agent
/// assert_eq!((a.wait_hours, b.start_hours, b.wait_hours), (0.0, 10.0, 0.5));
/// let c = desk.serve(20.0, 0.25).unwrap(); // Monday 20:00: desk closed
/// assert_eq!(c.start_hours, 33.0);         // Tuesday 09:00
/// ```
#[derive(Debug, Clone)]
pub struct Desk {
    /// The opening hours.
    calendar: Calendar,
    /// Each agent's next free time, hours, as a binary min-heap
    /// (`free_at[i] <= free_at[2i+1], free_at[2i+2]`); length = agents >= 1.
    free_at: Vec<f64>,
    /// Start times of served complaints that waited and may not have started
    /// yet, non-decreasing; entries `<=` the last arrival are dropped lazily.
    waiting_starts: VecDeque<f64>,
    /// The last arrival served (0 after a reset).
    last_arrival: f64,
    /// Sum of the handling times (open hours) of every complaint served.
    committed_open_hours: f64,
    /// Start of the current span for [`Desk::end_span`].
    span_start: f64,
    /// Work done by `span_start`, open hours.
    done_at_span_start: f64,
}

impl Desk {
    /// A desk of `agents` agents, all free at hour 0, open by `calendar`.
    /// Cost `O(agents)`.
    ///
    /// # Errors
    /// [`DeskError::NoAgents`] for 0 agents.
    pub fn new(agents: u32, calendar: Calendar) -> Result<Self, DeskError> {
        if agents == 0 {
            return Err(DeskError::NoAgents);
        }
        Ok(Self {
            calendar,
            free_at: vec![0.0; agents as usize],
            waiting_starts: VecDeque::new(),
            last_arrival: 0.0,
            committed_open_hours: 0.0,
            span_start: 0.0,
            done_at_span_start: 0.0,
        })
    }

    /// Back to the state of [`Desk::new`] for another replication, keeping
    /// the allocations. Cost `O(agents)`.
    pub fn reset(&mut self) {
        self.free_at.fill(0.0);
        self.waiting_starts.clear();
        self.last_arrival = 0.0;
        self.committed_open_hours = 0.0;
        self.span_start = 0.0;
        self.done_at_span_start = 0.0;
    }

    /// Back to the state of `Desk::new(agents, calendar)`, keeping the
    /// allocations (for the next policy or replication a thread runs).
    /// Cost `O(agents)`.
    ///
    /// # Errors
    /// [`DeskError::NoAgents`] for 0 agents (the desk is then unchanged).
    pub fn reset_to(&mut self, agents: u32, calendar: Calendar) -> Result<(), DeskError> {
        if agents == 0 {
            return Err(DeskError::NoAgents);
        }
        self.calendar = calendar;
        self.free_at.clear();
        self.free_at.resize(agents as usize, 0.0);
        self.reset();
        Ok(())
    }

    /// The number of agents.
    pub fn agents(&self) -> usize {
        self.free_at.len()
    }

    /// The opening hours.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Serves one complaint arriving at `arrival_hours` that needs
    /// `handle_hours` of an agent's open time. Call in arrival order.
    /// Cost `O(log agents)`.
    ///
    /// # Errors
    /// [`DeskError::BadArrival`] or [`DeskError::BadHandling`] for a time
    /// that is not finite and `>= 0`; [`DeskError::OutOfOrder`] for an
    /// arrival before the previous one. The desk is unchanged on error.
    pub fn serve(&mut self, arrival_hours: f64, handle_hours: f64) -> Result<Served, DeskError> {
        if !(arrival_hours.is_finite() && arrival_hours >= 0.0) {
            return Err(DeskError::BadArrival(arrival_hours));
        }
        if arrival_hours < self.last_arrival {
            return Err(DeskError::OutOfOrder {
                arrival_hours,
                previous_hours: self.last_arrival,
            });
        }
        if !(handle_hours.is_finite() && handle_hours >= 0.0) {
            return Err(DeskError::BadHandling(handle_hours));
        }
        let start_hours = self.calendar.next_open(arrival_hours.max(self.free_at[0]));
        let finish_hours = self.calendar.add_open_hours(start_hours, handle_hours);
        self.free_at[0] = finish_hours;
        sift_down(&mut self.free_at);
        while self
            .waiting_starts
            .front()
            .is_some_and(|&s| s <= arrival_hours)
        {
            self.waiting_starts.pop_front();
        }
        if start_hours > arrival_hours {
            self.waiting_starts.push_back(start_hours);
        }
        self.last_arrival = arrival_hours;
        self.committed_open_hours += handle_hours;
        Ok(Served {
            start_hours,
            finish_hours,
            wait_hours: start_hours - arrival_hours,
        })
    }

    fn check_after_last_arrival(&self, at_hours: f64) -> Result<(), DeskError> {
        if at_hours >= self.last_arrival {
            Ok(())
        } else {
            Err(DeskError::TooEarly {
                at_hours,
                earliest_hours: self.last_arrival,
            })
        }
    }

    /// Complaints served so far whose service has not started by `at_hours`
    /// (start `> at_hours`). Cost `O(log backlog)`.
    ///
    /// # Errors
    /// [`DeskError::TooEarly`] before the last arrival served (or for NaN).
    pub fn backlog_at(&self, at_hours: f64) -> Result<usize, DeskError> {
        self.check_after_last_arrival(at_hours)?;
        let started = self.waiting_starts.partition_point(|&s| s <= at_hours);
        Ok(self.waiting_starts.len() - started)
    }

    /// Open hours of handling done by all agents up to `at_hours`: everything
    /// committed, less what is scheduled after `at_hours`. Once every served
    /// arrival is `<= at_hours`, each agent's remaining work is one unbroken
    /// run of open time up to its next free time, so that remainder is
    /// `max(0, F(free) − F(at))` with `F` = [`Calendar::open_hours_until`].
    /// Cost `O(agents)`.
    ///
    /// # Errors
    /// [`DeskError::TooEarly`] before the last arrival served (or for NaN).
    pub fn work_done_until(&self, at_hours: f64) -> Result<f64, DeskError> {
        self.check_after_last_arrival(at_hours)?;
        let now = self.calendar.open_hours_until(at_hours);
        let ahead: f64 = self
            .free_at
            .iter()
            .map(|&f| (self.calendar.open_hours_until(f) - now).max(0.0))
            .sum();
        Ok((self.committed_open_hours - ahead).max(0.0))
    }

    /// Closes the current span at `to_hours` and reports its busy time,
    /// capacity, utilisation and the backlog at its end; the next span starts
    /// at `to_hours`. The first span starts at hour 0 (and again after
    /// [`Desk::reset`]). Call it at each period's end, after serving the
    /// period's complaints. Cost `O(agents + log backlog)`.
    ///
    /// # Errors
    /// [`DeskError::TooEarly`] when `to_hours` is before the last arrival
    /// served or the span's start.
    pub fn end_span(&mut self, to_hours: f64) -> Result<SpanStats, DeskError> {
        if to_hours.is_nan() || to_hours < self.span_start {
            return Err(DeskError::TooEarly {
                at_hours: to_hours,
                earliest_hours: self.span_start,
            });
        }
        let done = self.work_done_until(to_hours)?;
        let backlog = self.backlog_at(to_hours)?;
        let open = self.calendar.open_hours_between(self.span_start, to_hours);
        let open_agent_hours = self.free_at.len() as f64 * open;
        let busy_open_hours = (done - self.done_at_span_start).clamp(0.0, open_agent_hours);
        let utilisation = if open_agent_hours > 0.0 {
            busy_open_hours / open_agent_hours
        } else {
            0.0
        };
        let stats = SpanStats {
            from_hours: self.span_start,
            to_hours,
            busy_open_hours,
            open_agent_hours,
            utilisation,
            backlog,
        };
        self.span_start = to_hours;
        self.done_at_span_start = done;
        Ok(stats)
    }
}

/// Restores the min-heap property after the root of `heap` was increased.
/// Cost `O(log n)`.
fn sift_down(heap: &mut [f64]) {
    let n = heap.len();
    let mut i = 0;
    loop {
        let left = 2 * i + 1;
        if left >= n {
            return;
        }
        let right = left + 1;
        let child = if right < n && heap[right] < heap[left] {
            right
        } else {
            left
        };
        if heap[child] < heap[i] {
            heap.swap(child, i);
            i = child;
        } else {
            return;
        }
    }
}

#[cfg(test)]
#[path = "desk_tests.rs"]
mod tests;
