//! Charts and the one-page HTML report of a run, drawn from the files the
//! run saved (so `wom run` and `wom plot DIR` produce identical output).
//! Pictures render into memory with plotters and are written atomically.

mod assumptions;
mod canvas;
mod causes;
mod customers;
mod data;
mod echo;
mod findings;
mod fonts;
mod funnel;
mod hbars;
mod html;
mod npv;
pub mod spread;
pub mod style;
mod text;

pub use canvas::{Chart, Rendered, render};

use crate::app::files::write_atomic;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Writes a rendered picture as `dir/STEM.png` and `dir/STEM.svg`;
/// returns both paths.
///
/// # Errors
/// When a file cannot be written.
pub fn write_picture(dir: &Path, picture: &Rendered) -> Result<[PathBuf; 2]> {
    let png = dir.join(format!("{}.png", picture.stem));
    let svg = dir.join(format!("{}.svg", picture.stem));
    write_atomic(&png, |out| Ok(out.write_all(&picture.png)?))?;
    write_atomic(&svg, |out| Ok(out.write_all(picture.svg.as_bytes())?))?;
    Ok([png, svg])
}

/// Reads the results saved in `dir`, draws every chart into `dir/charts/`
/// (PNG and SVG) and writes `dir/report.html`; returns the files written.
///
/// # Errors
/// Bad input when a result file is missing or malformed; a failure when
/// drawing or writing fails.
pub fn render_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let run = data::load(dir)?;
    let charts = [
        render(&causes::ValueLost::new(&run))?,
        render(&customers::Customers::new(&run))?,
        render(&npv::NpvDistribution::new(&run))?,
        render(&funnel::Funnel::new(&run))?,
    ];
    let chart_dir = dir.join("charts");
    let mut written = Vec::new();
    for chart in &charts {
        written.extend(write_picture(&chart_dir, chart)?);
    }
    let report = dir.join("report.html");
    let page = html::page(&run, &charts);
    write_atomic(&report, |out| Ok(out.write_all(page.as_bytes())?))?;
    written.push(report);
    Ok(written)
}
