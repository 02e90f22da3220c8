//! Chart: the value lost by the baseline, split by cause, with 95%
//! interval whiskers; one group of bars per comparison.

use crate::present::money::money;
use crate::report::data::RunData;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::hbars::{self, Bar, Group, HBars};
use crate::report::kit::style::{header, policy_colour};
use crate::report::narrative::{findings, headline};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The value-lost-by-cause chart of a run.
pub struct ValueLost<'a> {
    run: &'a RunData<'a>,
    title: String,
}

impl<'a> ValueLost<'a> {
    /// Prepares the chart.
    pub fn new(run: &'a RunData) -> Self {
        Self {
            title: findings::value_lost(run),
            run,
        }
    }
}

impl Chart for ValueLost<'_> {
    fn stem(&self) -> &str {
        "value_lost_by_cause"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let run = self.run;
        let currency = run.currency().to_string();
        let baseline = &headline::name(&run.baseline().name);
        let area = header(
            root,
            &self.title,
            &findings::subtitle(run),
            &format!(
                "Value lost by {baseline}, paired on the same simulated customers: bar = mean, whisker = 95% confidence interval; negative = {baseline} saves money"
            ),
        )?;
        let mut categories = vec!["Total value lost".to_string()];
        let causes = self.run.comparisons.first().map_or(&[][..], |c| c.by_cause);
        categories.extend(causes.iter().map(|(c, _)| capitalise(c.label())));
        let groups = run
            .comparisons
            .iter()
            .map(|c| {
                let mut bars = vec![bar(c.npv_difference.mean, c.npv_difference.ci95, &currency)];
                bars.extend(
                    c.by_cause
                        .iter()
                        .map(|(_, s)| bar(s.mean, s.ci95, &currency)),
                );
                Group {
                    name: format!(
                        "{} against {}",
                        headline::name(c.baseline),
                        headline::name(c.policy)
                    ),
                    colour: policy_colour(c.policy_index),
                    bars,
                }
            })
            .collect();
        let format = |v: f64| money(v, &currency);
        hbars::draw(
            &area,
            &HBars {
                categories,
                first_is_total: true,
                groups,
                x_desc: format!(
                    "Value lost by {baseline} over {} ({currency}, present value)",
                    run.horizon()
                ),
                x_format: &format,
            },
        )
    }
}

fn bar(mean: f64, ci: [f64; 2], currency: &str) -> Bar {
    Bar {
        value: mean,
        whisker: Some([ci[0].min(ci[1]), ci[0].max(ci[1])]),
        label: money(mean, currency),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
