//! Issue 11, session 39: a report that names a person in full ("his
//! brother Joshua Cooper") and later by the given name alone ("that future
//! was taken from Joshua on Friday") read the lone given name as a town of
//! that name (Joshua, Texas), which then became a Memphis story's main
//! place. A one-word town under 100,000 people that the report writes as
//! the given name of a person it names (a census given name before a
//! census surname) is now the person wherever it stands alone, unless the
//! report writes it with its state, as its dateline, or after "in",
//! "near" or "outside" (as for a surname: "at" takes people as often,
//! "shot at Joshua"). A first word that opens no person's name ("Alvin
//! ISD", a school district) leaves the town as it was.
//!
//! The reports are invented, in our own words.

mod common;

use chrono::NaiveDate;

fn run(text: &str) -> concord::extract::Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 6, 25))
}

fn place_names(extraction: &concord::extract::Extraction) -> Vec<&str> {
    extraction
        .places
        .iter()
        .filter_map(|p| p.name.as_deref())
        .collect()
}

#[test]
fn issue_11_a_given_name_alone_is_the_person_it_opens() {
    let report = "MEMPHIS, Tenn. - A 19-year-old man was shot and killed on Friday night. \
                  His sister said she and her brother Joshua Reed were very close. \
                  \"Everything was taken from Joshua that night,\" she said.";
    let extraction = run(report);
    assert!(
        !place_names(&extraction).contains(&"Joshua"),
        "{:#?}",
        extraction.places
    );
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(main.name, "Memphis");
}

#[test]
fn issue_11_a_given_name_after_a_word_of_place_is_still_the_town() {
    // "in Joshua": the report puts a place there, whoever else is named so.
    let report = "Deputies said Joshua Reed, 19, was wounded on Friday. The shooting happened \
                  in Joshua, Texas, south of Fort Worth.";
    let extraction = run(report);
    assert!(
        place_names(&extraction).contains(&"Joshua"),
        "{:#?}",
        extraction.places
    );
}

#[test]
fn issue_11_a_town_before_a_word_that_is_no_surname_stays_the_town() {
    // "Alvin ISD" is a school district, not a person called Alvin: the
    // town it is named after is still read where the name stands alone.
    let report = "A 15-year-old boy was shot and killed early Sunday, Alvin police said. \
                  He was a student at Alvin ISD, and friends gathered on Monday in his memory.";
    let extraction = run(report);
    assert!(
        place_names(&extraction).contains(&"Alvin"),
        "{:#?}",
        extraction.places
    );
}
