//! Issue 11, session 27: a person whose given name is a region's or a
//! state's ("Brittany Thomas, 21", "Georgia Mabire") was read as the
//! region: a region or a state never started a person's name, so
//! "Brittany" before "Thomas" became an organisation named after Brittany,
//! France, and pulled a New Orleans report's country abroad (gva_dev:
//! four reports placed in France by a "Brittany", three in Turkmenistan by
//! a "Mary"). A name that opens a person's name the report gives (its
//! people are read first) is now that person's given name, whatever
//! place shares it; a region before a name the report gives no person
//! ("Georgia Power") is read as before.
//!
//! The reports are invented, in our own words.

mod common;

use chrono::NaiveDate;

fn run(text: &str) -> concord::extract::Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 6, 25))
}

fn countries(extraction: &concord::extract::Extraction) -> Vec<String> {
    extraction
        .places
        .iter()
        .filter_map(|p| p.country_code.clone())
        .collect()
}

#[test]
fn issue_11_a_given_name_shared_with_a_region_is_the_person() {
    let extraction = run(
        "A jury convicted a man of manslaughter for a shootout in New Orleans last year. \
         Brittany Okafor, 21, was killed by the gunfire, and two others were wounded.",
    );
    assert!(
        countries(&extraction).iter().all(|code| code == "US"),
        "{:?}",
        extraction.places
    );
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(main.name, "New Orleans");
}

#[test]
fn issue_11_a_region_before_a_word_that_names_no_person_stays_a_place() {
    // No person of the report is called "Georgia Power": the name is
    // still read as a place (which Georgia is not this test's question).
    let extraction = run(
        "Crews from Georgia Power restored service in Macon on Saturday after a gunman shot \
         out a transformer, deputies said.",
    );
    assert!(
        extraction
            .places
            .iter()
            .any(|p| p.text == "Georgia" && p.geonames_id.is_some()),
        "{:?}",
        extraction.places
    );
}
