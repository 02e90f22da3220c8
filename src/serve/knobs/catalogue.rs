//! The catalogue of knobs the page may offer, one descriptor each: its key
//! below its table, label and help in the owner's words, its unit, how its
//! range follows from its value, the source of its default, and the
//! function reading its value on the scenario (in `values.rs`).

use super::values::{self, At};

/// How a knob's range follows from its value.
#[derive(Debug, Clone, Copy)]
pub(super) enum Range {
    /// A share in [0, max].
    Share { max: f64, step: f64 },
    /// From `min` to the larger of `max` and `times` × the value.
    Open {
        min: f64,
        max: f64,
        times: f64,
        step: f64,
    },
    /// Initial customers: one step to the number of people.
    Customers,
}

/// Unit of a knob.
#[derive(Debug, Clone, Copy)]
pub(super) enum Unit {
    Percent,
    Money,
    Hours,
    Customers,
    Complaints,
    Agents,
    HoursPerDay,
    DaysPerWeek,
}

/// One knob of the catalogue; `field` is the key below its table (a
/// policy's or a segment's). `PERIOD` in the label and help becomes the
/// scenario's period, `SEGMENT` the segment's name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub(super) field: &'static str,
    pub(super) label: &'static str,
    pub(super) help: &'static str,
    pub(super) unit: Unit,
    pub(super) range: Range,
    /// The default's source, when the scenario does not write the key.
    pub(super) default_source: &'static str,
    /// The knob's value on the scenario, in the scenario's units; `None`
    /// when the knob does not apply there (the page then omits it).
    pub(super) value: fn(&At) -> Option<f64>,
    /// A help that depends on the scenario, instead of `help`.
    pub(super) help_for: Option<fn(&At) -> Option<String>>,
}

/// Knobs about the business and its customers' experience.
pub(super) const BUSINESS: [Spec; 4] = [
    Spec {
        field: "population.initial_customers",
        label: "Customers today",
        help: "People who buy from you now, out of everyone in town who can hear about you.",
        unit: Unit::Customers,
        range: Range::Customers,
        default_source: "Default: a tenth of the town (a modelling choice).",
        value: values::initial_customers,
        help_for: None,
    },
    Spec {
        field: "economics.margin",
        label: "Margin per customer per PERIOD",
        help: "What one customer brings in, after costs, in one PERIOD.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 500.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: 50 a month (a modelling choice).",
        value: values::margin,
        help_for: None,
    },
    Spec {
        field: "experience.problem_rate",
        label: "Customers with a problem each PERIOD",
        help: "How often something goes wrong for a customer.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 0.5,
            step: 0.005,
        },
        default_source: "Default: 5% (only a small share is dissatisfied; Goldenberg et al. 2007).",
        value: values::problem_rate,
        help_for: None,
    },
    Spec {
        field: "experience.complaint_rate",
        label: "Of those, how many complain",
        help: "The others leave or stay without a word, and tell their friends.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 1.0,
            step: 0.01,
        },
        default_source: "Default: 25% (a modelling choice; TARP found about 4%).",
        value: values::complaint_rate,
        help_for: None,
    },
];

/// The share of a segment (`[segments.NAME]`), offered when the file
/// writes it and another segment takes the rest, so that it can move; its
/// largest value leaves that segment empty.
pub(super) const SEGMENT_SHARE: Spec = Spec {
    field: "share",
    label: "People like “SEGMENT”",
    help: "Their share of everyone in town: each person is one with this probability. They have their own problems, complaints and costs, as the scenario file says; the segment without a share takes the rest.",
    unit: Unit::Percent,
    range: Range::Share {
        max: 1.0,
        step: 0.005,
    },
    default_source: "From the scenario file.",
    value: values::share,
    help_for: None,
};

/// Knobs of each policy that handles complaints (`handling = "recover"`).
pub(super) const DESK: [Spec; 4] = [
    Spec {
        field: "response_hours",
        label: "Hours until a complaint is answered",
        help: "An answer within the quick limit (24 hours unless the scenario says otherwise) counts as quick: those customers stay more and tell more good.",
        unit: Unit::Hours,
        range: Range::Open {
            min: 0.0,
            max: 96.0,
            times: 2.0,
            step: 0.5,
        },
        default_source: "Default: 1 hour (the crowdSPRING support article: within 60 minutes).",
        value: values::response_hours,
        help_for: Some(values::quick_help),
    },
    Spec {
        field: "resolve_rate",
        label: "Complaints resolved",
        help: "Of the complaints answered, how many end with the customer's problem fixed.",
        unit: Unit::Percent,
        range: Range::Share {
            max: 1.0,
            step: 0.01,
        },
        default_source: "Default: 90% (the Georgian recovery article: calling back and fixing turns most around).",
        value: values::resolve_rate,
        help_for: None,
    },
    Spec {
        field: "compensation",
        label: "Compensation per resolved complaint",
        help: "A refund, discount or gift for each complaint put right.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 200.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: none (the Bulgarian lost-customer article).",
        value: values::compensation,
        help_for: None,
    },
    Spec {
        field: "handling_cost",
        label: "Cost of handling a complaint",
        help: "Staff time and other costs of each complaint answered, resolved or not.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 200.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: none (a modelling choice: set it to weigh staff time, the Persian never-satisfied article).",
        value: values::handling_cost,
        help_for: None,
    },
];

/// Knobs of each policy whose complaints wait at a desk (`staffing = { … }`,
/// instead of a fixed `response_hours`): its size and its office hours.
pub(super) const STAFFING: [Spec; 3] = [
    Spec {
        field: "staffing.agents",
        label: "Agents at the desk",
        help: "People answering complaints while the desk is open, first come first served. Complaints that arrive while every agent is busy or the desk is closed wait their turn; each agent is paid every PERIOD.",
        unit: Unit::Agents,
        range: Range::Open {
            min: 1.0,
            max: 10.0,
            times: 2.0,
            step: 1.0,
        },
        default_source: "From the scenario file (the key has no default).",
        value: values::agents,
        help_for: None,
    },
    Spec {
        field: "staffing.hours_per_day",
        label: "Desk open, hours a day",
        help: "From 09:00 on each open day (24: around the clock). Complaints that arrive while it is closed wait for it to open.",
        unit: Unit::HoursPerDay,
        range: Range::Open {
            min: 0.5,
            max: 24.0,
            times: 1.0,
            step: 0.5,
        },
        default_source: "Default: 8 hours, 09:00–17:00 (docs/model.md, staffing).",
        value: values::hours_per_day,
        help_for: None,
    },
    Spec {
        field: "staffing.days_per_week",
        label: "Desk open, days a week",
        help: "From Monday (5: Monday to Friday; 7: every day).",
        unit: Unit::DaysPerWeek,
        range: Range::Open {
            min: 1.0,
            max: 7.0,
            times: 1.0,
            step: 1.0,
        },
        default_source: "Default: 5, Monday to Friday (docs/model.md, staffing).",
        value: values::days_per_week,
        help_for: None,
    },
];

/// Knobs of each policy that parts with customers (`part_with`); the
/// refund only for a graceful parting.
pub(super) const PARTING: [Spec; 2] = [
    Spec {
        field: "part_with.after_complaints",
        label: "Complaints before parting with a “SEGMENT” customer",
        help: "At this complaint (counted over the whole horizon) the customer is let go, as the scenario says: gracefully or abruptly. The complaint is handled and paid for first.",
        unit: Unit::Complaints,
        range: Range::Open {
            min: 1.0,
            max: 10.0,
            times: 2.0,
            step: 1.0,
        },
        default_source: "From the scenario file (the key has no default).",
        value: values::after_complaints,
        help_for: None,
    },
    Spec {
        field: "part_with.refund",
        label: "Refund when parting",
        help: "What parting gracefully costs for each “SEGMENT” customer let go: a refund of the last invoice.",
        unit: Unit::Money,
        range: Range::Open {
            min: 0.0,
            max: 200.0,
            times: 4.0,
            step: 1.0,
        },
        default_source: "Default: one PERIOD's margin of the segment (the Kazakh parting article: refund the last invoice).",
        value: values::refund,
        help_for: None,
    },
];
