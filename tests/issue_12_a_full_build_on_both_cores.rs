//! Issues 12 and 15: a full build of a million reports in five minutes on
//! two cores. A replay extracts a window's reports a chunk at a time and
//! stages each chunk into clustering on a thread of its own while the next
//! chunk is extracted, and makes each report's digest and cache encoding
//! in the same parallel pass as its extraction (docs/BENCHMARKS.md, "The
//! full build on both cores"). None of that may show in the result: a
//! replay whose windows hold one report each (one chunk per window, staged
//! before the next is read) and one whose windows hold several chunks give
//! the same state, and the same read model.
//!
//! The reports are a synthetic corpus (`concord synth`) written by this
//! project.

use concord::cluster::ClusterState;
use concord::project::{AsOf, Projection, ProjectionSettings};
use concord::read_model;

mod common;

use common::{fresh_database, store_reports};

#[test]
fn issue_12_staging_a_chunk_while_the_next_is_extracted_changes_nothing() {
    // More than two chunks of 2,048 reports in one window.
    let (_corpus, reports) = common::interleaved_synthetic_reports(5_000, 31);
    let (_one_directory, mut one_at_a_time) = fresh_database();
    store_reports(&mut one_at_a_time, &reports);
    let (_overlapped_directory, mut overlapped) = fresh_database();
    store_reports(&mut overlapped, &reports);

    let windows_of_one = ProjectionSettings {
        replay_window: 1,
        ..ProjectionSettings::default()
    };
    let windows_of_many = ProjectionSettings::default();
    assert!(windows_of_many.replay_window > 4_096);

    let expected =
        Projection::<ClusterState>::build(&one_at_a_time, windows_of_one, &AsOf::Head).unwrap();
    let projection =
        Projection::<ClusterState>::build(&overlapped, windows_of_many, &AsOf::Head).unwrap();
    assert_eq!(
        projection.extraction_stats().computed,
        reports.len() as u64,
        "every report extracted once"
    );
    let state = projection.state();
    assert!(
        state.incidents.len() > 100,
        "{} incidents",
        state.incidents.len()
    );
    assert_eq!(state, expected.state());

    read_model::write(&one_at_a_time, &expected).unwrap();
    read_model::write(&overlapped, &projection).unwrap();
    common::assert_same_read_model(
        &common::read_model_contents(&overlapped),
        &common::read_model_contents(&one_at_a_time),
        "chunks staged while the next is extracted",
    );
}
