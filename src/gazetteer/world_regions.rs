//! Continents and other regions larger than a country ("Europe", "the
//! Middle East", "the EU"), from `data/world_regions.tsv`.
//!
//! They are kept apart from the place index on purpose: no report's event
//! happens "in Europe" at a precision clustering could use, so a world
//! region is never a candidate for the main place nor a vote for a
//! country. It is only listed among the places a report names, so that an
//! auditor (and a place-name benchmark) sees it was read.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::fold_name;
use super::index::BuildIntegerHasher;

const EMBEDDED_WORLD_REGIONS: &str = include_str!("../../data/world_regions.tsv");

#[derive(Debug, Clone, PartialEq)]
pub struct WorldRegion {
    /// The GeoNames id, for the continents; the others have none in our data.
    pub geonames_id: Option<u32>,
    pub name: String,
    /// GeoNames' point, for the continents.
    pub point: Option<(f64, f64)>,
}

/// Most words a world region's name has ("Horn of Africa").
pub const WORLD_REGION_MAX_WORDS: usize = 3;

/// A world region as a report may write it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorldRegionName {
    pub region: &'static WorldRegion,
    /// Written as its people's adjective ("European diplomats").
    pub demonym: bool,
}

struct WorldRegionTable {
    regions: Vec<WorldRegion>,
    /// Folded name, other name or adjective → index into `regions`, and
    /// whether it is the adjective.
    by_name: HashMap<String, (usize, bool), BuildIntegerHasher>,
    /// Folded first words of every form: most capitalised words are asked
    /// and turned away by one lookup.
    first_words: HashSet<String, BuildIntegerHasher>,
}

static WORLD_REGIONS: LazyLock<WorldRegionTable> = LazyLock::new(|| {
    let mut table = WorldRegionTable {
        regions: Vec::new(),
        by_name: HashMap::default(),
        first_words: HashSet::default(),
    };
    for fields in super::table_rows(EMBEDDED_WORLD_REGIONS) {
        let [id, name, lat, lon, rest @ ..] = fields.as_slice() else {
            continue;
        };
        let point = match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon)) => Some((lat, lon)),
            _ => None,
        };
        let index = table.regions.len();
        table.regions.push(WorldRegion {
            geonames_id: id.parse().ok(),
            name: (*name).to_string(),
            point,
        });
        let other_names = rest.first().copied().unwrap_or("");
        let adjectives = rest.get(1).copied().unwrap_or("");
        let forms = std::iter::once(*name)
            .chain(other_names.split(','))
            .map(|form| (form, false))
            .chain(adjectives.split(',').map(|form| (form, true)));
        for (written, demonym) in forms {
            let written = written.trim();
            if !written.is_empty() {
                let folded = fold_name(written);
                if let Some(first) = folded.split(' ').next() {
                    table.first_words.insert(first.to_string());
                }
                table.by_name.insert(folded, (index, demonym));
            }
        }
    }
    table
});

/// Whether some world region's name, other name or adjective starts with
/// this word (folded as names are).
pub fn starts_a_world_region_name(word: &str) -> bool {
    super::fold::with_folded(word, |folded| WORLD_REGIONS.first_words.contains(folded))
}

/// The world region of this name, as written ("Europe", "EU", "Mideast",
/// "European").
pub fn world_region_named(name: &str) -> Option<WorldRegionName> {
    let table = &*WORLD_REGIONS;
    // Asked of every capitalised word: folded on the stack.
    super::fold::with_folded(name, |folded| table.by_name.get(folded).copied()).map(
        |(index, demonym)| WorldRegionName {
            region: &table.regions[index],
            demonym,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continents_carry_their_geonames_id_and_point() {
        let europe = world_region_named("Europe")
            .expect("Europe is a continent")
            .region;
        assert_eq!(europe.geonames_id, Some(6255148));
        let (lat, lon) = europe.point.expect("a continent has a point");
        assert!((40.0..60.0).contains(&lat) && (0.0..20.0).contains(&lon));
    }

    #[test]
    fn other_names_adjectives_and_case_lead_to_one_region() {
        let eu = world_region_named("EU").expect("EU is the European Union");
        assert_eq!(eu.region.name, "European Union");
        assert_eq!(eu.region.point, None);
        assert!(!eu.demonym);
        let middle_east = world_region_named("middle east").map(|r| r.region.name.as_str());
        assert_eq!(middle_east, Some("Middle East"));
        let european = world_region_named("European").expect("an adjective names its region");
        assert_eq!(
            (european.region.name.as_str(), european.demonym),
            ("Europe", true)
        );
        assert_eq!(world_region_named("Chicago"), None);
    }

    #[test]
    fn no_name_has_more_words_than_the_reader_tries() {
        for written in WORLD_REGIONS.by_name.keys() {
            assert!(written.split_whitespace().count() <= WORLD_REGION_MAX_WORDS);
        }
    }
}
