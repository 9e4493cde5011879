//! A second process opening a database that another process holds gets a
//! clear message and exit code 2, not a panic.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command as ProcessCommand, Stdio};

use common::{concord, fixture_report, write};
use concord::log::SledLog;

const HOLD_VARIABLE: &str = "CONCORD_TEST_HOLD_DB";

/// Not a test of its own: when the test below runs this binary again with
/// `CONCORD_TEST_HOLD_DB` set, this holds that database open until its
/// standard input closes. Run normally, it returns at once.
#[test]
fn lock_holder_helper_process() {
    let Ok(db) = std::env::var(HOLD_VARIABLE) else {
        return;
    };
    let _log = SledLog::open(&db).expect("the holder opens the database first");
    println!("holding the database");
    std::io::stdout().flush().unwrap();
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
}

#[test]
fn second_process_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let report = write(dir.path(), "r.md", fixture_report(3));

    let mut holder = ProcessCommand::new(std::env::current_exe().unwrap())
        .args(common::one_test_alone("lock_holder_helper_process"))
        .env(HOLD_VARIABLE, &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut holder_output = BufReader::new(holder.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            holder_output.read_line(&mut line).unwrap() > 0,
            "the holder stopped early"
        );
        if line.contains("holding the database") {
            break;
        }
    }

    for arguments in [
        vec!["ingest", report.to_str().unwrap()],
        vec!["verify"],
        vec!["reports"],
    ] {
        concord(&db)
            .args(&arguments)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "the database at {} is in use by another concord process",
                db.display()
            )));
    }

    drop(holder.stdin.take());
    assert!(holder.wait().unwrap().success());
    concord(&db).arg("ingest").arg(&report).assert().success();
}
