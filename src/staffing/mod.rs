//! Staffing a complaint desk: Erlang C sizing, handling-time distributions,
//! the desk's opening calendar and a first-come-first-served queue of agents
//! over it (MODEL.md, "Response time and staffing").
//!
//! Pure computation: values in, values out; no printing, files or command
//! lines, and randomness only through generators of [`crate::rng`] that the
//! caller passes in.

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
