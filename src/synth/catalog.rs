//! The world the corpus is written about: countries and cities taken from
//! the gazetteer at runtime (so the corpus follows whatever gazetteer is
//! built in), and invented outlets, people, organizations and landmarks.

use std::collections::BTreeMap;

use crate::extract::model::PlaceLevel;
use crate::gazetteer::{Gazetteer, PlaceIndex};

/// How many of a country's most populous cities the corpus uses: enough
/// for days of action across several cities, few enough that small towns
/// with ambiguous names stay out.
const CITIES_PER_COUNTRY: usize = 12;

#[derive(Debug, Clone)]
pub struct CatalogCity {
    /// The gazetteer's canonical name (also the gold name).
    pub name: String,
    pub population: u64,
}

#[derive(Debug, Clone)]
pub struct CatalogCountry {
    pub name: String,
    pub population: u64,
    /// Most populous first.
    pub cities: Vec<CatalogCity>,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    pub countries: Vec<CatalogCountry>,
    /// Indices into `countries` of those with at least two cities.
    pub multi_city_countries: Vec<usize>,
}

impl Catalog {
    /// Cities whose name, looked up alone, resolves to themselves first
    /// (so the text names them unambiguously), grouped by country.
    pub fn from_gazetteer(gazetteer: &Gazetteer) -> Catalog {
        let mut by_country: BTreeMap<PlaceIndex, Vec<(u64, PlaceIndex)>> = BTreeMap::new();
        for index in 0..gazetteer.len() as PlaceIndex {
            let place = gazetteer.place(index);
            if place.level != PlaceLevel::City || place.name.is_empty() {
                continue;
            }
            if gazetteer.lookup(&place.name).first() != Some(&index) {
                continue;
            }
            let Some(country) = gazetteer.country_of(index) else {
                continue;
            };
            if gazetteer.place(country).name == place.name {
                continue;
            }
            by_country
                .entry(country)
                .or_default()
                .push((place.population, index));
        }
        let mut countries = Vec::new();
        for (country, mut cities) in by_country {
            cities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            cities.truncate(CITIES_PER_COUNTRY);
            let country_place = gazetteer.place(country);
            countries.push(CatalogCountry {
                name: country_place.name.clone(),
                population: country_place.population,
                cities: cities
                    .into_iter()
                    .map(|(population, index)| CatalogCity {
                        name: gazetteer.place(index).name.clone(),
                        population,
                    })
                    .collect(),
            });
        }
        let multi_city_countries = (0..countries.len())
            .filter(|&i| countries[i].cities.len() >= 2)
            .collect();
        Catalog {
            countries,
            multi_city_countries,
        }
    }

    pub fn city_count(&self) -> usize {
        self.countries.iter().map(|c| c.cities.len()).sum()
    }
}

/// An invented news outlet and its house style.
#[derive(Debug)]
pub struct Outlet {
    pub name: &'static str,
    pub domain: &'static str,
    /// Short tag used in wire datelines: "CHICAGO (Wire) —".
    pub wire_tag: &'static str,
    /// How often its pages come with scraped player and menu debris.
    pub boilerplate: f64,
    /// Dateline style: 0 "CITY, Country --", 1 "CITY (Tag) —", 2 none.
    pub dateline_style: u8,
}

pub const OUTLETS: &[Outlet] = &[
    Outlet {
        name: "Continental Wire",
        domain: "continentalwire.example",
        wire_tag: "Wire",
        boilerplate: 0.1,
        dateline_style: 1,
    },
    Outlet {
        name: "Global Dispatch",
        domain: "globaldispatch.example",
        wire_tag: "GD",
        boilerplate: 0.2,
        dateline_style: 1,
    },
    Outlet {
        name: "The Daily Meridian",
        domain: "dailymeridian.example",
        wire_tag: "Meridian",
        boilerplate: 0.5,
        dateline_style: 0,
    },
    Outlet {
        name: "Northern Ledger",
        domain: "northernledger.example",
        wire_tag: "NL",
        boilerplate: 0.3,
        dateline_style: 2,
    },
    Outlet {
        name: "Civic Observer",
        domain: "civicobserver.example",
        wire_tag: "CO",
        boilerplate: 0.6,
        dateline_style: 0,
    },
    Outlet {
        name: "Free Airwaves Radio",
        domain: "freeairwaves.example",
        wire_tag: "FAR",
        boilerplate: 0.8,
        dateline_style: 0,
    },
    Outlet {
        name: "Eastbound Press",
        domain: "eastboundpress.example",
        wire_tag: "EP",
        boilerplate: 0.2,
        dateline_style: 1,
    },
    Outlet {
        name: "Frontline Times",
        domain: "frontlinetimes.example",
        wire_tag: "FT",
        boilerplate: 0.4,
        dateline_style: 2,
    },
    Outlet {
        name: "Harbor Post",
        domain: "harborpost.example",
        wire_tag: "HP",
        boilerplate: 0.3,
        dateline_style: 0,
    },
    Outlet {
        name: "Open Square News",
        domain: "opensquare.example",
        wire_tag: "OSN",
        boilerplate: 0.7,
        dateline_style: 0,
    },
    Outlet {
        name: "Rights Monitor Weekly",
        domain: "rightsmonitor.example",
        wire_tag: "RMW",
        boilerplate: 0.3,
        dateline_style: 2,
    },
    Outlet {
        name: "The Evening Courier",
        domain: "eveningcourier.example",
        wire_tag: "Courier",
        boilerplate: 0.4,
        dateline_style: 1,
    },
    Outlet {
        name: "World Desk",
        domain: "worlddesk.example",
        wire_tag: "WD",
        boilerplate: 0.2,
        dateline_style: 1,
    },
    Outlet {
        name: "Plainview Journal",
        domain: "plainviewjournal.example",
        wire_tag: "PJ",
        boilerplate: 0.5,
        dateline_style: 0,
    },
    Outlet {
        name: "Crossroads Broadcasting",
        domain: "crossroadsbc.example",
        wire_tag: "CB",
        boilerplate: 0.9,
        dateline_style: 0,
    },
    Outlet {
        name: "The Lantern",
        domain: "thelantern.example",
        wire_tag: "Lantern",
        boilerplate: 0.3,
        dateline_style: 2,
    },
    Outlet {
        name: "Atlas News Agency",
        domain: "atlasnews.example",
        wire_tag: "Atlas",
        boilerplate: 0.1,
        dateline_style: 1,
    },
    Outlet {
        name: "Signal Bulletin",
        domain: "signalbulletin.example",
        wire_tag: "SB",
        boilerplate: 0.6,
        dateline_style: 0,
    },
];

pub const FIRST_NAMES: &[&str] = &[
    "Amina", "Daniyar", "Elena", "Marat", "Sofia", "Tomas", "Leila", "Arman", "Nadia", "Karim",
    "Irina", "Yusuf", "Grace", "Pavel", "Zarina", "Oleg", "Fatima", "Samuel", "Aigerim", "Viktor",
    "Maria", "Chidi", "Lucia", "Bakyt", "Hana", "Ruslan", "Teresa", "Omar", "Dana", "Ivan",
];

pub const LAST_NAMES: &[&str] = &[
    "Sadykova",
    "Petrov",
    "Okafor",
    "Mendes",
    "Kassymov",
    "Novak",
    "Haddad",
    "Ibragimov",
    "Lindqvist",
    "Moreno",
    "Tulegenov",
    "Adeyemi",
    "Horvath",
    "Karimova",
    "Bekov",
    "Silva",
    "Rahimi",
    "Kowalski",
    "Nurlanov",
    "Ortega",
    "Abenova",
    "Dimitrov",
    "Mensah",
    "Volkova",
    "Serikbayev",
];

pub const OCCUPATIONS: &[&str] = &[
    "schoolteacher",
    "pensioner",
    "university student",
    "taxi driver",
    "nurse",
    "engineer",
    "shop owner",
    "software developer",
    "retired miner",
    "journalist",
    "doctor",
    "factory worker",
    "lawyer",
    "mother of three",
];

/// Organization names are built from these parts per country so that each
/// country has its own recurring movements.
pub const MOVEMENT_PATTERNS: &[&str] = &[
    "Democratic Choice of {country}",
    "{country} Civic Front",
    "Free {country} Movement",
    "the People's Voice Party",
    "the Union for Fair Elections",
    "the Independent Trade Union Confederation",
    "the Oppositional Democratic Party",
    "Youth for Change",
    "the Alliance of Free Workers",
    "the {country} Green Coalition",
];

pub const RIGHTS_GROUPS: &[&str] = &[
    "the Bureau for Human Rights",
    "the Open Dialogue Committee",
    "Justice Watch",
    "the Citizens' Legal Aid Network",
    "the Monitors' Freedom Forum",
];

/// Named spots inside a city. Generic on purpose: none is a city name.
pub const SUB_PLACES: &[&str] = &[
    "the central square",
    "Independence Square",
    "the city hall",
    "the regional administration building",
    "the main railway station",
    "Victory Park",
    "the state university campus",
    "the parliament building",
    "the old market",
    "the port gates",
    "the central stadium",
    "Republic Avenue",
    "the courthouse",
    "the television centre",
    "Freedom Boulevard",
];

pub const GRIEVANCES: &[&str] = &[
    "rising fuel prices",
    "the results of the parliamentary election",
    "a proposed law on public assemblies",
    "the arrest of an opposition leader",
    "unpaid wages",
    "corruption in the local administration",
    "a planned increase in utility tariffs",
    "restrictions on independent media",
    "the demolition of a historic neighbourhood",
    "a rise in the retirement age",
    "the handling of a deadly factory fire",
    "a ban on opposition parties",
];

pub const INDUSTRIES: &[&str] = &[
    "oil",
    "copper mine",
    "railway",
    "port",
    "steel plant",
    "textile",
    "bus depot",
    "coal mine",
];
