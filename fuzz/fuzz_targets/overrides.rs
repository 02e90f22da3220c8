//! Command-line values: `--set KEY=VALUE` applied to a scenario table and
//! validated (wom::scenario::set_key, parse_value_literal), a sweep's
//! `--set KEY=VALUES` lists and exact ranges expanded into a grid, and
//! `--vary KEY=LOW:HIGH` (wom::sweep::spec). The input's lines are the
//! arguments.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use wom::sweep::grid::{Combine, expand};
use wom::sweep::spec::{parse_axis, parse_vary};

const BASE: &str = "[population]\npeople = 50\n[network]\nmean_degree = 4\n\
    [policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut table = wom::scenario::parse_table(BASE, Path::new("base.toml")).expect("base");
    let mut axes = Vec::new();
    for line in text.lines().take(8) {
        if let Some((key, value)) = line.split_once('=') {
            let value = wom::scenario::parse_value_literal(value);
            let _ = wom::scenario::set_key(&mut table, key, value);
        }
        if let Ok(axis) = parse_axis(line, 200) {
            axes.push(axis);
        }
        let _ = parse_vary(line);
    }
    let _ = wom::scenario::from_table(&table, Path::new("base.toml"));
    for combine in [Combine::Grid, Combine::Zip] {
        if let Ok(points) = expand(&axes, combine, 2_000) {
            for point in points.iter().take(20) {
                let mut t = table.clone();
                for (key, value) in &point.assignments {
                    let _ = wom::scenario::set_key(&mut t, key, value.clone());
                }
                let _ = wom::scenario::from_table(&t, Path::new("base.toml"));
            }
        }
    }
});
