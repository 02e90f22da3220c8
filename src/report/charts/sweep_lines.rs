//! Sweep line chart: one line per series (a policy, or a value of a second
//! swept key) against one swept key, each with its 95% band.

use crate::report::kit::axes::{Ticked, axis_label, compact, padded, thin, tick};
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, emptiest_corner, end_labels, header, legend, text,
    trace_points,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One point of a line: the mean and its 95% interval at `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandPoint {
    /// Position on the x axis (the swept value, or its index).
    pub x: f64,
    /// Mean.
    pub mean: f64,
    /// Lower end of the 95% interval.
    pub lo: f64,
    /// Upper end of the 95% interval.
    pub hi: f64,
}

/// A line with its band.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Its colour.
    pub colour: RGBColor,
    /// Points in x order.
    pub points: Vec<BandPoint>,
}

/// A line chart of a value against one swept key.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// File stem.
    pub stem: String,
    /// The finding, in words.
    pub title: String,
    /// Scenario, replications, seed.
    pub subtitle: String,
    /// How to read the chart.
    pub guide: String,
    /// The swept key.
    pub x_label: String,
    /// What the y axis shows.
    pub y_label: String,
    /// Tick labels for a categorical x axis (x = 0, 1, …); `None` for a
    /// numeric one.
    pub x_categories: Option<Vec<String>>,
    /// Prefix of y values (a currency symbol).
    pub unit: String,
    /// Whether the y axis must show zero (a difference, whose sign matters).
    pub include_zero: bool,
    /// The lines.
    pub lines: Vec<Line>,
    /// A point to ring and label (the best setting of a swept policy key).
    pub highlight: Option<Highlight>,
    /// Where the value steps (an answer time past a policy's quick limit):
    /// the lines and bands are drawn flat on each side of it and jump
    /// there, and a dashed line marks it (the guide says what it is).
    pub step: Option<Step>,
}

/// An x at which every line's value steps: flat on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Where, in the chart's coordinates.
    pub x: f64,
    /// What the dashed line marks, for the guide.
    pub label: String,
}

/// The path through `points` (in x order) as a value that is flat up to
/// `step`, jumps there, and is flat after it: between the two points on
/// either side of `step`, a horizontal to it, a vertical at it, and a
/// horizontal on. Without a step, the points themselves.
pub fn stepped(points: impl Iterator<Item = (f64, f64)>, step: Option<f64>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (x, y) in points {
        if let (Some(t), Some(&(px, py))) = (step, out.last())
            && px <= t
            && t < x
        {
            out.extend([(t, py), (t, y)]);
        }
        out.push((x, y));
    }
    out
}

/// A point ringed and labelled on a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// Where, in the chart's coordinates.
    pub x: f64,
    /// Where, in the chart's coordinates.
    pub y: f64,
    /// The label above the ring ("best: agents = 2").
    pub label: String,
}

impl Chart for LineChart {
    fn stem(&self) -> &str {
        &self.stem
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(root, &self.title, &self.subtitle, &self.guide)?;
        let all = || self.lines.iter().flat_map(|l| l.points.iter());
        let step = self.step.as_ref().map(|s| s.x);
        let zero = self.include_zero.then_some(0.0);
        let (y0, y1) = padded(all().flat_map(|p| [p.lo, p.hi]).chain(zero), 0.06);
        let mut xs: Vec<f64> = all().map(|p| p.x).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        let (x0, x1) = match &self.x_categories {
            Some(c) => (-0.4, c.len().max(1) as f64 - 0.6),
            None => padded(xs.iter().copied(), 0.03),
        };
        // The legend goes in the corner the lines and bands cross least;
        // when every corner is crossed, the y axis grows headroom above the
        // data and the legend sits there.
        let polylines: Vec<Vec<(f64, f64)>> = self
            .lines
            .iter()
            .flat_map(|l| {
                [
                    stepped(l.points.iter().map(|p| (p.x, p.mean)), step),
                    stepped(l.points.iter().map(|p| (p.x, p.lo)), step),
                    stepped(l.points.iter().map(|p| (p.x, p.hi)), step),
                ]
            })
            .collect();
        let (mut position, hidden) = emptiest_corner(
            trace_points(polylines.iter().map(Vec::as_slice), (x0, x1), (y0, y1)),
            &[
                SeriesLabelPosition::UpperRight,
                SeriesLabelPosition::LowerRight,
                SeriesLabelPosition::UpperLeft,
                SeriesLabelPosition::LowerLeft,
            ],
        );
        let mut y1 = y1;
        if self.lines.len() > 1 && hidden > 0 {
            y1 = y0 + (y1 - y0) / 0.62;
            position = SeriesLabelPosition::UpperRight;
        }
        let mut chart = ChartBuilder::on(&area)
            .margin_left(20)
            .margin_right(190)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(140)
            .build_cartesian_2d(
                Ticked {
                    lo: x0,
                    hi: x1,
                    ticks: thin(&xs, 14),
                },
                y0..y1,
            )?;
        let categories = self.x_categories.clone();
        let x_format = move |v: &f64| match &categories {
            Some(c) => c.get(v.round() as usize).cloned().unwrap_or_default(),
            None => tick(*v),
        };
        chart
            .configure_mesh()
            .x_label_formatter(&x_format)
            .y_label_formatter(&|v| axis_label(*v, &self.unit, y0, y1))
            .y_labels(8)
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        if y0 < 0.0 && y1 > 0.0 {
            chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], INK.stroke_width(2)))?;
        }
        if let Some(s) = &self.step {
            let dashed =
                DashedLineSeries::new([(s.x, y0), (s.x, y1)], 10, 8, MUTED.stroke_width(2));
            chart.draw_series(dashed)?;
        }
        for line in &self.lines {
            let mut band = stepped(line.points.iter().map(|p| (p.x, p.hi)), step);
            let lo = stepped(line.points.iter().map(|p| (p.x, p.lo)), step);
            band.extend(lo.into_iter().rev());
            chart.draw_series(std::iter::once(Polygon::new(
                band,
                line.colour.mix(0.16).filled(),
            )))?;
        }
        for line in &self.lines {
            let colour = line.colour;
            chart
                .draw_series(LineSeries::new(
                    stepped(line.points.iter().map(|p| (p.x, p.mean)), step),
                    colour.stroke_width(5),
                ))?
                .label(line.label.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 30, y)], colour.stroke_width(5))
                });
            chart.draw_series(
                line.points
                    .iter()
                    .map(|p| Circle::new((p.x, p.mean), 6, colour.filled())),
            )?;
        }
        if let Some(h) = &self.highlight {
            chart.draw_series([
                Circle::new((h.x, h.y), 16, INK.stroke_width(4)),
                Circle::new((h.x, h.y), 9, INK.filled()),
            ])?;
            let style = text(LABEL_SIZE, INK).pos(Pos::new(HPos::Center, VPos::Bottom));
            chart.draw_series(std::iter::once(
                EmptyElement::at((h.x, h.y)) + Text::new(h.label.clone(), (0, -26), style),
            ))?;
        }
        // End values beside the lines, nudged apart so they never overlap.
        let finals: Vec<(f64, RGBColor)> = self
            .lines
            .iter()
            .filter_map(|l| Some((l.points.last()?.mean, l.colour)))
            .collect();
        // Three significant digits, unless two ends would read the same.
        let mut texts: Vec<String> = finals.iter().map(|f| compact(f.0, &self.unit)).collect();
        let mut sorted = texts.clone();
        sorted.sort();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            let d = (y1 - y0) / 10.0;
            texts = finals
                .iter()
                .map(|f| axis_label(f.0, &self.unit, f.0 - d, f.0 + d))
                .collect();
        }
        let ends: Vec<(i32, String, RGBColor)> = finals
            .iter()
            .zip(texts)
            .map(|(&(mean, colour), text)| (chart.backend_coord(&(x1, mean)).1, text, colour))
            .collect();
        let (x_end, _) = chart.backend_coord(&(x1, 0.0));
        end_labels(&area, x_end, ends)?;
        if self.lines.len() > 1 {
            legend(&mut chart, position, 46)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::stepped;

    #[test]
    fn a_step_is_flat_on_each_side_and_jumps_at_the_threshold() {
        let points = [
            (1.0, 5.0),
            (12.0, 5.0),
            (24.0, 5.0),
            (36.0, 3.0),
            (48.0, 3.0),
        ];
        let path = stepped(points.into_iter(), Some(24.0));
        assert_eq!(
            path,
            [
                (1.0, 5.0),
                (12.0, 5.0),
                (24.0, 5.0),
                (24.0, 5.0),
                (24.0, 3.0),
                (36.0, 3.0),
                (48.0, 3.0)
            ]
        );
        // Between grid points: flat to the threshold, then up at it.
        let path = stepped([(0.0, 1.0), (10.0, 2.0)].into_iter(), Some(4.0));
        assert_eq!(path, [(0.0, 1.0), (4.0, 1.0), (4.0, 2.0), (10.0, 2.0)]);
        // No step, or one outside the points: the points themselves.
        assert_eq!(stepped(points.into_iter(), None), points);
        assert_eq!(stepped(points.into_iter(), Some(60.0)), points);
    }
}
