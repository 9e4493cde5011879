//! Log throughput: appends with one flush per event against one flush per
//! batch, and ingest of 10,000 generated ~2 KB reports from JSON Lines.
//!
//! Run: `cargo bench --bench log` (figures in docs/BENCHMARKS.md).

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use concord::ingest::{IngestOptions, ingest};
use concord::input::InputDefaults;
use concord::log::{EventLog, EventPayload, SledLog};
use concord::report::Report;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

// The same allocator as the `concord` binary, so the bench measures what
// `concord ingest` does.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CITIES: &[&str] = &[
    "Almaty",
    "Shymkent",
    "Aktau",
    "Oral",
    "Semey",
    "Taraz",
    "Kokshetau",
];
const GROUPS: &[&str] = &[
    "oil workers",
    "teachers",
    "taxi drivers",
    "students",
    "pensioners",
    "miners",
];

/// A generated report of about 2 KB, different for every `n`.
fn generated_text(n: usize) -> String {
    let city = CITIES[n % CITIES.len()];
    let group = GROUPS[n % GROUPS.len()];
    let count = 50 + (n * 37) % 4000;
    let mut text = format!(
        "{city} protest number {n}\n\n{city_upper} -- About {count} {group} gathered outside the regional administration in {city} on the morning of day {day}, according to organisers, while police put the figure at roughly half that.\n\n",
        city_upper = city.to_uppercase(),
        day = n % 28 + 1
    );
    let filler = [
        "Speakers demanded higher wages and an end to what they called arbitrary fines imposed by the management of the local utility company.",
        "Several participants said they had travelled from neighbouring districts by bus and intended to stay until officials agreed to meet a delegation.",
        "A spokesman for the city police said the gathering had not been authorised but that officers would not intervene as long as it remained peaceful.",
        "Local journalists reported that mobile internet in the area was slow or unavailable for several hours during the afternoon.",
        "By evening most of the crowd had dispersed, although a small group remained near the entrance and lit candles.",
    ];
    let mut i = n;
    while text.len() < 2000 {
        text.push_str(filler[i % filler.len()]);
        text.push(' ');
        i += 1;
    }
    text.push('\n');
    text
}

fn generated_reports(count: usize, offset: usize) -> Vec<Report> {
    (offset..offset + count)
        .map(|n| {
            let mut report = Report::new(format!("gen-{n}"), generated_text(n));
            report.outlet = Some("Bench Wire".to_string());
            report
        })
        .collect()
}

fn fresh_log(dir: &Path) -> SledLog {
    SledLog::open(dir.join("db")).expect("open a fresh log")
}

fn appends(c: &mut Criterion) {
    const EVENTS: usize = 500;
    let mut group = c.benchmark_group("append");
    group.throughput(Throughput::Elements(EVENTS as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("flush_per_event_500", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let log = fresh_log(dir.path());
                (dir, log, generated_reports(EVENTS, 0))
            },
            |(dir, mut log, reports)| {
                for report in reports {
                    log.append(vec![EventPayload::ReportIngested { report }], Utc::now())
                        .unwrap();
                }
                (dir, log)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("one_flush_per_batch_500", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let log = fresh_log(dir.path());
                (dir, log, generated_reports(EVENTS, 0))
            },
            |(dir, mut log, reports)| {
                let events = reports
                    .into_iter()
                    .map(|report| EventPayload::ReportIngested { report })
                    .collect();
                log.append(events, Utc::now()).unwrap();
                (dir, log)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn ingest_ten_thousand(c: &mut Criterion) {
    const REPORTS: usize = 10_000;
    let input_dir = tempfile::tempdir().unwrap();
    let feed = input_dir.path().join("feed.jsonl");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&feed).unwrap());
        for n in 0..REPORTS {
            let line = serde_json::json!({
                "id": format!("gen-{n}"),
                "outlet": "Bench Wire",
                "published": "2022-01-05",
                "text": generated_text(n),
            });
            writeln!(file, "{line}").unwrap();
        }
    }
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Elements(REPORTS as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("jsonl_10k_reports_2kb_default_batches", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let log = fresh_log(dir.path());
                (dir, log)
            },
            |(dir, mut log)| {
                let summary = ingest(
                    &mut log,
                    std::slice::from_ref(&feed),
                    &InputDefaults::default(),
                    &IngestOptions::default(),
                )
                .unwrap();
                assert_eq!(summary.new.len(), REPORTS);
                (dir, log)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, appends, ingest_ten_thousand);
criterion_main!(benches);
