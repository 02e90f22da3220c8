//! Chart: the distribution over replications of each alternative's paired
//! difference in NPV against the baseline (the same simulated customers,
//! from replications.csv), as overlaid histograms on shared bins, with a
//! line at zero and each mean dashed: the title's paired claim ("in 99% of
//! runs … earns more") is the share of runs right of zero. With one policy
//! only, its NPV.

use crate::present::format::{count, thousands};
use crate::present::money::money;
use crate::report::data::RunData;
use crate::report::kit::axes::bin_counts;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, header, legend, policy_colour, text,
};
use crate::report::narrative::findings;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// The NPV-distribution chart of a run.
pub struct NpvDistribution<'a> {
    run: &'a RunData<'a>,
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
        let base = &run.policies[0];
        let paired = run.policies.len() > 1;
        let guide = if paired {
            format!(
                "Each run replays the horizon with new random experiences, the same for every policy; bars: how many runs ended with each difference in NPV against “{}”; right of the solid line: the policy earned more; dashed: mean",
                base.name
            )
        } else {
            "Each run replays the horizon with new random experiences; bars: how many runs ended at each NPV; dashed line: mean".to_string()
        };
        let area = header(root, &self.title, &findings::subtitle(run), &guide)?;
        // The series drawn: each alternative's paired differences against
        // the baseline (or the one policy's NPV).
        let shown: Vec<&crate::report::data::PolicyData> = if paired {
            run.policies.iter().skip(1).collect()
        } else {
            vec![base]
        };
        let differences: Vec<Vec<f64>> = shown
            .iter()
            .map(|p| {
                if paired {
                    p.npv.iter().zip(&base.npv).map(|(a, b)| a - b).collect()
                } else {
                    p.npv.clone()
                }
            })
            .collect();
        let values: Vec<&[f64]> = differences.iter().map(Vec::as_slice).collect();
        let (mut start, mut width, mut n_bins) = bins(&values);
        if paired && start > 0.0 {
            // Zero in view: the line the paired claim is about.
            let end = start + width * n_bins as f64;
            start = -0.05 * end;
            width = (end - start) / n_bins as f64;
        } else if paired && start + width * n_bins as f64 <= 0.0 {
            let end = -0.05 * start;
            width = (end - start) / n_bins as f64;
        }
        if paired {
            // Zero on a bin edge: no bar straddles the line.
            let end = start + width * n_bins as f64;
            start = (start / width).floor() * width;
            n_bins = ((end - start) / width).ceil() as usize;
        }
        n_bins = n_bins.max(1);
        let counts = bin_counts(&values, start, width, n_bins);
        // Headroom above the tallest bar for the legend (one line per policy).
        let headroom = 1.2 + 0.08 * shown.len() as f64;
        let top = counts.iter().flatten().copied().max().unwrap_or(1).max(1) as f64 * headroom;
        let end = start + width * n_bins as f64;
        let mut chart = ChartBuilder::on(&area)
            .margin_right(70)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(120)
            // A quarter bin either side, so that the outer bins' outlines
            // are not cut by the frame.
            .build_cartesian_2d(start - width / 4.0..end + width / 4.0, 0.0..top)?;
        let format = |v: &f64| money(*v, &currency);
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(6)
            .x_label_formatter(&format)
            .y_label_formatter(&|v| thousands(*v, 0))
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc(if paired {
                format!(
                    "Difference in NPV against “{}” in the same run, over {} ({currency}, present value)",
                    base.name,
                    run.horizon()
                )
            } else {
                format!("NPV over {} ({currency}, present value)", run.horizon())
            })
            .y_desc(format!("Runs (of {})", count(run.replications)))
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        for (p, c) in shown.iter().zip(&counts) {
            let colour = policy_colour(p.index);
            chart.draw_series(c.iter().enumerate().filter(|(_, k)| **k > 0).map(|(i, k)| {
                let x = start + width * i as f64;
                Rectangle::new(
                    [(x, 0.0), (x + width, f64::from(*k))],
                    colour.mix(0.18).filled(),
                )
            }))?;
        }
        if paired {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, top)],
                INK.stroke_width(2),
            )))?;
        }
        for ((p, c), v) in shown.iter().zip(&counts).zip(&differences) {
            let colour = policy_colour(p.index);
            let mut step = vec![(start, 0.0)];
            for (i, k) in c.iter().enumerate() {
                let x = start + width * i as f64;
                step.push((x, f64::from(*k)));
                step.push((x + width, f64::from(*k)));
            }
            step.push((end, 0.0));
            let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
            let label = if paired {
                format!(
                    "“{}” minus “{}”: mean {}",
                    p.name,
                    base.name,
                    money(mean, &currency)
                )
            } else {
                format!("“{}”: mean {}", p.name, money(mean, &currency))
            };
            chart
                .draw_series(std::iter::once(PathElement::new(
                    step,
                    colour.stroke_width(3),
                )))?
                .label(label)
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
