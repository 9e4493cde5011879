//! Scores extraction on the five real seed documents against their gold
//! answer key. Reads `../shared` beside the crate; skips with a note when it
//! is absent (fails instead under `CONCORD_REQUIRE_SHARED`, as in CI).

mod common;

use std::path::Path;

use common::shared_dir;

use chrono::NaiveDate;
use concord::extract::{ExtractionInput, extract};
use concord::gold::{GoldFile, score_corpus};
use concord::report::{Metadata, Report};

fn load_seed_reports(shared: &Path) -> Vec<Report> {
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("seeds/manifest.json")).expect("manifest"),
    )
    .expect("manifest json");
    let mut reports = Vec::new();
    for entry in manifest["reports"].as_array().expect("reports array") {
        let file = entry["file"].as_str().expect("file");
        let text = std::fs::read_to_string(shared.join("seeds").join(file)).expect("seed text");
        let mut report = Report::new(file, text);
        report.outlet = entry["outlet"].as_str().map(str::to_string);
        report.published = entry["published"]
            .as_str()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        reports.push(report);
    }
    reports
}

#[test]
fn seeds_score_against_gold() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: ../shared not found; skipping seed scoring");
        return;
    };
    let gold = GoldFile::from_json(
        &std::fs::read_to_string(shared.join("gold/seeds.gold.json")).expect("gold"),
    )
    .expect("gold parses");
    let reports = load_seed_reports(&shared);
    let empty = Metadata::new();
    let extractions: Vec<_> = reports
        .iter()
        .map(|r| {
            extract(ExtractionInput {
                url: None,
                outlet: None,
                report_id: &r.id,
                text: &r.text,
                title: r.title.as_deref(),
                published: r.published,
                metadata: &empty,
            })
        })
        .collect();
    let pairs: Vec<(&Report, &concord::extract::Extraction)> =
        reports.iter().zip(extractions.iter()).collect();
    println!("{}", concord::extract::render::render_table(&pairs));
    let items: Vec<(&str, &str, &concord::extract::Extraction)> = reports
        .iter()
        .zip(extractions.iter())
        .map(|(r, e)| (r.id.as_str(), r.text.as_str(), e))
        .collect();
    let score = score_corpus(&gold, &items);
    let rendered = score.render();
    println!("{rendered}");

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
    assert_eq!(
        score.main_date_correct,
        reports.len(),
        "main dates\n{rendered}"
    );
    assert_eq!(
        score.main_place_correct,
        reports.len(),
        "main places\n{rendered}"
    );
    assert_eq!(score.background_flag_errors, 0, "{rendered}");
    let flagged: usize = score
        .reports
        .iter()
        .map(|r| r.background_figures_flagged)
        .sum();
    let total: usize = score
        .reports
        .iter()
        .map(|r| r.background_figures_total)
        .sum();
    assert_eq!(
        flagged, total,
        "every background gold figure is found and flagged\n{rendered}"
    );
}
