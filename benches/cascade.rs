//! The independent-cascade kernel, in edges of the graph per second of one
//! run (one thread), on the graphs of the cynetdiff comparison.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wom::cascade::{CascadeScratch, cascade_once, random_seed_set};
use wom::graph::{Generator, GeneratorSpec, generate};
use wom::rng::{Purpose, StreamKey};

fn kernel(c: &mut Criterion) {
    let mut group = c.benchmark_group("cascade");
    let cases = [
        (
            "barabasi_albert_m5_p0.1",
            GeneratorSpec::new(100_000, Generator::BarabasiAlbert { attach: 5 }),
            0.1,
        ),
        (
            "erdos_renyi_k10_p0.2",
            GeneratorSpec::new(100_000, Generator::ErdosRenyi { mean_degree: 10.0 }),
            0.2,
        ),
        (
            "erdos_renyi_k10_p0.05",
            GeneratorSpec::new(100_000, Generator::ErdosRenyi { mean_degree: 10.0 }),
            0.05,
        ),
    ];
    for (name, spec, p) in cases {
        let (graph, _) =
            generate(&spec, &mut StreamKey::new(1).rng(Purpose::Network)).expect("graph");
        let seeds = random_seed_set(graph.node_count(), 10, 1);
        let mut scratch = CascadeScratch::new(graph.node_count());
        group.throughput(Throughput::Elements(graph.edge_count()));
        let mut run = 0u64;
        group.bench_function(BenchmarkId::new("run", name), |b| {
            b.iter(|| {
                run += 1;
                let mut rng = StreamKey::new(1).replication(run).rng(Purpose::Cascade);
                black_box(cascade_once(&graph, &seeds, p, &mut rng, &mut scratch))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, kernel);
criterion_main!(benches);
