//! Issue 11 (session 13): killed and injured that only a report's title
//! states, and headlines that drop the auxiliary ("Teen killed in ...").
//! On US local news many saved pages keep the story's title and lose its
//! body to a paywall or sign-up notice; a feed item is often a title and a
//! line. Every case is an invented report in our own words.

mod common;

use chrono::NaiveDate;
use concord::extract::{Extraction, ExtractionInput, Metric, QuotedFrom, extract};
use concord::report::Metadata;
use serde_json::Value;

use common::{concord, stdout_of};

fn extract_with_title(title: &str, body: &str) -> Extraction {
    let metadata = Metadata::new();
    extract(ExtractionInput {
        url: None,
        outlet: None,
        report_id: "titled",
        text: body,
        title: Some(title),
        published: NaiveDate::from_ymd_opt(2024, 6, 10),
        metadata: &metadata,
    })
}

fn check(title: &str, body: &str, expected_killed: u64, expected_injured: u64) {
    common::check_casualties(Some(title), body, expected_killed, expected_injured);
}

const PAYWALL: &str =
    "Subscribe today for unlimited access to local news.\n\nAlready a member? Sign in below.\n";

#[test]
fn a_paywalled_page_counts_what_its_title_says() {
    check("Teen killed in Riverton shooting", PAYWALL, 1, 0);
    check(
        "1 dead, 4 hurt after gunfire at Riverton block party - Riverton Gazette",
        PAYWALL,
        1,
        4,
    );
    check(
        "Girl, 5, wounded by stray bullet on Riverton porch",
        PAYWALL,
        0,
        1,
    );
    let extraction = extract_with_title("Teen killed in Riverton shooting", PAYWALL);
    let killed = extraction
        .figures
        .iter()
        .find(|f| f.metric == Metric::Killed)
        .expect("a killed figure");
    assert_eq!(killed.quoted_from, QuotedFrom::Title);
    assert_eq!(killed.quote, "Teen killed");
}

#[test]
fn the_text_comes_first_and_the_title_fills_only_what_it_leaves_out() {
    // The text counts its own: the title's rounder number is not read.
    check(
        "3 shot near Riverton park",
        "Two men were wounded near the park on Monday night, police said.",
        0,
        2,
    );
    // The text says only that someone was shot; the title says he died:
    // one man killed, not one killed and one hurt.
    check(
        "Man killed in Riverton shooting",
        "A man was shot on Elm Street on Tuesday night, police said.",
        1,
        0,
    );
    // The title's one hurt is the text's one dead before he died.
    check(
        "Teen shot in Millbrook",
        "The 15-year-old died at the hospital on Sunday, police said.",
        1,
        0,
    );
    // The text counts the people shot, the title the dead among them.
    check(
        "1 dead after Riverton shooting",
        "Four people were shot on Elm Street on Tuesday night, police said.",
        1,
        3,
    );
}

#[test]
fn headlines_without_an_auxiliary() {
    check(
        "Woman killed, man badly hurt in Millbrook shooting",
        PAYWALL,
        1,
        1,
    );
    check("Man shot, killed outside Millbrook bar", PAYWALL, 1, 0);
    check(
        "Boy, 6, fatally shoots himself with father's pistol",
        PAYWALL,
        1,
        0,
    );
    // A title written without capitals is read as a title all the same.
    check("toddler shot and killed at millbrook home", PAYWALL, 1, 0);
    // An active verb with its object is not a victim: the gunman shot at
    // people, and the only one said dead is himself.
    check(
        "Millbrook gunman shot at two officers before killing himself",
        PAYWALL,
        1,
        0,
    );
    // A pronoun and a past verb are an active clause, not a headline's
    // victim.
    check("He shot in the air, police say", PAYWALL, 0, 0);
    // Prose keeps its auxiliaries: the man who killed is no victim.
    check(
        "Police report",
        "The man killed his neighbour's dog on Sunday, deputies said.",
        0,
        0,
    );
}

#[test]
fn audit_shows_a_title_figure_as_quoted_from_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let report = serde_json::json!({
        "id": "riverton-gazette-teen-killed",
        "outlet": "Riverton Gazette",
        "published": "2024-06-10",
        "title": "Teen killed in Riverton shooting",
        "text": "Subscribe today for unlimited access to local news from Riverton, Wyoming.\n\nAlready a member? Sign in below.\n",
    });
    let input = dir.path().join("page.json");
    std::fs::write(&input, report.to_string()).unwrap();
    concord(&db).args(["ingest"]).arg(&input).assert().success();
    let incidents: Vec<Value> = stdout_of(concord(&db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let incident = incidents
        .iter()
        .find(|i| i["figures"]["killed"].is_object())
        .unwrap_or_else(|| panic!("an incident with a killed figure: {incidents:?}"));
    assert_eq!(incident["figures"]["killed"]["min"], 1);
    let id = incident["id"].as_str().unwrap();
    let audit: Value = serde_json::from_str(&stdout_of(
        concord(&db).args(["audit", id, "killed", "--json"]),
    ))
    .unwrap();
    let claim = &audit["metrics"][0]["claims"][0];
    assert_eq!(claim["quoted_from"], "title", "{audit}");
    assert_eq!(claim["quote"], "Teen killed");
    assert_eq!(
        claim["marked_sentence"],
        "title: «Teen killed» in Riverton shooting"
    );
    let text = stdout_of(concord(&db).args(["audit", id, "killed"]));
    assert!(
        text.contains("title: «Teen killed» in Riverton shooting"),
        "{text}"
    );
}

#[test]
fn a_headline_naming_two_victims() {
    check("Mother, son found dead inside Riverton home", PAYWALL, 2, 0);
    check("Husband, wife killed in Millbrook shooting", PAYWALL, 2, 0);
}

#[test]
fn a_title_case_headline_and_shoots_self() {
    // Every word of a title-case headline is capitalised: "Being" is no
    // second victim's name.
    check(
        "Riverton Boy Dies After Being Accidentally Shot",
        PAYWALL,
        1,
        0,
    );
    check("Man accidentally shoots himself in Riverton", PAYWALL, 0, 1);
    check("Girl, 7, Shoots Self With Uncle's Pistol", PAYWALL, 0, 1);
    // A rare capitalised word reads as the victim's name.
    check("Whitfield Shot Outside Riverton Bar", PAYWALL, 0, 1);
}
