//! Issue 11, session 27: a county whose name holds a possessive ("Prince
//! George's County", "St. Mary's County", "Queen Anne's County") was not
//! read as a county: a possessive word ended the county's run of words,
//! so "Prince George's" was left to the gazetteer, which found the city
//! of Prince George in British Columbia, and the report's whole context
//! leaned to Canada (on gva_dev, a Maryland shooting placed abroad). A
//! possessive right before the county word now stays in the name when the
//! county table knows that name; elsewhere it still ends the run.
//!
//! The reports are invented, in our own words.

mod common;

use chrono::NaiveDate;

fn run(text: &str) -> concord::extract::Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 6, 25))
}

/// (text, name, state, level) of every resolved place.
fn places(extraction: &concord::extract::Extraction) -> Vec<(String, String, String, String)> {
    extraction
        .places
        .iter()
        .map(|p| {
            (
                p.text.clone(),
                p.name.clone().unwrap_or_default(),
                p.admin1.clone().unwrap_or_default(),
                format!("{:?}", p.level).to_lowercase(),
            )
        })
        .collect()
}

#[test]
fn issue_11_a_county_named_with_a_possessive_is_that_county() {
    for apostrophe in ["'", "’"] {
        let text = format!(
            "A paramedic was shot and wounded Friday in Prince George{apostrophe}s County while \
             answering a call at a house in Temple Hills, officials said."
        );
        let extraction = run(&text);
        let found = places(&extraction);
        let county = format!("Prince George{apostrophe}s County");
        assert!(
            found.iter().any(|(t, _, state, level)| *t == county
                && state == "Maryland"
                && level.contains("county")),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(_, name, _, _)| name != "Prince George"),
            "{found:?}"
        );
        let main = extraction.main.place.as_ref().expect("a main place");
        assert_eq!(main.name, "Temple Hills", "{found:?}");
    }
}

#[test]
fn issue_11_a_possessive_before_a_county_word_that_names_no_county_still_ends_the_run() {
    // No county is called "Officer Lane's County": the words stay what
    // they were, and no county is invented.
    let extraction = run(
        "Officer Lane's County Road patrol found the car abandoned near Frederick, Maryland, \
         on Friday.",
    );
    let found = places(&extraction);
    assert!(
        found
            .iter()
            .all(|(_, _, _, level)| !level.contains("county")),
        "{found:?}"
    );
}
