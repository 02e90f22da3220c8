//! Chart: the distribution of NPV per policy over replications, as
//! overlaid histograms on shared bins (from replications.csv), with each
//! policy's mean as a dashed line.

use super::canvas::{Chart, Drawn};
use super::data::RunData;
use super::findings;
use super::style::{GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, header, legend, policy_colour, text};
use crate::present::format::{count, thousands};
use crate::present::money::money;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// The NPV-distribution chart of a run.
pub struct NpvDistribution<'a> {
    run: &'a RunData,
    title: String,
}

impl<'a> NpvDistribution<'a> {
    /// Prepares the chart.
    pub fn new(run: &'a RunData) -> Self {
        Self {
            title: findings::npv(run),
            run,
        }
    }
}

/// Shared bins over every policy's values: `(lower edge, width, count)`.
fn bins(all: &[&[f64]]) -> (f64, f64, usize) {
    let values = all.iter().flat_map(|v| v.iter().copied());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
        (a.min(x), b.max(x))
    });
    let n = all.iter().map(|v| v.len()).max().unwrap_or(0);
    let count = ((n as f64).sqrt().round() as usize).clamp(10, 40);
    if !lo.is_finite() || hi <= lo {
        let centre = if lo.is_finite() { lo } else { 0.0 };
        return (centre - 0.5, 1.0 / count as f64, count);
    }
    let pad = (hi - lo) * 0.02;
    (lo - pad, (hi - lo + 2.0 * pad) / count as f64, count)
}

impl Chart for NpvDistribution<'_> {
    fn stem(&self) -> &str {
        "npv_distribution"
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
            "Each run replays the horizon with new random experiences; bars: how many runs ended at each NPV; dashed line: mean",
        )?;
        let values: Vec<&[f64]> = run.policies.iter().map(|p| p.npv.as_slice()).collect();
        let (start, width, n_bins) = bins(&values);
        let counts: Vec<Vec<u32>> = values
            .iter()
            .map(|v| {
                let mut c = vec![0u32; n_bins];
                for x in v.iter() {
                    let i = ((x - start) / width)
                        .floor()
                        .clamp(0.0, (n_bins - 1) as f64);
                    c[i as usize] += 1;
                }
                c
            })
            .collect();
        // Headroom above the tallest bar for the legend (one line per policy).
        let headroom = 1.2 + 0.08 * run.policies.len() as f64;
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
                "NPV over {} ({currency}, present value)",
                run.horizon()
            ))
            .y_desc(format!("Runs (of {})", count(run.replications)))
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        for (p, c) in run.policies.iter().zip(&counts) {
            let colour = policy_colour(p.index);
            chart.draw_series(c.iter().enumerate().filter(|(_, k)| **k > 0).map(|(i, k)| {
                let x = start + width * i as f64;
                Rectangle::new(
                    [(x, 0.0), (x + width, f64::from(*k))],
                    colour.mix(0.18).filled(),
                )
            }))?;
        }
        for (p, c) in run.policies.iter().zip(&counts) {
            let colour = policy_colour(p.index);
            let mut step = vec![(start, 0.0)];
            for (i, k) in c.iter().enumerate() {
                let x = start + width * i as f64;
                step.push((x, f64::from(*k)));
                step.push((x + width, f64::from(*k)));
            }
            step.push((end, 0.0));
            let mean = p.npv.iter().sum::<f64>() / p.npv.len().max(1) as f64;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    step,
                    colour.stroke_width(3),
                )))?
                .label(format!("{}: mean {}", p.name, money(mean, &currency)))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 10), (x + 26, y + 10)], colour.mix(0.5).filled())
                });
            chart.draw_series(std::iter::once(DashedPathElement::new(
                vec![(mean, 0.0), (mean, top)],
                12,
                8,
                colour.stroke_width(3),
            )))?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft, 40)
    }
}
