//! Caseless text: reports written all in lowercase (data-set notes, some
//! feeds) or in ALL CAPS (wire alerts, headlines).
//!
//! Extraction reads capitals as evidence: a place is a capitalised name,
//! a sentence starts with a capital, an ambiguous month ("May", "March")
//! is a month only when capitalised. Lowercase text gives none of that
//! ("police in almaty detained up to 100 activists saturday" had no place
//! and no date), and ALL CAPS gives it to every word. Such text is read
//! through a *recased view*: the same bytes with only ASCII letter case
//! changed, so every byte offset computed on the view indexes the original
//! text as well, and quotes are cut from the original.
//!
//! One more change keeps the same bytes in place: an apostrophe a data set
//! replaced by a space is put back ("edinburgh s streets" reads as
//! "edinburgh's streets"), one space byte for one apostrophe byte, so a
//! possessive is not read as a street name or a word of its own.
//!
//! The view capitalises what a writer would have: sentence starts, place
//! names the gazetteer knows (several words too: "new york", "south
//! africa"), country adjectives, weekday and month names, dotted
//! initialisms ("u.s."), and words too rare for the word-frequency table
//! (likely names). A gazetteer name that is also an ordinary word
//! ("police", "reading", "mobile", "nice") needs context before it is
//! capitalised: a locative preposition before it and nothing after it that
//! continues a noun phrase, or a comma and a region or country of the same
//! country after it.

use crate::extract::model::PlaceLevel;
use crate::extract::text::{
    ABBREVIATIONS, Token, TokenKind, tokenize, without_possessive, word_classes,
};
use crate::gazetteer::{Gazetteer, PlaceIndex};
use crate::word_frequency::zipf_frequency;

/// How a report was found to be caseless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaselessKind {
    /// Nearly every word is lowercase.
    Lowercase,
    /// Nearly every word is ALL CAPS.
    Uppercase,
    /// Ordinary text with some ALL CAPS lines (a shouted headline).
    UppercaseLines,
}

/// The recased view of a caseless report.
#[derive(Debug, Clone)]
pub struct Recased {
    /// Same length as the input; differs from it only in ASCII letter case
    /// and in apostrophes put back where a data set wrote a space
    /// (`restore_stripped_apostrophes`).
    pub text: String,
    pub kind: CaselessKind,
    /// How many lines were recased.
    pub lines: usize,
}

/// At most this share (in percent) of the words of a lowercase report may
/// start with a capital: acronyms and a stray name in an otherwise
/// lowercase feed. Ordinary news capitalises one word in ten or more.
const LOWERCASE_MAX_CAPITALISED_PERCENT: usize = 3;

/// At least this share (in percent) of the ASCII letters of a shouting
/// report or line are uppercase; ordinary prose has a few in a hundred.
const UPPERCASE_MIN_PERCENT: usize = 80;

/// Fewer words than this say too little about a whole report's case.
const MIN_WORDS_FOR_REPORT: usize = 4;

/// Fewer words than this say too little about a line's case ("NOTE", "AP").
const MIN_WORDS_FOR_LINE: usize = 3;

/// A single-word gazetteer name whose word is at least this common (Zipf)
/// and names only a small town is read as the ordinary word without
/// context.
const COMMON_WORD_ZIPF: f32 = 4.5;

/// Zipf below which every word of a several-word name is rare enough for
/// the name to be a place on its own.
const RARE_NAME_WORD_ZIPF: f32 = 4.0;

/// Cities at least this populous are well-known enough that their name,
/// when it is not a flagged ordinary word, is read as the city.
const WELL_KNOWN_CITY_POPULATION: u64 = 100_000;

/// Smaller towns whose name is a moderately common word need context.
const SMALL_TOWN_POPULATION: u64 = 20_000;
const MODERATE_WORD_ZIPF: f32 = 3.5;

/// Case counts of a report or a line.
#[derive(Default, Clone, Copy)]
struct CaseCounts {
    /// Words: runs of letters (a non-ASCII byte counts as a letter, so
    /// "Türkiye" is one word) that start with an ASCII letter.
    words: usize,
    /// Of those, words starting with an uppercase letter.
    capitalised: usize,
    upper_letters: usize,
    lower_letters: usize,
}

impl CaseCounts {
    /// Shouting: enough words, and their ASCII letters mostly uppercase.
    fn mostly_upper(&self, min_words: usize) -> bool {
        let letters = self.upper_letters + self.lower_letters;
        self.words >= min_words
            && letters > 0
            && self.upper_letters * 100 >= letters * UPPERCASE_MIN_PERCENT
    }

    fn mostly_lower(&self) -> bool {
        self.words >= MIN_WORDS_FOR_REPORT
            && self.capitalised * 100 <= self.words * LOWERCASE_MAX_CAPITALISED_PERCENT
    }
}

/// Counts one line's words and letters by case: arithmetic only, no
/// table and no branch, so the compiler vectorises it.
fn count_line(line: &[u8]) -> CaseCounts {
    let is_letter = |b: u8| u32::from((b | 0x20).wrapping_sub(b'a') < 26 || b >= 128);
    let (mut words, mut capitalised, mut upper_letters, mut lower_letters) =
        (0u32, 0u32, 0u32, 0u32);
    let mut previous = b' ';
    for &byte in line {
        let lower = u32::from(byte.wrapping_sub(b'a') < 26);
        let upper = u32::from(byte.wrapping_sub(b'A') < 26);
        let starts_word = (lower | upper) & (is_letter(previous) ^ 1);
        words += starts_word;
        capitalised += starts_word & upper;
        upper_letters += upper;
        lower_letters += lower;
        previous = byte;
    }
    CaseCounts {
        words: words as usize,
        capitalised: capitalised as usize,
        upper_letters: upper_letters as usize,
        lower_letters: lower_letters as usize,
    }
}

/// Whether the report, or some of its lines, is caseless, and which lines
/// to recase. None for ordinary text. Asked of every report, so it is one
/// pass over each line with vectorisable arithmetic, and allocates nothing
/// for ordinary text.
fn detect(text: &str) -> Option<(CaselessKind, Vec<(usize, usize)>)> {
    let mut total = CaseCounts::default();
    let mut shouting_lines = Vec::new();
    let mut line_start = 0;
    for line in text.as_bytes().split(|&b| b == b'\n') {
        let counts = count_line(line);
        if counts.mostly_upper(MIN_WORDS_FOR_LINE) {
            shouting_lines.push(trimmed_line(text, line_start, line_start + line.len()));
        }
        total.words += counts.words;
        total.capitalised += counts.capitalised;
        total.upper_letters += counts.upper_letters;
        total.lower_letters += counts.lower_letters;
        line_start += line.len() + 1;
    }
    if total.mostly_lower() {
        return Some((CaselessKind::Lowercase, vec![(0, text.len())]));
    }
    if total.mostly_upper(MIN_WORDS_FOR_REPORT) {
        return Some((CaselessKind::Uppercase, vec![(0, text.len())]));
    }
    if shouting_lines.is_empty() {
        return None;
    }
    Some((CaselessKind::UppercaseLines, shouting_lines))
}

/// The line `[start, end)` without a trailing carriage return.
fn trimmed_line(text: &str, start: usize, end: usize) -> (usize, usize) {
    let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    };
    (start, end)
}

/// The recased view of `text` when it is caseless (all lowercase, ALL
/// CAPS, or with ALL CAPS lines); None for ordinary text.
pub fn recase_caseless(text: &str, gazetteer: &Gazetteer) -> Option<Recased> {
    let (kind, regions) = detect(text)?;
    let mut out = text.as_bytes().to_vec();
    let mut lines = 0;
    for &(start, end) in &regions {
        lines += text
            .get(start..end)
            .map_or(0, |r| r.lines().filter(|l| !l.trim().is_empty()).count());
        recase_region(
            text,
            &mut out,
            start,
            end,
            kind != CaselessKind::Lowercase,
            gazetteer,
        );
    }
    // Only ASCII letters changed case, so the bytes are still UTF-8; never
    // panic if that ever failed to hold.
    let text = String::from_utf8(out).ok()?;
    Some(Recased { text, kind, lines })
}

/// Recases the whole text as if it were caseless (the ALL CAPS letters
/// lowered first): what `recase_caseless` does to a caseless report, for
/// tests and tools that want the view of any text.
pub fn recase_all(text: &str, gazetteer: &Gazetteer) -> String {
    let mut out = text.as_bytes().to_vec();
    recase_region(text, &mut out, 0, text.len(), true, gazetteer);
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Words after which a name that is also an ordinary word reads as a
/// place ("protesters in reading"). Not "to": "to deal with", "to date".
const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "from",
    "into",
    "across",
    "throughout",
    "around",
    "inside",
    "towards",
    "toward",
];

/// Words that continue a noun phrase after a word ("in reading the
/// statement", "in mobile phones" is caught by the content-word test).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those",
];

/// Words before a bare month name that make it a month ("in march",
/// "since may", "early june").
const MONTH_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "from",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "through",
    "throughout",
    "next",
];

/// Month names that are also ordinary words or abbreviations that are
/// ("may", "march", "jan", "dec"): months only next to a day, a year or a
/// period preposition.
fn is_ambiguous_month(word: &str) -> bool {
    matches!(
        word,
        "may"
            | "march"
            | "mar"
            | "jan"
            | "feb"
            | "febr"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn is_month(word: &str) -> bool {
    crate::extract::dates::month_number(word).is_some()
}

fn is_weekday(word: &str) -> bool {
    crate::extract::dates::weekday_of(word).is_some()
}

/// A day of the month or a year: "16", "16th", "2011".
fn is_day_or_year(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix_ok = matches!(&word[digits.len()..], "" | "st" | "nd" | "rd" | "th");
    !digits.is_empty()
        && suffix_ok
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() <= 2 || digits.len() == 4)
}

/// Suffixes of inflected and derived words ("pelted", "scuffles",
/// "islamization"): a word absent from the frequency table whose stem is
/// in it is an ordinary word, not a name.
const DERIVATION_SUFFIXES: &[&str] = &[
    "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ment", "ments", "ness", "ization", "isation",
    "izations", "ized", "ised", "ism", "ist", "ists", "ity", "al", "ally", "ful",
];

/// Prefixes of compounds the table lacks ("antigovernment", "multiyear").
const DERIVATION_PREFIXES: &[&str] = &[
    "anti", "pro", "multi", "sub", "non", "un", "re", "counter", "pre", "post", "ex", "over",
    "under", "mid", "self", "inter", "semi", "de", "dis", "mis", "co",
];

fn in_table(word: &str) -> bool {
    zipf_frequency(word).is_some()
}

/// An ordinary English word the frequency table lacks only in this form:
/// an inflection or derivation of a listed word, a listed word with a
/// common prefix, or two listed words run together ("teargas",
/// "firebombs").
fn is_derived_english_word(word: &str) -> bool {
    let stem_listed = |stem: &str| {
        stem.len() >= 3
            && (in_table(stem) || in_table(&format!("{stem}e")) || {
                // "rioted" → "riot", "stopped" → "stop".
                let bytes = stem.as_bytes();
                bytes.len() >= 4
                    && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
                    && stem.get(..stem.len() - 1).is_some_and(in_table)
            })
    };
    let listed_or_inflected = |w: &str| {
        in_table(w)
            || DERIVATION_SUFFIXES
                .iter()
                .any(|suffix| w.strip_suffix(suffix).is_some_and(stem_listed))
    };
    if DERIVATION_SUFFIXES
        .iter()
        .any(|suffix| word.strip_suffix(suffix).is_some_and(stem_listed))
    {
        return true;
    }
    if DERIVATION_PREFIXES.iter().any(|prefix| {
        word.strip_prefix(prefix)
            .is_some_and(|rest| rest.len() >= 3 && listed_or_inflected(rest))
    }) {
        return true;
    }
    // Two common words run together, each of three letters or more.
    (3..word.len().saturating_sub(2)).any(|split| {
        let (Some(head), Some(tail)) = (word.get(..split), word.get(split..)) else {
            return false;
        };
        zipf_frequency(head).is_some_and(|z| z >= 3.5) && {
            zipf_frequency(tail).is_some_and(|z| z >= 3.5)
                || DERIVATION_SUFFIXES.iter().any(|suffix| {
                    tail.strip_suffix(suffix).is_some_and(|stem| {
                        stem.len() >= 3 && zipf_frequency(stem).is_some_and(|z| z >= 3.5)
                    })
                })
        }
    })
}

/// A word too rare for the frequency table and not derived from a word
/// in it: a name, most likely ("pegida", "bouteflika").
fn is_likely_name(word: &str) -> bool {
    word.len() >= 3
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !in_table(word)
        && !is_derived_english_word(word)
}

/// The lowercase region's tokens, with what the recasing rules ask of them.
struct Region<'a> {
    lower: &'a str,
    tokens: Vec<Token>,
    gazetteer: &'a Gazetteer,
}

impl Region<'_> {
    fn word(&self, t: usize) -> &str {
        match self.tokens.get(t) {
            Some(token) if token.kind == TokenKind::Word => {
                self.lower.get(token.start..token.end).unwrap_or("")
            }
            _ => "",
        }
    }

    fn is_punct(&self, t: usize, chars: &str) -> bool {
        match self.tokens.get(t) {
            Some(token) if token.kind == TokenKind::Punct => self
                .lower
                .get(token.start..token.end)
                .is_some_and(|p| chars.contains(p)),
            _ => false,
        }
    }

    /// Only spaces or tabs (no line break) between tokens `t - 1` and `t`.
    fn same_line_as_previous(&self, t: usize) -> bool {
        if t == 0 {
            return false;
        }
        let (Some(a), Some(b)) = (self.tokens.get(t - 1), self.tokens.get(t)) else {
            return false;
        };
        self.lower
            .get(a.end..b.start)
            .is_some_and(|gap| !gap.contains('\n'))
    }

    fn classes(&self, t: usize) -> u32 {
        word_classes::classes_of(without_possessive(self.word(t)))
    }

    /// Candidates for the `n` words at `t` read as one name, when they are
    /// words on one line and only the last may be possessive.
    fn name_candidates(&self, t: usize, n: usize) -> Option<&[PlaceIndex]> {
        if t + n > self.tokens.len() {
            return None;
        }
        for k in 0..n {
            let token = self.tokens[t + k];
            if token.kind != TokenKind::Word {
                return None;
            }
            if k > 0 && (!token.space_before || !self.same_line_as_previous(t + k)) {
                return None;
            }
            if k + 1 < n && without_possessive(self.word(t + k)) != self.word(t + k) {
                return None;
            }
        }
        let start = self.tokens[t].start;
        let last = t + n - 1;
        let end = self.tokens[last].start + without_possessive(self.word(last)).len();
        let found = self.gazetteer.lookup(self.lower.get(start..end)?);
        (!found.is_empty()).then_some(found)
    }

    /// A comma after the name at `[t, t + n)` and then a country or region
    /// sharing a country with one of `candidates` ("hull, quebec",
    /// "reading, england"): the name is that place.
    fn comma_region_confirms(&self, end: usize, candidates: &[PlaceIndex]) -> bool {
        if !self.is_punct(end, ",") {
            return false;
        }
        let gazetteer = self.gazetteer;
        (1..=3).any(|n| {
            self.name_candidates(end + 1, n).is_some_and(|found| {
                found.iter().any(|&p| {
                    let place = gazetteer.place(p);
                    place.level != PlaceLevel::City
                        && candidates
                            .iter()
                            .any(|&c| gazetteer.place(c).country_code == place.country_code)
                })
            })
        })
    }

    /// "in", "at", "near" ... just before token `t`, on the same line.
    fn after_locative_preposition(&self, t: usize) -> bool {
        t > 0 && self.same_line_as_previous(t) && LOCATIVE_PREPOSITIONS.contains(&self.word(t - 1))
    }

    /// Context that makes an ordinary word at `[t, t + n)` a place name.
    fn context_supports_place(&self, t: usize, n: usize, candidates: &[PlaceIndex]) -> bool {
        let end = t + n;
        if self.comma_region_confirms(end, candidates) {
            return true;
        }
        if !self.after_locative_preposition(t) {
            return false;
        }
        // Nothing after it that makes it the head of a longer phrase ("in
        // reading the statement", "in mobile phones"): the end, punctuation,
        // a function word, a date word or a conjunction.
        match self.tokens.get(end) {
            None => true,
            Some(token) if token.kind != TokenKind::Word => true,
            Some(_) => {
                use word_classes::bits;
                let next = self.word(end);
                !DETERMINERS.contains(&next)
                    && next != "of"
                    && self.classes(end)
                        & (bits::FUNCTION_WORDS
                            | bits::DATE_START_WORDS
                            | bits::CLAUSE_CONJUNCTIONS
                            | bits::CLAUSE_STOP_WORDS)
                        != 0
            }
        }
    }

    /// Whether the `n` words at `t` are a place name, read in context.
    fn accept_place(&self, t: usize, n: usize, candidates: &[PlaceIndex]) -> bool {
        use word_classes::bits;
        let gazetteer = self.gazetteer;
        let Some(&best_index) = candidates.first() else {
            return false;
        };
        let best = gazetteer.place(best_index);
        let words: Vec<&str> = (t..t + n)
            .map(|k| without_possessive(self.word(k)))
            .collect();
        // Dates are dates ("may", "march", "sunday"), and weekday or month
        // names inside a longer match are not place words either.
        if words.iter().any(|w| is_month(w) || is_weekday(w)) {
            return false;
        }
        if n == 1 {
            let word = words[0];
            if word.len() < 3 {
                return false; // "us", "uk": pronouns and initials far more often
            }
            let never = bits::NEVER_PLACES
                | bits::FUNCTION_WORDS
                | bits::EVENT_WORDS
                | bits::PEOPLE_NOUNS
                | bits::STATEMENT_VERBS
                | bits::DATE_START_WORDS
                | bits::PERSON_TITLES
                | bits::TITLES;
            if self.classes(t) & never != 0 {
                return false;
            }
            // Found only under an alternate name ("merkel" is an alias of
            // a small Alabama town, "car" of a country): a name or a word
            // far more often than that place.
            let by_own_name = candidates
                .iter()
                .any(|&p| crate::gazetteer::fold_name(&gazetteer.place(p).name) == word);
            let zipf = zipf_frequency(word).unwrap_or(0.0);
            let flagged_common =
                gazetteer.is_common_word(word) || self.classes(t) & bits::COMMON_WORDS != 0;
            // A country by its own name ("china", "chad") or by a name that
            // is not an ordinary word ("britain"; not "car").
            if best.level == PlaceLevel::Country && (by_own_name || !flagged_common) {
                return true;
            }
            if !by_own_name
                && (zipf >= RARE_NAME_WORD_ZIPF
                    || (best.level == PlaceLevel::City
                        && best.population < WELL_KNOWN_CITY_POPULATION))
            {
                return self.context_supports_place(t, n, candidates);
            }
            let small_city = |min: u64| best.level == PlaceLevel::City && best.population < min;
            let needs_context = flagged_common
                || (zipf >= COMMON_WORD_ZIPF && small_city(WELL_KNOWN_CITY_POPULATION))
                || (zipf >= MODERATE_WORD_ZIPF && small_city(SMALL_TOWN_POPULATION));
            if needs_context {
                return self.context_supports_place(t, n, candidates);
            }
            // A rare word naming only a small town is a surname as often
            // ("mohamed morsi"; capitals would have said which): it needs
            // a preposition, a region after it or an administrative noun.
            if small_city(WELL_KNOWN_CITY_POPULATION) {
                let after_title =
                    t > 0 && self.classes(t - 1) & (bits::PERSON_TITLES | bits::TITLES) != 0;
                let administrative_noun = matches!(
                    self.word(t + 1),
                    "county" | "province" | "district" | "region" | "town" | "village" | "city"
                );
                return !after_title
                    && (self.after_locative_preposition(t)
                        || administrative_noun
                        || self.comma_region_confirms(t + n, candidates));
            }
            return true;
        }
        // Several words: not when the last is a verb or a function word
        // ("the port said", "lake in").
        if self.classes(t + n - 1) & (bits::STATEMENT_VERBS | bits::FUNCTION_WORDS) != 0
            || self.classes(t) & bits::FUNCTION_WORDS != 0
        {
            return false;
        }
        let name = self
            .lower
            .get(self.tokens[t].start..self.tokens[t + n - 1].end);
        // An alternate name of a small town ("the center", "the city" are
        // aliases of towns somewhere) is a phrase far more often.
        let by_own_name = name.is_some_and(|name| {
            let folded = crate::gazetteer::fold_name(name);
            candidates
                .iter()
                .any(|&p| crate::gazetteer::fold_name(&gazetteer.place(p).name) == folded)
        });
        if !by_own_name
            && (words[0] == "the"
                || (best.level == PlaceLevel::City && best.population < WELL_KNOWN_CITY_POPULATION))
        {
            return self.comma_region_confirms(t + n, candidates);
        }
        if name.is_some_and(|name| gazetteer.is_common_word(name)) {
            return self.context_supports_place(t, n, candidates);
        }
        let rarest = words
            .iter()
            .map(|w| zipf_frequency(w).unwrap_or(0.0))
            .fold(f32::MAX, f32::min);
        let well_known =
            best.level != PlaceLevel::City || best.population >= WELL_KNOWN_CITY_POPULATION;
        well_known || rarest < RARE_NAME_WORD_ZIPF || self.context_supports_place(t, n, candidates)
    }

    /// The longest accepted place name starting at `t`: its length in words.
    fn place_at(&self, t: usize, longest: usize) -> Option<usize> {
        let first = without_possessive(self.word(t));
        if first.is_empty() || !self.gazetteer.could_start_place_name(first) {
            return None;
        }
        (1..=longest).rev().find(|&n| {
            // Villages do not make a caseless word a name: too many of them
            // are named like words and people.
            self.name_candidates(t, n).is_some_and(|candidates| {
                candidates
                    .iter()
                    .any(|&p| !crate::extract::places::is_village(self.gazetteer, p))
                    && self.accept_place(t, n, candidates)
            })
        })
    }

    /// Whether the month word at `t` is used as a month.
    fn month_in_use(&self, t: usize) -> bool {
        let word = without_possessive(self.word(t));
        if !is_ambiguous_month(word) {
            return true;
        }
        let mut next = t + 1;
        if self.is_punct(next, ".") {
            next += 1;
        }
        let token_text = |k: usize| {
            self.tokens
                .get(k)
                .and_then(|token| self.lower.get(token.start..token.end))
                .unwrap_or("")
        };
        let number_after = is_day_or_year(token_text(next));
        let number_before = t > 0 && is_day_or_year(token_text(t - 1));
        let full_name = matches!(word, "may" | "march");
        number_after
            || number_before
            || (full_name && t > 0 && MONTH_PREPOSITIONS.contains(&self.word(t - 1)))
    }

    /// A sentence ends at token `t` (a '.', '!' or '?' not after an
    /// abbreviation or an initial).
    fn ends_sentence(&self, t: usize) -> bool {
        if self.is_punct(t, "!?") {
            return true;
        }
        if !self.is_punct(t, ".") {
            return false;
        }
        if t == 0 {
            return true;
        }
        let previous = self.word(t - 1);
        !(previous.chars().count() == 1 || ABBREVIATIONS.contains(&previous))
    }
}

/// Recases `text[start..end]` into `out` (the same bytes): lowers every
/// ASCII letter first when `lower_first` (ALL CAPS), then capitalises the
/// words the rules pick.
fn recase_region(
    text: &str,
    out: &mut [u8],
    start: usize,
    end: usize,
    lower_first: bool,
    gazetteer: &Gazetteer,
) {
    let Some(region_text) = text.get(start..end) else {
        return;
    };
    let lower = region_text.to_ascii_lowercase();
    if lower_first && let Some(target) = out.get_mut(start..end) {
        target.copy_from_slice(lower.as_bytes());
    }
    let region = Region {
        tokens: tokenize(&lower),
        lower: &lower,
        gazetteer,
    };
    let count = region.tokens.len();
    // Per token: capitalise its first letter; it is (part of) a place name.
    let mut capitalise = vec![false; count];
    let mut place = vec![false; count];
    let longest = gazetteer.longest_name_words().clamp(1, 6);

    // Place names first: the other rules keep away from them.
    let mut t = 0;
    while t < count {
        if region.tokens[t].kind == TokenKind::Word
            && let Some(n) = region.place_at(t, longest)
        {
            for k in t..t + n {
                place[k] = true;
                // Connectors stay lowercase inside a name ("bosnia and
                // herzegovina" is two names; "rio de janeiro" keeps "de").
                let connector = k > t
                    && k + 1 < t + n
                    && ["of", "the", "de", "al", "el", "la", "and"].contains(&region.word(k));
                capitalise[k] = !connector;
            }
            t += n;
            continue;
        }
        t += 1;
    }

    // A word capitalised right beside a place name would make the name
    // part of a longer one (a person, an organisation: "Almaty Saturday"
    // reads like "Almaty Police"), so date words, adjectives and names next
    // to a place stay lowercase; dates read weekdays in any case.
    let beside_place = |t: usize| {
        (t > 0 && place[t - 1] && region.same_line_as_previous(t))
            || (t + 1 < count && place[t + 1] && region.same_line_as_previous(t + 1))
    };
    for t in 0..count {
        let token = region.tokens[t];
        if token.kind != TokenKind::Word || place[t] || beside_place(t) {
            continue;
        }
        let word = without_possessive(region.word(t));
        // Dotted initialisms: "u.s.", "u.n." (not "a.m.", "p.m.").
        if word.len() == 1
            && region.is_punct(t + 1, ".")
            && ((region.word(t + 2).len() == 1 && region.is_punct(t + 3, "."))
                || (t >= 2 && region.word(t - 2).len() == 1 && region.is_punct(t - 1, ".")))
        {
            let pair = if region.word(t + 2).len() == 1 {
                (word, region.word(t + 2))
            } else {
                (region.word(t - 2), word)
            };
            if !matches!(pair, ("a", "m") | ("p", "m") | ("e", "g") | ("i", "e")) {
                capitalise[t] = true;
            }
            continue;
        }
        if is_weekday(word) || (is_month(word) && region.month_in_use(t)) {
            capitalise[t] = true;
            continue;
        }
        // "costa rican police", "south koreans": a demonym of two words,
        // as the gazetteer's table has them (the cased reading finds them
        // as one capitalised run).
        if t + 1 < count
            && region.tokens[t + 1].kind == TokenKind::Word
            && region.same_line_as_previous(t + 1)
            && !place[t + 1]
            && gazetteer
                .country_by_demonym_or_its_plural(&format!(
                    "{} {}",
                    region.word(t),
                    without_possessive(region.word(t + 1))
                ))
                .is_some()
        {
            capitalise[t] = true;
            capitalise[t + 1] = true;
            continue;
        }
        // "kazakh", and "canadians" as the plural of a demonym.
        if word.len() >= 3 && gazetteer.country_by_demonym_or_its_plural(word).is_some() {
            capitalise[t] = true;
            continue;
        }
        // A word too rare for the frequency table: a name, most likely.
        if is_likely_name(word) {
            capitalise[t] = true;
        }
    }

    restore_stripped_apostrophes(&region, out, start);

    // Sentence starts: the first word of each line, and after a sentence's
    // final punctuation a word with a space before it (as `text.rs` splits
    // sentences; "...run" glued to an ellipsis is not a start).
    let mut at_start = true;
    let mut after_end_punctuation = false;
    for (t, capitalise_token) in capitalise.iter_mut().enumerate() {
        if t > 0 && !region.same_line_as_previous(t) {
            at_start = true;
            after_end_punctuation = false;
        }
        if after_end_punctuation && !region.is_punct(t, "\"”’')") {
            at_start = region.tokens[t].space_before;
            after_end_punctuation = false;
        }
        match region.tokens[t].kind {
            TokenKind::Word if at_start => {
                *capitalise_token = true;
                at_start = false;
            }
            TokenKind::Word | TokenKind::Number => at_start = false,
            TokenKind::Punct => {
                if region.ends_sentence(t) {
                    after_end_punctuation = true;
                }
            }
        }
    }

    for t in 0..count {
        if !capitalise[t] {
            continue;
        }
        let token = region.tokens[t];
        let at = start + token.start;
        if let Some(byte) = out.get_mut(at) {
            byte.make_ascii_uppercase();
        }
        // "nur-sultan" → "Nur-Sultan", "guinea-bissau" → "Guinea-Bissau".
        if place[t] && token.hyphenated {
            for i in token.start..token.end.saturating_sub(1) {
                if lower.as_bytes().get(i) == Some(&b'-')
                    && let Some(byte) = out.get_mut(start + i + 1)
                {
                    byte.make_ascii_uppercase();
                }
            }
        }
    }
}

/// Puts back the apostrophe of a possessive that a data set wrote as a
/// space: Mass Mobilization's notes, with their punctuation stripped, write
/// "protesters on edinburgh s streets" and "canada s neighbour" (nearly half
/// of mm_dev's notes have one). Read as written, the lone "s" is a word of
/// its own and "on edinburgh" a street named Edinburgh. Only a lone "s"
/// after a word of two letters or more, one space between them, and ending
/// at a space, a punctuation mark or the line's end: "the u s embassy"
/// (U.S. with its dots stripped) keeps its space.
fn restore_stripped_apostrophes(region: &Region<'_>, out: &mut [u8], start: usize) {
    for t in 1..region.tokens.len() {
        let (previous, token) = (region.tokens[t - 1], region.tokens[t]);
        let lone_s = region.word(t) == "s"
            && region.word(t - 1).chars().count() >= 2
            && previous.end + 1 == token.start
            && region.lower.as_bytes().get(previous.end) == Some(&b' ');
        let ends_there = region
            .tokens
            .get(t + 1)
            .is_none_or(|next| next.start > token.end || next.kind == TokenKind::Punct);
        if lone_s
            && ends_there
            && let Some(byte) = out.get_mut(start + previous.end)
        {
            *byte = b'\'';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> String {
        recase_caseless(text, Gazetteer::global())
            .map(|r| r.text)
            .unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn ordinary_text_is_not_caseless() {
        for text in [
            "Police in Almaty detained up to 100 activists on Saturday.",
            "ALMATY, Kazakhstan — Police detained 20 people, the AP reported.",
            "About 300 people rallied in Chicago on Sunday, organisers said.",
        ] {
            assert!(detect(text).is_none(), "{text}");
        }
    }

    #[test]
    fn lowercase_report_gets_places_days_and_sentence_starts() {
        assert_eq!(
            view("police in almaty detained up to 100 activists saturday. they were freed."),
            "Police in Almaty detained up to 100 activists Saturday. They were freed."
        );
        assert_eq!(
            view("thousands marched in new york and in south africa on dec 16."),
            "Thousands marched in New York and in South Africa on Dec 16."
        );
    }

    #[test]
    fn a_possessive_written_with_a_space_gets_its_apostrophe_back() {
        assert_eq!(
            view("marchers filled edinburgh s streets. the u s embassy closed."),
            "Marchers filled Edinburgh's streets. The u s embassy closed."
        );
        assert_eq!(view("canada s neighbour s"), "Canada's neighbour's");
    }

    #[test]
    fn a_demonym_of_two_words_is_capitalised() {
        assert_eq!(
            view("costa rican police cleared the road. south koreans marched."),
            "Costa Rican police cleared the road. South Koreans marched."
        );
    }

    #[test]
    fn ordinary_words_that_are_places_need_context() {
        assert_eq!(
            view("police said nice weather helped as they may march again"),
            "Police said nice weather helped as they may march again"
        );
        assert_eq!(
            view("workers rallied in reading, england, in march"),
            "Workers rallied in Reading, England, in March"
        );
    }

    #[test]
    fn shouting_headline_above_normal_text_is_recased_alone() {
        let text = "POLICE DETAIN 100 ACTIVISTS IN ALMATY\nPolice in Almaty detained 100 people, the AP said.";
        let recased = recase_caseless(text, Gazetteer::global()).expect("a shouting line");
        assert_eq!(recased.kind, CaselessKind::UppercaseLines);
        assert_eq!(
            recased.text,
            "Police detain 100 activists in Almaty\nPolice in Almaty detained 100 people, the AP said."
        );
    }
}
