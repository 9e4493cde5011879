//! Issue 12, parts 3 and 4: the match model estimated from the data
//! (`concord train`), stored in the log as an event, printed by `concord
//! model`, and shown by `explain` as a waterfall.
//!
//! The corpora are `events/` (reports this project wrote) and a synthetic
//! corpus from `concord synth`; nothing here reads `../shared`.

mod common;

use std::path::{Path, PathBuf};

use common::{concord, write};
use serde_json::Value;

fn events_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("events")
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    concord(db).args(args).output().expect("concord runs")
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(stdout(output).trim()).expect("one JSON object")
}

fn events_store(dir: &Path) -> PathBuf {
    let db = dir.join("db");
    stdout(&run(&db, &["ingest", events_dir().to_str().unwrap()]));
    db
}

fn synthetic_store(dir: &Path, reports: &str) -> (PathBuf, PathBuf) {
    let corpus = dir.join("corpus");
    let db = dir.join("db");
    let synth = concord(&db)
        .args(["synth", "--reports", reports, "--seed", "5", "--out"])
        .arg(&corpus)
        .output()
        .expect("synth runs");
    assert!(synth.status.success(), "{synth:?}");
    stdout(&run(
        &db,
        &["ingest", corpus.join("reports").to_str().unwrap()],
    ));
    (db, corpus.join("gold.json"))
}

fn level<'a>(model: &'a Value, name: &str) -> &'a Value {
    model["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|level| level["level"] == name)
        .unwrap_or_else(|| panic!("no level {name}"))
}

fn weight(model: &Value, name: &str) -> f64 {
    level(model, name)["weight"].as_f64().unwrap()
}

/// A model that links nothing: the built-in levels with a threshold no
/// pair reaches.
fn model_that_links_nothing(db: &Path, dir: &Path) -> PathBuf {
    let mut in_force = json(&run(db, &["model", "--json"]));
    in_force["model"]["threshold"] = Value::from(1000.0);
    write(dir, "strict.json", in_force.to_string())
}

#[test]
fn issue_12_model_prints_the_built_in_model_before_any_is_estimated() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    let in_force = json(&run(&db, &["model", "--json"]));
    assert_eq!(in_force["event"], Value::Null);
    assert_eq!(in_force["model"]["name"], "built-in");
    assert_eq!(in_force["model"]["threshold"], 2.4);
    assert_eq!(weight(&in_force["model"], "date_same_day"), 4.1);
    let text = stdout(&run(&db, &["model"]));
    assert!(text.contains("model: built-in"), "{text}");
    assert!(text.contains("date_same_day"), "{text}");
    assert!(text.contains("prior -2.400"), "{text}");
}

#[test]
fn issue_12_a_stored_model_is_an_event_and_as_of_replays_the_model_in_force_then() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    let before = stdout(&run(&db, &["incidents", "--json"]));
    let head_before = stdout(&run(&db, &["log"])).lines().count() as u64;
    let strict = model_that_links_nothing(&db, dir.path());
    let stored = stdout(&run(
        &db,
        &[
            "train",
            "--model",
            strict.to_str().unwrap(),
            "--reason",
            "check the model event",
        ],
    ));
    assert!(
        stored.contains("stored the estimated model as event"),
        "{stored}"
    );

    // The log holds it, `verify` accepts it, and `log` names it.
    stdout(&run(&db, &["verify"]));
    let log = stdout(&run(&db, &["log"]));
    assert!(log.contains("MatchModelEstimated"), "{log}");
    assert!(log.contains("check the model event"), "{log}");

    // From that event on, nothing links: more incidents than before.
    let after = stdout(&run(&db, &["incidents", "--json"]));
    assert!(after.lines().count() > before.lines().count());
    let in_force = json(&run(&db, &["model", "--json"]));
    assert!(in_force["event"].as_u64().is_some());
    assert_eq!(in_force["model"]["threshold"], 1000.0);

    // As of the event before it, the built-in model and the old incidents.
    let as_of = head_before.to_string();
    let old_model = json(&run(&db, &["model", "--json", "--as-of", &as_of]));
    assert_eq!(old_model["model"]["name"], "built-in");
    let old_incidents = stdout(&run(&db, &["incidents", "--json", "--as-of", &as_of]));
    assert_eq!(old_incidents, before);

    // A rebuild from the log reproduces the incidents under the model.
    stdout(&run(&db, &["rebuild"]));
    assert_eq!(stdout(&run(&db, &["incidents", "--json"])), after);
}

#[test]
fn issue_12_storing_the_built_in_model_again_restores_its_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    let built_in = write(
        dir.path(),
        "built_in.json",
        stdout(&run(&db, &["model", "--json"])),
    );
    let before = stdout(&run(&db, &["incidents", "--json"]));
    let strict = model_that_links_nothing(&db, dir.path());
    stdout(&run(&db, &["train", "--model", strict.to_str().unwrap()]));
    assert_ne!(stdout(&run(&db, &["incidents", "--json"])), before);
    stdout(&run(&db, &["train", "--model", built_in.to_str().unwrap()]));
    assert_eq!(stdout(&run(&db, &["incidents", "--json"])), before);
}

#[test]
fn issue_12_train_estimates_m_by_em_and_the_same_store_gives_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = synthetic_store(dir.path(), "400");
    let first = json(&run(&db, &["train", "--dry-run", "--json"]));
    let second = json(&run(&db, &["train", "--dry-run", "--json"]));
    assert_eq!(first, second, "a dry run twice: the same model");
    assert_eq!(first["event"], Value::Null, "a dry run stores nothing");
    let model = &first["model"];
    assert_eq!(model["training"]["method"], "em");
    assert!(model["training"]["candidate_pairs"].as_u64().unwrap() > 0);
    // What any corpus of news should teach: the same day and close texts
    // are evidence of one incident, days far apart and unrelated texts of
    // two.
    assert!(weight(model, "date_same_day") > 0.0, "{model}");
    assert!(weight(model, "date_same_day") > weight(model, "date_publication_far"));
    assert!(weight(model, "content_same_story") > weight(model, "content_unrelated"));
    // Estimated levels carry their m and u; fixed ones keep their weight.
    let same_day = level(model, "date_same_day");
    let (m, u) = (
        same_day["m"].as_f64().unwrap(),
        same_day["u"].as_f64().unwrap(),
    );
    assert!((weight(model, "date_same_day") - (m / u).log2()).abs() < 1e-9);
    assert_eq!(level(model, "sub_place_conflict")["fixed"], true);
    assert_eq!(weight(model, "sub_place_conflict"), -10.0);
    // Nothing was appended by the dry runs.
    assert_eq!(
        json(&run(&db, &["model", "--json"]))["model"]["name"],
        "built-in"
    );
}

#[test]
fn issue_12_train_with_an_answer_key_fits_the_labelled_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gold) = synthetic_store(dir.path(), "400");
    let trained = json(&run(
        &db,
        &["train", "--json", "--gold", gold.to_str().unwrap()],
    ));
    let model = &trained["model"];
    assert_eq!(model["training"]["method"], "labels");
    assert!(trained["event"].as_u64().is_some());
    assert!(weight(model, "date_same_day") > weight(model, "date_publication_far"));
    // The store clusters under it.
    assert!(stdout(&run(&db, &["incidents", "--json"])).lines().count() > 0);
}

#[test]
fn issue_12_explain_prints_the_waterfall_of_the_model_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    let reports: Vec<Value> = stdout(&run(&db, &["reports", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let id = |i: usize| reports[i]["id"].as_str().unwrap().to_string();
    let explained = json(&run(&db, &["explain", &id(0), &id(1), "--json"]));
    assert_eq!(explained["model"], "built-in");
    let prior = explained["prior"].as_f64().unwrap();
    let sum: f64 = explained["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|feature| feature["weight"].as_f64().unwrap())
        .sum();
    assert!((explained["match_weight"].as_f64().unwrap() - (prior + sum)).abs() < 1e-9);
    let text = stdout(&run(&db, &["explain", &id(0), &id(1)]));
    assert!(text.contains("prior"), "{text}");
    assert!(text.contains("RUNNING"), "{text}");
    assert!(text.contains("probability"), "{text}");

    // Under an estimated model, levels show m and u.
    stdout(&run(&db, &["train"]));
    let explained = json(&run(&db, &["explain", &id(0), &id(1), "--json"]));
    assert!(
        explained["model"]
            .as_str()
            .unwrap()
            .starts_with("estimated at event"),
        "{explained}"
    );
    assert!(
        explained["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|feature| feature["m"].is_f64() && feature["u"].is_f64()),
        "{explained}"
    );
}

#[test]
fn issue_12_a_broken_model_file_is_refused_with_its_reason_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    let log_before = stdout(&run(&db, &["log"]));
    let mut model = json(&run(&db, &["model", "--json"]));
    model["model"]["levels"][0]["weight"] = Value::from("NaN");
    for (name, contents) in [
        ("not_json.json", "this is not a model".to_string()),
        ("nan.json", model.to_string()),
        ("no_levels.json", r#"{"name":"x","threshold":1,"levels":[],"training":{"method":"em","reports":0,"candidate_pairs":0,"random_pairs":0,"iterations":0,"converged":true,"match_share":0.5}}"#.to_string()),
    ] {
        let path = write(dir.path(), name, contents);
        let output = run(&db, &["train", "--model", path.to_str().unwrap()]);
        assert!(!output.status.success(), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    let missing = run(&db, &["train", "--gold", "/no/such/answer-key.json"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("answer-key.json"));
    assert_eq!(stdout(&run(&db, &["log"])), log_before);
}

#[test]
fn issue_12_a_model_survives_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = events_store(dir.path());
    stdout(&run(&db, &["train"]));
    let incidents = stdout(&run(&db, &["incidents", "--json"]));
    let model = json(&run(&db, &["model", "--json"]));
    let export = write(
        dir.path(),
        "log.jsonl",
        stdout(&run(&db, &["log", "--json"])),
    );
    let copy = dir.path().join("copy");
    stdout(&run(&copy, &["import", export.to_str().unwrap()]));
    assert_eq!(json(&run(&copy, &["model", "--json"])), model);
    assert_eq!(stdout(&run(&copy, &["incidents", "--json"])), incidents);
}
