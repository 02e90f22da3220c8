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

/// `$41,200` (negative as `−$41,200`).
pub fn money(value: f64, currency: &str) -> String {
    let sign = if value < -0.5 { "−" } else { "" };
    format!("{sign}{}{}", symbol(currency), thousands(value.abs(), 0))
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
}
