//! Hand-built extractions for clustering tests: they stand in for the real
//! extractor, following the contract in src/extract/model.rs (a mention per
//! place-day, a figure listed on a mention when its scope is exactly that
//! mention's place).
#![allow(dead_code)]

use chrono::NaiveDate;
use concord::cluster::ReportInput;
use concord::extract::model::*;
use concord::gazetteer::Gazetteer;
use concord::report::Report;

pub fn place(name: &str) -> PlaceRef {
    let gazetteer = Gazetteer::global();
    if let Some(&index) = gazetteer.lookup(name).first() {
        return gazetteer.place_ref(index);
    }
    // Places the stub gazetteer lacks: a made-up but stable id, in the US.
    let id = 9_000_000
        + name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
            % 1_000_000;
    PlaceRef {
        geonames_id: id,
        name: name.to_string(),
        level: PlaceLevel::City,
        country: "United States".to_string(),
        country_code: "US".to_string(),
        lat: 0.0,
        lon: 0.0,
    }
}

/// "2020-02-22" (day), "2020-02" (month), "2020" (year), "" (unresolved).
pub fn date(text: &str) -> Option<EventDate> {
    let (date, precision) = match text.len() {
        10 => (
            NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
            DatePrecision::Day,
        ),
        7 => (
            NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok(),
            DatePrecision::Month,
        ),
        4 => (
            NaiveDate::parse_from_str(&format!("{text}-01-01"), "%Y-%m-%d").ok(),
            DatePrecision::Year,
        ),
        _ => (None, DatePrecision::Unresolved),
    };
    Some(EventDate {
        date,
        precision,
        text: text.to_string(),
        span: [0, text.len()],
        weak: false,
    })
}

pub struct ReportBuilder {
    seq: u64,
    report: Report,
    main: MainEvent,
    mentions: Vec<Mention>,
    figures: Vec<Figure>,
    organizers: Vec<Organizer>,
    people: Vec<Person>,
    headline: Option<String>,
}

pub fn report(seq: u64, id: &str) -> ReportBuilder {
    ReportBuilder {
        seq,
        report: Report::new(id, format!("text of {id}")),
        main: MainEvent {
            date: None,
            place: None,
            country: None,
            sub_places: Vec::new(),
            kind: EventKind::Protest,
            dateline: None,
        },
        mentions: Vec::new(),
        figures: Vec::new(),
        organizers: Vec::new(),
        people: Vec::new(),
        headline: None,
    }
}

pub fn interval(qualifier: Qualifier, value: u64, value_hi: Option<u64>) -> (u64, Option<u64>) {
    match qualifier {
        Qualifier::Exact => (value, Some(value)),
        Qualifier::Approx => (value * 8 / 10, Some(value * 12 / 10 + 1)),
        Qualifier::MoreThan => (value + 1, None),
        Qualifier::AtLeast => (value, None),
        Qualifier::AtMost => (0, Some(value)),
        Qualifier::FewerThan => (0, Some(value.saturating_sub(1))),
        Qualifier::Range => (value, value_hi.or(Some(value))),
        Qualifier::Vague => (value, None),
    }
}

impl ReportBuilder {
    pub fn outlet(mut self, outlet: &str) -> Self {
        self.report.outlet = Some(outlet.to_string());
        self
    }

    pub fn published(mut self, day: &str) -> Self {
        self.report.published = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        self
    }

    /// The report's text (what content evidence reads).
    pub fn text(mut self, text: &str) -> Self {
        self.report.text = text.to_string();
        self
    }

    pub fn headline(mut self, headline: &str) -> Self {
        self.headline = Some(headline.to_string());
        self.report.title = Some(headline.to_string());
        self
    }

    pub fn kind(mut self, kind: EventKind) -> Self {
        self.main.kind = kind;
        self
    }

    /// The main event: a city, or a country name for a report naming none.
    pub fn main(self, place_name: &str, day: &str) -> Self {
        self.main_at(place(place_name), day)
    }

    /// The main event at a place given whole (a region, a place the
    /// gazetteer's first match for a name is not).
    pub fn main_at(mut self, main_place: PlaceRef, day: &str) -> Self {
        self.main.country = Some(main_place.country.clone());
        self.main.place = Some(main_place.clone());
        self.main.date = date(day);
        self.mentions.push(Mention {
            date: date(day),
            place: Some(main_place),
            sub_places: Vec::new(),
            background: false,
            figures: Vec::new(),
        });
        self
    }

    /// The main event of a report whose extraction found no place at all.
    pub fn main_nowhere(mut self, day: &str) -> Self {
        self.main.country = None;
        self.main.place = None;
        self.main.date = date(day);
        self.mentions.push(Mention {
            date: date(day),
            place: None,
            sub_places: Vec::new(),
            background: false,
            figures: Vec::new(),
        });
        self
    }

    /// Another place-day of the report's own news.
    pub fn also(mut self, place_name: &str, day: &str) -> Self {
        self.mentions.push(Mention {
            date: date(day),
            place: Some(place(place_name)),
            sub_places: Vec::new(),
            background: false,
            figures: Vec::new(),
        });
        self
    }

    /// Another place-day of the report's own news, at a place given
    /// exactly (for places whose name alone is ambiguous).
    pub fn also_at(mut self, place: PlaceRef, day: &str) -> Self {
        self.mentions.push(Mention {
            date: date(day),
            place: Some(place),
            sub_places: Vec::new(),
            background: false,
            figures: Vec::new(),
        });
        self
    }

    /// An earlier event mentioned as context.
    pub fn background(mut self, place_name: &str, day: &str) -> Self {
        self.mentions.push(Mention {
            date: date(day),
            place: Some(place(place_name)),
            sub_places: Vec::new(),
            background: true,
            figures: Vec::new(),
        });
        self
    }

    /// A sub-place on the last mention (and the main event, if it is).
    pub fn sub_place(mut self, name: &str) -> Self {
        let sub_place = SubPlace {
            name: name.to_string(),
            span: [0, 0],
        };
        if let Some(last) = self.mentions.last_mut() {
            last.sub_places.push(sub_place.clone());
        }
        if self.mentions.len() == 1 {
            self.main.sub_places.push(sub_place);
        }
        self
    }

    pub fn organizer(mut self, name: &str, key: &str) -> Self {
        self.organizers.push(Organizer {
            name: name.to_string(),
            aliases: Vec::new(),
            key: key.to_string(),
        });
        self
    }

    /// A person the report names, with the age it gives (`None`: none, as
    /// for a president or a police spokesman).
    pub fn person(mut self, name: &str, key: &str, age: Option<u32>) -> Self {
        self.people.push(Person {
            name: name.to_string(),
            key: key.to_string(),
            age,
        });
        self
    }

    fn push_figure(mut self, figure: Figure) -> Self {
        let index = self.figures.len();
        if figure.places.len() == 1
            && let Some(mention) = self.mentions.iter_mut().find(|m| {
                m.background == figure.background
                    && m.place.as_ref().is_some_and(|p| p.name == figure.places[0])
            })
        {
            mention.figures.push(index);
        }
        self.figures.push(figure);
        self
    }

    fn make_figure(
        metric: Metric,
        qualifier: Qualifier,
        value: Option<u64>,
        value_hi: Option<u64>,
        scope: &[&str],
        quote: &str,
    ) -> Figure {
        let (lo, hi) = interval(qualifier, value.unwrap_or(0), value_hi);
        Figure {
            metric,
            value,
            value_hi,
            qualifier,
            lo,
            hi,
            places: scope.iter().map(|s| place(s).name).collect(),
            scope_from: concord::extract::model::ScopeSource::Stated,
            span: [0, quote.len()],
            quote: quote.to_string(),
            sentence: format!("A sentence stating {quote}."),
            sentence_span: [0, quote.len() + 20],
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

    /// A figure of the report's own news with the given scope.
    pub fn figure(
        self,
        metric: Metric,
        qualifier: Qualifier,
        value: u64,
        scope: &[&str],
        quote: &str,
    ) -> Self {
        let figure = Self::make_figure(metric, qualifier, Some(value), None, scope, quote);
        self.push_figure(figure)
    }

    pub fn range(self, metric: Metric, low: u64, high: u64, scope: &[&str], quote: &str) -> Self {
        let figure = Self::make_figure(
            metric,
            Qualifier::Range,
            Some(low),
            Some(high),
            scope,
            quote,
        );
        self.push_figure(figure)
    }

    /// A vague quantity with its policy interval.
    pub fn vague(
        self,
        metric: Metric,
        lo: u64,
        hi: Option<u64>,
        scope: &[&str],
        phrase: &str,
    ) -> Self {
        let mut figure = Self::make_figure(metric, Qualifier::Vague, None, None, scope, phrase);
        figure.lo = lo;
        figure.hi = hi;
        figure.phrase = Some(phrase.to_string());
        self.push_figure(figure)
    }

    pub fn background_figure(
        self,
        metric: Metric,
        value: u64,
        scope: &[&str],
        day: &str,
        quote: &str,
    ) -> Self {
        let mut figure =
            Self::make_figure(metric, Qualifier::Exact, Some(value), None, scope, quote);
        figure.background = true;
        figure.date = date(day);
        self.push_figure(figure)
    }

    pub fn build(self) -> ReportInput {
        let id = self.report.id.clone();
        ReportInput {
            digest: None,
            seq: self.seq,
            report: self.report,
            extraction: Extraction {
                report: id,
                extractor_version: EXTRACTOR_VERSION.to_string(),
                main: self.main,
                mentions: self.mentions,
                figures: self.figures,
                organizers: self.organizers,
                people: self.people,
                headline: self.headline,
                diagnostics: Vec::new(),
                places: Vec::new(),
            },
        }
    }
}

/// A state holding the given reports, built with the default config.
/// Whether clustering `reports` together puts every report of `ids` in
/// one incident.
pub fn same_incident(reports: &[&ReportInput], ids: &[&str]) -> bool {
    let state = state_of(reports.iter().map(|r| (*r).clone()).collect());
    state.incidents().iter().any(|incident| {
        ids.iter()
            .all(|id| incident.reports.iter().any(|r| r == id))
    })
}

pub fn state_of(reports: Vec<ReportInput>) -> concord::cluster::ClusterState {
    let mut state = concord::cluster::ClusterState::new(concord::cluster::ClusterConfig::default());
    for report in reports {
        state.add_report(report);
    }
    state
}

/// The incidents as (level, date, place, reports) for compact assertions.
pub fn shape(
    incidents: &[concord::incident::Incident],
) -> Vec<(String, String, String, Vec<String>)> {
    let mut out: Vec<_> = incidents
        .iter()
        .map(|i| {
            (
                format!("{:?}", i.level),
                i.date.clone(),
                i.place.name.clone(),
                i.reports.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The level `comparison` took for the pair under the built-in model
/// (`None` when the comparison was not made).
pub fn level_of(a: &ReportInput, b: &ReportInput, comparison: &str) -> Option<String> {
    concord::cluster::explain_pair(a, b, &concord::cluster::MatchModel::built_in())
        .features
        .into_iter()
        .find(|feature| feature.comparison == comparison)
        .map(|feature| feature.level)
}

/// A shooting in Chicago on 2016-09-10, published the day after.
pub fn chicago_shooting(seq: u64, id: &str, headline: &str, text: &str) -> ReportBuilder {
    report(seq, id)
        .kind(EventKind::Shooting)
        .published("2016-09-11")
        .headline(headline)
        .text(text)
        .main("Chicago", "2016-09-10")
}
