//! The look shared by every picture: Okabe–Ito colours (one per policy,
//! kept across charts), text sizes, the title block and the mesh.

use super::canvas::SIZE;
use super::fonts::FAMILY;
use plotters::coord::Shift;
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
        let size = fit_size(root, guide, 22.0, 15.0)?;
        root.draw(&Text::new(
            guide.to_string(),
            (MARGIN, y),
            anchored(text(size, MUTED), HPos::Left, VPos::Top),
        ))?;
        y += 32;
    }
    Ok(root.split_vertically(y + 12).1)
}
