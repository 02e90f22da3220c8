//! Chart: the word-of-mouth funnel of bad news per policy — unhappy
//! customers who tell, hearings, people reached, prospects deterred and
//! customers lost to hearsay — means over replications.

use crate::present::format::thousands;
use crate::report::data::{PolicyData, RunData};
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::hbars::{self, Bar, Group, HBars};
use crate::report::kit::style::{header, policy_colour};
use crate::report::narrative::findings;
use plotters::coord::Shift;
use plotters::prelude::*;
use wom::model::{OutcomeClass, Tone};
use wom::sim::Metric;

/// The funnel chart of a run.
pub struct Funnel<'a> {
    run: &'a RunData<'a>,
    title: String,
}

impl<'a> Funnel<'a> {
    /// Prepares the chart.
    pub fn new(run: &'a RunData) -> Self {
        Self {
            title: findings::funnel(run),
            run,
        }
    }
}

/// Customers who told a negative story, over the horizon: the classes
/// whose tone is negative, counted from the run's totals.
pub fn unhappy_tellers(run: &RunData, p: &PolicyData) -> f64 {
    let m = |k: Metric| p.mean_or_zero(k);
    // A parted customer's complaint counts in `complaints` and `parted`,
    // not in `resolved`: their class is the parting.
    let parted = m(Metric::Parted);
    let parted_class = run.scenario.policies[p.index]
        .part_with
        .as_ref()
        .map_or(OutcomeClass::PartedAbrupt, |w| w.manner.class());
    let counts = [
        (OutcomeClass::Silent, m(Metric::Silent)),
        (
            OutcomeClass::Unresolved,
            m(Metric::Complaints) - m(Metric::Resolved) - parted,
        ),
        (
            OutcomeClass::Resolved,
            m(Metric::Resolved) - m(Metric::ResolvedQuickly),
        ),
        (OutcomeClass::ResolvedQuickly, m(Metric::ResolvedQuickly)),
        (parted_class, parted),
    ];
    counts
        .iter()
        .filter(|(class, _)| run.scenario.outcomes.get(*class).tone == Some(Tone::Negative))
        .map(|(_, n)| n)
        .sum()
}

/// The funnel stages of one policy: (label, mean).
pub fn stages(run: &RunData, p: &PolicyData) -> [(&'static str, f64); 5] {
    let m = |k: Metric| p.metric(k).mean;
    [
        (
            "Unhappy customers who tell (people)",
            unhappy_tellers(run, p),
        ),
        (
            "Times bad news is heard (hearings)",
            m(Metric::NegativeTellings),
        ),
        ("People reached (people)", m(Metric::NegativeReach)),
        ("Prospects deterred (people)", m(Metric::Deterred)),
        (
            "Customers lost to hearsay (people)",
            m(Metric::ChurnedHearsay),
        ),
    ]
}

impl Chart for Funnel<'_> {
    fn stem(&self) -> &str {
        "word_of_mouth_funnel"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let run = self.run;
        let area = header(
            root,
            &self.title,
            &findings::subtitle(run),
            &format!(
                "Bad news over {}, mean over replications: each unhappy customer tells many, who tell others",
                run.horizon()
            ),
        )?;
        // A stage is labelled with one decimal when every policy's mean
        // is below 100 (so 22.0 and 19.6 read alike), else in whole people.
        let all: Vec<[(&str, f64); 5]> = run.policies.iter().map(|p| stages(run, p)).collect();
        let decimals: Vec<usize> = (0..5)
            .map(|i| usize::from(all.iter().all(|s| s[i].1 < 100.0)))
            .collect();
        let categories = stages(run, &run.policies[0])
            .iter()
            .map(|(l, _)| l.to_string())
            .collect();
        let groups = run
            .policies
            .iter()
            .map(|p| Group {
                name: p.name.to_string(),
                colour: policy_colour(p.index),
                bars: stages(run, p)
                    .iter()
                    .zip(&decimals)
                    .map(|((_, v), d)| Bar {
                        value: *v,
                        whisker: None,
                        label: thousands(*v, *d),
                    })
                    .collect(),
            })
            .collect();
        let format = |v: f64| thousands(v, 0);
        hbars::draw(
            &area,
            &HBars {
                categories,
                first_is_total: false,
                groups,
                x_desc: format!(
                    "People or hearings (one person may hear several times), over {}, mean per run",
                    run.horizon()
                ),
                x_format: &format,
            },
        )
    }
}
