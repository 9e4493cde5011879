//! Issue 11, session 35, from gva_dev's misses: a third of its articles
//! come from local television stations ("wsbtv.com", "ksla.com",
//! "katv.com"), whose call sign says where they are as surely as a
//! dateline does, yet concord read a call sign as "somewhere in the
//! United States". A story that named no city at all got the whole
//! country as its main place, and an "Albany" from a south Georgia station
//! was Albany, New York. The FCC's table of television stations now gives
//! each call sign its city of license (`data/us_broadcasters.tsv`). The
//! reports are invented for this test.

use chrono::NaiveDate;

fn extract(text: &str, url: &str, published: (i32, u32, u32)) -> concord::extract::Extraction {
    let metadata = concord::report::Metadata::new();
    concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text,
        title: None,
        url: Some(url),
        outlet: None,
        published: NaiveDate::from_ymd_opt(published.0, published.1, published.2),
        metadata: &metadata,
    })
}

/// The main place's name and its state's.
fn main_place(extraction: &concord::extract::Extraction) -> (String, Option<String>) {
    let gazetteer = concord::gazetteer::Gazetteer::global();
    let main = extraction.main.place.as_ref().expect("a main place");
    let state = gazetteer
        .by_geonames_id(main.geonames_id)
        .and_then(|index| gazetteer.region_of(index))
        .map(|region| gazetteer.place(region).name.clone());
    (main.name.clone(), state)
}

const SHOT_OUTSIDE_A_STORE: &str = "A man was shot late Tuesday outside a convenience store \
    in Albany, police said.\n\nOfficers found the 24-year-old in the parking lot with a wound \
    to his leg. He was taken to a hospital and is expected to recover.";

const HURT_AT_HOME: &str = "A 16-year-old boy was hurt Wednesday afternoon when a handgun \
    went off inside a home on Maple Ridge Road, police said.\n\nOfficers found him in the \
    kitchen with a wound to his arm. He was taken to a children's hospital in stable \
    condition.";

#[test]
fn a_town_of_several_states_is_the_one_in_the_stations_state() {
    // WALB is licensed to Albany, Georgia.
    let extraction = extract(
        SHOT_OUTSIDE_A_STORE,
        "http://www.walb.com/story/123/man-shot-outside-store",
        (2016, 5, 11),
    );
    assert_eq!(
        main_place(&extraction),
        ("Albany".to_string(), Some("Georgia".to_string()))
    );
}

#[test]
fn a_report_naming_no_city_is_the_stations_city() {
    // KATV is licensed to Little Rock, Arkansas.
    let extraction = extract(
        HURT_AT_HOME,
        "https://katv.com/news/local/teen-hurt-in-shooting",
        (2017, 2, 2),
    );
    assert_eq!(
        main_place(&extraction),
        ("Little Rock".to_string(), Some("Arkansas".to_string()))
    );
}

#[test]
fn an_unknown_call_sign_still_says_only_the_country() {
    // No station has this call sign: the country, and no city.
    let extraction = extract(
        HURT_AT_HOME,
        "https://kzxq.com/news/local/teen-hurt-in-shooting",
        (2017, 2, 2),
    );
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(main.name, "United States");
}

#[test]
fn every_station_row_names_a_city_of_the_shipped_gazetteer() {
    let gazetteer = concord::gazetteer::Gazetteer::global();
    let table = include_str!("../data/us_broadcasters.tsv");
    let mut rows = 0;
    for line in table.lines().filter(|line| !line.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let id: u32 = fields[1].parse().expect("a GeoNames id");
        let place = gazetteer
            .by_geonames_id(id)
            .map(|index| gazetteer.place(index))
            .unwrap_or_else(|| panic!("{line}: not in the gazetteer"));
        assert_eq!(place.country_code, "US", "{line}");
        assert_eq!(place.name, fields[2], "{line}");
        rows += 1;
    }
    assert!(rows > 1_500, "{rows} stations");
}

const SHOT_AT_THE_APARTMENTS: &str = "A man was shot Wednesday night at an apartment complex in \
    Woodbridge, police said.\n\nOfficers found the 30-year-old in a stairwell with a wound to \
    his chest. He was taken to Regional One in critical condition.\n\nNeighbours in Woodbridge \
    said they heard four shots. Memphis police have not named a suspect.";

#[test]
fn a_far_small_town_in_a_stations_report_naming_its_city_is_a_neighbourhood_of_that_city() {
    // WREG is licensed to Memphis. Its report names Woodbridge twice and
    // Memphis once (its police): Woodbridge, California, nothing else
    // supports, had been the main place, as the most named city; the
    // outlet's city named in the report is now the report's home.
    let extraction = extract(
        SHOT_AT_THE_APARTMENTS,
        "https://wreg.com/news/man-shot-at-apartments",
        (2016, 8, 4),
    );
    assert_eq!(
        main_place(&extraction),
        ("Memphis".to_string(), Some("Tennessee".to_string()))
    );
    // With its state written after it, the town is that state's.
    let qualified = SHOT_AT_THE_APARTMENTS.replacen("Woodbridge,", "Woodbridge, Va.,", 1);
    let extraction = extract(
        &qualified,
        "https://wreg.com/news/man-shot-at-apartments",
        (2016, 8, 4),
    );
    assert_eq!(
        main_place(&extraction),
        ("Woodbridge".to_string(), Some("Virginia".to_string()))
    );
}

const STRAY_BULLET: &str = "Lexington police say two men face charges in connection with the \
    death of 15-year-old Trinity Gay, who was struck by a stray bullet early Sunday outside a \
    restaurant on Broadway.\n\nTrinity Gay was a sophomore at a high school in the city. Police \
    say the men fired at each other in the parking lot.";

#[test]
fn a_persons_possessive_name_in_the_title_is_no_town() {
    // "Trinity Gay's Death": the body names Trinity Gay; the title's
    // "Trinity" had been Trinity, Florida, and the main place.
    let metadata = concord::report::Metadata::new();
    let extraction = concord::extract::extract(concord::extract::ExtractionInput {
        report_id: "test",
        text: STRAY_BULLET,
        title: Some("Two Men Charged In Connection To Trinity Gay's Death"),
        url: Some("https://www.lex18.com/news/two-charged"),
        outlet: None,
        published: NaiveDate::from_ymd_opt(2016, 10, 16),
        metadata: &metadata,
    });
    assert_eq!(
        main_place(&extraction),
        ("Lexington".to_string(), Some("Kentucky".to_string()))
    );
}
