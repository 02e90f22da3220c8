//! The chart toolkit every chart of the report shares: the canvas that
//! draws a chart into a PNG and an SVG in memory, the look (colours, text
//! styles, the header), the embedded fonts and their typesetting, and the
//! building blocks of axes and horizontal bar charts.
//!
//! - [`canvas`]: implement [`canvas::Chart`] (`stem`, `title`, `draw` on any
//!   plotters backend), then [`canvas::render`]`(&chart)` draws it at
//!   [`canvas::SIZE`] (1600×900, for slides) into a PNG and an SVG in
//!   memory, text set with the embedded font; [`canvas::Rendered::picture`]
//!   hands both to `crate::store::pictures`, which writes them (nothing in
//!   `report` touches the disk).
//! - [`style`]: the look — [`style::policy_colour`]`(i)` (Okabe–Ito, one
//!   colour per policy, by its position in the scenario, the same in every
//!   chart), text styles [`style::text`] and [`style::bold`], sizes
//!   ([`style::LABEL_SIZE`], [`style::TICK_SIZE`]), [`style::header`] (the
//!   title that states the finding, a subtitle with scenario, replications
//!   and seed, and a one-line reading guide; returns the area below), and
//!   [`style::fit_size`] to shrink a line into the width.
//! - [`fonts`]: DejaVu Sans embedded in the binary, so text renders on a
//!   machine with no system fonts; `text` typesets with it.
//! - `axes`: axis helpers (ticks at given values, compact money labels);
//!   `hbars`: grouped horizontal bars with whiskers.

pub(super) mod axes;
pub mod canvas;
pub mod fonts;
pub(super) mod hbars;
pub mod style;
mod text;
