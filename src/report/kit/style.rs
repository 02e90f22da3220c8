//! The look shared by every picture: Okabe–Ito colours (one per policy,
//! kept across charts), text sizes, the title block and the mesh.

use super::canvas::{Drawn, SIZE};
use super::fonts::FAMILY;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The Okabe–Ito palette (Okabe & Ito 2008), safe for the common forms of
/// colour blindness, in the order policies receive it: the baseline gets
/// vermillion, the next policies blue, bluish green, orange, …
pub const POLICY_COLOURS: [RGBColor; 8] = [
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];

/// The colour of the policy at `index` in the scenario: the same in every
/// chart of a run.
pub fn policy_colour(index: usize) -> RGBColor {
    POLICY_COLOURS[index % POLICY_COLOURS.len()]
}

/// Body text.
pub const INK: RGBColor = RGBColor(0x1F, 0x1F, 0x1F);
/// Secondary text (subtitles, notes).
pub const MUTED: RGBColor = RGBColor(0x5A, 0x5A, 0x5A);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// Left and right margin of the picture, in pixels.
pub const MARGIN: i32 = 56;
/// Axis labels (descriptions).
pub const LABEL_SIZE: f64 = 27.0;
/// Tick labels, legends and value labels.
pub const TICK_SIZE: f64 = 24.0;

/// Regular text of `size` pixels in `colour`.
pub fn text(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&colour)
}

/// Bold text of `size` pixels in `colour`.
pub fn bold(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FAMILY, size, FontStyle::Bold).into_font().color(&colour)
}

/// `style` anchored at `h`/`v`.
pub fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// Lines of `title` set as large as fits the width: one line from 46 px
/// down to 34 px, else two lines split at the space nearest the middle.
fn fit_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<(Vec<String>, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let room = SIZE.0 - 2 * MARGIN as u32;
    let width = |s: &str, size: f64| root.estimate_text_size(s, &bold(size, INK)).map(|d| d.0);
    let mut size = 46.0;
    while size >= 34.0 {
        if width(title, size)? <= room {
            return Ok((vec![title.to_string()], size));
        }
        size -= 2.0;
    }
    let middle = title.len() / 2;
    let split = title
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    let lines: Vec<String> = match split {
        Some(i) => vec![title[..i].to_string(), title[i + 1..].to_string()],
        None => vec![title.to_string()],
    };
    let mut size = 40.0;
    while size > 24.0
        && lines
            .iter()
            .try_fold(false, |acc, l| Ok(acc || width(l, size)? > room))?
    {
        size -= 2.0;
    }
    Ok((lines, size))
}

/// The largest size from `max` down to `min` (in steps of one pixel) at
/// which `line` fits between the margins; `min` when nothing fits.
///
/// # Errors
/// When the backend cannot measure text.
pub fn fit_size<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    line: &str,
    max: f64,
    min: f64,
) -> Result<f64, DrawingAreaErrorKind<DB::ErrorType>> {
    let room = root.dim_in_pixel().0.saturating_sub(2 * MARGIN as u32);
    let mut size = max;
    while size > min {
        if root.estimate_text_size(line, &text(size, INK))?.0 <= room {
            break;
        }
        size -= 1.0;
    }
    Ok(size)
}

/// Draws the title block — the title (the finding), a subtitle (scenario,
/// replications, seed) and a reading guide — and returns the area below it.
pub fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    guide: &str,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (lines, size) = fit_title(root, title)?;
    let mut y = 28;
    for line in &lines {
        root.draw(&Text::new(
            line.clone(),
            (MARGIN, y),
            anchored(bold(size, INK), HPos::Left, VPos::Top),
        ))?;
        y += (size * 1.25) as i32;
    }
    y += 6;
    let size = fit_size(root, subtitle, 26.0, 18.0)?;
    root.draw(&Text::new(
        subtitle.to_string(),
        (MARGIN, y),
        anchored(text(size, MUTED), HPos::Left, VPos::Top),
    ))?;
    y += 36;
    if !guide.is_empty() {
        // A guide too long for one readable line goes on two, split at the
        // clause nearest its middle, rather than shrink or run off the edge.
        let room = root.dim_in_pixel().0.saturating_sub(2 * MARGIN as u32);
        let one = root.estimate_text_size(guide, &text(17.0, MUTED))?.0 <= room;
        let lines = if one { vec![guide] } else { halves(guide) };
        for (i, line) in lines.iter().enumerate() {
            let size = fit_size(root, line, 22.0, 15.0)?;
            root.draw(&Text::new(
                (*line).to_string(),
                (MARGIN, y),
                anchored(text(size, MUTED), HPos::Left, VPos::Top),
            ))?;
            y += if i + 1 < lines.len() { 26 } else { 32 };
        }
    }
    Ok(root.split_vertically(y + 12).1)
}

/// `guide` in two lines, split after the "; " (else the space) nearest its
/// middle.
fn halves(guide: &str) -> Vec<&str> {
    let middle = guide.len() / 2;
    let at = |sep: &str| {
        guide
            .match_indices(sep)
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(middle))
    };
    match at("; ")
        .map(|i| (i + 1, i + 2))
        .or(at(" ").map(|i| (i, i + 1)))
    {
        Some((end, start)) => vec![&guide[..end], &guide[start..]],
        None => vec![guide],
    }
}

/// Draws each line's final value beside its right end (`x_end`, in pixels
/// of `area`'s parent), in the line's colour, nudged apart so that no two
/// labels overlap. `ends` holds (pixel y, text, colour) per line.
pub fn end_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x_end: i32,
    mut ends: Vec<(i32, String, RGBColor)>,
) -> Drawn<DB> {
    ends.sort_by_key(|e| e.0);
    for i in 1..ends.len() {
        ends[i].0 = ends[i].0.max(ends[i - 1].0 + 30);
    }
    let base = area.get_base_pixel();
    for (y, value, colour) in ends {
        area.draw(&Text::new(
            value,
            (x_end + 14 - base.0, y - base.1),
            anchored(bold(TICK_SIZE, colour), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// Draws the chart's legend in the house style at `position`; `swatch` is
/// the width in pixels given to each entry's symbol.
pub fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    swatch: u32,
) -> Drawn<DB> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(20)
        .legend_area_size(swatch)
        .label_font(text(TICK_SIZE, INK))
        .background_style(WHITE.mix(0.92))
        .border_style(GRID)
        .draw()
}

/// A legend's margin from the plot's edges, in pixels (see [`legend`]).
pub const LEGEND_MARGIN: i32 = 20;

/// The height in pixels of a legend of `entries` entries (see [`legend`]).
pub fn legend_height(entries: usize) -> i32 {
    30 * entries as i32 + 35
}

/// The first corner of `prefer` where a legend of `(width, height)`
/// pixels, [`LEGEND_MARGIN`] in from the plot's edges (pixel ranges `x` and
/// `y`, y downwards), covers no row of ink (`(y, start, end)` in pixels: a
/// bar with its whisker and label); `None` when every corner does.
pub fn free_corner(
    ink: &[(i32, i32, i32)],
    (left, right): (i32, i32),
    (top, bottom): (i32, i32),
    (width, height): (i32, i32),
    prefer: &[SeriesLabelPosition],
) -> Option<SeriesLabelPosition> {
    use SeriesLabelPosition::{LowerRight, UpperLeft, UpperRight};
    let row_half = 14;
    prefer
        .iter()
        .find(|&corner| {
            let upper = matches!(corner, UpperRight | UpperLeft);
            let on_right = matches!(corner, UpperRight | LowerRight);
            let (y0, y1) = if upper {
                (top + LEGEND_MARGIN, top + LEGEND_MARGIN + height)
            } else {
                (bottom - LEGEND_MARGIN - height, bottom - LEGEND_MARGIN)
            };
            let (x0, x1) = if on_right {
                (right - LEGEND_MARGIN - width, right - LEGEND_MARGIN)
            } else {
                (left + LEGEND_MARGIN, left + LEGEND_MARGIN + width)
            };
            ink.iter().all(|&(y, start, end)| {
                y + row_half < y0 || y - row_half > y1 || end < x0 || start > x1
            })
        })
        .cloned()
}

/// The legend corner that hides the fewest of `points`, given as fractions
/// `(x, y)` of the plot area (y upwards), and how many it hides; ties go to
/// the earlier corner of `prefer`. A corner is the outer 40% of the width
/// by 35% of the height.
pub fn emptiest_corner(
    points: impl IntoIterator<Item = (f64, f64)>,
    prefer: &[SeriesLabelPosition],
) -> (SeriesLabelPosition, usize) {
    use SeriesLabelPosition::{LowerLeft, LowerRight, UpperLeft, UpperRight};
    let corners = [UpperRight, UpperLeft, LowerRight, LowerLeft];
    let inside = |corner: &SeriesLabelPosition, (x, y): (f64, f64)| {
        let right = matches!(corner, UpperRight | LowerRight);
        let upper = matches!(corner, UpperRight | UpperLeft);
        (if right { x >= 0.6 } else { x <= 0.4 }) && (if upper { y >= 0.65 } else { y <= 0.35 })
    };
    let mut counts = [0usize; 4];
    for p in points {
        for (count, corner) in counts.iter_mut().zip(&corners) {
            *count += usize::from(inside(corner, p));
        }
    }
    let count_of = |c: &SeriesLabelPosition| {
        corners
            .iter()
            .position(|k| std::mem::discriminant(k) == std::mem::discriminant(c))
            .map_or(usize::MAX, |i| counts[i])
    };
    prefer
        .iter()
        .map(|c| (c.clone(), count_of(c)))
        .min_by_key(|c| c.1)
        .unwrap_or((UpperRight, 0))
}

/// Points along each polyline in `lines` (data coordinates), ten per
/// segment, as fractions of the ranges `x` and `y`: what a legend must not
/// cover (see [`emptiest_corner`]).
pub fn trace_points<'a>(
    lines: impl IntoIterator<Item = &'a [(f64, f64)]>,
    x: (f64, f64),
    y: (f64, f64),
) -> Vec<(f64, f64)> {
    let scale = |(px, py): (f64, f64)| ((px - x.0) / (x.1 - x.0), (py - y.0) / (y.1 - y.0));
    let mut out = Vec::new();
    for line in lines {
        if let [only] = line {
            out.push(scale(*only));
        }
        for w in line.windows(2) {
            for k in 0..=10 {
                let f = f64::from(k) / 10.0;
                out.push(scale((
                    w[0].0 + f * (w[1].0 - w[0].0),
                    w[0].1 + f * (w[1].1 - w[0].1),
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_goes_where_no_row_of_ink_reaches() {
        use plotters::prelude::SeriesLabelPosition::{
            LowerLeft, LowerRight, UpperLeft, UpperRight,
        };
        let plot = ((0, 1000), (0, 600));
        let prefer = [LowerRight, LowerLeft, UpperRight, UpperLeft];
        let size = (300, super::legend_height(3));
        // A wide bottom row reaching the right edge: the legend goes left.
        let rows = [(100, 300, 700), (560, 500, 990)];
        let c = super::free_corner(&rows, plot.0, plot.1, size, &prefer);
        assert!(matches!(c, Some(LowerLeft)));
        // Nothing near the bottom right: it stays there.
        let rows = [(100, 300, 700), (560, 300, 600)];
        let c = super::free_corner(&rows, plot.0, plot.1, size, &prefer);
        assert!(matches!(c, Some(LowerRight)));
        // Rows across the whole width at top and bottom: no corner.
        let rows = [(40, 10, 990), (560, 10, 990)];
        assert!(super::free_corner(&rows, plot.0, plot.1, size, &prefer).is_none());
    }

    #[test]
    fn legend_goes_to_the_corner_no_line_crosses() {
        // A line falling from the upper left to the lower right leaves the
        // upper right and lower left empty; the first preferred empty wins.
        let falling: [(f64, f64); 2] = [(0.0, 1.0), (1.0, 0.0)];
        let points = trace_points([&falling[..]], (0.0, 1.0), (0.0, 1.0));
        let prefer = [
            SeriesLabelPosition::UpperLeft,
            SeriesLabelPosition::LowerRight,
            SeriesLabelPosition::UpperRight,
        ];
        let (corner, hidden) = emptiest_corner(points.iter().copied(), &prefer);
        assert!(matches!(corner, SeriesLabelPosition::UpperRight));
        assert_eq!(hidden, 0);
        // Lines everywhere: the least crossed corner, with its count.
        let flat_top: [(f64, f64); 2] = [(0.0, 0.9), (1.0, 0.9)];
        let flat_low: [(f64, f64); 2] = [(0.0, 0.1), (0.5, 0.1)];
        let points = trace_points([&flat_top[..], &flat_low[..]], (0.0, 1.0), (0.0, 1.0));
        let (corner, hidden) = emptiest_corner(points, &prefer);
        assert!(matches!(corner, SeriesLabelPosition::LowerRight));
        assert_eq!(hidden, 0);
    }
}
