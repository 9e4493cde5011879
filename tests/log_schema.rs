//! Schema evolution: a log written by schema version 1 (frozen in
//! tests/fixtures/log-v1.jsonl) still imports, still verifies (old events
//! keep their old bytes and hashes) and reads as the current types, equal to
//! what the current version stores for the same reports.
//!
//! The fixture was produced by `version_1_events` below and then frozen:
//! `CONCORD_WRITE_FIXTURES=1 cargo test --test log_schema` rewrites it,
//! which should only ever be needed if the fixture is lost. Version 1 as it
//! was is described on `CURRENT_SCHEMA_VERSION`.

use std::io::Cursor;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use concord::log::{
    AppendOutcome, CURRENT_SCHEMA_VERSION, EventLog, EventPayload, GENESIS_HASH,
    PUBLISHED_AS_WRITTEN_KEY, SledLog, StoredEvent, event_hash, import_events,
};
use concord::report::Report;
use serde_json::json;
use serde_json::value::RawValue;

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/log-v1.jsonl")
}

fn read_fixture() -> String {
    std::fs::read_to_string(fixture_path()).expect("tests/fixtures/log-v1.jsonl is committed")
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, day, hour, 0, 0).unwrap()
}

const HARBOUR_ONE_TEXT: &str = "Dock workers at the northern harbour stopped loading ships on Saturday morning. \
The union said 1,200 members joined the stoppage; the port authority put the number at 700.";
const HARBOUR_TWO_TEXT: &str = "By the evening the strike had spread to the container terminal, \
where about 300 drivers parked their lorries across the access road.";
const HARBOUR_THREE_TEXT: &str = "A weekly round-up: the harbour dispute entered its second week \
and no talks were scheduled.";
const HARBOUR_FOUR_TEXT: &str =
    "Police detained 14 picketers near gate 3 after scuffles with security guards.";
const HARBOUR_ONE_CORRECTED_TEXT: &str = "Dock workers at the northern harbour stopped loading ships on Saturday morning. \
The union said 1,100 members joined the stoppage; the port authority put the number at 700.";

/// The events a version-1 concord wrote for a small harbour strike, with
/// version-1 payload shapes and version-1 hashes.
fn version_1_events() -> Vec<StoredEvent> {
    let events = [
        (
            "ReportIngested",
            at(12, 9),
            // Version 1: the report flat, `published` a plain ISO date.
            json!({
                "id": "harbour-1",
                "outlet": "Harbour Times",
                "published": "2021-06-12",
                "title": "Dockers walk out",
                "text": HARBOUR_ONE_TEXT,
            }),
        ),
        (
            "ReportIngested",
            at(12, 20),
            // A timestamp with the source's offset: its date is the date.
            json!({
                "id": "harbour-2",
                "outlet": "Coastal Radio",
                "published": "2021-06-12T18:45:00+03:00",
                "url": "https://radio.example/harbour-2",
                "text": HARBOUR_TWO_TEXT,
            }),
        ),
        (
            "ReportIngested",
            at(19, 8),
            // Version 1 kept whatever the source said, even when it was no date.
            json!({
                "id": "harbour-3",
                "outlet": "Weekly Ledger",
                "published": "week 24, 2021",
                "text": HARBOUR_THREE_TEXT,
            }),
        ),
        (
            "ReportIngested",
            at(19, 9),
            json!({
                "id": "harbour-4",
                "language": "en",
                "source": "inbox/harbour-4.txt",
                "text": HARBOUR_FOUR_TEXT,
            }),
        ),
        (
            "ReportCorrected",
            at(20, 7),
            json!({
                "supersedes": "harbour-1",
                "report": {
                    "id": "harbour-1-corrected",
                    "outlet": "Harbour Times",
                    "published": "2021-06-13",
                    "text": HARBOUR_ONE_CORRECTED_TEXT,
                },
            }),
        ),
        (
            "ReportRetracted",
            at(20, 8),
            // Version 1 named the retracted report `id`.
            json!({ "id": "harbour-4", "reason": "the outlet could not confirm the detentions" }),
        ),
        (
            "ReportsLinked",
            at(20, 9),
            json!({ "a": "harbour-1-corrected", "b": "harbour-2", "reason": "same stoppage, same day" }),
        ),
    ];
    let mut previous_hash = GENESIS_HASH.to_string();
    let mut stored = Vec::new();
    for (index, (type_name, recorded_at, payload)) in events.into_iter().enumerate() {
        let seq = index as u64 + 1;
        let payload = serde_json::to_string(&payload).unwrap();
        let hash = event_hash(seq, 1, type_name, &recorded_at, &previous_hash, &payload);
        stored.push(StoredEvent {
            seq,
            schema: 1,
            type_name: type_name.to_string(),
            recorded_at,
            prev_hash: previous_hash,
            hash: hash.clone(),
            payload: RawValue::from_string(payload).unwrap(),
        });
        previous_hash = hash;
    }
    stored
}

fn report(
    id: &str,
    outlet: Option<&str>,
    published: Option<(i32, u32, u32)>,
    text: &str,
) -> Report {
    let mut report = Report::new(id, text);
    report.outlet = outlet.map(str::to_string);
    report.published =
        published.and_then(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day));
    report
}

/// The same facts as the current version stores them.
fn current_payloads() -> Vec<EventPayload> {
    let mut harbour_one = report(
        "harbour-1",
        Some("Harbour Times"),
        Some((2021, 6, 12)),
        HARBOUR_ONE_TEXT,
    );
    harbour_one.title = Some("Dockers walk out".to_string());
    let mut harbour_two = report(
        "harbour-2",
        Some("Coastal Radio"),
        Some((2021, 6, 12)),
        HARBOUR_TWO_TEXT,
    );
    harbour_two.url = Some("https://radio.example/harbour-2".to_string());
    let mut harbour_three = report("harbour-3", Some("Weekly Ledger"), None, HARBOUR_THREE_TEXT);
    harbour_three
        .metadata
        .insert(PUBLISHED_AS_WRITTEN_KEY.to_string(), json!("week 24, 2021"));
    let mut harbour_four = report("harbour-4", None, None, HARBOUR_FOUR_TEXT);
    harbour_four.language = Some("en".to_string());
    harbour_four.source = Some("inbox/harbour-4.txt".to_string());
    vec![
        EventPayload::ReportIngested {
            report: harbour_one,
        },
        EventPayload::ReportIngested {
            report: harbour_two,
        },
        EventPayload::ReportIngested {
            report: harbour_three,
        },
        EventPayload::ReportIngested {
            report: harbour_four,
        },
        EventPayload::ReportCorrected {
            supersedes: "harbour-1".to_string(),
            report: report(
                "harbour-1-corrected",
                Some("Harbour Times"),
                Some((2021, 6, 13)),
                HARBOUR_ONE_CORRECTED_TEXT,
            ),
        },
        EventPayload::ReportRetracted {
            report: "harbour-4".to_string(),
            reason: "the outlet could not confirm the detentions".to_string(),
        },
        EventPayload::ReportsLinked {
            a: "harbour-1-corrected".to_string(),
            b: "harbour-2".to_string(),
            reason: "same stoppage, same day".to_string(),
        },
    ]
}

#[test]
fn write_the_version_1_fixture_when_asked() {
    if std::env::var("CONCORD_WRITE_FIXTURES").is_err() {
        return;
    }
    let mut lines = String::new();
    for event in version_1_events() {
        lines.push_str(&serde_json::to_string(&event).unwrap());
        lines.push('\n');
    }
    std::fs::create_dir_all(fixture_path().parent().unwrap()).unwrap();
    std::fs::write(fixture_path(), lines).unwrap();
}

fn imported_version_1_log() -> (tempfile::TempDir, SledLog) {
    let directory = tempfile::tempdir().unwrap();
    let mut log = SledLog::open(directory.path().join("db")).unwrap();
    let summary =
        import_events(&mut log, Cursor::new(read_fixture())).expect("the v1 fixture imports");
    assert_eq!(summary.imported, 7);
    (directory, log)
}

#[test]
fn the_version_1_fixture_imports_and_verifies_with_its_old_hashes() {
    let fixture = read_fixture();
    let last: StoredEvent = serde_json::from_str(fixture.lines().last().unwrap()).unwrap();
    for line in fixture.lines() {
        let event: StoredEvent = serde_json::from_str(line).unwrap();
        assert_eq!(event.schema, 1, "the fixture is version 1 throughout");
    }
    let (_directory, log) = imported_version_1_log();
    let verification = log.verify().unwrap();
    assert!(verification.is_ok(), "{:?}", verification.problems);
    assert_eq!(log.head_hash(), last.hash);
    // Stored bytes are the fixture's bytes, not an upcast rewrite.
    for (line, seq) in fixture.lines().zip(1..) {
        let stored: StoredEvent =
            serde_json::from_slice(&log.raw_event(seq).unwrap().unwrap()).unwrap();
        let original: StoredEvent = serde_json::from_str(line).unwrap();
        assert_eq!(stored.payload.get(), original.payload.get());
    }
}

#[test]
fn version_1_events_read_as_the_current_version_would_store_them() {
    let (_directory, log) = imported_version_1_log();
    let decoded: Vec<EventPayload> = log
        .range(1, log.len())
        .map(|event| event.unwrap().decode().unwrap())
        .collect();
    let expected = current_payloads();
    assert_eq!(decoded.len(), expected.len());
    for (seq, (decoded, expected)) in decoded.iter().zip(&expected).enumerate() {
        assert_eq!(decoded, expected, "event {}", seq + 1);
    }
}

#[test]
fn the_projection_of_reports_is_the_same_from_either_version() {
    let (_old_directory, mut old) = imported_version_1_log();
    let new_directory = tempfile::tempdir().unwrap();
    let mut new = SledLog::open(new_directory.path().join("db")).unwrap();
    new.append(current_payloads(), at(21, 0)).unwrap();

    for id in [
        "harbour-1",
        "harbour-2",
        "harbour-3",
        "harbour-4",
        "harbour-1-corrected",
    ] {
        let old_seq = old.report_seq(id).unwrap().expect("indexed in the old log");
        let new_seq = new.report_seq(id).unwrap().expect("indexed in the new log");
        assert_eq!(old_seq, new_seq, "{id}");
        let old_report = old
            .get(old_seq)
            .unwrap()
            .unwrap()
            .decode()
            .unwrap()
            .report()
            .cloned();
        let new_report = new
            .get(new_seq)
            .unwrap()
            .unwrap()
            .decode()
            .unwrap()
            .report()
            .cloned();
        assert_eq!(old_report, new_report, "{id}");
    }

    // The content index built from upcast version-1 reports recognises the
    // same reports arriving again from a current ingest.
    let reingested: Vec<EventPayload> = current_payloads()
        .into_iter()
        .filter(|payload| matches!(payload, EventPayload::ReportIngested { .. }))
        .collect();
    let outcomes = old.append(reingested, at(22, 0)).unwrap();
    for (outcome, expected_seq) in outcomes.iter().zip(1..) {
        assert!(
            matches!(outcome, AppendOutcome::Duplicate { existing_seq, .. } if *existing_seq == expected_seq),
            "{outcome:?}"
        );
    }
}

#[test]
fn a_version_1_log_continues_with_current_events() {
    let (_directory, mut log) = imported_version_1_log();
    let outcomes = log
        .append(
            vec![EventPayload::ReportIngested {
                report: report(
                    "harbour-5",
                    Some("Harbour Times"),
                    Some((2021, 6, 25)),
                    "Talks resumed on Friday.",
                ),
            }],
            at(25, 12),
        )
        .unwrap();
    assert!(matches!(outcomes[0], AppendOutcome::Stored { seq: 8, .. }));
    let newest = log.get(8).unwrap().unwrap();
    assert_eq!(newest.schema, CURRENT_SCHEMA_VERSION);
    assert_eq!(CURRENT_SCHEMA_VERSION, 2);
    assert!(log.verify().unwrap().is_ok());
}

#[test]
fn an_event_from_a_newer_schema_is_named_not_misread() {
    let payload = r#"{"report":{"id":"from-the-future","text":"x"}}"#;
    let future = CURRENT_SCHEMA_VERSION + 1;
    let event = StoredEvent {
        seq: 1,
        schema: future,
        type_name: "ReportIngested".to_string(),
        recorded_at: at(1, 0),
        prev_hash: GENESIS_HASH.to_string(),
        hash: event_hash(
            1,
            future,
            "ReportIngested",
            &at(1, 0),
            GENESIS_HASH,
            payload,
        ),
        payload: RawValue::from_string(payload.to_string()).unwrap(),
    };
    let error = event.decode().unwrap_err();
    assert!(error.to_string().contains("newer concord"), "{error}");

    let directory = tempfile::tempdir().unwrap();
    let mut log = SledLog::open(directory.path().join("db")).unwrap();
    let line = serde_json::to_string(&event).unwrap();
    let refused = import_events(&mut log, Cursor::new(line)).unwrap_err();
    assert!(refused.to_string().contains("line 1"), "{refused}");
}

/// Upcasting one payload at a time, for the shapes the fixture does not
/// cover.
#[test]
fn upcasting_single_version_1_payloads() {
    fn check(type_name: &str, version_1: serde_json::Value, current: serde_json::Value) {
        assert_eq!(
            concord::log::upcast(1, type_name, version_1.clone()),
            current,
            "{version_1}"
        );
        // Current payloads pass through unchanged.
        assert_eq!(
            concord::log::upcast(CURRENT_SCHEMA_VERSION, type_name, current.clone()),
            current
        );
    }
    check(
        "ReportIngested",
        json!({ "id": "a", "text": "t", "published": " 2020-01-31 " }),
        json!({ "report": { "id": "a", "text": "t", "published": "2020-01-31" } }),
    );
    check(
        "ReportIngested",
        json!({ "id": "a", "text": "t", "published": null }),
        json!({ "report": { "id": "a", "text": "t" } }),
    );
    check(
        "ReportIngested",
        json!({ "id": "a", "text": "t", "published": "2020-02-30" }),
        json!({ "report": { "id": "a", "text": "t", "metadata": { PUBLISHED_AS_WRITTEN_KEY: "2020-02-30" } } }),
    );
    check(
        "ReportRetracted",
        json!({ "id": "a", "reason": "r" }),
        json!({ "report": "a", "reason": "r" }),
    );
    check(
        "ReportSplit",
        json!({ "incident": "i", "report": "a", "reason": "r" }),
        json!({ "incident": "i", "report": "a", "reason": "r" }),
    );
}
