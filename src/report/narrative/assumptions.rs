//! The scenario's key assumptions in plain words, each with its source:
//! a shipped default cites where the default comes from (see
//! `wom::scenario::defaults`); anything else comes from the scenario file.

use super::desk::{describe_desk, describe_tolerance};
use crate::present::format::{count, hours, percent_exact, thousands};
use crate::present::money::money;
use crate::report::data::RunData;
use wom::graph::Generator;
use wom::model::{
    Handling, InitialCustomers, Manner, NetworkKind, OutcomeClass, Policy, Scenario, TellDist, Tone,
};
use wom::scenario::defaults as d;

/// One line of the assumptions table.
#[derive(Debug, Clone)]
pub struct Assumption {
    /// What is assumed.
    pub what: String,
    /// Its value in words.
    pub value: String,
    /// Where the number comes from.
    pub source: String,
}

/// TARP "buy again" rows: silent, unresolved, resolved, resolved quickly.
const TARP_OVER_100: [f64; 4] = [0.09, 0.19, 0.54, 0.82];
const TARP_UNDER_5: [f64; 4] = [0.37, 0.46, 0.70, 0.95];
const UNHAPPY: [OutcomeClass; 4] = [
    OutcomeClass::Silent,
    OutcomeClass::Unresolved,
    OutcomeClass::Resolved,
    OutcomeClass::ResolvedQuickly,
];

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn source(value: f64, default: f64, why: &str) -> String {
    if same(value, default) {
        format!("default: {why}")
    } else {
        "this scenario".into()
    }
}

fn row(what: &str, value: String, source: String) -> Assumption {
    Assumption {
        what: what.into(),
        value,
        source,
    }
}

fn stay_source(run: &RunData) -> String {
    let stays: Vec<f64> = UNHAPPY
        .iter()
        .map(|k| run.scenario.outcomes.get(*k).stay)
        .collect();
    let matches = |row: &[f64; 4]| stays.iter().zip(row).all(|(a, b)| same(*a, *b));
    if matches(&TARP_OVER_100) {
        "TARP survey (U.S. Office of Consumer Affairs), problems over $100".into()
    } else if matches(&TARP_UNDER_5) {
        "TARP survey (U.S. Office of Consumer Affairs), problems under $5".into()
    } else {
        "this scenario".into()
    }
}

fn tells_source(run: &RunData) -> String {
    let is = |class: OutcomeClass, (lo, hi): (u32, u32)| {
        run.scenario.outcomes.get(class).tells == TellDist::Uniform { lo, hi }
    };
    if is(OutcomeClass::Satisfied, d::TELLS_SATISFIED)
        && is(OutcomeClass::Unresolved, d::TELLS_DISSATISFIED)
        && is(OutcomeClass::Silent, d::TELLS_DISSATISFIED)
    {
        "default: the Georgian recovery and Bulgarian lost-customer articles (\"one satisfied customer tells two, one dissatisfied tells twenty-two\"); TARP: resolved complainers tell about 5".into()
    } else {
        "this scenario".into()
    }
}

/// A number without a trailing `.0`.
fn num(x: f64) -> String {
    thousands(x, 1).trim_end_matches(".0").to_string()
}

/// A tells distribution in words: "10–22", "about 9.5 (negative binomial)".
pub fn describe_tells(tells: &TellDist) -> String {
    match tells {
        TellDist::Fixed(n) => n.to_string(),
        TellDist::Uniform { lo, hi } => format!("{lo}–{hi}"),
        TellDist::Poisson { mean } => format!("about {} (Poisson)", num(*mean)),
        TellDist::NegativeBinomial { mean, dispersion } => format!(
            "about {} (negative binomial, dispersion {})",
            num(*mean),
            num(*dispersion)
        ),
        TellDist::Empirical { values, .. } => {
            format!("one of {values:?} (empirical weights)")
        }
    }
}

fn tells(run: &RunData, class: OutcomeClass) -> String {
    describe_tells(&run.scenario.outcomes.get(class).tells)
}

fn network(run: &RunData) -> String {
    let n = &run.scenario.network;
    match &n.kind {
        NetworkKind::Generated(Generator::WattsStrogatz { mean_degree, .. }) => format!(
            "small world (Watts–Strogatz), {} contacts each",
            num(*mean_degree)
        ),
        NetworkKind::Generated(Generator::BarabasiAlbert { attach }) => {
            format!("scale free with hubs (Barabási–Albert), {attach} links per newcomer")
        }
        NetworkKind::Generated(Generator::ErdosRenyi { mean_degree }) => format!(
            "random (Erdős–Rényi), {} contacts on average",
            num(*mean_degree)
        ),
        NetworkKind::Generated(Generator::StrongWeakTies {
            cluster_size,
            strong_ties,
            weak_ties,
        }) => format!(
            "families of {cluster_size} with {} strong ties each, plus {} weak ties across families{}",
            num(*strong_ties),
            num(*weak_ties),
            if n.weak_ties_churn {
                ", redrawn every period"
            } else {
                ""
            }
        ),
        NetworkKind::Generated(g) => g.key().to_string(),
        NetworkKind::File { path } => format!("a real network read from {}", path.display()),
    }
}

/// A policy's parting in words: ", parts gracefully with chronic
/// customers at their 2nd complaint (refund: one period's margin)".
fn describe_parting(p: &Policy, currency: &str) -> String {
    let Some(w) = &p.part_with else {
        return String::new();
    };
    let refund = match (w.manner, w.refund) {
        (Manner::Abrupt, _) => String::new(),
        (Manner::Graceful, Some(r)) => format!(" (refund {})", money(r, currency)),
        (Manner::Graceful, None) => " (refund: their margin for one period)".into(),
    };
    format!(
        "; parts {} with {} customers at complaint number {}{refund}",
        match w.manner {
            Manner::Graceful => "gracefully",
            Manner::Abrupt => "abruptly",
        },
        w.segment,
        w.after_complaints
    )
}

/// A policy in words; `per` names a period (for a desk's pay).
pub fn describe_policy(p: &Policy, currency: &str, per: &str) -> String {
    if p.handling == Handling::Ignore {
        return format!(
            "every complaint is ignored{}",
            describe_parting(p, currency)
        );
    }
    let mut text = match &p.staffing {
        Some(desk) => format!(
            "answered by {}, {} resolved",
            describe_desk(desk, currency, per),
            percent_exact(p.resolve_rate)
        ),
        None => {
            let hours = thousands(p.response_hours, 1);
            let hours = hours.trim_end_matches(".0");
            format!(
                "answered within {hours} hour{}, {} resolved",
                if hours == "1" { "" } else { "s" },
                percent_exact(p.resolve_rate)
            )
        }
    };
    if p.handoffs > 0 {
        text.push_str(&format!(
            ", passed between agents {} times ({} lost per handoff{})",
            p.handoffs,
            percent_exact(p.handoff_penalty),
            if p.handoff_hours > 0.0 {
                format!(", {} later each", hours(p.handoff_hours))
            } else {
                String::new()
            }
        ));
    }
    if p.compensation > 0.0 {
        text.push_str(&format!(
            ", {} compensation",
            money(p.compensation, currency)
        ));
    }
    if p.handling_cost > 0.0 {
        text.push_str(&format!(
            ", {} to handle each",
            money(p.handling_cost, currency)
        ));
    }
    text.push_str(&describe_parting(p, currency));
    text
}

/// The segments in words: each one's share and what it overrides.
fn describe_segments(s: &Scenario, currency: &str) -> String {
    let parts: Vec<String> = s
        .segments
        .iter()
        .map(|g| {
            let mut over = Vec::new();
            if let Some(m) = g.margin {
                over.push(format!("margin {}", money(m, currency)));
            }
            if let Some(x) = g.problem_rate {
                over.push(format!("problems {}", percent_exact(x)));
            }
            if let Some(x) = g.complaint_rate {
                over.push(format!("complain {}", percent_exact(x)));
            }
            if let Some(x) = g.base_churn {
                over.push(format!("leave anyway {}", percent_exact(x)));
            }
            let factor = |x: f64| {
                let text = thousands(x, 2);
                text.trim_end_matches('0').trim_end_matches('.').to_owned()
            };
            if !same(g.resolve_factor, 1.0) {
                over.push(format!(
                    "chance of resolving a complaint x{}",
                    factor(g.resolve_factor)
                ));
            }
            if !same(g.handle_factor, 1.0) {
                over.push(format!("handling cost x{}", factor(g.handle_factor)));
            }
            let over = if over.is_empty() {
                String::new()
            } else {
                format!(" ({})", over.join(", "))
            };
            format!("{} {} of people{over}", g.name, percent_exact(g.share))
        })
        .collect();
    parts.join("; ")
}

/// The assumptions of a run, in report order.
pub fn assumptions(run: &RunData) -> Vec<Assumption> {
    let s = &run.scenario;
    let stay = |class: OutcomeClass| percent_exact(s.outcomes.get(class).stay);
    let per = &s.period_label;
    let customers = match s.population.initial_customers {
        InitialCustomers::Fraction(f) => {
            format!(
                "{} ({} of them)",
                count((f * run.people as f64).round() as u64),
                percent_exact(f)
            )
        }
        InitialCustomers::Count(n) => count(u64::from(n)),
        InitialCustomers::File(_) => "those listed in the customers file".to_owned(),
    };
    let wom = &s.word_of_mouth;
    let e = &s.effects;
    let mut rows = vec![
        row(
            "Population",
            format!(
                "{} people, {customers} customers at the start",
                count(run.people)
            ),
            "this scenario".into(),
        ),
        row("Who talks to whom", network(run), "this scenario".into()),
        row(
            &format!("Experiences that go wrong each {per}"),
            percent_exact(s.experience.problem_rate),
            source(
                s.experience.problem_rate,
                d::PROBLEM_RATE,
                "modelling choice",
            ),
        ),
        row(
            "Unhappy customers who complain",
            percent_exact(s.experience.complaint_rate),
            source(
                s.experience.complaint_rate,
                d::COMPLAINT_RATE,
                "modelling choice; TARP finds about 4%",
            ),
        ),
        row(
            "Customers who stay after a problem",
            format!(
                "silent {}, complained and ignored {}, resolved {}, resolved quickly {} (no problem: {})",
                stay(OutcomeClass::Silent),
                stay(OutcomeClass::Unresolved),
                stay(OutcomeClass::Resolved),
                stay(OutcomeClass::ResolvedQuickly),
                stay(OutcomeClass::Satisfied)
            ),
            stay_source(run),
        ),
        row(
            "People each customer tells",
            format!(
                "happy {}, unhappy (silent or ignored) {}, resolved {}, resolved quickly {}",
                tells(run, OutcomeClass::Satisfied),
                tells(run, OutcomeClass::Unresolved),
                tells(run, OutcomeClass::Resolved),
                tells(run, OutcomeClass::ResolvedQuickly)
            ),
            tells_source(run),
        ),
        row(
            "Stories passed on",
            format!(
                "{} of those who hear bad news retell it ({} for good news), up to {} hops; each hop counts {} as much",
                percent_exact(wom.retell_negative),
                percent_exact(wom.retell_positive),
                wom.max_hops,
                percent_exact(wom.hop_decay)
            ),
            source(
                wom.retell_negative,
                d::RETELL_NEGATIVE,
                "modelling choice (the Georgian recovery article: \"they pass it on\")",
            ),
        ),
        row(
            "What hearing does",
            format!(
                "bad news deters {} of prospects and drives away {} of customers; good news wins {} of prospects; {} of prospects join on their own each {per}",
                percent_exact(e.deter),
                percent_exact(e.hearsay_churn),
                percent_exact(e.referral_conversion),
                percent_exact(e.organic_conversion)
            ),
            source(
                e.deter,
                d::DETER,
                "modelling choice (the Bulgarian lost-customer article: Mrs Marinova's daughter went elsewhere)",
            ),
        ),
        row(
            "Value of a customer",
            format!(
                "{} margin per {per}; discount rate {} a year; horizon {}",
                money(s.economics.margin, run.currency()),
                percent_exact(s.economics.discount_rate),
                run.horizon()
            ),
            source(s.economics.margin, d::MARGIN, "modelling choice"),
        ),
    ];
    if !same(s.experience.recovery_paradox, 1.0) {
        rows.push(row(
            "Recovery paradox",
            format!(
                "after a resolved complaint a customer's chance of leaving without a problem is multiplied by {}",
                thousands(s.experience.recovery_paradox, 2)
            ),
            "this scenario (the Bulgarian lost-customer article; contested by de Matos et al. 2007, so off by default)".into(),
        ));
    }
    if s.has_segments() {
        rows.push(row(
            "Who the customers are",
            describe_segments(s, run.currency()),
            "this scenario (the Persian never-satisfied article: some customers are never satisfied)".into(),
        ));
    }
    if s.parts() {
        let told = |class: OutcomeClass| {
            let spec = s.outcomes.get(class);
            let tone = match spec.tone {
                Some(Tone::Negative) => "bad news",
                Some(Tone::Positive) => "good news",
                None => "no story",
            };
            format!("{} people, {tone}", describe_tells(&spec.tells))
        };
        let default = OutcomeClass::PARTED
            .iter()
            .all(|&c| *s.outcomes.get(c) == d::outcome(c));
        rows.push(row(
            "What parted customers tell",
            format!(
                "parted gracefully: {}; abruptly: {}",
                told(OutcomeClass::PartedGraceful),
                told(OutcomeClass::PartedAbrupt)
            ),
            if default {
                "default: notice and help finding another provider curb negative word of mouth (Wetzel, Haenel & Hess 2022; 0-2 is judgement); abrupt as an unresolved complaint".into()
            } else {
                "this scenario".into()
            },
        ));
    }
    if let Some(t) = &s.experience.tolerance_hours {
        rows.push(row(
            "How long complainers wait before a slow answer spoils it",
            describe_tolerance(t),
            "this scenario (the surveys of docs/references.md: Edison Research, Spider Marketing, Lithium / Millward Brown)".into(),
        ));
    }
    for (i, p) in s.policies.iter().enumerate() {
        rows.push(row(
            &format!(
                "Policy {}{}",
                p.name,
                if i == 0 { " (baseline)" } else { "" }
            ),
            describe_policy(p, run.currency(), per),
            "this scenario".into(),
        ));
    }
    rows
}
