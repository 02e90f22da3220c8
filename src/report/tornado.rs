//! Tornado chart of a one-at-a-time sensitivity: one horizontal bar per key,
//! from the value at the key's low setting to the value at its high setting,
//! around the base value, the widest swing on top, with 95% intervals at
//! both ends.

use super::sweep_charts::padded;
use super::sweep_style::{Chart, GRID, MUTED, PALETTE, Ticked, compact, font, titled};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One key's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The key, for the axis.
    pub label: String,
    /// The key's low setting, written at that end of the bar.
    pub low_label: String,
    /// The key's high setting, written at that end of the bar.
    pub high_label: String,
    /// The value with the key at its low setting.
    pub at_low: f64,
    /// Its 95% interval.
    pub at_low_ci: [f64; 2],
    /// The value with the key at its high setting.
    pub at_high: f64,
    /// Its 95% interval.
    pub at_high_ci: [f64; 2],
}

/// A tornado chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// The finding, in words.
    pub title: String,
    /// What is drawn and how.
    pub subtitle: String,
    /// What the x axis shows.
    pub x_label: String,
    /// The value with every key at its base setting.
    pub base: f64,
    /// Bars, widest swing first (drawn on top).
    pub bars: Vec<TornadoBar>,
    /// Prefix of values (a currency symbol).
    pub unit: String,
}

const LOW: RGBColor = PALETTE[1];
const HIGH: RGBColor = PALETTE[0];

impl Chart for Tornado {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        let area = titled(root, &self.title, &self.subtitle)?;
        let n = self.bars.len();
        let ends = self.bars.iter().flat_map(|b| {
            [
                b.at_low_ci[0],
                b.at_low_ci[1],
                b.at_high_ci[0],
                b.at_high_ci[1],
            ]
        });
        let (x0, x1) = padded(ends.chain([self.base]), 0.12);
        let rows: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let mut chart = ChartBuilder::on(&area)
            .margin_left(30)
            .margin_right(50)
            .margin_bottom(20)
            .x_label_area_size(80)
            .y_label_area_size(380)
            .build_cartesian_2d(
                x0..x1,
                Ticked {
                    lo: -0.5,
                    hi: n.max(1) as f64 - 0.5,
                    ticks: rows,
                },
            )
            .map_err(err)?;
        // Row 0 is at the bottom: the first (widest) bar goes on top.
        let row = |i: usize| (n - 1 - i) as f64;
        let label = |v: &f64| {
            let i = v.round() as usize;
            if i < n {
                self.bars[n - 1 - i].label.clone()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .x_label_formatter(&|v| compact(*v, &self.unit))
            .y_label_formatter(&label)
            .x_labels(8)
            .label_style(font(20.0).color(&MUTED))
            .axis_desc_style(font(24.0))
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .draw()
            .map_err(err)?;
        let h = 0.32;
        for (i, b) in self.bars.iter().enumerate() {
            let y = row(i);
            for (value, colour) in [(b.at_low, LOW), (b.at_high, HIGH)] {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(self.base, y - h), (value, y + h)],
                        colour.filled(),
                    )))
                    .map_err(err)?;
            }
            for ci in [b.at_low_ci, b.at_high_ci] {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        [(ci[0], y), (ci[1], y)],
                        BLACK.stroke_width(2),
                    )))
                    .map_err(err)?;
                for end in ci {
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            [(end, y - h / 3.0), (end, y + h / 3.0)],
                            BLACK.stroke_width(2),
                        )))
                        .map_err(err)?;
                }
            }
            // The setting at each end, outside the bar and its interval.
            for (value, ci, text) in [
                (b.at_low, b.at_low_ci, &b.low_label),
                (b.at_high, b.at_high_ci, &b.high_label),
            ] {
                let right = value >= self.base;
                let (x, anchor) = if right {
                    (ci[1].max(value), HPos::Left)
                } else {
                    (ci[0].min(value), HPos::Right)
                };
                let style = font(18.0).color(&MUTED).pos(Pos::new(anchor, VPos::Center));
                let pad = (x1 - x0) * 0.006 * if right { 1.0 } else { -1.0 };
                chart
                    .draw_series(std::iter::once(Text::new(
                        text.clone(),
                        (x + pad, y),
                        style,
                    )))
                    .map_err(err)?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                [(self.base, -0.5), (self.base, n as f64 - 0.5)],
                BLACK.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("base: {}", compact(self.base, &self.unit)))
            .legend(|(x, y)| PathElement::new([(x + 15, y - 10), (x + 15, y + 10)], BLACK));
        for (colour, text) in [
            (LOW, "key at its low setting"),
            (HIGH, "key at its high setting"),
        ] {
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
                .map_err(err)?
                .label(text)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 30, y + 8)], colour.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .margin(16)
            .label_font(font(20.0))
            .background_style(WHITE.mix(0.9))
            .border_style(GRID)
            .draw()
            .map_err(err)?;
        Ok(())
    }
}
