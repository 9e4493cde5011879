//! `--from DATE --to DATE --country CC --kind K`: which incidents an export
//! keeps. Every export format applies the same filter.
//!
//! An incident is judged on its own: a day of action is kept when it
//! matches, whatever its cities do, and a city incident is kept when it
//! matches, whatever its day of action does (its parent link then names an
//! incident the export does not hold).

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use crate::extract::model::{EventKind, PlaceLevel};
use crate::gazetteer::Gazetteer;
use crate::incident::{Incident, IncidentPlace};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FilterError {
    #[error(
        "unknown kind {given:?}: expected protest, detentions, clash, shooting, strike, unrest or other"
    )]
    UnknownKind { given: String },
    #[error(
        "unknown country {given:?}: give an ISO 3166 two-letter code (KZ) or a country's name (Kazakhstan)"
    )]
    UnknownCountry { given: String },
    #[error("--from {from} is after --to {to}")]
    EmptyRange { from: NaiveDate, to: NaiveDate },
}

/// Which incidents to keep. The default keeps every incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    /// Keep incidents whose date (day, month or year) reaches this day.
    pub from: Option<NaiveDate>,
    /// Keep incidents whose date starts on or before this day.
    pub to: Option<NaiveDate>,
    /// ISO 3166 alpha-2 code, upper case.
    pub country: Option<String>,
    pub kind: Option<EventKind>,
}

/// The kind named `given` ("protest", "Detentions").
pub fn kind_from_name(given: &str) -> Result<EventKind, FilterError> {
    let wanted = given.trim().to_ascii_lowercase();
    EventKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == wanted)
        .ok_or_else(|| FilterError::UnknownKind {
            given: given.to_string(),
        })
}

/// The ISO code of the country `given` names: a code the gazetteer knows
/// ("kz") or a country's name ("Kazakhstan").
pub fn country_code_from_argument(given: &str) -> Result<String, FilterError> {
    let gazetteer = Gazetteer::global();
    let trimmed = given.trim();
    let upper = trimmed.to_ascii_uppercase();
    if upper.len() == 2 && gazetteer.country_by_code(&upper).is_some() {
        return Ok(upper);
    }
    gazetteer
        .lookup(trimmed)
        .iter()
        .map(|&index| gazetteer.place(index))
        .find(|place| place.level == PlaceLevel::Country)
        .map(|place| place.country_code.clone())
        .ok_or_else(|| FilterError::UnknownCountry {
            given: given.to_string(),
        })
}

/// The ISO code of an incident's country: from its place's GeoNames id,
/// else from its country's name.
pub fn incident_country_code(place: &IncidentPlace) -> Option<String> {
    let gazetteer = Gazetteer::global();
    if let Some(index) = gazetteer.by_geonames_id(place.geonames_id) {
        return Some(gazetteer.place(index).country_code.clone());
    }
    country_code_from_argument(&place.country).ok()
}

/// The days an incident's date covers: "2020-02-22" one day, "2020-02" the
/// month, "2020" the year. `None` for a date that reads as none of these.
pub fn date_period(date: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |text: &str| text.parse::<u32>().ok();
    match parts.as_slice() {
        [year, month, day] => {
            let day = NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?)?;
            Some((day, day))
        }
        [year, month] => {
            let first = NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        [year] => {
            let year = number(year)? as i32;
            Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ))
        }
        _ => None,
    }
}

impl IncidentFilter {
    /// A filter, refusing a range that holds no day.
    pub fn new(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        country: Option<String>,
        kind: Option<EventKind>,
    ) -> Result<IncidentFilter, FilterError> {
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FilterError::EmptyRange { from, to });
        }
        Ok(IncidentFilter {
            from,
            to,
            country,
            kind,
        })
    }

    pub fn is_empty(&self) -> bool {
        self == &IncidentFilter::default()
    }

    /// True when `incident` is kept. A date range keeps an incident whose
    /// period overlaps it (a month-precision date in the range's month);
    /// an incident whose date cannot be read is kept only without a range.
    pub fn matches(&self, incident: &Incident) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some((first, last)) = date_period(&incident.date) else {
                return false;
            };
            if self.from.is_some_and(|from| last < from) || self.to.is_some_and(|to| first > to) {
                return false;
            }
        }
        if self.kind.is_some_and(|kind| kind != incident.kind) {
            return false;
        }
        if let Some(country) = &self.country
            && incident_country_code(&incident.place).as_deref() != Some(country.as_str())
        {
            return false;
        }
        true
    }

    /// "from 2020-01-01, country KZ" or "none".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(from) = self.from {
            parts.push(format!("from {from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to {to}"));
        }
        if let Some(country) = &self.country {
            parts.push(format!("country {country}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind {}", kind.as_str()));
        }
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cover_day_month_and_year() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real day");
        assert_eq!(
            date_period("2020-02-22"),
            Some((day(2020, 2, 22), day(2020, 2, 22)))
        );
        assert_eq!(
            date_period("2020-02"),
            Some((day(2020, 2, 1), day(2020, 2, 29)))
        );
        assert_eq!(
            date_period("2019-12"),
            Some((day(2019, 12, 1), day(2019, 12, 31)))
        );
        assert_eq!(
            date_period("2019"),
            Some((day(2019, 1, 1), day(2019, 12, 31)))
        );
        assert_eq!(date_period("soon"), None);
        assert_eq!(date_period("2020-13-01"), None);
    }

    #[test]
    fn countries_are_read_by_code_or_name() {
        assert_eq!(country_code_from_argument("kz"), Ok("KZ".to_string()));
        assert_eq!(
            country_code_from_argument("Kazakhstan"),
            Ok("KZ".to_string())
        );
        assert!(matches!(
            country_code_from_argument("Atlantis"),
            Err(FilterError::UnknownCountry { .. })
        ));
    }

    #[test]
    fn kinds_are_read_by_name() {
        assert_eq!(kind_from_name(" Protest "), Ok(EventKind::Protest));
        assert!(kind_from_name("parade").is_err());
        for kind in EventKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).expect("a kind serializes"),
                serde_json::json!(kind.as_str())
            );
        }
    }

    #[test]
    fn an_empty_range_is_refused() {
        let day = |d| NaiveDate::from_ymd_opt(2020, 1, d);
        assert!(IncidentFilter::new(day(5), day(4), None, None).is_err());
        assert!(IncidentFilter::new(day(4), day(4), None, None).is_ok());
    }
}
