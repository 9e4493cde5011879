//! The text layer of extraction: tokens, lines and sentences over the
//! cleaned view, all as byte offsets into that view.
//!
//! Lowercased comparisons use an ASCII-lowercased copy of the view, which has
//! the same byte offsets as the view itself, so a token's lowercase form is a
//! plain slice and no per-token allocation is needed.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Starts with a letter, or mixes digits and letters ("79-year-old").
    Word,
    /// Only digits, with inner commas or dots ("1,000", "1.5", "22.02.2020").
    Number,
    /// One character that is neither letter, digit nor whitespace.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// First character is uppercase.
    pub capitalised: bool,
    /// Whitespace (or nothing) separates this token from the previous one;
    /// false when glued ("$5", "RFE/RL").
    pub space_before: bool,
    /// Holds an ASCII hyphen ("twenty-six", "40-60", "Nur-Sultan").
    pub hyphenated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Ordinary prose.
    Prose,
    /// A headline, video caption or other title-like line.
    Headline,
    /// A structured record's "- value" or "- Field" line.
    RecordField,
}

#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Token index range.
    pub first_token: usize,
    pub end_token: usize,
    /// Index of the line (paragraph) the sentence is in.
    pub line: usize,
    pub line_kind: LineKind,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

pub(crate) struct TextView<'a> {
    /// Per token, the registered word lists it belongs to (bit i = list i
    /// of `word_classes::LISTS`); makes `in_class` on those lists O(1).
    pub classes: Vec<u32>,
    pub text: &'a str,
    pub lower: String,
    pub tokens: Vec<Token>,
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
    /// Index of the first prose line: the dateline paragraph.
    pub first_prose_line: Option<usize>,
    /// The text is the recased view of a caseless report (`recase.rs`):
    /// capitals say less, so a long line without final punctuation (a
    /// data set's note cut short) is prose, not a headline, and dates read
    /// ambiguous month names next to a day in any case.
    pub read_as_caseless: bool,
}

/// The byte length of the hidden control character (`crate::safe_text::
/// is_hidden_control`, less tab, newline and carriage return, which the
/// tokenizer already reads as blanks) starting at byte `at`, or 0.
///
/// Works on bytes so that the common case costs one comparison chain per
/// byte and no decoding: only the lead bytes 0xC2 (C1 controls, U+0080 to
/// U+009F) and 0xE2 (bidi controls, U+202A-U+202E and U+2066-U+2069) need
/// a look at the bytes after them. `at` need not be a character boundary:
/// the leads matched are never continuation bytes.
#[inline]
fn hidden_control_len_at(bytes: &[u8], at: usize) -> usize {
    let Some(&lead) = bytes.get(at) else {
        return 0;
    };
    match lead {
        b'\t' | b'\n' | b'\r' => 0,
        0x00..=0x1f | 0x7f => 1,
        0xc2 => match bytes.get(at + 1) {
            Some(0x80..=0x9f) => 2,
            _ => 0,
        },
        0xe2 => match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether `byte` may start a hidden control character: a cheap test
/// without branches, so that a chunk of bytes is tested at once.
#[inline]
fn may_start_hidden_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t' && byte != b'\n' && byte != b'\r')
        | (byte == 0x7f)
        | (byte == 0xc2)
        | (byte == 0xe2)
}

/// The offset of the first hidden control character in `bytes`, if any.
///
/// Tests 32 bytes at a time with a fold the compiler vectorises, and looks
/// closer only at a chunk holding a possible lead byte: every report is
/// scanned, nearly none holds a control character, and a byte-at-a-time
/// search cost about 8% of extraction on ASCII text (this costs well under
/// 1%; curly quotes, also led by 0xE2, cost a closer look at their chunk).
fn first_hidden_control(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    for (index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let candidate = chunk
            .iter()
            .fold(false, |found, &byte| found | may_start_hidden_control(byte));
        if !candidate {
            continue;
        }
        let base = index * CHUNK;
        for (offset, &byte) in chunk.iter().enumerate() {
            if may_start_hidden_control(byte) && hidden_control_len_at(bytes, base + offset) > 0 {
                return Some(base + offset);
            }
        }
    }
    None
}

/// `text` with every control and bidi character (other than tab, newline
/// and carriage return) replaced by as many ASCII spaces as it has bytes.
///
/// Why: a stray ESC, NUL or U+202E glued to a word used to become a
/// punctuation token of its own and could turn a sentence's last character
/// from a period into something else, so that the line read as a headline
/// and its place was never found. As blanks they separate words like
/// spaces do. Why as many spaces as bytes: every byte offset stays the
/// same, so spans computed on the blanked text index the original text,
/// whose bytes are never changed (quotes are taken from the original).
///
/// Borrows, after one pass over the bytes, when there is nothing to blank.
pub(crate) fn blank_hidden_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = first_hidden_control(bytes) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut blanked = bytes.to_vec();
    let mut at = first;
    while at < bytes.len() {
        match hidden_control_len_at(bytes, at) {
            0 => at += 1,
            length => {
                if let Some(hidden) = blanked.get_mut(at..at + length) {
                    hidden.fill(b' ');
                }
                at += length;
            }
        }
    }
    // Whole characters were replaced by ASCII, so this is still UTF-8; the
    // fallback (the text unblanked) only keeps extraction free of panics.
    match String::from_utf8(blanked) {
        Ok(blanked) => std::borrow::Cow::Owned(blanked),
        Err(_) => std::borrow::Cow::Borrowed(text),
    }
}

fn is_inner_joiner(previous: char, joiner: char, next: char) -> bool {
    match joiner {
        ',' | '.' => previous.is_ascii_digit() && next.is_ascii_digit(),
        '-' | '\'' | '’' | '‑' => previous.is_alphanumeric() && next.is_alphanumeric(),
        _ => false,
    }
}

/// The character starting at byte `offset` (which is always a character
/// boundary here), without decoding for ASCII.
#[inline]
fn char_at(text: &str, offset: usize) -> Option<char> {
    let byte = *text.as_bytes().get(offset)?;
    if byte.is_ascii() {
        return Some(char::from(byte));
    }
    text.get(offset..)?.chars().next()
}

/// The word without its possessive ending ("Saturday's" -> "Saturday",
/// "Almaty’s" -> "Almaty"), when it has one.
pub(crate) fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// The word without its possessive ending, if any: the name or the day it
/// is the possessive of.
pub(crate) fn without_possessive(word: &str) -> &str {
    possessive_stem(word).unwrap_or(word)
}

/// `without_possessive` of a word that may be written in capitals, as a
/// title may be ("TRINITY GAY'S DEATH").
pub(crate) fn without_possessive_in_any_case(word: &str) -> &str {
    possessive_stem(word)
        .or_else(|| word.strip_suffix("'S"))
        .or_else(|| word.strip_suffix("’S"))
        .unwrap_or(word)
}

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    // Walks byte offsets with one character of lookahead instead of
    // collecting every (offset, char) pair first: no per-report buffer as
    // large as the text, and ASCII needs no decoding.
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut offset = 0;
    let mut space_before = true;
    while let Some(c) = char_at(text, offset) {
        if c.is_whitespace() {
            space_before = true;
            offset += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let start = offset;
            let mut all_digits_or_joiners = c.is_ascii_digit();
            let mut previous = c;
            let mut hyphenated = false;
            let mut j = offset + c.len_utf8();
            let bytes = text.as_bytes();
            loop {
                // ASCII letters and digits, the bulk of every word, without
                // decoding or Unicode tables.
                while let Some(&byte) = bytes.get(j)
                    && byte.is_ascii_alphanumeric()
                {
                    all_digits_or_joiners &= byte.is_ascii_digit();
                    previous = char::from(byte);
                    j += 1;
                }
                let Some(cj) = char_at(text, j) else {
                    break;
                };
                if cj.is_alphanumeric() {
                    if !cj.is_ascii_digit() {
                        all_digits_or_joiners = false;
                    }
                    previous = cj;
                    j += cj.len_utf8();
                    continue;
                }
                let after_joiner = j + cj.len_utf8();
                if let Some(next) = char_at(text, after_joiner)
                    && is_inner_joiner(previous, cj, next)
                {
                    if cj != ',' && cj != '.' {
                        all_digits_or_joiners = false;
                    }
                    hyphenated |= cj == '-';
                    previous = next;
                    j = after_joiner + next.len_utf8();
                    continue;
                }
                break;
            }
            tokens.push(Token {
                start,
                end: j,
                kind: if all_digits_or_joiners {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                capitalised: c.is_uppercase(),
                space_before,
                hyphenated,
            });
            space_before = false;
            offset = j;
            continue;
        }
        tokens.push(Token {
            start: offset,
            end: offset + c.len_utf8(),
            kind: TokenKind::Punct,
            capitalised: false,
            space_before,
            hyphenated: false,
        });
        space_before = false;
        offset += c.len_utf8();
    }
    tokens
}

/// In a caseless report, a line without final punctuation with at least
/// this many words of four letters or more is prose (as is a report's only
/// line): headlines are shorter, and a note cut mid-sentence is still the
/// report's body.
const CASELESS_PROSE_MIN_WORDS: usize = 10;

/// Words before a period that do not end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "rep", "sen", "gov", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "jr", "sr", "inc",
    "co", "corp", "ave", "vs", "capt", "maj", "prof", "rev", "gen", "cmdr", "supt", "insp", "det",
    "blvd", "rd", "mt", "ft", "approx", "est",
];

impl<'a> TextView<'a> {
    pub fn new(text: &'a str) -> TextView<'a> {
        TextView::with_caseless_reading(text, false)
    }

    /// `new`, reading `text` as the recased view of a caseless report when
    /// `read_as_caseless` (see the field).
    pub fn with_caseless_reading(text: &'a str, read_as_caseless: bool) -> TextView<'a> {
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text);
        let classes = tokens
            .iter()
            .map(|t| {
                let word = lower.get(t.start..t.end).unwrap_or("");
                let mut classes = word_classes::classes_of(word);
                if t.kind == TokenKind::Word {
                    classes |= word_classes::shape_of(word, t.hyphenated);
                }
                classes
            })
            .collect();
        let mut view = TextView {
            classes,
            text,
            lower,
            tokens,
            lines: Vec::new(),
            sentences: Vec::new(),
            first_prose_line: None,
            read_as_caseless,
        };
        view.split_lines_and_sentences();
        view
    }

    pub fn lower(&self, token: usize) -> &str {
        match self.tokens.get(token) {
            Some(t) => self.lower.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    pub fn raw(&self, token: usize) -> &str {
        match self.tokens.get(token) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The lowercase token as bytes. Token ends are character boundaries
    /// of the text and of its ASCII-lowercased copy alike, so comparing
    /// these bytes with a word gives the same answer as comparing
    /// `lower(token)`, without the two boundary checks of a `str` slice
    /// (`is` and `is_any` are asked millions of times).
    pub fn lower_bytes(&self, token: usize) -> &[u8] {
        match self.tokens.get(token) {
            Some(t) => self.lower.as_bytes().get(t.start..t.end).unwrap_or(&[]),
            None => &[],
        }
    }

    pub fn is(&self, token: usize, word: &str) -> bool {
        self.lower_bytes(token) == word.as_bytes()
    }

    /// Whether the token (lowercased) is one of a few words. Long lists
    /// are registered in `word_classes` and asked with `in_class` instead.
    pub fn is_any(&self, token: usize, words: &[&str]) -> bool {
        let w = self.lower_bytes(token);
        !w.is_empty() && words.iter().any(|word| word.as_bytes() == w)
    }

    /// `is_any` for a registered list given by its bit
    /// (`word_classes::bits::PEOPLE_NOUNS`): one load and a mask.
    pub fn in_class(&self, token: usize, bit: u32) -> bool {
        self.classes.get(token).is_some_and(|c| c & bit != 0)
    }

    /// In one of the word classes `bits`, or a number token: the one-load
    /// filter the date and number parsers ask before parsing at a token.
    pub fn in_class_or_number(&self, token: usize, bits: u32) -> bool {
        self.in_class(token, bits)
            || self
                .tokens
                .get(token)
                .is_some_and(|t| t.kind == TokenKind::Number)
    }

    pub fn is_punct(&self, token: usize, chars: &str) -> bool {
        // A punctuation token is one character: look for that character
        // (a substring search would give the same answer, slower; this is
        // asked for nearly every token).
        match self.tokens.get(token) {
            Some(t) if t.kind == TokenKind::Punct => {
                char_at(self.text, t.start).is_some_and(|c| chars.chars().any(|p| p == c))
            }
            _ => false,
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn token_text(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.tokens.len() {
            return "";
        }
        self.slice(self.tokens[a].start, self.tokens[b - 1].end)
    }

    fn split_lines_and_sentences(&mut self) {
        let mut line_start = 0;
        let mut token_cursor = 0;
        let text = self.text;
        let mut first_line_seen = false;
        for raw_line in text.split_inclusive('\n') {
            let line_end_full = line_start + raw_line.len();
            let content = raw_line.trim_end_matches(['\n', '\r']);
            let trimmed_start = line_start + (content.len() - content.trim_start().len());
            let trimmed_end = line_start + content.trim_end().len();
            let first_token = token_cursor;
            while token_cursor < self.tokens.len()
                && self.tokens[token_cursor].start < line_end_full
            {
                token_cursor += 1;
            }
            let end_token = token_cursor;
            if trimmed_end > trimmed_start && end_token > first_token {
                let kind =
                    self.classify_line(content.trim(), !first_line_seen, first_token, end_token);
                first_line_seen = true;
                let line_index = self.lines.len();
                if kind == LineKind::Prose
                    && self.first_prose_line.is_none()
                    && looks_like_prose(content)
                {
                    self.first_prose_line = Some(line_index);
                }
                self.lines.push(Line {
                    start: trimmed_start,
                    end: trimmed_end,
                    kind,
                });
                self.split_sentences(line_index, kind, first_token, end_token);
            }
            line_start = line_end_full;
        }
    }

    /// The text has a single non-blank line: in a caseless report that
    /// line is the body, however short ("police in almaty detained 100
    /// activists saturday").
    pub(crate) fn has_one_line(&self) -> bool {
        self.text.lines().filter(|l| !l.trim().is_empty()).count() == 1
    }

    fn classify_line(
        &self,
        content: &str,
        is_first_line: bool,
        first: usize,
        end: usize,
    ) -> LineKind {
        if content.starts_with("- ") || content == "-" || content.ends_with("- Country") {
            return LineKind::RecordField;
        }
        let terminal = content.ends_with(['.', '!', '?', '"', '”', '’', ')', ':', ';']);
        if terminal {
            return LineKind::Prose;
        }
        let words: Vec<usize> = (first..end)
            .filter(|&t| self.tokens[t].kind == TokenKind::Word && self.raw(t).chars().count() >= 4)
            .collect();
        if words.len() > 30
            || (self.read_as_caseless
                && (words.len() >= CASELESS_PROSE_MIN_WORDS || self.has_one_line()))
        {
            return LineKind::Prose;
        }
        let capitalised = words
            .iter()
            .filter(|&&t| self.tokens[t].capitalised)
            .count();
        let title_case = words.len() >= 2 && capitalised * 10 >= words.len() * 7;
        if is_first_line || title_case || words.len() <= 8 {
            LineKind::Headline
        } else {
            LineKind::Prose
        }
    }

    fn split_sentences(&mut self, line: usize, kind: LineKind, first: usize, end: usize) {
        let mut sentence_first = first;
        let mut t = first;
        while t < end {
            let is_end_punct = self.is_punct(t, ".!?");
            if is_end_punct && t + 1 < end {
                // Swallow closing quotes and brackets after the period.
                let mut close = t + 1;
                while close < end
                    && self.is_punct(close, "\"”’')")
                    && !self.tokens[close].space_before
                {
                    close += 1;
                }
                let next_starts_sentence = close < end && {
                    let next = &self.tokens[close];
                    next.space_before
                        && (next.capitalised
                            || next.kind == TokenKind::Number
                            || self.is_punct(close, "\"“‘'("))
                };
                let previous_is_abbreviation = t > sentence_first && self.raw(t) == "." && {
                    let previous = self.lower(t - 1);
                    previous.chars().count() == 1 || ABBREVIATIONS.contains(&previous)
                };
                if next_starts_sentence && !previous_is_abbreviation {
                    self.push_sentence(line, kind, sentence_first, close);
                    sentence_first = close;
                    t = close;
                    continue;
                }
            }
            t += 1;
        }
        if sentence_first < end {
            self.push_sentence(line, kind, sentence_first, end);
        }
    }

    fn push_sentence(&mut self, line: usize, kind: LineKind, first: usize, end: usize) {
        self.sentences.push(Sentence {
            start: self.tokens[first].start,
            end: self.tokens[end - 1].end,
            first_token: first,
            end_token: end,
            line,
            line_kind: kind,
        });
    }
}

/// The word lists extraction asks about most, indexed once per token.
pub(crate) mod word_classes {
    use std::collections::HashMap;
    use std::sync::LazyLock;

    use crate::extract::lexicon::*;

    pub(super) static LISTS: &[&[&str]] = &[
        EVENT_WORDS,
        STATEMENT_VERBS,
        PEOPLE_NOUNS,
        PARTICIPANT_NOUNS,
        FUNCTION_WORDS,
        UNIT_NOUNS,
        ADJECTIVAL_BEFORE,
        MODALS,
        CLAUSE_STOP_WORDS,
        CLAUSE_CONJUNCTIONS,
        ATTRIBUTION_VERBS,
        REQUIREMENT_WORDS,
        POPULATION_WORDS,
        EVENT_NOUNS,
        COME_TO_IDIOMS,
        STRONG_PARTICIPANT_NOUNS,
        DESCRIBED_PEOPLE_NOUNS,
        NOT_NAME_WORDS,
        TITLES,
        COMMON_WORDS,
        PERSON_TITLES,
        EVENT_LABEL_NOUNS,
        SOURCE_NOUNS,
        SUB_PLACE_SUFFIXES,
        CAPITAL_NOT_CITY,
        DATE_START_WORDS,
        NUMBER_START_WORDS,
        NEVER_PLACES,
        CASUALTY_CUES,
    ];

    /// Lists whose words also belong to another list's class: a street
    /// word is a spot word too, but the street test asks for street words
    /// alone, so the words are written once in their own list.
    pub(super) static ALSO_IN_CLASS: &[(&[&str], u32)] =
        &[(STREET_NAME_ENDINGS, bits::SUB_PLACE_SUFFIXES)];

    /// The bit of each list of `LISTS`, by position: `TextView::in_class`
    /// asks with these (one load and a mask per question).
    #[allow(dead_code)] // every registered list has its bit, used or not
    pub(crate) mod bits {
        pub(crate) const EVENT_WORDS: u32 = 1 << 0;
        pub(crate) const STATEMENT_VERBS: u32 = 1 << 1;
        pub(crate) const PEOPLE_NOUNS: u32 = 1 << 2;
        pub(crate) const PARTICIPANT_NOUNS: u32 = 1 << 3;
        pub(crate) const FUNCTION_WORDS: u32 = 1 << 4;
        pub(crate) const UNIT_NOUNS: u32 = 1 << 5;
        pub(crate) const ADJECTIVAL_BEFORE: u32 = 1 << 6;
        pub(crate) const MODALS: u32 = 1 << 7;
        pub(crate) const CLAUSE_STOP_WORDS: u32 = 1 << 8;
        pub(crate) const CLAUSE_CONJUNCTIONS: u32 = 1 << 9;
        pub(crate) const ATTRIBUTION_VERBS: u32 = 1 << 10;
        pub(crate) const REQUIREMENT_WORDS: u32 = 1 << 11;
        pub(crate) const POPULATION_WORDS: u32 = 1 << 12;
        pub(crate) const EVENT_NOUNS: u32 = 1 << 13;
        pub(crate) const COME_TO_IDIOMS: u32 = 1 << 14;
        pub(crate) const STRONG_PARTICIPANT_NOUNS: u32 = 1 << 15;
        pub(crate) const DESCRIBED_PEOPLE_NOUNS: u32 = 1 << 16;
        pub(crate) const NOT_NAME_WORDS: u32 = 1 << 17;
        pub(crate) const TITLES: u32 = 1 << 18;
        pub(crate) const COMMON_WORDS: u32 = 1 << 19;
        pub(crate) const PERSON_TITLES: u32 = 1 << 20;
        pub(crate) const EVENT_LABEL_NOUNS: u32 = 1 << 21;
        pub(crate) const SOURCE_NOUNS: u32 = 1 << 22;
        pub(crate) const SUB_PLACE_SUFFIXES: u32 = 1 << 23;
        pub(crate) const CAPITAL_NOT_CITY: u32 = 1 << 24;
        pub(crate) const DATE_START_WORDS: u32 = 1 << 25;
        pub(crate) const NUMBER_START_WORDS: u32 = 1 << 26;
        pub(crate) const NEVER_PLACES: u32 = 1 << 27;
        pub(crate) const CASUALTY_CUES: u32 = 1 << 28;

        // Shapes of words, not lists (`shape_of`).
        /// A word that starts with an ASCII digit ("22nd", "40-60").
        pub(crate) const DIGIT_FIRST: u32 = 1 << 29;
        /// A word with an ASCII hyphen ("twenty-six").
        pub(crate) const HYPHENATED: u32 = 1 << 30;
        /// A word ending in a possessive "'s" or "’s".
        pub(crate) const POSSESSIVE: u32 = 1 << 31;
    }

    /// Registered words are short (the longest has 18 bytes): a word is
    /// held as three zero-padded little-endian u64s, so that a probe
    /// compares three integers instead of calling memcmp. A longer
    /// registered word goes to `long_words` (none today).
    const WORD_LIMBS: usize = 3;
    const MAX_SHORT_WORD: usize = WORD_LIMBS * 8;

    type Limbs = [u64; WORD_LIMBS];

    #[inline]
    fn limbs_of(word: &[u8]) -> Limbs {
        let mut padded = [0u8; MAX_SHORT_WORD];
        padded[..word.len()].copy_from_slice(word);
        let mut limbs = [0u64; WORD_LIMBS];
        for (limb, chunk) in limbs.iter_mut().zip(padded.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *limb = u64::from_le_bytes(bytes);
        }
        limbs
    }

    /// Multiply-xor mixing of the limbs and the length (the scheme of
    /// rustc's FxHasher): every token of every report is looked up once,
    /// and SipHash's DoS resistance buys nothing for a fixed table.
    #[inline]
    fn hash_of(limbs: &Limbs, len: usize) -> u64 {
        const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut hash = (len as u64).wrapping_mul(MULTIPLIER);
        for &limb in limbs {
            hash = (hash.rotate_left(5) ^ limb).wrapping_mul(MULTIPLIER);
        }
        hash
    }

    #[derive(Clone, Copy, Default)]
    struct Slot {
        limbs: Limbs,
        /// 0 marks an empty slot (no registered word is empty).
        len: u8,
        classes: u32,
    }

    /// An open-addressing table (linear probing, at most a quarter full).
    struct Index {
        slots: Vec<Slot>,
        mask: usize,
        long_words: HashMap<&'static str, u32>,
    }

    static INDEX: LazyLock<Index> = LazyLock::new(|| {
        let mut classes: HashMap<&'static str, u32> = HashMap::new();
        for (i, list) in LISTS.iter().enumerate() {
            for word in list.iter() {
                *classes.entry(word).or_default() |= 1 << i;
            }
        }
        for (list, bit) in ALSO_IN_CLASS {
            for word in list.iter() {
                *classes.entry(word).or_default() |= bit;
            }
        }
        let size = (classes.len() * 4).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![Slot::default(); size];
        let mut long_words = HashMap::new();
        for (word, bits) in classes {
            let bytes = word.as_bytes();
            if bytes.is_empty() || bytes.len() > MAX_SHORT_WORD {
                long_words.insert(word, bits);
                continue;
            }
            let limbs = limbs_of(bytes);
            let mut at = (hash_of(&limbs, bytes.len()) >> 32) as usize & mask;
            while slots[at].len != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = Slot {
                limbs,
                len: bytes.len() as u8,
                classes: bits,
            };
        }
        Index {
            slots,
            mask,
            long_words,
        }
    });

    pub(crate) fn classes_of(word: &str) -> u32 {
        let index = &*INDEX;
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX_SHORT_WORD {
            if index.long_words.is_empty() {
                return 0;
            }
            return index.long_words.get(word).copied().unwrap_or(0);
        }
        let limbs = limbs_of(bytes);
        let mut at = (hash_of(&limbs, bytes.len()) >> 32) as usize & index.mask;
        loop {
            let Some(slot) = index.slots.get(at) else {
                return 0;
            };
            if slot.len == 0 {
                return 0;
            }
            if usize::from(slot.len) == bytes.len() && slot.limbs == limbs {
                return slot.classes;
            }
            at = (at + 1) & index.mask;
        }
    }

    /// The shape bits of a word token (`bits::DIGIT_FIRST` and the rest),
    /// indexed with its classes so that the per-token filters of dates and
    /// numbers are one load and a mask.
    pub(super) fn shape_of(word: &str, hyphenated: bool) -> u32 {
        let mut shape = 0;
        if word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            shape |= bits::DIGIT_FIRST;
        }
        if hyphenated {
            shape |= bits::HYPHENATED;
        }
        if word.ends_with("'s") || word.ends_with("’s") {
            shape |= bits::POSSESSIVE;
        }
        shape
    }

    /// The bit of a registered list, recognised by length and ends (no two
    /// registered lists share all three).
    #[cfg(test)]
    pub(super) fn bit_of(words: &[&str]) -> Option<u32> {
        LISTS
            .iter()
            .position(|list| {
                list.len() == words.len()
                    && list.first() == words.first()
                    && list.last() == words.last()
            })
            .map(|i| 1 << i)
    }
}

fn looks_like_prose(line: &str) -> bool {
    line.split_whitespace().count() >= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_hyphenated_names_whole() {
        let view =
            TextView::new("About 1,000 marched in Nur-Sultan; a 79-year-old man, 1.5 million.");
        let words: Vec<&str> = (0..view.tokens.len()).map(|t| view.raw(t)).collect();
        assert_eq!(
            words,
            [
                "About",
                "1,000",
                "marched",
                "in",
                "Nur-Sultan",
                ";",
                "a",
                "79-year-old",
                "man",
                ",",
                "1.5",
                "million",
                "."
            ]
        );
    }

    #[test]
    fn registered_word_lists_use_the_token_index() {
        use crate::extract::lexicon::PEOPLE_NOUNS;
        assert!(word_classes::bit_of(PEOPLE_NOUNS).is_some());
        assert!(word_classes::bit_of(crate::extract::lexicon::EVENT_WORDS).is_some());
        // The named bits are the lists' positions in LISTS.
        use word_classes::bits;
        let named = [
            bits::EVENT_WORDS,
            bits::STATEMENT_VERBS,
            bits::PEOPLE_NOUNS,
            bits::PARTICIPANT_NOUNS,
            bits::FUNCTION_WORDS,
            bits::UNIT_NOUNS,
            bits::ADJECTIVAL_BEFORE,
            bits::MODALS,
            bits::CLAUSE_STOP_WORDS,
            bits::CLAUSE_CONJUNCTIONS,
            bits::ATTRIBUTION_VERBS,
            bits::REQUIREMENT_WORDS,
            bits::POPULATION_WORDS,
            bits::EVENT_NOUNS,
            bits::COME_TO_IDIOMS,
            bits::STRONG_PARTICIPANT_NOUNS,
            bits::DESCRIBED_PEOPLE_NOUNS,
            bits::NOT_NAME_WORDS,
            bits::TITLES,
            bits::COMMON_WORDS,
            bits::PERSON_TITLES,
            bits::EVENT_LABEL_NOUNS,
            bits::SOURCE_NOUNS,
            bits::SUB_PLACE_SUFFIXES,
            bits::CAPITAL_NOT_CITY,
            bits::DATE_START_WORDS,
            bits::NUMBER_START_WORDS,
            bits::NEVER_PLACES,
            bits::CASUALTY_CUES,
        ];
        assert_eq!(named.len(), word_classes::LISTS.len());
        for (list, bit) in word_classes::LISTS.iter().zip(named) {
            assert_eq!(word_classes::bit_of(list), Some(bit));
        }
        // A word's classes are exactly the lists that hold it.
        let mut words: Vec<&str> = word_classes::LISTS
            .iter()
            .chain(word_classes::ALSO_IN_CLASS.iter().map(|(list, _)| list))
            .flat_map(|l| l.iter().copied())
            .collect();
        words.extend([
            "",
            "x",
            "unlisted",
            "Police",
            "a-very-long-word-beyond-every-list",
        ]);
        for word in words {
            for (list, bit) in word_classes::LISTS.iter().zip(named) {
                let also = word_classes::ALSO_IN_CLASS
                    .iter()
                    .any(|(extra, extra_bit)| *extra_bit == bit && extra.contains(&word));
                assert_eq!(
                    word_classes::classes_of(word) & bit != 0,
                    list.contains(&word) || also,
                    "{word:?} in list of bit {bit:#x}"
                );
            }
        }
        let view = TextView::new("Protesters marched, and people were detained.");
        assert!(view.in_class(0, bits::PEOPLE_NOUNS));
        assert!(view.in_class(4, bits::PEOPLE_NOUNS));
        assert!(!view.in_class(1, bits::PEOPLE_NOUNS));
        assert!(view.in_class(1, bits::EVENT_WORDS));
        assert!(!view.in_class(5, bits::EVENT_WORDS));
        assert!(view.is_any(0, PEOPLE_NOUNS));
        assert!(!view.is_any(1, PEOPLE_NOUNS));
    }

    #[test]
    fn hidden_controls_become_blanks_of_the_same_byte_length() {
        let text = "Riot\u{1b}[2J police\u{202e} held\u{9b} 40\u{0}\u{7f}.\u{2069}\tnow\r\n";
        let blanked = blank_hidden_controls(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked, "Riot [2J police    held   40  .   \tnow\r\n");
        // Found wherever it sits, across the scan's 32-byte chunks too.
        for at in [0, 30, 31, 32, 33, 63, 64, 95] {
            for hidden in ["\u{1b}", "\u{85}", "\u{202e}", "\u{2069}"] {
                let mut text = "a".repeat(100);
                text.insert_str(at, hidden);
                let blanked = blank_hidden_controls(&text);
                assert_eq!(blanked.len(), text.len());
                assert_eq!(
                    blanked.trim_matches('a'),
                    " ".repeat(hidden.len()),
                    "{at} {hidden:?}"
                );
            }
        }
        let ordinary = "“Quoted” — «guillemets», 20°C, café\u{a0}bar\n";
        assert!(matches!(
            blank_hidden_controls(ordinary),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #[test]
        fn blanking_matches_the_character_rule(text in proptest::prelude::any::<String>()) {
            let expected: String = text
                .chars()
                .map(|c| {
                    if crate::safe_text::is_hidden_control(c) && !matches!(c, '\t' | '\n' | '\r') {
                        " ".repeat(c.len_utf8())
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            proptest::prop_assert_eq!(blank_hidden_controls(&text), expected);
        }
    }

    #[test]
    fn sentences_split_on_periods_but_not_abbreviations() {
        let view = TextView::new(
            "Police held 20 people at 11 a.m. on Feb. 22 near the U.S. embassy. Another 10 were freed. \"Go!\" they said.\n",
        );
        let sentences: Vec<&str> = view
            .sentences
            .iter()
            .map(|s| view.slice(s.start, s.end))
            .collect();
        assert_eq!(
            sentences,
            [
                "Police held 20 people at 11 a.m. on Feb. 22 near the U.S. embassy.",
                "Another 10 were freed.",
                "\"Go!\" they said."
            ]
        );
    }
}
