//! Reading the `published` values that real feeds carry: RFC 3339, RFC
//! 2822, ISO dates with a space and short offsets, and the written-out forms
//! outlets print ("Dec. 9, 2016", "Wed Nov 23, 2016 | 4:58pm EST").
//!
//! Only the calendar date is kept, and it is the date as the outlet wrote
//! it: for a value with a time and an offset, the date in that value's own
//! offset (the local date of publication). Converting to UTC would move an
//! evening report in the Americas to the next day, and every relative date
//! in its text ("on Tuesday") is anchored to the local date. So time-of-day
//! and zone words are checked for shape and then ignored; they never need
//! to be interpreted, which is why an ambiguous abbreviation such as IST
//! does no harm.
//!
//! chrono does the calendar work. A small normaliser first brings the
//! written-out forms to one shape (weekday, ordinal suffixes, `|`, commas,
//! dots after abbreviations, time and zone words removed), because chrono's
//! format strings cannot express "optional weekday, optional suffix".
//!
//! Numeric forms with slashes and the day or month first (01/05/2023) are
//! never read: US and European feeds write them in opposite orders, and a
//! wrong guess is worse than no date. Year-first (2016/11/23) and dotted
//! day-first (23.11.2016, never used in US style) are unambiguous.
//!
//! The crate `dateparser` was considered and not used: it returns
//! `DateTime<Utc>`, which loses the local date this module must keep; it
//! reads `mm/dd/yyyy` in US order, which must stay unread; and it fills a
//! missing date with today, which would silently invent dates.

use chrono::{DateTime, Datelike, NaiveDate, Weekday};

/// Values longer than this are not dates whatever they say; refusing them
/// early keeps the work per value small on arbitrary input.
const LONGEST_READABLE_VALUE: usize = 120;

/// The years a publication date may fall in. Two-digit years ("23.11.16")
/// and typos that lose a digit would otherwise become the first century.
const READABLE_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Parses a `published` value in any of the forms docs/inputs.md lists and
/// gives the calendar date as written; `None` when the value is not one of
/// them (or names an impossible date, or a weekday the date does not fall
/// on).
pub fn parse_published(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() || value.len() > LONGEST_READABLE_VALUE {
        return None;
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|time| time.date_naive())
        })
        .or_else(|| {
            DateTime::parse_from_rfc2822(value)
                .ok()
                .map(|time| time.date_naive())
        })
        .or_else(|| parse_normalised(value))?;
    READABLE_YEARS.contains(&date.year()).then_some(date)
}

/// The written-out forms: an optional weekday, a date (compact numeric, or
/// with a month name in any of three orders), then only time-of-day and
/// zone words.
fn parse_normalised(value: &str) -> Option<NaiveDate> {
    let lowered = value.to_lowercase();
    let separated: String = lowered
        .chars()
        .map(|c| if matches!(c, ',' | '|') { ' ' } else { c })
        .collect();
    let mut tokens: Vec<String> = Vec::new();
    for raw in separated.split_whitespace() {
        let token = tidy_token(raw);
        if token.is_empty() {
            continue;
        }
        // An ISO date glued to its time ("2016-11-23t16:58:00.000+0000")
        // that RFC 3339 refused (no colon in the offset, no offset at all).
        match split_iso_date_and_time(&token) {
            Some((date, time)) => {
                tokens.push(date.to_string());
                tokens.push(time.to_string());
            }
            None => tokens.push(token),
        }
    }
    let stated_weekday = tokens.first().and_then(|token| weekday_named(token));
    let date_tokens = if stated_weekday.is_some() {
        &tokens[1..]
    } else {
        &tokens[..]
    };
    let (date, used) = match date_tokens.first().and_then(|t| compact_numeric_date(t)) {
        Some(date) => (date, 1),
        None => (date_with_month_name(date_tokens)?, 3),
    };
    if !date_tokens[used..]
        .iter()
        .all(|token| is_time_or_zone_word(token))
    {
        return None;
    }
    // A weekday that disagrees with the date means one of the two is wrong,
    // and nothing says which: better no date than a guess.
    if stated_weekday.is_some_and(|weekday| weekday != date.weekday()) {
        return None;
    }
    Some(date)
}

/// Parentheses around zone words go; dots go from words ("dec.", "sept.",
/// "p.m.") and from the end of numbers ("23.11.2016."), but not from inside
/// numbers, where they separate day, month and year or start a fraction.
fn tidy_token(raw: &str) -> String {
    let token = raw.trim_matches(|c| c == '(' || c == ')');
    if token.chars().all(|c| c.is_alphabetic() || c == '.') {
        token.chars().filter(|&c| c != '.').collect()
    } else {
        token.trim_end_matches('.').to_string()
    }
}

fn split_iso_date_and_time(token: &str) -> Option<(&str, &str)> {
    let (date, time) = token.split_at_checked(10)?;
    let time = time.strip_prefix('t')?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some((date, time))
}

fn weekday_named(token: &str) -> Option<Weekday> {
    Some(match token {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tues" | "tue" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thurs" | "thur" | "thu" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// One-token numeric dates whose order is not in doubt: ISO (2016-11-23),
/// year-first with slashes (2016/11/23), day-first with dots (23.11.2016).
fn compact_numeric_date(token: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(token, format).ok())
}

/// "dec 9 2016", "17 december 2016", "2016 nov 23", with ordinal suffixes
/// on the day. chrono's `%B` reads full and abbreviated month names alike.
fn date_with_month_name(tokens: &[String]) -> Option<NaiveDate> {
    let [first, second, third, ..] = tokens else {
        return None;
    };
    let (month, day, year) = if is_year(first) {
        (second, third, first)
    } else if is_year(third) && is_month_word(first) {
        (first, second, third)
    } else {
        (second, first, third)
    };
    if !is_month_word(month) || !is_year(year) {
        return None;
    }
    let day = day_number(day)?;
    // chrono knows "sep" and "september" but not the common "sept".
    let month = if month == "sept" {
        "sep"
    } else {
        month.as_str()
    };
    NaiveDate::parse_from_str(&format!("{day} {month} {year}"), "%d %B %Y").ok()
}

fn is_year(token: &str) -> bool {
    token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit())
}

fn is_month_word(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_lowercase())
}

/// A day of the month, with or without an ordinal suffix ("9", "9th",
/// "1st", "22nd", "3rd").
fn day_number(token: &str) -> Option<&str> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| token.strip_suffix(suffix))
        .unwrap_or(token);
    let is_day = (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    is_day.then_some(digits)
}

/// Zone abbreviations seen in feeds. They are only recognised as words
/// that may follow a date, never turned into offsets (the module comment
/// says why), so an abbreviation with two meanings is harmless here.
const ZONE_WORDS: &[&str] = &[
    "z", "utc", "gmt", "ut", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst",
    "akdt", "hst", "ast", "adt", "nst", "ndt", "et", "ct", "mt", "pt", "bst", "ist", "cet", "cest",
    "eet", "eest", "wet", "west", "msk", "jst", "kst", "hkt", "sgt", "pkt", "aest", "aedt", "acst",
    "acdt", "awst", "nzst", "nzdt", "sast", "wat", "cat", "eat",
];

/// Words that may follow the date: connectors ("at"), times of day
/// ("4:58pm", "12:24:52.002364-05"), "am"/"pm", zone words and offsets.
fn is_time_or_zone_word(token: &str) -> bool {
    matches!(token, "at" | "-" | "–" | "—" | "@" | "am" | "pm")
        || ZONE_WORDS.contains(&token)
        || is_numeric_offset(token)
        || is_zone_with_offset(token)
        || is_time_of_day(token)
}

/// "+0500", "-05", "+05:30".
fn is_numeric_offset(token: &str) -> bool {
    let Some(rest) = token.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(':') {
        Some((hours, minutes)) => {
            (1..=2).contains(&hours.len())
                && minutes.len() == 2
                && digits_only(hours)
                && digits_only(minutes)
        }
        None => matches!(rest.len(), 1 | 2 | 4) && digits_only(rest),
    }
}

/// "utc+3", "gmt-05:00".
fn is_zone_with_offset(token: &str) -> bool {
    ["utc", "gmt"]
        .iter()
        .filter_map(|zone| token.strip_prefix(zone))
        .any(is_numeric_offset)
}

/// "16:58", "4:58pm", "16:58:00", "12:24:52.002364-05", "16:58:00z",
/// "4pm".
fn is_time_of_day(token: &str) -> bool {
    let (clock, had_meridiem) = match ["a.m", "p.m", "am", "pm"]
        .iter()
        .find_map(|meridiem| token.strip_suffix(meridiem))
    {
        Some(clock) => (clock, true),
        None => (token, false),
    };
    let clock = clock.strip_suffix('z').unwrap_or(clock);
    let clock = match clock.find(['+', '-']) {
        Some(at) if is_numeric_offset(&clock[at..]) => &clock[..at],
        Some(_) => return false,
        None => clock,
    };
    let clock = match clock.split_once(['.', ',']) {
        Some((clock, fraction))
            if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            clock
        }
        Some(_) => return false,
        None => clock,
    };
    let two_digits_below =
        |part: &str, limit: u32| part.len() == 2 && part.parse::<u32>().is_ok_and(|n| n < limit);
    let mut parts = clock.split(':');
    let hour_is_readable = parts.next().is_some_and(|hour| {
        (1..=2).contains(&hour.len()) && hour.parse::<u32>().is_ok_and(|n| n <= 24)
    });
    let rest: Vec<&str> = parts.collect();
    let minutes_and_seconds_are_readable = match rest.as_slice() {
        // A bare hour is a time only with am/pm ("4pm"); alone it is a number.
        [] => had_meridiem,
        [minutes] => two_digits_below(minutes, 60),
        // 60 allows a leap second.
        [minutes, seconds] => two_digits_below(minutes, 60) && two_digits_below(seconds, 61),
        _ => false,
    };
    hour_is_readable && minutes_and_seconds_are_readable
}
