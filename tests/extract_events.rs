//! Scores extraction on the project's sample corpus (`events/*.md` with
//! front matter, answer key `events/gold.json`): precision and recall over
//! required figures >= 0.9, no not-figure text as a main figure, no
//! background flag error, every main date right, at most one main place
//! wrong. Skips with a note when
//! `events/gold.json` is absent. `CONCORD_EVENTS_DIR` points the test at
//! another copy of the corpus (for measuring before it is merged).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use concord::extract::{Extraction, ExtractionInput, extract};
use concord::gold::{GoldFile, score_corpus};
use concord::report::{Metadata, Report};

fn events_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CONCORD_EVENTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    dir.join("gold.json").is_file().then_some(dir)
}

/// A minimal front-matter reader for the test: `key: value` lines between
/// `---` fences. The real parser belongs to the input layer.
fn read_report(path: &Path) -> Option<Report> {
    let file = std::fs::read_to_string(path).ok()?;
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let (front, body, offset) = match file.strip_prefix("---\n") {
        Some(rest) => {
            let end = rest.find("\n---\n")?;
            let body_start = 4 + end + 5;
            (&rest[..end], &file[body_start..], body_start)
        }
        None => ("", file.as_str(), 0),
    };
    let mut report = Report::new(stem, body);
    report.body_offset = offset;
    for line in front.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_string();
        match key.trim() {
            "id" => report.id = value,
            "outlet" => report.outlet = Some(value),
            "published" => report.published = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok(),
            "title" => report.title = Some(value),
            "corrects" => report.corrects = Some(value),
            other => {
                report
                    .metadata
                    .insert(other.to_string(), serde_json::Value::String(value));
            }
        }
    }
    Some(report)
}

#[test]
fn sample_corpus_scores_against_gold() {
    let Some(dir) = events_dir() else {
        eprintln!("note: events/gold.json not found; skipping sample-corpus scoring");
        return;
    };
    let gold = GoldFile::from_json(&std::fs::read_to_string(dir.join("gold.json")).expect("gold"))
        .expect("gold/1");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("events dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let reports: Vec<Report> = paths.iter().filter_map(|p| read_report(p)).collect();
    let empty = Metadata::new();
    let extractions: Vec<Extraction> = reports
        .iter()
        .map(|r| {
            extract(ExtractionInput {
                url: None,
                outlet: None,
                report_id: &r.id,
                text: &r.text,
                title: r.title.as_deref(),
                published: r.published,
                metadata: if r.metadata.is_empty() {
                    &empty
                } else {
                    &r.metadata
                },
            })
        })
        .collect();
    for extraction in &extractions {
        for figure in &extraction.figures {
            let report = reports
                .iter()
                .find(|r| r.id == extraction.report)
                .expect("report");
            assert_eq!(&report.text[figure.span[0]..figure.span[1]], figure.quote);
        }
    }
    let items: Vec<(&str, &str, &Extraction)> = reports
        .iter()
        .zip(extractions.iter())
        .map(|(r, e)| (r.id.as_str(), r.text.as_str(), e))
        .collect();
    let score = score_corpus(&gold, &items);
    let rendered = score.render();
    println!("{rendered}");
    let scored_reports = score
        .reports
        .iter()
        .filter(|r| r.gold_main_date.is_some())
        .count();
    println!(
        "main date {}/{} main place {}/{}",
        score.main_date_correct, scored_reports, score.main_place_correct, scored_reports
    );
    assert!(
        score.precision >= 0.9,
        "precision {:.3} < 0.9\n{rendered}",
        score.precision
    );
    assert!(
        score.recall >= 0.9,
        "recall {:.3} < 0.9\n{rendered}",
        score.recall
    );
    assert_eq!(score.not_figure_violations, 0, "{rendered}");
    assert_eq!(score.background_flag_errors, 0, "{rendered}");
    assert_eq!(
        score.main_date_correct, scored_reports,
        "main dates\n{rendered}"
    );
    // One report's gold main place is the country because the text calls
    // the city's rally "one of several" of a national day: not inferred
    // (see docs/BENCHMARKS.md).
    assert!(
        score.main_place_correct + 1 >= scored_reports,
        "main places {}/{}\n{rendered}",
        score.main_place_correct,
        scored_reports
    );
}
