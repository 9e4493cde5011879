//! Issue 11, session 31: "half a million" is half of a million, never the
//! million itself, and a wire story's crowd counted where its wording
//! differs from the usual: a word of place or day between the event and
//! its crowd ("a rally here of 4,000"), an event that gathers its crowd,
//! a crowd that flows or descends on a place, marches "by the thousands",
//! takes to a city's streets, or is reported to have marched. Every note
//! below is invented.

mod common;

use chrono::NaiveDate;

fn check(text: &str, expected: &[(u64, Option<u64>)]) {
    common::assert_participants(text, NaiveDate::from_ymd_opt(2009, 10, 5), expected);
}

#[test]
fn issue_11_half_a_million_is_half_a_million() {
    // About half a million: "half" is round wording, so 10% either way.
    check(
        "half a million teachers marched through the capital on sunday.",
        &[(450_000, Some(550_000))],
    );
    check(
        "A half million people rallied along the river front on Sunday.",
        &[(450_000, Some(550_000))],
    );
    check(
        "about half a thousand dockers picketed the port gates on sunday.",
        &[(450, Some(550))],
    );
    check(
        "Half a dozen parents protested outside the school board on Sunday.",
        &[(5, Some(7))],
    );
}

#[test]
fn issue_11_half_of_what_is_no_number() {
    // "half a mile", "a year and a half": no count at all.
    check(
        "Farmers marched half a mile to the ministry on Sunday.",
        &[],
    );
}

#[test]
fn issue_11_a_word_of_place_or_day_between_the_event_and_its_crowd() {
    check(
        "police broke up a demonstration here of about 4,000 union members on sunday.",
        &[(3_600, Some(4_400))],
    );
    check(
        "a march yesterday by some 300 nurses closed the avenue.",
        &[(270, Some(330))],
    );
}

#[test]
fn issue_11_an_event_gathers_its_crowd_and_a_crowd_flows_in() {
    check(
        "the sunday rally gathered more than 3,000 pensioners in the main square.",
        &[(3_001, None)],
    );
    check(
        "some 15,000 veterans flowed into the centre of the city on sunday.",
        &[(13_500, Some(16_500))],
    );
    check(
        "about 2,000 farmers descended on the capital on sunday with their tractors.",
        &[(1_800, Some(2_200))],
    );
}

#[test]
fn issue_11_by_the_thousands_and_numbering_in_the_hundreds() {
    check(
        "the miners marched by the thousands through the city on sunday.",
        &[(1_000, Some(9_999))],
    );
    check(
        "the protesters, who police said numbered in the hundreds, blocked the bridge on sunday.",
        &[(100, Some(999))],
    );
    // Not a crowd: money in the thousands.
    check(
        "the union said on sunday that fines ran in the thousands of dollars.",
        &[],
    );
}

#[test]
fn issue_11_a_city_s_streets_and_a_reported_march() {
    check(
        "a strike on sunday saw at least 2,000 workers take to the capital s streets.",
        &[(2_000, None)],
    );
    check(
        "on sunday about 500 monks were reported to have marched in the town.",
        &[(450, Some(550))],
    );
}

#[test]
fn issue_11_a_crowd_that_numbered_so_many() {
    check(
        "clashes broke out on sunday with strikers, who numbered about 400, at the mine gates.",
        &[(360, Some(440))],
    );
    // The dead who numbered 40 are no crowd.
    check(
        "the dead numbered 40 after the storm on sunday, officials said.",
        &[],
    );
}
