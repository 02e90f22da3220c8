//! `wom plot` arguments.

use clap::Args;
use std::path::PathBuf;

/// Redraw the charts and the report of a finished run from its saved files
/// (summary.json, periods.csv, replications.csv, metadata.json), and the
/// story picture from trace.json when there is one, without simulating again.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  wom plot output/default\n  wom run scenarios/cafe.toml --no-charts && wom plot output/cafe\n\nFiles written: DIR/charts/{value_lost_by_cause,customers_over_time,npv_distribution,word_of_mouth_funnel}.{png,svg} and DIR/report.html; with a trace.json from `wom trace`, also DIR/trace.{png,svg}."
)]
pub struct PlotArgs {
    /// A directory written by `wom run`.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}
