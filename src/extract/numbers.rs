//! Number grammar: digits, number words, multiples, vague quantities, and
//! the hedges around them ("more than", "about", "or so", "between N and M").

use super::text::{TextView, TokenKind};
use crate::extract::model::Qualifier;

#[derive(Debug, Clone)]
pub(crate) struct NumberPhrase {
    /// First token, hedge included.
    pub first_token: usize,
    /// First token of the number itself.
    pub number_token: usize,
    /// One past the last token, trailing hedge ("or so") included.
    pub end_token: usize,
    pub value: Option<u64>,
    pub value_hi: Option<u64>,
    pub qualifier: Qualifier,
    /// Token range of the hedge words.
    pub qualifier_tokens: Option<(usize, usize)>,
    /// Folded vague phrase ("dozens", "a handful").
    pub vague: Option<&'static str>,
    /// "nearly"/"almost": approximated from below.
    pub nearly: bool,
}

/// False only when no number can start at `t` (`core_at` would say None):
/// punctuation, and words that neither start with a digit, nor are a
/// number word, nor hold a hyphen ("twenty-six", checked in full by
/// `core_at`).
pub(crate) fn could_start_number(view: &TextView<'_>, t: usize) -> bool {
    use crate::extract::text::word_classes::bits;
    view.in_class_or_number(
        t,
        bits::NUMBER_START_WORDS | bits::DIGIT_FIRST | bits::HYPHENATED,
    )
}

fn unit_word(word: &str) -> Option<u64> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(word: &str) -> Option<u64> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-six", "seven", "forty".
pub(crate) fn number_word(word: &str) -> Option<u64> {
    if let Some(n) = unit_word(word).or_else(|| tens_word(word)) {
        return Some(n);
    }
    // A plain byte scan: called for nearly every word of a report, where
    // `split_once`'s searcher setup costs more than the short word.
    let hyphen = word.bytes().position(|b| b == b'-')?;
    let (tens, unit) = (word.get(..hyphen)?, word.get(hyphen + 1..)?);
    Some(tens_word(tens)? + unit_word(unit).filter(|&u| (1..=9).contains(&u))?)
}

fn multiplier(word: &str) -> Option<u64> {
    Some(match word {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "dozen" => 12,
        _ => return None,
    })
}

/// Parses digits ("1,000", "26", "1.5"); decimals only with a multiplier.
fn digits_value(word: &str) -> Option<(u64, bool)> {
    if word.contains('.') {
        let value: f64 = word.replace(',', "").parse().ok()?;
        return Some(((value * 1000.0).round() as u64, true));
    }
    let cleaned: String = word.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || cleaned.len() > 12 {
        return None;
    }
    Some((cleaned.parse().ok()?, false))
}

/// The bare number at `t`: (value, value_hi for "40-60", vague phrase,
/// end token, approximate-by-wording e.g. "a dozen").
struct Core {
    value: Option<u64>,
    value_hi: Option<u64>,
    vague: Option<&'static str>,
    end: usize,
    round_wording: bool,
}

fn core_at(view: &TextView<'_>, t: usize, end: usize) -> Option<Core> {
    let word = view.lower(t);
    let token = view.tokens.get(t)?;
    let next = |k: usize| if t + k < end { view.lower(t + k) } else { "" };

    // Vague multiples: "dozens", "hundreds of thousands", "tens of thousands".
    match word {
        "dozens" => return Some(vague_core("dozens", t + 1)),
        "scores" if next(1) == "of" => return Some(vague_core("scores", t + 1)),
        "hundreds" if next(1) == "of" && next(2) == "thousands" => {
            return Some(vague_core("hundreds of thousands", t + 3));
        }
        "tens" if next(1) == "of" && next(2) == "thousands" => {
            return Some(vague_core("tens of thousands", t + 3));
        }
        "hundreds" => return Some(vague_core("hundreds", t + 1)),
        "thousands" => return Some(vague_core("thousands", t + 1)),
        "millions" => return Some(vague_core("millions", t + 1)),
        "several" => {
            return Some(match next(1) {
                "dozen" => vague_core("several dozen", t + 2),
                "hundred" => vague_core("several hundred", t + 2),
                "thousand" => vague_core("several thousand", t + 2),
                _ => vague_core("several", t + 1),
            });
        }
        // "half a million", "half a dozen": half of what "a million"
        // would be, never the million itself.
        "half" if matches!(next(1), "a" | "an") => {
            return halved_multiplier(next(2), t + 3);
        }
        "a" => {
            return match (next(1), next(2)) {
                // "a half million", as American papers write it.
                ("half", following) => halved_multiplier(following, t + 3),
                ("few", "dozen") => Some(vague_core("a few dozen", t + 3)),
                ("few", "hundred") => Some(vague_core("a few hundred", t + 3)),
                ("few", "thousand") => Some(vague_core("a few thousand", t + 3)),
                ("few", _) => Some(vague_core("a few", t + 2)),
                ("handful", _) => Some(vague_core("a handful", t + 2)),
                ("couple", "of") => Some(vague_core("a couple", t + 2)),
                ("dozen", _) | ("hundred", _) | ("thousand", _) | ("million", _) => {
                    let base = multiplier(next(1))?;
                    Some(Core {
                        value: Some(base),
                        value_hi: None,
                        vague: None,
                        end: t + 2,
                        round_wording: true,
                    })
                }
                _ => None,
            };
        }
        _ => {}
    }

    let (mut value, mut decimal, mut round_wording) = match token.kind {
        TokenKind::Number => {
            let (v, d) = digits_value(word)?;
            (v, d, false)
        }
        TokenKind::Word => {
            // "40-60" is a range written with a hyphen. Only a word that
            // starts with a digit can be one (and no such word is a number
            // word): most words skip the search for the hyphen.
            if word.as_bytes().first().is_some_and(u8::is_ascii_digit)
                && let Some((a, b)) = word.split_once('-')
                && !a.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && !b.is_empty()
                && b.bytes().all(|c| c.is_ascii_digit())
                && a.len() <= 7
                && b.len() <= 7
            {
                let lo: u64 = a.parse().ok()?;
                let hi: u64 = b.parse().ok()?;
                if hi > lo {
                    return Some(Core {
                        value: Some(lo),
                        value_hi: Some(hi),
                        vague: None,
                        end: t + 1,
                        round_wording: false,
                    });
                }
                return None;
            }
            (number_word(word)?, false, false)
        }
        TokenKind::Punct => return None,
    };
    let mut cursor = t + 1;
    // "30 000": thousands grouped with a space, as much of the world writes
    // them (one to three digits, then groups of exactly three).
    if token.kind == TokenKind::Number
        && !decimal
        && (1..=3).contains(&word.len())
        && word.bytes().all(|c| c.is_ascii_digit())
    {
        while cursor < end
            && view.tokens[cursor].kind == TokenKind::Number
            && view.tokens[cursor].space_before
            && next(cursor - t).len() == 3
            && next(cursor - t).bytes().all(|c| c.is_ascii_digit())
        {
            let group: u64 = next(cursor - t).parse().unwrap_or(0);
            value = value.saturating_mul(1000).saturating_add(group);
            cursor += 1;
        }
    }
    // "one hundred", "three dozen", "1.5 million", "two hundred thousand".
    while let Some(m) = multiplier(next(cursor - t)) {
        if decimal {
            value = value.saturating_mul(m) / 1000;
            decimal = false;
        } else {
            value = value.saturating_mul(m);
        }
        if m == 12 {
            round_wording = true;
        }
        cursor += 1;
    }
    if decimal {
        // A decimal with no multiplier is a measurement, not a count.
        return None;
    }
    Some(Core {
        value: Some(value),
        value_hi: None,
        vague: None,
        end: cursor,
        round_wording,
    })
}

/// Half of "a dozen", "a hundred", "a thousand" or "a million", a round
/// figure like them; `None` for anything else ("half a mile").
fn halved_multiplier(word: &str, end: usize) -> Option<Core> {
    if !matches!(word, "dozen" | "hundred" | "thousand" | "million") {
        return None;
    }
    Some(Core {
        value: Some(multiplier(word)? / 2),
        value_hi: None,
        vague: None,
        end,
        round_wording: true,
    })
}

fn vague_core(phrase: &'static str, end: usize) -> Core {
    Core {
        value: None,
        value_hi: None,
        vague: Some(phrase),
        end,
        round_wording: false,
    }
}

/// Hedges before a number, longest first: (words, qualifier, nearly).
const HEDGES_BEFORE: &[(&[&str], Qualifier, bool)] = &[
    (&["no", "more", "than"], Qualifier::AtMost, false),
    (&["no", "fewer", "than"], Qualifier::AtLeast, false),
    (&["no", "less", "than"], Qualifier::AtLeast, false),
    (&["as", "many", "as"], Qualifier::AtMost, false),
    (&["in", "excess", "of"], Qualifier::MoreThan, false),
    (&["a", "minimum", "of"], Qualifier::AtLeast, false),
    (&["a", "maximum", "of"], Qualifier::AtMost, false),
    (&["more", "than"], Qualifier::MoreThan, false),
    (&["upwards", "of"], Qualifier::MoreThan, false),
    (&["just", "over"], Qualifier::MoreThan, false),
    (&["just", "under"], Qualifier::FewerThan, false),
    (&["at", "least"], Qualifier::AtLeast, false),
    (&["at", "most"], Qualifier::AtMost, false),
    (&["up", "to"], Qualifier::AtMost, false),
    (&["fewer", "than"], Qualifier::FewerThan, false),
    (&["less", "than"], Qualifier::FewerThan, false),
    (&["close", "to"], Qualifier::Approx, true),
    (&["closer", "to"], Qualifier::Approx, false),
    (&["an", "estimated"], Qualifier::Approx, false),
    (&["over"], Qualifier::MoreThan, false),
    (&["nearly"], Qualifier::Approx, true),
    (&["almost"], Qualifier::Approx, true),
    (&["about"], Qualifier::Approx, false),
    (&["around"], Qualifier::Approx, false),
    (&["approximately"], Qualifier::Approx, false),
    (&["roughly"], Qualifier::Approx, false),
    (&["some"], Qualifier::Approx, false),
    (&["estimated"], Qualifier::Approx, false),
    (&["under"], Qualifier::FewerThan, false),
];

/// Parses a number phrase whose number starts at `t`, within `[first, end)`.
pub(crate) fn number_phrase_at(
    view: &TextView<'_>,
    t: usize,
    first: usize,
    end: usize,
) -> Option<NumberPhrase> {
    if !could_start_number(view, t) {
        return None;
    }
    // "No one was detained": nobody, not one person.
    if t > first && view.is(t, "one") && view.is_any(t - 1, &["no", "not"]) {
        return None;
    }
    let core = core_at(view, t, end)?;
    let mut phrase = NumberPhrase {
        first_token: t,
        number_token: t,
        end_token: core.end,
        value: core.value,
        value_hi: core.value_hi,
        qualifier: if core.vague.is_some() {
            Qualifier::Vague
        } else if core.value_hi.is_some() {
            Qualifier::Range
        } else if core.round_wording {
            Qualifier::Approx
        } else {
            Qualifier::Exact
        },
        qualifier_tokens: None,
        vague: core.vague,
        nearly: false,
    };

    // "between 40 and 60", "40 to 60".
    if phrase.vague.is_none() && phrase.value_hi.is_none() {
        let joiner = view.lower(phrase.end_token);
        let between = t > first && view.is(t - 1, "between");
        if phrase.end_token < end
            && ((joiner == "and" && between) || joiner == "to" || joiner == "–")
            && let Some(second) = core_at(view, phrase.end_token + 1, end)
            && let (Some(lo), Some(hi)) = (phrase.value, second.value)
            && hi > lo
            && second.vague.is_none()
        {
            phrase.value_hi = Some(hi);
            phrase.end_token = second.end;
            phrase.qualifier = Qualifier::Range;
            if between {
                phrase.first_token = t - 1;
                phrase.qualifier_tokens = Some((t - 1, t));
            }
        }
    }

    // Trailing hedges: "20 or so", "100 or more".
    if phrase.vague.is_none() && phrase.end_token + 1 < end && view.is(phrase.end_token, "or") {
        match view.lower(phrase.end_token + 1) {
            "so" => {
                phrase.qualifier = Qualifier::Approx;
                phrase.qualifier_tokens = Some((phrase.end_token, phrase.end_token + 2));
                phrase.end_token += 2;
            }
            "more" => {
                phrase.qualifier = Qualifier::AtLeast;
                phrase.qualifier_tokens = Some((phrase.end_token, phrase.end_token + 2));
                phrase.end_token += 2;
            }
            _ => {}
        }
    }

    // Leading hedges.
    if phrase.qualifier != Qualifier::Range || phrase.first_token == t {
        for (words, qualifier, nearly) in HEDGES_BEFORE {
            let n = words.len();
            if t < first + n {
                continue;
            }
            let start = t - n;
            if words.iter().enumerate().all(|(k, w)| view.is(start + k, w)) {
                // "some" before "dozens" or "a dozen" adds nothing.
                if *words == ["some"] && phrase.vague.is_some() {
                    break;
                }
                phrase.first_token = start;
                phrase.qualifier_tokens = Some((start, t));
                phrase.nearly = *nearly;
                if phrase.vague.is_none() && phrase.qualifier != Qualifier::Range {
                    phrase.qualifier = *qualifier;
                }
                break;
            }
        }
    }
    Some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::NUMBER_START_WORDS;

    /// Finds the first number phrase in `input` and checks
    /// (quote, value, value_hi, qualifier, vague phrase).
    fn check(input: &str, expected: (&str, Option<u64>, Option<u64>, Qualifier, Option<&str>)) {
        let view = TextView::new(input);
        let n = view.tokens.len();
        let phrase = (0..n)
            .find_map(|t| number_phrase_at(&view, t, 0, n))
            .unwrap_or_else(|| panic!("no number in {input:?}"));
        let quote = view.token_text(phrase.first_token, phrase.end_token);
        assert_eq!(
            (
                quote,
                phrase.value,
                phrase.value_hi,
                phrase.qualifier,
                phrase.vague
            ),
            expected,
            "{input}"
        );
    }

    use Qualifier::*;

    #[test]
    fn number_start_words_cover_every_word_core_at_reads() {
        for word in NUMBER_START_WORDS {
            let view = TextView::new(word);
            assert!(could_start_number(&view, 0), "{word}");
        }
        for (n, word) in NUMBER_START_WORDS.iter().take(20).enumerate() {
            assert_eq!(unit_word(word), Some(n as u64));
        }
        for tens in [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ] {
            assert!(NUMBER_START_WORDS.contains(&tens) && tens_word(tens).is_some());
        }
        // Vague openers, with what may follow them.
        let view = TextView::new(
            "dozens scores of hundreds of thousands tens of thousands several a few a dozen half a million a half dozen twenty-six 40-60 12",
        );
        let n = view.tokens.len();
        for t in 0..n {
            if core_at(&view, t, n).is_some() {
                assert!(could_start_number(&view, t), "{}", view.lower(t));
            }
        }
        // Ordinary words and punctuation are skipped.
        let view = TextView::new("Police said the crowd marched — calmly.");
        for t in 0..view.tokens.len() {
            assert!(!could_start_number(&view, t), "{}", view.lower(t));
        }
    }

    #[test]
    fn digits_and_words() {
        check(
            "police held 1,000 people",
            ("1,000", Some(1000), None, Exact, None),
        );
        check(
            "police held 1.5 million people",
            ("1.5 million", Some(1_500_000), None, Exact, None),
        );
        check(
            "police held ten people",
            ("ten", Some(10), None, Exact, None),
        );
        check(
            "police held twenty-six people",
            ("twenty-six", Some(26), None, Exact, None),
        );
        check(
            "police held a hundred people",
            ("a hundred", Some(100), None, Approx, None),
        );
        check(
            "police held half a dozen people",
            ("half a dozen", Some(6), None, Approx, None),
        );
        check(
            "half a million people marched",
            ("half a million", Some(500_000), None, Approx, None),
        );
        check(
            "a half million people marched",
            ("a half million", Some(500_000), None, Approx, None),
        );
        check(
            "about half a thousand people came",
            ("about half a thousand", Some(500), None, Approx, None),
        );
        check(
            "police held two hundred people",
            ("two hundred", Some(200), None, Exact, None),
        );
        check(
            "police held a dozen people",
            ("a dozen", Some(12), None, Approx, None),
        );
        check(
            "police held three dozen people",
            ("three dozen", Some(36), None, Approx, None),
        );
    }

    #[test]
    fn closer_to_is_approximate() {
        check(
            "the union put turnout closer to 4,000 marchers",
            ("closer to 4,000", Some(4000), None, Approx, None),
        );
    }

    #[test]
    fn no_one_is_not_a_number() {
        let view = TextView::new("No one was hurt when no one came.");
        let n = view.tokens.len();
        assert!((0..n).all(|t| number_phrase_at(&view, t, 0, n).is_none()));
    }

    #[test]
    fn vague_quantities() {
        check(
            "police held dozens of people",
            ("dozens", None, None, Vague, Some("dozens")),
        );
        check(
            "hundreds marched",
            ("hundreds", None, None, Vague, Some("hundreds")),
        );
        check(
            "thousands marched",
            ("thousands", None, None, Vague, Some("thousands")),
        );
        check(
            "scores of people",
            ("scores", None, None, Vague, Some("scores")),
        );
        check(
            "tens of thousands marched",
            (
                "tens of thousands",
                None,
                None,
                Vague,
                Some("tens of thousands"),
            ),
        );
        check(
            "several people",
            ("several", None, None, Vague, Some("several")),
        );
        check(
            "a handful of wives",
            ("a handful", None, None, Vague, Some("a handful")),
        );
        check("a few people", ("a few", None, None, Vague, Some("a few")));
        check(
            "several dozen people",
            ("several dozen", None, None, Vague, Some("several dozen")),
        );
    }

    #[test]
    fn hedges() {
        check(
            "more than 100 people",
            ("more than 100", Some(100), None, MoreThan, None),
        );
        check(
            "over 100 people",
            ("over 100", Some(100), None, MoreThan, None),
        );
        check(
            "at least 10 people",
            ("at least 10", Some(10), None, AtLeast, None),
        );
        check(
            "up to 50 people",
            ("up to 50", Some(50), None, AtMost, None),
        );
        check(
            "nearly 40 people",
            ("nearly 40", Some(40), None, Approx, None),
        );
        check(
            "almost 40 people",
            ("almost 40", Some(40), None, Approx, None),
        );
        check(
            "about 30 people",
            ("about 30", Some(30), None, Approx, None),
        );
        check(
            "around 1,000 people",
            ("around 1,000", Some(1000), None, Approx, None),
        );
        check(
            "some 100 people",
            ("some 100", Some(100), None, Approx, None),
        );
        check(
            "approximately 70 people",
            ("approximately 70", Some(70), None, Approx, None),
        );
        check(
            "roughly 130 people",
            ("roughly 130", Some(130), None, Approx, None),
        );
        check(
            "just 20 or so people",
            ("20 or so", Some(20), None, Approx, None),
        );
        check(
            "between 40 and 60 people",
            ("between 40 and 60", Some(40), Some(60), Range, None),
        );
        check(
            "40 to 60 people",
            ("40 to 60", Some(40), Some(60), Range, None),
        );
        check("40-60 people", ("40-60", Some(40), Some(60), Range, None));
        check(
            "fewer than 50 people",
            ("fewer than 50", Some(50), None, FewerThan, None),
        );
        check(
            "less than 50 people",
            ("less than 50", Some(50), None, FewerThan, None),
        );
        check(
            "no more than 50 people",
            ("no more than 50", Some(50), None, AtMost, None),
        );
        check(
            "more than three dozen people",
            ("more than three dozen", Some(36), None, MoreThan, None),
        );
        check(
            "more than a dozen people",
            ("more than a dozen", Some(12), None, MoreThan, None),
        );
        check(
            "about a dozen people",
            ("about a dozen", Some(12), None, Approx, None),
        );
        check(
            "100 or more people",
            ("100 or more", Some(100), None, AtLeast, None),
        );
    }
}
