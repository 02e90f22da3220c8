//! The text of `--set KEY=VALUES` (a sweep axis) and `--vary KEY=LOW:HIGH`
//! (a sensitivity range).
//!
//! Values are TOML literals read by [`parse_value_literal`], so an inline
//! table like `{ uniform = [5, 10] }` is one value: lists are split at `,`
//! and ranges at `:` only outside brackets, braces and quotes.

use super::SpecError;
use super::decimal::expand_range;
use crate::scenario::parse_value_literal;
use toml::Value;

/// One swept key and its values, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The dotted scenario key, e.g. `experience.complaint_rate`.
    pub key: String,
    /// Its values (TOML values, checked against the scenario later).
    pub values: Vec<Value>,
}

/// A key moved to a low and a high value (one-at-a-time sensitivity).
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    /// The dotted scenario key.
    pub key: String,
    /// The low value.
    pub low: Value,
    /// The high value.
    pub high: Value,
}

/// Splits `text` at `sep` where it is not inside `[]`, `{}` or quotes.
///
/// ```
/// use wom::sweep::spec::split_top_level;
/// assert_eq!(split_top_level("{uniform=[5,10]},3", ','), ["{uniform=[5,10]}", "3"]);
/// ```
pub fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, c) if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Splits `KEY=REST` at the first `=`, checking that the key is a
/// non-empty dotted path.
fn key_and_rest<'a>(flag: &str, spec: &'a str) -> Result<(String, &'a str), SpecError> {
    let example = if flag == "--vary" {
        "KEY=LOW:HIGH, e.g. experience.complaint_rate=0.04:0.5"
    } else {
        "KEY=VALUES, e.g. experience.complaint_rate=0.1,0.2 or =0:0.5:0.05"
    };
    let Some((key, rest)) = spec.split_once('=') else {
        return Err(SpecError::new(flag, spec, format!("expected {example}")));
    };
    let key = key.trim();
    if key.is_empty() || key.split('.').any(|p| p.trim().is_empty()) {
        return Err(SpecError::new(
            flag,
            spec,
            format!("the key is not a dotted scenario key; expected {example}"),
        ));
    }
    if key == "replications" {
        return Err(SpecError::new(
            flag,
            spec,
            "replications are not a model parameter: they set how precise the answer is, not the answer; use --replications or --precision",
        ));
    }
    Ok((key.to_owned(), rest.trim()))
}

/// Parses `--set KEY=VALUES`: a list `1,4,24,48` (any TOML literals) or an
/// exact decimal range `START:END:STEP`; at most `cap` values.
///
/// ```
/// use wom::sweep::spec::parse_axis;
/// let a = parse_axis("policies.recover.response_hours=1,4,24", 100).unwrap();
/// assert_eq!(a.values.len(), 3);
/// assert_eq!(parse_axis("experience.complaint_rate=0:0.5:0.05", 100).unwrap().values.len(), 11);
/// ```
///
/// # Errors
/// A [`SpecError`] for a missing `=`, an empty key, no values, an empty
/// list item, or a bad range (see [`expand_range`]).
pub fn parse_axis(spec: &str, cap: usize) -> Result<Axis, SpecError> {
    let (key, rest) = key_and_rest("--set", spec)?;
    if rest.is_empty() {
        return Err(SpecError::new(
            "--set",
            spec,
            "no values; give a list like 1,4,24 or a range like 0:0.5:0.05",
        ));
    }
    let range = split_top_level(rest, ':');
    let values = match range.as_slice() {
        [single] => {
            let items = split_top_level(single, ',');
            if items.iter().any(|i| i.trim().is_empty()) {
                return Err(SpecError::new(
                    "--set",
                    spec,
                    "the list has an empty value; separate values with single commas",
                ));
            }
            if items.len() > cap {
                return Err(SpecError::new(
                    "--set",
                    spec,
                    format!(
                        "the list has {} values, more than the cap of {cap}",
                        items.len()
                    ),
                ));
            }
            items
                .iter()
                .map(|i| parse_value_literal(i.trim()))
                .collect()
        }
        [start, end, step] => expand_range(spec, start, end, step, cap)?,
        _ => {
            return Err(SpecError::new(
                "--set",
                spec,
                "a range is START:END:STEP with three numbers, e.g. 0:0.5:0.05",
            ));
        }
    };
    Ok(Axis { key, values })
}

/// Parses `--vary KEY=LOW:HIGH`, where LOW and HIGH are TOML literals
/// (`0.04:0.5`, `{uniform=[5,10]}:{uniform=[15,30]}`).
///
/// # Errors
/// A [`SpecError`] unless there are exactly two non-empty values.
pub fn parse_vary(spec: &str) -> Result<Vary, SpecError> {
    let (key, rest) = key_and_rest("--vary", spec)?;
    if let Some(why) = not_an_assumption(&key) {
        return Err(SpecError::new("--vary", spec, why));
    }
    match split_top_level(rest, ':').as_slice() {
        [low, high] if !low.trim().is_empty() && !high.trim().is_empty() => Ok(Vary {
            key,
            low: parse_value_literal(low.trim()),
            high: parse_value_literal(high.trim()),
        }),
        _ => Err(SpecError::new(
            "--vary",
            spec,
            "expected two values LOW:HIGH, e.g. 0.04:0.5 or {uniform=[5,10]}:{uniform=[15,30]}",
        )),
    }
}

/// Why `key` is not an assumption a sensitivity analysis can move: the
/// low and high runs of a key are paired with the base run through shared
/// random streams, and these keys change the streams or only a label, so
/// a "swing" over them measures nothing (`replications` is refused for
/// both flags by `key_and_rest`).
fn not_an_assumption(key: &str) -> Option<&'static str> {
    Some(match key {
        "seed" => {
            "seed is not an assumption: runs with different seeds share no random streams, so their difference is noise, not a swing; vary a model key (e.g. experience.complaint_rate=0.04:0.5) and compare seeds with separate runs"
        }
        "name" | "description" => "a label is not an assumption: vary a model key",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_toml_types_and_whole_tables() {
        let a = parse_axis("outcomes.silent.tells={uniform=[5,10]}, {poisson=3}", 10).unwrap();
        assert_eq!(a.key, "outcomes.silent.tells");
        assert_eq!(a.values.len(), 2);
        assert!(a.values[0].is_table());
        let b = parse_axis("k=1, 2.5, true", 10).unwrap();
        assert_eq!(
            b.values,
            [Value::Integer(1), Value::Float(2.5), Value::Boolean(true)]
        );
    }

    #[test]
    fn refuses_malformed_axes() {
        for (spec, says) in [
            ("experience.complaint_rate", "expected KEY=VALUES"),
            ("=1,2", "not a dotted scenario key"),
            ("a..b=1", "not a dotted scenario key"),
            ("k=", "no values"),
            ("k=1,,2", "empty value"),
            ("k=0:1", "START:END:STEP"),
            ("k=1,2,3", ""),
        ] {
            match parse_axis(spec, 2) {
                Err(e) => assert!(e.to_string().contains(says), "{spec}: {e}"),
                Ok(_) => assert_eq!(spec, "never"),
            }
        }
    }

    #[test]
    fn vary_splits_at_the_top_level_colon() {
        let v = parse_vary("outcomes.silent.tells={uniform=[5,10]}:{uniform=[15,30]}").unwrap();
        assert!(v.low.is_table() && v.high.is_table());
        let m = parse_vary("economics.margin=25:75").unwrap();
        assert_eq!((m.low, m.high), (Value::Integer(25), Value::Integer(75)));
        assert!(parse_vary("k=1").is_err());
        assert!(parse_vary("k=1:2:3").is_err());
        assert!(parse_vary("k=:2").is_err());
        for key in ["seed", "name"] {
            let e = parse_vary(&format!("{key}=1:2")).unwrap_err().to_string();
            assert!(
                e.contains("--vary") && e.contains("not an assumption"),
                "{e}"
            );
        }
    }
}
