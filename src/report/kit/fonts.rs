//! The embedded font (DejaVu Sans, see `assets/fonts/LICENSE-DejaVu.txt`),
//! registered with plotters so charts render text on machines with no
//! system fonts.

use plotters::style::{FontStyle, register_font};
use std::sync::Once;

/// The family every chart asks for. In SVG it is written as a CSS font
/// list, so a browser without DejaVu Sans falls back to Verdana (drawn on
/// the same metrics) and then to any sans-serif font.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// DejaVu Sans.
pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded font under [`FAMILY`] and under plotters'
/// default `sans-serif`, once per process.
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for name in [FAMILY, "sans-serif"] {
            // The bytes are a font shipped with the binary; should they be
            // rejected, drawing text fails later with "font unavailable",
            // which is reported as an error of the chart being drawn.
            let _ = register_font(name, FontStyle::Normal, REGULAR);
            let _ = register_font(name, FontStyle::Bold, BOLD);
        }
    });
}
