//! The five real seed documents ingested together with the synthetic
//! events/ corpus into one database: no incident may mix reports of two
//! different seeds (each seed is its own incident in the answer key), and
//! the seed-alone acceptance still holds beside 35 more reports about the
//! same days. Reads `../shared` beside the crate (skipping when absent, for
//! worktrees); skips with a note when neither exists.

use std::collections::BTreeSet;
mod common;

use std::path::{Path, PathBuf};

use common::shared_dir;

use concord::cluster::ClusterState;
use concord::extract::model::Metric;
use concord::incident::{Incident, IncidentLevel};
use concord::ingest::{IngestOptions, ingest};
use concord::input::InputDefaults;
use concord::log::SledLog;
use concord::project::{AsOf, Projection, ProjectionSettings};

fn seed_reports(incident: &Incident, seeds: &BTreeSet<String>) -> Vec<String> {
    incident
        .reports
        .iter()
        .filter(|report| seeds.contains(*report))
        .cloned()
        .collect()
}

/// Ingests the directories in order into a fresh database; returns the
/// ids of the reports of the first directory and every incident.
fn project(directories: &[PathBuf]) -> (BTreeSet<String>, Vec<Incident>) {
    let directory = tempfile::tempdir().expect("temporary directory");
    let mut log = SledLog::open(directory.path().join("store.db")).expect("open log");
    let defaults = InputDefaults::default();
    let options = IngestOptions::default();
    let mut first: BTreeSet<String> = BTreeSet::new();
    for (index, input) in directories.iter().enumerate() {
        let summary =
            ingest(&mut log, std::slice::from_ref(input), &defaults, &options).expect("ingest");
        assert!(
            !summary.new.is_empty(),
            "{} ingested nothing",
            input.display()
        );
        if index == 0 {
            first = summary.new.iter().map(|r| r.id.clone()).collect();
        }
    }
    let projection =
        Projection::<ClusterState>::build(&log, ProjectionSettings::default(), &AsOf::Head)
            .expect("projection");
    (first, projection.state().incidents)
}

fn seed_incident<'a>(
    incidents: &'a [Incident],
    seeds: &BTreeSet<String>,
    level: IncidentLevel,
    date: &str,
    place: &str,
) -> &'a Incident {
    incidents
        .iter()
        .find(|incident| {
            incident.level == level
                && incident.date == date
                && incident.place.name == place
                && !seed_reports(incident, seeds).is_empty()
        })
        .unwrap_or_else(|| panic!("a seed's {date} {place} incident"))
}

#[test]
fn seeds_stay_apart_and_keep_their_figures_beside_the_events_corpus() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: ../shared not found; skipping the seeds-with-events check");
        return;
    };
    let seeds_directory = shared.join("seeds");
    let events_directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("events");

    // The seeds alone: the acceptance figures.
    let (seeds, alone) = project(std::slice::from_ref(&seeds_directory));
    assert_eq!(seeds.len(), 5, "five seed documents: {seeds:?}");
    let almaty = seed_incident(
        &alone,
        &seeds,
        IncidentLevel::Incident,
        "2023-05-01",
        "Almaty",
    );
    let detained = &almaty.figures[&Metric::Detained];
    assert_eq!((detained.min, detained.max), (12, 20), "{}", almaty.id);
    let parent = seed_incident(
        &alone,
        &seeds,
        IncidentLevel::Parent,
        "2019-10-26",
        "Kazakhstan",
    );
    let detained = &parent.figures[&Metric::Detained];
    assert!(detained.min >= 37, "{}: min {}", parent.id, detained.min);
    let parts = detained.parts.as_ref().expect("a parts check");
    assert_eq!(
        parts.sum_of_part_mins, 39,
        "{}: {:?}",
        parent.id, parts.parts
    );

    // With events/ (35 more reports about the same days, with disagreeing
    // figures): no incident mixes two seeds, and each seed's incidents
    // keep its claims.
    let (seeds, together) = project(&[seeds_directory, events_directory]);
    for incident in &together {
        let mixed = seed_reports(incident, &seeds);
        assert!(
            mixed.len() <= 1,
            "{} mixes reports of different seeds: {mixed:?}",
            incident.id
        );
    }
    for seed_incident_alone in &alone {
        let Some(seed) = seed_reports(seed_incident_alone, &seeds).into_iter().next() else {
            continue;
        };
        let joined = together
            .iter()
            .find(|incident| {
                // A month-dated background mention may join a report that
                // gives the day ("2011-12" → "2011-12-16").
                incident.level == seed_incident_alone.level
                    && incident.date.starts_with(&seed_incident_alone.date)
                    && incident.place.name == seed_incident_alone.place.name
                    && incident.reports.contains(&seed)
            })
            .unwrap_or_else(|| panic!("{} lost its incident", seed_incident_alone.id));
        for (metric, figures) in &seed_incident_alone.figures {
            let claims = joined.figures.get(metric).map(|f| &f.claims);
            for claim in &figures.claims {
                assert!(
                    claims.is_some_and(|claims| claims.contains(claim)),
                    "{}: the seed's claim {:?} is missing",
                    joined.id,
                    claim.quote
                );
            }
        }
    }
    // Almaty 2023-05-01: the events' figures (a dozen, around 20) lie
    // within the seed's, so the bounds stay 12..20.
    let almaty = seed_incident(
        &together,
        &seeds,
        IncidentLevel::Incident,
        "2023-05-01",
        "Almaty",
    );
    let detained = &almaty.figures[&Metric::Detained];
    assert_eq!((detained.min, detained.max), (12, 20), "{}", almaty.id);
}
