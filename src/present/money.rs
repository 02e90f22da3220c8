//! Money and intervals for people.

use super::format::thousands;

/// The symbol or code prefix of a currency.
pub fn symbol(currency: &str) -> String {
    match currency {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "BGN" => "лв ".into(),
        "GEL" => "₾".into(),
        "KZT" => "₸".into(),
        other => format!("{other} "),
    }
}

/// `$41,200` (negative as `−$41,200`); an amount below half a unit with
/// enough digits to show it is not nothing: `$0.42`, `$0.0031`,
/// `−$4.2e-11`.
pub fn money(value: f64, currency: &str) -> String {
    let a = value.abs();
    if a >= 0.5 || a == 0.0 || !a.is_finite() {
        let sign = if value < -0.5 { "−" } else { "" };
        return format!("{sign}{}{}", symbol(currency), thousands(a, 0));
    }
    let sign = if value < 0.0 { "−" } else { "" };
    let digits = if a >= 0.005 {
        format!("{a:.2}")
    } else if a >= 1e-9 {
        // Two significant digits.
        let decimals = (-a.log10()).ceil() as usize + 1;
        format!("{a:.decimals$}")
    } else {
        format!("{a:.1e}")
    };
    format!("{sign}{}{digits}", symbol(currency))
}

/// A number with separators and a sensible number of decimals.
pub fn amount(value: f64) -> String {
    if value.abs() >= 100.0 || value == value.round() {
        thousands(value, 0)
    } else {
        thousands(value, 1)
    }
}

/// `38,900–43,500` for an interval.
pub fn interval(lo: f64, hi: f64, currency: Option<&str>) -> String {
    // An en dash between two negative numbers reads as a minus: say "to".
    let sep = if lo < 0.0 || hi < 0.0 { " to " } else { "–" };
    match currency {
        Some(c) => format!("{}{sep}{}", money(lo, c), money(hi, c)),
        None => format!("{}{sep}{}", amount(lo), amount(hi)),
    }
}

/// A mean and its 95% interval as a table shows them: the mean (money
/// when `currency` is given), then the interval between `open` and
/// `close` (`"  ("`, `")"` on a terminal; HTML tags in a report).
pub fn mean_and_interval(
    mean: f64,
    ci95: [f64; 2],
    currency: Option<&str>,
    (open, close): (&str, &str),
) -> String {
    let value = match currency {
        Some(c) => money(mean, c),
        None => amount(mean),
    };
    format!(
        "{value}{open}{}{close}",
        interval(ci95[0], ci95[1], currency)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money() {
        assert_eq!(money(41_200.4, "USD"), "$41,200");
        assert_eq!(money(-1_500.0, "EUR"), "−€1,500");
        assert_eq!(money(12.0, "CHF"), "CHF 12");
        assert_eq!(interval(38_900.0, 43_500.0, None), "38,900–43,500");
    }

    #[test]
    fn a_sub_dollar_amount_is_not_shown_as_nothing() {
        assert_eq!(money(0.0, "USD"), "$0");
        assert_eq!(money(0.42, "USD"), "$0.42");
        assert_eq!(money(-0.42, "USD"), "−$0.42");
        assert_eq!(money(0.0031, "USD"), "$0.0031");
        assert_eq!(money(0.001, "USD"), "$0.0010");
        assert_eq!(money(-4.2e-11, "EUR"), "−€4.2e-11");
        assert_eq!(interval(0.0012, 0.034, Some("USD")), "$0.0012–$0.03");
    }
}
