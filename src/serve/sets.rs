//! The body of `POST /api/run`, `{"set": {"KEY": VALUE, …}, "replications":
//! N}`, read into scenario overrides: keys exactly as `wom run --set`; a
//! JSON string is read as the text after `=` on the command line (so
//! `"1.0"` is a float, `"ignore"` a string), numbers, booleans, arrays and
//! objects are taken as the TOML value they are.

use super::engine::Setting;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Most keys one request may set.
pub const MAX_KEYS: usize = 100;

/// A request read and checked for shape (not yet against the scenario).
#[derive(Debug, Clone, PartialEq)]
pub struct RunRequest {
    /// Overrides, in the request's order.
    pub set: Vec<Setting>,
    /// Replications: the request's `replications`, else `set.replications`,
    /// else the page's count.
    pub replications: u64,
}

/// A malformed request, with what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SetError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    #[serde(default)]
    set: Map<String, Value>,
    replications: Option<u64>,
}

/// Reads a request body.
///
/// # Errors
/// A [`SetError`] for a body that is not such a JSON object, more than
/// [`MAX_KEYS`] keys, or a value that is not a scenario value.
pub fn parse_run_request(body: &[u8], page_replications: u32) -> Result<RunRequest, SetError> {
    let body: Body = serde_json::from_slice(body).map_err(|e| {
        SetError(format!(
            "the body must be JSON like {{\"set\": {{\"economics.margin\": 60}}, \"replications\": 200}}: {e}"
        ))
    })?;
    if body.set.len() > MAX_KEYS {
        return Err(SetError(format!(
            "{} keys in `set`; at most {MAX_KEYS} per request",
            body.set.len()
        )));
    }
    let set = body
        .set
        .into_iter()
        .map(|(key, value)| {
            let (value, literal) = match value {
                Value::String(s) => (wom::scenario::parse_value_literal(&s), s),
                other => {
                    let v = to_toml(&key, other)?;
                    let literal = v.to_string();
                    (v, literal)
                }
            };
            let text = format!("{key}={literal}");
            Ok(Setting { key, value, text })
        })
        .collect::<Result<Vec<_>, SetError>>()?;
    let in_set = match set.iter().find(|s| s.key.trim() == "replications") {
        None => None,
        Some(s) => match s.value.as_integer().and_then(|n| u64::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                return Err(SetError(format!(
                    "set.replications = {}: replications is a whole number of at least 2",
                    s.value
                )));
            }
        },
    };
    Ok(RunRequest {
        set,
        replications: body
            .replications
            .or(in_set)
            .unwrap_or(u64::from(page_replications)),
    })
}

/// A JSON value as the TOML value it is.
fn to_toml(key: &str, value: Value) -> Result<toml::Value, SetError> {
    Ok(match value {
        Value::Null => {
            return Err(SetError(format!(
                "{key}: null is not a scenario value; leave the key out to keep the scenario's"
            )));
        }
        Value::Bool(b) => toml::Value::Boolean(b),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => toml::Value::Integer(i),
            (None, Some(f)) if n.is_f64() => toml::Value::Float(f),
            _ => {
                return Err(SetError(format!(
                    "{key}: {n} is too large for a scenario value"
                )));
            }
        },
        Value::String(s) => toml::Value::String(s),
        Value::Array(items) => toml::Value::Array(
            items
                .into_iter()
                .map(|v| to_toml(key, v))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => toml::Value::Table(
            map.into_iter()
                .map(|(k, v)| Ok((k.clone(), to_toml(&format!("{key}.{k}"), v)?)))
                .collect::<Result<_, SetError>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<RunRequest, SetError> {
        parse_run_request(body.as_bytes(), 200)
    }

    #[test]
    fn values_are_read_as_the_command_line_reads_them() {
        let r = parse(
            r#"{"set": {"a": "1.0", "b": 2, "c": 0.5, "d": "ignore", "e": {"poisson": 2}, "f": [1, 3]}}"#,
        )
        .unwrap();
        let v: Vec<&toml::Value> = r.set.iter().map(|s| &s.value).collect();
        assert_eq!(v[0], &toml::Value::Float(1.0));
        assert_eq!(v[1], &toml::Value::Integer(2));
        assert_eq!(v[2], &toml::Value::Float(0.5));
        assert_eq!(v[3], &toml::Value::String("ignore".into()));
        assert_eq!(v[4].get("poisson"), Some(&toml::Value::Integer(2)));
        assert_eq!(v[5].as_array().map(Vec::len), Some(2));
        assert_eq!(r.replications, 200);
        let texts: Vec<&str> = r.set.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts[..4], ["a=1.0", "b=2", "c=0.5", "d=ignore"]);
    }

    #[test]
    fn replications_from_the_body_then_the_set() {
        assert_eq!(parse(r#"{"replications": 7}"#).unwrap().replications, 7);
        let both = r#"{"set": {"replications": 9}, "replications": 7}"#;
        assert_eq!(parse(both).unwrap().replications, 7);
        let set = r#"{"set": {"replications": 9}}"#;
        assert_eq!(parse(set).unwrap().replications, 9);
        let e = parse(r#"{"set": {"replications": -5}}"#).unwrap_err().0;
        assert!(
            e.contains("set.replications = -5") && e.contains("at least 2"),
            "{e}"
        );
    }

    #[test]
    fn malformed_bodies_are_refused() {
        for body in [
            "",
            "[]",
            "{",
            r#"{"set": 3}"#,
            r#"{"sets": {}}"#,
            r#"{"replications": -1}"#,
            r#"{"replications": 1.5}"#,
            r#"{"set": {"a": null}}"#,
            r#"{"set": {"a": 18446744073709551615}}"#,
        ] {
            assert!(parse(body).is_err(), "{body}");
        }
    }
}
