//! Tornado chart of a one-at-a-time sensitivity: one horizontal bar per key,
//! from the value at the key's low setting to the value at its high setting,
//! around the base value, the widest swing on top, with 95% intervals at
//! both ends.

use crate::present::money::symbol;
use crate::report::kit::axes::{Ticked, compact, padded};
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, LEGEND_MARGIN, MUTED, POLICY_COLOURS, TICK_SIZE, anchored, free_corner,
    header, legend, legend_height, text,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use wom::stats::Summary;
use wom::sweep::sensitivity::Effect;
use wom::sweep::value_text;

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
    /// Scenario, replications, seed.
    pub subtitle: String,
    /// How to read the chart.
    pub guide: String,
    /// What the x axis shows.
    pub x_label: String,
    /// The value with every key at its base setting.
    pub base: f64,
    /// Bars, widest swing first (drawn on top).
    pub bars: Vec<TornadoBar>,
    /// Prefix of values (a currency symbol).
    pub unit: String,
}

impl Tornado {
    /// The tornado of a sensitivity analysis: effects in tornado order
    /// (widest first), the headline difference at base, and what it is.
    pub fn new(about: &About, base: &Summary, effects: &[Effect]) -> Self {
        let unit = symbol(&about.currency);
        let title = match effects.first() {
            Some(e) => format!(
                "The value lost moves most with “{}”: {} at {}, {} at {}",
                e.vary.key,
                compact(e.at_low.mean, &unit),
                value_text(&e.vary.low),
                compact(e.at_high.mean, &unit),
                value_text(&e.vary.high)
            ),
            None => "No key was varied".to_string(),
        };
        Tornado {
            title,
            subtitle: format!(
                "Scenario “{}” · {} replications per run · seed {} · every run on the same random streams",
                about.scenario, about.replications, about.seed
            ),
            guide: format!(
                "Bars: value lost by “{}” against “{}” with one key at either end of its range (each end labelled with its value), the others at base; whiskers: 95% intervals",
                about.baseline, about.policy
            ),
            x_label: format!("Value lost ({})", unit.trim()),
            base: base.mean,
            bars: effects
                .iter()
                .map(|e| TornadoBar {
                    label: e.vary.key.clone(),
                    low_label: value_text(&e.vary.low),
                    high_label: value_text(&e.vary.high),
                    at_low: e.at_low.mean,
                    at_low_ci: e.at_low.ci95,
                    at_high: e.at_high.mean,
                    at_high_ci: e.at_high.ci95,
                })
                .collect(),
            unit,
        }
    }
}

/// What a sensitivity analysis compared, for the chart's text.
#[derive(Debug, Clone)]
pub struct About {
    /// Scenario name.
    pub scenario: String,
    /// The baseline policy.
    pub baseline: String,
    /// The policy compared with it.
    pub policy: String,
    /// Currency code.
    pub currency: String,
    /// Replications per run.
    pub replications: u64,
    /// Seed.
    pub seed: u64,
}

/// The low setting in sky blue, the high in orange (Okabe–Ito).
const LOW: RGBColor = POLICY_COLOURS[5];
const HIGH: RGBColor = POLICY_COLOURS[3];

impl Chart for Tornado {
    fn stem(&self) -> &str {
        "tornado"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(root, &self.title, &self.subtitle, &self.guide)?;
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
        let label_width = self
            .bars
            .iter()
            .map(|b| {
                area.estimate_text_size(&b.label, &text(TICK_SIZE, INK))
                    .map_or(300, |d| d.0)
            })
            .max()
            .unwrap_or(100)
            + 40;
        let build = |extra: f64| {
            ChartBuilder::on(&area)
                .margin_left(30)
                .margin_right(50)
                .margin_bottom(20)
                .x_label_area_size(80)
                .y_label_area_size(label_width)
                .build_cartesian_2d(
                    x0..x1,
                    Ticked {
                        lo: -0.5 - extra,
                        hi: n.max(1) as f64 - 0.5,
                        ticks: rows.clone(),
                    },
                )
        };
        // The legend goes in a corner no row's bars, whiskers or settings
        // reach; when none is free, empty rows below the bars make room.
        let width = |s: &str, size: f64, colour: RGBColor| {
            area.estimate_text_size(s, &text(size, colour))
                .map_or(400, |d| d.0 as i32)
        };
        let legend_width = [
            format!("base: {}", compact(self.base, &self.unit)),
            "key at the first value of its range".to_string(),
        ]
        .iter()
        .map(|e| width(e, TICK_SIZE, INK))
        .max()
        .unwrap_or(400)
            + 46
            + 50;
        let pad = (x1 - x0) * 0.006;
        let fit = build(0.0)?;
        let extents: Vec<(i32, i32, i32)> = self
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let y = (n - 1 - i) as f64;
                let ((left, lo), (right, hi)) = self.ends(b, pad);
                let (l, py) = fit.backend_coord(&(left, y));
                let (r, _) = fit.backend_coord(&(right, y));
                (py, l - width(lo, 20.0, MUTED), r + width(hi, 20.0, MUTED))
            })
            .collect();
        let (xs, ys) = fit.plotting_area().get_pixel_range();
        let size = (legend_width, legend_height(3));
        let prefer = [
            SeriesLabelPosition::LowerRight,
            SeriesLabelPosition::LowerLeft,
            SeriesLabelPosition::UpperRight,
            SeriesLabelPosition::UpperLeft,
        ];
        let free = free_corner(
            &extents,
            (xs.start, xs.end),
            (ys.start, ys.end),
            size,
            &prefer,
        );
        let (mut chart, corner) = match free {
            Some(corner) => (fit, corner),
            None => {
                let height = f64::from(ys.end - ys.start);
                let need = f64::from(size.1 + LEGEND_MARGIN);
                let extra = (need * n as f64 / (height - need).max(1.0)).ceil();
                (build(extra)?, SeriesLabelPosition::LowerRight)
            }
        };
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
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        let h = 0.32;
        for (i, b) in self.bars.iter().enumerate() {
            let y = row(i);
            for (value, colour) in [(b.at_low, LOW), (b.at_high, HIGH)] {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(self.base, y - h), (value, y + h)],
                    colour.filled(),
                )))?;
            }
            for ci in [b.at_low_ci, b.at_high_ci] {
                chart.draw_series(std::iter::once(PathElement::new(
                    [(ci[0], y), (ci[1], y)],
                    INK.stroke_width(2),
                )))?;
                for end in ci {
                    chart.draw_series(std::iter::once(PathElement::new(
                        [(end, y - h / 3.0), (end, y + h / 3.0)],
                        INK.stroke_width(2),
                    )))?;
                }
            }
            let ((left, lo_label), (right, hi_label)) = self.ends(b, pad);
            for (x, anchor, setting) in
                [(left, HPos::Right, lo_label), (right, HPos::Left, hi_label)]
            {
                let style = anchored(text(20.0, MUTED), anchor, VPos::Center);
                chart.draw_series(std::iter::once(Text::new(
                    setting.to_string(),
                    (x, y),
                    style,
                )))?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                [(self.base, -0.5), (self.base, n as f64 - 0.5)],
                INK.stroke_width(2),
            ))?
            .label(format!("base: {}", compact(self.base, &self.unit)))
            .legend(|(x, y)| PathElement::new([(x + 15, y - 10), (x + 15, y + 10)], INK));
        for (colour, text) in [
            // The ends of a range are the first and second value of
            // `--vary KEY=A:B`, which need not be low and high (the
            // recovery paradox's 1 → 0.5 moves down).
            (LOW, "key at the first value of its range"),
            (HIGH, "key at the second value of its range"),
        ] {
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
                .label(text)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 30, y + 8)], colour.filled())
                });
        }
        legend(&mut chart, corner, 46)?;
        Ok(())
    }
}

impl Tornado {
    /// Where a bar's two settings are written, outside the bar and its
    /// intervals, `pad` away: the end with the smaller value on the left,
    /// the other on the right, so the two never overlap; with each its
    /// text.
    fn ends<'a>(&self, b: &'a TornadoBar, pad: f64) -> ((f64, &'a str), (f64, &'a str)) {
        let low_left = b.at_low <= b.at_high;
        let (lo_end, hi_end) = if low_left {
            ((b.at_low_ci, &b.low_label), (b.at_high_ci, &b.high_label))
        } else {
            ((b.at_high_ci, &b.high_label), (b.at_low_ci, &b.low_label))
        };
        let left = lo_end.0[0]
            .min(lo_end.0[1])
            .min(self.base.min(b.at_low.min(b.at_high)));
        let right = hi_end.0[1]
            .max(hi_end.0[0])
            .max(self.base.max(b.at_low.max(b.at_high)));
        ((left - pad, lo_end.1), (right + pad, hi_end.1))
    }
}
