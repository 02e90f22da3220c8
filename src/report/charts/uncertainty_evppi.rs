//! Chart: what to measure first. Each uncertain key's expected value of
//! partial perfect information (EVPPI, money: what knowing that number
//! before choosing a policy is worth), one bar per comparison, keys sorted
//! by their largest EVPPI, with the EVPI (knowing every input) in the
//! reading guide. Whiskers: the bootstrap 95% interval when the run gives
//! one.

use super::uncertain::{Uncertain, label};
use crate::present::money::money;
use crate::report::kit::axes::compact;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::hbars::{self, Bar, Group, HBars};
use crate::report::kit::style::{header, policy_colour};
use crate::report::narrative::uncertainty_text::key_phrase;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The what-to-measure-first chart.
pub struct EvppiChart<'a> {
    u: &'a Uncertain<'a>,
    /// Key indices, most valuable first.
    order: Vec<usize>,
    title: String,
}

impl<'a> EvppiChart<'a> {
    /// Prepares the chart.
    pub fn new(u: &'a Uncertain<'a>) -> Self {
        let keys = u.summary.keys.len();
        let worth = |i: usize| {
            u.summary
                .comparisons
                .iter()
                .map(|c| c.evppi.0.get(i).map_or(0.0, |(_, v)| *v))
                .fold(0.0f64, f64::max)
        };
        let mut order: Vec<usize> = (0..keys).collect();
        order.sort_by(|a, b| worth(*b).total_cmp(&worth(*a)).then(a.cmp(b)));
        let h = u.headline();
        let currency = u.currency();
        let top = u.summary.comparisons[h]
            .evppi
            .0
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let title = match top {
            Some((key, v)) if *v >= 1.0 => format!(
                "Worth measuring first: {} (knowing it before choosing is worth up to {})",
                key_phrase(key),
                money(*v, currency)
            ),
            _ if u.summary.evpi == 0.0 => "No uncertain input is worth measuring before choosing: the better policy is the same in every plausible world".to_owned(),
            _ => format!(
                "No uncertain input is worth measuring before choosing: knowing any one of them is worth less than {}",
                money(1.0, currency)
            ),
        };
        Self { u, order, title }
    }
}

impl Chart for EvppiChart<'_> {
    fn stem(&self) -> &str {
        "uncertainty_measure_first"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let u = self.u;
        let currency = u.currency().to_owned();
        let guide = format!(
            "Bars: what knowing each input before choosing a policy is worth (EVPPI, expected over the plausible worlds; whiskers: bootstrap 95% interval); knowing every input is worth {} (EVPI)",
            money(u.summary.evpi, &currency)
        );
        let area = header(root, &self.title, &u.subtitle, &guide)?;
        let symbol = crate::present::money::symbol(&currency);
        let groups = u
            .summary
            .comparisons
            .iter()
            .enumerate()
            .map(|(k, c)| Group {
                name: format!("“{}” against “{}”", c.policy, c.baseline),
                colour: policy_colour(k + 1),
                bars: self
                    .order
                    .iter()
                    .map(|i| {
                        // Below one unit of money is nothing to an owner
                        // (and rounding noise when no key matters).
                        let value = c.evppi.0.get(*i).map_or(0.0, |(_, v)| *v);
                        let value = if value < 0.5 { 0.0 } else { value };
                        Bar {
                            value,
                            whisker: c.evppi_interval(*i).filter(|w| w[1] >= 0.5),
                            label: money(value, &currency),
                        }
                    })
                    .collect(),
            })
            .collect();
        let small = u
            .summary
            .comparisons
            .iter()
            .flat_map(|c| c.evppi.0.iter().map(|(_, v)| *v))
            .all(|v| v < 10.0);
        let format = move |v: f64| {
            if small {
                format!("{symbol}{v:.2}")
            } else {
                compact(v, &symbol)
            }
        };
        hbars::draw(
            &area,
            &HBars {
                categories: self
                    .order
                    .iter()
                    .map(|i| label(&u.summary.keys[*i].key))
                    .collect(),
                first_is_total: false,
                groups,
                x_desc: format!(
                    "Value of knowing the input before choosing ({currency}, over {})",
                    u.horizon()
                ),
                x_format: &format,
            },
        )
    }
}
