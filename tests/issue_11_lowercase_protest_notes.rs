//! Issue 11, mm_dev: short lowercase protest notes, as a data set's coders
//! write them. The crowd is counted however the note words it ("hundreds
//! of students took to the streets", "a rally of 3,000", "some 200 people
//! staged a sit-in"), plural demonyms give the country, and a note that
//! states no date is placed on its publication day in `extract --json`,
//! marked as such. Every note below is invented.

mod common;

use chrono::NaiveDate;
use concord::extract::render::render_json;
use concord::extract::{Extraction, ExtractionInput, Metric, extract};
use concord::report::Report;

use common::participants;

fn run(text: &str, published: &str) -> Extraction {
    let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("date");
    common::extract_text(text, None, Some(published))
}

/// Extracts `text` and checks its participant figures (lo, hi), in text
/// order; an empty list: no crowd counted.
fn check(text: &str, expected: &[(u64, Option<u64>)]) {
    common::assert_participants(text, NaiveDate::from_ymd_opt(2021, 4, 12), expected);
}

#[test]
fn crowds_are_counted_as_notes_word_them() {
    // A crowd's own verbs and idioms after the counted people.
    check(
        "some 300 nurses staged a sit-in outside the health ministry on friday.",
        &[(270, Some(330))],
    );
    check(
        "hundreds of shopkeepers took to the streets of the old quarter on saturday.",
        &[(100, Some(999))],
    );
    check(
        "about 80 dockworkers went on strike over unpaid overtime.",
        &[(72, Some(88))],
    );
    check(
        "nearly 2,000 farmers blocked the motorway with tractors to protest grain prices.",
        &[(1800, Some(2000))],
    );
    check(
        "150 taxi drivers turned up outside city hall to protest the new licence fees.",
        &[(150, Some(150))],
    );
    // A vague crowd with its verb right after it.
    check(
        "thousands protested on sunday against the closure of the mine.",
        &[(1000, Some(9999))],
    );
    check(
        "dozens protest against the new water tariff in the capital.",
        &[(24, Some(99))],
    );
    check(
        "with hundreds taking part in the vigil, the square was closed to traffic.",
        &[(100, Some(999))],
    );
    check(
        "tens of thousands of farmers returned to the streets on tuesday.",
        &[(10000, Some(99999))],
    );
    // Adjectives and plurals no list names, between the number and its verb.
    check(
        "about 500 angry retirees marched on the pension office on monday.",
        &[(450, Some(550))],
    );
    check(
        "several hundred environmentalists and union members rallied outside the assembly.",
        &[(300, Some(999))],
    );
    // A plural demonym as the crowd.
    check(
        "thousands of kenyans marched through the capital on tuesday.",
        &[(1000, Some(9999))],
    );
    // The event noun before the number: "a rally of", "a strike by".
    check(
        "the union called a strike by 4,000 bus drivers that shut the network on monday.",
        &[(4000, Some(4000))],
    );
    // The people at a protest; a relative clause says what they did.
    check(
        "nearly 900 parents at a rally outside the school board demanded smaller classes.",
        &[(810, Some(900))],
    );
    check(
        "about 250 miners who walked out on monday blocked the pit entrance.",
        &[(225, Some(275))],
    );
    check(
        "the hundreds of parents who rally at the gates each week want a crossing.",
        &[(100, Some(999))],
    );
    // The crowd's size stated of the crowd.
    check(
        "a 400 strong march wound through the old quarter on sunday.",
        &[(400, Some(400))],
    );
    check(
        "the sit-in was attended by about 120 nurses.",
        &[(108, Some(132))],
    );
    check(
        "by noon the crowd had swelled to 6,000.",
        &[(6000, Some(6000))],
    );
    check(
        "organisers said the number of protesters was about 500.",
        &[(450, Some(550))],
    );
    // Riot verbs: the people who fought are the crowd.
    check(
        "more than 300 villagers battled with police over the land seizure.",
        &[(301, None)],
    );
    // Protesters that nothing else governs are the crowd.
    check(
        "riot police fired rubber bullets at some 700 demonstrators outside the palace.",
        &[(630, Some(770))],
    );
    // A crowd as the subject of a protest sentence, with no verb of its own.
    check(
        "yesterday 600 students, angry at the tuition rise, filled the square in protest.",
        &[(600, Some(600))],
    );
}

#[test]
fn a_crowd_that_was_then_detained_is_not_counted_as_the_crowd() {
    // The participle describes the people; the main verb says the count is
    // of detentions.
    let extraction = run(
        "on saturday, around 30 activists holding a vigil against the 2020 verdict were detained by police.",
        "2021-04-12",
    );
    assert_eq!(participants(&extraction), Vec::new());
    assert!(
        extraction
            .figures
            .iter()
            .any(|f| f.metric == Metric::Detained && f.lo <= 30 && f.hi.is_some_and(|h| h >= 30)),
        "{:?}",
        extraction.figures
    );
    // "held a rally" is taking part, "were held" is detention.
    check(
        "200 pensioners held a rally in the park.",
        &[(200, Some(200))],
    );
    let extraction = run(
        "12 students were held overnight at the station.",
        "2021-04-12",
    );
    assert_eq!(participants(&extraction), Vec::new());
}

#[test]
fn numbers_that_are_not_crowds_stay_out() {
    check("the strike entered its 12th day on monday.", &[]);
    check(
        "workers at 40 factories demanded a raise of 15 percent.",
        &[],
    );
    check("the protest drew criticism from 3 ministers.", &[]);
    check(
        "riot police fired tear gas at the march, injuring 20 people.",
        &[],
    );
    // One person is not a crowd; a note's item number is not a count.
    check(
        "the rally ended quietly, said one of the demonstrators, a retired nurse.",
        &[],
    );
    check(
        "1 in the port city, protesters took to the streets over fuel prices.",
        &[],
    );
    // Thousands grouped with a space.
    check(
        "over 25 000 people were protesting on saturday.",
        &[(25001, None)],
    );
    // What happened to the protesters is what they count.
    check(
        "40 protesters who blocked the bridge were arrested on friday.",
        &[],
    );
}

#[test]
fn plural_demonyms_give_the_country() {
    let extraction = run(
        "hundreds of ukrainians gathered on sunday to demand the release of the prisoners.",
        "2021-04-12",
    );
    assert_eq!(extraction.main.country.as_deref(), Some("Ukraine"));
}

/// Session 31: "ethnic serbs", "pro russian", "anti american" name a
/// people or a stance found anywhere, "in english" a language: no vote for
/// that country. The note's own places decide.
#[test]
fn issue_11_a_people_or_a_stance_is_no_country() {
    for (text, country) in [
        (
            "thousands of ethnic serbs rallied in the centre of the capital on \
             sunday, as ethnic serbs and other serbs chanted against the \
             government of montenegro.",
            "Montenegro",
        ),
        (
            "several hundred pro russian demonstrators gathered in riga on \
             sunday, waving russian flags outside the latvian parliament.",
            "Latvia",
        ),
    ] {
        let extraction = run(text, "2021-04-12");
        assert_eq!(extraction.main.country.as_deref(), Some(country), "{text}");
    }
    // A language is spoken anywhere: "in english" is no vote for the
    // United Kingdom.
    let extraction = run(
        "about 400 kuwaiti students marched to parliament on sunday with \
         banners, some written in english.",
        "2021-04-12",
    );
    assert_eq!(extraction.main.country.as_deref(), Some("Kuwait"));
    // A plain demonym still gives the country.
    let extraction = run(
        "thousands of serbs rallied in the capital on sunday against the government.",
        "2021-04-12",
    );
    assert_eq!(extraction.main.country.as_deref(), Some("Serbia"));
}

#[test]
fn a_crowd_that_marched_on_a_city_is_in_that_city_not_on_a_street_of_that_name() {
    // "on" before a bare name usually makes it a street ("fled south on
    // ashland"); after "marched" or "converged" it is the city they went to.
    for text in [
        "about 2,000 farmers marched on winnipeg on monday to demand aid for the harvest.",
        "thousands converged on winnipeg to protest the closure of the rail yards.",
    ] {
        let extraction = run(text, "2021-04-12");
        assert_eq!(
            extraction.main.place.as_ref().map(|p| p.name.as_str()),
            Some("Winnipeg"),
            "{text}: {:#?}",
            extraction.places
        );
    }
}

fn rendered_main(text: &str, published: Option<&str>) -> serde_json::Value {
    let mut report = Report::new("note", text);
    report.published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").expect("date"));
    let extraction = extract(ExtractionInput::from_report(&report));
    render_json(&report, &extraction)["main"].clone()
}

#[test]
fn a_note_without_a_date_is_placed_on_its_publication_day_and_says_so() {
    // No date word at all: the publication day, marked as such.
    let main = rendered_main(
        "teachers protested outside the education ministry over late salaries.",
        Some("2019-11-05"),
    );
    assert_eq!(main["date"], "2019-11-05");
    assert_eq!(main["date_source"], "published");
    assert_eq!(main["date_precision"], "day");
    assert!(main["date_text"].is_null());
    // A stated date is the text's.
    let main = rendered_main(
        "teachers protested outside the education ministry on monday.",
        Some("2019-11-05"),
    );
    assert_eq!(main["date"], "2019-11-04");
    assert_eq!(main["date_source"], "text");
    assert_eq!(main["date_text"], "monday");
    // Nothing to fall back on: no date at all.
    let main = rendered_main(
        "teachers protested outside the education ministry over late salaries.",
        None,
    );
    assert!(main["date"].is_null());
    assert!(main["date_source"].is_null());
}

#[test]
fn the_fallback_day_is_not_part_of_the_extraction() {
    // Clustering reads `main.date` and falls back to the publication day
    // itself: the extraction keeps saying that no date was stated.
    let extraction = run(
        "teachers protested outside the education ministry over late salaries.",
        "2019-11-05",
    );
    assert!(extraction.main.date.is_none());
}

#[test]
fn issue_11_crowds_counted_by_who_was_dispersed_how_they_came_and_what_they_did() {
    // Whom police dispersed is the crowd.
    check(
        "riot police used tear gas on monday to disperse hundreds of market traders protesting new stall fees.",
        &[(100, Some(999))],
    );
    // An exact number and a plural no list names, then a verb only people
    // do.
    check(
        "about 1,000 herders clashed with police at a demonstration outside the governor's office.",
        &[(900, Some(1100))],
    );
    // "in their hundreds".
    check(
        "teachers marched through the capital in their hundreds to demand back pay.",
        &[(100, Some(999))],
    );
    // The crowd's size, stated.
    check(
        "the protesters were estimated to number more than 2,000.",
        &[(2001, None)],
    );
    // "special needs" is a noun, not a requirement ("must number at
    // least").
    check(
        "a march in support of a special needs school was attended by about 400 people.",
        &[(360, Some(440))],
    );
    // Exact numbers of things stay out, whatever they did.
    check(
        "about 300 tractors blocked the ring road during the farmers' protest.",
        &[],
    );
}
