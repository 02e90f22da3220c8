//! Segments cost little: one whole replication (12 periods, every policy)
//! of the café scenario at 100,000 people, in person-periods per second on
//! one thread —
//! - `plain`: as shipped;
//! - `segments_same_rates`: two segments with their own margins and
//!   handling factors but the café's rates, so the people, problems and
//!   stories are exactly those of `plain` and the difference is the cost of
//!   segments themselves (assignment, per-member lookups, per-segment
//!   accounts);
//! - `chronic_segment`: a segment of chronic complainers overriding every
//!   key (more complaints, so more stories to spread: different work);
//! - `chronic_parting`: that, plus a fourth policy parting with them.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use wom::sim::{Scratch, World};

/// Two segments with the café's rates but their own margins and handling
/// factors (the per-segment path of the accounts).
const SAME_RATES: &str = r#"
[segments.small]
share = 0.3
margin = 20.0
handle_factor = 3.0
[segments.large]
margin = 34.0
"#;

/// Two segments overriding every key, with margins that differ from the
/// global one.
const SEGMENTS: &str = r#"
[segments.chronic]
share = 0.05
margin = 20.0
problem_rate = 0.6
complaint_rate = 0.9
base_churn = 0.01
resolve_factor = 0.3
handle_factor = 8.0
[segments.regular]
margin = 32.0
problem_rate = 0.07
complaint_rate = 0.25
base_churn = 0.02
"#;

/// The café's third policy, parting with chronic customers too.
const PARTING: &str = r#"
[policies.pastry_and_part]
handling = "recover"
response_hours = 1.0
resolve_rate = 0.9
compensation = 2.0
part_with = { segment = "chronic", after_complaints = 2, manner = "graceful" }
"#;

fn world(extra: &str) -> World {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(dir.join("scenarios/cafe.toml")).expect("cafe");
    let text = format!("{text}\n{extra}");
    let mut table = wom::scenario::parse_table(&text, Path::new("cafe.toml")).expect("parse");
    wom::scenario::set_key(
        &mut table,
        "population.people",
        toml::Value::Integer(100_000),
    )
    .expect("key");
    let scenario = wom::scenario::from_table(&table, Path::new("cafe.toml")).expect("valid");
    World::generated(scenario).expect("world")
}

fn segments(c: &mut Criterion) {
    let mut group = c.benchmark_group("segments");
    group.sample_size(20);
    let parting = format!("{SEGMENTS}{PARTING}");
    for (name, extra) in [
        ("plain", ""),
        ("segments_same_rates", SAME_RATES),
        ("chronic_segment", SEGMENTS),
        ("chronic_parting", parting.as_str()),
    ] {
        let w = world(extra);
        let policies = w.scenario().policies.len() as u64;
        group.throughput(Throughput::Elements(
            u64::from(w.people()) * u64::from(w.scenario().periods) * policies,
        ));
        let mut scratch = Scratch::default();
        let mut rep = 0u64;
        group.bench_function(BenchmarkId::new(name, "cafe_100k"), |b| {
            b.iter(|| {
                rep += 1;
                black_box(w.run_replication(rep, &mut scratch).expect("replication"))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, segments);
criterion_main!(benches);
