//! Issue 11, session 33: a name that only small towns bear as their own
//! is theirs, not a bigger town's of the same country that bore it once or
//! bears it as a nickname (lgl_dev: a Missouri paper's "Rogersville" read
//! as Rogers Park, Chicago, whose GeoNames entry keeps "Rogersville" among
//! its alternate names). Another country's city of that alternate name
//! stays its reading: there the name is often the English one. Each
//! pattern in an invented report written for this test.

mod common;

use chrono::NaiveDate;

fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2012, 3, 1)
}

/// Every place written `text` resolves to `name` in `country_code` (and
/// `admin1`, when given), and there is at least one.
fn check(report: &str, text: &str, resolution: (&str, &str, Option<&str>)) {
    let extraction = common::extract_text(report, None, published());
    let found = common::assert_places_written_resolve_to(&extraction, report, text, resolution);
    assert!(found > 0, "{text}: {:#?}", extraction.places);
}

#[test]
fn a_small_towns_own_name_is_not_a_citys_old_name() {
    check(
        "A barn fire near Rogersville kept crews busy for six hours on Tuesday, \
         Missouri fire officials said.",
        "Rogersville",
        ("Rogersville", "US", Some("Missouri")),
    );
    // "Marthasville" was Atlanta's first name; today it is a Missouri town.
    check(
        "A bridge in Marthasville will close for repairs on Monday, \
         a Warren County, Missouri, official said.",
        "Marthasville",
        ("Marthasville", "US", Some("Missouri")),
    );
}

#[test]
fn with_nothing_for_the_small_town_the_name_stays_unresolved() {
    // Nothing says which Rogersville: the report abstains rather than put
    // the fire in a Chicago neighbourhood.
    let report = "A barn fire near Rogersville kept crews busy for six hours on Tuesday.";
    let extraction = common::extract_text(report, None, published());
    for place in common::places_written(&extraction, report, "Rogersville") {
        assert_eq!(place.geonames_id, None, "{place:#?}");
    }
    assert!(extraction.main.place.is_none(), "{:#?}", extraction.main);
}

#[test]
fn another_countrys_city_keeps_its_english_name() {
    // Seville, Florida and Seville, Ohio are villages; "Seville" is also
    // the English name of Sevilla.
    check(
        "Dock workers in Seville walked out on Monday and about 2,000 of them \
         marched to the port, their union said.",
        "Seville",
        ("Sevilla", "ES", None),
    );
}
