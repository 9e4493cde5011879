//! Issue 12, session 20: three patterns of gva_dev's missed pairs, written
//! as invented reports.
//! - A page saved behind a login wall keeps the story's title over text
//!   that tells nothing ("We have sent you a verification email"): its
//!   title is what it says, and it joins the shooting its title tells,
//!   not another shooting of that day.
//! - One story names the street, another the hospital, the court or the
//!   prosecutor's office: an institution is no scene, and contradicts no
//!   street. Two outlets that cut or spell one street differently ("the
//!   200 block of West" against "the 200 block of W. Alder Street",
//!   "Fairmount" against "Fairmont") name one spot.
//! - "The gunman in the shootings last month pleaded not guilty Monday":
//!   the shootings are last month's; Monday is the plea's.
//! - "This is the second case in a week ... On June 14, a girl was shot":
//!   the day after such a ranking is the earlier incident's.
//! - A page stamped "Posted: Saturday, March 2, 2013" but published (in
//!   the feed) two weeks later: its "Saturday" is March 2.

mod cluster_common;
mod common;

use chrono::NaiveDate;
use cluster_common::*;
use concord::extract::DatePrecision;
use concord::extract::model::EventKind;

const LOGIN_WALL: &str = "Just one more step...\n\nWe emailed you a link to confirm your \
    account. Open it to finish signing up, then come back to keep reading.\n\nDid not get the \
    email? Check your spam folder or ask for another one.";

const QUARRY_ROAD_STORY: &str = "A 19-year-old man was shot and killed late Saturday on Quarry \
    Road, police said. Officers called to the Hollowmere apartments found Tavian Broussard \
    wounded in the parking lot. He died at the scene. Detectives said the shooter ran toward \
    Quarry Road and have not made an arrest.";

const LINDEN_COURT_STORY: &str = "A woman was wounded Saturday evening when someone fired into \
    her car on Linden Court, police said. Renata Okafor, 34, was taken to a hospital with a \
    wound to her arm. Investigators believe she was not the intended target.";

/// A shooting in Chicago on 2016-09-10, published the day after.
fn shooting(seq: u64, id: &str, headline: &str, text: &str) -> ReportBuilder {
    chicago_shooting(seq, id, headline, text)
}

/// A login wall saved under `headline`, published on `published`.
fn login_wall(seq: u64, id: &str, headline: &str, published: &str) -> ReportBuilder {
    report(seq, id)
        .kind(EventKind::Other)
        .published(published)
        .headline(headline)
        .text(LOGIN_WALL)
        .main_nowhere(published)
}

#[test]
fn issue_12_a_login_wall_is_read_by_its_title_and_joins_the_shooting_it_names() {
    let article = shooting(
        1,
        "article",
        "Tavian Broussard, 19, shot dead on Quarry Road at Hollowmere apartments",
        QUARRY_ROAD_STORY,
    )
    .build();
    let wall = login_wall(
        2,
        "wall",
        "Hollowmere apartments shooting kills Tavian Broussard on Quarry Road",
        "2016-09-11",
    )
    .build();
    let other = shooting(
        3,
        "other",
        "Renata Okafor wounded as shots hit her car on Linden Court",
        LINDEN_COURT_STORY,
    )
    .build();

    // The wall's text shares nothing with any article; its title shares
    // the victim, the street and the apartments with the one it names.
    let with_its_story = level_of(&article, &wall, "content").expect("content compared");
    assert!(
        !matches!(
            with_its_story.as_str(),
            "content_unrelated" | "content_faint"
        ),
        "{with_its_story}"
    );
    assert_eq!(
        level_of(&other, &wall, "content").as_deref(),
        Some("content_unrelated")
    );
    assert!(same_incident(
        &[&article, &wall, &other],
        &["article", "wall"]
    ));
    assert!(!same_incident(
        &[&article, &wall, &other],
        &["wall", "other"]
    ));
}

#[test]
fn issue_12_an_article_whose_lead_skips_its_title_words_keeps_its_own_text() {
    // The test for a wall asks both: no event told and none of the
    // title's words. A real article of a shooting is read whole.
    let article = shooting(1, "article", "Hollowmere tenants shaken", QUARRY_ROAD_STORY).build();
    let copy = shooting(
        2,
        "copy",
        "Teen killed in Quarry Road shooting",
        QUARRY_ROAD_STORY,
    )
    .build();
    assert_eq!(
        level_of(&article, &copy, "content").as_deref(),
        Some("content_same_story")
    );
}

#[test]
fn issue_12_a_hospital_court_or_prosecutor_contradicts_no_street() {
    let check = |name: &str, expected: bool| {
        assert_eq!(
            concord::cluster::mention::may_be_the_scene(name),
            expected,
            "{name:?}"
        );
    };
    check("the 3200 block of South Parker Avenue", true);
    check("Twana Court", true);
    check("Hollowmere Shopping Center", true);
    check("Lakeview Memorial Hospital", false);
    check("Saint Brendan Medical Center", false);
    check("Dunmore Municipal Court", false);
    check("the Eastern District of Michigan", false);
    check("The Harlan County District Attorney's Office", false);

    let street = shooting(1, "street", "Man shot on Quarry Road", QUARRY_ROAD_STORY)
        .sub_place("the 400 block of Quarry Road")
        .build();
    let hospital = shooting(2, "hospital", "Shooting victim dies", LINDEN_COURT_STORY)
        .sub_place("Saint Brendan Medical Center")
        .build();
    assert_eq!(level_of(&street, &hospital, "sub_place"), None);

    // A park is a spot the shooting may have been at, but it stands on
    // streets the other report may be naming: against a street it weighs
    // less than two streets do (session 27).
    let park = shooting(3, "park", "Shots near Tanager Park", LINDEN_COURT_STORY)
        .sub_place("Tanager Park")
        .build();
    assert_eq!(
        level_of(&street, &park, "sub_place").as_deref(),
        Some("sub_place_street_against_spot")
    );
    let another_park = shooting(
        4,
        "another park",
        "Shots near Heron Park",
        QUARRY_ROAD_STORY,
    )
    .sub_place("Heron Park")
    .build();
    assert_eq!(
        level_of(&park, &another_park, "sub_place").as_deref(),
        Some("sub_place_conflict")
    );
}

#[test]
fn issue_12_one_street_cut_short_or_spelt_two_ways_is_one_spot() {
    let named = |seq: u64, id: &str, sub_place: &str| {
        shooting(seq, id, "Man shot", QUARRY_ROAD_STORY)
            .sub_place(sub_place)
            .build()
    };
    let cut_short = named(1, "cut", "the 200 block of West");
    let whole = named(2, "whole", "the 200 block of W. Alder Street");
    assert_eq!(level_of(&cut_short, &whole, "sub_place"), None);

    let one_spelling = named(3, "fairmount", "the 16400 block of Fairmount");
    let another = named(4, "fairmont", "Fairmont Drive");
    assert_eq!(
        level_of(&one_spelling, &another, "sub_place").as_deref(),
        Some("sub_place_shared")
    );

    // Another block of another street, in another story, stays a
    // contradiction.
    let elsewhere = shooting(5, "elsewhere", "Woman wounded", LINDEN_COURT_STORY)
        .sub_place("the 900 block of Birchwood Lane")
        .build();
    assert_eq!(
        level_of(&whole, &elsewhere, "sub_place").as_deref(),
        Some("sub_place_conflict")
    );
}

fn main_date_of(text: &str, title: &str, published: &str) -> (Option<NaiveDate>, DatePrecision) {
    let extraction = common::extract_text(
        text,
        Some(title),
        NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
    );
    let main = extraction.main.date.expect("a main date");
    (main.date, main.precision)
}

#[test]
fn issue_12_the_shootings_of_an_earlier_date_do_not_lend_their_word_to_the_plea() {
    // 2016-08-22 is a Monday.
    assert_eq!(
        main_date_of(
            "The man accused in the Hollowmere shootings last month pleaded not guilty Monday \
             to killing two people. He stays in jail without bond.",
            "Hollowmere shootings suspect pleads not guilty",
            "2016-08-22",
        ),
        (NaiveDate::from_ymd_opt(2016, 7, 1), DatePrecision::Month)
    );
}

#[test]
fn issue_12_a_plea_or_a_hearing_dates_itself_not_the_shooting() {
    // "pleaded not guilty Monday": the nearest event word before Monday is
    // the plea, not the shooting the sentence named before it. The
    // shooting was on Thursday; 2015-10-20 is a Tuesday.
    assert_eq!(
        main_date_of(
            "The man charged in the Quarry Road shooting pleaded not guilty Monday. Police \
             said he shot a clerk at a gas station Thursday night.",
            "Quarry Road suspect pleads not guilty",
            "2015-10-20",
        ),
        (NaiveDate::from_ymd_opt(2015, 10, 15), DatePrecision::Day)
    );
}

#[test]
fn issue_12_a_wall_under_a_title_of_common_words_is_read_by_its_title_too() {
    // No rare word in the title ("people", "shot", "football", "game"):
    // the wall still shares none of its title's words, so it is the title
    // that is compared.
    let story = "Five people were wounded late Sunday when gunfire broke out after a \
        youth football game at Hollowmere Park, police said. A fight between adults in the \
        stands spilled into the parking lot before the shots. The wounded were taken to \
        hospitals; none of the injuries was life threatening.";
    let article = report(1, "article")
        .kind(EventKind::Shooting)
        .published("2016-09-12")
        .headline("Five people shot after children's football game")
        .text(story)
        .main("Chicago", "2016-09-11")
        .build();
    let wall = login_wall(
        2,
        "wall",
        "Five people shot after children's football game",
        "2016-09-12",
    )
    .build();
    let with_its_story = level_of(&article, &wall, "content").expect("content compared");
    assert_ne!(with_its_story, "content_unrelated");
    assert!(same_incident(&[&article, &wall], &["article", "wall"]));
}

#[test]
fn issue_12_the_day_told_after_the_second_case_in_a_week_is_the_earlier_case() {
    // 2016-06-19 is a Sunday: the report's own shooting was Saturday.
    assert_eq!(
        main_date_of(
            "A 4-year-old boy was hit in the leg while riding in his father's car on Dunmore \
             Avenue, police said. He is expected to recover.\n\n\
             The incident happened near the water tower at 8 p.m. Saturday. Officers are \
             looking for a dark pickup truck.\n\n\
             This is the second case in a week that a small child has been shot in a car in \
             the city.\n\n\
             On June 14, a 3-year-old girl was shot and wounded when an argument between two \
             drivers led to gunfire on Quarry Road.",
            "Boy, 4, wounded in car on Dunmore Avenue",
            "2016-06-19",
        ),
        (NaiveDate::from_ymd_opt(2016, 6, 18), DatePrecision::Day)
    );
}

#[test]
fn issue_12_a_protest_lede_that_ranks_its_own_event_keeps_its_day() {
    // "the third in two weeks" in a lede ranks the report's own event.
    // 2013-04-24 is a Wednesday.
    assert_eq!(
        main_date_of(
            "Hundreds of farmers blocked the ring road around the capital on Tuesday, the \
             third such protest in two weeks, demanding higher milk prices. Police said the \
             blockade ended peacefully in the evening.",
            "Farmers block ring road",
            "2013-04-24",
        ),
        (NaiveDate::from_ymd_opt(2013, 4, 23), DatePrecision::Day)
    );
}

#[test]
fn issue_12_weekdays_are_read_against_the_day_the_page_says_it_was_posted() {
    let text = "Teen wounded on Quarry Road\n\nPosted: Saturday, March 2, 2013 7:39 AM EST\n\n\
        A 17-year-old was shot in the arm just before 3 a.m. Saturday outside a house on \
        Quarry Road in Dunmore, police said. He was treated at a hospital and released.";
    // Published (crawled) two weeks after the stamp: the shooting is the
    // stamp's Saturday, not the Saturday before the crawl.
    assert_eq!(
        main_date_of(text, "Teen wounded on Quarry Road", "2013-03-16"),
        (NaiveDate::from_ymd_opt(2013, 3, 2), DatePrecision::Day)
    );
    // A stamp after the publication day (an update) changes nothing.
    let updated = text.replace(
        "Posted: Saturday, March 2, 2013",
        "Updated: Monday, March 4, 2013",
    );
    assert_eq!(
        main_date_of(&updated, "Teen wounded on Quarry Road", "2013-03-03"),
        (NaiveDate::from_ymd_opt(2013, 3, 2), DatePrecision::Day)
    );
}
