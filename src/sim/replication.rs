//! One replication of one policy: the period loop of MODEL.md ("One
//! period", steps 1–8), over a person array reused across replications.
//!
//! Every draw comes from a key `(seed, replication, period, person, …)` that
//! does not name the policy, so policies compared in one replication share
//! their random world (common random numbers): two identical policies give
//! identical results, and different ones differ only where their states do.

use super::metrics::{Metric, Outputs, PeriodSeries, PolicyRun};
use super::tells::{Marks, pick_distinct};
use super::world::{Params, PolicyParams, WeakTieChurn};
use crate::graph::generate::weak_ties_edges;
use crate::graph::{Graph, NodeId};
use crate::model::OutcomeClass;
use crate::rng::{Gaps, Purpose, StreamKey};

/// Tone indices.
pub const NEGATIVE: usize = 0;
/// Tone indices.
pub const POSITIVE: usize = 1;

const STATUS_MASK: u8 = 0b11;
const PROSPECT: u8 = 0;
const CUSTOMER: u8 = 1;
const FORMER: u8 = 2;
const DETERRED: u8 = 3;
/// The person's complaint was resolved earlier (recovery paradox applies).
const RECOVERED: u8 = 1 << 2;
/// The person has heard a negative story in this replication.
const HEARD_NEGATIVE: u8 = 1 << 3;

// Per-period flags.
const LEAVE_DIRECT: u8 = 1 << 0;
const LEAVE_HEARSAY: u8 = 1 << 1;
const REFERRED: u8 = 1 << 2;
/// Originator of a story of tone `t`: `ORIGIN << t`.
const ORIGIN: u8 = 1 << 3;

/// What the simulation knows of one person.
#[derive(Debug, Clone, Copy, Default)]
struct Person {
    /// Status bits and replication-long flags.
    state: u8,
    /// Flags of the current period, cleared at its end.
    flags: u8,
    /// Lowest hop at which each tone was heard this period (0 = not heard).
    hop: [u8; 2],
}

/// One hearing, for observers (story traces).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hearing {
    /// Who told.
    pub teller: NodeId,
    /// Who heard.
    pub hearer: NodeId,
    /// [`NEGATIVE`] or [`POSITIVE`].
    pub tone: usize,
    /// 1 for the originator's telling, `h + 1` for a retelling of hop `h`.
    pub hop: u32,
    /// What it did.
    pub effect: Effect,
}

/// The effect of one hearing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing changed.
    None,
    /// A prospect was deterred.
    Deterred,
    /// A prospect will convert (referral).
    Referred,
    /// A customer will leave (hearsay churn).
    Lost,
}

/// Receives events of a replication; the default methods do nothing and
/// compile away.
pub trait Observer {
    /// A customer's outcome class in `period`.
    fn outcome(&mut self, _period: u32, _person: NodeId, _class: OutcomeClass) {}
    /// A hearing in `period`.
    fn hearing(&mut self, _period: u32, _hearing: &Hearing) {}
    /// Whether this observer wants events of `period` (lets the loop skip work).
    fn wants(&self, _period: u32) -> bool {
        false
    }
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoObserver;
impl Observer for NoObserver {}

/// The network seen in one period: the fixed graph plus, with weak-tie
/// churn, this period's weak ties.
#[derive(Clone, Copy)]
pub(crate) struct Contacts<'a> {
    pub base: &'a Graph,
    pub extra: Option<&'a Graph>,
}

impl Contacts<'_> {
    #[inline]
    fn degree(&self, u: NodeId) -> u32 {
        self.base.degree(u) + self.extra.map_or(0, |g| g.degree(u))
    }

    #[inline]
    fn nth(&self, u: NodeId, i: u32) -> NodeId {
        let own = self.base.neighbors(u);
        match own.get(i as usize) {
            Some(&v) => v,
            None => self
                .extra
                .map_or(0, |g| g.neighbors(u)[i as usize - own.len()]),
        }
    }
}

/// Per-thread scratch state, reused across replications and policies.
#[derive(Debug, Default)]
pub struct Scratch {
    people: Vec<Person>,
    /// Originators of this period by tone, with their class.
    origins: [Vec<(NodeId, OutcomeClass)>; 2],
    level: Vec<NodeId>,
    next: Vec<NodeId>,
    picks: Vec<u32>,
    marks: Marks,
    initial: Vec<NodeId>,
    weak_edges: Vec<(NodeId, NodeId)>,
}

impl Scratch {
    /// Draws the initial customers of a replication (shared by all
    /// policies of that replication).
    pub(crate) fn draw_initial(&mut self, people: u32, count: u32, rep_key: StreamKey) {
        let mut rng = rep_key.rng(Purpose::Seeding);
        self.initial.clear();
        self.initial.extend(
            rand::seq::index::sample(&mut rng, people as usize, count as usize)
                .into_iter()
                .map(|i| i as NodeId),
        );
    }
}

/// Running totals of one policy in one replication.
struct Tally {
    out: Outputs,
    periods: Vec<[f64; PeriodSeries::COUNT]>,
    deterred_total: f64,
}

/// Runs one policy over the whole horizon of one replication on `base`
/// plus, with weak-tie churn, period `t`'s weak ties `weak[t]` (see
/// [`weak_ties_by_period`]; empty without churn).
pub(crate) fn run_policy<O: Observer>(
    params: &Params,
    policy: &PolicyParams,
    rep_key: StreamKey,
    base: &Graph,
    weak: &[Graph],
    scratch: &mut Scratch,
    observer: &mut O,
) -> PolicyRun {
    let n = base.node_count();
    scratch.people.clear();
    scratch.people.resize(n as usize, Person::default());
    for &u in &scratch.initial {
        scratch.people[u as usize].state = CUSTOMER;
    }
    let mut tally = Tally {
        out: Outputs::default(),
        periods: Vec::with_capacity(params.periods as usize),
        deterred_total: 0.0,
    };
    let mut customers = scratch.initial.len() as f64;
    let mut npv = 0.0;
    for t in 0..params.periods {
        let key = rep_key.period(t);
        let net = Contacts {
            base,
            extra: weak.get(t as usize),
        };
        let mut row = [0.0; PeriodSeries::COUNT];
        row[PeriodSeries::Customers as usize] = customers;
        let cost = experience(params, policy, key, t, scratch, &mut tally.out, observer);
        let (negative, positive) = telling(params, key, t, net, scratch, &mut tally, observer);
        row[PeriodSeries::Tellings as usize] = negative + positive;
        row[PeriodSeries::NegativeTellings as usize] = negative;
        let (churn, conversions) = end_of_period(params, key, t, scratch, &mut tally.out);
        npv += params.discount[t as usize] * (params.margin * customers - cost);
        tally
            .out
            .add(Metric::PvCost, params.discount[t as usize] * cost);
        tally.out.add(Metric::HandlingCost, cost);
        customers += conversions - churn;
        row[PeriodSeries::Churn as usize] = churn;
        row[PeriodSeries::Conversions as usize] = conversions;
        row[PeriodSeries::Deterred as usize] = tally.deterred_total;
        tally.periods.push(row);
    }
    tally.out.set(Metric::Npv, npv);
    tally.out.set(Metric::CustomersFinal, customers);
    PolicyRun {
        outputs: tally.out,
        periods: tally.periods,
    }
}

/// With weak-tie churn, the weak ties of every period of one replication,
/// redrawn each period from `(seed, replication, period, WeakTies)`: built
/// once per replication and shared by every policy (they do not depend on
/// the policy). Empty without churn.
pub(crate) fn weak_ties_by_period(
    n: u32,
    periods: u32,
    churn: Option<WeakTieChurn>,
    rep_key: StreamKey,
    scratch: &mut Scratch,
) -> Vec<Graph> {
    let Some(churn) = churn else {
        return Vec::new();
    };
    let edges = &mut scratch.weak_edges;
    (0..periods)
        .map(|t| {
            edges.clear();
            let mut rng = rep_key.period(t).rng(Purpose::WeakTies);
            weak_ties_edges(n, churn.cluster_size, churn.weak_ties, &mut rng, edges);
            // Node ids are below n by construction, and far fewer than MAX_EDGES.
            Graph::from_edges(n, edges)
                .map(|(g, _)| g)
                .unwrap_or_else(|_| Graph::empty(n))
        })
        .collect()
}

/// Steps 1–4: every customer's experience, outcome class, stay draw and
/// story; returns the period's handling and compensation cost.
fn experience<O: Observer>(
    params: &Params,
    policy: &PolicyParams,
    key: StreamKey,
    t: u32,
    scratch: &mut Scratch,
    out: &mut Outputs,
    observer: &mut O,
) -> f64 {
    let observe = observer.wants(t);
    let [negative, positive] = &mut scratch.origins;
    negative.clear();
    positive.clear();
    let (mut complaints, mut resolved, mut quick, mut silent) = (0u32, 0u32, 0u32, 0u32);
    for (u, person) in scratch.people.iter_mut().enumerate() {
        if person.state & STATUS_MASK != CUSTOMER {
            continue;
        }
        let u = u as NodeId;
        // Four draws in a fixed order whatever happens, so that every policy
        // sees the same uniforms for the same customer and period.
        let [u_problem, u_complain, u_resolve, u_stay] =
            key.person(u).uniforms::<4>(Purpose::Experience);
        let class = if u_problem >= params.problem_rate {
            OutcomeClass::Satisfied
        } else if u_complain >= params.complaint_rate {
            silent += 1;
            OutcomeClass::Silent
        } else {
            complaints += 1;
            if u_resolve < policy.resolve_probability {
                resolved += 1;
                if policy.quick {
                    quick += 1;
                    OutcomeClass::ResolvedQuickly
                } else {
                    OutcomeClass::Resolved
                }
            } else {
                OutcomeClass::Unresolved
            }
        };
        let spec = &params.classes[class.index()];
        let stay = if class == OutcomeClass::Satisfied && person.state & RECOVERED != 0 {
            1.0 - params.base_churn * params.recovery_paradox
        } else {
            spec.stay
        };
        if u_stay >= stay {
            person.flags |= LEAVE_DIRECT;
        }
        if matches!(
            class,
            OutcomeClass::Resolved | OutcomeClass::ResolvedQuickly
        ) {
            person.state |= RECOVERED;
        }
        if let Some(tone) = spec.tone {
            person.flags |= ORIGIN << tone;
            if tone == NEGATIVE {
                negative.push((u, class))
            } else {
                positive.push((u, class))
            }
        }
        if observe {
            observer.outcome(t, u, class);
        }
    }
    out.add(Metric::Complaints, f64::from(complaints));
    out.add(Metric::Resolved, f64::from(resolved));
    out.add(Metric::ResolvedQuickly, f64::from(quick));
    out.add(Metric::Silent, f64::from(silent));
    f64::from(complaints) * policy.handling_cost + f64::from(resolved) * policy.compensation
}

/// Steps 5–7: tellings and retellings hop by hop, and the effect of every
/// hearing. Returns the numbers of negative and positive hearings.
fn telling<O: Observer>(
    params: &Params,
    key: StreamKey,
    t: u32,
    net: Contacts<'_>,
    scratch: &mut Scratch,
    tally: &mut Tally,
    observer: &mut O,
) -> (f64, f64) {
    let observe = observer.wants(t);
    let mut heard = [0u64; 2];
    let mut shortfall = 0u64;
    for tone in [NEGATIVE, POSITIVE] {
        let Scratch {
            people,
            origins,
            level,
            next,
            picks,
            marks,
            ..
        } = scratch;
        level.clear();
        for hop in 1..=params.max_hops {
            next.clear();
            let tellers = if hop == 1 {
                origins[tone].len()
            } else {
                level.len()
            };
            for i in 0..tellers {
                // Expanding a teller is two dependent cache misses (offset,
                // then adjacency list); prefetch both a few tellers ahead.
                let ahead = |j: usize| {
                    if hop == 1 {
                        origins[tone].get(j).map(|o| o.0)
                    } else {
                        level.get(j).copied()
                    }
                };
                if let Some(w) = ahead(i + 16) {
                    net.base.prefetch_offsets(w);
                }
                if let Some(w) = ahead(i + 8) {
                    net.base.prefetch_neighbors(w);
                }
                let (u, sampler) = if hop == 1 {
                    let (u, class) = origins[tone][i];
                    (u, &params.classes[class.index()].tells)
                } else {
                    (level[i], &params.retell_tells)
                };
                let mut rng = key.person(u).sub(tone as u64).rng(Purpose::Telling);
                let k = sampler.sample(&mut rng);
                let d = net.degree(u);
                shortfall += u64::from(k.saturating_sub(d));
                pick_distinct(d, k.min(d), &mut rng, marks, picks);
                for &i in picks.iter() {
                    let v = net.nth(u, i);
                    heard[tone] += 1;
                    let effect = hear(params, key, people, u, v, tone, hop, next, &mut tally.out);
                    if effect == Effect::Deterred {
                        tally.deterred_total += 1.0;
                    }
                    if observe {
                        observer.hearing(
                            t,
                            &Hearing {
                                teller: u,
                                hearer: v,
                                tone,
                                hop,
                                effect,
                            },
                        );
                    }
                }
            }
            std::mem::swap(level, next);
            if level.is_empty() {
                break;
            }
        }
    }
    tally
        .out
        .add(Metric::NegativeTellings, heard[NEGATIVE] as f64);
    tally
        .out
        .add(Metric::PositiveTellings, heard[POSITIVE] as f64);
    tally.out.add(Metric::TellShortfall, shortfall as f64);
    (heard[NEGATIVE] as f64, heard[POSITIVE] as f64)
}

/// Step 7 for one hearing at `hop`, plus the hearer's retelling decision
/// (pushed to `next`) the first time they hear this tone this period.
#[allow(clippy::too_many_arguments)]
#[inline]
fn hear(
    params: &Params,
    key: StreamKey,
    people: &mut [Person],
    teller: NodeId,
    v: NodeId,
    tone: usize,
    hop: u32,
    next: &mut Vec<NodeId>,
    out: &mut Outputs,
) -> Effect {
    let person = &mut people[v as usize];
    let strength = params.strength[hop as usize - 1];
    let hearer_key = key.person(v);
    // One draw per hearing, keyed by who told whom which tone: independent
    // of the order in which hearings are processed.
    let u = hearer_key
        .sub(2 * u64::from(teller) + tone as u64)
        .uniform(Purpose::Hearing);
    let mut effect = Effect::None;
    match (person.state & STATUS_MASK, tone) {
        (PROSPECT, NEGATIVE) if u < params.deter * strength => {
            person.state = (person.state & !STATUS_MASK) | DETERRED;
            out.add(Metric::Deterred, 1.0);
            effect = Effect::Deterred;
        }
        (PROSPECT, POSITIVE) if u < params.referral_conversion * strength => {
            person.flags |= REFERRED;
            effect = Effect::Referred;
        }
        (CUSTOMER, NEGATIVE) if u < params.hearsay_churn * strength => {
            person.flags |= LEAVE_HEARSAY;
            effect = Effect::Lost;
        }
        _ => {}
    }
    if tone == NEGATIVE && person.state & HEARD_NEGATIVE == 0 {
        person.state |= HEARD_NEGATIVE;
        out.add(Metric::NegativeReach, 1.0);
    }
    if person.hop[tone] == 0 {
        person.hop[tone] = hop as u8;
        let may_retell = hop < params.max_hops && person.flags & (ORIGIN << tone) == 0;
        if may_retell
            && hearer_key.sub(tone as u64).uniform(Purpose::Retelling) < params.retell[tone]
        {
            next.push(v);
        }
    }
    effect
}

/// Step 8: churn and conversion; clears the period's flags. Returns
/// (customers lost, prospects converted).
fn end_of_period(
    params: &Params,
    key: StreamKey,
    t: u32,
    scratch: &mut Scratch,
    out: &mut Outputs,
) -> (f64, f64) {
    let (mut direct, mut hearsay, mut referral, mut organic) = (0u32, 0u32, 0u32, 0u32);
    // Who would convert organically this period is a set drawn once from
    // (replication, period) by skipping geometric gaps over person ids, in
    // step with the scan: one draw per candidate instead of one per prospect,
    // and the same set for every policy.
    let gaps = Gaps::new(params.organic_conversion);
    let mut organic_rng = key.rng(Purpose::Organic);
    let mut gap = || gaps.map_or(u64::MAX, |g| g.sample(&mut organic_rng));
    let mut next_candidate = gap();
    for (u, person) in scratch.people.iter_mut().enumerate() {
        let candidate = u as u64 == next_candidate;
        if candidate {
            next_candidate = next_candidate.saturating_add(1).saturating_add(gap());
        }
        match person.state & STATUS_MASK {
            CUSTOMER if person.flags & LEAVE_DIRECT != 0 => {
                person.state = (person.state & !STATUS_MASK) | FORMER;
                direct += 1;
            }
            CUSTOMER if person.flags & LEAVE_HEARSAY != 0 => {
                person.state = (person.state & !STATUS_MASK) | FORMER;
                hearsay += 1;
            }
            PROSPECT if person.flags & REFERRED != 0 => {
                person.state = (person.state & !STATUS_MASK) | CUSTOMER;
                referral += 1;
            }
            PROSPECT if candidate => {
                person.state = (person.state & !STATUS_MASK) | CUSTOMER;
                organic += 1;
            }
            _ => {}
        }
        person.flags = 0;
        person.hop = [0, 0];
    }
    let value = params.flow_value[t as usize];
    out.add(Metric::ChurnedDirect, f64::from(direct));
    out.add(Metric::ChurnedHearsay, f64::from(hearsay));
    out.add(Metric::ReferralConversions, f64::from(referral));
    out.add(Metric::OrganicConversions, f64::from(organic));
    out.add(Metric::PvDirectChurn, value * f64::from(direct));
    out.add(Metric::PvHearsayChurn, value * f64::from(hearsay));
    out.add(Metric::PvReferral, value * f64::from(referral));
    out.add(Metric::PvOrganic, value * f64::from(organic));
    (f64::from(direct + hearsay), f64::from(referral + organic))
}
