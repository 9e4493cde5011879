//! Plans the incidents a story is about (what really happened, with true
//! counts) before any outlet writes about them. Keeps one incident per city
//! per day, so that the gold's definition of an incident ("one event on one
//! day in one place") holds across the whole corpus.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::catalog::{Catalog, GRIEVANCES, INDUSTRIES, MOVEMENT_PATTERNS, SUB_PLACES};
use super::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Protest,
    Detentions,
    Strike,
    Clash,
    Shooting,
}

impl Kind {
    pub fn gold(self) -> &'static str {
        match self {
            Kind::Protest => "protest",
            Kind::Detentions => "detentions",
            Kind::Strike => "strike",
            Kind::Clash => "clash",
            Kind::Shooting => "shooting",
        }
    }
}

/// True counts of one city-level event; `None` where nothing of the kind
/// happened (or nobody counted).
#[derive(Debug, Clone, Copy, Default)]
pub struct Truth {
    pub participants: Option<u64>,
    pub detained: Option<u64>,
    pub injured: Option<u64>,
    pub killed: Option<u64>,
}

impl Truth {
    pub fn get(&self, metric: &str) -> Option<u64> {
        match metric {
            "participants" => self.participants,
            "detained" => self.detained,
            "injured" => self.injured,
            "killed" => self.killed,
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CityEvent {
    pub id: String,
    /// Index into the country's `cities`.
    pub city: usize,
    pub truth: Truth,
    pub sub_place: &'static str,
}

/// An earlier event a report mentions only as context.
#[derive(Debug, Clone)]
pub struct Background {
    pub id: String,
    pub city: usize,
    pub date: NaiveDate,
    /// "day", "month" or "year": how precisely reports date it.
    pub precision: &'static str,
    pub kind: Kind,
    pub metric: &'static str,
    pub value: u64,
}

#[derive(Debug, Clone)]
pub struct PlannedIncident {
    /// The cluster id: the parent for a day of action, else the city event.
    pub id: String,
    pub country: usize,
    pub date: NaiveDate,
    pub kind: Kind,
    pub organizer: Option<String>,
    pub grievance: &'static str,
    /// A day of action across several cities (a parent with children).
    pub national: bool,
    pub cities: Vec<CityEvent>,
    /// An event of months or a year before, in one of the cities.
    pub background: Option<Background>,
    /// Detentions the day before, in the main city.
    pub eve: Option<Background>,
    /// Index of the headline pattern; lookalike twins share it.
    pub headline_pattern: usize,
    pub hard_negative: Option<(String, &'static str)>,
    pub report_count: usize,
}

impl PlannedIncident {
    /// Summed true counts over the cities.
    pub fn total(&self, metric: &str) -> Option<u64> {
        let values: Vec<u64> = self
            .cities
            .iter()
            .filter_map(|c| c.truth.get(metric))
            .collect();
        if values.is_empty() {
            None
        } else {
            Some(values.iter().sum())
        }
    }
}

/// Log-uniform integer in `low..=high`: crowds of 50 are as common as
/// crowds of 5,000 are rare relative to their size.
fn log_uniform(rng: &mut SplitMix64, low: u64, high: u64) -> u64 {
    let value = rng
        .uniform((low as f64).ln(), (high as f64 + 1.0).ln())
        .exp();
    (value as u64).clamp(low, high)
}

fn truth_for(rng: &mut SplitMix64, kind: Kind, national: bool) -> Truth {
    let scale = if national { 0.5 } else { 1.0 };
    let crowd = |rng: &mut SplitMix64, low: u64, high: u64| {
        ((log_uniform(rng, low, high) as f64) * scale).max(8.0) as u64
    };
    let mut truth = Truth::default();
    match kind {
        Kind::Protest => {
            let participants = crowd(rng, 30, 20_000);
            truth.participants = Some(participants);
            if rng.chance(0.7) {
                truth.detained =
                    Some(((participants as f64) * rng.uniform(0.03, 0.3)).max(3.0) as u64);
            }
            if rng.chance(0.2) {
                truth.injured = Some(rng.between(2, 30));
            }
        }
        Kind::Detentions => {
            truth.detained = Some(crowd(rng, 10, 300));
            if rng.chance(0.5) {
                truth.participants = Some(truth.detained.unwrap_or(10) * rng.between(2, 6));
            }
        }
        Kind::Strike => {
            truth.participants = Some(crowd(rng, 50, 10_000));
            if rng.chance(0.15) {
                truth.detained = Some(rng.between(3, 25));
            }
        }
        Kind::Clash => {
            truth.participants = Some(crowd(rng, 100, 5_000));
            truth.injured = Some(log_uniform(rng, 5, 120));
            if rng.chance(0.7) {
                truth.detained = Some(log_uniform(rng, 10, 200));
            }
            if rng.chance(0.3) {
                truth.killed = Some(rng.between(2, 15));
            }
        }
        Kind::Shooting => {
            truth.killed = Some(rng.between(2, 12));
            truth.injured = Some(log_uniform(rng, 2, 40));
        }
    }
    truth
}

/// Which hard negative a twin incident is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HardNegative {
    SameCityLaterDay,
    SameDayOtherCity,
    LookalikeHeadline,
}

impl HardNegative {
    pub fn gold(self) -> &'static str {
        match self {
            HardNegative::SameCityLaterDay => "same_city_later_day",
            HardNegative::SameDayOtherCity => "same_day_other_city",
            HardNegative::LookalikeHeadline => "lookalike_headline",
        }
    }
}

/// Number of headline patterns per family (see compose.rs); planning only
/// needs the count so twins can share one.
pub const HEADLINE_PATTERNS: usize = 6;

pub struct Planner<'a> {
    pub catalog: &'a Catalog,
    start: NaiveDate,
    span_days: i64,
    /// (country, city, day) taken by an incident or a dated background.
    taken_city_days: HashSet<(u32, u32, i64)>,
    /// (country, day) taken by a day of action.
    taken_country_days: HashSet<(u32, i64)>,
    next_incident: u64,
}

impl<'a> Planner<'a> {
    pub fn new(catalog: &'a Catalog, expected_stories: u64) -> Planner<'a> {
        let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default();
        // Keep incidents sparse per city-day so that collisions are rare and
        // retries cheap, even with a small gazetteer.
        let cities = catalog.city_count().max(1) as i64;
        // Capped so that date arithmetic stays far inside chrono's range
        // whatever N is asked for; past the cap, NoRoom is reported instead.
        let span_days = (12 * 365)
            .max((expected_stories.min(1 << 40) as i64) * 8 / cities)
            .min(200_000);
        Planner {
            catalog,
            start,
            span_days,
            taken_city_days: HashSet::new(),
            taken_country_days: HashSet::new(),
            next_incident: 0,
        }
    }

    fn day_number(&self, date: NaiveDate) -> i64 {
        (date - self.start).num_days()
    }

    fn city_free(&self, country: usize, city: usize, date: NaiveDate) -> bool {
        !self
            .taken_city_days
            .contains(&(country as u32, city as u32, self.day_number(date)))
    }

    fn take_city(&mut self, country: usize, city: usize, date: NaiveDate) {
        let day = self.day_number(date);
        self.taken_city_days
            .insert((country as u32, city as u32, day));
    }

    fn new_id(&mut self) -> String {
        self.next_incident += 1;
        format!("i{:07}", self.next_incident)
    }

    fn random_date(&self, rng: &mut SplitMix64) -> NaiveDate {
        self.start + Duration::days(rng.below(self.span_days as usize) as i64)
    }

    fn organizer(rng: &mut SplitMix64, kind: Kind, country: &str) -> Option<String> {
        match kind {
            Kind::Shooting => None,
            Kind::Strike => Some(format!(
                "{} Workers' Union",
                title_word(rng.pick(INDUSTRIES))
            )),
            _ => {
                let pattern = rng.pick(MOVEMENT_PATTERNS);
                let name = pattern.replace("{country}", country);
                Some(name.trim_start_matches("the ").to_string())
            }
        }
    }

    /// Plans the main incident of a story; `None` when the catalog has no
    /// room left (never in practice: the date span grows with the corpus).
    pub fn plan_primary(&mut self, rng: &mut SplitMix64) -> Option<PlannedIncident> {
        let national = !self.catalog.multi_city_countries.is_empty() && rng.chance(0.35);
        let country = if national {
            rng.pick(&self.catalog.multi_city_countries)
        } else {
            rng.below(self.catalog.countries.len())
        };
        let kind = if national {
            rng.pick(&[
                Kind::Protest,
                Kind::Protest,
                Kind::Detentions,
                Kind::Detentions,
                Kind::Strike,
            ])
        } else {
            rng.pick(&[
                Kind::Protest,
                Kind::Protest,
                Kind::Detentions,
                Kind::Strike,
                Kind::Clash,
                Kind::Shooting,
            ])
        };
        let headline_pattern = rng.below(HEADLINE_PATTERNS);
        for _ in 0..60 {
            let date = self.random_date(rng);
            let planned = if national {
                self.try_national(rng, country, date, kind, headline_pattern)
            } else {
                let city = self.pick_city(rng, country);
                self.try_single(rng, country, city, date, kind, headline_pattern)
            };
            if planned.is_some() {
                return planned;
            }
        }
        None
    }

    /// Large cities are in the news more often.
    fn pick_city(&self, rng: &mut SplitMix64, country: usize) -> usize {
        let cities = self.catalog.countries[country].cities.len();
        let first = rng.below(cities);
        let second = rng.below(cities);
        first.min(second)
    }

    fn try_national(
        &mut self,
        rng: &mut SplitMix64,
        country: usize,
        date: NaiveDate,
        kind: Kind,
        headline_pattern: usize,
    ) -> Option<PlannedIncident> {
        if self
            .taken_country_days
            .contains(&(country as u32, self.day_number(date)))
        {
            return None;
        }
        let available: Vec<usize> = (0..self.catalog.countries[country].cities.len())
            .filter(|&city| self.city_free(country, city, date))
            .collect();
        if available.len() < 2 {
            return None;
        }
        let wanted = rng.between(2, 5).min(available.len() as u64) as usize;
        // The largest free city always takes part: days of action centre on it.
        let mut chosen = vec![available[0]];
        let mut rest: Vec<usize> = available[1..].to_vec();
        rng.shuffle(&mut rest);
        chosen.extend(rest.into_iter().take(wanted - 1));
        chosen.sort_unstable();
        let id = self.new_id();
        let country_name = self.catalog.countries[country].name.clone();
        let mut cities = Vec::new();
        for (position, city) in chosen.iter().enumerate() {
            self.take_city(country, *city, date);
            cities.push(CityEvent {
                id: format!("{id}-{}", position + 1),
                city: *city,
                truth: truth_for(rng, kind, true),
                sub_place: rng.pick(SUB_PLACES),
            });
        }
        self.taken_country_days
            .insert((country as u32, self.day_number(date)));
        let mut incident = PlannedIncident {
            id,
            country,
            date,
            kind,
            organizer: Self::organizer(rng, kind, &country_name),
            grievance: rng.pick(GRIEVANCES),
            national: true,
            cities,
            background: None,
            eve: None,
            headline_pattern,
            hard_negative: None,
            report_count: 2 + rng.below(4),
        };
        self.add_context_events(rng, &mut incident);
        Some(incident)
    }

    fn try_single(
        &mut self,
        rng: &mut SplitMix64,
        country: usize,
        city: usize,
        date: NaiveDate,
        kind: Kind,
        headline_pattern: usize,
    ) -> Option<PlannedIncident> {
        if !self.city_free(country, city, date) {
            return None;
        }
        self.take_city(country, city, date);
        let id = self.new_id();
        let country_name = self.catalog.countries[country].name.clone();
        let mut incident = PlannedIncident {
            id: id.clone(),
            country,
            date,
            kind,
            organizer: Self::organizer(rng, kind, &country_name),
            grievance: rng.pick(GRIEVANCES),
            national: false,
            cities: vec![CityEvent {
                id,
                city,
                truth: truth_for(rng, kind, false),
                sub_place: rng.pick(SUB_PLACES),
            }],
            background: None,
            eve: None,
            headline_pattern,
            hard_negative: None,
            report_count: 2 + rng.below(4),
        };
        self.add_context_events(rng, &mut incident);
        Some(incident)
    }

    /// Background events: an earlier one months before (month or year
    /// precision) and sometimes detentions on the eve (day precision).
    fn add_context_events(&mut self, rng: &mut SplitMix64, incident: &mut PlannedIncident) {
        let main_city = incident.cities[0].city;
        if rng.chance(0.45) {
            let months_before = rng.between(2, 30) as i64;
            let date = incident.date - Duration::days(months_before * 30 + rng.below(20) as i64);
            let precision = if rng.chance(0.2) { "year" } else { "month" };
            let (kind, metric, value) = match rng.below(4) {
                0 => (Kind::Clash, "killed", rng.between(2, 40)),
                1 => (Kind::Protest, "participants", log_uniform(rng, 100, 30_000)),
                _ => (Kind::Detentions, "detained", log_uniform(rng, 10, 500)),
            };
            let id = format!("{}-b", incident.id);
            incident.background = Some(Background {
                id,
                city: main_city,
                date,
                precision,
                kind,
                metric,
                value,
            });
        }
        if incident.kind != Kind::Shooting && rng.chance(0.2) {
            let date = incident.date - Duration::days(1);
            if self.city_free(incident.country, main_city, date) {
                self.take_city(incident.country, main_city, date);
                let id = format!("{}-e", incident.id);
                let value = rng.between(3, 40);
                incident.eve = Some(Background {
                    id,
                    city: main_city,
                    date,
                    precision: "day",
                    kind: Kind::Detentions,
                    metric: "detained",
                    value,
                });
            }
        }
    }

    /// A second incident built to be confused with `primary`.
    pub fn plan_twin(
        &mut self,
        rng: &mut SplitMix64,
        primary: &PlannedIncident,
    ) -> Option<PlannedIncident> {
        let choice = match rng.below(3) {
            0 => HardNegative::SameCityLaterDay,
            1 => HardNegative::SameDayOtherCity,
            _ => HardNegative::LookalikeHeadline,
        };
        let country = primary.country;
        let mut twin = match choice {
            HardNegative::SameCityLaterDay => {
                let days_later = rng.pick(&[2i64, 2, 1, 3]);
                let city = primary.cities[rng.below(primary.cities.len())].city;
                let kind = if primary.kind == Kind::Shooting {
                    Kind::Protest
                } else {
                    primary.kind
                };
                let date = primary.date + Duration::days(days_later);
                self.try_single(rng, country, city, date, kind, primary.headline_pattern)?
            }
            HardNegative::SameDayOtherCity => {
                let other_country = rng.below(self.catalog.countries.len());
                let city = self.pick_city(rng, other_country);
                let kind = if primary.national {
                    Kind::Protest
                } else {
                    primary.kind
                };
                if other_country == country && primary.cities.iter().any(|c| c.city == city) {
                    return None;
                }
                self.try_single(
                    rng,
                    other_country,
                    city,
                    primary.date,
                    kind,
                    primary.headline_pattern,
                )?
            }
            HardNegative::LookalikeHeadline => {
                let date = primary.date + Duration::days(rng.between(20, 200) as i64);
                if primary.national {
                    self.try_national(rng, country, date, primary.kind, primary.headline_pattern)?
                } else {
                    let city = primary.cities[0].city;
                    self.try_single(
                        rng,
                        country,
                        city,
                        date,
                        primary.kind,
                        primary.headline_pattern,
                    )?
                }
            }
        };
        twin.hard_negative = Some((primary.id.clone(), choice.gold()));
        twin.report_count = 1 + rng.below(3);
        Some(twin)
    }
}

/// "oil" → "Oil", for organization names.
pub fn title_word(word: &str) -> String {
    word.split(' ')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
