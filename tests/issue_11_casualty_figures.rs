//! Issue 11 part 6: killed and injured figures as US local news writes
//! them, counted the way the Gun Violence Archive counts them. Every case is
//! an invented report and the killed and injured counts its main-event
//! figures must give: every such figure of a metric says exactly that
//! count (the claims of one report agree, so reconciliation's min and max
//! over them is the count), and no figure means 0.

mod common;

use chrono::NaiveDate;
use concord::extract::{ExtractionInput, Metric, extract};
use concord::report::Metadata;

fn check(report: &str, expected_killed: u64, expected_injured: u64) {
    common::check_casualties(None, report, expected_killed, expected_injured);
}

#[test]
fn shot_with_some_fatally() {
    check(
        "Police said the gunman shot six people, one fatally, outside a bowling alley on Friday night.",
        1,
        5,
    );
    check(
        "Four people were shot, two of them fatally, at a house party on Saturday.",
        2,
        2,
    );
}

#[test]
fn shot_then_some_died() {
    check(
        "Four people were shot near the river on Saturday, and two of them died at the hospital.",
        2,
        2,
    );
    check(
        "Five people were shot on Saturday night. One man died at the scene, police said.",
        1,
        4,
    );
}

#[test]
fn shot_none_fatally() {
    check(
        "Three people were shot, none fatally, near a park on Friday.",
        0,
        3,
    );
}

#[test]
fn one_victim_died_counts_only_without_a_number() {
    check(
        "A 15-year-old boy died after he was shot near a bus stop on Tuesday.",
        1,
        0,
    );
    // A number elsewhere counts the dead: the boy is one of them.
    check(
        "Two people were killed on Tuesday night. A 15-year-old boy died after he was shot near a bus stop.",
        2,
        0,
    );
}

#[test]
fn numbered_wounded_and_killed_with_others() {
    check(
        "Two men were wounded when someone opened fire on a porch on Sunday.",
        0,
        2,
    );
    check(
        "One man was killed and eight others wounded in a shooting at a block party on Saturday.",
        1,
        8,
    );
}

#[test]
fn pronounced_dead_and_shot_and_killed() {
    check(
        "A man was shot in the chest late Sunday. He was pronounced dead at the scene.",
        1,
        0,
    );
    check(
        "A man was shot and killed outside a gas station early Saturday.",
        1,
        0,
    );
    check(
        "A teenager was shot to death in a parking lot on Friday.",
        1,
        0,
    );
    check(
        "Police said a driver was fatally shot at an intersection on Friday.",
        1,
        0,
    );
}

#[test]
fn one_victim_hurt() {
    check(
        "A woman was taken to a hospital in serious condition after being shot on Friday.",
        0,
        1,
    );
    check(
        "The cashier suffered a gunshot wound to the leg during the robbery on Saturday.",
        0,
        1,
    );
    check(
        "A woman was shot in the arm while walking her dog on Sunday.",
        0,
        1,
    );
    check(
        "A man suffered non-life-threatening injuries in the shooting on Sunday.",
        0,
        1,
    );
    check("The victim is in stable condition, police said.", 0, 1);
}

#[test]
fn the_victim_later_died() {
    check(
        "Officers found a man lying in the street with wounds to his chest on Monday. The victim later died at a hospital.",
        1,
        0,
    );
}

#[test]
fn one_victim_in_several_sentences_counts_once() {
    check(
        "A man was shot and killed on Oak Street on Monday. The victim, 34, was pronounced dead at a hospital. \
         Police said the man died of a gunshot wound to the head.",
        1,
        0,
    );
    // Hurt, then dead: killed, not also injured.
    check(
        "A woman was shot on Friday and taken to a hospital in critical condition. She died on Saturday morning.",
        1,
        0,
    );
}

#[test]
fn a_second_victim_is_someone_else() {
    check(
        "A man was shot and later died on Friday. A second man was wounded in the hand.",
        1,
        1,
    );
}

#[test]
fn multiple_shootings_by_name() {
    check(
        "Police are investigating a double shooting on the east side on Sunday.",
        0,
        2,
    );
    check(
        "A triple shooting left a bar on Elm Street riddled with bullet holes early Sunday.",
        0,
        3,
    );
    check(
        "Investigators said the quadruple shooting on Saturday began as an argument.",
        0,
        4,
    );
}

#[test]
fn suspects_shot_by_police_count() {
    check(
        "A deputy fatally shot a man who pointed a rifle at him on Thursday.",
        1,
        0,
    );
    check(
        "An officer shot the suspect in the leg after a chase on Thursday.",
        0,
        1,
    );
}

#[test]
fn not_casualties() {
    check(
        "He ordered a shot of whiskey at the bar on Friday and left.",
        0,
        0,
    );
    check("Senators killed the bill in committee on Tuesday.", 0, 0);
    check(
        "No one was hurt in the shooting on Friday, police said.",
        0,
        0,
    );
    check(
        "Three men were shot at on Friday, but none of the bullets hit them.",
        0,
        0,
    );
}

#[test]
fn a_past_shooting_recalled_is_background() {
    check(
        "A woman was shot in the arm on Main Street on Friday. In 2019, a man was shot and killed at the same corner.",
        0,
        1,
    );
}

#[test]
fn more_ways_to_say_people_were_shot() {
    check(
        "Police said four kids were shot near a playground on Sunday evening.",
        0,
        4,
    );
    check(
        "An argument at a barbecue on Saturday sent six people to the hospital.",
        0,
        6,
    );
    check(
        "Two women were found with gunshot wounds in a parked car on Saturday.",
        0,
        2,
    );
    check(
        "One teen died and two others are listed in critical condition after the gunfire on Tuesday.",
        1,
        2,
    );
    check(
        "Three people were shot at a birthday party on Saturday night.",
        0,
        3,
    );
    check(
        "A boy accidentally shot himself in the foot at his home on Monday.",
        0,
        1,
    );
    check(
        "Deputies say a man shot his neighbor to death during an argument on Monday.",
        1,
        0,
    );
}

#[test]
fn a_pronoun_object_is_one_victim() {
    check(
        "A rifle went off as a Marion County hunter cleaned it on Sunday, killing him \
         instantly, in what deputies called an accidental shooting.",
        1,
        0,
    );
    check(
        "A man walked up to a woman at a bus stop in Gary on Friday and shot her in the arm, \
         police said.",
        0,
        1,
    );
}

#[test]
fn mortally_wounded_is_killed() {
    check(
        "Police said the gunman mortally wounded a clerk at a gas station in Joliet on Tuesday.",
        1,
        0,
    );
}

#[test]
fn a_shooting_that_left_one_person_injured() {
    check(
        "Investigators are looking into a drive-by shooting in Peoria on Saturday that left a \
         9-year-old girl injured.",
        0,
        1,
    );
}

#[test]
fn homicide_detectives_are_no_death() {
    // Many forces send their homicide unit to every shooting.
    check(
        "A 24-year-old man was shot in the leg on Sunday night in Gary, and homicide \
         detectives are investigating, police said.",
        0,
        1,
    );
}

#[test]
fn issue_12_a_victim_accidentally_shot_or_who_had_been_shot_is_injured() {
    // Seen on gva_dev: "was accidentally shot" and "he had been shot" left
    // the incident with no injured figure.
    check(
        "A child was accidentally shot in the leg at a relative's home on Wednesday night, deputies said.",
        0,
        1,
    );
    check(
        "A man called 911 around midnight and told dispatchers he had been shot behind a house on Elm Street.",
        0,
        1,
    );
    // "had shot": he fired; his neighbour was hit.
    check(
        "Investigators said he had shot his neighbour during an argument over a fence on Sunday.",
        0,
        1,
    );
}

/// The figures of `report`'s own news, as (metric, places).
fn scopes(report: &str) -> Vec<(Metric, Vec<String>)> {
    let metadata = Metadata::new();
    let extraction = extract(ExtractionInput {
        url: None,
        outlet: None,
        report_id: "scopes",
        text: report,
        title: None,
        published: NaiveDate::from_ymd_opt(2024, 6, 10),
        metadata: &metadata,
    });
    extraction
        .figures
        .iter()
        .filter(|f| !f.background)
        .map(|f| (f.metric, f.places.clone()))
        .collect()
}

/// A state named beside the report's city (in its dateline, or "a shooting
/// in Ohio") only locates the city: the casualties are the city's, so they
/// reach the city's incident instead of a state-wide one of their own.
#[test]
fn a_state_that_locates_the_main_city_is_not_the_figures_scope() {
    let dateline = "TOLEDO, Ohio — A man died of gunshot wounds outside a corner store on Sunday night, police said.\n\nNo arrests had been made by Monday morning.";
    assert_eq!(
        scopes(dateline),
        [(Metric::Killed, vec!["Toledo".to_string()])]
    );
    let in_the_state = "Two people were wounded in a shooting in Ohio on Sunday night, Toledo police said.\n\nOfficers found both of them outside a bar on Monroe Street in Toledo.";
    assert_eq!(
        scopes(in_the_state),
        [(Metric::Injured, vec!["Toledo".to_string()])]
    );
}

/// What did not happen, a statistic and the shooter are no casualties
/// (issue 11, session 13).
#[test]
fn counterfactuals_statistics_and_shooters_are_not_victims() {
    check(
        "A 7-year-old girl was shot in the back by a stray bullet on Sunday. Doctors said the bullet could have reached her heart and killed her.",
        0,
        1,
    );
    check(
        "A man was wounded in the leg outside a store on Friday. The city's homicide rate has doubled since last year.",
        0,
        1,
    );
    // "another child" is who fired, not a second victim.
    check(
        "A 3-year-old boy died at the hospital on Monday. Detectives want to know whether another child shot him.",
        1,
        0,
    );
}

/// More ways one victim is said to be hurt (session 13).
#[test]
fn one_victim_hurt_in_more_words() {
    // An age between commas is no count of people.
    check(
        "Officers later found Dana Reyes, 41, of Eastport, at a walk-in clinic with a gunshot wound to the arm.",
        0,
        1,
    );
    check(
        "Paramedics treated a hunter who was suffering from an accidental gunshot wound to his foot.",
        0,
        1,
    );
    check(
        "One man died and a second man is in the hospital after the shooting on Sunday.",
        1,
        1,
    );
}

/// A place that says where a person lives, or a state beside its own city,
/// is not where the casualties are (session 13).
#[test]
fn a_home_town_and_a_city_s_own_state_are_not_scopes() {
    let home = "HOLBROOK, Ariz. — A Winslow resident was shot dead outside a gas station late Friday.\n\nDeputies have not named a suspect.";
    assert_eq!(
        scopes(home),
        [(Metric::Killed, vec!["Holbrook".to_string()])]
    );
    let beside = "A man was wounded by a stray round near Bemidji, Minnesota, on Saturday.";
    assert_eq!(
        scopes(beside),
        [(Metric::Injured, vec!["Bemidji".to_string()])]
    );
}

/// Two people named together are two victims (session 13).
#[test]
fn two_people_named_together() {
    check(
        "A grandmother and her grandson were found dead in their kitchen on Monday, deputies said.",
        2,
        0,
    );
    check(
        "Reyes and Whitfield were shot and killed outside a bar on Friday night.",
        2,
        0,
    );
    check(
        "A man and a woman were wounded in a shooting near the river on Friday.",
        0,
        2,
    );
    check(
        "Investigators called it a double fatal shooting and asked witnesses to come forward.",
        2,
        0,
    );
    check(
        "Hikers came across two bodies near the trailhead on Sunday morning.",
        2,
        0,
    );
    // A longer list, or people who were not hurt, is no pair of victims.
    check(
        "Police, firefighters and paramedics were called to the scene on Friday.",
        0,
        0,
    );
}

/// Still more ways local news says who was hit (session 13).
#[test]
fn found_shot_remains_in_hospital_asides_and_others() {
    check(
        "A 57-year-old man was found shot to death behind a warehouse on Saturday morning.",
        1,
        0,
    );
    check(
        "The teen remains in the hospital after a stray bullet struck him on Friday.",
        0,
        1,
    );
    check(
        "Three people, including two teenagers, were wounded in a shooting on Tuesday morning, police said.",
        0,
        3,
    );
    // The three are hurt besides the two dead, not dead by their verb.
    check(
        "Two men are dead and three others are in the hospital with gunshot wounds, police said.",
        2,
        3,
    );
    check(
        "Four people were confirmed to have been shot near the stadium on Friday.",
        0,
        4,
    );
    // A date's number counts no one: the victim is the one who died.
    check(
        "The victim who suffered a gunshot wound in the break-in on November 18 has died, the coroner said.",
        1,
        0,
    );
}
