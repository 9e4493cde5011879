//! Issue 12, session 24: reports are blocked by month, and only reports of
//! one block are ever compared. A report that states no day of its own was
//! blocked by its publication day, so a story of a shooting on the 31st,
//! published on the 1st without a day, never met the reports that said
//! "Sunday night" of the 31st (gva_dev: 27 same-shooting pairs lay one to
//! three days apart across a month's end). It is now blocked with the day
//! before its publication. The reports are invented.

mod common;

use chrono::NaiveDate;
use common::{extract_text, incidents_of};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Told on Monday 2016-08-01 of Sunday night, 2016-07-31.
const WITH_ITS_DAY: &str = "A 31-year-old man was shot and killed Sunday night in the \
    parking lot of the Larkspur Diner on Quillen Road in Tacoma, police said. Officers found \
    Dorian Vell beside his car with gunshot wounds to the chest; he died at the scene. \
    Detectives are looking for a silver sedan seen leaving the lot.";

/// The same shooting, published the same Monday, stating no day at all.
const WITHOUT_A_DAY: &str = "Tacoma police are investigating the shooting death of a man in \
    the parking lot of the Larkspur Diner on Quillen Road. Dorian Vell, 31, was found beside \
    his car with gunshot wounds to the chest and died at the scene. Detectives asked anyone \
    who saw a silver sedan leave the lot to call them.";

#[test]
fn issue_12_a_report_without_a_day_published_on_the_first_meets_the_last_day_of_the_month() {
    // The path under test: one report's day is the month's last, the
    // other states none and is published on the next month's first.
    let dated = extract_text(WITH_ITS_DAY, None, Some(day("2016-08-01")));
    let date = dated.main.date.as_ref().expect("a main date");
    assert_eq!(date.date, Some(day("2016-07-31")));
    let undated = extract_text(WITHOUT_A_DAY, None, Some(day("2016-08-01")));
    assert!(
        undated.main.date.is_none(),
        "the second report states no day: {:?}",
        undated.main.date
    );

    let incidents = incidents_of(&[
        (
            "dated",
            "2016-08-01",
            "Man shot dead outside Tacoma diner",
            WITH_ITS_DAY,
        ),
        (
            "undated",
            "2016-08-01",
            "Police investigate diner parking lot killing",
            WITHOUT_A_DAY,
        ),
    ]);
    assert!(
        incidents.contains(&vec!["dated".to_string(), "undated".to_string()]),
        "one incident of both reports: {incidents:?}"
    );
}
