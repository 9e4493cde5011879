//! Writes every candidate pair clustering scores between the main events
//! of a JSON Lines corpus, with its features, one JSON object a line: the
//! input for estimating the model's weights and for reading what a missed
//! pair lacked (docs/clustering.md, "Estimating the weights").
//!
//! `cargo run --release --example pair_features -- CORPUS.jsonl > pairs.jsonl`

use std::io::{BufRead, Write};

use concord::cluster::{MatchModel, ReportInput, candidate_pair_features};
use concord::extract::{ExtractionInput, extract};
use concord::report::Report;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: pair_features CORPUS.jsonl")?;
    let mut inputs: Vec<ReportInput> = Vec::new();
    for (line_number, line) in std::io::BufReader::new(std::fs::File::open(&path)?)
        .lines()
        .enumerate()
    {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line)?;
        let text = value["text"].as_str().unwrap_or_default();
        let id = value["id"]
            .as_str()
            .map_or_else(|| format!("line-{line_number}"), str::to_string);
        let mut report = Report::new(id, text);
        report.title = value["title"].as_str().map(str::to_string);
        report.outlet = value["outlet"].as_str().map(str::to_string);
        report.published = value["published"]
            .as_str()
            .and_then(concord::input::parse_published);
        let extraction = extract(ExtractionInput::from_report(&report));
        inputs.push(ReportInput {
            digest: None,
            seq: line_number as u64 + 1,
            report,
            extraction,
        });
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for pair in candidate_pair_features(&inputs, &MatchModel::built_in()) {
        serde_json::to_writer(&mut out, &pair)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
