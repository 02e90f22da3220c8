//! Erlang C: the steady state of an M/M/c queue (Poisson arrivals,
//! exponential handling times, `c` agents, first come first served, nobody
//! gives up), for sizing a desk without simulation.
//!
//! With arrival rate `λ` per hour and mean handling time `AHT` hours the load
//! is `A = λ·AHT` Erlangs and, for `A < c`,
//!
//! - `P(wait) = C(c, A)`, computed from the Erlang B recursion
//!   `B(0) = 1`, `B(k) = A·B(k−1) / (k + A·B(k−1))` and
//!   `C = c·B(c) / (c − A·(1 − B(c)))`: no factorials or powers, every
//!   intermediate in `[0, 1]`, so it neither overflows nor loses precision for
//!   any `c` (cost `O(c)`);
//! - `P(W ≤ t) = 1 − C·e^{−(c−A)·t/AHT}` (the service level within `t`);
//! - `ASA = E[W] = C·AHT / (c − A)`;
//! - occupancy `A / c`.
//!
//! Times are in hours throughout; a caller working in minutes converts at
//! its boundary.

use thiserror::Error;

/// The largest number of agents this module computes with (the Erlang B
/// recursion costs one step per agent).
pub const MAX_AGENTS: u32 = 10_000_000;

/// The service level at which a sizing table stops (unless its target is
/// higher).
pub const SIZING_STOP_SERVICE_LEVEL: f64 = 0.999;

/// Why an Erlang C computation was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ErlangError {
    /// An input is NaN, infinite or negative.
    #[error("{name} = {value} is not allowed; expected a finite number >= 0")]
    BadInput {
        /// Which input (`arrivals_per_hour`, `handle_hours`, `within_hours`).
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// The load is at least the number of agents: the queue grows without
    /// bound and no steady state exists.
    #[error(
        "a load of {load_erlangs} Erlangs is unstable with {agents} agent(s): the queue grows \
         without end; at least {min_agents} agents are needed (the load must be below the \
         number of agents)"
    )]
    Unstable {
        /// The load `A = λ·AHT`.
        load_erlangs: f64,
        /// The agents asked for.
        agents: u32,
        /// The smallest stable number of agents, `⌊A⌋ + 1`.
        min_agents: u64,
    },
    /// The target service level is not a share below 1.
    #[error(
        "target service level {0} is not allowed; expected a share in [0, 1) (no finite desk \
         answers every complaint within a fixed time)"
    )]
    BadTarget(f64),
    /// More agents than [`MAX_AGENTS`] would be needed or were asked for.
    #[error("{agents} agents exceed the limit of {max} this computation supports")]
    TooManyAgents {
        /// The number of agents needed or asked for.
        agents: u64,
        /// [`MAX_AGENTS`].
        max: u32,
    },
}

/// A steady stream of work: an arrival rate and a mean handling time, both
/// checked finite and `>= 0`.
///
/// ```
/// use wom::staffing::Workload;
/// let w = Workload::new(200.0, 3.0 / 60.0).unwrap();
/// assert!((w.load_erlangs() - 10.0).abs() < 1e-12);
/// assert_eq!(w.min_stable_agents(), 11);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    /// Arrivals per hour; finite, `>= 0`.
    arrivals_per_hour: f64,
    /// Mean handling time in hours; finite, `>= 0`.
    handle_hours: f64,
}

impl Workload {
    /// A workload of `arrivals_per_hour` arrivals needing `handle_hours` hours
    /// each on average.
    ///
    /// # Errors
    /// [`ErlangError::BadInput`] when either is NaN, infinite or negative, or
    /// when their product (the load) is not finite.
    pub fn new(arrivals_per_hour: f64, handle_hours: f64) -> Result<Self, ErlangError> {
        check_input("arrivals_per_hour", arrivals_per_hour)?;
        check_input("handle_hours", handle_hours)?;
        let load = arrivals_per_hour * handle_hours;
        if !load.is_finite() {
            return Err(ErlangError::BadInput {
                name: "load_erlangs",
                value: load,
            });
        }
        Ok(Self {
            arrivals_per_hour,
            handle_hours,
        })
    }

    /// Arrivals per hour.
    pub fn arrivals_per_hour(&self) -> f64 {
        self.arrivals_per_hour
    }

    /// Mean handling time in hours.
    pub fn handle_hours(&self) -> f64 {
        self.handle_hours
    }

    /// The offered load `A = λ·AHT` in Erlangs.
    pub fn load_erlangs(&self) -> f64 {
        self.arrivals_per_hour * self.handle_hours
    }

    /// The smallest number of agents `c` with `A < c`, i.e. `⌊A⌋ + 1`
    /// (saturating at `u64::MAX`).
    pub fn min_stable_agents(&self) -> u64 {
        // A is finite and >= 0; `as` saturates.
        self.load_erlangs().floor() as u64 + 1
    }

    /// Erlang C for `agents` agents. Cost `O(agents)`.
    ///
    /// # Errors
    /// [`ErlangError::Unstable`] when the load is at least `agents` (so
    /// always for 0 agents); [`ErlangError::TooManyAgents`] above
    /// [`MAX_AGENTS`].
    pub fn with_agents(&self, agents: u32) -> Result<ErlangC, ErlangError> {
        self.check_stable(agents)?;
        let mut b = 1.0;
        for k in 1..=agents {
            b = erlang_b_step(b, k, self.load_erlangs());
        }
        Ok(self.erlang_c_of_b(agents, b))
    }

    /// A sizing table: one row for each number of agents from the smallest
    /// stable one up to the first whose service level within `within_hours`
    /// reaches both [`SIZING_STOP_SERVICE_LEVEL`] and `target_service_level`,
    /// marking the smallest that meets the target. Cost `O(c_last)` (the
    /// Erlang B recursion is carried from row to row).
    ///
    /// ```
    /// use wom::staffing::Workload;
    /// // 200 calls an hour, 3 minutes each, 80% within 20 seconds.
    /// let w = Workload::new(200.0, 0.05).unwrap();
    /// let table = w.sizing(20.0 / 3600.0, 0.8).unwrap();
    /// assert_eq!(table.rows[0].agents, 11);
    /// assert_eq!(table.recommended().agents, 14);
    /// ```
    ///
    /// # Errors
    /// [`ErlangError::BadInput`] for a bad `within_hours`,
    /// [`ErlangError::BadTarget`] unless `0 <= target_service_level < 1`,
    /// [`ErlangError::TooManyAgents`] if the table would pass [`MAX_AGENTS`].
    pub fn sizing(
        &self,
        within_hours: f64,
        target_service_level: f64,
    ) -> Result<Sizing, ErlangError> {
        check_input("within_hours", within_hours)?;
        if !(0.0..1.0).contains(&target_service_level) {
            return Err(ErlangError::BadTarget(target_service_level));
        }
        let first = self.min_stable_agents();
        let first = u32::try_from(first)
            .ok()
            .filter(|&c| c <= MAX_AGENTS)
            .ok_or(ErlangError::TooManyAgents {
                agents: first,
                max: MAX_AGENTS,
            })?;
        let load = self.load_erlangs();
        let mut b = 1.0;
        for k in 1..first {
            b = erlang_b_step(b, k, load);
        }
        let stop = SIZING_STOP_SERVICE_LEVEL.max(target_service_level);
        let mut rows = Vec::new();
        let mut recommended = None;
        for agents in first..=MAX_AGENTS {
            b = erlang_b_step(b, agents, load);
            let erlang = self.erlang_c_of_b(agents, b);
            let service_level = erlang.service_level(within_hours)?;
            let meets = service_level >= target_service_level;
            if meets && recommended.is_none() {
                recommended = Some(rows.len());
            }
            rows.push(SizingRow {
                agents,
                load_erlangs: load,
                p_wait: erlang.p_wait(),
                service_level,
                asa_hours: erlang.asa_hours(),
                occupancy: erlang.occupancy(),
                meets_target: meets,
            });
            if service_level >= stop {
                // stop >= target, so some row met the target by now.
                let recommended = recommended.unwrap_or(rows.len() - 1);
                return Ok(Sizing {
                    target_service_level,
                    within_hours,
                    rows,
                    recommended,
                });
            }
        }
        Err(ErlangError::TooManyAgents {
            agents: u64::from(MAX_AGENTS) + 1,
            max: MAX_AGENTS,
        })
    }

    fn check_stable(&self, agents: u32) -> Result<(), ErlangError> {
        if agents > MAX_AGENTS {
            return Err(ErlangError::TooManyAgents {
                agents: u64::from(agents),
                max: MAX_AGENTS,
            });
        }
        let load_erlangs = self.load_erlangs();
        if load_erlangs >= f64::from(agents) {
            return Err(ErlangError::Unstable {
                load_erlangs,
                agents,
                min_agents: self.min_stable_agents(),
            });
        }
        Ok(())
    }

    /// Erlang C from Erlang B for a stable `agents`.
    fn erlang_c_of_b(&self, agents: u32, b: f64) -> ErlangC {
        let load = self.load_erlangs();
        let c = f64::from(agents);
        // c − A(1 − B) > c − A > 0, so no division by zero.
        let p_wait = (c * b / (c - load * (1.0 - b))).clamp(0.0, 1.0);
        ErlangC {
            agents,
            load_erlangs: load,
            handle_hours: self.handle_hours,
            p_wait,
        }
    }
}

/// One step of the Erlang B recursion: `B(k)` from `B(k−1)`.
#[inline]
fn erlang_b_step(prev: f64, k: u32, load: f64) -> f64 {
    let x = load * prev;
    // k >= 1, so the denominator is >= 1.
    x / (f64::from(k) + x)
}

fn check_input(name: &'static str, value: f64) -> Result<(), ErlangError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(ErlangError::BadInput { name, value })
    }
}

/// The steady state of a stable M/M/c queue (see the module docs).
///
/// ```
/// use wom::staffing::Workload;
/// // M/M/1 at 50% load: half the arrivals wait, on average one handling time.
/// let q = Workload::new(1.0, 0.5).unwrap().with_agents(1).unwrap();
/// assert!((q.p_wait() - 0.5).abs() < 1e-15);
/// assert!((q.asa_hours() - 0.5).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangC {
    /// Agents `c`; invariant `load_erlangs < c`.
    agents: u32,
    /// Load `A` in Erlangs.
    load_erlangs: f64,
    /// Mean handling time in hours.
    handle_hours: f64,
    /// `C(c, A)` in `[0, 1]`.
    p_wait: f64,
}

impl ErlangC {
    /// The number of agents.
    pub fn agents(&self) -> u32 {
        self.agents
    }

    /// The load `A` in Erlangs.
    pub fn load_erlangs(&self) -> f64 {
        self.load_erlangs
    }

    /// The probability that an arrival waits at all, `C(c, A)`.
    pub fn p_wait(&self) -> f64 {
        self.p_wait
    }

    /// The share answered within `within_hours`:
    /// `1 − C·e^{−(c−A)·t/AHT}` (1 when nobody waits).
    ///
    /// # Errors
    /// [`ErlangError::BadInput`] when `within_hours` is NaN, infinite or
    /// negative.
    pub fn service_level(&self, within_hours: f64) -> Result<f64, ErlangError> {
        check_input("within_hours", within_hours)?;
        if self.p_wait == 0.0 {
            // Also covers AHT = 0 (then A = 0 and C = 0), where t/AHT is 0/0.
            return Ok(1.0);
        }
        let rate = (f64::from(self.agents) - self.load_erlangs) / self.handle_hours;
        Ok(1.0 - self.p_wait * (-rate * within_hours).exp())
    }

    /// The mean wait (average speed of answer) in hours, `C·AHT/(c − A)`.
    pub fn asa_hours(&self) -> f64 {
        self.p_wait * self.handle_hours / (f64::from(self.agents) - self.load_erlangs)
    }

    /// The share of time agents are busy, `A / c`.
    pub fn occupancy(&self) -> f64 {
        self.load_erlangs / f64::from(self.agents)
    }
}

/// One row of a [`Sizing`] table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizingRow {
    /// Number of agents.
    pub agents: u32,
    /// The load `A` in Erlangs (the same on every row).
    pub load_erlangs: f64,
    /// Probability of waiting at all.
    pub p_wait: f64,
    /// Share answered within the table's `within_hours`.
    pub service_level: f64,
    /// Mean wait in hours.
    pub asa_hours: f64,
    /// `A / agents`.
    pub occupancy: f64,
    /// Whether `service_level >= target_service_level`.
    pub meets_target: bool,
}

/// How the service level grows with the number of agents (see
/// [`Workload::sizing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Sizing {
    /// The target share answered within `within_hours`.
    pub target_service_level: f64,
    /// The answer time of the service level, in hours.
    pub within_hours: f64,
    /// One row per agent count, increasing by one from the smallest stable
    /// count; never empty.
    pub rows: Vec<SizingRow>,
    /// Index in `rows` of the smallest agent count meeting the target (the
    /// service level increases with agents, so every later row meets it too;
    /// the table runs until the target is met, so there always is one).
    pub recommended: usize,
}

impl Sizing {
    /// The row of the smallest agent count meeting the target.
    pub fn recommended(&self) -> &SizingRow {
        &self.rows[self.recommended]
    }
}

#[cfg(test)]
#[path = "erlang_tests.rs"]
mod tests;
