//! trace.json: the stories of one period as `wom trace` writes them — and
//! reads them back, so `wom plot DIR` redraws the picture without
//! simulating.

use super::Replay;
use crate::cli::trace::TraceArgs;
use serde::{Deserialize, Serialize};
use wom::graph::NodeId;
use wom::model::{OutcomeClass, Scenario};
use wom::sim::trace::{PeriodLog, Story, tone_index};
use wom::sim::{Effect, Hearing, NEGATIVE, Observer, POSITIVE};

/// The key of a tone index in trace.json.
pub fn tone_key(tone: Option<usize>) -> &'static str {
    match tone {
        Some(NEGATIVE) => "negative",
        Some(_) => "positive",
        None => "none",
    }
}

fn tone_from_key(key: &str) -> Option<usize> {
    match key {
        "negative" => Some(NEGATIVE),
        "positive" => Some(POSITIVE),
        _ => None,
    }
}

const EFFECTS: [(Effect, &str); 4] = [
    (Effect::None, "none"),
    (Effect::Deterred, "deterred"),
    (Effect::Referred, "converted"),
    (Effect::Lost, "lost"),
];

fn effect_key(effect: Effect) -> &'static str {
    EFFECTS
        .iter()
        .find(|(e, _)| *e == effect)
        .map_or("none", |(_, k)| k)
}

/// An outcome class in words, for people (unknown keys as they are).
pub fn outcome_words(class_key: &str) -> &str {
    match class_key {
        "satisfied" => "no problem",
        "silent" => "had a problem, did not complain",
        "unresolved" => "complained, left unresolved",
        "resolved" => "complained, resolved",
        "resolved_quickly" => "complained, resolved quickly",
        other => other,
    }
}

/// trace.json.
#[derive(Debug, Serialize, Deserialize)]
pub struct TraceFile {
    /// Scenario name.
    pub scenario: String,
    /// The scenario file traced.
    pub scenario_file: String,
    /// Seed.
    pub seed: u64,
    /// Replication followed.
    pub replication: u64,
    /// Period followed (0 = the first).
    pub period: u32,
    /// What a period is called.
    pub period_label: String,
    /// Hops a story can travel.
    pub max_hops: u32,
    /// wom version that wrote it.
    pub wom_version: String,
    /// The customer whose story is followed.
    pub person: NodeId,
    /// Why that customer.
    pub chosen: String,
    /// One entry per policy shown.
    pub policies: Vec<PolicyTrace>,
}

/// One policy in trace.json.
#[derive(Debug, Serialize, Deserialize)]
pub struct PolicyTrace {
    /// Policy name.
    pub policy: String,
    /// Its position in the scenario (for its colour).
    pub policy_index: usize,
    /// The customer's outcome class key.
    pub class: String,
    /// The story's tone: `negative`, `positive` or `none`.
    pub tone: String,
    /// Distinct people reached.
    pub people_reached: usize,
    /// Hearings of the story.
    pub hearings: usize,
    /// Deepest hop.
    pub hops: u32,
    /// People first reached at each hop.
    pub reached_per_hop: Vec<usize>,
    /// Prospects deterred.
    pub deterred: usize,
    /// Customers lost to hearsay.
    pub customers_lost: usize,
    /// Prospects converted by referral.
    pub converted: usize,
    /// The whole period.
    pub period: PeriodTotals,
    /// Every hearing of the story, in simulation order.
    pub story: Vec<Telling>,
}

/// Everything in the period, every customer's story included: equal to what
/// `wom run` reports for that replication and period.
#[derive(Debug, Serialize, Deserialize)]
pub struct PeriodTotals {
    /// Customers with an experience.
    pub customers: usize,
    /// Hearings of bad news.
    pub negative_tellings: usize,
    /// Hearings of good news.
    pub positive_tellings: usize,
    /// Customers who told bad news.
    pub negative_originators: usize,
    /// Customers who told good news.
    pub positive_originators: usize,
}

/// One hearing of the story.
#[derive(Debug, Serialize, Deserialize)]
pub struct Telling {
    /// Who told.
    pub teller: NodeId,
    /// Who heard.
    pub hearer: NodeId,
    /// 1 = told by the customer.
    pub hop: u32,
    /// `negative` or `positive`.
    pub tone: String,
    /// `none`, `deterred`, `lost` or `converted`.
    pub effect: String,
}

impl TraceFile {
    /// The file for `person` traced under each policy of `traced`.
    pub fn new(
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
                policy_index: r.index,
                class: class.key().into(),
                tone: tone_key(tone_index(scenario.outcomes.get(*class).tone)).into(),
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
            max_hops: scenario.word_of_mouth.max_hops,
            wom_version: env!("CARGO_PKG_VERSION").into(),
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
        tone: tone_key(Some(h.tone)).into(),
        effect: effect_key(h.effect).into(),
    }
}

impl PolicyTrace {
    /// The story rebuilt from its hearings, exactly as `wom trace` had it.
    ///
    /// # Errors
    /// An unknown tone or effect key (the file was edited).
    pub fn rebuild(&self, person: NodeId, period: u32) -> Result<Story, String> {
        let mut log = PeriodLog::new(period);
        for t in &self.story {
            let tone =
                tone_from_key(&t.tone).ok_or_else(|| format!("unknown tone `{}`", t.tone))?;
            let effect = EFFECTS
                .iter()
                .find(|(_, k)| *k == t.effect)
                .map(|(e, _)| *e)
                .ok_or_else(|| format!("unknown effect `{}`", t.effect))?;
            log.hearing(
                period,
                &Hearing {
                    teller: t.teller,
                    hearer: t.hearer,
                    tone,
                    hop: t.hop,
                    effect,
                },
            );
        }
        Ok(log.story(person, tone_from_key(&self.tone).unwrap_or(NEGATIVE)))
    }
}
