//! Casualties as US local news writes them, counted the way the Gun
//! Violence Archive counts them (docs/figures.md, "Casualties"): everyone
//! hit by a bullet is either killed or injured, never both, and one victim
//! described in several sentences is one victim.
//!
//! The figure finder (`figures.rs`) reads numbers with a metric word
//! ("two men were wounded"). Local news mostly writes casualties without
//! one: "four people were shot, one fatally", "a man was shot and killed",
//! "the victim died", "in critical condition", "a double shooting". This
//! pass reads those cues over the whole report and turns them into figures
//! that are consistent with each other and with the numbered figures, so
//! that reconciliation's min and max over one report's claims are the
//! report's count rather than a spread of partial descriptions:
//!
//! - killed: the numbered figures when there are any; else "N fatally"
//!   after a count of people shot, or a "double homicide"; else 1 for a
//!   victim described as dead ("the victim died"), however many sentences
//!   describe them.
//! - injured: the numbered figures when there are any; else the people
//!   shot minus the killed ("four people were shot, one fatally" = 3); else
//!   1 for a victim described as hurt, unless that victim is the one who
//!   died (a victim "in critical condition" who later died is killed, not
//!   also injured) or is said to be someone else ("a second man").

use super::Analysis;
use super::figures::RawFigure;
use super::lexicon::{CONDITION_WORDS, SINGULAR_PERSON_NOUNS, multiple_word};
use super::numbers::{NumberPhrase, number_phrase_at};
use super::text::{LineKind, TokenKind, word_classes::bits};
use crate::extract::model::{Metric, Qualifier};

/// What one passage of a report says about the people shot.
#[derive(Debug, Clone)]
enum Cue {
    /// Everyone hit, dead or alive: "four people were shot", "shot six
    /// people", "a quadruple shooting". `others`: people hit besides the
    /// dead ("killed one man and shot two others").
    Shot {
        at: Passage,
        value: u64,
        others: bool,
    },
    /// How many of the people just said shot died: "one fatally", "none
    /// fatally" (0).
    FatalPart { at: Passage, value: u64 },
    /// A number of dead without a metric word the figure finder reads:
    /// "a double homicide".
    KilledCount { at: Passage, value: u64 },
    /// One person dead: "a man was shot and killed", "the victim died",
    /// "was pronounced dead", "a fatal shooting".
    OneKilled { at: Passage },
    /// One person hurt: "a woman was shot in the arm", "in critical
    /// condition". `another`: said to be someone besides a victim already
    /// named ("a second man", "another victim").
    OneInjured { at: Passage, another: bool },
}

/// Where a cue was read: its sentence and token range (the quote of the
/// figure it may become).
#[derive(Debug, Clone, Copy)]
struct Passage {
    sentence: usize,
    first: usize,
    end: usize,
}

/// Words between a subject and its verb, or an auxiliary and its
/// participle, that change nothing: "was also shot", "later died".
const FILLER_ADVERBS: &[&str] = &[
    "also",
    "reportedly",
    "allegedly",
    "apparently",
    "later",
    "eventually",
    "ultimately",
    "then",
    "subsequently",
    "tragically",
    "critically",
    "accidentally",
    "unintentionally",
    "mistakenly",
    "inadvertently",
    "seriously",
    "badly",
    "has",
    "had",
    "been",
    "now",
    "still",
    // "was found shot to death".
    "found",
];

/// Participles a headline puts right after its victim, with no "was":
/// "Teen killed in ...", "Man fatally shot", "Girl, 5, wounded".
const HEADLINE_PARTICIPLES: &[&str] = &[
    "shot",
    "found",
    "fatally",
    "killed",
    "slain",
    "murdered",
    "dead",
    "wounded",
    "injured",
    "hurt",
    "grazed",
    "hospitalized",
    "hospitalised",
    "gunned",
];

/// How common a capitalised word of a headline may be and still read as a
/// person's name (Zipf frequency: "being" 5.6, "Reyes" 3.4).
const HEADLINE_NAME_MAX_ZIPF: f32 = 4.0;

/// Words that make a casualty phrase say the opposite: "no one was hurt".
const NEGATIONS: &[&str] = &[
    "no", "nobody", "none", "neither", "not", "never", "nor", "without",
];

/// A victim said to be someone besides one already named.
const ANOTHER_VICTIM: &[&str] = &["another", "second", "third", "other"];

/// Words after "homicide" that make it a police unit's name, not a death.
const HOMICIDE_UNIT_WORDS: &[&str] = &[
    "detective",
    "detectives",
    "unit",
    "units",
    "division",
    "investigators",
    "squad",
    "bureau",
    "sergeant",
    "lieutenant",
    "section",
    "team",
];

/// Words after "homicide" or "murder" that make it a statistic or a
/// publication, not a death: "the homicide rate", "Homicide Report".
const STATISTIC_WORDS: &[&str] = &[
    "rate",
    "rates",
    "report",
    "reports",
    "statistics",
    "stats",
    "numbers",
    "tally",
    "totals",
    "map",
    "tracker",
];

/// Words after "her" that make it the object pronoun ("shot her in the
/// leg", "shot her twice", "killing her instantly").
const PRONOUN_OBJECT_FOLLOWERS: &[&str] = &[
    "in",
    "and",
    "once",
    "twice",
    "several",
    "multiple",
    "to",
    "dead",
    "instantly",
    "at",
    "while",
    "as",
    "before",
    "after",
    "from",
    "through",
    "with",
];

impl Analysis<'_> {
    /// Adds the casualty figures the report states without a metric word,
    /// made consistent with its numbered killed and injured figures.
    /// `killed_in_title` is the count of dead the report's title gives,
    /// taken when the text says nothing of the dead: "Man killed in
    /// shooting" above "a man was shot Tuesday" is one victim killed, not
    /// also one hurt.
    pub(crate) fn add_casualty_figures(
        &self,
        figures: &mut Vec<RawFigure>,
        killed_in_title: Option<u64>,
    ) {
        let cues = self.casualty_cues();
        if cues.is_empty() {
            return;
        }
        // "Three people were shot, none fatally": the figure finder reads
        // "fatally" as the verb of "three"; the count of people shot is
        // not a count of dead when a part of it is said to have died.
        // "Two men are dead and three others are in the hospital with
        // gunshot wounds": the three are hurt besides the dead, not dead
        // by the verb of the two.
        figures.retain(|f| {
            f.metric != Metric::Killed
                || !cues.iter().any(|c| match c {
                    Cue::Shot { at, others, .. } => {
                        at.sentence == f.sentence
                            && at.first <= f.phrase.first_token
                            && f.phrase.end_token <= at.end
                            && (*others
                                || cues.iter().any(|p| {
                                    matches!(p, Cue::FatalPart { at: part, .. }
                                        if part.sentence == f.sentence && part.first >= at.end)
                                }))
                    }
                    _ => false,
                })
        });
        let numbered = |metric: Metric| {
            figures
                .iter()
                .filter(|f| f.metric == metric && !f.background)
                .collect::<Vec<_>>()
        };
        let mut added: Vec<RawFigure> = Vec::new();
        let (killed_figures, injured_figures) =
            (numbered(Metric::Killed), numbered(Metric::Injured));

        // Killed: numbered figures first; a count of the people shot who
        // died; a multiple homicide; one victim described as dead.
        let fatal_part = cues.iter().find_map(|c| match c {
            Cue::FatalPart { at, value } => Some((*at, *value)),
            _ => None,
        });
        let killed_count = cues.iter().find_map(|c| match c {
            Cue::KilledCount { at, value } => Some((*at, *value)),
            _ => None,
        });
        let one_killed = cues.iter().find_map(|c| match c {
            Cue::OneKilled { at } => Some(*at),
            _ => None,
        });
        let killed: u64 = if !killed_figures.is_empty() {
            // The highest low count: a total, not a part of it.
            killed_figures
                .iter()
                .map(|f| {
                    crate::extract::FigurePolicy::interval(
                        f.phrase.qualifier,
                        f.phrase.value,
                        f.phrase.value_hi,
                        f.phrase.vague,
                        f.phrase.nearly,
                    )
                    .0
                })
                .max()
                .unwrap_or(0)
        } else if let Some((at, value)) = fatal_part {
            if value > 0 {
                added.push(self.casualty_figure(at, value, Metric::Killed));
            }
            value
        } else if let Some((at, value)) = killed_count {
            added.push(self.casualty_figure(at, value, Metric::Killed));
            value
        } else if let Some(at) = one_killed {
            added.push(self.casualty_figure(at, 1, Metric::Killed));
            1
        } else {
            killed_in_title.unwrap_or(0)
        };

        // Injured: numbered figures first; the people shot less the dead;
        // one victim described as hurt who is not the one who died.
        if injured_figures.is_empty() {
            let shot = cues
                .iter()
                .filter_map(|c| match c {
                    Cue::Shot { at, value, others } => Some((*at, *value, *others)),
                    _ => None,
                })
                .max_by_key(|&(_, value, others)| (!others, value));
            let hurt = match shot {
                Some((_, value, true)) => Some(value),
                Some((_, value, false)) if value >= killed => Some(value - killed),
                _ => None,
            };
            match (shot, hurt) {
                (Some((mut at, _, _)), Some(hurt)) => {
                    // "four people were shot, one fatally": the quote holds
                    // both numbers the count is made of.
                    if let Some((part, _)) = fatal_part
                        && part.sentence == at.sentence
                        && part.end > at.end
                    {
                        at.end = part.end;
                    }
                    if hurt > 0 {
                        added.push(self.casualty_figure(at, hurt, Metric::Injured));
                    }
                }
                _ => {
                    let one_injured = cues.iter().find_map(|c| match c {
                        Cue::OneInjured { at, another } if killed == 0 || *another => Some(*at),
                        _ => None,
                    });
                    if let Some(at) = one_injured {
                        added.push(self.casualty_figure(at, 1, Metric::Injured));
                    }
                }
            }
        }
        added.retain(|f| !f.background);
        if added.is_empty() {
            return;
        }
        figures.extend(added);
        // Figures stay in the order of the report's sentences (claims are
        // listed in that order); a stable sort keeps each sentence's own.
        figures.sort_by_key(|f| f.sentence);
    }

    fn casualty_figure(&self, at: Passage, value: u64, metric: Metric) -> RawFigure {
        let phrase = NumberPhrase {
            first_token: at.first,
            number_token: at.first,
            end_token: at.end,
            value: Some(value),
            value_hi: None,
            qualifier: Qualifier::Exact,
            qualifier_tokens: None,
            vague: None,
            nearly: false,
        };
        self.placed_figure(at.sentence, phrase, metric)
    }

    /// Every casualty cue of the report's main-event sentences, in order.
    fn casualty_cues(&self) -> Vec<Cue> {
        let mut cues = Vec::new();
        for sentence in 0..self.view.sentences.len() {
            let s = &self.view.sentences[sentence];
            if self.sentence_background[sentence].is_some()
                || s.line_kind == LineKind::RecordField
                || !(s.first_token..s.end_token).any(|t| self.view.in_class(t, bits::CASUALTY_CUES))
            {
                continue;
            }
            self.numbered_casualty_cues(sentence, &mut cues);
            self.singular_casualty_cues(sentence, &mut cues);
        }
        // A headline restates the lede: its cues count after the body's
        // (a stable partition).
        let (body, headline): (Vec<Cue>, Vec<Cue>) = cues.into_iter().partition(|c| {
            self.view.sentences[c.passage().sentence].line_kind != LineKind::Headline
        });
        body.into_iter().chain(headline).collect()
    }

    /// "four people were shot", "shot six people, one fatally", "three
    /// people were shot, none fatally", "a double shooting".
    fn numbered_casualty_cues(&self, sentence: usize, cues: &mut Vec<Cue>) {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let end = s.end_token;
        let passage = |first: usize, end: usize| Passage {
            sentence,
            first,
            end,
        };
        let mut shot_in_sentence = false;
        // "a double shooting", "a triple homicide".
        for t in s.first_token..end.saturating_sub(1) {
            let Some(value) = multiple_word(view.lower(t)) else {
                continue;
            };
            match view.lower(t + 1) {
                "shooting" | "shootings" => {
                    cues.push(Cue::Shot {
                        at: passage(t, t + 2),
                        value,
                        others: false,
                    });
                    shot_in_sentence = true;
                }
                "homicide" | "homicides" | "murder" | "murders" | "killing" | "killings" => cues
                    .push(Cue::KilledCount {
                        at: passage(t, t + 2),
                        value,
                    }),
                // "a double fatal shooting": every one hit died.
                "fatal" | "deadly" if view.is_any(t + 2, &["shooting", "shootings"]) => {
                    cues.push(Cue::KilledCount {
                        at: passage(t, t + 3),
                        value,
                    })
                }
                _ => {}
            }
        }
        for phrase in self.number_phrases(sentence) {
            let Some(value) = phrase.value else { continue };
            if phrase.value_hi.is_some() || self.is_not_a_count(sentence, &phrase) {
                continue;
            }
            let after = phrase.end_token;
            // "one fatally", "two of them fatally" after a count of people
            // shot.
            // "two of them died", "one later died": the figure finder
            // leaves a part of people already counted alone.
            let mut k = if view.is(after, "of") && view.is_any(after + 1, &["them", "those"]) {
                after + 2
            } else {
                after
            };
            while k < end && view.is_any(k, FILLER_ADVERBS) {
                k += 1;
            }
            let fatally_at = view.is_any(k, &["fatally", "died"]).then_some(k);
            if let Some(k) = fatally_at {
                if shot_in_sentence {
                    cues.push(Cue::FatalPart {
                        at: passage(phrase.first_token, k + 1),
                        value,
                    });
                }
                continue;
            }
            // The people counted: "six people", "two others", or nobody
            // named ("4 shot").
            let noun =
                (after..(after + 3).min(end)).find(|&k| view.in_class(k, bits::PEOPLE_NOUNS));
            let others = noun.is_some_and(|k| {
                (after..=k).any(|j| view.is_any(j, &["others", "more", "additional", "other"]))
            });
            // Active: "shot six people", "shooting two officers".
            let before = if phrase.first_token > s.first_token {
                view.lower(phrase.first_token - 1)
            } else {
                ""
            };
            if noun.is_some() && matches!(before, "shot" | "shooting" | "shoots") {
                cues.push(Cue::Shot {
                    at: passage(phrase.first_token - 1, noun.map_or(after, |k| k + 1)),
                    value,
                    others,
                });
                shot_in_sentence = true;
                continue;
            }
            // Passive: "six people were shot", "4 shot", "four of them were
            // shot", "five people with gunshot wounds", "three men were
            // found with gunshot wounds", "struck by gunfire".
            let mut k = noun.map_or(after, |n| n + 1);
            if noun.is_none() && view.is(k, "of") && view.is_any(k + 1, &["them", "those"]) {
                k += 2;
            }
            // "Three people, including two teenagers, were wounded": past
            // an aside about some of them, to the verb of all of them.
            if noun.is_some()
                && view.is_punct(k, ",")
                && (view.is(k + 1, "including")
                    || number_phrase_at(view, k + 1, k + 1, end).is_some()
                        && view.is_any(k + 2, &["of"]))
                && let Some(close) = (k + 2..(k + 10).min(end)).find(|&j| view.is_punct(j, ","))
            {
                k = close + 1;
            }
            let subject_end = k;
            while k < end
                && k < after + 8
                && (view.is_any(
                    k,
                    &[
                        "were",
                        "was",
                        "are",
                        "remain",
                        "remained",
                        "have",
                        "had",
                        "been",
                        "got",
                        "get",
                        "all",
                        "each",
                        "found",
                        "who",
                        "listed",
                        // "were confirmed to have been shot".
                        "confirmed",
                        "reported",
                        "believed",
                        "said",
                        "to",
                    ],
                ) || view.is_any(k, FILLER_ADVERBS))
            {
                k += 1;
            }
            let named = noun.is_some() || subject_end > after;
            let passive_shot = view.is(k, "shot")
                && (named || k == after)
                // "two men shot a woman": the two are who fired.
                && !view.is_any(k + 1, &["a", "an", "the", "his", "her", "their", "him", "them"])
                && !self.fired_upon(k)
                && !view
                    .tokens
                    .get(k + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number);
            // "with gunshot wounds", "are in the hospital with gunshot
            // wounds".
            let with_at = if view.is_any(k, &["in", "at"]) && view.is(k + 1, "the") {
                (k + 2..(k + 5).min(end)).find(|&j| view.is(j, "with"))
            } else {
                Some(k)
            };
            let gunshot = named
                && with_at.is_some_and(|w| {
                    view.is(w, "with")
                        && (view.is_any(w + 1, &["gunshot", "gunshots"])
                            || view.is(w + 2, "gunshot"))
                });
            let struck = named
                && view.is_any(k, &["struck", "hit"])
                && view.is(k + 1, "by")
                && (k + 2..(k + 5).min(end))
                    .any(|j| view.is_any(j, &["gunfire", "bullet", "bullets"]));
            // "sent four people to the hospital".
            let sent_to_hospital = noun.is_some()
                && matches!(before, "sent" | "sending" | "sends" | "put" | "putting")
                && (after..(after + 7).min(end))
                    .any(|j| view.is_any(j, &["hospital", "hospitals"]));
            // "two others are listed in critical condition".
            let condition = named
                && (k..(k + 4).min(end)).any(|j| view.is(j, "condition"))
                && (k..(k + 3).min(end)).any(|j| view.is_any(j, CONDITION_WORDS));
            // "were wounded" after an aside the figure finder does not
            // cross: the people hurt.
            let passive_hurt = named
                && subject_end > noun.map_or(after, |n| n + 1)
                && view.is_any(k, &["wounded", "injured", "hurt"]);
            if passive_shot || gunshot || struck || sent_to_hospital || condition || passive_hurt {
                // The quote ends at the words that say it: "were shot",
                // "with gunshot wounds".
                let said_end = match with_at {
                    Some(w) if gunshot => {
                        if view.is(w + 2, "gunshot") {
                            w + 4
                        } else {
                            w + 3
                        }
                    }
                    _ => k + 1,
                };
                cues.push(Cue::Shot {
                    at: passage(phrase.first_token, said_end.min(end)),
                    value,
                    // Still alive when written: the count is of the hurt.
                    others: others || condition || passive_hurt,
                });
                shot_in_sentence = true;
            }
        }
        // "three people were shot, none fatally", "none of them fatally".
        if shot_in_sentence {
            for t in s.first_token..end {
                if !view.is(t, "none") {
                    continue;
                }
                let k = if view.is(t + 1, "of") { t + 3 } else { t + 1 };
                if view.is(k, "fatally")
                    || (view.is_any(k, &["were", "was"]) && view.is(k + 1, "fatal"))
                {
                    cues.push(Cue::FatalPart {
                        at: passage(t, k + 1),
                        value: 0,
                    });
                }
            }
        }
    }

    /// One victim, without a number: "a man was shot and killed", "the
    /// victim died", "officers shot the suspect", "in critical condition".
    fn singular_casualty_cues(&self, sentence: usize, cues: &mut Vec<Cue>) {
        let view = &self.view;
        let s = &view.sentences[sentence];
        let (start, end) = (s.first_token, s.end_token);
        let passage = |first: usize, end: usize| Passage {
            sentence,
            first,
            end,
        };
        // "a second man was shot": the marker sits in the cue's subject, a
        // few words before it (not anywhere in the sentence: "on another
        // day, a man was shot" is no second victim).
        let another =
            |k: usize| (k.saturating_sub(5).max(start)..k).any(|j| view.is_any(j, ANOTHER_VICTIM));
        let mut t = start;
        while t < end {
            let w = view.lower(t);
            // A passive with "was"/"is": "was shot and killed", "is in
            // critical condition", "was pronounced dead"; or with "had
            // been"/"has been" ("he had been shot"), never "had shot" (he
            // shot someone else).
            let passive = matches!(w, "was" | "is")
                || (matches!(w, "had" | "has") && t + 1 < end && view.is(t + 1, "been"))
                // "the teen remains in the hospital", "remained hospitalized".
                || (matches!(w, "remains" | "remained")
                    && view.is_any(t + 1, &["in", "hospitalized", "hospitalised"]));
            if passive && self.singular_subject_before(sentence, t) {
                let mut k = t + 1;
                while k < end && view.is_any(k, FILLER_ADVERBS) {
                    k += 1;
                }
                if let Some((metric, predicate_end)) = self.casualty_predicate(k, end) {
                    cues.push(match metric {
                        Metric::Killed => Cue::OneKilled {
                            at: passage(t, predicate_end),
                        },
                        _ => Cue::OneInjured {
                            at: passage(t, predicate_end),
                            another: another(t),
                        },
                    });
                    t = predicate_end;
                    continue;
                }
            }
            // Two people and "were": "a grandmother and her grandson were
            // found dead", "Reyes and Whitfield were shot and killed".
            if w == "were"
                && let Some(first) = self.pair_subject_before(sentence, t)
            {
                let mut k = t + 1;
                while k < end && view.is_any(k, FILLER_ADVERBS) {
                    k += 1;
                }
                if let Some((metric, predicate_end)) = self.casualty_predicate(k, end)
                    && !self.negated(sentence, t)
                {
                    let at = passage(first, predicate_end);
                    cues.push(match metric {
                        Metric::Killed => Cue::KilledCount { at, value: 2 },
                        _ => Cue::Shot {
                            at,
                            value: 2,
                            others: false,
                        },
                    });
                    t = predicate_end;
                    continue;
                }
            }
            // A headline drops the auxiliary: "Teen killed in Riverton
            // shooting", "Girl, 5, wounded by stray bullet", "Woman killed,
            // man badly hurt".
            if let Some(((subject, predicate_end), metric, count)) =
                self.headline_casualty(sentence, t)
            {
                let at = passage(subject, predicate_end);
                cues.push(match metric {
                    Metric::Killed if count > 1 => Cue::KilledCount { at, value: count },
                    _ if count > 1 => Cue::Shot {
                        at,
                        value: count,
                        others: false,
                    },
                    Metric::Killed => Cue::OneKilled { at },
                    _ => Cue::OneInjured {
                        at,
                        // A second subject after a victim killed is a
                        // second person: "woman killed, man hurt".
                        another: another(t)
                            || cues.iter().any(|c| {
                                matches!(c, Cue::OneKilled { at }
                                    if at.sentence == sentence && at.end <= subject)
                            }),
                    },
                });
                t = predicate_end;
                continue;
            }
            // "the victim died", "a 15-year-old boy later died", "was shot
            // and died at the hospital".
            if matches!(w, "died" | "dies") {
                let mut k = t;
                while k > start && view.is_any(k - 1, FILLER_ADVERBS) {
                    k -= 1;
                }
                let shot_before = (start..t).any(|j| view.in_class(j, bits::CASUALTY_CUES));
                // "The teenager who was shot outside the store on Friday
                // has died": the subject may be far back, once one person and
                // no count came before.
                // A number inside a date ("on November 18") counts no one.
                let in_a_date = |j: usize| {
                    self.dates_by_sentence[sentence].iter().any(|&d| {
                        let date = &self.dates[d];
                        date.first_token <= j && j < date.end_token
                    })
                };
                let one_person_before = (start..k).any(|j| self.is_one_person(j))
                    && !(start..k).any(|j| {
                        view.tokens[j].kind == TokenKind::Number && !in_a_date(j)
                            || view.is_any(j, &["were", "are", "both", "all", "they"])
                    });
                let subject = (k > start && view.is_any(k - 1, &["who", "and"]) && shot_before)
                    || self.singular_subject_before(sentence, k)
                    || (one_person_before && shot_before);
                if subject && !self.negated(sentence, t) {
                    cues.push(Cue::OneKilled {
                        at: passage(t, t + 1),
                    });
                }
                t += 1;
                continue;
            }
            // Active, one person as object: "shot and killed a man",
            // "fatally shot the suspect", "shot a woman in the leg".
            if let Some((metric, verb_end)) = self.active_casualty_verb(t, end)
                && self.singular_object_at(verb_end, end)
                && !(t.saturating_sub(2).max(start)..t).any(|j| view.in_class(j, bits::MODALS))
                && !self.counterfactual_before(sentence, t)
                && !(t > start && view.is_any(t - 1, &["was", "were", "is", "are", "be", "been"]))
            {
                // "shot his daughter to death", "shot the man dead".
                let to_death = (verb_end..(verb_end + 8).min(end))
                    .any(|j| (view.is(j, "to") && view.is(j + 1, "death")) || view.is(j, "dead"));
                let metric = if to_death { Metric::Killed } else { metric };
                cues.push(match metric {
                    Metric::Killed => Cue::OneKilled {
                        at: passage(t, verb_end),
                    },
                    // The victim is the object: "shot another man", not
                    // "another child shot him" (that is the shooter).
                    _ => Cue::OneInjured {
                        at: passage(t, verb_end),
                        another: (verb_end..(verb_end + 2).min(end))
                            .any(|j| view.is_any(j, ANOTHER_VICTIM)),
                    },
                });
                t = verb_end;
                continue;
            }
            // "a fatal shooting", "the shooting death of", "a deadly
            // shooting", "a fatal gunshot wound".
            if (matches!(w, "fatal" | "deadly")
                && view.is_any(t + 1, &["shooting", "shootings", "wound", "wounds"]))
                || (w == "shooting" && view.is(t + 1, "death"))
                || (w == "fatal" && view.is(t + 2, "wound"))
            {
                if !self.negated(sentence, t) {
                    cues.push(Cue::OneKilled {
                        at: passage(t, t + 2),
                    });
                }
                t += 2;
                continue;
            }
            // "charged with murder", "a homicide": someone died
            // ("attempted murder" says someone did not).
            let attempted =
                t > start && view.is_any(t - 1, &["attempted", "attempt", "attempting"]);
            // "homicide detectives are investigating": a police unit's name,
            // which many forces send to every shooting; "the city's
            // homicide rate": a statistic, no one's death.
            let police_unit =
                view.is_any(t + 1, HOMICIDE_UNIT_WORDS) || view.is_any(t + 1, STATISTIC_WORDS);
            if matches!(w, "murder" | "manslaughter" | "homicide")
                && !attempted
                && !police_unit
                && !self.negated(sentence, t)
            {
                cues.push(Cue::OneKilled {
                    at: passage(t, t + 1),
                });
                t += 1;
                continue;
            }
            // "officers found him dead", "left a man dead".
            if w == "dead"
                && (t.saturating_sub(4).max(start)..t)
                    .any(|j| view.is_any(j, &["found", "discovered", "left"]))
                && !(start..t).any(|j| view.tokens[j].kind == TokenKind::Number)
                && !self.negated(sentence, t)
            {
                cues.push(Cue::OneKilled {
                    at: passage(t, t + 1),
                });
                t += 1;
                continue;
            }
            // "a shooting that left an 8-year-old boy injured": one person
            // between "left" and the word.
            if matches!(w, "injured" | "wounded" | "hurt")
                && let Some(left) = (t.saturating_sub(6).max(start)..t)
                    .rev()
                    .find(|&j| view.is(j, "left"))
                && (left + 1..t).any(|j| self.is_one_person(j))
                && !(left + 1..t).any(|j| {
                    view.tokens[j].kind == TokenKind::Number
                        || view.is_any(j, &["and", "others", "people"])
                })
                && !self.negated(sentence, t)
            {
                cues.push(Cue::OneInjured {
                    at: passage(left, t + 1),
                    another: another(left),
                });
                t += 1;
                continue;
            }
            // "in critical condition", "non-life-threatening injuries",
            // "suffered a gunshot wound".
            let in_condition = w == "condition"
                && (t.saturating_sub(3).max(start)..t).any(|j| view.is_any(j, CONDITION_WORDS));
            let life_threatening = matches!(w, "injuries" | "wounds" | "injury" | "wound")
                && t > start
                && view.lower(t - 1).ends_with("life-threatening");
            let gunshot_wound = matches!(w, "wound" | "wounds")
                && t > start
                && view.is_any(t - 1, &["gunshot", "bullet"])
                // "suffering from an accidental gunshot wound".
                && (t.saturating_sub(6).max(start)..t)
                    .any(|j| view.is_any(j, &["suffered", "suffering", "sustained", "with"]));
            let hurt_end = (in_condition || life_threatening || gunshot_wound).then_some(t + 1);
            if let Some(hurt_end) = hurt_end {
                // "two victims are in critical condition": several people,
                // how many unsaid.
                let plural = (start..t).any(|j| {
                    view.is_any(
                        j,
                        &["are", "were", "both", "all", "they", "remain", "victims"],
                    ) || view
                        .tokens
                        .get(j)
                        // An age is no count: "Reyes, 41, of Eastport, came
                        // in with a gunshot wound".
                        .is_some_and(|tok| {
                            tok.kind == TokenKind::Number
                                && !(j > start && self.age_between_commas(j))
                        })
                        || view.in_class(j, bits::NUMBER_START_WORDS) && !view.is(j, "a")
                });
                if !plural && !self.negated(sentence, t) {
                    cues.push(Cue::OneInjured {
                        at: passage(t.saturating_sub(2).max(start), hurt_end),
                        another: another(t),
                    });
                }
                t = hurt_end;
                continue;
            }
            t += 1;
        }
    }

    /// In a headline, a participle right after one person, with no
    /// auxiliary: "Teen killed in shooting", "9-year-old shot on Riverton's
    /// north side", "Smith, 22, fatally shot". Gives the cue's (subject,
    /// end of the predicate) tokens, its metric and how many people it
    /// names. Not an active verb with its object ("Man shot his wife",
    /// "gunman shot at two officers"), and not a pronoun ("He shot in the
    /// air"). Headlines only: prose keeps its auxiliaries,
    /// and there a subject and a past verb are an active clause.
    fn headline_casualty(
        &self,
        sentence: usize,
        t: usize,
    ) -> Option<((usize, usize), Metric, u64)> {
        let view = &self.view;
        let s = &view.sentences[sentence];
        if !self.reads_as_headline(sentence) || t == s.first_token {
            return None;
        }
        let end = s.end_token;
        if !view.is_any(t, HEADLINE_PARTICIPLES) {
            return None;
        }
        // The subject: the word before, past adverbs ("critically hurt")
        // and an age between commas ("Boy, 3, wounded").
        let mut k = t;
        while k > s.first_token && view.is_any(k - 1, FILLER_ADVERBS) {
            k -= 1;
        }
        if k >= s.first_token + 3 && self.age_between_commas(k - 2) {
            k -= 3;
        }
        let subject = k.checked_sub(1).filter(|&j| j >= s.first_token)?;
        if !self.is_person_word(sentence, subject) || self.negated(sentence, k) {
            return None;
        }
        // "Mother, son found dead", "Husband and wife killed": two people.
        let pair = subject >= s.first_token + 2
            && (view.is_punct(subject - 1, ",") || view.is(subject - 1, "and"))
            && self.is_person_word(sentence, subject - 2);
        let (first, count) = if pair { (subject - 2, 2) } else { (subject, 1) };
        let (metric, predicate_end) = self.casualty_predicate(t, end)?;
        // What follows: an object would make the participle an active
        // verb ("shot his wife", "killed 2", "shot at two men").
        let object_follows = predicate_end < end
            && (view.tokens[predicate_end].kind == TokenKind::Number
                || view.in_class(predicate_end, bits::NUMBER_START_WORDS)
                    && !view.is(predicate_end, "a")
                || view.is_any(
                    predicate_end,
                    &[
                        "his", "her", "their", "him", "them", "himself", "herself", "wife",
                        "husband",
                    ],
                )
                || (view.is(predicate_end, "at")
                    && (predicate_end + 1..(predicate_end + 4).min(end)).any(|j| {
                        view.tokens[j].kind == TokenKind::Number
                            || view.in_class(j, bits::NUMBER_START_WORDS) && !view.is(j, "a")
                            || view.is_any(j, &["dozen", "people", "officers", "police"])
                    })));
        if object_follows {
            return None;
        }
        Some(((first, predicate_end), metric, count))
    }

    /// One person named at `j`: a person noun ("man", "15-year-old") or a
    /// capitalised name that is no place the sentence names; never a
    /// pronoun (a pronoun and a past verb are an active clause).
    fn is_person_word(&self, sentence: usize, j: usize) -> bool {
        let view = &self.view;
        if view.is_any(j, &["he", "she", "they", "we", "i", "you"]) {
            return false;
        }
        // In a headline every word may be capitalised ("Boy Dies After
        // Being Shot"): there only a rare word reads as a name.
        let name_like = !self.reads_as_headline(sentence)
            || crate::word_frequency::zipf_frequency(view.lower(j))
                .is_none_or(|zipf| zipf < HEADLINE_NAME_MAX_ZIPF);
        self.is_one_person(j)
            || (view.tokens[j].capitalised
                && name_like
                && view.tokens[j].kind == TokenKind::Word
                && !self.hits_by_sentence[sentence]
                    .iter()
                    .any(|&h| self.hits[h].first_token <= j && j < self.hits[h].end_token)
                && !view.in_class(j, bits::CASUALTY_CUES)
                && !view.is_any(j, &["police", "cops", "officials", "it", "this", "that"]))
    }

    /// Two people joined by "and" right before `k` ("a grandmother and
    /// her grandson were found dead", "Reyes and Whitfield were shot"):
    /// the first token of the pair. Not a longer list, nor a count.
    fn pair_subject_before(&self, sentence: usize, k: usize) -> Option<usize> {
        let view = &self.view;
        let start = view.sentences[sentence].first_token;
        let right = k.checked_sub(1).filter(|&j| j > start)?;
        if !self.is_person_word(sentence, right) {
            return None;
        }
        // Back over the second person's words ("his baby") to "and".
        let and = (right.saturating_sub(4).max(start)..right)
            .rev()
            .take_while(|&j| view.tokens[j].kind == TokenKind::Word)
            .find(|&j| view.is(j, "and"))?;
        let left = and.checked_sub(1).filter(|&j| j >= start)?;
        if !self.is_person_word(sentence, left) {
            return None;
        }
        let list_or_count = (left.saturating_sub(4).max(start)..left).any(|j| {
            view.is(j, "and")
                || view.is_punct(j, ",")
                || view.tokens[j].kind == TokenKind::Number
                || view.in_class(j, bits::NUMBER_START_WORDS) && !view.is_any(j, &["a", "an"])
        });
        (!list_or_count).then_some(left)
    }

    /// A headline line, or a text that is one line with no closing stop:
    /// a title read on its own, which is prose to the line classifier when
    /// it has no capitals ("2-year-old boy shot and killed").
    fn reads_as_headline(&self, sentence: usize) -> bool {
        let view = &self.view;
        let s = &view.sentences[sentence];
        s.line_kind == LineKind::Headline
            || (view.sentences.len() == 1
                && view.has_one_line()
                && !view
                    .text
                    .get(s.start..s.end)
                    .unwrap_or("")
                    .trim_end()
                    .ends_with(['.', '!', '?']))
    }

    /// The participle after "was": ("shot and killed", Killed), ("shot in
    /// the arm", Injured), with the end of its words.
    fn casualty_predicate(&self, k: usize, end: usize) -> Option<(Metric, usize)> {
        let view = &self.view;
        let w = view.lower(k);
        let next = view.lower(k + 1);
        let killed = |until: usize| Some((Metric::Killed, until.min(end)));
        let injured = |until: usize| Some((Metric::Injured, until.min(end)));
        match w {
            "shot" => match next {
                "and" if view.is_any(k + 2, &["killed", "died"]) => killed(k + 3),
                // A headline's "shot, killed".
                "," if view.is(k + 2, "killed") => killed(k + 3),
                "dead" => killed(k + 2),
                "to" if view.is(k + 2, "death") => killed(k + 3),
                _ if self.fired_upon(k) => None,
                _ => injured(k + 1),
            },
            "fatally" if view.is_any(k + 1, &["shot", "wounded", "injured", "struck"]) => {
                killed(k + 2)
            }
            "killed" | "slain" | "murdered" => killed(k + 1),
            "dead" => killed(k + 1),
            "pronounced" | "declared" | "found" if next == "dead" => killed(k + 2),
            "gunned" if next == "down" => killed(k + 2),
            "wounded" | "injured" | "hurt" | "grazed" | "hospitalized" | "hospitalised" => {
                injured(k + 1)
            }
            "struck" | "hit"
                if (k + 1..(k + 5).min(end))
                    .any(|j| view.is_any(j, &["bullet", "bullets", "gunfire", "round"])) =>
            {
                injured(k + 2)
            }
            "in" if (k + 1..(k + 4).min(end)).any(|j| view.is(j, "condition"))
                && view.is_any(k + 1, CONDITION_WORDS) =>
            {
                injured(k + 3)
            }
            // "another person is in the hospital".
            "in" if next == "the" && view.is(k + 2, "hospital") => injured(k + 3),
            _ => None,
        }
    }

    /// "were shot at" (by someone, and maybe missed), not "were shot at a
    /// party": "at" is a place or a range when a determiner, a number or a
    /// name follows it ("at a party", "at 5th and Main", "at Oak Park", "at
    /// close range", "at least twice"); anything else ("shot at on
    /// Friday", "shot at by a man", "shot at.") is being fired upon.
    fn fired_upon(&self, shot: usize) -> bool {
        let view = &self.view;
        if !view.is(shot + 1, "at") {
            return false;
        }
        let Some(next) = view.tokens.get(shot + 2) else {
            return true;
        };
        let place_or_range = next.kind == TokenKind::Number
            || (next.capitalised && !view.is_any(shot + 2, &["by", "on", "in", "from"]))
            || view.is_any(
                shot + 2,
                &[
                    "a", "an", "the", "his", "her", "their", "its", "least", "close", "point",
                    "home", "work", "school",
                ],
            )
            || view.in_class(shot + 2, bits::DIGIT_FIRST);
        !place_or_range
    }

    /// An active verb that shoots or kills its object: ("shot and
    /// killed", Killed), ("shot", Injured).
    fn active_casualty_verb(&self, t: usize, end: usize) -> Option<(Metric, usize)> {
        let view = &self.view;
        let next = view.lower(t + 1);
        let found = match view.lower(t) {
            "shot" | "shoots" | "shooting" => match next {
                "and" if view.is_any(t + 2, &["killed", "killing"]) => (Metric::Killed, t + 3),
                "dead" => (Metric::Killed, t + 2),
                _ => (Metric::Injured, t + 1),
            },
            "fatally" | "mortally"
                if view.is_any(
                    t + 1,
                    &["shot", "shoots", "shooting", "wounded", "wounding"],
                ) =>
            {
                (Metric::Killed, t + 2)
            }
            "killed" | "killing" | "kills" => (Metric::Killed, t + 1),
            "wounded" | "wounding" => (Metric::Injured, t + 1),
            "gunned" if next == "down" => (Metric::Killed, t + 2),
            _ => return None,
        };
        (found.1 < end).then_some(found)
    }

    /// "a man", "the 19-year-old victim", "his girlfriend": one person,
    /// right at `k`.
    fn singular_object_at(&self, k: usize, end: usize) -> bool {
        let view = &self.view;
        // "accidentally shot himself in the leg", "killing him instantly",
        // a headline's "Boy Shoots Self".
        if view.is_any(k, &["himself", "herself", "him", "self"]) {
            return true;
        }
        // "shot her in the arm" (the pronoun), not "shot her brother" (the
        // possessive, read below) nor "shot her car".
        if view.is(k, "her")
            && (k + 1 >= end
                || view.tokens[k + 1].kind == TokenKind::Punct
                || view.is_any(k + 1, PRONOUN_OBJECT_FOLLOWERS))
        {
            return true;
        }
        if !view.is_any(k, &["a", "an", "the", "his", "her", "their", "its"]) {
            return false;
        }
        (k + 1..(k + 5).min(end))
            .take_while(|&j| self.view.tokens[j].kind != TokenKind::Punct)
            .any(|j| self.is_one_person(j) && !view.is_any(j, &["he", "she"]))
    }

    /// A word naming one person: "man", "victim", "15-year-old".
    fn is_one_person(&self, k: usize) -> bool {
        let w = self.view.lower(k);
        self.view.is_any(k, SINGULAR_PERSON_NOUNS) || (w.ends_with("-old") && !w.ends_with("s-old"))
    }

    /// Whether the subject right before `k` is one person: "a man", "the
    /// victim", "he", "John Smith", "Smith, 22,"; and not "no one".
    fn singular_subject_before(&self, sentence: usize, k: usize) -> bool {
        let view = &self.view;
        let start = view.sentences[sentence].first_token;
        let mut j = k;
        // "Smith, 22, was shot": an age between commas.
        if j >= start + 3 && self.age_between_commas(j - 2) {
            j -= 3;
        }
        let floor = j.saturating_sub(6).max(start);
        let mut found = false;
        while j > floor {
            j -= 1;
            let token = view.tokens[j];
            if token.kind == TokenKind::Punct {
                break;
            }
            if view.is_any(j, NEGATIONS) || view.is(j, "one") && j > start && view.is(j - 1, "no") {
                return false;
            }
            // "two men were": a count is the figure finder's ("one" and
            // "a" are one person).
            if token.kind == TokenKind::Number
                || view.in_class(j, bits::NUMBER_START_WORDS) && !view.is_any(j, &["a", "one"])
            {
                return false;
            }
            if view.is_any(j, &["another", "one"]) {
                found = true;
            }
            if self.is_one_person(j) {
                found = true;
            }
            // A name: a capitalised word that is not a place the report
            // names, nor a word like "Police" or "It".
            if token.capitalised
                && !view.is_any(j, &["police", "it", "this", "that", "there", "officials"])
                && !self.hits_by_sentence[sentence]
                    .iter()
                    .any(|&h| self.hits[h].first_token <= j && j < self.hits[h].end_token)
                && j + 1 == k
            {
                found = true;
            }
        }
        found
    }

    /// A counterfactual earlier in the clause of `k`: "it could have hit
    /// her in the heart and killed her" (a modal with "have", back to the
    /// last comma or the sentence's start) says what did not happen.
    fn counterfactual_before(&self, sentence: usize, k: usize) -> bool {
        let view = &self.view;
        let start = view.sentences[sentence].first_token;
        (start..k)
            .rev()
            .take_while(|&j| !view.is_punct(j, ",;:"))
            .any(|j| {
                view.is_any(j, &["could", "would", "might", "may", "should"])
                    && view.is(j + 1, "have")
            })
    }

    /// A number between commas at `j`: an age ("Smith, 22, was shot").
    fn age_between_commas(&self, j: usize) -> bool {
        let view = &self.view;
        j > 0
            && view
                .tokens
                .get(j)
                .is_some_and(|t| t.kind == TokenKind::Number)
            && view.is_punct(j - 1, ",")
            && view.is_punct(j + 1, ",")
    }

    /// A negation in the few words before `k`: "no one was hurt", "was not
    /// injured".
    fn negated(&self, sentence: usize, k: usize) -> bool {
        let start = self.view.sentences[sentence].first_token;
        (k.saturating_sub(4).max(start)..k).any(|j| self.view.is_any(j, NEGATIONS))
    }
}

impl Cue {
    fn passage(&self) -> Passage {
        match self {
            Cue::Shot { at, .. }
            | Cue::FatalPart { at, .. }
            | Cue::KilledCount { at, .. }
            | Cue::OneKilled { at }
            | Cue::OneInjured { at, .. } => *at,
        }
    }
}
