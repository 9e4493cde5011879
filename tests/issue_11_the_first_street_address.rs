//! Issue 11, session 35, from gva_dev's misses: local news gives the
//! shooting's street address ("in the 400 block of West 27th Street in
//! Newport News") and names other towns of the area around it, the
//! father's, the court's. The city after the address was one mention
//! among the others; a shooting word before "in" made a city the event's
//! place, an address did not. The report's first street address now
//! attaches the city after it to the event as a shooting word does. Only
//! the first: later addresses are where a suspect was arrested or a
//! warrant served. The reports are invented for this test.

use chrono::NaiveDate;

fn main_place(text: &str) -> Option<String> {
    let metadata = concord::report::Metadata::new();
    let extraction = concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title: None,
        url: None,
        outlet: None,
        published: NaiveDate::from_ymd_opt(2015, 12, 29),
        metadata: &metadata,
    });
    extraction.main.place.map(|place| place.name)
}

const BAIL_REFUSED: &str = "A judge on Tuesday refused bail for a Norfolk man whose young \
    daughter shot herself with his pistol on Saturday.\n\nDetectives said the 5-year-old found \
    the gun under a pillow.\n\nThe incident occurred at about 10 a.m. in the 700 block of Elm \
    Avenue in Newport News.\n\nThe girl is expected to recover.";

#[test]
fn the_city_after_the_first_street_address_is_the_shootings() {
    assert_eq!(main_place(BAIL_REFUSED).as_deref(), Some("Newport News"));
    // Without the address, the father's city, named first, stays.
    let no_address = BAIL_REFUSED.replace(
        "in the 700 block of Elm Avenue in Newport News",
        "at a house in Newport News",
    );
    assert_eq!(main_place(&no_address).as_deref(), Some("Norfolk"));
}

#[test]
fn a_later_address_where_a_warrant_was_served_is_not_the_shootings() {
    // Menifee is named twice, Perris once: the first address makes
    // Perris the shooting's; the warrant's address does not make Menifee.
    let text = "Officers were called on Saturday night to the 200 block of Main Street in \
        Perris, where a woman had been shot.\n\nShe was taken to a hospital. On Monday, \
        detectives served a search warrant at a home in the 900 block of Oak Road in Menifee \
        and found the car. Menifee deputies helped.";
    assert_eq!(main_place(text).as_deref(), Some("Perris"));
}
