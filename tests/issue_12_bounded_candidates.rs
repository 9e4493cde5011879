//! Issue 12, item 5 (candidates without a single key, each bounded): a feed
//! of notes that name neither a place nor a day once paired every note with
//! every other through the same-place key (all "unknown place", all "no
//! day"), so 6,000 such notes took minutes and gigabytes to cluster. Such
//! pairs now come only from the bounded keys. The notes are invented.

use concord::cluster::{ClusterConfig, ClusterState, ReportInput, candidate_key_counts};
use concord::extract::extract_report;
use concord::report::Report;

/// The longest list a key may pair (build.rs, `MAX_POSTING_LENGTH`).
const POSTING_BOUND: usize = 48;

fn undated_placeless_notes(count: usize) -> Vec<ReportInput> {
    (1..=count)
        .map(|n| {
            let report = Report::new(
                format!("note-{n}"),
                format!(
                    "Bakers at oven {n} stopped work before sunrise and about {} joined them by midday, their association said.",
                    n % 300 + 12
                ),
            );
            let extraction = extract_report(&report);
            ReportInput {
                digest: None,
                seq: n as u64,
                report,
                extraction,
            }
        })
        .collect()
}

#[test]
fn issue_12_undated_placeless_notes_are_not_all_paired_with_each_other() {
    let notes = undated_placeless_notes(400);
    let counts = candidate_key_counts(&notes);
    assert!(
        counts.union <= counts.mentions * POSTING_BOUND,
        "{} pairs for {} mentions",
        counts.union,
        counts.mentions
    );
    // Clustering them still ends, each note in exactly one incident.
    let mut state = ClusterState::new(ClusterConfig::default());
    state.add_reports(notes);
    let incidents = state.incidents();
    let mut members: Vec<&String> = incidents
        .iter()
        .flat_map(|incident| &incident.reports)
        .collect();
    members.sort();
    members.dedup();
    assert_eq!(members.len(), 400);
}

#[test]
fn issue_12_a_small_feed_of_placeless_notes_is_still_compared_pairwise() {
    // Below a posting's length, the same-place key still pairs them all.
    let notes = undated_placeless_notes(20);
    let counts = candidate_key_counts(&notes);
    assert!(counts.same_place_close_days >= 20 * 19 / 2, "{counts:?}");
}

/// `count` invented reports of shootings in `city`, published 2024-05-08
/// and each telling of "Tuesday" (2024-05-07).
fn shootings_in(city: &str, count: usize, first_seq: u64) -> Vec<ReportInput> {
    (0..count)
        .map(|n| {
            let mut report = Report::new(
                format!("{}-{n}", city.to_lowercase()),
                format!(
                    "A man of {} was shot on Tuesday outside house number {} on a quiet street in {city}, Illinois, police said.",
                    20 + n % 40,
                    100 + n
                ),
            );
            report.published = chrono::NaiveDate::from_ymd_opt(2024, 5, 8);
            let extraction = extract_report(&report);
            ReportInput {
                digest: None,
                seq: first_seq + n as u64,
                report,
                extraction,
            }
        })
        .collect()
}

#[test]
fn issue_12_a_suburb_and_its_city_are_compared_when_their_days_are_close() {
    // Evanston lies 20 km from Chicago's centre: its one report meets each
    // of Chicago's six of the same day through the nearby key.
    let mut reports = shootings_in("Chicago", 6, 1);
    reports.extend(shootings_in("Evanston", 1, 100));
    let counts = candidate_key_counts(&reports);
    assert_eq!(counts.nearby_place_close_days, 6, "{counts:?}");
    // Peoria is 210 km away: not near enough to be a key.
    let mut reports = shootings_in("Chicago", 6, 1);
    reports.extend(shootings_in("Peoria", 1, 100));
    assert_eq!(candidate_key_counts(&reports).nearby_place_close_days, 0);
}

#[test]
fn issue_12_a_suburb_is_not_paired_with_a_big_citys_every_report() {
    // More reports of the city in the days around than a posting holds:
    // the nearby key leaves the suburb's report to the other keys.
    let mut reports = shootings_in("Chicago", POSTING_BOUND + 1, 1);
    reports.extend(shootings_in("Evanston", 1, 1000));
    assert_eq!(candidate_key_counts(&reports).nearby_place_close_days, 0);
}
