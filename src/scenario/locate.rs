//! Finds where a key path is written in the scenario text, to give errors a
//! line and column.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::error::{ErrorKind, Location, ScenarioError};
use super::serde_error::Step;

/// Parses `a.b[2].c` into steps; `None` if it is not such a path.
fn steps(key: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in parts(key) {
        // A quoted part (`uncertainty."effects.deter"`) is one key, dots and all.
        if let Some(quoted) = part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
            steps.push(Step::Key(quoted.to_owned()));
            continue;
        }
        let (name, mut indices) = part.split_once('[').map_or((part, ""), |(n, i)| (n, i));
        if name.is_empty() {
            return None;
        }
        steps.push(Step::Key(name.to_owned()));
        while !indices.is_empty() {
            let (index, rest) = indices.split_once(']')?;
            steps.push(Step::Index(index.parse().ok()?));
            indices = rest.strip_prefix('[').unwrap_or(rest);
        }
    }
    Some(steps)
}

/// The parts of a dotted key, a quoted part (quotes kept) as one.
fn parts(key: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, ch) in key.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            '.' if !quoted => {
                out.push(&key[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&key[start..]);
    out
}

/// The byte span of the deepest part of `key` that is written in `text`: the
/// key itself when `at_key` or when its value is a table, else its value.
/// `None` if not even its first key is there, or the text is not TOML.
fn span(text: &str, key: &str, at_key: bool) -> Option<Range<usize>> {
    let steps = steps(key)?;
    let root = DeTable::parse(text).ok()?;
    let mut table: Option<&DeTable> = Some(root.get_ref());
    let mut array: Option<&[toml::Spanned<DeValue>]> = None;
    let mut best = None;
    for step in &steps {
        let found = match (step, table, array) {
            (Step::Key(k), Some(t), _) => {
                t.iter()
                    .find(|(key, _)| key.get_ref() == k)
                    .map(|(key, value)| {
                        let span = match value.get_ref() {
                            DeValue::Table(_) => key.span(),
                            _ if at_key => key.span(),
                            _ => value.span(),
                        };
                        (span, value.get_ref())
                    })
            }
            (Step::Index(i), _, Some(a)) => a.get(*i).map(|v| (v.span(), v.get_ref())),
            _ => None,
        };
        let Some((span, value)) = found else { break };
        best = Some(span);
        (table, array) = match value {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(&a[..])),
            _ => (None, None),
        };
    }
    best
}

impl ScenarioError {
    /// Adds the line and column of the error's key in `text`, the scenario
    /// file's contents, when the error has none yet and the key is written
    /// there (or, for a missing key, the table it belongs in).
    pub fn locate_in(mut self, text: &str) -> Self {
        if self.location.is_none() {
            let at_key = matches!(
                *self.kind,
                ErrorKind::UnknownKey { .. } | ErrorKind::NotApplicable { .. }
            );
            let found = self.kind.key().and_then(|key| span(text, key, at_key));
            self.location = found.map(|s| Location::from_offset(text, s.start));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_paths() {
        let s = steps("a.b[2][0].c").unwrap();
        assert_eq!(
            s,
            [
                Step::Key("a".into()),
                Step::Key("b".into()),
                Step::Index(2),
                Step::Index(0),
                Step::Key("c".into())
            ]
        );
        assert_eq!(steps("a..b"), None);
    }

    #[test]
    fn finds_values_tables_and_array_elements() {
        let text = "x = 1\n[policies.recover]\nresolve_rate = 1.5\n[o]\nw = [1, 2, 3]\n";
        let at = |key| span(text, key, false).map(|s| Location::from_offset(text, s.start));
        assert_eq!(
            at("policies.recover.resolve_rate"),
            Some(Location {
                line: 3,
                column: 16
            })
        );
        assert_eq!(
            at("policies.recover.handling"),
            Some(Location {
                line: 2,
                column: 11
            })
        );
        assert_eq!(
            at("o.w[2]"),
            Some(Location {
                line: 5,
                column: 12
            })
        );
        assert_eq!(at("nothing.here"), None);
        let key_at = span(text, "policies.recover.resolve_rate", true)
            .map(|s| Location::from_offset(text, s.start));
        assert_eq!(key_at, Some(Location { line: 3, column: 1 }));
    }
}
