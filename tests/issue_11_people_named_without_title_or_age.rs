//! Issue 11 (and the names issue 12 asks clustering to weigh), session 29.
//! On gva_dev a person was found only with a title ("Sgt. Ana Ruiz"), an
//! age ("Marcus Reed, 24,") or a surname of Central Asian form: 1,172 of
//! 3,540 articles named anybody. A mother and her fiancé named in passing
//! were nobody, and a surname that is also a town ("Andrews", Texas) could
//! be read as the town. A capitalised pair whose first word is a given name
//! of the 1990 US census and whose last is a census surname (or a word too
//! rare in English to be anything else) is now a person: 2,550 articles
//! name somebody. What is no person stays none: a team after "the", a
//! university named after a man, a street, a county, a newspaper.
//!
//! The sentences are invented, in our own words.

mod common;

use chrono::NaiveDate;

fn people_of(text: &str) -> Vec<String> {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 5, 2))
        .people
        .iter()
        .map(|person| person.name.clone())
        .collect()
}

/// `expected` are found; `absent` are not (as a person or inside one).
fn check(text: &str, expected: &[&str], absent: &[&str]) {
    let people = people_of(text);
    for name in expected {
        assert!(
            people.iter().any(|p| p == name),
            "{name} in {text:?}: {people:?}"
        );
    }
    for name in absent {
        assert!(
            !people.iter().any(|p| p.contains(name)),
            "no {name} in {text:?}: {people:?}"
        );
    }
}

#[test]
fn issue_11_a_given_name_and_a_surname_are_a_person() {
    check(
        "Rochelle Dunmore and her partner, Terrence Akinyemi, stayed at the hospital with their \
         boy after the bullet came through the kitchen window.",
        &["Rochelle Dunmore", "Terrence Akinyemi"],
        &[],
    );
    // A surname that is a common English word is a surname after a given
    // name ("Brown", "Young").
    check(
        "Neighbours said Keisha Brown heard four shots before midnight.",
        &["Keisha Brown"],
        &[],
    );
}

#[test]
fn issue_11_a_title_before_the_given_name_is_not_part_of_the_name() {
    check(
        "Coroner Don Whitlock said the man died at the scene.",
        &["Don Whitlock"],
        &["Coroner"],
    );
    check(
        "Police identified the driver as Derrick Hale Tuesday.",
        &["Derrick Hale"],
        &["Tuesday"],
    );
}

#[test]
fn issue_11_names_of_places_teams_and_papers_are_no_person() {
    check(
        "Traffic on Jefferson Davis Parkway was stopped near Lafayette Parish offices.",
        &[],
        &["Jefferson", "Lafayette"],
    );
    check(
        "She hopes to enrol at Sam Houston State University in the autumn.",
        &[],
        &["Houston"],
    );
    check(
        "Volunteers from The Alexandria Comets filled sandbags all weekend.",
        &[],
        &["Alexandria"],
    );
    check(
        "Her first job was at the Augusta Herald, where she covered the courts.",
        &[],
        &["Augusta"],
    );
    check(
        "The fair opened at the Walker County Fairgrounds on Friday.",
        &[],
        &["Walker"],
    );
    check("He was buried at St. Paul Cemetery.", &[], &["Paul"]);
    // A state's name and an everyday word: a company.
    check(
        "Crews from Georgia Power restored the lines by noon.",
        &[],
        &["Georgia"],
    );
}

#[test]
fn issue_11_a_surname_that_is_a_town_is_the_person_not_the_town() {
    let extraction = common::extract_text(
        "A five-year-old was wounded in Beaumont on Sunday night. His father, Marcus \
         Andrews, said the boy was asleep. Andrews asked for privacy.",
        None,
        NaiveDate::from_ymd_opt(2016, 5, 2),
    );
    let place_names: Vec<&str> = extraction.places.iter().map(|p| p.text.as_str()).collect();
    assert!(!place_names.contains(&"Andrews"), "{place_names:?}");
    assert_eq!(
        extraction.main.place.as_ref().map(|p| p.name.as_str()),
        Some("Beaumont")
    );
}

#[test]
fn issue_11_a_city_before_an_office_and_its_holder_stays_the_city() {
    // A city before a title and a name was read as the person's given
    // name once the surname was a known person's.
    let extraction = common::extract_text(
        "Indianapolis Mayor Dana Whitcombe said the city would pay for the cleanup. \
         Whitcombe spoke on Monday.",
        None,
        NaiveDate::from_ymd_opt(2016, 5, 2),
    );
    let place_names: Vec<&str> = extraction.places.iter().map(|p| p.text.as_str()).collect();
    assert!(place_names.contains(&"Indianapolis"), "{place_names:?}");
    let people: Vec<&str> = extraction.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, ["Dana Whitcombe"]);
}

/// Session 30: given names younger or rarer than the 1990 census's list
/// ("Jaquarius", "Daneisha") before a census surname that is also a town
/// ("Montgomery", "Williams"): the pair is a person, and the surname no
/// longer the report's town.
#[test]
fn issue_11_a_rare_given_name_before_a_census_surname_is_a_person() {
    let text = "Jaquarius Montgomery was wounded when shots were fired at a car in Flint, \
                Michigan. Daneisha Williams was hit in the arm.";
    check(text, &["Jaquarius Montgomery", "Daneisha Williams"], &[]);
    let extraction = common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 5, 2));
    let towns: Vec<&str> = extraction
        .places
        .iter()
        .map(|place| place.text.as_str())
        .collect();
    assert!(
        !towns.contains(&"Montgomery") && !towns.contains(&"Williams"),
        "{towns:?}"
    );
    // Two words that are a town's name together stay the town.
    check(
        "Police in Pico Rivera said two men were hurt.",
        &[],
        &["Pico"],
    );
}
