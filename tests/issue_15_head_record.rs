//! Issue 15: a view whose read models are current answers from the derived
//! store alone, without opening the log's store (sled's opening reads its
//! whole page table: 0.4 s and 0.5 GB at a million reports). What makes
//! that safe is the head record beside the log: it is present only while
//! no append is under way, and a record the log contradicts is dropped.

mod common;

use std::path::Path;

use common::{fresh_database, reports_under, store_reports};
use concord::log::{EventLog, HEAD_RECORD_FILE_NAME, SledLog};
use concord::project::ProjectionSettings;
use concord::read_model;
use concord::report::Report;

fn events_reports() -> Vec<Report> {
    reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"))
}

fn head_record(database: &Path) -> Option<serde_json::Value> {
    let bytes = std::fs::read(database.join(HEAD_RECORD_FILE_NAME)).ok()?;
    Some(serde_json::from_slice(&bytes).expect("the head record is JSON"))
}

#[test]
fn issue_15_a_current_read_model_is_read_without_opening_the_log_store() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(&mut log, &events_reports());
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    let (length, hash) = (log.len(), log.head_hash());
    drop(log);

    let log = SledLog::open(&database).unwrap();
    assert_eq!((log.len(), log.head_hash()), (length, hash));
    assert_eq!(
        read_model::staleness(&log, &ProjectionSettings::default()).unwrap(),
        None
    );
    let read_model = read_model::open_current(&log, &ProjectionSettings::default())
        .unwrap()
        .expect("current");
    let first = read_model.incidents().next().unwrap().unwrap();
    let shown = read_model.incident(&first.id).unwrap().expect("by id");
    assert_eq!(shown.id, first.id);
    assert!(
        !log.log_store_is_open(),
        "a current read model was read with sled opened"
    );
    // Asking the log itself opens sled, which agrees.
    assert!(log.verify().unwrap().is_ok());
    assert!(log.log_store_is_open());
}

#[test]
fn issue_15_the_head_record_is_gone_while_an_append_is_under_way() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    let reports = events_reports();
    store_reports(&mut log, &reports[..3]);
    drop(log);
    let written = head_record(&database).expect("a closed log leaves a head record");
    assert_eq!(written["position"], 3);

    let mut log = SledLog::open(&database).unwrap();
    assert!(head_record(&database).is_some());
    store_reports(&mut log, &reports[3..5]);
    // Appended and durable, but the process could still append more: the
    // record waits for the close.
    assert!(head_record(&database).is_none());
    let (length, hash) = (log.len(), log.head_hash());
    drop(log);
    let written = head_record(&database).expect("the close writes the record");
    assert_eq!(written["position"], length);
    assert_eq!(written["hash"], hash.as_str());
}

#[test]
fn issue_15_a_head_record_the_log_contradicts_is_dropped() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(&mut log, &events_reports()[..4]);
    drop(log);
    // A record naming a shorter log (as a directory pieced together from
    // two copies could carry).
    std::fs::write(
        database.join(HEAD_RECORD_FILE_NAME),
        r#"{"position":2,"hash":"not the hash of event 2"}"#,
    )
    .unwrap();
    let log = SledLog::open(&database).unwrap();
    assert_eq!(log.len(), 2, "the record is trusted until sled is asked");
    assert!(log.verify().unwrap().is_ok());
    drop(log);
    assert!(
        head_record(&database).is_none(),
        "sled disagreed, so the record is dropped"
    );
    let log = SledLog::open(&database).unwrap();
    assert_eq!(log.len(), 4);
    assert!(log.log_store_is_open());
}

#[test]
fn issue_15_an_append_continues_the_log_not_a_record_that_contradicts_it() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    let reports = events_reports();
    store_reports(&mut log, &reports[..4]);
    drop(log);
    std::fs::write(
        database.join(HEAD_RECORD_FILE_NAME),
        r#"{"position":2,"hash":"not the hash of event 2"}"#,
    )
    .unwrap();
    let mut log = SledLog::open(&database).unwrap();
    store_reports(&mut log, &reports[4..6]);
    assert_eq!(log.len(), 6, "events 5 and 6, not 3 and 4 written over");
    assert!(log.verify().unwrap().is_ok());
    drop(log);
    let log = SledLog::open(&database).unwrap();
    assert_eq!(log.len(), 6);
    assert!(log.verify().unwrap().is_ok());
}

#[test]
fn issue_15_a_damaged_head_record_or_derived_store_is_recomputed() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(&mut log, &events_reports()[..4]);
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    drop(log);
    std::fs::write(database.join(HEAD_RECORD_FILE_NAME), b"{not json").unwrap();
    std::fs::write(
        database.join(concord::log::DERIVED_FILE_NAME),
        b"not a redb file",
    )
    .unwrap();
    let log = SledLog::open(&database).unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(
        read_model::staleness(&log, &ProjectionSettings::default()).unwrap(),
        Some(read_model::Staleness::Missing)
    );
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    assert_eq!(
        read_model::staleness(&log, &ProjectionSettings::default()).unwrap(),
        None
    );
}

#[test]
fn issue_15_tampering_with_the_log_drops_the_head_record() {
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(&mut log, &events_reports()[..3]);
    log.tamper_remove_raw(3).unwrap();
    drop(log);
    assert!(head_record(&database).is_none());
    let log = SledLog::open(&database).unwrap();
    assert_eq!(log.len(), 2);
}

/// Issues 12 and 15: a full build lets go of sled once its replay has read
/// the log (sled held 440 MB of a million-report build's peak), writing
/// the head record a close would write; whatever needs the log next opens
/// sled again, and nothing is lost or changed by the round trip.
#[test]
fn issue_15_a_full_build_lets_go_of_the_log_store_and_takes_it_back_when_needed() {
    let settings = ProjectionSettings::default();
    let reports = events_reports();
    let (first, rest) = reports.split_at(reports.len() / 2);
    let (directory, mut log) = fresh_database();
    let database = directory.path().join("db");
    store_reports(&mut log, first);
    assert!(log.log_store_is_open());
    assert!(head_record(&database).is_none(), "appended, not closed");

    // No read model yet: a full build.
    read_model::bring_up_to_date(&log, &settings).unwrap();
    assert!(
        !log.log_store_is_open(),
        "the full build kept sled open after reading the log"
    );
    let written = head_record(&database).expect("letting go of sled writes the record");
    assert_eq!(written["position"], log.len());
    assert_eq!(written["hash"], log.head_hash().as_str());

    // Appending opens sled again and takes the record away while it may
    // append more; the catch-up and the log agree with a build in one go.
    store_reports(&mut log, rest);
    assert!(log.log_store_is_open());
    assert!(head_record(&database).is_none());
    read_model::bring_up_to_date(&log, &settings).unwrap();
    assert!(log.verify().unwrap().is_ok());
    assert_eq!(log.len(), reports.len() as u64);
    let in_two = common::read_model_lines(
        &read_model::open_current(&log, &settings)
            .unwrap()
            .expect("current"),
    );
    let (length, hash) = (log.len(), log.head_hash());
    drop(log);
    let reopened = SledLog::open(&database).unwrap();
    assert_eq!((reopened.len(), reopened.head_hash()), (length, hash));

    let (_whole_directory, mut whole) = fresh_database();
    store_reports(&mut whole, &reports);
    read_model::bring_up_to_date(&whole, &settings).unwrap();
    let in_one = common::read_model_lines(
        &read_model::open_current(&whole, &settings)
            .unwrap()
            .expect("current"),
    );
    assert_eq!(in_two, in_one);
}
