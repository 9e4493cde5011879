//! Issue 12 (and 11), session 21: four patterns of gva_dev's wrong days
//! and places, written as invented reports.
//! - A page stamped in numbers ("Updated: 01/26/2015 10:24 PM") and carried
//!   by a feed with the day it was crawled, two years on: its "Sunday" is
//!   the Sunday before the stamp. Month first or day first is read from the
//!   outlet's country, or from a number above 12; else the stamp is not read.
//! - "Police arrested a teenage gunman Wednesday night for the fatal
//!   shooting of ...": the gunman is who shot, and Wednesday is the
//!   arrest's day, not the shooting's.
//! - "A March 31 preliminary hearing is set", "will be held Thursday": a
//!   date still to come in a shooting report is no day of the shooting.
//! - "A drive-by shooting in Kent", then Seattle's police and a Seattle
//!   hospital: the town the shooting was in outweighs the big city named
//!   around it.

mod common;

use chrono::NaiveDate;
use concord::extract::{DatePrecision, Extraction, ExtractionInput, extract};
use concord::report::Metadata;

fn extract_from(text: &str, title: &str, published: &str, url: Option<&str>) -> Extraction {
    let metadata = Metadata::new();
    extract(ExtractionInput {
        report_id: "test",
        text,
        title: Some(title),
        url,
        outlet: None,
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        metadata: &metadata,
    })
}

fn main_day(extraction: &Extraction) -> (Option<NaiveDate>, DatePrecision) {
    let main = extraction.main.date.as_ref().expect("a main date");
    (main.date, main.precision)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

const BURNSIDE_STORY: &str = "Boy, 12, shot by his brother\n\nUpdated: STAMP 10:24 PM\n\n\
    A 12-year-old boy was shot in the chest Sunday afternoon at a home on Burnside Lane, \
    sheriff's deputies said. His 14-year-old brother had found a rifle in a closet. The boy \
    was flown to a hospital and is expected to live.";

/// The main day of the Burnside story stamped `stamp`, published (crawled)
/// on `published`, from the address `url`.
fn burnside_day(
    stamp: &str,
    published: &str,
    url: Option<&str>,
) -> (Option<NaiveDate>, DatePrecision) {
    let text = BURNSIDE_STORY.replace("STAMP", stamp);
    main_day(&extract_from(
        &text,
        "Boy, 12, shot by his brother",
        published,
        url,
    ))
}

#[test]
fn issue_12_a_stamp_in_numbers_dates_a_page_crawled_years_later() {
    // 2015-01-26 is a Monday; the feed says 2017-01-29 (a Sunday).
    assert_eq!(
        burnside_day("01/26/2015", "2017-01-29", None),
        (day(2015, 1, 25), DatePrecision::Day)
    );
}

#[test]
fn issue_12_an_ambiguous_stamp_in_numbers_is_read_the_outlets_way_or_not_at_all() {
    // 08/10/2014: August 10 (a Sunday) month first, 8 October (a
    // Wednesday) day first. With no outlet the stamp is not read, and
    // the Sunday is the one before the feed's day.
    assert_eq!(
        burnside_day("08/10/2014", "2016-03-02", None),
        (day(2016, 2, 28), DatePrecision::Day)
    );
    // A British outlet writes the day first: the stamp is 8 October 2014,
    // and the Sunday before it is 5 October.
    assert_eq!(
        burnside_day(
            "08/10/2014",
            "2016-03-02",
            Some("https://www.northshire-echo.co.uk/news/boy-shot"),
        ),
        (day(2014, 10, 5), DatePrecision::Day)
    );
}

#[test]
fn issue_12_a_stamp_after_the_feeds_day_changes_nothing() {
    // The Sunday before the feed's day: the stamp (an update) is later.
    assert_eq!(
        burnside_day("01/26/2015", "2015-01-20", None),
        (day(2015, 1, 18), DatePrecision::Day)
    );
}

#[test]
fn issue_12_the_day_a_gunman_was_arrested_is_not_the_shootings() {
    // Published Thursday 2017-04-06; the shooting was on Feb. 20.
    let extraction = extract_from(
        "Police arrested a teenage gunman Wednesday night for the fatal shooting of a \
         15-year-old boy on Garnet Street, officers said.\n\nDarnell Hewitt, 17, shot the boy \
         in the back near his home around 2:30 p.m. Feb. 20, police said. He is charged with \
         murder.",
        "Teen charged in Garnet Street killing",
        "2017-04-06",
        None,
    );
    assert_eq!(
        main_day(&extraction),
        (day(2017, 2, 20), DatePrecision::Day)
    );
}

#[test]
fn issue_11_the_town_a_shooting_was_in_outweighs_the_big_city_named_around_it() {
    let extraction = extract_from(
        "A 16-year-old girl was wounded in a drive-by shooting in Kent late Friday, police \
         said.\n\nThe girl was hit in the leg as she sat on a porch. Seattle police are helping \
         with the search for the car, and a Seattle hospital said on Saturday she was in stable \
         condition.",
        "Girl, 16, wounded in drive-by",
        "2016-05-14",
        None,
    );
    assert_eq!(
        extraction.main.place.as_ref().map(|p| p.name.as_str()),
        Some("Kent")
    );
}

#[test]
fn issue_12_a_court_date_still_to_come_is_not_the_shootings_day() {
    // Published Tuesday 2016-03-22; the shooting was Sunday 2016-03-20.
    // "March 31" resolves to a day before publication (a year back), but
    // the hearing is still to come.
    let extraction = extract_from(
        "A 16-year-old boy was charged as an adult with homicide after a man was shot dead in \
         an apartment on Orchard Row. A March 31 preliminary hearing is set, and the boy is \
         held without bail.\n\nPolice said several people saw the shooting Sunday night.",
        "Teen charged in Orchard Row killing",
        "2016-03-22",
        None,
    );
    assert_eq!(
        main_day(&extraction),
        (day(2016, 3, 20), DatePrecision::Day)
    );
    // A vigil still to come dates the vigil; the shooting keeps its day.
    let vigil = extract_from(
        "A vigil will be held Thursday for Omar Reyes, who was shot Sunday night outside a \
         corner store on Orchard Row, police said.",
        "Vigil planned for Orchard Row victim",
        "2016-03-22",
        None,
    );
    assert_eq!(main_day(&vigil), (day(2016, 3, 20), DatePrecision::Day));
}
