//! The look of the sweep and sensitivity charts, in one place: size,
//! Okabe–Ito palette, fonts, title and subtitle, compact money labels, and
//! rendering a chart to PNG and SVG in memory.
//!
//! Kept small and separate so it can be swapped for the shared report style
//! when the branches meet. Text uses DejaVu Sans embedded in the binary
//! (`assets/fonts/DejaVuSans.ttf`), so charts render on machines without
//! system fonts.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::sync::OnceLock;

/// Chart width in pixels.
pub const WIDTH: u32 = 1600;
/// Chart height in pixels.
pub const HEIGHT: u32 = 900;
/// The font family name the embedded font is registered under.
pub const FONT: &str = "sans-serif";
/// Okabe–Ito colours (orange, sky blue, bluish green, yellow, blue,
/// vermillion, reddish purple, black): distinguishable with colour-vision
/// deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x00, 0x00),
];
/// Text colour for secondary text.
pub const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid line colour.
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// A numeric axis with ticks exactly where given (the swept values, or
/// category indices); label them with a formatter.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticked {
    /// Lowest value shown.
    pub lo: f64,
    /// Highest value shown (`> lo`).
    pub hi: f64,
    /// Where the ticks and grid lines go.
    pub ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = if self.hi > self.lo {
            (value - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        };
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// A chart that can draw itself on any plotters backend.
pub trait Chart {
    /// Draws the whole chart on `root`.
    ///
    /// # Errors
    /// The backend's error, as text.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// A chart rendered in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// PNG file content.
    pub png: Vec<u8>,
    /// SVG file content.
    pub svg: String,
}

/// A chart that could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw chart: {0}")]
pub struct ChartError(pub String);

/// Registers the embedded font once.
fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    if *REGISTERED.get_or_init(|| register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok()) {
        Ok(())
    } else {
        Err(ChartError("the embedded font is not a valid font".into()))
    }
}

/// Renders `chart` to PNG and SVG (both `WIDTH`×`HEIGHT`).
///
/// # Errors
/// A [`ChartError`] when drawing or PNG encoding fails.
pub fn render(chart: &impl Chart) -> Result<Rendered, ChartError> {
    ensure_font()?;
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        chart.draw(&root).map_err(ChartError)?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
    }
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ChartError(e.to_string()))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| ChartError(e.to_string()))?;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        chart.draw(&root).map_err(ChartError)?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
    }
    Ok(Rendered { png, svg })
}

/// A font of the chart family at `size` pixels.
pub fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT), size, FontStyle::Normal)
}

/// Fills `root` white, writes the title and subtitle at the top left and
/// returns the area below them.
///
/// # Errors
/// The backend's error, as text.
pub fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> Result<DrawingArea<DB, Shift>, String> {
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (top, rest) = root.split_vertically(120);
    top.draw(&Text::new(title, (40, 28), font(34.0).color(&BLACK)))
        .map_err(|e| e.to_string())?;
    top.draw(&Text::new(subtitle, (40, 76), font(22.0).color(&MUTED)))
        .map_err(|e| e.to_string())?;
    Ok(rest)
}

/// `23,400` → `$23.4k`, `-1_200_000` → `−$1.2M`, with `unit` before the
/// number (a currency symbol, or empty).
///
/// ```
/// use wom::report::sweep_style::compact;
/// assert_eq!(compact(23_400.0, "$"), "$23.4k");
/// assert_eq!(compact(-1_250_000.0, "$"), "−$1.25M");
/// assert_eq!(compact(512.4, ""), "512");
/// ```
pub fn compact(value: f64, unit: &str) -> String {
    let sign = if value < 0.0 && value.abs() >= 0.5 {
        "−"
    } else {
        ""
    };
    let a = value.abs();
    let (scaled, suffix) = if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "k")
    } else {
        (a, "")
    };
    let digits = if suffix.is_empty() || scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{scaled:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{sign}{unit}{text}{suffix}")
}

/// A number for an axis tick: at most 4 decimals, trailing zeros trimmed.
pub fn tick(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// At most `max` evenly spread items of `points` (first and last kept).
pub fn thin<T: Clone>(points: &[T], max: usize) -> Vec<T> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let step = (points.len() - 1).div_ceil(max - 1);
    let mut out: Vec<T> = points.iter().step_by(step).cloned().collect();
    if (points.len() - 1) % step != 0 {
        if let Some(last) = points.last() {
            out.push(last.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_thinning() {
        assert_eq!(tick(0.15000000000000002), "0.15");
        assert_eq!(tick(24.0), "24");
        assert_eq!(thin(&[1, 2, 3], 5), [1, 2, 3]);
        let t = thin(&(0..21).collect::<Vec<_>>(), 6);
        assert_eq!(t, [0, 4, 8, 12, 16, 20]);
    }
}
