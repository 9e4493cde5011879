//! `concord log --json` exports re-import into a fresh database with the
//! same head hash; a bad export names its line and stores nothing.

mod common;

use common::{concord, fixture_report, stdout_of, write};

#[test]
fn export_then_import_reproduces_the_head_hash() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for n in 0..7 {
        write(&corpus, &format!("r{n}.md"), fixture_report(n));
    }
    let first_db = dir.path().join("first");
    concord(&first_db)
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .success();
    let export = stdout_of(concord(&first_db).args(["log", "--json"]));
    let export_path = write(dir.path(), "export.jsonl", &export);
    let verify_first = stdout_of(concord(&first_db).arg("verify"));

    let second_db = dir.path().join("second");
    let imported = stdout_of(concord(&second_db).arg("import").arg(&export_path));
    assert!(
        imported.starts_with("imported 7 events; head "),
        "{imported}"
    );
    assert_eq!(stdout_of(concord(&second_db).arg("verify")), verify_first);
    assert_eq!(
        stdout_of(concord(&second_db).args(["log", "--json"])),
        export
    );
    // The indexes were rebuilt: the same corpus is all duplicates.
    let again = stdout_of(concord(&second_db).arg("ingest").arg(&corpus));
    assert!(again.starts_with("ingest: 0 new, 7 duplicate"), "{again}");

    // Importing into a non-empty database is refused.
    concord(&second_db)
        .arg("import")
        .arg(&export_path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already holds 7 events"));
}

#[test]
fn a_tampered_export_names_its_line_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for n in 0..4 {
        write(&corpus, &format!("r{n}.md"), fixture_report(n));
    }
    let db = dir.path().join("db");
    concord(&db).arg("ingest").arg(&corpus).assert().success();
    let export = stdout_of(concord(&db).args(["log", "--json"]));
    let tampered: Vec<String> = export
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 2 {
                l.replacen("Karaganda", "Karagandy", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    let path = write(dir.path(), "tampered.jsonl", tampered.join("\n") + "\n");
    let fresh = dir.path().join("fresh");
    concord(&fresh)
        .arg("import")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "tampered.jsonl:3: event 3 was changed after it was written",
        ));
    let garbage = write(
        dir.path(),
        "garbage.jsonl",
        export.lines().next().unwrap().to_string() + "\nnot json\n",
    );
    concord(&fresh)
        .arg("import")
        .arg(&garbage)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "garbage.jsonl:2: not an exported event",
        ));
    let log = stdout_of(concord(&fresh).args(["log", "--json"]));
    assert_eq!(log, "");
}
