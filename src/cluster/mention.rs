//! Mentions: one per report per place-day the report describes, with what
//! clustering compares (date, place, sub-places, organizers, people, kind,
//! outlet, headline) and the figures scoped to that place-day.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::extract::model::{DatePrecision, EventKind, PlaceLevel, PlaceRef};
use crate::gazetteer::{Gazetteer, fold_name};

use super::ReportInput;
use super::content::{SharedContent, content_vector};

/// A mention's identity: the report's seq and the mention's index among the
/// report's derived mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionKey {
    pub seq: u64,
    pub index: u32,
}

/// Where a mention lives for clustering: only mentions of one block are
/// ever compared. The period is a month for day- and month-precision
/// dates, so a "February 2020" mention can meet the February days.
/// Neither the place nor the country is part of the key: two reports that
/// resolve one shooting to two places (a neighbourhood read as a town in
/// another country, a report that names no place) must still meet, and the
/// place weighs in the score instead. Inside a block, candidate keys keep
/// the work near-linear (`build::candidate_pairs`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockKey {
    pub period: Period,
}

impl BlockKey {
    /// The block's name in a read model's keys ("M2019-06", "Y2019",
    /// "U"): never holds a zero byte, which ends it there.
    pub fn index_name(&self) -> String {
        match self.period {
            Period::Month(year, month) => format!("M{year}-{month:02}"),
            Period::Year(year) => format!("Y{year}"),
            Period::Undated => "U".to_string(),
        }
    }

    pub fn is_undated(&self) -> bool {
        self.period == Period::Undated
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month(i32, u32),
    Year(i32),
    Undated,
}

#[derive(Debug, Clone)]
pub struct MentionFeatures {
    pub key: MentionKey,
    /// Shared by the report's mentions and the state's stored report.
    pub report_id: Arc<str>,
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// The day was stated only by a sentence that does not tell the event
    /// (`EventDate::weak`): it weighs against another day, never vetoes.
    pub weak_day: bool,
    /// Shared: the state keeps one copy per place.
    pub place: Arc<PlaceRef>,
    /// Folded sub-place names, sorted, and the names as written. Shared
    /// strings: the state keeps one copy of each name (see `share_strings`).
    pub sub_places: Box<[Arc<str>]>,
    pub sub_place_names: Box<[Arc<str>]>,
    /// At least one sub-place is a proper name, not a generic description
    /// such as "the Central Park" (see `is_generic_sub_place`): only proper
    /// names can contradict each other.
    pub names_proper_sub_place: bool,
    /// Among the sub-places that may be the scene, one is a street or an
    /// address on one (`is_street_or_address`): a report that names only
    /// a street and one that names only a mall or a church contradict
    /// nothing (`sub_place_street_against_spot`).
    pub names_a_street: bool,
    pub background: bool,
    pub is_main: bool,
    pub kind: EventKind,
    /// Folded organizer keys and the keys of the people named with an
    /// age, sorted and deduplicated. Shared by the report's mentions (empty
    /// for a background mention).
    pub organizers: Arc<[String]>,
    pub people: Arc<[String]>,
    /// Folded outlet name.
    pub outlet: Option<Arc<str>>,
    pub published: Option<NaiveDate>,
    /// The publication day of a report's own news when it states no date
    /// of its own: an article about "Wednesday's shooting" whose weekday
    /// extraction missed is still about a day near its publication. Used
    /// for blocking and as soft evidence, never as the incident's date.
    pub fallback_day: Option<NaiveDate>,
    /// A country-level mention holding a figure whose own sentence scopes
    /// it to the country ("police in Kazakhstan detained 37", "across the
    /// country", "in other cities") in a report that also names a city: a
    /// statement about the whole country, which only a day of action
    /// takes. A figure that took the country only because the report's
    /// main place was the country says nothing about the whole country
    /// (on gva_dev, such reports vetoed 86 same-shooting pairs).
    /// A country-level main mention without one is a report that names no
    /// city ("city unknown").
    pub states_national_figures: bool,
    /// What the report says (shared by the report's mentions; none for a
    /// background mention, which the text is not about).
    pub content: Option<SharedContent>,
    /// The headline's character bigrams (hashed, sorted), shared by the
    /// report's mentions: similarity is then a linear merge walk.
    pub headline: Option<Arc<[u32]>>,
    /// Indices into the report's `Extraction::figures`.
    pub figures: Vec<usize>,
    /// For a coded record (a dataset's row): its dataset, row and coded
    /// id. Two rows of one dataset are never one incident unless their
    /// coded ids say so (`score::hard_constraint`).
    pub coded: Option<Arc<crate::coded::CodedIdentity>>,
}

impl MentionFeatures {
    /// Drops what only the scoring of pairs reads (the content vector and
    /// the headline words), for a state that is written and dropped
    /// (`ClusterState::settle_shedding_scoring_evidence`).
    pub fn shed_scoring_evidence(&mut self) {
        self.content = None;
        self.headline = None;
    }

    pub fn is_country_level(&self) -> bool {
        self.place.level == PlaceLevel::Country
    }

    /// The known day, only for day precision.
    pub fn day(&self) -> Option<NaiveDate> {
        match self.precision {
            DatePrecision::Day => self.date,
            _ => None,
        }
    }

    /// The stated day, or else the publication day of an undated mention.
    pub fn day_or_fallback(&self) -> Option<NaiveDate> {
        self.day().or(self.fallback_day)
    }

    /// The report names no place at all: the mention is placed nowhere,
    /// and place evidence neither helps nor hurts it.
    pub fn place_is_unknown(&self) -> bool {
        self.place.country_code.is_empty()
    }

    /// A mention placed only at a first-level region (a state, a
    /// province): a report, or a coded row whose town the gazetteer lacks,
    /// that names no city of it.
    pub fn is_region_level(&self) -> bool {
        self.place.level == PlaceLevel::Region && !self.place_is_unknown()
    }

    /// The GeoNames id of the first-level region a city mention lies in,
    /// as the gazetteer has it. Looked up when asked, not stored: only
    /// pairs with a region-level mention ask, and a million mentions would
    /// carry it for nothing.
    pub fn region_of_city(&self) -> Option<u32> {
        if self.place.level != PlaceLevel::City {
            return None;
        }
        let gazetteer = Gazetteer::global();
        let city = gazetteer.by_geonames_id(self.place.geonames_id)?;
        let region = gazetteer.region_of(city)?;
        Some(gazetteer.place(region).geonames_id)
    }

    /// Whether one of the two is a region and the other a city inside it:
    /// "a shooting in Florida" and one in Gainesville; a coded row placed
    /// at its state and an article about a town of that state.
    pub fn city_and_its_region(a: &MentionFeatures, b: &MentionFeatures) -> bool {
        let (region, city) = if a.is_region_level() { (a, b) } else { (b, a) };
        region.is_region_level()
            && city
                .region_of_city()
                .is_some_and(|id| id == region.place.geonames_id)
    }

    /// Swaps the mention's names for the pool's copies: a store of millions
    /// of mentions names a few thousand outlets and squares.
    pub fn share_strings(&mut self, pool: &mut super::stored::StringPool) {
        let share_all =
            |names: &[Arc<str>], pool: &mut super::stored::StringPool| -> Box<[Arc<str>]> {
                names.iter().map(|name| pool.share(name)).collect()
            };
        self.sub_places = share_all(&self.sub_places, pool);
        self.sub_place_names = share_all(&self.sub_place_names, pool);
        self.outlet = self.outlet.as_deref().map(|outlet| pool.share(outlet));
        self.headline = self
            .headline
            .as_ref()
            .map(|bigrams| pool.share_headline(bigrams));
    }

    pub fn block_key(&self) -> BlockKey {
        // A report with no publication date (an archive without metadata,
        // a corpus stripped of it) is compared with every other such
        // report: a date it states may be the event's or only a date it
        // recalls, and nothing else places it in time.
        if self.published.is_none() && !self.background {
            return BlockKey {
                period: Period::Undated,
            };
        }
        let period = match (self.precision, self.date, self.fallback_day) {
            // A week is blocked under the month of its Monday: a week that
            // straddles two months can miss a day mention in the second.
            (DatePrecision::Day | DatePrecision::Week | DatePrecision::Month, Some(date), _) => {
                Period::Month(date.year(), date.month())
            }
            (DatePrecision::Year, Some(date), _) => Period::Year(date.year()),
            // A report that states no day of its own tells of something
            // that happened before it was published, most often the day
            // before: it is blocked with that day, so that a story of the
            // 31st published on the 1st meets the reports of the 31st
            // (gva_dev: 27 same-shooting pairs lay one to three days apart
            // across a month's end). Its fallback day stays the
            // publication day.
            (DatePrecision::Unresolved, _, Some(published)) => {
                let day = published.pred_opt().unwrap_or(published);
                Period::Month(day.year(), day.month())
            }
            _ => Period::Undated,
        };
        BlockKey { period }
    }
}

fn normalised_precision(
    date: Option<&crate::extract::model::EventDate>,
) -> (Option<NaiveDate>, DatePrecision) {
    match date {
        Some(d) if d.precision != DatePrecision::Unresolved && d.date.is_some() => {
            (d.date, d.precision)
        }
        _ => (None, DatePrecision::Unresolved),
    }
}

fn country_place(name: &str) -> Option<PlaceRef> {
    let gazetteer = Gazetteer::global();
    gazetteer
        .lookup(name)
        .iter()
        .copied()
        .find(|&index| gazetteer.place(index).level == PlaceLevel::Country)
        .map(|index| gazetteer.place_ref(index))
        .or_else(|| {
            // A two-letter code is also accepted, so "KZ" works as a country.
            gazetteer
                .country_by_code(&name.to_ascii_uppercase())
                .map(|index| gazetteer.place_ref(index))
        })
}

/// "2020-02-22", "2020-02", "2020" or "undated": how incidents and
/// explanations write a date.
pub fn date_label(date: Option<NaiveDate>, precision: DatePrecision) -> String {
    date.and_then(|d| crate::extract::model::format_dated(d, precision))
        .unwrap_or_else(|| "undated".to_string())
}

/// Where a report that names no place is put: nowhere, in no country.
/// Its mentions still cluster (by date and content) with each other.
pub fn unknown_place() -> PlaceRef {
    PlaceRef {
        geonames_id: 0,
        name: UNKNOWN_PLACE_NAME.to_string(),
        level: PlaceLevel::Country,
        country: String::new(),
        country_code: String::new(),
        lat: 0.0,
        lon: 0.0,
    }
}

/// The name an incident of no known place shows.
pub const UNKNOWN_PLACE_NAME: &str = "unknown place";

/// The country a city place belongs to, as a place of its own.
pub fn country_of(place: &PlaceRef) -> PlaceRef {
    if place.level == PlaceLevel::Country {
        return place.clone();
    }
    let gazetteer = Gazetteer::global();
    if let Some(index) = gazetteer.country_by_code(&place.country_code) {
        return gazetteer.place_ref(index);
    }
    PlaceRef {
        geonames_id: 0,
        name: place.country.clone(),
        level: PlaceLevel::Country,
        country: place.country.clone(),
        country_code: place.country_code.clone(),
        lat: 0.0,
        lon: 0.0,
    }
}

/// Words that describe a sub-place rather than name it: "the central
/// park", "the main square", "city hall".
const GENERIC_SUB_PLACE_MODIFIERS: &[&str] = &["central", "main", "city", "town", "the"];

/// A sub-place whose words, before its last (the kind of place: park,
/// square, street), are all generic modifiers. Such a description is how
/// a report names a place whose proper name another report uses ("Central
/// Park" for the park officially named after Gorky), so it contradicts no
/// proper name.
pub fn is_generic_sub_place(name: &str) -> bool {
    let folded = fold_name(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    match words.split_last() {
        Some((_, modifiers)) => modifiers
            .iter()
            .all(|word| GENERIC_SUB_PLACE_MODIFIERS.contains(word)),
        None => true,
    }
}

/// Words that make a sub-place an institution the story passes through
/// rather than the spot where the incident happened: the hospital the
/// wounded were taken to, the court that heard the case, the prosecutor's
/// office that spoke. On gva_dev 23 pairs of one shooting were kept apart
/// by such a name against the other report's street ("Loyola University
/// Medical Center" against "the 3200 block of South Parker Avenue").
const INSTITUTION_WORDS: &[&str] = &[
    "hospital",
    "hospitals",
    "medical",
    "clinic",
    "health",
    "courthouse",
    "attorney",
    "attorneys",
    "district",
    "patrol",
    "police",
    "sheriff",
    "sheriffs",
    "jail",
    "detention",
    "prison",
    "penitentiary",
    "correctional",
    "morgue",
    "examiner",
    "department",
    "office",
    "fund",
    "foundation",
];

/// Words before "court" that make it a court of law, not a street
/// ("Twana Court" is a street; "Municipal Court" hears cases).
const COURT_OF_LAW_WORDS: &[&str] = &[
    "municipal",
    "superior",
    "circuit",
    "county",
    "city",
    "state",
    "federal",
    "supreme",
    "juvenile",
    "family",
    "magistrate",
    "criminal",
    "appeals",
    "district",
    "justice",
    "general",
];

/// Whether a sub-place may be where the incident happened: a street, a
/// block, a park, a shop, a school; not an institution that took part
/// afterwards (see `INSTITUTION_WORDS`). Only such names can contradict
/// another report's spot.
pub fn may_be_the_scene(name: &str) -> bool {
    let folded = fold_name(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let institution = words.iter().enumerate().any(|(i, word)| {
        INSTITUTION_WORDS.contains(word)
            || (*word == "court" && i > 0 && COURT_OF_LAW_WORDS.contains(&words[i - 1]))
    });
    !institution
}

/// The last words of a street's name ("Spottswood Drive", "Robin St.",
/// "Cynthia Loop"), folded, abbreviations included.
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "av",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "route",
    "loop",
    "circle",
    "cir",
    "terrace",
    "trail",
    "pike",
    "expressway",
    "freeway",
];

/// Whether a sub-place is a street or an address on one ("the 4700 block
/// of Spottswood Drive", "Robin Street", "Pepper Court") rather than a
/// named spot (a mall, an apartment complex, a church, a park). A street
/// and a named spot do not contradict each other: the spot stands on some
/// street the other report does not name ("Florida Mall" against "the
/// 4700 block of Spottswood Drive"). Two streets, or two named spots, do.
pub fn is_street_or_address(name: &str) -> bool {
    let folded = fold_name(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    words.contains(&"block") || words.last().is_some_and(|last| STREET_WORDS.contains(last))
}

fn sorted_keys<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = keys.map(fold_name).filter(|k| !k.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

/// Hashed character bigrams of a text, lowercased, whitespace ignored
/// (as Sorensen-Dice is usually computed), sorted.
pub fn headline_bigrams(text: &str) -> Arc<[u32]> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut bigrams: Vec<u32> = chars
        .windows(2)
        .map(|pair| (pair[0] as u32).wrapping_mul(0x9E37_79B1) ^ (pair[1] as u32))
        .collect();
    bigrams.sort_unstable();
    bigrams.into()
}

/// Sorensen-Dice similarity of two sorted bigram multisets.
pub fn bigram_similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (2 * shared) as f64 / (a.len() + b.len()) as f64
}

/// What clustering reads of a report besides its extraction: its id,
/// outlet, title, publication day, coded identity, and what its text says
/// as a content vector. A pure function of the report and its extraction,
/// cached beside the extraction (`project::cache`), so that `explain` can
/// compare two reports without reading their texts from the log.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportDigest {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coded: Option<crate::coded::CodedIdentity>,
    /// `None` when the text says too little to be evidence (or the report
    /// is a coded record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<super::content::ContentVector>,
    /// The report's countries as places, read from the gazetteer once, so
    /// that mentions are derived from a digest without it.
    pub countries: DigestCountries,
}

/// The countries a report's mentions fall back on. Required in a digest:
/// a value cached without them is read as no digest, and recomputed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DigestCountries {
    /// The main event's country, else its place's: where a mention with no
    /// place of its own goes.
    pub fallback: Option<PlaceRef>,
    /// The country of the main event's place.
    pub of_main_place: Option<PlaceRef>,
}

impl ReportDigest {
    pub fn of(report: &crate::report::Report, extraction: &crate::extract::Extraction) -> Self {
        let headline_text = extraction.headline.as_deref().or(report.title.as_deref());
        let coded = crate::coded::CodedIdentity::of_report(report);
        // A text that tells no event at all and none of its title's story
        // is not the article (a login wall, a paywall, a weather box saved
        // in its place): the title is all the report says, and it is read
        // alone. An article whose lead happens to skip its title's words
        // still tells its event.
        let text_is_the_story = extraction.main.kind != EventKind::Other
            || report.title.as_deref().is_none_or(|title| {
                super::content::text_tells_its_title(title, report.reading_text())
            });
        let content = if text_is_the_story {
            let content = content_vector(
                report.title.as_deref().or(headline_text),
                report.reading_text(),
            );
            content.is_evidence().then_some(content)
        } else {
            let content = content_vector(report.title.as_deref(), "");
            (content.terms().len() >= super::content::MIN_TERMS_FOR_TITLE_EVIDENCE)
                .then_some(content)
        };
        let fallback = extraction
            .main
            .country
            .as_deref()
            .and_then(country_place)
            .or_else(|| extraction.main.place.as_ref().map(country_of));
        ReportDigest {
            countries: DigestCountries {
                fallback,
                of_main_place: extraction.main.place.as_ref().map(country_of),
            },
            id: report.id.clone(),
            outlet: report.outlet.clone(),
            title: report.title.clone(),
            published: report.published,
            // A coded record says what it says in columns, not prose: its
            // notes are a coder's summary in other words than the
            // articles', and the content bands were measured between
            // articles. It is no content evidence, for or against (as a
            // brief under 8 words is none).
            content: content.filter(|_| coded.is_none()),
            coded,
        }
    }
}

/// Every mention a report yields, in a deterministic order. A mention
/// with no place and no country cannot be placed and is skipped (the
/// extraction's diagnostics already say the place is unknown).
pub fn derive_mentions(input: &ReportInput) -> Vec<MentionFeatures> {
    match &input.digest {
        Some(digest) => derive_mentions_from(input.seq, digest, &input.extraction),
        None => {
            let digest = ReportDigest::of(&input.report, &input.extraction);
            derive_mentions_from(input.seq, &digest, &input.extraction)
        }
    }
}

/// `derive_mentions` of the report stored by event `seq`, from its digest.
pub fn derive_mentions_from(
    seq: u64,
    digest: &ReportDigest,
    extraction: &crate::extract::Extraction,
) -> Vec<MentionFeatures> {
    let figure_count = extraction.figures.len();
    let fallback_country = digest.countries.fallback.clone();
    let organizers: Arc<[String]> =
        sorted_keys(extraction.organizers.iter().map(|o| o.key.as_str())).into();
    // Only people the report gives an age ("Marcus Reed, 24"): a private
    // person, the victim or the suspect, whom only reports of the one
    // incident name. A president, a police spokesman or a footballer is
    // named by every report of a season (ecb_dev: with every name found
    // weighed, B-cubed precision fell from 0.925 to 0.911).
    let people: Arc<[String]> = sorted_keys(
        extraction
            .people
            .iter()
            .filter(|person| person.age.is_some())
            .map(|person| person.key.as_str()),
    )
    .into();
    let nobody: Arc<[String]> = Arc::from(Vec::new());
    let report_id: Arc<str> = Arc::from(digest.id.as_str());
    let outlet: Option<Arc<str>> = digest.outlet.as_deref().map(|o| fold_name(o).into());
    let headline_text = extraction.headline.as_deref().or(digest.title.as_deref());
    let headline = headline_text.map(headline_bigrams);
    let coded = digest.coded.clone().map(Arc::new);
    let content: Option<SharedContent> = digest.content.clone().map(Arc::new);
    // A coded record's date is absolute (a column, never "on Saturday"):
    // it anchors like a publication date, so the record is blocked by its
    // month and its day vetoes days two or more apart, as an article's.
    let coded_day = coded
        .as_ref()
        .and(extraction.main.date.as_ref())
        .and_then(|date| date.date);

    let mut mentions: Vec<MentionFeatures> = Vec::new();
    let make = |date: Option<&crate::extract::model::EventDate>,
                place: PlaceRef,
                sub_places: &[crate::extract::model::SubPlace],
                background: bool,
                figures: Vec<usize>|
     -> MentionFeatures {
        let weak_day = date.is_some_and(|d| d.weak);
        let (date, precision) = normalised_precision(date);
        let fallback_day = if background || precision != DatePrecision::Unresolved {
            None
        } else {
            digest.published
        };
        let mut sub_place_names: Vec<Arc<str>> = Vec::new();
        for sub_place in sub_places {
            if !sub_place_names
                .iter()
                .any(|n| fold_name(n) == fold_name(&sub_place.name))
            {
                sub_place_names.push(sub_place.name.as_str().into());
            }
        }
        MentionFeatures {
            key: MentionKey { seq, index: 0 },
            report_id: report_id.clone(),
            date,
            precision,
            weak_day,
            place: Arc::new(place),
            sub_places: sorted_keys(sub_places.iter().map(|s| s.name.as_str()))
                .into_iter()
                .map(Arc::from)
                .collect(),
            names_proper_sub_place: sub_place_names
                .iter()
                .any(|name| !is_generic_sub_place(name) && may_be_the_scene(name)),
            names_a_street: sub_place_names
                .iter()
                .any(|name| may_be_the_scene(name) && is_street_or_address(name)),
            sub_place_names: sub_place_names.into(),
            background,
            is_main: false,
            // What the report says about kind, organizers and people is about
            // its own news; a background event gets none of it.
            kind: if background {
                EventKind::Other
            } else {
                extraction.main.kind
            },
            organizers: if background {
                nobody.clone()
            } else {
                organizers.clone()
            },
            people: if background {
                nobody.clone()
            } else {
                people.clone()
            },
            outlet: outlet.clone(),
            published: digest.published.or(coded_day),
            fallback_day,
            states_national_figures: false,
            content: if background { None } else { content.clone() },
            headline: if background { None } else { headline.clone() },
            figures,
            coded: coded.clone(),
        }
    };

    for mention in &extraction.mentions {
        let Some(place) = mention.place.clone().or_else(|| fallback_country.clone()) else {
            continue;
        };
        let figures: Vec<usize> = mention
            .figures
            .iter()
            .copied()
            .filter(|&i| i < figure_count)
            .collect();
        mentions.push(make(
            mention.date.as_ref(),
            place,
            &mention.sub_places,
            mention.background,
            figures,
        ));
    }

    let main_place = extraction
        .main
        .place
        .clone()
        .or_else(|| fallback_country.clone())
        .or_else(|| mentions.is_empty().then(unknown_place));
    let (main_date, main_precision) = normalised_precision(extraction.main.date.as_ref());
    if let Some(main_place) = main_place.clone() {
        let position = mentions.iter().position(|m| {
            !m.background
                && m.place.geonames_id == main_place.geonames_id
                && m.place.name == main_place.name
                && m.date == main_date
                && m.precision == main_precision
        });
        match position {
            Some(position) => mentions[position].is_main = true,
            None => {
                let mut main = make(
                    extraction.main.date.as_ref(),
                    main_place,
                    &extraction.main.sub_places,
                    false,
                    Vec::new(),
                );
                main.is_main = true;
                mentions.insert(0, main);
            }
        }
    }

    // One mention per (place, day, background) per report: an extractor
    // that repeats a place-day must not make the report disagree with
    // itself.
    let mut deduplicated: Vec<MentionFeatures> = Vec::new();
    for mention in mentions {
        if let Some(existing) = deduplicated.iter_mut().find(|m| {
            m.place.geonames_id == mention.place.geonames_id
                && m.place.name == mention.place.name
                && m.date == mention.date
                && m.precision == mention.precision
                && m.background == mention.background
        }) {
            existing.is_main |= mention.is_main;
            for figure in mention.figures {
                if !existing.figures.contains(&figure) {
                    existing.figures.push(figure);
                }
            }
        } else {
            deduplicated.push(mention);
        }
    }
    let mut mentions = deduplicated;

    // Figures no mention claims: a single-place scope goes to that place's
    // mention; a national or multi-city scope goes to the report's
    // country-level statement for its main day (created if needed), which
    // the parent later absorbs.
    let claimed: Vec<bool> = (0..figure_count)
        .map(|i| mentions.iter().any(|m| m.figures.contains(&i)))
        .collect();
    for (index, figure) in extraction.figures.iter().enumerate() {
        if claimed[index] {
            continue;
        }
        if figure.places.len() == 1
            && let Some(mention) = mentions.iter_mut().find(|m| {
                m.background == figure.background
                    && m.place.name == figure.places[0]
                    && (!figure.background || figure.date.as_ref().is_none_or(|d| d.date == m.date))
            })
        {
            mention.figures.push(index);
            continue;
        }
        if figure.background {
            // A background number with no background mention to hold it
            // would otherwise land on the report's own news: drop it.
            continue;
        }
        // The main place is the extraction's (its country is in the
        // digest), else the fallback country or the unknown place, each a
        // country of its own.
        let main_place_country = if extraction.main.place.is_some() {
            digest.countries.of_main_place.clone()
        } else {
            main_place.clone()
        };
        let Some(country) = main_place_country.or_else(|| fallback_country.clone()) else {
            continue;
        };
        let existing = mentions.iter().position(|m| {
            !m.background
                && m.is_country_level()
                && m.place.country_code == country.country_code
                && m.date == main_date
                && m.precision == main_precision
        });
        let position = match existing {
            Some(position) => position,
            None => {
                let statement = make(
                    extraction.main.date.as_ref(),
                    country,
                    &[],
                    false,
                    Vec::new(),
                );
                mentions.push(statement);
                mentions.len() - 1
            }
        };
        mentions[position].figures.push(index);
    }

    // A report that names no city cannot tell its country from its cities:
    // its figures are about its news, wherever that was.
    let names_a_city = mentions.iter().any(|m| !m.is_country_level());
    for (index, mention) in mentions.iter_mut().enumerate() {
        mention.key.index = u32::try_from(index).unwrap_or(u32::MAX);
        mention.states_national_figures = mention.is_country_level()
            && names_a_city
            && mention.figures.iter().any(|&i| {
                extraction.figures.get(i).is_some_and(|figure| {
                    !figure.places.is_empty() && figure.scope_from.is_in_own_sentence()
                })
            });
        mention.figures.sort_unstable();
        mention.figures.shrink_to_fit();
    }
    // The state keeps these for the report's life: a pushed-to Vec holds
    // room for four, three of them wasted for a typical one-place report.
    mentions.shrink_to_fit();
    mentions
}
