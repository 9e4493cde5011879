//! The five seed documents, fed as JSON Lines built from the seed manifest,
//! are stored with text byte-identical to the files. Reads ../shared at run
//! time and skips when it is absent.

mod common;

use common::{concord, shared_seeds, stdout_of, write};

#[test]
fn seeds_as_json_lines_are_stored_byte_for_byte() {
    let Some(seeds) = shared_seeds() else {
        return;
    };
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("manifest.json")).unwrap())
            .unwrap();
    let entries = manifest["reports"].as_array().unwrap();
    let mut lines = String::new();
    let mut expected = Vec::new();
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let text = std::fs::read_to_string(seeds.join(file)).unwrap();
        let id = file.trim_end_matches(".txt");
        let line = serde_json::json!({
            "id": id,
            "outlet": entry["outlet"],
            "published": entry["published"],
            "language": entry["language"],
            "kind": entry["kind"],
            "text": text,
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
        expected.push((id.to_string(), text));
    }
    let dir = tempfile::tempdir().unwrap();
    let feed = write(dir.path(), "seeds.jsonl", lines);
    let db = dir.path().join("db");
    let summary = stdout_of(concord(&db).arg("ingest").arg(&feed));
    assert!(
        summary.starts_with("ingest: 5 new, 0 duplicate, 0 renamed, 0 rejected"),
        "{summary}"
    );

    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let stored: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(stored.len(), expected.len());
    for (event, (id, text)) in stored.iter().zip(&expected) {
        let report = &event["payload"]["report"];
        assert_eq!(report["id"], id.as_str());
        assert_eq!(
            report["text"].as_str().unwrap().as_bytes(),
            text.as_bytes(),
            "text of {id}"
        );
        assert_eq!(&report["metadata"]["kind"], event_kind(entries, id));
    }
    assert!(stdout_of(concord(&db).arg("verify")).starts_with("OK: 5 events"));
}

fn event_kind<'a>(entries: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    &entries
        .iter()
        .find(|e| e["file"].as_str().is_some_and(|f| f.starts_with(id)))
        .unwrap()["kind"]
}

#[test]
fn the_structured_seed_record_is_recognised_as_a_txt_file() {
    let Some(seeds) = shared_seeds() else {
        return;
    };
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("manifest.json")).unwrap())
            .unwrap();
    let Some(record) = manifest["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "record")
    else {
        return;
    };
    let path = seeds.join(record["file"].as_str().unwrap());
    let original = std::fs::read_to_string(&path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    concord(&db).arg("ingest").arg(&path).assert().success();
    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let event: serde_json::Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    let report = &event["payload"]["report"];
    assert_eq!(report["text"].as_str().unwrap(), original);
    let fields = report["metadata"]["record"].as_object().unwrap();
    // Structure, not content: the fields the format promises are present
    // and coordinates are numbers.
    for field in [
        "Country",
        "Initial Date",
        "Event Description",
        "Summary for Publications",
    ] {
        assert!(
            fields.get(field).is_some_and(|v| v.is_string()),
            "{field} in {fields:?}"
        );
    }
    assert!(fields["Latitude"].is_f64() && fields["Longitude"].is_f64());
    assert_eq!(report["title"].as_str(), original.lines().next());
}
