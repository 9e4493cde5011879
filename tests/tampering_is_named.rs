//! Flipping one byte of a stored event is caught by verify, which names the
//! event, both through the library and through `concord verify`.

mod common;

use common::{concord, fixture_report, output_when_unlocked, write};
use concord::ingest::{IngestOptions, ingest};
use concord::input::InputDefaults;
use concord::log::SledLog;

#[test]
fn a_flipped_byte_is_named_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for n in 0..5 {
        write(&corpus, &format!("r{n}.md"), fixture_report(n));
    }
    let db = dir.path().join("db");
    {
        let mut log = SledLog::open(&db).unwrap();
        let summary = ingest(
            &mut log,
            &[corpus],
            &InputDefaults::default(),
            &IngestOptions::default(),
        )
        .unwrap();
        assert_eq!(summary.new.len(), 5);
        assert!(log.verify().unwrap().is_ok());

        // Change one digit of the report text inside event 3: still valid
        // JSON, so only the hash can tell.
        let mut raw = log.raw_event(3).unwrap().unwrap();
        let at = raw.windows(6).position(|w| w == b"About ").unwrap() + 6;
        raw[at] = if raw[at] == b'9' { b'8' } else { b'9' };
        log.tamper_put_raw(3, &raw).unwrap();

        let report = log.verify().unwrap();
        assert!(!report.is_ok());
        assert_eq!(report.problems[0].seq, 3);
        assert!(
            report.problems[0]
                .what
                .contains("event 3 was changed after it was written")
        );
    }
    let output = output_when_unlocked(concord(&db).arg("verify"));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("PROBLEM at event 3: event 3 was changed after it was written"),
        "{stdout}"
    );
}

#[test]
fn a_byte_that_breaks_the_json_is_named_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let corpus = write(dir.path(), "one.md", fixture_report(1));
    concord(&db).arg("ingest").arg(&corpus).assert().success();
    {
        let log = SledLog::open(&db).unwrap();
        let mut raw = log.raw_event(1).unwrap().unwrap();
        raw[0] = b'[';
        log.tamper_put_raw(1, &raw).unwrap();
    }
    let output = output_when_unlocked(concord(&db).arg("verify"));
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("PROBLEM at event 1: event 1 is not a readable event"),
        "{stdout}"
    );
}
