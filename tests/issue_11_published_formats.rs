//! Issue 11, part 5: the `published` values real feeds carry are read, as
//! the calendar date the outlet wrote; a value that still cannot be read is
//! kept in the report's metadata with a warning, and the report is stored
//! without a date instead of being rejected.

mod common;

use chrono::NaiveDate;
use common::{concord, write};
use concord::input::{PUBLISHED_UNREAD_KEY, parse_published};
use concord::log::{EventPayload, StoredEvent};
use concord::report::Report;
use proptest::prelude::*;

/// `expected` is `YYYY-MM-DD`, or `None` for a value that must stay unread.
fn check(input: &str, expected: Option<&str>) {
    let expected = expected.map(|day| {
        NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("the test's own date is valid")
    });
    assert_eq!(parse_published(input), expected, "published {input:?}");
}

#[test]
fn rfc_3339_and_plain_iso() {
    check("2016-11-23", Some("2016-11-23"));
    check("2016-11-23T16:58:00Z", Some("2016-11-23"));
    check("2016-11-23T16:58:00.123456Z", Some("2016-11-23"));
    check("2016-11-23T23:58:00-05:00", Some("2016-11-23"));
    // The date is the one written in the value's own offset, not UTC's.
    check("2016-11-23T01:30:00+09:00", Some("2016-11-23"));
}

#[test]
fn rfc_2822() {
    check("Wed, 23 Nov 2016 16:58:00 -0500", Some("2016-11-23"));
    check("Wed, 23 Nov 2016 22:58:00 -0500", Some("2016-11-23"));
    check("23 Nov 2016 16:58:00 GMT", Some("2016-11-23"));
    check("Wed, 23 Nov 2016 16:58:00 EST", Some("2016-11-23"));
}

#[test]
fn iso_with_a_space_fractions_and_short_offsets() {
    check("2017-05-17 12:24:52.002364-05", Some("2017-05-17"));
    check("2017-05-17 12:24:52-05:00", Some("2017-05-17"));
    check("2017-05-17 12:24", Some("2017-05-17"));
    check("2017-05-17 12:24:52 +0000 UTC", Some("2017-05-17"));
    check("2017-05-17T12:24:52.002+0300", Some("2017-05-17"));
    check("2017-05-17T12:24:52", Some("2017-05-17"));
}

#[test]
fn written_out_dates_with_month_names() {
    check("17 December 2016", Some("2016-12-17"));
    check("December 9th 2016", Some("2016-12-09"));
    check("December 9, 2016", Some("2016-12-09"));
    check("Dec. 9, 2016", Some("2016-12-09"));
    check("Dec 9 2016", Some("2016-12-09"));
    check("Sept. 1, 2016", Some("2016-09-01"));
    check("Sep 1, 2016", Some("2016-09-01"));
    check("1st September 2016", Some("2016-09-01"));
    check("June 2nd, 2016", Some("2016-06-02"));
    check("March 3rd 2024", Some("2024-03-03"));
    check("4th July 2016", Some("2016-07-04"));
    check("DECEMBER 9 2016", Some("2016-12-09"));
    check("2016 Nov 23", Some("2016-11-23"));
}

#[test]
fn weekdays_times_and_zones_around_the_date() {
    check("Nov. 22, 2015 MST", Some("2015-11-22"));
    check("Wed Nov 23, 2016 | 4:58pm EST", Some("2016-11-23"));
    check("November 23, 2016 4:58 PM", Some("2016-11-23"));
    check("November 23, 2016 at 4:58 p.m. EDT", Some("2016-11-23"));
    check("Wednesday, November 23, 2016", Some("2016-11-23"));
    check("Wed. 23 November 2016 16:58 CST", Some("2016-11-23"));
    check("23 November 2016 16:58 (PST)", Some("2016-11-23"));
    check("Nov 23, 2016 11:58pm -0800", Some("2016-11-23"));
    check("Nov 23, 2016 4pm GMT+3", Some("2016-11-23"));
    check("November 23, 2016 16:58 UTC", Some("2016-11-23"));
}

#[test]
fn unambiguous_numeric_dates() {
    check("2016/11/23", Some("2016-11-23"));
    check("23.11.2016", Some("2016-11-23"));
    check("23.11.2016 16:58", Some("2016-11-23"));
}

#[test]
fn values_that_stay_unread() {
    // Relative and vague dates name no day without a reference point.
    check("last Tuesday", None);
    check("yesterday", None);
    check("December 2016", None);
    check("5th of May", None);
    // US and European feeds write these in opposite orders.
    check("01/05/2023", None);
    check("12/31/2023", None);
    check("31/12/2023", None);
    // Impossible dates.
    check("2016-13-45", None);
    check("February 30, 2016", None);
    check("31.02.2016", None);
    // A weekday the date does not fall on: one of the two is wrong.
    check("Thu Nov 23, 2016", None);
    check("Thu, 23 Nov 2016 16:58:00 -0500", None);
    // Two-digit years and bare numbers.
    check("23.11.16", None);
    check("Dec 9, 16", None);
    check("1479938280", None);
    // Something other than time and zone words after the date.
    check("December 9, 2016 and later", None);
    check("2016-11-23 soon", None);
    check("2016-11-23 25:00", None);
    check("", None);
    check("   ", None);
}

proptest! {
    #[test]
    fn reading_published_never_panics(value in any::<String>()) {
        let _ = parse_published(&value);
    }

    #[test]
    fn reading_date_like_noise_never_panics(
        value in "[0-9A-Za-z.,:|+\\-/ ()ñé]{0,40}"
    ) {
        let _ = parse_published(&value);
    }
}

fn stored_reports(db: &std::path::Path) -> Vec<Report> {
    let output = concord(db).args(["log", "--json"]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let event: StoredEvent = serde_json::from_str(line).expect("an exported event");
            match event.decode().expect("a decodable payload") {
                EventPayload::ReportIngested { report }
                | EventPayload::ReportCorrected { report, .. } => Some(report),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn a_batch_with_one_unreadable_published_is_stored_whole_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let feed = write(
        dir.path(),
        "feed.jsonl",
        [
            r#"{"id": "rfc2822", "text": "About 300 people rallied in Almaty.", "published": "Wed, 23 Nov 2016 16:58:00 -0500"}"#,
            r#"{"id": "vague", "text": "Dozens were detained in Bishkek.", "published": "last Tuesday"}"#,
            r#"{"id": "written", "text": "Miners struck in Karaganda.", "published": "Dec. 9, 2016"}"#,
        ]
        .join("\n")
            + "\n",
    );
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&feed)
        .args(["--published", "2020-01-01"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning is not a rejection; stderr: {stderr}"
    );
    assert!(
        stdout.starts_with("ingest: 3 new, 0 duplicate, 0 renamed, 0 rejected"),
        "{stdout}"
    );
    let warning = format!(
        "concord: warning: {}:2: `published` is \"last Tuesday\"",
        feed.display()
    );
    assert!(stderr.contains(&warning), "{stderr:?} lacks {warning:?}");
    assert!(stderr.contains("vague is stored without a publication date"));
    assert!(!stderr.contains("rejected"), "{stderr}");

    let reports = stored_reports(&db);
    let by_id = |id: &str| {
        reports
            .iter()
            .find(|report| report.id == id)
            .unwrap_or_else(|| panic!("{id} is stored"))
    };
    assert_eq!(
        by_id("rfc2822").published,
        NaiveDate::from_ymd_opt(2016, 11, 23)
    );
    assert_eq!(
        by_id("written").published,
        NaiveDate::from_ymd_opt(2016, 12, 9)
    );
    let vague = by_id("vague");
    assert_eq!(
        vague.published, None,
        "the --published default does not replace a date the report gave"
    );
    assert_eq!(vague.metadata[PUBLISHED_UNREAD_KEY], "last Tuesday");
}

#[test]
fn an_unreadable_published_flag_is_still_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "a.md", "About 40 people marched.\n");
    let output = concord(&dir.path().join("db"))
        .arg("ingest")
        .arg(&report)
        .args(["--published", "01/05/2023"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let readable = concord(&dir.path().join("db"))
        .arg("ingest")
        .arg(&report)
        .args(["--published", "Dec. 9, 2016"])
        .output()
        .unwrap();
    assert!(readable.status.success(), "{readable:?}");
}

#[test]
fn an_unreadable_manifest_date_keeps_the_entry_and_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "a.txt", "About 40 people marched in Atyrau.\n");
    write(
        &corpus,
        "manifest.json",
        r#"{"reports": [{"file": "a.txt", "outlet": "Steppe Courier", "published": "sometime in May"}]}"#,
    );
    let db = dir.path().join("db");
    let output = concord(&db).arg("ingest").arg(&corpus).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("manifest.json (entry a.txt): `published` is \"sometime in May\""),
        "{stderr}"
    );
    let reports = stored_reports(&db);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].outlet.as_deref(), Some("Steppe Courier"));
    assert_eq!(reports[0].published, None);
    assert_eq!(reports[0].metadata[PUBLISHED_UNREAD_KEY], "sometime in May");
}
