//! Issue 12 (places compare through the gazetteer's hierarchy: "a city
//! with its region"), session 28. A report, or a coded row, placed only at
//! a state was compared with a city by distance alone: the state's point
//! against the city's. A town 240 km from the middle of Florida was "far
//! apart" from Florida, and the two were never even candidates (no key
//! paired a state with its cities). On gva_dev, the archive's rows whose
//! town the gazetteer lacks are placed at their state, and 74 articles
//! missed their row this way. Now a city against the region that holds it
//! weighs `place_city_in_its_region` (a little against: the state is
//! less precise, not contradicting), and the no-city key pairs a
//! region-only mention with the region's cities of close days.
//!
//! The reports are invented, in our own words.

mod cluster_common;

use cluster_common::*;
use concord::cluster::ReportInput;
use concord::extract::model::{EventKind, PlaceLevel, PlaceRef};
use concord::gazetteer::Gazetteer;

/// The first-level region of `country_code` named `name`.
fn region(name: &str, country_code: &str) -> PlaceRef {
    let gazetteer = Gazetteer::global();
    let index = gazetteer
        .lookup(name)
        .iter()
        .copied()
        .find(|&p| {
            let place = gazetteer.place(p);
            place.level == PlaceLevel::Region && place.country_code == country_code
        })
        .unwrap_or_else(|| panic!("no region {name} in {country_code}"));
    gazetteer.place_ref(index)
}

const TOWN_STORY: &str = "Two teenagers were wounded Saturday night when someone fired \
    into a crowd leaving a birthday party at the Brightwater community hall, deputies said. \
    Both were taken to a hospital with injuries that are not life-threatening.";

const STATE_STORY: &str = "Deputies are looking for whoever fired into a crowd leaving a \
    birthday party at a community hall on Saturday night, wounding two teenagers. Both are \
    expected to recover.";

/// The town's report: a shooting in Gainesville, Florida.
fn gainesville_shooting() -> ReportInput {
    report(1, "town")
        .kind(EventKind::Shooting)
        .published("2016-09-11")
        .headline("Two teens hurt in shooting after party")
        .text(TOWN_STORY)
        .main("Gainesville", "2016-09-10")
        .build()
}

fn shooting_somewhere_in(seq: u64, id: &str, text: &str, state: PlaceRef) -> ReportInput {
    report(seq, id)
        .kind(EventKind::Shooting)
        .published("2016-09-11")
        .headline("Two teens wounded outside party")
        .text(text)
        .main_at(state, "2016-09-10")
        .build()
}

#[test]
fn issue_12_a_city_against_the_state_that_holds_it_is_no_contradiction() {
    let town = gainesville_shooting();
    let state = shooting_somewhere_in(2, "state", STATE_STORY, region("Florida", "US"));
    assert_eq!(
        level_of(&town, &state, "place").as_deref(),
        Some("place_city_in_its_region")
    );
    assert!(same_incident(&[&town, &state], &["town", "state"]));
}

#[test]
fn issue_12_a_city_of_another_state_is_still_compared_by_distance() {
    let town = gainesville_shooting();
    let state = shooting_somewhere_in(2, "state", STATE_STORY, region("Ohio", "US"));
    assert_eq!(
        level_of(&town, &state, "place").as_deref(),
        Some("place_far_apart")
    );
}
