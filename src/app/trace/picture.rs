//! The spread picture of a trace: its panels, title and subtitle, the same
//! whether just traced or redrawn from trace.json.

use crate::present::bad_input;
use crate::present::format::count;
use crate::report::charts::spread::{Panel, Spread};
use anyhow::Result;
use wom::model::OutcomeClass;
use wom::results::trace::TraceFile;
use wom::sim::Effect;
use wom::sim::trace::Story;

/// An outcome class in words, for people.
pub fn outcome_words(class: OutcomeClass) -> &'static str {
    match class {
        OutcomeClass::Satisfied => "no problem",
        OutcomeClass::Silent => "had a problem, did not complain",
        OutcomeClass::Unresolved => "complained, left unresolved",
        OutcomeClass::Resolved => "complained, resolved",
        OutcomeClass::ResolvedQuickly => "complained, resolved quickly",
        OutcomeClass::PartedGraceful => "complained, parted with gracefully",
        OutcomeClass::PartedAbrupt => "complained, parted with abruptly",
    }
}

/// "month 0 (the first)".
pub fn when(label: &str, period: u32) -> String {
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
pub fn spread(file: &TraceFile) -> Result<Spread> {
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
                outcome: outcome_words(p.class.into()).into(),
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
            file.person_label(),
            file.chosen
        ),
        max_hops: file.max_hops,
        panels,
    })
}
