//! Extraction throughput over 10,000 generated ~2 KB reports, single-threaded,
//! and the content vector a build makes of each.
//! Run: cargo bench --bench extract

use std::hint::black_box;

use chrono::NaiveDate;
use concord::cluster::content::content_vector;
use concord::extract::{ExtractionInput, extract};
use concord::report::Metadata;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

// The same allocator as the `concord` binary, so the bench measures what
// `concord extract` and `concord ingest` do.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CITIES: &[&str] = &[
    "Almaty",
    "Nur-Sultan",
    "Shymkent",
    "Aqtobe",
    "Oral",
    "Chicago",
    "Lagos",
    "Bishkek",
];
const QUALIFIERS: &[&str] = &[
    "more than",
    "about",
    "at least",
    "nearly",
    "some",
    "",
    "up to",
];
const WEEKDAYS: &[&str] = &["Saturday", "Sunday", "Monday", "Friday"];

/// A deterministic pseudo-random report of about 2 KB built from templates.
fn report(seed: usize) -> String {
    let pick = |list: &[&'static str], salt: usize| {
        list[(seed.wrapping_mul(2654435761).wrapping_add(salt * 97)) % list.len()]
    };
    let city = pick(CITIES, 1);
    let other = pick(CITIES, 2);
    let q1 = pick(QUALIFIERS, 3);
    let q2 = pick(QUALIFIERS, 4);
    let day = pick(WEEKDAYS, 5);
    let n1 = 10 + seed % 190;
    let n2 = 3 + seed % 40;
    let mut text = format!(
        "Police Detain Dozens As Rallies Spread\n\n{} -- Police detained {q1} {n1} people on {day} as opposition supporters tried to rally in {city} and other cities, rights monitors said.\n\n\
In {other}, an eyewitness said {q2} {n2} protesters were taken into custody near Republic Square. A further 12 were held in {city}, and another 4 in the northern city of Oral.\n\n\
The Interior Ministry confirmed that {n1} people were detained in {city} and {other}, adding that administrative charges were being considered. Organisers said about 2,000 people had planned to attend.\n\n\
Some of those detained face up to 15 days in jail. The country of 19 million people has seen protests since 2019, when a 79-year-old leader stepped down after 30 years in power.\n\n\
In December, clashes in Zhanaozen left at least 16 people dead and more than 100 injured, according to officials. The Democratic Choice of Kazakhstan (DVK) called the rallies.\n\n",
        city.to_uppercase()
    );
    while text.len() < 2000 {
        text.push_str("Witnesses said police vans blocked the streets around the square for several hours while officers checked documents. ");
    }
    text
}

fn bench_extract(c: &mut Criterion) {
    let reports: Vec<String> = (0..10_000).map(report).collect();
    let bytes: usize = reports.iter().map(String::len).sum();
    let metadata = Metadata::new();
    let published = NaiveDate::from_ymd_opt(2020, 2, 24);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("10k_reports_2kb", |b| {
        b.iter(|| {
            for (i, text) in reports.iter().enumerate() {
                let id = i.to_string();
                black_box(extract(ExtractionInput {
                    url: None,
                    outlet: None,
                    report_id: &id,
                    text,
                    title: None,
                    published,
                    metadata: &metadata,
                }));
            }
        })
    });
    group.finish();
}

/// The content vector (`cluster::content`), made for every report a build
/// extracts: a tenth of a synthetic build's samples in session 37's
/// profile (docs/BENCHMARKS.md).
fn bench_content_vector(c: &mut Criterion) {
    let reports: Vec<String> = (0..10_000).map(report).collect();
    let bytes: usize = reports.iter().map(String::len).sum();
    let mut group = c.benchmark_group("content_vector");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("10k_reports_2kb", |b| {
        b.iter(|| {
            for text in &reports {
                black_box(content_vector(
                    Some("Police Detain Dozens As Rallies Spread"),
                    text,
                ));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_content_vector);
criterion_main!(benches);
