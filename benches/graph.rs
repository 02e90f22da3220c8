//! Network generators and CSR construction, in edges per second.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wom::graph::{Generator, GeneratorSpec, generate};
use wom::rng::{Purpose, StreamKey};

fn generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    let specs = [
        (
            "watts_strogatz",
            GeneratorSpec::new(
                100_000,
                Generator::WattsStrogatz {
                    mean_degree: 10.0,
                    rewire: 0.1,
                },
            ),
        ),
        (
            "barabasi_albert",
            GeneratorSpec::new(100_000, Generator::BarabasiAlbert { attach: 5 }),
        ),
        (
            "erdos_renyi",
            GeneratorSpec::new(100_000, Generator::ErdosRenyi { mean_degree: 10.0 }),
        ),
        (
            "strong_weak_ties",
            GeneratorSpec::new(
                100_000,
                Generator::StrongWeakTies {
                    cluster_size: 10,
                    strong_ties: 6.0,
                    weak_ties: 2.0,
                },
            ),
        ),
    ];
    for (name, spec) in specs {
        group.throughput(Throughput::Elements(spec.expected_edges() as u64));
        group.bench_with_input(BenchmarkId::new(name, "100k"), &spec, |b, spec| {
            b.iter(|| {
                let mut rng = StreamKey::new(1).rng(Purpose::Network);
                black_box(generate(spec, &mut rng).expect("graph"))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, generators);
criterion_main!(benches);
