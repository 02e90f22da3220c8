//! Charts, the one-page HTML report and the story-spread picture — and the
//! small chart toolkit they share, for any new chart kind (sweeps add
//! line, heatmap and tornado charts the same way).
//!
//! # The toolkit
//!
//! - [`canvas`]: implement [`canvas::Chart`] (`stem`, `title`, `draw` on any
//!   plotters backend), then [`render`]`(&chart)` draws it at
//!   [`canvas::SIZE`] (1600×900, for slides) into a PNG and an SVG in
//!   memory, text set with the embedded font; [`Rendered::picture`] hands
//!   both to `crate::store::pictures`, which writes them (nothing in
//!   `report` touches the disk).
//! - [`style`]: the look — [`style::policy_colour`]`(i)` (Okabe–Ito, one
//!   colour per policy, by its position in the scenario, the same in every
//!   chart), text styles [`style::text`] and [`style::bold`], sizes
//!   ([`style::LABEL_SIZE`], [`style::TICK_SIZE`]), [`style::header`] (the
//!   title that states the finding, a subtitle with scenario, replications
//!   and seed, and a one-line reading guide; returns the area below), and
//!   [`style::fit_size`] to shrink a line into the width.
//! - [`fonts`]: DejaVu Sans embedded in the binary, so text renders on a
//!   machine with no system fonts.
//! - Numbers: `crate::present::format::thousands` and
//!   `crate::present::money::money` (thousands separators, currency symbols).
//!
//! # The charts of a run
//!
//! One file per chart kind — `causes` (value lost by cause, with 95%
//! whiskers), `customers` (fan chart), `npv` (distribution over
//! replications), `funnel` (word of mouth), with segments `segments`
//! (what each segment is worth, from [`worth`]) and with response times
//! `response` (how soon complaints are answered against the customers'
//! patience) — each drawn from the typed
//! result files ([`wom::results::Run`], arranged for charts by `data`), so
//! `wom run` and `wom plot DIR` produce identical files. `html` builds
//! report.html; `findings` writes the sentences that lead (headlines and
//! chart titles); `table` lists the rows of the results table; `spread` is
//! the `wom trace` picture.
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
mod desk;
pub mod findings;
pub mod fonts;
mod funnel;
mod hbars;
pub mod headline;
mod html;
mod npv;
mod response;
mod segments;
pub mod shortfall;
pub mod spread;
pub mod style;
mod sweep_axis;
mod sweep_charts;
mod sweep_heatmap;
mod sweep_lines;
mod sweep_ties;
pub mod table;
mod text;
mod tornado;
pub mod uncertainty_text;
pub mod worth;

pub use canvas::{Rendered, render};
pub use segments::segment_label;
pub use sweep_charts::sweep_charts;
pub use table::rows;
pub use tornado::{About, Tornado};

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
    let warnings = shortfall::shortfall_warning(run).into_iter().collect();
    let data = RunData::new(run, identity, warnings);
    let story = story.filter(|s| s.identity == data.identity);
    let mut charts = vec![
        render(&causes::ValueLost::new(&data))?,
        render(&customers::Customers::new(&data))?,
        render(&npv::NpvDistribution::new(&data))?,
        render(&funnel::Funnel::new(&data))?,
    ];
    if !data.segments.is_empty() {
        charts.push(render(&segments::SegmentWorth::new(&data))?);
    }
    if let Some(chart) = response::ResponseTimes::new(&data) {
        charts.push(render(&chart)?);
    }
    let html = html::page(&data, &charts, story);
    Ok(RunReport { charts, html })
}

impl RunReport {
    /// The charts as pictures to write (see `crate::store::pictures`).
    pub fn pictures(&self) -> impl Iterator<Item = crate::store::pictures::Picture<'_>> {
        self.charts.iter().map(Rendered::picture)
    }
}
