//! Issue 15, session 24: `audit ID` answered from the read models without
//! opening the log's store. An audit shows each claim's sentence with its
//! quote marked; it used to read every member report back from the log for
//! the exact place of the quote, and opening the log (sled) at a million
//! reports takes 0.4-5 s and 200 MB. A claim now says where its quote is in
//! its own sentence, so only a claim that cannot (a web page's, whose spans
//! index the stored HTML) sends the audit to the log.

mod common;

use std::path::Path;

use common::{concord, fresh_database, reports_under, stdout_of, store_reports, write};
use concord::cluster::ClusterConfig;
use concord::log::SledLog;
use concord::project::{AsOf, ProjectionSettings};
use concord::read_model;
use concord::views::{self, AuditOptions};

#[test]
fn issue_15_audit_of_a_current_read_model_never_opens_the_log_store() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(
        &mut log,
        &reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events")),
    );
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    drop(log);

    let log = SledLog::open(&database).unwrap();
    let read_model = read_model::open_current(&log, &ProjectionSettings::default())
        .unwrap()
        .expect("current");
    let ids: Vec<String> = read_model
        .incidents()
        .map(|incident| incident.unwrap())
        .filter(|incident| !incident.figures.is_empty())
        .map(|incident| incident.id)
        .collect();
    drop(read_model);
    assert!(!ids.is_empty());
    for id in &ids {
        for json in [false, true] {
            let options = AuditOptions {
                as_of: AsOf::Head,
                cluster: ClusterConfig::default(),
                id: id.clone(),
                metric: None,
                json,
            };
            let mut bytes = Vec::new();
            views::audit_command(&log, &options, &mut bytes).unwrap();
            let audit = String::from_utf8(bytes).unwrap();
            assert!(audit.contains('«'), "{id}: {audit}");
        }
    }
    assert!(
        !log.log_store_is_open(),
        "an audit from current read models opened sled"
    );
}

#[test]
fn issue_15_each_claim_marks_its_own_quote_when_a_number_repeats_in_the_sentence() {
    let directory = tempfile::tempdir().unwrap();
    let report = serde_json::json!({
        "id": "twelve-twice",
        "outlet": "Steppe Wire",
        "published": "2021-03-07",
        "title": "Detentions in two cities",
        "text": "Police detained 12 people in Almaty on Saturday and 12 people in Astana, \
                 rights monitors said."
    });
    let input = write(directory.path(), "reports.jsonl", report.to_string());
    let db = directory.path().join("db");
    concord(&db).arg("ingest").arg(&input).assert().success();
    let incidents = stdout_of(concord(&db).args(["incidents", "--json"]));
    let mut marked: Vec<String> = Vec::new();
    for line in incidents.lines() {
        let incident: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = incident["id"].as_str().unwrap();
        let audit = stdout_of(concord(&db).args(["audit", id, "--json"]));
        let audit: serde_json::Value = serde_json::from_str(audit.trim()).unwrap();
        for metric in audit["metrics"].as_array().unwrap() {
            for claim in metric["claims"].as_array().unwrap() {
                marked.push(claim["marked_sentence"].as_str().unwrap().to_string());
            }
        }
    }
    let first = "Police detained «12» people in Almaty on Saturday and 12 people in Astana, \
                 rights monitors said.";
    let second = "Police detained 12 people in Almaty on Saturday and «12» people in Astana, \
                  rights monitors said.";
    assert!(marked.iter().any(|m| m == first), "{marked:#?}");
    assert!(marked.iter().any(|m| m == second), "{marked:#?}");
}
