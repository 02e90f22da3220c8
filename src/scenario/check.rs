//! The checks every scenario key goes through: errors that name the file,
//! the key, the value and what is allowed. A leaf of the scenario layer:
//! the conversions of `convert`, `dist` and `network` all use it.

use std::fmt;
use std::path::{Path, PathBuf};

use super::error::{ErrorKind, ScenarioError};

/// The allowed text for every probability.
pub(crate) const PROBABILITY: &str = "a probability in [0, 1]";
/// The allowed text for costs, hours and other non-negative amounts.
pub(crate) const NON_NEGATIVE: &str = "a finite number >= 0";

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

    pub fn text(
        &self,
        key: &str,
        v: Option<String>,
        default: &str,
    ) -> Result<String, ScenarioError> {
        let s = v.unwrap_or_else(|| default.to_owned());
        if s.trim().is_empty() {
            Err(self.invalid(key, format!("{s:?}"), "a non-empty string"))
        } else {
            Ok(s)
        }
    }
}
