//! Issue 12 (people's names as evidence), session 29. Since extraction
//! reads a census given name and a surname as a person (issue 11), most US
//! local news names somebody, and so do reports of different incidents:
//! a police spokesman, a governor, a footballer who played two matches.
//! A name shared by two reports says they tell one incident only when it
//! is a private person's, and what marks one in news is the age the report
//! gives ("Marcus Reed, 24,"): the victim, the suspect. So the people
//! comparison weighs the people named with an age; the others are still
//! extracted and shown. On ecb_dev (whose events come in pairs that share
//! their famous people) weighing every name found lowered B-cubed precision
//! from 0.925 to 0.911.
//!
//! The reports are invented, in our own words.

mod cluster_common;

use cluster_common::*;

const STORY: &str = "A man was shot twice outside a corner store late on Saturday and \
    died at a hospital, police said. Officers found shell casings in the alley.";

#[test]
fn issue_12_a_person_named_with_an_age_by_both_reports_weighs() {
    let a = chicago_shooting(1, "a", "Man killed outside corner store", STORY)
        .person("Darnell Whitfield", "darnel whitfield", Some(31))
        .build();
    let b = chicago_shooting(2, "b", "Police name man shot near store", STORY)
        .person("Darnell Whitfield", "darnel whitfield", Some(31))
        .build();
    assert_eq!(level_of(&a, &b, "people").as_deref(), Some("people_shared"));
}

#[test]
fn issue_12_a_name_given_without_an_age_does_not_weigh() {
    // The department's spokesman speaks for every shooting of the month.
    let a = chicago_shooting(1, "a", "Man killed outside corner store", STORY)
        .person("Officer Janelle Brooks", "janele broks", None)
        .build();
    let b = chicago_shooting(2, "b", "Police name man shot near store", STORY)
        .person("Officer Janelle Brooks", "janele broks", None)
        .build();
    assert_eq!(level_of(&a, &b, "people"), None);
}

#[test]
fn issue_12_two_different_people_with_ages_are_no_contradiction() {
    let a = chicago_shooting(1, "a", "Man killed outside corner store", STORY)
        .person("Darnell Whitfield", "darnel whitfield", Some(31))
        .build();
    let b = chicago_shooting(2, "b", "Police name man shot near store", STORY)
        .person("Terrell Moss", "terel mos", Some(19))
        .build();
    assert_eq!(
        level_of(&a, &b, "people").as_deref(),
        Some("people_different")
    );
}
