//! Issue 11, part 4: reports written all in lowercase (data-set notes) or in
//! ALL CAPS are read through a recased view, so places, dates and figures
//! come out as they do from ordinary text, and every span still indexes the
//! original bytes. The notes below are invented.

mod common;

use chrono::NaiveDate;
use concord::extract::{CaselessKind, Extraction, Metric, recase_all, recase_caseless};
use concord::gazetteer::Gazetteer;
use proptest::prelude::*;

fn run(text: &str, published: Option<&str>) -> Extraction {
    let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").expect("date"));
    common::extract_text(text, None, published)
}

/// Extracts `text` published on `published` and checks the main place,
/// country and date (`None`: expected absent).
fn check(
    text: &str,
    published: &str,
    expected_place: Option<&str>,
    expected_country: Option<&str>,
    expected_date: Option<&str>,
) {
    let extraction = run(text, Some(published));
    let main = &extraction.main;
    assert_eq!(
        main.place.as_ref().map(|p| p.name.as_str()),
        expected_place,
        "place of {text:?}"
    );
    assert_eq!(
        main.country.as_deref(),
        expected_country,
        "country of {text:?}"
    );
    assert_eq!(
        main.date.as_ref().and_then(|d| d.display()).as_deref(),
        expected_date,
        "date of {text:?}"
    );
    // The quote of the main date is cut from the original, unrecased text.
    if let Some(date) = &main.date
        && !date.text.is_empty()
    {
        assert_eq!(&text[date.span[0]..date.span[1]], date.text);
    }
    assert!(
        extraction
            .diagnostics
            .iter()
            .any(|d| d.contains("caseless") || d.contains("ALL CAPS")),
        "no caseless diagnostic for {text:?}: {:?}",
        extraction.diagnostics
    );
}

#[test]
fn lowercase_notes_give_place_country_and_date() {
    // 2020-02-22 was a Saturday.
    check(
        "police in almaty detained up to 100 activists saturday",
        "2020-02-24",
        Some("Almaty"),
        Some("Kazakhstan"),
        Some("2020-02-22"),
    );
    check(
        "thousands of protesters marched through new york on monday against the new law.",
        "2020-02-25",
        Some("New York City"),
        Some("United States"),
        Some("2020-02-24"),
    );
    check(
        "workers across south africa stayed home on dec 16 & 17 in a strike called by the unions.",
        "2019-12-20",
        Some("South Africa"),
        Some("South Africa"),
        Some("2019-12-16"),
    );
    check(
        "hundreds rallied outside parliament in kyiv yesterday to demand the minister resign.",
        "2020-06-06",
        Some("Kyiv"),
        Some("Ukraine"),
        Some("2020-06-05"),
    );
}

#[test]
fn lowercase_periods_keep_their_precision() {
    // "last month" is a month, said to be earlier than the news: the
    // figure is dated May, and May is not taken for the main day.
    let extraction = run(
        "hundreds rallied outside parliament in kyiv last month to demand the minister resign.",
        Some("2020-06-06"),
    );
    let figure = extraction
        .figures
        .iter()
        .find(|f| f.quote == "hundreds")
        .expect("the hundreds");
    assert_eq!(
        figure.date.as_ref().and_then(|d| d.display()).as_deref(),
        Some("2020-05")
    );
    assert_eq!(extraction.main.date, None);
    assert_eq!(extraction.main.country.as_deref(), Some("Ukraine"));
}

#[test]
fn ordinary_words_that_name_places_stay_words() {
    // "nice" and "police" are towns too; "lagos" is the place.
    check(
        "police said nice weather drew some 2,000 people to a march in lagos on friday.",
        "2020-02-22",
        Some("Lagos"),
        Some("Nigeria"),
        Some("2020-02-21"),
    );
    // "nice" is the town when a preposition and its country say so.
    check(
        "about 300 nurses protested in nice, france, on 21 february against the closure of a ward.",
        "2020-02-24",
        Some("Nice"),
        Some("France"),
        Some("2020-02-21"),
    );
}

#[test]
fn shouting_notes_and_headlines_are_read() {
    check(
        "POLICE IN ALMATY DETAINED UP TO 100 ACTIVISTS ON SATURDAY.",
        "2020-02-24",
        Some("Almaty"),
        Some("Kazakhstan"),
        Some("2020-02-22"),
    );
    let text = "PROTESTERS RALLY IN NAIROBI OVER FUEL PRICES\nPolice in Nairobi detained 40 people on Saturday, officials said.";
    check(
        text,
        "2020-02-24",
        Some("Nairobi"),
        Some("Kenya"),
        Some("2020-02-22"),
    );
    let extraction = run(text, Some("2020-02-24"));
    // The headline is given as written.
    assert_eq!(
        extraction.headline.as_deref(),
        Some("PROTESTERS RALLY IN NAIROBI OVER FUEL PRICES")
    );
}

#[test]
fn ordinary_text_is_not_read_as_caseless() {
    for text in [
        "Police in Almaty detained up to 100 activists on Saturday, the AP said.",
        "ALMATY, Kazakhstan — About 300 people rallied on Sunday, organisers said.",
        "Hundreds rallied in Chicago. NATO and the UN said nothing.",
    ] {
        assert!(
            recase_caseless(text, Gazetteer::global()).is_none(),
            "{text}"
        );
        let extraction = run(text, Some("2020-02-24"));
        assert!(
            !extraction
                .diagnostics
                .iter()
                .any(|d| d.contains("caseless") || d.contains("ALL CAPS")),
            "{text}: {:?}",
            extraction.diagnostics
        );
    }
    let shouting = recase_caseless(
        "RIOT POLICE DISPERSE CROWD\nText below.",
        Gazetteer::global(),
    )
    .expect("a shouting line");
    assert_eq!(shouting.kind, CaselessKind::UppercaseLines);
}

#[test]
fn participant_figures_in_lowercase_text() {
    let extraction = run(
        "thousands of protesters took part in a rally in almaty on saturday. some 2,000 people marched in shymkent. hundreds rallied in aktobe.",
        Some("2020-02-24"),
    );
    let figures: Vec<(&str, u64, Option<u64>)> = extraction
        .figures
        .iter()
        .filter(|f| f.metric == Metric::Participants)
        .map(|f| (f.quote.as_str(), f.lo, f.hi))
        .collect();
    for quote in ["thousands", "some 2,000", "hundreds"] {
        assert!(
            figures.iter().any(|(q, _, _)| *q == quote),
            "{quote} missing from {figures:?}"
        );
    }
}

/// Whether `view` equals `text` but for the case of ASCII letters and the
/// apostrophes put back before a lone "s" (session 28: "edinburgh s
/// streets" reads as "edinburgh's streets"), byte for byte.
fn differs_only_in_ascii_case(text: &str, view: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == view.len()
        && bytes
            .iter()
            .zip(view.bytes())
            .enumerate()
            .all(|(i, (&a, b))| {
                a == b
                    || (a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b))
                    || (a == b' '
                        && b == b'\''
                        && bytes
                            .get(i + 1)
                            .is_some_and(|s| s.eq_ignore_ascii_case(&b's'))
                        && !bytes.get(i + 2).is_some_and(|c| c.is_ascii_alphanumeric()))
            })
}

const WORDS: &[&str] = &[
    "police",
    "in",
    "almaty",
    "new",
    "york",
    "saturday",
    "may",
    "march",
    "dec",
    "16",
    "u.s.",
    "nice",
    "reading",
    "south",
    "africa",
    "kazakh",
    "thousands",
    "of",
    "protesters",
    ".",
    ",",
    "!",
    "\n",
    "é",
    "Ünter",
    "nur-sultan",
    "almaty's",
    "'",
    "s",
    "—",
    "100",
    "ALMATY",
    "the",
];

proptest! {
    #[test]
    fn recased_view_changes_only_ascii_case(text in "\\PC{0,200}") {
        let view = recase_all(&text, Gazetteer::global());
        prop_assert!(differs_only_in_ascii_case(&text, &view));
        if let Some(recased) = recase_caseless(&text, Gazetteer::global()) {
            prop_assert!(differs_only_in_ascii_case(&text, &recased.text));
        }
    }

    #[test]
    fn recased_view_of_news_words_changes_only_ascii_case(
        words in proptest::collection::vec(proptest::sample::select(WORDS), 0..60),
        shout in any::<bool>(),
    ) {
        let mut text = words.join(" ");
        if shout {
            text = text.to_uppercase();
        }
        let view = recase_all(&text, Gazetteer::global());
        prop_assert!(differs_only_in_ascii_case(&text, &view));
        if let Some(recased) = recase_caseless(&text, Gazetteer::global()) {
            prop_assert!(differs_only_in_ascii_case(&text, &recased.text));
        }
        // Extraction on it never panics and its quotes index the original.
        let extraction = run(&text, Some("2020-02-24"));
        for figure in &extraction.figures {
            prop_assert_eq!(&text[figure.span[0]..figure.span[1]], figure.quote.as_str());
        }
    }
}
