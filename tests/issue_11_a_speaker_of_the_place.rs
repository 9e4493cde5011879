//! Issue 11, session 33: a name right before "said" reads as a person
//! ("Kirby said"), but after "in", "from", "near", "outside" or "the city
//! of" it is the place its speakers are of ("police in Oakland said", "a
//! 20-year-old from Brampton said", "the city of Sevierville said"): those
//! names were lost on gva_dev, lgl_dev and mm_dev. "of" alone before the
//! name still reads as a person ("the attorney of Jackson said"). Each
//! pattern in an invented report written for this test.

mod common;

use chrono::NaiveDate;

fn places_of(report: &str) -> Vec<(String, Option<String>)> {
    common::extract_text(report, None, NaiveDate::from_ymd_opt(2016, 4, 2))
        .places
        .into_iter()
        .map(|place| (place.text, place.name))
        .collect()
}

fn check(report: &str, expected: &[(&str, &str)]) {
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(text, name)| (text.to_string(), Some(name.to_string())))
        .collect();
    assert_eq!(places_of(report), expected, "{report}");
}

#[test]
fn a_place_before_said_after_a_place_preposition_is_the_place() {
    check(
        "Police in Oakland said the man was shot twice in the back.",
        &[("Oakland", "Oakland")],
    );
    check(
        "\"We never gave up,\" the 20-year-old from Brampton said after the game.",
        &[("Brampton", "Brampton")],
    );
    check(
        "Deputies near Tulare said the driver fled on foot.",
        &[("Tulare", "Tulare")],
    );
    check(
        "A spokesman for the city of Sevierville said the pool would reopen.",
        &[("Sevierville", "Sevierville")],
    );
}

#[test]
fn a_name_before_said_after_of_or_alone_is_still_a_person() {
    check(
        "The attorney of Jackson said the charges would be fought.",
        &[],
    );
    check("Jackson said the charges would be fought.", &[]);
}
