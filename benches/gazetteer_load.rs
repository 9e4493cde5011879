//! Load time of the embedded gazetteer: every CLI invocation and every test
//! binary that touches places pays it once. Target (issue 11): <= 100 ms in
//! release. A process reads the tables the build script prebuilt
//! (`read_prebuilt`); the build script parses the text tables
//! (`parse_embedded`). Run: `cargo bench --bench gazetteer_load`.

use std::hint::black_box;

use concord::gazetteer::Gazetteer;
use criterion::{Criterion, criterion_group, criterion_main};

fn gazetteer_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    group.bench_function("parse_embedded", |b| {
        b.iter(|| black_box(Gazetteer::parse_embedded()))
    });
    let gazetteer = Gazetteer::global();
    let prebuilt = gazetteer.to_bytes();
    group.bench_function("read_prebuilt", |b| {
        b.iter(|| black_box(Gazetteer::from_bytes(black_box(&prebuilt))))
    });
    group.bench_function("lookup_hit", |b| {
        b.iter(|| black_box(gazetteer.lookup(black_box("Nur-Sultan")).len()))
    });
    group.bench_function("could_start_place_name_miss", |b| {
        b.iter(|| black_box(gazetteer.could_start_place_name(black_box("protesters"))))
    });
    group.finish();
}

criterion_group!(benches, gazetteer_load);
criterion_main!(benches);
