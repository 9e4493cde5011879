//! County-like units (US counties, parishes and boroughs, and the few
//! elsewhere that GeoNames names with a county word), each with a point.
//!
//! The main place table has no second-level units, so "Laurel County" used
//! to take the point of whatever the report's home region was: a county
//! named in a Georgia paper's story about Minnesota landed in Georgia. This
//! table (`data/counties.tsv`, built by `scripts/build_counties.py`) tells
//! which regions have a county of a given name and where it is. It is kept
//! apart from the place index on purpose: a county is never a candidate for
//! a bare name ("Douglas" stays a city), only for a name followed by its
//! county word.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::fold_name;

const EMBEDDED_COUNTIES: &str = include_str!("../../data/counties.tsv");

#[derive(Debug, Clone, PartialEq)]
pub struct County {
    pub country_code: String,
    /// The first-level region's name, as the gazetteer names regions.
    pub admin1: String,
    /// The whole name with its county word ("Rapides Parish").
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// Counties by lookup key (see [`county_key`]).
static COUNTIES: LazyLock<HashMap<String, Vec<County>>> = LazyLock::new(|| {
    let mut by_key: HashMap<String, Vec<County>> = HashMap::new();
    for fields in super::table_rows(EMBEDDED_COUNTIES) {
        let [country_code, admin1, name, lat, lon, ..] = fields.as_slice() else {
            continue;
        };
        let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
            continue;
        };
        let Some((base, word)) = name.rsplit_once(' ') else {
            continue;
        };
        by_key
            .entry(county_key(base, word))
            .or_default()
            .push(County {
                country_code: (*country_code).to_string(),
                admin1: (*admin1).to_string(),
                name: (*name).to_string(),
                lat,
                lon,
            });
    }
    by_key
});

/// "St. Clair" + "County" and "Saint Clair" + "county" share a key: the
/// folded name with "st" spelled out, then the county word.
fn county_key(base: &str, county_word: &str) -> String {
    let folded = fold_name(base);
    let words: Vec<&str> = folded
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect();
    format!("{} {}", words.join(" "), fold_name(county_word))
}

/// Every county called `base` followed by `county_word` ("Douglas",
/// "County"), in the table's order (country, region, name).
pub fn counties_named(base: &str, county_word: &str) -> &'static [County] {
    COUNTIES
        .get(&county_key(base, county_word))
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_county_name_shared_by_many_states_lists_each_of_them() {
        let douglas = counties_named("Douglas", "County");
        assert!(douglas.len() > 10, "{douglas:?}");
        assert!(douglas.iter().any(|c| c.admin1 == "Minnesota"));
        assert!(douglas.iter().all(|c| c.country_code == "US"));
    }

    #[test]
    fn parishes_and_abbreviated_saints_are_found() {
        let rapides = counties_named("Rapides", "Parish");
        assert_eq!(rapides.len(), 1);
        assert_eq!(rapides[0].admin1, "Louisiana");
        assert!((rapides[0].lat - 31.2).abs() < 1.0);
        assert!(!counties_named("St. Clair", "County").is_empty());
        assert!(counties_named("Nowhere Such", "County").is_empty());
    }
}
