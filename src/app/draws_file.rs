//! `[uncertainty] draws_file = "posterior.csv"`: reads the joint draws (a
//! CSV with one column per uncertain key and an optional `weight`) and
//! puts its rows into the scenario table as `draws`, the form the library
//! validates (it reads no files). A relative path is taken from the
//! scenario file's directory.

use crate::present::bad_input;
use crate::store::files::read_input;
use anyhow::Result;
use std::path::Path;
use toml::{Table, Value};

/// Replaces `uncertainty.draws_file` in `table` by `uncertainty.draws`
/// read from the file; nothing without one.
///
/// # Errors
/// Bad input naming the file and line for a missing or malformed file, a
/// non-finite value or a negative weight.
pub fn inline(table: &mut Table, scenario: &Path) -> Result<()> {
    let Some(Value::Table(u)) = table.get_mut("uncertainty") else {
        return Ok(());
    };
    let Some(written) = u.get("draws_file") else {
        return Ok(());
    };
    let Some(written) = written.as_str().map(str::to_owned) else {
        return Err(bad_input(format!(
            "{}: `uncertainty.draws_file` = {written} is not allowed; expected the path of a CSV file, as a string",
            scenario.display()
        )));
    };
    let path = scenario.parent().unwrap_or(Path::new("")).join(&written);
    let text = read_input(&path, "draws file")?;
    let draws = parse(&text, &path)?;
    u.remove("draws_file");
    let mut t = Table::new();
    t.insert("file".into(), Value::String(written));
    let strings = |xs: Vec<String>| Value::Array(xs.into_iter().map(Value::String).collect());
    let floats = |xs: Vec<f64>| Value::Array(xs.into_iter().map(Value::Float).collect());
    t.insert("columns".into(), strings(draws.columns));
    let rows = draws.rows.into_iter().map(floats).collect();
    t.insert("rows".into(), Value::Array(rows));
    t.insert("weights".into(), floats(draws.weights));
    u.insert("draws".into(), Value::Table(t));
    Ok(())
}

/// A draws file's columns (without `weight`), rows and weights.
struct Draws {
    columns: Vec<String>,
    rows: Vec<Vec<f64>>,
    weights: Vec<f64>,
}

/// Parses a draws file; errors name `path` and the line.
fn parse(text: &str, path: &Path) -> Result<Draws> {
    let file = path.display();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad_input(format!("{file}: line 1: cannot read the header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let weight = header.iter().position(|h| h == "weight");
    let columns: Vec<String> = header.iter().filter(|h| *h != "weight").cloned().collect();
    if columns.is_empty() {
        return Err(bad_input(format!(
            "{file}: line 1: no column of an uncertain key; expected one column per key (dotted, like effects.deter) and an optional weight"
        )));
    }
    let (mut rows, mut weights) = (Vec::new(), Vec::new());
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| bad_input(format!("{file}: line {line}: {e}")))?;
        let mut row = Vec::with_capacity(columns.len());
        let mut w = 1.0;
        for (j, cell) in record.iter().enumerate() {
            let x: f64 = cell.parse().map_err(|_| {
                bad_input(format!(
                    "{file}: line {line}, column {}: `{cell}` is not a number",
                    header[j]
                ))
            })?;
            if !x.is_finite() {
                return Err(bad_input(format!(
                    "{file}: line {line}, column {}: {cell} is not allowed; expected a finite number",
                    header[j]
                )));
            }
            if Some(j) == weight {
                if x < 0.0 {
                    return Err(bad_input(format!(
                        "{file}: line {line}, column weight: {cell} is not allowed; expected a weight >= 0"
                    )));
                }
                w = x;
            } else {
                row.push(x);
            }
        }
        rows.push(row);
        weights.push(w);
    }
    if rows.is_empty() {
        return Err(bad_input(format!(
            "{file}: no rows; expected at least one joint draw"
        )));
    }
    if weights.iter().sum::<f64>() <= 0.0 {
        return Err(bad_input(format!(
            "{file}: the weights sum to 0; expected weights >= 0 summing to more than 0"
        )));
    }
    Ok(Draws {
        columns,
        rows,
        weights,
    })
}
