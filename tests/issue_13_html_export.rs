//! Issue 13 without a browser: the HTML export through the binary (the
//! same bytes every time, the data agreeing with `incidents --json`, no
//! report markup in the file) and the export filters on every format.

mod common;

use std::path::Path;

use serde_json::Value;

use common::{concord, stdout_of};

fn events_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    concord(&db)
        .arg("ingest")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("events"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/script-in-report.md"))
        .assert()
        .success();
    (dir, db)
}

/// The JSON inside `<script type="application/json" id="ID">`.
fn data_block(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).expect("the block") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("the block is JSON")
}

/// The JSON inside a gzip+base64 `<script type="application/octet-stream">`.
fn packed_block(html: &str, id: &str) -> Value {
    use base64::Engine;
    use std::io::Read;
    let open = format!(
        "<script type=\"application/octet-stream\" id=\"{id}\" data-encoding=\"gzip+base64\">"
    );
    let start = html.find(&open).expect("the block") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    let gzip = base64::engine::general_purpose::STANDARD
        .decode(&html[start..end])
        .expect("base64");
    let mut json = String::new();
    flate2::read::GzDecoder::new(gzip.as_slice())
        .read_to_string(&mut json)
        .expect("gzip");
    serde_json::from_str(&json).expect("the block is JSON")
}

fn export_html(db: &Path, out: &Path, extra: &[&str]) -> String {
    concord(db)
        .args(["export", "--format", "html", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
    std::fs::read_to_string(out).expect("the page")
}

#[test]
fn the_page_agrees_with_incidents_json_and_is_reproducible() {
    let (dir, db) = events_db();
    let first = export_html(&db, &dir.path().join("a.html"), &[]);
    let second = export_html(&db, &dir.path().join("b.html"), &[]);
    assert_eq!(first, second, "the same log gives the same page");

    let cli: Vec<Value> = stdout_of(concord(&db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    let page = data_block(&first, "concord-incidents");
    let page = page.as_array().expect("an array");
    assert_eq!(page.len(), cli.len());
    for incident in &cli {
        let shown = page
            .iter()
            .find(|candidate| candidate["id"] == incident["id"])
            .expect("every incident is on the page");
        assert_eq!(shown["date"], incident["date"]);
        assert_eq!(shown["kind"], incident["kind"]);
        let figures = incident["figures"].as_object().expect("figures");
        let metrics = shown["figures"].as_array().expect("figures");
        assert_eq!(metrics.len(), figures.len());
        for metric in metrics {
            let expected = &figures[metric["metric"].as_str().expect("metric")];
            assert_eq!(metric["min"], expected["min"]);
            assert_eq!(metric["max"], expected["max"]);
            assert_eq!(
                metric["claims"].as_array().map(Vec::len),
                expected["claims"].as_array().map(Vec::len)
            );
        }
    }
    let summary = data_block(&first, "concord-summary");
    let parents = cli
        .iter()
        .filter(|incident| incident["level"] == "parent")
        .count();
    assert_eq!(summary["days_of_action"], parents);
    assert_eq!(summary["incidents"], cli.len() - parents);
    assert_eq!(summary["reports"], 36);
    let verify = stdout_of(concord(&db).arg("verify"));
    let head = summary["log_head_hash"].as_str().expect("hash");
    assert!(verify.contains(head), "{verify} names the head {head}");

    // The hostile report's markup is in the data, never as markup.
    assert!(!first.contains("<script>alert(1)</script>"));
    assert!(!first.contains("<img src=x"));
    assert!(!first.contains("</script><script>window"));
    let reports = packed_block(&first, "concord-reports");
    let reports = reports.as_array().expect("reports");
    assert_eq!(reports.len(), 36);
    let texts = packed_block(&first, "concord-texts");
    let texts = texts.as_array().expect("texts");
    assert_eq!(texts.len(), reports.len());
    let (hostile, _) = reports
        .iter()
        .zip(texts)
        .find(|(report, _)| report["id"] == "script-in-report-2021-09-18")
        .expect("the hostile report is on the page");
    assert!(
        hostile["title"]
            .as_str()
            .expect("title")
            .contains("</script><script>")
    );
    // Every figure's spans, in UTF-16 units, pick its number out of its
    // sentence in the report's text.
    let mut figures = 0;
    for (report, text) in reports.iter().zip(texts) {
        let units: Vec<u16> = text.as_str().expect("text").encode_utf16().collect();
        for figure in report["figs"].as_array().expect("figs") {
            let at = |i: usize| figure[i].as_u64().expect("offset") as usize;
            assert!(at(2) <= at(0) && at(0) < at(1) && at(1) <= at(3) && at(3) <= units.len());
            let number = String::from_utf16(&units[at(0)..at(1)]).expect("UTF-16");
            assert!(number.chars().any(|c| c.is_alphanumeric()), "{number:?}");
            figures += 1;
        }
    }
    assert!(figures > 50);
}

#[test]
fn filters_apply_to_every_format() {
    let (dir, db) = events_db();
    let csv_rows = |extra: &[&str]| {
        stdout_of(concord(&db).args(["export", "--format", "csv"]).args(extra))
            .lines()
            .count()
            - 1
    };
    let all = csv_rows(&[]);
    let kazakhstan = csv_rows(&["--country", "kz"]);
    let by_name = csv_rows(&["--country", "Kazakhstan"]);
    let nigeria = csv_rows(&["--country", "NG"]);
    assert_eq!(kazakhstan, by_name);
    assert!(nigeria > 0 && kazakhstan > 0 && kazakhstan + nigeria < all);
    let in_june = csv_rows(&["--from", "2020-06-01", "--to", "2020-06-30"]);
    let jsonl = stdout_of(concord(&db).args([
        "export",
        "--format",
        "jsonl",
        "--from",
        "2020-06-01",
        "--to",
        "2020-06-30",
    ]));
    assert!(in_june > 0 && in_june < all);
    for line in jsonl.lines() {
        let incident: Value = serde_json::from_str(line).expect("JSON");
        assert!(
            incident["date"]
                .as_str()
                .expect("date")
                .starts_with("2020-06")
        );
    }
    assert_eq!(jsonl.lines().count(), in_june);
    let shootings =
        stdout_of(concord(&db).args(["export", "--format", "geojson", "--kind", "shooting"]));
    let collection: Value = serde_json::from_str(&shootings).expect("GeoJSON");
    let features = collection["features"].as_array().expect("features");
    assert!(!features.is_empty());
    assert!(
        features
            .iter()
            .all(|feature| feature["properties"]["kind"] == "shooting")
    );

    let page = export_html(&db, &dir.path().join("ng.html"), &["--country", "NG"]);
    let incidents = data_block(&page, "concord-incidents");
    assert_eq!(incidents.as_array().expect("array").len(), nigeria);
    assert_eq!(data_block(&page, "concord-summary")["filter"], "country NG");
}

#[test]
fn bad_filters_are_named() {
    let (_dir, db) = events_db();
    for (arguments, message) in [
        (
            vec!["--country", "Atlantis"],
            "unknown country \"Atlantis\"",
        ),
        (vec!["--kind", "parade"], "unknown kind \"parade\""),
        (vec!["--from", "2020-02-30"], "is not a day"),
        (
            vec!["--from", "2021-01-01", "--to", "2020-01-01"],
            "--from 2021-01-01 is after --to 2020-01-01",
        ),
        (
            vec!["--format", "pdf"],
            "expected csv, jsonl, geojson or html",
        ),
    ] {
        let output = concord(&db)
            .arg("export")
            .args(&arguments)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{arguments:?}: {stderr}");
    }
}

/// An analyst decision reaches the page with its reason, on the incident
/// it shaped (as `audit` chooses it).
#[test]
fn decisions_reach_the_incidents_they_shaped() {
    let (dir, db) = events_db();
    let reason = "the bulletin <b>withdrew</b> this item";
    concord(&db)
        .args([
            "retract",
            "rights-watch-kz-2012-02-25-a",
            "--reason",
            reason,
        ])
        .assert()
        .success();
    let html = export_html(&db, &dir.path().join("page.html"), &[]);
    assert!(!html.contains("<b>withdrew</b>"));
    let decisions = data_block(&html, "concord-decisions");
    let decisions = decisions.as_array().expect("decisions");
    // events/ holds a correction too; the retraction is the last decision.
    let retraction = decisions
        .iter()
        .position(|decision| decision["kind"] == "retract")
        .expect("the retraction is on the page");
    assert_eq!(retraction, decisions.len() - 1);
    assert_eq!(decisions[retraction]["reason"], reason);
    let incidents = data_block(&html, "concord-incidents");
    let shaped: Vec<&str> = incidents
        .as_array()
        .expect("incidents")
        .iter()
        .filter(|incident| {
            incident["decisions"]
                .as_array()
                .is_some_and(|list| list.contains(&serde_json::json!(retraction)))
        })
        .map(|incident| incident["id"].as_str().expect("id"))
        .collect();
    assert!(!shaped.is_empty());
    let audit = stdout_of(concord(&db).args(["audit", shaped[0]]));
    assert!(
        audit.contains("retract rights-watch-kz-2012-02-25-a"),
        "{audit}"
    );
    assert!(
        shaped.iter().any(|id| id.contains("almaty")),
        "the Almaty incident the report was part of: {shaped:?}"
    );
}
