//! Issue 11, session 30: a sub-place's name is the place and nothing more.
//! On gva_dev about one sub-place in twenty-five carried what followed it
//! in the sentence: the weekday ("Shawnee Park Thursday", "the 3800 block
//! of ... Street Friday"), an office and its holder ("District Court Judge
//! ...", "Assistant District Attorney ..."), a charge ("... Street for
//! Disorderly Conduct"), or was a person after a title ("Captain ...
//! Hall"). Two reports' sub-places are compared when they are clustered, so
//! a weekday in one name kept two reports of one street apart. Every report
//! here is invented for this test.

mod common;

use chrono::NaiveDate;
use concord::extract::model::FoundPlaceLevel;

/// The sub-places of `text`, as written, in text order.
fn sub_places(text: &str) -> Vec<String> {
    let extraction = common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 5, 2));
    extraction
        .places
        .iter()
        .filter(|p| p.level == FoundPlaceLevel::SubPlace)
        .map(|p| p.text.clone())
        .collect()
}

fn check(text: &str, expected: &[&str], absent: &[&str]) {
    let found = sub_places(text);
    for want in expected {
        assert!(found.iter().any(|f| f == want), "{want} not in {found:?}");
    }
    for unwanted in absent {
        assert!(
            !found.iter().any(|f| f.contains(unwanted)),
            "{unwanted} in {found:?}"
        );
    }
}

#[test]
fn issue_11_a_weekday_or_a_dated_month_after_a_place_is_not_its_name() {
    check(
        "Two men were shot near Larkspur Park Thursday night in Dayton, Ohio, police said.",
        &["Larkspur Park"],
        &["Thursday"],
    );
    check(
        "A woman was wounded in the 2100 block of Quail Run Road Sunday in Dayton, Ohio.",
        &["the 2100 block of Quail Run Road"],
        &["Sunday"],
    );
    check(
        "The victim was taken to Harbor Crest Medical Center Friday in Dayton, Ohio.",
        &["Harbor Crest Medical Center"],
        &["Friday"],
    );
    check(
        "Officers were called to Tamarack Street June 4 in Dayton, Ohio.",
        &["Tamarack Street"],
        &["June"],
    );
}

#[test]
fn issue_11_an_office_and_its_holder_are_no_sub_place() {
    check(
        "In Dayton, Ohio, District Court Judge Helen Marsh set bond at $50,000. \
         Assistant District Attorney Paul Brandt said the case would go to a grand jury.",
        &[],
        &["Judge", "Attorney", "Marsh", "Brandt"],
    );
    check(
        "In Dayton, Ohio, the Greene County District Attorney's Office filed charges.",
        &[],
        &["Attorney"],
    );
    check(
        "Captain Roy Hall of the Dayton Police Department in Dayton, Ohio, said two were hurt.",
        &[],
        &["Hall"],
    );
}

#[test]
fn issue_11_a_street_name_ends_at_its_street_word() {
    check(
        "In Dayton, Ohio, he was arrested on Fenwick Street for disorderly conduct, \
         then again on Alder Street for Disorderly Conduct.",
        &["Fenwick Street", "Alder Street"],
        &["Conduct"],
    );
    check(
        "The shooting was at Crescent Avenue and Dr. King Boulevard in Dayton, Ohio.",
        &["Crescent Avenue"],
        &["Crescent Avenue and Dr"],
    );
}

#[test]
fn issue_11_names_that_keep_their_words() {
    // An institution's "for", a street written "Dr", a church of a saint
    // and a building named after a sheriff are whole names.
    check(
        "Staff of the Valley Center for Family Services on Orchard Memorial Dr in Dayton, Ohio, \
         called police; a vigil was held at Saint Brendan's Catholic Church and the man was \
         taken to the Sheriff Tom Lyle Detention Center.",
        &[
            "Valley Center for Family Services",
            "Orchard Memorial Dr",
            "Saint Brendan's Catholic Church",
        ],
        &[],
    );
}
