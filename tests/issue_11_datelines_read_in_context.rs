//! Issue 11, session 24: a dateline is read before the rest of the report,
//! so a bare "BRISTOL (AP) -" was the most populous Bristol, in England,
//! and voted for the United Kingdom; the report's other words then read
//! the same "BRISTOL" as Bristol, Tennessee, but the dateline's English
//! city stayed the shooting's place (gva_dev: Bristol, Taunton, Hamilton,
//! Lima and Arnold were placed in England, Canada and Peru). Now a bare
//! name that towns of several countries bear votes for no country, and the
//! dateline is the place the report reads its word as, when that lies in
//! another country. The reports are invented.

mod common;

use chrono::NaiveDate;
use concord::extract::Extraction;

fn run(text: &str) -> Extraction {
    common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 7, 8))
}

use common::main_place_and_country as main_place;

#[test]
fn issue_11_a_bare_dateline_is_the_namesake_the_report_points_at() {
    let report = "BRISTOL (WKPT) - A driver fired at passing cars on Interstate 81 on \
                  Thursday, killing one woman and wounding two men, the Tennessee Highway \
                  Patrol said. Deputies from Sullivan County and officers from Kingsport \
                  arrested the man near the Virginia line.";
    let extraction = run(report);
    assert_eq!(
        main_place(&extraction),
        ("Bristol".to_string(), "US".to_string())
    );
    let dateline = extraction.main.dateline.as_ref().expect("a dateline");
    assert_eq!(dateline.country_code, "US", "{dateline:#?}");
}

#[test]
fn issue_11_a_dateline_of_a_name_in_two_countries_votes_for_neither() {
    let report = "TAUNTON (WBZ) - A 24-year-old man died and three others were hurt in a \
                  shooting on Weir Street on Saturday, the Bristol County District \
                  Attorney's office said. Massachusetts State Police are investigating.";
    let extraction = run(report);
    assert_eq!(
        main_place(&extraction),
        ("Taunton".to_string(), "US".to_string())
    );
}

#[test]
fn issue_11_a_dateline_abroad_stays_abroad() {
    let report = "TAUNTON, England - Two men were stabbed outside a pub in the Somerset \
                  town on Saturday night, Avon and Somerset police said.";
    let extraction = run(report);
    assert_eq!(
        main_place(&extraction),
        ("Taunton".to_string(), "GB".to_string())
    );
}
