//! Text for every picture, set with the embedded font by our own code.
//!
//! plotters 0.3.7 draws ab_glyph glyphs at their pen position but ignores
//! each glyph's left side bearing, so letters in PNGs sit unevenly
//! ("directl y"). [`Typeset`] wraps a backend: on a bitmap it rasterises
//! glyphs at their true position; on any backend it measures text with the
//! same metrics (one em = `size / 1.24` pixels, as plotters' SVG backend
//! writes `font-size`), so PNG and SVG lay out alike.

use super::fonts::{BOLD, REGULAR};
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform, text_anchor::Pos,
};
use std::sync::OnceLock;

/// Baseline below the top of a line, in ems (as SVG's `dy="0.76em"`).
const BASELINE_EM: f32 = 0.76;

fn faces() -> Option<&'static (FontRef<'static>, FontRef<'static>)> {
    static FACES: OnceLock<Option<(FontRef<'static>, FontRef<'static>)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some((
                FontRef::try_from_slice(REGULAR).ok()?,
                FontRef::try_from_slice(BOLD).ok()?,
            ))
        })
        .as_ref()
}

/// A text style measured and drawn with the embedded font.
struct Embedded<'s, T>(&'s T);

impl<T: BackendTextStyle> Embedded<'_, T> {
    fn face(&self) -> Result<&'static FontRef<'static>, std::fmt::Error> {
        let (regular, bold) = faces().ok_or(std::fmt::Error)?;
        Ok(match self.0.style() {
            FontStyle::Bold => bold,
            _ => regular,
        })
    }

    /// Pixels per em.
    fn em(&self) -> f32 {
        self.0.size() as f32 / 1.24
    }

    fn scale(&self, face: &FontRef<'static>) -> PxScale {
        // ab_glyph scales so that ascent − descent is the given height.
        let per_em = face.height_unscaled() / face.units_per_em().unwrap_or(2048.0);
        PxScale::from(self.em() * per_em)
    }

    /// Pen positions of each glyph and the total advance.
    fn layout(&self, text: &str) -> Result<(Vec<(ab_glyph::GlyphId, f32)>, f32), std::fmt::Error> {
        let face = self.face()?;
        let scaled = face.as_scaled(self.scale(face));
        let mut caret = 0.0;
        let mut prev = None;
        let mut glyphs = Vec::with_capacity(text.len());
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                caret += scaled.kern(p, id);
            }
            glyphs.push((id, caret));
            caret += scaled.h_advance(id);
            prev = Some(id);
        }
        Ok((glyphs, caret))
    }
}

impl<T: BackendTextStyle> BackendTextStyle for Embedded<'_, T> {
    type FontError = std::fmt::Error;

    fn color(&self) -> BackendColor {
        self.0.color()
    }
    fn size(&self) -> f64 {
        self.0.size()
    }
    fn transform(&self) -> FontTransform {
        self.0.transform()
    }
    fn style(&self) -> FontStyle {
        self.0.style()
    }
    fn anchor(&self) -> Pos {
        self.0.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.0.family()
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let (_, width) = self.layout(text)?;
        Ok(((0, 0), (width.ceil() as i32, self.em().round() as i32)))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        (x0, y0): BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        let face = self.face()?;
        let scale = self.scale(face);
        let colour = self.0.color();
        let baseline = y0 as f32 + BASELINE_EM * self.em();
        let (glyphs, _) = self.layout(text)?;
        for (id, caret) in glyphs {
            let glyph = id.with_scale_and_position(scale, point(x0 as f32 + caret, baseline));
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|x, y, coverage| {
                if result.is_ok() && coverage > 0.0 {
                    result = draw(
                        bounds.min.x as i32 + x as i32,
                        bounds.min.y as i32 + y as i32,
                        BackendColor {
                            alpha: colour.alpha * f64::from(coverage.min(1.0)),
                            rgb: colour.rgb,
                        },
                    );
                }
            });
            if result.is_err() {
                return Ok(result);
            }
        }
        Ok(Ok(()))
    }
}

/// A backend whose text goes through [`Embedded`]; everything else is
/// passed to the wrapped backend unchanged.
pub struct Typeset<B>(pub B);

impl<B: DrawingBackend> DrawingBackend for Typeset<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_text(text, &Embedded(style), pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        self.0.estimate_text_size(text, &Embedded(style))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }
}
