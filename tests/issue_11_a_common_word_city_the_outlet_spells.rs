//! Issue 11, session 39: a city whose name is also an everyday word
//! ("Buffalo", "Billings", "Reading") needs evidence before a report's
//! "Buffalo" is the city, and the outlet's address was none: such names
//! were left out of the cities a domain may name, so a Buffalo paper's
//! "shot on Roosevelt Avenue in Buffalo" named no city at all and its
//! main place fell to the state. A domain that opens with such a name
//! ("buffalonews.com") is still no home by itself, but it is the evidence
//! that the word, written where a place goes ("in Buffalo", "Buffalo
//! police"), is that city.
//!
//! The reports are invented, in our own words.

use chrono::NaiveDate;

fn extract(text: &str, outlet: &str) -> concord::extract::Extraction {
    let metadata = concord::report::Metadata::new();
    concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title: Some("Teenager shot on the East Side"),
        url: None,
        outlet: Some(outlet),
        published: NaiveDate::from_ymd_opt(2017, 5, 9),
        metadata: &metadata,
    })
}

fn main_place(extraction: &concord::extract::Extraction) -> Option<(String, String)> {
    let place = extraction.main.place.as_ref()?;
    Some((place.name.clone(), place.country_code.clone()))
}

#[test]
fn issue_11_the_word_the_outlets_domain_spells_is_its_city() {
    let after_a_preposition = extract(
        "A 17-year-old was shot on Monday night on Roosevelt Avenue in Buffalo.",
        "buffalonews.com",
    );
    let found = after_a_preposition
        .places
        .iter()
        .find(|p| p.name.as_deref() == Some("Buffalo"))
        .expect("Buffalo among the places");
    assert_eq!(found.admin1.as_deref(), Some("New York"));
    assert_eq!(
        main_place(&after_a_preposition),
        Some(("Buffalo".to_string(), "US".to_string())),
        "{:#?}",
        after_a_preposition.places
    );
    let before_police = extract(
        "A 17-year-old was shot on Monday night. Anyone who saw it should call the \
         Buffalo Police tip line, a detective said.",
        "buffalonews.com",
    );
    assert_eq!(
        main_place(&before_police).map(|(name, _)| name),
        Some("Buffalo".to_string()),
        "{:#?}",
        before_police.places
    );
}

#[test]
fn issue_11_the_word_without_its_outlet_is_still_only_a_word() {
    // Another outlet, and nothing else pointing at the city: the word
    // stays a word.
    let elsewhere = extract(
        "A 17-year-old was shot on Monday night. Anyone who saw it should call the \
         Buffalo Police tip line, a detective said.",
        "example.com",
    );
    assert!(
        elsewhere
            .places
            .iter()
            .all(|p| p.name.as_deref() != Some("Buffalo")),
        "{:#?}",
        elsewhere.places
    );
}
