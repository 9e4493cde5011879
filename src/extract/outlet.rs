//! Where an outlet is at home, read from its address: the country of a
//! country-code domain ("tengrinews.kz", "bbc.co.uk") and a city its
//! domain names ("dallasnews.com", "kansascity.com", "nbcmiami.com"). Weak
//! evidence, used as such: a vote for the report's country and region, a
//! nudge for a candidate near the home city, and the main place only when
//! the report names no city at all. A metro outlet covers its suburbs, so
//! the home city is never preferred over a city the text names.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::extract::model::PlaceLevel;
use crate::gazetteer::{Gazetteer, PlaceIndex, fold_name};

/// What an outlet's address says about where its reports are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OutletHome {
    pub country: Option<PlaceIndex>,
    /// The most populous city of the name the domain holds, or the city
    /// the site's name writes with its state.
    pub city: Option<PlaceIndex>,
    /// The city is only a name in the domain: "parisbeacon.com" may be
    /// any Paris, and the report's places say which (`places.rs`).
    pub city_is_a_name: bool,
    /// The address gives no country and cities of the domain's city name
    /// lie in several ("parisbeacon.com": France's Paris is the biggest,
    /// but the paper is in Illinois): the report's own places say which.
    pub country_is_uncertain: bool,
    /// A city whose name is also a common word ("Buffalo", "Reading",
    /// "Billings") opening a label of the domain ("buffalonews.com"): no
    /// home by itself (`unionleader.com` is no paper of Union, New
    /// Jersey), but the word written as a place in the report ("in
    /// Buffalo", "Buffalo police") is that city (`places.rs`).
    pub common_word_city: Option<PlaceIndex>,
}

/// Population from which a namesake abroad makes a domain's city name say
/// nothing sure of the outlet's country.
const NAMESAKE_ABROAD_MIN_POPULATION: u64 = 5_000;

/// A city of `city`'s very name (not an alternate name) in another country.
fn has_namesake_abroad(gazetteer: &Gazetteer, city: PlaceIndex) -> bool {
    let place = gazetteer.place(city);
    gazetteer.cities_named(&place.name).any(|p| {
        let other = gazetteer.place(p);
        other.country_code != place.country_code
            && other.population >= NAMESAKE_ABROAD_MIN_POPULATION
    })
}

/// Country-code domains sold to everyone ("news.tv", "radio.fm", "app.io"):
/// no evidence of a country.
const VANITY_COUNTRY_DOMAINS: &[&str] = &[
    "ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "to", "tv", "vc", "ws",
];

/// What may follow a broadcaster's call sign in its domain ("wsbtv",
/// "wistv", "kare11", "komonews").
const CALL_SIGN_SUFFIXES: &[&str] = &["tv", "fm", "am", "radio", "news", ""];

/// Zipf frequency from which a call-sign-like core is an English word
/// ("wave", "week", "kids"), not a station.
const CALL_SIGN_MAX_ZIPF: f32 = 3.0;

/// One way a domain label reads as a call sign: its letters before a
/// channel number of at most two digits, one of [`CALL_SIGN_SUFFIXES`]
/// taken off ("wsbtv" is `wsb` with "tv", "kctv5" `kctv` numbered).
struct CallSignCore<'a> {
    core: &'a str,
    numbered: bool,
    suffixed: bool,
}

/// Every way `label` reads as a call sign, none when what follows its
/// letters is not a channel number.
fn call_sign_cores(label: &str) -> impl Iterator<Item = CallSignCore<'_>> {
    let core_end = label
        .char_indices()
        .find(|(_, c)| !c.is_ascii_lowercase())
        .map_or(label.len(), |(i, _)| i);
    let (letters, digits) = label.split_at(core_end);
    let channel_number = digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 2;
    CALL_SIGN_SUFFIXES
        .iter()
        .filter(move |_| channel_number)
        .filter_map(move |suffix| {
            Some(CallSignCore {
                core: letters.strip_suffix(suffix)?,
                numbered: !digits.is_empty(),
                suffixed: !suffix.is_empty(),
            })
        })
}

/// Whether a call sign's letters are an English word ("wave", "week").
fn is_an_english_word(core: &str) -> bool {
    crate::word_frequency::zipf_frequency(core).is_some_and(|zipf| zipf >= CALL_SIGN_MAX_ZIPF)
}

/// Whether a domain label is a US broadcaster's call sign: three or four
/// letters beginning with K or W (the prefixes the ITU allocates to the
/// United States, which its broadcasters' call signs begin with), then
/// nothing, a channel number, or "tv", "fm", "am", "radio" or "news";
/// three letters only with something after them, and never an English
/// word.
fn is_us_call_sign(label: &str) -> bool {
    call_sign_cores(label).any(|reading| {
        let bare = !reading.numbered && !reading.suffixed;
        let core = reading.core;
        (core.len() == 4 || (core.len() == 3 && !bare))
            && core.starts_with(['k', 'w'])
            && !is_an_english_word(core)
    })
}

/// US television stations' call signs ("wsb", "ksla"), lowercase and
/// without the service suffix, with the GeoNames id of their city of
/// license: facts from the FCC's station table, built by
/// `scripts/build_us_broadcasters.py`.
const EMBEDDED_US_BROADCASTERS: &str = include_str!("../../data/us_broadcasters.tsv");

static US_BROADCASTERS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    crate::gazetteer::table_rows(EMBEDDED_US_BROADCASTERS)
        .filter_map(|row| Some((*row.first()?, row.get(1)?.parse().ok()?)))
        .collect()
});

/// The GeoNames id of the city of license of the station whose call sign
/// a domain label is ("wsbtv" is WSB-TV, Atlanta; "kctv5" KCTV, Kansas
/// City; "komonews" KOMO, Seattle): the label, a channel number and one of
/// [`CALL_SIGN_SUFFIXES`] taken off. A call sign that is an English word
/// ("wave", "king", "week") counts only with a channel number after it
/// ("wave3", "king5"): "wave.com" and "weeknews.com" are no stations'.
fn broadcaster_city_id(label: &str) -> Option<u32> {
    call_sign_cores(label).find_map(|reading| {
        let id = *US_BROADCASTERS.get(reading.core)?;
        (reading.numbered || !is_an_english_word(reading.core)).then_some(id)
    })
}

/// Population from which a city named inside a domain is read as the
/// outlet's home: small towns' names are everywhere inside words.
const HOME_CITY_MIN_POPULATION: u64 = 50_000;

/// Shortest city name (letters) looked for inside a domain label.
const HOME_CITY_MIN_LETTERS: usize = 5;

/// Longest city name (letters) looked for inside a domain label.
const HOME_CITY_MAX_LETTERS: usize = 24;

/// Cities of [`HOME_CITY_MIN_POPULATION`] or more by their name's letters
/// ("kansascity"), the most populous for a shared name; names that are
/// also common words ("Mobile", "Reading") left out.
static CITIES_BY_LETTERS: LazyLock<HashMap<String, PlaceIndex>> =
    LazyLock::new(|| cities_by_letters(false));

/// The cities [`CITIES_BY_LETTERS`] leaves out because their names are
/// common words, the most populous for a shared name: a domain that opens
/// with one ("buffalonews") says only what its text must confirm.
static COMMON_WORD_CITIES_BY_LETTERS: LazyLock<HashMap<String, PlaceIndex>> =
    LazyLock::new(|| cities_by_letters(true));

/// Cities of [`HOME_CITY_MIN_POPULATION`] or more by their name's letters,
/// those whose names are common words or those whose names are not.
fn cities_by_letters(common_words: bool) -> HashMap<String, PlaceIndex> {
    let gazetteer = Gazetteer::global();
    let mut by_letters: HashMap<String, PlaceIndex> = HashMap::new();
    for index in 0..gazetteer.len() {
        let Ok(index) = PlaceIndex::try_from(index) else {
            break;
        };
        let place = gazetteer.place(index);
        if place.level != PlaceLevel::City
            || place.population < HOME_CITY_MIN_POPULATION
            || gazetteer.is_common_word(&place.name) != common_words
        {
            continue;
        }
        let letters: String = fold_name(&place.name)
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        if !(HOME_CITY_MIN_LETTERS..=HOME_CITY_MAX_LETTERS).contains(&letters.len()) {
            continue;
        }
        let more_populous = by_letters
            .get(&letters)
            .is_none_or(|&other| gazetteer.place(other).population < place.population);
        if more_populous {
            by_letters.insert(letters, index);
        }
    }
    by_letters
}

/// The host of an address: scheme, an archive's prefix
/// ("web.archive.org/web/20160701204622/http://..."), "www.", a port and
/// the path removed; lowercase. A bare outlet name that is a domain
/// ("wlwt.com") is its own host.
pub(crate) fn host_of(address: &str) -> Option<String> {
    let mut rest = address.trim();
    loop {
        for scheme in ["https://", "http://"] {
            if let Some(stripped) = rest.strip_prefix(scheme) {
                rest = stripped;
            }
        }
        // An archived copy is the archived page's.
        match rest.strip_prefix("web.archive.org/web/") {
            Some(after) => match after.find('/') {
                Some(slash) => rest = &after[slash + 1..],
                None => return None,
            },
            None => break,
        }
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].split(':').next()?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("www2."))
        .unwrap_or(&host)
        .to_string();
    let well_formed = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    well_formed.then_some(host)
}

/// Where the outlet at `url` (else named `outlet`, when that is a domain)
/// is at home.
pub(crate) fn outlet_home(
    gazetteer: &Gazetteer,
    url: Option<&str>,
    outlet: Option<&str>,
) -> OutletHome {
    let Some(host) = url.and_then(host_of).or_else(|| outlet.and_then(host_of)) else {
        return OutletHome::default();
    };
    let labels: Vec<&str> = host.split('.').collect();
    let Some((&top_level, names)) = labels.split_last() else {
        return OutletHome::default();
    };
    let country = (top_level.len() == 2 && !VANITY_COUNTRY_DOMAINS.contains(&top_level))
        .then(|| {
            // The United Kingdom's domain is not its ISO code.
            let code = if top_level == "uk" { "GB" } else { top_level };
            gazetteer.country_by_code(&code.to_ascii_uppercase())
        })
        .flatten();
    // A known station's city of license is where it is, not a name that
    // may be any namesake's.
    let station_city = (top_level.len() != 2)
        .then(|| {
            names
                .iter()
                .find_map(|label| broadcaster_city_id(label))
                .and_then(|id| gazetteer.by_geonames_id(id))
        })
        .flatten();
    if let Some(city) = station_city {
        return OutletHome {
            country: gazetteer.country_of(city),
            city: Some(city),
            city_is_a_name: false,
            country_is_uncertain: false,
            common_word_city: None,
        };
    }
    // Each label's letters, read by both lookups below.
    let label_letters: Vec<String> = names
        .iter()
        .map(|label| label.chars().filter(char::is_ascii_alphabetic).collect())
        .collect();
    let mut best: Option<(usize, PlaceIndex)> = None;
    for letters in &label_letters {
        for start in 0..letters.len() {
            let longest = (letters.len() - start).min(HOME_CITY_MAX_LETTERS);
            for length in (HOME_CITY_MIN_LETTERS..=longest).rev() {
                if best.is_some_and(|(found, _)| found >= length) {
                    break;
                }
                let Some(&city) = CITIES_BY_LETTERS.get(&letters[start..start + length]) else {
                    continue;
                };
                if country.is_none_or(|c| gazetteer.country_of(city) == Some(c)) {
                    best = Some((length, city));
                    break;
                }
            }
        }
    }
    let city = best.map(|(_, city)| city);
    // Any other broadcaster's call sign ("wxyz.com") is American wherever
    // the domain is registered, but names no city.
    let broadcaster = || {
        (top_level.len() != 2 && names.iter().any(|label| is_us_call_sign(label)))
            .then(|| gazetteer.country_by_code("US"))
            .flatten()
    };
    let common_word_city = if city.is_none() {
        label_letters.iter().find_map(|letters| {
            (HOME_CITY_MIN_LETTERS..=letters.len().min(HOME_CITY_MAX_LETTERS))
                .rev()
                .find_map(|length| COMMON_WORD_CITIES_BY_LETTERS.get(&letters[..length]))
                .copied()
                .filter(|&c| country.is_none_or(|country| gazetteer.country_of(c) == Some(country)))
        })
    } else {
        None
    };
    OutletHome {
        country: country
            .or_else(|| city.and_then(|c| gazetteer.country_of(c)))
            .or_else(broadcaster),
        city,
        city_is_a_name: city.is_some(),
        country_is_uncertain: country.is_none()
            && city.is_some_and(|c| has_namesake_abroad(gazetteer, c)),
        common_word_city,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(url: &str) -> (Option<String>, Option<String>) {
        let gazetteer = Gazetteer::global();
        let found = outlet_home(gazetteer, Some(url), None);
        let name = |p: Option<PlaceIndex>| p.map(|p| gazetteer.place(p).name.clone());
        (name(found.country), name(found.city))
    }

    #[test]
    fn hosts_come_out_of_archived_addresses() {
        assert_eq!(
            host_of("http://web.archive.org/web/20160701204622/http://www.wlwt.com:80/news/a/1")
                .as_deref(),
            Some("wlwt.com")
        );
        assert_eq!(
            host_of("thetowntalk.com").as_deref(),
            Some("thetowntalk.com")
        );
        assert_eq!(host_of("unknown"), None);
        assert_eq!(host_of("http://"), None);
    }

    #[test]
    fn a_city_in_the_domain_is_the_home_and_gives_its_country() {
        let (country, city) = home("https://www.dallasnews.com/news/crime/2016/07/08/x");
        assert_eq!(city.as_deref(), Some("Dallas"));
        assert_eq!(country.as_deref(), Some("United States"));
        assert_eq!(
            home("http://kansascity.com/news").1.as_deref(),
            Some("Kansas City")
        );
    }

    #[test]
    fn a_city_named_like_a_common_word_opening_the_domain_is_no_home_but_is_kept() {
        let gazetteer = Gazetteer::global();
        let found = outlet_home(gazetteer, Some("https://buffalonews.com/crime/x"), None);
        assert_eq!(found.city, None);
        let named = found.common_word_city.map(|p| gazetteer.place(p));
        assert_eq!(named.map(|p| p.name.as_str()), Some("Buffalo"));
        assert_eq!(named.map(|p| p.country_code.as_str()), Some("US"));
        // Only a label's opening letters: "beaumontenterprise" holds the
        // word "enterprise", not a city of that name.
        let found = outlet_home(gazetteer, Some("beaumontenterprise.com"), None);
        assert_eq!(found.common_word_city, None);
        // A domain that names a city the ordinary way keeps no second one.
        let found = outlet_home(gazetteer, Some("dallasnews.com"), None);
        assert_eq!(found.common_word_city, None);
    }

    #[test]
    fn a_known_stations_call_sign_gives_its_city_of_license() {
        for (url, city) in [
            ("http://www.ksla.com/story/1", "Shreveport"),
            ("https://www.wsbtv.com/news/local", "Atlanta"),
            ("http://www.wsoctv.com/x", "Charlotte"),
            ("http://www.kctv5.com/story/2", "Kansas City"),
            ("http://komonews.com/news/local/3", "Seattle"),
            // An English word as a call sign, with its channel beside it.
            ("http://www.wave3.com/story/4", "Louisville"),
        ] {
            assert_eq!(
                home(url),
                (Some("United States".to_string()), Some(city.to_string())),
                "{url}"
            );
        }
    }

    #[test]
    fn an_unknown_call_sign_gives_the_united_states_and_no_city() {
        assert_eq!(
            home("http://www.kzxq.com/story/1"),
            (Some("United States".to_string()), None)
        );
        // English words, words with a country's domain, longer names: no.
        for url in [
            "http://www.wave.com/a",
            "http://weeknews.com/a",
            "http://www.wsb.co.uk/a",
            "http://kyivpost.com/a",
            "http://www.wired.com/a",
        ] {
            assert_ne!(home(url).0.as_deref(), Some("United States"), "{url}");
        }
    }

    #[test]
    fn a_country_domain_gives_the_country_and_limits_the_city() {
        let (country, city) = home("https://tengrinews.kz/kazakhstan_news/x");
        assert_eq!(country.as_deref(), Some("Kazakhstan"));
        assert_eq!(city, None);
        assert_eq!(
            home("https://www.bbc.co.uk/news").0.as_deref(),
            Some("United Kingdom")
        );
        // A vanity domain says nothing.
        assert_eq!(home("https://local.news.tv/a"), (None, None));
    }
}
