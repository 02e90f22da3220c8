//! A validated scenario written back in the scenario format, every default
//! filled in: the inverse of parsing. Result files carry it (so a run can be
//! reproduced and re-read without the original file), shards and sweep
//! points are identified by it, and reading it back goes through the one
//! validator: `from_resolved(to_table(s)) == s` for every scenario.

use std::path::Path;

use toml::Table;

use super::check::Check;
use super::error::{ErrorKind, ScenarioError};
use super::raw::*;
use super::staffing::{raw_duration, raw_staffing};
use crate::graph::Generator;
use crate::model::*;

fn tells(dist: &TellDist) -> RawTellDist {
    match dist {
        TellDist::Fixed(n) => RawTellDist::Fixed(*n),
        TellDist::Uniform { lo, hi } => RawTellDist::Uniform([*lo, *hi]),
        TellDist::Poisson { mean } => RawTellDist::Poisson(*mean),
        TellDist::NegativeBinomial { mean, dispersion } => {
            RawTellDist::NegativeBinomial(RawNegativeBinomial {
                mean: *mean,
                dispersion: *dispersion,
            })
        }
        TellDist::Empirical { values, weights } => RawTellDist::Empirical(RawEmpirical {
            values: values.clone(),
            weights: weights.clone(),
        }),
    }
}

fn outcome(spec: &OutcomeSpec, with_stay: bool) -> RawOutcome {
    RawOutcome {
        stay: with_stay.then_some(spec.stay),
        tone: Some(match spec.tone {
            Some(Tone::Negative) => RawTone::Negative,
            Some(Tone::Positive) => RawTone::Positive,
            None => RawTone::None,
        }),
        tells: Some(tells(&spec.tells)),
    }
}

fn network(n: &Network) -> RawNetwork {
    let mut raw = RawNetwork {
        resample: Some(n.resample),
        ..RawNetwork::default()
    };
    match &n.kind {
        NetworkKind::File { path } => {
            raw.kind = Some(RawNetworkKind::File);
            raw.path = Some(path.to_string_lossy().into_owned());
            raw.format = Some(super::defaults::NETWORK_FORMAT.to_owned());
        }
        NetworkKind::Generated(g) => match *g {
            Generator::WattsStrogatz {
                mean_degree,
                rewire,
            } => {
                raw.kind = Some(RawNetworkKind::WattsStrogatz);
                raw.mean_degree = Some(mean_degree);
                raw.rewire = Some(rewire);
            }
            Generator::BarabasiAlbert { attach } => {
                raw.kind = Some(RawNetworkKind::BarabasiAlbert);
                raw.attach = Some(attach);
            }
            Generator::ErdosRenyi { mean_degree } => {
                raw.kind = Some(RawNetworkKind::ErdosRenyi);
                raw.mean_degree = Some(mean_degree);
            }
            Generator::StrongWeakTies {
                cluster_size,
                strong_ties,
                weak_ties,
            } => {
                raw.kind = Some(RawNetworkKind::StrongWeakTies);
                raw.cluster_size = Some(cluster_size);
                raw.strong_ties = Some(strong_ties);
                raw.weak_ties = Some(weak_ties);
                raw.weak_ties_churn = Some(n.weak_ties_churn);
            }
            // Not scenario kinds: the converter never builds them.
            Generator::Star | Generator::Path => {}
        },
    }
    raw
}

fn policy(p: &Policy) -> RawPolicy {
    RawPolicy {
        handling: Some(match p.handling {
            Handling::Ignore => RawHandling::Ignore,
            Handling::Recover => RawHandling::Recover,
        }),
        resolve_rate: Some(p.resolve_rate),
        handoffs: Some(p.handoffs),
        handoff_penalty: Some(p.handoff_penalty),
        // Keys of the response-time feature are written only when used, so
        // that a scenario without it keeps its resolved text and identity.
        handoff_hours: (p.handoff_hours != 0.0).then_some(p.handoff_hours),
        // A desk replaces `response_hours`: the two are never both written.
        response_hours: p.staffing.is_none().then_some(p.response_hours),
        staffing: p.staffing.as_ref().map(raw_staffing),
        quick_hours: Some(p.quick_hours),
        compensation: Some(p.compensation),
        handling_cost: Some(p.handling_cost),
        part_with: p.part_with.as_ref().map(|w| RawPartWith {
            segment: Some(w.segment.clone()),
            after_complaints: Some(i64::from(w.after_complaints)),
            manner: Some(match w.manner {
                Manner::Graceful => RawManner::Graceful,
                Manner::Abrupt => RawManner::Abrupt,
            }),
            refund: w.refund,
        }),
    }
}

fn segment(s: &Segment) -> RawSegment {
    RawSegment {
        share: Some(s.share),
        margin: s.margin,
        problem_rate: s.problem_rate,
        complaint_rate: s.complaint_rate,
        base_churn: s.base_churn,
        resolve_factor: Some(s.resolve_factor),
        handle_factor: Some(s.handle_factor),
    }
}

/// A parted class is written when a policy parts or when it differs from
/// its default, so a scenario without parting keeps its resolved form (and
/// identity) from before parting existed.
fn parted(s: &Scenario, class: OutcomeClass) -> Option<RawOutcome> {
    let spec = s.outcomes.get(class);
    (s.parts() || *spec != super::defaults::outcome(class)).then(|| outcome(spec, false))
}

/// The raw form of a validated scenario, every key written.
fn raw(s: &Scenario) -> RawScenario {
    let o = |class: OutcomeClass| Some(outcome(s.outcomes.get(class), true));
    RawScenario {
        name: Some(s.name.clone()),
        description: Some(s.description.clone()),
        periods: Some(s.periods),
        period_label: Some(s.period_label.clone()),
        periods_per_year: Some(s.periods_per_year),
        replications: Some(s.replications),
        seed: Some(s.seed),
        population: Some(RawPopulation {
            people: Some(s.population.people),
            initial_customers: Some(match &s.population.initial_customers {
                InitialCustomers::Count(n) => RawInitialCustomers::Count(i64::from(*n)),
                InitialCustomers::Fraction(f) => RawInitialCustomers::Fraction(*f),
                InitialCustomers::File(p) => RawInitialCustomers::File(p.display().to_string()),
            }),
            segments: s
                .population
                .segments_file
                .as_ref()
                .map(|p| RawSegmentsFile {
                    file: p.display().to_string(),
                }),
        }),
        network: Some(network(&s.network)),
        experience: Some(RawExperience {
            problem_rate: Some(s.experience.problem_rate),
            complaint_rate: Some(s.experience.complaint_rate),
            base_churn: Some(s.experience.base_churn),
            recovery_paradox: Some(s.experience.recovery_paradox),
            tolerance_hours: s.experience.tolerance_hours.as_ref().map(raw_duration),
        }),
        outcomes: Some(RawOutcomes {
            // The satisfied class's `stay` is `1 − base_churn`, written once.
            satisfied: Some(outcome(s.outcomes.get(OutcomeClass::Satisfied), false)),
            silent: o(OutcomeClass::Silent),
            unresolved: o(OutcomeClass::Unresolved),
            resolved: o(OutcomeClass::Resolved),
            resolved_quickly: o(OutcomeClass::ResolvedQuickly),
            // A parted class's `stay` is always 0, never written.
            parted_graceful: parted(s, OutcomeClass::PartedGraceful),
            parted_abrupt: parted(s, OutcomeClass::PartedAbrupt),
        }),
        word_of_mouth: Some(RawWordOfMouth {
            max_hops: Some(s.word_of_mouth.max_hops),
            hop_decay: Some(s.word_of_mouth.hop_decay),
            retell: Some(RawRetell {
                negative: Some(s.word_of_mouth.retell_negative),
                positive: Some(s.word_of_mouth.retell_positive),
            }),
            retell_tells: Some(tells(&s.word_of_mouth.retell_tells)),
        }),
        effects: Some(RawEffects {
            deter: Some(s.effects.deter),
            referral_conversion: Some(s.effects.referral_conversion),
            hearsay_churn: Some(s.effects.hearsay_churn),
            organic_conversion: Some(s.effects.organic_conversion),
        }),
        economics: Some(RawEconomics {
            margin: Some(s.economics.margin),
            discount_rate: Some(s.economics.discount_rate),
            currency: Some(s.economics.currency.clone()),
        }),
        policies: Some(Named(
            s.policies
                .iter()
                .map(|p| (p.name.clone(), policy(p)))
                .collect(),
        )),
        // Without segments nothing is written: the resolved form (and the
        // identity) of a scenario from before segments existed is unchanged.
        segments: s.has_segments().then(|| {
            Named(
                s.segments
                    .iter()
                    .map(|g| (g.name.clone(), segment(g)))
                    .collect(),
            )
        }),
        // Without uncertainty nothing is written, as for segments.
        uncertainty: s.uncertainty.as_ref().map(|u| u.table.clone()),
    }
}

/// The scenario as a TOML table in file order, every key written.
///
/// # Errors
/// [`ErrorKind::Invalid`] on `seed` above `i64::MAX`, which TOML cannot
/// hold (the command line refuses such seeds).
pub fn to_table(s: &Scenario) -> Result<Table, ScenarioError> {
    Table::try_from(raw(s)).map_err(|e| {
        let kind = ErrorKind::Invalid {
            key: "seed".into(),
            value: s.seed.to_string(),
            allowed: format!("a whole number from 0 to {} ({e})", i64::MAX),
            suggestion: None,
        };
        ScenarioError::new(None, kind)
    })
}

/// The scenario as the text of a scenario file, every key written; `wom run`
/// on it reproduces the same results.
///
/// # Errors
/// As [`to_table`].
pub fn to_toml(s: &Scenario) -> Result<String, ScenarioError> {
    let table = to_table(s)?;
    toml::to_string(&table).map_err(|e| {
        let kind = ErrorKind::Syntax {
            message: e.to_string(),
        };
        ScenarioError::new(None, kind)
    })
}

/// The identity of a scenario's replications: the stable hash (16 hex
/// digits) of its resolved text without `replications`. Two scenarios with
/// the same identity give the same numbers in replication `r`, whatever
/// their replication counts (the seed is part of the identity).
///
/// # Errors
/// As [`to_table`].
pub fn identity(s: &Scenario) -> Result<String, ScenarioError> {
    let mut table = to_table(s)?;
    table.remove("replications");
    let text = table.to_string();
    Ok(crate::hash::hex(crate::hash::fnv1a64(text.as_bytes())))
}

/// Reads a resolved scenario back (from a result file `source`) through
/// the same validation as a scenario file. Network paths are taken as
/// written: they were joined to the original file's directory already.
///
/// # Errors
/// A [`ScenarioError`] naming `source` and the key, as for a scenario file.
pub fn from_resolved(table: &Table, source: &Path) -> Result<Scenario, ScenarioError> {
    let check = Check {
        file: source,
        join_paths: false,
    };
    super::from_table_with(table, check)
}
