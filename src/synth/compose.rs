//! Writes one outlet's report about a planned incident: the headline, the
//! body with its figures (each recorded with its evidence), background and
//! context numbers that are not figures, and scraped-page debris.

use chrono::{Datelike, Duration, NaiveDate};

use super::catalog::{CatalogCountry, FIRST_NAMES, LAST_NAMES, OCCUPATIONS, Outlet, RIGHTS_GROUPS};
use super::dates::{event_day_phrase, month_phrase, weekday_name};
use super::numbers::{CountPhrase, PhrasingMix, digits, phrase_count, round_nice, words};
use super::rng::SplitMix64;
use super::templates::*;
use super::world::{Background, Kind, PlannedIncident, title_word};
use super::writer::{FigureSpec, ReportText};

/// One report as written, before it gets its id in the corpus.
pub struct ComposedReport {
    pub title: String,
    pub text: ReportText,
    /// Indices into `incident.cities` of the city events the report names.
    pub mentioned_cities: Vec<usize>,
    pub mentions_background: bool,
    pub mentions_eve: bool,
}

/// Who a report says gave a number, and how that source tends to skew it.
struct Source {
    in_text: String,
    gold: String,
    low: f64,
    high: f64,
}

fn source(in_text: &str, gold: &str, low: f64, high: f64) -> Source {
    Source {
        in_text: in_text.to_string(),
        gold: gold.to_string(),
        low,
        high,
    }
}

fn pick_source(rng: &mut SplitMix64, metric: &str) -> Option<Source> {
    let options: Vec<Option<Source>> = match metric {
        "participants" => vec![
            Some(source("police", "police", 0.5, 0.9)),
            Some(source("organizers", "organizers", 1.1, 1.8)),
            Some(source(
                "the city administration",
                "city administration",
                0.6,
                0.95,
            )),
            Some(source("witnesses", "witnesses", 0.8, 1.3)),
            None,
            None,
        ],
        "detained" => {
            let group = rng.pick(RIGHTS_GROUPS);
            vec![
                Some(source("police", "police", 0.8, 1.0)),
                Some(source(
                    "the interior ministry",
                    "Interior Ministry",
                    0.75,
                    1.0,
                )),
                Some(source(group, group.trim_start_matches("the "), 1.0, 1.5)),
                Some(source(
                    "lawyers for the detainees",
                    "lawyers for the detainees",
                    0.9,
                    1.3,
                )),
                None,
                None,
            ]
        }
        _ => vec![
            Some(source("health officials", "health officials", 0.9, 1.1)),
            Some(source("the health ministry", "Health Ministry", 0.9, 1.1)),
            Some(source("police", "police", 0.8, 1.0)),
            Some(source("hospital staff", "hospital staff", 0.9, 1.2)),
            None,
        ],
    };
    let index = rng.below(options.len());
    options.into_iter().nth(index).flatten()
}

fn perturb(rng: &mut SplitMix64, truth: u64, source: &Option<Source>) -> u64 {
    let (low, high) = source
        .as_ref()
        .map(|s| (s.low, s.high))
        .unwrap_or((0.85, 1.2));
    ((truth as f64) * rng.uniform(low, high)).round().max(2.0) as u64
}

fn event_noun(rng: &mut SplitMix64, kind: Kind) -> &'static str {
    rng.pick(match kind {
        Kind::Protest => EVENT_NOUNS_PROTEST,
        Kind::Detentions => EVENT_NOUNS_DETENTIONS,
        Kind::Strike => EVENT_NOUNS_STRIKE,
        Kind::Clash => EVENT_NOUNS_CLASH,
        Kind::Shooting => EVENT_NOUNS_SHOOTING,
    })
}

fn people_noun(rng: &mut SplitMix64, kind: Kind, metric: &str) -> &'static str {
    match (kind, metric) {
        (Kind::Strike, "participants") => rng.pick(WORKER_NOUNS),
        (_, "injured" | "killed") => "people",
        (Kind::Shooting, _) => "people",
        _ => rng.pick(PEOPLE_NOUNS),
    }
}

fn clause_templates(kind: Kind, metric: &str) -> &'static [&'static str] {
    match (kind, metric) {
        (_, "detained") => DETAINED_CLAUSES,
        (Kind::Strike, "participants") => STRIKE_CLAUSES,
        (_, "participants") => PARTICIPANT_CLAUSES,
        (_, "injured") => INJURED_CLAUSES,
        (Kind::Shooting, _) => SHOOTING_KILLED_CLAUSES,
        _ => KILLED_CLAUSES,
    }
}

/// "more than 100" → "More Than 100", for headlines.
fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut word = word.to_string();
            if let Some(first) = word.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            word
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn person(rng: &mut SplitMix64) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

/// Picks the metric a report leads with.
fn lead_metric(rng: &mut SplitMix64, incident: &PlannedIncident) -> &'static str {
    let has = |metric: &str| incident.total(metric).is_some();
    let preferred: &[&'static str] = match incident.kind {
        Kind::Shooting => &["killed", "injured"],
        Kind::Clash => &["injured", "detained", "participants"],
        Kind::Detentions => &["detained", "participants"],
        Kind::Strike => &["participants", "detained"],
        Kind::Protest => {
            // Outlets covering one protest mostly lead alike; lookalike
            // twins share the pattern index and therefore the preference.
            let prefers_detained = incident.headline_pattern.is_multiple_of(2);
            if rng.chance(0.8) == prefers_detained {
                &["detained", "participants"]
            } else {
                &["participants", "detained"]
            }
        }
    };
    preferred
        .iter()
        .copied()
        .find(|m| has(m))
        .unwrap_or("participants")
}

struct Writer<'a> {
    rng: &'a mut SplitMix64,
    incident: &'a PlannedIncident,
    country: &'a CatalogCountry,
    outlet: &'a Outlet,
    published: NaiveDate,
    out: ReportText,
    event: &'static str,
    date_phrase: String,
    mentioned: Vec<usize>,
    mentions_background: bool,
    mentions_eve: bool,
    /// True once the main city has been named (dateline or text).
    city_named: bool,
}

impl Writer<'_> {
    fn city_name(&self, position: usize) -> &str {
        self.incident
            .cities
            .get(position)
            .and_then(|c| self.country.cities.get(c.city))
            .map(|c| c.name.as_str())
            .unwrap_or(self.country.name.as_str())
    }

    /// The count one source gives for a true value, in this outlet's words.
    fn reported(&mut self, truth: u64, source: &Option<Source>) -> CountPhrase {
        let value = perturb(self.rng, truth, source);
        phrase_count(self.rng, value, PhrasingMix::default())
    }

    fn mention(&mut self, position: usize) {
        if !self.mentioned.contains(&position) {
            self.mentioned.push(position);
        }
    }

    fn organizer(&self) -> String {
        self.incident.organizer.clone().unwrap_or_default()
    }

    /// The organizer as it reads mid-sentence ("the Alliance of Free Workers").
    fn organizer_in_text(&self) -> String {
        let name = self.organizer();
        if name.starts_with("Democratic Choice")
            || name.starts_with("Free ")
            || name.starts_with("Youth")
        {
            name
        } else {
            format!("the {name}")
        }
    }

    fn fill(&self, template: &str, extra: &[(&str, &str)]) -> String {
        let org = self.organizer_in_text();
        let city = self.city_name(0).to_string();
        let mut values: Vec<(&str, &str)> = vec![
            ("event", self.event),
            ("country", self.country.name.as_str()),
            ("city", city.as_str()),
            ("org", org.as_str()),
            ("grievance", self.incident.grievance),
        ];
        values.extend_from_slice(extra);
        fill(template, &values)
    }

    /// A sentence carrying one figure: optional attribution before or after,
    /// the date before or after, the clause itself as evidence.
    #[allow(clippy::too_many_arguments)]
    fn figure_sentence(
        &mut self,
        clause: &str,
        count: CountPhrase,
        metric: &'static str,
        incident: String,
        places: Vec<String>,
        date: Option<&str>,
        source: &Option<Source>,
        required: bool,
    ) {
        let attribution_style = if source.is_some() {
            self.rng.below(4)
        } else {
            4
        };
        let date_first = date.is_some() && attribution_style != 1 && self.rng.chance(0.35);
        match (attribution_style, source) {
            (0, Some(source)) => {
                self.out.put(&format!("according to {}, ", source.in_text));
            }
            (1, Some(source)) => {
                self.out.put(&format!("{} said ", source.in_text));
            }
            _ => {}
        }
        if let (true, Some(date)) = (date_first, date) {
            self.out.put(&format!("{date}, "));
        }
        let spec = FigureSpec {
            incident,
            metric,
            places,
            count,
            attributed_to: source.as_ref().map(|s| s.gold.clone()),
            required,
        };
        self.out.figure(clause, spec);
        if let (false, Some(date)) = (date_first, date) {
            self.out.put(&format!(" {date}"));
        }
        match (attribution_style, source) {
            (2, Some(source)) => {
                self.out.put(&format!(", {} said", source.in_text));
            }
            (3, Some(source)) => {
                self.out.put(&format!(", according to {}", source.in_text));
            }
            _ => {}
        }
        self.out.stop(".");
    }

    fn clause(&mut self, metric: &str, count: &CountPhrase, where_: &str) -> String {
        let noun = people_noun(self.rng, self.incident.kind, metric);
        let template = self.rng.pick(clause_templates(self.incident.kind, metric));
        let counted = count.with_noun(noun);
        self.fill(template, &[("n", counted.as_str()), ("w", where_)])
    }

    /// " in Almaty", " near the central square in Almaty", or "" when the
    /// city is already clear.
    fn where_in_city(&mut self, position: usize, may_omit: bool) -> String {
        let city = self.city_name(position).to_string();
        let sub = self
            .incident
            .cities
            .get(position)
            .map(|c| c.sub_place)
            .unwrap_or("the centre");
        match self.rng.below(10) {
            0..=2 if may_omit => String::new(),
            3 | 4 => format!(" near {sub} in {city}"),
            _ => format!(" in {city}"),
        }
    }

    fn header(&mut self, title: &str, title_figure: Option<(CountPhrase, &'static str)>) {
        let lines = 1 + self.rng.below(3);
        let start = self.rng.below(HEADER_LINES.len());
        for i in 0..lines {
            self.out
                .line(HEADER_LINES[(start + i) % HEADER_LINES.len()]);
        }
        self.out.line("");
        self.out.line(title);
        if let Some((count, metric)) = title_figure {
            let scope = if self.incident.national {
                self.country.name.clone()
            } else {
                self.city_name(0).to_string()
            };
            let phrase = count.phrase.as_deref().map(title_case);
            self.out.figure_already_written(
                title,
                phrase,
                FigureSpec {
                    incident: self.incident.id.clone(),
                    metric,
                    places: vec![scope],
                    count,
                    attributed_to: None,
                    required: false,
                },
            );
        }
        if self.rng.chance(0.5) {
            self.media_block();
        }
        if self.rng.chance(0.3) {
            self.out.line("");
            for size in ["XS", "SM", "MD", "LG"] {
                self.out.line(size);
            }
        }
        self.out.paragraph();
    }

    fn media_block(&mut self) {
        if !self.out.text.is_empty() && !self.out.text.ends_with("\n\n") {
            self.out.line("");
        }
        let caption_event = title_case(self.event);
        let city = self.city_name(0).to_string();
        let caption = fill(
            self.rng.pick(CAPTIONS),
            &[("city", city.as_str()), ("Event", caption_event.as_str())],
        );
        self.out.line(&caption);
        self.out.line("please wait");
        self.out.line("");
        self.out.line("No media source currently available");
        self.out.line("");
        let timestamps = format!(
            "0:00 0:{:02}:{:02} 0:00",
            self.rng.below(6),
            self.rng.below(60)
        );
        self.out.line(&timestamps);
        self.out
            .not_figure_already_written(&timestamps, "media player timestamps");
        self.out.paragraph();
    }

    fn dateline(&mut self) {
        let city = self.city_name(0).to_uppercase();
        let dateline = match self.outlet.dateline_style {
            0 => format!("{city}, {} -- ", self.country.name),
            1 => format!("{city} ({}) — ", self.outlet.wire_tag),
            _ => return,
        };
        self.out.open(&dateline);
        self.city_named = true;
    }

    fn lead(&mut self, metric: &'static str) -> CountPhrase {
        let source = pick_source(self.rng, metric);
        let date = self.date_phrase.clone();
        if self.incident.national {
            let truth = self.incident.total(metric).unwrap_or(10);
            let count = self.reported(truth, &source);
            let templates = match (self.incident.kind, metric) {
                (_, "detained") => NATIONAL_DETAINED_CLAUSES,
                (Kind::Strike, _) => NATIONAL_STRIKE_CLAUSES,
                _ => NATIONAL_PARTICIPANT_CLAUSES,
            };
            let noun = people_noun(self.rng, self.incident.kind, metric);
            let counted = count.with_noun(noun);
            let dated = format!(" {date}");
            let template = self.rng.pick(templates);
            let clause = self.fill(template, &[("n", counted.as_str()), ("d", dated.as_str())]);
            self.mention(0);
            let places = vec![self.country.name.clone()];
            let id = self.incident.id.clone();
            self.figure_sentence(
                &clause,
                count.clone(),
                metric,
                id,
                places,
                None,
                &source,
                true,
            );
            count
        } else {
            let truth = self.incident.total(metric).unwrap_or(10);
            let count = self.reported(truth, &source);
            let city_named = self.city_named;
            let where_ = self.where_in_city(0, city_named);
            let clause = self.clause(metric, &count, &where_);
            self.mention(0);
            self.city_named = true;
            let places = vec![self.city_name(0).to_string()];
            let id = self.incident.cities[0].id.clone();
            self.figure_sentence(
                &clause,
                count.clone(),
                metric,
                id,
                places,
                Some(&date),
                &source,
                true,
            );
            count
        }
    }

    fn organizer_paragraph(&mut self) {
        if self.incident.kind == Kind::Shooting {
            let count = 1 + self.rng.below(2);
            self.prose(SHOOTING_CONTEXT_SENTENCES, count);
            let count = 2 + self.rng.below(2);
            self.prose(SHOOTING_SCENE_SENTENCES, count);
        } else {
            let template = self.rng.pick(ORGANIZER_SENTENCES);
            let sentence = self.fill(template, &[]);
            self.out.sentence(&sentence);
            let count = 2 + self.rng.below(2);
            self.prose(SCENE_SENTENCES, count);
        }
    }

    /// Figures for the metrics the lead did not give.
    fn secondary_figures(&mut self, lead: &str) {
        let mut metrics: Vec<&'static str> = ["participants", "detained", "injured", "killed"]
            .into_iter()
            .filter(|m| *m != lead && self.incident.total(m).is_some())
            .collect();
        self.rng.shuffle(&mut metrics);
        let id = self.incident.cities[0].id.clone();
        let city = self.city_name(0).to_string();
        for metric in metrics {
            if !self.rng.chance(0.75) {
                continue;
            }
            let truth = self.incident.total(metric).unwrap_or(10);
            if metric == "participants" && self.rng.chance(0.35) {
                self.turnout_dispute(truth, &id, &city);
                continue;
            }
            let source = pick_source(self.rng, metric);
            let count = self.reported(truth, &source);
            let where_ = self.where_in_city(0, true);
            let clause = self.clause(metric, &count, &where_);
            self.figure_sentence(
                &clause,
                count,
                metric,
                id.clone(),
                vec![city.clone()],
                None,
                &source,
                true,
            );
        }
    }

    /// Organizers and police disagreeing about the crowd in one sentence.
    fn turnout_dispute(&mut self, truth: u64, id: &str, city: &str) {
        let precise = PhrasingMix { vague: 0.0 };
        let high_value = (truth as f64 * self.rng.uniform(1.2, 2.0)) as u64;
        let low_value = (truth as f64 * self.rng.uniform(0.5, 0.85)) as u64;
        let high = phrase_count(self.rng, high_value, precise);
        let low = phrase_count(self.rng, low_value, precise);
        let spec = |count: CountPhrase, by: &str| FigureSpec {
            incident: id.to_string(),
            metric: "participants",
            places: vec![city.to_string()],
            count,
            attributed_to: Some(by.to_string()),
            required: true,
        };
        if self.rng.chance(0.5) {
            self.out.figure(
                &format!("organizers put the turnout at {}", high.words),
                spec(high, "organizers"),
            );
            self.out.put(", while ");
            self.out.figure(
                &format!("police estimated the crowd at {}", low.words),
                spec(low, "police"),
            );
        } else {
            let noun = people_noun(self.rng, self.incident.kind, "participants");
            self.out.put("organizers said ");
            self.out.figure(
                &format!("{} took part", high.with_noun(noun)),
                spec(high, "organizers"),
            );
            self.out.put(", but ");
            self.out.figure(
                &format!("police put the number at {}", low.words),
                spec(low, "police"),
            );
        }
        self.out.stop(".");
    }

    /// Per-city figures of a day of action, and the combined ones.
    fn city_breakdown(&mut self, lead: &'static str) {
        let mut positions: Vec<usize> = (0..self.incident.cities.len()).collect();
        self.rng.shuffle(&mut positions);
        let mut stated: Vec<(usize, u64)> = Vec::new();
        for position in positions {
            let truth = self.incident.cities[position].truth;
            let city = self.city_name(position).to_string();
            let id = self.incident.cities[position].id.clone();
            let roll = self.rng.below(20);
            match (roll, truth.get(lead)) {
                (0..=13, Some(value)) => {
                    let source = pick_source(self.rng, lead);
                    let value = perturb(self.rng, value, &source);
                    let count = phrase_count(self.rng, value, PhrasingMix::default());
                    self.mention(position);
                    if let Some(stated_value) = count.midpoint() {
                        stated.push((position, stated_value));
                    }
                    if self.rng.chance(0.5) {
                        self.out.put(&format!("in {city}, "));
                        let where_ = if self.rng.chance(0.3) {
                            format!(" near {}", self.incident.cities[position].sub_place)
                        } else {
                            String::new()
                        };
                        let clause = self.clause(lead, &count, &where_);
                        self.figure_sentence(
                            &clause,
                            count,
                            lead,
                            id,
                            vec![city],
                            None,
                            &source,
                            true,
                        );
                    } else {
                        let clause = self.clause(lead, &count, &format!(" in {city}"));
                        self.figure_sentence(
                            &clause,
                            count,
                            lead,
                            id,
                            vec![city],
                            None,
                            &source,
                            true,
                        );
                    }
                }
                (14..=16, Some(_)) if lead == "detained" => {
                    self.mention(position);
                    let count = CountPhrase {
                        words: "some".into(),
                        needs_of: false,
                        value: None,
                        value_hi: None,
                        qualifier: "vague",
                        phrase: Some("some".into()),
                    };
                    let spec = FigureSpec {
                        incident: id,
                        metric: "detained",
                        places: vec![city.clone()],
                        count,
                        attributed_to: None,
                        required: false,
                    };
                    self.out
                        .figure(&format!("some arrests were also reported in {city}"), spec);
                    self.out.stop(".");
                }
                (14..=18, _) => {
                    self.mention(position);
                    let plural = format!("{}s", self.event);
                    self.out
                        .sentence(&format!("smaller {plural} were held in {city}"));
                }
                _ => {}
            }
        }
        if stated.len() >= 2 && self.rng.chance(0.4) {
            self.combined_figure(lead);
        }
        if self.incident.cities.len() >= 3 && self.rng.chance(0.3) {
            let cities = self.incident.cities.len() as u64;
            let plural = format!("{}s", self.event);
            let count_text = format!("at least {} cities", words(cities));
            self.out.put(&format!("{plural} were reported in "));
            self.out
                .not_figure(&count_text, "count of cities, not of people");
            self.out.stop(".");
        }
    }

    /// One number for two or three cities together ("in A and B").
    fn combined_figure(&mut self, lead: &'static str) {
        let take = if self.incident.cities.len() >= 3 && self.rng.chance(0.5) {
            3
        } else {
            2
        };
        let positions: Vec<usize> = (0..self.incident.cities.len())
            .filter(|&p| self.incident.cities[p].truth.get(lead).is_some())
            .take(take)
            .collect();
        if positions.len() < 2 {
            return;
        }
        let sum: u64 = positions
            .iter()
            .filter_map(|&p| self.incident.cities[p].truth.get(lead))
            .sum();
        let names: Vec<String> = positions
            .iter()
            .map(|&p| self.city_name(p).to_string())
            .collect();
        let listed = match names.len() {
            2 => format!("{} and {}", names[0], names[1]),
            _ => format!("{}, {} and {}", names[0], names[1], names[2]),
        };
        let source = pick_source(self.rng, lead);
        let count = self.reported(sum, &source);
        let noun = people_noun(self.rng, self.incident.kind, lead);
        let counted = count.with_noun(noun);
        let verb = match lead {
            "detained" => "were detained",
            "injured" => "were injured",
            "killed" => "were killed",
            _ => "took part",
        };
        let clause = if self.rng.chance(0.5) {
            format!("a total of {counted} {verb} in {listed}")
        } else {
            format!("{counted} {verb} in the cities of {listed}")
        };
        for &p in &positions {
            self.mention(p);
        }
        let id = self.incident.id.clone();
        self.figure_sentence(&clause, count, lead, id, names, None, &source, true);
    }

    fn quote(&mut self) {
        let quotes = if self.incident.kind == Kind::Shooting {
            SHOOTING_QUOTES
        } else {
            QUOTES
        };
        let quote = self.rng.pick(quotes);
        let name = person(self.rng);
        let age = self.rng.between(19, 78);
        let occupation = self.rng.pick(OCCUPATIONS);
        self.out.put(&format!("{quote} "));
        match self.rng.below(3) {
            0 => {
                self.out.put(&format!("said {name}, a "));
                self.out.not_figure(&format!("{age}-year-old"), "age");
                self.out.put(&format!(" {occupation}"));
            }
            1 => {
                self.out.put("said ");
                self.out.not_figure(&format!("{name}, {age}"), "age");
                self.out.put(&format!(", a {occupation}"));
            }
            _ => {
                self.out.not_figure(&format!("{name}, {age}"), "age");
                self.out.put(&format!(", told {}", self.outlet.name));
            }
        }
        self.out.stop(".");
    }

    /// Numbers that are about something else: populations, laws, sentences,
    /// money, workforce.
    fn context_numbers(&mut self) {
        let city = self.city_name(0).to_string();
        // Two different kinds of context at most, never the same one twice.
        let kinds = if self.incident.kind == Kind::Shooting {
            2
        } else {
            7
        };
        let first = self.rng.below(kinds);
        let second = (first + 1 + self.rng.below(kinds - 1)) % kinds;
        let chosen = if self.rng.chance(0.5) {
            vec![first]
        } else {
            vec![first, second]
        };
        for choice in chosen {
            match choice {
                0 if self.country.population >= 1_500_000 => {
                    let millions = (self.country.population as f64 / 1e6).round() as u64;
                    self.out.put(&format!("{}, home to ", self.country.name));
                    self.out
                        .not_figure(&format!("about {millions} million people"), "population");
                    self.out.put(&format!(
                        ", has seen repeated protests over {}",
                        self.incident.grievance
                    ));
                    self.out.stop(".");
                }
                1 => {
                    let population = self
                        .country
                        .cities
                        .get(self.incident.cities[0].city)
                        .map(|c| c.population);
                    if let Some(population) = population.filter(|p| *p >= 1000) {
                        self.out.put(&format!("{city} has "));
                        self.out.not_figure(
                            &format!("some {} inhabitants", digits(round_nice(population))),
                            "population",
                        );
                        self.out.stop(".");
                    }
                }
                2 => {
                    let days = self.rng.between(3, 15);
                    self.out.put(
                        "under the law on public gatherings, organizers must apply for permission ",
                    );
                    self.out.not_figure(
                        &format!("at least {} days in advance", words(days)),
                        "legal requirement",
                    );
                    self.out.stop(".");
                }
                3 => {
                    let threshold = self.rng.pick(&[50u64, 100, 500, 1000]);
                    self.out.put("gatherings of ");
                    self.out.not_figure(
                        &format!("more than {} people", digits(threshold)),
                        "legal threshold",
                    );
                    self.out.put(" require approval from the city authorities");
                    self.out.stop(".");
                }
                4 if self.incident.kind != Kind::Shooting => {
                    let low = self.rng.between(3, 7);
                    let high = low + self.rng.between(3, 10);
                    self.out.put("courts later handed several participants ");
                    self.out.not_figure(
                        &format!("jail terms of {low} to {high} days"),
                        "sentence length",
                    );
                    self.out.stop(".");
                }
                5 => {
                    let amount = self.rng.between(2, 90);
                    self.out
                        .put("the authorities estimated the damage to public property at ");
                    self.out.not_figure(&format!("${amount} million"), "money");
                    self.out.stop(".");
                }
                6 if self.incident.kind == Kind::Strike => {
                    let workforce = round_nice(
                        self.incident.total("participants").unwrap_or(100) * self.rng.between(2, 5),
                    );
                    self.out.put("the employers involved have ");
                    self.out.not_figure(
                        &format!("about {} people", digits(workforce)),
                        "workforce, not strikers",
                    );
                    self.out.put(" on their payrolls");
                    self.out.stop(".");
                }
                _ => {
                    let years = self.rng.between(5, 30);
                    self.out
                        .put("the country's leadership has faced sporadic protests for ");
                    self.out
                        .not_figure(&format!("more than {} years", words(years)), "duration");
                    self.out.stop(".");
                }
            }
        }
    }

    fn background_sentence(&mut self, background: &Background) {
        let city = self
            .country
            .cities
            .get(background.city)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| self.country.name.clone());
        // `when` reads after "since" or "remember"; `when_in` stands alone.
        let when = match background.precision {
            "year" if background.date.year() + 1 == self.published.year() => {
                "last year".to_string()
            }
            "year" => background.date.year().to_string(),
            _ => month_phrase(self.rng, background.date, self.published),
        };
        let when_in = if when.starts_with("last") {
            when.clone()
        } else {
            format!("in {when}")
        };
        let count = phrase_count(self.rng, background.value, PhrasingMix::default());
        let noun = people_noun(self.rng, background.kind, background.metric);
        let counted = count.with_noun(noun);
        let templates: &[&str] = match background.metric {
            "killed" => KILLED_CLAUSES,
            "participants" => PARTICIPANT_CLAUSES,
            _ => DETAINED_CLAUSES,
        };
        let clause = fill(
            self.rng.pick(templates),
            &[("n", counted.as_str()), ("w", ""), ("event", "protest")],
        );
        let spec = FigureSpec {
            incident: background.id.clone(),
            metric: background.metric,
            places: vec![city.clone()],
            count,
            attributed_to: None,
            required: false,
        };
        match self.rng.below(3) {
            0 => {
                self.out.put(&format!(
                    "it was the largest {} in {city} since {when}, when ",
                    self.event
                ));
                self.record_background_clause(&clause, spec);
            }
            1 => {
                self.out.put(&format!("{when_in}, "));
                self.record_background_clause(&clause, spec);
                self.out
                    .put(&format!(" in {city} during an earlier wave of unrest"));
            }
            _ => {
                self.out
                    .put(&format!("residents of {city} still remember {when}, when "));
                self.record_background_clause(&clause, spec);
            }
        }
        self.out.stop(".");
        self.mentions_background = true;
    }

    fn record_background_clause(&mut self, clause: &str, spec: FigureSpec) {
        self.out.figure(clause, spec);
        if let Some(figure) = self.out.figures.last() {
            let evidence = figure.evidence.clone();
            self.out.not_figure_already_written(
                &evidence,
                "figure of an earlier incident mentioned as background",
            );
        }
    }

    fn eve_sentence(&mut self, eve: &Background) {
        let city = self
            .country
            .cities
            .get(eve.city)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let count = phrase_count(self.rng, eve.value, PhrasingMix::default());
        let counted =
            count.with_noun(
                self.rng
                    .pick(&["activists", "opposition supporters", "people"]),
            );
        let clause = fill(
            self.rng.pick(DETAINED_CLAUSES),
            &[("n", counted.as_str()), ("w", &format!(" in {city}"))],
        );
        let opener = match self.rng.below(3) {
            0 => format!("on the eve of the {}, ", self.event),
            1 => "the day before, ".to_string(),
            _ => format!(
                "on {}, a day before the {}, ",
                weekday_name(eve.date),
                self.event
            ),
        };
        self.out.put(&opener);
        let spec = FigureSpec {
            incident: eve.id.clone(),
            metric: "detained",
            places: vec![city],
            count,
            attributed_to: None,
            required: false,
        };
        self.record_background_clause(&clause, spec);
        self.out.stop(".");
        self.mentions_eve = true;
    }

    /// Sentences drawn from a pool without repeats, filled with the story.
    fn prose(&mut self, pool: &[&str], count: usize) {
        let sub = self
            .incident
            .cities
            .first()
            .map(|c| c.sub_place)
            .unwrap_or("the centre");
        let start = self.rng.below(pool.len());
        let step = if pool.len().is_multiple_of(3) { 1 } else { 3 };
        for i in 0..count.min(pool.len()) {
            let sentence = self.fill(pool[(start + i * step) % pool.len()], &[("sub", sub)]);
            self.out.sentence(&sentence);
        }
    }

    fn reaction(&mut self) {
        if self.incident.kind == Kind::Shooting {
            let count = 1 + self.rng.below(2);
            self.prose(SHOOTING_AFTERMATH_SENTENCES, count);
            return;
        }
        let count = 1 + self.rng.below(3);
        self.prose(REACTION_SENTENCES, count);
        if self.rng.chance(0.4) {
            let quote = self.rng.pick(OFFICIAL_QUOTES);
            let title = self.rng.pick(OFFICIAL_TITLES);
            let name = person(self.rng);
            self.out
                .put(&format!("{quote} {title}, {name}, told reporters"));
            self.out.stop(".");
        }
        let count = 1 + self.rng.below(3);
        self.prose(AFTERMATH_SENTENCES, count);
    }

    fn crowd_detail(&mut self) {
        let count = 1 + self.rng.below(3);
        self.prose(CROWD_DETAIL_SENTENCES, count);
    }

    fn grievance_context(&mut self) {
        let count = 2 + self.rng.below(4);
        self.prose(GRIEVANCE_SENTENCES, count);
    }

    fn closing(&mut self) {
        let pool = if self.incident.kind == Kind::Shooting {
            SHOOTING_CLOSING_SENTENCES
        } else {
            CLOSING_SENTENCES
        };
        let count = 1 + self.rng.below(3);
        self.prose(pool, count);
    }

    fn footer(&mut self) {
        self.out.paragraph();
        let lines = 2 + self.rng.below(4);
        let start = self.rng.below(FOOTER_LINES.len());
        for i in 0..lines {
            self.out
                .line(FOOTER_LINES[(start + i) % FOOTER_LINES.len()]);
        }
        let year = self.published.year();
        self.out.line(&format!(
            "© {year} {}. All rights reserved.",
            self.outlet.name
        ));
    }

    fn related(&mut self) {
        self.out.paragraph();
        let label = self.rng.pick(&["Read more:", "RELATED:", "See also:"]);
        self.out
            .line(&format!("{label} {}", self.rng.pick(RELATED_HEADLINES)));
        self.out.paragraph();
    }
}

fn headline(
    rng: &mut SplitMix64,
    incident: &PlannedIncident,
    lead: &str,
    count: &CountPhrase,
    country: &str,
    city: &str,
) -> (String, bool) {
    let patterns = match (incident.national, incident.kind, lead) {
        (true, _, "detained") => &HEADLINES_NATIONAL_DETAINED,
        (true, Kind::Strike, _) => &HEADLINES_NATIONAL_STRIKE,
        (true, _, _) => &HEADLINES_NATIONAL_PARTICIPANTS,
        (false, _, "detained") => &HEADLINES_CITY_DETAINED,
        (false, _, "killed") => &HEADLINES_CITY_KILLED,
        (false, _, "injured") => &HEADLINES_CITY_INJURED,
        (false, Kind::Strike, _) => &HEADLINES_CITY_STRIKE,
        (false, _, _) => &HEADLINES_CITY_PARTICIPANTS,
    };
    // Most outlets of an incident share its headline pattern, which is what
    // makes lookalike twins hard; some write their own.
    let index = if rng.chance(0.75) {
        incident.headline_pattern
    } else {
        rng.below(patterns.len())
    };
    let pattern = patterns[index % patterns.len()];
    let title_count = title_case(&count.words);
    let grievance = title_word(incident.grievance);
    let organizer = incident.organizer.clone().unwrap_or_default();
    let title = fill(
        pattern,
        &[
            ("N", title_count.as_str()),
            ("country", country),
            ("city", city),
            ("Grievance", grievance.as_str()),
            ("org", organizer.as_str()),
        ],
    );
    (title, pattern.contains("{N}"))
}

/// Writes one outlet's report about `incident`, published on `published`.
pub fn compose_report(
    rng: &mut SplitMix64,
    incident: &PlannedIncident,
    country: &CatalogCountry,
    outlet: &Outlet,
    published: NaiveDate,
) -> ComposedReport {
    let event = event_noun(rng, incident.kind);
    let date_phrase = event_day_phrase(rng, incident.date, published);
    let mut writer = Writer {
        rng,
        incident,
        country,
        outlet,
        published,
        out: ReportText::new(),
        event,
        date_phrase,
        mentioned: Vec::new(),
        mentions_background: false,
        mentions_eve: false,
        city_named: false,
    };
    let lead = lead_metric(writer.rng, incident);
    let scraped = writer.rng.chance(outlet.boilerplate);

    // The lead is written first so that the headline can reuse its count;
    // the page is then assembled in reading order.
    writer.dateline();
    let count = writer.lead(lead);
    let lead_passage = std::mem::replace(&mut writer.out, ReportText::new());
    let city = writer.city_name(0).to_string();
    let (title, title_has_count) =
        headline(writer.rng, incident, lead, &count, &country.name, &city);
    if scraped {
        let title_figure = if title_has_count {
            Some((count, lead))
        } else {
            None
        };
        writer.header(&title, title_figure);
    }
    append(&mut writer.out, lead_passage);
    writer.out.paragraph();
    writer.organizer_paragraph();
    if incident.kind != Kind::Shooting && writer.rng.chance(0.7) {
        writer.crowd_detail();
    }
    if incident.national {
        writer.out.paragraph();
        writer.city_breakdown(lead);
    } else {
        writer.secondary_figures(lead);
    }
    if scraped && writer.rng.chance(0.5) {
        if writer.rng.chance(0.5) {
            writer.related();
        } else {
            writer.out.paragraph();
            writer.media_block();
        }
    }
    writer.out.paragraph();
    writer.reaction();
    writer.out.paragraph();
    if writer.rng.chance(0.75) {
        writer.quote();
        if writer.rng.chance(0.35) {
            writer.quote();
        }
    }
    if let Some(eve) = incident.eve.as_ref().filter(|_| writer.rng.chance(0.6)) {
        writer.eve_sentence(eve);
    }
    if let Some(background) = incident
        .background
        .as_ref()
        .filter(|_| writer.rng.chance(0.6))
    {
        writer.out.paragraph();
        writer.background_sentence(background);
    }
    writer.out.paragraph();
    if incident.kind != Kind::Shooting {
        writer.grievance_context();
    }
    writer.context_numbers();
    writer.out.paragraph();
    writer.closing();
    if scraped && writer.rng.chance(0.6) {
        writer.footer();
    }
    ComposedReport {
        title,
        text: writer.out,
        mentioned_cities: writer.mentioned,
        mentions_background: writer.mentions_background,
        mentions_eve: writer.mentions_eve,
    }
}

/// Moves a separately written passage (with its figures) onto the end of
/// the report.
fn append(out: &mut ReportText, passage: ReportText) {
    out.put(&passage.text);
    out.stop("");
    out.figures.extend(passage.figures);
    out.not_figures.extend(passage.not_figures);
}

/// The day after an event that a report may be published: same day, next
/// day, or a few days later.
pub fn publication_date(rng: &mut SplitMix64, event: NaiveDate) -> NaiveDate {
    let offset = match rng.below(20) {
        0..=9 => 0,
        10..=16 => 1,
        17 | 18 => 2,
        _ => 3,
    };
    event + Duration::days(offset)
}
