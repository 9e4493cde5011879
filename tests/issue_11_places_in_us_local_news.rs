//! Issue 11, session 6: places in US local news. Each case is an invented
//! report, written for this test, and the main place (or the resolution of
//! one place name) it must give: a dateline's state abbreviation picks the
//! city of that state, a name is no evidence for itself, the city a report
//! makes most of is its main place (not the country, not the hospital's
//! city), and the engine stays worldwide.

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;
use concord::extract::model::DatePrecision;

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 5, 10))
}

/// What a report must give: its main place's name and, when given, that
/// place's first-level region; names that must not be places.
struct Expected<'a> {
    main_place: &'a str,
    main_admin1: Option<&'a str>,
    not_places: &'a [&'a str],
}

fn check(text: &str, expected: Expected<'_>) {
    let extraction = run(text);
    let main = extraction.main.place.as_ref();
    assert_eq!(
        main.map(|p| p.name.as_str()),
        Some(expected.main_place),
        "main place; places: {:#?}",
        extraction.places
    );
    if let Some(admin1) = expected.main_admin1 {
        let found = extraction
            .places
            .iter()
            .find(|p| p.name.as_deref() == Some(expected.main_place))
            .and_then(|p| p.admin1.as_deref());
        assert_eq!(found, Some(admin1), "{:#?}", extraction.places);
    }
    for word in expected.not_places {
        assert!(
            extraction
                .places
                .iter()
                .all(|p| p.text.trim_end_matches("'s") != *word),
            "{word} must not be a place: {:#?}",
            extraction.places
        );
    }
}

#[test]
fn a_dateline_state_abbreviation_picks_the_city_of_that_state() {
    check(
        "SALINA, Kan. — A man was shot outside a bar early Sunday, police said. \
         He was taken to a hospital with wounds that were not life threatening.",
        Expected {
            main_place: "Salina",
            main_admin1: Some("Kansas"),
            not_places: &[],
        },
    );
}

#[test]
fn a_first_name_repeated_is_no_evidence_for_its_own_town() {
    check(
        "A woman was shot and killed Tuesday night in Houston, police said. \
         Neighbours said Kimberly had lived on the street for years. \
         Kimberly often walked her dog at dusk, and Kimberly knew everyone.",
        Expected {
            main_place: "Houston",
            main_admin1: Some("Texas"),
            not_places: &["Kimberly"],
        },
    );
}

#[test]
fn the_city_named_most_is_the_main_place_not_the_country() {
    check(
        "A gunman opened fire at a birthday party in Houston on Saturday, wounding four. \
         Houston police said the shooting followed an argument. \
         The shooting was the third in Houston this month. \
         A cousin of one victim flew in from Denver after the shooting.",
        Expected {
            main_place: "Houston",
            main_admin1: None,
            not_places: &[],
        },
    );
}

#[test]
fn the_suburb_of_the_story_wins_over_the_hospital_city() {
    check(
        "Two people were wounded in a shooting at a house party in Hayward late Friday. \
         Both were taken to a hospital in Oakland. \
         Hayward police said no arrests had been made, and Hayward officers \
         were still looking for the shooter.",
        Expected {
            main_place: "Hayward",
            main_admin1: Some("California"),
            not_places: &[],
        },
    );
}

#[test]
fn a_city_named_only_by_its_police_is_the_main_place() {
    check(
        "Memphis police are looking for the driver of a gray sedan after a man was \
         shot and killed on Grape Street on Saturday night.",
        Expected {
            main_place: "Memphis",
            main_admin1: Some("Tennessee"),
            not_places: &[],
        },
    );
}

#[test]
fn a_city_named_only_in_passing_beats_the_country() {
    check(
        "One man died after gunfire broke out near a gas station on Friday. \
         Officers in Louisville had been called to the same corner twice last year.",
        Expected {
            main_place: "Louisville",
            main_admin1: Some("Kentucky"),
            not_places: &[],
        },
    );
}

#[test]
fn a_report_from_abroad_stays_abroad() {
    check(
        "LAGOS, Nigeria — Thousands of market traders went on strike in Lagos on Monday \
         over new levies, and police said 12 people were arrested near the Lagos state \
         assembly.",
        Expected {
            main_place: "Lagos",
            main_admin1: None,
            not_places: &[],
        },
    );
}

#[test]
fn a_national_day_of_protest_is_still_the_countrys() {
    check(
        "ALMATY, Kazakhstan — Police detained about 40 people in Almaty on Sunday, and \
         15 more were held in Shymkent, as protests spread across the country.",
        Expected {
            main_place: "Kazakhstan",
            main_admin1: None,
            not_places: &[],
        },
    );
}

/// The point `extract --json` gives the place found at `text`, and its
/// evidence.
fn point_of(extraction: &Extraction, text: &str) -> ((f64, f64), Vec<String>) {
    let place = extraction
        .places
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("{text} not found: {:#?}", extraction.places));
    (
        (
            place.lat.expect("a point for the place"),
            place.lon.expect("a point for the place"),
        ),
        place.evidence.clone(),
    )
}

fn assert_near(got: (f64, f64), want: (f64, f64), km: f64) {
    let (la1, lo1, la2, lo2) = (
        got.0.to_radians(),
        got.1.to_radians(),
        want.0.to_radians(),
        want.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    let distance = 12_742.0 * h.sqrt().min(1.0).asin();
    assert!(distance <= km, "{got:?} is {distance:.0} km from {want:?}");
}

#[test]
fn a_county_named_in_another_states_paper_lies_in_its_own_state() {
    // A Georgia dateline would once have put a Minnesota county in
    // Georgia: the county table knows Pope County and Douglas County are
    // neighbours only in Minnesota (and the qualifier says so anyway).
    let extraction = run(
        "ATHENS, Ga. - A man from Pope County, Minn., was arrested on Sunday after a chase \
         that began near Glenwood. Deputies from Douglas County, Minn., joined the search.",
    );
    let (pope, evidence) = point_of(&extraction, "Pope County");
    assert_near(pope, (45.6, -95.4), 60.0);
    assert!(evidence.iter().any(|e| e == "county_table"), "{evidence:?}");
    let (douglas, _) = point_of(&extraction, "Douglas County");
    assert_near(douglas, (45.9, -95.5), 60.0);
}

#[test]
fn a_parish_whose_name_is_unique_gets_its_own_point_without_a_state() {
    let extraction = run(
        "Two men were hurt on Friday when a truck left the road in Rapides Parish, \
         deputies said.",
    );
    let (rapides, evidence) = point_of(&extraction, "Rapides Parish");
    assert_near(rapides, (31.2, -92.5), 60.0);
    assert!(
        evidence.iter().any(|e| e == "only_county_of_its_name"),
        "{evidence:?}"
    );
}

#[test]
fn counties_shared_by_several_states_agree_on_the_one_they_all_have() {
    // Clarke, Oconee and Madison counties exist together only in Georgia:
    // each votes a share for every state that has one, and the shares add
    // up there.
    let extraction = run(
        "Deputies in Clarke County and Oconee County were searching on Tuesday for a man \
         who fled a traffic stop. The sheriff of Madison County said roads were closed.",
    );
    for county in ["Clarke County", "Oconee County", "Madison County"] {
        let place = extraction
            .places
            .iter()
            .find(|p| p.text == county)
            .unwrap_or_else(|| panic!("{county}: {:#?}", extraction.places));
        assert_eq!(place.admin1.as_deref(), Some("Georgia"), "{place:#?}");
    }
}

#[test]
fn a_country_is_placed_where_geonames_puts_it_not_at_the_middle_of_its_cities() {
    // The middle of the United States' cities lies some 360 km from the
    // point GeoNames gives the country (Kansas), and Russia's thousands of
    // kilometres from its point in Siberia: answer keys built on GeoNames
    // count either as a miss.
    let extraction = run(
        "Officials in the United States and Russia traded accusations on Monday over \
         the arrest of a journalist.",
    );
    let (united_states, _) = point_of(&extraction, "United States");
    assert_near(united_states, (39.76, -98.5), 5.0);
    let (russia, _) = point_of(&extraction, "Russia");
    assert_near(russia, (60.0, 100.0), 5.0);
}

#[test]
fn a_dateline_under_a_teaser_line_still_gives_the_city() {
    // Saved local TV pages put a teaser sentence (often repeated) above the
    // dateline. The dateline on the third line names the city; the other
    // city mentioned, far away, must not turn the story into a country's.
    let extraction = run(
        "A family is asking for answers after Saturday's shooting.\n\n\
         A family is asking for answers after Saturday's shooting.\n\n\
         WINFIELD, KS (KXYZ) - Two men were shot Saturday night outside a \
         grocery store on Main Street, police said. One of them had moved to Winfield \
         from Denver last year, and the police chief said the shooting was not random.",
    );
    let dateline = extraction.main.dateline.as_ref().map(|d| d.name.as_str());
    assert_eq!(dateline, Some("Winfield"), "{:#?}", extraction.main);
    let place = extraction.main.place.as_ref().map(|p| p.name.as_str());
    assert_eq!(place, Some("Winfield"), "{:#?}", extraction.places);
}

#[test]
fn a_sentence_with_a_dash_under_the_first_line_is_no_dateline() {
    // Only a capitalised dateline with its state or outlet counts below
    // the first line: "Police said - ..." is a sentence.
    let extraction = run("Shots were fired on Friday night.\n\n\
         Police Chief Dana Moore - who spoke to reporters - said nobody was hurt in Topeka.");
    assert!(extraction.main.dateline.is_none(), "{:#?}", extraction.main);
}

#[test]
fn a_pages_posted_stamp_is_not_the_day_of_the_shooting() {
    // Saved pages open with "Posted: <weekday, date>" and "Updated:" lines;
    // the first prose line's date usually counts double, but a stamp is
    // the day the page was written.
    let extraction = run(
        "Posted: Tuesday, May 10, 2016 9:40 PM EDT Updated: Tuesday, May 10, 2016 10:02 PM EDT\n\n\
         A man was shot Saturday night outside a laundromat in Dothan, police said. \
         He was taken to a hospital and is expected to survive.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

#[test]
fn a_shooting_reports_day_is_the_shooting_not_the_death_that_followed() {
    // "was shot Saturday ... died early Monday": both sentences have event
    // words, and Monday is nearer the publication day, but the report is
    // about a shooting, and its day is the day of the shots.
    let extraction = run(
        "A 19-year-old man was shot about 9 p.m. Saturday outside a corner store in Dothan. \
         He died early Monday at Southeast Health, the coroner said.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

fn assert_main_day(extraction: &Extraction, expected: Option<NaiveDate>) {
    let day = extraction.main.date.as_ref().and_then(|d| d.date);
    assert_eq!(day, expected, "{:#?}", extraction.main);
}

#[test]
fn a_follow_up_is_about_the_shooting_it_names_by_its_date() {
    // An arrest weeks later: the lead tells the arrest's day (Monday, and
    // in the first prose line), but the article is about "the April 2
    // shooting death" it names, and that is the day it belongs to.
    let extraction = run(
        "Police arrested a 22-year-old Dothan man on Monday in the April 2 shooting death of \
         a convenience store clerk. Investigators said tips from the public led them to him. \
         He is being held without bond at the county jail.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 4, 2));
}

#[test]
fn a_sentence_written_twice_states_its_day_once() {
    // A photo caption repeated under the picture ("shot Saturday", from the
    // first story) must not outvote the date the follow-up gives its
    // shooting (session 13).
    let extraction = run("Dothan police announced a fourth arrest on Monday.\n\n\
         The suspect was booked in connection with the April 2 killing of a 17-year-old \
         outside an apartment on Elm Street.\n\n\
         The teen was shot Saturday outside the apartment. \
         The teen was shot Saturday outside the apartment.\n");
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 4, 2));
}

#[test]
fn a_possessive_day_names_the_event_too() {
    // "Saturday's fatal shooting" against the day a suspect was charged.
    let extraction = run(
        "Prosecutors on Tuesday charged a 30-year-old man with murder in Saturday's fatal \
         shooting outside a Dothan bowling alley. The victim, 41, died at the scene.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

#[test]
fn a_date_that_names_another_kind_of_event_gives_no_weight() {
    // A protest report recalling "the March 3 shooting": the rally is the
    // news, on its own day; the shooting's date is not the report's.
    let extraction = run(
        "Hundreds of people rallied outside Dothan city hall on Monday to demand answers about \
         the March 3 shooting of a teenager by an officer. Organizers said the rally was \
         peaceful and lasted two hours.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 9));
}

#[test]
fn an_updated_stamp_with_its_weekday_is_still_a_stamp() {
    // "Updated: Friday, May 6, 2016": the weekday and the comma stand
    // between the stamp word and the date; it is still the day the page
    // was written, not the shooting's. The prose states no day, so there
    // is no main date (clustering falls back to the publication day).
    let extraction = run(
        "Two hurt in Dothan shooting Posted: Monday, May 2, 2016 7:39 AM EST \
         Updated: Friday, May 6, 2016 9:02 AM EST\n\n\
         Two men were wounded in a shooting outside a Dothan nightclub, police said.",
    );
    assert_main_day(&extraction, None);
}

#[test]
fn a_court_appearance_is_not_the_day_of_the_shooting() {
    // The lead tells the arraignment's day; the shooting's is Saturday.
    let extraction = run(
        "Two teenagers were arraigned Monday in a shooting outside a Dothan skating rink. \
         Police said the pair opened fire on Saturday night after an argument, wounding \
         a 17-year-old. The victim remained in stable condition Monday afternoon.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

#[test]
fn issue_11_one_sentence_with_two_days_dates_the_shots_not_the_death() {
    // Both days sit in one sentence that names the shooting, and the later
    // one is nearer the publication day; the word right before each day
    // says whose day it is.
    let extraction = run(
        "A Dothan high school junior died Sunday after he was accidentally shot at a friend's \
         house on Friday, the county coroner said.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 6));
}

#[test]
fn issue_11_the_day_of_an_arrest_in_the_lead_is_not_the_day_of_the_shooting() {
    let extraction = run(
        "A 27-year-old man was arrested Monday, two days after a woman was shot in the leg \
         outside a Dothan apartment complex. Police said the two had argued on Saturday \
         evening before the shot was fired.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

#[test]
fn issue_11_a_follow_up_about_a_shooting_last_week_is_dated_that_week() {
    // Seen on gva_dev: the lede tells a charge's day (Monday), and says the
    // shooting itself was last week. The shooting's date is that week (its
    // Monday, week precision), not the day of the charge: a wrong day
    // would keep the article from the shooting's other reports.
    let extraction = run(
        "Prosecutors on Monday charged a Dothan man in connection with a shooting last week \
         that wounded two teenagers outside a gas station. He was booked into the county jail \
         on Monday afternoon.",
    );
    let main = extraction.main.date.as_ref().expect("a main date");
    assert_eq!(main.precision, DatePrecision::Week, "{main:#?}");
    assert_eq!(main.date, NaiveDate::from_ymd_opt(2016, 5, 2));
    assert_eq!(main.text, "last week");
}

#[test]
fn issue_11_a_day_tied_to_the_shooting_outranks_an_earlier_shooting_recalled_last_week() {
    // The lede recalls another shooting "last week"; today's news is a
    // shooting on Saturday, and its day says so.
    let extraction = run(
        "Two men were shot Saturday night outside a Dothan bar where a bouncer was shot last \
         week. Both were treated and released.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

#[test]
fn issue_11_a_protest_against_arrests_last_week_keeps_its_own_day() {
    // Outside shooting news the rule does not apply: a protest note recalls
    // what it protests ("the arrests last week") while reporting today's
    // march.
    let extraction = run(
        "Students marched through Almaty on Monday to protest the arrests last week of three \
         activists.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 9));
}

#[test]
fn issue_11_detained_on_its_day_is_a_protest_reports_own_event() {
    // Outside shooting news, "detained Saturday" is no follow-up: the
    // detentions are the event.
    let extraction = run(
        "Police in Almaty detained about 40 people on Saturday as they gathered for an \
         unsanctioned rally on the central square. Several were released on Monday.",
    );
    assert_main_day(&extraction, NaiveDate::from_ymd_opt(2016, 5, 7));
}

/// Session 16, from gva_dev: a victim's surname that is also a big city
/// abroad ("Kennedy", a district of Bogota) was read as that city wherever
/// it stood alone, outvoted the report's own country, and became the main
/// place of a Florida shooting whose city the report named twice.
#[test]
fn issue_11_a_surname_that_names_a_city_abroad_is_the_person() {
    check(
        "Four people were shot outside a Daytona Beach club on Saturday night, and \
         the gunman is still being sought, police said. \
         \"I did not know where she had been hit,\" said the mother of Darlene Kennedy. \
         Her mother said Kennedy had gone to the park next door to meet friends. \
         Kennedy was treated for a leg wound and released.",
        Expected {
            main_place: "Daytona Beach",
            main_admin1: Some("Florida"),
            not_places: &["Kennedy"],
        },
    );
}

/// Session 16: "a photo of Kennedy", "spoke to Kennedy" put a name after
/// "of" or "to", which any noun takes; only a preposition that a place
/// takes ("in", "near", "at") keeps a person's name readable as a town.
#[test]
fn issue_11_of_and_to_before_a_persons_name_make_no_place() {
    check(
        "A man was shot in the arm in Daytona Beach on Sunday, police said. \
         Officers are looking for 19-year-old Marcus Kennedy. \
         A photo of Kennedy was released by police, who asked anyone who has spoken \
         to Kennedy since Sunday to call them.",
        Expected {
            main_place: "Daytona Beach",
            main_admin1: Some("Florida"),
            not_places: &["Kennedy"],
        },
    );
}

/// Session 16: a word of place before a town's name ("North Longview")
/// is no given name, so the town stays a town wherever it is named.
#[test]
fn issue_11_a_word_of_place_before_a_town_is_no_given_name() {
    check(
        "A two-year-old girl was killed by a gunshot on Monday at a North Longview \
         apartment complex, Longview police said. Officers said the gun belonged to \
         a relative.",
        Expected {
            main_place: "Longview",
            main_admin1: Some("Texas"),
            not_places: &[],
        },
    );
}

/// Session 16: page furniture before a big city's name ("x Share Houston
/// police say") made "Houston" a surname, and a surname voted for no
/// country, so the report's country went to its other stray names. A
/// city of 100,000 or more keeps its vote (halved) however it is written.
#[test]
fn issue_11_a_big_city_after_page_furniture_keeps_its_country() {
    check(
        "x Share Houston police say a veteran, Dionisio Garza, fired more than 200 rounds \
         on Monday, killing one person. Garza, who served in Afghanistan, had lived \
         in California.",
        Expected {
            main_place: "Houston",
            main_admin1: Some("Texas"),
            not_places: &["Dionisio"],
        },
    );
}

#[test]
fn issue_11_a_dotted_two_letter_abbreviation_is_a_state_only_for_a_two_word_state() {
    // "N.C." and "W.Va." are states; "L.A." is the city, never Louisiana
    // (which AP style writes "La.").
    let extraction = run(
        "The quartet moved to L.A. in 2014. They grew up in Raleigh, N.C., and toured \
         Charleston, W.Va., before the move.",
    );
    let named = |text: &str| {
        extraction
            .places
            .iter()
            .find(|p| p.text == text)
            .and_then(|p| p.name.clone())
    };
    assert_eq!(named("N.C.").as_deref(), Some("North Carolina"));
    assert_eq!(named("W.Va.").as_deref(), Some("West Virginia"));
    assert_ne!(named("L.A.").as_deref(), Some("Louisiana"));
}
