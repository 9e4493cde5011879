//! Issue 11, session 33: an agency's name with a spot word inside ("Missouri
//! State Highway Patrol", "Brooklyn Center Police Department") was read as
//! one sub-place the gazetteer lacks, so the state or town at its head was
//! lost as evidence of where the report is (gva_dev and lgl_dev: 42 such
//! names, most "<State> Highway Patrol"). The head is now read as an
//! organisation's place. Each pattern in an invented report written for
//! this test.

mod common;

use chrono::NaiveDate;
use concord::extract::model::{FoundPlace, FoundPlaceLevel, PlaceNameRole};

fn places(report: &str) -> Vec<FoundPlace> {
    common::extract_text(report, None, NaiveDate::from_ymd_opt(2015, 8, 3)).places
}

/// The place written `text` is listed once at `level`, named `name`, in the
/// role `role`.
fn check(report: &str, text: &str, (level, name, role): (FoundPlaceLevel, &str, PlaceNameRole)) {
    let found = places(report);
    let written: Vec<&FoundPlace> = found.iter().filter(|p| p.text == text).collect();
    assert_eq!(written.len(), 1, "{text}: {found:#?}");
    let place = written[0];
    assert_eq!(
        (place.level, place.name.as_deref(), place.role),
        (level, Some(name), role),
        "{place:#?}"
    );
    assert_eq!(&report[place.span[0]..place.span[1]], text);
}

#[test]
fn a_state_at_the_head_of_its_highway_patrol_is_the_state() {
    let report = "Two drivers died in a crash near Rogersville on Saturday night, \
                  the Missouri State Highway Patrol said.";
    check(
        report,
        "Missouri",
        (
            FoundPlaceLevel::Region,
            "Missouri",
            PlaceNameRole::Organisation,
        ),
    );
    // And the state says which Rogersville.
    check(
        report,
        "Rogersville",
        (FoundPlaceLevel::City, "Rogersville", PlaceNameRole::Event),
    );
    let rogersville = places(report).into_iter().find(|p| p.text == "Rogersville");
    assert_eq!(rogersville.unwrap().admin1.as_deref(), Some("Missouri"));
    assert!(
        places(report).iter().all(|p| !p.text.ends_with("Patrol")),
        "no spot is called a patrol"
    );
}

#[test]
fn a_town_at_the_head_of_its_police_department_is_the_town() {
    check(
        "Officers of the Brooklyn Center Police Department found the car on Monday.",
        "Brooklyn Center",
        (
            FoundPlaceLevel::City,
            "Brooklyn Center",
            PlaceNameRole::Organisation,
        ),
    );
}

#[test]
fn a_spot_named_with_a_spot_word_is_still_a_spot() {
    check(
        "A man was shot near the Lincoln Park Zoo in Chicago on Tuesday.",
        "Lincoln Park Zoo",
        (
            FoundPlaceLevel::SubPlace,
            "Lincoln Park Zoo",
            PlaceNameRole::Event,
        ),
    );
}

#[test]
fn a_state_agencys_head_is_the_state_not_a_town_of_its_name() {
    // California is also a borough near Pittsburgh; before "Highway
    // Patrol" or "State" the name is the state's.
    check(
        "The linebacker, who played in Pittsburgh last season, was stopped on a \
         freeway on Sunday, according to the California Highway Patrol.",
        "California",
        (
            FoundPlaceLevel::Region,
            "California",
            PlaceNameRole::Organisation,
        ),
    );
    check(
        "A trooper from Pittsburgh said the Ohio State Highway Patrol closed \
         the road on Friday.",
        "Ohio",
        (FoundPlaceLevel::Region, "Ohio", PlaceNameRole::Organisation),
    );
}
