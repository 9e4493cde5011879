//! Figures: which numbers count people, what they count (metric), where
//! (scope), when (main event or background), and on whose word.

use chrono::NaiveDate;

use super::Analysis;
use super::dates::{DateMention, DateValue};
use super::lexicon::*;
use super::numbers::{NumberPhrase, number_phrase_at};
use super::text::{LineKind, TextView, TokenKind};
use crate::extract::model::{Metric, PlaceLevel};
use crate::extract::model::{Qualifier, ScopeSource};
use crate::gazetteer::PlaceIndex;

#[derive(Debug, Clone)]
pub(crate) struct RawFigure {
    pub metric: Metric,
    pub phrase: NumberPhrase,
    pub sentence: usize,
    pub places: Vec<PlaceIndex>,
    pub scope_from: ScopeSource,
    pub background: bool,
    /// The event's date and, when stated in the clause, the date mention.
    pub date: Option<DateValue>,
    pub date_mention: Option<usize>,
    pub attributed_to: Option<String>,
    pub headline: bool,
    /// Read by the casualty pass (`casualties.rs`): one victim's city says
    /// where a shooting happened, not that a day of action spread.
    pub casualty_cue: bool,
}

impl RawFigure {
    /// A figure as a sentence first yields it: no place, date or
    /// attribution yet (later passes fill them in).
    pub(crate) fn unplaced(
        metric: Metric,
        phrase: NumberPhrase,
        sentence: usize,
        headline: bool,
        casualty_cue: bool,
    ) -> RawFigure {
        RawFigure {
            metric,
            phrase,
            sentence,
            places: Vec::new(),
            scope_from: ScopeSource::Report,
            background: false,
            date: None,
            date_mention: None,
            attributed_to: None,
            headline,
            casualty_cue,
        }
    }
}

/// How a date in a figure's clause relates to the main event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DateClass {
    Main,
    Other(DateValue),
    Ignore,
}

/// How many days after an incident a death still belongs to it (the
/// victim who dies in hospital that week).
const OUTCOME_DAYS_AFTER: i64 = 7;

/// A date of the report's main event, of another time, or of nothing. A
/// death told for a day just after the main day ("She died on Saturday",
/// shot on Friday) is the incident's outcome: its day is the main event's.
pub(crate) fn classify_date(
    view: &TextView<'_>,
    mention: &DateMention,
    main: Option<NaiveDate>,
) -> DateClass {
    match classify_date_alone(mention, main) {
        DateClass::Other(DateValue::Day(day))
            if main.is_some_and(|main| {
                (1..=OUTCOME_DAYS_AFTER).contains(&(day - main).num_days())
            }) && sentence_tells_death(view, mention.sentence) =>
        {
            DateClass::Main
        }
        class => class,
    }
}

/// Whether a sentence tells a death ("died", "dies", "succumbed").
fn sentence_tells_death(view: &TextView<'_>, sentence: usize) -> bool {
    let s = &view.sentences[sentence];
    (s.first_token..s.end_token).any(|t| view.is_any(t, &["died", "dies", "succumbed"]))
}

fn classify_date_alone(mention: &DateMention, main: Option<NaiveDate>) -> DateClass {
    if mention.statement || mention.period_edge {
        return DateClass::Ignore;
    }
    match mention.value {
        DateValue::Eve => match main.and_then(|m| m.pred_opt()) {
            Some(eve) => DateClass::Other(DateValue::Day(eve)),
            None => DateClass::Other(DateValue::Unresolved),
        },
        DateValue::Unresolved if mention.explicitly_earlier => {
            DateClass::Other(DateValue::Unresolved)
        }
        DateValue::Unresolved => DateClass::Ignore,
        value => match main {
            None => DateClass::Main,
            Some(_) if mention.explicitly_earlier => DateClass::Other(value),
            Some(day) if value.holds(day) => DateClass::Main,
            Some(_) => DateClass::Other(value),
        },
    }
}

enum Head {
    People { end: usize, noun: usize },
    TriggerNoun { metric: Metric },
    Elliptical,
}

const BOUNDARY_PUNCT: &str = ";:—–()";

/// People named by where they live: "Almaty residents", "a Toledo
/// native", "two Chicago men" (with `SINGULAR_PERSON_NOUNS`).
const HOME_PERSON_WORDS: &[&str] = &[
    "resident",
    "residents",
    "native",
    "natives",
    "men",
    "women",
    "teens",
    "teenagers",
    "boys",
    "girls",
    "family",
    "couple",
];

impl Analysis<'_> {
    fn is_boundary(&self, k: usize) -> bool {
        if self.view.is_punct(k, ":") {
            // "Almaty: at least 42 detained": a short label names the scope.
            let sentence_start = self
                .view
                .sentences
                .iter()
                .find(|s| s.first_token <= k && k < s.end_token)
                .map(|s| s.first_token)
                .unwrap_or(0);
            return k - sentence_start > 4;
        }
        if self.view.is_punct(k, BOUNDARY_PUNCT) {
            return true;
        }
        // "--" as a dash.
        self.view.is_punct(k, "-")
            && (self.view.is_punct(k + 1, "-") || (k > 0 && self.view.is_punct(k - 1, "-")))
    }

    fn is_adjectival(&self, k: usize, floor: usize) -> bool {
        k > floor
            && self.view.in_class(
                k - 1,
                crate::extract::text::word_classes::bits::ADJECTIVAL_BEFORE,
            )
    }

    pub(super) fn is_hypothetical(&self, k: usize, floor: usize) -> bool {
        // Capitalised "May" mid-sentence is the month, not the modal.
        // "used water cannon to disperse 3,000 marchers": the crowd of a
        // purpose clause of crowd control was there, whatever came of it.
        (k.saturating_sub(2).max(floor)..k).any(|j| {
            self.view
                .in_class(j, crate::extract::text::word_classes::bits::MODALS)
                && !self.view.tokens[j].capitalised
                && !self.to_of_no_plan(j)
        })
    }

    /// A "to" that says nothing hypothetical: of a purpose of crowd
    /// control ("to disperse 3,000"), or of a reported fact ("were
    /// reported to have marched", "are said to have died").
    fn to_of_no_plan(&self, to: usize) -> bool {
        self.view.is(to, "to")
            && (self.view.is_any(to + 1, CROWD_CONTROL_VERBS) || self.reported_to_have(to))
    }

    /// "were reported to have marched": `to` is a "to" before "have".
    fn reported_to_have(&self, to: usize) -> bool {
        to > 0
            && self.view.is(to + 1, "have")
            && self.view.is_any(
                to - 1,
                &[
                    "reported",
                    "said",
                    "believed",
                    "thought",
                    "estimated",
                    "known",
                    "alleged",
                    "understood",
                    "claimed",
                    "appeared",
                    "seemed",
                ],
            )
    }

    /// Every number phrase of a sentence, dates and their numbers excluded.
    pub(super) fn number_phrases(&self, sentence: usize) -> Vec<NumberPhrase> {
        let s = &self.view.sentences[sentence];
        let date_tokens: Vec<(usize, usize)> = self.dates_by_sentence[sentence]
            .iter()
            .map(|&d| (self.dates[d].first_token, self.dates[d].end_token))
            .collect();
        let in_date = |t: usize| date_tokens.iter().any(|&(a, b)| t >= a && t < b);
        let mut phrases = Vec::new();
        let mut t = s.first_token;
        while t < s.end_token {
            // Most tokens cannot start a number: one mask, before the
            // date ranges are searched.
            if !crate::extract::numbers::could_start_number(&self.view, t) || in_date(t) {
                t += 1;
                continue;
            }
            let floor = phrases
                .last()
                .map(|p: &NumberPhrase| p.end_token)
                .unwrap_or(s.first_token);
            match number_phrase_at(&self.view, t, floor, s.end_token) {
                Some(phrase) if !(phrase.first_token..phrase.end_token).any(in_date) => {
                    t = phrase.end_token.max(t + 1);
                    phrases.push(phrase);
                }
                _ => t += 1,
            }
        }
        phrases
    }

    /// Numbers that are never counts of people at an event: money, ages,
    /// percentages, times, coordinates, populations, legal thresholds,
    /// record field values.
    pub(super) fn is_not_a_count(&self, sentence: usize, phrase: &NumberPhrase) -> bool {
        let view = &self.view;
        let s = &view.sentences[sentence];
        // A record's "- 1" value line; a bulleted "- Almaty: 42 detained"
        // line is prose.
        if s.line_kind == LineKind::RecordField && s.end_token - s.first_token <= 4 {
            return true;
        }
        if self
            .line_has_coordinates
            .get(s.line)
            .copied()
            .unwrap_or(false)
        {
            return true;
        }
        let n = phrase.number_token;
        let before = |k: usize| {
            if n >= s.first_token + k {
                view.lower(n - k)
            } else {
                ""
            }
        };
        let after = |k: usize| {
            if phrase.end_token + k < s.end_token {
                view.lower(phrase.end_token + k)
            } else {
                ""
            }
        };
        // Money: "$5 billion", "US$ 3", "132,550 tenge".
        let previous_raw = if n > s.first_token {
            view.raw(n - 1)
        } else {
            ""
        };
        if previous_raw.chars().any(|c| CURRENCY_SYMBOLS.contains(c)) || before(1) == "us" {
            return true;
        }
        // Percentages, times.
        if matches!(after(0), "%" | "percent" | "per")
            || (matches!(after(0), "a" | "p") && after(1) == ".")
            || after(0) == "o'clock"
            || (view.is_punct(phrase.end_token, ":")
                && !view
                    .tokens
                    .get(phrase.end_token + 1)
                    .is_none_or(|t| t.space_before))
            || (n > 0 && view.is_punct(n - 1, ":") && !view.tokens[n].space_before)
        {
            return true;
        }
        // Ages: "aged 24", "age 24", "John Smith, 24,".
        if matches!(before(1), "aged" | "age" | "ages") {
            return true;
        }
        // "The victim, 34, was pronounced dead": an age after a person
        // noun too.
        if before(1) == ","
            && n >= s.first_token + 2
            && (view.tokens[n - 2].capitalised
                || view.is_any(n - 2, SINGULAR_PERSON_NOUNS)
                || view.in_class(
                    n - 2,
                    crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
                ))
            && view.tokens[n].kind == TokenKind::Number
            && (view.is_punct(phrase.end_token, ",.") || phrase.end_token >= s.end_token)
        {
            return true;
        }
        // Populations: "a nation of 19 million", "home to 2 million".
        let hedge_start = phrase.first_token;
        let before_phrase = |k: usize| {
            if hedge_start >= s.first_token + k {
                view.lower(hedge_start - k)
            } else {
                ""
            }
        };
        if (before_phrase(1) == "of" && POPULATION_WORDS.contains(&before_phrase(2)))
            || (before_phrase(1) == "to" && before_phrase(2) == "home")
        {
            return true;
        }
        // Requirements and legal thresholds: "must be attended by at least".
        // Not "special needs" (a noun: "a special needs school").
        if (s.first_token..phrase.first_token).any(|k| {
            view.in_class(
                k,
                crate::extract::text::word_classes::bits::REQUIREMENT_WORDS,
            ) && !(k > 0 && view.is(k - 1, "special") && view.is_any(k, &["needs", "need"]))
        }) {
            return true;
        }
        false
    }

    fn head_of(&self, sentence: usize, phrase: &NumberPhrase) -> Option<Head> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let start = phrase.end_token;
        let mut k = start;
        let mut previous_of = false;
        // "hundreds of tenants marched", "thousands of shepherds who
        // converged": a crowd-sized multiple of a plural the lists lack,
        // right before a crowd's verb, counts people. Not before a verb
        // that things do as well (`CROWD_VERBS_OF_THINGS`: "hundreds of
        // tractors blocked the ring road", "dozens of fireworks filled the
        // sky").
        let vague_crowd_of =
            self.counts_a_crowd(phrase) && phrase.vague.is_some() && view.is(start, "of");
        // "about 1,000 aborigines clashed with police", "some 300 cane
        // cutters marched": an exact crowd-sized number, a plural the lists
        // lack, then a verb only people do.
        // The number opens its clause, as a subject does: not "workers at
        // 40 factories demanded".
        let exact_crowd = self.counts_a_crowd(phrase)
            && phrase.vague.is_none()
            && !view.is(start, "of")
            && self.opens_clause(sentence, phrase.first_token, CLAUSE_OPENERS_OF_NOTES);
        while k < s.end_token && k < start + 6 {
            let w = view.lower(k);
            let token = view.tokens[k];
            if ((vague_crowd_of && k > start + 1) || (exact_crowd && k > start))
                && view.lower(k - 1).len() > 3
                && view.lower(k - 1).ends_with('s')
                && view.tokens[k - 1].kind == TokenKind::Word
                && !view.in_class(k - 1, crate::extract::text::word_classes::bits::UNIT_NOUNS)
            {
                let verb = if w == "who" {
                    let v = if view.is_any(k + 1, &["had", "have", "were"]) {
                        k + 2
                    } else {
                        k + 1
                    };
                    view.lower(v)
                } else {
                    w
                };
                let people_only_verb = verb_metric(verb) == Some(Metric::Participants)
                    || PEOPLE_ONLY_CROWD_VERBS.contains(&verb);
                let crowd_verb = if vague_crowd_of {
                    ((CROWD_VERBS.contains(&verb) && verb.ends_with("ed")) || people_only_verb)
                        && !CROWD_VERBS_OF_THINGS.contains(&verb)
                } else {
                    people_only_verb
                };
                if crowd_verb {
                    return Some(Head::People {
                        end: k,
                        noun: k - 1,
                    });
                }
            }
            if view.in_class(k, crate::extract::text::word_classes::bits::PEOPLE_NOUNS) {
                return Some(Head::People {
                    end: k + 1,
                    noun: k,
                });
            }
            if let Some(metric) = noun_metric(w)
                && (k == start || !matches!(w, "injured" | "wounded" | "hurt" | "dead"))
            {
                return Some(Head::TriggerNoun { metric });
            }
            if view.in_class(k, crate::extract::text::word_classes::bits::UNIT_NOUNS) {
                return None;
            }
            // "500 nationalist Quebecers", "thousands of Germans": a plural
            // that names people by what they do, believe or come from.
            // A demonym before a listed noun ("200 sudanese migrants") is
            // the noun's adjective: the noun is the head.
            if token.kind == TokenKind::Word
                && is_people_plural(w, |singular| {
                    self.gazetteer.country_by_demonym(singular).is_some()
                })
                && !view.in_class(
                    k + 1,
                    crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
                )
            {
                return Some(Head::People {
                    end: k + 1,
                    noun: k,
                });
            }
            if w == "of" && (k == start || previous_of) {
                previous_of = true;
                k += 1;
                continue;
            }
            if previous_of && matches!(w, "the" | "their" | "his" | "her") {
                k += 1;
                continue;
            }
            // "28 of them", "at least 37 of those": the people already named;
            // "several of those detained" is a part of a count, not a count.
            if previous_of && k == start + 1 && matches!(w, "them" | "those" | "whom") {
                let next = view.lower(k + 1);
                if verb_metric(next).is_some() || matches!(next, "led" | "taken" | "held" | "who") {
                    return None;
                }
                return Some(Head::Elliptical);
            }
            previous_of = false;
            if token.kind == TokenKind::Punct && w != "-" && w != "/" {
                return (k == start).then_some(Head::Elliptical);
            }
            // "thousands protested", "hundreds stormed the building": the
            // crowd's verb right after the number.
            // "thousands protest" (a vague number, as headlines write it),
            // "thousands taking part".
            let crowd_verb =
                CROWD_VERBS.contains(&w) || verb_metric(w) == Some(Metric::Participants);
            // "thousands staged protests", "hundreds held a vigil": the
            // crowd's event as the verb's object.
            let stages_a_protest = STAGING_VERBS.contains(&w)
                && (k + 1..(k + 5).min(s.end_token)).any(|j| self.is_protest_noun_at(j));
            if k == start
                && ((crowd_verb
                    && (w.ends_with("ed") || w.ends_with("ing") || phrase.vague.is_some()))
                    || (w == "taking" && view.is(k + 1, "part"))
                    || stages_a_protest)
            {
                return Some(Head::Elliptical);
            }
            // "thousands of anti-war and leftist protesters": coordinated
            // words before the noun.
            if k > start && matches!(w, "and" | "or") {
                k += 1;
                continue;
            }
            if view.in_class(k, crate::extract::text::word_classes::bits::FUNCTION_WORDS)
                || token.kind == TokenKind::Number
            {
                return (k == start).then_some(Head::Elliptical);
            }
            k += 1;
        }
        if k >= s.end_token && k == start {
            return Some(Head::Elliptical);
        }
        None
    }

    fn forward_trigger_after_head(
        &self,
        from: usize,
        limit: usize,
        floor: usize,
        head_noun: Option<usize>,
    ) -> Option<Metric> {
        let view = &self.view;
        let mut k = from;
        // A crowd's participle ("holding a protest", "chanting slogans")
        // describes the people: a later main verb ("were arrested") says
        // what the count is, else they took part.
        let mut participle: Option<Metric> = None;
        // Inside "who ..." after the counted people: taking part there
        // describes them, like a participle.
        let mut in_relative = false;
        let sentence_end = self
            .view
            .sentences
            .iter()
            .find(|s| s.first_token <= from && from < s.end_token)
            .map_or(limit, |s| s.end_token);
        // The event a staging verb names may come after a number of its
        // own ("held a three-hour demonstration", "staged a 48 hour
        // strike"): looked for up to the sentence's end, not the next
        // number's start.
        let protest_noun_after = |k: usize| {
            (k + 1..(k + 5).min(sentence_end.max(limit))).any(|j| self.is_protest_noun_at(j))
        };
        while k < limit && k < from + 22 {
            // A quote right after an auxiliary is a scare quote around the
            // verb phrase ('had been "brought to police stations"'), not
            // reported speech.
            let scare_quote = view.is_punct(k, "\"“”")
                && k > from
                && view.is_any(k - 1, &["been", "were", "was", "being", "are", "is", "be"]);
            if scare_quote {
                k += 1;
                continue;
            }
            if self.is_boundary(k) || view.is_punct(k, "\"“”") {
                return participle;
            }
            let w = view.lower(k);
            // "who'd", "they’re": the pronoun before the contraction.
            let stem = w.split(['\'', '’']).next().unwrap_or(w);
            // "held since the December events": "since" as a preposition
            // (before a determiner, a name or a number) does not open a
            // new clause.
            let preposition_since = stem == "since"
                && view.tokens.get(k + 1).is_some_and(|n| {
                    n.capitalised
                        || n.kind == TokenKind::Number
                        || view.is_any(k + 1, &["the", "then", "last"])
                });
            // "300 students who marched", "20 protesters who were
            // arrested": a relative clause right after the counted people
            // says what they did.
            let relative_of_head = matches!(stem, "who" | "that")
                && k == from
                && head_noun.is_some_and(|h| h + 1 == k);
            if relative_of_head {
                in_relative = true;
                k += 1;
                continue;
            }
            if CLAUSE_STOP_WORDS.contains(&stem) && !preposition_since {
                return participle;
            }
            let previous = if k > from { view.lower(k - 1) } else { "" };
            let special = match w {
                "custody" if matches!(previous, "into" | "in" | "police") => Some(Metric::Detained),
                "part" if matches!(previous, "took" | "take" | "taking" | "taken") => {
                    Some(Metric::Participants)
                }
                "out" if matches!(previous, "turned" | "turn" | "walked" | "walk") => {
                    Some(Metric::Participants)
                }
                // "turned up", "showed up".
                "up" if matches!(previous, "turned" | "turn" | "showed" | "show") => {
                    Some(Metric::Participants)
                }
                // "staging a sit-in", "holding rallies": a participle.
                w if STAGING_VERBS.contains(&w) && w.ends_with("ing") && protest_noun_after(k) => {
                    if participle.is_none() && !self.is_hypothetical(k, floor) {
                        participle = Some(Metric::Participants);
                    }
                    k += 1;
                    continue;
                }
                // "staged a protest", "held a rally": before "held" is read
                // as detained.
                w if STAGING_VERBS.contains(&w) && protest_noun_after(k) => {
                    Some(Metric::Participants)
                }
                // "led 100 residents in protest over the water cuts": the
                // idiom right after the counted people.
                "protest" if previous == "in" && k == from + 1 && head_noun.is_some() => {
                    Some(Metric::Participants)
                }
                // "2,000 people at a rally", "joined the march": the people
                // of a protest.
                w if PROTEST_EVENT_NOUNS.contains(&w)
                    && matches!(previous, "a" | "an" | "the" | "their")
                    && k >= from + 2
                    && view.is_any(k - 2, &["at", "in", "into", "joined", "join", "joining"]) =>
                {
                    Some(Metric::Participants)
                }
                // "took to the streets", "took to the capital's streets".
                "streets" | "street" if let Some(verb) = self.streets_idiom_verb(k, from) => {
                    // The "to" of the idiom is not the infinitive's.
                    return (!self.is_hypothetical(verb, floor)).then_some(Metric::Participants);
                }
                // "ran riot in the market", "built barricades across the
                // avenue": what only a crowd does.
                "riot" if matches!(previous, "ran" | "run" | "running" | "runs") => {
                    Some(Metric::Participants)
                }
                "barricades"
                    if matches!(previous, "built" | "erected" | "building" | "erecting") =>
                {
                    Some(Metric::Participants)
                }
                // "went on strike", "are on a hunger strike".
                "strike" if previous == "on" || (previous == "hunger" && k >= from + 2) => {
                    Some(Metric::Participants)
                }
                w if CROWD_VERBS.contains(&w) && w.ends_with("ing") => {
                    if participle.is_none() && !self.is_hypothetical(k, floor) {
                        participle = Some(Metric::Participants);
                    }
                    k += 1;
                    continue;
                }
                // "protest", "march", "rally" are nouns too: as verbs they
                // come right after the counted people.
                // "barricaded himself": one person, not the crowd.
                w if CROWD_VERBS.contains(&w)
                    && !view.is_any(k + 1, &["himself", "herself"])
                    && (k == from
                        || (in_relative && previous == "who")
                        || !PROTEST_EVENT_NOUNS.contains(&w)) =>
                {
                    Some(Metric::Participants)
                }
                "up" if previous == "rounded" => Some(Metric::Detained),
                "away"
                    if matches!(
                        previous,
                        "led" | "taken" | "hauled" | "dragged" | "carried" | "driven"
                    ) =>
                {
                    Some(Metric::Detained)
                }
                "vans" | "buses" | "wagons" if matches!(previous, "into" | "police") => {
                    Some(Metric::Detained)
                }
                // "had come to the square", "came out": people arriving.
                "come" | "came" | "coming"
                    if view.is_any(k + 1, &["to", "into", "out"])
                        && !view.in_class(
                            k + 2,
                            crate::extract::text::word_classes::bits::COME_TO_IDIOMS,
                        ) =>
                {
                    Some(Metric::Participants)
                }
                // "drifted into the square", "poured into the streets".
                "drifted" | "flocked" | "poured" | "streamed" | "converged" | "thronged"
                | "massed" | "flowed" | "surged" => Some(Metric::Participants),
                // "descended on the capital".
                "descended" if view.is_any(k + 1, &["on", "upon"]) => Some(Metric::Participants),
                // "brought to police stations", "brought into custody".
                "police" | "station" | "stations" | "custody"
                    if (k.saturating_sub(3).max(from)..k).any(|j| view.is(j, "brought")) =>
                {
                    Some(Metric::Detained)
                }
                // "treated in hospital", "taken to area hospitals".
                "hospital" | "hospitals"
                    if (k.saturating_sub(3).max(from)..k).any(|j| {
                        view.is_any(j, &["treated", "taken", "admitted", "rushed", "brought"])
                    }) =>
                {
                    Some(Metric::Injured)
                }
                "lives" if previous == "their" && k >= 2 && view.is(k - 2, "lost") => {
                    Some(Metric::Killed)
                }
                _ => None,
            };
            if in_relative && special == Some(Metric::Participants) {
                if participle.is_none() && !self.is_hypothetical(k.saturating_sub(1), floor) {
                    participle = special;
                }
                k += 1;
                continue;
            }
            if let Some(metric) = special {
                return (!self.is_hypothetical(k.saturating_sub(1), floor)).then_some(metric);
            }
            if let Some(metric) = verb_metric(w) {
                // "wives of workers held since ...": a participle right after
                // another people noun describes that noun.
                let reduced_relative = metric != Metric::Participants
                    && k > from
                    && view.in_class(
                        k - 1,
                        crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
                    )
                    && Some(k - 1) != head_noun;
                if self.is_adjectival(k, floor) || reduced_relative {
                    k += 1;
                    continue;
                }
                if self.is_hypothetical(k, floor) {
                    return None;
                }
                if in_relative && metric == Metric::Participants {
                    participle = participle.or(Some(metric));
                    k += 1;
                    continue;
                }
                return Some(metric);
            }
            k += 1;
        }
        // Another number cut the search short: a participle still reads as
        // taking part only when no verb later in the sentence says what
        // happened to the people ("holding a protest on the 2022 unrest
        // were arrested").
        if participle.is_some() && self.outcome_verb_in(k, sentence_end) {
            return None;
        }
        participle
    }

    /// The verb of "took to the streets" when `streets` (a token at or
    /// after `from + 3`) ends that idiom: the verb, "to" (or "into",
    /// "onto"), "the", and at most a place's possessive between ("the
    /// capital's streets", caseless "the capital s streets").
    fn streets_idiom_verb(&self, streets: usize, from: usize) -> Option<usize> {
        let view = &self.view;
        let the = (streets.saturating_sub(4)..streets)
            .rev()
            .find(|&j| j >= from + 2 && view.is(j, "the"))?;
        let between = the + 1..streets;
        let possessive_between = between.is_empty()
            || (between.len() <= 3
                && between
                    .clone()
                    .all(|j| view.tokens[j].kind == TokenKind::Word)
                && (view.is(streets - 1, "s")
                    || view.lower(streets - 1).ends_with("'s")
                    || view.lower(streets - 1).ends_with("’s")));
        let verb = the - 2;
        (possessive_between
            && view.is_any(the - 1, &["to", "into", "onto"])
            && view.is_any(
                verb,
                &[
                    "took", "take", "taking", "taken", "takes", "went", "go", "poured", "returned",
                    "return", "spilled", "streamed", "flocked",
                ],
            ))
        .then_some(verb)
    }

    /// A verb in `from..to` that says people were detained, killed or hurt.
    fn outcome_verb_in(&self, from: usize, to: usize) -> bool {
        (from..to).any(|k| {
            verb_metric(self.view.lower(k)).is_some_and(|m| m != Metric::Participants)
                && !self.is_adjectival(k, from)
        })
    }

    /// The metric of a number phrase, or None when nothing says what it
    /// counts (then it is not a figure).
    fn metric_of(
        &self,
        sentence: usize,
        phrase: &NumberPhrase,
        next_phrase_start: usize,
        previous_figure: Option<&RawFigure>,
        previous_in_paragraph: Option<&RawFigure>,
        previous_in_report: Option<&RawFigure>,
    ) -> Option<Metric> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        // "a 5,000 strong crowd", "a 200-strong march".
        if view.is(phrase.end_token, "strong")
            || (view.is_punct(phrase.end_token, "-") && view.is(phrase.end_token + 1, "strong"))
        {
            return Some(Metric::Participants);
        }
        let first = phrase.first_token;
        let before = |k: usize| {
            if first >= s.first_token + k {
                view.lower(first - k)
            } else {
                ""
            }
        };
        // "women marched through the capital in their hundreds (to the
        // ministry)": the idiom says what the number counts, whatever
        // follows it.
        if before(1) == "their"
            && before(2) == "in"
            && phrase.vague.is_some()
            && self.sentence_names_protest(sentence)
        {
            return Some(Metric::Participants);
        }
        // "the students numbering about 700", "mutineers, who numbered
        // about 400": the people a protest sentence counts.
        if matches!(before(1), "numbering" | "numbered") && self.sentence_names_protest(sentence) {
            // Only "who" and a comma between the people and the verb.
            let mut k = 2;
            while k < 4 && matches!(before(k), "who" | ",") {
                k += 1;
            }
            if first >= s.first_token + k
                && view.in_class(
                    first - k,
                    crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
                )
            {
                return Some(Metric::Participants);
            }
        }
        // "marched by the thousands", "who numbered in the hundreds": the
        // same idiom after a verb of the crowd (not "injured by the
        // dozens", not "in the thousands of dollars").
        if before(1) == "the"
            && matches!(before(2), "by" | "in")
            && phrase.vague.is_some()
            && !view.is(phrase.end_token, "of")
            && (verb_metric(before(3)) == Some(Metric::Participants)
                || CROWD_VERBS.contains(&before(3))
                || matches!(before(3), "numbered" | "numbering" | "number"))
        {
            return Some(Metric::Participants);
        }
        // "demonstrations by thousands shook the capital", "a rally of
        // hundreds": a crowd word needs no noun after it to be the
        // event's people (not "a march of thousands of kilometres").
        let crowd_word_of_an_event = phrase.vague.is_some()
            && !view.is(phrase.end_token, "of")
            && matches!(before(1), "of" | "by")
            && PROTEST_EVENT_NOUNS.contains(&before(2));
        let Some(head) = self.head_of(sentence, phrase) else {
            return crowd_word_of_an_event.then_some(Metric::Participants);
        };

        // An object of an active verb: "police detained 20", "rounded up 30".
        let mut v = 1;
        while matches!(
            before(v),
            "also" | "reportedly" | "allegedly" | "then" | "later" | "have" | "had"
        ) {
            v += 1;
        }
        let verb = before(v);
        let verb_metric_found = if verb == "up" && before(v + 1) == "rounded" {
            Some(Metric::Detained)
        } else {
            object_verb_metric(verb)
        };
        if let Some(metric) = verb_metric_found {
            let verb_token = first - v;
            if !self.is_hypothetical(verb_token, s.first_token)
                && !self.is_adjectival(verb_token, s.first_token)
            {
                return Some(metric);
            }
            return None;
        }
        // "the arrests of three people", "a crowd of 200".
        if before(1) == "of" {
            if let Some(metric) = noun_metric(before(2)) {
                return Some(metric);
            }
            if matches!(
                before(2),
                "crowd" | "crowds" | "throng" | "throngs" | "horde" | "hordes" | "mob" | "mobs"
            ) {
                return Some(Metric::Participants);
            }
        }
        // "a group of about 50 supporters met to demand", in a sentence
        // about a protest with no outcome counted: the group is the crowd.
        if before(1) == "of"
            && matches!(before(2), "group" | "groups")
            && self.counts_a_crowd(phrase)
            && self.sentence_names_protest(sentence)
            && !self.outcome_verb_in(s.first_token, s.end_token)
        {
            return Some(Metric::Participants);
        }
        // "a protest by some 200 students", "a rally of 5,000", "a strike
        // by thousands of workers": the people of the event.
        if matches!(before(1), "of" | "by") && PROTEST_EVENT_NOUNS.contains(&before(2)) {
            return Some(Metric::Participants);
        }
        // "a demonstration here of about 4,000", "a march yesterday by
        // hundreds": a wire story's word of place or day between.
        if matches!(before(1), "of" | "by")
            && matches!(
                before(2),
                "here" | "there" | "today" | "yesterday" | "tonight"
            )
            && PROTEST_EVENT_NOUNS.contains(&before(3))
        {
            return Some(Metric::Participants);
        }
        // "a sit-down protest on friday by hundreds of nurses", "a violent protest
        // involving about 200 people": the event a few words back, with no
        // verb or clause break between.
        if matches!(before(1), "by" | "involving")
            && let Some(noun) = (2..8).find(|&k| PROTEST_EVENT_NOUNS.contains(&before(k)))
            && (2..noun).all(|k| {
                let w = before(k);
                !w.is_empty()
                    && verb_metric(w).is_none()
                    && object_verb_metric(w).is_none()
                    && !matches!(w, "," | ";" | ":" | "." | "and" | "but" | "after" | "when")
            })
        {
            return Some(Metric::Participants);
        }
        let (search_from, people_noun) = match head {
            Head::TriggerNoun { metric, .. } => return Some(metric),
            Head::People { end, noun } => (end, Some(noun)),
            Head::Elliptical => (phrase.end_token, None),
        };
        // "Three people, two protesters and a police officer, were hurt":
        // the verb comes after the appositive breakdown.
        let (search_from, search_limit) = match self.appositive_close(sentence, phrase) {
            Some(close) => (close + 1, s.end_token),
            None => (search_from, next_phrase_start.min(s.end_token)),
        };
        // "against the scheme called phase 2, residents have picketed": a
        // comma and a people noun after a bare number open a new subject
        // whose verb is not the number's.
        let new_subject = matches!(head, Head::Elliptical)
            && view.is_punct(phrase.end_token, ",")
            && (view.in_class(
                phrase.end_token + 1,
                crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
            ) || (view.is_any(phrase.end_token + 1, &["the", "some", "many", "most"])
                && view.in_class(
                    phrase.end_token + 2,
                    crate::extract::text::word_classes::bits::PEOPLE_NOUNS,
                )));
        if !new_subject
            && let Some(metric) = self.forward_trigger_after_head(
                search_from,
                search_limit,
                s.first_token,
                people_noun,
            )
        {
            return Some(metric);
        }
        // "hundreds of protesting high school students", "2,000 striking
        // miners": the people are named by what they are doing.
        if let Some(noun) = people_noun
            && (phrase.end_token..noun).any(|k| view.is_any(k, PROTESTING_PARTICIPLES))
        {
            return Some(Metric::Participants);
        }
        // "police clashed with hundreds of youths": the side of a clash
        // that is not the police is the crowd.
        if let Some(noun) = people_noun
            && before(1) == "with"
            && CLASH_VERBS.contains(&before(2))
            && self.counts_a_crowd(phrase)
            && !view.is_any(noun, SECURITY_FORCE_NOUNS)
            // "two members of the regional force".
            && !(noun + 1..(noun + 6).min(s.end_token))
                .any(|k| view.is_any(k, SECURITY_FORCE_NOUNS) || view.is(k, "force"))
        {
            return Some(Metric::Participants);
        }
        // "this protest is believed to have had at least 50 people", "the
        // march, coded as having 100 participants": the event's own people,
        // with nothing but the verb's helpers between (the verbs that say
        // what happened to people were looked for above).
        let people_of_the_event = match people_noun {
            None => true,
            Some(noun) => {
                view.is_any(noun, &["people", "persons", "individuals"])
                    || view.in_class(
                        noun,
                        crate::extract::text::word_classes::bits::STRONG_PARTICIPANT_NOUNS,
                    )
            }
        };
        if people_of_the_event
            && matches!(before(1), "have" | "has" | "had" | "having")
            && let Some(noun) = (2..8).find(|&k| PROTEST_EVENT_NOUNS.contains(&before(k)))
            && (2..noun).all(|k| {
                let w = before(k);
                !w.is_empty()
                    && view.tokens[first - k].kind == TokenKind::Word
                    && verb_metric(w).is_none()
                    && object_verb_metric(w).is_none()
                    && !matches!(w, "and" | "but" | "after" | "when" | "while" | "police")
            })
        {
            return Some(Metric::Participants);
        }
        // "the crowds were modest, with about 5,000 people", "the
        // participation of over 500 people", "there were at least 50 people
        // present", in a sentence about a protest or its crowd: the
        // event's people (what happened to them was looked for above).
        let with_the_crowd = before(1) == "with" && before(2) == ",";
        let share_of_the_event = before(1) == "of"
            && matches!(
                before(2),
                "participation" | "presence" | "attendance" | "turnout"
            );
        let there_were = matches!(before(1), "were" | "was") && before(2) == "there";
        if people_of_the_event
            && (with_the_crowd || share_of_the_event || there_were)
            && self.counts_a_crowd(phrase)
            && (self.sentence_names_protest(sentence)
                || (s.first_token..s.end_token)
                    .any(|k| view.is_any(k, &["crowd", "crowds", "throng", "throngs"])))
        {
            return Some(Metric::Participants);
        }
        // "two dozen participants": the noun says what the people did.
        if let Some(noun) = people_noun
            && view.in_class(
                noun,
                crate::extract::text::word_classes::bits::STRONG_PARTICIPANT_NOUNS,
            )
        {
            return Some(Metric::Participants);
        }
        // "put the number held in the capital ... at 26", "put the death
        // toll at 5": the metric word sits between the verb and "at".
        if before(1) == "at" {
            let floor = first.saturating_sub(16).max(s.first_token);
            if let Some(verb) = (floor..first)
                .rev()
                .find(|&k| view.is_any(k, &["put", "puts", "putting", "placed", "estimated"]))
                && let Some(metric) = (verb + 1..first)
                    .find_map(|k| verb_metric(view.lower(k)).or_else(|| noun_metric(view.lower(k))))
            {
                return Some(metric);
            }
        }
        // "a confirmed total of at least 110": the sum of the counts before.
        if self.is_total(sentence, phrase)
            && let Some(previous) = previous_in_report
        {
            return Some(previous.metric);
        }
        // "- Astana: about two dozen people." under "- Almaty: a crowd of
        // 300": items of one list count the same thing.
        if let Some(previous) = previous_in_report
            && self.is_list_item_label(Some(s.first_token))
            && view.sentences[previous.sentence].line + 1 == s.line
            && self.is_list_item_label(
                view.sentences
                    .iter()
                    .find(|p| p.line + 1 == s.line)
                    .map(|p| p.first_token),
            )
        {
            return Some(previous.metric);
        }
        // A competing estimate of the same count: "organisers claimed up
        // to 1,500", "observers put it closer to 1,000".
        if matches!(head, Head::Elliptical)
            && let Some(previous) = previous_in_paragraph
        {
            let mut v = 1;
            if before(v) == "it" {
                v += 1;
            }
            if ESTIMATE_VERBS.contains(&before(v)) {
                return Some(previous.metric);
            }
        }
        // "police put the crowd at about 300".
        if before(1) == "at"
            && (2..8).any(|k| matches!(before(k), "crowd" | "crowds" | "turnout" | "attendance"))
        {
            return Some(Metric::Participants);
        }
        // "the number of protesters was about 500", "the crowd swelled to
        // 10,000", "participation at 1,000": the crowd's size stated.
        if matches!(head, Head::Elliptical | Head::People { .. })
            && matches!(
                before(1),
                "at" | "to" | "was" | "is" | "reached" | "number" | "numbered" | "numbering"
            )
            && (2..7).any(|k| {
                matches!(
                    before(k),
                    "crowd" | "crowds" | "turnout" | "attendance" | "participation"
                ) || (first >= s.first_token + k
                    && view.in_class(
                        first - k,
                        crate::extract::text::word_classes::bits::PARTICIPANT_NOUNS,
                    ))
            })
            && !self.outcome_verb_in(s.first_token, s.end_token)
        {
            return Some(Metric::Participants);
        }
        // "a rally attended by 3,000", "joined by hundreds of students".
        if before(1) == "by" && matches!(before(2), "attended" | "joined" | "led") {
            return Some(Metric::Participants);
        }
        // A crowd as subject: "Around 1,000 protesters have concluded ...".
        if let Some(noun) = people_noun
            && view.in_class(
                noun,
                crate::extract::text::word_classes::bits::PARTICIPANT_NOUNS,
            )
            && !(phrase.end_token..noun).any(|k| view.lower(k).starts_with("would-be"))
            && self.opens_clause(sentence, first, CLAUSE_OPENERS)
        {
            return Some(Metric::Participants);
        }
        // A crowd as the subject of a protest sentence: "hundreds of
        // students, angry at the fees, filed past the ministry in protest".
        if let Some(noun) = people_noun
            && self.counts_a_crowd(phrase)
            && self.sentence_names_protest(sentence)
            && !self.outcome_verb_in(phrase.end_token, s.end_token)
            && !self.is_hypothetical(first, s.first_token)
            && !(s.first_token..first).any(|k| {
                view.in_class(k, crate::extract::text::word_classes::bits::STATEMENT_VERBS)
                    || verb_metric(view.lower(k)).is_some()
                    || object_verb_metric(view.lower(k)).is_some()
            })
            && !view.in_class(
                noun,
                crate::extract::text::word_classes::bits::DESCRIBED_PEOPLE_NOUNS,
            )
            && self.opens_clause(sentence, first, CLAUSE_OPENERS_OF_NOTES)
        {
            return Some(Metric::Participants);
        }
        // Ellipsis: "A further 20 were held in Shymkent, and another 10 in
        // Aqtobe" — the second number inherits the first one's metric.
        if let Some(previous) = previous_figure
            && previous.sentence == sentence
            && (matches!(
                before(1),
                "another" | "further" | "and" | "while" | "with" | "," | "including" | "or" | ":"
                    | "adding" | "plus"
            ) || matches!(before(2), "and" | "while")
                // "X accounted for at least 20 of them": part of the count
                // just named.
                || (view.is(phrase.end_token, "of")
                    && view.is_any(phrase.end_token + 1, &["them", "those"])))
        {
            return Some(previous.metric);
        }
        // "police fired on 300 demonstrators outside the ministry": a
        // protesters noun that nothing else governs counts the crowd,
        // unless the sentence says what happened to them.
        if let Some(noun) = people_noun
            && view.in_class(
                noun,
                crate::extract::text::word_classes::bits::PARTICIPANT_NOUNS,
            )
            && !(phrase.end_token..noun).any(|k| view.lower(k).starts_with("would-be"))
            && !self.outcome_verb_in(s.first_token, s.end_token)
            && !self.is_hypothetical(first, s.first_token)
        {
            return Some(Metric::Participants);
        }
        None
    }

    /// "a total of 110", "the total: 110", "bringing the tally to 40".
    fn is_total(&self, sentence: usize, phrase: &NumberPhrase) -> bool {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let first = phrase.first_token;
        let before = |k: usize| {
            if first >= s.first_token + k {
                view.lower(first - k)
            } else {
                ""
            }
        };
        matches!(before(1), "of" | "to" | "at" | ":")
            && matches!(before(2), "total" | "tally" | "sum" | "overall")
    }

    /// A line that starts like "- Almaty:" (a list item with a label).
    fn is_list_item_label(&self, token: Option<usize>) -> bool {
        let Some(t) = token else { return false };
        let view = &self.view;
        view.is_punct(t, "-•*")
            && (t + 2..(t + 5).min(view.tokens.len())).any(|k| view.is_punct(k, ":"))
    }

    /// "Three people, two protesters and a police officer, were hurt": when
    /// a people noun is followed by a comma, a breakdown that starts with a
    /// number and contains "and", and a closing comma, the closing comma's
    /// token.
    fn appositive_close(&self, sentence: usize, phrase: &NumberPhrase) -> Option<usize> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let noun = (phrase.end_token..(phrase.end_token + 3).min(s.end_token))
            .find(|&k| view.in_class(k, crate::extract::text::word_classes::bits::PEOPLE_NOUNS))?;
        let open = noun + 1;
        if !view.is_punct(open, ",") || open + 1 >= s.end_token {
            return None;
        }
        number_phrase_at(view, open + 1, open + 1, s.end_token)?;
        let mut saw_and = false;
        for k in open + 2..(open + 14).min(s.end_token) {
            if view.is(k, "and") {
                saw_and = true;
            }
            if view.is_punct(k, ",") {
                return saw_and.then_some(k);
            }
            if self.is_boundary(k) || verb_metric(view.lower(k)).is_some() {
                return None;
            }
        }
        None
    }

    /// "two dozen participants at most", "50 people or more": a hedge after
    /// the people noun.
    fn post_noun_hedge(&self, sentence: usize, phrase: &NumberPhrase) -> Option<Qualifier> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        if !matches!(phrase.qualifier, Qualifier::Exact | Qualifier::Approx) || phrase.nearly {
            return None;
        }
        let noun = (phrase.end_token..(phrase.end_token + 3).min(s.end_token))
            .find(|&k| view.in_class(k, crate::extract::text::word_classes::bits::PEOPLE_NOUNS))?;
        let w = |k: usize| {
            if noun + k < s.end_token {
                view.lower(noun + k)
            } else {
                ""
            }
        };
        match (w(1), w(2), w(3)) {
            ("at", "most", _) | ("at", "the", "most") => Some(Qualifier::AtMost),
            ("at", "least", _) | ("or", "more", _) => Some(Qualifier::AtLeast),
            _ => None,
        }
    }

    fn forward_scope_end(&self, from: usize, limit: usize) -> usize {
        let view = &self.view;
        let mut k = from;
        while k < limit {
            if self.is_boundary(k) {
                return k;
            }
            if view.is_punct(k, ",")
                && view.in_class(
                    k + 1,
                    crate::extract::text::word_classes::bits::CLAUSE_CONJUNCTIONS,
                )
            {
                let list_goes_on =
                    view.is(k + 1, "and") && view.tokens.get(k + 2).is_some_and(|t| t.capitalised);
                if !list_goes_on {
                    return k;
                }
            }
            k += 1;
        }
        limit
    }

    fn backward_scope_start(&self, to: usize, floor: usize) -> usize {
        let mut k = to;
        while k > floor {
            if self.is_boundary(k - 1) {
                return k;
            }
            k -= 1;
        }
        floor
    }

    /// Groups of places named together ("Semei, Shymkent, and Qyzylorda")
    /// within tokens [from, to) of a sentence.
    fn place_groups(&self, sentence: usize, from: usize, to: usize) -> Vec<Vec<PlaceIndex>> {
        self.place_groups_at(sentence, from, to)
            .into_iter()
            .map(|(_, _, g)| g)
            .collect()
    }

    /// A place that says where a person lives or comes from, not where
    /// anything happened: "a Winslow resident was shot", "a Toledo man",
    /// "Dana Reyes, 41, of Eastport,". The person is counted
    /// where the sentence (or the report) puts the event.
    fn names_a_home(&self, hit: &super::places::PlaceHit) -> bool {
        let view = &self.view;
        let person_after = view.is_any(hit.end_token, HOME_PERSON_WORDS)
            || (view.is_any(hit.end_token, SINGULAR_PERSON_NOUNS)
                && !view.is_any(hit.end_token, &["he", "she"]));
        let of_after_comma = hit.first_token >= 2
            && view.is(hit.first_token - 1, "of")
            && view.is_punct(hit.first_token - 2, ",");
        person_after || of_after_comma
    }

    /// Like `place_groups`, with each group's token range.
    fn place_groups_at(
        &self,
        sentence: usize,
        from: usize,
        to: usize,
    ) -> Vec<(usize, usize, Vec<PlaceIndex>)> {
        let mut groups: Vec<(usize, usize, Vec<PlaceIndex>)> = Vec::new();
        let mut last_end: Option<usize> = None;
        for &h in &self.hits_by_sentence[sentence] {
            let hit = &self.hits[h];
            if hit.role != super::places::PlaceRole::Scope
                || self.is_dateline_hit(h)
                || hit.first_token < from
                || hit.end_token > to
                || self.names_a_home(hit)
            {
                continue;
            }
            let joins = last_end.is_some_and(|end| {
                hit.first_token >= end
                    && hit.first_token - end <= 5
                    && (end..hit.first_token).all(|k| {
                        self.view.is_punct(k, ",")
                            || self.view.is_any(
                                k,
                                &[
                                    "and", "or", "both", "the", "city", "cities", "of", "capital",
                                    "in",
                                ],
                            )
                    })
            });
            match groups.last_mut() {
                Some((_, end, group)) if joins => {
                    if !group.contains(&hit.place) {
                        group.push(hit.place);
                    }
                    *end = hit.end_token;
                }
                _ => groups.push((hit.first_token, hit.end_token, vec![hit.place])),
            }
            last_end = Some(hit.end_token);
        }
        groups
    }

    /// "across the country", "nationwide", "other cities", "several cities".
    fn is_country_wide(&self, from: usize, to: usize) -> bool {
        self.country_wide_at(from, to).is_some()
    }

    fn country_wide_at(&self, from: usize, to: usize) -> Option<usize> {
        let view = &self.view;
        (from..to).find(|&k| match view.lower(k) {
            "nationwide" | "countrywide" => true,
            // "across Kazakhstan", "throughout Nigeria".
            "across" | "throughout" => self.hits.iter().any(|h| {
                h.first_token == k + 1 && self.gazetteer.place(h.place).level == PlaceLevel::Country
            }),
            "country" => (k.saturating_sub(3).max(from)..k)
                .any(|j| view.is_any(j, &["across", "around", "throughout", "all"])),
            "cities" | "regions" | "towns" => (k.saturating_sub(3).max(from)..k).any(|j| {
                view.is_any(
                    j,
                    &[
                        "other",
                        "several",
                        "many",
                        "various",
                        "different",
                        "multiple",
                        "numerous",
                        "across",
                        "some",
                        "more",
                    ],
                )
            }),
            _ => false,
        })
    }

    /// Drops a country named beside its own cities ("Almaty, Kazakhstan").
    fn normalise_group(&self, group: &[PlaceIndex]) -> Vec<PlaceIndex> {
        let g = self.gazetteer;
        let has_city = group
            .iter()
            .any(|&p| g.place(p).level != PlaceLevel::Country);
        group
            .iter()
            .copied()
            .filter(|&p| {
                // "near Bemidji, Minnesota": a region beside one of its own
                // cities names where the city is, not a second place.
                if g.place(p).level == PlaceLevel::Region {
                    return !group.iter().any(|&q| {
                        g.place(q).level == PlaceLevel::City && g.region_of(q) == Some(p)
                    });
                }
                if g.place(p).level != PlaceLevel::Country || !has_city {
                    return true;
                }
                let code = &g.place(p).country_code;
                !group.iter().any(|&q| {
                    g.place(q).level != PlaceLevel::Country && &g.place(q).country_code == code
                })
            })
            .collect()
    }

    /// The dateline's city, when it is a city of the report's country.
    fn dateline_city(&self) -> Option<PlaceIndex> {
        let city = self.dateline.as_ref()?.place?;
        (self.gazetteer.place(city).level == PlaceLevel::City
            && self
                .main_country
                .is_none_or(|c| self.gazetteer.country_of(city) == Some(c)))
        .then_some(city)
    }

    fn country_scope(&self) -> Option<Vec<PlaceIndex>> {
        self.main_country.map(|c| vec![c])
    }

    fn scope_of(
        &self,
        sentence: usize,
        phrase: &NumberPhrase,
        forward_end: usize,
        backward_start: usize,
        background: bool,
    ) -> (Vec<PlaceIndex>, ScopeSource) {
        let (scope, source) =
            self.scope_of_inner(sentence, phrase, forward_end, backward_start, background);
        // In a single-city report, "police in Kyrgyzstan detained 35" is
        // about that city's event, unless a country-wide phrase says so;
        // and so is "a shooting in New Jersey that left one dead" or a
        // dateline's "TOLEDO, Ohio — a man died of his wounds" in a report
        // whose main place is a city of that state: the region only
        // locates the city.
        let explicit_country_wide = self.is_country_wide(backward_start, forward_end);
        if !background
            && !explicit_country_wide
            && scope.len() == 1
            && let Some(main) = self.main_place
            && self.gazetteer.place(main).level == PlaceLevel::City
            && match self.gazetteer.place(scope[0]).level {
                PlaceLevel::Country => self.gazetteer.country_of(main) == Some(scope[0]),
                PlaceLevel::Region => self.gazetteer.region_of(main) == Some(scope[0]),
                PlaceLevel::City => false,
            }
        {
            return (vec![main], source);
        }
        (scope, source)
    }

    fn scope_of_inner(
        &self,
        sentence: usize,
        phrase: &NumberPhrase,
        forward_end: usize,
        backward_start: usize,
        background: bool,
    ) -> (Vec<PlaceIndex>, ScopeSource) {
        let s = &self.view.sentences[sentence];
        // A country-wide phrase wins when it comes first, or right after
        // the first places ("in Almaty and other cities").
        let country_wide = self.country_wide_at(phrase.end_token, forward_end);
        let first_group = self
            .place_groups_at(sentence, phrase.end_token, forward_end)
            .into_iter()
            .next();
        match (country_wide, first_group) {
            (Some(at), Some((start, end, group))) => {
                let attached = at <= end + 4
                    && (end..at).all(|k| {
                        self.view.is_punct(k, ",")
                            || self.view.is_any(
                                k,
                                &[
                                    "and",
                                    "or",
                                    "in",
                                    "other",
                                    "several",
                                    "many",
                                    "various",
                                    "different",
                                    "across",
                                    "the",
                                    "some",
                                    "more",
                                ],
                            )
                    });
                if (at < start || attached)
                    && let Some(country) = self.country_scope()
                {
                    return (country, ScopeSource::CountryWide);
                }
                return (self.normalise_group(&group), ScopeSource::Stated);
            }
            (Some(_), None) => {
                if let Some(country) = self.country_scope() {
                    return (country, ScopeSource::CountryWide);
                }
            }
            (None, Some((_, _, group))) => {
                return (self.normalise_group(&group), ScopeSource::Stated);
            }
            (None, None) => {}
        }
        if let Some(group) = self
            .place_groups(sentence, backward_start, phrase.first_token)
            .last()
        {
            return (self.normalise_group(group), ScopeSource::Stated);
        }
        if self.is_country_wide(backward_start, phrase.first_token)
            && let Some(country) = self.country_scope()
        {
            return (country, ScopeSource::CountryWide);
        }
        if let Some(group) = self
            .place_groups(sentence, s.first_token, s.end_token)
            .first()
        {
            return (self.normalise_group(group), ScopeSource::Stated);
        }
        // Carried from earlier sentences of the paragraph, or from the
        // previous prose paragraph, if in the report's country.
        let mut previous = sentence;
        let mut paragraphs_back = 0;
        let mut current_line = s.line;
        while previous > 0 {
            previous -= 1;
            let p = &self.view.sentences[previous];
            if p.line_kind == LineKind::Headline {
                continue;
            }
            if p.line != current_line {
                // Nothing in this paragraph: the dateline city is where the
                // report's own story happens.
                if !background && let Some(city) = self.dateline_city() {
                    return (vec![city], ScopeSource::Carried);
                }
                paragraphs_back += 1;
                current_line = p.line;
                // A background number keeps to its own paragraph.
                if paragraphs_back > 1 || background {
                    break;
                }
            }
            // A background number takes places only from sentences about
            // the same earlier event.
            if background && self.sentence_background[previous].is_none() {
                break;
            }
            let groups = self.place_groups(previous, p.first_token, p.end_token);
            // A country named in passing is not where a new count happened.
            let local = groups.iter().rev().find(|g| {
                g.iter()
                    .any(|&place| self.gazetteer.place(place).level != PlaceLevel::Country)
            });
            if let Some(group) = local {
                let in_country = group.iter().all(|&place| {
                    self.main_country
                        .is_none_or(|c| self.gazetteer.country_of(place) == Some(c))
                });
                if in_country {
                    return (self.normalise_group(group), ScopeSource::Carried);
                }
                break;
            }
        }
        if background && let Some(country) = self.country_scope() {
            return (country, ScopeSource::Report);
        }
        if let Some(city) = self.dateline_city() {
            return (vec![city], ScopeSource::Carried);
        }
        (
            self.main_place.map(|p| vec![p]).unwrap_or_default(),
            ScopeSource::Report,
        )
    }

    /// Main event or an earlier one, from the dates in the figure's clause,
    /// then from the sentence (carried within the paragraph).
    fn timing_of(
        &self,
        sentence: usize,
        from: usize,
        to: usize,
    ) -> (bool, Option<DateValue>, Option<usize>) {
        let main = self.main_day();
        let mut other = None;
        for &d in &self.dates_by_sentence[sentence] {
            let mention = &self.dates[d];
            if mention.first_token < from || mention.end_token > to {
                continue;
            }
            match classify_date(&self.view, mention, main) {
                DateClass::Main => return (false, Some(mention.value), Some(d)),
                DateClass::Other(value) => {
                    if other.is_none() {
                        other = Some((value, d));
                    }
                }
                DateClass::Ignore => {}
            }
        }
        if let Some((value, d)) = other {
            return (true, Some(value), Some(d));
        }
        // "for participating in earlier demonstrations", "prior to".
        let view = &self.view;
        let earlier_marker = (from..to).any(|k| {
            view.is_any(k, &["earlier", "previous", "prior", "past"])
                && (k + 1..(k + 4).min(to)).any(|j| {
                    view.in_class(j, crate::extract::text::word_classes::bits::EVENT_NOUNS)
                })
        });
        if earlier_marker {
            return (true, None, None);
        }
        let sentence_has_dates = self.dates_by_sentence[sentence]
            .iter()
            .any(|&d| classify_date(&self.view, &self.dates[d], main) != DateClass::Ignore);
        if !sentence_has_dates && let Some(value) = self.sentence_background[sentence] {
            return (true, Some(value), None);
        }
        (false, self.main_date, None)
    }

    fn attribution(&self, sentence: usize, phrase: &NumberPhrase) -> Option<String> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let mut best: Option<(usize, String)> = None;
        for k in s.first_token..s.end_token {
            let source = if view.is(k, "according") && view.is(k + 1, "to") {
                let mut e = k + 2;
                while e < s.end_token && !view.is_punct(e, ",.;:") && e < k + 10 {
                    e += 1;
                }
                clean_source(view.token_text(k + 2, e))
            } else if view.in_class(
                k,
                crate::extract::text::word_classes::bits::ATTRIBUTION_VERBS,
            ) && k > s.first_token
            {
                let mut b = k;
                while b > s.first_token
                    && view.is_any(
                        b - 1,
                        &["later", "also", "earlier", "officially", "meanwhile"],
                    )
                {
                    b -= 1;
                }
                let mut a = b;
                while a > s.first_token
                    && a > b.saturating_sub(10)
                    && !(view.tokens[a - 1].kind == TokenKind::Punct
                        && !(view.is_punct(a - 1, "/-’'")
                            && !view.tokens[a - 1].space_before
                            && !view.tokens[a].space_before))
                    && !view.is_any(a - 1, &["that", "which", "who", "and", "but"])
                {
                    a -= 1;
                }
                if a >= phrase.first_token && a < phrase.end_token {
                    None
                } else {
                    clean_source(view.token_text(a, b))
                }
            } else {
                None
            };
            if let Some(source) = source {
                let distance = k.abs_diff(phrase.first_token);
                if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((distance, source));
                }
            }
        }
        best.map(|(_, s)| s)
    }

    /// "Several detainees said ...", "a few of the wounded": a vague
    /// quantity of people already counted (described by what happened to
    /// them) is not a count of its own.
    /// A number that cannot be a crowd's size: one person ("said one of
    /// the demonstrators", "one woman protesting"), or a note's item number
    /// ("1 in the capital, protesters ...", "; 2 protesters in several
    /// cities ...": a digit under ten opening the sentence or after a
    /// semicolon).
    fn not_a_crowd_count(&self, sentence: usize, phrase: &NumberPhrase) -> bool {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let exact = phrase.vague.is_none() && phrase.value_hi.is_none();
        if exact && phrase.value == Some(1) {
            return true;
        }
        let first = phrase.first_token;
        exact
            && first == phrase.number_token
            && view.tokens[first].kind == TokenKind::Number
            && phrase.value.is_some_and(|v| v < 10)
            && (first == s.first_token || (first > s.first_token && view.is_punct(first - 1, ";")))
    }

    /// Whether the token `first` opens a clause of its sentence, as a
    /// subject does: the sentence's start, after punctuation, or after one
    /// of `openers` ("and 300 students marched").
    fn opens_clause(&self, sentence: usize, first: usize, openers: &[&str]) -> bool {
        let view = &self.view;
        first == view.sentences[sentence].first_token
            || (first > view.sentences[sentence].first_token
                && (view.tokens[first - 1].kind == TokenKind::Punct
                    || view.is_any(first - 1, openers)))
    }

    /// A number big enough to be a crowd: ten or more, or a vague multiple
    /// ("dozens", "hundreds", "thousands"), not "several" or "a few".
    fn counts_a_crowd(&self, phrase: &NumberPhrase) -> bool {
        match phrase.vague {
            Some(v) => !matches!(v, "several" | "a few" | "a handful" | "a couple"),
            None => phrase.value.is_some_and(|v| v >= 10),
        }
    }

    /// A protest event's noun at `k`, written as one word or two (`a sit
    /// in`, `a human chain`, `a go slow`, as caseless notes lose hyphens).
    fn is_protest_noun_at(&self, k: usize) -> bool {
        let view = &self.view;
        view.is_any(k, PROTEST_EVENT_NOUNS)
            || (view.is(k, "sit") && view.is_any(k + 1, &["in", "ins"]))
            || (k > 0 && view.is(k, "chain") && view.is(k - 1, "human"))
            || (k > 0 && view.is(k, "slow") && view.is(k - 1, "go"))
    }

    /// The sentence names a protest event (a rally, a strike, a march).
    fn sentence_names_protest(&self, sentence: usize) -> bool {
        let s = &self.view.sentences[sentence];
        (s.first_token..s.end_token).any(|k| {
            self.is_protest_noun_at(k)
                || self.view.is_any(
                    k,
                    &[
                        "protesters",
                        "protestors",
                        "demonstrators",
                        "marchers",
                        "strikers",
                        "protested",
                        "demonstrated",
                        "marched",
                        "rallied",
                    ],
                )
        })
    }

    fn describes_counted_people(&self, sentence: usize, phrase: &NumberPhrase) -> bool {
        let s = &self.view.sentences[sentence];
        (phrase.end_token..(phrase.end_token + 2).min(s.end_token)).any(|k| {
            self.view.in_class(
                k,
                crate::extract::text::word_classes::bits::DESCRIBED_PEOPLE_NOUNS,
            )
        })
    }

    /// A correction: "An earlier version said 60 people were detained in X;
    /// the correct figure is 20". The wrong number is reported speech about
    /// an error, not a figure; the corrected number takes its metric and
    /// places.
    fn apply_correction(
        &self,
        sentence: usize,
        phrases: &[NumberPhrase],
        accepted: &mut Vec<RawFigure>,
        dropped: &mut Vec<bool>,
    ) {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let words = s.first_token..s.end_token;
        let is_correction = words.clone().any(|k| {
            (view.is_any(k, &["earlier", "previous", "original"])
                && view.is_any(
                    k + 1,
                    &["version", "report", "story", "bulletin", "article"],
                ))
                || view.is_any(
                    k,
                    &[
                        "incorrectly",
                        "wrongly",
                        "erroneously",
                        "mistakenly",
                        "misstated",
                    ],
                )
        });
        if !is_correction {
            return;
        }
        // The corrected value: a number right after "correct/corrected/
        // actual figure/number/total is/was/of".
        let marker = words.clone().find(|&k| {
            view.is_any(k, &["correct", "corrected", "actual", "right"])
                && view.is_any(k + 1, &["figure", "number", "total", "count", "toll"])
        });
        let Some(marker) = marker else {
            return;
        };
        let Some(wrong) = accepted
            .iter()
            .rposition(|f| f.phrase.end_token <= marker && !f.headline)
        else {
            return;
        };
        dropped[wrong] = true;
        let corrected = phrases
            .iter()
            .find(|p| p.first_token > marker + 1 && p.first_token <= marker + 5);
        let Some(corrected) = corrected else {
            return;
        };
        if accepted
            .iter()
            .any(|f| f.phrase.first_token == corrected.first_token)
        {
            return;
        }
        let mut figure = accepted[wrong].clone();
        figure.phrase = corrected.clone();
        figure.attributed_to = None;
        accepted.push(figure);
        dropped.push(false);
    }

    /// A figure the casualty pass found (`casualties.rs`), placed, timed
    /// and attributed like any figure of its sentence, so that its claim
    /// reads like the others downstream.
    pub(super) fn placed_figure(
        &self,
        sentence: usize,
        phrase: NumberPhrase,
        metric: Metric,
    ) -> RawFigure {
        let s = &self.view.sentences[sentence];
        let headline = s.line_kind == LineKind::Headline;
        let mut figure = RawFigure::unplaced(metric, phrase, sentence, headline, true);
        if headline {
            figure.places = self.main_place.map(|p| vec![p]).unwrap_or_default();
            figure.scope_from = ScopeSource::Report;
            figure.date = self.main_date;
            return figure;
        }
        let phrase = &figure.phrase;
        let forward_end = self.forward_scope_end(phrase.end_token, s.end_token);
        let backward_start = self.backward_scope_start(phrase.first_token, s.first_token);
        let (background, date, date_mention) =
            self.timing_of(sentence, backward_start, forward_end);
        (figure.places, figure.scope_from) =
            self.scope_of(sentence, phrase, forward_end, backward_start, background);
        figure.attributed_to = self.attribution(sentence, phrase);
        figure.background = background;
        figure.date = date;
        figure.date_mention = date_mention;
        figure
    }

    pub(crate) fn find_figures(&self) -> Vec<RawFigure> {
        let mut figures: Vec<RawFigure> = Vec::new();
        for sentence in 0..self.view.sentences.len() {
            let phrases = self.number_phrases(sentence);
            let mut accepted: Vec<RawFigure> = Vec::new();
            let s = &self.view.sentences[sentence];
            let headline = s.line_kind == LineKind::Headline;
            let mut inside_appositive_until = 0;
            for (i, phrase) in phrases.iter().enumerate() {
                if phrase.first_token < inside_appositive_until {
                    continue;
                }
                if let Some(close) = self.appositive_close(sentence, phrase) {
                    inside_appositive_until = close;
                }
                if self.is_not_a_count(sentence, phrase) {
                    continue;
                }
                if phrase.vague.is_some() && self.describes_counted_people(sentence, phrase) {
                    continue;
                }
                let next_start = phrases
                    .get(i + 1)
                    .map(|p| p.first_token)
                    .unwrap_or(s.end_token);
                let previous_in_paragraph = accepted.last().or_else(|| {
                    figures
                        .last()
                        .filter(|f| self.view.sentences[f.sentence].line == s.line)
                });
                let previous_in_report = accepted
                    .last()
                    .or_else(|| figures.iter().rev().find(|f| !f.background && !f.headline));
                let Some(metric) = self.metric_of(
                    sentence,
                    phrase,
                    next_start,
                    accepted.last(),
                    previous_in_paragraph,
                    previous_in_report,
                ) else {
                    continue;
                };
                if metric == Metric::Participants && self.not_a_crowd_count(sentence, phrase) {
                    continue;
                }
                let mut phrase = phrase.clone();
                if let Some(qualifier) = self.post_noun_hedge(sentence, &phrase) {
                    phrase.qualifier = qualifier;
                }
                accepted.push(RawFigure::unplaced(
                    metric, phrase, sentence, headline, false,
                ));
            }
            let count = accepted.len();
            let mut dropped = vec![false; count];
            for i in 0..count {
                let previous_end = if i > 0 {
                    accepted[i - 1].phrase.end_token
                } else {
                    s.first_token
                };
                let next_start = accepted
                    .get(i + 1)
                    .map(|f| f.phrase.first_token)
                    .unwrap_or(s.end_token);
                let phrase = accepted[i].phrase.clone();
                let forward_end = self.forward_scope_end(phrase.end_token, next_start);
                let backward_start = self.backward_scope_start(phrase.first_token, previous_end);
                if headline {
                    accepted[i].places = self.main_place.map(|p| vec![p]).unwrap_or_default();
                    accepted[i].scope_from = ScopeSource::Report;
                    accepted[i].date = self.main_date;
                    continue;
                }
                let (mut background, mut date, mut date_mention) =
                    self.timing_of(sentence, backward_start, forward_end);
                // "17 people died and dozens more were wounded": a number
                // joined to the previous one shares its time.
                let own_date = date_mention.is_some();
                if i > 0 && !own_date && previous_end + 3 >= phrase.first_token {
                    let previous = &accepted[i - 1];
                    if previous.background || previous.date_mention.is_some() {
                        background = previous.background;
                        date = previous.date;
                        date_mention = previous.date_mention;
                    }
                }
                // ", 19 of them members of the security forces": a breakdown.
                let breakdown = i > 0
                    && self
                        .view
                        .is_punct(phrase.first_token.saturating_sub(1), ",")
                    && self.view.is(phrase.end_token, "of")
                    && self
                        .view
                        .is_any(phrase.end_token + 1, &["them", "those", "whom"]);
                if breakdown {
                    dropped[i] = true;
                    continue;
                }
                // "including 19 officers": a breakdown of the figure before
                // it, not a count of its own, unless it names a place.
                let including = phrase.first_token > s.first_token
                    && self.view.is(phrase.first_token - 1, "including");
                if including
                    && self
                        .place_groups(sentence, phrase.end_token, forward_end)
                        .is_empty()
                {
                    dropped[i] = true;
                    continue;
                }
                (accepted[i].places, accepted[i].scope_from) =
                    self.scope_of(sentence, &phrase, forward_end, backward_start, background);
                // A total stated after a breakdown by place is the country's
                // unless its own clause names a place.
                if self.is_total(sentence, &phrase)
                    && self
                        .place_groups(sentence, backward_start, forward_end)
                        .is_empty()
                    && let Some(country) = self.country_scope()
                {
                    accepted[i].places = country;
                    accepted[i].scope_from = ScopeSource::CountryWide;
                }
                accepted[i].background = background;
                accepted[i].date = date;
                accepted[i].date_mention = date_mention;
                accepted[i].attributed_to = self.attribution(sentence, &phrase);
            }
            self.apply_correction(sentence, &phrases, &mut accepted, &mut dropped);
            figures.extend(
                accepted
                    .into_iter()
                    .zip(dropped)
                    .filter(|(_, dropped)| !dropped)
                    .map(|(figure, _)| figure),
            );
        }
        // A background number whose event has no date cannot be attached to
        // any incident; figures/2 does not count it.
        figures.retain(|f| {
            !f.background
                || f.date
                    .is_some_and(|d| !matches!(d, DateValue::Unresolved | DateValue::Eve))
        });
        // Headlines restate the lede: keep a headline figure only when the
        // body gives no figure for that metric.
        let body_metrics: Vec<Metric> = figures
            .iter()
            .filter(|f| !f.headline)
            .map(|f| f.metric)
            .collect();
        figures.retain(|f| !f.headline || !body_metrics.contains(&f.metric));
        // One headline figure per metric at most.
        let mut seen_headline_metrics = Vec::new();
        figures.retain(|f| {
            if !f.headline {
                return true;
            }
            if seen_headline_metrics.contains(&f.metric) {
                return false;
            }
            seen_headline_metrics.push(f.metric);
            true
        });
        figures
    }
}

fn clean_source(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while let Some(first) = words.first() {
        let lower = first.to_ascii_lowercase();
        let possessive = first.ends_with("'s") || first.ends_with("’s");
        if matches!(
            lower.as_str(),
            "a" | "an"
                | "the"
                | "their"
                | "its"
                | "his"
                | "her"
                | "later"
                | "meanwhile"
                | "also"
                | "while"
                | "and"
                | "but"
                | "as"
                | "although"
        ) || possessive
        {
            words.remove(0);
        } else {
            break;
        }
    }
    // "correspondent in the northern city of Aqtobe": the source is the
    // noun before the place.
    if let Some(cut) = words
        .iter()
        .position(|w| matches!(*w, "in" | "at" | "from" | "on" | "near"))
    {
        words.truncate(cut);
    }
    let source = words.join(" ");
    let lower = source.to_ascii_lowercase();
    if source.is_empty()
        || source.chars().any(|c| c.is_ascii_digit())
        || matches!(
            lower.as_str(),
            "he" | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "reports"
                | "report"
                | "this"
                | "that"
                | "some"
                | "others"
        )
        || words.len() > 6
    {
        return None;
    }
    Some(source)
}
