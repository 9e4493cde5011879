//! The offline gazetteer: countries, first-level regions and cities, with
//! Latin-script alternate and historical names.
//!
//! STUB: a handful of places so that extraction can be written against the
//! API. The real data (GeoNames, built by `scripts/build_gazetteer.py`)
//! replaces `STUB_DATA`; the API below is the contract.
//!
//! Lookups are by folded name: lowercase, diacritics stripped, hyphens and
//! apostrophes removed ("Nur-Sultan" and "nur sultan" fold alike).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::model::{PlaceLevel, PlaceRef};

/// Index into the gazetteer's place table.
pub type PlaceIndex = u32;

#[derive(Debug, Clone)]
pub struct Place {
    pub geonames_id: u32,
    pub name: String,
    pub level: PlaceLevel,
    pub country_code: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

pub struct Gazetteer {
    places: Vec<Place>,
    by_name: HashMap<String, Vec<PlaceIndex>>,
    countries_by_code: HashMap<String, PlaceIndex>,
    demonyms: HashMap<String, PlaceIndex>,
    longest_name_words: usize,
}

// geonames_id \t name \t level \t country_code \t lat \t lon \t population \t alternate names (|-separated)
const STUB_DATA: &str = "\
1522867\tKazakhstan\tcountry\tKZ\t48.0\t68.0\t18276500\tRepublic of Kazakhstan|Qazaqstan
1526384\tAlmaty\tcity\tKZ\t43.25\t76.91667\t2000900\tAlma-Ata|Alma Ata|Verny
1526273\tAstana\tcity\tKZ\t51.1801\t71.44598\t1078362\tNur-Sultan|Nursultan|Akmola|Akmolinsk|Tselinograd|Aqmola
1518980\tShymkent\tcity\tKZ\t42.3\t69.6\t1000000\tChimkent|Shymkent
610611\tAktobe\tcity\tKZ\t50.27969\t57.20718\t500000\tAqtobe|Aktyubinsk
1519422\tSemey\tcity\tKZ\t50.42675\t80.26669\t300000\tSemei|Semipalatinsk
1521368\tKyzylorda\tcity\tKZ\t44.85278\t65.50917\t300000\tQyzylorda|Kzyl-Orda
608668\tOral\tcity\tKZ\t51.23333\t51.36667\t250000\tUralsk
1516905\tTaraz\tcity\tKZ\t42.9\t71.36667\t350000\tZhambyl|Dzhambul
607610\tZhanaozen\tcity\tKZ\t43.34116\t52.86192\t150000\tJanaozen|Zhanaozhen|Novy Uzen
1527747\tKyrgyzstan\tcountry\tKG\t41.5\t75.0\t6700000\tKyrgyz Republic
1528675\tBishkek\tcity\tKG\t42.87\t74.59\t900000\tFrunze
6252001\tUnited States\tcountry\tUS\t39.76\t-98.5\t327000000\tUSA|United States of America|U.S.
4887398\tChicago\tcity\tUS\t41.85003\t-87.65005\t2720546\t
2328926\tNigeria\tcountry\tNG\t10.0\t8.0\t195000000\tFederal Republic of Nigeria
2332459\tLagos\tcity\tNG\t6.45407\t3.39467\t9000000\t
1819730\tHong Kong\tcountry\tHK\t22.25\t114.16667\t7491609\tHong Kong SAR
1819729\tHong Kong\tcity\tHK\t22.27832\t114.17469\t7482500\tVictoria City
5037649\tMinneapolis\tcity\tUS\t44.97997\t-93.26384\t410939\t
";

const STUB_DEMONYMS: &[(&str, &str)] = &[
    ("kazakh", "KZ"),
    ("kazakhstani", "KZ"),
    ("kyrgyz", "KG"),
    ("american", "US"),
    ("nigerian", "NG"),
];

/// Folds a name for lookup: lowercase, common diacritics stripped, hyphens
/// and apostrophes dropped, whitespace collapsed.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last_space = true;
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ė' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ç' | 'ć' | 'č' => 'c',
            'ñ' | 'ń' => 'n',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            other => other,
        };
        if c == '-' || c == '\'' || c == '’' || c == '.' {
            continue;
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        for lower in c.to_lowercase() {
            out.push(lower);
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

static GLOBAL: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_tsv(STUB_DATA, STUB_DEMONYMS));

impl Gazetteer {
    /// The embedded gazetteer, parsed once per process.
    pub fn global() -> &'static Gazetteer {
        &GLOBAL
    }

    fn from_tsv(data: &str, demonyms: &[(&str, &str)]) -> Gazetteer {
        let mut gazetteer = Gazetteer {
            places: Vec::new(),
            by_name: HashMap::new(),
            countries_by_code: HashMap::new(),
            demonyms: HashMap::new(),
            longest_name_words: 1,
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < 8 {
                continue;
            }
            let level = match fields[2] {
                "country" => PlaceLevel::Country,
                "region" => PlaceLevel::Region,
                _ => PlaceLevel::City,
            };
            let index = gazetteer.places.len() as PlaceIndex;
            let place = Place {
                geonames_id: fields[0].parse().unwrap_or(0),
                name: fields[1].to_string(),
                level,
                country_code: fields[3].to_string(),
                lat: fields[4].parse().unwrap_or(0.0),
                lon: fields[5].parse().unwrap_or(0.0),
                population: fields[6].parse().unwrap_or(0),
            };
            if level == PlaceLevel::Country {
                gazetteer
                    .countries_by_code
                    .insert(place.country_code.clone(), index);
            }
            let names =
                std::iter::once(fields[1]).chain(fields[7].split('|').filter(|n| !n.is_empty()));
            for name in names {
                let folded = fold_name(name);
                gazetteer.longest_name_words =
                    gazetteer.longest_name_words.max(folded.split(' ').count());
                let entry = gazetteer.by_name.entry(folded).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
            gazetteer.places.push(place);
        }
        for entry in gazetteer.by_name.values_mut() {
            let places = &gazetteer.places;
            entry.sort_by(|a, b| {
                places[*b as usize]
                    .population
                    .cmp(&places[*a as usize].population)
                    .then(a.cmp(b))
            });
        }
        for (demonym, code) in demonyms {
            if let Some(&index) = gazetteer.countries_by_code.get(*code) {
                gazetteer.demonyms.insert(demonym.to_string(), index);
            }
        }
        gazetteer
    }

    pub fn place(&self, index: PlaceIndex) -> &Place {
        &self.places[index as usize]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Candidates for a name as written, most populous first. Empty when the
    /// name is unknown.
    pub fn lookup(&self, name: &str) -> &[PlaceIndex] {
        self.by_name
            .get(&fold_name(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
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
        self.country_by_code(&self.place(index).country_code)
    }

    /// "Kazakh" → Kazakhstan: adjectives that give a report country context.
    pub fn country_by_demonym(&self, word: &str) -> Option<PlaceIndex> {
        self.demonyms.get(&fold_name(word)).copied()
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

    /// Finds a place by its GeoNames id (for projections that stored only
    /// the id).
    pub fn by_geonames_id(&self, geonames_id: u32) -> Option<PlaceIndex> {
        self.places
            .iter()
            .position(|p| p.geonames_id == geonames_id)
            .map(|i| i as PlaceIndex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn historical_names_resolve_to_canonical() {
        let g = Gazetteer::global();
        for (alias, canonical) in [
            ("Nur-Sultan", "Astana"),
            ("Tselinograd", "Astana"),
            ("Akmola", "Astana"),
            ("Aqtobe", "Aktobe"),
            ("Semei", "Semey"),
            ("Qyzylorda", "Kyzylorda"),
            ("Alma-Ata", "Almaty"),
        ] {
            let found = g.lookup(alias);
            assert!(!found.is_empty(), "{alias} not found");
            assert_eq!(g.place(found[0]).name, canonical, "{alias}");
        }
    }
}
