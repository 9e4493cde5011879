//! How many candidate pairs each blocking key yields (docs/clustering.md,
//! "Blocking and candidates"): reads JSON Lines corpora (a real-news set,
//! or `concord synth`'s parts), extracts every report, and counts each
//! key's pairs over every mention, block by block, as clustering does.
//!
//! `cargo run --release --example candidate_keys -- CORPUS.jsonl [MORE.jsonl...]`

use std::io::BufRead;

use rayon::prelude::*;

use concord::cluster::{ReportInput, candidate_key_counts};
use concord::extract::{ExtractionInput, extract};
use concord::report::Report;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: candidate_keys CORPUS.jsonl [MORE.jsonl...]".into());
    }
    let mut reports: Vec<Report> = Vec::new();
    for path in &paths {
        for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(&line)?;
            let id = value["id"]
                .as_str()
                .map_or_else(|| format!("line-{}", reports.len()), str::to_string);
            let mut report = Report::new(id, value["text"].as_str().unwrap_or_default());
            report.title = value["title"].as_str().map(str::to_string);
            report.outlet = value["outlet"].as_str().map(str::to_string);
            report.published = value["published"]
                .as_str()
                .and_then(concord::input::parse_published);
            reports.push(report);
        }
    }
    let inputs: Vec<ReportInput> = reports
        .into_par_iter()
        .enumerate()
        .map(|(i, report)| {
            let extraction = extract(ExtractionInput::from_report(&report));
            ReportInput {
                digest: None,
                seq: i as u64 + 1,
                report,
                extraction,
            }
        })
        .collect();
    let counts = candidate_key_counts(&inputs);
    println!("{}", serde_json::to_string_pretty(&counts)?);
    Ok(())
}
