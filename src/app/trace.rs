//! `wom trace`: replay one replication of one or two policies with an
//! observer on one period, pick the customer whose story to follow, write
//! trace.json and the spread picture.

use super::files::write_atomic;
use super::format::count;
use super::{bad_input, run::default_out_dir, scenario};
use crate::cli::trace::TraceArgs;
use crate::report::spread::{Panel, Spread};
use crate::report::{render, write_picture};
use anyhow::{Result, anyhow};
use serde::Serialize;
use std::path::Path;
use wom::graph::NodeId;
use wom::model::{OutcomeClass, Scenario};
use wom::sim::trace::{PeriodLog, Story, tone_index};
use wom::sim::{Effect, Hearing, NEGATIVE, POSITIVE, PeriodSeries, World};

/// One policy replayed on the traced period.
struct Replay {
    name: String,
    index: usize,
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
            "--replication {}: the scenario runs replications 0 to {}",
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
    let picture = render(&spread(scenario, args, person, &chosen, &traced))?;
    write_picture(&dir, &picture)?;
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

/// An outcome in words, for people.
fn outcome_words(class: OutcomeClass) -> &'static str {
    match class {
        OutcomeClass::Satisfied => "no problem",
        OutcomeClass::Silent => "had a problem, did not complain",
        OutcomeClass::Unresolved => "complained, left unresolved",
        OutcomeClass::Resolved => "complained, resolved",
        OutcomeClass::ResolvedQuickly => "complained, resolved quickly",
    }
}

fn tone_key(tone: Option<usize>) -> &'static str {
    match tone {
        Some(NEGATIVE) => "negative",
        Some(_) => "positive",
        None => "none",
    }
}

fn effect_key(effect: Effect) -> &'static str {
    match effect {
        Effect::None => "none",
        Effect::Deterred => "deterred",
        Effect::Referred => "converted",
        Effect::Lost => "lost",
    }
}

/// trace.json.
#[derive(Serialize)]
struct TraceFile {
    scenario: String,
    scenario_file: String,
    seed: u64,
    replication: u64,
    period: u32,
    period_label: String,
    wom_version: &'static str,
    person: NodeId,
    chosen: String,
    policies: Vec<PolicyTrace>,
}

/// One policy in trace.json.
#[derive(Serialize)]
struct PolicyTrace {
    policy: String,
    class: &'static str,
    tone: &'static str,
    people_reached: usize,
    hearings: usize,
    hops: u32,
    reached_per_hop: Vec<usize>,
    deterred: usize,
    customers_lost: usize,
    converted: usize,
    period: PeriodTotals,
    story: Vec<Telling>,
}

/// Everything in the period, every customer's story included: equal to what
/// `wom run` reports for that replication and period.
#[derive(Serialize)]
struct PeriodTotals {
    customers: usize,
    negative_tellings: usize,
    positive_tellings: usize,
    negative_originators: usize,
    positive_originators: usize,
}

/// One hearing of the story.
#[derive(Serialize)]
struct Telling {
    teller: NodeId,
    hearer: NodeId,
    hop: u32,
    tone: &'static str,
    effect: &'static str,
}

impl TraceFile {
    fn new(
        scenario: &Scenario,
        args: &TraceArgs,
        person: NodeId,
        chosen: &str,
        traced: &[(&Replay, OutcomeClass, Story)],
    ) -> Self {
        let policies = traced
            .iter()
            .map(|(r, class, story)| PolicyTrace {
                policy: r.name.clone(),
                class: class.key(),
                tone: tone_key(tone_index(scenario.outcomes.get(*class).tone)),
                people_reached: story.reach(),
                hearings: story.hearings.len(),
                hops: story.depth(),
                reached_per_hop: story.per_hop(),
                deterred: story.count(Effect::Deterred),
                customers_lost: story.count(Effect::Lost),
                converted: story.count(Effect::Referred),
                period: PeriodTotals {
                    customers: r.log.outcomes().len(),
                    negative_tellings: r.log.tellings(NEGATIVE),
                    positive_tellings: r.log.tellings(POSITIVE),
                    negative_originators: r.log.originators(NEGATIVE).len(),
                    positive_originators: r.log.originators(POSITIVE).len(),
                },
                story: story.hearings.iter().map(telling).collect(),
            })
            .collect();
        Self {
            scenario: scenario.name.clone(),
            scenario_file: args.scenario.display().to_string(),
            seed: scenario.seed,
            replication: args.replication,
            period: args.period,
            period_label: scenario.period_label.clone(),
            wom_version: env!("CARGO_PKG_VERSION"),
            person,
            chosen: chosen.to_string(),
            policies,
        }
    }
}

fn telling(h: &Hearing) -> Telling {
    Telling {
        teller: h.teller,
        hearer: h.hearer,
        hop: h.hop,
        tone: tone_key(Some(h.tone)),
        effect: effect_key(h.effect),
    }
}

/// "month 0 (the first)".
fn when(scenario: &Scenario, period: u32) -> String {
    let label = &scenario.period_label;
    if period == 0 {
        format!("{label} 0 (the first)")
    } else {
        format!("{label} {period}")
    }
}

/// The picture's title: the finding.
fn title(traced: &[(&Replay, OutcomeClass, Story)]) -> String {
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
    match traced {
        [(_, _, s)] if s.reach() == 0 => "One customer's experience, told to nobody".into(),
        [(_, _, s)] => {
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
            let parts: Vec<String> = traced
                .iter()
                .map(|(r, _, s)| {
                    if s.reach() == 0 {
                        format!("no story with {}", r.name)
                    } else {
                        format!("{} to {} with {}", news(s), people(s.reach()), r.name)
                    }
                })
                .collect();
            format!("The same customer: {}", parts.join(", "))
        }
    }
}

fn spread(
    scenario: &Scenario,
    args: &TraceArgs,
    person: NodeId,
    chosen: &str,
    traced: &[(&Replay, OutcomeClass, Story)],
) -> Spread {
    Spread {
        stem: "trace".into(),
        title: title(traced),
        subtitle: format!(
            "Scenario {} · replication {} · {} · seed {} · person {person}: {chosen}",
            scenario.name,
            args.replication,
            when(scenario, args.period),
            scenario.seed
        ),
        max_hops: scenario.word_of_mouth.max_hops,
        panels: traced
            .iter()
            .map(|(r, class, story)| Panel {
                policy: r.name.clone(),
                policy_index: r.index,
                outcome: outcome_words(*class).into(),
                story: story.clone(),
            })
            .collect(),
    }
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
        when(scenario, args.period),
        scenario.seed
    );
    for (r, class, story) in traced {
        println!(
            "  {:<20} {}: {}",
            r.name,
            outcome_words(*class),
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
