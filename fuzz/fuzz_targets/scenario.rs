//! A scenario file's text through the parser and validator, and a valid
//! scenario through what `wom run` does with it before simulating: its
//! resolved form written back and read again (metadata.json), its identity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = wom::scenario::parse(text, Path::new("fuzz/scenario.toml")) else {
        return;
    };
    let Ok(table) = wom::scenario::resolved::to_table(&scenario) else {
        return;
    };
    let again = wom::scenario::resolved::from_resolved(&table, Path::new("metadata.json"))
        .expect("a validated scenario, written back, validates again");
    assert_eq!(again, scenario, "the resolved form reads back to the same scenario");
    let _ = wom::scenario::resolved::identity(&scenario);
});
