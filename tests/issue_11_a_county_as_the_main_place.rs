//! Issue 11, session 32: a report that names a county and no city was put
//! at the country ("United States") on gva_dev, though the county says
//! the state and often the town. Each pattern in an invented report
//! written for this test.

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;
use concord::extract::model::PlaceLevel;

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2015, 3, 9))
}

/// The main place is `name` at `level`.
fn check(text: &str, (name, level): (&str, PlaceLevel)) {
    let extraction = run(text);
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(main.name, name, "{text}: {:#?}", extraction.main);
    assert_eq!(main.level, level, "{text}: {:#?}", extraction.main);
}

#[test]
fn a_county_with_its_own_city_puts_the_report_in_that_city() {
    // Saginaw, Michigan lies in the middle of Saginaw County.
    check(
        "Two men were wounded by gunfire outside a party hall early Saturday, \
         Saginaw County sheriff's deputies said. Neither wound was life-threatening.",
        ("Saginaw", PlaceLevel::City),
    );
}

#[test]
fn a_county_whose_namesake_town_lies_elsewhere_gives_only_its_state() {
    // The town of Jackson, Missouri is some 450 km from Jackson County,
    // Missouri (Kansas City's county): the state, not the town.
    check(
        "A woman was shot in the arm during a dispute on Friday night, the \
         Jackson County, Missouri sheriff's office said.",
        ("Missouri", PlaceLevel::Region),
    );
}

#[test]
fn a_county_without_a_city_of_its_name_gives_its_state() {
    check(
        "A boy was shot with a hunting rifle near a retention pond on Sunday, \
         Harris County deputies said. He was flown to a hospital.",
        ("Texas", PlaceLevel::Region),
    );
}
