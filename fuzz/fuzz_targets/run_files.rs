//! A run's four files as `wom plot` reads them back (wom::results::Run::
//! parse: each file on its own, then against the others). The input is
//! metadata.json, summary.json, replications.csv and periods.csv separated
//! by a NUL byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use wom::results::Run;
use wom::results::run::RunTexts;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let mut next = || parts.next().unwrap_or(&[]);
    let (meta, summary, replications, periods) = (next(), next(), next(), next());
    let (Ok(meta), Ok(summary)) = (std::str::from_utf8(meta), std::str::from_utf8(summary)) else {
        return;
    };
    let texts = RunTexts {
        metadata: (meta, "metadata.json"),
        summary: (summary, "summary.json"),
        replications: (Cursor::new(replications), "replications.csv"),
        periods: (Cursor::new(periods), "periods.csv"),
    };
    if let Ok(run) = Run::parse(texts) {
        // What the report reads from a run that passed the checks.
        for p in 0..run.names().len() {
            for m in run.metrics() {
                // Every value read back is bounded (results::finite): a
                // value past ±1e30 is refused, never charted.
                for x in run.metric(p, m).numbers() {
                    assert!(wom::results::finite::within(x), "{x}");
                }
            }
            let _ = run.npv(p);
        }
        let _ = wom::scenario::resolved::identity(&run.scenario);
    }
});
