//! Places: gazetteer names among capitalised word sequences, with the
//! report's country context for disambiguation, sub-places (squares,
//! streets, "the 4800 block of ..."), and the dateline.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::place_context::{
    self, DocumentContext, Qualifier, US_STATE_ABBREVIATIONS, abbreviation_at,
    reads_as_common_word, region_of_candidate, score_candidate, us_state,
};
use super::text::{
    LineKind, TextView, TokenKind, possessive_stem, without_possessive,
    without_possessive_in_any_case,
};
use crate::extract::model::{FoundPlaceLevel, PlaceLevel};
use crate::gazetteer::counties::{County, counties_named};
use crate::gazetteer::world_regions::world_region_named;
use crate::gazetteer::{Gazetteer, PlaceIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceRole {
    /// Names where something happened or is counted.
    Scope,
    /// Gives context only: a country's possessive ("Kazakhstan's Interior
    /// Ministry"), a name inside an organisation's name, a headline.
    Context,
}

#[derive(Debug, Clone)]
pub(crate) struct PlaceHit {
    pub place: PlaceIndex,
    pub first_token: usize,
    pub end_token: usize,
    pub role: PlaceRole,
    pub sentence: usize,
    /// Named as where information came from ("reports from Almaty").
    pub source: bool,
}

impl PlaceHit {
    /// The words the hit covers, folded as the gazetteer folds names
    /// (empty for a hit that covers no token).
    pub(crate) fn folded_name(&self, view: &TextView<'_>) -> String {
        if self.end_token <= self.first_token || self.end_token > view.tokens.len() {
            return String::new();
        }
        crate::gazetteer::fold_name(view.slice(
            view.tokens[self.first_token].start,
            view.tokens[self.end_token - 1].end,
        ))
    }
}

/// How a found name is used, as far as the scan can tell (event or
/// background is decided later, from the sentence's dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceUsage {
    Named,
    Headline,
    Dateline,
    Organisation,
    Demonym,
    Qualifier,
    Source,
    Context,
}

/// One place name found, resolved (or a sub-place whose city is chosen
/// later, `place: None`), for the `places` output.
#[derive(Debug, Clone)]
pub(crate) struct FoundDraft {
    /// Bytes of the view's text when the name is one part of a hyphenated
    /// word ("Egyptian" in "Egyptian-US"); else the tokens' own.
    pub part_of_word: Option<(usize, usize)>,
    pub first_token: usize,
    pub end_token: usize,
    pub sentence: usize,
    pub usage: PlaceUsage,
    pub level: FoundPlaceLevel,
    /// The resolution; for a county or sub-place, the place it lies in.
    pub place: Option<PlaceIndex>,
    /// The point to give it when not the resolution's own (a county the
    /// county table knows).
    pub point: Option<(f64, f64)>,
    pub evidence: Vec<String>,
}

impl FoundDraft {
    /// A country's or a region's people ("Kazakh", "Ohioans") over `tokens`.
    fn demonym(
        tokens: std::ops::Range<usize>,
        sentence: usize,
        level: FoundPlaceLevel,
        place: PlaceIndex,
    ) -> FoundDraft {
        FoundDraft {
            part_of_word: None,
            point: None,
            first_token: tokens.start,
            end_token: tokens.end,
            sentence,
            usage: PlaceUsage::Demonym,
            level,
            place: Some(place),
            evidence: vec!["demonym".to_string()],
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct SubPlaceHit {
    pub first_token: usize,
    pub end_token: usize,
    pub sentence: usize,
}

/// Verbs after which "on" takes a city, not a street: crowds march on a
/// capital, converge on it, descend on it.
const CONVERGING_VERBS: &[&str] = &[
    "march",
    "marched",
    "marching",
    "marches",
    "converge",
    "converged",
    "converging",
    "converges",
    "descend",
    "descended",
    "descending",
    "descends",
];

/// Words of direction or area that a name of its own follows ("North
/// Texas", "Metro Vancouver", "Downtown Dallas"): a part of the place
/// after them, never a town called "North" or "Metro", nor a person's
/// given name.
const AREA_WORDS_BEFORE_A_PLACE: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "central",
    "downtown",
    "uptown",
    "midtown",
    "greater",
    "metro",
    "metropolitan",
    "suburban",
    "rural",
    "historic",
];

/// Words that start place names of their own ("New Haven", "Lake Forest",
/// "Fort Worth", "Upper Darby"): like [`AREA_WORDS_BEFORE_A_PLACE`], no
/// person's given name, but never passed over before a name.
pub(crate) const PLACE_NAME_FIRST_WORDS: &[&str] = &[
    "inner", "outer", "upper", "lower", "old", "new", "urban", "lake", "port", "fort", "mount",
    "saint", "st",
];

/// Whether the capitalised words from token `t` are one place name of the
/// gazetteer, or a state's or country's abbreviation, and nothing more
/// ("Texas" in "North Texas schools", "D.C." in "Northwest D.C."; not
/// "Mat-Su Fire Department").
fn place_name_alone_after(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    end: usize,
    longest: usize,
) -> bool {
    let Some(first) = view.tokens.get(t).filter(|_| t < end) else {
        return false;
    };
    if first.kind != TokenKind::Word || !first.capitalised || !first.space_before {
        return false;
    }
    if abbreviation_at(view, gazetteer, t, end, false).is_some()
        || world_region_run(view, t, end).is_some_and(|run| run.listed)
    {
        return true;
    }
    let run_end = capitalised_run_end(view, t, t + 1, end, longest + 1);
    match_name(view, gazetteer, t, run_end - t, end).is_some()
}

/// Whether token `k` is a capitalised word of its own (a space before it)
/// inside the stretch ending at `end`: the next word of a name.
fn capitalised_word_at(view: &TextView<'_>, k: usize, end: usize) -> bool {
    k < end && {
        let token = view.tokens[k];
        token.kind == TokenKind::Word && token.capitalised && token.space_before
    }
}

/// The token after the capitalised words from `from` on, at most
/// `max_words` of them counted from `first` ("Mat-Su Fire Department").
fn capitalised_run_end(
    view: &TextView<'_>,
    first: usize,
    from: usize,
    end: usize,
    max_words: usize,
) -> usize {
    let mut run_end = from;
    while run_end - first < max_words && capitalised_word_at(view, run_end, end) {
        run_end += 1;
    }
    run_end
}

/// Plural street words after two crossing streets' names ("at Mathis and
/// Prentice streets").
const PLURAL_STREET_WORDS: &[&str] = &["streets", "avenues", "roads", "boulevards", "drives"];

/// A weekday, or a month before its day, after a place's name: the date
/// of the sentence, not a word of the name ("Shawnee Park Thursday", "the
/// 3800 block of Pine Street Friday", "Hudson Street June 4").
fn date_word_after_a_name(view: &TextView<'_>, t: usize, end: usize) -> bool {
    let word = view.lower(t);
    crate::extract::dates::weekday_of(word).is_some()
        || (word.len() >= 3
            && crate::extract::dates::month_number(word).is_some()
            && t + 1 < end
            && view.tokens[t + 1].kind == TokenKind::Number)
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([A-Z][A-Z.'’ -]{1,40}?|[A-Z][A-Za-z.'’ -]{1,40}?)(?:\s*,\s*([A-Z][A-Za-z.'’ ]{1,40}?))?\s*(\([^)]{1,40}\))?\s*(?:--|—|–|-)\s+\S",
    )
    .expect("dateline regex compiles")
});

/// A dateline alone on its line, the story below it: "READING, Pa. -",
/// "Mobile, AL (WKRG)", "Hopkinsville, KY (42240)". Its state or country
/// must be one, or it is a byline ("Tracie Perkins, Townsquare Media").
static DATELINE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([A-Z][A-Za-z.'’ -]{1,40}?)\s*,\s*([A-Z][A-Za-z.'’ ]{1,40}?)\s*(\([^)]{1,40}\))?\s*(?:--|—|–|-)?\s*$",
    )
    .expect("dateline-alone regex compiles")
});

/// A city in capitals alone on its line with a dash after it, the story
/// below it: "ANCHORAGE –", "DAYTONA BEACH -", "DALLAS (AP) -". The
/// capitals and the dash make it a dateline, not a heading; the city must
/// be one the gazetteer knows.
static BARE_DATELINE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Z][A-Z.'’ ]{1,40}?)\s*(\([^)]{1,40}\))?\s*(?:--|—|–|-)\s*$")
        .expect("bare-dateline-alone regex compiles")
});

/// Longest line (bytes) read as a dateline alone.
const DATELINE_ALONE_MAX_BYTES: usize = 60;

pub(crate) struct Dateline {
    pub place: Option<PlaceIndex>,
    pub country: Option<PlaceIndex>,
    /// The dateline's state is sure: written after it ("SALINA, Kan."),
    /// or the only one its name's towns lie in within their country. A
    /// bare "GREENACRES" (towns in Florida and California) is not, and
    /// votes for no state: the report's other names say which.
    pub region_is_sure: bool,
    /// Byte range of the city name in the view.
    pub name_start: usize,
    pub name_end: usize,
}

/// Reads a dateline at the start of the first prose line: "ALMATY,
/// Kazakhstan --", "CHICAGO (AP) —", "LAGOS, Nigeria (Reuters) -".
pub(crate) fn find_dateline(view: &TextView<'_>, gazetteer: &Gazetteer) -> Option<Dateline> {
    let first = view.first_prose_line?;
    // Pages saved from local TV and newspaper sites put a teaser, a photo
    // caption or a repeated first sentence above the dateline
    // ("JONESBORO, AR (KAIT) –" as the third line): the lines just after
    // the first are read too, but only for a dateline that cannot be a
    // sentence (capitals, with its state or outlet).
    let read = view.lines.len().min(first + DATELINE_LINES_READ);
    (first..read)
        .find_map(|index| dateline_in_line(view, gazetteer, index, index > first))
        .or_else(|| {
            (0..read.min(first + 1)).find_map(|index| dateline_alone(view, gazetteer, index))
        })
}

/// A dateline on a line of its own above the story ("READING, Pa. -"
/// then the first paragraph), when its qualifier is a state or country,
/// or a city in capitals alone before a dash ("ANCHORAGE –").
fn dateline_alone(view: &TextView<'_>, gazetteer: &Gazetteer, index: usize) -> Option<Dateline> {
    let line = view.lines.get(index)?;
    let content = view.slice(line.start, line.end);
    if content.len() > DATELINE_ALONE_MAX_BYTES || index + 1 >= view.lines.len() {
        return None;
    }
    if let Some(captures) = BARE_DATELINE_ALONE.captures(content) {
        let city = captures.get(1)?;
        if gazetteer.lookup(city.as_str().trim()).is_empty() {
            return None;
        }
        return dateline_from(gazetteer, line, city, None);
    }
    let captures = DATELINE_ALONE.captures(content)?;
    let qualifier = captures.get(2)?.as_str().trim();
    let names_a_region_or_country = place_context::dateline_region(gazetteer, qualifier).is_some()
        || gazetteer
            .lookup(qualifier)
            .iter()
            .any(|&p| gazetteer.place(p).level == PlaceLevel::Country);
    if !names_a_region_or_country {
        return None;
    }
    dateline_from(gazetteer, line, captures.get(1)?, captures.get(2))
}

/// How many lines from the first prose line a dateline is looked for in.
const DATELINE_LINES_READ: usize = 4;

fn dateline_in_line(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    index: usize,
    strict: bool,
) -> Option<Dateline> {
    let line = view.lines.get(index)?;
    let content = view.slice(line.start, line.end);
    let captures = DATELINE.captures(content)?;
    let city = captures.get(1)?;
    let city_text = city.as_str().trim();
    let all_caps = city_text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    // A title-case dateline needs the wire-service parentheses or a country
    // after it, or it is just a sentence with a dash in it.
    if !all_caps && captures.get(3).is_none() && captures.get(2).is_none() {
        return None;
    }
    if strict && !(all_caps && (captures.get(2).is_some() || captures.get(3).is_some())) {
        return None;
    }
    dateline_from(gazetteer, line, captures.get(1)?, captures.get(2))
}

/// The dateline a line names: its city and, when written, the city's
/// state or country.
fn dateline_from(
    gazetteer: &Gazetteer,
    line: &super::text::Line,
    city: regex::Match<'_>,
    qualifier: Option<regex::Match<'_>>,
) -> Option<Dateline> {
    let city_text = city.as_str().trim();
    if city_text.split_whitespace().count() > 4 {
        return None;
    }
    let country = qualifier.and_then(|c| {
        gazetteer
            .lookup(c.as_str().trim())
            .iter()
            .copied()
            .find(|&p| gazetteer.place(p).level == PlaceLevel::Country)
    });
    let mut candidates = gazetteer.lookup(city_text).to_vec();
    // "SALINA, Kan. —", "HOBART, Okla. —": a city of that region.
    let qualifying_region =
        qualifier.and_then(|q| place_context::dateline_region(gazetteer, q.as_str()));
    let in_region = qualifying_region.and_then(|region| {
        candidates
            .iter()
            .copied()
            .find(|&p| region_of_candidate(gazetteer, p) == Some(region))
    });
    // Without its state, a dateline names the town, not a village of
    // its name.
    if in_region.is_none() && candidates.iter().any(|&p| !is_village(gazetteer, p)) {
        candidates.retain(|&p| !is_village(gazetteer, p));
    }
    let place = match country {
        _ if in_region.is_some() => in_region,
        // "FELTON, MN": a town the gazetteer lacks, in a known state; not
        // its namesake in another state.
        None if qualifying_region.is_some() => None,
        Some(country) => {
            let code = &gazetteer.place(country).country_code;
            candidates
                .iter()
                .copied()
                .find(|&p| &gazetteer.place(p).country_code == code)
                .or_else(|| candidates.first().copied())
        }
        // A place of that very name before one that has it as an alias
        // ("SANTA ANA" the city of that name, not a district once called so).
        None => {
            let folded = crate::gazetteer::fold_name(city_text);
            let own_name =
                |p: PlaceIndex| crate::gazetteer::fold_name(&gazetteer.place(p).name) == folded;
            candidates
                .iter()
                .copied()
                .find(|&p| gazetteer.place(p).level != PlaceLevel::Country && own_name(p))
                .or_else(|| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&p| gazetteer.place(p).level != PlaceLevel::Country)
                })
                .or_else(|| candidates.first().copied())
        }
    };
    // "ATLANTA, Georgia": the state's country, not the country Georgia;
    // "PLATTE, S.D.": a town the gazetteer lacks, in a known state.
    let country = match (in_region, qualifying_region) {
        (Some(city), _) => gazetteer.country_of(city),
        (None, Some(region)) if place.is_none() => gazetteer.country_of(region),
        // A bare name that towns of several countries bear ("TAUNTON",
        // England's and Massachusetts') says nothing of the country until
        // the rest of the report does.
        (None, None)
            if country.is_none()
                && towns_of_several_countries(gazetteer, city_text, &candidates) =>
        {
            None
        }
        _ => country.or_else(|| place.and_then(|p| gazetteer.country_of(p))),
    };
    let region_is_sure = in_region.is_some()
        || place.is_some_and(|place| {
            let here = gazetteer.place(place);
            let region = region_of_candidate(gazetteer, place);
            candidates.iter().all(|&other| {
                let there = gazetteer.place(other);
                there.level != PlaceLevel::City
                    || there.country_code != here.country_code
                    || region_of_candidate(gazetteer, other) == region
            })
        });
    Some(Dateline {
        place,
        country,
        region_is_sure,
        name_start: line.start
            + city.start()
            + (city.as_str().len() - city.as_str().trim_start().len()),
        name_end: line.start + city.start() + city.as_str().trim_end().len(),
    })
}

/// Whether cities of `name`'s very own name (not an alternate name, no
/// village) lie in more than one country.
fn towns_of_several_countries(
    gazetteer: &Gazetteer,
    name: &str,
    candidates: &[PlaceIndex],
) -> bool {
    let folded = crate::gazetteer::fold_name(name);
    let mut countries = candidates.iter().filter_map(|&p| {
        let place = gazetteer.place(p);
        (place.level == PlaceLevel::City
            && !is_village(gazetteer, p)
            && crate::gazetteer::fold_name(&place.name) == folded)
            .then_some(place.country_code.as_str())
    });
    let Some(first) = countries.next() else {
        return false;
    };
    countries.any(|code| code != first)
}

/// A word that may be a person's given name or surname: not a common or
/// function word ("The Dallas Morning News") nor a word of place
/// ("North", "Downtown", "Lake").
fn is_name_word(view: &TextView<'_>, token: usize) -> bool {
    !view.in_class(
        token,
        crate::extract::text::word_classes::bits::COMMON_WORDS
            | crate::extract::text::word_classes::bits::FUNCTION_WORDS,
    ) && !view.is_any(token, AREA_WORDS_BEFORE_A_PLACE)
        && !view.is_any(token, PLACE_NAME_FIRST_WORDS)
}

/// "the town", "the western oil town", "the small mining city" at token `t`
/// (the noun): a definite description of a place already named. Not when a
/// name or "of" follows ("the city of Shymkent", "the town Hall"), nor a
/// possessive ("the city's").
fn definite_description_start(
    view: &TextView<'_>,
    t: usize,
    first: usize,
    end: usize,
) -> Option<usize> {
    if t + 1 < end {
        let next = view.tokens[t + 1];
        if next.kind == TokenKind::Word && (next.capitalised || view.is(t + 1, "of")) {
            return None;
        }
        if view.is_any(
            t + 1,
            &[
                "'s",
                "’s",
                "hall",
                "council",
                "centre",
                "center",
                "administration",
            ],
        ) {
            return None;
        }
    }
    if view.raw(t).ends_with("'s") || view.raw(t).ends_with("’s") {
        return None;
    }
    let mut k = t;
    while k > first && t - k < 4 {
        k -= 1;
        if view.is(k, "the") {
            return Some(k);
        }
        let token = view.tokens[k];
        if token.kind != TokenKind::Word
            || token.capitalised
            || view.is_any(
                k,
                &[
                    "other", "another", "every", "each", "a", "an", "this", "that", "one", "same",
                ],
            )
        {
            return None;
        }
    }
    None
}

/// "the capital", "the capital city", "the Kazakh capital", "the country's
/// capital": resolved to the capital of the named (or the report's) country
/// once the report's country is known.
struct CapitalReference {
    first_token: usize,
    end_token: usize,
    country: Option<PlaceIndex>,
    sentence: usize,
}

/// Minimum population of a city outside the report's country that is read
/// as that city without its country being named in the report: big foreign
/// cities are mentioned in passing; a small foreign town matching a name
/// (often a misspelling) in a report about another country is noise.
pub(crate) const FOREIGN_CITY_MIN_POPULATION: u64 = 100_000;

/// Population from which a report's home city takes in a far, small,
/// unsupported town of another region as one of its neighbourhoods.
pub(crate) const FAR_TOWN_HOME_MIN_POPULATION: u64 = 50_000;

/// Population under which a town is a village for resolution: the
/// gazetteer's general cut-off is 5,000; towns below it (some countries')
/// need more than their name to be read as themselves.
pub(crate) const VILLAGE_MAX_POPULATION: u64 = 5_000;

/// A city under [`VILLAGE_MAX_POPULATION`].
pub(crate) fn is_village(gazetteer: &Gazetteer, place: PlaceIndex) -> bool {
    let place = gazetteer.place(place);
    place.level == PlaceLevel::City && place.population < VILLAGE_MAX_POPULATION
}

/// Distance (km) beyond which a small town of another region, supported
/// by nothing but its name, is not read as that town in a report about a
/// home city: a neighbour across a state line is often named, a town of
/// that name 300 km away almost never.
pub(crate) const UNSUPPORTED_TOWN_MIN_DISTANCE_KM: f64 = 150.0;

/// Zipf frequency under which a one-word name is rare enough in English
/// to be read as the place it names on the report's country alone
/// ("Pewaukee", "DeKalb" 2.8); given names and common surnames
/// ("Conley" 3.0, "Kimberly" 3.4, "Bailey" 4.1) need a place cue.
pub(crate) const RARE_NAME_MAX_ZIPF: f32 = 3.0;

/// A word at least this frequent (Zipf) is a given name or an everyday
/// word before it is a small town's name ("Ron" 4.2, a town in India):
/// alone, it casts no vote for the town's country. At 3.0 (every name the
/// rarity rule above doubts) it also silenced real towns' votes
/// (gva_dev main city 2,528 -> 2,517).
const FREQUENT_NAME_MIN_ZIPF: f32 = 4.0;

/// Distance (km) within which a smaller city of the same first-level region
/// is read as a district or suburb of a bigger city the report names
/// ("Ikeja" beside Lagos).
pub(crate) const METRO_AREA_RADIUS_KM: f64 = 30.0;

/// Great-circle distance in km.
pub(crate) fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().clamp(0.0, 1.0).asin()
}

/// A name that only villages bear as their own is theirs, not a bigger
/// town's of the same country that once bore it or bears it as a nickname
/// ("Rogersville", an old name of Chicago's Rogers Park, is a town in
/// Tennessee, Missouri and Alabama; "Marthasville" was Atlanta's first
/// name): drops such towns from `candidates`, so the villages are the
/// name's reading and need their evidence as any village does. Another
/// country's city stays: there the name is often the English one
/// ("Seville" for Sevilla beside two American Sevilles).
fn keep_the_villages_own_name(
    gazetteer: &Gazetteer,
    name_text: &str,
    candidates: &mut Vec<PlaceIndex>,
) {
    if !candidates.iter().any(|&p| is_village(gazetteer, p)) {
        return;
    }
    let folded = crate::gazetteer::fold_name(name_text);
    let own_name = |p: PlaceIndex| crate::gazetteer::fold_name(&gazetteer.place(p).name) == folded;
    if candidates
        .iter()
        .any(|&p| own_name(p) && !is_village(gazetteer, p))
    {
        return;
    }
    let village_countries: Vec<&str> = candidates
        .iter()
        .filter(|&&p| own_name(p))
        .map(|&p| gazetteer.place(p).country_code.as_str())
        .collect();
    if village_countries.is_empty() {
        return;
    }
    let town_by_another_name_in_a_villages_country = |p: PlaceIndex| {
        let place = gazetteer.place(p);
        place.level == PlaceLevel::City
            && !own_name(p)
            && !is_village(gazetteer, p)
            && village_countries.contains(&place.country_code.as_str())
    };
    candidates.retain(|&p| !town_by_another_name_in_a_villages_country(p));
}

struct Candidate {
    first_token: usize,
    end_token: usize,
    candidates: Vec<PlaceIndex>,
    role: PlaceRole,
    sentence: usize,
    usage: PlaceUsage,
    /// A region or country written right after it ("Manassas, Va.").
    qualifier: Option<Qualifier>,
    /// "in Reading", "near Mobile": a preposition of place before it.
    after_locative: bool,
    /// "Kirby said", or a surname of a person the report names.
    person_like: bool,
    /// Followed by "police", "court": an institution of the place.
    institution_follows: bool,
    /// Names an institution of the place ("Ozark Chamber of Commerce",
    /// "Hopkinton police"): the name is a place, whatever else it is.
    institution_cue: bool,
    /// Names a municipality's own police, fire service or council
    /// ("Neligh Police Chief"): the name is a town's.
    municipal_institution_cue: bool,
    /// A neighbourhood word follows ("the Austin neighborhood").
    neighbourhood_cue: bool,
    /// A resident follows ("a Chapin man", "Clinton couple").
    resident_cue: bool,
}

impl Candidate {
    /// The name as the `places` list shows it, resolved to `place`: a name
    /// before "police" or "court" is part of an institution's name.
    fn listed_as(
        &self,
        place: PlaceIndex,
        level: FoundPlaceLevel,
        evidence: Vec<String>,
    ) -> FoundDraft {
        FoundDraft {
            part_of_word: None,
            point: None,
            first_token: self.first_token,
            end_token: self.end_token,
            sentence: self.sentence,
            usage: if self.institution_follows && self.usage == PlaceUsage::Named {
                PlaceUsage::Organisation
            } else {
                self.usage
            },
            level,
            place: Some(place),
            evidence,
        }
    }
}

/// "Laurel County", "Rapides Parish": a county-like unit the gazetteer does
/// not hold, resolved to a place of the region it lies in.
struct CountyCandidate {
    first_token: usize,
    end_token: usize,
    /// The tokens of its name without the county word.
    name_end: usize,
    sentence: usize,
    usage: PlaceUsage,
    qualifier: Option<Qualifier>,
    /// The county table's counties of its name and county word.
    known_counties: &'static [County],
}

pub(crate) struct PlaceScan {
    pub hits: Vec<PlaceHit>,
    pub sub_places: Vec<SubPlaceHit>,
    /// Every place name found, resolved, for the `places` output (unsorted;
    /// sub-places are added by the caller once their city is known).
    pub found: Vec<FoundDraft>,
    /// The report's country, from the dateline, demonyms and country names.
    pub context_country: Option<PlaceIndex>,
    /// Cities named in an institution's name ("Memphis police"), in text
    /// order, headlines left out.
    pub institution_cities: Vec<PlaceIndex>,
    /// Names (folded) the report puts in a state where the gazetteer has
    /// no place of that name: no namesake elsewhere is their reading.
    pub towns_the_gazetteer_lacks: Vec<String>,
    /// The outlet's home city as this report reads it.
    pub outlet_city: Option<PlaceIndex>,
}

/// What the report's people tell the place scan: their surnames ("Kirby
/// said" is no town) and the first two words of their names ("Brittany
/// Thomas": "Brittany" is no region).
#[derive(Debug, Default)]
pub(crate) struct PeopleNamed<'a> {
    pub surnames: &'a [&'a str],
    pub first_two_words: &'a [(&'a str, &'a str)],
}

impl PeopleNamed<'_> {
    /// Whether `first` then `second` open a person's name.
    fn starts_a_name(&self, first: &str, second: &str) -> bool {
        self.first_two_words
            .iter()
            .any(|(a, b)| *a == first && *b == second)
    }

    /// Whether a person the report names in two words or more has the
    /// folded `given_name` as the first, and both words are the census's
    /// given name and surname ("Joshua Cooper": "joshua"; not the school
    /// district "Alvin ISD").
    fn gives_the_given_name(&self, given_name: &str) -> bool {
        self.first_two_words.iter().any(|(first, second)| {
            crate::gazetteer::fold_name(first) == given_name
                && super::names::census_given_name_and_surname(
                    given_name,
                    &crate::gazetteer::fold_name(without_possessive_in_any_case(second)),
                )
        })
    }

    /// `starts_a_name` in any case: a title may be written in capitals;
    /// the second word may be possessive ("Trinity Gay's Death").
    fn starts_a_name_in_any_case(&self, first: &str, second: &str) -> bool {
        let second = without_possessive_in_any_case(second);
        self.first_two_words
            .iter()
            .any(|(a, b)| a.eq_ignore_ascii_case(first) && b.eq_ignore_ascii_case(second))
    }
}

/// A scan of a short text read alone (a title, a site's name): no
/// dateline, no people, no outlet.
fn scan_alone(view: &TextView<'_>, gazetteer: &Gazetteer) -> PlaceScan {
    scan_places(
        view,
        gazetteer,
        None,
        &PeopleNamed::default(),
        Default::default(),
    )
}

pub(crate) fn scan_places(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    dateline: Option<&Dateline>,
    people: &PeopleNamed<'_>,
    outlet: super::outlet::OutletHome,
) -> PlaceScan {
    let person_surnames = people.surnames;
    let longest = gazetteer.longest_name_words().clamp(1, 6);
    let mut raw_candidates: Vec<Candidate> = Vec::new();
    let mut county_candidates: Vec<CountyCandidate> = Vec::new();
    let mut found: Vec<FoundDraft> = Vec::new();
    // State and country abbreviations: (place, written after "City,").
    let mut abbreviations: Vec<(PlaceIndex, bool)> = Vec::new();
    // Regions whose people the report names ("Ohioans").
    let mut region_demonyms: Vec<PlaceIndex> = Vec::new();
    // First tokens of names written as another name's qualifier, with the
    // place the qualifier was read as ("Mukilteo, Washington": the state,
    // not the capital).
    let mut qualifier_starts: Vec<(usize, PlaceIndex)> = Vec::new();
    // One-word names the report gives a person: after a title ("Mr.
    // LaRue", "President Nixon") or a given name ("Brian Nichols").
    let mut persons_names: Vec<String> = Vec::new();
    let mut sub_places = Vec::new();
    let mut country_votes: HashMap<PlaceIndex, f32> = HashMap::new();
    // Countries the report names (or its dateline gives): evidence for a
    // small foreign town.
    let mut named_countries: Vec<PlaceIndex> = Vec::new();
    let mut capital_references: Vec<CapitalReference> = Vec::new();
    // "the western oil town": (first token, end token, sentence).
    let mut town_references: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(country) = dateline.and_then(|d| d.country) {
        *country_votes.entry(country).or_default() += 3.0;
        named_countries.push(country);
    }

    for (sentence_index, sentence) in view.sentences.iter().enumerate() {
        let (first, end) = (sentence.first_token, sentence.end_token);
        let headline = sentence.line_kind == LineKind::Headline;
        let mut t = first;
        while t < end {
            let token = view.tokens[t];
            if !headline
                && !token.capitalised
                && view.is_any(t, &["town", "city", "village"])
                && let Some(start) = definite_description_start(view, t, first, end)
            {
                town_references.push((start, t + 1, sentence_index));
                t += 1;
                continue;
            }
            if !headline
                && !token.capitalised
                && view.is(t, "capital")
                && let Some(reference) = capital_reference(view, gazetteer, t, first, end)
            {
                capital_references.push(CapitalReference {
                    sentence: sentence_index,
                    ..reference
                });
                t += 1;
                continue;
            }
            // "the 4800 block of South Wabash Avenue".
            if token.kind == TokenKind::Number
                && view.is(t + 1, "block")
                && view.is(t + 2, "of")
                && t + 3 < end
                && view.tokens[t + 3].capitalised
            {
                let mut e = t + 3;
                while e < end
                    && view.tokens[e].capitalised
                    && view.tokens[e].kind == TokenKind::Word
                    && !(e > t + 3 && date_word_after_a_name(view, e, end))
                {
                    e += 1;
                }
                let start = if t > first && view.is(t - 1, "the") {
                    t - 1
                } else {
                    t
                };
                sub_places.push(SubPlaceHit {
                    first_token: start,
                    end_token: e,
                    sentence: sentence_index,
                });
                t = e;
                continue;
            }
            if token.kind != TokenKind::Word || !token.capitalised {
                t += 1;
                continue;
            }
            // "Va.", "W.Va.", "U.S.", ", VA": before the acronym and
            // function-word filters, which would drop them.
            let after_comma = t >= first + 2
                && view.is_punct(t - 1, ",")
                && view.tokens[t - 2].capitalised
                && view.tokens[t - 2].kind == TokenKind::Word;
            if view.raw(t).len() <= 5
                && let Some(abbreviation) = abbreviation_at(view, gazetteer, t, end, after_comma)
            {
                let abbreviated_level = gazetteer.place(abbreviation.place).level;
                let is_country = abbreviated_level == PlaceLevel::Country;
                abbreviations.push((abbreviation.place, after_comma));
                found.push(FoundDraft {
                    part_of_word: None,
                    point: None,
                    first_token: t,
                    end_token: abbreviation.end_token,
                    sentence: sentence_index,
                    usage: if headline {
                        PlaceUsage::Headline
                    } else if after_comma {
                        PlaceUsage::Qualifier
                    } else {
                        PlaceUsage::Named
                    },
                    level: level_of(abbreviated_level),
                    place: Some(abbreviation.place),
                    evidence: vec!["abbreviation".to_string()],
                });
                if is_country {
                    *country_votes.entry(abbreviation.place).or_default() += 1.0;
                    named_countries.push(abbreviation.place);
                }
                t = abbreviation.end_token;
                continue;
            }
            // Capitalised function words ("The", "In", "Police" at a
            // sentence start) are never places alone: skip the lookup.
            let next_capitalised = t + 1 < end && view.tokens[t + 1].capitalised;
            if !next_capitalised
                && view.in_class(t, crate::extract::text::word_classes::bits::NEVER_PLACES)
            {
                t += 1;
                continue;
            }
            // "Palestinians", "Kazakh's"; "Sri Lankan", "Papua New Guinean":
            // a demonym of two or three words is read before any of its
            // words alone ("South" is no place, "African" no country's).
            let country_demonym = |words: &str| gazetteer.country_by_demonym_or_its_plural(words);
            let region_demonym = |words: &str| gazetteer.region_by_demonym_or_its_plural(words);
            // "Ohioans", "West Virginian", "Dagestani": a region's people,
            // after any country's of as many words ("Georgian" is Georgia's,
            // the country; "British Columbian" no Briton). Listed only, no
            // vote after "the": "the Texans" are as often Houston's football
            // team.
            // Neither kind when the words start a longer name of the
            // gazetteer: "British Columbia", "Indian Wells" and "Hawaiian
            // Gardens" are places.
            let starts_a_longer_name = |&(_, after): &(PlaceIndex, usize)| {
                (after + 1..=(t + longest).min(end))
                    .any(|name_end| match_name(view, gazetteer, t, name_end - t, end).is_some())
            };
            let mut demonym = None;
            let mut region_demonym_found = None;
            // Most capitalised words start no demonym: one set lookup
            // instead of up to six folds and lookups.
            let words_to_try: &[&[usize]] =
                if gazetteer.may_start_a_demonym(without_possessive(view.raw(t))) {
                    &[&[3, 2], &[1]]
                } else {
                    &[]
                };
            for &words in words_to_try {
                demonym = demonym_of_words(view, t, end, words, &country_demonym)
                    .filter(|found| !starts_a_longer_name(found));
                if demonym.is_some() {
                    break;
                }
                region_demonym_found = demonym_of_words(view, t, end, words, &region_demonym)
                    .filter(|found| !starts_a_longer_name(found));
                if region_demonym_found.is_some() {
                    break;
                }
            }
            if let Some((region, demonym_end)) = region_demonym_found {
                if !(t > first && view.is(t - 1, "the")) {
                    region_demonyms.push(region);
                }
                found.push(FoundDraft::demonym(
                    t..demonym_end,
                    sentence_index,
                    FoundPlaceLevel::Region,
                    region,
                ));
                t = demonym_end;
                continue;
            }
            if let Some((country, demonym_end)) = demonym {
                // "ethnic Albanians", "pro-Russian", "anti-American": a
                // people or a stance, found anywhere; no evidence of where
                // the report is.
                let group_or_stance = t > first
                    && (view.is_any(t - 1, &["ethnic", "pro", "anti"])
                        || (t > first + 1
                            && view.is_punct(t - 1, "-")
                            && view.is_any(t - 2, &["pro", "anti"])));
                // "in English", "Russian-speaking", "the French language":
                // a language, spoken and written anywhere.
                let language = (t > first && view.is(t - 1, "in"))
                    || view.is_any(
                        demonym_end,
                        &["speaking", "speakers", "language", "languages"],
                    )
                    || (view.is_punct(demonym_end, "-") && view.is(demonym_end + 1, "speaking"));
                if !group_or_stance && !language {
                    *country_votes.entry(country).or_default() += 1.0;
                }
                named_countries.push(country);
                found.push(FoundDraft::demonym(
                    t..demonym_end,
                    sentence_index,
                    FoundPlaceLevel::Country,
                    country,
                ));
                t = demonym_end;
                continue;
            }
            // "Barrow, Jackson and Madison counties": each name a county.
            if let Some((names, after_list)) = county_list_run(view, t, end) {
                for listed in names {
                    county_candidates.push(CountyCandidate {
                        first_token: listed.first_token,
                        end_token: listed.end_token,
                        name_end: listed.end_token,
                        sentence: sentence_index,
                        usage: if headline {
                            PlaceUsage::Headline
                        } else {
                            PlaceUsage::Named
                        },
                        qualifier: None,
                        known_counties: listed.counties,
                    });
                }
                t = after_list;
                continue;
            }
            if let Some((county_word, run_end)) = county_run(view, gazetteer, t, end) {
                let organisation = run_end > county_word + 1;
                county_candidates.push(CountyCandidate {
                    first_token: t,
                    end_token: county_word + 1,
                    name_end: county_word,
                    sentence: sentence_index,
                    usage: if headline {
                        PlaceUsage::Headline
                    } else if organisation {
                        PlaceUsage::Organisation
                    } else {
                        PlaceUsage::Named
                    },
                    qualifier: qualifier_after(view, gazetteer, county_word + 1, end),
                    known_counties: counties_named(
                        view.slice(view.tokens[t].start, view.tokens[county_word - 1].end),
                        without_possessive(view.raw(county_word)),
                    ),
                });
                t = run_end;
                continue;
            }
            // "Europe", "the Middle East", "the EU", "West Africa": listed
            // as world regions, before the acronym filter and before a
            // word of direction ("North America") is read as a part of the
            // name after it.
            if let Some(run) = world_region_run(view, t, end) {
                if !run.listed {
                    t = capitalised_run_end(view, t, run.end_token, end, usize::MAX);
                    continue;
                }
                let (region_end, demonym) = (run.end_token, run.demonym);
                found.push(FoundDraft {
                    part_of_word: None,
                    point: None,
                    first_token: t,
                    end_token: region_end,
                    sentence: sentence_index,
                    usage: if demonym {
                        PlaceUsage::Demonym
                    } else if headline {
                        PlaceUsage::Headline
                    } else {
                        PlaceUsage::Named
                    },
                    level: FoundPlaceLevel::WorldRegion,
                    place: None,
                    evidence: vec!["world_region_table".to_string()],
                });
                t = region_end;
                continue;
            }
            // Acronyms ("DVK", "AP") are not places.
            let raw = view.raw(t);
            if raw.len() <= 4
                && raw.chars().all(|c| c.is_uppercase())
                && !is_dateline_token(view, t, dateline)
            {
                t += 1;
                continue;
            }
            if !headline && let Some(sub_end) = sub_place_run(view, t, end) {
                sub_places.push(SubPlaceHit {
                    first_token: t,
                    end_token: sub_end,
                    sentence: sentence_index,
                });
                t = sub_end;
                continue;
            }
            // "Nov. 3", "Dec 12": a month, not the town of Nov.
            if view.in_class(
                t,
                crate::extract::text::word_classes::bits::DATE_START_WORDS,
            ) && (view.is_punct(t + 1, ".")
                || view
                    .tokens
                    .get(t + 1)
                    .is_some_and(|n| n.kind == TokenKind::Number))
            {
                t += 1;
                continue;
            }
            let mut matched = None;
            let mut n = longest;
            while n >= 1 {
                if let Some(found) = match_name(view, gazetteer, t, n, end) {
                    matched = Some((n, found));
                    break;
                }
                n -= 1;
            }
            let Some((n, candidates)) = matched else {
                t += 1;
                continue;
            };
            // "North Texas", "Metro Vancouver", "Northwest D.C.": a word of
            // direction or area before a name is a part of that place, not
            // a town of its own ("North", South Carolina) starting a
            // person's or an organisation's name. Only when the name is all
            // the capitalised words after it: "Central Mat-Su Fire
            // Department" is an organisation, read as one.
            if n == 1
                && view.is_any(t, AREA_WORDS_BEFORE_A_PLACE)
                && place_name_alone_after(view, gazetteer, t + 1, end, longest)
            {
                t += 1;
                continue;
            }
            let last = t + n;
            // "June of 2015", "through March": a month alone is a date, not
            // a town named like it (nor a vote for that town's country),
            // unless its state follows ("March, Cambs.").
            if n == 1
                && super::dates::month_number(view.lower(t)).is_some()
                && qualifier_after(view, gazetteer, last, end).is_none()
            {
                t = last;
                continue;
            }
            let sentence_initial =
                t == first || (t == first + 1 && view.is_punct(first, "\"“‘'(-"));
            // A capitalised name followed by more capitalised words is a
            // person, an organisation or a landmark, not the place itself.
            let following_capitalised = last < end
                && view.tokens[last].capitalised
                && view.tokens[last].kind == TokenKind::Word
                && view.tokens[last].space_before
                && possessive_stem(view.raw(last - 1)).is_none();
            if following_capitalised && !headline {
                // A surname or organisation word follows: a person or an
                // organisation named after the place, not the place. An
                // organisation's place still tells where the report is.
                let mut e = last;
                while e < end
                    && view.tokens[e].capitalised
                    && view.tokens[e].kind == TokenKind::Word
                {
                    e += 1;
                }
                let organisation = view
                    .lower(last)
                    .trim_end_matches("'s")
                    .trim_end_matches("’s")
                    .to_string();
                // A state or country never starts a person's name; a city
                // may ("Austin Smith"): a known surname, or one rare word
                // after it, reads as a person.
                let area = candidates
                    .iter()
                    .any(|&p| gazetteer.place(p).level != PlaceLevel::City);
                let last_word = without_possessive(view.raw(e - 1));
                let rare_single_word = e == last + 1
                    && crate::word_frequency::zipf_frequency(&last_word.to_lowercase())
                        .is_none_or(|zipf| zipf < 3.5);
                // "Brittany Thomas, 21", "Georgia Mabire": a name the
                // report's people open is a given name, whatever the
                // place of that name (a region, a state).
                let opens_a_persons_name = last == t + 1
                    && people.starts_a_name(
                        view.slice(view.tokens[t].start, view.tokens[t].end),
                        without_possessive(view.raw(last)),
                    );
                // "Indianapolis Mayor Dana Whitcombe": a title after the
                // city opens the person's name; the city is the office's.
                let titled_person_follows = view.in_class(
                    last,
                    crate::extract::text::word_classes::bits::PERSON_TITLES
                        | crate::extract::text::word_classes::bits::TITLES,
                );
                // "Austin Smith", "Austin Lee Smith": the surname closes
                // the name right after the city (or after one given name);
                // "Nashville Film Festival Director Ruth Abernathy" names an
                // office of the city's, whoever holds it.
                let surname_closes_the_name = e == last + 1
                    || (e == last + 2 && crate::extract::names::is_given_name(view, last));
                let person = opens_a_persons_name
                    || (!area
                        && !titled_person_follows
                        && surname_closes_the_name
                        && !place_context::ORGANISATION_WORDS.contains(&organisation.as_str())
                        && (person_surnames.contains(&last_word) || rare_single_word));
                // "19-year-old Marcus Kennedy": a town's name, then one
                // more town's name that is no state or country, is a given
                // name and a surname; the surname alone, later, is the
                // person too. Not after a word of place or a common word
                // ("North Longview", "Lake Forest").
                if !area
                    && e == last + 1
                    && is_name_word(view, t)
                    && is_name_word(view, last)
                    && !place_context::ORGANISATION_WORDS.contains(&organisation.as_str())
                    && match_name(view, gazetteer, last, 1, end).is_some_and(|followers| {
                        followers
                            .iter()
                            .all(|&p| gazetteer.place(p).level == PlaceLevel::City)
                    })
                {
                    persons_names.push(crate::gazetteer::fold_name(last_word));
                }
                let after_title = t > first
                    && view.in_class(
                        t - 1,
                        crate::extract::text::word_classes::bits::PERSON_TITLES,
                    );
                // "California Highway Patrol", "Michigan State Police",
                // "Georgia State University": a state's agency or school,
                // so the state, not a town of its name (California,
                // Pennsylvania, beside a Pittsburgh) nor a country.
                let states_institution = organisation == "state"
                    || (organisation == "highway" && view.is(last + 1, "patrol"));
                let candidates = if states_institution
                    && candidates
                        .iter()
                        .any(|&p| gazetteer.place(p).level == PlaceLevel::Region)
                {
                    candidates
                        .into_iter()
                        .filter(|&p| gazetteer.place(p).level == PlaceLevel::Region)
                        .collect()
                } else {
                    candidates
                };
                if !person && !after_title {
                    raw_candidates.push(Candidate {
                        first_token: t,
                        end_token: last,
                        candidates,
                        role: PlaceRole::Context,
                        sentence: sentence_index,
                        usage: PlaceUsage::Organisation,
                        qualifier: None,
                        after_locative: false,
                        person_like: false,
                        institution_follows: true,
                        institution_cue: place_context::ORGANISATION_WORDS
                            .contains(&organisation.as_str()),
                        municipal_institution_cue: super::lexicon::MUNICIPAL_INSTITUTION_WORDS
                            .contains(&organisation.as_str()),
                        neighbourhood_cue: false,
                        resident_cue: false,
                    });
                }
                t = e;
                continue;
            }
            let single_common =
                n == 1 && view.in_class(t, crate::extract::text::word_classes::bits::COMMON_WORDS);
            if single_common
                && (sentence_initial || headline)
                && !is_dateline_token(view, t, dateline)
            {
                t = last;
                continue;
            }
            let is_title = |k: usize| {
                view.in_class(k, crate::extract::text::word_classes::bits::PERSON_TITLES)
                    && view.tokens[k].capitalised
            };
            // "Mr LaRue", "Mr. LaRue", "President Nixon": a person.
            if (t > first && is_title(t - 1))
                || (t > first + 1 && view.is_punct(t - 1, ".") && is_title(t - 2))
            {
                if n == 1 {
                    persons_names.push(crate::gazetteer::fold_name(without_possessive(
                        view.slice(view.tokens[t].start, view.tokens[t].end),
                    )));
                }
                t = last;
                continue;
            }
            let preceded_by_name = t > first + 1
                && view.is(t - 1, "of")
                && view.tokens[t - 2].capitalised
                && t - 2 != first
                && !view.is_any(t - 2, &["city", "cities", "republic"]);
            let preceded_by_capital = t > first
                && view.tokens[t - 1].capitalised
                && view.tokens[t - 1].kind == TokenKind::Word
                && t - 1 != first
                && view.tokens[t].space_before;
            // "Maleah Williams", "Frederick Boise": a given name before it,
            // not a word of place ("North", "Downtown") nor a common word
            // ("The Dallas Morning News").
            if n == 1
                && ((preceded_by_capital && is_name_word(view, t - 1))
                    || super::names::follows_a_middle_initial(view, t))
            {
                persons_names.push(crate::gazetteer::fold_name(without_possessive(
                    view.slice(view.tokens[t].start, view.tokens[t].end),
                )));
            }
            let possessive = possessive_stem(view.raw(last - 1)).is_some();
            let is_country = candidates
                .iter()
                .any(|&p| gazetteer.place(p).level == PlaceLevel::Country);
            // "the Zhanaozen unrest": a name labelling an event.
            let labels_event = !possessive
                && t > first
                && view.is(t - 1, "the")
                && view.in_class(
                    last,
                    crate::extract::text::word_classes::bits::EVENT_LABEL_NOUNS,
                );
            // "drove off south on Ashland": a city is never "on" or "along";
            // a bare name there is a street. Except after a verb of
            // converging: "marched on Ottawa", "converged on London".
            let converging_on =
                t >= first + 2 && view.is(t - 1, "on") && view.is_any(t - 2, CONVERGING_VERBS);
            // "at Mathis and Prentice streets", "Polk and Kedzie avenues":
            // a crossing of two streets, named before their plural.
            let crossing_streets = !is_country
                && !possessive
                && ((t >= first + 2
                    && view.is(t - 1, "and")
                    && view.tokens[t - 2].capitalised
                    && view.is_any(last, PLURAL_STREET_WORDS))
                    || (last + 2 < end
                        && view.is(last, "and")
                        && view.tokens[last + 1].capitalised
                        && view.is_any(last + 2, PLURAL_STREET_WORDS)));
            let street_use = crossing_streets
                || (!is_country
                    && !possessive
                    && t > first
                    && !converging_on
                    && view.is_any(t - 1, &["on", "along", "onto"])
                    && !view.tokens[t - 1].capitalised);
            if street_use {
                sub_places.push(SubPlaceHit {
                    first_token: t,
                    end_token: last,
                    sentence: sentence_index,
                });
                t = last;
                continue;
            }
            let role = if headline
                || preceded_by_name
                || preceded_by_capital
                || labels_event
                || (possessive && is_country)
            {
                PlaceRole::Context
            } else {
                PlaceRole::Scope
            };
            for &p in candidates.iter().take(1) {
                if gazetteer.place(p).level == PlaceLevel::Country {
                    *country_votes.entry(p).or_default() += 1.0;
                    named_countries.push(p);
                }
            }
            let usage = if is_dateline_token(view, t, dateline) {
                PlaceUsage::Dateline
            } else if headline {
                PlaceUsage::Headline
            } else if qualifier_starts.iter().any(|&(start, _)| start == t) {
                PlaceUsage::Qualifier
            } else if role == PlaceRole::Context {
                PlaceUsage::Context
            } else {
                PlaceUsage::Named
            };
            let qualifier = qualifier_after(view, gazetteer, last, end);
            if let Some(qualifier) = qualifier
                && last + 1 < end
            {
                let (Qualifier::Region(place) | Qualifier::Country(place)) = qualifier;
                qualifier_starts.push((last + 1, place));
            }
            // A qualifier is the place it was read as when it qualified the
            // name before it: "Washington" after "Mukilteo," is the state.
            let mut candidates = match qualifier_starts.iter().find(|&&(start, _)| start == t) {
                Some(&(_, place)) if candidates.contains(&place) => vec![place],
                _ => candidates,
            };
            let name_text = view.slice(view.tokens[t].start, view.tokens[last - 1].end);
            if qualifier.is_none() && usage != PlaceUsage::Dateline {
                keep_the_villages_own_name(gazetteer, name_text, &mut candidates);
            }
            // Villages of a name that also names a town are that name's
            // reading only when its state is written after it: otherwise they
            // would make "Montreal" (a Wisconsin village too) ambiguous.
            if qualifier.is_none()
                && usage != PlaceUsage::Dateline
                && candidates.iter().any(|&p| !is_village(gazetteer, p))
            {
                candidates.retain(|&p| !is_village(gazetteer, p));
            }
            // "Tbilisi says", "Washington warned": a country's capital
            // before a verb of saying is its government, not a person.
            let is_a_capital = || {
                candidates.iter().any(|&p| {
                    gazetteer
                        .country_of(p)
                        .and_then(|country| gazetteer.capital_of(country))
                        == Some(p)
                })
            };
            let after_locative = t > first
                && place_context::LOCATIVE_PREPOSITIONS
                    .iter()
                    .any(|word| view.is(t - 1, word));
            // A surname the report gives a person is still the place after
            // "in", "near" or "outside" and before a comma, a stop or "on"
            // ("Officer Dana Williams", then "shot in Williams, a farm
            // town"); not "the team's interest in Dawson and ...", "in
            // Ortega's apartment", nor after "on" or "at", which take people
            // as often ("the attacks on Marsh").
            let persons_surname = person_surnames.contains(&without_possessive(name_text));
            let in_the_place = t > first
                && view.is_any(t - 1, super::lexicon::PREPOSITIONS_OF_A_PLACE_OVER_A_PERSON)
                && (last >= end || view.is_punct(last, ",.;") || view.is(last, "on"))
                && possessive_stem(name_text).is_none();
            // "police in Oakland said", "a woman from Decatur says", "a
            // spokesman for the city of Sevierville said": a place
            // preposition before the name makes the speaker someone of the
            // place; "of" alone does not ("the lawyer of Prather said").
            let speaker_of_the_place = t > first
                && (view.is_any(t - 1, super::lexicon::PREPOSITIONS_OF_A_SPEAKERS_PLACE)
                    || (t > first + 1
                        && view.is(t - 1, "of")
                        && view.is_any(t - 2, super::lexicon::MUNICIPALITY_WORDS)));
            let person_like = n == 1
                && ((persons_surname && !in_the_place)
                    || (last < end
                        && place_context::SPEECH_VERBS
                            .iter()
                            .any(|verb| view.is(last, verb))
                        && !speaker_of_the_place
                        && !is_a_capital()));
            raw_candidates.push(Candidate {
                first_token: t,
                end_token: last,
                candidates,
                role,
                sentence: sentence_index,
                usage,
                qualifier,
                after_locative,
                person_like,
                institution_follows: !possessive
                    && last < end
                    && place_context::LOWERCASE_ORGANISATION_WORDS
                        .iter()
                        .any(|word| view.is(last, word)),
                institution_cue: !possessive
                    && last < end
                    && place_context::LOWERCASE_ORGANISATION_WORDS
                        .iter()
                        .any(|word| view.is(last, word)),
                municipal_institution_cue: !possessive
                    && last < end
                    && view.is_any(last, super::lexicon::MUNICIPAL_INSTITUTION_WORDS),
                neighbourhood_cue: last < end
                    && place_context::NEIGHBOURHOOD_CUES
                        .iter()
                        .any(|word| view.is(last, word)),
                resident_cue: last < end
                    && !possessive
                    && view.is_any(last, super::lexicon::RESIDENT_NOUNS),
            });
            t = last;
        }
    }

    // "based on reports from Almaty, Aktobe and Shymkent": places named as
    // where information came from are not where something was counted.
    let mut in_source_list = false;
    let mut previous_end = 0;
    for candidate in &mut raw_candidates {
        let t = candidate.first_token;
        let gap_is_list = t > previous_end
            && (previous_end..t).all(|k| view.is_punct(k, ",") || view.is_any(k, &["and", "or"]));
        let source = t > 0
            && view.is(t - 1, "from")
            && (t.saturating_sub(4)..t - 1)
                .any(|k| view.in_class(k, crate::extract::text::word_classes::bits::SOURCE_NOUNS));
        in_source_list = source || (in_source_list && gap_is_list);
        if in_source_list {
            candidate.role = PlaceRole::Context;
            candidate.usage = PlaceUsage::Source;
        }
        previous_end = candidate.end_token;
    }

    // Pass 1, countries. Cities vote for their country too, weakly, when
    // unambiguous; a name that is first of all an English word ("Street")
    // votes for nothing.
    let name_text_of = |first_token: usize, end_token: usize| -> &str {
        let last = end_token - 1;
        let end = view.tokens[last].start + without_possessive(view.raw(last)).len();
        view.slice(view.tokens[first_token].start, end)
    };

    // "in Charleston", "near Jordan": a preposition only a place takes.
    // Not "of", "to" or "from": "a photo of Jordan", "talk to Kennedy".
    let names_after_locatives: Vec<String> = raw_candidates
        .iter()
        .filter(|c| {
            c.after_locative
                && c.end_token == c.first_token + 1
                && !view.is_any(c.first_token - 1, &["of", "to", "from"])
        })
        .map(|c| crate::gazetteer::fold_name(name_text_of(c.first_token, c.end_token)))
        .collect();
    // One-word names the report gives a person ("victim Latoya Kennedy")
    // and never puts after a preposition of place. Only a town under
    // 100,000 loses its vote for its country and state: a big city keeps
    // it however the report writes it ("Share Houston police say" is no
    // person), and which country is abroad is what the votes decide.
    let persons_only: Vec<&String> = persons_names
        .iter()
        .filter(|name| !names_after_locatives.contains(name))
        .collect();
    let written_as_persons_name = |candidate: &Candidate, text: &str| {
        candidate.end_token == candidate.first_token + 1
            && persons_only.contains(&&crate::gazetteer::fold_name(text))
    };
    // "his brother Joshua Cooper", then "taken away from Joshua on
    // Friday": the given name of a person the report names in full,
    // standing alone, is the person, not a town of that name. Not after
    // "in", "near" or "outside", which put a place there, as for a surname.
    let written_as_a_persons_given_name = |candidate: &Candidate, folded: &str| {
        candidate.end_token == candidate.first_token + 1
            && people.gives_the_given_name(folded)
            && !(candidate.first_token > 0
                && view.is_any(
                    candidate.first_token - 1,
                    super::lexicon::PREPOSITIONS_OF_A_PLACE_OVER_A_PERSON,
                ))
    };

    // The name of an outlet's city whose country is uncertain is what the
    // report's other names must decide: its mentions vote for the country
    // the outlet's own vote goes to, below.
    let uncertain_outlet_name = outlet
        .city
        .filter(|_| outlet.country_is_uncertain)
        .map(|city| crate::gazetteer::fold_name(&gazetteer.place(city).name));
    let mut outlet_name_mentions = 0u16;
    // Regions abroad (another country than the outlet's) that have voted
    // for their country: in a paper with a home, such a region's name
    // written again is no new evidence of the report's country
    // ("Northland", a Kansas City area, twice in a Kansas City paper is
    // not New Zealand twice over). A note with no outlet counts each
    // mention: there a region named again and again ("Selangor",
    // "Crimea") is where the news is.
    let outlet_home_country = outlet
        .country
        .or_else(|| outlet.city.and_then(|city| gazetteer.country_of(city)));
    let mut regions_abroad_voted: Vec<PlaceIndex> = Vec::new();
    for candidate in &raw_candidates {
        let Some(&top) = candidate.candidates.first() else {
            continue;
        };
        let text = name_text_of(candidate.first_token, candidate.end_token);
        if uncertain_outlet_name
            .as_ref()
            .is_some_and(|name| *name == crate::gazetteer::fold_name(text))
        {
            outlet_name_mentions += 1;
            continue;
        }
        let top_place = gazetteer.place(top);
        let persons = candidate.qualifier.is_none() && written_as_persons_name(candidate, text);
        // A person's name is no evidence of the report's country; nor is a
        // village's name alone (thousands of people share it).
        // Nor a small town's name of one frequent word that no preposition
        // of place puts in the report ("Ron" is a given name before it is
        // a town in India).
        let frequent_word_of_a_small_town = candidate.end_token == candidate.first_token + 1
            && !candidate.after_locative
            && top_place.population < FOREIGN_CITY_MIN_POPULATION
            && crate::word_frequency::zipf_frequency(&crate::gazetteer::fold_name(text))
                .is_some_and(|zipf| zipf >= FREQUENT_NAME_MIN_ZIPF);
        if reads_as_common_word(gazetteer, text, top_place)
            || candidate.person_like
            || frequent_word_of_a_small_town
            || (persons && top_place.population < FOREIGN_CITY_MIN_POPULATION)
            || (candidate.qualifier.is_none()
                && candidate
                    .candidates
                    .iter()
                    .all(|&p| is_village(gazetteer, p)))
        {
            continue;
        }
        // One candidate, candidates all of one country, or a big city
        // first ("Pittsburgh", "Dallas": the US city, not its small
        // namesakes abroad).
        let one_country = candidate
            .candidates
            .iter()
            .all(|&p| gazetteer.place(p).country_code == top_place.country_code);
        let big_city = top_place.level == PlaceLevel::City
            && top_place.population >= crate::gazetteer::CITY_OVER_REGION_MIN_POPULATION;
        // "Dublin" in a Columbus paper: a namesake of the big city lies
        // near the outlet's own city; the name votes for the outlet's
        // country, as the local namesake's.
        // Asked only of a big city with namesakes abroad.
        let local_namesake = || {
            let home = outlet.city?;
            let home_country = &gazetteer.place(home).country_code;
            candidate.candidates.iter().copied().find(|&p| {
                let place = gazetteer.place(p);
                &place.country_code == home_country
                    && place_context::in_outlet_area(gazetteer, place, home)
            })
        };
        if top_place.level == PlaceLevel::Region
            && let Some(home) = outlet_home_country
            && gazetteer.country_of(top) != Some(home)
        {
            if regions_abroad_voted.contains(&top) {
                continue;
            }
            regions_abroad_voted.push(top);
        }
        if !one_country
            && big_city
            && let Some(local) = local_namesake()
            && let Some(country) = gazetteer.country_of(local)
        {
            *country_votes.entry(country).or_default() += 0.5;
        } else if (one_country || big_city)
            && let Some(country) = gazetteer.country_of(top)
            && top_place.level != PlaceLevel::Country
        {
            // A big city with namesakes abroad is the likelier reading,
            // not a sure one; a big city's name the report also gives a
            // person counts half again.
            let weight = if persons { 0.5 } else { 1.0 };
            *country_votes.entry(country).or_default() +=
                weight * if one_country { 1.0 } else { 0.5 };
        } else if gazetteer.place(top).level == PlaceLevel::Region
            && let Some(country) = gazetteer.country_of(top)
        {
            // "Ohio", "Texas": a region before any city of that name.
            *country_votes.entry(country).or_default() += 1.0;
        }
        if let Some(Qualifier::Region(region)) = candidate.qualifier
            && let Some(country) = gazetteer.country_of(region)
        {
            *country_votes.entry(country).or_default() += 1.0;
        }
    }
    for &(place, _) in &abbreviations {
        if gazetteer.place(place).level == PlaceLevel::Region
            && let Some(country) = gazetteer.country_of(place)
        {
            *country_votes.entry(country).or_default() += 2.0;
        }
    }

    // "Laurel County": where every county of that name is in one country
    // (nearly always the US), that country.
    for county in &county_candidates {
        let known = county.known_counties;
        if let Some(first) = known.first()
            && known.iter().all(|c| c.country_code == first.country_code)
            && let Some(country) = gazetteer.country_by_code(&first.country_code)
        {
            *country_votes.entry(country).or_default() += 1.0;
        }
    }
    // The outlet's home: a country-code domain counts like a country named
    // twice, a city in the domain like a name of that country.
    // An uncertain one votes for the country the rest of the report
    // points at when a city of its name lies there.
    let outlet_country = match (&uncertain_outlet_name, outlet.city) {
        (Some(name), Some(city)) => country_votes
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .filter(|&(_, &votes)| votes >= OUTLET_COUNTRY_MIN_VOTES)
            .map(|(&country, _)| country)
            .filter(|&country| {
                let code = &gazetteer.place(country).country_code;
                gazetteer.cities_named(name).any(|p| {
                    let place = gazetteer.place(p);
                    &place.country_code == code
                        && place.population >= OUTLET_NAMESAKE_MIN_POPULATION
                })
            })
            .or_else(|| gazetteer.country_of(city)),
        _ => outlet.country,
    };
    if let Some(country) = outlet_country {
        // A city the site's name writes with its state ("KVOA.com |
        // Tucson, Arizona") is as sure of its country as a country-code
        // domain; a city that is only a name in the domain is not.
        let sure = outlet.city.is_none() || !outlet.city_is_a_name;
        *country_votes.entry(country).or_default() += if sure { 2.0 } else { 1.0 };
        // As a big city's name with namesakes abroad votes: half.
        *country_votes.entry(country).or_default() += 0.5 * f32::from(outlet_name_mentions);
    }
    let context_country = country_votes
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&country, _)| country);
    let context_code = context_country.map(|c| gazetteer.place(c).country_code.clone());

    // Pass 2, first-level regions: the dateline's, the qualifiers', the
    // abbreviations', and those of names that lie in one region of the
    // report's country whichever candidate they are.
    let mut context = DocumentContext {
        country_code: context_code.clone(),
        dateline_place: dateline.and_then(|d| d.place),
        ..DocumentContext::default()
    };
    if let Some(region) = dateline
        .filter(|d| d.region_is_sure)
        .and_then(|d| d.place)
        .and_then(|p| region_of_candidate(gazetteer, p))
    {
        context.vote_region(region, 3.0);
    }
    for &(place, after_comma) in &abbreviations {
        if gazetteer.place(place).level == PlaceLevel::Region {
            context.vote_region(place, if after_comma { 2.0 } else { 1.0 });
        }
    }
    for &region in &region_demonyms {
        context.vote_region(region, 1.0);
    }

    // Only Louisiana has parishes.
    if context_code.as_deref().is_none_or(|code| code == "US")
        && county_candidates
            .iter()
            .any(|c| view.is(c.end_token - 1, "parish"))
        && let Some(louisiana) = place_context::us_state(gazetteer, "Louisiana")
    {
        context.vote_region(louisiana, 1.0);
    }
    // A county name shared by a few states votes a share for each: the
    // states of "Clarke County", "Madison County" and "Oconee County"
    // overlap in Georgia alone. But one report means one county by one
    // name: once it writes the county with its state ("SULLIVAN COUNTY,
    // Ind."), the same name alone is that state's county, and votes for
    // it whole, not a sixth for each of six states.
    let county_names: Vec<String> = county_candidates
        .iter()
        .map(|county| {
            crate::gazetteer::fold_name(name_text_of(county.first_token, county.name_end))
        })
        .collect();
    let states_written_with_county_names: Vec<(&String, PlaceIndex)> = county_candidates
        .iter()
        .zip(&county_names)
        .filter_map(|(county, name)| match county.qualifier {
            Some(Qualifier::Region(region)) => Some((name, region)),
            _ => None,
        })
        .collect();
    for (county, name) in county_candidates.iter().zip(&county_names) {
        if county.qualifier.is_some() {
            continue;
        }
        let mut regions: Vec<PlaceIndex> = county
            .known_counties
            .iter()
            .filter(|c| Some(&c.country_code) == context_code.as_ref())
            .filter_map(|c| county_region(gazetteer, c))
            .collect();
        let written_with_its_state: Vec<PlaceIndex> = states_written_with_county_names
            .iter()
            .filter(|(written, region)| *written == name && regions.contains(region))
            .map(|&(_, region)| region)
            .collect();
        if !written_with_its_state.is_empty() {
            regions = written_with_its_state;
            regions.sort_unstable();
            regions.dedup();
        }
        if !regions.is_empty() && regions.len() <= MAX_COUNTY_NAMESAKES_VOTING {
            let share = 1.0 / regions.len() as f32;
            for region in regions {
                context.vote_region(region, share);
            }
        }
    }
    for region in states_holding_a_county_and_its_town(
        gazetteer,
        context_code.as_deref(),
        &county_candidates,
        &county_names,
        &raw_candidates,
        &name_text_of,
    ) {
        context.vote_region(region, COUNTY_AND_ITS_TOWN_VOTE);
    }
    for candidate in &raw_candidates {
        if let Some(Qualifier::Region(region)) = candidate.qualifier {
            context.vote_region(region, 2.0);
            continue;
        }
        let text = name_text_of(candidate.first_token, candidate.end_token);
        let mut in_country = candidate
            .candidates
            .iter()
            .copied()
            .filter(|&p| Some(&gazetteer.place(p).country_code) == context_code.as_ref());
        let Some(first_in_country) = in_country.next() else {
            continue;
        };
        if is_village(gazetteer, first_in_country) {
            continue;
        }
        if reads_as_common_word(gazetteer, text, gazetteer.place(first_in_country))
            || candidate.person_like
            || (gazetteer.place(first_in_country).population < FOREIGN_CITY_MIN_POPULATION
                && written_as_persons_name(candidate, text))
        {
            continue;
        }
        let region = region_of_candidate(gazetteer, first_in_country);
        // A state's own name ("Maine State Police", "in Maine") is that
        // state, whatever hamlets share its name.
        let names_the_region = gazetteer.place(first_in_country).level == PlaceLevel::Region;
        if region.is_some()
            && (names_the_region || in_country.all(|p| region_of_candidate(gazetteer, p) == region))
            && let Some(region) = region
        {
            context.vote_region_by_name(&crate::gazetteer::fold_name(text), region, 1.0);
        }
    }

    let region_the_outlet_shares = region_all_ambiguous_names_share_with_the_outlet(
        gazetteer,
        context_code.as_deref(),
        &county_candidates,
        raw_candidates.iter().filter(|candidate| {
            candidate.qualifier.is_none()
                && !candidate.person_like
                && candidate.candidates.first().is_some_and(|&top| {
                    let text = name_text_of(candidate.first_token, candidate.end_token);
                    !reads_as_common_word(gazetteer, text, gazetteer.place(top))
                })
        }),
        &name_text_of,
        outlet.city.filter(|_| outlet.city_is_a_name),
    );

    // The outlet's city once the report's own names have voted: which
    // Paris "parisbeacon.com" means is the one in the report's state.
    let outlet_city = outlet.city.map(|city| {
        if outlet.city_is_a_name {
            outlet_city_for_report(gazetteer, &context, city, region_the_outlet_shares)
        } else {
            city
        }
    });
    if let Some(region) = outlet_city
        .filter(|&c| Some(&gazetteer.place(c).country_code) == context_code.as_ref())
        .and_then(|c| region_of_candidate(gazetteer, c))
    {
        context.vote_region(region, 1.0);
    }
    context.outlet_city = outlet_city;

    // Names the report puts in a state itself ("HALIFAX, Va.", "in Mt.
    // Pleasant, Pa."), with the town of that state they name: one report
    // means one place by one name, so the same name alone later in the
    // report ("shot into a hall in Halifax") is that town too, not a
    // bigger namesake elsewhere (Halifax, Massachusetts), nor dropped as
    // a village whose name a town shares. Not a bare dateline's city
    // ("HAMILTON --"): read alone, it is the biggest namesake until the
    // report's context (Ohio, Butler County) says which.
    //
    // Where the gazetteer has no place of that name in the state ("Troy,
    // West Virginia", "FELTON, MN"), the name is a town too small for it,
    // not a namesake in another state, wherever the name stands. Each is
    // a sub-place of its state, which gives it coordinates, and no
    // evidence of where the report's event is beyond the state's own.
    // Only a town's name (read first as a city, never a country's name),
    // never in a list ("Moscow, Kiev, Minsk", "Virginia, Maryland and North
    // Carolina", and in a caseless note "dresden, berlin and chemnitz"),
    // never after a state that is also a country's name ("Tbilisi,
    // Georgia").
    let mut qualified_names: HashMap<String, PlaceIndex> = HashMap::new();
    let mut towns_the_gazetteer_lacks: HashMap<String, PlaceIndex> = HashMap::new();
    for candidate in &raw_candidates {
        let Some(Qualifier::Region(region)) = candidate.qualifier else {
            continue;
        };
        let folded =
            crate::gazetteer::fold_name(name_text_of(candidate.first_token, candidate.end_token));
        let in_region = candidate.candidates.iter().copied().find(|&p| {
            gazetteer.place(p).level == PlaceLevel::City
                && region_of_candidate(gazetteer, p) == Some(region)
        });
        if let Some(place) = in_region {
            qualified_names.entry(folded).or_insert(place);
            continue;
        }
        if !view.read_as_caseless
            && candidate
                .candidates
                .first()
                .is_some_and(|&p| gazetteer.place(p).level == PlaceLevel::City)
            && !candidate
                .candidates
                .iter()
                .any(|&p| gazetteer.place(p).level == PlaceLevel::Country)
            && !in_a_list_of_names(view, candidate.first_token, candidate.end_token + 1)
            && !gazetteer
                .lookup(&gazetteer.place(region).name)
                .iter()
                .any(|&p| gazetteer.place(p).level == PlaceLevel::Country)
            && !candidate
                .candidates
                .iter()
                .any(|&p| p == region || region_of_candidate(gazetteer, p) == Some(region))
        {
            towns_the_gazetteer_lacks.entry(folded).or_insert(region);
        }
    }

    // Pass 3, every name: the best-scored candidate, or none when nothing
    // but the string supports a name that is also an English word or a
    // person's name.
    // The state the report's other names clearly put it in: most of the
    // region votes, and at least two of them; only in a country the
    // gazetteer covers down to its villages, where a town it lacks is
    // tiny (elsewhere it stops at 5,000 people, and a first-level region
    // may be a municipality: Slovenia has two hundred).
    // Not with a dateline city big enough for the neighbourhood pass
    // below: a small town far from it is one of its neighbourhoods, or a
    // street ("near San Pedro and Montgomery"), as that pass reads it.
    let dateline_city = dateline.and_then(|d| d.place).is_some_and(|p| {
        let place = gazetteer.place(p);
        place.level == PlaceLevel::City && place.population >= FAR_TOWN_HOME_MIN_POPULATION
    });
    let home_state = context.home_region().filter(|&home| {
        let votes = context.region_votes.get(&home).copied().unwrap_or(0.0);
        !dateline_city
            && votes >= HOME_STATE_MIN_VOTES
            && votes >= HOME_STATE_MIN_SHARE * context.region_vote_total
            && COUNTRIES_COVERED_TO_VILLAGES.contains(&gazetteer.place(home).country_code)
    });
    let mut resolved: Vec<(Candidate, PlaceIndex, Vec<String>)> = Vec::new();
    // Names left unresolved for want of evidence (an English word, a small
    // town nothing else supports): the report may resolve the same name
    // elsewhere on real evidence, and one report means one place by one
    // name ("in Oxford", then "Oxford City Council").
    let mut wanting_evidence: Vec<(Candidate, String)> = Vec::new();
    for candidate in raw_candidates {
        let text = name_text_of(candidate.first_token, candidate.end_token);
        let folded_text = crate::gazetteer::fold_name(text);
        if let Some(&region) = towns_the_gazetteer_lacks.get(&folded_text) {
            found.push(town_the_gazetteer_lacks(
                gazetteer, &candidate, region, None,
            ));
            continue;
        }
        if candidate.qualifier.is_none()
            && !candidate.person_like
            && let Some(&place) = qualified_names.get(&folded_text)
            && !(candidate.end_token == candidate.first_token + 1
                && written_as_persons_name(&candidate, text))
        {
            resolved.push((
                candidate,
                place,
                vec!["same_name_qualified_in_report".to_string()],
            ));
            continue;
        }
        let mut best: Option<place_context::ScoredCandidate> = None;
        // A region never outranks a city of 100,000 or more of its name in
        // its country ("Almaty" the city, not Almaty Oblysy).
        let big_city_countries: Vec<&str> = candidate
            .candidates
            .iter()
            .map(|&p| gazetteer.place(p))
            .filter(|p| {
                p.level == PlaceLevel::City
                    && p.population >= crate::gazetteer::CITY_OVER_REGION_MIN_POPULATION
            })
            .map(|p| p.country_code.as_str())
            .collect();
        let is_alias = |p: PlaceIndex| {
            let name = &gazetteer.place(p).name;
            // Most names are written as the gazetteer spells them: no
            // folding (two allocations) for those.
            !text.eq_ignore_ascii_case(name) && folded_text != crate::gazetteer::fold_name(name)
        };
        // A dateline written without its state is a city that stands
        // alone (AP style: "WASHINGTON --", never "WASHINGTON, Iowa --"
        // for the capital): the report's own country's capital, whatever
        // state the rest of the report mentions.
        let is_dateline = candidate.usage == PlaceUsage::Dateline
            || is_dateline_token(view, candidate.first_token, dateline);
        let stands_alone_as_a_dateline = is_dateline && candidate.qualifier.is_none();
        for &p in &candidate.candidates {
            let by_alias = is_alias(p);
            let mut scored = score_candidate(
                gazetteer,
                &context,
                p,
                &folded_text,
                candidate.qualifier,
                by_alias,
                false,
            );
            let place = gazetteer.place(p);
            if place.level == PlaceLevel::Region
                && big_city_countries.contains(&place.country_code.as_str())
            {
                scored.score -= 10.0;
            }
            if stands_alone_as_a_dateline
                && gazetteer.is_national_capital(p)
                && context_code
                    .as_deref()
                    .is_none_or(|code| code == place.country_code)
            {
                scored.score += 10.0;
            }
            if best.as_ref().is_none_or(|b| scored.score > b.score) {
                best = Some(scored);
            }
        }
        let Some(best) = best else { continue };
        let chosen = best.place;
        let by_alias = is_alias(chosen);
        let mut evidence = score_candidate(
            gazetteer,
            &context,
            chosen,
            &folded_text,
            candidate.qualifier,
            by_alias,
            true,
        )
        .evidence;
        let place = gazetteer.place(chosen);
        if is_dateline {
            evidence.push("dateline".to_string());
        }
        let qualified = evidence.iter().any(|e| e.starts_with("qualified_by:"));
        let same_region = evidence.iter().any(|e| e.starts_with("same_admin1_as:"));
        let in_context = Some(&place.country_code) == context_code.as_ref();
        // "in Buffalo", "Buffalo police" in a report of buffalonews.com:
        // the outlet's address spells the word as its city.
        let the_outlets_word_for_its_city = outlet.common_word_city == Some(chosen)
            && (candidate.after_locative || candidate.institution_cue);
        if the_outlets_word_for_its_city {
            evidence.push("outlet_domain_names_it".to_string());
        }
        if reads_as_common_word(gazetteer, text, place)
            && !qualified
            && !is_dateline
            && !the_outlets_word_for_its_city
            && !(candidate.after_locative
                && (same_region || (in_context && place.population >= 100_000)))
        {
            wanting_evidence.push((candidate, folded_text));
            continue;
        }
        if candidate.person_like && !qualified && !is_dateline {
            continue;
        }
        // A town named like the surname the report gives a person ("Maleah
        // Williams was injured") is that person wherever the name stands
        // alone; a city of 100,000 or more keeps its reading.
        // Not when the report also puts the name after a preposition of
        // place ("Generation Charleston", then "in Charleston").
        // Abroad, whatever its size: "victim Latoya Kennedy", then
        // "Kennedy was not at the club", in a Florida story is no district
        // of Bogota.
        let reads_as_persons_name = place.population < FOREIGN_CITY_MIN_POPULATION
            || (context_code.is_some() && !in_context);
        if candidate.end_token == candidate.first_token + 1
            && place.level == PlaceLevel::City
            && reads_as_persons_name
            && !qualified
            && !is_dateline
            && (written_as_persons_name(&candidate, text)
                || written_as_a_persons_given_name(&candidate, &folded_text))
        {
            continue;
        }
        // Nothing but the string supports a small town of a one-word name
        // (most often a person's: "Jones", "Patrick"): no country or region
        // of the report, no qualifier, not the dateline.
        // The report's country alone supports a small town only where a
        // preposition of place puts it ("shot in Conley"): a country has
        // thousands of towns named like people.
        // A rare word ("Pewaukee", "DeKalb") is a place's name; a frequent
        // one ("Kimberly", "Bailey", "Conley") is as often a person's.
        // Not for an alias ("Kodi" for Cody): the place's own name only.
        let rare_name = !by_alias
            && crate::word_frequency::zipf_frequency(&folded_text)
                .is_none_or(|zipf| zipf < RARE_NAME_MAX_ZIPF);
        let place_cue = candidate.after_locative
            || candidate.institution_cue
            || candidate.resident_cue
            || rare_name;
        let country_named = gazetteer
            .country_of(chosen)
            .is_some_and(|c| named_countries.contains(&c));
        let supported = evidence.iter().any(|e| {
            (e.starts_with("country:") && place_cue)
                || e.starts_with("same_admin1_as:")
                || e.starts_with("qualified_by:")
                || e.starts_with("near_dateline:")
                || e == "dateline"
        }) || (country_named && place_cue);
        if !supported
            && candidate.end_token == candidate.first_token + 1
            && place.level == PlaceLevel::City
            && place.population < FOREIGN_CITY_MIN_POPULATION
        {
            wanting_evidence.push((candidate, folded_text));
            continue;
        }
        // A village (the gazetteer holds some countries' towns down to a
        // few hundred people) shares its name with thousands of people and
        // things: it needs its state written after it, the dateline, a
        // nearby dateline city, or a preposition of place before it with
        // its state among the report's other places (or the report's
        // country and a rare name); never a name the report also writes
        // after a given name or a title.
        if is_village(gazetteer, chosen) {
            let a_persons_name = candidate.end_token == candidate.first_token + 1
                && persons_names.contains(&folded_text);
            let near_dateline = evidence.iter().any(|e| e.starts_with("near_dateline:"));
            let village_supported = qualified
                || is_dateline
                || near_dateline
                || (!a_persons_name
                    && (candidate.after_locative
                        || candidate.resident_cue
                        || candidate.municipal_institution_cue)
                    && (same_region || (in_context && rare_name)));
            if !village_supported {
                if !a_persons_name {
                    wanting_evidence.push((candidate, folded_text));
                }
                continue;
            }
        }
        // A small town abroad needs its country named in the report (or
        // the dateline): otherwise the report's country wins and the name
        // is not a place we know. An alias ("White House" for Casablanca)
        // is weaker evidence than the place's own name.
        if context_code.is_some()
            && !in_context
            && place.level != PlaceLevel::Country
            && (place.population < FOREIGN_CITY_MIN_POPULATION || by_alias)
            && !gazetteer
                .country_of(chosen)
                .is_some_and(|c| named_countries.contains(&c))
            && !is_dateline
            && !qualified
        {
            wanting_evidence.push((candidate, folded_text));
            continue;
        }
        // A town of another state than the one the rest of the report
        // clearly names ("the Minnesota State Patrol") with nothing for its
        // own state is that state's town the gazetteer lacks ("Felton" in
        // Minnesota, not Felton, California).
        if let Some(home) = home_state
            && place.level == PlaceLevel::City
            && place.population < HOME_STATE_NAMESAKE_MAX_POPULATION
            && in_context
            && !qualified
            && !is_dateline
            && !same_region
            && region_of_candidate(gazetteer, chosen) != Some(home)
            && gazetteer.country_of(home) == gazetteer.country_of(chosen)
        {
            // The gazetteer may hold that state's town after all: a town
            // under 5,000 is no candidate unless its state is written
            // after it ("Homestead" beside Allegheny County is
            // Pennsylvania's, not Homestead, Florida).
            let home_town = gazetteer.lookup(text).iter().copied().find(|&p| {
                gazetteer.place(p).level == PlaceLevel::City
                    && region_of_candidate(gazetteer, p) == Some(home)
            });
            if let Some(home_town) = home_town {
                resolved.push((candidate, home_town, vec!["home_state".to_string()]));
                continue;
            }
            found.push(town_the_gazetteer_lacks(
                gazetteer,
                &candidate,
                home,
                Some("home_state"),
            ));
            continue;
        }
        if candidate.candidates.len() == 1 {
            evidence.push("only_candidate".to_string());
        }
        resolved.push((candidate, chosen, evidence));
    }
    // Each name the report resolves, folded, with its first resolution.
    let mut resolved_names: HashMap<String, PlaceIndex> = HashMap::new();
    for (candidate, place, _) in &resolved {
        let text = name_text_of(candidate.first_token, candidate.end_token);
        resolved_names
            .entry(crate::gazetteer::fold_name(text))
            .or_insert(*place);
    }
    // Listed among the report's places, not counted again as evidence of
    // where its event is: the other mention already counts.
    for (candidate, folded) in wanting_evidence {
        if let Some(&chosen) = resolved_names.get(&folded) {
            found.push(candidate.listed_as(
                chosen,
                level_of(gazetteer.place(chosen).level),
                vec!["same_name_resolved_in_report".to_string()],
            ));
        }
    }
    found.extend(names_in_hyphenated_words(
        view,
        gazetteer,
        &context,
        &resolved_names,
        &found,
        &sub_places,
    ));

    // A big city's report naming a place of another region without saying
    // so ("Austin" in a Chicago report, beside "the West Side") names one of
    // its neighbourhoods.
    let home_city = home_city_of(
        gazetteer,
        dateline,
        &resolved,
        context_code.as_deref(),
        context.outlet_city,
    );
    let side_sentences: Vec<usize> = sub_places
        .iter()
        .filter(|s| s.end_token > s.first_token && view.is(s.end_token - 1, "side"))
        .map(|s| s.sentence)
        .collect();
    let mut neighbourhoods: Vec<usize> = Vec::new();
    if let Some(home) = home_city
        && gazetteer.population(home) >= FAR_TOWN_HOME_MIN_POPULATION
    {
        let home_region = gazetteer.region_of(home);
        let home_place = gazetteer.place(home);
        let big_home = home_place.population >= NEIGHBOURHOOD_HOME_MIN_POPULATION;
        for (i, (candidate, chosen, evidence)) in resolved.iter().enumerate() {
            let place = gazetteer.place(*chosen);
            let region = region_of_candidate(gazetteer, *chosen);
            if place.level != PlaceLevel::City
                || *chosen == home
                || candidate.qualifier.is_some()
                || candidate.usage == PlaceUsage::Dateline
                || region == home_region
            {
                continue;
            }
            // A smaller place only: a capital named in a report from
            // another city is that capital, whatever the sentence.
            if place.population >= home_place.population {
                continue;
            }
            // Nothing else in the report points at the other region (a
            // report about Almaty naming Astana points at Astana's).
            let cue = candidate.neighbourhood_cue || side_sentences.contains(&candidate.sentence);
            if big_home && cue && !region.is_some_and(|r| context.region_votes.contains_key(&r)) {
                neighbourhoods.push(i);
                continue;
            }
            // A small town far off in another region that no other name,
            // no qualifier and no dateline supports ("Ensley" in a
            // Birmingham report: a town in Florida by its name alone) is
            // one of the home city's neighbourhoods the gazetteer lacks.
            let supported = evidence.iter().any(|e| {
                e.starts_with("same_admin1_as:")
                    || e.starts_with("qualified_by:")
                    || e.starts_with("near_dateline:")
                    || e == "dateline"
            });
            let folded = crate::gazetteer::fold_name(name_text_of(
                candidate.first_token,
                candidate.end_token,
            ));
            let others_point_there =
                region.is_some_and(|r| context.votes_from_others(r, &folded) > 0.0);
            let far = distance_km((place.lat, place.lon), (home_place.lat, home_place.lon))
                > UNSUPPORTED_TOWN_MIN_DISTANCE_KM;
            if !supported
                && !others_point_there
                && far
                && place.population < FOREIGN_CITY_MIN_POPULATION
            {
                neighbourhoods.push(i);
            }
        }
        for &i in &neighbourhoods {
            let entry = &mut resolved[i];
            entry.1 = home;
            entry.2 = vec![format!("neighbourhood_of:{}", gazetteer.place(home).name)];
        }
    }

    let mut hits: Vec<PlaceHit> = Vec::with_capacity(resolved.len());
    for (i, (candidate, chosen, evidence)) in resolved.into_iter().enumerate() {
        let neighbourhood = neighbourhoods.contains(&i);
        let level = if neighbourhood {
            FoundPlaceLevel::SubPlace
        } else {
            level_of(gazetteer.place(chosen).level)
        };
        found.push(candidate.listed_as(chosen, level, evidence));
        hits.push(PlaceHit {
            place: chosen,
            first_token: candidate.first_token,
            end_token: candidate.end_token,
            role: candidate.role,
            sentence: candidate.sentence,
            source: candidate.usage == PlaceUsage::Source,
        });
    }
    // The states the report's resolved towns lie in, each town's every
    // mention counted: what settles a county name several states share
    // when the region votes tie ("Meigs County" beside Pomeroy and Athens,
    // Ohio, not Tennessee's).
    let mut towns_by_region: HashMap<PlaceIndex, f32> = HashMap::new();
    for hit in &hits {
        if gazetteer.place(hit.place).level == PlaceLevel::City
            && let Some(region) = gazetteer.region_of(hit.place)
        {
            *towns_by_region.entry(region).or_default() += 1.0;
        }
    }
    for county in county_candidates {
        let name = view.slice(
            view.tokens[county.first_token].start,
            view.tokens[county.name_end - 1].end,
        );
        let (place, point, evidence) = resolve_county(
            gazetteer,
            &context,
            &towns_by_region,
            home_city,
            name,
            county.known_counties,
            county.qualifier,
        );
        found.push(FoundDraft {
            part_of_word: None,
            point,
            first_token: county.first_token,
            end_token: county.end_token,
            sentence: county.sentence,
            usage: county.usage,
            level: FoundPlaceLevel::County,
            place,
            evidence,
        });
    }
    // "the capital" now that the report's country is known.
    for reference in capital_references {
        let Some(capital) = reference
            .country
            .or(context_country)
            .and_then(|c| gazetteer.capital_of(c))
        else {
            continue;
        };
        hits.push(PlaceHit {
            place: capital,
            first_token: reference.first_token,
            end_token: reference.end_token,
            role: PlaceRole::Scope,
            sentence: reference.sentence,
            source: false,
        });
        found.push(FoundDraft {
            part_of_word: None,
            point: None,
            first_token: reference.first_token,
            end_token: reference.end_token,
            sentence: reference.sentence,
            usage: PlaceUsage::Named,
            level: FoundPlaceLevel::City,
            place: Some(capital),
            evidence: vec!["capital_of_country".to_string()],
        });
    }
    hits.sort_by_key(|h| h.first_token);
    // "the western oil town" refers back to the last city named before it.
    let mut town_hits = Vec::new();
    for (first_token, end_token, sentence) in town_references {
        let antecedent = hits.iter().rev().find(|h| {
            h.end_token <= first_token
                && h.role == PlaceRole::Scope
                && gazetteer.place(h.place).level == PlaceLevel::City
        });
        if let Some(antecedent) = antecedent {
            found.push(FoundDraft {
                part_of_word: None,
                point: None,
                first_token,
                end_token,
                sentence,
                usage: PlaceUsage::Named,
                level: FoundPlaceLevel::City,
                place: Some(antecedent.place),
                evidence: vec!["antecedent".to_string()],
            });
            town_hits.push(PlaceHit {
                place: antecedent.place,
                first_token,
                end_token,
                role: PlaceRole::Scope,
                sentence,
                source: false,
            });
        }
    }
    hits.extend(town_hits);
    hits.sort_by_key(|h| h.first_token);
    let mut institution_drafts: Vec<&FoundDraft> = found
        .iter()
        .filter(|d| {
            d.usage == PlaceUsage::Organisation
                && d.level == FoundPlaceLevel::City
                && view
                    .sentences
                    .get(d.sentence)
                    .is_some_and(|s| s.line_kind != LineKind::Headline)
        })
        .collect();
    institution_drafts.sort_by_key(|d| d.first_token);
    let institution_cities = institution_drafts.iter().filter_map(|d| d.place).collect();
    PlaceScan {
        hits,
        sub_places,
        found,
        context_country,
        institution_cities,
        towns_the_gazetteer_lacks: towns_the_gazetteer_lacks.into_keys().collect(),
        outlet_city,
    }
}

/// Names that lie in several regions of the report's country say together
/// what none says alone: "columbustelegram.com" (a Columbus in Ohio,
/// Georgia, Nebraska, ...) writing about "Platte County" (Nebraska,
/// Missouri, Wyoming): only Nebraska has both, so the paper is Nebraska's,
/// as the coherence passes of CLIFF and the Edinburgh Geoparser would read
/// it. The region that the most such names (at least two, the outlet's
/// city among them) all have a place in, when no other region ties it.
/// Each name counts once however often it is written. Only the outlet's
/// home is decided by it: as a vote for every name it flipped big cities
/// in news full of street and people's names (gva_dev main city 2,561 ->
/// 2,555: Dallas to Georgia, Dayton to Texas).
fn region_all_ambiguous_names_share_with_the_outlet<'c, 't>(
    gazetteer: &Gazetteer,
    country_code: Option<&str>,
    county_candidates: &[CountyCandidate],
    city_candidates: impl Iterator<Item = &'c Candidate>,
    name_text_of: &dyn Fn(usize, usize) -> &'t str,
    outlet_city_name: Option<PlaceIndex>,
) -> Option<PlaceIndex> {
    let country_code = country_code?;
    let outlet_name = &gazetteer.place(outlet_city_name?).name;
    let sorted_unique = |mut regions: Vec<PlaceIndex>| {
        regions.sort_unstable();
        regions.dedup();
        regions
    };
    let cities_in_country = |candidates: &mut dyn Iterator<Item = PlaceIndex>| -> Vec<PlaceIndex> {
        sorted_unique(
            candidates
                .filter(|&p| {
                    let place = gazetteer.place(p);
                    place.level == PlaceLevel::City && place.country_code == country_code
                })
                .filter_map(|p| gazetteer.region_of(p))
                .collect(),
        )
    };
    let outlet_regions = cities_in_country(&mut gazetteer.cities_named(outlet_name));
    if outlet_regions.len() < 2 {
        return None;
    }
    let outlet_key = crate::gazetteer::fold_name(outlet_name);
    let mut regions_by_name: HashMap<String, Vec<PlaceIndex>> = HashMap::new();
    for county in county_candidates.iter().filter(|c| c.qualifier.is_none()) {
        let regions = sorted_unique(
            county
                .known_counties
                .iter()
                .filter(|c| c.country_code == country_code)
                .filter_map(|c| county_region(gazetteer, c))
                .collect(),
        );
        let name = name_text_of(county.first_token, county.end_token);
        regions_by_name
            .entry(format!("county:{}", crate::gazetteer::fold_name(name)))
            .or_insert(regions);
    }
    for candidate in city_candidates {
        let name =
            crate::gazetteer::fold_name(name_text_of(candidate.first_token, candidate.end_token));
        if name != outlet_key {
            let regions = cities_in_country(&mut candidate.candidates.iter().copied());
            regions_by_name.entry(name).or_insert(regions);
        }
    }
    // Names of one region already vote for it; here they count like any.
    let mut names_per_region: HashMap<PlaceIndex, usize> = HashMap::new();
    for regions in regions_by_name.values() {
        for &region in regions.iter().filter(|r| outlet_regions.contains(r)) {
            *names_per_region.entry(region).or_default() += 1;
        }
    }
    let most = names_per_region.values().copied().max().unwrap_or(0);
    let mut holding_most = names_per_region
        .iter()
        .filter(|&(_, &count)| count == most)
        .map(|(&region, _)| region);
    match (holding_most.next(), holding_most.next()) {
        (Some(region), None) if most >= 1 => Some(region),
        _ => None,
    }
}

/// Country votes the rest of a report needs before they say which country
/// an outlet's city name of uncertain country means: one name of the
/// report's own ("Henderson County", a county of US states only, beside
/// "athensreview.com"). At 2.0, lgl_dev read small-town papers' own towns
/// abroad (within 161 km 3,350 -> 3,357 at 1.0).
const OUTLET_COUNTRY_MIN_VOTES: f32 = 1.0;

/// Population of a namesake that can be an outlet's home abroad from the
/// most populous city of its name.
const OUTLET_NAMESAKE_MIN_POPULATION: u64 = 5_000;

/// Region votes a smaller namesake of an outlet's city needs before it is
/// the outlet's home: one name of the report's own in that region and in
/// no other ("Cooke County" beside "gainesvilleregister.com"), more than
/// the biggest namesake's region has. A small-town paper writes about its
/// own county more than anything (lgl_dev within 161 km 3,357 -> 3,378 at
/// 1.0 from 2.0; 3,380 at 0.5, where a county's share would do).
const OUTLET_NAMESAKE_MIN_VOTES: f32 = 1.0;

/// Which city of the name an outlet's domain holds is its home: the most
/// populous of that name in the report's country, unless the report's
/// other names clearly vote for the region of a smaller one ("Paris,
/// Texas" has 25,000 people); outside the report's country, the most
/// populous of the name anywhere.
fn outlet_city_for_report(
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    most_populous: PlaceIndex,
    region_the_outlet_shares: Option<PlaceIndex>,
) -> PlaceIndex {
    let name = &gazetteer.place(most_populous).name;
    let folded = crate::gazetteer::fold_name(name);
    let votes_for = |p: PlaceIndex| {
        region_of_candidate(gazetteer, p).map_or(0.0, |region| {
            let shared = if Some(region) == region_the_outlet_shares {
                OUTLET_NAMESAKE_MIN_VOTES
            } else {
                0.0
            };
            context.votes_from_others(region, &folded) + shared
        })
    };
    let in_country: Vec<PlaceIndex> = gazetteer
        .cities_named(name)
        .filter(|&p| {
            context.country_code.as_deref() == Some(gazetteer.place(p).country_code.as_str())
        })
        .collect();
    let Some(&biggest) = in_country
        .iter()
        .max_by_key(|&&p| (gazetteer.population(p), std::cmp::Reverse(p)))
    else {
        return most_populous;
    };
    let biggest_votes = votes_for(biggest);
    in_country
        .iter()
        .map(|&p| (p, votes_for(p)))
        .filter(|&(_, votes)| votes >= OUTLET_NAMESAKE_MIN_VOTES && votes > biggest_votes)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(biggest, |(p, _)| p)
}

/// Place names inside a hyphenated word the gazetteer does not hold whole:
/// "Egyptian-US relations", "the Arab-Israeli conflict", "a Texas-based
/// company", "Sen. Jane Roe, R-London", "the Logan-Rogersville schools".
/// Listed among the report's places only: such a word names a relation, a
/// base or a constituency, seldom where the report's event is, so it is
/// no evidence for the main place or the report's country.
/// A part is a demonym, a country, a name the report resolves elsewhere,
/// a region of the report's country, or a city its other names support
/// (same first-level region) or big enough to be meant by its name alone.
fn names_in_hyphenated_words(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    resolved_names: &HashMap<String, PlaceIndex>,
    found: &[FoundDraft],
    sub_places: &[SubPlaceHit],
) -> Vec<FoundDraft> {
    let mut drafts = Vec::new();
    let mut resolved_parts: HashMap<&str, Option<WordPart>> = HashMap::new();
    let mut covered = vec![false; view.tokens.len()];
    let spans = found
        .iter()
        .map(|d| (d.first_token, d.end_token))
        .chain(sub_places.iter().map(|s| (s.first_token, s.end_token)));
    for (first, end) in spans {
        for slot in covered.iter_mut().take(end).skip(first) {
            *slot = true;
        }
    }
    for (sentence_index, sentence) in view.sentences.iter().enumerate() {
        for t in sentence.first_token..sentence.end_token {
            let token = view.tokens[t];
            if token.kind != TokenKind::Word || !token.hyphenated || !token.capitalised {
                continue;
            }
            let whole = without_possessive(view.raw(t));
            if covered.get(t).copied().unwrap_or(false) {
                continue;
            }
            if let Some(tag) = party_tag_place(view, gazetteer, context, t, sentence.end_token) {
                let place = gazetteer.place(tag.place);
                let level = if tag.county_point.is_some() {
                    FoundPlaceLevel::County
                } else {
                    level_of(place.level)
                };
                drafts.push(FoundDraft {
                    part_of_word: Some(tag.span),
                    point: tag.county_point,
                    first_token: t,
                    end_token: tag.end_token,
                    sentence: sentence_index,
                    usage: PlaceUsage::Context,
                    level,
                    place: Some(tag.place),
                    evidence: tag.evidence,
                });
                continue;
            }
            if !gazetteer.lookup(whole).is_empty() || gazetteer.country_by_demonym(whole).is_some()
            {
                continue;
            }
            let usage_of_name = if sentence.line_kind == LineKind::Headline {
                PlaceUsage::Headline
            } else {
                PlaceUsage::Context
            };
            let mut offset = token.start;
            for part in whole.split('-') {
                let start = offset;
                offset += part.len() + 1;
                if part.len() < 2 || !part.starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
                // "EU-Israel summit", "Euro-Asian": a world region, listed.
                if let Some(named) = world_region_named(part) {
                    drafts.push(FoundDraft {
                        part_of_word: Some((start, start + part.len())),
                        point: None,
                        first_token: t,
                        end_token: t + 1,
                        sentence: sentence_index,
                        usage: if named.demonym {
                            PlaceUsage::Demonym
                        } else {
                            usage_of_name
                        },
                        level: FoundPlaceLevel::WorldRegion,
                        place: None,
                        evidence: vec![
                            "world_region_table".to_string(),
                            "part_of_hyphenated_word".to_string(),
                        ],
                    });
                    continue;
                }
                // A report may repeat one such word thousands of times:
                // each part is resolved once.
                let resolution = resolved_parts
                    .entry(part)
                    .or_insert_with(|| resolve_word_part(gazetteer, context, resolved_names, part));
                let Some(WordPart {
                    place,
                    demonym,
                    evidence,
                }) = resolution.clone()
                else {
                    continue;
                };
                let usage = if demonym {
                    PlaceUsage::Demonym
                } else {
                    usage_of_name
                };
                let mut evidence = evidence;
                evidence.push("part_of_hyphenated_word".to_string());
                drafts.push(FoundDraft {
                    part_of_word: Some((start, start + part.len())),
                    point: None,
                    first_token: t,
                    end_token: t + 1,
                    sentence: sentence_index,
                    usage,
                    level: level_of(gazetteer.place(place).level),
                    place: Some(place),
                    evidence,
                });
            }
        }
    }
    drafts
}

/// The place of a legislator's party tag.
struct PartyTagPlace {
    place: PlaceIndex,
    /// Bytes of the place's name, from just after the hyphen.
    span: (usize, usize),
    end_token: usize,
    /// A county the county table knows: its point (the place is its state).
    county_point: Option<(f64, f64)>,
    evidence: Vec<String>,
}

/// Words a place's name may run to after a party tag's hyphen ("D-Story
/// City", "R-Elbow Lake").
const PARTY_TAG_NAME_MAX_WORDS: usize = 3;

/// "Sen. Bob Casey, D-Pa.,", "Rep. Nick Rahall, D-W. Va.,", "Ray Miller,
/// D-Columbus,", "Clif Moore, D-McDowell.": American news writes a
/// legislator's party and state (or, for a state legislator, home town
/// or county) as one hyphenated tag after the name. The place is a US
/// state's abbreviation or name, or a town or county of the state the
/// report's other places point at; nothing else is read from a tag.
fn party_tag_place(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    t: usize,
    end: usize,
) -> Option<PartyTagPlace> {
    let raw = view.raw(t);
    let (party, rest) = raw.split_once('-')?;
    if !matches!(party, "D" | "R" | "I") || rest.is_empty() || t == 0 {
        return None;
    }
    if !view.is_punct(t - 1, ",") && !view.is_punct(t - 1, "(") {
        return None;
    }
    let start = view.tokens[t].start + party.len() + 1;
    let mut evidence = vec!["party_tag".to_string()];
    // A state's abbreviation: "Pa.", "S.C.", "W. Va.", "Calif".
    let mut key = rest.to_ascii_lowercase();
    let mut e = t + 1;
    let mut dotted = false;
    // The sentence splitter may have ended a sentence at "W.": the
    // abbreviation reads on.
    while e < view.tokens.len() && key.len() <= 5 {
        let token = view.tokens[e];
        if !token.space_before && view.is_punct(e, ".") {
            dotted = true;
            e += 1;
            continue;
        }
        let glued_letters = !token.space_before && dotted;
        // "W. Va.": a single letter, its dot, a space, then the rest.
        let spaced_second_half =
            token.space_before && dotted && key.len() == 1 && view.is_punct(e + 1, ".");
        if token.kind == TokenKind::Word
            && token.capitalised
            && view.raw(e).len() <= 3
            && (glued_letters || spaced_second_half)
        {
            key.push_str(&view.raw(e).to_ascii_lowercase());
            e += 1;
            continue;
        }
        break;
    }
    if let Some((_, state)) = US_STATE_ABBREVIATIONS.iter().find(|(k, _)| *k == key)
        && let Some(place) = us_state(gazetteer, state)
    {
        evidence.push("abbreviation".to_string());
        return Some(PartyTagPlace {
            place,
            span: (start, view.tokens[e - 1].end),
            end_token: e,
            county_point: None,
            evidence,
        });
    }
    // A name: the rest of the hyphenated word and the capitalised words
    // after it, longest first.
    let words = capitalised_run_end(view, t, t + 1, end, PARTY_TAG_NAME_MAX_WORDS) - t;
    let home_region = context.home_region();
    for n in (1..=words).rev() {
        let span = (start, view.tokens[t + n - 1].end);
        let name = without_possessive(view.slice(span.0, span.1));
        if let Some(state) = us_state(gazetteer, name) {
            evidence.push("country:US".to_string());
            return Some(PartyTagPlace {
                place: state,
                span,
                end_token: t + n,
                county_point: None,
                evidence,
            });
        }
        let Some(region) = home_region else {
            continue;
        };
        if gazetteer.place(region).country_code != "US" {
            return None;
        }
        let region_name = gazetteer.place(region).name.clone();
        if let Some(&town) = gazetteer
            .lookup(name)
            .iter()
            .filter(|&&p| {
                let place = gazetteer.place(p);
                place.level == PlaceLevel::City && place.region == Some(region)
            })
            .max_by_key(|&&p| gazetteer.population(p))
        {
            evidence.push(format!("home_admin1:{region_name}"));
            return Some(PartyTagPlace {
                place: town,
                span,
                end_token: t + n,
                county_point: None,
                evidence,
            });
        }
        if let Some(county) = counties_named(name, "County")
            .iter()
            .find(|county| county_region(gazetteer, county) == Some(region))
        {
            evidence.push(format!("county_in:{region_name}"));
            evidence.push("county_table".to_string());
            return Some(PartyTagPlace {
                place: region,
                span,
                end_token: t + n,
                county_point: Some((county.lat, county.lon)),
                evidence,
            });
        }
    }
    None
}

/// Population from which a city named only inside a hyphenated word
/// ("Washington-Moscow route") is that city with nothing else to say so.
const CITY_IN_WORD_MIN_POPULATION: u64 = 1_000_000;

/// A place named by one part of a hyphenated word.
#[derive(Clone)]
struct WordPart {
    place: PlaceIndex,
    /// "Egyptian" in "Egyptian-US": the role is `demonym`.
    demonym: bool,
    evidence: Vec<String>,
}

fn resolve_word_part(
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    resolved_names: &HashMap<String, PlaceIndex>,
    part: &str,
) -> Option<WordPart> {
    if let Some(country) = gazetteer.country_by_demonym_or_its_plural(part) {
        return Some(WordPart {
            place: country,
            demonym: true,
            evidence: vec!["demonym".to_string()],
        });
    }
    let folded = crate::gazetteer::fold_name(part);
    if let Some(&place) = resolved_names.get(&folded) {
        let evidence = vec!["same_name_resolved_in_report".to_string()];
        return Some(WordPart {
            place,
            demonym: false,
            evidence,
        });
    }
    let candidates = gazetteer.lookup(part);
    let in_context = |p: PlaceIndex| {
        context.country_code.as_deref() == Some(gazetteer.place(p).country_code.as_str())
    };
    if let Some(&country) = candidates
        .first()
        .filter(|&&p| gazetteer.place(p).level == PlaceLevel::Country)
    {
        return Some(WordPart {
            place: country,
            demonym: false,
            evidence: vec!["country".to_string()],
        });
    }
    if let Some(&region) = candidates
        .iter()
        .find(|&&p| gazetteer.place(p).level == PlaceLevel::Region && in_context(p))
    {
        let evidence = vec![format!("country:{}", gazetteer.place(region).country_code)];
        return Some(WordPart {
            place: region,
            demonym: false,
            evidence,
        });
    }
    let best = candidates
        .iter()
        .map(|&p| score_candidate(gazetteer, context, p, &folded, None, false, true))
        .max_by(|a, b| a.score.total_cmp(&b.score))?;
    let place = gazetteer.place(best.place);
    let same_region = best
        .evidence
        .iter()
        .any(|e| e.starts_with("same_admin1_as:"));
    let big = place.population >= CITY_IN_WORD_MIN_POPULATION
        && (context.country_code.is_none() || in_context(best.place));
    if place.level == PlaceLevel::City
        && (same_region || big)
        && (same_region || !reads_as_common_word(gazetteer, part, place))
    {
        return Some(WordPart {
            place: best.place,
            demonym: false,
            evidence: best.evidence,
        });
    }
    None
}

fn level_of(level: PlaceLevel) -> FoundPlaceLevel {
    match level {
        PlaceLevel::Country => FoundPlaceLevel::Country,
        PlaceLevel::Region => FoundPlaceLevel::Region,
        PlaceLevel::City => FoundPlaceLevel::City,
    }
}

/// A city must have this many people before a place of another region
/// named beside it is read as one of its neighbourhoods: only big cities
/// have neighbourhoods that share a name with a city elsewhere.
pub(crate) const NEIGHBOURHOOD_HOME_MIN_POPULATION: u64 = 250_000;

/// The city the report is from: its dateline city, else the outlet's
/// city when the report names it too, else the city of its country it
/// names most (first named on ties).
fn home_city_of(
    gazetteer: &Gazetteer,
    dateline: Option<&Dateline>,
    resolved: &[(Candidate, PlaceIndex, Vec<String>)],
    context_code: Option<&str>,
    outlet_city: Option<PlaceIndex>,
) -> Option<PlaceIndex> {
    if let Some(place) = dateline.and_then(|d| d.place)
        && gazetteer.place(place).level == PlaceLevel::City
    {
        return Some(place);
    }
    if let Some(home) = outlet_city
        && resolved.iter().any(|(_, place, _)| *place == home)
    {
        return Some(home);
    }
    let mut counts: Vec<(PlaceIndex, usize)> = Vec::new();
    for (candidate, place, _) in resolved {
        let p = gazetteer.place(*place);
        if p.level != PlaceLevel::City
            || Some(p.country_code.as_str()) != context_code
            || candidate.usage == PlaceUsage::Headline
        {
            continue;
        }
        match counts.iter_mut().find(|(q, _)| q == place) {
            Some(entry) => entry.1 += 1,
            None => counts.push((*place, 1)),
        }
    }
    let mut best: Option<(PlaceIndex, usize)> = None;
    for (place, count) in counts {
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((place, count));
        }
    }
    best.map(|(p, _)| p)
}

/// "Laurel County" at `t`: one to three capitalised name words then a
/// county word, when the whole is not a gazetteer name. Returns the county
/// word's token and the end of the capitalised run (an organisation's name
/// may go on: "Cook County Sheriff's Office").
fn county_run(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    end: usize,
) -> Option<(usize, usize)> {
    // "County", and "County's" in "Warren County's Hamilton Township".
    // Asked of every capitalised word: compared in place, not lowercased
    // into a new string.
    let is_county_word = |k: usize| {
        let word = without_possessive(view.raw(k));
        place_context::COUNTY_WORDS
            .iter()
            .any(|county_word| word.eq_ignore_ascii_case(county_word))
    };
    let mut k = t;
    while k < end && k < t + 4 {
        let token = view.tokens[k];
        if token.kind != TokenKind::Word || !token.capitalised || (k > t && !token.space_before) {
            return None;
        }
        if k > t && is_county_word(k) {
            break;
        }
        if possessive_stem(view.raw(k)).is_some() {
            // A possessive ends the run ("Smith's County Road"), unless it
            // is part of a county's own name: "Prince George's County",
            // "St. Mary's County", "Queen Anne's County".
            let names_a_county = k + 1 < end
                && is_county_word(k + 1)
                && !counties_named(
                    view.slice(view.tokens[t].start, view.tokens[k].end),
                    without_possessive(view.raw(k + 1)),
                )
                .is_empty();
            if !names_a_county {
                return None;
            }
        }
        k += 1;
    }
    if k >= end || k == t || !is_county_word(k) {
        return None;
    }
    if view.in_class(t, crate::extract::text::word_classes::bits::NEVER_PLACES) {
        return None;
    }
    let whole = view.slice(
        view.tokens[t].start,
        view.tokens[k].start + without_possessive(view.raw(k)).len(),
    );
    if !gazetteer.lookup(whole).is_empty() {
        return None;
    }
    // The county's possessive ends it: what follows is a place of its own.
    let mut run_end = k + 1;
    while possessive_stem(view.raw(k)).is_none()
        && run_end < end
        && view.tokens[run_end].capitalised
        && view.tokens[run_end].kind == TokenKind::Word
        && view.tokens[run_end].space_before
    {
        run_end += 1;
    }
    Some((k, run_end))
}

/// A demonym of `word_counts` capitalised words starting at `t` (its
/// plural too: "South Africans", "Ohioans"), the place `demonym_place`
/// gives it (a country's or a region's), and the token after it.
fn demonym_of_words(
    view: &TextView<'_>,
    t: usize,
    end: usize,
    word_counts: &[usize],
    demonym_place: &dyn Fn(&str) -> Option<PlaceIndex>,
) -> Option<(PlaceIndex, usize)> {
    for &n in word_counts {
        let last = t + n;
        if last > end
            || (t..last).any(|k| {
                let token = view.tokens[k];
                token.kind != TokenKind::Word
                    || !token.capitalised
                    || (k > t && !token.space_before)
            })
        {
            continue;
        }
        let words = view.slice(
            view.tokens[t].start,
            view.tokens[last - 1].start + without_possessive(view.raw(last - 1)).len(),
        );
        if let Some(place) = demonym_place(words) {
            return Some((place, last));
        }
    }
    None
}

/// One name of a list of counties: its tokens and the counties so named.
struct ListedCounty {
    first_token: usize,
    end_token: usize,
    counties: &'static [County],
}

/// Plural county words: a list of names before one of them.
const PLURAL_COUNTY_WORDS: &[(&str, &str)] = &[("counties", "County"), ("parishes", "Parish")];

/// Most words one county's name takes in a list ("Otter Tail", "St. Lucie").
const COUNTY_NAME_MAX_WORDS: usize = 3;

/// Most names read into one list of counties: a longer run of capitalised
/// names and commas is something else, and reading it from each of its
/// names would cost the square of its length.
const COUNTY_LIST_MAX_NAMES: usize = 16;

/// "Barrow, Jackson and Madison counties", "Anderson or Cherokee counties":
/// two or more capitalised names, each a county of the county table, in a
/// list closed by a plural county word. Each name's tokens and counties of
/// that name, and the token after the plural word.
fn county_list_run(
    view: &TextView<'_>,
    t: usize,
    end: usize,
) -> Option<(Vec<ListedCounty>, usize)> {
    let mut names = Vec::new();
    let mut k = t;
    loop {
        // One name: capitalised words, none of them the list's joiners.
        let name_first = k;
        while k < end
            && k < name_first + COUNTY_NAME_MAX_WORDS
            && view.tokens[k].kind == TokenKind::Word
            && view.tokens[k].capitalised
        {
            k += 1;
        }
        if k == name_first {
            return None;
        }
        names.push((name_first, k));
        if names.len() > COUNTY_LIST_MAX_NAMES {
            return None;
        }
        let mut joined = false;
        if view.is_punct(k, ",") {
            k += 1;
            joined = true;
        }
        if view.is_any(k, &["and", "or"]) {
            k += 1;
            joined = true;
        }
        if let Some(&(_, county_word)) = PLURAL_COUNTY_WORDS
            .iter()
            .find(|(plural, _)| !joined && view.is(k, plural) && !view.tokens[k].capitalised)
        {
            if names.len() < 2 {
                return None;
            }
            let mut counties = Vec::with_capacity(names.len());
            for (first, name_end) in names {
                let name = view.slice(view.tokens[first].start, view.tokens[name_end - 1].end);
                let known = counties_named(name, county_word);
                if known.is_empty() {
                    return None;
                }
                counties.push(ListedCounty {
                    first_token: first,
                    end_token: name_end,
                    counties: known,
                });
            }
            return Some((counties, k + 1));
        }
        if !joined || k >= end {
            return None;
        }
    }
}

/// ", Va.", ", Illinois", ", France" right after a name ending at `last`.
/// A name read as a town the gazetteer lacks: a sub-place of the state
/// it lies in, with that state's point; `why` adds the rule that read it
/// so when not the state written after it.
fn town_the_gazetteer_lacks(
    gazetteer: &Gazetteer,
    candidate: &Candidate,
    state: PlaceIndex,
    why: Option<&str>,
) -> FoundDraft {
    let mut evidence = vec![
        "not_in_gazetteer".to_string(),
        format!("within:{}", gazetteer.place(state).name),
    ];
    evidence.extend(why.map(str::to_string));
    FoundDraft {
        part_of_word: None,
        point: None,
        first_token: candidate.first_token,
        end_token: candidate.end_token,
        sentence: candidate.sentence,
        usage: candidate.usage,
        level: FoundPlaceLevel::SubPlace,
        place: Some(state),
        evidence,
    }
}

/// Countries whose towns the gazetteer holds down to a few hundred
/// people (at least `COVERED_TO_VILLAGES_MIN_VILLAGES` villages): there a
/// town it lacks is a village, not a town of 4,000.
static COUNTRIES_COVERED_TO_VILLAGES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let gazetteer = Gazetteer::global();
    let mut villages: HashMap<&str, usize> = HashMap::new();
    for index in 0..gazetteer.len() {
        let Ok(index) = PlaceIndex::try_from(index) else {
            break;
        };
        if is_village(gazetteer, index) {
            *villages
                .entry(gazetteer.place(index).country_code.as_str())
                .or_default() += 1;
        }
    }
    villages
        .into_iter()
        .filter(|&(_, count)| count >= COVERED_TO_VILLAGES_MIN_VILLAGES)
        .map(|(code, _)| code.to_string())
        .collect()
});

/// See `COUNTRIES_COVERED_TO_VILLAGES`.
const COVERED_TO_VILLAGES_MIN_VILLAGES: usize = 1_000;

/// How many region votes make a state the report's home state.
const HOME_STATE_MIN_VOTES: f32 = 2.0;

/// What share of the region votes the home state must hold.
const HOME_STATE_MIN_SHARE: f32 = 0.75;

/// Above this many people, a town of another state keeps its reading in a
/// report whose other names put it in one state: a big city is named from
/// afar ("moved from Orlando"), a small town's namesake is not.
const HOME_STATE_NAMESAKE_MAX_POPULATION: u64 = 100_000;

/// Whether a name (from `first`) and the qualifier after it (from
/// `qualifier`) stand in a list of names or are no name and qualifier: a
/// comma or "and" before the name, a comma, "and" or "or" and another
/// capitalised word after the qualifier ("Moscow, Kiev, Minsk and Riga"),
/// or a possessive qualifier ("Side by Side, St. Petersburg's festival").
fn in_a_list_of_names(view: &TextView<'_>, first: usize, qualifier: usize) -> bool {
    let joins = |t: usize| view.is_punct(t, ",") || view.is_any(t, &["and", "or"]);
    if first > 0 && joins(first - 1) {
        return true;
    }
    // The qualifier's words: capitalised, an abbreviation's dot, or a
    // particle inside a name ("Šentilj v Slov. Goricah").
    let mut after = qualifier;
    while after < view.tokens.len()
        && after < qualifier + QUALIFIER_MAX_TOKENS
        && (view.tokens[after].capitalised
            || view.is_punct(after, ".")
            || view.is_any(after, NAME_PARTICLES))
    {
        if possessive_stem(view.raw(after)).is_some() {
            return true;
        }
        after += 1;
    }
    after + 1 < view.tokens.len() && joins(after) && view.tokens[after + 1].capitalised
}

/// The most tokens a qualifier spans ("Šentilj v Slov. Goricah").
const QUALIFIER_MAX_TOKENS: usize = 6;

/// Lowercase words inside place names.
const NAME_PARTICLES: &[&str] = &[
    "v", "de", "del", "la", "las", "le", "les", "los", "di", "da", "das", "do", "dos", "du", "des",
    "der", "den", "van", "von", "y", "al", "el",
];

fn qualifier_after(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    last: usize,
    end: usize,
) -> Option<Qualifier> {
    if last + 1 >= end || !view.is_punct(last, ",") {
        return None;
    }
    let t = last + 1;
    if let Some(abbreviation) = abbreviation_at(view, gazetteer, t, end, true) {
        return Some(
            if gazetteer.place(abbreviation.place).level == PlaceLevel::Country {
                Qualifier::Country(abbreviation.place)
            } else {
                Qualifier::Region(abbreviation.place)
            },
        );
    }
    for n in (1..=3).rev() {
        if let Some(candidates) = match_name(view, gazetteer, t, n, end) {
            // The qualifier ends the phrase: "Springfield, Illinois," or
            // "Springfield, Illinois." — not "Paris, Texas Rangers".
            let after = t + n;
            if after < end
                && view.tokens[after].kind == TokenKind::Word
                && view.tokens[after].capitalised
            {
                return None;
            }
            if let Some(&region) = candidates
                .iter()
                .find(|&&p| gazetteer.place(p).level == PlaceLevel::Region)
                && !candidates
                    .iter()
                    .any(|&p| gazetteer.place(p).level == PlaceLevel::Country)
            {
                return Some(Qualifier::Region(region));
            }
            if let Some(&country) = candidates
                .iter()
                .find(|&&p| gazetteer.place(p).level == PlaceLevel::Country)
            {
                // "Atlanta, Georgia": the US state when there is one.
                if let Some(&region) = candidates.iter().find(|&&p| {
                    let place = gazetteer.place(p);
                    place.level == PlaceLevel::Region && place.country_code == "US"
                }) {
                    return Some(Qualifier::Region(region));
                }
                return Some(Qualifier::Country(country));
            }
            return None;
        }
    }
    None
}

/// A county name shared by more states than this says too little about
/// the report's state to vote ("Washington County": thirty states).
const MAX_COUNTY_NAMESAKES_VOTING: usize = 8;

/// How far from a county's point (the middle of its towns) a town may lie
/// and still be read as one of its towns.
const COUNTY_TOWN_MAX_KM: f64 = 40.0;

/// What a county and a town of the report that lie together in one state
/// vote for that state: as much as a state written after a name.
const COUNTY_AND_ITS_TOWN_VOTE: f32 = 2.0;

/// The states where a county the report names without its state and a
/// town it names lie together, for each such pair of names that only one
/// state fits: "Walker County" and "Huntsville" are Texas's (Huntsville is
/// Walker County's seat; Alabama has a Walker County and a bigger
/// Huntsville 150 km apart), "Henry County" and "Paris" Tennessee's. Two
/// names that each fit several states are one place only where they meet,
/// the coherence the Edinburgh Geoparser and CLIFF look for among a
/// document's places. Each pair of names votes once, however often the
/// report repeats them.
fn states_holding_a_county_and_its_town<'a>(
    gazetteer: &Gazetteer,
    context_code: Option<&str>,
    county_candidates: &[CountyCandidate],
    county_names: &[String],
    raw_candidates: &[Candidate],
    name_text_of: &dyn Fn(usize, usize) -> &'a str,
) -> Vec<PlaceIndex> {
    // Each county that several states of the report's country share,
    // with those states.
    let ambiguous_counties: Vec<(&String, Vec<(&County, PlaceIndex)>)> = county_candidates
        .iter()
        .zip(county_names)
        .filter(|(county, _)| county.qualifier.is_none())
        .map(|(county, name)| {
            let counties: Vec<(&County, PlaceIndex)> = county
                .known_counties
                .iter()
                .filter(|c| Some(c.country_code.as_str()) == context_code)
                .filter_map(|c| Some((c, county_region(gazetteer, c)?)))
                .collect();
            (name, counties)
        })
        .filter(|(_, counties)| counties.len() >= 2)
        .collect();
    if ambiguous_counties.is_empty() {
        return Vec::new();
    }
    let towns: Vec<(&Candidate, &str, String)> = raw_candidates
        .iter()
        .filter(|candidate| candidate.qualifier.is_none() && !candidate.person_like)
        .map(|candidate| {
            let text = name_text_of(candidate.first_token, candidate.end_token);
            (candidate, text, crate::gazetteer::fold_name(text))
        })
        .collect();
    let mut pairs_seen: Vec<(&String, &String)> = Vec::new();
    let mut states = Vec::new();
    for (county_name, counties) in &ambiguous_counties {
        for (candidate, text, town_name) in &towns {
            if town_name == *county_name || pairs_seen.contains(&(*county_name, town_name)) {
                continue;
            }
            let mut fitting: Vec<PlaceIndex> = counties
                .iter()
                .filter(|(c, region)| {
                    // The town by its own name: GeoNames' alternate
                    // names hold old names of neighbouring towns
                    // ("Greenfield" for Copley, Ohio, beside Wayne County).
                    candidate.candidates.iter().any(|&p| {
                        let town = gazetteer.place(p);
                        town.level == PlaceLevel::City
                            && town.region == Some(*region)
                            && (text.eq_ignore_ascii_case(&town.name)
                                || crate::gazetteer::fold_name(&town.name) == *town_name)
                            && distance_km((town.lat, town.lon), (c.lat, c.lon))
                                <= COUNTY_TOWN_MAX_KM
                    })
                })
                .map(|&(_, region)| region)
                .collect();
            fitting.sort_unstable();
            fitting.dedup();
            if let [state] = fitting[..] {
                pairs_seen.push((*county_name, town_name));
                states.push(state);
            }
        }
    }
    states
}

/// The gazetteer's region that a county of the county table lies in.
fn county_region(gazetteer: &Gazetteer, county: &County) -> Option<PlaceIndex> {
    gazetteer.lookup(&county.admin1).iter().copied().find(|&p| {
        let place = gazetteer.place(p);
        place.level == PlaceLevel::Region
            && place.country_code == county.country_code
            && place.name == county.admin1
    })
}

/// A county's place: a city of its name in its region (often its seat),
/// else the report's home city when in that region, else the region; and
/// its point, when the county table knows which county it is. The region:
/// the qualifier's ("Douglas County, Minn."), else the region of the one
/// county of that name the report's other places point at (or the only one
/// there is), else the report's home region.
fn resolve_county(
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    towns_by_region: &HashMap<PlaceIndex, f32>,
    home_city: Option<PlaceIndex>,
    name: &str,
    known: &[County],
    qualifier: Option<Qualifier>,
) -> (Option<PlaceIndex>, Option<(f64, f64)>, Vec<String>) {
    let mut evidence = Vec::new();
    let qualified_region = match qualifier {
        Some(Qualifier::Region(region)) => Some(region),
        _ => None,
    };
    let chosen: Option<(&County, Option<PlaceIndex>)> = if let Some(region) = qualified_region {
        known
            .iter()
            .map(|county| (county, county_region(gazetteer, county)))
            .find(|(_, r)| *r == Some(region))
    } else if let [only] = known {
        evidence.push("only_county_of_its_name".to_string());
        Some((only, county_region(gazetteer, only)))
    } else {
        known
            .iter()
            .filter_map(|county| {
                let region = county_region(gazetteer, county)?;
                let votes = context.region_votes.get(&region).copied().unwrap_or(0.0);
                let towns = towns_by_region.get(&region).copied().unwrap_or(0.0);
                (votes > 0.0).then_some((county, Some(region), (votes, towns)))
            })
            // The most region votes; on a tie, the most of the report's
            // towns; on a tie still, the last in the table (as before).
            .reduce(|best, next| {
                let better = next.2.0 > best.2.0 || (next.2.0 == best.2.0 && next.2.1 >= best.2.1);
                if better { next } else { best }
            })
            .map(|(county, region, _)| (county, region))
    };
    let region = match (qualified_region, chosen) {
        (Some(region), _) => {
            evidence.push(format!("qualified_by:{}", gazetteer.place(region).name));
            Some(region)
        }
        (None, Some((county, Some(region)))) => {
            evidence.push(format!("county_in:{}", county.admin1));
            Some(region)
        }
        _ => context.home_region().inspect(|&region| {
            evidence.push(format!("home_admin1:{}", gazetteer.place(region).name));
        }),
    };
    let point = chosen.map(|(county, _)| (county.lat, county.lon));
    if point.is_some() {
        evidence.push("county_table".to_string());
    }
    let Some(region) = region else {
        return (None, point, evidence);
    };
    if let Some(&namesake) = gazetteer.lookup(name).iter().find(|&&p| {
        let place = gazetteer.place(p);
        place.level == PlaceLevel::City && place.region == Some(region)
    }) {
        evidence.push(format!("namesake:{}", gazetteer.place(namesake).name));
        return (Some(namesake), point, evidence);
    }
    if let Some(home) = home_city
        && gazetteer.region_of(home) == Some(region)
    {
        evidence.push(format!("home_city:{}", gazetteer.place(home).name));
        return (Some(home), point, evidence);
    }
    evidence.push("admin1_centroid".to_string());
    (Some(region), point, evidence)
}

/// A world region's name read at a token.
struct WorldRegionRun {
    /// The token after the name.
    end_token: usize,
    /// Written as its people's adjective ("European diplomats").
    demonym: bool,
    /// False when a capitalised word follows the name ("Asia Pacific",
    /// "Africa Cup", "Asia Argento"): a title, an organisation's or a
    /// person's name, no place to list, nor a town of that name ("Asia",
    /// a Philippine village) to look for.
    listed: bool,
}

/// A world region's name starting at token `t` ("Europe", "Horn of
/// Africa", "EU", "European"), longest first, written as a name (every
/// word capitalised but its particles: "east asia" in running text is
/// none).
fn world_region_run(view: &TextView<'_>, t: usize, end: usize) -> Option<WorldRegionRun> {
    use crate::gazetteer::world_regions::{WORLD_REGION_MAX_WORDS, starts_a_world_region_name};
    if !starts_a_world_region_name(view.raw(t)) {
        return None;
    }
    for n in (1..=WORLD_REGION_MAX_WORDS).rev() {
        let last = t + n;
        if last > end
            || (t + 1..last)
                .any(|k| !view.tokens[k].space_before || view.tokens[k].kind != TokenKind::Word)
        {
            continue;
        }
        let name = without_possessive(view.slice(view.tokens[t].start, view.tokens[last - 1].end));
        let Some(named) = world_region_named(name) else {
            continue;
        };
        if !(t..last).all(|k| view.tokens[k].capitalised || view.is_any(k, &["of", "the"])) {
            return None;
        }
        let capitalised_follows = capitalised_word_at(view, last, end);
        // "African Union", "Asian American": an adjective before a name is
        // read by the passes after (a country's demonym may follow).
        if capitalised_follows && named.demonym {
            return None;
        }
        return Some(WorldRegionRun {
            end_token: last,
            demonym: named.demonym,
            listed: !capitalised_follows,
        });
    }
    None
}

/// A run of capitalised words with a sub-place word after its first word
/// ("Astana Square", "Gorky Park", "Central Park of Culture and
/// Recreation", "South Wabash Avenue"): returns the run's end.
fn sub_place_run(view: &TextView<'_>, t: usize, end: usize) -> Option<usize> {
    use crate::extract::text::word_classes::bits;
    // "Captain James Hall", "Judge Ann Park": a title opens a person's
    // name, and so does a given name right after a title; a building named
    // after the person is still read from the word after the given name
    // ("Sheriff Al Cannon Detention Center" lists "Cannon Detention
    // Center"). "Saint" opens churches and schools as often as people.
    let is_title = |k: usize| {
        let title_bits = bits::PERSON_TITLES | bits::TITLES;
        // Most tokens answer from their indexed classes; only a
        // possessive ("Attorney's") is looked up again without its "'s".
        let titled = view.in_class(k, title_bits)
            || (view.in_class(k, bits::POSSESSIVE)
                && possessive_stem(view.raw(k)).is_some_and(|stem| {
                    crate::extract::text::word_classes::classes_of(&stem.to_lowercase())
                        & title_bits
                        != 0
                }));
        titled && !view.is(k, "saint")
    };
    if is_title(t) || (t > 0 && is_title(t - 1) && crate::extract::names::is_given_name(view, t)) {
        return None;
    }
    let mut e = t + 1;
    let mut has_suffix = false;
    let mut last_capitalised = t;
    while e < end && e < t + 8 {
        let token = view.tokens[e];
        if token.kind != TokenKind::Word || !token.space_before {
            break;
        }
        if token.capitalised && has_suffix && date_word_after_a_name(view, e, end) {
            break;
        }
        // A title after the name: the words before it name the person's
        // office ("District Court Judge ...", "District Attorney's
        // Office"), not where anything happened. But "Dr" right after a
        // name is its street word ("Memorial Dr"), and a title after "and"
        // starts another name ("Pine Avenue and Dr. King Boulevard").
        if token.capitalised && is_title(e) {
            if view.is(e - 1, "and") {
                break;
            }
            if !view.is(e, "dr") {
                return None;
            }
        }
        if token.capitalised {
            if view.in_class(
                e,
                crate::extract::text::word_classes::bits::SUB_PLACE_SUFFIXES,
            ) {
                has_suffix = true;
            }
            last_capitalised = e;
            e += 1;
            continue;
        }
        let connector = view.is_any(e, &["of", "and", "the", "for"])
            && view
                .tokens
                .get(e + 1)
                .is_some_and(|n| n.capitalised && n.kind == TokenKind::Word);
        // "Center for ...", but not "Main Street for Disorderly Conduct":
        // a street's name ends at its street word.
        let street_before = view.is_any(last_capitalised, super::lexicon::STREET_NAME_ENDINGS);
        if connector && has_suffix && !(view.is(e, "for") && street_before) {
            e += 1;
            continue;
        }
        break;
    }
    let last_word = crate::extract::text::without_possessive(view.raw(last_capitalised));
    let ends_as_an_agency = super::lexicon::AGENCY_NAME_ENDINGS
        .iter()
        .any(|ending| ending.eq_ignore_ascii_case(last_word));
    (has_suffix && !ends_as_an_agency && possessive_stem(view.raw(t)).is_none())
        .then_some(last_capitalised + 1)
}

/// "the capital", "the capital city", "the Kazakh capital", "the country's
/// capital", "Kenya's capital" at token `t` ("capital"), unless a name
/// follows (the name itself is the place) or the word is money or law.
fn capital_reference(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    first: usize,
    end: usize,
) -> Option<CapitalReference> {
    let mut after = t + 1;
    if view.is(after, "city") {
        after += 1;
    }
    if after < end {
        let next = view.tokens[after];
        if next.kind == TokenKind::Word
            && (next.capitalised
                || view.in_class(
                    after,
                    crate::extract::text::word_classes::bits::CAPITAL_NOT_CITY,
                ))
        {
            return None;
        }
        // "the capital of Kyrgyzstan": the country's name follows.
        if view.is(after, "of") {
            return None;
        }
    }
    if t <= first {
        return None;
    }
    let previous = t - 1;
    let (start, country) = if view.is(previous, "the") {
        (previous, None)
    } else if previous > first
        && view.is(previous - 1, "the")
        && let Some(country) = gazetteer.country_by_demonym(view.raw(previous))
    {
        (previous - 1, Some(country))
    } else if previous > first
        && view.is(previous - 1, "the")
        && view.is_any(
            previous,
            &["country's", "country’s", "nation's", "nation’s"],
        )
    {
        (previous - 1, None)
    } else if let Some(base) = possessive_stem(view.raw(previous))
        && let Some(&country) = gazetteer
            .lookup(base)
            .iter()
            .find(|&&p| gazetteer.place(p).level == PlaceLevel::Country)
    {
        (previous, Some(country))
    } else {
        return None;
    };
    Some(CapitalReference {
        first_token: start,
        end_token: after,
        country,
        sentence: 0,
    })
}

fn is_dateline_token(view: &TextView<'_>, t: usize, dateline: Option<&Dateline>) -> bool {
    dateline.is_some_and(|d| {
        let token = view.tokens[t];
        token.start >= d.name_start && token.end <= d.name_end
    })
}

/// Candidates for the `n` tokens at `t`, when they are all capitalised words
/// (or "of"/"the" inside a name) separated by single spaces.
fn match_name(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    n: usize,
    end: usize,
) -> Option<Vec<PlaceIndex>> {
    if t + n > end {
        return None;
    }
    for k in 0..n {
        let token = view.tokens[t + k];
        // "St. Louis", "Ft. Worth", "Mt. Pleasant": the abbreviation's dot
        // is part of the name.
        let abbreviation_dot = k > 0
            && k + 1 < n
            && !token.space_before
            && view.is_punct(t + k, ".")
            && view.is_any(t + k - 1, &["st", "ft", "mt"]);
        if abbreviation_dot {
            continue;
        }
        if token.kind != TokenKind::Word {
            return None;
        }
        if k > 0 && !token.space_before {
            return None;
        }
        let connector = k > 0 && k + 1 < n && view.is_any(t + k, &["of", "the", "de", "al", "el"]);
        if !token.capitalised && !connector {
            return None;
        }
        // A possessive can only end the name.
        if k + 1 < n && possessive_stem(view.raw(t + k)).is_some() {
            return None;
        }
    }
    let start = view.tokens[t].start;
    let last = view.raw(t + n - 1);
    let end_offset = view.tokens[t + n - 1].start + without_possessive(last).len();
    let name = view.slice(start, end_offset);
    let found = gazetteer.lookup(name);
    if found.is_empty() {
        None
    } else {
        Some(found.to_vec())
    }
}

/// Cities the report's title names, read as the body reads them: a name
/// the body also names is the body's place (its context resolved it); a
/// name only the title has must lie in the body's country. A title is not
/// part of the text, so these carry no span: they only help choose the
/// main place ("2 shot in Lynchburg" above a body that says "the city").
pub(crate) fn cities_named_in_title(
    title: &str,
    gazetteer: &Gazetteer,
    body_view: &TextView<'_>,
    body_hits: &[PlaceHit],
    body_towns_the_gazetteer_lacks: &[String],
    context_country: Option<PlaceIndex>,
    people: &PeopleNamed<'_>,
) -> Vec<PlaceIndex> {
    let recased = super::recase::recase_caseless(title, gazetteer);
    let view = match &recased {
        Some(recased) => TextView::with_caseless_reading(&recased.text, true),
        None => TextView::new(title),
    };
    let scan = scan_alone(&view, gazetteer);
    let name_of = |view: &TextView<'_>, hit: &PlaceHit| {
        crate::gazetteer::fold_name(view.slice(
            view.tokens[hit.first_token].start,
            view.tokens[hit.end_token - 1].end,
        ))
    };
    let mut cities = Vec::new();
    // A name the body gives a person, written whole in the title ("drive-by
    // related to Kendall Foster", "the Henry Jackson case"): the person,
    // not a town.
    let word = |t: usize| {
        view.tokens
            .get(t)
            .filter(|token| token.kind == TokenKind::Word)
            .map_or("", |_| view.raw(t))
    };
    let in_a_persons_name = |hit: &PlaceHit| {
        let (first, last) = (hit.first_token, hit.end_token - 1);
        people.starts_a_name_in_any_case(word(last), word(last + 1))
            || (first > 0 && people.starts_a_name_in_any_case(word(first - 1), word(first)))
    };
    for hit in &scan.hits {
        let name = name_of(&view, hit);
        if body_towns_the_gazetteer_lacks.contains(&name) || in_a_persons_name(hit) {
            continue;
        }
        let place = body_hits
            .iter()
            .find(|body_hit| name_of(body_view, body_hit) == name)
            .map_or(hit.place, |body_hit| body_hit.place);
        if gazetteer.place(place).level == PlaceLevel::City
            && context_country.is_none_or(|c| gazetteer.country_of(place) == Some(c))
            && !cities.contains(&place)
        {
            cities.push(place);
        }
    }
    cities
}

/// The first city a short text (a page title's site part) writes with its
/// state or country ("Memphis, Tennessee", "Charleston, SC"), read alone.
pub(crate) fn qualified_city_in(text: &str, gazetteer: &Gazetteer) -> Option<PlaceIndex> {
    let view = TextView::new(text);
    let scan = scan_alone(&view, gazetteer);
    let mut qualified: Vec<&FoundDraft> = scan
        .found
        .iter()
        .filter(|d| {
            d.level == FoundPlaceLevel::City
                && d.evidence.iter().any(|e| e.starts_with("qualified_by:"))
        })
        .collect();
    qualified.sort_by_key(|d| d.first_token);
    qualified.first().and_then(|d| d.place)
}

/// A page title split into its headline and the site's name after it
/// ("Man arrested in shooting - Atlanta News, Weather", "... - WBRC FOX6
/// News - Birmingham, AL"): at the first separator, when the part before
/// it is a headline of three words or more. The site's part says where the
/// outlet is, not where the story is.
pub(crate) fn split_page_title(title: &str) -> (&str, Option<&str>) {
    let cut = [" - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|separator| title.find(separator))
        .min();
    match cut {
        Some(at) if title[..at].split_whitespace().count() >= 3 => {
            (&title[..at], Some(&title[at..]))
        }
        _ => (title, None),
    }
}

/// Words of direction before the name a sub-place is named after ("the
/// Northeast Georgia Medical Center", "Northern Illinois University").
const DIRECTION_WORDS_BEFORE_A_NAME: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
];

/// Words after a town's name that make the sub-place one of that town's
/// own institutions ("Mansfield Public Library", "Huntsville Fire
/// Station", "Manhattan Regional Airport"). Parks, squares and memorials
/// are named after people as often as after towns ("Lincoln Park" in
/// Chicago, "Madison Square Garden"), so without such a word the city the
/// report puts the sub-place in stands.
const CIVIC_WORDS_AFTER_A_TOWN: &[&str] = &[
    "public",
    "regional",
    "municipal",
    "metropolitan",
    "community",
    "city",
    "town",
    "village",
    "township",
    "area",
    "fire",
    "police",
    "senior",
    "seniors",
    "general",
    "medical",
    "civic",
];

/// Longest name (in words) looked for at the start of a sub-place's name.
const NAMED_AFTER_MAX_WORDS: usize = 4;

/// Within this distance (km) of the city the report puts a sub-place in,
/// a town of the name the sub-place bears is that town.
const NAMED_AFTER_NEAR_KM: f64 = 100.0;

/// The place a sub-place's own name says it lies in, when that says more
/// than the city the report puts it in (`anchor`: the same sentence's
/// city, else the main city, the dateline's, the first named): "Ohio State
/// University" in a report from Euclid is in Ohio (Euclid is too: the
/// city, more precise, stands), "Florida Highway Patrol" in a report whose
/// only city is elsewhere is Florida's, "Cottonport Fire Station" in a
/// report that names no city is in Cottonport. Only places of the report's
/// country, by their own name (an alternate name is too weak a cue here),
/// never a street named after a town, never a name that reads as an English
/// word. Returns the place and the evidence for it.
pub(crate) fn place_a_sub_place_is_named_after(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    hits: &[PlaceHit],
    country: Option<PlaceIndex>,
    sub_place: &SubPlaceHit,
    anchor: Option<PlaceIndex>,
) -> Option<(PlaceIndex, String)> {
    let (first, end) = (sub_place.first_token, sub_place.end_token);
    if end < first + 2
        || end > view.tokens.len()
        || view.is_any(end - 1, super::lexicon::STREET_NAME_ENDINGS)
        || view.tokens[first].kind != TokenKind::Word
    {
        return None;
    }
    let country_code = &gazetteer.place(country?).country_code;
    let mut t = first;
    if view.is(t, "the") {
        t += 1;
    }
    if t + 1 < end && view.is_any(t, DIRECTION_WORDS_BEFORE_A_NAME) {
        t += 1;
    }
    // The name never takes the sub-place's last word ("Library").
    let longest = NAMED_AFTER_MAX_WORDS.min((end - 1).saturating_sub(t));
    for n in (1..=longest).rev() {
        let Some(found) = match_name(view, gazetteer, t, n, end - 1) else {
            continue;
        };
        let last = view.raw(t + n - 1);
        let name = view.slice(
            view.tokens[t].start,
            view.tokens[t + n - 1].start + without_possessive(last).len(),
        );
        let folded = crate::gazetteer::fold_name(name);
        let candidates: Vec<PlaceIndex> = found
            .into_iter()
            .filter(|&p| {
                let place = gazetteer.place(p);
                &place.country_code == country_code
                    && place.level != PlaceLevel::Country
                    && crate::gazetteer::fold_name(&place.name) == folded
                    && !reads_as_common_word(gazetteer, name, place)
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        return choose_named_after(
            view,
            gazetteer,
            hits,
            &candidates,
            &folded,
            (t + n, end),
            anchor,
        );
    }
    None
}

/// Which of `candidates` (places of one name) a sub-place named after it
/// lies in; `rest` is the sub-place's words after the name.
fn choose_named_after(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    hits: &[PlaceHit],
    candidates: &[PlaceIndex],
    folded: &str,
    rest: (usize, usize),
    anchor: Option<PlaceIndex>,
) -> Option<(PlaceIndex, String)> {
    let name_of = |p: PlaceIndex| gazetteer.place(p).name.clone();
    // The place the report itself reads that name as, wherever it stands
    // alone.
    if let Some(hit) = hits
        .iter()
        .find(|hit| candidates.contains(&hit.place) && hit.folded_name(view) == folded)
    {
        let place = hit.place;
        let anchor_lies_in_it =
            anchor.is_some_and(|a| a == place || gazetteer.region_of(a) == Some(place));
        return (!anchor_lies_in_it).then(|| (place, format!("named_after:{}", name_of(place))));
    }
    if anchor.is_some_and(|a| candidates.contains(&a)) {
        return None;
    }
    let biggest_city = candidates
        .iter()
        .copied()
        .filter(|&p| gazetteer.place(p).level == PlaceLevel::City)
        .max_by_key(|&p| (gazetteer.population(p), std::cmp::Reverse(p)));
    let big_city = biggest_city
        .filter(|&p| gazetteer.population(p) >= crate::gazetteer::CITY_OVER_REGION_MIN_POPULATION);
    // A region ("Ohio State University", "Kansas Highway Patrol"), unless
    // a big city has the name ("Washington Monument", "New York Stock
    // Exchange"): the anchor when it lies there, else the region.
    if big_city.is_none()
        && let Some(&region) = candidates
            .iter()
            .find(|&&p| gazetteer.place(p).level == PlaceLevel::Region)
    {
        if anchor.is_some_and(|a| gazetteer.region_of(a) == Some(region)) {
            return None;
        }
        return Some((region, format!("named_after:{}", name_of(region))));
    }
    let cities: Vec<PlaceIndex> = candidates
        .iter()
        .copied()
        .filter(|&p| gazetteer.place(p).level == PlaceLevel::City)
        .collect();
    let Some(anchor) = anchor else {
        return biggest_city.map(|p| (p, format!("named_after:{}", name_of(p))));
    };
    // Beside a city the report names, only a town's own institution moves
    // the sub-place there.
    if !(rest.0..rest.1).any(|k| view.is_any(k, CIVIC_WORDS_AFTER_A_TOWN)) {
        return None;
    }
    let anchor_place = gazetteer.place(anchor);
    let distance = |p: PlaceIndex| {
        let place = gazetteer.place(p);
        distance_km((place.lat, place.lon), (anchor_place.lat, anchor_place.lon))
    };
    let chosen = cities
        .iter()
        .copied()
        .filter(|&p| distance(p) <= NAMED_AFTER_NEAR_KM)
        .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
        .or_else(|| {
            cities
                .iter()
                .copied()
                .filter(|&p| {
                    anchor_place.region.is_some() && gazetteer.region_of(p) == anchor_place.region
                })
                .max_by_key(|&p| (gazetteer.population(p), std::cmp::Reverse(p)))
        })
        .or(biggest_city)?;
    Some((chosen, format!("named_after:{}", name_of(chosen))))
}
