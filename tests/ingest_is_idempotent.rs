//! Ingesting the same directory twice stores nothing the second time.

mod common;

use common::{concord, fixture_report, stdout_of, write};

#[test]
fn second_ingest_of_a_directory_is_all_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for n in 0..12 {
        write(
            &corpus,
            &format!("sub{}/report-{n:02}.md", n % 3),
            fixture_report(n),
        );
    }
    write(
        &corpus,
        "feed.jsonl",
        "{\"id\":\"j1\",\"text\":\"Teachers picketed the regional office in Aktobe.\"}\n{\"text\":\"A sit-in at the Shymkent bus depot ended after talks.\"}\n",
    );
    let db = dir.path().join("db");

    let first = stdout_of(concord(&db).arg("ingest").arg(&corpus));
    assert!(
        first.starts_with("ingest: 14 new, 0 duplicate, 0 renamed, 0 rejected"),
        "{first}"
    );
    let log_after_first = stdout_of(concord(&db).args(["log", "--json"]));

    let second = concord(&db).arg("ingest").arg(&corpus).output().unwrap();
    assert!(second.status.success());
    let second = String::from_utf8_lossy(&second.stdout);
    assert!(
        second.starts_with("ingest: 0 new, 14 duplicate, 0 renamed, 0 rejected"),
        "{second}"
    );
    assert!(second.contains("duplicate  feed.jsonl:2 from "), "{second}");

    let log_after_second = stdout_of(concord(&db).args(["log", "--json"]));
    assert_eq!(log_after_first, log_after_second);
    assert_eq!(log_after_second.lines().count(), 14);
    let verify = stdout_of(concord(&db).arg("verify"));
    assert!(verify.starts_with("OK: 14 events, head "), "{verify}");
}

#[test]
fn same_id_with_a_different_text_is_kept_under_a_new_id_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        dir.path(),
        "a/story.md",
        "Workers at the copper smelter in Balkhash walked out.\n",
    );
    let second = write(
        dir.path(),
        "b/story.md",
        "Workers at the copper smelter returned after two days.\n",
    );
    let db = dir.path().join("db");
    let output = stdout_of(concord(&db).arg("ingest").arg(&first).arg(&second));
    assert!(
        output.contains("ingest: 2 new, 0 duplicate, 1 renamed, 0 rejected"),
        "{output}"
    );
    assert!(
        output.contains("renamed    story.md -> story.md~2 (event 2)"),
        "{output}"
    );
}

#[test]
fn a_correction_is_stored_as_report_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let original = write(
        dir.path(),
        "1.md",
        "---\nid: orig\n---\nAbout 50 people rallied in Taraz.\n",
    );
    let correction = write(
        dir.path(),
        "2.md",
        "---\nid: fixed\ncorrects: orig\n---\nAbout 500 people rallied in Taraz.\n",
    );
    let db = dir.path().join("db");
    concord(&db)
        .arg("ingest")
        .arg(&original)
        .arg(&correction)
        .assert()
        .success();
    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let second: serde_json::Value = serde_json::from_str(log.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["type"], "ReportCorrected");
    assert_eq!(second["payload"]["supersedes"], "orig");
    let rows = common::stored_report_rows(&db);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["id"], "orig");
    assert_eq!(rows[0]["status"]["state"], "superseded");
    assert_eq!(rows[0]["status"]["by"], "fixed");
    assert_eq!(rows[1]["id"], "fixed");
    assert_eq!(rows[1]["seq"], 2);
    assert_eq!(rows[1]["supersedes"], "orig");
    assert_eq!(rows[1]["status"]["state"], "live");
}

#[test]
fn json_lines_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let output = concord(&db)
        .args(["ingest", "-", "--outlet", "Stdin Times", "--published", "2020-02-02"])
        .write_stdin("{\"text\":\"Nurses held a silent protest in Pavlodar.\"}\n{\"text\":\"Drivers blocked a road near Atyrau.\",\"published\":\"2020-02-03\"}\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let reports = stdout_of(concord(&db).args(["reports", "--json"]));
    let rows: Vec<serde_json::Value> = reports
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["id"], "stdin:1");
    assert_eq!(rows[0]["outlet"], "Stdin Times");
    assert_eq!(rows[0]["published"], "2020-02-02");
    assert_eq!(rows[1]["published"], "2020-02-03");
}
