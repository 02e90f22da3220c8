//! The charts of a sweep, built from its finished points: the headline
//! paired difference against the first swept key (one line per value of a
//! second key with few values), each policy's NPV against the first key,
//! and, with two keys or more, a heatmap of the difference over the first
//! two.

use super::sweep_heatmap::{Cell, Heatmap};
use super::sweep_lines::{Highlight, Line, LineChart, Step};
use super::sweep_points::{Axis, at_first, band, fixed_note};
use super::sweep_ties::{or_list, quick_step, step_note, tie_reason, tied_cells, ties_note};
use crate::present::money::symbol;
use crate::report::kit::axes::compact;
use crate::report::kit::canvas::{Rendered, render};
use crate::report::kit::style::{POLICY_COLOURS, policy_colour};
use anyhow::Result;
use std::collections::BTreeMap;
use wom::results::sweep::SweepHeader;
use wom::sim::Metric;
use wom::sweep::point::PointResult;

/// Most values of a second key drawn as separate lines.
const MAX_SERIES: usize = 6;

fn subtitle(header: &SweepHeader, done: &BTreeMap<usize, PointResult>) -> String {
    let reps: Vec<u64> = done.values().map(|p| p.replications).collect();
    let (lo, hi) = (
        reps.iter().min().copied().unwrap_or(0),
        reps.iter().max().copied().unwrap_or(0),
    );
    let reps = if lo == hi {
        format!("{lo} replications per point")
    } else {
        format!("{lo}–{hi} replications per point")
    };
    let precision = header.precision_target.map_or(String::new(), |t| {
        format!(" (precision ±{:.1}%)", 100.0 * t)
    });
    format!(
        "Scenario “{}” · {} points · {reps}{precision} · seed {} · every point on the same random streams",
        header.scenario,
        done.len(),
        header.seed
    )
}

/// The charts of a sweep (none before the first point is done) of the
/// base scenario `base` (when known: it tells where a swept answer time
/// steps, see [`quick_step`]).
///
/// # Errors
/// When a chart cannot be drawn.
pub fn sweep_charts(
    header: &SweepHeader,
    done: &BTreeMap<usize, PointResult>,
    base: Option<&wom::model::Scenario>,
) -> Result<Vec<Rendered>> {
    let Some(first) = done.values().next() else {
        return Ok(Vec::new());
    };
    let mut axes: Vec<Axis> = header
        .keys
        .iter()
        .enumerate()
        .map(|(k, key)| Axis::new(key, k, done))
        .collect();
    // Keys with one value are settings, not axes: chart the others.
    axes.sort_by_key(|a| a.texts.len() < 2);
    let unit = symbol(&header.currency);
    let sub = subtitle(header, done);
    let others: Vec<&str> = axes[1..]
        .iter()
        .filter(|a| a.texts.len() >= 2)
        .map(|a| a.key.as_str())
        .collect();
    let step = quick_step(&axes[0].key, axes[0].categories().is_none(), base, &others);
    let mut charts = Vec::new();
    if let Some(c) = first.headline() {
        let lost = format!("Value lost by “{}” against “{}”", c.baseline, c.policy);
        charts.push(render(&difference(
            &axes,
            done,
            &lost,
            &unit,
            &sub,
            step.clone(),
        ))?);
        if axes.len() >= 2 && axes[1].texts.len() >= 2 {
            charts.push(render(&heatmap(&axes, done, &lost, &unit, &sub))?);
        }
    }
    charts.push(render(&policies(header, &axes, done, &unit, &sub, step))?);
    Ok(charts)
}

/// The headline difference against the first key.
fn difference(
    axes: &[Axis],
    done: &BTreeMap<usize, PointResult>,
    lost: &str,
    unit: &str,
    sub: &str,
    step: Option<Step>,
) -> LineChart {
    let x = &axes[0];
    let by_second = axes.len() >= 2 && (2..=MAX_SERIES).contains(&axes[1].texts.len());
    let series: Vec<(String, Vec<&PointResult>)> = if by_second {
        let second = &axes[1];
        second
            .texts
            .iter()
            .map(|t| {
                let points = at_first(done, axes, 2)
                    .filter(|p| &p.values[second.k].text == t)
                    .collect();
                (format!("{} = {t}", second.short()), points)
            })
            .collect()
    } else {
        vec![(String::new(), at_first(done, axes, 1).collect())]
    };
    let lines: Vec<Line> = series
        .iter()
        .enumerate()
        .map(|(i, (label, points))| Line {
            label: label.clone(),
            colour: if by_second {
                POLICY_COLOURS[(i + 1) % POLICY_COLOURS.len()]
            } else {
                policy_colour(1)
            },
            points: points
                .iter()
                .filter_map(|p| {
                    let d = &p.headline()?.npv_difference;
                    Some(band(x.x(&p.values[x.k].text), d))
                })
                .collect(),
        })
        .collect();
    let best = best_setting(x, &series, unit);
    let title = match (&best, lines.as_slice()) {
        (Some((_, title)), _) => title.clone(),
        (None, [one]) => match (one.points.first(), one.points.last()) {
            (Some(a), Some(b)) if one.points.len() > 1 => format!(
                "{lost}: {} at {} = {}, {} at {}",
                compact(a.mean, unit),
                x.short(),
                x.texts.first().map_or("", String::as_str),
                compact(b.mean, unit),
                x.texts.last().map_or("", String::as_str),
            ),
            _ => lost.to_string(),
        },
        (None, _) => {
            let means = lines.iter().flat_map(|l| l.points.iter().map(|p| p.mean));
            let (lo, hi) = means.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), m| {
                (a.min(m), b.max(m))
            });
            format!(
                "{lost}: from {} to {} across the sweep",
                compact(lo, unit),
                compact(hi, unit)
            )
        }
    };
    let title = if best.is_some() {
        title
    } else {
        let x_of = |t: &str| x.x(t);
        format!(
            "{title}{}",
            ties_note(&x.key, x.short(), &x.texts, x_of, &lines)
        )
    };
    LineChart {
        stem: "sweep-difference".into(),
        title,
        subtitle: sub.to_string(),
        guide: format!(
            "Line: mean paired difference in NPV ({}); band: its 95% confidence interval{}",
            if best.is_some() {
                "the swept policy's NPV minus the baseline's; ringed: the best setting"
            } else {
                "value lost"
            },
            fixed_note(axes, if by_second { 2 } else { 1 })
        ) + &step_note(step.as_ref()),
        x_label: x.key.clone(),
        y_label: match (&best, series.as_slice()) {
            (Some(_), [(_, points)]) => points
                .first()
                .and_then(|p| p.headline())
                .map(|c| {
                    format!(
                        "Value of “{}” against “{}” ({})",
                        c.policy,
                        c.baseline,
                        unit.trim()
                    )
                })
                .unwrap_or_default(),
            _ => format!("Value lost ({})", unit.trim()),
        },
        x_categories: x.categories(),
        unit: unit.to_string(),
        include_zero: true,
        lines,
        highlight: best.map(|(h, _)| h),
        step,
    }
}

/// When the only swept key is a setting of the compared policy itself
/// (`policies.NAME.…`), the value at stake is that policy's worth against a
/// fixed baseline, so its largest mean is the best setting: the point to
/// ring, and the title that names it. `None` otherwise (a key of the world
/// moves the baseline too), or with several lines or fewer than three
/// points.
fn best_setting(
    x: &Axis,
    series: &[(String, Vec<&PointResult>)],
    unit: &str,
) -> Option<(Highlight, String)> {
    let [(_, points)] = series else {
        return None;
    };
    let c = points.first()?.headline()?;
    if !x.key.starts_with(&format!("policies.{}.", c.policy)) || points.len() < 3 {
        return None;
    }
    let (top, mean) = points
        .iter()
        .filter_map(|p| Some((p, p.headline()?.npv_difference.mean)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    // Settings that give the very same value are named together, not one
    // of them as if it were best.
    let tied: Vec<&str> = points
        .iter()
        .filter(|p| {
            p.headline()
                .is_some_and(|c| c.npv_difference.mean.to_bits() == mean.to_bits())
        })
        .map(|p| p.values[x.k].text.as_str())
        .collect();
    let setting = &top.values[x.k].text;
    let said = if tied.len() > 1 {
        format!("{}, tied{}", or_list(&tied), tie_reason(&x.key))
    } else {
        setting.clone()
    };
    let amount = compact(mean.abs(), unit);
    let than = if mean >= 0.0 { "more" } else { "less" };
    let title = format!(
        "“{}” is worth most with {} = {said}: {amount} {than} than “{}”",
        c.policy,
        x.short(),
        c.baseline
    );
    let label = if tied.len() > 1 {
        format!("best: {} = {}", x.short(), or_list(&tied))
    } else {
        format!("best: {} = {setting}", x.short())
    };
    Some((
        Highlight {
            x: x.x(setting),
            y: mean,
            label,
        },
        title,
    ))
}

/// Each policy's NPV against the first key.
fn policies(
    header: &SweepHeader,
    axes: &[Axis],
    done: &BTreeMap<usize, PointResult>,
    unit: &str,
    sub: &str,
    step: Option<Step>,
) -> LineChart {
    let x = &axes[0];
    let points: Vec<&PointResult> = at_first(done, axes, 1).collect();
    let lines: Vec<Line> = header
        .policies
        .iter()
        .enumerate()
        .map(|(i, name)| Line {
            label: name.clone(),
            colour: policy_colour(i),
            points: points
                .iter()
                .filter_map(|p| Some(band(x.x(&p.values[x.k].text), p.metric(i, Metric::Npv)?)))
                .collect(),
        })
        .collect();
    let best = |p: &PointResult| {
        (0..header.policies.len()).max_by(|&a, &b| {
            let m = |i| {
                p.metric(i, Metric::Npv)
                    .map_or(f64::NEG_INFINITY, |s| s.mean)
            };
            m(a).total_cmp(&m(b))
        })
    };
    let winners: Vec<Option<usize>> = points.iter().map(|p| best(p)).collect();
    let title = match winners.first() {
        Some(Some(w)) if winners.iter().all(|v| v == &Some(*w)) => format!(
            "Most value kept by “{}” at every {} swept",
            header.policies[*w],
            x.short()
        ),
        _ => format!(
            "The policy that keeps the most value changes with {}",
            x.short()
        ),
    };
    LineChart {
        stem: "sweep-policies".into(),
        title,
        subtitle: sub.to_string(),
        guide: format!(
            "Line: mean NPV of each policy over replications; band: 95% confidence interval of the mean{}{}",
            fixed_note(axes, 1),
            step_note(step.as_ref())
        ),
        x_label: x.key.clone(),
        y_label: format!("NPV ({})", unit.trim()),
        x_categories: x.categories(),
        unit: unit.to_string(),
        include_zero: false,
        lines,
        highlight: None,
        step,
    }
}

/// The headline difference over the first two keys.
fn heatmap(
    axes: &[Axis],
    done: &BTreeMap<usize, PointResult>,
    lost: &str,
    unit: &str,
    sub: &str,
) -> Heatmap {
    let (xa, ya) = (&axes[0], &axes[1]);
    let mut cells = vec![vec![None; xa.texts.len()]; ya.texts.len()];
    let mut top: Option<(f64, &str, &str)> = None;
    let mut all: Vec<(f64, &str, &str)> = Vec::new();
    for p in at_first(done, axes, 2) {
        let Some(c) = p.headline() else { continue };
        let (xt, yt) = (&p.values[xa.k].text, &p.values[ya.k].text);
        let col = xa.texts.iter().position(|t| t == xt);
        let row = ya.texts.iter().position(|t| t == yt);
        if let (Some(col), Some(row)) = (col, row) {
            let d = &c.npv_difference;
            cells[row][col] = Some(Cell {
                mean: d.mean,
                lo: d.ci95[0],
                hi: d.ci95[1],
            });
            if top.is_none_or(|(m, _, _)| d.mean > m) {
                top = Some((d.mean, xt, yt));
            }
            all.push((d.mean, xt.as_str(), yt.as_str()));
        }
    }
    let title = top.map_or_else(
        || lost.to_string(),
        |(m, a, b)| {
            let at = tied_cells(
                &all,
                (m, a, b),
                (xa.short(), &xa.key),
                (ya.short(), &ya.key),
            );
            format!("{lost}: largest, {}, at {at}", compact(m, unit),)
        },
    );
    Heatmap {
        stem: "sweep-heatmap".into(),
        title,
        subtitle: sub.to_string(),
        guide: format!(
            "Cell: mean paired difference in NPV (value lost); ~ marks a 95% interval that includes zero{}",
            fixed_note(axes, 2)
        ),
        x_label: xa.key.clone(),
        y_label: ya.key.clone(),
        x_categories: xa.texts.clone(),
        y_categories: ya.texts.clone(),
        cells,
        unit: unit.to_string(),
        legend: format!("Value lost ({})", unit.trim()),
    }
}
