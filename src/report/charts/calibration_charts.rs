//! The charts of `wom calibrate`: each fitted key's posterior (a weighted
//! histogram) against its prior density, and the posterior predictive
//! check (each observed series against the 5–95% band of simulations at
//! posterior draws).

use crate::report::kit::canvas::{Chart, Drawn, Rendered, render};
use crate::report::kit::style::{
    GRID, INK, LABEL_SIZE, MUTED, TICK_SIZE, header, policy_colour, text,
};
use anyhow::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use wom::calibrate::Prior;
use wom::results::calibration::{CalibrationFile, PredictiveRow};

/// Bins of a posterior histogram.
const BINS: usize = 30;

/// A file stem from a key or series: letters, digits and `_` only.
fn stem_of(prefix: &str, name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}_{plain}")
}

fn subtitle(c: &CalibrationFile) -> String {
    format!(
        "{} under policy {}, fitted to {} ({} periods); {} simulations, seed {}",
        c.scenario, c.policy, c.observed.file, c.observed.periods, c.simulations, c.seed
    )
}

/// One fitted key: posterior histogram against prior density.
struct Posterior<'a> {
    stem: String,
    title: String,
    subtitle: String,
    key: &'a str,
    prior: Prior,
    /// (weight, value) of each particle.
    draws: Vec<(f64, f64)>,
}

impl Chart for Posterior<'_> {
    fn stem(&self) -> &str {
        &self.stem
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(
            root,
            &self.title,
            &self.subtitle,
            "Bars: posterior density (weighted particles); grey line: prior density",
        )?;
        let (lo, hi) = match self.prior.bounds() {
            (lo, hi) if lo.is_finite() && hi.is_finite() => (lo, hi),
            _ => self.prior.interval(0.998),
        };
        let width = (hi - lo) / BINS as f64;
        let mut heights = [0.0f64; BINS];
        for &(w, v) in &self.draws {
            let b = (((v - lo) / width).max(0.0) as usize).min(BINS - 1);
            heights[b] += w / width;
        }
        let curve: Vec<(f64, f64)> = (0..=200)
            .map(|i| lo + (hi - lo) * f64::from(i) / 200.0)
            .map(|x| (x, self.prior.density(x)))
            .filter(|(_, d)| d.is_finite())
            .collect();
        let top = heights
            .iter()
            .copied()
            .chain(curve.iter().map(|c| c.1))
            .fold(0.0f64, f64::max)
            .max(1e-12)
            * 1.1;
        let mut chart = ChartBuilder::on(&area)
            .margin_right(60)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(140)
            .build_cartesian_2d(lo..hi, 0.0..top)?;
        chart
            .configure_mesh()
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc(self.key)
            .y_desc("Density")
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        let colour = policy_colour(1);
        chart.draw_series(heights.iter().enumerate().map(|(b, &h)| {
            let x0 = lo + b as f64 * width;
            Rectangle::new([(x0, 0.0), (x0 + width, h)], colour.mix(0.7).filled())
        }))?;
        chart.draw_series(LineSeries::new(curve, MUTED.stroke_width(4)))?;
        Ok(())
    }
}

/// One observed series against its posterior predictive band.
struct Predictive<'a> {
    stem: String,
    title: String,
    subtitle: String,
    series: &'a str,
    rows: Vec<&'a PredictiveRow>,
}

impl Chart for Predictive<'_> {
    fn stem(&self) -> &str {
        &self.stem
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(
            root,
            &self.title,
            &self.subtitle,
            "Dots: observed counts; line and band: mean and 5–95% of simulations at posterior draws",
        )?;
        let top = self
            .rows
            .iter()
            .map(|r| r.p95.max(r.observed))
            .fold(1.0f64, f64::max)
            * 1.08;
        let last = self.rows.len().saturating_sub(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .margin_right(60)
            .margin_top(10)
            .x_label_area_size(90)
            .y_label_area_size(140)
            .build_cartesian_2d(-0.3..last + 0.3, 0.0..top)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|v| format!("{v:.0}"))
            .x_label_style(text(TICK_SIZE, INK))
            .y_label_style(text(TICK_SIZE, INK))
            .x_desc("Period (0 = first)")
            .y_desc(self.series)
            .axis_desc_style(text(LABEL_SIZE, MUTED))
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(GRID)
            .draw()?;
        let colour = policy_colour(1);
        let mut outline: Vec<(f64, f64)> =
            self.rows.iter().map(|r| (r.period as f64, r.p95)).collect();
        outline.extend(self.rows.iter().rev().map(|r| (r.period as f64, r.p5)));
        chart.draw_series(std::iter::once(Polygon::new(
            outline,
            colour.mix(0.2).filled(),
        )))?;
        chart.draw_series(LineSeries::new(
            self.rows.iter().map(|r| (r.period as f64, r.mean)),
            colour.stroke_width(4),
        ))?;
        chart.draw_series(
            self.rows
                .iter()
                .map(|r| Circle::new((r.period as f64, r.observed), 9, INK.filled())),
        )?;
        Ok(())
    }
}

/// Every chart of a calibration: one posterior chart per key (with
/// `priors` in key order and the particles as (weight, values) `rows`),
/// one predictive chart per observed series.
///
/// # Errors
/// When a chart cannot be drawn.
pub fn render_all(
    c: &CalibrationFile,
    priors: &[(String, Prior)],
    rows: &[(f64, Vec<f64>)],
    predictive: &[PredictiveRow],
) -> Result<Vec<Rendered>> {
    let sub = subtitle(c);
    let mut out = Vec::new();
    for (k, (key, prior)) in priors.iter().enumerate() {
        let Some(p) = c.keys.get(key) else { continue };
        let chart = Posterior {
            stem: stem_of("posterior", key),
            title: format!(
                "{key}: {:.3} (90% interval {:.3} to {:.3}) after the counts, from a prior {}",
                p.median,
                p.interval90[0],
                p.interval90[1],
                prior.describe()
            ),
            subtitle: sub.clone(),
            key,
            prior: prior.clone(),
            draws: rows.iter().map(|(w, v)| (*w, v[k])).collect(),
        };
        out.push(render(&chart)?);
    }
    for series in &c.observed.columns {
        let rows: Vec<&PredictiveRow> = predictive.iter().filter(|r| &r.series == series).collect();
        let inside = rows
            .iter()
            .filter(|r| (r.p5..=r.p95).contains(&r.observed))
            .count();
        let chart = Predictive {
            stem: stem_of("predictive", series),
            title: format!(
                "{series}: {inside} of {} observed periods inside the posterior's 5–95% band",
                rows.len()
            ),
            subtitle: sub.clone(),
            series,
            rows,
        };
        out.push(render(&chart)?);
    }
    Ok(out)
}
