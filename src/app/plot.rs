//! `wom plot`: redraw the charts and report of a finished run (and the
//! story picture, when `wom trace` left a trace.json there).

use crate::cli::plot::PlotArgs;
use crate::report;
use anyhow::Result;

/// Runs `wom plot`.
pub fn run(args: &PlotArgs) -> Result<()> {
    let trace = super::trace::redraw(&args.dir)?;
    let story = trace.as_ref().map(super::trace::Redrawn::story);
    let written = report::render_dir(&args.dir, story.as_ref())?;
    if !args.quiet {
        println!(
            "Wrote {} and {} chart files in {}",
            args.dir.join("report.html").display(),
            written.len().saturating_sub(1),
            args.dir.join("charts").display()
        );
        if let Some([png, svg]) = trace.map(|t| t.paths) {
            println!(
                "Redrew {} and {} from trace.json",
                png.display(),
                svg.display()
            );
        }
    }
    Ok(())
}
