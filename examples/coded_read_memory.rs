//! The dataset reader on its own, for measuring its memory apart from the
//! log's (docs/BENCHMARKS.md, "Coded datasets merged with the news"): reads
//! a CSV file as a coded dataset and drops every row as soon as it is read,
//! counting rows, rejections and warnings.
//!
//!     cargo build --release --example coded_read_memory
//!     /usr/bin/time -v target/release/examples/coded_read_memory gva rows.csv

use concord::input::{ClosureSink, InputError};
use concord::report::Report;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [dataset_argument, path] = arguments.as_slice() else {
        eprintln!("usage: coded_read_memory PRESET|MAPPING.toml FILE.csv");
        std::process::exit(2);
    };
    let dataset = match concord::coded::dataset_from_argument(dataset_argument) {
        Ok(dataset) => dataset,
        Err(error) => {
            eprintln!("coded_read_memory: {error}");
            std::process::exit(2);
        }
    };
    let (mut rows, mut rejected, mut warnings, mut bytes) = (0u64, 0u64, 0u64, 0usize);
    let mut sink = ClosureSink {
        on_report: |item: Result<Report, InputError>| match item {
            Ok(report) => {
                rows += 1;
                bytes += report.text.len();
            }
            Err(_) => rejected += 1,
        },
        on_warning: |_| warnings += 1,
    };
    concord::coded::read_dataset_file(std::path::Path::new(path), &dataset, &mut sink);
    println!("{rows} rows ({bytes} bytes of row text), {rejected} rejected, {warnings} warnings");
}
