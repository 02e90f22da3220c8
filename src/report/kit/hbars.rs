//! Grouped horizontal bars with value labels and optional interval
//! whiskers: categories top to bottom, one coloured bar per group in each.
//! Shared by the value-lost and funnel charts.

use super::canvas::Drawn;
use super::style::{
    GRID, INK, LABEL_SIZE, LEGEND_MARGIN, MUTED, TICK_SIZE, anchored, bold, free_corner, legend,
    legend_height, text,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Its length (may be negative).
    pub value: f64,
    /// A 95% interval drawn as a whisker.
    pub whisker: Option<[f64; 2]>,
    /// The label written past its end.
    pub label: String,
}

/// One group: a bar in every category, in one colour, with a legend entry.
#[derive(Debug, Clone)]
pub struct Group {
    /// Legend text.
    pub name: String,
    /// Fill colour.
    pub colour: RGBColor,
    /// One bar per category.
    pub bars: Vec<Bar>,
}

/// A whole bar chart.
pub struct HBars<'a> {
    /// Category labels, top to bottom.
    pub categories: Vec<String>,
    /// Whether the first category is a total, set in bold and ruled off.
    pub first_is_total: bool,
    /// The groups.
    pub groups: Vec<Group>,
    /// Description of the value axis, with its unit.
    pub x_desc: String,
    /// Tick label format of the value axis.
    pub x_format: &'a dyn Fn(f64) -> String,
}

/// Pixels taken by `s` in `style`.
fn width<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &str, style: &TextStyle) -> u32 {
    area.estimate_text_size(s, style).map_or(0, |d| d.0)
}

/// Draws `spec` in `area`.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, spec: &HBars) -> Drawn<DB> {
    let n = spec.categories.len();
    let g = spec.groups.len().max(1);
    let label_font = bold(LABEL_SIZE, INK);
    let left = spec
        .categories
        .iter()
        .map(|c| width(area, c, &label_font))
        .max()
        .unwrap_or(0)
        + 36;
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for bar in spec.groups.iter().flat_map(|gr| &gr.bars) {
        let [a, b] = bar.whisker.unwrap_or([bar.value, bar.value]);
        lo = lo.min(a.min(bar.value));
        hi = hi.max(b.max(bar.value));
    }
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    // Room for the value labels past the bar ends, in value units.
    let (w, h) = area.dim_in_pixel();
    let plot_h = f64::from(h) - 110.0;
    let bar_px = plot_h / n as f64 * 0.8 / g as f64;
    let value_size = (bar_px * 0.95).clamp(17.0, TICK_SIZE);
    let value_font = text(value_size, INK);
    let label_px = spec
        .groups
        .iter()
        .flat_map(|gr| &gr.bars)
        .map(|b| width(area, &b.label, &value_font))
        .max()
        .unwrap_or(0) as f64
        + 24.0;
    let plot_w = f64::from(w) - f64::from(left) - 60.0;
    let span = hi - lo;
    let unit = span / (plot_w - 2.0 * label_px).max(plot_w * 0.3);
    let x0 = if lo < 0.0 { lo - label_px * unit } else { 0.0 };
    let x1 = hi + label_px * unit;

    let build = |extra: f64| {
        ChartBuilder::on(area)
            .margin_right(60)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(left)
            .build_cartesian_2d(x0..x1, -0.5 - extra..(n as f64 - 0.5))
    };
    let centre = |i: usize| (n - 1 - i) as f64;
    let thickness = 0.8 / g as f64;
    // The legend goes to the first corner (the lower right first) where it
    // hides no bar, whisker or label; when every corner would, empty room
    // below the bars takes it.
    let fit = build(0.0)?;
    let ink: Vec<(i32, i32, i32)> = spec
        .groups
        .iter()
        .enumerate()
        .flat_map(|(gi, group)| {
            let fit = &fit;
            let value_font = &value_font;
            group.bars.iter().enumerate().map(move |(i, bar)| {
                let mid = centre(i) + 0.4 - (gi as f64 + 0.5) * thickness;
                let [a, b] = bar.whisker.unwrap_or([bar.value, bar.value]);
                let label = width(area, &bar.label, value_font) as i32 + 12;
                let (start, py) = fit.backend_coord(&(a.min(bar.value).min(0.0), mid));
                let (end, _) = fit.backend_coord(&(b.max(bar.value).max(0.0), mid));
                let (start, end) = if bar.value < 0.0 {
                    (start - label, end)
                } else {
                    (start, end + label)
                };
                (py, start, end)
            })
        })
        .collect();
    let legend_size = (
        spec.groups
            .iter()
            .map(|gr| width(area, &gr.name, &text(TICK_SIZE, INK)) as i32)
            .max()
            .unwrap_or(0)
            + 40
            + 50,
        legend_height(spec.groups.len()),
    );
    let prefer = [
        SeriesLabelPosition::LowerRight,
        SeriesLabelPosition::UpperRight,
        SeriesLabelPosition::LowerLeft,
        SeriesLabelPosition::UpperLeft,
    ];
    let (xs, ys) = fit.plotting_area().get_pixel_range();
    let free = free_corner(
        &ink,
        (xs.start, xs.end),
        (ys.start, ys.end),
        legend_size,
        &prefer,
    );
    let (mut chart, corner) = match free {
        Some(corner) => (fit, corner),
        None => {
            let height = f64::from(ys.end - ys.start);
            let need = f64::from(legend_size.1 + LEGEND_MARGIN);
            let extra = need * n as f64 / (height - need).max(1.0);
            (build(extra)?, SeriesLabelPosition::LowerRight)
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .y_labels(0)
        .x_labels(8)
        .x_label_formatter(&|v| (spec.x_format)(*v))
        .x_label_style(text(TICK_SIZE, INK))
        .x_desc(spec.x_desc.as_str())
        .axis_desc_style(text(LABEL_SIZE, MUTED))
        .axis_style(GRID)
        .draw()?;
    if spec.first_is_total && n > 1 {
        let y = centre(0) - 0.5;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x0, y), (x1, y)],
            GRID.stroke_width(2),
        )))?;
    }
    for (gi, group) in spec.groups.iter().enumerate() {
        let colour = group.colour;
        let bars = group.bars.iter().enumerate().map(|(i, bar)| {
            let top = centre(i) + 0.4 - gi as f64 * thickness;
            Rectangle::new(
                [
                    (0.0, top - 0.06 * thickness),
                    (bar.value, top - 0.94 * thickness),
                ],
                colour.filled(),
            )
        });
        chart
            .draw_series(bars)?
            .label(group.name.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 10), (x + 26, y + 10)], colour.filled()));
        for (i, bar) in group.bars.iter().enumerate() {
            let mid = centre(i) + 0.4 - (gi as f64 + 0.5) * thickness;
            let [a, b] = bar.whisker.unwrap_or([bar.value, bar.value]);
            if let Some([a, b]) = bar.whisker {
                let cap = 0.22 * thickness;
                let whisker = INK.stroke_width(3);
                chart.draw_series([
                    PathElement::new(vec![(a, mid), (b, mid)], whisker),
                    PathElement::new(vec![(a, mid - cap), (a, mid + cap)], whisker),
                    PathElement::new(vec![(b, mid - cap), (b, mid + cap)], whisker),
                ])?;
            }
            let (x, h, dx) = if bar.value < 0.0 {
                (a.min(bar.value).min(0.0), HPos::Right, -12)
            } else {
                (b.max(bar.value).max(0.0), HPos::Left, 12)
            };
            let (px, py) = chart.backend_coord(&(x, mid));
            area.draw(&Text::new(
                bar.label.clone(),
                (
                    px + dx - area.get_base_pixel().0,
                    py - area.get_base_pixel().1,
                ),
                anchored(value_font.clone(), h, VPos::Center),
            ))?;
        }
    }
    if lo < 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.5), (0.0, n as f64 - 0.5)],
            INK.stroke_width(2),
        )))?;
    }
    for (i, c) in spec.categories.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(x0, centre(i)));
        let font = if spec.first_is_total && i == 0 {
            bold(LABEL_SIZE, INK)
        } else {
            text(LABEL_SIZE, INK)
        };
        area.draw(&Text::new(
            c.clone(),
            (
                px - 18 - area.get_base_pixel().0,
                py - area.get_base_pixel().1,
            ),
            anchored(font, HPos::Right, VPos::Center),
        ))?;
    }
    legend(&mut chart, corner, 40)
}
