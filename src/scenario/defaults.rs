//! Every default of the scenario format, in one place, with the source of
//! each number.
//!
//! Sources: "MODEL.md" is the project's specification (its "Defaults" table and
//! the outcome table of "One period", step 4), written down in the project's
//! words in docs/model.md; the articles, surveys and papers ("the Bulgarian
//! lost-customer article", "TARP", ...) are described in docs/references.md. A "modelling choice" is a number
//! no source gives, chosen by the project to tell the sources' story (a small
//! business on a small-world network) and meant to be varied in sweeps.

use crate::graph::Generator;
use crate::model::{InitialCustomers, NetworkKind, OutcomeClass, OutcomeSpec, TellDist, Tone};

// ---- top level -------------------------------------------------------------

/// Name used when the scenario file's path has no stem (MODEL.md: `name`
/// defaults to the file's stem; this is only the fallback for a path like `/`).
pub const NAME_FALLBACK: &str = "scenario";
/// Default `description`: empty (modelling choice: the key is optional).
pub const DESCRIPTION: &str = "";
/// `periods` = 12 (MODEL.md Defaults: one year of months).
pub const PERIODS: u32 = 12;
/// `period_label` = "month" (MODEL.md Defaults).
pub const PERIOD_LABEL: &str = "month";
/// `periods_per_year` = 12 (MODEL.md Defaults; months).
pub const PERIODS_PER_YEAR: f64 = 12.0;
/// `replications` = 1000 (MODEL.md Defaults).
pub const REPLICATIONS: u32 = 1000;
/// `seed` = 1 (MODEL.md Defaults: a fixed default keeps runs reproducible).
pub const SEED: u64 = 1;

// ---- [population] ----------------------------------------------------------

/// `population.people` = 10000 (MODEL.md Defaults; modelling choice: a town).
pub const PEOPLE: u32 = 10_000;
/// `population.initial_customers` = 0.1, a fraction (MODEL.md Defaults;
/// modelling choice: a small business with a tenth of the town as customers).
pub const INITIAL_CUSTOMERS: InitialCustomers = InitialCustomers::Fraction(0.1);

// ---- [network] -------------------------------------------------------------

/// `network.kind` = "watts_strogatz", the small world of Goldenberg et al. 2007
/// (MODEL.md Defaults).
pub const NETWORK_KIND: &str = "watts_strogatz";
/// `network.mean_degree` = 30 for `watts_strogatz` and `erdos_renyi`
/// (MODEL.md Defaults: unhappy customers tell up to 22 people, so the
/// network must offer that many contacts; personal networks of active
/// contacts number in the dozens to about 150 — Hill & Dunbar 2003. With
/// 10, about a quarter of the bad-news tellings would be cut off by missing
/// contacts).
pub const MEAN_DEGREE: u32 = 30;
/// `network.rewire` = 0.1 (MODEL.md Defaults; modelling choice: a small world).
pub const REWIRE: f64 = 0.1;
/// `network.attach` = 5 for `barabasi_albert`. MODEL.md gives none; modelling
/// choice: mean degree ≈ 2 × attach = 10 (a scenario choosing this kind
/// states its own; unchanged when the small world's default became 30).
pub const ATTACH: u32 = 5;
/// `network.cluster_size` = 10 for `strong_weak_ties`. MODEL.md gives none;
/// modelling choice: a household-and-friends cluster.
pub const CLUSTER_SIZE: u32 = 10;
/// `network.strong_ties` = 8 for `strong_weak_ties`. MODEL.md gives none;
/// modelling choice: with [`WEAK_TIES`] a mean degree of 10 (unchanged when
/// the small world's default became 30).
pub const STRONG_TIES: f64 = 8.0;
/// `network.weak_ties` = 2 for `strong_weak_ties`. MODEL.md gives none;
/// modelling choice (Goldenberg et al. 2007: few weak ties carry news far).
pub const WEAK_TIES: f64 = 2.0;
/// `network.weak_ties_churn` = false. MODEL.md gives none; modelling choice:
/// the network stays fixed unless asked, like every other kind.
pub const WEAK_TIES_CHURN: bool = false;
/// `network.format` = "edgelist", the only format (MODEL.md, "World").
pub const NETWORK_FORMAT: &str = "edgelist";
/// `network.resample` = false (MODEL.md Defaults).
pub const RESAMPLE: bool = false;

/// The default network kind with its default parameters.
pub fn network_kind() -> NetworkKind {
    NetworkKind::Generated(Generator::WattsStrogatz {
        mean_degree: f64::from(MEAN_DEGREE),
        rewire: REWIRE,
    })
}

// ---- [experience] ----------------------------------------------------------

/// `experience.problem_rate` = 0.05 (MODEL.md Defaults; modelling choice:
/// "only a small share of customers is dissatisfied", Goldenberg et al. 2007).
pub const PROBLEM_RATE: f64 = 0.05;
/// `experience.complaint_rate` = 0.25 (MODEL.md Defaults; modelling choice for
/// a small business that is easy to reach; TARP's survey figure across
/// industries is about 0.04, 1 in 26–27, which presets may use).
pub const COMPLAINT_RATE: f64 = 0.25;
/// `experience.base_churn` = 0.02 (MODEL.md Defaults; modelling choice), so
/// `outcomes.satisfied.stay` = 0.98.
pub const BASE_CHURN: f64 = 0.02;
/// `experience.recovery_paradox` = 1.0, i.e. off (MODEL.md Defaults; the
/// paradox is contested: de Matos, Henrique & Rossi 2007, seeds README).
pub const RECOVERY_PARADOX: f64 = 1.0;

// ---- [outcomes.*] ----------------------------------------------------------

/// `outcomes.silent.stay` = 0.09 (TARP, loss over $100: did not complain, 9%
/// would buy again; MODEL.md outcome table).
pub const STAY_SILENT: f64 = 0.09;
/// `outcomes.unresolved.stay` = 0.19 (TARP, over $100: complained, not
/// satisfied, 19%).
pub const STAY_UNRESOLVED: f64 = 0.19;
/// `outcomes.resolved.stay` = 0.54 (TARP, over $100: complained, satisfied, 54%).
pub const STAY_RESOLVED: f64 = 0.54;
/// `outcomes.resolved_quickly.stay` = 0.82 (TARP, over $100: complained,
/// satisfied quickly, 82%).
pub const STAY_RESOLVED_QUICKLY: f64 = 0.82;

/// Satisfied and resolved customers tell uniform 1–2 (the Georgian recovery article: a satisfied
/// customer tells 1–2 close people; the Bulgarian lost-customer article: "one satisfied tells two").
pub const TELLS_SATISFIED: (u32, u32) = (1, 2);
/// Silent and unresolved customers tell uniform 10–22 (the Georgian recovery article: 10–15 on
/// average; the Bulgarian lost-customer article: "one dissatisfied tells twenty-two"; TARP: 9–10, 13%
/// more than 20).
pub const TELLS_DISSATISFIED: (u32, u32) = (10, 22);
/// Quickly resolved customers tell uniform 4–6 (TARP: complainers whose
/// problem is resolved tell about 5 people of the good service).
pub const TELLS_RESOLVED_QUICKLY: (u32, u32) = (4, 6);

/// Customers parted with gracefully tell uniform 0–2, with a negative
/// tone (MODEL.md, "Parting with customers": advance notice and help
/// finding another provider curb negative word of mouth — Wetzel, Haenel &
/// Hess, European Journal of Marketing 2022; the 0–2 is judgement).
pub const TELLS_PARTED_GRACEFUL: (u32, u32) = (0, 2);
/// Customers parted with abruptly tell uniform 10–22, with a negative tone,
/// as an unresolved complaint (MODEL.md, "Parting with customers").
pub const TELLS_PARTED_ABRUPT: (u32, u32) = TELLS_DISSATISFIED;

fn uniform((lo, hi): (u32, u32)) -> TellDist {
    TellDist::Uniform { lo, hi }
}

/// The default specification of an outcome class (MODEL.md outcome table,
/// and the table of "Parting with customers" for the parted classes).
/// For [`OutcomeClass::Satisfied`], `stay` is `1 −` [`BASE_CHURN`].
pub fn outcome(class: OutcomeClass) -> OutcomeSpec {
    let (stay, tone, tells) = match class {
        OutcomeClass::Satisfied => (1.0 - BASE_CHURN, Tone::Positive, TELLS_SATISFIED),
        OutcomeClass::Silent => (STAY_SILENT, Tone::Negative, TELLS_DISSATISFIED),
        OutcomeClass::Unresolved => (STAY_UNRESOLVED, Tone::Negative, TELLS_DISSATISFIED),
        OutcomeClass::Resolved => (STAY_RESOLVED, Tone::Positive, TELLS_SATISFIED),
        OutcomeClass::ResolvedQuickly => (
            STAY_RESOLVED_QUICKLY,
            Tone::Positive,
            TELLS_RESOLVED_QUICKLY,
        ),
        // A parted customer always leaves (MODEL.md: "its stay is 0").
        OutcomeClass::PartedGraceful => (0.0, Tone::Negative, TELLS_PARTED_GRACEFUL),
        OutcomeClass::PartedAbrupt => (0.0, Tone::Negative, TELLS_PARTED_ABRUPT),
    };
    OutcomeSpec {
        stay,
        tone: Some(tone),
        tells: uniform(tells),
    }
}

// ---- [word_of_mouth] -------------------------------------------------------

/// `word_of_mouth.max_hops` = 3 (MODEL.md Defaults; modelling choice: the
/// Georgian recovery and Bulgarian lost-customer articles describe second-hop spread, one more hop allows for a third).
pub const MAX_HOPS: u32 = 3;
/// `word_of_mouth.hop_decay` = 0.5 (MODEL.md Defaults; modelling choice:
/// second-hand stories count half as much).
pub const HOP_DECAY: f64 = 0.5;
/// `word_of_mouth.retell.negative` = 0.3 (MODEL.md Defaults; modelling
/// choice: bad news is retold more, the Georgian recovery article "they pass it on further").
pub const RETELL_NEGATIVE: f64 = 0.3;
/// `word_of_mouth.retell.positive` = 0.1 (MODEL.md Defaults; modelling choice).
pub const RETELL_POSITIVE: f64 = 0.1;
/// `word_of_mouth.retell_tells` = uniform 1–3 (MODEL.md Defaults; modelling
/// choice: a retelling reaches fewer people than a first-hand story).
pub const RETELL_TELLS: (u32, u32) = (1, 3);

/// The default `word_of_mouth.retell_tells` distribution.
pub fn retell_tells() -> TellDist {
    uniform(RETELL_TELLS)
}

// ---- [effects] -------------------------------------------------------------

/// `effects.deter` = 0.5 (MODEL.md Defaults; modelling choice; the Bulgarian lost-customer article: the
/// daughter who heard her mother's story went elsewhere).
pub const DETER: f64 = 0.5;
/// `effects.referral_conversion` = 0.02 (MODEL.md Defaults; modelling choice).
pub const REFERRAL_CONVERSION: f64 = 0.02;
/// `effects.hearsay_churn` = 0.02 (MODEL.md Defaults; modelling choice).
pub const HEARSAY_CHURN: f64 = 0.02;
/// `effects.organic_conversion` = 0.002 per period (MODEL.md Defaults;
/// modelling choice: slow growth without word of mouth).
pub const ORGANIC_CONVERSION: f64 = 0.002;

// ---- [economics] -----------------------------------------------------------

/// `economics.margin` = 50 per customer per period (MODEL.md Defaults;
/// modelling choice consistent with TARP's "over $100" purchases).
pub const MARGIN: f64 = 50.0;
/// `economics.discount_rate` = 0.10 a year (MODEL.md Defaults; modelling choice).
pub const DISCOUNT_RATE: f64 = 0.10;
/// `economics.currency` = "USD" (MODEL.md Defaults; TARP's figures are in dollars).
pub const CURRENCY: &str = "USD";

// ---- [policies.NAME] -------------------------------------------------------

// `handling` has no default: every policy must say `ignore` or `recover`
// (MODEL.md Defaults).

/// `resolve_rate` = 0.9 (MODEL.md Defaults; modelling choice: the Georgian recovery article, most
/// dissatisfied customers can be won back by calling back and fixing).
pub const RESOLVE_RATE: f64 = 0.9;
/// `handoffs` = 0 (MODEL.md Defaults: one agent owns the complaint).
pub const HANDOFFS: u32 = 0;
/// `handoff_penalty` = 0.15 per handoff (MODEL.md Defaults; modelling choice;
/// the crowdSPRING support article: 72% blamed bad service on being passed between agents).
pub const HANDOFF_PENALTY: f64 = 0.15;
/// `response_hours` = 1 (MODEL.md Defaults; the crowdSPRING support article: answering within 60
/// minutes gave 96% satisfaction).
pub const RESPONSE_HOURS: f64 = 1.0;
/// `quick_hours` = 24 (MODEL.md, "One period" step 3; the crowdSPRING support article: the usual
/// answer takes 24–48 hours, so anything within a day counts as quick).
pub const QUICK_HOURS: f64 = 24.0;
/// `compensation` = 0 per resolved complaint (MODEL.md Defaults; the Bulgarian lost-customer article: an
/// apology costs nothing).
pub const COMPENSATION: f64 = 0.0;
/// `handling_cost` = 0 per handled complaint (MODEL.md Defaults; modelling
/// choice: set it to weigh staff time, the Persian never-satisfied article).
pub const HANDLING_COST: f64 = 0.0;

// ---- [segments.NAME] -------------------------------------------------------

// `share` has no default: the shares of the segments sum to 1, and one
// segment may leave its share out to take the rest (a modelling choice that
// lets a sweep vary one share). The overrides `margin`, `problem_rate`,
// `complaint_rate` and `base_churn` default to the global values (MODEL.md,
// "Segments").

/// `resolve_factor` = 1 (MODEL.md, "Segments": it multiplies a policy's
/// resolve probability; "never satisfied" customers, the Persian never-satisfied article, have less).
pub const RESOLVE_FACTOR: f64 = 1.0;
/// `handle_factor` = 1 (MODEL.md, "Segments": it multiplies
/// `handling_cost`; the Persian never-satisfied article: serving some customers takes "a whole
/// employee day").
pub const HANDLE_FACTOR: f64 = 1.0;

// `part_with` under a policy has no default: `segment`, `after_complaints`
// and `manner` are the policy's decision and must be given; `refund`
// defaults to the parted customer's margin for one period ("refund the last
// invoice", the Kazakh parting article; MODEL.md, "Parting with customers").

// ---- response time and staffing (MODEL.md, "Response time and staffing") --

/// `handoff_hours` = 0 per handoff (MODEL.md: default 0, so a handoff only
/// spoils the resolution, as before response times existed).
pub const HANDOFF_HOURS: f64 = 0.0;
/// `experience.tolerance_hours`: none by default, so each policy's
/// `quick_hours` is everyone's tolerance (MODEL.md: "exactly as before").
pub const TOLERANCE_HOURS: Option<crate::staffing::DurationDist> = None;
/// `staffing.days_per_week` = 5, Monday to Friday (MODEL.md).
pub const DAYS_PER_WEEK: u32 = 5;
/// `staffing.hours_per_day` = 8, 09:00–17:00 (MODEL.md).
pub const HOURS_PER_DAY: f64 = 8.0;
/// `staffing.agent_cost` = 0 per agent per period (MODEL.md: set it to
/// weigh what a desk costs).
pub const AGENT_COST: f64 = 0.0;
// `staffing.agents` and `staffing.handle_minutes` have no default: a desk
// states its size and its work. `wom init`'s template suggests
// `handle_minutes = { lognormal = { median = 12, sigma = 0.6 } }` from
// e-commerce support benchmarks (5–15 minutes a ticket, complex ones such
// as disputes and returns 12–25 minutes and more: Bookbag, "Average handle
// time benchmarks", 2026) and, for `tolerance_hours`, the survey buckets of
// MODEL.md (see `scenarios/staffing.toml`).
