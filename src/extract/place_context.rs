//! Resolution in context: what a report's other places say about one
//! ambiguous name. Tables (US state abbreviations, organisation words) and
//! the candidate score used by `places::scan_places`, in the spirit of the
//! ordered passes of CLIFF-CLAVIN and Mordecai's ranking: countries first,
//! then first-level regions, then every other name scored by population,
//! the report's country, its regions, a qualifier written after it
//! ("Manassas, Va.") and nearness to its dateline.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::{TextView, TokenKind};
use crate::extract::model::PlaceLevel;
use crate::gazetteer::{Gazetteer, Place, PlaceIndex};

/// US state abbreviations as written after a city: AP style ("Va.",
/// "Calif.", "W.Va.") and postal codes ("VA"). Keys are lowercase with the
/// dots removed; values are the state's gazetteer name.
pub(crate) const US_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ala", "Alabama"),
    ("al", "Alabama"),
    ("ak", "Alaska"),
    ("ariz", "Arizona"),
    ("az", "Arizona"),
    ("ark", "Arkansas"),
    ("ar", "Arkansas"),
    ("calif", "California"),
    ("cal", "California"),
    ("ca", "California"),
    ("colo", "Colorado"),
    ("co", "Colorado"),
    ("conn", "Connecticut"),
    ("ct", "Connecticut"),
    ("del", "Delaware"),
    ("de", "Delaware"),
    ("dc", "District of Columbia"),
    ("fla", "Florida"),
    ("fl", "Florida"),
    ("ga", "Georgia"),
    ("hi", "Hawaii"),
    ("id", "Idaho"),
    ("ill", "Illinois"),
    ("il", "Illinois"),
    ("ind", "Indiana"),
    ("in", "Indiana"),
    ("ia", "Iowa"),
    ("kan", "Kansas"),
    ("kans", "Kansas"),
    ("ks", "Kansas"),
    ("ky", "Kentucky"),
    ("la", "Louisiana"),
    ("me", "Maine"),
    ("md", "Maryland"),
    ("mass", "Massachusetts"),
    ("ma", "Massachusetts"),
    ("mich", "Michigan"),
    ("mi", "Michigan"),
    ("minn", "Minnesota"),
    ("mn", "Minnesota"),
    ("miss", "Mississippi"),
    ("ms", "Mississippi"),
    ("mo", "Missouri"),
    ("mont", "Montana"),
    ("mt", "Montana"),
    ("neb", "Nebraska"),
    ("nebr", "Nebraska"),
    ("ne", "Nebraska"),
    ("nev", "Nevada"),
    ("nv", "Nevada"),
    ("nh", "New Hampshire"),
    ("nj", "New Jersey"),
    ("nm", "New Mexico"),
    ("ny", "New York"),
    ("nc", "North Carolina"),
    ("nd", "North Dakota"),
    ("oh", "Ohio"),
    ("okla", "Oklahoma"),
    ("ok", "Oklahoma"),
    ("ore", "Oregon"),
    ("oreg", "Oregon"),
    ("or", "Oregon"),
    ("pa", "Pennsylvania"),
    ("penn", "Pennsylvania"),
    ("ri", "Rhode Island"),
    ("sc", "South Carolina"),
    ("sd", "South Dakota"),
    ("tenn", "Tennessee"),
    ("tn", "Tennessee"),
    ("tex", "Texas"),
    ("tx", "Texas"),
    ("ut", "Utah"),
    ("vt", "Vermont"),
    ("va", "Virginia"),
    ("wash", "Washington"),
    ("wa", "Washington"),
    ("wva", "West Virginia"),
    ("wv", "West Virginia"),
    ("wis", "Wisconsin"),
    ("wisc", "Wisconsin"),
    ("wi", "Wisconsin"),
    ("wyo", "Wyoming"),
    ("wy", "Wyoming"),
];

/// The two-letter state abbreviations of AP style ("Ga.", "Pa."); the
/// rest of its list has three letters or more, or two dotted groups.
const AP_TWO_LETTER_STATES: &[&str] = &["ga", "ky", "la", "md", "mo", "pa", "va", "vt"];

/// Dotted country abbreviations ("U.S.", "U.K."), keys as above.
/// Cities news writes by their dotted initials (key as in
/// [`US_STATE_ABBREVIATIONS`]), with their country.
const CITY_ABBREVIATIONS: &[(&str, &str, &str)] =
    &[("la", "Los Angeles", "US"), ("nyc", "New York City", "US")];

const COUNTRY_ABBREVIATIONS: &[(&str, &str)] = &[("us", "US"), ("usa", "US"), ("uk", "GB")];

/// Capitalised words that, after a place name, make the whole run an
/// organisation's name ("Chicago Police Department", "Cook County
/// Sheriff's Office", "Gainesville City Council"): the place is evidence
/// for the report's whereabouts but not where anything happened.
pub(crate) const ORGANISATION_WORDS: &[&str] = &[
    "police",
    "department",
    "sheriff",
    "sheriff's",
    "sheriff’s",
    "fire",
    "city",
    "council",
    "school",
    "schools",
    "high",
    "college",
    "university",
    "hospital",
    "medical",
    "public",
    "times",
    "post",
    "tribune",
    "herald",
    "journal",
    "news",
    "daily",
    "gazette",
    "courier",
    "observer",
    "chronicle",
    "sun",
    "star",
    "press",
    "register",
    "record",
    "township",
    "board",
    "housing",
    "transit",
    "metropolitan",
    "metro",
    "district",
    "office",
    "bureau",
    "community",
    "state",
    "county",
    "parish",
    "regional",
    "municipal",
    "superior",
    "circuit",
    "criminal",
    "family",
    "area",
    "chamber",
    "museum",
    "zoo",
    "symphony",
    "club",
    "bank",
    "church",
    "police's",
];

/// Lowercase words after a place name that make it an institution's
/// ("Chicago police said", "the Almaty city court").
pub(crate) const LOWERCASE_ORGANISATION_WORDS: &[&str] =
    &["police", "sheriff", "court", "prosecutors", "authorities"];

/// Words right after a name that mark it a neighbourhood of a city
/// ("the Austin neighborhood").
pub(crate) const NEIGHBOURHOOD_CUES: &[&str] = &[
    "neighborhood",
    "neighbourhood",
    "neighborhoods",
    "community",
    "section",
    "area",
];

/// Words that say the capitalised run ending before them is a county-like
/// unit ("Laurel County", "Rapides Parish").
pub(crate) const COUNTY_WORDS: &[&str] = &["county", "parish", "borough"];

/// Prepositions after which a capitalised common word is read as a place
/// ("shot in Reading"), given other evidence.
pub(crate) const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "into", "of", "around", "across", "toward",
    "towards",
];

/// Verbs that, right after a name, make it a person ("Kirby said").
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "testified",
    "wrote",
    "explained",
    "stated",
    "asked",
];

/// A US state or a country written as an abbreviation at token `t`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Abbreviation {
    pub end_token: usize,
    pub place: PlaceIndex,
}

/// "Va.", "W.Va.", "N.Y.", "U.S.", or a postal code ("VA") right after a
/// comma: the tokens from `t` are single words joined by dots without
/// spaces. `after_comma`: the abbreviation follows "City," (the only place
/// an ambiguous one like "Ind." or "Miss." or a postal code is read).
pub(crate) fn abbreviation_at(
    view: &TextView<'_>,
    gazetteer: &Gazetteer,
    t: usize,
    end: usize,
    after_comma: bool,
) -> Option<Abbreviation> {
    let first = view.tokens.get(t)?;
    if first.kind != TokenKind::Word || !first.capitalised {
        return None;
    }
    // Asked for every short capitalised word: reject without allocating
    // unless a dot is glued to it or it is a postal code after a comma.
    let dot_follows = view
        .tokens
        .get(t + 1)
        .is_some_and(|n| !n.space_before && view.is_punct(t + 1, "."));
    let raw_first = view.raw(t);
    let short_caps =
        (2..=3).contains(&raw_first.len()) && raw_first.chars().all(|c| c.is_ascii_uppercase());
    if !dot_follows && !short_caps {
        return None;
    }
    let mut key = String::new();
    let mut e = t;
    let mut groups = 0;
    let mut dotted = false;
    while e < end && e < t + 8 {
        let token = view.tokens[e];
        // "W. Va.": one letter and its dot, a space, then the rest.
        let spaced_second_half = e == t + 2
            && dotted
            && view.raw(t).len() == 1
            && token.kind == TokenKind::Word
            && token.capitalised
            && view.tokens.get(e + 1).is_some_and(|n| !n.space_before)
            && view.is_punct(e + 1, ".");
        if e > t && token.space_before && !spaced_second_half {
            break;
        }
        if token.kind == TokenKind::Word {
            let raw = view.raw(e);
            if raw.len() > 5 || !raw.is_ascii() {
                return None;
            }
            key.push_str(&raw.to_ascii_lowercase());
            groups += 1;
            e += 1;
        } else if view.is_punct(e, ".") {
            dotted = true;
            e += 1;
            // A dot ends the abbreviation unless another letter group is
            // glued to it ("W.Va."), or follows one letter's dot ("W. Va.").
            let single_letter_first = e == t + 2 && view.raw(t).len() == 1;
            if !view.tokens.get(e).is_some_and(|n| {
                (!n.space_before || single_letter_first) && n.kind == TokenKind::Word && e < end
            }) {
                break;
            }
        } else {
            break;
        }
    }
    if key.is_empty() || key.len() > 5 {
        return None;
    }
    let all_caps = raw_first.chars().all(|c| c.is_ascii_uppercase());
    if let Some((_, code)) = COUNTRY_ABBREVIATIONS.iter().find(|(k, _)| *k == key)
        && (dotted || all_caps)
        && (dotted || groups == 1)
    {
        // "US" bare only outside all-capital lines ("HELP US").
        let next_all_caps = view.tokens.get(e).is_some_and(|n| {
            n.kind == TokenKind::Word && view.raw(e).chars().all(|c| c.is_uppercase())
        });
        if dotted || !next_all_caps {
            return Some(Abbreviation {
                end_token: e,
                place: gazetteer.country_by_code(code)?,
            });
        }
        return None;
    }
    // "L.A.", "N.Y.C.": a city written by its initials, dotted.
    if dotted
        && groups >= 2
        && all_caps
        && let Some((_, city, country)) = CITY_ABBREVIATIONS.iter().find(|(k, ..)| *k == key)
    {
        let place = gazetteer
            .lookup(city)
            .iter()
            .copied()
            .filter(|&p| {
                let place = gazetteer.place(p);
                place.level == PlaceLevel::City && place.country_code == *country
            })
            .max_by_key(|&p| gazetteer.population(p))?;
        return Some(Abbreviation {
            end_token: e,
            place,
        });
    }
    let (_, state) = US_STATE_ABBREVIATIONS.iter().find(|(k, _)| *k == key)?;
    // "N.C.", "W.Va.": a dotted abbreviation of two groups is a state's
    // only when the state's name is two words; "L.A." is Los Angeles, not
    // Louisiana ("La.").
    let unambiguous = dotted && groups >= 2 && state.contains(' ');
    let ap_style = dotted && groups == 1 && !all_caps;
    let postal = !dotted && groups == 1 && all_caps && key.len() == 2;
    let next_is_word = view
        .tokens
        .get(e)
        .is_some_and(|n| n.kind == TokenKind::Word && n.capitalised && n.space_before);
    // "Fla. economist doubts ...", "another Neb. jail": a headline's AP
    // abbreviation used as an adjective, before a lowercase word (never a
    // title before a name: "Miss. Smith" stays unread).
    let before_a_lowercase_word = view.tokens.get(e).is_some_and(|n| {
        n.kind == TokenKind::Word
            && n.space_before
            && view.raw(e).chars().next().is_some_and(char::is_lowercase)
    });
    // Only AP's own abbreviations: a dotted postal code is more often
    // another word's ("Co." company or county, "Ct." court).
    let ap_abbreviation = key.len() >= 3 || AP_TWO_LETTER_STATES.contains(&key.as_str());
    let accepted = unambiguous
        || (after_comma && (ap_style || (postal && !next_is_word && key.len() == 2)))
        || (ap_style && ap_abbreviation && before_a_lowercase_word);
    if !accepted {
        return None;
    }
    let place = us_state(gazetteer, state)?;
    Some(Abbreviation {
        end_token: e,
        place,
    })
}

/// The region a dateline's qualifier names: a US state abbreviation ("Va.",
/// "Okla.", "N.C.", "TX") or a region's name ("Texas", "Ontario").
pub(crate) fn dateline_region(gazetteer: &Gazetteer, qualifier: &str) -> Option<PlaceIndex> {
    let key: String = qualifier
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    if (2..=5).contains(&key.len())
        && let Some((_, state)) = US_STATE_ABBREVIATIONS.iter().find(|(k, _)| *k == key)
    {
        return us_state(gazetteer, state);
    }
    let candidates = gazetteer.lookup(qualifier.trim());
    if candidates
        .iter()
        .any(|&p| gazetteer.place(p).level == PlaceLevel::Country)
    {
        // "Georgia": the US state only beside a US city; decided by the
        // caller from the city's candidates.
        return candidates.iter().copied().find(|&p| {
            let place = gazetteer.place(p);
            place.level == PlaceLevel::Region && place.country_code == "US"
        });
    }
    candidates
        .iter()
        .copied()
        .find(|&p| gazetteer.place(p).level == PlaceLevel::Region)
}

/// The gazetteer region of a US state by name.
pub(crate) fn us_state(gazetteer: &Gazetteer, name: &str) -> Option<PlaceIndex> {
    gazetteer.lookup(name).iter().copied().find(|&p| {
        let place = gazetteer.place(p);
        place.level == PlaceLevel::Region && place.country_code == "US"
    })
}

/// How far from the outlet's own city a place is in its coverage area.
const NEAR_OUTLET_KM: f64 = 80.0;

/// Whether `place` is a city in the coverage area of the outlet whose own
/// city is `home`.
pub(crate) fn in_outlet_area(gazetteer: &Gazetteer, place: &Place, home: PlaceIndex) -> bool {
    let anchor = gazetteer.place(home);
    place.level == PlaceLevel::City
        && super::places::distance_km((place.lat, place.lon), (anchor.lat, anchor.lon))
            <= NEAR_OUTLET_KM
}

/// What lying in the outlet's coverage area adds to a city's score.
const NEAR_OUTLET_SCORE: f64 = 1.0;

/// Zipf frequency from which a capitalised dictionary word that is also a
/// small place ("Street", "Side", "Reading", "Mobile", "Marathon") is read
/// as the word unless something else in the report points at the place.
pub(crate) const COMMON_WORD_MIN_ZIPF: f32 = 4.0;

/// A name that is first of all an English word: a lowercase dictionary
/// word, frequent in English, naming a place that is not populous enough
/// for the name to be mostly the place's ("Chicago" is frequent but not a
/// dictionary word; "Phoenix" is both, but its city has 1.6 million
/// people). Countries are never words here: "Turkey" capitalised mid
/// sentence is the country.
pub(crate) fn reads_as_common_word(gazetteer: &Gazetteer, name: &str, place: &Place) -> bool {
    if place.level == PlaceLevel::Country || name.contains(' ') || !name.is_ascii() {
        return false;
    }
    // Lowercased on the stack: asked for every candidate name.
    let mut buffer = [0u8; 32];
    let Some(slot) = buffer.get_mut(..name.len()) else {
        return false;
    };
    slot.copy_from_slice(name.as_bytes());
    slot.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(slot) else {
        return false;
    };
    let Some(zipf) = crate::word_frequency::zipf_frequency(lower) else {
        return false;
    };
    if zipf < COMMON_WORD_MIN_ZIPF || !gazetteer.is_common_word(name) {
        return false;
    }
    // The more frequent the word, the bigger a place must be before its
    // name means the place by default.
    (place.population as f64) < 10f64.powf(f64::from(zipf) + 1.5)
}

/// What the whole report says about where it is, gathered before any
/// ambiguous name is resolved.
#[derive(Debug, Default)]
pub(crate) struct DocumentContext {
    pub country_code: Option<String>,
    /// First-level regions the report points at, with their weight.
    pub region_votes: HashMap<PlaceIndex, f32>,
    pub region_vote_total: f32,
    /// The dateline city, when the report has one.
    pub dateline_place: Option<PlaceIndex>,
    /// The city the outlet's domain names (`outlet.rs`).
    pub outlet_city: Option<PlaceIndex>,
    /// The region votes each name cast (folded name → region, weight): a
    /// name is no evidence for itself ("Conley" five times, a person's
    /// name, does not make Georgia the report's state).
    pub name_votes: HashMap<String, (PlaceIndex, f32)>,
}

impl DocumentContext {
    pub fn vote_region(&mut self, region: PlaceIndex, weight: f32) {
        *self.region_votes.entry(region).or_default() += weight;
        self.region_vote_total += weight;
    }

    /// A region vote cast by a name of the report.
    pub fn vote_region_by_name(&mut self, folded_name: &str, region: PlaceIndex, weight: f32) {
        self.vote_region(region, weight);
        let entry = self
            .name_votes
            .entry(folded_name.to_string())
            .or_insert((region, 0.0));
        if entry.0 == region {
            entry.1 += weight;
        }
    }

    /// The votes for `region` cast by names other than `folded_name`.
    pub fn votes_from_others(&self, region: PlaceIndex, folded_name: &str) -> f32 {
        let all = self.region_votes.get(&region).copied().unwrap_or(0.0);
        let own = self
            .name_votes
            .get(folded_name)
            .filter(|(r, _)| *r == region)
            .map_or(0.0, |(_, w)| *w);
        all - own
    }

    /// The region most of the report's places lie in.
    pub fn home_region(&self) -> Option<PlaceIndex> {
        self.region_votes
            .iter()
            .max_by(|a, b| {
                a.1.partial_cmp(b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.0.cmp(a.0))
            })
            .map(|(&region, _)| region)
    }
}

/// The region a candidate lies in (a region is its own).
pub(crate) fn region_of_candidate(gazetteer: &Gazetteer, p: PlaceIndex) -> Option<PlaceIndex> {
    if gazetteer.place(p).level == PlaceLevel::Region {
        Some(p)
    } else {
        gazetteer.region_of(p)
    }
}

/// What is written right after a name to locate it: a region ("Manassas,
/// Va.", "Springfield, Illinois") or a country ("Paris, France").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Region(PlaceIndex),
    Country(PlaceIndex),
}

/// One candidate's score and the reasons for it.
pub(crate) struct ScoredCandidate {
    pub place: PlaceIndex,
    pub score: f64,
    pub evidence: Vec<String>,
}

/// What being its country's capital adds to a city's score: about what
/// two of the report's region votes give a namesake (`same_admin1_as`).
const NATIONAL_CAPITAL_SCORE: f64 = 2.0;

/// Scores one candidate of a name: population prior, feature class, the
/// report's country and regions, a qualifier, the dateline's nearness.
pub(crate) fn score_candidate(
    gazetteer: &Gazetteer,
    context: &DocumentContext,
    place_index: PlaceIndex,
    folded_name: &str,
    qualifier: Option<Qualifier>,
    by_alias: bool,
    with_evidence: bool,
) -> ScoredCandidate {
    let place = gazetteer.place(place_index);
    let mut evidence = Vec::new();
    // Reasons are written out for the winner only: every capitalised word
    // of every report is scored, and formatting is most of the cost.
    let mut note = |reason: &dyn Fn() -> String| {
        if with_evidence {
            evidence.push(reason());
        }
    };
    let mut score = ((place.population as f64) + 1.0).log10();
    if place.population > 0 {
        note(&|| "population".to_string());
    }
    // A region's population is the sum of its cities': without a handicap
    // it would outrank its own capital of the same name ("Lagos").
    match place.level {
        PlaceLevel::Country => score += 2.0,
        PlaceLevel::Region => score -= 1.5,
        PlaceLevel::City => {}
    }
    if by_alias {
        score -= 1.0;
    }
    // A country's capital is what its name means first ("Washington"
    // beside a mention of Iowa is the capital, not Washington, Iowa):
    // the feature class Mordecai and CLIFF weigh (GeoNames' PPLC). Not
    // over its own country of the name ("Mexico", "Djibouti", "Andorra"
    // are the countries first), and by its own name only ("Victoria" is
    // a town of Hong Kong before an old name of Hong Kong itself).
    if gazetteer.is_national_capital(place_index)
        && !by_alias
        && !gazetteer
            .country_of(place_index)
            .is_some_and(|country| gazetteer.lookup(folded_name).contains(&country))
    {
        score += NATIONAL_CAPITAL_SCORE;
        note(&|| "national_capital".to_string());
    }
    if context.country_code.as_deref() == Some(place.country_code.as_str()) {
        score += 4.0;
        note(&|| format!("country:{}", place.country_code));
    }
    let region = region_of_candidate(gazetteer, place_index);
    if let Some(region) = region
        && let votes = context.votes_from_others(region, folded_name)
        && votes > 0.0
    {
        let share = f64::from(votes / context.region_vote_total.max(1.0));
        score += 1.5 + 3.0 * share;
        note(&|| format!("same_admin1_as:{}", gazetteer.place(region).name));
    }
    match qualifier {
        Some(Qualifier::Region(qualifying)) => {
            if region == Some(qualifying) {
                score += 20.0;
                note(&|| format!("qualified_by:{}", gazetteer.place(qualifying).name));
            } else {
                score -= 5.0;
            }
        }
        Some(Qualifier::Country(country)) => {
            if gazetteer.country_of(place_index) == Some(country) {
                score += 20.0;
                note(&|| format!("qualified_by:{}", gazetteer.place(country).name));
            } else {
                score -= 5.0;
            }
        }
        None => {}
    }
    if let Some(dateline) = context.dateline_place
        && dateline != place_index
        && place.level == PlaceLevel::City
    {
        let anchor = gazetteer.place(dateline);
        if anchor.level == PlaceLevel::City
            && super::places::distance_km((place.lat, place.lon), (anchor.lat, anchor.lon)) <= 80.0
        {
            score += 2.0;
            note(&|| format!("near_dateline:{}", anchor.name));
        }
    }
    // A weaker nudge than the dateline's: the outlet covers its region.
    if let Some(home) = context.outlet_city
        && in_outlet_area(gazetteer, place, home)
    {
        score += NEAR_OUTLET_SCORE;
        note(&|| format!("near_outlet:{}", gazetteer.place(home).name));
    }
    ScoredCandidate {
        place: place_index,
        score,
        evidence,
    }
}

/// Share of a country's or region's cities dropped at each edge (by
/// latitude and by longitude) before taking the middle of the box they
/// span: the point that lies nearest GeoNames' own point for the area (a
/// population-weighted centroid leans to the biggest city: Texas's lands
/// near Dallas). Measured on the marked places of the development set:
/// the 5 % trimmed box puts 99 % of regions within 161 km of GeoNames',
/// the 2 % box 62 % of countries (large ones, the US, Russia, Canada, are
/// never that close by any centre of their cities).
const REGION_BOX_TRIM: f64 = 0.05;
const COUNTRY_BOX_TRIM: f64 = 0.02;

/// A representative point for every country and region, from the
/// coordinates of its cities (countries carry none in the gazetteer).
static AREA_CENTRES: LazyLock<HashMap<PlaceIndex, (f64, f64)>> = LazyLock::new(|| {
    let gazetteer = Gazetteer::global();
    let mut by_region: HashMap<PlaceIndex, Vec<(f64, f64)>> = HashMap::new();
    let mut by_country: HashMap<PlaceIndex, Vec<(f64, f64)>> = HashMap::new();
    for index in 0..gazetteer.len() {
        let Ok(index) = PlaceIndex::try_from(index) else {
            break;
        };
        let place = gazetteer.place(index);
        if place.level != PlaceLevel::City {
            continue;
        }
        if let Some(region) = place.region {
            by_region
                .entry(region)
                .or_default()
                .push((place.lat, place.lon));
        }
        if let Some(country) = gazetteer.country_of(index) {
            by_country
                .entry(country)
                .or_default()
                .push((place.lat, place.lon));
        }
    }
    let mut centres = HashMap::new();
    for (area, points) in by_region {
        if let Some(centre) = trimmed_box_middle(points, REGION_BOX_TRIM) {
            centres.insert(area, centre);
        }
    }
    for (area, points) in by_country {
        if let Some(centre) = trimmed_box_middle(points, COUNTRY_BOX_TRIM) {
            centres.insert(area, centre);
        }
    }
    centres
});

fn trimmed_box_middle(points: Vec<(f64, f64)>, trim: f64) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let mut latitudes: Vec<f64> = points.iter().map(|p| p.0).collect();
    let mut longitudes: Vec<f64> = points.iter().map(|p| p.1).collect();
    latitudes.sort_by(f64::total_cmp);
    longitudes.sort_by(f64::total_cmp);
    let n = latitudes.len();
    let low = ((n as f64) * trim) as usize;
    let high = (n - 1).saturating_sub(low).max(low);
    Some((
        (latitudes[low] + latitudes[high]) / 2.0,
        (longitudes[low] + longitudes[high]) / 2.0,
    ))
}

/// The point the `places` output gives a place: a city's own coordinates,
/// GeoNames' point for a country (the middle of its cities when the table
/// lacks it), a region's middle of its cities.
pub(crate) fn representative_point(gazetteer: &Gazetteer, index: PlaceIndex) -> Option<(f64, f64)> {
    let place = gazetteer.get(index)?;
    match place.level {
        PlaceLevel::City => Some((place.lat, place.lon)),
        PlaceLevel::Country => gazetteer
            .country_point(index)
            .or_else(|| AREA_CENTRES.get(&index).copied()),
        PlaceLevel::Region => AREA_CENTRES
            .get(&index)
            .copied()
            .or(Some((place.lat, place.lon))),
    }
}
