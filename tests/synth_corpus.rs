//! The synthetic corpus: deterministic, self-consistent answer key, hard
//! negatives present, realistic size and page debris.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use concord::gazetteer::Gazetteer;
use concord::synth::{SynthOptions, synth_command};
use serde_json::Value;

struct Corpus {
    reports: Vec<Value>,
    gold: Value,
    doc: Value,
}

fn generate(dir: &Path, reports: u64, seed: u64) -> Corpus {
    let summary =
        synth_command(&SynthOptions::new(reports, seed, dir.to_path_buf())).expect("synth runs");
    assert_eq!(summary.reports, reports);
    read_corpus(dir)
}

fn read_corpus(dir: &Path) -> Corpus {
    let mut files: Vec<_> = fs::read_dir(dir.join("reports"))
        .expect("reports dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut reports = Vec::new();
    for file in files {
        for line in fs::read_to_string(&file).expect("part file").lines() {
            reports.push(serde_json::from_str::<Value>(line).expect("one JSON object per line"));
        }
    }
    let gold = serde_json::from_str(&fs::read_to_string(dir.join("gold.json")).expect("gold.json"))
        .expect("gold json");
    let doc =
        serde_json::from_str(&fs::read_to_string(dir.join("gold-doc.json")).expect("gold-doc"))
            .expect("doc json");
    Corpus { reports, gold, doc }
}

fn all_bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for name in ["gold.json", "gold-doc.json", "gold-doc.jsonl"] {
        files.insert(
            name.to_string(),
            fs::read(dir.join(name)).expect("gold file"),
        );
    }
    for entry in fs::read_dir(dir.join("reports")).expect("reports") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        files.insert(name, fs::read(&path).expect("part"));
    }
    files
}

fn text_of(corpus: &Corpus) -> BTreeMap<String, String> {
    corpus
        .reports
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            (id, r["text"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

#[test]
fn same_seed_gives_identical_bytes_and_another_seed_differs() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let c = tempfile::tempdir().expect("tempdir");
    generate(a.path(), 300, 7);
    generate(b.path(), 300, 7);
    generate(c.path(), 300, 8);
    assert_eq!(all_bytes(a.path()), all_bytes(b.path()));
    assert_ne!(
        all_bytes(a.path())["part-00000.jsonl"],
        all_bytes(c.path())["part-00000.jsonl"]
    );
}

#[test]
fn gold_is_consistent_with_the_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generate(dir.path(), 800, 11);
    let texts = text_of(&corpus);
    assert_eq!(texts.len(), 800, "report ids are unique");
    for report in &corpus.reports {
        for field in ["id", "outlet", "published", "title", "url", "text"] {
            assert!(
                report[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field} missing in {report}"
            );
        }
        let published = report["published"].as_str().unwrap_or_default();
        assert!(
            NaiveDate::parse_from_str(published, "%Y-%m-%d").is_ok(),
            "{published}"
        );
    }
    let gold = &corpus.gold;
    assert_eq!(gold["schema"], "gold/1");

    let incidents = gold["incidents"].as_array().expect("incidents");
    let mut incident_ids = BTreeSet::new();
    let mut reports_in_incidents = BTreeSet::new();
    for incident in incidents {
        let id = incident["id"].as_str().expect("id");
        assert!(
            incident_ids.insert(id.to_string()),
            "duplicate incident id {id}"
        );
        let reports = incident["reports"].as_array().expect("reports");
        assert!(!reports.is_empty(), "{id} has no reports");
        for report in reports {
            let report = report.as_str().expect("report id");
            assert!(
                texts.contains_key(report),
                "{id} lists unknown report {report}"
            );
            reports_in_incidents.insert(report.to_string());
        }
        let place = incident["place"].as_str().expect("place");
        assert!(
            gold["places"].get(place).is_some(),
            "{place} missing from places"
        );
    }
    for incident in incidents {
        if let Some(parent) = incident["parent"].as_str() {
            assert!(incident_ids.contains(parent), "dangling parent {parent}");
        }
        if let Some(of) = incident["hard_negative_of"].as_str() {
            assert!(incident_ids.contains(of), "dangling hard negative {of}");
        }
    }
    assert_eq!(
        reports_in_incidents.len(),
        texts.len(),
        "every report belongs to some incident"
    );

    let doc = corpus.doc["doc_incident"]
        .as_object()
        .expect("doc_incident");
    assert_eq!(doc.len(), texts.len());
    for (report, cluster) in doc {
        assert!(texts.contains_key(report));
        assert!(incident_ids.contains(cluster.as_str().unwrap_or_default()));
    }

    let gazetteer = Gazetteer::global();
    for name in gold["places"].as_object().expect("places").keys() {
        let canonical = gazetteer
            .lookup(name)
            .iter()
            .any(|&i| gazetteer.place(i).name == *name);
        assert!(canonical, "{name} is not a gazetteer canonical name");
    }

    let figures = gold["figures"].as_array().expect("figures");
    assert!(
        figures.len() >= 2 * texts.len(),
        "too few figures: {}",
        figures.len()
    );
    let mut qualifiers = BTreeSet::new();
    for figure in figures {
        let report = figure["report"].as_str().expect("report");
        let evidence = figure["evidence"].as_str().expect("evidence");
        let text = &texts[report];
        assert!(
            text.contains(evidence),
            "evidence {evidence:?} not in {report}"
        );
        assert!(
            incident_ids.contains(figure["incident"].as_str().unwrap_or_default()),
            "{figure}"
        );
        for place in figure["places"].as_array().expect("places") {
            assert!(
                gold["places"]
                    .get(place.as_str().unwrap_or_default())
                    .is_some(),
                "{figure}"
            );
        }
        let qualifier = figure["qualifier"].as_str().expect("qualifier");
        qualifiers.insert(qualifier.to_string());
        match qualifier {
            "vague" => {
                assert!(figure["value"].is_null());
                let phrase = figure["phrase"]
                    .as_str()
                    .expect("vague figures carry their phrase");
                assert!(evidence.contains(phrase), "{phrase:?} not in {evidence:?}");
            }
            "range" => assert!(
                figure["value"].as_u64() < figure["value_hi"].as_u64(),
                "{figure}"
            ),
            _ => assert!(figure["value"].as_u64().is_some(), "{figure}"),
        }
    }
    for qualifier in [
        "exact",
        "approx",
        "at_least",
        "more_than",
        "at_most",
        "fewer_than",
        "range",
        "vague",
    ] {
        assert!(
            qualifiers.contains(qualifier),
            "no {qualifier} figure in the corpus"
        );
    }
    for not_figure in gold["not_figures"].as_array().expect("not_figures") {
        let report = not_figure["report"].as_str().expect("report");
        let text = not_figure["text"].as_str().expect("text");
        assert!(
            texts[report].contains(text),
            "not-figure {text:?} not in {report}"
        );
    }
    assert!(
        !gold["reconciled"]
            .as_array()
            .expect("reconciled")
            .is_empty()
    );
}

#[test]
fn background_incidents_have_optional_figures_listed_as_not_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generate(dir.path(), 600, 5);
    let gold = &corpus.gold;
    let background: BTreeSet<&str> = gold["incidents"]
        .as_array()
        .expect("incidents")
        .iter()
        .filter(|i| i["background"] == true)
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(
        background.len() >= 20,
        "only {} background incidents",
        background.len()
    );
    let not_figures: BTreeSet<(&str, &str)> = gold["not_figures"]
        .as_array()
        .expect("not_figures")
        .iter()
        .filter_map(|n| Some((n["report"].as_str()?, n["text"].as_str()?)))
        .collect();
    let mut seen = 0;
    for figure in gold["figures"].as_array().expect("figures") {
        if background.contains(figure["incident"].as_str().unwrap_or_default()) {
            seen += 1;
            assert_eq!(figure["required"], false, "{figure}");
            let key = (
                figure["report"].as_str().unwrap_or_default(),
                figure["evidence"].as_str().unwrap_or_default(),
            );
            assert!(not_figures.contains(&key), "{figure}");
        }
    }
    assert!(seen >= 20);
}

#[test]
fn hard_negatives_of_every_kind_are_present_and_really_differ() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generate(dir.path(), 1500, 3);
    let incidents = corpus.gold["incidents"].as_array().expect("incidents");
    let by_id: BTreeMap<&str, &Value> = incidents
        .iter()
        .filter_map(|i| Some((i["id"].as_str()?, i)))
        .collect();
    let date = |i: &Value| {
        NaiveDate::parse_from_str(i["date"].as_str().unwrap_or_default(), "%Y-%m-%d").expect("date")
    };
    let mut kinds = BTreeMap::new();
    for twin in incidents {
        let Some(of) = twin["hard_negative_of"].as_str() else {
            continue;
        };
        let primary = by_id[of];
        let how = twin["hard_negative"]
            .as_str()
            .expect("kind of hard negative");
        *kinds.entry(how.to_string()).or_insert(0) += 1;
        let days_apart = (date(twin) - date(primary)).num_days();
        match how {
            "same_city_later_day" => {
                assert!((1..=3).contains(&days_apart), "{twin}");
                let primary_places: BTreeSet<&str> = std::iter::once(primary)
                    .chain(
                        incidents
                            .iter()
                            .filter(|i| i["parent"].as_str() == Some(of)),
                    )
                    .filter_map(|i| i["place"].as_str())
                    .collect();
                assert!(
                    primary_places.contains(twin["place"].as_str().unwrap_or_default()),
                    "{twin}"
                );
            }
            "same_day_other_city" => {
                assert_eq!(days_apart, 0);
                assert_ne!(twin["place"], primary["place"]);
            }
            "lookalike_headline" => assert!(days_apart >= 20, "{twin}"),
            other => panic!("unknown hard negative {other}"),
        }
    }
    for how in [
        "same_city_later_day",
        "same_day_other_city",
        "lookalike_headline",
    ] {
        assert!(
            kinds.get(how).copied().unwrap_or(0) >= 5,
            "too few {how}: {kinds:?}"
        );
    }
}

#[test]
fn reports_average_about_two_kilobytes_and_some_carry_page_debris() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generate(dir.path(), 1000, 21);
    let texts = text_of(&corpus);
    let average = texts.values().map(|t| t.len()).sum::<usize>() / texts.len();
    assert!(
        (1500..=2600).contains(&average),
        "average text size {average}"
    );
    let share = |needle: &str| {
        texts.values().filter(|t| t.contains(needle)).count() as f64 / texts.len() as f64
    };
    for needle in [
        "please wait",
        "No media source currently available",
        "XS\nSM\nMD\nLG",
        "WATCH: ",
        " -- ",
        " — ",
    ] {
        let found = share(needle);
        assert!(
            found > 0.02 && found < 0.9,
            "{needle:?} in {found:.2} of reports"
        );
    }
    let titles: BTreeSet<&str> = corpus
        .reports
        .iter()
        .filter_map(|r| r["title"].as_str())
        .collect();
    assert!(
        titles.len() > 300,
        "headlines too repetitive: {}",
        titles.len()
    );
}

#[test]
fn large_corpora_stream_a_document_key_instead_of_the_full_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut options = SynthOptions::new(120, 4, dir.path().to_path_buf());
    synth_command(&options).expect("small run writes the full key");
    assert!(dir.path().join("gold.json").exists());

    options.full_gold_limit = 50;
    options.reports_per_file = 50;
    let summary = synth_command(&options).expect("large-mode run");
    assert!(summary.gold.is_none() && summary.gold_doc.is_none());
    assert!(
        !dir.path().join("gold.json").exists(),
        "a stale full key must not survive"
    );
    assert_eq!(summary.report_files.len(), 3);
    let lines = fs::read_to_string(dir.path().join("gold-doc.jsonl")).expect("gold-doc.jsonl");
    let mut reports = BTreeSet::new();
    for line in lines.lines() {
        let entry: Value = serde_json::from_str(line).expect("json line");
        reports.insert(entry["report"].as_str().expect("report").to_string());
        assert!(entry["incident"].as_str().is_some());
    }
    assert_eq!(reports.len(), 120);
    let parts = fs::read_dir(dir.path().join("reports"))
        .expect("reports")
        .count();
    assert_eq!(parts, 3);
}
