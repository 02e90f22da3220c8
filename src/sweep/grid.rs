//! Sweep points from axes: the full grid (every combination) or the axes
//! zipped (the i-th value of each), refused above a cap before any work.

use super::SpecError;
use super::spec::Axis;
use toml::Value;

/// Most points a sweep may have.
pub const MAX_POINTS: usize = 10_000;

/// How several axes combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Every combination; the first axis varies slowest (row-major).
    Grid,
    /// The i-th values of every axis together; equal lengths required.
    Zip,
}

/// One point of a sweep: a value for every swept key.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Position in the sweep, from 0; rows are always written in this order.
    pub index: usize,
    /// `(key, value)` in axis order.
    pub assignments: Vec<(String, Value)>,
}

/// Expands axes into points, in order.
///
/// ```
/// use wom::sweep::grid::{Combine, expand};
/// use wom::sweep::spec::parse_axis;
/// let axes = [parse_axis("a=1,2,3", 100).unwrap(), parse_axis("b=0:0.3:0.1", 100).unwrap()];
/// let grid = expand(&axes, Combine::Grid, 100).unwrap();
/// assert_eq!(grid.len(), 12);
/// assert_eq!(grid[1].assignments[1].1, toml::Value::Float(0.1));
/// ```
///
/// # Errors
/// A [`SpecError`] for no axes, a key given twice, zipped axes of unequal
/// lengths, or more than `cap` points.
pub fn expand(axes: &[Axis], combine: Combine, cap: usize) -> Result<Vec<Point>, SpecError> {
    let Some(first) = axes.first() else {
        return Err(SpecError::new(
            "--set",
            "",
            "nothing to sweep; give at least one --set KEY=VALUES",
        ));
    };
    for (i, a) in axes.iter().enumerate() {
        if axes[..i].iter().any(|b| b.key == a.key) {
            return Err(SpecError::new(
                "--set",
                &a.key,
                "this key is swept twice; give each key once",
            ));
        }
    }
    let total = match combine {
        Combine::Zip => {
            if let Some(bad) = axes.iter().find(|a| a.values.len() != first.values.len()) {
                return Err(SpecError::new(
                    "--zip",
                    "",
                    format!(
                        "zipped keys need the same number of values, but `{}` has {} and `{}` has {}",
                        first.key,
                        first.values.len(),
                        bad.key,
                        bad.values.len()
                    ),
                ));
            }
            first.values.len()
        }
        Combine::Grid => axes
            .iter()
            .try_fold(1usize, |n, a| n.checked_mul(a.values.len()))
            .unwrap_or(usize::MAX),
    };
    if total > cap {
        let sizes: Vec<String> = axes.iter().map(|a| a.values.len().to_string()).collect();
        return Err(SpecError::new(
            "--set",
            "",
            format!(
                "the grid has {} points ({}), more than the cap of {cap}; use fewer values, a larger step, or --zip",
                if total == usize::MAX {
                    "too many".to_string()
                } else {
                    total.to_string()
                },
                sizes.join(" × ")
            ),
        ));
    }
    Ok((0..total)
        .map(|index| {
            let mut rest = index;
            let mut assignments: Vec<(String, Value)> = Vec::with_capacity(axes.len());
            for a in axes.iter().rev() {
                let i = match combine {
                    Combine::Zip => index,
                    Combine::Grid => {
                        let i = rest % a.values.len();
                        rest /= a.values.len();
                        i
                    }
                };
                assignments.push((a.key.clone(), a.values[i].clone()));
            }
            assignments.reverse();
            Point { index, assignments }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::spec::parse_axis;

    fn axes(specs: &[&str]) -> Vec<Axis> {
        specs.iter().map(|s| parse_axis(s, 1000).unwrap()).collect()
    }

    #[test]
    fn grid_is_row_major_and_zip_pairs() {
        let a = axes(&["a=1,2,3", "b=10,20,30,40"]);
        let g = expand(&a, Combine::Grid, 100).unwrap();
        assert_eq!(g.len(), 12);
        let pair = |p: &Point| (p.assignments[0].1.clone(), p.assignments[1].1.clone());
        assert_eq!(pair(&g[0]), (Value::Integer(1), Value::Integer(10)));
        assert_eq!(pair(&g[5]), (Value::Integer(2), Value::Integer(20)));
        assert_eq!(g[11].index, 11);
        let z = expand(&axes(&["a=1,2,3", "b=4,5,6"]), Combine::Zip, 100).unwrap();
        assert_eq!(z.len(), 3);
        assert_eq!(pair(&z[2]), (Value::Integer(3), Value::Integer(6)));
    }

    #[test]
    fn refuses_before_building() {
        let big = axes(&["a=0:99:1", "b=0:99:1", "c=0:1:1"]);
        let e = expand(&big, Combine::Grid, MAX_POINTS).unwrap_err();
        assert!(e.reason.contains("20000 points (100 × 100 × 2)"), "{e}");
        let e = expand(&axes(&["a=1,2", "b=1,2,3"]), Combine::Zip, 100).unwrap_err();
        assert!(e.reason.contains("same number of values"), "{e}");
        let e = expand(&axes(&["a=1,2", "a=3"]), Combine::Grid, 100).unwrap_err();
        assert!(e.reason.contains("swept twice"), "{e}");
        assert!(expand(&[], Combine::Grid, 100).is_err());
    }
}
