//! The words of the report: the headline sentence of a finding, the
//! sentences that lead the page and title the charts, the assumptions the
//! run rests on, the rows of the results table, and the warnings (a
//! shortfall of the desk, the reading of uncertain inputs).
//!
//! `headline` words a typed finding (also for `wom run`'s terminal line
//! and the server); `findings` writes chart titles and the page's leading
//! sentences; `assumptions` and `desk` describe the inputs and where each
//! came from; `table` lists the rows of the results table; `shortfall`
//! warns when the desk cannot keep up; `uncertainty_text` words what the
//! uncertain inputs do to the answer.

pub(super) mod assumptions;
pub(super) mod desk;
pub mod findings;
pub mod headline;
pub mod shortfall;
pub mod table;
pub mod uncertainty_text;
