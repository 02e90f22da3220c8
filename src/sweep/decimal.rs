//! Exact decimal ranges for sweeps: `0:0.5:0.05` is 11 points, each the
//! decimal it reads as, with no floating-point drift.
//!
//! The three numbers are parsed as scaled integers (`0.05` is 5 × 10⁻²),
//! brought to a common scale, and every point is `start + i × step` in
//! integers; only then is a point turned into a TOML value, an integer when
//! all three numbers were written without a decimal point, else the float
//! nearest to the exact decimal (so `0.15` is exactly the float `0.15`, not
//! `0.1 + 0.05`). After hyperfine's `parameter/range_step.rs`.

use super::SpecError;
use toml::Value;

/// Most digits after the decimal point (keeps every mantissa in `i128`).
const MAX_SCALE: u32 = 18;

/// An exact decimal `mantissa × 10^(−scale)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer, with the sign.
    pub mantissa: i128,
    /// Digits after the decimal point.
    pub scale: u32,
    /// Written without a decimal point (a TOML integer).
    pub integer: bool,
}

impl Decimal {
    /// Parses a plain decimal: optional sign, digits, optional `.` and
    /// digits (`-1`, `0.05`, `.5`, `24`). No exponent, no `_`.
    ///
    /// ```
    /// use wom::sweep::decimal::Decimal;
    /// let d = Decimal::parse("0.05").unwrap();
    /// assert_eq!((d.mantissa, d.scale, d.integer), (5, 2, false));
    /// assert!(Decimal::parse("1e3").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, digits) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let frac_digits = frac.unwrap_or("");
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac_digits.is_empty())
            || !all_digits(int)
            || !all_digits(frac_digits)
            || frac_digits.len() > MAX_SCALE as usize
            || int.len() > 20
        {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac_digits.bytes()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        Some(Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale: frac_digits.len() as u32,
            integer: frac.is_none(),
        })
    }

    /// The mantissa at a larger `scale`, if it fits.
    fn at_scale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale.checked_sub(self.scale)?)?)
    }
}

/// The decimal text of `mantissa × 10^(−scale)`, e.g. `(15, 2)` → `0.15`.
fn decimal_text(mantissa: i128, scale: u32) -> String {
    let digits = mantissa.unsigned_abs().to_string();
    let sign = if mantissa < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let scale = scale as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// Expands `START:END:STEP` into its points, refusing a zero or negative
/// step, an end before the start, and more than `cap` points, before
/// allocating anything.
///
/// `spec` is the whole `--set` argument, for messages.
///
/// # Errors
/// A [`SpecError`] naming the problem and what is allowed.
pub fn expand_range(
    spec: &str,
    start: &str,
    end: &str,
    step: &str,
    cap: usize,
) -> Result<Vec<Value>, SpecError> {
    let err = |reason: String| SpecError::new("--set", spec, reason);
    let parse = |what: &str, text: &str| {
        Decimal::parse(text).ok_or_else(|| {
            err(format!(
                "the range's {what} `{}` is not a plain decimal number; a range is START:END:STEP, e.g. 0:0.5:0.05",
                text.trim()
            ))
        })
    };
    let (a, b, s) = (
        parse("start", start)?,
        parse("end", end)?,
        parse("step", step)?,
    );
    let scale = a.scale.max(b.scale).max(s.scale);
    let too_big = || err("the range's numbers are too large".into());
    let (a_m, b_m, s_m) = (
        a.at_scale(scale).ok_or_else(too_big)?,
        b.at_scale(scale).ok_or_else(too_big)?,
        s.at_scale(scale).ok_or_else(too_big)?,
    );
    if s_m <= 0 {
        return Err(err(format!(
            "the step is {}; it must be greater than zero",
            step.trim()
        )));
    }
    if b_m < a_m {
        return Err(err(format!(
            "the range is empty: its end {} is before its start {}",
            end.trim(),
            start.trim()
        )));
    }
    let count = (b_m - a_m) / s_m + 1;
    if count > cap as i128 {
        return Err(err(format!(
            "the range has {count} points, more than the cap of {cap}; use a larger step"
        )));
    }
    let integer = a.integer && b.integer && s.integer;
    (0..count)
        .map(|i| {
            let m = a_m + i * s_m;
            if integer {
                i64::try_from(m).map(Value::Integer).map_err(|_| too_big())
            } else {
                decimal_text(m, scale)
                    .parse::<f64>()
                    .map(Value::Float)
                    .map_err(|_| too_big())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(a: &str, b: &str, s: &str) -> Result<Vec<Value>, SpecError> {
        expand_range("k=range", a, b, s, 10_000)
    }

    #[test]
    fn eleven_exact_points() {
        let v = range("0", "0.5", "0.05").unwrap();
        assert_eq!(v.len(), 11);
        let expected = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
        for (got, want) in v.iter().zip(expected) {
            assert_eq!(got, &Value::Float(want));
        }
        // Accumulating floats would drift: 0.1 + 0.05 != 0.15.
        assert_ne!(0.1 + 0.05, 0.15);
    }

    #[test]
    fn integers_stay_integers() {
        let v = range("0", "48", "12").unwrap();
        assert_eq!(
            v,
            [0, 12, 24, 36, 48].map(Value::Integer).to_vec(),
            "integer ranges give TOML integers"
        );
        assert_eq!(range("1", "2", "0.5").unwrap()[1], Value::Float(1.5));
    }

    #[test]
    fn end_off_the_grid_is_not_reached() {
        let v = range("0.04", "0.5", "0.115").unwrap();
        assert_eq!(v.len(), 5);
        assert_eq!(v[4], Value::Float(0.5));
        assert_eq!(range("0", "1", "0.3").unwrap().len(), 4);
    }

    #[test]
    fn refuses_bad_ranges() {
        let reason = |r: Result<Vec<Value>, SpecError>| r.unwrap_err().reason;
        assert!(reason(range("0", "1", "0")).contains("greater than zero"));
        assert!(reason(range("0", "1", "-0.1")).contains("greater than zero"));
        assert!(reason(range("1", "0", "0.1")).contains("before its start"));
        assert!(reason(range("0", "1", "0.00001")).contains("cap of 10000"));
        assert!(reason(range("0", "1e3", "1")).contains("plain decimal"));
        assert!(reason(range("0", "x", "1")).contains("end `x`"));
    }

    #[test]
    fn negative_and_text() {
        let v = range("-1", "1", "0.5").unwrap();
        assert_eq!(v[0], Value::Float(-1.0));
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(150, 2), "1.50");
        assert_eq!(Decimal::parse(".5").map(|d| d.mantissa), Some(5));
        assert!(Decimal::parse("-").is_none() && Decimal::parse("1.2.3").is_none());
    }
}
