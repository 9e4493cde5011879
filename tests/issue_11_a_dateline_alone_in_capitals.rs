//! Issue 11, session 35, from gva_dev's misses: a station's page put its
//! dateline on a line of its own, a city in capitals and an en dash
//! ("ANCHORAGE –"), or a hyphen with no space ("STOCKTON-"). Cleaning
//! dropped such a line as a page's navigation crumb (three words or
//! fewer, no comma, no em dash), and the dateline reader knew a dateline
//! alone only with its state after it ("READING, Pa. -"). The Anchorage
//! story's main place became a hospital's name in its title. A city in
//! capitals alone before a dash is now kept and read as the dateline. The
//! reports are invented for this test.

use chrono::NaiveDate;

fn main_place_and_dateline(text: &str) -> (Option<String>, Option<String>) {
    let metadata = concord::report::Metadata::new();
    let extraction = concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title: None,
        url: None,
        outlet: None,
        published: NaiveDate::from_ymd_opt(2016, 12, 14),
        metadata: &metadata,
    });
    (
        extraction.main.place.map(|place| place.name),
        extraction.main.dateline.map(|place| place.name),
    )
}

const STORY: &str = "A man was shot outside a bar late Tuesday, police said. He died at \
    the hospital an hour later.";

#[test]
fn a_city_in_capitals_alone_before_a_dash_is_the_dateline() {
    for line in ["ANCHORAGE –", "ANCHORAGE -", "STOCKTON-", "DALLAS (AP) -"] {
        let city = line
            .split([' ', '-'])
            .next()
            .map(|word| {
                let mut letters = word.chars();
                let first = letters.next().unwrap_or(' ');
                first.to_string() + &letters.as_str().to_lowercase()
            })
            .unwrap_or_default();
        let text = format!("{line}\n\n{STORY}");
        assert_eq!(
            main_place_and_dateline(&text),
            (Some(city.clone()), Some(city)),
            "{line}"
        );
    }
}

#[test]
fn a_word_in_capitals_that_is_no_place_gives_no_dateline() {
    let text = format!("UPDATE -\n\n{STORY}");
    assert_eq!(main_place_and_dateline(&text).1, None);
}
