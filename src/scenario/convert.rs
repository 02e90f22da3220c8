//! Raw TOML structs to a validated [`Scenario`]: checks every range, applies
//! every default (from `defaults.rs`), and rejects rather than clamps.

use super::check::{Check, Num};
use super::defaults as d;
use super::dist::tell_dist;
use super::error::{ErrorKind, ScenarioError};
use super::network::network;
use super::raw::*;
use super::segments::{check_resolve_factors, part_with, segments};
use super::staffing::{duration, staffing};
use crate::model::*;

/// Validates `raw` and fills in defaults; `c` names the scenario file (used
/// for the default name, for relative network paths and in errors).
pub(crate) fn scenario(mut raw: RawScenario, c: Check) -> Result<Scenario, ScenarioError> {
    let raw_uncertainty = raw.uncertainty.take();
    let mut scenario = certain(raw, c)?;
    scenario.uncertainty = super::uncertainty::uncertainty(c, raw_uncertainty, &scenario)?;
    Ok(scenario)
}

/// [`scenario`] without `[uncertainty]`.
fn certain(raw: RawScenario, c: Check) -> Result<Scenario, ScenarioError> {
    let file = c.file;
    let name = match raw.name {
        Some(name) => c.text("name", Some(name), "")?,
        // The stem, with any control character made `_` (it is printed).
        None => file
            .file_stem()
            .map(|s| {
                let stem = s.to_string_lossy();
                stem.chars()
                    .map(|ch| if ch.is_control() { '_' } else { ch })
                    .collect::<String>()
            })
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| d::NAME_FALLBACK.to_owned()),
    };
    let raw_population = raw.population.unwrap_or_default();
    let raw_network = raw.network.unwrap_or_default();
    let is_file = raw_network.kind == Some(RawNetworkKind::File);
    let population = population(c, raw_population, is_file)?;
    // No one tells more people than the network has. A file network's
    // size is known only once it is read: there the bound is the largest
    // network, which keeps the samplers safe, and a run warns when tellings
    // find no contact (`tell_shortfall`).
    let max_tells = if is_file {
        f64::from(u32::MAX)
    } else {
        f64::from(population.people)
    };
    let raw_outcomes = raw.outcomes.unwrap_or_default();
    let experience = experience(c, raw.experience.unwrap_or_default(), &raw_outcomes)?;
    let from_file = population.segments_file.is_some();
    let segments = segments(c, raw.segments, &experience, from_file)?;
    let policies = policies(c, raw.policies, &segments)?;
    check_resolve_factors(c, &segments, &policies)?;
    let periods = c.whole("periods", raw.periods, d::PERIODS, 1, 10_000)?;
    let periods_per_year = c.range(
        "periods_per_year",
        raw.periods_per_year,
        d::PERIODS_PER_YEAR,
        MIN_PERIODS_PER_YEAR,
        MAX_PERIODS_PER_YEAR,
    )?;
    let economics = economics(c, raw.economics.unwrap_or_default())?;
    check_compounding(c, &economics, periods, periods_per_year)?;
    Ok(Scenario {
        name,
        description: c.free_text("description", raw.description, d::DESCRIPTION)?,
        periods,
        period_label: c.text("period_label", raw.period_label, d::PERIOD_LABEL)?,
        periods_per_year,
        replications: c.whole(
            "replications",
            raw.replications,
            d::REPLICATIONS,
            2,
            10_000_000,
        )?,
        seed: raw.seed.unwrap_or(d::SEED),
        network: network(c, raw_network, population.people)?,
        population,
        outcomes: outcomes(c, raw_outcomes, experience.base_churn, max_tells)?,
        experience,
        word_of_mouth: word_of_mouth(c, raw.word_of_mouth.unwrap_or_default(), max_tells)?,
        effects: effects(c, raw.effects.unwrap_or_default())?,
        economics,
        policies,
        segments,
        uncertainty: None,
    })
}

/// The shortest period: a minute.
const MAX_PERIODS_PER_YEAR: f64 = 525_600.0;
/// The longest period: a century.
const MIN_PERIODS_PER_YEAR: f64 = 0.01;
/// The most a negative discount rate may weigh money at the horizon's end
/// against money now, so that present values stay finite.
const MAX_COMPOUNDING: f64 = 1e6;

/// A negative discount rate weighs later money more, compounding over the
/// horizon: `(1 + discount_rate)^(-(periods - 1) / periods_per_year)` must
/// stay at most [`MAX_COMPOUNDING`].
fn check_compounding(
    c: Check,
    economics: &Economics,
    periods: u32,
    periods_per_year: f64,
) -> Result<(), ScenarioError> {
    let rate = economics.discount_rate;
    let years = f64::from(periods - 1) / periods_per_year;
    let weight = (1.0 + rate).powf(-years);
    if rate >= 0.0 || (weight.is_finite() && weight <= MAX_COMPOUNDING) {
        return Ok(());
    }
    Err(c.error(ErrorKind::Conflict {
        key: "economics.discount_rate".to_owned(),
        value: Num(rate).to_string(),
        other_key: "periods".to_owned(),
        other_value: format!("{periods} ({} years)", Num(years)),
        rule: format!(
            "a negative rate compounds over the horizon to a weight of {weight:.3e} on the last period's money; at most {MAX_COMPOUNDING:e} is allowed (a rate closer to 0 or a shorter horizon)"
        ),
    }))
}

/// `people` is only checked for generated networks: a file network takes
/// its size from the file, and a count of initial customers is then only
/// checked to be non-negative.
fn population(c: Check, raw: RawPopulation, is_file: bool) -> Result<Population, ScenarioError> {
    let people = raw.people.unwrap_or(d::PEOPLE);
    if !is_file && people < 2 {
        return Err(c.invalid("population.people", people, "a whole number >= 2"));
    }
    let key = "population.initial_customers";
    let initial_customers = match raw.initial_customers {
        None => d::INITIAL_CUSTOMERS,
        Some(RawInitialCustomers::Count(n)) => {
            let max = if is_file { u32::MAX } else { people };
            match u32::try_from(n) {
                Ok(n) if n <= max => InitialCustomers::Count(n),
                _ => {
                    let allowed = if is_file {
                        "a whole number >= 0 (a count) or a float in (0, 1] (a fraction)".to_owned()
                    } else {
                        format!(
                            "a whole number from 0 to population.people = {people} (a count) or a float in (0, 1] (a fraction)"
                        )
                    };
                    return Err(c.invalid(key, n, &allowed));
                }
            }
        }
        Some(RawInitialCustomers::File(file)) => InitialCustomers::File(c.path(&file)),
        Some(RawInitialCustomers::Fraction(f)) => InitialCustomers::Fraction(c.float(
            key,
            f,
            f > 0.0 && f <= 1.0,
            "a float in (0, 1] (a fraction) or a whole number (a count)",
        )?),
    };
    let segments_file = raw.segments.map(|f| c.path(&f.file));
    Ok(Population {
        people,
        initial_customers,
        segments_file,
    })
}

/// Applies the rule that ties `experience.base_churn` to
/// `outcomes.satisfied.stay` (see [`Experience::base_churn`]).
fn experience(
    c: Check,
    raw: RawExperience,
    outcomes: &RawOutcomes,
) -> Result<Experience, ScenarioError> {
    const CHURN: &str = "experience.base_churn";
    const STAY: &str = "outcomes.satisfied.stay";
    let churn = raw
        .base_churn
        .map(|x| c.prob(CHURN, Some(x), 0.0))
        .transpose()?;
    let stay = outcomes.satisfied.as_ref().and_then(|o| o.stay);
    let stay = stay.map(|x| c.prob(STAY, Some(x), 0.0)).transpose()?;
    let base_churn = match (churn, stay) {
        (Some(b), Some(s)) if ((1.0 - b) - s).abs() > 1e-12 => {
            return Err(c.error(ErrorKind::Conflict {
                key: CHURN.to_owned(),
                value: Num(b).to_string(),
                other_key: STAY.to_owned(),
                other_value: Num(s).to_string(),
                rule: format!("{STAY} must equal 1 - {CHURN}; give only one of them"),
            }));
        }
        (Some(b), _) => b,
        (None, Some(s)) => 1.0 - s,
        (None, None) => d::BASE_CHURN,
    };
    let paradox = raw.recovery_paradox.unwrap_or(d::RECOVERY_PARADOX);
    let ok = paradox.is_finite() && paradox >= 0.0 && base_churn * paradox <= 1.0;
    let allowed = format!(
        "a finite number >= 0 with {CHURN} ({}) x recovery_paradox <= 1",
        Num(base_churn)
    );
    Ok(Experience {
        problem_rate: c.prob("experience.problem_rate", raw.problem_rate, d::PROBLEM_RATE)?,
        complaint_rate: c.prob(
            "experience.complaint_rate",
            raw.complaint_rate,
            d::COMPLAINT_RATE,
        )?,
        base_churn,
        recovery_paradox: c.float("experience.recovery_paradox", paradox, ok, &allowed)?,
        tolerance_hours: match raw.tolerance_hours {
            None => d::TOLERANCE_HOURS,
            Some(t) => Some(duration(c, "experience.tolerance_hours", t, 1.0)?),
        },
    })
}

fn outcomes(
    c: Check,
    raw: RawOutcomes,
    base_churn: f64,
    max_tells: f64,
) -> Result<Outcomes, ScenarioError> {
    let RawOutcomes {
        satisfied,
        silent,
        unresolved,
        resolved,
        resolved_quickly,
        parted_graceful,
        parted_abrupt,
    } = raw;
    let raws = [
        satisfied,
        silent,
        unresolved,
        resolved,
        resolved_quickly,
        parted_graceful,
        parted_abrupt,
    ];
    let mut classes = OutcomeClass::ALL.map(d::outcome);
    for ((class, raw), spec) in OutcomeClass::ALL.into_iter().zip(raws).zip(&mut classes) {
        let raw = raw.unwrap_or_default();
        let key = |field: &str| format!("outcomes.{}.{field}", class.key());
        spec.stay = if class == OutcomeClass::Satisfied {
            1.0 - base_churn // already checked against `base_churn`
        } else if class.is_parted() {
            if raw.stay.is_some() {
                return Err(c.error(ErrorKind::NotApplicable {
                    key: key("stay"),
                    reason: "a parted customer always leaves: the stay of a parted class is 0"
                        .into(),
                }));
            }
            0.0
        } else {
            c.prob(&key("stay"), raw.stay, spec.stay)?
        };
        spec.tone = match raw.tone {
            None => spec.tone,
            Some(RawTone::Positive) => Some(Tone::Positive),
            Some(RawTone::Negative) => Some(Tone::Negative),
            Some(RawTone::None) => None,
        };
        spec.tells = tell_dist(c, &key("tells"), raw.tells, spec.tells.clone(), max_tells)?;
    }
    Ok(Outcomes { classes })
}

fn word_of_mouth(
    c: Check,
    raw: RawWordOfMouth,
    max_tells: f64,
) -> Result<WordOfMouth, ScenarioError> {
    let retell = raw.retell.unwrap_or_default();
    Ok(WordOfMouth {
        max_hops: c.whole("word_of_mouth.max_hops", raw.max_hops, d::MAX_HOPS, 1, 20)?,
        hop_decay: c.prob("word_of_mouth.hop_decay", raw.hop_decay, d::HOP_DECAY)?,
        retell_negative: c.prob(
            "word_of_mouth.retell.negative",
            retell.negative,
            d::RETELL_NEGATIVE,
        )?,
        retell_positive: c.prob(
            "word_of_mouth.retell.positive",
            retell.positive,
            d::RETELL_POSITIVE,
        )?,
        retell_tells: tell_dist(
            c,
            "word_of_mouth.retell_tells",
            raw.retell_tells,
            d::retell_tells(),
            max_tells,
        )?,
    })
}

fn effects(c: Check, raw: RawEffects) -> Result<Effects, ScenarioError> {
    Ok(Effects {
        deter: c.prob("effects.deter", raw.deter, d::DETER)?,
        referral_conversion: c.prob(
            "effects.referral_conversion",
            raw.referral_conversion,
            d::REFERRAL_CONVERSION,
        )?,
        hearsay_churn: c.prob("effects.hearsay_churn", raw.hearsay_churn, d::HEARSAY_CHURN)?,
        organic_conversion: c.prob(
            "effects.organic_conversion",
            raw.organic_conversion,
            d::ORGANIC_CONVERSION,
        )?,
    })
}

fn economics(c: Check, raw: RawEconomics) -> Result<Economics, ScenarioError> {
    let rate = raw.discount_rate.unwrap_or(d::DISCOUNT_RATE);
    Ok(Economics {
        margin: c.money("economics.margin", raw.margin, d::MARGIN)?,
        discount_rate: c.float(
            "economics.discount_rate",
            rate,
            rate.is_finite() && rate > -1.0 && rate <= MAX_DISCOUNT_RATE,
            "a finite number above -1 and at most 100 (a yearly rate, 0.10 for 10%)",
        )?,
        currency: c.text("economics.currency", raw.currency, d::CURRENCY)?,
    })
}

/// The highest yearly discount rate: 10,000% a year.
const MAX_DISCOUNT_RATE: f64 = 100.0;

const POLICIES: &str = "at least two [policies.NAME] tables (the first listed is the baseline)";
const HANDLING: &str = r#"one of "ignore", "recover""#;

fn policies(
    c: Check,
    raw: Option<RawPolicies>,
    segments: &[Segment],
) -> Result<Vec<Policy>, ScenarioError> {
    let Some(Named(raw)) = raw else {
        return Err(c.error(ErrorKind::Missing {
            key: "policies".into(),
            allowed: POLICIES.into(),
        }));
    };
    if raw.len() < 2 {
        let value = match raw.first() {
            None => "no policy".to_owned(),
            Some((name, _)) => format!("1 policy ({name})"),
        };
        return Err(c.invalid("policies", value, POLICIES));
    }
    raw.into_iter()
        .map(|(name, p)| policy(c, name, p, segments))
        .collect()
}

fn policy(
    c: Check,
    name: String,
    raw: RawPolicy,
    segments: &[Segment],
) -> Result<Policy, ScenarioError> {
    c.name("policies", &name)?;
    let key = |field: &str| format!("policies.{name}.{field}");
    let handling = match raw.handling {
        None => {
            return Err(c.error(ErrorKind::Missing {
                key: key("handling"),
                allowed: HANDLING.into(),
            }));
        }
        Some(RawHandling::Ignore) => Handling::Ignore,
        Some(RawHandling::Recover) => Handling::Recover,
    };
    let staffing = raw
        .staffing
        .map(|s| staffing(c, &key("staffing"), s, handling, raw.response_hours))
        .transpose()?;
    Ok(Policy {
        handling,
        resolve_rate: c.prob(&key("resolve_rate"), raw.resolve_rate, d::RESOLVE_RATE)?,
        handoffs: raw.handoffs.unwrap_or(d::HANDOFFS),
        handoff_penalty: c.prob(
            &key("handoff_penalty"),
            raw.handoff_penalty,
            d::HANDOFF_PENALTY,
        )?,
        response_hours: c.hours(
            &key("response_hours"),
            raw.response_hours,
            d::RESPONSE_HOURS,
        )?,
        handoff_hours: c.hours(&key("handoff_hours"), raw.handoff_hours, d::HANDOFF_HOURS)?,
        staffing,
        quick_hours: c.hours(&key("quick_hours"), raw.quick_hours, d::QUICK_HOURS)?,
        compensation: c.money(&key("compensation"), raw.compensation, d::COMPENSATION)?,
        handling_cost: c.money(&key("handling_cost"), raw.handling_cost, d::HANDLING_COST)?,
        part_with: raw
            .part_with
            .map(|p| part_with(c, &key("part_with"), p, segments))
            .transpose()?,
        name,
    })
}
