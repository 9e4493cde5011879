//! Organizers and people: names, acronyms defined in the text, and folded
//! comparison keys that survive transliteration (Toqaev = Tokayev).

use std::sync::LazyLock;

use regex::Regex;

use super::text::{LineKind, TextView, TokenKind};
use crate::extract::model::{Organizer, Person};
use crate::gazetteer::{Gazetteer, fold_name};

/// Acronyms that name the same group in two transliterations or languages.
/// Data, not logic: extend as new equivalences are confirmed.
pub const ORGANIZER_ALIAS_TABLE: &[&[&str]] = &[
    // Democratic Choice of Kazakhstan: English DCK, Russian/Kazakh DVK/QDT.
    &["DVK", "DCK", "QDT"],
];

/// Folds a name for comparison across transliterations: lowercase, no
/// diacritics or punctuation, then a small set of Cyrillic-romanisation
/// variants mapped to one spelling, and doubled letters collapsed.
pub fn fold_key(name: &str) -> String {
    let base = fold_name(name);
    let mut s = base
        .replace("dzh", "j")
        .replace("zh", "j")
        .replace('q', "k")
        .replace("kh", "h");
    for (from, to) in [
        ("aev", "ayev"),
        ("iev", "iyev"),
        ("oev", "oyev"),
        ("uev", "uyev"),
        ("yy", "y"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len());
    let mut previous = None;
    for c in s.chars() {
        if Some(c) == previous && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

static ACRONYM_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:[A-Z][\w’'\-]*)(?:\s+(?:of|for|the|and|in|[A-Z][\w’'\-]*)){0,7})\s+\(([A-Z][A-Za-z]{1,9})\)")
        .expect("acronym regex compiles")
});

/// "NAME KIND": up to four capitalised words before a group word.
const PARTY_NAME_BODY: &str = r"((?:[A-Z][\w’'\-]*\s+){0,3}(?:[A-Z][\w’'\-]*))\s+([Pp]arty|[Mm]ovement|[Bb]loc|[Ff]ront|[Cc]oalition|[Aa]lliance|[Uu]nion)";

static PARTY_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b{PARTY_NAME_BODY}\b")).expect("party regex compiles"));

/// `PARTY_NAME` with ASCII word boundaries. The regex crate's fast engines
/// give up on a Unicode `\b` as soon as the text holds a non-ASCII byte (a
/// curly quote is enough) and fall back to its slowest engine: on the
/// synthetic corpus that made this one regex about a fifth of extraction.
static PARTY_NAME_ASCII_BOUNDARIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b){PARTY_NAME_BODY}(?-u:\b)")).expect("party regex compiles")
});

/// The matches of `PARTY_NAME`, found with the fast ASCII-boundary regex
/// whenever that gives the same answer.
///
/// A match starts and ends with an ASCII letter, so a Unicode boundary
/// there means "the character outside is not a Unicode word character",
/// which implies the ASCII boundary: every path the Unicode regex accepts,
/// the ASCII one accepts too. So if each ASCII match also has Unicode
/// boundaries, each is the path the Unicode regex would have preferred at
/// that start, and no Unicode match was skipped: the two lists are equal.
/// If one does not (a capitalised word glued to a letter like "é"), the
/// Unicode regex is asked instead.
fn party_name_matches(text: &str) -> Vec<regex::Match<'_>> {
    let fast: Vec<regex::Match<'_>> = PARTY_NAME_ASCII_BOUNDARIES.find_iter(text).collect();
    let outside_is_not_word =
        |outside: Option<char>| !outside.is_some_and(regex_syntax::is_word_character);
    let all_unicode_boundaries = fast.iter().all(|found| {
        outside_is_not_word(text[..found.start()].chars().next_back())
            && outside_is_not_word(text[found.end()..].chars().next())
    });
    if all_unicode_boundaries {
        fast
    } else {
        PARTY_NAME.find_iter(text).collect()
    }
}

/// Words that make a name an organizing group rather than an institution.
const GROUP_WORDS: &[&str] = &[
    "party",
    "movement",
    "choice",
    "front",
    "coalition",
    "alliance",
    "bloc",
    "union",
    "opposition",
    "committee",
    "council",
    "federation",
    "congress",
    "league",
    "association",
    "collective",
    "network",
    "solidarity",
    "campaign",
];

/// Words after which a name is an institution, not an organizer.
const INSTITUTION_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "treaty",
    "ministry",
    "office",
    "service",
    "court",
    "agency",
    "police",
    "department",
    "bank",
    "fund",
    "news",
    "press",
    "television",
    "radio",
    "security",
];

pub(crate) fn find_organizers(view: &TextView<'_>) -> Vec<Organizer> {
    let text = view.text;
    let mut organizers: Vec<Organizer> = Vec::new();
    let mut add = |name: &str, alias: Option<&str>| {
        let name = name
            .trim()
            .trim_start_matches("The ")
            .trim_start_matches("the ")
            .trim();
        if name.is_empty() || name.split_whitespace().count() > 8 {
            return;
        }
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if words.iter().any(|w| INSTITUTION_WORDS.contains(w))
            || !words.iter().any(|w| GROUP_WORDS.contains(w))
        {
            // An acronym whose long form is not a group is still a group
            // when the alias table knows it.
            if alias.is_none_or(|a| !ORGANIZER_ALIAS_TABLE.iter().any(|row| row.contains(&a))) {
                return;
            }
        }
        let key = fold_key(name);
        let mut aliases: Vec<String> = Vec::new();
        if let Some(alias) = alias {
            aliases.push(alias.to_string());
            for row in ORGANIZER_ALIAS_TABLE {
                if row.contains(&alias) {
                    aliases.extend(row.iter().filter(|a| **a != alias).map(|a| a.to_string()));
                }
            }
        }
        if let Some(existing) = organizers
            .iter_mut()
            .find(|o| o.key == key || strsim::normalized_levenshtein(&o.key, &key) >= 0.9)
        {
            for alias in aliases {
                if !existing.aliases.contains(&alias) {
                    existing.aliases.push(alias);
                }
            }
            if name.len() > existing.name.len() {
                existing.name = name.to_string();
            }
            return;
        }
        organizers.push(Organizer {
            name: name.to_string(),
            aliases,
            key,
        });
    };
    // The regexes are the slow part; most texts need only one of them.
    let has_acronym = text.contains(" (");
    let has_group_word = [
        "arty", "ovement", "loc", "ront", "oalition", "lliance", "nion",
    ]
    .iter()
    .any(|w| text.contains(w));
    // Both regexes are a name, whitespace, then a tail that holds no
    // whitespace (and, for the acronym, the only "(" of the match): the two
    // groups are found by splitting the match there, which gives the same
    // strings as the capture groups without the slow capturing engine.
    for found in ACRONYM_DEFINITION.find_iter(if has_acronym { text } else { "" }) {
        if let Some((name, acronym)) = split_acronym_definition(found.as_str()) {
            // The regex may start at a sentence's first word ("Banned
            // Democratic ..."); drop leading words that are not part of it.
            let name = trim_leading_non_name_words(name);
            add(name, Some(acronym));
        }
    }
    for found in party_name_matches(if has_group_word { text } else { "" }) {
        if let Some((name, kind)) = split_last_word(found.as_str()) {
            let name_text = trim_leading_non_name_words(name);
            let first_word = name_text.split_whitespace().next().unwrap_or("");
            if [
                "The", "A", "An", "This", "That", "Ruling", "Its", "His", "Her",
            ]
            .contains(&first_word)
            {
                continue;
            }
            let full = format!("{} {}", name_text, capitalise(kind));
            add(&full, None);
        }
    }
    organizers
}

/// The groups of an `ACRONYM_DEFINITION` match "NAME (ACRONYM)": the name
/// before the whitespace ahead of the match's one "(", and the acronym
/// between it and the closing ")".
fn split_acronym_definition(found: &str) -> Option<(&str, &str)> {
    let open = found.rfind('(')?;
    let acronym = found.get(open + 1..)?.strip_suffix(')')?;
    let name = found.get(..open)?.trim_end();
    Some((name, acronym))
}

/// The groups of a `PARTY_NAME` match "NAME KIND": the name before the
/// whitespace ahead of the last word, and the last word.
fn split_last_word(found: &str) -> Option<(&str, &str)> {
    let (space, width) = found
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map(|(i, c)| (i, c.len_utf8()))?;
    let kind = found.get(space + width..)?;
    let name = found.get(..space)?.trim_end();
    Some((name, kind))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn trim_leading_non_name_words(name: &str) -> &str {
    let mut rest = name;
    for word in [
        "The ",
        "In ",
        "On ",
        "By ",
        "And ",
        "Banned ",
        "Opposition ",
        "Unregistered ",
    ] {
        if let Some(stripped) = rest.strip_prefix(word) {
            rest = stripped;
        }
    }
    rest
}

const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ev", "yev", "ova", "eva", "yeva", "in", "ina", "bai", "bay", "enko", "ski", "sky",
    "dze", "shvili", "yan", "ian", "uly", "kyzy",
];

/// Given names of the 1990 US census (`data/given_names.tsv`, public
/// domain; scripts/build_person_names.py), lowercase.
static GIVEN_NAMES: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| names_of_table(include_str!("../../data/given_names.tsv")));

/// The census's 20,000 commonest surnames (`data/surnames.tsv`), lowercase:
/// "Smith", "Brown" and "Hayes" are common English words or towns too, and
/// only this list says that after a given name they are a family name.
static SURNAMES: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| names_of_table(include_str!("../../data/surnames.tsv")));

fn names_of_table(table: &'static str) -> std::collections::HashSet<&'static str> {
    table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// A word at most this frequent in English (Zipf) may close a person's
/// name that the surname list lacks ("Okafor", "Poindexter"): as rare as
/// the words `places` reads as a town on the country alone.
const RARE_SURNAME_MAX_ZIPF: f32 = 3.0;

/// Last words that make a given name the start of a place or a building,
/// never a person ("Jefferson Davis Parkway", "Lafayette Parish", "Jackson
/// Heights"), beyond the sub-place suffixes ("Grant Park").
const PLACE_KIND_LAST_WORDS: &[&str] = &[
    "county",
    "parish",
    "township",
    "borough",
    "city",
    "town",
    "village",
    "river",
    "lake",
    "creek",
    "valley",
    "heights",
    "beach",
    "springs",
    "island",
    "parkway",
    "drive",
    "lane",
    "court",
    "way",
    "place",
    "terrace",
    "circle",
    "highway",
    "expressway",
    "freeway",
    "trail",
    "pike",
    "high",
    "elementary",
    "middle",
    "academy",
    "college",
    "institute",
    "apartments",
    "homes",
    "memorial",
    "house",
    "hospital",
    "school",
    "fairgrounds",
    "bank",
    // A newspaper named after its town or its founder ("Augusta Herald").
    "herald",
    "times",
    "news",
    "post",
    "tribune",
    "journal",
    "gazette",
    "press",
    "courier",
    "chronicle",
    "register",
    "observer",
    "examiner",
    "inquirer",
    "enquirer",
    "bulletin",
    "dispatch",
    "telegraph",
    "sentinel",
    "ledger",
    "citizen",
    "monitor",
    "review",
    "record",
    "democrat",
    "star",
    "daily",
    "express",
    "mirror",
    "standard",
    "leader",
    "beacon",
    "advocate",
    "reporter",
    "independent",
    "guardian",
    "globe",
];

/// Abbreviations before a given name that make it part of a place's name
/// ("Ft. Myers", "Mt. Vernon"), beside the words that open place names
/// (`places::PLACE_NAME_FIRST_WORDS`: "St. Paul", "Fort Lee", "Lake
/// Charles").
const PLACE_NAME_ABBREVIATIONS: &[&str] = &["ft", "mt"];

/// Whether the token is a given name of the census list, and no weekday
/// ("Sunday School Class"); months stay ("April Jones"), since a month's
/// next word is a day or a year, never a surname.
pub(crate) fn is_given_name(view: &TextView<'_>, token: usize) -> bool {
    is_given_name_word(view.lower(token))
}

/// `is_given_name` for a lowercase word.
fn is_given_name_word(word: &str) -> bool {
    GIVEN_NAMES.contains(word) && crate::extract::dates::weekday_of(word).is_none()
}

/// Whether a lowercase word is a given name, and the next a surname, of
/// the census lists ("joshua" "cooper"; not "alvin" "isd").
pub(crate) fn census_given_name_and_surname(given: &str, surname: &str) -> bool {
    is_given_name_word(given) && SURNAMES.contains(surname)
}

/// A word of a place, a building, a group, a newspaper or a date: no part
/// of a person's name after the given name ("Walker County Fairgrounds",
/// "Alexandria Friday").
fn names_no_person(view: &TextView<'_>, token: usize) -> bool {
    names_no_person_word(view, token, &without_possessive_lower(view, token))
}

/// `names_no_person` for the token's word already lowercased.
fn names_no_person_word(view: &TextView<'_>, token: usize, word: &str) -> bool {
    use crate::extract::text::word_classes::bits;
    view.in_class(
        token,
        bits::SUB_PLACE_SUFFIXES
            | bits::COMMON_WORDS
            | bits::NOT_NAME_WORDS
            | bits::DATE_START_WORDS,
    ) || PLACE_KIND_LAST_WORDS.contains(&word)
        || word.contains('-')
}

/// The token without a possessive "'s", lowercase.
fn without_possessive_lower(view: &TextView<'_>, token: usize) -> String {
    crate::extract::text::without_possessive(view.raw(token)).to_lowercase()
}

/// Whether the token, lowercased as `word`, can close a person's name
/// after a given name: a census surname or a word too rare in English to
/// be anything else.
fn can_end_a_persons_name(view: &TextView<'_>, token: usize, word: &str) -> bool {
    !names_no_person_word(view, token, word)
        && (SURNAMES.contains(word)
            || crate::word_frequency::zipf_frequency(word)
                .is_none_or(|zipf| zipf <= RARE_SURNAME_MAX_ZIPF))
}

/// Where a person's name starts and ends inside the capitalised run
/// `t..e`: at the first given name that opens one ("Carmel Mayor Dana
/// Whitcombe": not at Carmel, a given name too), through at most two more
/// words, the last a surname ("Rochelle Dunmore", "Coroner Don Whitlock",
/// "Marcus Andrews Jr." without the suffix). `None` when no given name
/// opens a name there, or the run goes on past the name (a group's or a
/// building's name: "John Jay College").
fn given_named_span(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    e: usize,
    sentence_end: usize,
) -> Option<(usize, usize)> {
    (t..e.saturating_sub(1))
        .filter(|&g| is_given_name(view, g))
        .find_map(|g| name_opened_by(view, gazetteer, t, g, e, sentence_end))
        .or_else(|| rare_given_name_and_surname(view, gazetteer, t, e, sentence_end))
}

/// Zipf frequency below which a capitalised word no list knows can be a
/// given name the 1990 census lacks ("Maleah", "Aniaya", "Derrius").
const RARE_GIVEN_NAME_MAX_ZIPF: f32 = 1.5;

/// A two-word run of a rare word no gazetteer knows and a census surname
/// ("Maleah Williams", "Aniaya Montgomery"): a person, though the census
/// lists (American names of 1990) lack the given name. Without it the
/// surname was read as a city.
fn rare_given_name_and_surname(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    e: usize,
    sentence_end: usize,
) -> Option<(usize, usize)> {
    if e != t + 2 {
        return None;
    }
    let first = view.raw(t);
    let rare_word = first.len() >= 3
        && first.chars().all(|c| c.is_alphabetic())
        && !first.chars().skip(1).all(|c| c.is_uppercase())
        && crate::word_frequency::zipf_frequency(&first.to_lowercase())
            .is_none_or(|zipf| zipf < RARE_GIVEN_NAME_MAX_ZIPF)
        && gazetteer.lookup(first).is_empty();
    // Two words that are a town's name together ("Pico Rivera") are no
    // person: `find_people` looks every name it finds up as a place.
    if !rare_word || !SURNAMES.contains(without_possessive_lower(view, t + 1).as_str()) {
        return None;
    }
    name_opened_by(view, gazetteer, t, t, e, sentence_end)
}

/// Zipf frequency from which a census surname is an everyday English word
/// first ("Power" 5.4, "White", "Young", "King", "Price"; "Brown" 4.9 and
/// "Smith" 4.6 are below).
const EVERYDAY_WORD_MIN_ZIPF: f32 = 5.0;

/// `given_named_span` for the given name at `g`.
fn name_opened_by(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    g: usize,
    e: usize,
    sentence_end: usize,
) -> Option<(usize, usize)> {
    let opened_by_a_place_word = |before: usize| {
        view.is_any(before, crate::extract::places::PLACE_NAME_FIRST_WORDS)
            || view.is_any(before, PLACE_NAME_ABBREVIATIONS)
    };
    // "The Alexandria Comets", "the Jordan Tigers": a team's or a
    // group's name; a person after "the" has a title first ("the Rev.
    // Billy Graham").
    if g == t
        && t >= 1
        && (view.is(t - 1, "the")
            || opened_by_a_place_word(t - 1)
            || (t >= 2 && view.is_punct(t - 1, ".") && opened_by_a_place_word(t - 2)))
    {
        return None;
    }
    const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
    let is_date_word = |m: usize| {
        view.in_class(
            m,
            crate::extract::text::word_classes::bits::DATE_START_WORDS,
        )
    };
    let mut end = e.min(g + 3);
    // "identified the man as John Smith Tuesday": the day ends the name.
    if let Some(date_word) = (g + 1..end).find(|&m| is_date_word(m)) {
        end = date_word;
    }
    // "Jr.", "Sr.", "II": a suffix is part of the name but not its surname.
    while end > g + 2 && view.is_any(end - 1, SUFFIXES) {
        end -= 1;
    }
    if end < g + 2 {
        return None;
    }
    if end < e && !view.is_any(end, SUFFIXES) && !is_date_word(end) {
        return None;
    }
    // "Sam Houston State University", "John Jay College": a capitalised
    // word the run stopped at (a word of an institution) goes on with the
    // name of something else.
    if end == e
        && e < sentence_end
        && view.tokens[e].kind == TokenKind::Word
        && view.tokens[e].capitalised
        && view.tokens[e].space_before
    {
        return None;
    }
    let last = without_possessive_lower(view, end - 1);
    let middle_is_a_name = (g + 1..end - 1).all(|m| !names_no_person(view, m));
    if !middle_is_a_name || !can_end_a_persons_name(view, end - 1, &last) {
        return None;
    }
    // "Georgia Power", "Carolina Gold": a state's or a country's name and
    // an everyday word name a company or a brand before a person.
    let everyday_last_word = crate::word_frequency::zipf_frequency(&last)
        .is_some_and(|zipf| zipf >= EVERYDAY_WORD_MIN_ZIPF);
    let given_name_is_a_region = || {
        gazetteer.lookup(view.raw(g)).iter().any(|&p| {
            matches!(
                gazetteer.place(p).level,
                crate::extract::model::PlaceLevel::Region
                    | crate::extract::model::PlaceLevel::Country
            )
        })
    };
    if end == g + 2 && everyday_last_word && given_name_is_a_region() {
        return None;
    }
    Some((g, end))
}

pub(crate) fn find_people(view: &TextView<'_>, gazetteer: &Gazetteer) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for sentence in &view.sentences {
        if sentence.line_kind == LineKind::Headline {
            continue;
        }
        let (first, end) = (sentence.first_token, sentence.end_token);
        let mut t = first;
        while t < end {
            let token = view.tokens[t];
            if token.kind != TokenKind::Word
                || !token.capitalised
                || view.in_class(t, crate::extract::text::word_classes::bits::NOT_NAME_WORDS)
            {
                t += 1;
                continue;
            }
            let mut e = t;
            while e < end
                && e < t + 5
                && view.tokens[e].kind == TokenKind::Word
                && view.tokens[e].capitalised
                && (e == t || view.tokens[e].space_before)
                && !view.in_class(e, crate::extract::text::word_classes::bits::NOT_NAME_WORDS)
            {
                e += 1;
            }
            let words = e - t;
            if let Some((person, after)) = name_with_a_middle_initial(view, t, e, end) {
                add_person(&mut people, person);
                t = after;
                continue;
            }
            if words < 2 {
                t = e.max(t + 1);
                continue;
            }
            // A name a given name opens ("Rochelle Dunmore", "Chief John
            // Smith") stands on its own; else the first three words must
            // be a titled name, a surname of the region's form or a name
            // with an age, as before the census lists.
            let given_named = given_named_span(view, gazetteer, t, e, end);
            // Where the scan goes on: past the whole run when a given name
            // opened a name in it, else past the three words weighed.
            let next = match given_named {
                Some(_) => e,
                None => e.min(t + 3),
            };
            let (name_start, e) = given_named.unwrap_or((t, next));
            let last = view.raw(e - 1);
            let last_bare = crate::extract::text::without_possessive(last);
            let titled = name_start > first
                && view.in_class(
                    name_start - 1,
                    crate::extract::text::word_classes::bits::TITLES,
                );
            let surname_like = SURNAME_ENDINGS.iter().any(|ending| {
                last_bare.to_lowercase().ends_with(ending) && last_bare.len() > ending.len() + 2
            });
            // "Marcus Andrews Jr., 5,": the age follows the suffix.
            let age = age_after(view, e, end).or_else(|| {
                given_named
                    .filter(|_| next == e + 1)
                    .and_then(|_| age_after(view, next, end))
            });
            let is_place = !gazetteer.lookup(view.token_text(name_start, e)).is_empty();
            if !is_place && (given_named.is_some() || titled || surname_like || age.is_some()) {
                let start = view.tokens[name_start].start;
                let name_end = view.tokens[e - 1].start + last_bare.len();
                let name = view.slice(start, name_end).to_string();
                let key = fold_key(&name);
                add_person(&mut people, Person { name, key, age });
            }
            t = next;
        }
    }
    people
}

/// Adds a person once per key: a later mention gives the age an earlier
/// one lacked; the name stays as first written.
fn add_person(people: &mut Vec<Person>, person: Person) {
    match people.iter_mut().find(|p| p.key == person.key) {
        Some(existing) => {
            if existing.age.is_none() {
                existing.age = person.age;
            }
        }
        None => people.push(person),
    }
}

/// Whether token `t` is a single capital letter with a stop right after it
/// ("B." in "William B. Evans").
fn is_an_initial(view: &TextView<'_>, t: usize) -> bool {
    let raw = view.raw(t);
    view.tokens[t].kind == TokenKind::Word
        && raw.len() == 1
        && raw.bytes().all(|b| b.is_ascii_uppercase())
        && t + 1 < view.tokens.len()
        && view.is_punct(t + 1, ".")
        && !view.tokens[t + 1].space_before
}

/// Whether the word at `t` follows a given name and a middle initial
/// ("Evans" in "William B. Evans"): a surname, however the gazetteer
/// knows the word.
pub(crate) fn follows_a_middle_initial(view: &TextView<'_>, t: usize) -> bool {
    t >= 3 && is_an_initial(view, t - 2) && is_given_name(view, t - 3)
}

/// "William B. Evans", "Tamika R. Jones, 31,": a given name, a middle
/// initial and a surname. The capitalised run `t..e` stops at the
/// initial's stop, so the name is read here, from the given name right
/// before the initial; its key leaves the initial out, so that a report
/// writing "William Evans" names the same person. Returns the person and
/// the token after the name.
fn name_with_a_middle_initial(
    view: &TextView<'_>,
    t: usize,
    e: usize,
    sentence_end: usize,
) -> Option<(Person, usize)> {
    // The run stops at the initial's stop, or before the initial when it
    // is a word of its own ("Mark A. Lancaster", "Jo I. Park").
    let (given, initial) = if e >= t + 2 && is_an_initial(view, e - 1) {
        (e - 2, e - 1)
    } else if e > t && e < sentence_end && is_an_initial(view, e) {
        (e - 1, e)
    } else {
        return None;
    };
    let surname = initial + 2;
    if surname >= sentence_end || !is_given_name(view, given) {
        return None;
    }
    let token = view.tokens[surname];
    if token.kind != TokenKind::Word || !token.capitalised || !token.space_before {
        return None;
    }
    let surname_word = without_possessive_lower(view, surname);
    if !can_end_a_persons_name(view, surname, &surname_word) {
        return None;
    }
    // "John F. Kennedy International Airport": the run goes on with the
    // name of something else; a suffix ("Jr.") is still the person's.
    let mut after = surname + 1;
    if after < sentence_end
        && view.tokens[after].kind == TokenKind::Word
        && view.tokens[after].capitalised
        && view.tokens[after].space_before
    {
        if !view.is_any(after, &["jr", "sr", "ii", "iii", "iv"]) {
            return None;
        }
        after += 1;
    }
    let surname_bare = crate::extract::text::without_possessive(view.raw(surname));
    let start = view.tokens[given].start;
    let name_end = view.tokens[surname].start + surname_bare.len();
    let name = view.slice(start, name_end).to_string();
    let key = fold_key(&format!("{} {}", view.raw(given), surname_bare));
    let age = age_after(view, after, sentence_end);
    Some((Person { name, key, age }, after))
}

/// "John Smith, 24," or "John Smith, a 24-year-old".
fn age_after(view: &TextView<'_>, e: usize, end: usize) -> Option<u32> {
    if e + 1 >= end || !view.is_punct(e, ",") {
        return None;
    }
    let next = view.lower(e + 1);
    if view.tokens[e + 1].kind == TokenKind::Number && (e + 2 >= end || view.is_punct(e + 2, ",."))
    {
        return next.parse().ok().filter(|a| (1..=120).contains(a));
    }
    let candidate = if next == "a" || next == "an" {
        view.lower(e + 2)
    } else {
        next
    };
    let digits = candidate.strip_suffix("-year-old")?;
    digits.parse().ok().filter(|a| (1..=120).contains(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path must find exactly what the Unicode-boundary regex
    /// finds, including where the two boundaries disagree: letters such as
    /// "é" or "ŋ" glued to a name or a group word, digits and underscores
    /// (word characters in both), non-ASCII punctuation and spaces.
    #[test]
    fn party_names_found_fast_are_the_unicode_regex_matches() {
        let texts = [
            "Members of the Free Workers Union and the Green Party marched.",
            "ÉNational Party and éGreen Movement, but “Left Bloc” too.",
            "The Green Partyé, the Red Unionŋ and the Blue Front_ met.",
            "São Paulo Workers Party; Über Alliance—Zaŋ Coalition\u{2003}Front",
            "1Left Bloc 2 Right Bloc_3 Centre Front9 and Nova Union’s",
            "Ñ Alliance ÑA Alliance aB Party Ab Party",
            "",
            "no capitals here at all, party union front",
        ];
        for text in texts {
            let fast: Vec<(usize, usize)> = party_name_matches(text)
                .iter()
                .map(|m| (m.start(), m.end()))
                .collect();
            let unicode: Vec<(usize, usize)> = PARTY_NAME
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The same over random texts built from names, group words and
        /// the characters where the two boundaries disagree.
        #[test]
        fn party_names_found_fast_match_the_unicode_regex_on_random_texts(
            words in proptest::collection::vec(
                "(Party|Union|Bloc|Front|[A-Z][a-zé]{0,4}|[éŋÉ_0-9’—]{1,2}|[a-z]{1,3})",
                0..12,
            ),
            separators in proptest::collection::vec("( |\u{2003}|é|_|, |)", 12),
        ) {
            let mut text = String::new();
            for (word, separator) in words.iter().zip(&separators) {
                text.push_str(word);
                text.push_str(separator);
            }
            let fast: Vec<(usize, usize)> =
                party_name_matches(&text).iter().map(|m| (m.start(), m.end())).collect();
            let unicode: Vec<(usize, usize)> =
                PARTY_NAME.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(fast, unicode, "{:?}", text);
        }
    }

    #[test]
    fn splitting_a_match_gives_the_capture_groups() {
        let texts = [
            "Members of the Free Workers Union (FWU) and the Green Party marched.",
            "The Coalition for Clean Air\u{a0}\t (CCA) said the People’s Front  of   Hope   Front won.",
            "A rally by Banned Democratic Choice of Kazakhstan\n(DVK) and Oyan Qazaqstan Movement.",
            "Zaŋ Partiýasy Party\u{2003}Union, (X) (AB) Left Bloc",
        ];
        for text in texts {
            for captures in ACRONYM_DEFINITION.captures_iter(text) {
                let whole = captures.get(0).map(|m| m.as_str()).unwrap_or("");
                let expected = (captures[1].to_string(), captures[2].to_string());
                let got =
                    split_acronym_definition(whole).map(|(a, b)| (a.to_string(), b.to_string()));
                assert_eq!(got, Some(expected), "{whole:?}");
            }
            for captures in PARTY_NAME.captures_iter(text) {
                let whole = captures.get(0).map(|m| m.as_str()).unwrap_or("");
                let expected = (captures[1].to_string(), captures[2].to_string());
                let got = split_last_word(whole).map(|(a, b)| (a.to_string(), b.to_string()));
                assert_eq!(got, Some(expected), "{whole:?}");
            }
        }
    }

    #[test]
    fn keys_fold_transliterations() {
        for (a, b) in [
            ("Toqaev", "Tokayev"),
            ("Nazarbaev", "Nazarbayev"),
            ("Qasym-Zhomart", "Kassym-Jomart"),
        ] {
            assert_eq!(fold_key(a), fold_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn acronyms_become_aliases_and_fold_across_languages() {
        let view = TextView::new(
            "Rallies were called by the banned Democratic Choice of Kazakhstan (DVK) movement. The DVK said so.\n",
        );
        let organizers = find_organizers(&view);
        assert_eq!(organizers.len(), 1, "{organizers:?}");
        assert_eq!(organizers[0].name, "Democratic Choice of Kazakhstan");
        assert!(organizers[0].aliases.contains(&"DVK".to_string()));
        assert!(organizers[0].aliases.contains(&"DCK".to_string()));
    }

    #[test]
    fn people_with_titles_and_ages() {
        let view = TextView::new(
            "Police said Marcus Reed, 24, was shot. President Qasym-Zhomart Toqaev spoke. Officials named Adaeze Okafor, a 31-year-old nurse.\n",
        );
        let people = find_people(&view, Gazetteer::global());
        let got: Vec<(String, Option<u32>)> =
            people.iter().map(|p| (p.name.clone(), p.age)).collect();
        assert!(
            got.contains(&("Marcus Reed".to_string(), Some(24))),
            "{got:?}"
        );
        assert!(
            got.contains(&("Qasym-Zhomart Toqaev".to_string(), None)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Adaeze Okafor".to_string(), Some(31))),
            "{got:?}"
        );
    }
}
