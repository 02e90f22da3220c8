//! trace.json: the stories of one period as `wom trace` writes them, read
//! back (checked against sane bounds first) so `wom plot DIR` redraws the
//! picture without simulating.

use crate::graph::NodeId;
use crate::model::{OutcomeClass, Tone};
use crate::sim::trace::{PeriodLog, Story};
use crate::sim::{Effect, Hearing, Observer};
use serde::{Deserialize, Serialize};

/// Most hearings a trace file may hold for one policy: far above any real
/// story (a period's whole word of mouth in a large town), small enough to
/// redraw in a moment.
pub const MAX_HEARINGS: usize = 2_000_000;
/// Most hops a story can travel (the scenario's limit on `max_hops`).
pub const MAX_HOPS: u32 = 20;

/// A tone as trace.json writes it; `none` for no story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneKey {
    /// Bad news.
    Negative,
    /// Good news.
    Positive,
    /// No story.
    None,
}

impl From<Option<Tone>> for ToneKey {
    fn from(tone: Option<Tone>) -> Self {
        match tone {
            Some(Tone::Negative) => ToneKey::Negative,
            Some(Tone::Positive) => ToneKey::Positive,
            None => ToneKey::None,
        }
    }
}

impl ToneKey {
    /// The tone, `None` for no story.
    pub fn tone(self) -> Option<Tone> {
        match self {
            ToneKey::Negative => Some(Tone::Negative),
            ToneKey::Positive => Some(Tone::Positive),
            ToneKey::None => None,
        }
    }
}

/// An effect as trace.json writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectKey {
    /// Nothing changed.
    None,
    /// A prospect was deterred.
    Deterred,
    /// A prospect converted (referral).
    Converted,
    /// A customer left (hearsay churn).
    Lost,
}

impl From<Effect> for EffectKey {
    fn from(effect: Effect) -> Self {
        match effect {
            Effect::None => EffectKey::None,
            Effect::Deterred => EffectKey::Deterred,
            Effect::Referred => EffectKey::Converted,
            Effect::Lost => EffectKey::Lost,
        }
    }
}

impl From<EffectKey> for Effect {
    fn from(key: EffectKey) -> Self {
        match key {
            EffectKey::None => Effect::None,
            EffectKey::Deterred => Effect::Deterred,
            EffectKey::Converted => Effect::Referred,
            EffectKey::Lost => Effect::Lost,
        }
    }
}

/// An outcome class as trace.json writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassKey {
    /// No problem.
    Satisfied,
    /// A problem, no complaint.
    Silent,
    /// Complained, unresolved.
    Unresolved,
    /// Complained, resolved.
    Resolved,
    /// Complained, resolved quickly.
    ResolvedQuickly,
    /// Parted with, gracefully.
    PartedGraceful,
    /// Parted with, abruptly.
    PartedAbrupt,
}

impl From<OutcomeClass> for ClassKey {
    fn from(class: OutcomeClass) -> Self {
        match class {
            OutcomeClass::Satisfied => ClassKey::Satisfied,
            OutcomeClass::Silent => ClassKey::Silent,
            OutcomeClass::Unresolved => ClassKey::Unresolved,
            OutcomeClass::Resolved => ClassKey::Resolved,
            OutcomeClass::ResolvedQuickly => ClassKey::ResolvedQuickly,
            OutcomeClass::PartedGraceful => ClassKey::PartedGraceful,
            OutcomeClass::PartedAbrupt => ClassKey::PartedAbrupt,
        }
    }
}

impl From<ClassKey> for OutcomeClass {
    fn from(key: ClassKey) -> Self {
        match key {
            ClassKey::Satisfied => OutcomeClass::Satisfied,
            ClassKey::Silent => OutcomeClass::Silent,
            ClassKey::Unresolved => OutcomeClass::Unresolved,
            ClassKey::Resolved => OutcomeClass::Resolved,
            ClassKey::ResolvedQuickly => OutcomeClass::ResolvedQuickly,
            ClassKey::PartedGraceful => OutcomeClass::PartedGraceful,
            ClassKey::PartedAbrupt => OutcomeClass::PartedAbrupt,
        }
    }
}

/// trace.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraceFile {
    /// Scenario name.
    pub scenario: String,
    /// The identity of the resolved scenario traced (see
    /// `wom::scenario::resolved::identity`): a run's report shows the story
    /// only when its scenario has the same identity.
    pub scenario_identity: String,
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
    /// Their name in the network file (absent for a generated network,
    /// whose people are named by their ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_name: Option<String>,
    /// Their segment, when the scenario has segments (the same under every
    /// policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// Why that customer.
    pub chosen: String,
    /// One entry per policy shown.
    pub policies: Vec<PolicyTrace>,
}

/// One policy in trace.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyTrace {
    /// Policy name.
    pub policy: String,
    /// Its position in the scenario (for its colour).
    pub policy_index: usize,
    /// The customer's outcome class.
    pub class: ClassKey,
    /// The story's tone.
    pub tone: ToneKey,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Telling {
    /// Who told.
    pub teller: NodeId,
    /// Who heard.
    pub hearer: NodeId,
    /// The teller's and the hearer's names in the network file (absent
    /// for a generated network).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<[String; 2]>,
    /// 1 = told by the customer.
    pub hop: u32,
    /// The story's tone.
    pub tone: ToneKey,
    /// What it did.
    pub effect: EffectKey,
}

impl PolicyTrace {
    /// The trace of one policy: the customer's `class`, whose story
    /// (`tone`) is `story`, in the period `log`.
    pub fn new(
        policy: &str,
        policy_index: usize,
        class: OutcomeClass,
        tone: Option<Tone>,
        story: &Story,
        log: &PeriodLog,
    ) -> Self {
        PolicyTrace {
            policy: policy.to_owned(),
            policy_index,
            class: class.into(),
            tone: tone.into(),
            people_reached: story.reach(),
            hearings: story.hearings.len(),
            hops: story.depth(),
            reached_per_hop: story.per_hop(),
            deterred: story.count(Effect::Deterred),
            customers_lost: story.count(Effect::Lost),
            converted: story.count(Effect::Referred),
            period: PeriodTotals {
                customers: log.outcomes().len(),
                negative_tellings: log.tellings(Tone::Negative),
                positive_tellings: log.tellings(Tone::Positive),
                negative_originators: log.originators(Tone::Negative).len(),
                positive_originators: log.originators(Tone::Positive).len(),
            },
            story: story
                .hearings
                .iter()
                .map(|h| Telling {
                    teller: h.teller,
                    hearer: h.hearer,
                    names: None,
                    hop: h.hop,
                    tone: Some(h.tone).into(),
                    effect: h.effect.into(),
                })
                .collect(),
        }
    }

    /// The story rebuilt from its hearings, exactly as `wom trace` had it.
    ///
    /// # Errors
    /// A hearing without a tone (the file was edited).
    pub fn rebuild(&self, person: NodeId, period: u32) -> Result<Story, String> {
        let mut log = PeriodLog::new(period);
        for (i, t) in self.story.iter().enumerate() {
            let tone = t
                .tone
                .tone()
                .ok_or_else(|| format!("story[{i}].tone: a hearing is negative or positive"))?;
            let hearing = Hearing {
                teller: t.teller,
                hearer: t.hearer,
                tone,
                hop: t.hop,
                effect: t.effect.into(),
            };
            log.hearing(period, &hearing);
        }
        Ok(log.story(person, self.tone.tone().unwrap_or(Tone::Negative)))
    }
}

impl TraceFile {
    /// Names the traced person and everyone in the stories by `names`
    /// (dense id → the network file's name).
    pub fn name_people(&mut self, names: &[String]) {
        let name = |u: NodeId| {
            names
                .get(u as usize)
                .cloned()
                .unwrap_or_else(|| u.to_string())
        };
        self.person_name = Some(name(self.person));
        for p in &mut self.policies {
            for t in &mut p.story {
                t.names = Some([name(t.teller), name(t.hearer)]);
            }
        }
    }

    /// The traced person as people read it: the name, else the id.
    pub fn person_label(&self) -> String {
        self.person_name
            .clone()
            .unwrap_or_else(|| self.person.to_string())
    }

    /// Checks the bounds that keep redrawing cheap: at most two policies,
    /// [`MAX_HOPS`] hops, [`MAX_HEARINGS`] hearings, every hop within
    /// `1..=max_hops`; and that the texts drawn in the picture hold no
    /// control characters.
    ///
    /// # Errors
    /// The field at fault and what is allowed.
    pub fn check(&self) -> Result<(), String> {
        let texts = [
            ("scenario", &self.scenario),
            ("period_label", &self.period_label),
            ("chosen", &self.chosen),
            ("wom_version", &self.wom_version),
        ];
        let policies = self
            .policies
            .iter()
            .map(|p| ("policies[].policy", &p.policy));
        for (field, text) in texts.into_iter().chain(policies) {
            if let Some(c) = crate::scenario::control_character(text, false) {
                return Err(format!(
                    "{field} holds the control character {c:?}; allowed: text on one line without control characters"
                ));
            }
        }
        if !(1..=MAX_HOPS).contains(&self.max_hops) {
            return Err(format!(
                "max_hops is {}; allowed: 1 to {MAX_HOPS}",
                self.max_hops
            ));
        }
        if self.policies.is_empty() || self.policies.len() > 2 {
            return Err(format!(
                "policies has {} entries; allowed: 1 or 2",
                self.policies.len()
            ));
        }
        for (i, p) in self.policies.iter().enumerate() {
            if p.story.len() > MAX_HEARINGS {
                return Err(format!(
                    "policies[{i}].story has {} hearings; allowed: at most {MAX_HEARINGS}",
                    p.story.len()
                ));
            }
            if let Some(j) = p
                .story
                .iter()
                .position(|t| !(1..=self.max_hops).contains(&t.hop))
            {
                return Err(format!(
                    "policies[{i}].story[{j}].hop is {}; allowed: 1 to max_hops = {}",
                    p.story[j].hop, self.max_hops
                ));
            }
        }
        Ok(())
    }
}
