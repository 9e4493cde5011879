//! Issue 11, session 24: a sub-place whose own name begins with a place's
//! name ("Ohio State University", "Cottonport Fire Station") lies in that
//! place when the report gives it no better one. On lgl_dev such names
//! were put in whatever city the report named first, hundreds or
//! thousands of kilometres away. Each pattern is an invented report
//! written for this test; so are the counter-cases, where the report's
//! own city must stand: a park or a hall named after a person who is also
//! a town ("Madison Square Garden"), a street named after a town, and a
//! university of a state in a city of that state.

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;
use concord::extract::model::{FoundPlace, FoundPlaceLevel, PlaceNameRole};

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2011, 10, 6))
}

/// The sub-place quoted as `text` lies in `within` (a city or a region of
/// `country_code`), by the evidence `why` when one is given.
fn check(
    report: &str,
    extraction: &Extraction,
    text: &str,
    within: &str,
    country_code: &str,
    why: Option<&str>,
) -> FoundPlace {
    let found = common::places_written(extraction, report, text);
    assert_eq!(found.len(), 1, "{text}: {:#?}", extraction.places);
    let place = found[0].clone();
    assert_eq!(place.level, FoundPlaceLevel::SubPlace, "{place:#?}");
    assert_eq!(place.within.as_deref(), Some(within), "{place:#?}");
    assert_eq!(
        place.country_code.as_deref(),
        Some(country_code),
        "{place:#?}"
    );
    if let Some(why) = why {
        assert!(
            place.evidence.iter().any(|e| e == why),
            "{why} not in {place:#?}"
        );
    }
    assert!(place.lat.is_some() && place.lon.is_some(), "{place:#?}");
    place
}

#[test]
fn a_state_university_far_from_the_reports_city_lies_in_its_state() {
    let report = "Two researchers from Ohio State University spoke at a flood meeting in \
                  Tulsa, Oklahoma, on Tuesday, city officials said.";
    let extraction = run(report);
    let university = check(
        report,
        &extraction,
        "Ohio State University",
        "Ohio",
        "US",
        Some("named_after:Ohio"),
    );
    assert_eq!(
        university.admin1.as_deref(),
        Some("Ohio"),
        "{university:#?}"
    );
}

#[test]
fn a_state_university_in_a_city_of_that_state_stays_in_the_city() {
    let report = "Students at Ohio State University in Columbus, Ohio, marched to the \
                  statehouse on Tuesday to protest tuition increases.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Ohio State University",
        "Columbus",
        "US",
        None,
    );
}

#[test]
fn a_state_patrol_in_a_report_from_another_state_is_that_states() {
    // Since session 33 an agency's name is no sub-place
    // (tests/issue_11_an_agency_is_no_spot.rs): the state at its head is
    // listed as the organisation's place, still Florida, not North Dakota.
    let report = "A trucker from Williston, North Dakota, was stopped by the Florida \
                  Highway Patrol near the state line on Tuesday.";
    let extraction = run(report);
    assert!(
        common::places_written(&extraction, report, "Florida Highway Patrol").is_empty(),
        "{:#?}",
        extraction.places
    );
    let florida = common::places_written(&extraction, report, "Florida");
    assert_eq!(florida.len(), 1, "{:#?}", extraction.places);
    assert_eq!(
        (
            florida[0].level,
            florida[0].admin1.as_deref(),
            florida[0].role
        ),
        (
            FoundPlaceLevel::Region,
            Some("Florida"),
            PlaceNameRole::Organisation
        ),
        "{:#?}",
        florida[0]
    );
}

#[test]
fn a_towns_fire_station_in_a_report_that_names_no_city_is_in_that_town() {
    let report = "Crews from the Cottonport Fire Station put out a barn fire on Tuesday, \
                  the Louisiana fire marshal said.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Cottonport Fire Station",
        "Cottonport",
        "US",
        Some("named_after:Cottonport"),
    );
}

#[test]
fn a_towns_own_institution_near_the_reports_city_is_in_that_town() {
    let report = "Residents of St. George, Kansas, met at the Wamego Seniors Center on \
                  Tuesday to discuss the new bridge.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Wamego Seniors Center",
        "Wamego",
        "US",
        Some("named_after:Wamego"),
    );
}

#[test]
fn a_hall_named_after_a_person_stays_in_the_reports_city() {
    // Madison, New Jersey lies 40 km from Manhattan; the Garden is not
    // one of its institutions.
    let report = "Thousands of fans left Madison Square Garden in New York after the \
                  concert on Tuesday, police said.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Madison Square Garden",
        "New York City",
        "US",
        None,
    );
}

#[test]
fn a_street_named_after_a_town_stays_in_the_reports_city() {
    let report = "Police in Dayton, Ohio, closed Lebanon Street on Tuesday after a water \
                  main broke.";
    let extraction = run(report);
    let street = common::places_written(&extraction, report, "Lebanon Street");
    assert_eq!(street.len(), 1, "{:#?}", extraction.places);
    assert_eq!(
        street[0].within.as_deref(),
        Some("Dayton"),
        "{:#?}",
        street[0]
    );
}
