//! Sweep line chart: one line per series (a policy comparison, or a level of
//! a second swept key) against one swept key, each with its 95% band.

use super::sweep_style::{Chart, GRID, MUTED, PALETTE, Ticked, compact, font, thin, tick, titled};
use plotters::coord::Shift;
use plotters::prelude::*;

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
    /// Points in x order.
    pub points: Vec<BandPoint>,
}

/// A line chart of a value against one swept key.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// The finding, in words.
    pub title: String,
    /// What is drawn and how.
    pub subtitle: String,
    /// The swept key.
    pub x_label: String,
    /// What the y axis shows.
    pub y_label: String,
    /// Tick labels for a categorical x axis (x = 0, 1, …); `None` for a
    /// numeric one.
    pub x_categories: Option<Vec<String>>,
    /// Prefix of y values (a currency symbol).
    pub unit: String,
    /// The lines, drawn in palette order.
    pub lines: Vec<Line>,
}

/// A padded range around `values`, never empty.
pub(crate) fn padded(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    (lo - pad * span, hi + pad * span)
}

impl Chart for LineChart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        let area = titled(root, &self.title, &self.subtitle)?;
        let all = || self.lines.iter().flat_map(|l| l.points.iter());
        let (y0, y1) = padded(all().flat_map(|p| [p.lo, p.hi, 0.0]), 0.06);
        let mut xs: Vec<f64> = all().map(|p| p.x).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        let (x0, x1) = match &self.x_categories {
            Some(c) => (-0.5, c.len().max(1) as f64 - 0.5),
            None => padded(xs.iter().copied(), 0.03),
        };
        let ticks = thin(&xs, 14);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(30)
            .margin_right(50)
            .margin_bottom(20)
            .x_label_area_size(80)
            .y_label_area_size(120)
            .build_cartesian_2d(
                Ticked {
                    lo: x0,
                    hi: x1,
                    ticks,
                },
                y0..y1,
            )
            .map_err(err)?;
        let categories = self.x_categories.clone();
        let x_format = move |v: &f64| match &categories {
            Some(c) => c.get(v.round() as usize).cloned().unwrap_or_default(),
            None => tick(*v),
        };
        let unit = self.unit.clone();
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .x_label_formatter(&x_format)
            .y_label_formatter(&|v| compact(*v, &unit))
            .y_labels(8)
            .label_style(font(20.0).color(&MUTED))
            .axis_desc_style(font(24.0))
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        if y0 < 0.0 && y1 > 0.0 {
            chart
                .draw_series(LineSeries::new(
                    [(x0, 0.0), (x1, 0.0)],
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?;
        }
        for (i, line) in self.lines.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let mut band: Vec<(f64, f64)> = line.points.iter().map(|p| (p.x, p.hi)).collect();
            band.extend(line.points.iter().rev().map(|p| (p.x, p.lo)));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    colour.mix(0.2).filled(),
                )))
                .map_err(err)?;
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().map(|p| (p.x, p.mean)),
                    colour.stroke_width(4),
                ))
                .map_err(err)?
                .label(line.label.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 4), (x + 30, y + 4)], colour.filled())
                });
            chart
                .draw_series(
                    line.points
                        .iter()
                        .map(|p| Circle::new((p.x, p.mean), 6, colour.filled())),
                )
                .map_err(err)?;
        }
        if self.lines.len() > 1 || !self.lines.iter().all(|l| l.label.is_empty()) {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .margin(16)
                .label_font(font(20.0))
                .background_style(WHITE.mix(0.85))
                .border_style(GRID)
                .draw()
                .map_err(err)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sweep_style::render;

    #[test]
    fn renders_png_and_svg_with_text() {
        let points = |k: f64| {
            (0..5)
                .map(|i| {
                    let x = i as f64 * 0.1;
                    let m = k * (1.0 + x);
                    BandPoint {
                        x,
                        mean: m,
                        lo: m - 100.0,
                        hi: m + 100.0,
                    }
                })
                .collect()
        };
        let chart = LineChart {
            title: "Ignoring complaints costs more as more customers complain".into(),
            subtitle: "value lost, mean and 95% band".into(),
            x_label: "experience.complaint_rate".into(),
            y_label: "value lost ($)".into(),
            x_categories: None,
            unit: "$".into(),
            lines: vec![
                Line {
                    label: "recover vs ignore".into(),
                    points: points(1000.0),
                },
                Line {
                    label: "fast vs ignore".into(),
                    points: points(2000.0),
                },
            ],
        };
        let r = render(&chart).unwrap();
        assert!(r.png.starts_with(b"\x89PNG"));
        assert!(r.svg.contains("Ignoring complaints costs more"));
        assert_eq!(render(&chart).unwrap(), r, "rendering is deterministic");
    }
}
