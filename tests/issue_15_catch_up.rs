//! Issue 15: a read model a few ingested reports behind the log is brought
//! to the head by clustering again only the blocks the new reports fall in
//! (`read_model::catch_up`), and what it then holds is, key for key, what a
//! full replay writes. Two logs receive the same events: one is caught up
//! after every batch, the other written afresh from a replay; their read
//! models must be equal but for the generation number.
//!
//! The reports are the project's sample corpus (`events/`) and a synthetic
//! corpus of 1,500 reports (`concord synth`), both written by this project.

use std::path::Path;

use concord::cluster::{ClusterConfig, ClusterState};
use concord::log::{EventLog, EventPayload, SledLog};
use concord::project::{AsOf, Projection, ProjectionSettings};
use concord::read_model::{self, Freshness};
use concord::report::Report;
use concord::views::{self, IncidentsOptions, ReportsOptions};

mod common;

use common::{fresh_database, moment, reports_under, store_reports as store};

/// Feeds `batches` to two logs; after each, catches one up and replays the
/// other, and compares. Returns how many batches were caught up.
fn check_catch_up_equals_a_replay(batches: &[&[Report]]) -> usize {
    let mut twins = Twins::new();
    let mut caught_up = 0;
    for (step, batch) in batches.iter().enumerate() {
        twins.each(|log| store(log, batch));
        match twins.compare(&format!("step {step}")) {
            Freshness::CaughtUp(done) => {
                assert_eq!(done.position, twins.caught.len());
                assert_eq!(done.events, batch.len() as u64);
                caught_up += 1;
            }
            Freshness::Brought { .. } => {}
            Freshness::Current => panic!("step {step}: new reports left the read model current"),
        }
    }
    // And the views read from it answer as a replay does.
    let caught = &twins.caught;
    for json in [false, true] {
        assert_eq!(
            views_at(caught, AsOf::Head, json),
            common::replaying(caught, || views_at(caught, AsOf::Seq(caught.len()), json))
        );
    }
    caught_up
}

#[test]
fn issue_15_catch_up_of_the_sample_corpus_equals_a_replay_key_for_key() {
    let reports = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    // One at a time after a first batch, then pairs: every report joins a
    // read model that holds some of its incident's other reports.
    let mut batches: Vec<&[Report]> = vec![&reports[..6]];
    let mut at = 6;
    let mut size = 1;
    while at < reports.len() {
        let end = (at + size).min(reports.len());
        batches.push(&reports[at..end]);
        at = end;
        size = if size == 1 { 2 } else { 1 };
    }
    let caught_up = check_catch_up_equals_a_replay(&batches);
    assert_eq!(
        caught_up,
        batches.len() - 1,
        "every batch after the first is caught up, not replayed"
    );
}

#[test]
fn issue_15_catch_up_of_a_synthetic_corpus_equals_a_replay_key_for_key() {
    let (_directory, reports) = common::interleaved_synthetic_reports(1_500, 5);
    let batches: Vec<&[Report]> = vec![
        &reports[..1_000],
        &reports[1_000..1_001],
        &reports[1_001..1_011],
        &reports[1_011..1_200],
        &reports[1_200..1_201],
        &reports[1_201..],
    ];
    let caught_up = check_catch_up_equals_a_replay(&batches);
    assert_eq!(caught_up, batches.len() - 1);
}

/// Two logs fed the same events: `caught` is caught up after each step,
/// `replayed` written afresh from a replay; their read models must match.
struct Twins {
    _directories: (tempfile::TempDir, tempfile::TempDir),
    caught: SledLog,
    replayed: SledLog,
}

impl Twins {
    fn new() -> Twins {
        let (first, caught) = fresh_database();
        let (second, replayed) = fresh_database();
        Twins {
            _directories: (first, second),
            caught,
            replayed,
        }
    }

    fn each(&mut self, mut append: impl FnMut(&mut SledLog)) {
        append(&mut self.caught);
        append(&mut self.replayed);
        assert_eq!(self.caught.len(), self.replayed.len());
    }

    /// Brings both up to date and compares; returns what the catch-up did.
    fn compare(&mut self, step: &str) -> Freshness {
        let settings = ProjectionSettings::default();
        let freshness = read_model::bring_up_to_date(&self.caught, &settings).unwrap();
        let projection =
            Projection::<ClusterState>::build(&self.replayed, settings, &AsOf::Head).unwrap();
        read_model::write(&self.replayed, &projection).unwrap();
        let ours = common::read_model_contents(&self.caught);
        let expected = common::read_model_contents(&self.replayed);
        common::assert_same_read_model(
            &ours,
            &expected,
            &format!("{step}: the caught-up read model"),
        );
        freshness
    }
}

#[test]
fn issue_15_decisions_and_corrections_are_caught_up_key_for_key() {
    let reports = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    let mut twins = Twins::new();
    twins.each(|log| store(log, &reports[..14]));
    twins.compare("first ingest");
    let caught = |freshness: Freshness, step: &str| {
        assert!(
            matches!(freshness, Freshness::CaughtUp(_)),
            "{step} is caught up, not replayed: {freshness:?}"
        );
    };

    let (a, b) = (reports[1].id.clone(), reports[9].id.clone());
    twins.each(|log| {
        views::link(log, &a, &b, "one rally, says the analyst", moment(900)).unwrap();
    });
    caught(twins.compare("a link"), "a link");

    let retracted = reports[4].id.clone();
    twins.each(|log| {
        views::retract(log, &retracted, "the outlet withdrew it", moment(901)).unwrap();
    });
    caught(twins.compare("a retraction"), "a retraction");

    // A split of an incident of two or more reports.
    let incident = common::an_incident_of_two_reports(&twins.caught);
    twins.each(|log| {
        views::split(
            log,
            &ClusterConfig::default(),
            &incident.id,
            &incident.reports[0],
            "another day",
            moment(902),
        )
        .unwrap();
    });
    let after = Projection::<ClusterState>::build(
        &twins.caught,
        ProjectionSettings::default(),
        &AsOf::Head,
    )
    .unwrap()
    .state();
    assert_ne!(
        after.incident(&incident.id).map(|now| &now.reports),
        Some(&incident.reports),
        "the split changes {}",
        incident.id
    );
    caught(twins.compare("a split"), "a split");

    // A correction: the corrected report stays a member without figures.
    let corrected = reports[6].clone();
    let mut correction = corrected.clone();
    correction.id = format!("{}-corrected", corrected.id);
    correction.text = correction.text.replace(" more than ", " at least ");
    correction
        .text
        .push_str("\n\nCorrection: an earlier version misstated a figure.");
    twins.each(|log| {
        log.append(
            vec![EventPayload::ReportCorrected {
                supersedes: corrected.id.clone(),
                report: correction.clone(),
            }],
            moment(903),
        )
        .unwrap();
    });
    caught(twins.compare("a correction"), "a correction");

    // Reports, a retraction of one of them and a link, in one batch.
    let batch: Vec<Report> = reports[14..20].to_vec();
    let (first_new, other) = (batch[0].id.clone(), reports[2].id.clone());
    twins.each(|log| {
        let mut events: Vec<EventPayload> = batch
            .iter()
            .map(|report| EventPayload::ReportIngested {
                report: report.clone(),
            })
            .collect();
        events.push(EventPayload::ReportRetracted {
            report: batch[1].id.clone(),
            reason: "a duplicate page".to_string(),
        });
        events.push(EventPayload::ReportsLinked {
            a: first_new.clone(),
            b: other.clone(),
            reason: "the same day".to_string(),
        });
        log.append(events, moment(904)).unwrap();
    });
    caught(twins.compare("a mixed batch"), "a mixed batch");

    // A model estimate weighs every pair: replayed.
    let model = concord::cluster::MatchModel::built_in();
    twins.each(|log| {
        log.append(
            vec![EventPayload::MatchModelEstimated {
                model: Box::new(model.clone()),
                reason: "re-estimated".to_string(),
            }],
            moment(905),
        )
        .unwrap();
    });
    assert!(matches!(
        twins.compare("a model"),
        Freshness::Brought { .. }
    ));
    twins.each(|log| store(log, &reports[20..]));
    caught(
        twins.compare("reports after the model"),
        "reports after the model",
    );
}

// ---------------------------------------------------------- crash test

use std::time::Duration;

const CHILD_DIRECTORY_VARIABLE: &str = "CONCORD_CATCH_UP_CRASH_CHILD";
const CHILD_TEST_NAME: &str = "catch_up_crash_child_ingests_until_killed";

/// The child: stores one more report and catches the read model up, again
/// and again, until killed. Skipped (passes at once) as an ordinary test.
#[test]
fn catch_up_crash_child_ingests_until_killed() {
    let Ok(directory) = std::env::var(CHILD_DIRECTORY_VARIABLE) else {
        return;
    };
    let pool = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    let mut log = SledLog::open(std::path::PathBuf::from(directory)).unwrap();
    let settings = ProjectionSettings::default();
    read_model::bring_up_to_date(&log, &settings).unwrap();
    println!("READY");
    loop {
        let n = log.len() as usize;
        let mut report = pool[n % pool.len()].clone();
        // Another id and another text: the log stores a text only once.
        report.id = format!("{}-again-{n}", report.id);
        report
            .text
            .push_str(&format!("\n\nFiled again as copy {n}."));
        store(&mut log, &[report]);
        // A checkpoint every other event: kills land in catch-ups that
        // open one, and in catch-ups that add to one.
        let freshness =
            read_model::bring_up_to_date_checkpointing_every(&log, &settings, 2).unwrap();
        println!("CAUGHT {}", matches!(freshness, Freshness::CaughtUp(_)));
    }
}

/// `incidents` and `reports` at `as_of`, as JSON or as tables.
fn views_at(log: &SledLog, as_of: AsOf, json: bool) -> (Vec<u8>, Vec<u8>) {
    let mut incidents = Vec::new();
    let options = IncidentsOptions {
        as_of: as_of.clone(),
        cluster: ClusterConfig::default(),
        json,
    };
    views::incidents_command(log, &options, &mut incidents).unwrap();
    let mut reports = Vec::new();
    let options = ReportsOptions {
        as_of,
        cluster: ClusterConfig::default(),
        json,
    };
    views::reports_command(log, &options, &mut reports).unwrap();
    (incidents, reports)
}

fn replayed_views(log: &SledLog) -> (Vec<u8>, Vec<u8>) {
    common::replaying(log, || views_at(log, AsOf::Seq(log.len()), true))
}

/// A catch-up killed at any point leaves the read model it started from
/// (behind, so the next view catches up) or the one it wrote, whole.
#[test]
fn issue_15_a_kill_mid_catch_up_never_leaves_a_half_written_read_model() {
    let rounds: u64 = std::env::var("CONCORD_CATCH_UP_CRASH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(30);
    let seed = common::crash_seed("CONCORD_CATCH_UP_CRASH_SEED");
    println!("crash seed {seed}");
    let mut random = seed;
    let directory = tempfile::tempdir().unwrap();
    let database = directory.path().join("db");
    {
        let pool = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
        let mut log = SledLog::open(&database).unwrap();
        store(&mut log, &pool[..12]);
    }
    let settings = ProjectionSettings::default();
    let (mut caught, mut current_after_kill, mut behind_after_kill) = (0u64, 0u64, 0u64);
    let mut checkpoints_checked = 0u64;
    for round in 0..rounds {
        // Every other round starts the clock once the child has caught up
        // once, so that catch-ups complete however slow the build (a debug
        // build's catch-up can outlast every delay); the kill then lands at
        // a random point of a later one.
        let start = if round % 2 == 0 {
            "READY"
        } else {
            "CAUGHT true"
        };
        let delay = common::next_random(&mut random) % 250;
        let lines = common::run_child_then_kill(
            CHILD_TEST_NAME,
            CHILD_DIRECTORY_VARIABLE,
            &database,
            start,
            Duration::from_millis(delay),
        );
        caught += u64::from(start != "READY")
            + lines
                .iter()
                .filter(|line| line.contains("CAUGHT true"))
                .count() as u64;

        let log = SledLog::open(&database).unwrap();
        assert!(
            log.verify().unwrap().problems.is_empty(),
            "round {round}: the log verifies"
        );
        if let Some(read_model) = read_model::open_current(&log, &settings).unwrap() {
            current_after_kill += 1;
            let expected = replayed_views(&log);
            // Current, yet not written by a replay: a catch-up's batch.
            let (incidents, reports) = common::read_model_lines(&read_model);
            assert_eq!(
                incidents.into_bytes(),
                expected.0,
                "round {round} (seed {seed}, delay {delay} ms): incidents"
            );
            assert_eq!(
                reports.into_bytes(),
                expected.1,
                "round {round} (seed {seed}, delay {delay} ms): reports"
            );
        } else {
            behind_after_kill += 1;
        }
        // Behind or not, the views then answer as a replay does.
        read_model::bring_up_to_date(&log, &settings).unwrap();
        assert_eq!(
            views_at(&log, AsOf::Head, true),
            replayed_views(&log),
            "round {round} (seed {seed}): the views"
        );
        // And the past: each catch-up's pre-images came in its own batch,
        // so every checkpoint still undoes to what a replay says there.
        let checkpoints = read_model::checkpoint_positions(&log).unwrap();
        if let Some(&first) = checkpoints.first() {
            let earlier = first + common::next_random(&mut random) % (log.len() - first + 1);
            assert!(
                read_model::past(&log, &settings, earlier)
                    .unwrap()
                    .is_some()
            );
            assert_eq!(
                views_at(&log, AsOf::Seq(earlier), true),
                common::replaying(&log, || views_at(&log, AsOf::Seq(earlier), true)),
                "round {round} (seed {seed}): the views as of event {earlier}"
            );
            checkpoints_checked += 1;
        }
    }
    println!(
        "{rounds} kills, {caught} catch-ups completed, read models current after {current_after_kill} kills, behind after {behind_after_kill}"
    );
    assert!(caught > 0, "the child caught the read model up");
    assert!(
        checkpoints_checked > 0,
        "a view of the past answered from a checkpoint"
    );
}

// ------------------------------------------------------- through the CLI

/// `concord ingest` of a few more files into a store catches its read
/// models up, and the views then answer as a replay of the log does.
#[test]
fn issue_15_cli_ingest_catches_up_and_views_answer_as_a_replay() {
    let files = common::sample_corpus_files();
    let directory = tempfile::tempdir().unwrap();
    let db = directory.path().join("db");
    let (first, rest) = files.split_at(files.len() / 2);
    common::concord(&db)
        .arg("ingest")
        .args(first)
        .assert()
        .success();
    let generation = |db: &Path| {
        let log = SledLog::open(db).unwrap();
        // Current after every ingest: nothing is left for a view to do.
        read_model::open_current(&log, &ProjectionSettings::default())
            .unwrap()
            .expect("the read models reflect the head")
            .stamp()
            .generation
    };
    let written = generation(&db);
    for file in rest.iter().take(4) {
        common::concord(&db)
            .arg("ingest")
            .arg(file)
            .assert()
            .success();
        // Caught up in place: a replay would have written a new generation.
        assert_eq!(
            generation(&db),
            written,
            "after ingesting {}",
            file.display()
        );
    }
    let log = SledLog::open(&db).unwrap();
    let head = log.len();
    drop(log);
    for view in [["incidents", "--json"], ["reports", "--json"]] {
        let at_head = common::concord(&db).args(view).output().unwrap();
        let replayed = common::concord(&db)
            .args(view)
            .args(["--as-of", &head.to_string()])
            .output()
            .unwrap();
        assert!(at_head.status.success());
        assert!(
            at_head.stderr.is_empty(),
            "no note: the read models were current ({})",
            String::from_utf8_lossy(&at_head.stderr)
        );
        assert_eq!(
            String::from_utf8(at_head.stdout).unwrap(),
            String::from_utf8(replayed.stdout).unwrap()
        );
    }
}
