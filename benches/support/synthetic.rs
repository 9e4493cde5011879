//! Synthetic reports for the clustering bench and the scale run: many
//! countries, cities and days, several reports per incident, some reports
//! describing a day of action in two cities with a national figure.
//! Deterministic (a fixed linear congruential generator), no IO.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use concord::cluster::ReportInput;
use concord::extract::model::*;
use concord::report::Report;

pub const COUNTRIES: u32 = 60;
pub const CITIES_PER_COUNTRY: u32 = 40;
pub const DAYS: i64 = 730;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn city(country: u32, city: u32) -> PlaceRef {
    PlaceRef {
        geonames_id: 10_000_000 + country * 1000 + city,
        name: format!("City {country}-{city}"),
        level: PlaceLevel::City,
        country: format!("Country {country}"),
        country_code: format!("Q{country:02}"),
        lat: country as f64,
        lon: city as f64,
    }
}

fn country(country: u32) -> PlaceRef {
    PlaceRef {
        geonames_id: 20_000_000 + country,
        name: format!("Country {country}"),
        level: PlaceLevel::Country,
        country: format!("Country {country}"),
        country_code: format!("Q{country:02}"),
        lat: country as f64,
        lon: 0.0,
    }
}

fn day_date(day: NaiveDate) -> Option<EventDate> {
    Some(EventDate {
        date: Some(day),
        precision: DatePrecision::Day,
        text: day.to_string(),
        span: [0, 10],
        weak: false,
    })
}

fn figure(metric: Metric, value: u64, qualifier: Qualifier, places: Vec<String>) -> Figure {
    let (lo, hi) = match qualifier {
        Qualifier::MoreThan => (value + 1, None),
        Qualifier::Approx => (value * 8 / 10, Some(value * 12 / 10 + 1)),
        _ => (value, Some(value)),
    };
    Figure {
        metric,
        value: Some(value),
        value_hi: None,
        qualifier,
        lo,
        hi,
        places,
        scope_from: concord::extract::model::ScopeSource::Stated,
        span: [10, 14],
        quote: value.to_string(),
        sentence: format!("Police detained {value} people."),
        sentence_span: [0, 30],
        qualifier_words: None,
        phrase: None,
        attributed_to: None,
        background: false,
        date: None,
        extractor_version: EXTRACTOR_VERSION.to_string(),
        coded: None,
        quoted_from: Default::default(),
    }
}

/// One synthetic report about incident `incident` (its place and day
/// derive from the number), the `copy`-th report about it.
pub fn synthetic_report(seq: u64, incident: u64, copy: u64, rng_seed: u64) -> ReportInput {
    let mut rng = Lcg(incident.wrapping_mul(0x9E3779B97F4A7C15) ^ rng_seed);
    let country_index = (rng.below(COUNTRIES as u64)) as u32;
    let city_index = (rng.below(CITIES_PER_COUNTRY as u64)) as u32;
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
        + Duration::days(rng.below(DAYS as u64) as i64);
    let organizer = rng.below(500);
    let true_count = 5 + rng.below(200);
    // A tenth of the incidents are a day of action also held in a second city.
    let multi_city = rng.below(10) == 0;
    let second_city =
        (city_index + 1 + rng.below(CITIES_PER_COUNTRY as u64 - 1) as u32) % CITIES_PER_COUNTRY;
    let mut per_report = Lcg(seq ^ rng_seed.rotate_left(17));
    let reported = true_count + per_report.below(true_count / 4 + 1);
    let main_place = city(country_index, city_index);
    let id = format!("synthetic-{seq}");
    let mut figures = vec![figure(
        Metric::Detained,
        reported,
        Qualifier::Approx,
        vec![main_place.name.clone()],
    )];
    let mut mentions = vec![Mention {
        date: day_date(day),
        place: Some(main_place.clone()),
        sub_places: Vec::new(),
        background: false,
        figures: vec![0],
    }];
    if multi_city && copy.is_multiple_of(2) {
        let second = city(country_index, second_city);
        figures.push(figure(
            Metric::Detained,
            reported / 2 + 1,
            Qualifier::Exact,
            vec![second.name.clone()],
        ));
        figures.push(figure(
            Metric::Detained,
            reported * 2,
            Qualifier::MoreThan,
            vec![second.country.clone()],
        ));
        mentions.push(Mention {
            date: day_date(day),
            place: Some(second),
            sub_places: Vec::new(),
            background: false,
            figures: vec![1],
        });
    }
    let mut report = Report::new(
        id.clone(),
        format!("Synthetic report {seq} about incident {incident}."),
    );
    report.outlet = Some(format!("Outlet {}", per_report.below(30)));
    report.published = Some(day + Duration::days(per_report.below(3) as i64));
    let headline = format!(
        "Police detain protesters in {} as group {organizer} rallies (update {copy})",
        main_place.name
    );
    report.title = Some(headline.clone());
    ReportInput {
        digest: None,
        seq,
        report,
        extraction: Extraction {
            report: id,
            extractor_version: EXTRACTOR_VERSION.to_string(),
            main: MainEvent {
                date: day_date(day),
                place: Some(main_place.clone()),
                country: Some(main_place.country.clone()),
                sub_places: Vec::new(),
                kind: EventKind::Protest,
                dateline: None,
            },
            mentions,
            figures,
            organizers: vec![Organizer {
                name: format!("Movement {organizer}"),
                aliases: Vec::new(),
                key: format!("movement {organizer}"),
            }],
            people: Vec::new(),
            headline: Some(headline),
            diagnostics: Vec::new(),
            places: Vec::new(),
        },
    }
}

/// Reports until `mentions` mentions: incidents get 2 to 6 reports each.
pub fn synthetic_reports(mentions: usize, rng_seed: u64) -> Vec<ReportInput> {
    synthetic_report_stream(mentions, rng_seed).collect()
}

/// The same reports as `synthetic_reports`, generated as they are read, so
/// a scale run never holds the whole input at once (as a replay streams
/// reports from the log).
pub fn synthetic_report_stream(
    mentions: usize,
    rng_seed: u64,
) -> impl Iterator<Item = ReportInput> {
    let mut count = 0usize;
    let mut seq = 0u64;
    let mut incident = 0u64;
    let mut copy = 0u64;
    let mut rng = Lcg(rng_seed);
    let mut copies = 2 + rng.below(5);
    let _ = country(0);
    std::iter::from_fn(move || {
        if count >= mentions {
            return None;
        }
        if copy >= copies {
            incident += 1;
            copy = 0;
            copies = 2 + rng.below(5);
        }
        let report = synthetic_report(seq, incident, copy, rng_seed);
        count += report.extraction.mentions.len();
        seq += 1;
        copy += 1;
        Some(report)
    })
}
