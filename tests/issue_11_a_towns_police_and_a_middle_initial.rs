//! Issue 11, session 34, from gva_dev's and lgl_dev's misses.
//!
//! A village's name needs more than the string: "in Neligh" with its
//! state named elsewhere in the report was enough, "Neligh Police Chief"
//! was not, though only a town has its own police, fire service or
//! council. A school or a university is no such evidence: they are named
//! after places they need not be in.
//!
//! A person written with a middle initial ("William B. Evans") was no
//! person at all: the capitalised run stopped at the initial's stop, so
//! "Evans" was read alone, as Evans, Georgia, whose state vote then moved
//! the report's Boston to Georgia; below, "Sheriff Mark A. Lancaster" in
//! a Riverside story had been Lancaster, California. Each pattern in an
//! invented report written for this test.

mod common;

use chrono::NaiveDate;

fn extract(report: &str) -> concord::extract::Extraction {
    common::extract_text(report, None, NaiveDate::from_ymd_opt(2016, 9, 6))
}

fn places_of(report: &str) -> Vec<(String, Option<String>, Option<String>)> {
    extract(report)
        .places
        .into_iter()
        .map(|place| (place.text, place.name, place.admin1))
        .collect()
}

fn check_places(report: &str, expected: &[(&str, &str, &str)]) {
    let expected: Vec<(String, Option<String>, Option<String>)> = expected
        .iter()
        .map(|(text, name, admin1)| {
            (
                text.to_string(),
                Some(name.to_string()),
                Some(admin1.to_string()),
            )
        })
        .collect();
    assert_eq!(places_of(report), expected, "{report}");
}

fn check_people(report: &str, expected: &[(&str, &str)]) {
    let people: Vec<(String, String)> = extract(report)
        .people
        .into_iter()
        .map(|person| (person.name, person.key))
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(name, key)| (name.to_string(), key.to_string()))
        .collect();
    assert_eq!(people, expected, "{report}");
}

#[test]
fn a_village_named_by_its_own_police_fire_service_or_council_is_that_village() {
    check_places(
        "A grain elevator worker was hurt Tuesday when a loader tipped over, \
         Neligh Police Chief Ann Marsh said. He was flown to a hospital in Omaha.",
        &[
            ("Neligh", "Neligh", "Nebraska"),
            ("Omaha", "Omaha", "Nebraska"),
        ],
    );
    check_places(
        "The Brownsboro fire department put out a barn fire Sunday night. \
         No one was hurt, a spokesman in Tyler said.",
        &[
            ("Brownsboro", "Brownsboro", "Texas"),
            ("Tyler", "Tyler", "Texas"),
        ],
    );
}

#[test]
fn a_university_named_after_a_village_is_no_evidence_of_it() {
    let places = places_of(
        "A grain elevator worker was hurt Tuesday when a loader tipped over. \
         He was flown to a hospital in Omaha, where he had studied at Neligh University.",
    );
    assert!(
        places.iter().all(|(text, _, _)| text != "Neligh"),
        "{places:?}"
    );
}

#[test]
fn a_person_with_a_middle_initial_is_a_person_keyed_without_it() {
    check_people(
        "Police Commissioner William B. Evans said the boy was expected to survive. \
         Evans said officers found six shell casings.",
        &[("William B. Evans", "wiliam evans")],
    );
    check_people(
        "Tamika R. Jones, 31, was charged with assault.",
        &[("Tamika R. Jones", "tamika jones")],
    );
    // "A" is a word of its own: the run stops before it, not at its stop.
    check_people(
        "The report was signed by Sheriff Mark A. Lancaster on Monday.",
        &[("Mark A. Lancaster", "mark lancaster")],
    );
    // The run goes on with the name of something else: an airport, not a
    // person.
    check_people(
        "The flight landed at John F. Kennedy International Airport on time.",
        &[],
    );
}

#[test]
fn a_surname_after_a_middle_initial_is_no_town() {
    let extraction = extract(
        "Deputies shoot man in Riverside\n\nA man was shot by deputies Saturday night in \
         Riverside, California, according to Sheriff Mark A. Lancaster. Lancaster said \
         the man had pointed a rifle at them.",
    );
    let places: Vec<&str> = extraction
        .places
        .iter()
        .map(|place| place.text.as_str())
        .collect();
    assert_eq!(
        places,
        vec!["Riverside", "Riverside", "California"],
        "{places:?}"
    );
    let people: Vec<&str> = extraction
        .people
        .iter()
        .map(|person| person.name.as_str())
        .collect();
    assert_eq!(people, vec!["Mark A. Lancaster"]);
}
