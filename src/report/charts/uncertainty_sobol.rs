//! Chart: first-order and total Sobol indices of the headline difference
//! per uncertain key (the share of its variance across plausible worlds
//! each input explains alone, and with all its interactions), keys sorted
//! by total index (by first-order index for `wom run`, whose given-data
//! totals run high), whiskers ±1.96 standard errors where the estimate has
//! one. Drawn for `wom run` from the `uncertainty` object and for `wom
//! sensitivity --global` from sobol.json.

use super::uncertain::{Uncertain, label};
use crate::present::format::count;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::hbars::{self, Bar, Group, HBars};
use crate::report::kit::style::header;
use plotters::coord::Shift;
use plotters::prelude::*;
use wom::results::uncertainty_sobol::SobolFile;

/// First order: Okabe–Ito blue; total: its sky blue.
const FIRST: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const TOTAL: RGBColor = RGBColor(0x56, 0xB4, 0xE9);

/// One key's indices.
#[derive(Debug, Clone)]
struct Row {
    key: String,
    first: f64,
    first_se: Option<f64>,
    total: f64,
    total_se: Option<f64>,
}

/// The Sobol-indices chart.
pub struct SobolChart {
    rows: Vec<Row>,
    subtitle: String,
    guide: String,
    title: String,
}

/// `62%` or `62% ± 5%` (one standard error).
fn percent(x: f64, se: Option<f64>) -> String {
    match se {
        Some(se) if se > 0.0 => format!("{:.0}% ± {:.0}%", 100.0 * x, 100.0 * se),
        _ => format!("{:.0}%", 100.0 * x),
    }
}

impl SobolChart {
    /// The chart of a run's headline comparison.
    pub fn of_run(u: &Uncertain<'_>) -> Self {
        let h = u.headline();
        let c = &u.summary.comparisons[h];
        let se =
            |o: &wom::results::ordered::Ordered<String, f64>, i: usize| o.0.get(i).map(|(_, v)| *v);
        let rows = (0..u.summary.keys.len())
            .map(|i| Row {
                key: u.summary.keys[i].key.clone(),
                first: c.sobol_first.0.get(i).map_or(0.0, |(_, v)| *v),
                first_se: se(&c.sobol_first_se, i),
                total: c.sobol_total.0.get(i).map_or(0.0, |(_, v)| *v),
                total_se: se(&c.sobol_total_se, i),
            })
            .collect();
        let guide = format!(
            "Of the spread of “{}” against “{}” across plausible worlds (Monte Carlo noise removed): the share each input explains alone (first order) and with its interactions (total); given-data estimators, whiskers ±1.96 bootstrap standard errors; with few draws and many keys the nearest-neighbour totals run high (wom sensitivity --global designs for them)",
            c.policy, c.baseline
        );
        // The given-data totals run high with few draws, so the run's chart
        // ranks and titles by the first-order index alone.
        Self::new(
            rows,
            u.subtitle.clone(),
            guide,
            u.draws[h].between > 0.0,
            false,
        )
    }

    /// The chart of `wom sensitivity --global`'s sobol.json.
    pub fn of_file(f: &SobolFile) -> Self {
        let rows = f
            .keys
            .iter()
            .map(|k| Row {
                key: k.key.clone(),
                first: k.first,
                first_se: Some(k.first_se),
                total: k.total,
                total_se: Some(k.total_se),
            })
            .collect();
        let subtitle = format!(
            "Scenario {} · {} design points of {} replications ({} samples × ({} keys + 2)) · seed {} · priors: {}",
            f.scenario,
            count(f.design_points),
            f.replications_per_point,
            count(f.samples),
            f.keys.len(),
            f.seed,
            f.priors
        );
        let guide = format!(
            "Of the spread of “{}” against “{}” over the priors: the share each input explains alone (first order) and with its interactions (total); whiskers ±1.96 standard errors",
            f.policy, f.baseline
        );
        let varies = f.keys.iter().any(|k| k.total > 0.0 || k.first > 0.0);
        Self::new(rows, subtitle, guide, varies, true)
    }

    /// `totals`: whether the total indices are trusted enough to rank the
    /// keys and to be stated in the title (a design made for them).
    fn new(
        mut rows: Vec<Row>,
        subtitle: String,
        guide: String,
        varies: bool,
        totals: bool,
    ) -> Self {
        if totals {
            rows.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.key.cmp(&b.key)));
        } else {
            rows.sort_by(|a, b| {
                (b.first.total_cmp(&a.first))
                    .then(b.total.total_cmp(&a.total))
                    .then(a.key.cmp(&b.key))
            });
        }
        let title = match rows.first() {
            Some(top) if varies && !totals => format!(
                "Of what is uncertain, {} moves the difference most: {} of its variance alone",
                lower_first(&label(&top.key)),
                percent(top.first, top.first_se)
            ),
            Some(top) if varies => format!(
                "Of what is uncertain, {} moves the difference most: {} of its variance alone, {} with interactions",
                lower_first(&label(&top.key)),
                percent(top.first, top.first_se),
                percent(top.total, top.total_se)
            ),
            _ => "No uncertain input moves the difference beyond Monte Carlo noise: every Sobol index is 0".to_owned(),
        };
        Self {
            rows,
            subtitle,
            guide,
            title,
        }
    }
}

/// "How many …" → "how many …" (a dotted key stays as it is).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// The whisker of an index: ±1.96 SE within [0, 1].
fn whisker(x: f64, se: Option<f64>) -> Option<[f64; 2]> {
    se.filter(|s| *s > 0.0)
        .map(|s| [(x - 1.96 * s).max(0.0), (x + 1.96 * s).min(1.0)])
}

impl Chart for SobolChart {
    fn stem(&self) -> &str {
        "sobol_indices"
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(root, &self.title, &self.subtitle, &self.guide)?;
        let bar = |x: f64, se: Option<f64>| Bar {
            value: x,
            whisker: whisker(x, se),
            label: format!("{x:.2}"),
        };
        let groups = vec![
            Group {
                name: "First order (alone)".into(),
                colour: FIRST,
                bars: self.rows.iter().map(|r| bar(r.first, r.first_se)).collect(),
            },
            Group {
                name: "Total (with interactions)".into(),
                colour: TOTAL,
                bars: self.rows.iter().map(|r| bar(r.total, r.total_se)).collect(),
            },
        ];
        let format = |v: f64| format!("{v:.1}");
        hbars::draw(
            &area,
            &HBars {
                categories: self.rows.iter().map(|r| label(&r.key)).collect(),
                first_is_total: false,
                groups,
                x_desc: "Sobol index: share of the variance of the difference (0 to 1)".into(),
                x_format: &format,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whiskers_stay_inside_zero_to_one_and_titles_carry_the_error() {
        assert_eq!(whisker(0.05, Some(0.1)), Some([0.0, 0.05 + 0.196]));
        assert_eq!(whisker(0.5, None), None);
        assert_eq!(percent(0.62, Some(0.05)), "62% ± 5%");
        assert_eq!(percent(0.62, None), "62%");
    }
}
