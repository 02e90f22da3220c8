//! Chart: customers over time per policy — the mean as a line and the
//! 5–95% band over replications as a shaded fan (from periods.csv, with the
//! horizon's end from summary.json).

use crate::present::format::thousands;
use crate::report::data::{PolicyData, RunData};
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, end_labels, header, legend, policy_colour, text,
};
use crate::report::narrative::findings;
use plotters::coord::Shift;
use plotters::prelude::*;
use wom::sim::summary::Band;
use wom::sim::{Metric, PeriodSeries};

/// The customers-over-time chart of a run.
pub struct Customers<'a> {
    run: &'a RunData<'a>,
    title: String,
}

impl<'a> Customers<'a> {
    /// Prepares the chart.
    pub fn new(run: &'a RunData) -> Self {
        Self {
            title: findings::customers(run),
            run,
        }
    }
}

/// Customers at the start of each period and at the end of the horizon.
fn series(p: &PolicyData) -> Vec<Band> {
    let mut out: Vec<Band> = (0..p.periods.len())
        .map(|t| *p.band(t, PeriodSeries::Customers))
        .collect();
    let end = p.metric(Metric::CustomersFinal);
    out.push(Band {
        mean: end.mean,
        p5: end.p5,
        p95: end.p95,
    });
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

impl Chart for Customers<'_> {
    fn stem(&self) -> &str {
        "customers_over_time"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let run = self.run;
        let label = &run.scenario.period_label;
        let area = header(
            root,
            &self.title,
            &findings::subtitle(run),
            "Line: mean over replications; shaded band: 5% to 95% of replications (nine runs in ten fall inside)",
        )?;
        let all: Vec<Vec<Band>> = run.policies.iter().map(series).collect();
        let periods = all
            .iter()
            .map(|s| s.len())
            .max()
            .unwrap_or(1)
            .saturating_sub(1);
        let top = all.iter().flatten().map(|b| b.p95).fold(1.0f64, f64::max) * 1.04;
        // The axis starts below the lowest band (not at zero) so the gap
        // between policies is visible; the tick labels say where it starts.
        let low_band = all
            .iter()
            .flatten()
            .map(|b| b.p5)
            .fold(f64::INFINITY, f64::min);
        let bottom = if low_band.is_finite() {
            (low_band - 0.35 * (top - low_band)).max(0.0)
        } else {
            0.0
        };
        let t_max = periods.max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .margin_right(150)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(140)
            .build_cartesian_2d(0.0..t_max, bottom..top)?;
        let step = (periods / 12).max(1);
        chart
            .configure_mesh()
            .x_labels(periods / step + 1)
            .x_label_formatter(&|v| format!("{:.0}", v))
            .y_label_formatter(&|v| thousands(*v, 0))
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc(format!("{} (0 = start)", capitalise(label)))
            .y_desc("Customers")
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        for (p, s) in run.policies.iter().zip(&all) {
            let colour = policy_colour(p.index);
            let mut outline: Vec<(f64, f64)> = s
                .iter()
                .enumerate()
                .map(|(t, b)| (t as f64, b.p95))
                .collect();
            outline.extend(s.iter().enumerate().rev().map(|(t, b)| (t as f64, b.p5)));
            chart.draw_series(std::iter::once(Polygon::new(
                outline,
                colour.mix(0.16).filled(),
            )))?;
        }
        for (p, s) in run.policies.iter().zip(&all) {
            let colour = policy_colour(p.index);
            chart
                .draw_series(LineSeries::new(
                    s.iter().enumerate().map(|(t, b)| (t as f64, b.mean)),
                    colour.stroke_width(5),
                ))?
                .label(p.name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 30, y)], colour.stroke_width(5))
                });
        }
        // End values beside the lines, nudged apart so they never overlap.
        let ends: Vec<(i32, String, RGBColor)> = run
            .policies
            .iter()
            .zip(&all)
            .filter_map(|(p, s)| {
                let b = s.last()?;
                let (_, y) = chart.backend_coord(&(t_max, b.mean));
                Some((y, thousands(b.mean, 0), policy_colour(p.index)))
            })
            .collect();
        let (x_end, _) = chart.backend_coord(&(t_max, 0.0));
        end_labels(&area, x_end, ends)?;
        // The legend goes in the corner the lines leave empty: lower left
        // when customers fall over time, upper left when they grow.
        let falling = all
            .iter()
            .filter_map(|s| Some((s.first()?.mean, s.last()?.mean)))
            .all(|(first, last)| last <= first);
        let position = if falling {
            SeriesLabelPosition::LowerLeft
        } else {
            SeriesLabelPosition::UpperLeft
        };
        legend(&mut chart, position, 46)
    }
}
