//! `wom sweep --resume` checked against what is stored: points run with
//! other settings (replications, seed, scenario, keys, …) are never mixed
//! with new ones, nor silently replaced; the sweep is refused, naming
//! what differs.

use crate::present::bad_input;
use crate::store::files;
use crate::store::sweep as sweep_files;
use anyhow::Result;
use serde_json::Value;
use std::path::Path;
use wom::results::sweep::SweepMetadata;

/// Settings of metadata.json that decide a point's results, as named in
/// messages.
const SETTINGS: [(&str, &str); 7] = [
    ("scenario_file", "scenario file"),
    ("seed", "seed"),
    ("keys", "swept keys"),
    ("combine", "combination (grid or zip)"),
    ("points_total", "number of points"),
    ("replications", "--replications"),
    ("precision", "--precision"),
];

/// Refuses a resume when `dir/points/` holds point files that are not
/// points of this sweep (`planned` are the file names its points have),
/// naming what differs between the stored metadata.json and `now`. A file
/// under one of those names that does not hold a finished point is not
/// refused here: the sweep runs that point again.
///
/// # Errors
/// Bad input (exit 2) naming the stored points and the differences.
pub fn check(dir: &Path, now: &SweepMetadata, planned: &[String]) -> Result<()> {
    let stored = sweep_files::stored_points(dir);
    let stale = stored.iter().filter(|name| !planned.contains(name)).count();
    if stale == 0 {
        return Ok(());
    }
    let path = dir.join("metadata.json");
    let before: Option<Value> = files::read_input(&path, "sweep metadata")
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    let now = serde_json::to_value(now)?;
    let differences = match &before {
        Some(before) => differences(before, &now),
        None => vec![format!(
            "{} is missing, so how they were run is unknown",
            path.display()
        )],
    };
    let what = if differences.is_empty() {
        "their identities differ (another wom version, or other resolved defaults)".to_owned()
    } else {
        format!(
            "they were run with other settings: {}",
            differences.join("; ")
        )
    };
    Err(bad_input(format!(
        "--resume: {stale} of the {} point files in {} are not points of this sweep, so it cannot be resumed: {what}. \
         Resume with the stored sweep's settings, or leave out --resume to start over (that removes the stored points).",
        stored.len(),
        dir.join(sweep_files::POINTS_DIR).display(),
    )))
}

/// `what: X stored, Y now` for each setting and scenario key that differs.
fn differences(before: &Value, now: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for (key, name) in SETTINGS {
        let (a, b) = (&before[key], &now[key]);
        if a != b {
            found.push(format!("{name} {} stored, {} now", shown(a), shown(b)));
        }
    }
    let mut keys = Vec::new();
    table_differences("", &before["scenario"], &now["scenario"], &mut keys);
    found.extend(keys);
    found
}

/// Dotted scenario keys whose resolved values differ.
fn table_differences(prefix: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    if let (Value::Object(a), Value::Object(b)) = (a, b) {
        let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            let null = Value::Null;
            let (x, y) = (a.get(name).unwrap_or(&null), b.get(name).unwrap_or(&null));
            table_differences(&key, x, y, out);
        }
    } else if a != b {
        out.push(format!(
            "scenario key {prefix} {} stored, {} now",
            shown(a),
            shown(b)
        ));
    }
}

/// A JSON value for a message; `null` as `none`.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "none".to_owned(),
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_each_setting_and_key_that_differs() {
        let before = json!({"seed": 1, "replications": 50, "keys": ["a"],
            "scenario": {"experience": {"complaint_rate": 0.1, "x": 1}}});
        let now = json!({"seed": 1, "replications": 100, "keys": ["a"],
            "scenario": {"experience": {"complaint_rate": 0.2, "x": 1}}});
        assert_eq!(
            differences(&before, &now),
            vec![
                "--replications 50 stored, 100 now".to_owned(),
                "scenario key experience.complaint_rate 0.1 stored, 0.2 now".to_owned(),
            ]
        );
        assert!(differences(&now, &now).is_empty());
    }
}
