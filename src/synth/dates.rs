//! How reports write the day of an event relative to their publication
//! date: "on Saturday", "on February 22", "on 22.02.2020", "on 2020-02-22",
//! "yesterday". Every style is resolvable by a reader who knows the
//! publication date; none is ambiguous given it.

use chrono::{Datelike, NaiveDate, Weekday};

use super::rng::SplitMix64;

pub fn weekday_name(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// A date phrase, with its preposition when it needs one ("on Saturday",
/// "yesterday"), so templates can place it anywhere a time adverbial fits.
pub fn event_day_phrase(rng: &mut SplitMix64, event: NaiveDate, published: NaiveDate) -> String {
    let days_before = (published - event).num_days();
    loop {
        let phrase = match rng.below(9) {
            0 | 1 if (0..=6).contains(&days_before) => format!("on {}", weekday_name(event)),
            2 if days_before == 1 => "yesterday".to_string(),
            2 if days_before == 0 => "today".to_string(),
            3 | 4 => format!("on {} {}", month_name(event.month()), event.day()),
            5 => format!("on {} {}", event.day(), month_name(event.month())),
            6 => format!("on {}", event.format("%d.%m.%Y")),
            7 => format!("on {}", event.format("%Y-%m-%d")),
            8 if (0..=6).contains(&days_before) => {
                format!(
                    "on {}, {} {}",
                    weekday_name(event),
                    month_name(event.month()),
                    event.day()
                )
            }
            8 => format!(
                "on {} {}, {}",
                month_name(event.month()),
                event.day(),
                event.year()
            ),
            _ => continue,
        };
        return phrase;
    }
}

/// A background date at month precision, without preposition: "March
/// 2019", "last March", or "March" within the publication year.
pub fn month_phrase(rng: &mut SplitMix64, when: NaiveDate, published: NaiveDate) -> String {
    if when.year() == published.year() && rng.chance(0.4) {
        month_name(when.month()).to_string()
    } else if when.year() + 1 == published.year() && rng.chance(0.4) {
        format!("last {}", month_name(when.month()))
    } else {
        format!("{} {}", month_name(when.month()), when.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_words_only_when_they_resolve() {
        let event = NaiveDate::from_ymd_opt(2020, 2, 22).unwrap_or_default();
        let mut rng = SplitMix64::new(9);
        for _ in 0..300 {
            let later = event + chrono::Duration::days(12);
            let phrase = event_day_phrase(&mut rng, event, later);
            assert!(
                !phrase.contains("Saturday") && phrase != "yesterday",
                "{phrase}"
            );
            let next_day = event_day_phrase(&mut rng, event, event + chrono::Duration::days(1));
            assert!(next_day != "today", "{next_day}");
        }
    }
}
