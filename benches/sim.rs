//! The word-of-mouth model: one period and one whole replication (every
//! policy), in person-periods per second on one thread.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use wom::sim::{Scratch, World};

fn world(periods: u32, people: u32) -> World {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cafe.toml"))
            .expect("cafe");
    let mut table = wom::scenario::parse_table(&text, Path::new("cafe.toml")).expect("parse");
    wom::scenario::set_key(
        &mut table,
        "periods",
        toml::Value::Integer(i64::from(periods)),
    )
    .expect("key");
    wom::scenario::set_key(
        &mut table,
        "population.people",
        toml::Value::Integer(i64::from(people)),
    )
    .expect("key");
    let scenario = wom::scenario::from_table(&table, Path::new("cafe.toml")).expect("valid");
    World::generated(scenario).expect("world")
}

fn replication(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim");
    group.sample_size(20);
    for (name, periods) in [("one_period", 1), ("one_replication_12_periods", 12)] {
        let w = world(periods, 100_000);
        let policies = w.scenario().policies.len() as u64;
        group.throughput(Throughput::Elements(
            u64::from(w.people()) * u64::from(periods) * policies,
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

criterion_group!(benches, replication);
criterion_main!(benches);
