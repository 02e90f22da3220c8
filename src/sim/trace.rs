//! Story traces: every outcome and hearing of one period of one replication,
//! recorded through [`Observer`] from the very random streams of a run, and
//! the spread of one customer's story extracted from them (the "Mrs
//! Marinova" picture: who told whom, at which hop, with what effect).
//!
//! Stories of the same tone merge: a person told by several tellers retells
//! (at most once per tone and period) at the hop after the first hearing.
//! [`PeriodLog::story`] therefore attributes a retelling to the story of
//! whoever told the reteller *first*; the hearings a story's tellers make
//! are all counted, and each person reached is placed at the hop where this
//! story first reached them.

use super::observer::{Effect, Hearing, Observer};
use crate::graph::NodeId;
use crate::model::{OutcomeClass, Tone};
use std::collections::{HashMap, HashSet};

/// Everything that happened in one period: each customer's outcome class
/// and every hearing, in the order the simulation made them (tone by tone,
/// hop by hop).
#[derive(Debug, Clone, Default)]
pub struct PeriodLog {
    period: u32,
    outcomes: Vec<(NodeId, OutcomeClass)>,
    hearings: Vec<Hearing>,
}

impl PeriodLog {
    /// An empty log that records period `period` (0 = the first).
    pub fn new(period: u32) -> Self {
        Self {
            period,
            ..Self::default()
        }
    }

    /// The period recorded.
    pub fn period(&self) -> u32 {
        self.period
    }

    /// Each customer's outcome class this period, by person id.
    pub fn outcomes(&self) -> &[(NodeId, OutcomeClass)] {
        &self.outcomes
    }

    /// Every hearing this period, in simulation order.
    pub fn hearings(&self) -> &[Hearing] {
        &self.hearings
    }

    /// The outcome class of `person`, `None` when they were not a customer.
    ///
    /// Complexity: O(log customers) (outcomes are recorded in id order).
    pub fn class_of(&self, person: NodeId) -> Option<OutcomeClass> {
        self.outcomes
            .binary_search_by_key(&person, |o| o.0)
            .ok()
            .map(|i| self.outcomes[i].1)
    }

    /// Hearings of `tone`: the period's `negative_tellings` or
    /// `positive_tellings`.
    pub fn tellings(&self, tone: Tone) -> usize {
        self.hearings.iter().filter(|h| h.tone == tone).count()
    }

    /// Persons who told a story of `tone` at hop 1 (its originators), in
    /// order of id.
    pub fn originators(&self, tone: Tone) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = self
            .hearings
            .iter()
            .filter(|h| h.tone == tone && h.hop == 1)
            .map(|h| h.teller)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The spread of the story `originator` told in `tone`; empty when they
    /// told none (no contacts, or no story of that tone this period).
    ///
    /// Complexity: O(hearings of the period).
    pub fn story(&self, originator: NodeId, tone: Tone) -> Story {
        // Tellers of this story: the originator, then everyone whose first
        // hearing of this tone came from one of them.
        let mut tellers: HashSet<NodeId> = HashSet::from([originator]);
        let mut heard_before: HashSet<NodeId> = HashSet::new();
        let mut hearings = Vec::new();
        let mut index: HashMap<NodeId, usize> = HashMap::new();
        let mut reached: Vec<Reached> = Vec::new();
        for h in self.hearings.iter().filter(|h| h.tone == tone) {
            let ours = tellers.contains(&h.teller) && (h.hop > 1 || h.teller == originator);
            if heard_before.insert(h.hearer) && ours {
                tellers.insert(h.hearer);
            }
            if !ours {
                continue;
            }
            hearings.push(*h);
            if h.hearer == originator {
                continue;
            }
            let i = *index.entry(h.hearer).or_insert_with(|| {
                reached.push(Reached {
                    person: h.hearer,
                    hop: h.hop,
                    parent: h.teller,
                    effect: Effect::None,
                    retold: false,
                });
                reached.len() - 1
            });
            if reached[i].effect == Effect::None {
                reached[i].effect = h.effect;
            }
        }
        for h in &hearings {
            if let Some(&i) = index.get(&h.teller) {
                reached[i].retold = true;
            }
        }
        Story {
            originator,
            tone,
            hearings,
            reached,
        }
    }
}

impl Observer for PeriodLog {
    fn outcome(&mut self, _period: u32, person: NodeId, class: OutcomeClass) {
        self.outcomes.push((person, class));
    }

    fn hearing(&mut self, _period: u32, hearing: &Hearing) {
        self.hearings.push(*hearing);
    }

    fn wants(&self, period: u32) -> bool {
        period == self.period
    }
}

/// A person a story reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reached {
    /// Who.
    pub person: NodeId,
    /// The hop at which this story first reached them (1 = told by the
    /// originator).
    pub hop: u32,
    /// Who told them first.
    pub parent: NodeId,
    /// The first effect any hearing of this story had on them.
    pub effect: Effect,
    /// Whether they passed the story on (within this story).
    pub retold: bool,
}

/// One originator's story in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The customer whose experience it is.
    pub originator: NodeId,
    /// The story's tone.
    pub tone: Tone,
    /// Every hearing told by the story's tellers, in simulation order.
    pub hearings: Vec<Hearing>,
    /// Each person reached once, in the order first reached (so by hop).
    pub reached: Vec<Reached>,
}

impl Story {
    /// Distinct people reached (the originator excluded).
    pub fn reach(&self) -> usize {
        self.reached.len()
    }

    /// People whose first effect was `effect`.
    pub fn count(&self, effect: Effect) -> usize {
        self.reached.iter().filter(|r| r.effect == effect).count()
    }

    /// The deepest hop reached (0 when nobody was told).
    pub fn depth(&self) -> u32 {
        self.reached.iter().map(|r| r.hop).max().unwrap_or(0)
    }

    /// People first reached at each hop, index 0 = hop 1.
    pub fn per_hop(&self) -> Vec<usize> {
        let mut out = vec![0; self.depth() as usize];
        for r in &self.reached {
            out[r.hop as usize - 1] += 1;
        }
        out
    }

    /// Whether the story is bad news.
    pub fn is_negative(&self) -> bool {
        self.tone == Tone::Negative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hearing(teller: NodeId, hearer: NodeId, hop: u32, effect: Effect) -> Hearing {
        Hearing {
            teller,
            hearer,
            tone: Tone::Negative,
            hop,
            effect,
        }
    }

    /// Two originators, 1 and 2; person 10 hears 2 first, then 1, so their
    /// retelling belongs to 2's story.
    fn log() -> PeriodLog {
        let mut log = PeriodLog::new(0);
        for (u, c) in [(1, OutcomeClass::Unresolved), (2, OutcomeClass::Silent)] {
            log.outcome(0, u, c);
        }
        for h in [
            hearing(2, 10, 1, Effect::None),
            hearing(1, 11, 1, Effect::Deterred),
            hearing(1, 10, 1, Effect::Lost),
            hearing(1, 12, 1, Effect::None),
            hearing(11, 20, 2, Effect::None),
            hearing(11, 1, 2, Effect::None),
            hearing(10, 21, 2, Effect::None),
            hearing(20, 30, 3, Effect::Deterred),
        ] {
            log.hearing(0, &h);
        }
        log
    }

    #[test]
    fn a_story_follows_its_first_tellers() {
        let log = log();
        let story = log.story(1, Tone::Negative);
        let people: Vec<(NodeId, u32, NodeId)> = story
            .reached
            .iter()
            .map(|r| (r.person, r.hop, r.parent))
            .collect();
        assert_eq!(
            people,
            vec![(11, 1, 1), (10, 1, 1), (12, 1, 1), (20, 2, 11), (30, 3, 20)]
        );
        // 10 heard 2 first: their retelling to 21 is 2's, not 1's.
        assert_eq!(story.hearings.len(), 6);
        assert_eq!(story.count(Effect::Deterred), 2);
        assert_eq!(story.count(Effect::Lost), 1);
        assert_eq!(story.per_hop(), vec![3, 1, 1]);
        assert!(story.reached[0].retold && !story.reached[2].retold);
        let other = log.story(2, Tone::Negative);
        assert_eq!(other.reach(), 2);
        assert_eq!(other.depth(), 2);
    }

    #[test]
    fn counts_and_classes() {
        let log = log();
        assert_eq!(log.tellings(Tone::Negative), 8);
        assert_eq!(log.tellings(Tone::Positive), 0);
        assert_eq!(log.originators(Tone::Negative), vec![1, 2]);
        assert_eq!(log.class_of(2), Some(OutcomeClass::Silent));
        assert_eq!(log.class_of(3), None);
        assert_eq!(log.story(5, Tone::Negative).reach(), 0);
    }
}
