//! Issue 16: untrusted text in every output. A report whose id, outlet,
//! title, url and text carry spreadsheet formulas, ANSI and OSC escape
//! sequences, a one-character CSI (U+009B), bidi overrides, NUL and DEL goes
//! through every command: no text view lets a control or bidi character
//! reach the terminal, no CSV cell starts like a formula, the JSON outputs
//! keep the exact strings, and extraction still finds the incident.
//! The reports are invented for this test.

mod common;

use std::path::{Path, PathBuf};

use common::{concord, write};
use concord::log::{EventPayload, StoredEvent};

const HOSTILE_ID: &str = "kz-\u{1b}[31mred\u{1b}[0m-\u{202e}lin=1";
const HOSTILE_OUTLET: &str = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7} Wire";
const HOSTILE_TITLE: &str =
    "=HYPERLINK(\"http://x\",\"y\") \u{9b}31m Almaty\u{202e} arrests\u{0}\u{7f} \\x1b";
const HOSTILE_URL: &str = "=1+1";
/// Says that police detained 40 people in Almaty on Saturday (published
/// Monday 2020-02-24, so Saturday is 2020-02-22), with control and bidi
/// characters glued to its words, and names two organizers, one of them
/// behind a formula.
const HOSTILE_TEXT: &str = "Police in Almaty\u{1b}]0;owned\u{7} detained 40\u{0}\u{7f} people \
     on Saturday\u{9b}2J, said officials.\u{202e}\n\
     The rally was called by the =SUM(A1) Movement and the Free\u{1b}[5m Steppe Party.\n";

/// A second, ordinary-looking account of the same detentions whose url and
/// title start like formulas.
const SECOND_ID: &str = "kz-steppe-2";
const SECOND_URL: &str = "@cmd|' /C calc'!A0";
const SECOND_TITLE: &str = "+Detentions in Almaty";

/// Published after the recorded day (CONCORD_NOW is 2024-02-01): its id
/// comes back in a warning on stderr.
const FUTURE_ID: &str = "kz-future-\u{1b}[2J\u{2066}";

fn feed(dir: &Path) -> PathBuf {
    let lines = [
        serde_json::json!({
            "id": HOSTILE_ID,
            "outlet": HOSTILE_OUTLET,
            "published": "2020-02-24",
            "title": HOSTILE_TITLE,
            "url": HOSTILE_URL,
            "text": HOSTILE_TEXT,
        }),
        serde_json::json!({
            "id": SECOND_ID,
            "outlet": "Steppe Courier",
            "published": "2020-02-23",
            "title": SECOND_TITLE,
            "url": SECOND_URL,
            "text": "ALMATY -- Police detained about 40 protesters in Almaty on Saturday, \
                     according to the Interior Ministry. The Democratic Choice of Kazakhstan \
                     (DCK) had called the rally.\n",
        }),
        serde_json::json!({
            "id": FUTURE_ID,
            "outlet": "Miners' Bulletin",
            "published": "2025-01-06",
            "text": "Workers in Karaganda stopped work on Monday over unpaid wages.\n",
        }),
    ];
    let body: String = lines.iter().map(|line| format!("{line}\n")).collect();
    write(dir, "feed.jsonl", body)
}

/// The characters a terminal acts on instead of showing.
fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Fails, naming the command, when `bytes` (a text view's stdout or any
/// stderr) hold ESC, BEL, a C1 control, a bidi control or any other
/// control character but newline and tab.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "{what}: raw ESC");
    assert!(!bytes.contains(&0x07), "{what}: raw BEL");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    if let Some(bad) = text.chars().find(|&c| is_hidden_control(c)) {
        panic!("{what}: raw {bad:?} in {text}");
    }
}

struct Run {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: Option<i32>,
}

fn run(db: &Path, args: &[&str]) -> Run {
    let output = concord(db).args(args).output().expect("concord runs");
    Run {
        stdout: output.stdout,
        stderr: output.stderr,
        code: output.status.code(),
    }
}

/// Runs a text view, checks that it succeeded and that neither stream
/// holds a control character, and returns its stdout.
fn text_view(db: &Path, args: &[&str]) -> String {
    let what = format!("concord {args:?}");
    let ran = run(db, args);
    assert_eq!(
        ran.code,
        Some(0),
        "{what}: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_terminal_safe(&format!("{what} stdout"), &ran.stdout);
    assert_terminal_safe(&format!("{what} stderr"), &ran.stderr);
    String::from_utf8(ran.stdout).expect("UTF-8")
}

fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// Ingests the feed into a fresh database; returns the directory (kept
/// alive by the caller), the database and the Almaty incident's id.
fn ingested() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let feed = feed(dir.path());
    let db = dir.path().join("db");
    let ran = run(&db, &["ingest", feed.to_str().unwrap()]);
    assert_eq!(
        ran.code,
        Some(0),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_terminal_safe("ingest stdout", &ran.stdout);
    assert_terminal_safe("ingest stderr", &ran.stderr);
    let stdout = String::from_utf8_lossy(&ran.stdout);
    // The ids are listed, escaped but recognisable.
    assert!(
        stdout.contains("kz-\\x1b[31mred\\x1b[0m-\\u{202e}lin=1"),
        "{stdout}"
    );
    // The future-dated warning names the report, escaped.
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(
        stderr.contains("kz-future-\\x1b[2J\\u{2066}") && stderr.contains("warning"),
        "{stderr}"
    );

    let incidents = json_lines(&run(&db, &["incidents", "--json"]).stdout);
    let almaty = incidents
        .iter()
        .find(|incident| incident["place"]["name"] == "Almaty")
        .expect("an incident in Almaty");
    let id = almaty["id"].as_str().unwrap().to_string();
    (dir, db, id)
}

#[test]
fn the_hostile_report_still_yields_its_incident_in_almaty() {
    let (_dir, db, id) = ingested();
    let shown = json_lines(&run(&db, &["show", &id, "--json"]).stdout);
    let incident = &shown[0];
    assert_eq!(incident["date"], "2020-02-22");
    assert_eq!(incident["place"]["name"], "Almaty");
    assert_eq!(incident["figures"]["detained"]["min"], 40);
    assert_eq!(incident["figures"]["detained"]["max"], 40);
    let reports: Vec<&str> = incident["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|report| report.as_str().unwrap())
        .collect();
    assert!(reports.contains(&HOSTILE_ID), "{reports:?}");
    assert!(reports.contains(&SECOND_ID), "{reports:?}");

    // Extraction of the hostile report alone: the same incident, and the
    // quote and sentence are the original bytes, controls included.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "hostile.json",
        serde_json::json!({
            "id": HOSTILE_ID, "published": "2020-02-24", "text": HOSTILE_TEXT,
        })
        .to_string(),
    );
    let extraction = json_lines(&run(&db, &["extract", "--json", file.to_str().unwrap()]).stdout);
    let extraction = &extraction[0];
    assert_eq!(extraction["report"], HOSTILE_ID);
    assert_eq!(extraction["main"]["date"], "2020-02-22");
    assert_eq!(extraction["main"]["place"], "Almaty");
    let figure = &extraction["figures"][0];
    assert_eq!(figure["metric"], "detained");
    assert_eq!(figure["value"], 40);
    let sentence = figure["sentence"].as_str().unwrap();
    assert!(sentence.contains("Almaty\u{1b}]0;owned\u{7} detained 40\u{0}\u{7f}"));
    let [start, end] = [0, 1].map(|i| figure["span"][i].as_u64().unwrap() as usize);
    assert_eq!(HOSTILE_TEXT.get(start..end), figure["quote"].as_str());
}

#[test]
fn no_text_view_prints_a_control_or_bidi_character() {
    let (dir, db, id) = ingested();

    let reports = text_view(&db, &["reports"]);
    // Escaped, not dropped: the analyst sees what the report holds, and a
    // backslash in it is doubled so that it cannot pose as an escape.
    assert!(
        reports.contains("Evil\\x1b[2J\\x1b]0;pwned\\x07 Wire"),
        "{reports}"
    );
    assert!(
        reports.contains("\\u{9b}31m Almaty\\u{202e} arrests\\x00\\x7f \\\\x1b"),
        "{reports}"
    );
    text_view(&db, &["incidents"]);
    let show = text_view(&db, &["show", &id]);
    assert!(
        show.contains("kz-\\x1b[31mred\\x1b[0m-\\u{202e}lin=1"),
        "{show}"
    );
    let audit = text_view(&db, &["audit", &id]);
    assert!(
        audit.contains("Almaty\\x1b]0;owned\\x07 detained «40»\\x00\\x7f"),
        "{audit}"
    );
    text_view(&db, &["audit", &id, "detained"]);
    text_view(&db, &["explain", HOSTILE_ID, SECOND_ID]);
    text_view(&db, &["log"]);
    let file = write(
        dir.path(),
        "alone.json",
        serde_json::json!({
            "id": HOSTILE_ID, "outlet": HOSTILE_OUTLET, "title": HOSTILE_TITLE,
            "published": "2020-02-24", "text": HOSTILE_TEXT,
        })
        .to_string(),
    );
    text_view(&db, &["extract", file.to_str().unwrap()]);

    // Errors and warnings that echo values and file names.
    let missing = run(&db, &["show", "no-such-\u{1b}]0;x\u{7}-\u{202e}"]);
    assert_eq!(missing.code, Some(2));
    assert_terminal_safe("show of a hostile missing id", &missing.stderr);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-\\x1b]0;x\\x07-\\u{202e}"));
    let odd_name = write(dir.path(), "notes-\u{1b}[2J\u{9b}.xyz", "whatever");
    let rejected = run(&db, &["ingest", odd_name.to_str().unwrap()]);
    assert_eq!(rejected.code, Some(1));
    assert_terminal_safe("ingest of a hostile file name", &rejected.stdout);
    assert_terminal_safe("ingest of a hostile file name", &rejected.stderr);
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("notes-\\x1b[2J\\u{9b}.xyz"));
    let unlinked = run(
        &db,
        &["link", HOSTILE_ID, "nobody-\u{1b}[8m", "--reason", "x"],
    );
    assert_eq!(unlinked.code, Some(2));
    assert_terminal_safe("link to a missing hostile id", &unlinked.stderr);

    // A decision whose reason is hostile: echoed by `link`, then shown by
    // `audit` and `log`.
    let linked = text_view(
        &db,
        &[
            "link",
            HOSTILE_ID,
            SECOND_ID,
            "--reason",
            "same arrests\u{1b}]8;;http://x\u{7}\u{202e}",
        ],
    );
    assert!(linked.contains("linked kz-\\x1b[31m"), "{linked}");
    let audit = text_view(&db, &["audit", &id]);
    assert!(
        audit.contains("same arrests\\x1b]8;;http://x\\x07\\u{202e}"),
        "{audit}"
    );
    let log = text_view(&db, &["log"]);
    assert!(
        log.contains("same arrests\\x1b]8;;http://x\\x07\\u{202e}"),
        "{log}"
    );
}

#[test]
fn no_csv_cell_starts_like_a_formula() {
    let (_dir, db, _id) = ingested();
    let ran = run(&db, &["export", "--format", "csv"]);
    assert_eq!(ran.code, Some(0));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(ran.stdout.as_slice());
    let mut cells_seen = 0;
    let mut sources = Vec::new();
    for record in reader.records() {
        let record = record.expect("a CSV record");
        for cell in record.iter() {
            cells_seen += 1;
            let plain_number = cell.parse::<f64>().is_ok()
                && cell
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.');
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert!(plain_number, "cell {cell:?} starts like a formula");
            }
        }
        sources.push(record.get(17).unwrap_or("").to_string());
    }
    assert!(cells_seen > 18, "rows were written");
    // The Almaty row names both sources by url: neutralised, and quoted.
    assert!(
        sources.contains(&format!("'{HOSTILE_URL}; {SECOND_URL}"))
            || sources.contains(&format!("'{SECOND_URL}; {HOSTILE_URL}")),
        "{sources:?}"
    );
    let raw = String::from_utf8(ran.stdout).unwrap();
    assert!(raw.contains("\"'="), "{raw}");
}

#[test]
fn json_outputs_keep_the_exact_strings_and_verify_passes() {
    let (_dir, db, id) = ingested();

    let rows = json_lines(&run(&db, &["reports", "--json"]).stdout);
    let row = rows
        .iter()
        .find(|row| row["id"] == HOSTILE_ID)
        .expect("the hostile report's row");
    assert_eq!(row["outlet"], HOSTILE_OUTLET);
    assert_eq!(row["title"], HOSTILE_TITLE);

    // The stored report is byte-exact.
    let log = run(&db, &["log", "--json"]).stdout;
    let stored = String::from_utf8(log)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let event: StoredEvent = serde_json::from_str(line).expect("an event");
            match event.decode().expect("a payload") {
                EventPayload::ReportIngested { report } if report.id == HOSTILE_ID => Some(report),
                _ => None,
            }
        })
        .next()
        .expect("the hostile report in the log");
    assert_eq!(stored.text, HOSTILE_TEXT);
    assert_eq!(stored.url.as_deref(), Some(HOSTILE_URL));
    assert_eq!(stored.outlet.as_deref(), Some(HOSTILE_OUTLET));
    assert_eq!(stored.title.as_deref(), Some(HOSTILE_TITLE));

    let jsonl = json_lines(&run(&db, &["export", "--format", "jsonl"]).stdout);
    let exported = jsonl
        .iter()
        .find(|incident| incident["id"] == id.as_str())
        .expect("the Almaty incident in the JSONL export");
    assert!(
        exported["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|report| report == HOSTILE_ID)
    );
    let quotes = exported["figures"]["detained"]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|claim| claim["report"] == HOSTILE_ID)
        .map(|claim| claim["sentence"].as_str().unwrap_or("").to_string())
        .collect::<Vec<_>>();
    assert!(
        quotes
            .iter()
            .any(|sentence| sentence.contains("\u{1b}]0;owned\u{7} detained 40\u{0}\u{7f}")),
        "{quotes:?}"
    );

    let geojson: serde_json::Value =
        serde_json::from_slice(&run(&db, &["export", "--format", "geojson"]).stdout)
            .expect("GeoJSON");
    assert!(
        geojson["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|feature| feature["properties"]["id"] == id.as_str())
    );

    let audit = json_lines(&run(&db, &["audit", &id, "--json"]).stdout);
    let claims = audit[0]["metrics"][0]["claims"].as_array().unwrap();
    assert!(
        claims
            .iter()
            .any(|claim| claim["report"] == HOSTILE_ID && claim["outlet"] == HOSTILE_OUTLET)
    );

    let verify = run(&db, &["verify"]);
    assert_eq!(verify.code, Some(0));
    assert!(String::from_utf8_lossy(&verify.stdout).starts_with("OK: "));
}
