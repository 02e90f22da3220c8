//! Sweep heatmap: a value over two swept keys, one cell per point, on a
//! diverging scale (blue below zero, vermillion above), each cell labelled
//! with its mean.

use crate::report::kit::axes::{Ticked, compact, padded, thin};
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    INK, LABEL_SIZE, MUTED, POLICY_COLOURS, TICK_SIZE, anchored, header, text,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One cell: the mean and its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Mean.
    pub mean: f64,
    /// Lower end of the 95% interval.
    pub lo: f64,
    /// Upper end of the 95% interval.
    pub hi: f64,
}

/// A heatmap over two swept keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// File stem.
    pub stem: String,
    /// The finding, in words.
    pub title: String,
    /// Scenario, replications, seed.
    pub subtitle: String,
    /// How to read the chart.
    pub guide: String,
    /// The first swept key (columns).
    pub x_label: String,
    /// The second swept key (rows).
    pub y_label: String,
    /// Column labels.
    pub x_categories: Vec<String>,
    /// Row labels, bottom to top.
    pub y_categories: Vec<String>,
    /// `cells[row][column]`, `None` for a point not run.
    pub cells: Vec<Vec<Option<Cell>>>,
    /// Prefix of values (a currency symbol).
    pub unit: String,
    /// What the colour shows, for the legend.
    pub legend: String,
}

/// Below zero: blue; above: vermillion (Okabe–Ito, as the policies).
const NEGATIVE: RGBColor = POLICY_COLOURS[1];
const POSITIVE: RGBColor = POLICY_COLOURS[0];

/// The colour of `value` on a scale symmetric around zero up to `max`.
fn colour(value: f64, max: f64) -> RGBColor {
    let t = if max > 0.0 {
        (value.abs() / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let end = if value < 0.0 { NEGATIVE } else { POSITIVE };
    let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * t).round() as u8;
    RGBColor(mix(end.0), mix(end.1), mix(end.2))
}

impl Chart for Heatmap {
    fn stem(&self) -> &str {
        &self.stem
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(root, &self.title, &self.subtitle, &self.guide)?;
        let (main, legend) = area.split_horizontally(WIDTH_MAIN);
        let (nx, ny) = (self.x_categories.len(), self.y_categories.len());
        let cells = || self.cells.iter().flatten().flatten();
        let max = cells().map(|c| c.mean.abs()).fold(0.0, f64::max);
        let keys = |n: usize| thin(&(0..n).map(|i| i as f64).collect::<Vec<_>>(), 16);
        let mut chart = ChartBuilder::on(&main)
            .margin_left(30)
            .margin_right(20)
            .margin_bottom(20)
            .x_label_area_size(80)
            .y_label_area_size(150)
            .build_cartesian_2d(
                Ticked {
                    lo: -0.5,
                    hi: nx as f64 - 0.5,
                    ticks: keys(nx),
                },
                Ticked {
                    lo: -0.5,
                    hi: ny as f64 - 0.5,
                    ticks: keys(ny),
                },
            )?;
        let label = |c: &[String], v: f64| c.get(v.round() as usize).cloned().unwrap_or_default();
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .x_label_formatter(&|v| label(&self.x_categories, *v))
            .y_label_formatter(&|v| label(&self.y_categories, *v))
            .label_style(text(TICK_SIZE, INK))
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .draw()?;
        let annotate = nx * ny <= 200;
        let text_size = if nx > 10 { 17.0 } else { 22.0 };
        for (row, cells) in self.cells.iter().enumerate() {
            for (col, cell) in cells.iter().enumerate() {
                let Some(c) = cell else { continue };
                let (x, y) = (col as f64, row as f64);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    colour(c.mean, max).filled(),
                )))?;
                if annotate {
                    let unclear = c.lo <= 0.0 && c.hi >= 0.0;
                    let value = format!(
                        "{}{}",
                        if unclear { "~" } else { "" },
                        compact(c.mean, &self.unit)
                    );
                    let dark = max > 0.0 && c.mean.abs() / max > 0.55;
                    let style = anchored(
                        text(text_size, if dark { WHITE } else { INK }),
                        HPos::Center,
                        VPos::Center,
                    );
                    chart.draw_series(std::iter::once(Text::new(value, (x, y), style)))?;
                }
            }
        }
        self.draw_legend(&legend, max)
    }
}

/// Width of the heatmap itself; the colour legend takes the rest.
const WIDTH_MAIN: u32 = 1380;

impl Heatmap {
    fn draw_legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        max: f64,
    ) -> Drawn<DB> {
        let cells = self.cells.iter().flatten().flatten();
        let (lo, hi) = padded(cells.map(|c| c.mean), 0.0);
        let (lo, hi) = (lo.min(0.0), hi.max(0.0));
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 1.0, hi + 1.0)
        };
        let (w, _) = area.dim_in_pixel();
        area.draw(&Text::new(
            self.legend.clone(),
            (i32::try_from(w / 2).unwrap_or(0), 4),
            anchored(text(20.0, MUTED), HPos::Center, VPos::Top),
        ))?;
        let mut chart = ChartBuilder::on(area)
            .margin_top(44)
            .margin_bottom(120)
            .margin_right(50)
            .y_label_area_size(100)
            .build_cartesian_2d(0.0..1.0, lo..hi)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(7)
            .y_label_formatter(&|v| compact(*v, &self.unit))
            .label_style(text(20.0, INK))
            .draw()?;
        let steps = 120;
        let step = (hi - lo) / f64::from(steps);
        chart.draw_series((0..steps).map(|i| {
            let y = lo + step * f64::from(i);
            Rectangle::new(
                [(0.0, y), (1.0, y + step)],
                colour(y + step / 2.0, max).filled(),
            )
        }))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_diverge_from_white() {
        assert_eq!(colour(0.0, 10.0), RGBColor(255, 255, 255));
        assert_eq!(colour(10.0, 10.0), POSITIVE);
        assert_eq!(colour(-10.0, 10.0), NEGATIVE);
        assert_eq!(colour(3.0, 0.0), RGBColor(255, 255, 255));
    }
}
