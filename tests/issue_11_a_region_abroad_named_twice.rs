//! Issue 11, session 34, from an lgl_dev miss: a Kansas City paper's
//! story about a fire in North Kansas City named the city's "Northland"
//! twice. Northland is also a region of New Zealand, and each mention
//! voted for New Zealand as the report's country, as often as the paper's
//! own address voted for the United States: the report was placed in New
//! Zealand and North Kansas City, a village that needs its country as
//! evidence, went unread. In a paper with a home, a region abroad now
//! votes once however often it is written; a note with no outlet still
//! counts each mention (there a region named again and again is where the
//! news is). The report is invented for this test.

use chrono::NaiveDate;

fn extract(text: &str, url: Option<&str>) -> concord::extract::Extraction {
    let metadata = concord::report::Metadata::new();
    concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title: None,
        url,
        outlet: None,
        published: NaiveDate::from_ymd_opt(2009, 3, 23),
        metadata: &metadata,
    })
}

const FIRE_IN_NORTH_KANSAS_CITY: &str = "Family gets out as fire spreads at Northland \
    apartments. A neighbour pounding on the door woke a family in their North Kansas City \
    apartment on Sunday as fire spread from the building next door. The father works \
    nights at a Northland warehouse. Crews from North Kansas City and Kansas City fought \
    the blaze for two hours.";

#[test]
fn a_region_abroad_named_twice_in_a_paper_with_a_home_votes_once() {
    let extraction = extract(
        FIRE_IN_NORTH_KANSAS_CITY,
        Some("https://www.kansascity.com/news/local/fire.html"),
    );
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(
        (main.name.as_str(), main.country_code.as_str()),
        ("North Kansas City", "US")
    );
    let north_kansas_city: Vec<Option<String>> = extraction
        .places
        .iter()
        .filter(|place| place.text == "North Kansas City")
        .map(|place| place.admin1.clone())
        .collect();
    assert_eq!(
        north_kansas_city,
        vec![Some("Missouri".to_string()), Some("Missouri".to_string())]
    );
}
