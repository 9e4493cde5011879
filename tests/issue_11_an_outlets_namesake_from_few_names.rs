//! Issue 11, session 32: which city of its name a small-town paper's
//! address means, when the report says little (lgl_dev: a Gainesville,
//! Texas paper read as Gainesville, Florida; a Columbus, Nebraska paper as
//! Columbus, Ohio; an Athens, Texas paper as Athens, Greece). Each pattern
//! in an invented report written for this test.

mod common;

use chrono::NaiveDate;
use concord::extract::{Extraction, ExtractionInput, extract};

fn run_with_address(text: &str, url: &str) -> Extraction {
    let metadata = concord::report::Metadata::new();
    extract(ExtractionInput {
        report_id: "issue-11-session-32",
        text,
        title: None,
        url: Some(url),
        outlet: None,
        published: NaiveDate::from_ymd_opt(2010, 6, 14),
        metadata: &metadata,
    })
}

/// Every place written `text` resolves to `name` in `country_code` (and
/// `admin1`, when given), and there is at least one.
fn check(
    report: &str,
    extraction: &Extraction,
    text: &str,
    resolution: (&str, &str, Option<&str>),
) {
    let found = common::assert_places_written_resolve_to(extraction, report, text, resolution);
    assert!(found > 0, "{text}: {:#?}", extraction.places);
}

#[test]
fn one_county_of_one_state_says_which_namesake_the_outlet_is() {
    // Cooke County is in Texas only; Gainesville, Florida is nine times
    // the size of Gainesville, Texas, but one name of the report's own is
    // enough against a domain that gives only a name.
    let report = "Girls from Cooke County may enter the rodeo queen contest until \
                  Friday. The rodeo opens at the Gainesville fairgrounds in July.";
    let extraction = run_with_address(report, "http://www.gainesvilledaily.com/local/1");
    check(
        report,
        &extraction,
        "Gainesville",
        ("Gainesville", "US", Some("Texas")),
    );
}

#[test]
fn the_one_state_an_ambiguous_county_shares_with_the_outlets_city_is_its_home() {
    // Platte County lies in Missouri, Nebraska and Wyoming; a Columbus in
    // Ohio, Georgia, Indiana, Mississippi, Nebraska and more. Only
    // Nebraska has both.
    let report = "Deputies in Platte County searched a farm on Tuesday after a \
                  tractor was stolen. The owner said he bought it at an auction in \
                  Columbus last spring.";
    let extraction = run_with_address(report, "http://www.columbusdaily.com/news/2");
    check(
        report,
        &extraction,
        "Columbus",
        ("Columbus", "US", Some("Nebraska")),
    );
}

#[test]
fn one_american_county_says_the_outlets_city_is_american() {
    // Athens, Greece is the biggest Athens; Henderson County is a county
    // of several US states and of no other country.
    let report = "The Henderson County commissioners met on Monday to discuss the \
                  jail budget. Athens residents spoke for an hour.";
    let extraction = run_with_address(report, "http://www.athensdaily.com/news/3");
    let found = common::places_written(&extraction, report, "Athens");
    assert!(!found.is_empty(), "{:#?}", extraction.places);
    for place in found {
        assert_eq!(place.country_code.as_deref(), Some("US"), "{place:#?}");
    }
}
