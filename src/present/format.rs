//! Numbers for people: thousands separators, currency, intervals, durations.

/// `1234567.891` with `decimals` → `1,234,567.89`.
pub fn thousands(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An integer count with separators.
pub fn count(value: u64) -> String {
    thousands(value as f64, 0)
}

/// `1 thread`, `2 threads`.
pub fn threads(n: usize) -> String {
    if n == 1 {
        "1 thread".to_owned()
    } else {
        format!("{n} threads")
    }
}

/// A duration in seconds, scaled to ms or s.
pub fn seconds(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.1} µs", s * 1e6)
    } else if s < 1.0 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

/// A time in hours for people: `18 s`, `45 min`, `1.5 h`, `26 h`,
/// `2.5 days`.
pub fn hours(h: f64) -> String {
    if !h.is_finite() {
        return h.to_string();
    }
    let trim = |t: String| {
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            t
        }
    };
    if h > 0.0 && h < 1.0 / 60.0 {
        let decimals = if h < 10.0 / 3600.0 { 1 } else { 0 };
        format!("{} s", trim(thousands(h * 3600.0, decimals)))
    } else if h < 1.0 {
        let decimals = if h < 10.0 / 60.0 { 1 } else { 0 };
        format!("{} min", trim(thousands(h * 60.0, decimals)))
    } else if h < 48.0 {
        format!("{} h", trim(thousands(h, 1)))
    } else {
        format!("{} days", trim(thousands(h / 24.0, 1)))
    }
}

/// A range of times in hours, both ends in the unit of the longer one:
/// `15.3–15.6 h`, `1.99–2.04 days`, `0–1.2 min`.
pub fn hours_range(lo: f64, hi: f64) -> String {
    let top = lo.abs().max(hi.abs());
    let (scale, unit, decimals) = if top < 1.0 {
        (60.0, "min", if top < 10.0 / 60.0 { 1 } else { 0 })
    } else if top < 48.0 {
        (1.0, "h", 1)
    } else {
        (1.0 / 24.0, "days", 1)
    };
    let trim = |x: f64, decimals: usize| {
        let t = thousands(x * scale, decimals);
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            t
        }
    };
    // One more decimal when the ends would otherwise read the same.
    let decimals = if lo != hi && trim(lo, decimals) == trim(hi, decimals) {
        decimals + 1
    } else {
        decimals
    };
    format!("{}–{} {unit}", trim(lo, decimals), trim(hi, decimals))
}

/// A share in [0, 1] as a percentage: `52.7%`, `100%`.
pub fn percent(share: f64) -> String {
    let v = 100.0 * share;
    if (v - v.round()).abs() < 0.05 {
        format!("{v:.0}%")
    } else {
        format!("{v:.1}%")
    }
}

/// A share given in the scenario as a percentage, exactly: a whole
/// percentage without decimals (`25%`), otherwise with one (`12.5%`).
pub fn percent_exact(share: f64) -> String {
    let v = 100.0 * share;
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}%")
    } else {
        format!("{}%", thousands(v, 1))
    }
}

/// `text` safe to print on a terminal: every control character but the
/// newline written as an escape (`\u{1b}`), so a name or path read from a
/// file cannot move the cursor or change colours.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The most characters of one error message printed.
pub const MAX_MESSAGE: usize = 4000;

/// `text` cut at [`MAX_MESSAGE`] characters, saying how much was left out.
pub fn capped(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}… ({} more bytes)", &text[..at], text.len() - at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_shares_read_as_people_say_them() {
        assert_eq!(hours(0.0), "0 min");
        assert_eq!(hours(0.75), "45 min");
        assert_eq!(hours(0.005), "18 s");
        assert_eq!(hours(1.0), "1 h");
        assert_eq!(hours(16.27), "16.3 h");
        assert_eq!(hours(60.0), "2.5 days");
        assert_eq!(hours_range(15.3, 15.6), "15.3–15.6 h");
        assert_eq!(hours_range(47.7, 49.0), "1.99–2.04 days");
        assert_eq!(hours_range(0.0, 0.02), "0–1.2 min");
        assert_eq!(hours(0.03), "1.8 min");
        assert_eq!(percent(0.527), "52.7%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(thousands(-41_200.0, 0), "-41,200");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-0.001, 0), "0");
        assert_eq!(count(1000), "1,000");
    }

    #[test]
    fn control_characters_print_as_escapes() {
        assert_eq!(printable("a\u{1b}[31mb\nc\0"), "a\\u{1b}[31mb\nc\\u{0}");
    }
}
