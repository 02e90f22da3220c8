//! Staffing: what a desk costs the simulation. One replication of
//! `scenarios/staffing.toml` (24,000 people, four policies, 12 months) with
//! its desks, against the same scenario with every desk replaced by a fixed
//! response time (`response_hours = 1`, the patience draws kept), and the
//! desk's queue alone: complaints served per second as the number of agents
//! grows (`O(log agents)` each).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use wom::rng::{Purpose, StreamKey};
use wom::sim::{Scratch, World};
use wom::staffing::{Calendar, Desk, DurationDist, DurationSampler};

fn staffing_world(fixed: bool) -> World {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/staffing.toml");
    let text = std::fs::read_to_string(&path).expect("staffing.toml");
    let mut table = wom::scenario::parse_table(&text, &path).expect("parse");
    if fixed {
        let policies = table
            .get_mut("policies")
            .and_then(toml::Value::as_table_mut)
            .expect("policies");
        for (_, policy) in policies.iter_mut() {
            let policy = policy.as_table_mut().expect("a policy table");
            policy.remove("staffing");
            policy.insert("response_hours".into(), toml::Value::Float(1.0));
        }
    }
    let scenario = wom::scenario::from_table(&table, &path).expect("valid");
    World::generated(scenario).expect("world")
}

fn replication(c: &mut Criterion) {
    let mut group = c.benchmark_group("staffing");
    group.sample_size(10);
    for (name, fixed) in [("fixed_response", true), ("desks", false)] {
        let w = staffing_world(fixed);
        let policies = w.scenario().policies.len() as u64;
        let periods = u64::from(w.scenario().periods);
        group.throughput(Throughput::Elements(
            u64::from(w.people()) * periods * policies,
        ));
        let mut scratch = Scratch::default();
        let mut rep = 0u64;
        group.bench_function(BenchmarkId::new("one_replication", name), |b| {
            b.iter(|| {
                rep += 1;
                black_box(w.run_replication(rep, &mut scratch).expect("replication"))
            });
        });
    }
    group.finish();
}

fn queue(c: &mut Criterion) {
    const COMPLAINTS: usize = 20_000;
    let mut group = c.benchmark_group("desk");
    group.sample_size(10);
    group.throughput(Throughput::Elements(COMPLAINTS as u64));
    let handle = DurationSampler::new(&DurationDist::exponential(1.0).expect("dist")).expect("ok");
    for agents in [1u32, 10, 1000] {
        // Load 0.8 per agent, always open: λ = 0.8·c an hour, 1-hour jobs.
        let mut rng = StreamKey::new(3).rng(Purpose::Arrival);
        let mut t = 0.0;
        let jobs: Vec<(f64, f64)> = (0..COMPLAINTS)
            .map(|_| {
                t += rand_distr::Distribution::<f64>::sample(
                    &rand_distr::Exp::new(0.8 * f64::from(agents)).expect("rate"),
                    &mut rng,
                );
                (t, handle.sample(&mut rng))
            })
            .collect();
        let mut desk = Desk::new(agents, Calendar::always_open()).expect("desk");
        group.bench_function(BenchmarkId::new("serve", agents), |b| {
            b.iter(|| {
                desk.reset();
                let mut wait = 0.0;
                for &(arrival, hours) in &jobs {
                    wait += desk.serve(arrival, hours).expect("served").wait_hours;
                }
                black_box(wait)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, replication, queue);
criterion_main!(benches);
