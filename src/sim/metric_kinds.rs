//! What kind of number a metric is and whom it concerns: units for people,
//! the metrics of response times and of a desk (MODEL.md, "Response time
//! and staffing"), and the policies each concerns.

use super::metrics::Metric;
use crate::model::{Handling, Policy};

/// What a metric's numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Money in the scenario's currency.
    Money,
    /// A number of people, complaints or tellings.
    Count,
    /// A share in [0, 1].
    Share,
    /// Hours.
    Hours,
}

impl Metric {
    /// The metrics of response times, reported when a scenario uses them
    /// (see [`Metric::reported`]).
    pub const RESPONSE: [Metric; 5] = [
        Metric::ResponseHoursMean,
        Metric::ResponseHoursP50,
        Metric::ResponseHoursP90,
        Metric::ResponseHoursP95,
        Metric::AnsweredInTolerance,
    ];

    /// The metrics of a desk, reported when a policy of the scenario has one.
    pub const DESK: [Metric; 4] = [
        Metric::Utilisation,
        Metric::BacklogFinal,
        Metric::StaffCost,
        Metric::PvStaffCost,
    ];

    /// What the metric's numbers are, for formatting.
    pub fn unit(self) -> Unit {
        match self {
            m if m.is_money() => Unit::Money,
            Metric::ResponseHoursMean
            | Metric::ResponseHoursP50
            | Metric::ResponseHoursP90
            | Metric::ResponseHoursP95 => Unit::Hours,
            Metric::AnsweredInTolerance | Metric::Utilisation => Unit::Share,
            _ => Unit::Count,
        }
    }

    /// Whether the metric means anything for `policy`: response times for
    /// a policy that answers complaints, a desk's metrics for a policy with
    /// a desk. Elsewhere the metric is 0 and tables show a dash.
    pub fn applies_to(self, policy: &Policy) -> bool {
        if Self::RESPONSE.contains(&self) {
            policy.handling == Handling::Recover
        } else if Self::DESK.contains(&self) {
            policy.staffing.is_some()
        } else {
            true
        }
    }
}
