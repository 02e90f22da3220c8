//! The swept keys of a sweep as chart axes (their distinct values, in
//! order of first appearance, as numbers when every value is one), and the
//! points at the first value of the other keys, for the sweep charts.

use super::sweep_lines::BandPoint;
use std::collections::BTreeMap;
use wom::stats::Summary;
use wom::sweep::point::PointResult;

/// The distinct values of one swept key, in order of first appearance.
pub(super) struct Axis {
    pub(super) key: String,
    /// Its position among the swept keys (in `PointResult::values`).
    pub(super) k: usize,
    pub(super) texts: Vec<String>,
    /// The value of each text as a number, if every value is one.
    pub(super) numbers: Option<Vec<f64>>,
}

impl Axis {
    pub(super) fn new(key: &str, k: usize, done: &BTreeMap<usize, PointResult>) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut numbers = Vec::new();
        for p in done.values() {
            let v = &p.values[k];
            if !texts.contains(&v.text) {
                texts.push(v.text.clone());
                numbers.push(v.number);
            }
        }
        Axis {
            key: key.to_string(),
            k,
            texts,
            numbers: numbers.into_iter().collect(),
        }
    }

    /// Position of a value on the axis.
    pub(super) fn x(&self, text: &str) -> f64 {
        let i = self.texts.iter().position(|t| t == text).unwrap_or(0);
        self.numbers.as_ref().map_or(i as f64, |n| n[i])
    }

    pub(super) fn categories(&self) -> Option<Vec<String>> {
        self.numbers.is_none().then(|| self.texts.clone())
    }

    /// The key's last dotted part, for titles and legends.
    pub(super) fn short(&self) -> &str {
        self.key.rsplit('.').next().unwrap_or(&self.key)
    }
}

pub(super) fn band(x: f64, s: &Summary) -> BandPoint {
    BandPoint {
        x,
        mean: s.mean,
        lo: s.ci95[0],
        hi: s.ci95[1],
    }
}

/// Points whose keys from `from` on are at their first value.
pub(super) fn at_first<'a>(
    done: &'a BTreeMap<usize, PointResult>,
    axes: &'a [Axis],
    from: usize,
) -> impl Iterator<Item = &'a PointResult> + 'a {
    done.values().filter(move |p| {
        axes.iter()
            .skip(from)
            .all(|a| a.texts.first() == Some(&p.values[a.k].text))
    })
}

/// "Other swept keys at their first value: …", or empty.
pub(super) fn fixed_note(axes: &[Axis], from: usize) -> String {
    let fixed: Vec<String> = axes
        .iter()
        .skip(from)
        .map(|a| {
            format!(
                "{} = {}",
                a.short(),
                a.texts.first().map_or("", String::as_str)
            )
        })
        .collect();
    if fixed.is_empty() {
        String::new()
    } else {
        format!(
            "; other swept keys at their first value: {}",
            fixed.join(", ")
        )
    }
}
