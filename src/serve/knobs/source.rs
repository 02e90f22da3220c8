//! Where a knob's value comes from: the scenario file's comment on the key
//! when the file writes it.

/// Whether `dotted` is written in the scenario text, and its trailing
/// comment if it has one. Reads `[table]` headers, `key = value` lines and
/// the keys of a one-line inline table (`part_with = { … }`, whose comment
/// is not any one key's), which is enough for scenario files.
pub fn written(text: &str, dotted: &str) -> Option<Option<String>> {
    let mut header = String::new();
    for line in text.lines() {
        let (code, comment) = split_comment(line);
        let code = code.trim();
        if let Some(inner) = code.strip_prefix('[') {
            header = inner
                .trim_matches(|c| c == '[' || c == ']')
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join(".");
            continue;
        }
        let Some((key, value)) = code.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        let full = if header.is_empty() {
            key.to_string()
        } else {
            format!("{header}.{key}")
        };
        let comment = || {
            comment
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        if full == dotted {
            return Some(comment());
        }
        // A line's comment speaks of the whole inline table, not of one key.
        if let Some(inner) = dotted.strip_prefix(&format!("{full}."))
            && inline_has(value, inner)
        {
            return Some(None);
        }
    }
    None
}

/// Whether the inline table `value` (`{ a = 1, b = { c = 2, d = 3 } }`)
/// writes `key`, a key of its own (`a`, `b`) or of a table inside it
/// (`b.c`).
fn inline_has(value: &str, key: &str) -> bool {
    let Some(body) = value.trim().strip_prefix('{') else {
        return false;
    };
    // The pairs at this table's own level: split at commas outside any
    // nested table, array or string.
    let (mut depth, mut quote, mut start, mut end) = (0usize, None, 0, body.len());
    let mut pairs = Vec::new();
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') if depth > 0 => depth -= 1,
            (None, '}') => {
                end = i;
                break;
            }
            (None, ',') if depth == 0 => {
                pairs.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pairs.push(&body[start..end.max(start)]);
    pairs.into_iter().any(|pair| {
        pair.split_once('=').is_some_and(|(k, v)| {
            let k = k.trim().trim_matches('"');
            k == key
                || key
                    .strip_prefix(&format!("{k}."))
                    .is_some_and(|inner| inline_has(v, inner))
        })
    })
}

/// A line's code and its comment (a `#` outside quotes).
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') => return (&line[..i], Some(&line[i + 1..])),
            _ => {}
        }
    }
    (line, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_their_comments() {
        let text = "periods = 6 # half a year\n[policies.fast]\nresponse_hours = 1.0  # the crowdSPRING support article: \"# within\" an hour\nresolve_rate = 0.8\n";
        assert_eq!(written(text, "periods"), Some(Some("half a year".into())));
        assert_eq!(
            written(text, "policies.fast.response_hours"),
            Some(Some(
                "the crowdSPRING support article: \"# within\" an hour".into()
            ))
        );
        assert_eq!(written(text, "policies.fast.resolve_rate"), Some(None));
        assert_eq!(written(text, "economics.margin"), None);
    }

    #[test]
    fn finds_keys_of_an_inline_table() {
        let text = "[policies.part]\npart_with = { segment = \"chronic\", after_complaints = 2 }  # the Kazakh parting article\n";
        let key = "policies.part.part_with.after_complaints";
        assert_eq!(
            written(text, key),
            Some(None),
            "written, the comment is the table's"
        );
        assert_eq!(written(text, "policies.part.part_with.refund"), None);
    }

    #[test]
    fn finds_keys_of_nested_inline_tables_at_their_own_level() {
        let text = "[policies.desk]\nstaffing = { agents = 2, handle_minutes = { lognormal = { median = 30.0, sigma = 0.75 } }, agent_cost = 3150.0 }\n";
        let at = |k: &str| written(text, &format!("policies.desk.staffing.{k}"));
        assert_eq!(at("agents"), Some(None));
        assert_eq!(at("agent_cost"), Some(None));
        assert_eq!(at("handle_minutes.lognormal.sigma"), Some(None));
        assert_eq!(
            at("sigma"),
            None,
            "a key of a nested table is not the desk's"
        );
        assert_eq!(at("days_per_week"), None);
        assert_eq!(at("hours_per_day"), None);
    }
}
