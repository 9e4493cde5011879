//! Issue 11, session 34, from gva_dev's and lgl_dev's misses.
//!
//! One report means one county by one name: once it writes "SULLIVAN
//! COUNTY, Ind.", the same county written alone later is Indiana's, and
//! votes for Indiana whole, not a sixth for each of the six states with a
//! Sullivan County. Before, those sixths kept Indiana under the share that
//! makes it the report's state, and "of Graysville" became Graysville,
//! Tennessee rather than an Indiana town the gazetteer lacks.
//!
//! A county and a town that each fit several states are one place only
//! where they lie together: "near Huntsville ... Walker County deputies"
//! is Texas (Huntsville is Walker County's seat), not Alabama, where a
//! bigger Huntsville and another Walker County lie 150 km apart.
//!
//! A country's capital is what its name means first: "Washington" beside
//! a list of states had been Washington, North Carolina, and a "WASHINGTON
//! --" dateline over a story that mentions Iowa Washington, Iowa. Each
//! pattern in an invented report written for this test.

mod common;

use chrono::NaiveDate;

fn places_of(report: &str) -> Vec<(String, Option<String>, String)> {
    common::extract_text(report, None, NaiveDate::from_ymd_opt(2016, 9, 6))
        .places
        .into_iter()
        .map(|place| (place.text, place.admin1, format!("{:?}", place.level)))
        .collect()
}

fn check(report: &str, expected: &[(&str, &str, &str)]) {
    let expected: Vec<(String, Option<String>, String)> = expected
        .iter()
        .map(|(text, admin1, level)| {
            (
                text.to_string(),
                // A country has no first-level region: written "".
                (!admin1.is_empty()).then(|| admin1.to_string()),
                level.to_string(),
            )
        })
        .collect();
    assert_eq!(places_of(report), expected, "{report}");
}

#[test]
fn a_county_written_with_its_state_once_is_that_states_county_throughout() {
    check(
        "Boy, 14, dies in Sullivan County shooting\n\nSULLIVAN COUNTY, Ind. -- A \
         14-year-old boy died after he was shot in a wooded lot behind his home on \
         Monday, Sullivan County deputies said. Kyle Dorsey, 14, of Graysville, died \
         at the scene.",
        &[
            ("Sullivan County", "Indiana", "County"),
            ("SULLIVAN COUNTY", "Indiana", "County"),
            ("Ind.", "Indiana", "Region"),
            ("Sullivan County", "Indiana", "County"),
            // An Indiana town the gazetteer lacks, not Graysville,
            // Tennessee.
            ("Graysville", "Indiana", "SubPlace"),
        ],
    );
}

#[test]
fn the_capital_outranks_a_small_namesake_in_a_state_the_report_mentions() {
    check(
        "Fireball seen over three states\n\nA fireball lit up the sky on Sunday night, \
         said an astronomer at the naval observatory in Washington. People in parts of \
         Virginia, Maryland and North Carolina reported a boom.",
        &[
            ("Washington", "District of Columbia", "City"),
            ("Virginia", "Virginia", "Region"),
            ("Maryland", "Maryland", "Region"),
            ("North Carolina", "North Carolina", "Region"),
        ],
    );
}

#[test]
fn a_dateline_standing_alone_is_the_capital() {
    check(
        "House backs a tax on bonuses\n\nWASHINGTON -- Lawmakers voted on Thursday to \
         tax bonuses paid by bailed-out banks. A senator from Iowa said the Senate \
         would take the bill up next week.",
        &[
            ("WASHINGTON", "District of Columbia", "City"),
            ("Iowa", "Iowa", "Region"),
        ],
    );
    // With its state written after it, a small town's dateline is that
    // town.
    check(
        "Council backs a new levy\n\nWASHINGTON, Iowa -- The city council voted on \
         Thursday to raise the levy for the fire station.",
        &[("WASHINGTON", "Iowa", "City"), ("Iowa", "Iowa", "Region")],
    );
}

#[test]
fn a_country_named_like_its_capital_stays_the_country() {
    // GeoNames gives Andorra la Vella the alternate name "Andorra" (and
    // Mexico City "Mexico"): the capital's weight must not make the city
    // of the country's own name.
    check(
        "Police detain 82 at rallies across Andorra\n\nLES ESCALDES, Andorra -- Police \
         in Andorra detained at least 82 people on Wednesday during opposition rallies.",
        &[
            ("Andorra", "", "Country"),
            ("LES ESCALDES", "Escaldes-Engordany", "City"),
            ("Andorra", "", "Country"),
            ("Andorra", "", "Country"),
        ],
    );
}

#[test]
fn a_county_and_a_town_that_lie_together_are_that_states() {
    check(
        "Inmate walks away from work crew\n\nA prison inmate walked away from a work \
         crew near Huntsville on Tuesday, Walker County deputies said. He was caught two \
         hours later.",
        &[
            ("Huntsville", "Texas", "City"),
            ("Walker County", "Texas", "County"),
        ],
    );
    check(
        "Council backs new park\n\nThe Paris City Council voted on Monday to buy land \
         for a park, and Henry County commissioners will vote on their share next week.",
        &[
            ("Paris", "Tennessee", "City"),
            ("Henry County", "Tennessee", "County"),
        ],
    );
}
