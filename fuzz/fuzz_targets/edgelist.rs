//! An edge list through the reader `wom graph --graph`, `wom cascade
//! --graph` and file networks use, and a graph it accepts through the
//! statistics `wom graph` prints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = wom::graph::edgelist::read(std::io::Cursor::new(data), Path::new("e.txt"))
    else {
        return;
    };
    let graph = &loaded.graph;
    assert_eq!(loaded.ids.len(), graph.node_count() as usize);
    let mut rng = wom::rng::StreamKey::new(1).rng(wom::rng::Purpose::Network);
    let _ = wom::graph::measure::measure(graph, 50, &mut rng);
});
