//! Issue 11: every place name a report names, resolved in context. Each
//! case is an invented report and what its places must resolve to; spans
//! always index the original text.

mod common;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use concord::extract::{Extraction, FoundPlace, FoundPlaceLevel};

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2024, 7, 8))
}

/// What one place name must resolve to: the text as written, the level,
/// and the canonical name of the place it is (or lies within); `None` for
/// a name that must not be a place at all.
struct Expected<'a> {
    text: &'a str,
    resolution: Option<(FoundPlaceLevel, &'a str)>,
}

fn place<'a>(text: &'a str, level: FoundPlaceLevel, resolved: &'a str) -> Expected<'a> {
    Expected {
        text,
        resolution: Some((level, resolved)),
    }
}

fn no_place(text: &str) -> Expected<'_> {
    Expected {
        text,
        resolution: None,
    }
}

fn resolved_name(found: &FoundPlace) -> Option<&str> {
    found.within.as_deref().or(found.name.as_deref())
}

/// The first place found whose text is `text`.
fn found_place<'a>(extraction: &'a Extraction, text: &str) -> &'a FoundPlace {
    extraction
        .places
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("{text} found: {:#?}", extraction.places))
}

/// Asserts that no place found is `unwanted`.
fn assert_no_place(extraction: &Extraction, context: &str, unwanted: impl Fn(&FoundPlace) -> bool) {
    assert!(
        !extraction.places.iter().any(unwanted),
        "{context}: {:#?}",
        extraction.places
    );
}

/// Extracts `text` and checks every expectation, plus the span invariant
/// for every place found.
fn check(text: &str, expected: &[Expected<'_>]) -> Extraction {
    let extraction = run(text);
    for found in &extraction.places {
        assert_eq!(
            &text[found.span[0]..found.span[1]],
            found.text,
            "span of {found:?}"
        );
    }
    for want in expected {
        let found: Vec<&FoundPlace> = extraction
            .places
            .iter()
            .filter(|p| p.text == want.text || p.text.contains(want.text))
            .collect();
        match want.resolution {
            None => assert!(
                found
                    .iter()
                    .all(|p| !p.text.split_whitespace().eq([want.text])),
                "{} must not be a place: {found:?}",
                want.text
            ),
            Some((level, name)) => {
                assert!(
                    found
                        .iter()
                        .any(|p| p.level == level && resolved_name(p) == Some(name)),
                    "{} should be {level:?} {name}; places: {:#?}",
                    want.text,
                    extraction.places
                );
            }
        }
    }
    extraction
}

#[test]
fn sides_of_the_city_stay_in_the_city() {
    check(
        "CHICAGO (AP) — Two men were shot late Saturday on the West Side, police said. \
         Hours earlier a teenager was wounded on the South Side near a park.",
        &[
            place("CHICAGO", FoundPlaceLevel::City, "Chicago"),
            place("West Side", FoundPlaceLevel::SubPlace, "Chicago"),
            place("South Side", FoundPlaceLevel::SubPlace, "Chicago"),
            no_place("Side"),
        ],
    );
}

#[test]
fn street_in_a_sentence_is_no_place() {
    let extraction = check(
        "DAYTON, Ohio — Officers closed Street after a crash, and neighbours said the \
         Street was quiet again by noon. Nobody was hurt in Dayton.",
        &[
            place("DAYTON", FoundPlaceLevel::City, "Dayton"),
            no_place("Street"),
        ],
    );
    assert_no_place(&extraction, "places", |p| {
        p.country_code.as_deref() == Some("GB")
    });
}

#[test]
fn a_chicago_neighbourhood_named_austin_stays_in_chicago() {
    let extraction = check(
        "CHICAGO — A man was shot Sunday in the Austin neighborhood on the West Side, \
         Chicago police said. Detectives in Chicago asked witnesses to come forward.",
        &[
            place("Austin", FoundPlaceLevel::SubPlace, "Chicago"),
            place("West Side", FoundPlaceLevel::SubPlace, "Chicago"),
        ],
    );
    assert_no_place(&extraction, "places", |p| {
        p.admin1.as_deref() == Some("Texas")
    });
    assert_eq!(
        extraction.main.place.as_ref().map(|p| p.name.as_str()),
        Some("Chicago")
    );
}

#[test]
fn a_state_abbreviation_places_the_city() {
    let extraction = check(
        "MANASSAS, Va. — Three people were wounded early Sunday outside a bar, \
         Prince William County police said.",
        &[
            place("MANASSAS", FoundPlaceLevel::City, "Manassas"),
            place("Va.", FoundPlaceLevel::Region, "Virginia"),
            place("Prince William County", FoundPlaceLevel::County, "Manassas"),
        ],
    );
    let manassas = found_place(&extraction, "MANASSAS");
    assert_eq!(manassas.admin1.as_deref(), Some("Virginia"));
    assert!(
        manassas
            .evidence
            .iter()
            .any(|e| e.starts_with("qualified_by:") || e == "dateline")
    );
}

#[test]
fn an_ambiguous_springfield_follows_its_state() {
    let illinois = run("A rally drew 200 people in Springfield, Ill., on Saturday.");
    let springfield = found_place(&illinois, "Springfield");
    assert_eq!(springfield.admin1.as_deref(), Some("Illinois"));
    let missouri = run(
        "Police in Springfield detained four people on Saturday. The protest began \
         outside the courthouse in Greene County, Missouri officials said, and moved \
         toward Joplin.",
    );
    let springfield = found_place(&missouri, "Springfield");
    assert_eq!(springfield.admin1.as_deref(), Some("Missouri"));
}

#[test]
fn organisation_names_are_evidence_but_not_scopes() {
    let extraction = check(
        "The Chicago Police Department said two officers were hurt during the march.",
        &[place("Chicago", FoundPlaceLevel::City, "Chicago")],
    );
    let chicago = found_place(&extraction, "Chicago");
    assert_eq!(chicago.role, concord::extract::PlaceNameRole::Organisation);
}

#[test]
fn spans_index_the_original_text_after_cleaning() {
    // Boilerplate lines the cleaner drops come before the prose: spans
    // must still index the text as given.
    let text = "Share\nAdvertisement\n\nALMATY, Kazakhstan -- About 300 people rallied in \
                Almaty on Saturday, and a smaller crowd gathered in Shymkent.\n";
    let extraction = check(
        text,
        &[
            place("Almaty", FoundPlaceLevel::City, "Almaty"),
            place("Shymkent", FoundPlaceLevel::City, "Shymkent"),
            place("Kazakhstan", FoundPlaceLevel::Country, "Kazakhstan"),
        ],
    );
    assert!(extraction.places.len() >= 4);
    for pair in extraction.places.windows(2) {
        assert!(pair[0].span[0] <= pair[1].span[0], "text order");
    }
}

#[test]
fn thousands_of_place_like_words_finish_quickly() {
    let mut text = String::from("SPRINGFIELD, Ill. — ");
    let words = [
        "Paris",
        "Street",
        "Side",
        "Austin",
        "Georgia",
        "Reading",
        "County",
        "West",
        "Va.",
        "Springfield,",
        "Ill.",
        "Mobile",
        "Nice",
        "Turkey",
        "Bath",
        "Police",
    ];
    for i in 0..6000 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        if i % 37 == 0 {
            text.push_str("said. ");
        }
    }
    let started = Instant::now();
    let extraction = run(&text);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    for found in &extraction.places {
        assert_eq!(&text[found.span[0]..found.span[1]], found.text);
    }
}

/// Every place of a report whose text is `name`: none may lie in the
/// wrong state, and at least one must be a sub-place of `state`.
/// The report's main place is not the gazetteer's place named `name`.
fn assert_main_place_is_not(extraction: &Extraction, name: &str) {
    assert_ne!(
        extraction.main.place.as_ref().map(|p| p.name.as_str()),
        Some(name),
        "{:#?}",
        extraction.main
    );
}

fn check_town_the_gazetteer_lacks(extraction: &Extraction, name: &str, state: &str) {
    let named: Vec<&FoundPlace> = extraction
        .places
        .iter()
        .filter(|p| p.text == name)
        .collect();
    assert!(!named.is_empty(), "{name} found: {:#?}", extraction.places);
    for found in named {
        assert_eq!(
            (
                found.level,
                found.admin1.as_deref(),
                found.within.as_deref()
            ),
            (FoundPlaceLevel::SubPlace, Some(state), Some(state)),
            "{found:#?}"
        );
        assert!(
            found.evidence.iter().any(|e| e == "not_in_gazetteer"),
            "{found:#?}"
        );
        assert!(
            found.lat.is_some(),
            "a sub-place takes its state's point: {found:#?}"
        );
    }
}

#[test]
fn issue_11_a_town_too_small_for_the_gazetteer_stays_in_the_state_the_text_gives() {
    // The gazetteer has a Troy in Michigan and in New York, none in West
    // Virginia: the report's Troy is a town it lacks, not a namesake.
    let extraction = run(
        "Deputies said two boys found a loaded rifle in a closet at a home in Troy, West \
         Virginia, on Sunday. One of them was wounded in the hand. Troy is a small \
         community in Gilmer County.",
    );
    check_town_the_gazetteer_lacks(&extraction, "Troy", "West Virginia");
    assert_no_place(&extraction, "places", |p| {
        p.admin1.as_deref() == Some("Michigan")
    });
}

#[test]
fn issue_11_a_dateline_town_the_gazetteer_lacks_is_no_namesake_elsewhere() {
    // Felton, Minnesota is a village of a few hundred; the gazetteer knows
    // only Felton, California. Neither the dateline nor the body's Felton
    // may be the Californian town.
    let extraction = run(
        "FELTON, MN (KXQZ) - A toddler was hurt Saturday evening when a handgun went off \
         inside a farmhouse, the Clay County sheriff said. The girl was flown from Felton to \
         a hospital and is expected to recover.",
    );
    check_town_the_gazetteer_lacks(&extraction, "FELTON", "Minnesota");
    check_town_the_gazetteer_lacks(&extraction, "Felton", "Minnesota");
    // The gazetteer's only Felton is the Californian one.
    assert_main_place_is_not(&extraction, "Felton");
}

#[test]
fn issue_11_names_in_a_list_or_a_state_named_like_a_country_are_no_qualified_towns() {
    // A list of capitals is no "town, state", nor is a city before a state
    // that is also a country's name: none is a town the gazetteer lacks.
    for text in [
        "The carrier said it would fly from Newark to Moscow, Kiev, Minsk and Riga from May.",
        "Thousands marched through Tbilisi, Georgia, on Sunday against the new law.",
        "Ushers at Side by Side, St. Petersburg's small film festival, were questioned.",
        "Police held dozens in Mexico City, León de los Aldama and Guadalajara on Friday.",
        "TBILISI, Georgia -- Several thousand people rallied outside parliament today.",
    ] {
        let extraction = run(text);
        assert_no_place(&extraction, text, |p| {
            p.evidence.iter().any(|e| e == "not_in_gazetteer")
        });
    }
    check(
        "Thousands marched through Tbilisi, Georgia, on Sunday against the new law.",
        &[place("Tbilisi", FoundPlaceLevel::City, "Tbilisi")],
    );
}

#[test]
fn issue_11_a_state_named_in_an_agency_places_its_towns() {
    // Sanford is a bigger town in Florida than in Maine; the state police
    // named with it says which. Towns named "Maine" elsewhere do not stop
    // the state's own name from counting.
    let extraction = check(
        "Maine State Police and Sanford police were called to a house where a retired \
         teacher had been shot on Tuesday night.",
        &[place("Maine", FoundPlaceLevel::Region, "Maine")],
    );
    let sanford = found_place(&extraction, "Sanford");
    assert_eq!(sanford.admin1.as_deref(), Some("Maine"), "{sanford:#?}");
}

#[test]
fn issue_11_a_small_namesake_in_another_state_is_the_home_states_town_the_gazetteer_lacks() {
    // Every other place of the report is Minnesota; the gazetteer's only
    // Felton is a Californian town of 4,000. The report's Felton is a
    // Minnesota village too small for it.
    let extraction = run(
        "Agents of the Minnesota Bureau of Criminal Apprehension and troopers of the \
         Minnesota State Patrol went to a farmhouse in Felton, where a toddler had been shot \
         in the leg.",
    );
    check_town_the_gazetteer_lacks(&extraction, "Felton", "Minnesota");
    // The gazetteer's only Felton is the Californian one.
    assert_main_place_is_not(&extraction, "Felton");
}

#[test]
fn issue_11_the_site_name_after_a_title_places_an_ambiguous_city() {
    // Columbia, South Carolina is a little larger than Columbia,
    // Missouri; the site's name after the headline says which the outlet
    // covers, and so which the body's bare "Columbia" is.
    let body = "A 16-year-old was shot in the arm near a park in Columbia on Friday night, \
                police said. He was taken to a hospital in stable condition.";
    for (site, state) in [
        ("Columbia, MO", "Missouri"),
        ("Columbia, SC", "South Carolina"),
    ] {
        let title = format!("Teen wounded near a park on Friday night - KXQZ 8 News - {site}");
        let extraction =
            common::extract_text(body, Some(&title), NaiveDate::from_ymd_opt(2024, 7, 8));
        let columbia = found_place(&extraction, "Columbia");
        assert_eq!(
            columbia.admin1.as_deref(),
            Some(state),
            "{site}: {columbia:#?}"
        );
    }
}
