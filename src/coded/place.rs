//! A coded row's place, through the offline gazetteer: its locality inside
//! its region and country, else its coordinates, else the region, else the
//! country. Total: a row with nothing usable has no place.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::model::{PlaceLevel, PlaceRef};
use crate::extract::place_context::US_STATE_ABBREVIATIONS;
use crate::gazetteer::counties::counties_named;
use crate::gazetteer::{Gazetteer, PlaceIndex, fold_name};

/// Grid cells of this many degrees index the gazetteer's cities for
/// lookups by coordinates.
const GRID_DEGREES: f64 = 0.5;

/// A coordinate lookup takes the nearest city at most this far away: a
/// coded point is where the event was, and a city farther than this is
/// another place.
const NEAREST_CITY_KM: f64 = 25.0;

/// A county's point is its middle, often far from its towns: the most
/// populous city this close to it stands for it.
const COUNTY_CITY_KM: f64 = 40.0;

/// What the row says about where, as read from its cells.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlaceCells<'a> {
    pub locality: Option<&'a str>,
    pub admin1: Option<&'a str>,
    pub country: Option<&'a str>,
    pub coordinates: Option<(f64, f64)>,
}

/// The place and how it was found (`evidence`, as extraction's
/// `FoundPlace::evidence` words it).
#[derive(Debug, Clone)]
pub struct ResolvedPlace {
    pub place: PlaceRef,
    pub region: Option<String>,
    pub evidence: &'static str,
}

fn cell(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn country_index(gazetteer: &Gazetteer, name: &str) -> Option<PlaceIndex> {
    if name.len() == 2
        && let Some(index) = gazetteer.country_by_code(&name.to_ascii_uppercase())
    {
        return Some(index);
    }
    if name.len() == 3 && name.eq_ignore_ascii_case("USA") {
        return gazetteer.country_by_code("US");
    }
    gazetteer
        .lookup(name)
        .iter()
        .copied()
        .find(|&index| gazetteer.place(index).level == PlaceLevel::Country)
}

fn region_index(
    gazetteer: &Gazetteer,
    name: &str,
    country: Option<PlaceIndex>,
) -> Option<PlaceIndex> {
    let country_code = country.map(|c| gazetteer.place(c).country_code.clone());
    let key = fold_name(name).replace(['.', ' '], "");
    let spelled = if country_code.as_deref().is_none_or(|code| code == "US") {
        US_STATE_ABBREVIATIONS
            .iter()
            .find(|(abbreviation, _)| *abbreviation == key)
            .map(|(_, state)| *state)
    } else {
        None
    };
    let name = spelled.unwrap_or(name);
    gazetteer.lookup(name).iter().copied().find(|&index| {
        let place = gazetteer.place(index);
        place.level == PlaceLevel::Region
            && country_code
                .as_deref()
                .is_none_or(|code| place.country_code == code)
    })
}

/// Cities by grid cell.
static CITY_GRID: LazyLock<HashMap<(i32, i32), Vec<PlaceIndex>>> = LazyLock::new(|| {
    let gazetteer = Gazetteer::global();
    let mut grid: HashMap<(i32, i32), Vec<PlaceIndex>> = HashMap::new();
    for index in 0..gazetteer.len() {
        let Ok(index) = PlaceIndex::try_from(index) else {
            break;
        };
        let Some(place) = gazetteer.get(index) else {
            continue;
        };
        if place.level == PlaceLevel::City {
            grid.entry(grid_cell(place.lat, place.lon))
                .or_default()
                .push(index);
        }
    }
    grid
});

fn grid_cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / GRID_DEGREES).floor() as i32,
        (lon / GRID_DEGREES).floor() as i32,
    )
}

/// Cities within `radius_km` of a point, with their distance.
fn cities_near(lat: f64, lon: f64, radius_km: f64) -> Vec<(PlaceIndex, f64)> {
    if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
        return Vec::new();
    }
    let gazetteer = Gazetteer::global();
    let (row, column) = grid_cell(lat, lon);
    let mut near = Vec::new();
    for d_row in -1..=1 {
        for d_column in -2..=2 {
            let Some(cities) = CITY_GRID.get(&(row + d_row, column + d_column)) else {
                continue;
            };
            for &index in cities {
                let place = gazetteer.place(index);
                let km = crate::extract::distance_km((lat, lon), (place.lat, place.lon));
                if km <= radius_km {
                    near.push((index, km));
                }
            }
        }
    }
    near
}

fn resolved(gazetteer: &Gazetteer, index: PlaceIndex, evidence: &'static str) -> ResolvedPlace {
    ResolvedPlace {
        place: gazetteer.place_ref(index),
        region: gazetteer
            .region_of(index)
            .map(|region| gazetteer.place(region).name.clone()),
        evidence,
    }
}

/// "Cook (county)", "Cook County", "Lunenburg County (county)": the
/// county's base name.
fn county_base(locality: &str) -> Option<&str> {
    let mut base: Option<&str> = None;
    let mut rest = locality.trim();
    for suffix in [" (county)", " county", " parish"] {
        if rest.len() > suffix.len()
            && rest
                .get(rest.len() - suffix.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
        {
            rest = rest[..rest.len() - suffix.len()].trim_end();
            base = Some(rest);
        }
    }
    base.filter(|b| !b.is_empty())
}

/// "Orlando (Pine Hills)": the place outside the brackets and the one
/// inside, both non-empty.
fn bracketed_place(locality: &str) -> Option<(&str, &str)> {
    let (outer, rest) = locality.split_once('(')?;
    let inner = rest.strip_suffix(')')?.trim();
    let outer = outer.trim();
    (!outer.is_empty() && !inner.is_empty() && !inner.contains(['(', ')']))
        .then_some((outer, inner))
}

pub fn resolve_place(cells: PlaceCells<'_>) -> Option<ResolvedPlace> {
    let gazetteer = Gazetteer::global();
    let country = cell(cells.country).and_then(|name| country_index(gazetteer, name));
    let region = cell(cells.admin1).and_then(|name| region_index(gazetteer, name, country));
    let country = country.or_else(|| region.and_then(|r| gazetteer.country_of(r)));
    let country_code = country.map(|c| gazetteer.place(c).country_code.clone());
    let in_country = |index: PlaceIndex| {
        country_code
            .as_deref()
            .is_none_or(|code| gazetteer.place(index).country_code == code)
    };
    let in_region =
        |index: PlaceIndex| region.is_none_or(|r| gazetteer.region_of(index) == Some(r));

    if let Some(locality) = cell(cells.locality) {
        if let Some(base) = county_base(locality) {
            let region_name = region.map(|r| fold_name(&gazetteer.place(r).name));
            let county = ["County", "Parish"]
                .iter()
                .flat_map(|word| counties_named(base, word))
                .find(|county| {
                    country_code
                        .as_deref()
                        .is_none_or(|code| county.country_code == code)
                        && region_name
                            .as_deref()
                            .is_none_or(|name| fold_name(&county.admin1) == name)
                });
            if let Some(county) = county {
                let biggest = cities_near(county.lat, county.lon, COUNTY_CITY_KM)
                    .into_iter()
                    .filter(|&(index, _)| in_region(index))
                    .max_by_key(|&(index, _)| (gazetteer.population(index), u32::MAX - index));
                if let Some((index, _)) = biggest {
                    return Some(resolved(gazetteer, index, "coded_county_largest_city"));
                }
            }
        }
        let city_among = |candidates: &[PlaceIndex]| {
            candidates.iter().copied().find(|&index| {
                let place = gazetteer.place(index);
                place.level == PlaceLevel::City && in_country(index) && in_region(index)
            })
        };
        let city_named = |name: &str| city_among(gazetteer.lookup(name));
        // "Orlando (Pine Hills)": the Gun Violence Archive writes the
        // postal city and, in brackets, the place within or beside it
        // where it happened. The bracketed place is the more precise when
        // the gazetteer knows it as a town of the region; a neighbourhood
        // it lacks ("New Orleans (Gentilly)") leaves the city.
        if let Some((outer, inner)) = bracketed_place(locality) {
            if let Some(index) = city_named(inner) {
                return Some(resolved(gazetteer, index, "coded_locality_bracketed"));
            }
            if let Some(index) = city_named(outer) {
                return Some(resolved(gazetteer, index, "coded_locality"));
            }
        }
        let candidates = gazetteer.lookup(locality);
        if let Some(index) = city_among(candidates) {
            return Some(resolved(gazetteer, index, "coded_locality"));
        }
        // A region named as the locality ("national" aside): Mass
        // Mobilization writes regions and provinces there.
        let named_region = candidates.iter().copied().find(|&index| {
            let place = gazetteer.place(index);
            place.level == PlaceLevel::Region && in_country(index)
        });
        if named_region.is_some() && cells.coordinates.is_none() {
            return named_region.map(|index| resolved(gazetteer, index, "coded_locality_region"));
        }
        // Without a region to place it, a locality's first city in the
        // country is the gazetteer's best guess, as for a report.
        if region.is_none()
            && cells.coordinates.is_none()
            && let Some(index) = candidates.iter().copied().find(|&index| {
                gazetteer.place(index).level == PlaceLevel::City && in_country(index)
            })
        {
            return Some(resolved(gazetteer, index, "coded_locality"));
        }
    }
    if let Some((lat, lon)) = cells.coordinates {
        let nearest = cities_near(lat, lon, NEAREST_CITY_KM)
            .into_iter()
            .filter(|&(index, _)| in_country(index))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        if let Some((index, _)) = nearest {
            return Some(resolved(gazetteer, index, "coded_coordinates"));
        }
    }
    if let Some(index) = region {
        return Some(resolved(gazetteer, index, "coded_admin1"));
    }
    country.map(|index| resolved(gazetteer, index, "coded_country"))
}
