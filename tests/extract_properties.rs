//! Properties of extraction on arbitrary input: it never panics, every span
//! lies on char boundaries inside the text, and the text at each span is
//! the quote it claims.

use chrono::NaiveDate;
use concord::extract::{ExtractionInput, extract};
use concord::report::Metadata;
use proptest::prelude::*;

fn check_spans(text: &str, published: Option<NaiveDate>) {
    let metadata = Metadata::new();
    let extraction = extract(ExtractionInput {
        url: None,
        outlet: None,
        report_id: "prop",
        text,
        title: None,
        published,
        metadata: &metadata,
    });
    let at = |span: [usize; 2]| -> &str {
        assert!(
            span[0] <= span[1] && span[1] <= text.len(),
            "span {span:?} outside text"
        );
        assert!(
            text.is_char_boundary(span[0]) && text.is_char_boundary(span[1]),
            "span {span:?} not on char boundaries"
        );
        &text[span[0]..span[1]]
    };
    for place in &extraction.places {
        assert_eq!(at(place.span), place.text);
    }
    for figure in &extraction.figures {
        assert_eq!(at(figure.span), figure.quote);
        assert_eq!(at(figure.sentence_span), figure.sentence);
        if let Some(date) = &figure.date
            && !date.text.is_empty()
        {
            assert_eq!(at(date.span), date.text);
        }
    }
    if let Some(date) = &extraction.main.date
        && !date.text.is_empty()
    {
        assert_eq!(at(date.span), date.text);
    }
    for sub in extraction
        .main
        .sub_places
        .iter()
        .chain(extraction.mentions.iter().flat_map(|m| m.sub_places.iter()))
    {
        assert_eq!(at(sub.span), sub.name);
    }
}

/// Words extraction reacts to, so random text reaches the figure code.
const VOCABULARY: &[&str] = &[
    "Police",
    "detained",
    "more than",
    "100",
    "1,000",
    "about",
    "a dozen",
    "dozens",
    "in",
    "Almaty",
    "Nur-Sultan",
    "and",
    "other cities",
    "on",
    "February 22",
    "Saturday",
    "yesterday",
    "were",
    "killed",
    "wounded",
    "people",
    "protesters",
    "gathered",
    ",",
    ".",
    "--",
    "ALMATY",
    "—",
    "\n",
    "\n- ",
    "é",
    "ß",
    "日本",
    "79-year-old",
    "$5",
    "at least",
    "between",
    "40",
    "to",
    "60",
    "or so",
    "said",
    "according to",
    "Interior Ministry",
    "in December",
    "last year",
    "the",
    "arrests of",
    "three",
    "Square",
    "Astana",
    "(DVK)",
    "Democratic Choice of Kazakhstan",
];

fn vocabulary_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(VOCABULARY), 0..60)
        .prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics_and_spans_hold(text in "\\PC*") {
        check_spans(&text, NaiveDate::from_ymd_opt(2020, 2, 22));
    }

    #[test]
    fn arbitrary_unicode_with_newlines(text in "(?s).{0,400}") {
        check_spans(&text, None);
    }

    #[test]
    fn vocabulary_soup_keeps_spans_exact(text in vocabulary_text()) {
        check_spans(&text, NaiveDate::from_ymd_opt(2020, 2, 22));
    }
}
