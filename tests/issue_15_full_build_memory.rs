//! Issues 12 and 15: a full build holds less at its peak. The replay
//! whose state is written once and dropped (`ingest` into a new database,
//! `rebuild`, a stale read model) sheds each block's content vectors and
//! headline words as soon as the block is clustered, clusters blocks a few
//! at a time, and writes the reports' rows without copying their entries
//! (docs/BENCHMARKS.md, "Memory of the full build"). None of that may
//! change a single byte of what is written: the read model of such a
//! build equals, key for key, that of an ordinary replay written with
//! `read_model::write`.
//!
//! The reports are the project's sample corpus (`events/`) and a synthetic
//! corpus (`concord synth`) spread over more months than one chunk of
//! blocks, both written by this project.

use std::path::Path;

use concord::cluster::ClusterState;
use concord::project::{AsOf, Projection, ProjectionSettings};
use concord::read_model;
use concord::report::Report;

mod common;

use common::{fresh_database, reports_under, store_reports};

fn check_build_to_write_equals_an_ordinary_write(reports: &[Report]) {
    let (_ordinary_directory, ordinary) = {
        let (directory, mut log) = fresh_database();
        store_reports(&mut log, reports);
        (directory, log)
    };
    let (_shedding_directory, shedding) = {
        let (directory, mut log) = fresh_database();
        store_reports(&mut log, reports);
        (directory, log)
    };
    let settings = ProjectionSettings::default();

    let projection =
        Projection::<ClusterState>::build(&ordinary, settings.clone(), &AsOf::Head).unwrap();
    read_model::write(&ordinary, &projection).unwrap();

    let projection = Projection::<ClusterState>::build_to_write(&shedding, settings).unwrap();
    read_model::write(&shedding, &projection).unwrap();

    common::assert_same_read_model(
        &common::read_model_contents(&shedding),
        &common::read_model_contents(&ordinary),
        "a build that sheds its scoring evidence",
    );
}

#[test]
fn issue_15_a_build_that_sheds_its_evidence_writes_what_a_replay_writes_on_the_sample_corpus() {
    let reports = reports_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("events"));
    check_build_to_write_equals_an_ordinary_write(&reports);
}

#[test]
fn issue_15_a_build_that_sheds_its_evidence_writes_what_a_replay_writes_over_many_months() {
    let (_directory, reports) = common::interleaved_synthetic_reports(1_200, 23);
    let months: std::collections::BTreeSet<String> = reports
        .iter()
        .filter_map(|report| report.published)
        .map(|day| day.format("%Y-%m").to_string())
        .collect();
    assert!(
        months.len() > 16,
        "the corpus spans {} months: too few to cluster its blocks in several chunks",
        months.len()
    );
    check_build_to_write_equals_an_ordinary_write(&reports);
}

#[test]
fn issue_15_the_ingest_of_a_new_database_writes_what_rebuild_writes() {
    // The CLI's two full builds (a first ingest, `rebuild`) both shed; the
    // views they answer must agree with each other and with a replay.
    let (_directory, reports) = common::interleaved_synthetic_reports(400, 29);
    let (_directory_a, mut log) = fresh_database();
    store_reports(&mut log, &reports);
    read_model::bring_up_to_date(&log, &ProjectionSettings::default()).unwrap();
    let brought = common::read_model_contents(&log);
    let projection =
        Projection::<ClusterState>::rebuild_to_write(&log, ProjectionSettings::default()).unwrap();
    read_model::write(&log, &projection).unwrap();
    common::assert_same_read_model(
        &common::read_model_contents(&log),
        &brought,
        "rebuild after a first build",
    );
}
