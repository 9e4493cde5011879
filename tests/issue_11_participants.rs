//! Issue 11, session 9: the crowd of a protest note, counted more often and
//! with vague orders of magnitude read as the order they name ("hundreds"
//! = 100 to 999, `figures/4`). Every note below is invented.

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;

use common::participants;

/// The day every note below is read as published.
fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2021, 4, 12)
}

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, published())
}

fn check(text: &str, expected: &[(u64, Option<u64>)]) {
    common::assert_participants(text, published(), expected);
}

#[test]
fn issue_11_hundreds_of_protesters_is_a_participants_range() {
    check(
        "hundreds of protesters gathered outside the port authority on monday.",
        &[(100, Some(999))],
    );
    check(
        "Thousands of nurses marched to the ministry of health on Monday.",
        &[(1_000, Some(9_999))],
    );
    check(
        "tens of thousands of pensioners rallied in the capital on monday.",
        &[(10_000, Some(99_999))],
    );
    check(
        "hundreds of thousands of voters filled the avenue on monday.",
        &[(100_000, Some(999_999))],
    );
    // Not orders of magnitude: two dozen, three hundred at the least.
    check(
        "dozens of fishermen blocked the harbour mouth on monday.",
        &[(24, Some(99))],
    );
    check(
        "several hundred cyclists rode slowly through the centre in protest on monday.",
        &[(300, Some(999))],
    );
}

#[test]
fn issue_11_vague_orders_of_magnitude_follow_the_policy() {
    use concord::extract::FigurePolicy;
    let order = |phrase: &str| FigurePolicy::vague(phrase).map(|v| (v.lo, v.hi));
    assert_eq!(order("hundreds"), Some((100, Some(999))));
    assert_eq!(order("thousands"), Some((1_000, Some(9_999))));
    assert_eq!(order("tens of thousands"), Some((10_000, Some(99_999))));
    assert_eq!(
        order("hundreds of thousands"),
        Some((100_000, Some(999_999)))
    );
    assert_eq!(order("millions"), Some((1_000_000, None)));
    assert_eq!(order("dozens"), Some((24, Some(99))));
    assert_eq!(concord::extract::FIGURE_POLICY_VERSION, "figures/4");
}

#[test]
fn issue_11_short_and_invariant_demonyms_are_the_crowd() {
    check(
        "thousands of serbs protested outside the courthouse on monday.",
        &[(1_000, Some(9_999))],
    );
    check(
        "some 3,000 sudanese marched on the governor's office on monday.",
        &[(2_700, Some(3_300))],
    );
    // A demonym before a listed noun is its adjective: the noun still
    // counts the people.
    check(
        "about 400 sudanese migrants staged a sit-in at the border post on monday.",
        &[(360, Some(440))],
    );
    check(
        "around 90 fishermen blocked the canal with their boats on monday.",
        &[(81, Some(99))],
    );
}

#[test]
fn issue_11_a_crowd_of_a_plural_the_lists_lack_is_counted_by_its_verb() {
    check(
        "hundreds of tenants marched to the housing office on monday.",
        &[(100, Some(999))],
    );
    check(
        "thousands of shepherds who converged on the provincial capital demanded grazing rights.",
        &[(1_000, Some(9_999))],
    );
    // Things are not a crowd.
    check(
        "hundreds of leaflets were handed out at the station on monday.",
        &[],
    );
}

#[test]
fn issue_11_dispersing_a_crowd_is_no_hypothetical() {
    check(
        "officers used water cannon to disperse about 2,000 demonstrators in front of the city hall on friday.",
        &[(1_800, Some(2_200))],
    );
    // A plan is still a plan.
    check(
        "the union said it would bring 5,000 members to the square next week.",
        &[],
    );
}

#[test]
fn issue_11_a_protest_by_or_involving_the_crowd() {
    check(
        "riot police ended a noisy protest on friday by hundreds of market women near the bus station.",
        &[(100, Some(999))],
    );
    check(
        "a noisy protest involving about 150 taxi drivers closed the bridge on monday.",
        &[(135, Some(165))],
    );
    check(
        "an angry throng of more than 300 villagers surrounded the mine office on monday.",
        &[(301, None)],
    );
}

#[test]
fn issue_11_protest_nouns_written_as_two_words() {
    check(
        "about 120 porters held a sit in inside the station concourse on friday.",
        &[(108, Some(132))],
    );
    check(
        "some 2,000 parents formed a human chain from the school gate to the bridge on friday.",
        &[(1_800, Some(2_200))],
    );
    check(
        "the demonstrators, numbering more than 500, walked from the stadium to the port on friday.",
        &[(501, None)],
    );
}

#[test]
fn issue_11_a_number_in_a_name_is_not_the_crowd() {
    // "phase 2" names a scheme; the residents after the comma are a new
    // subject, and the note gives no count of them.
    check(
        "against the ring road scheme called phase 2, residents have picketed the town hall every saturday.",
        &[],
    );
}

#[test]
fn issue_11_a_one_paragraph_note_is_dated_by_its_first_sentence() {
    let extraction = run(
        "some 4,000 people gathered friday in the main square to demand the mayor's resignation. \
         the rally followed the council's vote on the budget thursday.",
    );
    assert_eq!(
        extraction.main.date.as_ref().and_then(|d| d.date),
        NaiveDate::from_ymd_opt(2021, 4, 9)
    );
    assert_eq!(participants(&extraction), vec![(3_600, Some(4_400))]);
}

#[test]
fn issue_11_participants_notes_never_panic_on_odd_text() {
    for text in [
        "hundreds of",
        "thousands of who",
        "hundreds of x who",
        "to disperse",
        "a protest by",
        "involving",
        "known as 7,",
        "a sit",
        "human chain",
        "go slow",
    ] {
        let _ = run(text);
    }
}

#[test]
fn issue_11_arriving_is_not_taking_part() {
    // People who reach a hospital or a scene are no crowd of a protest.
    check(
        "two more victims arrived at the county hospital in a friend's car on monday.",
        &[],
    );
    check(
        "four officers arrived at the warehouse minutes after the alarm on monday.",
        &[],
    );
}

#[test]
fn issue_11_things_that_block_or_fill_are_not_a_crowd() {
    check(
        "hundreds of tractors blocked the ring road outside the ministry on monday.",
        &[],
    );
    check(
        "dozens of fireworks filled the sky above the harbour on monday.",
        &[],
    );
    // The same verbs still count people the lists name.
    check(
        "hundreds of farmers blocked the ring road outside the ministry on monday.",
        &[(100, Some(999))],
    );
}

#[test]
fn issue_11_one_person_barricading_himself_is_no_crowd() {
    check(
        "a gunman wounded his neighbour and two others on monday, then barricaded himself in the garage.",
        &[],
    );
}

#[test]
fn issue_11_a_one_paragraph_lede_does_not_date_what_followed() {
    // The first sentence dates a death that followed the shooting: its day
    // gets no lede weight, and the later sentence dates the event.
    let extraction = run(
        "A 2-year-old boy died on Sunday after he was shot by his uncle. \
         The uncle killed himself after a standoff with deputies on Thursday.",
    );
    assert_eq!(
        extraction.main.date.as_ref().and_then(|d| d.date),
        NaiveDate::from_ymd_opt(2021, 4, 8)
    );
}
