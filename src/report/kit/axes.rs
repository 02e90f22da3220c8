//! Axis helpers of the sweep and sensitivity charts: an axis with ticks
//! exactly at the swept values, compact money labels, and padded ranges.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A numeric axis with ticks exactly where given (the swept values, or
/// category indices); label them with a formatter.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticked {
    /// Lowest value shown.
    pub lo: f64,
    /// Highest value shown.
    pub hi: f64,
    /// Where the ticks and grid lines go.
    pub ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = if self.hi > self.lo {
            (value - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        };
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// `23,400` → `$23.4k`, `-1_250_000` → `−$1.25M`, with `unit` before the
/// number (a currency symbol, or empty).
pub fn compact(value: f64, unit: &str) -> String {
    let sign = if value < 0.0 && value.abs() >= 0.5 {
        "−"
    } else {
        ""
    };
    let a = value.abs();
    let (scaled, suffix) = if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "k")
    } else {
        (a, "")
    };
    let digits = if suffix.is_empty() || scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{scaled:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{sign}{unit}{text}{suffix}")
}

/// A label for `value` on an axis from `lo` to `hi` with about eight
/// ticks: the suffix (k, M) of the axis's largest value, and as many
/// decimals as keep neighbouring ticks apart (`$152.4k`, `$152.8k`).
pub fn axis_label(value: f64, unit: &str, lo: f64, hi: f64) -> String {
    let top = lo.abs().max(hi.abs());
    let (scale, suffix) = if top >= 1e6 {
        (1e6, "M")
    } else if top >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    if value == 0.0 {
        return format!("{unit}0");
    }
    let step = ((hi - lo) / 8.0 / scale).abs();
    let digits = if step > 0.0 && step < 1.0 {
        ((-step.log10()).ceil() as usize).min(4)
    } else {
        0
    };
    let sign = if value < 0.0 && (value / scale).abs() >= 0.5 * 10f64.powi(-(digits as i32)) {
        "−"
    } else {
        ""
    };
    format!("{sign}{unit}{:.digits$}{suffix}", (value / scale).abs())
}

/// A number for an axis tick: at most 4 decimals, trailing zeros trimmed.
pub fn tick(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// At most `max` evenly spread items of `points` (first and last kept).
pub fn thin<T: Clone>(points: &[T], max: usize) -> Vec<T> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let step = (points.len() - 1).div_ceil(max - 1);
    let mut out: Vec<T> = points.iter().step_by(step).cloned().collect();
    if !(points.len() - 1).is_multiple_of(step)
        && let Some(last) = points.last()
    {
        out.push(last.clone());
    }
    out
}

/// The range of the finite `values`, widened by `pad` of its span on each
/// side; never empty.
pub fn padded(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    (lo - pad * span, hi + pad * span)
}

/// Histogram counts of each series in `n_bins` bins of `width` from
/// `start` (a value outside falls in the nearest end bin).
pub fn bin_counts<V: AsRef<[f64]>>(
    values: &[V],
    start: f64,
    width: f64,
    n_bins: usize,
) -> Vec<Vec<u32>> {
    values
        .iter()
        .map(|v| {
            let mut c = vec![0u32; n_bins];
            for x in v.as_ref() {
                let i = ((x - start) / width)
                    .floor()
                    .clamp(0.0, (n_bins - 1) as f64);
                c[i as usize] += 1;
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_ranges() {
        assert_eq!(compact(23_400.0, "$"), "$23.4k");
        assert_eq!(compact(-1_250_000.0, "$"), "−$1.25M");
        assert_eq!(compact(512.4, ""), "512");
        assert_eq!(tick(0.150_000_000_000_000_02), "0.15");
        assert_eq!(tick(24.0), "24");
        assert_eq!(thin(&[1, 2, 3], 5), [1, 2, 3]);
        assert_eq!(thin(&(0..21).collect::<Vec<_>>(), 6), [0, 4, 8, 12, 16, 20]);
        assert_eq!(padded([1.0, 3.0].into_iter(), 0.5), (0.0, 4.0));
        assert_eq!(padded(std::iter::empty(), 0.1), (-1.0, 1.0));
        assert_eq!(axis_label(152_400.0, "$", 150_000.0, 153_000.0), "$152.4k");
        assert_eq!(axis_label(5_000.0, "$", 0.0, 15_000.0), "$5k");
        assert_eq!(axis_label(-2_000.0, "$", -4_000.0, 15_000.0), "−$2k");
        assert_eq!(axis_label(0.0, "$", 0.0, 15_000.0), "$0");
        assert_eq!(axis_label(0.5, "", -1.0, 1.0), "0.5");
    }
}
