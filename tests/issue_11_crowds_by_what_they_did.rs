//! Issue 11, session 39: crowds that real protest notes count without the
//! usual noun-and-verb: a bare crowd word that staged the event ("thousands
//! staged protests"), an event by a crowd word ("demonstrations by
//! thousands shook"), people led "in protest", a coder's own estimate of an
//! event's size ("this protest is believed to have at least 50 people"),
//! people named by what they are doing ("protesting students", "striking
//! miners"), the side of a clash that is not the police, and an event that
//! is drawing its crowd. What each rule must not read is beside it. Every
//! note below is invented.

mod common;

use chrono::NaiveDate;

fn check(text: &str, expected: &[(u64, Option<u64>)]) {
    common::assert_participants(text, NaiveDate::from_ymd_opt(2011, 3, 14), expected);
}

#[test]
fn issue_11_a_crowd_word_that_staged_or_held_the_event() {
    check(
        "in the port town, thousands staged protests near the ferry terminal on sunday.",
        &[(1_000, Some(9_999))],
    );
    check(
        "Hundreds held a candlelit vigil outside the mine offices on Sunday.",
        &[(100, Some(999))],
    );
    // The event after a number of its own ("a four hour strike").
    check(
        "hundreds of dock workers on sunday held a four hour strike at the port.",
        &[(100, Some(999))],
    );
    // Held with no event after it is held in custody.
    check("Hundreds held in the stadium were released on Sunday.", &[]);
}

#[test]
fn issue_11_an_event_by_a_crowd_word() {
    check(
        "Marches by thousands against the fuel tax shut the ring road on Sunday.",
        &[(1_000, Some(9_999))],
    );
    // A crowd word counting something else is no crowd.
    check(
        "A march of thousands of kilometres ended at the border on Sunday.",
        &[],
    );
}

#[test]
fn issue_11_people_led_in_protest() {
    check(
        "on sunday a ward councillor led about 120 residents in protest over the rent rise.",
        &[(108, Some(132))],
    );
}

#[test]
fn issue_11_a_coders_estimate_of_the_events_size() {
    check(
        "Riot police broke up the sit-in at the port on Sunday. This protest is believed \
         to have at least 50 people given the police response.",
        &[(50, None)],
    );
    check(
        "students blocked the campus gate on sunday. the protest is coded as having at \
         least 100 participants.",
        &[(100, None)],
    );
    // What happened to the people says what they count.
    check(
        "The protest on Sunday had 40 people arrested by nightfall.",
        &[],
    );
}

#[test]
fn issue_11_people_named_by_what_they_are_doing() {
    check(
        "Hundreds of protesting nursing students blocked the hospital gates on Sunday.",
        &[(100, Some(999))],
    );
    check(
        "about 3,000 striking bus drivers filled the depot yard on sunday.",
        &[(2_700, Some(3_300))],
    );
}

#[test]
fn issue_11_the_side_of_a_clash_that_is_not_the_police() {
    check(
        "Police clashed with hundreds of young men outside the court on Sunday.",
        &[(100, Some(999))],
    );
    // The police side is not the crowd, nor a few of a force's members.
    check(
        "Farmers clashed with 300 riot police outside the ministry on Sunday.",
        &[],
    );
    check(
        "On Sunday officers clashed with two members of the provincial force at a depot.",
        &[],
    );
}

#[test]
fn issue_11_an_event_drawing_its_crowd() {
    check(
        "The largest rally was in the provincial capital on Sunday, drawing some 4,000 people.",
        &[(3_600, Some(4_400))],
    );
}

#[test]
fn issue_11_the_events_people_with_it_or_there() {
    check(
        "The march to the assembly on Sunday passed off quietly, with about 600 people.",
        &[(540, Some(660))],
    );
    check(
        "the vigil on sunday was held with the participation of over 300 people.",
        &[(301, None)],
    );
    check(
        "Organisers said there were at least 70 people at the picket on Sunday.",
        &[(70, None)],
    );
    // What happened to the people counts them as that.
    check("The protest on Sunday ended, with 200 people injured.", &[]);
    // No protest and no crowd: people with something else.
    check(
        "A fire on Sunday destroyed the market, with 300 people left homeless.",
        &[],
    );
}

#[test]
fn issue_11_what_only_a_crowd_does() {
    check(
        "Hundreds of market traders mobbed the council offices on Sunday.",
        &[(100, Some(999))],
    );
    check(
        "hundreds of street hawkers ran riot in the bus station on sunday.",
        &[(100, Some(999))],
    );
    check(
        "Thousands of flood victims began throwing stones at the convoy on Sunday.",
        &[(1_000, Some(9_999))],
    );
    check(
        "Hundreds of youths built barricades across the avenue on Sunday.",
        &[(100, Some(999))],
    );
    // Things throw too: no people, no crowd.
    check(
        "Hundreds of trucks were throwing up dust on the ring road on Sunday.",
        &[],
    );
}
