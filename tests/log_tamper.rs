//! Tamper evidence: `SledLog::verify` notices events changed, removed,
//! reordered or inserted behind the log's back and names the event; an
//! export read back through `import_events` reproduces the chain, and a
//! tampered export is refused at the line that was tampered with.

use std::io::Cursor;

use chrono::{DateTime, TimeZone, Utc};
use concord::log::{
    EventLog, EventPayload, GENESIS_HASH, ImportError, SledLog, StoredEvent, event_hash,
    import_events,
};
use concord::report::Report;
use serde_json::value::RawValue;

const EVENT_COUNT: u64 = 8;

fn recorded_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 9, 8, 30, 0).unwrap()
}

fn sample_report(number: u64) -> Report {
    let mut report = Report::new(
        format!("dispatch-{number}"),
        format!(
            "Dispatch {number}: roughly {} farmers drove tractors into the district centre to demand fuel subsidies. \
             Officers stopped the convoy at the bridge; {number} drivers were fined.",
            number * 40
        ),
    );
    report.outlet = Some("The Valley Courier".to_string());
    report.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 8);
    report
}

/// A fresh log of `EVENT_COUNT` events: reports, then a retraction.
fn fresh_log() -> (tempfile::TempDir, SledLog) {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut log = SledLog::open(directory.path().join("db")).expect("open");
    let mut payloads: Vec<EventPayload> = (1..EVENT_COUNT)
        .map(|number| EventPayload::ReportIngested {
            report: sample_report(number),
        })
        .collect();
    payloads.push(EventPayload::ReportRetracted {
        report: "dispatch-2".to_string(),
        reason: "the outlet withdrew it".to_string(),
    });
    log.append(payloads, recorded_at()).expect("append");
    assert_eq!(log.len(), EVENT_COUNT);
    (directory, log)
}

fn raw(log: &SledLog, seq: u64) -> Vec<u8> {
    log.raw_event(seq)
        .expect("raw_event")
        .expect("event present")
}

fn parse(bytes: &[u8]) -> StoredEvent {
    serde_json::from_slice(bytes).expect("a stored event")
}

/// Recomputes an event's hash after its content was changed, as a forger
/// who knows the (unkeyed) hash function would.
fn reseal(mut event: StoredEvent) -> StoredEvent {
    event.hash = event.expected_hash();
    event
}

fn with_text_changed(event: StoredEvent) -> StoredEvent {
    let payload = event
        .payload
        .get()
        .replace("farmers", "students")
        .replace("withdrew", "confirmed");
    assert_ne!(
        payload,
        event.payload.get(),
        "the edit must change something"
    );
    StoredEvent {
        payload: RawValue::from_string(payload).expect("still JSON"),
        ..event
    }
}

/// An event a forger would splice in at `seq`: it names the real previous
/// event and carries a correct hash of its own.
fn forged_event(log: &SledLog, seq: u64) -> StoredEvent {
    let previous_hash = if seq == 1 {
        GENESIS_HASH.to_string()
    } else {
        parse(&raw(log, seq - 1)).hash
    };
    let payload = serde_json::to_string(&serde_json::json!({
        "report": { "id": "forged", "text": "A report nobody ever ingested." }
    }))
    .unwrap();
    let schema = concord::log::CURRENT_SCHEMA_VERSION;
    let hash = event_hash(
        seq,
        schema,
        "ReportIngested",
        &recorded_at(),
        &previous_hash,
        &payload,
    );
    StoredEvent {
        seq,
        schema,
        type_name: "ReportIngested".to_string(),
        recorded_at: recorded_at(),
        prev_hash: previous_hash,
        hash,
        payload: RawValue::from_string(payload).unwrap(),
    }
}

fn put(log: &SledLog, seq: u64, event: &StoredEvent) {
    log.tamper_put_raw(seq, &serde_json::to_vec(event).unwrap())
        .expect("put");
}

/// Moves events `from..=EVENT_COUNT` one place later, leaving `from` free.
fn shift_up_from(log: &SledLog, from: u64) {
    for seq in (from..=EVENT_COUNT).rev() {
        let bytes = raw(log, seq);
        log.tamper_put_raw(seq + 1, &bytes).expect("put");
    }
}

/// Removes event `removed` and moves every later event one place down.
fn remove_and_shift_down(log: &SledLog, removed: u64) {
    for seq in removed..EVENT_COUNT {
        let bytes = raw(log, seq + 1);
        log.tamper_put_raw(seq, &bytes).expect("put");
    }
    log.tamper_remove_raw(EVENT_COUNT).expect("remove");
}

/// Tampers with a fresh log and checks that verify fails and that the
/// events it names are exactly `expected_named`.
fn check(description: &str, tamper: impl FnOnce(&SledLog), expected_named: &[u64]) {
    let (_directory, log) = fresh_log();
    assert!(
        log.verify().unwrap().is_ok(),
        "{description}: the untouched log verifies"
    );
    tamper(&log);
    let report = log.verify().expect("verify runs");
    let mut named: Vec<u64> = report.problems.iter().map(|problem| problem.seq).collect();
    named.dedup();
    assert_eq!(
        named, expected_named,
        "{description}: verify named the wrong events: {:#?}",
        report.problems
    );
}

#[test]
fn verify_names_the_event_that_was_tampered_with() {
    check("nothing changed", |_| {}, &[]);
    check(
        "a report's text edited in place",
        |log| put(log, 3, &with_text_changed(parse(&raw(log, 3)))),
        &[3],
    );
    check(
        "a report's text edited and the event's hash recomputed",
        |log| put(log, 3, &reseal(with_text_changed(parse(&raw(log, 3))))),
        &[3],
    );
    check(
        "the recorded time moved and the hash recomputed",
        |log| {
            let mut event = parse(&raw(log, 5));
            event.recorded_at = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
            put(log, 5, &reseal(event));
        },
        &[5],
    );
    check(
        "the last event edited",
        |log| {
            put(
                log,
                EVENT_COUNT,
                &with_text_changed(parse(&raw(log, EVENT_COUNT))),
            )
        },
        &[EVENT_COUNT],
    );
    check(
        "bytes that are not an event",
        |log| log.tamper_put_raw(4, b"{\"seq\": 4, \"garbage").unwrap(),
        &[4],
    );
    check(
        "an event removed",
        |log| log.tamper_remove_raw(4).unwrap(),
        &[4],
    );
    check(
        "the first event removed",
        |log| log.tamper_remove_raw(1).unwrap(),
        &[1],
    );
    check(
        "an event removed and the later ones moved down",
        |log| remove_and_shift_down(log, 4),
        &[4],
    );
    check(
        "two events' bytes swapped",
        |log| {
            let third = raw(log, 3);
            let fifth = raw(log, 5);
            log.tamper_put_raw(3, &fifth).unwrap();
            log.tamper_put_raw(5, &third).unwrap();
        },
        &[3, 5],
    );
    check(
        "two neighbours swapped",
        |log| {
            let third = raw(log, 3);
            let fourth = raw(log, 4);
            log.tamper_put_raw(3, &fourth).unwrap();
            log.tamper_put_raw(4, &third).unwrap();
        },
        &[3, 4],
    );
    check(
        "a forged event spliced in, later events moved up",
        |log| {
            let forged = forged_event(log, 4);
            shift_up_from(log, 4);
            put(log, 4, &forged);
        },
        &[4],
    );
    check(
        "a forged event spliced in at the start",
        |log| {
            let forged = forged_event(log, 1);
            shift_up_from(log, 1);
            put(log, 1, &forged);
        },
        &[1],
    );
    check(
        "a copy of another event spliced in",
        |log| {
            let copy = raw(log, 2);
            shift_up_from(log, 6);
            log.tamper_put_raw(6, &copy).unwrap();
        },
        &[6],
    );
    check(
        "a forged event appended with a correct link and hash",
        |log| {
            // The forger does not renumber: it claims a seq that is taken.
            let mut forged = forged_event(log, EVENT_COUNT + 1);
            forged.seq = EVENT_COUNT;
            put(log, EVENT_COUNT + 1, &reseal(forged));
        },
        &[EVENT_COUNT + 1],
    );
}

/// What the chain alone cannot show: cutting events off the end leaves a
/// shorter valid chain. Only a head hash kept elsewhere (a published
/// export, a note of `concord log verify`'s output) reveals it; the test
/// pins that limit down so docs/durability.md stays honest.
#[test]
fn truncation_is_only_visible_against_a_recorded_head_hash() {
    let (_directory, log) = fresh_log();
    let head_before = log.verify().unwrap().head_hash;
    log.tamper_remove_raw(EVENT_COUNT).unwrap();
    let report = log.verify().unwrap();
    assert!(report.is_ok());
    assert_ne!(report.head_hash, head_before);
}

fn export(log: &SledLog) -> String {
    let mut lines = String::new();
    for event in log.range(1, log.len()) {
        lines.push_str(&serde_json::to_string(&event.expect("event")).expect("serialise"));
        lines.push('\n');
    }
    lines
}

fn fresh_empty_log() -> (tempfile::TempDir, SledLog) {
    let directory = tempfile::tempdir().expect("temporary directory");
    let log = SledLog::open(directory.path().join("db")).expect("open");
    (directory, log)
}

#[test]
fn an_export_appended_verbatim_reproduces_the_chain() {
    let (_source_directory, source) = fresh_log();
    let exported = export(&source);
    let events: Vec<StoredEvent> = exported
        .lines()
        .map(|line| serde_json::from_str(line).expect("an exported event"))
        .collect();
    let (_directory, mut copy) = fresh_empty_log();
    copy.append_verbatim(events).expect("append_verbatim");
    assert_eq!(copy.head_hash(), source.head_hash());
    assert_eq!(copy.len(), source.len());
    assert!(copy.verify().unwrap().is_ok());
    // The indexes are rebuilt too: ids resolve and duplicates are caught.
    assert_eq!(copy.report_seq("dispatch-3").unwrap(), Some(3));
    let outcome = copy
        .append(
            vec![EventPayload::ReportIngested {
                report: sample_report(5),
            }],
            recorded_at(),
        )
        .unwrap();
    assert!(matches!(
        outcome[0],
        concord::log::AppendOutcome::Duplicate {
            existing_seq: 5,
            ..
        }
    ));
}

#[test]
fn import_events_reproduces_the_chain_and_is_idempotent() {
    let (_source_directory, source) = fresh_log();
    let exported = export(&source);
    let (_directory, mut copy) = fresh_empty_log();
    let summary = import_events(&mut copy, Cursor::new(exported.as_bytes())).expect("import");
    assert_eq!(summary.imported, EVENT_COUNT);
    assert_eq!(summary.already_present, 0);
    assert_eq!(summary.lines_read, EVENT_COUNT as usize);
    assert_eq!(summary.head_hash, source.head_hash());
    assert_eq!(copy.head_hash(), source.head_hash());
    assert!(copy.verify().unwrap().is_ok());
    // Byte for byte the same events.
    for seq in 1..=EVENT_COUNT {
        assert_eq!(copy.raw_event(seq).unwrap(), source.raw_event(seq).unwrap());
    }

    let again = import_events(&mut copy, Cursor::new(exported.as_bytes())).expect("second import");
    assert_eq!(again.imported, 0);
    assert_eq!(again.already_present, EVENT_COUNT);
    assert_eq!(copy.len(), EVENT_COUNT);

    // An export that starts later continues an existing log.
    let (_partial_directory, mut partial) = fresh_empty_log();
    let first_half: String = exported
        .lines()
        .take(3)
        .map(|line| format!("{line}\n"))
        .collect();
    let second_half: String = exported
        .lines()
        .skip(3)
        .map(|line| format!("{line}\n"))
        .collect();
    import_events(&mut partial, Cursor::new(first_half)).expect("first half");
    let rest = import_events(&mut partial, Cursor::new(second_half)).expect("second half");
    assert_eq!(rest.imported, EVENT_COUNT - 3);
    assert_eq!(partial.head_hash(), source.head_hash());
}

/// Imports a tampered export into an empty database and checks that it is
/// refused at `expected_line` and that nothing was written.
fn check_refused(description: &str, tamper: impl FnOnce(&mut Vec<String>), expected_line: usize) {
    let (_source_directory, source) = fresh_log();
    let mut lines: Vec<String> = export(&source).lines().map(str::to_string).collect();
    tamper(&mut lines);
    let (_directory, mut copy) = fresh_empty_log();
    let result = import_events(&mut copy, Cursor::new(lines.join("\n")));
    match result {
        Err(ImportError::BadLine { line, .. }) => {
            assert_eq!(
                line,
                expected_line,
                "{description}: {}",
                result.unwrap_err()
            )
        }
        other => panic!("{description}: expected a refusal at line {expected_line}, got {other:?}"),
    }
    assert_eq!(copy.len(), 0, "{description}: nothing may be written");
}

fn edit_line(line: &str, edit: impl FnOnce(StoredEvent) -> StoredEvent) -> String {
    serde_json::to_string(&edit(serde_json::from_str(line).unwrap())).unwrap()
}

#[test]
fn a_tampered_export_is_refused_at_the_bad_line() {
    check_refused(
        "text edited",
        |lines| lines[2] = edit_line(&lines[2], with_text_changed),
        3,
    );
    check_refused(
        "text edited and resealed",
        |lines| lines[2] = edit_line(&lines[2], |event| reseal(with_text_changed(event))),
        // Event 3 is self-consistent now; the break shows where event 4
        // names the old hash of event 3.
        4,
    );
    check_refused("a line removed", |lines| drop(lines.remove(3)), 4);
    check_refused("two lines swapped", |lines| lines.swap(2, 5), 3);
    check_refused(
        "a line duplicated",
        |lines| {
            let copy = lines[1].clone();
            lines.insert(2, copy);
        },
        3,
    );
    check_refused(
        "a line that is not JSON",
        |lines| lines[4] = "{\"seq\": 5,".to_string(),
        5,
    );
    check_refused(
        "a blank line is counted",
        |lines| {
            lines.insert(1, String::new());
            lines[4] = edit_line(&lines[4], with_text_changed);
        },
        5,
    );
    check_refused(
        "an export that does not start at the database's head",
        |lines| drop(lines.drain(..2)),
        1,
    );
}

#[test]
fn an_export_of_another_history_is_refused() {
    let (_source_directory, source) = fresh_log();
    let (_directory, mut other) = fresh_empty_log();
    other
        .append(
            vec![EventPayload::ReportIngested {
                report: Report::new("elsewhere", "A different first report."),
            }],
            recorded_at(),
        )
        .unwrap();
    let error = import_events(&mut other, Cursor::new(export(&source))).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::BadLine {
                line: 1,
                seq: Some(1),
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("diverge"), "{error}");
    assert_eq!(other.len(), 1);
}
