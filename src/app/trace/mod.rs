//! `wom trace`: replay one replication of one or two policies with an
//! observer on one period, pick the customer whose story to follow, write
//! trace.json and the spread picture.

mod file;

use super::files::{read_input, write_atomic};
use super::format::count;
use super::{bad_input, run::default_out_dir, scenario};
use crate::cli::trace::TraceArgs;
use crate::report::spread::{Panel, Spread};
use crate::report::{Rendered, TracedStory, render, write_picture};
use anyhow::{Result, anyhow};
use file::{TraceFile, outcome_words};
use std::path::{Path, PathBuf};
use wom::graph::NodeId;
use wom::model::{OutcomeClass, Scenario};
use wom::sim::trace::{PeriodLog, Story, tone_index};
use wom::sim::{Effect, NEGATIVE, POSITIVE, PeriodSeries, World};

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
pub fn run(args: &TraceArgs) -> Result<()> {
    let (_, mut scenario) = scenario::load_with(&args.scenario, &args.set)?;
    if let Some(s) = args.seed {
        scenario.seed = s;
    }
    let policies = policy_indices(&scenario, &args.policy)?;
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
    let world = scenario::build_world(scenario, 1)?;
    let replays = policies
        .iter()
        .map(|&index| replay(&world, index, args.replication, args.period))
        .collect::<Result<Vec<_>>>()?;
    let scenario = world.scenario();
    let (person, chosen) = match args.person {
        Some(p) => {
            if replays[0].log.class_of(p).is_none() {
                return Err(bad_input(format!(
                    "--person {p}: not a customer in period {} of replication {} (customers then: {})",
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
            let tone = tone_index(scenario.outcomes.get(class).tone);
            let story = r.log.story(person, tone.unwrap_or(NEGATIVE));
            (r, class, story)
        })
        .collect();

    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&args.scenario));
    let file = TraceFile::new(scenario, args, person, &chosen, &traced);
    let json = serde_json::to_string_pretty(&file)?;
    write_atomic(&dir.join("trace.json"), |out| {
        Ok(out.write_all(json.as_bytes())?)
    })?;
    let picture = render(&picture(&file)?)?;
    write_picture(&dir, &picture)?;
    // A finished run of the same scenario and seed in DIR gets the story
    // in its report (render_dir checks the match).
    let report = dir.join("summary.json").exists();
    if report {
        crate::report::render_dir(&dir, Some(&story(&picture, &file)))?;
    }
    if !args.quiet {
        print_summary(scenario, args, person, &chosen, &traced, &dir);
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
                    "--policy {n}: no such policy in scenario `{}` (it has: {})",
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
    let run = world.observe(replication, index, &mut log);
    let reported = run.periods[period as usize][PeriodSeries::NegativeTellings as usize];
    if log.tellings(NEGATIVE) as f64 != reported {
        return Err(anyhow!(
            "internal: the trace saw {} negative tellings, the simulation {reported}",
            log.tellings(NEGATIVE)
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
/// differ. Without problems, any customer who told a story.
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
    let (candidates, why) = if !treated.is_empty() {
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
        let mut all = first.originators(NEGATIVE);
        all.extend(first.originators(POSITIVE));
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
                tone_index(scenario.outcomes.get(class).tone)
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

/// "month 0 (the first)".
fn when(label: &str, period: u32) -> String {
    if period == 0 {
        format!("{label} 0 (the first)")
    } else {
        format!("{label} {period}")
    }
}

/// The picture's title: the finding.
fn title(panels: &[Panel]) -> String {
    let news = |s: &Story| {
        if s.is_negative() {
            "bad news"
        } else {
            "good news"
        }
    };
    let people = |n: usize| {
        format!(
            "{} {}",
            count(n as u64),
            if n == 1 { "person" } else { "people" }
        )
    };
    match panels {
        [p] if p.story.reach() == 0 => "One customer's experience, told to nobody".into(),
        [p] => {
            let s = &p.story;
            let mut t = format!(
                "One customer's {} reached {} in {} hop{}",
                news(s),
                people(s.reach()),
                s.depth(),
                if s.depth() == 1 { "" } else { "s" }
            );
            let deterred = s.count(Effect::Deterred);
            if deterred > 0 {
                t.push_str(&format!(", deterring {}", count(deterred as u64)));
                t.push_str(if deterred == 1 {
                    " prospect"
                } else {
                    " prospects"
                });
            }
            t
        }
        _ => {
            let parts: Vec<String> = panels
                .iter()
                .map(|p| {
                    if p.story.reach() == 0 {
                        format!("no story with {}", p.policy)
                    } else {
                        format!(
                            "{} to {} with {}",
                            news(&p.story),
                            people(p.story.reach()),
                            p.policy
                        )
                    }
                })
                .collect();
            format!("The same customer: {}", parts.join(", "))
        }
    }
}

/// The spread picture of a trace file (the same whether just traced or
/// read back by `wom plot`).
///
/// # Errors
/// Bad input when the file's stories cannot be rebuilt (an unknown key).
fn picture(file: &TraceFile) -> Result<Spread> {
    let panels = file
        .policies
        .iter()
        .map(|p| {
            let story = p
                .rebuild(file.person, file.period)
                .map_err(|e| bad_input(format!("trace.json, policy `{}`: {e}", p.policy)))?;
            Ok(Panel {
                policy: p.policy.clone(),
                policy_index: p.policy_index,
                outcome: outcome_words(&p.class).into(),
                story,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Spread {
        stem: "trace".into(),
        title: title(&panels),
        subtitle: format!(
            "Scenario {} · replication {} · {} · seed {} · person {}: {}",
            file.scenario,
            file.replication,
            when(&file.period_label, file.period),
            file.seed,
            file.person,
            file.chosen
        ),
        max_hops: file.max_hops,
        panels,
    })
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
        scenario: &file.scenario,
        seed: file.seed,
        caption: format!(
            "Replication {}, {}: person {}, {}. Drawn by `wom trace`; trace.json lists every hearing.",
            file.replication,
            when(&file.period_label, file.period),
            file.person,
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
    let text = read_input(&path, "trace file")?;
    let file: TraceFile = serde_json::from_str(&text)
        .map_err(|e| bad_input(format!("{} is not a trace file: {e}", path.display())))?;
    let picture = render(&picture(&file)?)?;
    let paths = write_picture(dir, &picture)?;
    Ok(Some(Redrawn {
        picture,
        file,
        paths,
    }))
}

fn print_summary(
    scenario: &Scenario,
    args: &TraceArgs,
    person: NodeId,
    chosen: &str,
    traced: &[(&Replay, OutcomeClass, Story)],
    dir: &Path,
) {
    println!(
        "Scenario `{}`, replication {}, {}, seed {}: person {person}, {chosen}",
        scenario.name,
        args.replication,
        when(&scenario.period_label, args.period),
        scenario.seed
    );
    for (r, class, story) in traced {
        println!(
            "  {:<20} {}: {}",
            r.name,
            outcome_words(class.key()),
            crate::report::spread::summary(story)
        );
        println!(
            "  {:<20} whole {}: {} negative and {} positive tellings by {} and {} tellers",
            "",
            scenario.period_label,
            count(r.log.tellings(NEGATIVE) as u64),
            count(r.log.tellings(POSITIVE) as u64),
            count(r.log.originators(NEGATIVE).len() as u64),
            count(r.log.originators(POSITIVE).len() as u64)
        );
    }
    println!(
        "Wrote {}/ (trace.json, trace.png, trace.svg)",
        dir.display()
    );
}
