//! Clustering cost: a full build of 10k and 100k synthetic mentions, and
//! adding one report to a 100k store. The 1M run is `examples/cluster_scale.rs`
//! (see docs/BENCHMARKS.md, "Clustering").

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use concord::cluster::{ClusterConfig, ClusterState};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn full_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("cluster_full_build");
    group.sample_size(10);
    for mentions in [10_000usize, 100_000] {
        let reports = synthetic::synthetic_reports(mentions, 7);
        group.bench_with_input(
            BenchmarkId::from_parameter(mentions),
            &reports,
            |b, reports| {
                b.iter(|| {
                    let mut state = ClusterState::new(ClusterConfig::default());
                    state.add_reports(reports.iter().cloned());
                    state
                })
            },
        );
    }
    group.finish();
}

fn incremental_add(c: &mut Criterion) {
    let reports = synthetic::synthetic_reports(100_000, 7);
    let next_seq = reports.len() as u64;
    let mut state = ClusterState::new(ClusterConfig::default());
    state.add_reports(reports);
    // New reports about existing incidents (incident numbers below the
    // store's), so each add lands in a populated block.
    let extra: Vec<_> = (0..64u64)
        .map(|i| synthetic::synthetic_report(next_seq + i, i * 97, 9, 7))
        .collect();
    let mut group = c.benchmark_group("cluster_incremental");
    group.sample_size(50);
    group.bench_function("add_one_report_to_100k", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for i in 0..iterations {
                let report = extra[(i % extra.len() as u64) as usize].clone();
                let id = report.report.id.clone();
                let start = Instant::now();
                state.add_report(report);
                total += start.elapsed();
                state.remove_report(&id);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, full_build, incremental_add);
criterion_main!(benches);
