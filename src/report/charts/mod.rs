//! One file per chart kind, each a [`crate::report::kit::canvas::Chart`].
//!
//! The charts of a run — `causes` (value lost by cause, with 95% whiskers),
//! `customers` (fan chart), `npv` (distribution over replications),
//! `funnel` (word of mouth), with segments `segments` (what each segment is
//! worth, from [`worth`]) and with response times `response` (how soon
//! complaints are answered against the customers' patience) — are drawn
//! from the typed result files ([`wom::results::Run`], arranged for charts
//! by `crate::report::data`), so `wom run` and `wom plot DIR` produce
//! identical files.
//!
//! The charts of a sweep: `sweep_charts` builds them from the stored sweep
//! points, with `sweep_lines` (a value against one swept key with 95%
//! bands, one line per policy or per value of a second key),
//! `sweep_heatmap` (the headline difference over two keys), `sweep_points` (the swept keys as axes) and
//! `sweep_ties` (the notes on ties and thresholds). `tornado` draws
//! `wom sensitivity`'s chart, `calibration_charts` those of
//! `wom calibrate`, and `spread` is the `wom trace` picture. With
//! `[uncertainty]`, `uncertainty` draws a run's three charts of what is
//! uncertain (`uncertainty_draws`, `uncertainty_evppi`, `uncertainty_sobol`;
//! the last also for `wom sensitivity --global`).

pub mod calibration_charts;
pub(super) mod causes;
pub(super) mod customers;
pub(super) mod funnel;
pub(super) mod npv;
pub(super) mod response;
pub(super) mod segments;
pub mod spread;
pub(super) mod sweep_charts;
mod sweep_heatmap;
mod sweep_lines;
mod sweep_points;
mod sweep_ties;
pub(super) mod tornado;
mod uncertain;
pub mod uncertainty;
mod uncertainty_draws;
mod uncertainty_evppi;
pub mod uncertainty_sobol;
pub mod worth;
