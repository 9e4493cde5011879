//! The report: one source document as the log stores it.
//!
//! A report's `text` is the original, byte for byte. Everything that reads
//! it later (cleaning, extraction) works on views over that text and maps its
//! offsets back into it, so a span is always a span of what was ingested.

pub mod clean;
pub mod readable;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use readable::ReadableText;

/// Metadata kept beside a report: unknown JSON fields, structured record
/// fields, front matter keys we do not interpret.
pub type Metadata = BTreeMap<String, serde_json::Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Unique within a log. Derived from front matter, the JSON `id` field,
    /// or the file name; disambiguated by the log when two different texts
    /// claim the same id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The publication date, which anchors month-day and relative dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where the report came from (a path, `-` for stdin), for messages only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The id of an earlier report this one corrects (front matter
    /// `corrects:`, JSON `corrects`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: Metadata,
    /// The text exactly as it was read (after front matter, if any). When
    /// front matter was stripped, `body_offset` says where in the file this
    /// text began, so spans can be reported against the file as given.
    pub text: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub body_offset: usize,
    /// For a web page or a feed item (whose `text` is the HTML as read): the
    /// text a reader sees, with its map back into `text`. Extraction reads
    /// this; every span it gives still indexes `text`. Derived when the page
    /// was read and stored with it, so a replay never depends on how this
    /// version of concord would cut the page (docs/inputs.md, "Web pages").
    /// Absent for every other report, and in logs written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readable: Option<ReadableText>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Report {
        Report {
            id: id.into(),
            outlet: None,
            published: None,
            title: None,
            url: None,
            language: None,
            source: None,
            corrects: None,
            metadata: Metadata::new(),
            text: text.into(),
            body_offset: 0,
            readable: None,
        }
    }

    /// The text extraction and every reader of words reads: the readable
    /// text of a web page or feed item, the stored text of anything else.
    pub fn reading_text(&self) -> &str {
        match &self.readable {
            Some(readable) => &readable.text,
            None => &self.text,
        }
    }

    /// The identity used for duplicate detection: normalised text, outlet
    /// and publication date. The id is deliberately not part of it, so the
    /// same article fed twice under two file names is still one report.
    pub fn content_hash(&self) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"concord-report-content/1\0");
        // The normalised text is built in one buffer and hashed in one call:
        // the same bytes as hashing word by word, but one blake3 update per
        // word dominated ingest time.
        // A page is the same report as another when what it says is the
        // same, whatever markup (ads, navigation, a timestamp in a script)
        // surrounds it. A page with no readable text is identified by its
        // HTML, so that two such pages are never taken for one.
        let words = match &self.readable {
            Some(readable) if !readable.text.trim().is_empty() => &readable.text,
            _ => &self.text,
        };
        hasher.update(&normalise_whitespace(words));
        hasher.update(b"\0");
        hasher.update(self.outlet.as_deref().unwrap_or("").trim().as_bytes());
        hasher.update(b"\0");
        if let Some(date) = self.published {
            hasher.update(date.to_string().as_bytes());
        }
        *hasher.finalize().as_bytes()
    }
}

/// The words of `text` joined by single spaces (`split_whitespace` semantics).
/// Most reports are ASCII, where a byte loop does the same job several times
/// faster than decoding chars; anything else takes the general path.
fn normalise_whitespace(text: &str) -> Vec<u8> {
    let mut normalised = Vec::with_capacity(text.len());
    if text.is_ascii() {
        let mut pending_space = false;
        for &byte in text.as_bytes() {
            if byte.is_ascii_whitespace() || byte == 0x0b {
                pending_space = !normalised.is_empty();
            } else {
                if pending_space {
                    normalised.push(b' ');
                    pending_space = false;
                }
                normalised.push(byte);
            }
        }
        return normalised;
    }
    for word in text.split_whitespace() {
        if !normalised.is_empty() {
            normalised.push(b' ');
        }
        normalised.extend_from_slice(word.as_bytes());
    }
    normalised
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(text: &str) -> Vec<u8> {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes()
    }

    #[test]
    fn the_ascii_fast_path_normalises_like_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            "  two  words  ",
            "tabs\tand\nnewlines\r\n and\x0bvertical\x0cfeeds ",
            "\n\nlead and trail\n\n",
        ] {
            assert_eq!(normalise_whitespace(text), general(text), "{text:?}");
        }
    }

    #[test]
    fn non_ascii_text_takes_the_general_path() {
        let text = "Almaty\u{00a0}rally \u{3000} ends";
        assert_eq!(normalise_whitespace(text), general(text));
    }
}
