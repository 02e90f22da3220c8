//! Rendering one picture into memory twice: a PNG for slides and an SVG for
//! the web and the HTML report. Each chart kind implements [`Chart`].

use super::fonts;
use super::text::Typeset;
use anyhow::{Context, Result, anyhow};
use image::ImageEncoder;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Width and height of every picture, in pixels (16:9, for slides).
pub const SIZE: (u32, u32) = (1600, 900);

/// The result of drawing on a backend `DB`.
pub type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One picture: knows its file name and title and draws itself on any
/// plotters backend.
pub trait Chart {
    /// File stem under `charts/` (without extension).
    fn stem(&self) -> &str;
    /// The title, which states the finding.
    fn title(&self) -> &str;
    /// Draws the whole picture (title included) on `root`, which is
    /// [`SIZE`] pixels and already white.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB>;
}

/// A picture rendered in both formats.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// File stem.
    pub stem: String,
    /// Title (for captions and alt text).
    pub title: String,
    /// PNG file content.
    pub png: Vec<u8>,
    /// SVG file content.
    pub svg: String,
}

impl Rendered {
    /// The picture's bytes, for `crate::store::pictures` to write.
    pub fn picture(&self) -> crate::store::pictures::Picture<'_> {
        crate::store::pictures::Picture {
            stem: &self.stem,
            png: &self.png,
            svg: &self.svg,
        }
    }
}

/// Renders `chart` to PNG and SVG.
///
/// # Errors
/// When drawing fails (a missing glyph or font) or the PNG cannot be encoded.
pub fn render<C: Chart>(chart: &C) -> Result<Rendered> {
    fonts::register();
    let (w, h) = SIZE;
    let fail = |e: String| anyhow!("cannot draw chart `{}`: {e}", chart.stem());
    let mut svg = String::new();
    {
        let root = Typeset(SVGBackend::with_string(&mut svg, SIZE)).into_drawing_area();
        draw_on(chart, &root).map_err(|e| fail(e.to_string()))?;
    }
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = Typeset(BitMapBackend::with_buffer(&mut pixels, SIZE)).into_drawing_area();
        draw_on(chart, &root).map_err(|e| fail(e.to_string()))?;
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&pixels, w, h, image::ColorType::Rgb8)
        .with_context(|| format!("cannot encode chart `{}` as PNG", chart.stem()))?;
    Ok(Rendered {
        stem: chart.stem().to_string(),
        title: chart.title().to_string(),
        png,
        svg,
    })
}

fn draw_on<C: Chart, DB: DrawingBackend>(chart: &C, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
    root.fill(&WHITE)?;
    chart.draw(root)?;
    root.present()
}
