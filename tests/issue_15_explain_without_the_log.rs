//! Issue 15, session 25: `explain A B` answered without opening the log's
//! store. It compared the two reports' texts (their content vectors), so it
//! read both reports back from the log, and opening the log (sled) at a
//! million reports takes 0.4-5 s and 200 MB. What clustering reads of a
//! report besides its extraction (its content vector above all) is now
//! cached beside the extraction as the report's digest, and a read model
//! keeps the match model in force: a current read model explains any pair
//! from the derived store alone, with the same answer as the log gives.

mod common;

use std::path::Path;

use common::{fresh_database, reports_under, store_reports};
use concord::cluster::{ClusterConfig, explain_pair};
use concord::log::{EventLog, SledLog};
use concord::project::{Extractor, ProjectionSettings, model_at, report_input};
use concord::read_model;
use concord::views::{self, ExplainOptions};

fn explain_by_view(log: &SledLog, a: &str, b: &str, json: bool) -> String {
    let options = ExplainOptions {
        cluster: ClusterConfig::default(),
        a: a.to_string(),
        b: b.to_string(),
        json,
    };
    let mut bytes = Vec::new();
    views::explain_command(log, &options, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn issue_15_explain_from_a_current_read_model_never_opens_the_log_and_agrees_with_it() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    let reports = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    store_reports(&mut log, &reports);
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    drop(log);

    let log = SledLog::open(&database).unwrap();
    let ids: Vec<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.len() >= 8);
    // Every pair of the first eight reports, and each report with itself.
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (i, a) in ids.iter().take(8).enumerate() {
        for b in ids.iter().take(8).skip(i) {
            pairs.push((a, b));
        }
    }
    let from_read_model: Vec<(String, String)> = pairs
        .iter()
        .map(|(a, b)| {
            (
                explain_by_view(&log, a, b, true),
                explain_by_view(&log, a, b, false),
            )
        })
        .collect();
    assert!(
        !log.log_store_is_open(),
        "explain from a current read model opened sled"
    );

    let extractor = Extractor::current();
    let (_, model) = model_at(&log, log.len()).unwrap();
    for ((a, b), (json, text)) in pairs.iter().zip(&from_read_model) {
        let input_a = report_input(&log, &extractor, a).unwrap().unwrap();
        let input_b = report_input(&log, &extractor, b).unwrap().unwrap();
        let from_log = explain_pair(&input_a, &input_b, &model);
        assert_eq!(
            json.trim_end(),
            serde_json::to_string(&from_log).unwrap(),
            "{a} vs {b}"
        );
        assert!(text.starts_with(&format!("{a} vs {b}")), "{text}");
    }
}

#[test]
fn issue_15_explain_of_a_stale_read_model_reads_the_log() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    let reports = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    let (first, rest) = reports.split_at(reports.len() / 2);
    store_reports(&mut log, first);
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    // Appended after the read model: the read model no longer reflects
    // the head, and explain still answers, from the log.
    store_reports(&mut log, rest);
    drop(log);

    let log = SledLog::open(&database).unwrap();
    let a = &rest[0].id;
    let b = &first[0].id;
    let json = explain_by_view(&log, a, b, true);
    let value: serde_json::Value = serde_json::from_str(json.trim_end()).unwrap();
    assert!(value["features"].is_array(), "{json}");
    assert!(log.log_store_is_open());
}
