//! The sled log against a plain `Vec` model: random appends of random
//! reports (with duplicates and id collisions), reopening the database
//! between operations; length, contents, id index, outcomes and head hash
//! must match the model, and the chain must verify.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use concord::log::{AppendOutcome, EventLog, EventPayload, GENESIS_HASH, SledLog};
use concord::report::Report;
use proptest::prelude::*;

/// Texts chosen so that some differ only in whitespace (the same content
/// for duplicate detection) and others differ in a word.
const TEXTS: &[&str] = &[
    "Miners rallied in Zhezkazgan on Monday.",
    "Miners  rallied in\nZhezkazgan on Monday.",
    "Miners rallied in Zhezkazgan on Tuesday.",
    "Police detained 12 people in Uralsk.",
    " Police detained 12 people in Uralsk. ",
    "Students marched to the akimat in Kostanay.",
];
const IDS: &[&str] = &["a", "b", "c", "a~2"];
const OUTLETS: &[Option<&str>] = &[None, Some("Courier"), Some(" Courier ")];

#[derive(Debug, Clone)]
struct ReportSpec {
    text: usize,
    id: usize,
    outlet: usize,
    published: Option<u32>,
}

#[derive(Debug, Clone)]
enum Operation {
    Append(Vec<ReportSpec>),
    Reopen,
}

fn report_spec() -> impl Strategy<Value = ReportSpec> {
    (
        0..TEXTS.len(),
        0..IDS.len(),
        0..OUTLETS.len(),
        proptest::option::of(1u32..3),
    )
        .prop_map(|(text, id, outlet, published)| ReportSpec {
            text,
            id,
            outlet,
            published,
        })
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        4 => proptest::collection::vec(report_spec(), 1..6).prop_map(Operation::Append),
        1 => Just(Operation::Reopen),
    ]
}

fn build(spec: &ReportSpec) -> Report {
    let mut report = Report::new(IDS[spec.id], TEXTS[spec.text]);
    report.outlet = OUTLETS[spec.outlet].map(str::to_string);
    report.published = spec
        .published
        .and_then(|day| NaiveDate::from_ymd_opt(2022, 1, day));
    report
}

/// The model's own notion of "same content": whitespace-normalised text,
/// trimmed outlet, date.
fn content_key(report: &Report) -> (String, String, Option<NaiveDate>) {
    (
        report.text.split_whitespace().collect::<Vec<_>>().join(" "),
        report.outlet.as_deref().unwrap_or("").trim().to_string(),
        report.published,
    )
}

#[derive(Default)]
struct Model {
    events: Vec<Report>,
    by_content: HashMap<(String, String, Option<NaiveDate>), (u64, String)>,
    ids: HashSet<String>,
}

impl Model {
    fn append(&mut self, reports: Vec<Report>) -> Vec<AppendOutcome> {
        let mut outcomes = Vec::new();
        for mut report in reports {
            let key = content_key(&report);
            if let Some((seq, id)) = self.by_content.get(&key) {
                outcomes.push(AppendOutcome::Duplicate {
                    existing_seq: *seq,
                    existing_id: Some(id.clone()),
                });
                continue;
            }
            let requested = report.id.clone();
            let mut id = requested.clone();
            let mut suffix = 2;
            while self.ids.contains(&id) {
                id = format!("{requested}~{suffix}");
                suffix += 1;
            }
            let seq = self.events.len() as u64 + 1;
            outcomes.push(AppendOutcome::Stored {
                seq,
                report_id: Some(id.clone()),
                renamed_from: (id != requested).then_some(requested),
            });
            report.id = id.clone();
            self.ids.insert(id.clone());
            self.by_content.insert(key, (seq, id));
            self.events.push(report);
        }
        outcomes
    }
}

fn recorded_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-02-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn check_against_model(log: &SledLog, model: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(log.len(), model.events.len() as u64);
    let stored: Vec<Report> = log
        .range(1, log.len())
        .map(|e| e.unwrap().decode().unwrap().report().cloned().unwrap())
        .collect();
    prop_assert_eq!(&stored, &model.events);
    for (index, report) in model.events.iter().enumerate() {
        prop_assert_eq!(log.report_seq(&report.id).unwrap(), Some(index as u64 + 1));
    }
    prop_assert_eq!(log.report_seq("never-stored").unwrap(), None);
    let verified = log.verify().unwrap();
    prop_assert!(verified.is_ok(), "{:?}", verified.problems);
    prop_assert_eq!(verified.head_hash, log.head_hash());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn log_behaves_like_a_vec_across_reopens(operations in proptest::collection::vec(operation(), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let mut log = SledLog::open(&path).unwrap();
        let mut model = Model::default();
        prop_assert_eq!(log.head_hash(), GENESIS_HASH);
        for operation in operations {
            match operation {
                Operation::Append(specs) => {
                    let head_before = log.head_hash();
                    let len_before = log.len();
                    let reports: Vec<Report> = specs.iter().map(build).collect();
                    let expected = model.append(reports.clone());
                    let events = reports.into_iter().map(|report| EventPayload::ReportIngested { report }).collect();
                    let outcomes = log.append(events, recorded_at()).unwrap();
                    prop_assert_eq!(outcomes, expected);
                    if log.len() > len_before {
                        let first_new = log.get(len_before + 1).unwrap().unwrap();
                        prop_assert_eq!(first_new.prev_hash, head_before);
                    } else {
                        prop_assert_eq!(log.head_hash(), head_before);
                    }
                }
                Operation::Reopen => {
                    let head_before = log.head_hash();
                    let len_before = log.len();
                    drop(log);
                    log = SledLog::open(&path).unwrap();
                    prop_assert_eq!(log.head_hash(), head_before);
                    prop_assert_eq!(log.len(), len_before);
                }
            }
            check_against_model(&log, &model)?;
        }
    }
}

/// The content hash as first defined: one blake3 update per word. Guards
/// the faster single-buffer implementation against drifting from it.
fn content_hash_word_by_word(report: &Report) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"concord-report-content/1\0");
    let mut first = true;
    for word in report.text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        first = false;
        hasher.update(word.as_bytes());
    }
    hasher.update(b"\0");
    hasher.update(report.outlet.as_deref().unwrap_or("").trim().as_bytes());
    hasher.update(b"\0");
    if let Some(date) = report.published {
        hasher.update(date.to_string().as_bytes());
    }
    *hasher.finalize().as_bytes()
}

proptest! {
    #[test]
    fn content_hash_matches_its_word_by_word_definition(text in "\\PC{0,80}", outlet in proptest::option::of("[a-z ]{0,8}")) {
        let mut report = Report::new("x", text);
        report.outlet = outlet;
        prop_assert_eq!(report.content_hash(), content_hash_word_by_word(&report));
    }
}
