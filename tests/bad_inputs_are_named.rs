//! Every kind of bad input, through the CLI: the message names the file (and
//! line/column where relevant) and the reason, the exit code is 1, and the
//! good files of the same batch are stored.

mod common;

use std::path::Path;

use common::{concord, fixture_report, is_stored, stored_report_rows, write};

/// Ingests a good report together with `bad` and checks the outcome.
fn check(bad: &Path, expected_in_message: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good/fixture.md", fixture_report(1));
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&good)
        .arg(bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code for {}; stderr: {stderr}",
        bad.display()
    );
    for expected in expected_in_message {
        assert!(
            stderr.contains(expected),
            "stderr {stderr:?} should contain {expected:?}"
        );
    }
    let rows = stored_report_rows(&db);
    assert!(
        is_stored(&rows, "fixture-1", 1),
        "the good report is stored: {rows:?}"
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "empty.txt", "");
    check(&bad, &["empty.txt: is empty"]);
    let blank = write(dir.path(), "blank.md", "  \n\n");
    check(&blank, &["blank.md: is empty"]);
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    check(
        &bad,
        &["photo.txt: is not a text file", "NUL byte at byte 8"],
    );
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "latin1.txt",
        b"Protest in K\xf6ln drew 300 people.\n",
    );
    check(&bad, &["latin1.txt: is not valid UTF-8", "byte 12"]);
}

#[test]
fn json_syntax_error_gives_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "broken.json",
        "{\n  \"id\": \"a\",\n  \"text\": \"x\"\n  \"outlet\": \"y\"\n}\n",
    );
    check(
        &bad,
        &["broken.json:4:3: JSON syntax error: expected `,` or `}`"],
    );
}

#[test]
fn json_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "notext.json",
        r#"{"id": "a", "title": "Rally"}"#,
    );
    check(&bad, &["notext.json: has no `text` field"]);
    let array = write(
        dir.path(),
        "array.json",
        r#"[{"text": "fine one"}, {"id": "b"}]"#,
    );
    check(
        &array,
        &["array.json (array element 2): has no `text` field"],
    );
}

/// Not a rejection since issue 11: the report is stored without a date and
/// the value kept, with a warning naming where it is; the exit code stays 0.
#[test]
fn unparseable_published_date_is_a_warning_not_a_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let json = write(
        dir.path(),
        "date.json",
        r#"{"id": "j", "text": "x", "published": "5th of May"}"#,
    );
    let front = write(
        dir.path(),
        "date.md",
        "---\nid: d\npublished: 2023-13-01\n---\nBody.\n",
    );
    let db = dir.path().join("db");
    let output = concord(&db)
        .arg("ingest")
        .arg(&json)
        .arg(&front)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for expected in [
        "date.json: `published` is \"5th of May\"",
        "date.md:3: `published` is \"2023-13-01\"",
    ] {
        assert!(stderr.contains(expected), "{stderr:?} lacks {expected:?}");
    }
    let rows = stored_report_rows(&db);
    assert!(
        is_stored(&rows, "j", 1) && is_stored(&rows, "d", 2),
        "{rows:?}"
    );
}

#[test]
fn a_fifty_megabyte_file_is_refused_by_the_documented_limit() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Marchers filled the avenue and chanted for hours. ".repeat(20) + "\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    let bad = write(dir.path(), "huge.txt", big);
    check(
        &bad,
        &[
            "huge.txt: is 5242",
            "over the limit of 33554432 bytes (32 MiB)",
        ],
    );
}

#[test]
fn a_path_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    check(
        &dir.path().join("nowhere.md"),
        &["nowhere.md: no such file or directory"],
    );
}

#[test]
fn a_directory_with_no_reports() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty-dir");
    std::fs::create_dir_all(&empty).unwrap();
    write(&empty, ".hidden.md", fixture_report(9));
    check(&empty, &["empty-dir: holds no reports"]);
}

#[test]
fn an_unsupported_file_type() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "notes.doc", "a,b\n1,2\n");
    check(&bad, &["notes.doc: has an unsupported file type `.doc`"]);
}

#[test]
fn a_csv_without_a_dataset_is_named() {
    // A CSV is a coded event dataset (issue 14): concord needs to be told
    // which one.
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "table.csv", "a,b\n1,2\n");
    check(
        &bad,
        &["table.csv: is a CSV file: concord reads a CSV as a coded event dataset"],
    );
}

#[test]
fn a_bad_front_matter_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "front.md",
        "---\nid: x\njust words\n---\nBody.\n",
    );
    check(&bad, &["front.md:3: front matter line is not `key: value`"]);
}

#[test]
fn one_bad_line_among_many_good_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for n in 1..=50 {
        if n == 37 {
            lines.push_str("{\"id\": \"line-37\", \"text\": \"unterminated}\n");
        } else {
            lines.push_str(&format!(
                "{{\"id\": \"line-{n}\", \"text\": \"Strikers at depot {n} stopped work on Monday.\", \"outlet\": \"Feed\"}}\n"
            ));
        }
    }
    let feed = write(dir.path(), "feed.jsonl", lines);
    let db = dir.path().join("db");
    let output = concord(&db).arg("ingest").arg(&feed).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("feed.jsonl:37:"), "{stderr}");
    assert!(stderr.contains("EOF while parsing a string"), "{stderr}");
    assert!(
        stdout.starts_with("ingest: 49 new, 0 duplicate, 0 renamed, 1 rejected"),
        "{stdout}"
    );
    let rows = stored_report_rows(&db);
    assert_eq!(rows.len(), 49);
    let stored = |id: &str| rows.iter().any(|row| row["id"] == id);
    assert!(stored("line-36") && stored("line-38"));
    assert!(!stored("line-37"));
}

#[test]
fn usage_errors_and_unopenable_databases_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    concord(&db).arg("ingest").assert().code(2);
    concord(&db)
        .args(["ingest", "x.md", "--published", "yesterday"])
        .assert()
        .code(2);
    concord(&db)
        .arg("ingest")
        .arg(dir.path())
        .env("CONCORD_NOW", "noon")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "CONCORD_NOW=\"noon\" is not an RFC 3339 time",
        ));
    // A database path that is a plain file cannot be opened.
    let not_a_db = write(dir.path(), "plain-file", "x");
    concord(&not_a_db)
        .arg("ingest")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot open the database"));
    concord(&dir.path().join("missing-db"))
        .arg("verify")
        .assert()
        .code(2);
}
