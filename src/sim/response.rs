//! Response times (MODEL.md, "Response time and staffing"): when each
//! complaint is answered — after a fixed time, or after its turn at a desk
//! of agents — and whether that was within the complainer's tolerance; and
//! what a policy's answers add up to over a replication.
//!
//! With a desk, a period's complaints are queued before the experience
//! step classifies them: a pre-pass finds the complainers (the same draws
//! and rule as the step itself, [`super::params::SegmentParams::complains`]), draws
//! each one's arrival time within the period and handling time from their
//! own keyed streams (a handling time stretched by the complainer's
//! segment's `handle_factor`), and serves them first come first served (sorted by
//! arrival; `O(n log n)` for `n` complaints, then `O(log agents)` each).
//! The step then reads the response times back in person order. The desk
//! persists across the periods of a replication (backlog carries over) and
//! starts empty in each replication.

use super::context::Period;
use super::metrics::{Metric, Outputs};
use super::params::{DeskParams, Params, PolicyParams};
use super::person::{Person, segment_at, state};
use crate::graph::NodeId;
use crate::rng::Purpose;
use crate::staffing::{Calendar, Desk};
use crate::stats::percentile_sorted;

/// Upper edges of the response-time bins, hours: a complaint answered
/// after `R` hours is counted in the first bin with `R <= edge` (bin 0:
/// answered at once), or in the last bin (one past these) when longer
/// than four weeks. From a minute to four weeks, about evenly on a log
/// scale, with the hours an owner thinks in (1, 24, 48, 168).
pub const RESPONSE_EDGES_HOURS: [f64; 29] = [
    0.0,
    1.0 / 60.0,
    5.0 / 60.0,
    10.0 / 60.0,
    0.25,
    0.5,
    0.75,
    1.0,
    1.5,
    2.0,
    3.0,
    4.0,
    6.0,
    8.0,
    12.0,
    16.0,
    20.0,
    24.0,
    36.0,
    48.0,
    60.0,
    72.0,
    96.0,
    120.0,
    168.0,
    240.0,
    336.0,
    504.0,
    672.0,
];

/// One complaint at the desk in the current period.
#[derive(Debug, Clone, Copy)]
struct Queued {
    arrival_hours: f64,
    handle_hours: f64,
    response_hours: f64,
}

/// Per-thread state of response times, reused across replications and
/// policies.
#[derive(Debug, Default)]
pub(super) struct ResponseScratch {
    /// The desk of the current policy (configured at its start).
    desk: Option<Desk>,
    /// This period's complaints, in person order.
    queued: Vec<Queued>,
    /// Indices of `queued` in arrival order.
    order: Vec<u32>,
    /// The next complaint of `queued` the experience step reads.
    cursor: usize,
    /// Response times of the complaints answered so far in the run, hours.
    times: Vec<f64>,
    /// How many of them were within tolerance.
    within: u64,
    /// `times` counted by bin of [`RESPONSE_EDGES_HOURS`].
    counts: Vec<u64>,
    /// Open hours agents worked, and could have worked, so far in the run.
    busy_hours: f64,
    open_agent_hours: f64,
    /// Complaints not started at the end of the last period closed.
    backlog: usize,
}

impl ResponseScratch {
    /// Clears the run's totals and sets up `policy`'s desk, empty.
    /// `O(agents + bins)`.
    pub fn start_policy(&mut self, policy: &PolicyParams) {
        self.times.clear();
        self.within = 0;
        self.counts.clear();
        self.counts.resize(RESPONSE_EDGES_HOURS.len() + 1, 0);
        self.busy_hours = 0.0;
        self.open_agent_hours = 0.0;
        self.backlog = 0;
        self.queued.clear();
        self.cursor = 0;
        if let Some(d) = &policy.desk {
            let desk = self.desk.get_or_insert_with(|| new_desk(1, d.calendar));
            desk.reset_to(d.agents, d.calendar)
                .unwrap_or_else(|e| unreachable!("a validated desk: {e}"));
        }
    }

    /// Queues period `p`'s complaints at `desk` (see the module docs).
    /// `segment` holds each person's segment (empty without segments): a
    /// member's voice follows their segment's rates, and their handling
    /// time is stretched by its `handle_factor`.
    pub fn queue(&mut self, p: &Period<'_>, desk: &DeskParams, people: &[Person], segment: &[u8]) {
        let params = p.params;
        let start = f64::from(p.t) * params.period_hours;
        self.queued.clear();
        self.cursor = 0;
        for (u, person) in people.iter().enumerate() {
            if person.status() != state::CUSTOMER {
                continue;
            }
            let sp = &params.segments[segment_at(segment, u)];
            let key = p.key.person(u as NodeId);
            let [u_problem, u_complain] = key.uniforms::<2>(Purpose::Experience);
            if !sp.complains(u_problem, u_complain) {
                continue;
            }
            let arrival_hours = start + params.period_hours * key.uniform(Purpose::Arrival);
            let minutes = desk.handle_minutes.sample(&mut key.rng(Purpose::Handle));
            self.queued.push(Queued {
                arrival_hours,
                handle_hours: minutes * sp.handle_factor / 60.0,
                response_hours: 0.0,
            });
        }
        self.order.clear();
        self.order.extend(0..self.queued.len() as u32);
        let queued = &self.queued;
        // Ties in arrival (measure zero) go to the lower person id.
        self.order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&queued[a as usize], &queued[b as usize]);
            x.arrival_hours.total_cmp(&y.arrival_hours).then(a.cmp(&b))
        });
        let desk_state = self
            .desk
            .as_mut()
            .unwrap_or_else(|| unreachable!("start_policy set up the desk"));
        for &i in &self.order {
            let q = &mut self.queued[i as usize];
            // Arrivals are sorted, finite and >= 0; handling times are
            // finite and >= 0 (validated distributions), so serving cannot
            // fail.
            let served = desk_state
                .serve(q.arrival_hours, q.handle_hours)
                .unwrap_or_else(|e| unreachable!("a valid complaint: {e}"));
            q.response_hours = served.wait_hours + p.policy.handoff_delay_hours;
        }
    }

    /// Whether the complaint of `u`, the next complainer in person order,
    /// was answered within their tolerance; records its response time when
    /// the scenario reports them. An `ignore` policy answers nobody.
    #[inline]
    pub fn answer(&mut self, p: &Period<'_>, u: NodeId) -> bool {
        let (params, policy) = (p.params, p.policy);
        if !policy.answers {
            return false;
        }
        let response = if policy.desk.is_some() {
            let r = self.queued[self.cursor].response_hours;
            self.cursor += 1;
            r
        } else {
            policy.fixed_response_hours
        };
        let tolerance = match &params.tolerance {
            Some(t) => t.sample(&mut p.key.person(u).rng(Purpose::Tolerance)),
            None => policy.quick_hours,
        };
        let within = response <= tolerance;
        if params.track_response {
            self.times.push(response);
            self.within += u64::from(within);
            let bin = RESPONSE_EDGES_HOURS.partition_point(|&edge| edge < response);
            self.counts[bin] += 1;
        }
        within
    }

    /// Closes period `p` at the desk: its busy time and backlog.
    pub fn end_period(&mut self, p: &Period<'_>) {
        let Some(desk) = self.desk.as_mut().filter(|_| p.policy.desk.is_some()) else {
            return;
        };
        let end = f64::from(p.t + 1) * p.params.period_hours;
        let span = desk
            .end_span(end)
            .unwrap_or_else(|e| unreachable!("every arrival is before the period's end: {e}"));
        self.busy_hours += span.busy_open_hours;
        self.open_agent_hours += span.open_agent_hours;
        self.backlog = span.backlog;
    }

    /// Writes the run's response and desk metrics into `out`, and returns
    /// the run's response-time counts (empty when none are recorded).
    /// Sorts the recorded times: `O(n log n)`.
    pub fn finish(
        &mut self,
        params: &Params,
        policy: &PolicyParams,
        out: &mut Outputs,
    ) -> Vec<u64> {
        if policy.desk.is_some() {
            let utilisation = if self.open_agent_hours > 0.0 {
                self.busy_hours / self.open_agent_hours
            } else {
                0.0
            };
            out.set(Metric::Utilisation, utilisation);
            out.set(Metric::BacklogFinal, self.backlog as f64);
        }
        if !params.track_response || self.times.is_empty() {
            return Vec::new();
        }
        let n = self.times.len() as f64;
        out.set(
            Metric::ResponseHoursMean,
            self.times.iter().sum::<f64>() / n,
        );
        self.times.sort_unstable_by(f64::total_cmp);
        for (m, q) in [
            (Metric::ResponseHoursP50, 0.5),
            (Metric::ResponseHoursP90, 0.9),
            (Metric::ResponseHoursP95, 0.95),
        ] {
            out.set(m, percentile_sorted(&self.times, q));
        }
        out.set(Metric::AnsweredInTolerance, self.within as f64 / n);
        self.counts.clone()
    }
}

fn new_desk(agents: u32, calendar: Calendar) -> Desk {
    Desk::new(agents, calendar).unwrap_or_else(|e| unreachable!("one agent: {e}"))
}
