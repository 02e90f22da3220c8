//! The checks every scenario key goes through: errors that name the file,
//! the key, the value and what is allowed. A leaf of the scenario layer:
//! the conversions of `convert`, `dist` and `network` all use it, and a new
//! key takes the check of its class from here, so that every value the
//! model computes with stays finite and every text prints safely:
//!
//! - probabilities: [`Check::prob`];
//! - money (margins, costs, refunds): [`Check::money`], at most
//!   [`MAX_MONEY`];
//! - hours: [`Check::hours`], at most [`MAX_HOURS`]; multipliers:
//!   [`Check::factor`]; other bounded numbers (rates, dispersions):
//!   [`Check::range`];
//! - whole numbers: [`Check::whole`];
//! - texts shown to people (names, labels, currencies): [`Check::text`];
//!   free text (descriptions): [`Check::free_text`]; names used as keys
//!   (policies, segments): [`Check::name`];
//! - distributions: [`Check::count_mean`] (the mean of a count a person
//!   draws, at most the network's size) and [`Check::weights`] (empirical
//!   weights: finite, `>= 0`, a positive finite sum).

use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{ErrorKind, ScenarioError};

/// The allowed text for every probability.
pub(crate) const PROBABILITY: &str = "a probability in [0, 1]";
/// The allowed text for hours and other non-negative amounts.
pub(crate) const NON_NEGATIVE: &str = "a finite number >= 0";
/// The largest amount of money any key may hold: a trillion per customer
/// and period (or per complaint). Far above any business, and low enough
/// that every sum, present value and variance over `u32::MAX` people,
/// 10,000 periods and 10,000,000 replications stays finite.
pub(crate) const MAX_MONEY: f64 = 1e12;
/// The longest duration any key may hold, in hours (about 114 years): far
/// beyond any horizon, and low enough that sums of durations over every
/// complaint of a run stay finite.
pub(crate) const MAX_HOURS: f64 = 1e6;
/// The allowed text for hours.
pub(crate) const HOURS: &str = "a number of hours from 0 to 1000000 (about 114 years)";
/// The largest multiplier a segment may apply to a policy's rate, cost or
/// time.
pub(crate) const MAX_FACTOR: f64 = 1000.0;

/// A float written as TOML writes it (`nan`, `inf`, `1.0`).
pub(crate) struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            x if x.is_nan() => f.write_str("nan"),
            x if x.is_infinite() => f.write_str(if x > 0.0 { "inf" } else { "-inf" }),
            x => write!(f, "{x:?}"),
        }
    }
}

/// Builds errors that name the scenario file, and places relative paths.
#[derive(Clone, Copy)]
pub(crate) struct Check<'a> {
    /// The scenario file (or the result file holding a resolved scenario).
    pub file: &'a Path,
    /// Whether a relative `network.path` is joined to `file`'s directory
    /// (a scenario file) or taken as it is (a resolved scenario, whose paths
    /// were joined when it was first read).
    pub join_paths: bool,
}

impl Check<'_> {
    /// Where a network path written in the scenario points.
    pub fn path(&self, path: &str) -> PathBuf {
        let path = Path::new(path);
        if path.is_absolute() || !self.join_paths {
            path.to_owned()
        } else {
            self.file.parent().unwrap_or(Path::new("")).join(path)
        }
    }

    pub fn error(&self, kind: ErrorKind) -> ScenarioError {
        ScenarioError::new(Some(self.file.to_owned()), kind)
    }

    pub fn invalid(&self, key: &str, value: impl fmt::Display, allowed: &str) -> ScenarioError {
        self.error(ErrorKind::Invalid {
            key: key.to_owned(),
            value: value.to_string(),
            allowed: allowed.to_owned(),
            suggestion: None,
        })
    }

    /// `Ok(x)` when `ok(x)`, else an [`ErrorKind::Invalid`] for `key`.
    pub fn float(&self, key: &str, x: f64, ok: bool, allowed: &str) -> Result<f64, ScenarioError> {
        if ok {
            Ok(x)
        } else {
            Err(self.invalid(key, Num(x), allowed))
        }
    }

    pub fn prob(&self, key: &str, v: Option<f64>, default: f64) -> Result<f64, ScenarioError> {
        let x = v.unwrap_or(default);
        self.float(key, x, (0.0..=1.0).contains(&x), PROBABILITY)
    }

    pub fn non_negative(
        &self,
        key: &str,
        v: Option<f64>,
        default: f64,
    ) -> Result<f64, ScenarioError> {
        let x = v.unwrap_or(default);
        self.float(key, x, x.is_finite() && x >= 0.0, NON_NEGATIVE)
    }

    pub fn whole(
        &self,
        key: &str,
        v: Option<u32>,
        default: u32,
        lo: u32,
        hi: u32,
    ) -> Result<u32, ScenarioError> {
        let x = v.unwrap_or(default);
        if (lo..=hi).contains(&x) {
            Ok(x)
        } else {
            Err(self.invalid(key, x, &format!("a whole number from {lo} to {hi}")))
        }
    }

    /// Checks the name of a `[TABLE.NAME]` (a policy, a segment): ASCII
    /// letters, digits, `_` and `-`, not empty.
    pub fn name(&self, table: &str, name: &str) -> Result<(), ScenarioError> {
        let valid = |ch: char| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-';
        if name.is_empty() || !name.chars().all(valid) {
            let allowed = "a name of ASCII letters, digits, `_` and `-`";
            return Err(self.invalid(&format!("{table}.{name:?}"), format!("{name:?}"), allowed));
        }
        Ok(())
    }

    /// A number of hours (a response time, a hand-off): finite, from 0 to
    /// [`MAX_HOURS`].
    pub fn hours(&self, key: &str, v: Option<f64>, default: f64) -> Result<f64, ScenarioError> {
        let x = v.unwrap_or(default);
        let ok = x.is_finite() && (0.0..=MAX_HOURS).contains(&x);
        self.float(key, x, ok, HOURS)
    }

    /// A multiplier of a policy's rate, cost or time (a segment's
    /// `resolve_factor`, `handle_factor`): finite, from 0 to [`MAX_FACTOR`].
    pub fn factor(&self, key: &str, v: Option<f64>, default: f64) -> Result<f64, ScenarioError> {
        self.range(key, v, default, 0.0, MAX_FACTOR)
    }

    /// Money: a finite amount from 0 to [`MAX_MONEY`].
    pub fn money(&self, key: &str, v: Option<f64>, default: f64) -> Result<f64, ScenarioError> {
        let x = v.unwrap_or(default);
        let ok = x.is_finite() && (0.0..=MAX_MONEY).contains(&x);
        self.float(
            key,
            x,
            ok,
            "an amount of money, a finite number from 0 to 1e12",
        )
    }

    /// A finite number from `lo` to `hi` (both included).
    pub fn range(
        &self,
        key: &str,
        v: Option<f64>,
        default: f64,
        lo: f64,
        hi: f64,
    ) -> Result<f64, ScenarioError> {
        let x = v.unwrap_or(default);
        let allowed = format!("a finite number from {lo} to {hi}");
        self.float(key, x, x.is_finite() && (lo..=hi).contains(&x), &allowed)
    }

    /// The mean of a count a person draws (how many they tell): finite,
    /// from 0 to `max` (the network's size: no one tells more people than
    /// there are), which also keeps it within what the samplers accept.
    pub fn count_mean(&self, key: &str, mean: f64, max: f64) -> Result<f64, ScenarioError> {
        let ok = mean.is_finite() && (0.0..=max).contains(&mean);
        let allowed = format!(
            "a mean from 0 to {max} (the people in the network: no one tells more people than there are)"
        );
        self.float(key, mean, ok, &allowed)
    }

    /// The weights of an empirical distribution: each finite and `>= 0`,
    /// with a positive, finite sum.
    pub fn weights(&self, key: &str, weights: &[f64]) -> Result<(), ScenarioError> {
        for (i, w) in weights.iter().enumerate() {
            self.non_negative(&format!("{key}[{i}]"), Some(*w), 0.0)?;
        }
        // Checked by building the sampler's own table from them
        // (`rng::alias_table`), so that what passes here can be drawn from.
        if crate::rng::alias_table(weights).is_some() {
            return Ok(());
        }
        let value = format!(
            "[{}]",
            weights
                .iter()
                .map(|w| Num(*w).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let allowed = format!(
            "weights >= 0, each at most {}, with a positive, finite sum",
            Num(f64::MAX / weights.len().max(1) as f64)
        );
        Err(self.invalid(key, value, &allowed))
    }

    /// A text shown to people (a name, a label, a currency): not blank, no
    /// control characters (they would move the terminal's cursor, break
    /// the charts' SVG and put raw bytes into report.html).
    pub fn text(
        &self,
        key: &str,
        v: Option<String>,
        default: &str,
    ) -> Result<String, ScenarioError> {
        let s = v.unwrap_or_else(|| default.to_owned());
        if s.trim().is_empty() {
            return Err(self.invalid(key, format!("{s:?}"), "a non-empty string"));
        }
        self.no_control(key, &s, false)?;
        Ok(s)
    }

    /// Free text (a description): may be empty and span lines (newlines
    /// and tabs are kept; a CR only before a newline), no other control
    /// characters.
    pub fn free_text(
        &self,
        key: &str,
        v: Option<String>,
        default: &str,
    ) -> Result<String, ScenarioError> {
        let s = v.unwrap_or_else(|| default.to_owned());
        self.no_control(key, &s, true)?;
        Ok(s)
    }

    fn no_control(&self, key: &str, s: &str, lines: bool) -> Result<(), ScenarioError> {
        match control_character(s, lines) {
            None => Ok(()),
            Some(c) => {
                let allowed = if lines {
                    "text without control characters (newlines and tabs are allowed)"
                } else {
                    "text on one line without control characters"
                };
                let value = format!("{s:?} (with {:?})", c);
                Err(self.invalid(key, value, allowed))
            }
        }
    }
}

/// The first control character of `s` (Unicode category Cc: C0, DEL and
/// C1), if any; with `lines`, newlines, tabs and a CR before a newline are
/// allowed.
///
/// ```
/// use wom::scenario::control_character;
/// assert_eq!(control_character("shop\u{1b}[2J", false), Some('\u{1b}'));
/// assert_eq!(control_character("two\nlines", true), None);
/// ```
pub fn control_character(s: &str, lines: bool) -> Option<char> {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed =
            lines && (c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
        if c.is_control() && !allowed {
            return Some(c);
        }
    }
    None
}
