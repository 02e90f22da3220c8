//! Chart: the expected difference in NPV against the baseline across the
//! plausible worlds of `[uncertainty]` (one parameter draw each, its
//! replications' mean with the Monte Carlo noise removed, see
//! `wom::uncertainty::estimate`), as overlaid histograms on shared bins,
//! zero marked, and each policy's 95% uncertainty interval dashed. The
//! title states the share of worlds in which the policy is better: the
//! share of its draws right of zero.

use super::uncertain::{Uncertain, share, short_share};
use crate::present::format::{count, thousands};
use crate::present::money::money;
use crate::report::kit::axes::bin_counts;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, header, legend, policy_colour, text,
};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// The chart of the expected difference across plausible worlds.
pub struct DrawsChart<'a> {
    u: &'a Uncertain<'a>,
    title: String,
}

impl<'a> DrawsChart<'a> {
    /// Prepares the chart.
    pub fn new(u: &'a Uncertain<'a>) -> Self {
        Self { title: title(u), u }
    }
}

/// The finding: who is better in what share of worlds, and the interval.
fn title(u: &Uncertain<'_>) -> String {
    let h = u.headline();
    let c = &u.summary.comparisons[h];
    let dec = &u.draws[h];
    let currency = u.currency();
    if dec.between <= 0.0 {
        return format!(
            "The uncertain inputs do not move “{}” against “{}” beyond Monte Carlo noise: about {} in every plausible world",
            c.policy,
            c.baseline,
            money(dec.mean, currency)
        );
    }
    let [lo, hi] = c.uncertainty_interval95;
    let (better, worse, p) = if c.probability_better >= 0.5 {
        (&c.policy, &c.baseline, c.probability_better)
    } else {
        (&c.baseline, &c.policy, 1.0 - c.probability_better)
    };
    format!(
        "“{better}” is better than “{worse}” in {}; 95% of worlds: “{}” worth {} to {} more",
        share(p, u.summary.draws),
        c.policy,
        money(lo, currency),
        money(hi, currency)
    )
}

/// Shared bins over every comparison's values with zero on a bin edge and
/// in view: `(lower edge, width, count)`.
fn bins(all: &[&[f64]]) -> (f64, f64, usize) {
    let (lo, hi) = all
        .iter()
        .flat_map(|v| v.iter().copied())
        .fold((0.0f64, 0.0f64), |(a, b), x| (a.min(x), b.max(x)));
    let n = all.iter().map(|v| v.len()).max().unwrap_or(0);
    let count = ((n as f64).sqrt().round() as usize).clamp(10, 40);
    let span = (hi - lo).max(1.0);
    let (lo, hi) = (lo - 0.05 * span, hi + 0.05 * span);
    let width = (hi - lo) / count as f64;
    let start = (lo / width).floor() * width;
    let n_bins = ((hi - start) / width).ceil().max(1.0) as usize;
    (start, width, n_bins)
}

impl Chart for DrawsChart<'_> {
    fn stem(&self) -> &str {
        "uncertainty_differences"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let u = self.u;
        let currency = u.currency().to_owned();
        let base = &u.summary.comparisons[0].baseline;
        let guide = format!(
            "Each plausible world draws every uncertain input from its stated range; bars: how many worlds give each expected difference against “{base}”; right of the solid line: the policy earns more; dashed: where 95% of worlds lie"
        );
        let area = header(root, &self.title, &u.subtitle, &guide)?;
        let values: Vec<&[f64]> = u.draws.iter().map(|d| d.shrunk.as_slice()).collect();
        let (start, width, n_bins) = bins(&values);
        let counts = bin_counts(&values, start, width, n_bins);
        let headroom = 1.2 + 0.08 * values.len() as f64;
        let top = counts.iter().flatten().copied().max().unwrap_or(1).max(1) as f64 * headroom;
        let end = start + width * n_bins as f64;
        let mut chart = ChartBuilder::on(&area)
            .margin_right(70)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(120)
            .build_cartesian_2d(start..end, 0.0..top)?;
        let format = |v: &f64| money(*v, &currency);
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(6)
            .x_label_formatter(&format)
            .y_label_formatter(&|v| thousands(*v, 0))
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc(format!(
                "Expected difference in NPV against “{base}” in a plausible world, over {} ({currency}, present value)",
                u.horizon()
            ))
            .y_desc(format!("Plausible worlds (of {})", count(u.summary.draws)))
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        for (k, c) in counts.iter().enumerate() {
            let colour = policy_colour(k + 1);
            chart.draw_series(c.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| {
                let x = start + width * i as f64;
                Rectangle::new(
                    [(x, 0.0), (x + width, f64::from(*n))],
                    colour.mix(0.18).filled(),
                )
            }))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, top)],
            INK.stroke_width(2),
        )))?;
        for (k, (c, cmp)) in counts.iter().zip(&u.summary.comparisons).enumerate() {
            let colour = policy_colour(k + 1);
            let mut step = vec![(start, 0.0)];
            for (i, n) in c.iter().enumerate() {
                let x = start + width * i as f64;
                step.push((x, f64::from(*n)));
                step.push((x + width, f64::from(*n)));
            }
            step.push((end, 0.0));
            let [lo, hi] = cmp.uncertainty_interval95;
            let label = format!(
                "“{}”: better in {} · 95% of worlds {} to {}",
                cmp.policy,
                short_share(cmp.probability_better, u.summary.draws),
                money(lo, &currency),
                money(hi, &currency)
            );
            chart
                .draw_series(std::iter::once(PathElement::new(
                    step,
                    colour.stroke_width(3),
                )))?
                .label(label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 10), (x + 26, y + 10)], colour.mix(0.5).filled())
                });
            for x in [lo, hi] {
                chart.draw_series(std::iter::once(DashedPathElement::new(
                    vec![(x, 0.0), (x, top)],
                    12,
                    8,
                    colour.stroke_width(3),
                )))?;
            }
        }
        let corner = if u.draws.iter().all(|d| d.mean > 0.0) {
            SeriesLabelPosition::UpperLeft
        } else {
            SeriesLabelPosition::UpperRight
        };
        legend(&mut chart, corner, 40)
    }
}
