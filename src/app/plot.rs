//! `wom plot`: redraw the charts and report of a finished run from its
//! typed result files (and the story picture, when `wom trace` left a
//! trace.json there).

use crate::report::render_run;
use anyhow::Result;
use std::path::Path;

/// Runs `wom plot DIR`.
///
/// # Errors
/// Bad input when a result file is missing, malformed or does not belong
/// with the others; a failure when a file cannot be written.
pub fn run(dir: &Path, quiet: bool) -> Result<()> {
    let _lock = crate::store::files::lock_dir(dir, false)?;
    let run = crate::store::run::load(dir)?;
    let trace = super::trace::redraw(dir)?;
    let story = trace.as_ref().map(super::trace::Redrawn::story);
    let report = render_run(&run, story.as_ref())?;
    let written = crate::store::pictures::write_report(dir, report.pictures(), &report.html)?;
    if !quiet {
        println!(
            "Wrote {} and {} chart files in {}",
            dir.join("report.html").display(),
            written.len().saturating_sub(1),
            dir.join("charts").display()
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
