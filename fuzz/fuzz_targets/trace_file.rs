//! trace.json as `wom plot` reads it back: parsed, checked against its
//! bounds, and each policy's story rebuilt for the picture.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wom::results::trace::TraceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = wom::results::parse_json::<TraceFile>(text, "trace.json") else {
        return;
    };
    if file.check().is_err() {
        return;
    }
    for p in &file.policies {
        if let Ok(story) = p.rebuild(file.person, file.period) {
            let _ = (story.reach(), story.depth(), story.per_hop());
        }
    }
});
