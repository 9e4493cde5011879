//! Places: gazetteer names among capitalised word sequences, with the
//! report's country context for disambiguation, sub-places (squares,
//! streets, "the 4800 block of ..."), and the dateline.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{LineKind, TextView, TokenKind};
use crate::extract::model::PlaceLevel;
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
}

#[derive(Debug, Clone)]
pub(crate) struct SubPlaceHit {
    pub first_token: usize,
    pub end_token: usize,
    pub sentence: usize,
}

/// Words that make a capitalised name a spot inside a city.
pub(crate) const SUB_PLACE_SUFFIXES: &[&str] = &[
    "square",
    "hall",
    "park",
    "street",
    "avenue",
    "prospekt",
    "prospect",
    "stadium",
    "bridge",
    "station",
    "airport",
    "hotel",
    "mosque",
    "cathedral",
    "church",
    "university",
    "road",
    "boulevard",
    "plaza",
    "market",
    "centre",
    "center",
    "embassy",
    "palace",
    "building",
    "court",
    "courthouse",
    "monument",
    "memorial",
    "gardens",
    "garden",
    "lane",
    "highway",
    "district",
    "bazaar",
    "mall",
    "arena",
    "theatre",
    "theater",
    "library",
    "museum",
    "harbour",
    "harbor",
    "gate",
    "gates",
    "campus",
];

/// Capitalised English words that are also places somewhere; at the start of
/// a sentence or in a headline they are read as words, not places.
pub(crate) const COMMON_WORDS: &[&str] = &[
    "oral",
    "police",
    "reading",
    "bath",
    "mobile",
    "independence",
    "victoria",
    "opposition",
    "union",
    "liberty",
    "protest",
    "march",
    "may",
    "nice",
    "split",
    "buffalo",
    "orange",
    "concord",
    "hope",
    "paradise",
    "university",
    "justice",
    "freedom",
    "unity",
    "progress",
    "democracy",
    "republic",
    "central",
    "eagle",
    "phoenix",
    "president",
    "national",
    "as",
    "of",
    "and",
    "the",
    "in",
    "at",
    "on",
    "a",
    "an",
    "to",
    "for",
    "by",
    "with",
    "after",
    "before",
    "this",
    "that",
    "some",
    "many",
    "most",
    "other",
    "others",
    "later",
    "earlier",
    "also",
    "there",
    "here",
    "then",
    "when",
    "where",
    "while",
    "despite",
    "during",
    "among",
    "according",
    "just",
    "smaller",
    "initially",
    "meanwhile",
    "apparent",
    "deputy",
    "human",
    "lawyers",
    "reports",
    "those",
    "several",
    "one",
    "two",
    "with",
    "internet",
    "raids",
    "violation",
    "source",
    "summary",
    "offline",
    "perpetrator",
    "gender",
    "impact",
    "rights",
    "event",
    "country",
    "state",
    "city",
    "capital",
    "west",
    "east",
    "north",
    "south",
    "centre",
    "center",
    "sale",
    "young",
    "bay",
    "temple",
    "mercy",
    "amnesty",
];

/// Capitalised function words ("The", "In" at a sentence start) that are
/// never places alone. Registered in `word_classes`: asked for every
/// capitalised word.
pub(crate) static NEVER_PLACES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "but",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "most",
    "other",
    "others",
    "police",
    "officers",
    "witnesses",
    "organisers",
    "organizers",
    "officials",
    "authorities",
    "protesters",
    "demonstrators",
    "activists",
    "reporters",
    "when",
    "where",
    "while",
    "after",
    "before",
    "during",
    "despite",
    "meanwhile",
    "later",
    "earlier",
    "there",
    "here",
    "several",
    "one",
    "two",
    "three",
    "according",
    "as",
    "with",
    "by",
    "for",
    "from",
    "to",
    "if",
    "since",
    "until",
    "among",
    "about",
    "around",
    "more",
    "about",
];

/// Words that make the following capitalised name a person.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "minister",
    "mayor",
    "governor",
    "senator",
    "general",
    "prosecutor",
    "deputy",
    "leader",
    "chairman",
    "officer",
    "sergeant",
    "judge",
    "former",
    "late",
    "saint",
];

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([A-Z][A-Z.'’ -]{1,40}?|[A-Z][A-Za-z.'’ -]{1,40}?)(?:\s*,\s*([A-Z][A-Za-z.'’ ]{1,40}?))?\s*(\([^)]{1,40}\))?\s*(?:--|—|–|-)\s+\S",
    )
    .expect("dateline regex compiles")
});

pub(crate) struct Dateline {
    pub place: Option<PlaceIndex>,
    pub country: Option<PlaceIndex>,
    /// Byte range of the city name in the view.
    pub name_start: usize,
    pub name_end: usize,
}

/// Reads a dateline at the start of the first prose line: "ALMATY,
/// Kazakhstan --", "CHICAGO (AP) —", "LAGOS, Nigeria (Reuters) -".
pub(crate) fn find_dateline(view: &TextView<'_>, gazetteer: &Gazetteer) -> Option<Dateline> {
    let line = view.lines.get(view.first_prose_line?)?;
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
    if city_text.split_whitespace().count() > 4 {
        return None;
    }
    let country = captures.get(2).and_then(|c| {
        gazetteer
            .lookup(c.as_str().trim())
            .iter()
            .copied()
            .find(|&p| gazetteer.place(p).level == PlaceLevel::Country)
    });
    let candidates = gazetteer.lookup(city_text);
    let place = match country {
        Some(country) => {
            let code = &gazetteer.place(country).country_code;
            candidates
                .iter()
                .copied()
                .find(|&p| &gazetteer.place(p).country_code == code)
                .or_else(|| candidates.first().copied())
        }
        None => candidates
            .iter()
            .copied()
            .find(|&p| gazetteer.place(p).level != PlaceLevel::Country)
            .or_else(|| candidates.first().copied()),
    };
    Some(Dateline {
        place,
        country: country.or_else(|| place.and_then(|p| gazetteer.country_of(p))),
        name_start: line.start
            + city.start()
            + (city.as_str().len() - city.as_str().trim_start().len()),
        name_end: line.start + city.start() + city.as_str().trim_end().len(),
    })
}

fn is_possessive(raw: &str) -> Option<&str> {
    raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s"))
}

/// The word as a name: possessive stripped.
fn name_form(raw: &str) -> &str {
    is_possessive(raw).unwrap_or(raw)
}

/// Nouns after "capital" that make it money or law, not a city ("capital
/// punishment", "capital markets").
pub(crate) const CAPITAL_NOT_CITY: &[&str] = &[
    "punishment",
    "markets",
    "market",
    "gains",
    "gain",
    "investment",
    "investments",
    "flows",
    "flight",
    "expenditure",
    "spending",
    "controls",
    "letter",
    "letters",
    "offence",
    "offense",
    "crime",
    "crimes",
    "case",
    "cases",
    "charges",
    "charge",
    "goods",
    "stock",
    "requirements",
    "ratio",
];

/// Event nouns that a place name can modify ("the Zhanaozen unrest", "the
/// Tiananmen massacre"): the name labels an event, it is not a scope.
pub(crate) const EVENT_LABEL_NOUNS: &[&str] = &[
    "unrest",
    "violence",
    "massacre",
    "events",
    "riots",
    "riot",
    "uprising",
    "crackdown",
    "killings",
    "shootings",
    "tragedy",
    "bloodshed",
    "clashes",
    "strike",
    "strikes",
    "protests",
    "attack",
    "bombing",
];

/// Nouns that make a following "from <places>" a source of information.
pub(crate) const SOURCE_NOUNS: &[&str] = &[
    "reports",
    "report",
    "accounts",
    "information",
    "sources",
    "footage",
    "videos",
    "correspondents",
    "monitors",
    "data",
];

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

struct Candidate {
    first_token: usize,
    end_token: usize,
    candidates: Vec<PlaceIndex>,
    role: PlaceRole,
    sentence: usize,
}

pub(crate) struct PlaceScan {
    pub hits: Vec<PlaceHit>,
    pub sub_places: Vec<SubPlaceHit>,
    /// The report's country, from the dateline, demonyms and country names.
    pub context_country: Option<PlaceIndex>,
}

pub(crate) fn scan_places(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    dateline: Option<&Dateline>,
) -> PlaceScan {
    let longest = gazetteer.longest_name_words().clamp(1, 6);
    let mut raw_candidates: Vec<Candidate> = Vec::new();
    let mut sub_places = Vec::new();
    let mut country_votes: HashMap<PlaceIndex, usize> = HashMap::new();
    // Countries the report names (or its dateline gives): evidence for a
    // small foreign town.
    let mut named_countries: Vec<PlaceIndex> = Vec::new();
    let mut capital_references: Vec<CapitalReference> = Vec::new();
    // "the western oil town": (first token, end token, sentence).
    let mut town_references: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(country) = dateline.and_then(|d| d.country) {
        *country_votes.entry(country).or_default() += 3;
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
            // Capitalised function words ("The", "In", "Police" at a
            // sentence start) are never places alone: skip the lookup.
            let next_capitalised = t + 1 < end && view.tokens[t + 1].capitalised;
            if !next_capitalised
                && view.in_class(t, crate::extract::text::word_classes::bits::NEVER_PLACES)
            {
                t += 1;
                continue;
            }
            if let Some(country) = gazetteer.country_by_demonym(name_form(view.raw(t))) {
                *country_votes.entry(country).or_default() += 1;
                named_countries.push(country);
                t += 1;
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
            let last = t + n;
            let sentence_initial =
                t == first || (t == first + 1 && view.is_punct(first, "\"“‘'(-"));
            // A capitalised name followed by more capitalised words is a
            // person, an organisation or a landmark, not the place itself.
            let following_capitalised = last < end
                && view.tokens[last].capitalised
                && view.tokens[last].kind == TokenKind::Word
                && view.tokens[last].space_before
                && is_possessive(view.raw(last - 1)).is_none();
            if following_capitalised && !headline {
                // A surname or organisation word follows: a person or an
                // organisation named after the place, not the place.
                let mut e = last;
                while e < end
                    && view.tokens[e].capitalised
                    && view.tokens[e].kind == TokenKind::Word
                {
                    e += 1;
                }
                t = e;
                continue;
            }
            let single_common =
                n == 1 && view.in_class(t, crate::extract::text::word_classes::bits::COMMON_WORDS);
            if single_common && (sentence_initial || headline) {
                t = last;
                continue;
            }
            if t > first
                && view.in_class(
                    t - 1,
                    crate::extract::text::word_classes::bits::PERSON_TITLES,
                )
                && view.tokens[t - 1].capitalised
            {
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
            let possessive = is_possessive(view.raw(last - 1)).is_some();
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
            // a bare name there is a street.
            let street_use = !is_country
                && !possessive
                && t > first
                && view.is_any(t - 1, &["on", "along", "onto"])
                && !view.tokens[t - 1].capitalised;
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
                    *country_votes.entry(p).or_default() += 1;
                    named_countries.push(p);
                }
            }
            raw_candidates.push(Candidate {
                first_token: t,
                end_token: last,
                candidates,
                role,
                sentence: sentence_index,
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
        }
        previous_end = candidate.end_token;
    }

    // Cities vote for their country too, weakly, when unambiguous.
    for candidate in &raw_candidates {
        if candidate.candidates.len() == 1
            && let Some(country) = gazetteer.country_of(candidate.candidates[0])
            && gazetteer.place(candidate.candidates[0]).level != PlaceLevel::Country
        {
            *country_votes.entry(country).or_default() += 1;
        }
    }
    let context_country = country_votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&country, _)| country);
    let context_code = context_country.map(|c| gazetteer.place(c).country_code.clone());

    let mut hits: Vec<PlaceHit> = raw_candidates
        .into_iter()
        .filter_map(|candidate| {
            // In the report's country first; a city over a country of the
            // same name (Hong Kong, Singapore).
            let in_context =
                |p: &PlaceIndex| Some(&gazetteer.place(*p).country_code) == context_code.as_ref();
            let chosen = candidate
                .candidates
                .iter()
                .copied()
                .filter(in_context)
                .min_by_key(|&p| gazetteer.place(p).level == PlaceLevel::Country)
                .or_else(|| candidate.candidates.first().copied())?;
            // A small town abroad needs its country named in the report
            // (or the dateline): otherwise the report's country wins and
            // the name is not a place we know.
            let place = gazetteer.place(chosen);
            // An alias ("White House" for Casablanca) is weaker evidence
            // than the place's own name.
            let by_alias = || {
                let start = view.tokens[candidate.first_token].start;
                let last = candidate.end_token - 1;
                let end = view.tokens[last].start + name_form(view.raw(last)).len();
                crate::gazetteer::fold_name(view.slice(start, end))
                    != crate::gazetteer::fold_name(&place.name)
            };
            if context_code.is_some()
                && !in_context(&chosen)
                && place.level != PlaceLevel::Country
                && (place.population < FOREIGN_CITY_MIN_POPULATION || by_alias())
                && !gazetteer
                    .country_of(chosen)
                    .is_some_and(|c| named_countries.contains(&c))
                && !is_dateline_token(view, candidate.first_token, dateline)
            {
                return None;
            }
            Some(PlaceHit {
                place: chosen,
                first_token: candidate.first_token,
                end_token: candidate.end_token,
                role: candidate.role,
                sentence: candidate.sentence,
            })
        })
        .collect();
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
            town_hits.push(PlaceHit {
                place: antecedent.place,
                first_token,
                end_token,
                role: PlaceRole::Scope,
                sentence,
            });
        }
    }
    hits.extend(town_hits);
    hits.sort_by_key(|h| h.first_token);
    PlaceScan {
        hits,
        sub_places,
        context_country,
    }
}

/// A run of capitalised words with a sub-place word after its first word
/// ("Astana Square", "Gorky Park", "Central Park of Culture and
/// Recreation", "South Wabash Avenue"): returns the run's end.
fn sub_place_run(view: &TextView<'_>, t: usize, end: usize) -> Option<usize> {
    let mut e = t + 1;
    let mut has_suffix = false;
    let mut last_capitalised = t;
    while e < end && e < t + 8 {
        let token = view.tokens[e];
        if token.kind != TokenKind::Word || !token.space_before {
            break;
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
        if connector && has_suffix {
            e += 1;
            continue;
        }
        break;
    }
    (has_suffix && is_possessive(view.raw(t)).is_none()).then_some(last_capitalised + 1)
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
    } else if let Some(base) = is_possessive(view.raw(previous))
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
        if k + 1 < n && is_possessive(view.raw(t + k)).is_some() {
            return None;
        }
    }
    let start = view.tokens[t].start;
    let last = view.raw(t + n - 1);
    let end_offset = view.tokens[t + n - 1].start + name_form(last).len();
    let name = view.slice(start, end_offset);
    let found = gazetteer.lookup(name);
    if found.is_empty() {
        None
    } else {
        Some(found.to_vec())
    }
}
