//! Who the customers are (`[segments.NAME]`, MODEL.md "Segments"): groups
//! with their own share of the population and their own values of a few
//! keys, and what a segment's member experiences once every override is
//! applied.

use super::{Economics, Experience};

/// The most segments a scenario may have (a person's segment is one byte,
/// and every segment adds columns to the result files).
pub const MAX_SEGMENTS: usize = 16;

/// One segment (`[segments.NAME]`). An override left out (`None`) takes
/// the scenario's global value, so a `--set` on the global key still
/// reaches the segments that do not override it.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Its name: non-empty, ASCII letters, digits, `_` and `-`.
    pub name: String,
    /// Probability in [0, 1] that a person belongs to it; the shares of a
    /// scenario's segments sum to 1 (within 1e-9).
    pub share: f64,
    /// `margin` per customer per period, finite and `>= 0`.
    pub margin: Option<f64>,
    /// `problem_rate`, a probability.
    pub problem_rate: Option<f64>,
    /// `complaint_rate`, a probability.
    pub complaint_rate: Option<f64>,
    /// `base_churn`, a probability with `base_churn × recovery_paradox <= 1`.
    pub base_churn: Option<f64>,
    /// Multiplies every recover policy's resolve probability for members;
    /// finite, `>= 0`, and the product is at most 1 for every policy.
    pub resolve_factor: f64,
    /// Multiplies `handling_cost` for members' complaints; finite, `>= 0`.
    pub handle_factor: f64,
}

/// What a member of one segment experiences: every override applied.
/// With no `[segments]` table the scenario has one of these, holding
/// everyone, equal to the global values (see [`super::Scenario::segment_values`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentValues {
    /// Margin per customer per period.
    pub margin: f64,
    /// Probability that an experience goes wrong.
    pub problem_rate: f64,
    /// Probability that a problem is complained about.
    pub complaint_rate: f64,
    /// Probability that a satisfied customer leaves anyway.
    pub base_churn: f64,
    /// Factor on a policy's resolve probability.
    pub resolve_factor: f64,
    /// Factor on a policy's handling cost.
    pub handle_factor: f64,
}

impl SegmentValues {
    /// The global values: one segment holding everyone.
    pub fn global(experience: &Experience, economics: &Economics) -> Self {
        Self {
            margin: economics.margin,
            problem_rate: experience.problem_rate,
            complaint_rate: experience.complaint_rate,
            base_churn: experience.base_churn,
            resolve_factor: 1.0,
            handle_factor: 1.0,
        }
    }
}

impl Segment {
    /// The segment's values, its overrides applied over `global`.
    pub fn values(&self, global: SegmentValues) -> SegmentValues {
        SegmentValues {
            margin: self.margin.unwrap_or(global.margin),
            problem_rate: self.problem_rate.unwrap_or(global.problem_rate),
            complaint_rate: self.complaint_rate.unwrap_or(global.complaint_rate),
            base_churn: self.base_churn.unwrap_or(global.base_churn),
            resolve_factor: self.resolve_factor,
            handle_factor: self.handle_factor,
        }
    }
}
