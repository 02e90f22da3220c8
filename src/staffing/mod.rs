//! Staffing a complaint desk: Erlang C sizing, handling-time distributions,
//! the desk's opening calendar and a first-come-first-served queue of agents
//! over it (MODEL.md, "Response time and staffing").
//!
//! Pure computation: values in, values out; no printing, files or command
//! lines, and randomness only through generators of [`crate::rng`] that the
//! caller passes in. Times are hours from hour 0 = Monday 00:00.
//!
//! - [`Workload`] and [`ErlangC`]: sizing without simulation (`O(c)`).
//! - [`DurationDist`] and [`DurationSampler`]: tolerances and handling times.
//! - [`Calendar`]: when the desk is open; work pauses while it is closed.
//! - [`Desk`]: the queue, `O(log c)` per complaint, with busy time,
//!   utilisation and backlog per span of time (a period).
//!
//! One replication of a period, in outline:
//!
//! ```
//! use wom::rng::{Purpose, StreamKey};
//! use wom::staffing::{Calendar, Desk, DurationDist, DurationSampler};
//!
//! let handle = DurationDist::lognormal(12.0, 0.5).unwrap().scaled(1.0 / 60.0).unwrap();
//! let handle = DurationSampler::new(&handle).unwrap();
//! let mut desk = Desk::new(2, Calendar::new(5, 8.0).unwrap()).unwrap();
//! let mut rng = StreamKey::new(1).replication(0).period(0).rng(Purpose::Handle);
//! let arrivals = [9.5, 12.0, 20.0, 130.0]; // sorted, hours
//! let waits: Vec<f64> = arrivals
//!     .iter()
//!     .map(|&a| desk.serve(a, handle.sample(&mut rng)).unwrap().wait_hours)
//!     .collect();
//! assert_eq!(waits[0], 0.0);
//! assert_eq!(waits[2], 13.0); // Monday 20:00 → Tuesday 09:00
//! assert_eq!(waits[3], 47.0); // Saturday 10:00 → Monday 09:00
//! let week = desk.end_span(168.0).unwrap(); // the first week ends
//! assert!(week.utilisation > 0.0);
//! assert_eq!(week.backlog, 1); // the Saturday complaint is carried over
//! ```

mod calendar;
mod desk;
mod duration;
mod erlang;

pub use calendar::{Calendar, CalendarError, HOURS_PER_WEEK, OPENING_HOUR};
pub use desk::{Desk, DeskError, Served, SpanStats};
pub use duration::{DurationDist, DurationError, DurationSampler};
pub use erlang::{
    ErlangC, ErlangError, MAX_AGENTS, SIZING_STOP_SERVICE_LEVEL, Sizing, SizingRow, Workload,
};

#[cfg(test)]
mod oracle_tests;
