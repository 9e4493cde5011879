//! Date expressions: absolute, month-day, weekday, relative, month- and
//! year-only, each resolved against the publication date when it needs an
//! anchor, and never guessed when there is none.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::text::{TextView, TokenKind, without_possessive};
use crate::extract::model::DatePrecision;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateValue {
    Day(NaiveDate),
    Month(NaiveDate),
    Year(NaiveDate),
    Week(NaiveDate),
    /// "On the eve": the day before the main event, resolved once the main
    /// date is known.
    Eve,
    /// Stated but unanchored: no publication date to resolve against.
    Unresolved,
}

impl DateValue {
    pub fn date_and_precision(self) -> (Option<NaiveDate>, DatePrecision) {
        match self {
            DateValue::Day(d) => (Some(d), DatePrecision::Day),
            DateValue::Month(d) => (Some(d), DatePrecision::Month),
            DateValue::Year(d) => (Some(d), DatePrecision::Year),
            DateValue::Week(d) => (Some(d), DatePrecision::Week),
            DateValue::Eve | DateValue::Unresolved => (None, DatePrecision::Unresolved),
        }
    }

    /// Whether the date holds a day: the day itself, or its week, month
    /// or year.
    pub fn holds(self, day: NaiveDate) -> bool {
        match self {
            DateValue::Day(d) => d == day,
            DateValue::Month(d) => d.year() == day.year() && d.month() == day.month(),
            DateValue::Year(d) => d.year() == day.year(),
            DateValue::Week(d) => d <= day && (day - d).num_days() < 7,
            DateValue::Eve | DateValue::Unresolved => false,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct DateMention {
    pub first_token: usize,
    pub end_token: usize,
    pub value: DateValue,
    /// Said explicitly to be earlier than the report's news ("earlier this
    /// week", "last year"): never the main event.
    pub explicitly_earlier: bool,
    /// The date of a statement ("told AFP on February 21", "warned on
    /// October 25"), not of an event.
    pub statement: bool,
    /// Sentence index.
    pub sentence: usize,
    /// Follows "since"/"until": the edge of a period, not an event's date.
    pub period_edge: bool,
}

pub(crate) fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" | "febr" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// False only when no date can start at `t` (`date_at` would say None):
/// punctuation, and words that neither start with a digit, nor are a date
/// word, nor carry a possessive (checked in full by `date_at`).
fn could_start_date(view: &TextView<'_>, t: usize) -> bool {
    use crate::extract::text::word_classes::bits;
    view.in_class_or_number(
        t,
        bits::DATE_START_WORDS | bits::DIGIT_FIRST | bits::POSSESSIVE,
    )
}

pub(crate) fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The weekday a mention is when it is that word alone ("Wednesday",
/// "Wednesday's"), not a weekday with its stated date.
pub(crate) fn lone_weekday(view: &TextView<'_>, mention: &DateMention) -> Option<Weekday> {
    if mention.end_token != mention.first_token + 1 {
        return None;
    }
    let word = view.lower(mention.first_token);
    weekday_of(without_possessive(word))
}

/// Words that precede a bare year or month-only date.
const PERIOD_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "during",
    "by",
    "until",
    "from",
    "before",
    "after",
    "of",
    "the",
    "early",
    "late",
    "mid",
    "last",
    "through",
    "throughout",
];

fn parse_day_number(word: &str) -> Option<u32> {
    let digits: &str = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn parse_year(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = word.parse().ok()?;
    (1900..=2100).contains(&year).then_some(year)
}

/// The nearest `month`/`day` not after publication (with two days of leeway
/// for time zones).
fn resolve_month_day(month: u32, day: u32, published: Option<NaiveDate>) -> DateValue {
    let Some(published) = published else {
        return DateValue::Unresolved;
    };
    let latest = published
        .checked_add_days(Days::new(2))
        .unwrap_or(published);
    for year in [published.year(), published.year() - 1, published.year() - 2] {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
            && date <= latest
        {
            return DateValue::Day(date);
        }
    }
    DateValue::Unresolved
}

fn resolve_month_only(month: u32, published: Option<NaiveDate>) -> DateValue {
    let Some(published) = published else {
        return DateValue::Unresolved;
    };
    let year = if month <= published.month() {
        published.year()
    } else {
        published.year() - 1
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(DateValue::Month)
        .unwrap_or(DateValue::Unresolved)
}

fn month_start(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), date.month(), 1)
}

fn week_start(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(date.weekday().num_days_from_monday() as u64))
}

fn latest_weekday(
    weekday: Weekday,
    published: NaiveDate,
    strictly_before: bool,
) -> Option<NaiveDate> {
    let mut back =
        (7 + published.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    if back == 0 && strictly_before {
        back = 7;
    }
    published.checked_sub_days(Days::new(back as u64))
}

/// Finds every date expression in the sentence `[first, end)`.
pub(crate) fn find_dates(
    view: &TextView<'_>,
    sentence: usize,
    first: usize,
    end: usize,
    published: Option<NaiveDate>,
) -> Vec<DateMention> {
    let mut found = Vec::new();
    let mut t = first;
    while t < end {
        if let Some((start, value, explicitly_earlier)) = time_ago_at(view, t, first, published) {
            found.push(DateMention {
                period_edge: false,
                first_token: start,
                end_token: t + 1,
                value,
                explicitly_earlier,
                statement: is_statement_date(view, first, start, t + 1, end),
                sentence,
            });
            t += 1;
            continue;
        }
        if !could_start_date(view, t) {
            t += 1;
            continue;
        }
        match date_at(view, t, first, end, published) {
            Some((len, value, explicitly_earlier)) => {
                let statement = is_statement_date(view, first, t, t + len, end);
                // "since December 16, when police opened fire": the clause
                // after names the event of that day, so the date is the
                // event's, not the edge of a period.
                let names_event = view.is_punct(t + len, ",") && view.is(t + len + 1, "when");
                let period_edge = !names_event
                    && (t.saturating_sub(2).max(first)..t)
                        .any(|k| view.is_any(k, &["since", "until", "till"]));
                found.push(DateMention {
                    period_edge,
                    first_token: t,
                    end_token: t + len,
                    value,
                    explicitly_earlier,
                    statement,
                    sentence,
                });
                t += len;
            }
            None => t += 1,
        }
    }
    found
}

/// The most a count of days or weeks "ago" may be read as a date.
const MAX_TIME_AGO: u32 = 31;

/// "four days ago", "two weeks ago", ending at the token `t` ("ago"): the
/// first token, the value counted back from publication, and whether it
/// is said to be earlier than the news. Days are a day ("shot four days
/// ago" dates the shots as "yesterday" would); weeks their week, earlier
/// than the news, as "last week" is. Found from "ago" backwards because
/// a count word ("two", "a") starts no other date and `find_dates` skips
/// such words.
fn time_ago_at(
    view: &TextView<'_>,
    t: usize,
    first: usize,
    published: Option<NaiveDate>,
) -> Option<(usize, DateValue, bool)> {
    if view.lower(t) != "ago" || t < first + 2 {
        return None;
    }
    let count_word = view.lower(t - 2);
    let count: u32 = match count_word {
        "a" | "an" | "one" => 1,
        digits if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse().ok()?,
        word => u32::try_from(crate::extract::numbers::number_word(word)?).ok()?,
    };
    if !(1..=MAX_TIME_AGO).contains(&count) {
        return None;
    }
    let published = published?;
    let (value, earlier) = match view.lower(t - 1) {
        "day" | "days" => (
            DateValue::Day(published.checked_sub_days(Days::new(count.into()))?),
            false,
        ),
        "week" | "weeks" => (
            DateValue::Week(week_start(
                published.checked_sub_days(Days::new(7 * u64::from(count)))?,
            )?),
            true,
        ),
        // Months and years ago date what a clause recalls ("the movement
        // launched five years ago", "jailed two years ago"), seldom the
        // news: read as dates earlier than the news, they cast the
        // sentence's own figures as background (on mm_dev, as often
        // wrongly as rightly).
        _ => return None,
    };
    Some((t - 2, value, earlier))
}

/// Words for a part of a day between a weekday and its stated date
/// ("Monday night, November 28").
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// A date at token `t`: its length in tokens, value, and whether it is said
/// to be earlier than the news.
fn date_at(
    view: &TextView<'_>,
    t: usize,
    first: usize,
    end: usize,
    published: Option<NaiveDate>,
) -> Option<(usize, DateValue, bool)> {
    // "Saturday's rallies": the possessive names the day too.
    let word = without_possessive(view.lower(t));
    let token = view.tokens.get(t)?;
    let next = |k: usize| if t + k < end { view.lower(t + k) } else { "" };
    let previous = if t > first { view.lower(t - 1) } else { "" };

    // Month-first: "February 22, 2020", "Feb. 22", "January 2022", "in December".
    if let Some(month) = month_number(word) {
        let ambiguous = matches!(
            word,
            "may" | "march" | "mar" | "jan" | "dec" | "sep" | "jun" | "jul"
        );
        let mut k = 1;
        if next(1) == "." {
            k = 2;
        }
        // A lowercase "may" or "march" is a verb or a noun in ordinary
        // text; in a caseless report it is a month when a day or a year
        // follows ("dec 16", "march 2011").
        let day_or_year_follows =
            parse_day_number(next(k)).is_some() || parse_year(next(k)).is_some();
        if ambiguous && !token.capitalised && !(view.read_as_caseless && day_or_year_follows) {
            return None;
        }
        if let Some(day) = parse_day_number(next(k)) {
            let mut len = k + 1;
            let mut year = None;
            let mut y = len;
            if next(y) == "," {
                y += 1;
            }
            if let Some(parsed) = parse_year(next(y)) {
                year = Some(parsed);
                len = y + 1;
            }
            let value = match year {
                Some(year) => NaiveDate::from_ymd_opt(year, month, day)
                    .map(DateValue::Day)
                    .unwrap_or(DateValue::Unresolved),
                None => resolve_month_day(month, day, published),
            };
            return Some((len, value, false));
        }
        if let Some(year) = parse_year(next(k)) {
            let value = NaiveDate::from_ymd_opt(year, month, 1)
                .map(DateValue::Month)
                .unwrap_or(DateValue::Unresolved);
            return Some((k + 1, value, false));
        }
        if PERIOD_PREPOSITIONS.contains(&previous) && !(ambiguous && previous == "the") {
            let earlier = previous == "last";
            return Some((1, resolve_month_only(month, published), earlier));
        }
        return None;
    }

    // Day-first: "22 February", "1 May 2023".
    if let Some(day) = parse_day_number(word)
        && let Some(month) = month_number(next(1))
        && (view.read_as_caseless || view.tokens.get(t + 1).is_some_and(|m| m.capitalised))
    {
        if let Some(year) = parse_year(next(2)) {
            let value = NaiveDate::from_ymd_opt(year, month, day)
                .map(DateValue::Day)
                .unwrap_or(DateValue::Unresolved);
            return Some((3, value, false));
        }
        return Some((2, resolve_month_day(month, day, published), false));
    }

    // Numeric: "2020-02-22", "22.02.2020".
    if token.kind == TokenKind::Word && word.len() == 10 && word.as_bytes().get(4) == Some(&b'-') {
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() == 3
            && let (Ok(y), Ok(m), Ok(d)) = (
                parts[0].parse::<i32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<u32>(),
            )
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some((1, DateValue::Day(date), false));
        }
    }
    if token.kind == TokenKind::Number && word.matches('.').count() == 2 {
        let parts: Vec<&str> = word.split('.').collect();
        if parts.len() == 3
            && parts[2].len() == 4
            && let (Ok(d), Ok(m), Ok(y)) = (
                parts[0].parse::<u32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<i32>(),
            )
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some((1, DateValue::Day(date), false));
        }
    }

    // Bare year after a preposition: "in 2019", "since 2009", "the 2022 unrest".
    if token.kind == TokenKind::Number
        && let Some(year) = parse_year(word)
        && PERIOD_PREPOSITIONS.contains(&previous)
    {
        let value = NaiveDate::from_ymd_opt(year, 1, 1)
            .map(DateValue::Year)
            .unwrap_or(DateValue::Unresolved);
        return Some((1, value, false));
    }

    // Weekdays: "on Saturday", "last Friday", and in any case ("saturday",
    // "SATURDAY"): no ordinary word is spelled like a weekday.
    if let Some(weekday) = weekday_of(word) {
        // "Sunday 12 June", "Sunday, June 12", "Monday night, November
        // 28": the stated day is the date (the weekday alone would be
        // resolved against publication, which for a report published days
        // later is a later Sunday).
        let mut stated_after = 1;
        if PARTS_OF_DAY.contains(&next(stated_after)) {
            stated_after += 1;
        }
        if next(stated_after) == "," {
            stated_after += 1;
        }
        if t + stated_after < end
            && let Some((_, DateValue::Day(day), _)) =
                date_at(view, t + stated_after, first, end, published)
            && day.weekday() == weekday
        {
            return Some((1, DateValue::Day(day), false));
        }
        let strictly_before = previous == "last";
        let value = match published {
            Some(p) => latest_weekday(weekday, p, strictly_before)
                .map(DateValue::Day)
                .unwrap_or(DateValue::Unresolved),
            None => DateValue::Unresolved,
        };
        return Some((1, value, false));
    }

    // Relative days and periods.
    let anchored = |f: &dyn Fn(NaiveDate) -> Option<DateValue>| match published {
        Some(p) => f(p).unwrap_or(DateValue::Unresolved),
        None => DateValue::Unresolved,
    };
    match word {
        "yesterday" => return Some((1, anchored(&|p| p.pred_opt().map(DateValue::Day)), false)),
        "today" | "tonight" => return Some((1, anchored(&|p| Some(DateValue::Day(p))), false)),
        "eve" if previous == "the" => return Some((1, DateValue::Eve, true)),
        "earlier" | "this" | "last" => {
            let (offset, unit) = match (word, next(1), next(2)) {
                ("earlier", "this", unit) => (2, unit),
                ("this", unit, _) => (1, unit),
                ("last", unit, _) => (1, unit),
                _ => return None,
            };
            let last = word == "last";
            let earlier = word == "earlier" || last;
            let value = match unit {
                "week" => anchored(&|p| {
                    let day = if last {
                        p.checked_sub_days(Days::new(7))?
                    } else {
                        p
                    };
                    week_start(day).map(DateValue::Week)
                }),
                "month" => anchored(&|p| {
                    let day = if last {
                        p.checked_sub_months(Months::new(1))?
                    } else {
                        p
                    };
                    month_start(day).map(DateValue::Month)
                }),
                "year" => anchored(&|p| {
                    let year = if last { p.year() - 1 } else { p.year() };
                    NaiveDate::from_ymd_opt(year, 1, 1).map(DateValue::Year)
                }),
                _ => return None,
            };
            if word == "this" && previous == "earlier" {
                return None;
            }
            return Some((offset + 1, value, earlier));
        }
        _ => {}
    }
    None
}

/// A date is a statement's date when a statement verb stands just before it
/// ("told AFP on February 21"), or when the sentence reports a statement and
/// no event word stands next to the date ("On February 20, the office called
/// on citizens ...").
fn is_statement_date(
    view: &TextView<'_>,
    first: usize,
    start: usize,
    end: usize,
    sentence_end: usize,
) -> bool {
    let window_start = start.saturating_sub(5).max(first);
    let verb_before = (window_start..start)
        .any(|t| view.in_class(t, crate::extract::text::word_classes::bits::STATEMENT_VERBS));
    if verb_before {
        return true;
    }
    // "On February 20, the prosecutor's office called on citizens ...": a
    // sentence-initial date whose sentence goes on to a statement verb with
    // no event word in between.
    if start > first + 2 {
        return false;
    }
    let horizon = (end + 12).min(sentence_end);
    for t in end..horizon {
        if view.in_class(t, crate::extract::text::word_classes::bits::EVENT_WORDS) {
            return false;
        }
        if view.in_class(t, crate::extract::text::word_classes::bits::STATEMENT_VERBS) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::DATE_START_WORDS;

    fn check(
        sentence: &str,
        published: Option<&str>,
        expected: &[(&str, Option<&str>, DatePrecision)],
    ) {
        let view = TextView::new(sentence);
        let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap());
        let found = find_dates(&view, 0, 0, view.tokens.len(), published);
        let got: Vec<(String, Option<String>, DatePrecision)> = found
            .iter()
            .map(|m| {
                let (date, precision) = m.value.date_and_precision();
                (
                    view.token_text(m.first_token, m.end_token).to_string(),
                    date.map(|d| d.to_string()),
                    precision,
                )
            })
            .collect();
        let expected: Vec<(String, Option<String>, DatePrecision)> = expected
            .iter()
            .map(|(t, d, p)| (t.to_string(), d.map(str::to_string), *p))
            .collect();
        assert_eq!(got, expected, "{sentence}");
    }

    use DatePrecision::*;

    #[test]
    fn date_start_words_cover_every_month_weekday_and_relative_word() {
        // Every prefix of every month and weekday name that the parsers
        // accept, and the relative words, must be registered.
        let names = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        for name in names {
            for len in 1..=name.len() {
                let prefix = &name[..len];
                if month_number(prefix).is_some() || weekday_of(prefix).is_some() {
                    assert!(DATE_START_WORDS.contains(&prefix), "{prefix}");
                }
            }
        }
        for word in [
            "yesterday",
            "today",
            "tonight",
            "eve",
            "earlier",
            "this",
            "last",
        ] {
            assert!(DATE_START_WORDS.contains(&word), "{word}");
        }
        // Ordinary words and punctuation are skipped; digits and
        // possessives are left to `date_at`.
        let view = TextView::new("Police said the crowd of protesters marched — calmly, mostly.");
        for t in 0..view.tokens.len() {
            assert!(!could_start_date(&view, t), "{}", view.lower(t));
        }
        let view = TextView::new("Saturday's 22nd 2020 Dec");
        for t in 0..view.tokens.len() {
            assert!(could_start_date(&view, t), "{}", view.lower(t));
        }
    }

    #[test]
    fn absolute_dates() {
        check(
            "It happened on February 22, 2020.",
            None,
            &[("February 22, 2020", Some("2020-02-22"), Day)],
        );
        check(
            "on 22 February 2020 x",
            None,
            &[("22 February 2020", Some("2020-02-22"), Day)],
        );
        check(
            "on 22.02.2020 x",
            None,
            &[("22.02.2020", Some("2020-02-22"), Day)],
        );
        check(
            "on 2020-02-22 x",
            None,
            &[("2020-02-22", Some("2020-02-22"), Day)],
        );
        check(
            "On 1 May 2023, police",
            None,
            &[("1 May 2023", Some("2023-05-01"), Day)],
        );
    }

    #[test]
    fn month_day_resolves_against_publication_with_leeway() {
        check(
            "on Feb. 22 police",
            Some("2020-02-25"),
            &[("Feb. 22", Some("2020-02-22"), Day)],
        );
        check(
            "on February 22 police",
            Some("2020-02-21"),
            &[("February 22", Some("2020-02-22"), Day)],
        );
        check(
            "on December 16 police",
            Some("2012-02-25"),
            &[("December 16", Some("2011-12-16"), Day)],
        );
        check(
            "on 22 February police",
            Some("2020-03-01"),
            &[("22 February", Some("2020-02-22"), Day)],
        );
        check(
            "on February 22 police",
            None,
            &[("February 22", None, Unresolved)],
        );
    }

    #[test]
    fn weekdays_and_relative_days() {
        // 2020-02-22 was a Saturday.
        check(
            "on Saturday police",
            Some("2020-02-22"),
            &[("Saturday", Some("2020-02-22"), Day)],
        );
        check(
            "on Saturday police",
            Some("2020-02-24"),
            &[("Saturday", Some("2020-02-22"), Day)],
        );
        check(
            "last Saturday police",
            Some("2020-02-22"),
            &[("Saturday", Some("2020-02-15"), Day)],
        );
        check(
            "on Tuesday police",
            Some("2020-02-27"),
            &[("Tuesday", Some("2020-02-25"), Day)],
        );
        check(
            "yesterday police",
            Some("2020-02-23"),
            &[("yesterday", Some("2020-02-22"), Day)],
        );
        check(
            "today police",
            Some("2020-02-23"),
            &[("today", Some("2020-02-23"), Day)],
        );
        check("yesterday police", None, &[("yesterday", None, Unresolved)]);
        check(
            "on the eve of it",
            Some("2020-02-23"),
            &[("eve", None, Unresolved)],
        );
    }

    #[test]
    fn periods_keep_their_precision() {
        check(
            "in December police",
            Some("2012-02-25"),
            &[("December", Some("2011-12-01"), Month)],
        );
        check(
            "in January 2022 police",
            Some("2023-05-01"),
            &[("January 2022", Some("2022-01-01"), Month)],
        );
        check(
            "in 2019 police",
            Some("2023-05-01"),
            &[("2019", Some("2019-01-01"), Year)],
        );
        check(
            "earlier this week police",
            Some("2020-02-22"),
            &[("earlier this week", Some("2020-02-17"), Week)],
        );
        check(
            "last week police",
            Some("2020-02-22"),
            &[("last week", Some("2020-02-10"), Week)],
        );
        check(
            "last month police",
            Some("2020-06-06"),
            &[("last month", Some("2020-05-01"), Month)],
        );
        check(
            "earlier this month police",
            Some("2020-06-06"),
            &[("earlier this month", Some("2020-06-01"), Month)],
        );
        check(
            "last year police",
            Some("2020-06-06"),
            &[("last year", Some("2019-01-01"), Year)],
        );
    }

    #[test]
    fn words_that_only_look_like_months_are_not_dates() {
        check("they may march to the square", Some("2020-06-06"), &[]);
        check("Thousands March On Parliament", Some("2020-06-06"), &[]);
    }
}
