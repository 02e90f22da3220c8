//! Charts, the one-page HTML report and the story-spread picture, in
//! three rooms:
//!
//! - [`charts`]: one file per chart kind (the charts of a run, of a sweep,
//!   of a sensitivity analysis, of a calibration, and the `wom trace`
//!   picture).
//! - [`kit`]: the small chart toolkit they share, for any new chart kind
//!   (canvas, style, fonts and text, axes, horizontal bars).
//! - [`narrative`]: the words (headlines, findings, assumptions, the
//!   results table, warnings).
//!
//! At the top, `data` arranges a run's typed result files for charts and
//! text, and `html` builds report.html from the charts and the words.
//! Numbers are formatted by `crate::present::format::thousands` and
//! `crate::present::money::money` (thousands separators, currency symbols).

pub mod charts;
mod data;
mod html;
pub mod kit;
pub mod narrative;

pub use charts::segments::segment_label;
pub use charts::sweep_charts::sweep_charts;
pub use charts::tornado::{About, Tornado};
pub use kit::canvas::{Rendered, render};
pub use narrative::table::rows;

use anyhow::Result;
use data::RunData;
use wom::results::Run;

/// A story picture from `wom trace`, with what identifies the scenario it
/// came from: the report shows it only when that is the run's scenario.
pub struct TracedStory<'a> {
    /// The picture (trace.png / trace.svg).
    pub picture: &'a Rendered,
    /// The identity of the traced scenario (see
    /// `wom::scenario::resolved::identity`).
    pub identity: &'a str,
    /// One sentence on what the picture shows.
    pub caption: String,
}

/// The charts and the report page of one run, drawn in memory.
pub struct RunReport {
    /// Every chart of the run, in report order.
    pub charts: Vec<Rendered>,
    /// report.html.
    pub html: String,
}

/// Draws every chart of `run` and its report page, with the story picture
/// of `story` when it was traced on the run's scenario (same identity).
///
/// # Errors
/// A failure when drawing fails, or when the scenario cannot be written
/// back to compute its identity.
pub fn render_run(run: &Run, story: Option<&TracedStory<'_>>) -> Result<RunReport> {
    let identity = wom::scenario::resolved::identity(&run.scenario)?;
    let warnings = narrative::shortfall::shortfall_warning(run)
        .into_iter()
        .collect();
    let data = RunData::new(run, identity, warnings);
    let story = story.filter(|s| s.identity == data.identity);
    let mut charts = vec![
        render(&charts::causes::ValueLost::new(&data))?,
        render(&charts::customers::Customers::new(&data))?,
        render(&charts::npv::NpvDistribution::new(&data))?,
        render(&charts::funnel::Funnel::new(&data))?,
    ];
    if !data.segments.is_empty() {
        charts.push(render(&charts::segments::SegmentWorth::new(&data))?);
    }
    if let Some(chart) = charts::response::ResponseTimes::new(&data) {
        charts.push(render(&chart)?);
    }
    charts.extend(charts::uncertainty::charts(run)?);
    let html = html::page(&data, &charts, story);
    Ok(RunReport { charts, html })
}

impl RunReport {
    /// The charts as pictures to write (see `crate::store::pictures`).
    pub fn pictures(&self) -> impl Iterator<Item = crate::store::pictures::Picture<'_>> {
        self.charts.iter().map(Rendered::picture)
    }
}
