//! Parser of the gazetteer data file (format: see the docstring of
//! `scripts/build_gazetteer.py` and docs/gazetteer.md). It never fails:
//! a malformed line is counted and skipped.

use std::collections::{HashMap, HashSet};

use super::fold::fold_name_into;
use super::index::{NameIndex, PendingName, RANK_PLACE_BITS, hash_name};
use super::{Gazetteer, Place, PlaceIndex, candidate_tier, fold_name};
use crate::extract::model::PlaceLevel;

/// The fields of one data line, before indexing.
struct Line<'a> {
    place: Place,
    admin1_code: &'a str,
    canonical_is_common_word: bool,
    canonical_is_indexed: bool,
    aliases: &'a str,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut fields = line.split('\t');
    let level = match fields.next()? {
        "country" => PlaceLevel::Country,
        "region" => PlaceLevel::Region,
        "city" => PlaceLevel::City,
        _ => return None,
    };
    let geonames_id = fields.next()?.parse().ok()?;
    let name = fields.next()?;
    let country_code = fields.next()?;
    let admin1_code = fields.next()?;
    // Countries carry no coordinates in the source data.
    let lat = fields.next()?.parse().unwrap_or(0.0);
    let lon = fields.next()?.parse().unwrap_or(0.0);
    let population = fields.next()?.parse().unwrap_or(0);
    let flags = fields.next()?;
    let aliases = fields.next().unwrap_or("");
    if name.is_empty() {
        return None;
    }
    Some(Line {
        place: Place {
            geonames_id,
            name: name.to_string(),
            level,
            country_code: country_code.to_string(),
            lat,
            lon,
            population,
            region: None,
        },
        admin1_code,
        canonical_is_common_word: flags.contains('w'),
        canonical_is_indexed: !flags.contains('x'),
        aliases,
    })
}

struct Indexer {
    arena: String,
    pending: Vec<PendingName>,
    common_words: HashSet<String>,
    first_word_hashes: Vec<u64>,
    longest_name_words: usize,
    /// Reused for the hyphens-as-spaces variant of a name.
    scratch: String,
    /// Aliases left out of the index (`is_everyday_alias_of_a_small_town`).
    dropped_aliases: usize,
}

impl Indexer {
    fn add_folded_tail(&mut self, start: usize, rank: u64, common_word: bool) {
        let Some(folded) = self.arena.get(start..) else {
            return;
        };
        if folded.is_empty() {
            return;
        }
        let first_word_end = folded
            .bytes()
            .position(|b| b == b' ')
            .unwrap_or(folded.len());
        self.first_word_hashes
            .push(hash_name(folded.get(..first_word_end).unwrap_or(folded)));
        let words = 1 + folded.bytes().filter(|&b| b == b' ').count();
        self.longest_name_words = self.longest_name_words.max(words);
        if common_word {
            self.common_words.insert(folded.to_string());
        }
        self.pending.push(PendingName {
            hash: hash_name(folded),
            rank,
            arena_start: start as u32,
            arena_len: folded.len() as u32,
        });
    }

    /// An alternate name GeoNames gives a small town that is an everyday
    /// word, surname or phrase ("Johnson", a former name of Sturtevant,
    /// Wisconsin; "The City", a nickname of Oakville, Connecticut). Such a
    /// name in a report is nearly always the person or the phrase, and a
    /// small town has nothing (no size, no fame) to outweigh that, so it is
    /// not indexed: the town is still found by its own name. A spelling of
    /// that name ("Mt. Pleasant" for Mount Pleasant) shares a word with it
    /// and stays; a big city keeps its nicknames; the data's common-word
    /// aliases (`~`) are indexed with their flag, to be read in context.
    fn is_everyday_alias_of_a_small_town(place: &Place, folded_alias: &str) -> bool {
        if place.level != PlaceLevel::City || place.population >= EVERYDAY_ALIAS_MAX_POPULATION {
            return false;
        }
        // Most aliases have a rare word: the table lookups decide before
        // the town's own name is folded.
        let everyday = !folded_alias.is_empty()
            && folded_alias.split(' ').all(|word| {
                crate::word_frequency::zipf_frequency(word)
                    .is_some_and(|zipf| zipf >= EVERYDAY_ALIAS_MIN_ZIPF)
            });
        if !everyday {
            return false;
        }
        let own_name = fold_name(&place.name);
        let own_words: Vec<&str> = own_name
            .split(' ')
            .filter(|word| !WORDS_OF_ANY_PLACE_NAME.contains(word))
            .collect();
        !folded_alias
            .split(' ')
            .any(|word| own_words.contains(&word))
    }

    /// Indexes an alternate name of `place`, unless it is an everyday word
    /// of a small town (`is_everyday_alias_of_a_small_town`).
    fn add_alias(&mut self, alias: &str, rank: u64, place: &Place) {
        let start = self.arena.len();
        fold_name_into(alias, &mut self.arena);
        let everyday = self
            .arena
            .get(start..)
            .is_some_and(|folded| Self::is_everyday_alias_of_a_small_town(place, folded));
        if everyday {
            self.arena.truncate(start);
            self.dropped_aliases += 1;
            return;
        }
        self.add_folded_tail(start, rank, false);
        self.add_spaced_variant(alias, rank, false);
    }

    fn add(&mut self, name: &str, rank: u64, common_word: bool) {
        let start = self.arena.len();
        fold_name_into(name, &mut self.arena);
        self.add_folded_tail(start, rank, common_word);
        self.add_spaced_variant(name, rank, common_word);
    }

    fn add_spaced_variant(&mut self, name: &str, rank: u64, common_word: bool) {
        // Text may write "Nur Sultan" for "Nur-Sultan"; fold_name drops the
        // hyphen ("nursultan"), so the spaced form is indexed as well.
        if name.contains('-') {
            let mut spaced = std::mem::take(&mut self.scratch);
            spaced.clear();
            spaced.extend(name.chars().map(|c| if c == '-' { ' ' } else { c }));
            let start = self.arena.len();
            fold_name_into(&spaced, &mut self.arena);
            self.add_folded_tail(start, rank, common_word);
            self.scratch = spaced;
        }
    }
}

/// The first words of place names that writers abbreviate, each with its
/// abbreviation: "Mt. Pleasant", "St. Augustine", "Ft. Myers".
const ABBREVIATED_FIRST_WORDS: &[(&str, &str)] = &[
    ("Mount", "Mt"),
    ("Saint", "St"),
    ("Sainte", "Ste"),
    ("Fort", "Ft"),
];

/// A place's name with its first word abbreviated, or spelled out when the
/// gazetteer abbreviates it ("St. Louis" as "Saint Louis"). GeoNames lists
/// such spellings for some places and not others: of fifteen Mount
/// Pleasants, the South Carolina town's alternate names hold "Mt.
/// Pleasant" and Pennsylvania's three do not, so a Pennsylvania report's
/// "Mt. Pleasant" could only ever be read as South Carolina's. Only a
/// city's, and ranked as an alternate name: a big city so spelled still
/// ranks below one of that very name ("St. Petersburg" is Florida's before
/// Russia's "Saint Petersburg"), and a Caribbean parish ("Saint John")
/// is not every "St. John Hospital".
fn abbreviated_or_spelled_out(name: &str) -> Option<String> {
    let (first, rest) = name.split_once(' ')?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return None;
    }
    let first = first.strip_suffix('.').unwrap_or(first);
    ABBREVIATED_FIRST_WORDS
        .iter()
        .find_map(|&(full, short)| {
            if first.eq_ignore_ascii_case(full) {
                Some(short)
            } else if first.eq_ignore_ascii_case(short) {
                Some(full)
            } else {
                None
            }
        })
        .map(|other| format!("{other} {rest}"))
}

/// Towns below this population are not found by an alternate name made of
/// everyday words (`Indexer::is_everyday_alias_of_a_small_town`).
const EVERYDAY_ALIAS_MAX_POPULATION: u64 = 100_000;

/// Every word of an alternate name at least this frequent (Zipf) makes it
/// an everyday word, surname or phrase: "Johnson", "Hudson", "The City".
const EVERYDAY_ALIAS_MIN_ZIPF: f32 = 3.5;

/// Words that many places' names share: an alternate name that shares only
/// these with the town's own name ("The City" and City of London; "East
/// Side" and East Ridge, Tennessee, which a Buffalo paper's "East Side
/// neighborhood" named) is not a spelling of it.
const WORDS_OF_ANY_PLACE_NAME: &[&str] = &[
    "the",
    "of",
    "city",
    "town",
    "village",
    "de",
    "la",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
];

/// Candidate order as one integer (smaller first): tier, then population
/// descending, then place index.
fn candidate_rank(place: &Place, index: PlaceIndex) -> u64 {
    rank_in_tier(2 * candidate_tier(place), place, index)
}

/// The rank of a place found by one of its other names: a big city so
/// found ranks below every big city of that very name, above the regions
/// ("Santa Ana" is Santa Ana, California, before Taguig, which GeoNames
/// also calls Santa Ana; "Qyzylorda" is still the city before its region).
fn alias_candidate_rank(place: &Place, index: PlaceIndex) -> u64 {
    let tier = candidate_tier(place);
    rank_in_tier(2 * tier + u8::from(tier == 1), place, index)
}

/// Tier bits: the tiers doubled leave room for a big city by alias
/// between big cities by name and regions.
const TIER_BITS: u32 = 3;

fn rank_in_tier(doubled_tier: u8, place: &Place, index: PlaceIndex) -> u64 {
    const POPULATION_BITS: u32 = 64 - TIER_BITS - RANK_PLACE_BITS;
    let population_cap = (1u64 << POPULATION_BITS) - 1;
    let inverted_population = population_cap - place.population.min(population_cap);
    (u64::from(doubled_tier) << (64 - TIER_BITS))
        | (inverted_population << RANK_PLACE_BITS)
        | u64::from(index)
}

pub(super) fn parse(places_tsv: &str, demonyms_tsv: &str) -> Gazetteer {
    let mut places = Vec::new();
    let mut pending_aliases = Vec::new();
    let mut admin1_codes = Vec::new();
    let mut malformed_lines = 0;
    for line in places_tsv.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Some(parsed) => {
                admin1_codes.push(parsed.admin1_code);
                pending_aliases.push((
                    parsed.canonical_is_common_word,
                    parsed.canonical_is_indexed,
                    parsed.aliases,
                ));
                places.push(parsed.place);
            }
            None => malformed_lines += 1,
        }
    }

    let mut countries_by_code = HashMap::default();
    let mut regions_by_code: HashMap<(&str, &str), PlaceIndex> = HashMap::new();
    let mut by_geonames_id = HashMap::with_capacity_and_hasher(places.len(), Default::default());
    for (position, place) in places.iter().enumerate() {
        let index = position as PlaceIndex;
        by_geonames_id.entry(place.geonames_id).or_insert(index);
        match place.level {
            PlaceLevel::Country => {
                countries_by_code
                    .entry(place.country_code.clone())
                    .or_insert(index);
            }
            PlaceLevel::Region => {
                let code = admin1_codes.get(position).copied().unwrap_or("");
                regions_by_code
                    .entry((place.country_code.as_str(), code))
                    .or_insert(index);
            }
            PlaceLevel::City => {}
        }
    }
    let regions: Vec<Option<PlaceIndex>> = places
        .iter()
        .zip(&admin1_codes)
        .map(|(place, code)| match place.level {
            PlaceLevel::City if !code.is_empty() => regions_by_code
                .get(&(place.country_code.as_str(), *code))
                .copied(),
            _ => None,
        })
        .collect();
    for (place, region) in places.iter_mut().zip(regions) {
        place.region = region;
    }

    let mut indexer = Indexer {
        arena: String::with_capacity(places.len() * 32),
        pending: Vec::with_capacity(places.len() * 3),
        common_words: HashSet::new(),
        first_word_hashes: Vec::with_capacity(places.len() * 3),
        longest_name_words: 1,
        scratch: String::new(),
        dropped_aliases: 0,
    };
    for (position, (place, (canonical_common, canonical_indexed, aliases))) in
        places.iter().zip(&pending_aliases).enumerate()
    {
        if position >= 1 << RANK_PLACE_BITS {
            // Beyond what a rank can hold; the shipped data has ~174,000.
            break;
        }
        let rank = candidate_rank(place, position as PlaceIndex);
        let alias_rank = alias_candidate_rank(place, position as PlaceIndex);
        if *canonical_indexed {
            indexer.add(&place.name, rank, *canonical_common);
            if place.level == PlaceLevel::City
                && let Some(variant) = abbreviated_or_spelled_out(&place.name)
            {
                indexer.add(&variant, alias_rank, *canonical_common);
            }
        }
        for alias in aliases.split('|').filter(|a| !a.is_empty()) {
            match alias.strip_prefix('~') {
                Some(common) => indexer.add(common, alias_rank, true),
                None => indexer.add_alias(alias, alias_rank, place),
            }
        }
    }
    let by_name = NameIndex::build(indexer.arena, indexer.pending);
    let mut first_word_hashes = indexer.first_word_hashes;
    first_word_hashes.sort_unstable();
    first_word_hashes.dedup();

    let mut demonyms = HashMap::default();
    for line in demonyms_tsv.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((code, words)) = line.split_once('\t') else {
            continue;
        };
        let Some(&country) = countries_by_code.get(code.trim()) else {
            continue;
        };
        for word in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            // First listing wins: the file orders shared demonyms.
            demonyms.entry(fold_name(word)).or_insert(country);
        }
    }

    // A region named in the table but absent from these places (a test
    // gazetteer) has no demonym.
    let regions_by_name: HashMap<(&str, String), PlaceIndex> = places
        .iter()
        .enumerate()
        .filter(|(_, place)| place.level == PlaceLevel::Region)
        .map(|(position, place)| {
            (
                (place.country_code.as_str(), fold_name(&place.name)),
                position as PlaceIndex,
            )
        })
        .collect();
    let mut region_demonyms = HashMap::default();
    for fields in super::table_rows(super::EMBEDDED_REGION_DEMONYMS) {
        let [code, region_name, words, ..] = fields.as_slice() else {
            continue;
        };
        let Some(&region) = regions_by_name.get(&(*code, fold_name(region_name))) else {
            continue;
        };
        for word in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            region_demonyms.entry(fold_name(word)).or_insert(region);
        }
    }

    let demonym_first_words = demonyms
        .keys()
        .chain(region_demonyms.keys())
        .map(|demonym: &String| demonym.split(' ').next().unwrap_or("").to_string())
        .collect();

    Gazetteer {
        places,
        by_name,
        by_geonames_id,
        countries_by_code,
        demonyms,
        region_demonyms,
        demonym_first_words,
        common_words: indexer.common_words,
        first_word_hashes,
        longest_name_words: indexer.longest_name_words,
        malformed_lines,
        everyday_aliases_of_small_towns: indexer.dropped_aliases,
    }
}
