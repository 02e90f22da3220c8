//! Unit tests of the scenario layer, by theme.

use std::path::Path;

use super::*;
use crate::model::Scenario;

mod bad_values;
mod defaults;
mod errors;
mod good;
mod resolved;
mod segments;

/// Two valid policies, appended to cases that are not about policies.
const POLICIES: &str = "
[policies.ignore]
handling = \"ignore\"
[policies.recover]
handling = \"recover\"
";

/// Parses `text` as `dir/shop.toml`, panicking with the message if rejected.
fn ok(text: &str) -> Scenario {
    parse(text, Path::new("dir/shop.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses `text` as `dir/shop.toml`, panicking if it is accepted.
fn error(text: &str) -> ScenarioError {
    match parse(text, Path::new("dir/shop.toml")) {
        Ok(s) => panic!("accepted:\n{text}\n=> {s:?}"),
        Err(e) => e,
    }
}

/// Checks each `(text, needles)` case: the text (with `suffix` appended) is
/// rejected, and the message starts with the file name and contains every
/// needle. Reports all failing cases at once.
fn check_cases(cases: &[(&str, &[&str])], suffix: &str) {
    let mut failures = Vec::new();
    for (text, needles) in cases {
        let message = error(&format!("{text}\n{suffix}")).to_string();
        let mut missing: Vec<&str> = needles
            .iter()
            .copied()
            .filter(|n| !message.contains(n))
            .collect();
        if !message.starts_with("dir/shop.toml") {
            missing.push("dir/shop.toml");
        }
        if !missing.is_empty() {
            failures.push(format!(
                "{text:?}\n  message: {message}\n  missing: {missing:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
