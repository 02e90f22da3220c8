//! The resolved scenario as `wom run` saved it in metadata.json (the
//! `scenario` object), read back for reports. Only what the report shows
//! is typed; unknown keys are ignored so older and newer files still load.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The scenario echo.
#[derive(Debug, Clone, Deserialize)]
pub struct ScenarioEcho {
    /// Name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Periods simulated.
    pub periods: u32,
    /// What a period is called ("month").
    pub period_label: String,
    /// The population.
    pub population: PopulationEcho,
    /// The network as saved (`kind` plus its parameters).
    pub network: Value,
    /// Experiences and complaints.
    pub experience: ExperienceEcho,
    /// Outcome classes by key (`silent`, `unresolved`, …).
    pub outcomes: BTreeMap<String, OutcomeEcho>,
    /// How stories spread.
    pub word_of_mouth: WordOfMouthEcho,
    /// What hearing a story does.
    pub effects: EffectsEcho,
    /// Money.
    pub economics: EconomicsEcho,
    /// Policies in scenario order; the first is the baseline.
    pub policies: Vec<PolicyEcho>,
}

/// `[population]`.
#[derive(Debug, Clone, Deserialize)]
pub struct PopulationEcho {
    /// Persons (for file networks, the file's count is in metadata.json's
    /// top-level `people`).
    pub people: u64,
    /// A count (integer) or a fraction (float).
    pub initial_customers: Value,
}

/// `[experience]`.
#[derive(Debug, Clone, Deserialize)]
pub struct ExperienceEcho {
    /// Probability that an experience goes wrong.
    pub problem_rate: f64,
    /// Probability that a customer with a problem complains.
    pub complaint_rate: f64,
    /// Factor on base churn after a resolved complaint (1 = off).
    pub recovery_paradox: f64,
}

/// `[outcomes.CLASS]`.
#[derive(Debug, Clone, Deserialize)]
pub struct OutcomeEcho {
    /// Probability of staying a customer.
    pub stay: f64,
    /// `positive`, `negative` or `none`.
    pub tone: String,
    /// The tells distribution as saved, e.g. `{"uniform": {"lo": 1, "hi": 2}}`.
    pub tells: Value,
}

/// `[word_of_mouth]`.
#[derive(Debug, Clone, Deserialize)]
pub struct WordOfMouthEcho {
    /// Last hop at which a story is heard.
    pub max_hops: u32,
    /// Effect scale per hop.
    pub hop_decay: f64,
    /// Probability of retelling a negative story.
    pub retell_negative: f64,
    /// Probability of retelling a positive story.
    pub retell_positive: f64,
}

/// `[effects]`.
#[derive(Debug, Clone, Deserialize)]
pub struct EffectsEcho {
    /// A prospect hearing bad news is deterred.
    pub deter: f64,
    /// A prospect hearing good news converts.
    pub referral_conversion: f64,
    /// A customer hearing bad news leaves.
    pub hearsay_churn: f64,
    /// A prospect converts on their own, per period.
    pub organic_conversion: f64,
}

/// `[economics]`.
#[derive(Debug, Clone, Deserialize)]
pub struct EconomicsEcho {
    /// Margin per customer per period.
    pub margin: f64,
    /// Yearly discount rate.
    pub discount_rate: f64,
    /// Currency code.
    pub currency: String,
}

/// `[policies.NAME]`.
#[derive(Debug, Clone, Deserialize)]
pub struct PolicyEcho {
    /// Name.
    pub name: String,
    /// `ignore` or `recover`.
    pub handling: String,
    /// Probability of resolving a complaint with no handoff.
    pub resolve_rate: f64,
    /// Times a complaint is passed between agents.
    pub handoffs: u32,
    /// Chance each handoff spoils the resolution.
    pub handoff_penalty: f64,
    /// Hours to answer.
    pub response_hours: f64,
    /// Cost of each resolved complaint.
    pub compensation: f64,
    /// Cost of each handled complaint.
    pub handling_cost: f64,
}

impl PolicyEcho {
    /// Whether the policy ignores complaints.
    pub fn ignores(&self) -> bool {
        self.handling == "ignore"
    }
}

/// A tells distribution in words: "10–22", "about 9.5 (negative binomial)".
pub fn describe_tells(tells: &Value) -> String {
    let num = |v: &Value| v.as_f64().map_or_else(|| v.to_string(), |x| format!("{x}"));
    if let Some(n) = tells.get("fixed") {
        return num(n);
    }
    if let Some(u) = tells.get("uniform") {
        return format!("{}–{}", num(&u["lo"]), num(&u["hi"]));
    }
    if let Some(p) = tells.get("poisson") {
        return format!("about {} (Poisson)", num(&p["mean"]));
    }
    if let Some(nb) = tells.get("negative_binomial") {
        return format!(
            "about {} (negative binomial, dispersion {})",
            num(&nb["mean"]),
            num(&nb["dispersion"])
        );
    }
    if let Some(e) = tells.get("empirical") {
        return format!("one of {} (empirical weights)", e["values"]);
    }
    tells.to_string()
}
