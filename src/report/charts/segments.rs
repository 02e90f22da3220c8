//! Chart: what each segment is worth — the NPV per customer at the start of
//! each segment under each policy, with 95% interval whiskers. Drawn only
//! when the scenario has segments.

use crate::present::format::percent_exact;
use crate::present::money::money;
use crate::report::data::RunData;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::hbars::{self, Bar, Group, HBars};
use crate::report::kit::style::{header, policy_colour};
use crate::report::narrative::findings;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The segment-worth chart of a run.
pub struct SegmentWorth<'a> {
    run: &'a RunData<'a>,
    title: String,
}

impl<'a> SegmentWorth<'a> {
    /// Prepares the chart.
    pub fn new(run: &'a RunData) -> Self {
        Self {
            title: findings::segment_worth(run),
            run,
        }
    }
}

/// "chronic (3% of people)".
pub fn segment_label(name: &str, share: f64) -> String {
    format!("{name} ({} of people)", percent_exact(share))
}

impl Chart for SegmentWorth<'_> {
    fn stem(&self) -> &str {
        "segment_worth"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let run = self.run;
        let currency = run.currency().to_string();
        let area = header(
            root,
            &self.title,
            &findings::subtitle(run),
            "Each segment's own NPV (the margin its members brought minus the costs they caused, discounted) per member who was a customer at the start: bar = estimate, whisker = 95% confidence interval",
        )?;
        let categories = run
            .segments
            .iter()
            .map(|s| segment_label(&s.name, s.share))
            .collect();
        let groups = run
            .policies
            .iter()
            .map(|p| Group {
                name: p.name.to_string(),
                colour: policy_colour(p.index),
                bars: run
                    .segments
                    .iter()
                    .map(|s| match s.policies[p.index].per_customer {
                        Some(r) => Bar {
                            value: r.mean,
                            whisker: Some([r.ci95[0], r.ci95[1]]),
                            label: money(r.mean, &currency),
                        },
                        None => Bar {
                            value: 0.0,
                            whisker: None,
                            label: "no customers".into(),
                        },
                    })
                    .collect(),
            })
            .collect();
        let format = |v: f64| money(v, &currency);
        hbars::draw(
            &area,
            &HBars {
                categories,
                first_is_total: false,
                groups,
                x_desc: format!(
                    "NPV per customer at the start over {} ({currency}, present value)",
                    run.horizon()
                ),
                x_format: &format,
            },
        )
    }
}
