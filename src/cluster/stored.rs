//! What the clustering state keeps of a report once its mentions are
//! derived: its id, its figures and its organizers, in a compact form.
//!
//! A million-report store holds two and a half million figures. As
//! extraction yields them (`Figure`: 312 bytes plus six strings) they were
//! the largest part of the state, so they are stored here with what an
//! incident's claims need and nothing else: the sentence once per sentence,
//! not once per figure; the quote as a range of it; place names and
//! attributions (a few thousand distinct strings) shared through a pool.
//! `claim` gives back exactly the claim the full figure would have given.

use std::collections::HashSet;
use std::sync::Arc;

use crate::extract::model::{Figure, Metric, Organizer, Qualifier, QuotedFrom};
use crate::gazetteer::fold_name;
use crate::incident::Claim;

/// The bounds clustering compares figures by, for extraction's figures and
/// the stored ones alike.
pub trait FigureBounds {
    fn metric(&self) -> Metric;
    fn lo(&self) -> u64;
    fn hi(&self) -> Option<u64>;
}

impl FigureBounds for Figure {
    fn metric(&self) -> Metric {
        self.metric
    }
    fn lo(&self) -> u64 {
        self.lo
    }
    fn hi(&self) -> Option<u64> {
        self.hi
    }
}

/// One shared copy of each recurring string (place names, attributions,
/// outlets: a few thousand of them and millions of uses) and of each
/// headline's bigrams (outlets that copy a wire story copy its headline).
#[derive(Debug, Default)]
pub struct StringPool {
    strings: HashSet<Arc<str>>,
    headlines: HashSet<Arc<[u32]>>,
}

impl StringPool {
    pub fn share(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.strings.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.strings.insert(shared.clone());
        shared
    }

    /// Headlines are pooled while their reports live: `forget_unused`
    /// drops the ones no report holds any more.
    pub fn share_headline(&mut self, bigrams: &Arc<[u32]>) -> Arc<[u32]> {
        if let Some(shared) = self.headlines.get(bigrams) {
            return shared.clone();
        }
        self.headlines.insert(bigrams.clone());
        bigrams.clone()
    }

    /// Drops pooled headlines that only the pool still holds (their
    /// reports were removed). Names are few and kept.
    pub fn forget_unused_headlines(&mut self) {
        self.headlines
            .retain(|bigrams| Arc::strong_count(bigrams) > 1);
    }
}

/// What few figures have: a vague phrase, or a quote the sentence does not
/// hold as written. Boxed, so that the others pay one pointer for them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct RareParts {
    phrase: Option<Box<str>>,
    own_quote: Option<Box<str>>,
    /// A coded dataset's cell (`Figure::coded`).
    coded: Option<Box<crate::coded::CodedCell>>,
    /// A quote from the title (`Figure::quoted_from`).
    from_title: bool,
}

/// Which of the optional numbers a stored figure has.
const HAS_HI: u8 = 1;
const HAS_VALUE: u8 = 2;
const HAS_VALUE_HI: u8 = 4;

/// A figure as the state keeps it (see the module comment). The optional
/// numbers are kept as plain numbers and a presence bit each: three
/// `Option<u64>` would cost 24 more bytes on each of millions of figures.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFigure {
    pub lo: u64,
    hi: u64,
    value: u64,
    value_hi: u64,
    pub span: [usize; 2],
    /// Shared by the report's figures from one sentence.
    sentence: Arc<str>,
    /// Byte range of the quote in the sentence (unless `rare.own_quote`).
    quote: (u32, u32),
    places: Box<[Arc<str>]>,
    attributed_to: Option<Arc<str>>,
    rare: Option<Box<RareParts>>,
    pub metric: Metric,
    pub qualifier: Qualifier,
    present: u8,
}

impl FigureBounds for StoredFigure {
    fn metric(&self) -> Metric {
        self.metric
    }
    fn lo(&self) -> u64 {
        self.lo
    }
    fn hi(&self) -> Option<u64> {
        self.hi()
    }
}

impl StoredFigure {
    /// Stores `figures` (one report's, in order), sharing sentences between
    /// them and names through `pool`.
    pub fn store_all(figures: &[Figure], pool: &mut StringPool) -> Box<[StoredFigure]> {
        let mut stored: Vec<StoredFigure> = Vec::with_capacity(figures.len());
        for figure in figures {
            let sentence = match stored
                .iter()
                .find(|earlier| *earlier.sentence == *figure.sentence)
            {
                Some(earlier) => earlier.sentence.clone(),
                None => Arc::from(figure.sentence.as_str()),
            };
            stored.push(StoredFigure::store(figure, sentence, pool));
        }
        stored.into_boxed_slice()
    }

    fn store(figure: &Figure, sentence: Arc<str>, pool: &mut StringPool) -> StoredFigure {
        let in_sentence = quote_in_sentence(figure, &sentence);
        let rare = RareParts {
            phrase: figure.phrase.as_deref().map(Box::from),
            own_quote: match in_sentence {
                Some(_) => None,
                None => Some(figure.quote.as_str().into()),
            },
            coded: figure.coded.clone().map(Box::new),
            from_title: figure.quoted_from == QuotedFrom::Title,
        };
        let present = |bit: u8, number: Option<u64>| if number.is_some() { bit } else { 0 };
        StoredFigure {
            lo: figure.lo,
            hi: figure.hi.unwrap_or_default(),
            value: figure.value.unwrap_or_default(),
            value_hi: figure.value_hi.unwrap_or_default(),
            span: figure.span,
            sentence,
            quote: in_sentence.unwrap_or_default(),
            places: figure.places.iter().map(|p| pool.share(p)).collect(),
            attributed_to: figure.attributed_to.as_deref().map(|a| pool.share(a)),
            rare: (rare != RareParts::default()).then(|| Box::new(rare)),
            metric: figure.metric,
            qualifier: figure.qualifier,
            present: present(HAS_HI, figure.hi)
                | present(HAS_VALUE, figure.value)
                | present(HAS_VALUE_HI, figure.value_hi),
        }
    }

    fn number(&self, bit: u8, number: u64) -> Option<u64> {
        (self.present & bit != 0).then_some(number)
    }

    pub fn hi(&self) -> Option<u64> {
        self.number(HAS_HI, self.hi)
    }

    pub fn value(&self) -> Option<u64> {
        self.number(HAS_VALUE, self.value)
    }

    pub fn value_hi(&self) -> Option<u64> {
        self.number(HAS_VALUE_HI, self.value_hi)
    }

    pub fn quote(&self) -> &str {
        match self
            .rare
            .as_deref()
            .and_then(|rare| rare.own_quote.as_deref())
        {
            Some(quote) => quote,
            None => self
                .sentence
                .get(self.quote.0 as usize..self.quote.1 as usize)
                .unwrap_or_default(),
        }
    }

    /// The quote's byte range in the sentence, when the sentence holds it
    /// where the spans say (not for a title's figure nor a coded cell,
    /// whose "sentence" is no sentence of the text).
    pub fn quote_in_sentence(&self) -> Option<[usize; 2]> {
        match self.rare.as_deref() {
            Some(rare) if rare.own_quote.is_some() || rare.from_title || rare.coded.is_some() => {
                None
            }
            _ => Some([self.quote.0 as usize, self.quote.1 as usize]),
        }
    }

    pub fn phrase(&self) -> Option<&str> {
        self.rare.as_deref().and_then(|rare| rare.phrase.as_deref())
    }

    /// The claim `report` makes with this figure.
    pub fn claim(&self, report: &str) -> Claim {
        Claim {
            report: report.to_string(),
            value: self.value(),
            value_hi: self.value_hi(),
            qualifier: self.qualifier,
            lo: self.lo,
            hi: self.hi(),
            places: self.places.iter().map(|p| p.to_string()).collect(),
            span: self.span,
            quote: self.quote().to_string(),
            sentence: self.sentence.to_string(),
            quote_in_sentence: self.quote_in_sentence(),
            phrase: self.phrase().map(str::to_string),
            attributed_to: self.attributed_to.as_deref().map(str::to_string),
            coded: self
                .rare
                .as_deref()
                .and_then(|rare| rare.coded.as_deref().cloned()),
            quoted_from: if self.rare.as_deref().is_some_and(|rare| rare.from_title) {
                QuotedFrom::Title
            } else {
                QuotedFrom::Text
            },
        }
    }
}

/// The quote's range in the sentence, when the sentence holds it at the
/// offset the two spans give.
fn quote_in_sentence(figure: &Figure, sentence: &str) -> Option<(u32, u32)> {
    let start = figure.span[0].checked_sub(figure.sentence_span[0])?;
    let end = start.checked_add(figure.quote.len())?;
    (sentence.get(start..end) == Some(figure.quote.as_str()))
        .then_some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
}

/// An organizer as incidents name it: the folded key that groups its
/// spellings, and the name as one report wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrganizer {
    pub key: Box<str>,
    pub name: Box<str>,
}

impl StoredOrganizer {
    /// Organizers whose key folds to nothing name nobody and are dropped.
    pub fn store_all(organizers: &[Organizer]) -> Box<[StoredOrganizer]> {
        organizers
            .iter()
            .filter_map(|organizer| {
                let key = fold_name(&organizer.key);
                (!key.is_empty()).then(|| StoredOrganizer {
                    key: key.into_boxed_str(),
                    name: organizer.name.as_str().into(),
                })
            })
            .collect()
    }
}

/// What the state keeps of a report once its mentions are derived: its id
/// (shared with its mentions), and the figures and organizers incidents
/// are built from. The text, the extraction's mentions and the rest are
/// dropped: a large store would otherwise hold every report twice over.
#[derive(Debug, Clone)]
pub struct StoredReport {
    pub id: Arc<str>,
    pub figures: Box<[StoredFigure]>,
    pub organizers: Box<[StoredOrganizer]>,
    /// The dataset and row, for a coded record (None for every other
    /// report: one pointer each).
    pub coded: Option<Box<crate::coded::CodedIdentity>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::Qualifier;

    fn figure(sentence: &str, sentence_start: usize, quote: &str) -> Figure {
        let at = sentence.find(quote).expect("quote in sentence") + sentence_start;
        Figure {
            metric: Metric::Detained,
            value: Some(40),
            value_hi: None,
            qualifier: Qualifier::Exact,
            lo: 40,
            hi: Some(40),
            places: vec!["Lagos".to_string()],
            scope_from: crate::extract::model::ScopeSource::Stated,
            span: [at, at + quote.len()],
            quote: quote.to_string(),
            sentence: sentence.to_string(),
            sentence_span: [sentence_start, sentence_start + sentence.len()],
            qualifier_words: None,
            phrase: None,
            attributed_to: Some("police".to_string()),
            background: false,
            date: None,
            extractor_version: String::new(),
            coded: None,
            quoted_from: Default::default(),
        }
    }

    fn claim_of(figure: &Figure) -> Claim {
        Claim {
            report: "r".to_string(),
            value: figure.value,
            value_hi: figure.value_hi,
            qualifier: figure.qualifier,
            lo: figure.lo,
            hi: figure.hi,
            places: figure.places.clone(),
            span: figure.span,
            quote: figure.quote.clone(),
            sentence: figure.sentence.clone(),
            // Where the quote is in the sentence, for a text's figure whose
            // sentence holds the quote at its spans' offset.
            quote_in_sentence: (figure.quoted_from == QuotedFrom::Text && figure.coded.is_none())
                .then(|| quote_in_sentence(figure, &figure.sentence))
                .flatten()
                .map(|(start, end)| [start as usize, end as usize]),
            phrase: figure.phrase.clone(),
            attributed_to: figure.attributed_to.clone(),
            coded: figure.coded.clone(),
            quoted_from: figure.quoted_from,
        }
    }

    #[test]
    fn a_stored_figure_gives_back_the_claim_of_the_full_figure() {
        let sentence = "Police said 40 people were held in Lagos and 12 in Abuja.";
        let mut odd = figure(sentence, 100, "12");
        // A quote the sentence does not hold at its offset is kept whole.
        odd.quote = "twelve".to_string();
        odd.value_hi = Some(15);
        odd.hi = None;
        odd.value = None;
        odd.phrase = Some("a dozen or so".to_string());
        // A title's figure keeps saying where its span points.
        let mut from_title = figure("Two held in Lagos", 0, "Two held");
        from_title.quoted_from = QuotedFrom::Title;
        let figures = vec![figure(sentence, 100, "40 people"), odd, from_title];
        let mut pool = StringPool::default();
        let stored = StoredFigure::store_all(&figures, &mut pool);
        for (full, stored) in figures.iter().zip(stored.iter()) {
            assert_eq!(stored.claim("r"), claim_of(full));
        }
        assert!(Arc::ptr_eq(&stored[0].sentence, &stored[1].sentence));
        assert_eq!(stored[0].quote, (12, 21));
        assert!(stored[0].rare.is_none());
        assert_eq!(stored[1].quote(), "twelve");
        // The audit marks a quote where its claim says it is in the sentence.
        assert_eq!(stored[0].claim("r").quote_in_sentence, Some([12, 21]));
        assert_eq!(stored[1].claim("r").quote_in_sentence, None);
        assert_eq!(stored[2].claim("r").quote_in_sentence, None);
    }
}
