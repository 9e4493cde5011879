//! Issue 15, time travel: a view `--as-of` an earlier event answers from
//! the nearest checkpoint of the read models, caught up to that event in
//! memory, and says exactly what a replay of the log up to that event says,
//! key for key and view for view.

use std::path::Path;

use concord::cluster::{ClusterConfig, ClusterState};
use concord::log::{EventLog, SledLog};
use concord::project::{AsOf, Projection, ProjectionSettings};
use concord::read_model::{self, Freshness};
use concord::report::Report;
use concord::views::{
    self, AuditOptions, ExportFormat, ExportOptions, IncidentsOptions, ReportsOptions, ShowOptions,
};

mod common;

use common::{fresh_database, moment, replaying, reports_under, store_reports as store};

/// `incidents`, `reports` (tables and JSON), the JSONL export, and `show`
/// and `audit` of a few incidents, as of `as_of`.
fn views_at(log: &SledLog, as_of: &AsOf) -> Vec<String> {
    let mut seen = Vec::new();
    for json in [false, true] {
        let mut bytes = Vec::new();
        let options = IncidentsOptions {
            as_of: as_of.clone(),
            cluster: ClusterConfig::default(),
            json,
        };
        views::incidents_command(log, &options, &mut bytes).unwrap();
        seen.push(String::from_utf8(bytes).unwrap());
        let mut bytes = Vec::new();
        let options = ReportsOptions {
            as_of: as_of.clone(),
            cluster: ClusterConfig::default(),
            json,
        };
        views::reports_command(log, &options, &mut bytes).unwrap();
        seen.push(String::from_utf8(bytes).unwrap());
    }
    let mut bytes = Vec::new();
    let options = ExportOptions {
        as_of: as_of.clone(),
        format: ExportFormat::Jsonl,
        ..ExportOptions::default()
    };
    views::export_command(log, &options, &mut bytes).unwrap();
    seen.push(String::from_utf8(bytes).unwrap());
    // `show` and `audit` of the first incidents then, and of an id that
    // was never one (the error names the event).
    let ids: Vec<String> =
        Projection::<ClusterState>::build(log, ProjectionSettings::default(), as_of)
            .unwrap()
            .state()
            .incidents
            .into_iter()
            .take(2)
            .map(|incident| incident.id)
            .chain(["no-such-incident".to_string()])
            .collect();
    for id in ids {
        let options = ShowOptions {
            as_of: as_of.clone(),
            cluster: ClusterConfig::default(),
            id: id.clone(),
            json: true,
        };
        let mut bytes = Vec::new();
        seen.push(match views::show_command(log, &options, &mut bytes) {
            Ok(()) => String::from_utf8(bytes).unwrap(),
            Err(error) => format!("error: {error}"),
        });
        let options = AuditOptions {
            as_of: as_of.clone(),
            cluster: ClusterConfig::default(),
            id,
            metric: None,
            json: false,
        };
        let mut bytes = Vec::new();
        seen.push(match views::audit_command(log, &options, &mut bytes) {
            Ok(()) => String::from_utf8(bytes).unwrap(),
            Err(error) => format!("error: {error}"),
        });
    }
    seen
}

/// At `position`, the read model a checkpoint gives equals, key for key,
/// the one a replay up to `position` writes; and the views equal a
/// replay's. Returns whether a checkpoint answered (not a replay).
fn check_past_equals_a_replay(log: &SledLog, position: u64, every_view: bool) -> bool {
    let settings = ProjectionSettings::default();
    let past = read_model::past(log, &settings, position).unwrap();
    let Some(past) = past else {
        return false;
    };
    assert_eq!(past.read_model().unwrap().position(), position);
    let ours = common::read_model_contents(&past);
    drop(past);
    let expected = replaying(log, || {
        let projection =
            Projection::<ClusterState>::build(log, settings.clone(), &AsOf::Seq(position)).unwrap();
        read_model::write(log, &projection).unwrap();
        common::read_model_contents(log)
    });
    common::assert_same_read_model(
        &ours,
        &expected,
        &format!("as of event {position}: the checkpoint's read model"),
    );
    if every_view {
        let as_of = AsOf::Seq(position);
        let from_checkpoint = views_at(log, &as_of);
        let replayed = replaying(log, || views_at(log, &as_of));
        assert_eq!(
            from_checkpoint, replayed,
            "as of event {position}: the views"
        );
    }
    true
}

fn events_reports() -> Vec<Report> {
    reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"))
}

/// The sample corpus ingested a few reports at a time, with a link, a
/// retraction and a split among the ingests, and a checkpoint every few
/// events: every earlier event answers from a checkpoint, as a replay.
#[test]
fn issue_15_as_of_every_earlier_event_answers_from_a_checkpoint_as_a_replay() {
    let reports = events_reports();
    assert!(reports.len() >= 30, "the sample corpus");
    let settings = ProjectionSettings::default();
    let (_directory, mut log) = fresh_database();
    store(&mut log, &reports[..10]);
    read_model::bring_up_to_date(&log, &settings).unwrap();
    let first_written = log.len();
    let mut next = 10;
    let mut step = 0;
    while next < reports.len() {
        let end = (next + 1 + step % 3).min(reports.len());
        store(&mut log, &reports[next..end]);
        next = end;
        step += 1;
        match step {
            2 => {
                views::link(
                    &mut log,
                    &reports[1].id,
                    &reports[12].id,
                    "one day",
                    moment(900),
                )
                .unwrap();
            }
            4 => {
                views::retract(&mut log, &reports[3].id, "withdrawn", moment(901)).unwrap();
            }
            6 => {
                let incident = common::an_incident_of_two_reports(&log);
                views::split(
                    &mut log,
                    &ClusterConfig::default(),
                    &incident.id,
                    &incident.reports[0],
                    "another day",
                    moment(902),
                )
                .unwrap();
            }
            _ => {}
        }
        let freshness =
            read_model::bring_up_to_date_checkpointing_every(&log, &settings, 3).unwrap();
        assert!(
            matches!(freshness, Freshness::CaughtUp(_)),
            "step {step} is caught up: {freshness:?}"
        );
    }
    let head = log.len();
    let checkpoints = read_model::checkpoint_positions(&log).unwrap();
    assert_eq!(checkpoints.first(), Some(&first_written));
    assert!(checkpoints.len() >= 5, "checkpoints at {checkpoints:?}");
    for position in 0..=head {
        let answered = check_past_equals_a_replay(&log, position, position % 8 == 0);
        // From where the read models were first written on, a checkpoint
        // answers; before it, the views replay.
        assert_eq!(
            answered,
            position >= first_written,
            "as of event {position} (read models first written at {first_written})"
        );
    }
}

/// A synthetic corpus of 1,200 reports, interleaved, ingested 40 at a time
/// with a checkpoint every 100 events.
#[test]
fn issue_15_as_of_in_a_synthetic_corpus_answers_from_checkpoints_as_a_replay() {
    let (_directory, reports) = common::interleaved_synthetic_reports(1_200, 11);
    let settings = ProjectionSettings::default();
    let (_database, mut log) = fresh_database();
    store(&mut log, &reports[..400]);
    read_model::bring_up_to_date(&log, &settings).unwrap();
    for batch in reports[400..].chunks(40) {
        store(&mut log, batch);
        read_model::bring_up_to_date_checkpointing_every(&log, &settings, 100).unwrap();
    }
    let head = log.len();
    let checkpoints = read_model::checkpoint_positions(&log).unwrap();
    assert_eq!(checkpoints, vec![400, 520, 640, 760, 880, 1_000, 1_120]);
    let mut answered = 0;
    for position in [
        400, 401, 439, 440, 441, 500, 517, 640, 799, 1_000, 1_163, head,
    ] {
        answered += u32::from(check_past_equals_a_replay(
            &log,
            position,
            matches!(position, 441 | 1_163),
        ));
    }
    assert_eq!(
        answered, 12,
        "every point after the first write answers from a checkpoint"
    );
}

/// A replay writes a new generation: the old one's checkpoints go with it,
/// and earlier points replay again, with the same answers.
#[test]
fn issue_15_a_replay_drops_the_checkpoints_and_earlier_points_replay() {
    let reports = events_reports();
    let settings = ProjectionSettings::default();
    let (_directory, mut log) = fresh_database();
    store(&mut log, &reports[..12]);
    read_model::bring_up_to_date(&log, &settings).unwrap();
    for report in &reports[12..20] {
        store(&mut log, std::slice::from_ref(report));
        read_model::bring_up_to_date_checkpointing_every(&log, &settings, 2).unwrap();
    }
    let before = views_at(&log, &AsOf::Seq(15));
    assert!(read_model::past(&log, &settings, 15).unwrap().is_some());
    let projection =
        Projection::<ClusterState>::build(&log, settings.clone(), &AsOf::Head).unwrap();
    read_model::write(&log, &projection).unwrap();
    assert!(read_model::past(&log, &settings, 15).unwrap().is_none());
    assert!(
        read_model::past(&log, &settings, log.len())
            .unwrap()
            .is_some(),
        "the head itself is the new generation"
    );
    assert_eq!(views_at(&log, &AsOf::Seq(15)), before);
}

/// A view of the past writes nothing: the read models in force, their
/// checkpoints and the log are as they were.
#[test]
fn issue_15_a_view_of_the_past_writes_nothing() {
    let reports = events_reports();
    let settings = ProjectionSettings::default();
    let (_directory, mut log) = fresh_database();
    store(&mut log, &reports[..12]);
    read_model::bring_up_to_date(&log, &settings).unwrap();
    for report in &reports[12..18] {
        store(&mut log, std::slice::from_ref(report));
        read_model::bring_up_to_date_checkpointing_every(&log, &settings, 2).unwrap();
    }
    let stored = |log: &SledLog| {
        use concord::log::ReadModelStore;
        log.read_model_scan(b"")
            .map(|item| item.unwrap())
            .collect::<Vec<_>>()
    };
    let before = stored(&log);
    let (length, head_hash) = (log.len(), log.head_hash());
    for position in [12, 13, 15, 17] {
        views_at(&log, &AsOf::Seq(position));
    }
    assert_eq!(stored(&log), before);
    assert_eq!((log.len(), log.head_hash()), (length, head_hash));
}

/// `concord incidents --as-of N` and `reports --as-of N` after one ingest
/// per file answer as they do once `rebuild` has dropped the checkpoints
/// (and they replay).
#[test]
fn issue_15_cli_as_of_from_checkpoints_answers_as_after_a_rebuild() {
    let files = common::sample_corpus_files();
    let directory = tempfile::tempdir().unwrap();
    let db = directory.path().join("db");
    let (first, rest) = files.split_at(files.len() - 6);
    common::concord(&db)
        .arg("ingest")
        .args(first)
        .assert()
        .success();
    for file in rest {
        common::concord(&db)
            .arg("ingest")
            .arg(file)
            .assert()
            .success();
    }
    let answers = |db: &Path| -> Vec<String> {
        let mut seen = Vec::new();
        for position in first.len()..=files.len() {
            for view in ["incidents", "reports"] {
                let output = common::concord(db)
                    .args([view, "--json", "--as-of", &position.to_string()])
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{view} --as-of {position}");
                assert!(
                    output.stderr.is_empty(),
                    "{view} --as-of {position} says nothing more: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                seen.push(String::from_utf8(output.stdout).unwrap());
            }
        }
        seen
    };
    {
        let log = SledLog::open(&db).unwrap();
        assert!(
            read_model::past(&log, &ProjectionSettings::default(), first.len() as u64)
                .unwrap()
                .is_some(),
            "a checkpoint answers"
        );
    }
    let from_checkpoints = answers(&db);
    common::concord(&db).arg("rebuild").assert().success();
    let replayed = answers(&db);
    assert_eq!(from_checkpoints, replayed);
}
