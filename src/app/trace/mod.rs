//! `wom trace`: replay one replication of one or two policies with an
//! observer on one period, pick the customer whose story to follow, write
//! trace.json and the spread picture (`picture.rs`), and redraw it from
//! trace.json for `wom plot`.

mod picture;

use super::scenario::{self, Output, ScenarioInput};
use crate::present::bad_input;
use crate::present::format::count;
use crate::report::{Rendered, TracedStory, render, render_run};
use crate::store::files::write_atomic;
use crate::store::pictures::{write_picture, write_report};
use crate::store::read_json;
use anyhow::{Result, anyhow};
use picture::{outcome_words, when};
use std::path::{Path, PathBuf};
use wom::graph::NodeId;
use wom::model::{NetworkKind, OutcomeClass, Scenario, Tone};
use wom::results::run::SUMMARY;
use wom::results::trace::{PolicyTrace, TraceFile};
use wom::sim::trace::{PeriodLog, Story};
use wom::sim::{PeriodSeries, World};

/// What `wom trace` does.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The scenario with its overrides and seed.
    pub input: ScenarioInput,
    /// Policies to show (one or two; default: the first two).
    pub policies: Vec<String>,
    /// Replication to follow.
    pub replication: u64,
    /// Period to follow.
    pub period: u32,
    /// The customer to follow, by name in a file network's edge list or by
    /// id in a generated one (default: picked, see `pick`).
    pub person: Option<String>,
    /// Where to write, how much to print.
    pub output: Output,
}

/// One policy replayed on the traced period.
struct Replay {
    /// Policy name.
    name: String,
    /// Policy index in the scenario.
    index: usize,
    /// The traced period.
    log: PeriodLog,
}

/// Runs `wom trace`.
///
/// # Errors
/// Bad input for a bad scenario, policy, replication, period or person; a
/// failure when a file cannot be written.
pub fn run(args: &TraceOptions) -> Result<()> {
    let scenario = scenario::load(&args.input)?.scenario;
    let policies = policy_indices(&scenario, &args.policies)?;
    if args.replication >= u64::from(scenario.replications) {
        return Err(bad_input(format!(
            "--replication {}: the scenario runs replications 0 to {} (for a run made with --replications N, add --set replications=N)",
            args.replication,
            scenario.replications - 1
        )));
    }
    if args.period >= scenario.periods {
        return Err(bad_input(format!(
            "--period {}: the scenario has periods 0 to {}",
            args.period,
            scenario.periods - 1
        )));
    }
    let dir = args.output.dir_for(&args.input.path, None);
    let _lock = crate::store::files::lock_dir(&dir, true)?;
    let world = scenario::build_world(scenario, 1)?;
    // A file network's people are named as the file names them; a person
    // asked for by name or id is found before any replay.
    let names = match &world.scenario().network.kind {
        NetworkKind::File { path } => Some(super::network::load_file(path)?.names),
        NetworkKind::Generated(_) => None,
    };
    let asked = match &args.person {
        Some(word) => Some((
            word,
            super::node_list::resolve_node(
                word,
                &format!("--person {word}"),
                names.as_deref(),
                world.people(),
            )?,
        )),
        None => None,
    };
    let replays = policies
        .iter()
        .map(|&index| replay(&world, index, args.replication, args.period))
        .collect::<Result<Vec<_>>>()?;
    let scenario = world.scenario();
    let (person, chosen) = match asked {
        Some((word, p)) => {
            if replays[0].log.class_of(p).is_none() {
                return Err(bad_input(format!(
                    "--person {word}: not a customer in period {} of replication {} (customers then: {})",
                    args.period,
                    args.replication,
                    count(replays[0].log.outcomes().len() as u64)
                )));
            }
            (p, "given with --person".to_string())
        }
        None => pick(scenario, &replays).ok_or_else(|| {
            bad_input(format!(
                "nobody told a story in period {} of replication {}; try another --period or --replication",
                args.period, args.replication
            ))
        })?,
    };
    let traced: Vec<(&Replay, OutcomeClass, Story)> = replays
        .iter()
        .map(|r| {
            let class = r.log.class_of(person).unwrap_or(OutcomeClass::Satisfied);
            let tone = scenario.outcomes.get(class).tone;
            let story = r.log.story(person, tone.unwrap_or(Tone::Negative));
            (r, class, story)
        })
        .collect();

    let mut file = TraceFile {
        scenario: scenario.name.clone(),
        scenario_identity: wom::scenario::resolved::identity(scenario)?,
        scenario_file: args.input.path.display().to_string(),
        seed: scenario.seed,
        replication: args.replication,
        period: args.period,
        period_label: scenario.period_label.clone(),
        max_hops: scenario.word_of_mouth.max_hops,
        wom_version: env!("CARGO_PKG_VERSION").into(),
        person,
        person_name: None,
        segment: world
            .segment_of(args.replication, person)
            .map(|g| scenario.segments[g].name.clone()),
        chosen: chosen.clone(),
        policies: traced
            .iter()
            .map(|(r, class, story)| {
                let tone = scenario.outcomes.get(*class).tone;
                PolicyTrace::new(&r.name, r.index, *class, tone, story, &r.log)
            })
            .collect(),
    };
    if let Some(names) = &names {
        file.name_people(names);
    }
    let json = wom::results::to_json_text(&file)?;
    // A finished run of the same scenario in DIR gets the story in its
    // report (render_run checks that the identities match).
    let run = if dir.join(SUMMARY).exists() {
        Some(crate::store::run::load(&dir)?)
    } else {
        None
    };
    let owned = crate::store::owned::begin(&dir, crate::store::owned::Scope::BesideARun)?;
    write_atomic(&dir.join("trace.json"), |out| {
        Ok(out.write_all(json.as_bytes())?)
    })?;
    let picture = render(&picture::spread(&file)?)?;
    write_picture(&dir, picture.picture())?;
    if let Some(run) = run {
        let report = render_run(&run, Some(&story(&picture, &file)))?;
        write_report(&dir, report.pictures(), &report.html)?;
    }
    owned.finish()?;
    if !args.output.quiet {
        print_summary(
            scenario,
            args,
            &file.person_label(),
            file.segment.as_deref(),
            &chosen,
            &traced,
            &dir,
        );
    }
    Ok(())
}

/// Indices of the policies asked for (default: the first two).
fn policy_indices(scenario: &Scenario, names: &[String]) -> Result<Vec<usize>> {
    let known: Vec<&str> = scenario.policies.iter().map(|p| p.name.as_str()).collect();
    if names.is_empty() {
        return Ok((0..known.len().min(2)).collect());
    }
    if names.len() > 2 {
        return Err(bad_input(format!(
            "--policy given {} times: trace draws one policy, or two side by side",
            names.len()
        )));
    }
    names
        .iter()
        .map(|n| {
            known.iter().position(|k| k == n).ok_or_else(|| {
                bad_input(format!(
                    "--policy {n}: no such policy in scenario “{}” (it has: {})",
                    scenario.name,
                    known.join(", ")
                ))
            })
        })
        .collect()
}

/// Replays one policy of one replication, logging period `period`, and
/// checks the log against the simulation's own count of that period.
fn replay(world: &World, index: usize, replication: u64, period: u32) -> Result<Replay> {
    let mut log = PeriodLog::new(period);
    let run = world
        .observe(replication, index, &mut log)
        .map_err(scenario::world_error)?;
    let reported = run.periods[period as usize][PeriodSeries::NegativeTellings as usize];
    if log.tellings(Tone::Negative) as f64 != reported {
        return Err(anyhow!(
            "internal: the trace saw {} negative tellings, the simulation {reported}",
            log.tellings(Tone::Negative)
        ));
    }
    Ok(Replay {
        name: world.scenario().policies[index].name.clone(),
        index,
        log,
    })
}

/// The default customer: among those with a problem in the period (in the
/// first policy shown), the one whose story reached most people summed over
/// the policies; ties go to the lowest id. With two policies, customers the
/// policies treat differently (complainers) come first, so the panels
/// differ, and among them those a policy parts with. Without problems, any
/// customer who told a story.
fn pick(scenario: &Scenario, replays: &[Replay]) -> Option<(NodeId, String)> {
    let first = &replays[0].log;
    let class = |r: &Replay, u: NodeId| r.log.class_of(u).unwrap_or(OutcomeClass::Satisfied);
    let unhappy: Vec<NodeId> = first
        .outcomes()
        .iter()
        .filter(|(_, c)| *c != OutcomeClass::Satisfied)
        .map(|(u, _)| *u)
        .collect();
    let treated: Vec<NodeId> = unhappy
        .iter()
        .copied()
        .filter(|&u| replays.iter().any(|r| class(r, u) != class(&replays[0], u)))
        .collect();
    // A customer a policy shown parts with comes first: following a parting
    // is why one traces a scenario with partings.
    let parted: Vec<NodeId> = treated
        .iter()
        .copied()
        .filter(|&u| replays.iter().any(|r| class(r, u).is_parted()))
        .collect();
    let (candidates, why) = if !parted.is_empty() {
        (
            parted,
            "chosen as the customer parted with whose story reached most people",
        )
    } else if !treated.is_empty() {
        (
            treated,
            "chosen as the complainer whose story reached most people",
        )
    } else if !unhappy.is_empty() {
        (
            unhappy,
            "chosen as the unhappy customer whose story reached most people",
        )
    } else {
        let mut all = first.originators(Tone::Negative);
        all.extend(first.originators(Tone::Positive));
        (
            all,
            "nobody had a problem; chosen as the customer whose story reached most people",
        )
    };
    let reach = |u: NodeId| -> usize {
        replays
            .iter()
            .map(|r| {
                let class = r.log.class_of(u).unwrap_or(OutcomeClass::Satisfied);
                scenario
                    .outcomes
                    .get(class)
                    .tone
                    .map_or(0, |t| r.log.story(u, t).reach())
            })
            .sum()
    };
    let best = candidates
        .iter()
        .map(|&u| (reach(u), u))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
    let why = if replays.len() > 1 {
        format!("{why}, summed over the policies shown")
    } else {
        why.to_string()
    };
    Some((best.1, why))
}

/// A story picture redrawn from trace.json.
pub struct Redrawn {
    /// The picture.
    picture: Rendered,
    /// The trace it was drawn from.
    file: TraceFile,
    /// trace.png and trace.svg.
    pub paths: [PathBuf; 2],
}

impl Redrawn {
    /// The picture as a story for the report.
    pub fn story(&self) -> TracedStory<'_> {
        story(&self.picture, &self.file)
    }
}

/// The story of `file` drawn as `picture`, for report.html.
fn story<'a>(picture: &'a Rendered, file: &'a TraceFile) -> TracedStory<'a> {
    TracedStory {
        picture,
        identity: &file.scenario_identity,
        caption: format!(
            "Replication {}, {}: person {}, {}. Drawn by `wom trace`; trace.json lists every hearing.",
            file.replication,
            when(&file.period_label, file.period),
            file.person_label(),
            file.chosen
        ),
    }
}

/// Redraws `dir/trace.png` and `dir/trace.svg` from `dir/trace.json`, if
/// there is one; returns the picture and the files written.
///
/// # Errors
/// Bad input when trace.json is malformed; a failure when drawing or
/// writing fails.
pub fn redraw(dir: &Path) -> Result<Option<Redrawn>> {
    let path = dir.join("trace.json");
    if !path.exists() {
        return Ok(None);
    }
    let file: TraceFile = read_json(&path)?;
    file.check()
        .map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
    let picture = render(&picture::spread(&file)?)?;
    let paths = write_picture(dir, picture.picture())?;
    Ok(Some(Redrawn {
        picture,
        file,
        paths,
    }))
}

fn print_summary(
    scenario: &Scenario,
    args: &TraceOptions,
    person: &str,
    segment: Option<&str>,
    chosen: &str,
    traced: &[(&Replay, OutcomeClass, Story)],
    dir: &Path,
) {
    let segment = segment.map_or_else(String::new, |s| format!(" (segment {s})"));
    println!(
        "Scenario `{}`, replication {}, {}, seed {}: person {person}{segment}, {chosen}",
        scenario.name,
        args.replication,
        when(&scenario.period_label, args.period),
        scenario.seed
    );
    for (r, class, story) in traced {
        println!(
            "  {:<20} {}: {}",
            r.name,
            outcome_words(*class),
            crate::report::charts::spread::summary(story)
        );
        println!(
            "  {:<20} whole {}: {} negative and {} positive tellings by {} and {} tellers",
            "",
            scenario.period_label,
            count(r.log.tellings(Tone::Negative) as u64),
            count(r.log.tellings(Tone::Positive) as u64),
            count(r.log.originators(Tone::Negative).len() as u64),
            count(r.log.originators(Tone::Positive).len() as u64)
        );
    }
    println!(
        "Wrote {}/ (trace.json, trace.png, trace.svg)",
        dir.display()
    );
}
