//! Charts and report pages on disk: what `crate::report` draws in memory
//! (PNG bytes, SVG and HTML text), written atomically under their names.

use super::files::write_atomic;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// One drawn picture, as bytes to write: `STEM.png` and `STEM.svg`.
#[derive(Clone, Copy, Debug)]
pub struct Picture<'a> {
    /// The file stem.
    pub stem: &'a str,
    /// The PNG file's content.
    pub png: &'a [u8],
    /// The SVG file's content.
    pub svg: &'a str,
}

/// Writes a picture as `dir/STEM.png` and `dir/STEM.svg`; returns both
/// paths.
///
/// # Errors
/// When a file cannot be written.
pub fn write_picture(dir: &Path, picture: Picture<'_>) -> Result<[PathBuf; 2]> {
    let png = dir.join(format!("{}.png", picture.stem));
    let svg = dir.join(format!("{}.svg", picture.stem));
    write_atomic(&png, |out| Ok(out.write_all(picture.png)?))?;
    write_atomic(&svg, |out| Ok(out.write_all(picture.svg.as_bytes())?))?;
    Ok([png, svg])
}

/// Writes a run's charts into `dir/charts/` (PNG and SVG) and its page as
/// `dir/report.html`; returns the files written.
///
/// # Errors
/// When a file cannot be written.
pub fn write_report<'a>(
    dir: &Path,
    charts: impl IntoIterator<Item = Picture<'a>>,
    html: &str,
) -> Result<Vec<PathBuf>> {
    let chart_dir = dir.join("charts");
    let mut written = Vec::new();
    for chart in charts {
        written.extend(write_picture(&chart_dir, chart)?);
    }
    let report = dir.join("report.html");
    write_atomic(&report, |out| Ok(out.write_all(html.as_bytes())?))?;
    written.push(report);
    Ok(written)
}
