//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The recorded time used by CLI tests, so that outputs are reproducible.
pub const FIXED_NOW: &str = "2024-02-01T12:00:00Z";

/// `concord` with its database in `db` and a fixed clock.
pub fn concord(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord"));
    command
        .arg("--db")
        .arg(db)
        .env("CONCORD_NOW", FIXED_NOW)
        .env_remove("CONCORD_DB");
    command
}

/// `../shared` beside the crate (the seed documents and their answer key);
/// `None` (and a note) when it is absent, so that tests needing it skip on
/// a fresh machine. `.ci/run` sets `CONCORD_REQUIRE_SHARED=1`, where a
/// missing directory is a failure rather than a skip.
pub fn shared_dir() -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if beside.join("seeds/manifest.json").is_file() {
        return Some(beside);
    }
    if std::env::var_os("CONCORD_REQUIRE_SHARED").is_some() {
        panic!(
            "CONCORD_REQUIRE_SHARED is set but {} is missing",
            beside.display()
        );
    }
    eprintln!("note: ../shared not found; skipping the test that reads the seeds");
    None
}

/// The seed documents directory, `../shared/seeds` (see `shared_dir`).
pub fn shared_seeds() -> Option<PathBuf> {
    shared_dir().map(|shared| shared.join("seeds"))
}

pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create fixture directory");
    }
    std::fs::write(&path, contents).expect("write fixture");
    path
}

pub fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("concord runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A short report in the fixture's own words, distinct per `n`.
pub fn fixture_report(n: usize) -> String {
    format!(
        "---\nid: fixture-{n}\noutlet: Test Courier\npublished: 2023-03-{day:02}\n---\nAbout {count} people marched through the centre of Karaganda on day {n} of the miners' strike, organisers said.\n",
        day = n % 28 + 1,
        count = 100 + n * 7
    )
}

/// Runs `command`, running it again while it fails only because the
/// database is locked. Needed in tests that also open the database in the
/// test process: while one test thread holds the database, another thread
/// spawning a child process lends that child (between fork and exec) the
/// open lock file, so the lock can outlive the `SledLog` by a moment. The
/// CLI itself is one process and never sees this.
pub fn output_when_unlocked(command: &mut Command) -> std::process::Output {
    for _ in 0..100 {
        let output = command.output().expect("concord runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !stderr.contains("in use by another concord process") {
            return output;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the database stayed locked for 2 seconds");
}

/// The rows of `concord reports --json`, one JSON object per report.
pub fn stored_report_rows(db: &std::path::Path) -> Vec<serde_json::Value> {
    stdout_of(concord(db).args(["reports", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("reports --json prints JSON lines"))
        .collect()
}

/// Whether report `id` is stored at event `seq`.
pub fn is_stored(rows: &[serde_json::Value], id: &str, seq: u64) -> bool {
    rows.iter().any(|row| row["id"] == id && row["seq"] == seq)
}

/// Extracts an invented report as the library does when a report has only
/// a text, maybe a title and a publication date (no address, no outlet, no
/// metadata): the one `run` behind the extraction tests' own helpers.
pub fn extract_text(
    text: &str,
    title: Option<&str>,
    published: Option<chrono::NaiveDate>,
) -> concord::extract::Extraction {
    let metadata = concord::report::Metadata::new();
    concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title,
        url: None,
        outlet: None,
        published,
        metadata: &metadata,
    })
}

/// The main place's name and country code; a test fails without one.
pub fn main_place_and_country(extraction: &concord::extract::Extraction) -> (String, String) {
    let place = extraction
        .main
        .place
        .as_ref()
        .unwrap_or_else(|| panic!("a main place: {:#?}", extraction.main));
    (place.name.clone(), place.country_code.clone())
}

/// The participant figures of a report's own news, as (lo, hi), in text
/// order.
pub fn participants(extraction: &concord::extract::Extraction) -> Vec<(u64, Option<u64>)> {
    extraction
        .figures
        .iter()
        .filter(|f| f.metric == concord::extract::Metric::Participants && !f.background)
        .map(|f| (f.lo, f.hi))
        .collect()
}

/// Asserts the crowd figures `text` yields, read as published on
/// `published`: the data-driven check of the participants tests.
pub fn assert_participants(
    text: &str,
    published: Option<chrono::NaiveDate>,
    expected: &[(u64, Option<u64>)],
) {
    assert_eq!(
        participants(&extract_text(text, None, published)),
        expected,
        "participants of {text:?}"
    );
}

/// The arguments that make a test binary run one of its own tests alone,
/// with its output shown: how the crash and lock tests start the child
/// process they watch or kill.
pub fn one_test_alone(test_name: &str) -> [&str; 4] {
    [test_name, "--exact", "--nocapture", "--test-threads=1"]
}

/// The killed and injured counts of a report's own news (no figure: 0),
/// extracted from `body` under `title`, published 2024-06-10: every figure
/// of a metric must say exactly that count (a report's claims agree, so
/// reconciliation's min and max over them is the count). Every figure's
/// quote is cut from what its span indexes: the title for a title's
/// figure, the text for the others.
pub fn check_casualties(
    title: Option<&str>,
    body: &str,
    expected_killed: u64,
    expected_injured: u64,
) {
    use concord::extract::{ExtractionInput, Metric, QuotedFrom, extract};
    let metadata = concord::report::Metadata::new();
    let extraction = extract(ExtractionInput {
        url: None,
        outlet: None,
        report_id: "casualties",
        text: body,
        title,
        published: chrono::NaiveDate::from_ymd_opt(2024, 6, 10),
        metadata: &metadata,
    });
    for (metric, expected) in [
        (Metric::Killed, expected_killed),
        (Metric::Injured, expected_injured),
    ] {
        let claims: Vec<(u64, Option<u64>, &str)> = extraction
            .figures
            .iter()
            .filter(|f| f.metric == metric && !f.background)
            .map(|f| (f.lo, f.hi, f.quote.as_str()))
            .collect();
        let holds = if claims.is_empty() {
            expected == 0
        } else {
            claims
                .iter()
                .all(|&(lo, hi, _)| lo == expected && hi == Some(expected))
        };
        assert!(
            holds,
            "{} should be {expected}, claims {claims:?}\ntitle: {title:?}\nbody: {body}",
            metric.as_str()
        );
    }
    for figure in &extraction.figures {
        let source = match figure.quoted_from {
            QuotedFrom::Title => title.expect("a title's figure has a title"),
            QuotedFrom::Text => body,
        };
        assert_eq!(&source[figure.span[0]..figure.span[1]], figure.quote);
        assert_eq!(
            &source[figure.sentence_span[0]..figure.sentence_span[1]],
            figure.sentence
        );
    }
}

/// splitmix64: seedable delays for the crash tests.
pub fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The crash tests' seed: `variable` when set (to reproduce a failure),
/// else the clock.
pub fn crash_seed(variable: &str) -> u64 {
    std::env::var(variable)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(7, |elapsed| elapsed.as_nanos() as u64)
        })
}

/// Runs `child_test` of this test binary alone, with `variable` naming
/// `database`; once it prints a line ending with `start` (or after a
/// minute), lets it work for `delay`, kills it, and returns the lines it
/// printed after that one.
pub fn run_child_then_kill(
    child_test: &str,
    variable: &str,
    database: &Path,
    start: &str,
    delay: std::time::Duration,
) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(one_test_alone(child_test))
        .env(variable, database)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    for line in lines.by_ref() {
        let line = line.unwrap();
        // libtest may print the test's name on the same line first.
        if line.ends_with(start) || started.elapsed() > Duration::from_secs(60) {
            break;
        }
    }
    std::thread::sleep(delay);
    child.kill().unwrap();
    child.wait().unwrap();
    lines.map_while(Result::ok).collect()
}

/// What a read model holds, read as it stands, as `incidents --json` and
/// `reports --json` print it.
pub fn read_model_lines<S>(read_model: &concord::read_model::ReadModel<'_, S>) -> (String, String)
where
    S: concord::log::ReadModelStore + ?Sized,
{
    let incidents: String = read_model
        .incidents()
        .map(|incident| serde_json::to_string(&incident.unwrap()).unwrap() + "\n")
        .collect();
    let reports: String = read_model
        .report_rows()
        .map(|row| serde_json::to_string(&row.unwrap()).unwrap() + "\n")
        .collect();
    (incidents, reports)
}

/// Every report under `root` (a folder of the formats `ingest` reads),
/// sorted by id.
pub fn reports_under(root: &Path) -> Vec<concord::report::Report> {
    let mut reports = Vec::new();
    let mut sink = concord::input::ClosureSink {
        on_report: |item: Result<concord::report::Report, _>| {
            reports.push(item.expect("the corpus reads"))
        },
        on_warning: |_| {},
    };
    concord::input::read_reports(
        &[root.to_path_buf()],
        &concord::input::InputDefaults::default(),
        &mut sink,
    );
    reports.sort_by(|a, b| a.id.cmp(&b.id));
    reports
}

/// A recording time `step` minutes into the tests' day.
pub fn moment(step: i64) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2024, 3, 1, 9, 0, 0).unwrap() + chrono::Duration::minutes(step)
}

/// Appends `reports` as `ReportIngested` events in one batch, recorded at
/// `moment(events so far)`.
pub fn store_reports(log: &mut concord::log::SledLog, reports: &[concord::report::Report]) {
    use concord::log::EventLog;
    let events = reports
        .iter()
        .map(|report| concord::log::EventPayload::ReportIngested {
            report: report.clone(),
        })
        .collect();
    log.append(events, moment(log.len() as i64)).unwrap();
}

/// A new database in a temporary directory (kept while the directory is).
pub fn fresh_database() -> (tempfile::TempDir, concord::log::SledLog) {
    let directory = tempfile::tempdir().unwrap();
    let log = concord::log::SledLog::open(directory.path().join("db")).unwrap();
    (directory, log)
}

/// Runs `view` with the read models of `log` set aside (removed, then put
/// back exactly as they were), so that every view in it replays the log:
/// what the read models' answers, at the head or from a checkpoint, are
/// compared against.
#[allow(dead_code)]
pub fn replaying<T>(log: &concord::log::SledLog, view: impl FnOnce() -> T) -> T {
    use concord::log::ReadModelStore;
    let kept: Vec<(Vec<u8>, Option<Vec<u8>>)> = log
        .read_model_scan(b"")
        .map(|item| {
            let (key, value) = item.unwrap();
            (key, Some(value))
        })
        .collect();
    log.read_model_remove_range(b"", &[0xff]).unwrap();
    let answer = view();
    log.read_model_remove_range(b"", &[0xff]).unwrap();
    log.read_model_write(kept).unwrap();
    answer
}

/// Every read-model entry with its generation taken out of the key, and
/// the stamp with its generation zeroed: what must not depend on how the
/// read model got there. Checkpoints (their marks and pre-images) record
/// how it got there, which a replay's read model has no need of: left out.
#[allow(dead_code)]
pub fn read_model_contents<S>(store: &S) -> std::collections::BTreeMap<Vec<u8>, Vec<u8>>
where
    S: concord::log::ReadModelStore + ?Sized,
{
    let mut out = std::collections::BTreeMap::new();
    for item in store.read_model_scan(b"") {
        let (key, value) = item.unwrap();
        if key == b"stamp" {
            let mut stamp: concord::read_model::ReadModelStamp =
                serde_json::from_slice(&value).unwrap();
            stamp.generation = 0;
            out.insert(key, serde_json::to_vec(&stamp).unwrap());
        } else {
            assert_eq!(key[0], b'g', "a generation key");
            if !matches!(key[9], b'x' | b'X') {
                out.insert(key[9..].to_vec(), value);
            }
        }
    }
    out
}

/// An incident of two or more reports that is no day of action, as a
/// replay of `log` to its head shows it: what the tests split.
#[allow(dead_code)]
pub fn an_incident_of_two_reports(log: &concord::log::SledLog) -> concord::incident::Incident {
    use concord::cluster::ClusterState;
    use concord::project::{AsOf, Projection, ProjectionSettings};
    Projection::<ClusterState>::build(log, ProjectionSettings::default(), &AsOf::Head)
        .unwrap()
        .state()
        .incidents
        .into_iter()
        .find(|incident| incident.reports.len() >= 2 && incident.children.is_empty())
        .expect("an incident of two reports, not a day of action")
}

/// `count` synthetic reports (`concord synth`, `seed`) in an order that is
/// not their ids' (log order is not id order in real use), with the
/// directory holding them.
#[allow(dead_code)]
pub fn interleaved_synthetic_reports(
    count: u64,
    seed: u64,
) -> (tempfile::TempDir, Vec<concord::report::Report>) {
    use concord::synth::{SynthOptions, synth_command};
    let directory = tempfile::tempdir().unwrap();
    synth_command(&SynthOptions::new(
        count,
        seed,
        directory.path().to_path_buf(),
    ))
    .unwrap();
    let mut reports = reports_under(&directory.path().join("reports"));
    reports.sort_by_key(|report| blake3::hash(report.id.as_bytes()).as_bytes()[0]);
    (directory, reports)
}

/// The sample corpus's report files (`events/*.md`), sorted by name.
#[allow(dead_code)]
pub fn sample_corpus_files() -> Vec<PathBuf> {
    let events = Path::new(env!("CARGO_MANIFEST_DIR")).join("events");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&events)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files
}

/// Fails, naming up to five differing keys, unless two read models'
/// contents (`read_model_contents`) are equal.
#[allow(dead_code)]
pub fn assert_same_read_model(
    ours: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
    expected: &std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
    what: &str,
) {
    let differing: Vec<String> = ours
        .keys()
        .chain(expected.keys())
        .filter(|key| ours.get(*key) != expected.get(*key))
        .map(|key| String::from_utf8_lossy(key).into_owned())
        .take(5)
        .collect();
    assert!(
        differing.is_empty(),
        "{what} differs from a replay's at {differing:?}"
    );
}

/// Every place of `extraction` whose quoted text, its possessive set
/// aside, is `text`; each checked to be cut from `report` at its span.
pub fn places_written<'a>(
    extraction: &'a concord::extract::Extraction,
    report: &str,
    text: &str,
) -> Vec<&'a concord::extract::model::FoundPlace> {
    let found: Vec<&concord::extract::model::FoundPlace> = extraction
        .places
        .iter()
        .filter(|p| p.text.trim_end_matches("'s") == text)
        .collect();
    for place in &found {
        assert_eq!(
            &report[place.span[0]..place.span[1]],
            place.text,
            "{place:#?}"
        );
    }
    found
}

/// Asserts that every place of `extraction` written `text` (cut from
/// `report` at its span) resolves to `name` in `country_code`, and in
/// `admin1` when given; returns how many there are.
pub fn assert_places_written_resolve_to(
    extraction: &concord::extract::Extraction,
    report: &str,
    text: &str,
    (name, country_code, admin1): (&str, &str, Option<&str>),
) -> usize {
    let found = places_written(extraction, report, text);
    for place in &found {
        assert_eq!(place.name.as_deref(), Some(name), "{place:#?}");
        assert_eq!(
            place.country_code.as_deref(),
            Some(country_code),
            "{place:#?}"
        );
        if let Some(admin1) = admin1 {
            assert_eq!(place.admin1.as_deref(), Some(admin1), "{place:#?}");
        }
    }
    found.len()
}

/// The incidents `concord ingest` then `incidents --json` make of
/// `reports` (id, published, title, text; each from an outlet of its own),
/// each as its sorted report ids.
pub fn incidents_of(reports: &[(&str, &str, &str, &str)]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = reports
        .iter()
        .map(|(id, published, title, text)| {
            serde_json::json!({
                "id": id, "outlet": format!("outlet of {id}"), "published": published,
                "title": title, "text": text
            })
            .to_string()
        })
        .collect();
    let input = write(dir.path(), "reports.jsonl", lines.join("\n"));
    let db = dir.path().join("db");
    concord(&db).arg("ingest").arg(&input).assert().success();
    stdout_of(concord(&db).args(["incidents", "--json"]))
        .lines()
        .map(|line| {
            let incident: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut reports: Vec<String> = incident["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .collect();
            reports.sort();
            reports
        })
        .collect()
}
