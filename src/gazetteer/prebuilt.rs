//! The gazetteer as the build script leaves it: parsed once at compile
//! time (build.rs runs `Gazetteer::parse_embedded` and writes
//! `Gazetteer::to_bytes` into `OUT_DIR`), read back at run time by
//! `Gazetteer::from_bytes`, which copies tables instead of folding,
//! ranking, filtering and sorting some 450,000 names. Every process that
//! extracts pays the load once; the parse took 100-145 ms of it, the
//! prebuilt tables take a sixth of that (docs/gazetteer.md, "Load time").
//!
//! **The format is private to one build**: the bytes are written and read
//! by the same source, so there is no versioning beyond a magic tag, and
//! no file ever outlives the binary that embeds it. A table that does not
//! read back whole and consistent makes `from_bytes` answer `None`, and
//! the caller parses the text tables instead: never a panic, never a
//! half-read gazetteer. A test compares the embedded tables with a fresh
//! parse, field by field.
//!
//! Little-endian integers; a string or a list is its length (u32) and then
//! its items; maps are written in key order, so the bytes are the same on
//! every build of the same source.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use super::index::NameIndex;
use super::{Gazetteer, Place, PlaceIndex};
use crate::extract::model::PlaceLevel;

/// The first bytes of the prebuilt tables; a build of other source never
/// reads them, so the tag only guards against reading something else.
const MAGIC: &[u8; 16] = b"concord-gazettr1";

/// `Place::region`'s `None`.
const NO_REGION: u32 = u32::MAX;

impl Gazetteer {
    /// The gazetteer's tables as bytes for [`Gazetteer::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.len(self.places.len());
        for place in &self.places {
            out.u32(place.geonames_id);
            out.u8(match place.level {
                PlaceLevel::Country => 0,
                PlaceLevel::Region => 1,
                PlaceLevel::City => 2,
            });
            out.str(&place.name);
            out.str(&place.country_code);
            out.u64(place.lat.to_bits());
            out.u64(place.lon.to_bits());
            out.u64(place.population);
            out.u32(place.region.unwrap_or(NO_REGION));
        }
        let index = self.by_name.parts();
        out.str(index.arena);
        out.len(index.keys.len());
        for (hash, ranges) in &index.keys {
            out.u64(*hash);
            for &value in ranges {
                out.u32(value);
            }
        }
        out.u32s(index.buckets);
        out.u32s(index.candidates);
        out.len(index.hash_collisions);
        out.id_map(&self.by_geonames_id);
        out.name_map(&self.countries_by_code);
        out.name_map(&self.demonyms);
        out.name_map(&self.region_demonyms);
        out.name_set(&self.demonym_first_words);
        out.name_set(&self.common_words);
        out.len(self.first_word_hashes.len());
        for &hash in &self.first_word_hashes {
            out.u64(hash);
        }
        out.len(self.longest_name_words);
        out.len(self.malformed_lines);
        out.len(self.everyday_aliases_of_small_towns);
        out.bytes
    }

    /// The gazetteer [`Gazetteer::to_bytes`] wrote, or `None` when the
    /// bytes are not such tables, whole and consistent.
    pub fn from_bytes(bytes: &[u8]) -> Option<Gazetteer> {
        let mut input = Reader { bytes };
        if input.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let place_count = input.len()?;
        let mut places = Vec::with_capacity(place_count.min(bytes.len()));
        for _ in 0..place_count {
            let geonames_id = input.u32()?;
            let level = match input.u8()? {
                0 => PlaceLevel::Country,
                1 => PlaceLevel::Region,
                2 => PlaceLevel::City,
                _ => return None,
            };
            places.push(Place {
                geonames_id,
                level,
                name: input.string()?,
                country_code: input.string()?,
                lat: f64::from_bits(input.u64()?),
                lon: f64::from_bits(input.u64()?),
                population: input.u64()?,
                region: match input.u32()? {
                    NO_REGION => None,
                    region => Some(region),
                },
            });
        }
        let arena = input.string()?;
        let key_count = input.len()?;
        let mut keys = Vec::with_capacity(key_count.min(bytes.len()));
        for _ in 0..key_count {
            keys.push((
                input.u64()?,
                [input.u32()?, input.u32()?, input.u32()?, input.u32()?],
            ));
        }
        let buckets = input.u32s()?;
        let candidates = input.u32s()?;
        let hash_collisions = input.len()?;
        let by_name = NameIndex::from_parts(arena, keys, buckets, candidates, hash_collisions)?;
        let by_geonames_id = input.id_map()?;
        let countries_by_code = input.name_map()?;
        let demonyms = input.name_map()?;
        let region_demonyms = input.name_map()?;
        let demonym_first_words = input.name_set()?;
        let common_words = input.name_set()?;
        let hash_count = input.len()?;
        let mut first_word_hashes = Vec::with_capacity(hash_count.min(bytes.len()));
        for _ in 0..hash_count {
            first_word_hashes.push(input.u64()?);
        }
        let longest_name_words = input.len()?;
        let malformed_lines = input.len()?;
        let everyday_aliases_of_small_towns = input.len()?;
        let gazetteer = Gazetteer {
            places,
            by_name,
            by_geonames_id,
            countries_by_code,
            demonyms,
            region_demonyms,
            demonym_first_words,
            common_words,
            first_word_hashes,
            longest_name_words,
            malformed_lines,
            everyday_aliases_of_small_towns,
        };
        (input.bytes.is_empty() && gazetteer.indices_are_in_range()).then_some(gazetteer)
    }

    /// Whether every place index the tables hold names a place: lookups
    /// index `places` with them.
    fn indices_are_in_range(&self) -> bool {
        let count = self.places.len();
        let fits = |index: &PlaceIndex| (*index as usize) < count;
        self.places
            .iter()
            .all(|place| place.region.as_ref().is_none_or(fits))
            && self.by_name.listed_places().iter().all(fits)
            && self.by_geonames_id.values().all(fits)
            && self.countries_by_code.values().all(fits)
            && self.demonyms.values().all(fits)
            && self.region_demonyms.values().all(fits)
    }
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A length or count. The tables are far below 4 billion of anything;
    /// a larger one is written as `u32::MAX`, which no reader accepts as
    /// the length of what follows.
    fn len(&mut self, value: usize) {
        self.u32(u32::try_from(value).unwrap_or(u32::MAX));
    }

    fn str(&mut self, value: &str) {
        self.len(value.len());
        self.bytes.extend_from_slice(value.as_bytes());
    }

    fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &value in values {
            self.u32(value);
        }
    }

    fn id_map<S: BuildHasher>(&mut self, map: &HashMap<u32, PlaceIndex, S>) {
        let mut entries: Vec<(&u32, &PlaceIndex)> = map.iter().collect();
        entries.sort_unstable();
        self.len(entries.len());
        for (&id, &index) in entries {
            self.u32(id);
            self.u32(index);
        }
    }

    fn name_map<S: BuildHasher>(&mut self, map: &HashMap<String, PlaceIndex, S>) {
        let mut entries: Vec<(&String, &PlaceIndex)> = map.iter().collect();
        entries.sort_unstable();
        self.len(entries.len());
        for (name, &index) in entries {
            self.str(name);
            self.u32(index);
        }
    }

    fn name_set<S: BuildHasher>(&mut self, set: &HashSet<String, S>) {
        let mut names: Vec<&String> = set.iter().collect();
        names.sort_unstable();
        self.len(names.len());
        for name in names {
            self.str(name);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        if count > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Some(taken)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }

    fn string(&mut self) -> Option<String> {
        let length = self.len()?;
        std::str::from_utf8(self.take(length)?)
            .ok()
            .map(str::to_string)
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let count = self.len()?;
        let raw = self.take(count.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
                .collect(),
        )
    }

    fn id_map<S: BuildHasher + Default>(&mut self) -> Option<HashMap<u32, PlaceIndex, S>> {
        let count = self.len()?;
        let mut map = HashMap::with_capacity_and_hasher(count.min(self.bytes.len()), S::default());
        for _ in 0..count {
            map.insert(self.u32()?, self.u32()?);
        }
        Some(map)
    }

    fn name_map<S: BuildHasher + Default>(&mut self) -> Option<HashMap<String, PlaceIndex, S>> {
        let count = self.len()?;
        let mut map = HashMap::with_capacity_and_hasher(count.min(self.bytes.len()), S::default());
        for _ in 0..count {
            map.insert(self.string()?, self.u32()?);
        }
        Some(map)
    }

    fn name_set<S: BuildHasher + Default>(&mut self) -> Option<HashSet<String, S>> {
        let count = self.len()?;
        let mut set = HashSet::with_capacity_and_hasher(count.min(self.bytes.len()), S::default());
        for _ in 0..count {
            set.insert(self.string()?);
        }
        Some(set)
    }
}
