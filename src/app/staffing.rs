//! `wom staffing`: how many agents a complaint desk needs, from Erlang C,
//! without simulation — one desk (`--agents`) or a table of desk sizes,
//! for people or as JSON.

use crate::present::bad_input;
use crate::present::format::{hours, percent, thousands};
use anyhow::Result;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
use wom::staffing::{ErlangC, ErlangError, SizingRow, Workload};

/// The validated options of `wom staffing`.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingOptions {
    /// Complaints per hour; finite, > 0.
    pub arrivals_per_hour: f64,
    /// Mean handling time, minutes; finite, > 0.
    pub handle_minutes: f64,
    /// One desk of this many agents (else a table).
    pub agents: Option<u32>,
    /// The answer time of the service level, minutes; finite, >= 0.
    pub within_minutes: f64,
    /// Target share answered within `within_minutes`, in [0, 1).
    pub target_service_level: f64,
    /// JSON on stdout instead of a table.
    pub json: bool,
}

/// One desk size as `--json` prints it: exactly these keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeskJson {
    /// Agents.
    pub agents: u32,
    /// The load `A = λ·AHT`, Erlangs.
    pub load_erlangs: f64,
    /// Probability that a complaint waits at all.
    pub p_wait: f64,
    /// Share answered within `--within-minutes`.
    pub service_level: f64,
    /// Mean wait (average speed of answer), minutes.
    pub asa_minutes: f64,
    /// Share of the agents' time spent handling complaints.
    pub occupancy: f64,
}

impl From<&SizingRow> for DeskJson {
    fn from(r: &SizingRow) -> Self {
        DeskJson {
            agents: r.agents,
            load_erlangs: r.load_erlangs,
            p_wait: r.p_wait,
            service_level: r.service_level,
            asa_minutes: 60.0 * r.asa_hours,
            occupancy: r.occupancy,
        }
    }
}

/// Erlang C's refusals as bad input naming the flag at fault.
fn refused(e: ErlangError) -> anyhow::Error {
    match e {
        ErlangError::Unstable {
            load_erlangs,
            agents,
            min_agents,
        } => bad_input(format!(
            "--agents {agents} cannot keep up with a load of {} Erlangs (--arrivals-per-hour × \
             --handle-minutes / 60): the queue would grow without end; at least {min_agents} \
             agents are needed",
            thousands(load_erlangs, 3)
        )),
        other => bad_input(format!("wom staffing: {other}")),
    }
}

fn row(e: &ErlangC, within_hours: f64, target: f64) -> Result<SizingRow> {
    let service_level = e.service_level(within_hours).map_err(refused)?;
    Ok(SizingRow {
        agents: e.agents(),
        load_erlangs: e.load_erlangs(),
        p_wait: e.p_wait(),
        service_level,
        asa_hours: e.asa_hours(),
        occupancy: e.occupancy(),
        meets_target: service_level >= target,
    })
}

/// A share for people, with two decimals near 100% so 99.9% and 100%
/// differ.
fn share(x: f64) -> String {
    if (0.99..1.0).contains(&x) {
        format!("{:.2}%", 100.0 * x)
    } else {
        format!("{:.1}%", 100.0 * x)
    }
}

/// Runs `wom staffing`.
///
/// # Errors
/// Bad input for an unstable desk (`--agents` at or below the load) or a
/// load beyond what can be computed.
pub fn run(o: &StaffingOptions) -> Result<()> {
    let (work, rows) = sized(o)?;
    let handle_hours = o.handle_minutes / 60.0;
    let within_hours = o.within_minutes / 60.0;
    let mut out = String::new();
    if o.json {
        let text = match o.agents {
            Some(_) => serde_json::to_string_pretty(&DeskJson::from(&rows[0]))?,
            None => {
                serde_json::to_string_pretty(&rows.iter().map(DeskJson::from).collect::<Vec<_>>())?
            }
        };
        writeln!(out, "{text}")?;
        return print(&out);
    }
    let within = hours(within_hours);
    let target = percent(o.target_service_level);
    writeln!(
        out,
        "Load: {} Erlangs ({} complaints an hour × {} each). Target: {target} answered within {within}.",
        thousands(work.load_erlangs(), 2),
        thousands(o.arrivals_per_hour, 2).trim_end_matches(".00"),
        hours(handle_hours),
    )?;
    writeln!(
        out,
        "Erlang C: an always-open desk, complaints at random at a steady rate, exponential handling times.\n"
    )?;
    let answered = format!("answered within {within}");
    let head = [
        "agents",
        "wait at all",
        &answered,
        "mean wait",
        "agents busy",
    ];
    let widths: Vec<usize> = head.iter().map(|h| h.chars().count().max(8)).collect();
    let line = |cells: [String; 5]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect::<Vec<_>>()
            .join("   ")
    };
    writeln!(out, "{}", line(head.map(str::to_owned)))?;
    let first_meeting = rows.iter().position(|r| r.meets_target);
    for (i, r) in rows.iter().enumerate() {
        let mark = if Some(i) == first_meeting {
            format!("   ← the smallest desk that answers {target} within {within}")
        } else {
            String::new()
        };
        let cells = [
            r.agents.to_string(),
            share(r.p_wait),
            share(r.service_level),
            hours(r.asa_hours),
            share(r.occupancy),
        ];
        writeln!(out, "{}{mark}", line(cells))?;
    }
    if o.agents.is_some() && first_meeting.is_none() {
        writeln!(
            out,
            "\n{} agents do not meet the target; run without --agents for the smallest desk that does.",
            rows[0].agents
        )?;
    }
    print(&out)
}

/// The desk sizes of `wom staffing --json` (one with `--agents`), as the
/// Python package returns them.
///
/// # Errors
/// As [`run`].
#[allow(dead_code)] // used by the Python package (python/src/lib.rs)
pub fn desks(o: &StaffingOptions) -> Result<Vec<DeskJson>> {
    Ok(sized(o)?.1.iter().map(DeskJson::from).collect())
}

/// The workload and the rows to show: the one desk of `--agents`, else
/// every size up to the smallest that meets the target.
fn sized(o: &StaffingOptions) -> Result<(Workload, Vec<SizingRow>)> {
    let handle_hours = o.handle_minutes / 60.0;
    let within_hours = o.within_minutes / 60.0;
    let work = Workload::new(o.arrivals_per_hour, handle_hours).map_err(refused)?;
    let rows = match o.agents {
        Some(agents) => {
            let e = work.with_agents(agents).map_err(refused)?;
            vec![row(&e, within_hours, o.target_service_level)?]
        }
        None => {
            work.sizing(within_hours, o.target_service_level)
                .map_err(refused)?
                .rows
        }
    };
    Ok((work, rows))
}

/// Writes `text` to stdout; a reader that stopped reading (`| head`) is
/// not an error.
fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
