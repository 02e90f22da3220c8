//! Charts, the one-page HTML report and the story-spread picture — and the
//! small chart toolkit they share, for any new chart kind (sweeps add
//! line, heatmap and tornado charts the same way).
//!
//! # The toolkit
//!
//! - [`canvas`]: implement [`Chart`] (`stem`, `title`, `draw` on any
//!   plotters backend), then [`render`]`(&chart)` draws it at
//!   [`canvas::SIZE`] (1600×900, for slides) into a PNG and an SVG in
//!   memory, text set with the embedded font; [`write_picture`] writes both
//!   atomically as `DIR/STEM.png` and `DIR/STEM.svg`.
//! - [`style`]: the look — [`style::policy_colour`]`(i)` (Okabe–Ito, one
//!   colour per policy, by its position in the scenario, the same in every
//!   chart), text styles [`style::text`] and [`style::bold`], sizes
//!   ([`style::LABEL_SIZE`], [`style::TICK_SIZE`]), [`style::header`] (the
//!   title that states the finding, a subtitle with scenario, replications
//!   and seed, and a one-line reading guide; returns the area below), and
//!   [`style::fit_size`] to shrink a line into the width.
//! - [`fonts`]: DejaVu Sans embedded in the binary, so text renders on a
//!   machine with no system fonts.
//! - Numbers: `crate::app::format::thousands` and `crate::app::money::money`
//!   (thousands separators, currency symbols).
//!
//! # The charts of a run
//!
//! One file per chart kind — `causes` (value lost by cause, with 95%
//! whiskers), `customers` (fan chart), `npv` (distribution over
//! replications), `funnel` (word of mouth) — each drawn from the files the
//! run saved, read by `data`, so `wom run` and `wom plot DIR` produce
//! identical files. `html` builds report.html; `spread` is the `wom trace`
//! picture.
//!
//! # The charts of a sweep and of a sensitivity analysis
//!
//! `sweep_charts` builds them from the stored sweep points:
//! `sweep_lines` (a value against one swept key with 95% bands, one line
//! per policy or per value of a second key), `sweep_heatmap` (the headline
//! difference over two keys); `tornado` draws `wom sensitivity`'s chart.
//! `sweep_axis` has their axis helpers (ticks at the swept values, compact
//! money labels).

mod assumptions;
pub mod canvas;
mod causes;
mod customers;
mod data;
mod echo;
mod findings;
pub mod fonts;
mod funnel;
mod hbars;
mod html;
mod npv;
pub mod spread;
pub mod style;
mod sweep_axis;
mod sweep_charts;
mod sweep_heatmap;
mod sweep_lines;
mod text;
mod tornado;

pub use canvas::{Chart, Rendered, render};
pub use sweep_charts::sweep_charts;
pub use tornado::{About, Tornado};

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

/// A story picture from `wom trace`, with what identifies the run it came
/// from: the report shows it only when scenario and seed are the run's.
pub struct TracedStory<'a> {
    /// The picture (trace.png / trace.svg).
    pub picture: &'a Rendered,
    /// Scenario name of the trace.
    pub scenario: &'a str,
    /// Seed of the trace.
    pub seed: u64,
    /// One sentence on what the picture shows.
    pub caption: String,
}

/// Reads the results saved in `dir`, draws every chart into `dir/charts/`
/// (PNG and SVG) and writes `dir/report.html`, with the story picture of
/// `story` when it was traced on the same scenario and seed; returns the
/// files written.
///
/// # Errors
/// Bad input when a result file is missing or malformed; a failure when
/// drawing or writing fails.
pub fn render_dir(dir: &Path, story: Option<&TracedStory<'_>>) -> Result<Vec<PathBuf>> {
    let run = data::load(dir)?;
    let story = story.filter(|s| s.scenario == run.scenario.name && s.seed == run.seed);
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
    let page = html::page(&run, &charts, story);
    write_atomic(&report, |out| Ok(out.write_all(page.as_bytes())?))?;
    written.push(report);
    Ok(written)
}
