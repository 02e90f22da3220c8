//! Chart: how soon each policy answers complaints — the share answered
//! within each time, over every replication (from summary.json's
//! `response_times`) — against the customers' patience: the share who want
//! an answer by then (`experience.tolerance_hours`), or the `quick_hours`
//! line when customers share one tolerance. Time on a log scale from a
//! minute to four weeks.

use crate::present::format::hours;
use crate::report::data::RunData;
use crate::report::kit::axes::Ticked;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, emptiest_corner, header, legend, policy_colour, text,
    trace_points,
};
use crate::report::narrative::findings;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wom::model::Handling;

/// Where the time axis starts and ends, hours.
const FIRST_HOURS: f64 = 1.0 / 60.0;
const LAST_HOURS: f64 = 672.0;
/// Ticks of the time axis, hours.
const TICKS_HOURS: [f64; 9] = [1.0 / 60.0, 0.25, 1.0, 4.0, 24.0, 48.0, 168.0, 336.0, 672.0];

/// The response-time chart of a run that reports response times.
pub struct ResponseTimes<'a> {
    run: &'a RunData<'a>,
    title: String,
}

impl<'a> ResponseTimes<'a> {
    /// Prepares the chart, if the run reports response times.
    pub fn new(run: &'a RunData) -> Option<Self> {
        run.response_times.as_ref()?;
        Some(Self {
            title: findings::response_times(run),
            run,
        })
    }
}

/// The label of the tick nearest `h` (ticks come back from the log scale
/// a rounding error away).
fn tick_label(h: f64) -> String {
    let h = TICKS_HOURS
        .iter()
        .copied()
        .min_by(|a, b| (a / h).ln().abs().total_cmp(&(b / h).ln().abs()))
        .unwrap_or(h);
    match h {
        h if (h - 168.0).abs() < 1e-9 => "1 week".into(),
        h if (h - 336.0).abs() < 1e-9 => "2 weeks".into(),
        h if (h - 672.0).abs() < 1e-9 => "4 weeks".into(),
        h if (h - 24.0).abs() < 1e-9 => "1 day".into(),
        h if (h - 48.0).abs() < 1e-9 => "2 days".into(),
        h => hours(h),
    }
}

impl Chart for ResponseTimes<'_> {
    fn stem(&self) -> &str {
        "response_times"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let run = self.run;
        let Some(times) = &run.response_times else {
            return Ok(());
        };
        let tolerance = run.scenario.experience.tolerance_hours.as_ref();
        let patience = if tolerance.is_some() {
            "dashed: share of customers who want an answer by then (experience.tolerance_hours)"
        } else {
            "dashed: quick_hours, the answer time within which a resolution counts as quick"
        };
        let area = header(
            root,
            &self.title,
            &findings::subtitle(run),
            &format!(
                "Line: share of complaints answered within the time on the axis, over every replication (counted in bins: flat within a bin, up at its end); {patience}"
            ),
        )?;
        let lx = |h: f64| h.max(FIRST_HOURS).log10();
        let (x0, x1) = (lx(FIRST_HOURS), lx(LAST_HOURS));
        // One polyline per answering policy: the share answered within each
        // edge; answers at once (edge 0) count in the first minute.
        let lines: Vec<(usize, Vec<(f64, f64)>)> = times
            .policies
            .0
            .iter()
            .filter_map(|(name, answered)| {
                let index = run.policies.iter().position(|p| p.name == name)?;
                let shares = answered.shares();
                let points = times
                    .within_hours
                    .iter()
                    .zip(shares)
                    .filter(|(h, _)| **h >= FIRST_HOURS && **h <= LAST_HOURS)
                    .map(|(h, s)| (lx(*h), s));
                Some((index, staircase(points)))
            })
            .collect();
        let patience_line: Vec<(f64, f64)> = tolerance.map_or_else(Vec::new, |t| {
            staircase((0..=480).map(|i| {
                let x = x0 + (x1 - x0) * f64::from(i) / 480.0;
                (x, t.cdf(10f64.powf(x)))
            }))
        });
        let (position, crowded) = emptiest_corner(
            trace_points(
                lines
                    .iter()
                    .map(|(_, l)| l.as_slice())
                    .chain([patience_line.as_slice()]),
                (x0, x1),
                (0.0, 1.0),
            ),
            &[
                SeriesLabelPosition::LowerRight,
                SeriesLabelPosition::UpperLeft,
                SeriesLabelPosition::LowerLeft,
                SeriesLabelPosition::UpperRight,
            ],
        );
        // When every corner is crossed by a line, the axis grows headroom
        // above 100% and the legend sits there.
        let (position, top) = if crowded > 0 {
            (
                SeriesLabelPosition::UpperLeft,
                1.0 + 0.09 * (lines.len() + 1) as f64,
            )
        } else {
            (position, 1.02)
        };
        let mut chart = ChartBuilder::on(&area)
            .margin_left(20)
            .margin_right(60)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(120)
            .build_cartesian_2d(
                Ticked {
                    lo: x0,
                    hi: x1,
                    ticks: TICKS_HOURS.iter().map(|&h| lx(h)).collect(),
                },
                0.0..top,
            )?;
        chart
            .configure_mesh()
            .x_label_formatter(&|v| tick_label(10f64.powf(*v)))
            .y_label_formatter(&|v| {
                if *v <= 1.0 + 1e-9 {
                    format!("{:.0}%", 100.0 * v)
                } else {
                    String::new()
                }
            })
            .y_labels(if top > 1.1 { 9 } else { 6 })
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc("Time from complaint to answer (log scale)")
            .y_desc("Complaints answered within that time")
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        if tolerance.is_some() {
            chart
                .draw_series(DashedLineSeries::new(
                    patience_line.iter().copied(),
                    14,
                    10,
                    INK.stroke_width(4),
                ))?
                .label("customers who want an answer by then")
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 30, y)], INK.stroke_width(4)));
        } else {
            let mut quick: Vec<f64> = run
                .scenario
                .policies
                .iter()
                .filter(|p| p.handling == Handling::Recover)
                .map(|p| p.quick_hours)
                .collect();
            quick.sort_by(f64::total_cmp);
            quick.dedup();
            for q in quick
                .into_iter()
                .filter(|q| (FIRST_HOURS..=LAST_HOURS).contains(q))
            {
                chart.draw_series(DashedLineSeries::new(
                    [(lx(q), 0.0), (lx(q), top)],
                    14,
                    10,
                    INK.stroke_width(3),
                ))?;
                chart.draw_series(std::iter::once(Text::new(
                    format!(" quick: within {}", hours(q)),
                    (lx(q), 0.04),
                    text(TICK_SIZE, INK).pos(Pos::new(HPos::Left, VPos::Bottom)),
                )))?;
            }
        }
        for (index, points) in &lines {
            let colour = policy_colour(*index);
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    colour.stroke_width(5),
                ))?
                .label(run.policies[*index].name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 30, y)], colour.stroke_width(5))
                });
        }
        legend(&mut chart, position, 46)
    }
}

/// A share known at each x of `points` (in order), drawn as what is known
/// between them: flat from one x to the next, then up (or down) there,
/// never a slope that would claim answers in between.
fn staircase(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (x, y) in points {
        if let Some(&(_, last)) = out.last() {
            out.push((x, last));
        }
        out.push((x, y));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::staircase;

    #[test]
    fn shares_hold_flat_until_the_next_edge() {
        let path = staircase([(0.0, 0.0), (1.0, 0.0), (2.0, 1.0)].into_iter());
        assert_eq!(
            path,
            [(0.0, 0.0), (1.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0)]
        );
    }
}
