//! A sweep's stored point as `wom sweep --resume` reads it back, and a
//! point that parses through what the sweep files and charts read of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wom::sweep::point::PointResult;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(point) = wom::results::parse_json::<PointResult>(text, "point.json") else {
        return;
    };
    let _ = point.headline();
    for p in 0..point.policies.len() {
        for m in wom::sim::Metric::ALL {
            let _ = point.metric(p, m);
        }
    }
    let keys: Vec<String> = point.values.iter().map(|v| v.key.clone()).collect();
    let mut done = std::collections::BTreeMap::new();
    done.insert(point.index, point);
    let _ = wom::results::sweep::write_csv(&mut Vec::new(), &keys, &done);
});
