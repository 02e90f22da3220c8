//! The files of `wom calibrate`: the observed counts it reads, and
//! posterior.csv and calibration.json as their readers take them back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wom::results::calibration::{CalibrationFile, read_posterior};
use wom::results::calibration_counts::ObservedCounts;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(c) = ObservedCounts::parse(text, "counts.csv", 120) {
        assert!(c.values.iter().all(|v| v.len() == c.periods()));
    }
    let _ = read_posterior(text, "posterior.csv");
    let _ = wom::results::parse_json::<CalibrationFile>(text, "calibration.json");
});
