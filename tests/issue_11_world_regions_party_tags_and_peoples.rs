//! Issue 11, session 19: place names lgl_dev marks that the `places` list
//! missed, each pattern in an invented report written for this test:
//! continents and other world regions ("Europe", "the EU", "European
//! diplomats"); a legislator's party tag ("D-Pa.", "R-W. Va.", a state
//! legislator's "D-Braxton"); a word of direction or area before a name
//! ("North Texas", "Metro Vancouver") but not before an organisation's
//! name; a region's people ("Ohioans", "West Virginian"); "W. Va." with its
//! space; a capital that speaks for its government ("Tbilisi says");
//! "L.A."; a county's possessive ("Warren County's Deerfield Township").

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;
use concord::extract::model::{FoundPlace, FoundPlaceLevel, PlaceNameRole};

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2009, 4, 2))
}

/// The one place quoted as `text` resolves to `name` at `level`, in
/// `country_code` when one is given.
fn check(
    report: &str,
    extraction: &Extraction,
    text: &str,
    (name, level, country_code): (&str, FoundPlaceLevel, Option<&str>),
) -> FoundPlace {
    let found = common::places_written(extraction, report, text);
    assert_eq!(found.len(), 1, "{text}: {:#?}", extraction.places);
    let place = found[0].clone();
    assert_eq!(place.name.as_deref(), Some(name), "{place:#?}");
    assert_eq!(place.level, level, "{place:#?}");
    assert_eq!(place.country_code.as_deref(), country_code, "{place:#?}");
    place
}

#[test]
fn continents_and_world_regions_are_listed_without_a_country() {
    let report = "Cargo flights from Europe will cross North America after the treaty, \
                  European diplomats said on Tuesday. The EU and Jordan signed a trade \
                  pact, and an EU-Jordan summit is planned for the Middle East in June.";
    let extraction = run(report);
    let europe = check(
        report,
        &extraction,
        "Europe",
        ("Europe", FoundPlaceLevel::WorldRegion, None),
    );
    assert_eq!(europe.geonames_id, Some(6_255_148));
    assert!(europe.lat.is_some() && europe.lon.is_some(), "{europe:#?}");
    check(
        report,
        &extraction,
        "North America",
        ("North America", FoundPlaceLevel::WorldRegion, None),
    );
    let european = check(
        report,
        &extraction,
        "European",
        ("Europe", FoundPlaceLevel::WorldRegion, None),
    );
    assert_eq!(european.role, PlaceNameRole::Demonym);
    // "The EU" and the "EU" of "EU-Jordan": one region with no point in
    // concord's data, listed without one rather than with a guess.
    let eu = common::places_written(&extraction, report, "EU");
    assert_eq!(eu.len(), 2, "{:#?}", extraction.places);
    for place in eu {
        assert_eq!(place.name.as_deref(), Some("European Union"));
        assert_eq!((place.lat, place.geonames_id), (None, None));
    }
    check(
        report,
        &extraction,
        "Middle East",
        ("Middle East", FoundPlaceLevel::WorldRegion, None),
    );
    // A world region is never the report's main place: Jordan is.
    let main = extraction.main.place.as_ref();
    assert_eq!(main.map(|p| p.name.as_str()), Some("Jordan"));
}

#[test]
fn a_world_region_before_another_capitalised_word_is_no_place() {
    // "Asia" is also a Philippine village: a title that starts with a
    // continent's name must not bring it in.
    let report = "Asia Pacific trade ministers met in Auckland on Monday.";
    let extraction = run(report);
    assert!(
        extraction
            .places
            .iter()
            .all(|p| p.country_code.as_deref() != Some("PH") && !p.text.starts_with("Asia")),
        "{:#?}",
        extraction.places
    );
}

#[test]
fn a_legislators_party_tag_names_a_state_or_a_home_county() {
    let report = "Sen. Ada Brooks, D-Pa., and Rep. Lou Vance, R-W. Va., asked for the \
                  audit, and Sen. Ray Holt, D-S.C., agreed.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Pa.",
        ("Pennsylvania", FoundPlaceLevel::Region, Some("US")),
    );
    let west_virginia = check(
        report,
        &extraction,
        "W. Va.",
        ("West Virginia", FoundPlaceLevel::Region, Some("US")),
    );
    assert!(west_virginia.evidence.contains(&"party_tag".to_string()));
    check(
        report,
        &extraction,
        "S.C.",
        ("South Carolina", FoundPlaceLevel::Region, Some("US")),
    );

    // A state legislator's tag names a home county of the report's state.
    let report = "CHARLESTON, W.Va. -- The House passed the bill on Friday. Delegate \
                  Mae Ortiz, D-Braxton, said the vote in Morgantown would follow.";
    let extraction = run(report);
    let braxton = check(
        report,
        &extraction,
        "Braxton",
        ("Braxton", FoundPlaceLevel::County, Some("US")),
    );
    assert_eq!(braxton.admin1.as_deref(), Some("West Virginia"));
}

#[test]
fn a_word_of_direction_before_a_name_is_part_of_that_place() {
    // "North" alone is a South Carolina town, which used to take the
    // name after it for a person's or an organisation's.
    let report = "Hail the size of golf balls fell across North Texas on Sunday.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Texas",
        ("Texas", FoundPlaceLevel::Region, Some("US")),
    );
    let report = "Metro Vancouver officials said the Fraser had crested, and British \
                  Columbia sent pumps to the delta.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Vancouver",
        ("Vancouver", FoundPlaceLevel::City, Some("CA")),
    );
}

#[test]
fn a_word_of_direction_before_an_organisations_name_stays_with_it() {
    // "Mat-Su" is also an alternate name of Matsue, Japan: read alone out of
    // "Central Mat-Su Fire Department" it would move an Alaskan fire there.
    let report = "A fire gutted a church in Wasilla, Alaska, late Friday, said the chief \
                  of the Central Mat-Su Fire Department.";
    let extraction = run(report);
    assert!(
        extraction
            .places
            .iter()
            .all(|p| p.country_code.as_deref() != Some("JP")),
        "{:#?}",
        extraction.places
    );
}

#[test]
fn a_regions_people_name_the_region() {
    let report = "Ohioans crossed the river to shop, a West Virginian trader said, while \
                  Dagestani police closed the road near Makhachkala.";
    let extraction = run(report);
    let ohioans = check(
        report,
        &extraction,
        "Ohioans",
        ("Ohio", FoundPlaceLevel::Region, Some("US")),
    );
    assert_eq!(ohioans.role, PlaceNameRole::Demonym);
    check(
        report,
        &extraction,
        "West Virginian",
        ("West Virginia", FoundPlaceLevel::Region, Some("US")),
    );
    check(
        report,
        &extraction,
        "Dagestani",
        ("Dagestan", FoundPlaceLevel::Region, Some("RU")),
    );
}

#[test]
fn a_state_abbreviation_with_a_space_after_its_first_letter() {
    let report = "The suspect, 39, of Wood County, W. Va., is held in Parkersburg, W. Va., \
                  on a parole violation.";
    let extraction = run(report);
    let written = common::places_written(&extraction, report, "W. Va.");
    assert_eq!(written.len(), 2, "{:#?}", extraction.places);
    for place in written {
        assert_eq!(place.name.as_deref(), Some("West Virginia"));
    }
    let parkersburg = check(
        report,
        &extraction,
        "Parkersburg",
        ("Parkersburg", FoundPlaceLevel::City, Some("US")),
    );
    assert_eq!(parkersburg.admin1.as_deref(), Some("West Virginia"));
}

#[test]
fn a_capital_that_says_something_is_its_government_not_a_person() {
    let report = "Georgian troops moved north on Friday. Tbilisi says the separatists fired \
                  first.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "Tbilisi",
        ("Tbilisi", FoundPlaceLevel::City, Some("GE")),
    );
}

#[test]
fn la_and_a_countys_possessive() {
    let report = "Growers in South L.A. opened a market on Saturday.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "L.A.",
        ("Los Angeles", FoundPlaceLevel::City, Some("US")),
    );

    let report = "A couple died at their home in Warren County's Deerfield Township, \
                  outside Cincinnati, Ohio.";
    let extraction = run(report);
    let county = common::places_written(&extraction, report, "Warren County");
    assert_eq!(county.len(), 1, "{:#?}", extraction.places);
    assert_eq!(county[0].level, FoundPlaceLevel::County);
    assert_eq!(county[0].admin1.as_deref(), Some("Ohio"));
}

#[test]
fn a_demonym_does_not_hide_a_place_whose_name_it_starts() {
    // "British" alone is the United Kingdom's people; "British Columbia" is
    // a Canadian province, and "Indian Wells" a Californian city.
    let report = "A tennis fan was hurt in a crash in Indian Wells, California, on Sunday.";
    let extraction = run(report);
    // (GeoNames gives "Indian Wells" as an alternate name of its neighbour
    // Indio: which of the two is the gazetteer's business.)
    let wells = common::places_written(&extraction, report, "Indian Wells");
    assert_eq!(wells.len(), 1, "{:#?}", extraction.places);
    assert_eq!(wells[0].level, FoundPlaceLevel::City);
    assert_eq!(wells[0].admin1.as_deref(), Some("California"));
    let report = "Wildfires forced evacuations across British Columbia on Monday.";
    let extraction = run(report);
    check(
        report,
        &extraction,
        "British Columbia",
        ("British Columbia", FoundPlaceLevel::Region, Some("CA")),
    );
    assert!(
        extraction
            .places
            .iter()
            .all(|p| p.country_code.as_deref() != Some("GB")),
        "{:#?}",
        extraction.places
    );
}

#[test]
fn a_big_citys_name_with_a_namesake_near_the_outlet_is_the_namesake() {
    // A Columbus paper's "Dublin" is the suburb of Columbus, not the Irish
    // capital, though nothing in the text says Ohio.
    let report = "Dublin will buy four new storm sirens this spring. Dublin City Council \
                  approved the purchase on Monday, and the sirens will stand near the \
                  library and the recreation center, the city manager said.";
    let metadata = concord::report::Metadata::new();
    let extraction = concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "issue-11-session-19-outlet",
        text: report,
        title: None,
        url: Some("https://www.columbusherald.com/news/dublin-sirens"),
        outlet: None,
        published: NaiveDate::from_ymd_opt(2009, 4, 2),
        metadata: &metadata,
    });
    let dublin = common::places_written(&extraction, report, "Dublin");
    assert_eq!(dublin.len(), 1, "{:#?}", extraction.places);
    assert_eq!(
        dublin[0].country_code.as_deref(),
        Some("US"),
        "{:#?}",
        dublin[0]
    );
    assert_eq!(
        dublin[0].admin1.as_deref(),
        Some("Ohio"),
        "{:#?}",
        dublin[0]
    );
}
