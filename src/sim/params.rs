//! A scenario's parameters compiled for the hot loop: per-class samplers,
//! per-segment rates and values, per-hop strengths, discount factors,
//! per-policy probabilities and the desk that answers a staffed policy's
//! complaints.

use super::tells::TellSampler;
use crate::model::{Handling, Manner, OutcomeClass, Policy, Scenario, Tone};
use crate::staffing::{Calendar, DurationSampler};

/// Per-class parameters for the hot loop.
#[derive(Debug, Clone)]
pub(super) struct ClassParams {
    /// Probability of staying a customer.
    pub stay: f64,
    /// The story told, if any.
    pub tone: Option<Tone>,
    /// How many contacts are told.
    pub tells: TellSampler,
}

/// Per-segment parameters (one segment holding everyone without a
/// `[segments]` table, with the global values, so both cases run the same
/// code and give the same numbers).
#[derive(Debug, Clone)]
pub(super) struct SegmentParams {
    pub problem_rate: f64,
    pub complaint_rate: f64,
    /// `1 − base_churn`: the stay of a satisfied customer.
    pub satisfied_stay: f64,
    /// `1 − base_churn × recovery_paradox`: the same after a resolved
    /// complaint.
    pub recovered_stay: f64,
    pub resolve_factor: f64,
    pub handle_factor: f64,
    pub margin: f64,
    /// Present value of one more member from the end of period `t` to the
    /// horizon: `margin × Σ_{s=t+1}^{T−1} δ^s`.
    pub flow_value: Vec<f64>,
}

impl SegmentParams {
    /// Whether a member whose first two experience draws are `u_problem`
    /// and `u_complain` has a problem and complains (MODEL.md steps 1–2);
    /// the one rule of voice, shared by the experience step and the desk's
    /// pre-pass.
    #[inline]
    pub(super) fn complains(&self, u_problem: f64, u_complain: f64) -> bool {
        u_problem < self.problem_rate && u_complain < self.complaint_rate
    }
}

/// A policy's `part_with`, compiled.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parting {
    /// The segment parted with.
    pub segment: usize,
    /// The complaint that ends the relationship (`>= 1`).
    pub after: u16,
    /// The class a parted customer ends the period in.
    pub class: OutcomeClass,
    /// What each parting costs (0 for an abrupt one).
    pub refund: f64,
}

/// A staffed policy's desk, compiled.
#[derive(Debug, Clone)]
pub(super) struct DeskParams {
    pub agents: u32,
    pub calendar: Calendar,
    /// Handling time in minutes (before a segment's factor).
    pub handle_minutes: DurationSampler,
    /// What the desk costs per period.
    pub cost_per_period: f64,
}

/// Per-policy parameters for the hot loop.
#[derive(Debug, Clone)]
pub(super) struct PolicyParams {
    pub resolve_probability: f64,
    /// Whether every resolution is quick, decided once when the response
    /// time is fixed and everyone's tolerance is `quick_hours`; `None`:
    /// each complaint's response time is compared with its complainer's
    /// tolerance.
    pub quick: Option<bool>,
    pub compensation: f64,
    pub handling_cost: f64,
    pub parting: Option<Parting>,
    /// Whether complaints are answered at all (`recover`).
    pub answers: bool,
    /// The response time without a desk: `response_hours + handoffs ×
    /// handoff_hours`.
    pub fixed_response_hours: f64,
    /// Hours each complaint's handoffs add to its wait at a desk.
    pub handoff_delay_hours: f64,
    /// Everyone's tolerance without `experience.tolerance_hours`.
    pub quick_hours: f64,
    pub desk: Option<DeskParams>,
}

impl PolicyParams {
    pub fn new(policy: &Policy, scenario: &Scenario, params: &Params) -> Self {
        let answers = policy.handling == Handling::Recover;
        let tolerance = scenario.experience.tolerance_hours.is_some();
        let desk = policy.staffing.as_ref().map(|s| DeskParams {
            agents: s.agents,
            calendar: s.calendar,
            handle_minutes: DurationSampler::new(&s.handle_minutes)
                .unwrap_or_else(|e| unreachable!("a validated duration: {e}")),
            cost_per_period: s.cost_per_period(),
        });
        let parting = policy.part_with.as_ref().map(|w| {
            // The scenario layer checked that the segment exists and that
            // `after_complaints` fits in 1..=u16::MAX.
            let segment = scenario.segment_index(&w.segment).unwrap_or(0);
            Parting {
                segment,
                after: u16::try_from(w.after_complaints).unwrap_or(u16::MAX),
                class: w.manner.class(),
                refund: match w.manner {
                    Manner::Graceful => w.refund.unwrap_or(params.segments[segment].margin),
                    Manner::Abrupt => 0.0,
                },
            }
        });
        Self {
            resolve_probability: policy.resolve_probability(),
            quick: policy.always_quick(tolerance).map(|quick| answers && quick),
            compensation: policy.compensation,
            handling_cost: policy.handling_cost,
            parting,
            answers,
            fixed_response_hours: policy.fixed_response_hours().unwrap_or(0.0),
            handoff_delay_hours: policy.handoff_delay_hours(),
            quick_hours: policy.quick_hours,
            desk,
        }
    }
}

/// Hours in a year (365 days; MODEL.md: a period lasts 8760 /
/// `periods_per_year` hours).
pub(super) const HOURS_PER_YEAR: f64 = 8760.0;

/// Scenario parameters compiled for the hot loop.
#[derive(Debug, Clone)]
pub(super) struct Params {
    pub periods: u32,
    /// Indexed by [`OutcomeClass::index`].
    pub classes: [ClassParams; 7],
    /// One per segment (one without segments).
    pub segments: Vec<SegmentParams>,
    /// Whether the scenario has a `[segments]` table (persons are assigned
    /// one, and per-segment outputs are kept).
    pub segmented: bool,
    /// Upper ends of the segments' share intervals on [0, 1), for the
    /// assignment draw; the last segment with a positive share takes
    /// whatever rounding leaves above the others.
    pub share_ends: Vec<f64>,
    /// The last segment with a positive share.
    pub last_with_share: usize,
    /// Whether every segment has the same margin: values are then computed
    /// from totals, exactly as without segments.
    pub uniform_margin: bool,
    pub max_hops: u32,
    /// `hop_decay^(h − 1)` at index `h − 1`.
    pub strength: Vec<f64>,
    /// Retell probability by tone index.
    pub retell: [f64; 2],
    pub retell_tells: TellSampler,
    pub deter: f64,
    pub referral_conversion: f64,
    pub hearsay_churn: f64,
    pub organic_conversion: f64,
    pub margin: f64,
    /// `δ^t`.
    pub discount: Vec<f64>,
    /// Present value of one extra customer from the end of period `t` to
    /// the horizon: `margin × Σ_{s=t+1}^{T−1} δ^s`.
    pub flow_value: Vec<f64>,
    pub initial_customers: u32,
    /// Hours in a period: `8760 / periods_per_year`.
    pub period_hours: f64,
    /// Each complainer's tolerance in hours, if drawn.
    pub tolerance: Option<DurationSampler>,
    /// Whether response times are recorded (the scenario reports them).
    pub track_response: bool,
}

/// `margin × Σ_{s=t+1}^{T−1} δ^s` for every `t`.
fn flow_values(margin: f64, discount: &[f64]) -> Vec<f64> {
    let periods = discount.len();
    let mut flow_value = vec![0.0; periods];
    for t in (0..periods).rev() {
        flow_value[t] = if t + 1 < periods {
            flow_value[t + 1] + margin * discount[t + 1]
        } else {
            0.0
        };
    }
    flow_value
}

impl Params {
    pub fn new(scenario: &Scenario, people: u32) -> Self {
        let classes = OutcomeClass::ALL.map(|class| {
            let spec = scenario.outcomes.get(class);
            ClassParams {
                stay: spec.stay,
                tone: spec.tone,
                tells: TellSampler::new(&spec.tells),
            }
        });
        let w = &scenario.word_of_mouth;
        let periods = scenario.periods;
        let delta = scenario.discount_factor();
        let discount: Vec<f64> = (0..periods).map(|t| delta.powi(t as i32)).collect();
        let margin = scenario.economics.margin;
        let paradox = scenario.experience.recovery_paradox;
        let segments: Vec<SegmentParams> = scenario
            .segment_values()
            .iter()
            .map(|v| SegmentParams {
                problem_rate: v.problem_rate,
                complaint_rate: v.complaint_rate,
                satisfied_stay: 1.0 - v.base_churn,
                recovered_stay: 1.0 - v.base_churn * paradox,
                resolve_factor: v.resolve_factor,
                handle_factor: v.handle_factor,
                margin: v.margin,
                flow_value: flow_values(v.margin, &discount),
            })
            .collect();
        let mut end = 0.0;
        let share_ends = scenario
            .segments
            .iter()
            .map(|s| {
                end += s.share;
                end
            })
            .collect();
        let last_with_share = scenario
            .segments
            .iter()
            .rposition(|s| s.share > 0.0)
            .unwrap_or(0);
        Self {
            periods,
            classes,
            last_with_share,
            uniform_margin: segments.iter().all(|s| s.margin == margin),
            segments,
            segmented: scenario.has_segments(),
            share_ends,
            max_hops: w.max_hops,
            strength: (0..w.max_hops)
                .map(|h| w.hop_decay.powi(h as i32))
                .collect(),
            retell: [w.retell_negative, w.retell_positive],
            retell_tells: TellSampler::new(&w.retell_tells),
            deter: scenario.effects.deter,
            referral_conversion: scenario.effects.referral_conversion,
            hearsay_churn: scenario.effects.hearsay_churn,
            organic_conversion: scenario.effects.organic_conversion,
            margin,
            flow_value: flow_values(margin, &discount),
            discount,
            initial_customers: scenario
                .population
                .initial_customers
                .resolve(people)
                .min(people),
            period_hours: HOURS_PER_YEAR / scenario.periods_per_year,
            tolerance: scenario.experience.tolerance_hours.as_ref().map(|t| {
                DurationSampler::new(t)
                    .unwrap_or_else(|e| unreachable!("a validated duration: {e}"))
            }),
            track_response: scenario.uses_response_times(),
        }
    }

    /// The segment of a draw `u` uniform on [0, 1): the first whose share
    /// interval holds it, else (rounding left the shares' sum just below 1)
    /// the last segment with a positive share.
    #[inline]
    pub fn segment_of_draw(&self, u: f64) -> usize {
        self.share_ends
            .iter()
            .position(|&end| u < end)
            .unwrap_or(self.last_with_share)
    }
}
