//! The readable text of a report whose stored original is markup (a saved
//! web page, a feed item's HTML): the words a reader sees, which is what
//! extraction reads, with a map from every byte of it back to the byte
//! range of the original it came from.
//!
//! The readable text is derived once, when the page is read, and stored in
//! the report beside the original (both under the event's hash). It is not
//! derived again on replay: a later version of the HTML readers could cut
//! a page differently, and the log must give the same result whichever
//! concord replays it (docs/inputs.md, "Web pages").
//!
//! The map is a list of segments `[readable_start, original_start,
//! original_end]`, sorted and contiguous in the readable text (a segment
//! ends where the next begins) and increasing in the original. A segment
//! whose two lengths are equal was copied byte for byte, so offsets inside
//! it map one to one; any other segment (an entity such as `&amp;`, a run of
//! whitespace collapsed to one space, the blank line put between two
//! paragraphs) maps as a whole.

use serde::{Deserialize, Serialize};

/// One piece of the readable text and where it came from in the original.
pub type ReadableSegment = [usize; 3];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadableText {
    /// What the page says, paragraphs separated by blank lines.
    pub text: String,
    /// `[readable_start, original_start, original_end]`, see the module
    /// documentation.
    pub map: Vec<ReadableSegment>,
}

impl ReadableText {
    /// Appends `piece`, which stands for `original_start..original_end` of
    /// the original. Pieces must be appended in the order of the original.
    pub fn push(&mut self, piece: &str, original_start: usize, original_end: usize) {
        if piece.is_empty() {
            return;
        }
        let original_end = original_end.max(original_start);
        // A copied piece right after a copied piece extends it: the map
        // stays one segment per stretch of copied text, not one per
        // character.
        let piece_copied = piece.len() == original_end - original_start;
        if piece_copied
            && let Some(last) = self.map.last_mut()
            && last[2] == original_start
            && self.text.len().saturating_sub(last[0]) == last[2].saturating_sub(last[1])
        {
            last[2] = original_end;
            self.text.push_str(piece);
            return;
        }
        self.map
            .push([self.text.len(), original_start, original_end]);
        self.text.push_str(piece);
    }

    /// Whether segment `index` was copied byte for byte (its two lengths
    /// agree). Saturating, so that a map edited by hand cannot make it panic.
    fn is_copied(&self, index: usize, segment: ReadableSegment) -> bool {
        self.segment_end(index).saturating_sub(segment[0]) == segment[2].saturating_sub(segment[1])
    }

    fn segment_end(&self, index: usize) -> usize {
        self.map
            .get(index + 1)
            .map_or(self.text.len(), |segment| segment[0])
    }

    /// The index of the segment holding readable byte `offset`.
    fn segment_at(&self, offset: usize) -> Option<usize> {
        match self.map.binary_search_by(|segment| segment[0].cmp(&offset)) {
            Ok(index) => Some(index),
            Err(0) => None,
            Err(index) => Some(index - 1),
        }
    }

    /// Maps a half-open span of the readable text to the original. A span
    /// inside one copied segment maps to the identical bytes; a span that
    /// starts or ends inside an entity or a collapsed blank takes all of it.
    /// Returns `None` when the span is outside the text or the map is not
    /// one this module wrote (a log edited by hand).
    pub fn original_span(&self, start: usize, end: usize) -> Option<[usize; 2]> {
        if start > end || end > self.text.len() || self.map.is_empty() {
            return None;
        }
        let first = self.segment_at(start)?;
        let [readable_start, original_start, original_end] = *self.map.get(first)?;
        let mapped_start = if self.is_copied(first, self.map[first]) {
            original_start.saturating_add(start - readable_start)
        } else {
            original_start
        };
        if end == start {
            return Some([mapped_start, mapped_start]);
        }
        // The last byte of the span, so that a span ending at a segment
        // boundary does not reach into the next segment.
        let last = self.segment_at(end - 1)?;
        let segment = *self.map.get(last)?;
        let mapped_end = if self.is_copied(last, segment) {
            segment[1].saturating_add(end - segment[0])
        } else {
            original_end.max(segment[2])
        };
        (mapped_start <= mapped_end).then_some([mapped_start, mapped_end])
    }

    /// Maps a span of the original back to the readable text: the inverse
    /// of `original_span` on every span it produces. An offset that falls in
    /// markup between two pieces goes to the start of the next piece.
    pub fn readable_span(&self, start: usize, end: usize) -> Option<[usize; 2]> {
        if start > end || self.map.is_empty() {
            return None;
        }
        let to_readable = |offset: usize, is_end: bool| -> usize {
            // The first segment whose original range ends after `offset`
            // (for an end: at or after it).
            let index = self.map.partition_point(|segment| {
                if is_end {
                    segment[2] < offset
                } else {
                    segment[2] <= offset
                }
            });
            let Some(segment) = self.map.get(index) else {
                return self.text.len();
            };
            let readable_end = self.segment_end(index);
            if offset <= segment[1] {
                segment[0]
            } else if self.is_copied(index, *segment) {
                segment[0].saturating_add(offset - segment[1])
            } else if is_end {
                readable_end
            } else {
                segment[0]
            }
        };
        let readable_start = to_readable(start, false);
        let readable_end = to_readable(end, true).max(readable_start);
        (readable_end <= self.text.len()
            && self.text.is_char_boundary(readable_start)
            && self.text.is_char_boundary(readable_end))
        .then_some([readable_start, readable_end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<p>Tom &amp; Jerry</p>\n<p>At least  40 hurt.</p>` read as two
    /// paragraphs.
    fn sample() -> (&'static str, ReadableText) {
        let original = "<p>Tom &amp; Jerry</p>\n<p>At least  40 hurt.</p>";
        let mut readable = ReadableText::default();
        readable.push("Tom ", 3, 7);
        readable.push("&", 7, 12);
        readable.push(" Jerry", 12, 18);
        readable.push("\n\n", 18, 26);
        readable.push("At least", 26, 34);
        readable.push(" ", 34, 36);
        readable.push("40 hurt.", 36, 44);
        (original, readable)
    }

    #[test]
    fn copied_bytes_map_to_identical_bytes() {
        let (original, readable) = sample();
        assert_eq!(readable.text, "Tom & Jerry\n\nAt least 40 hurt.");
        let at = readable.text.find("40").unwrap();
        let [start, end] = readable.original_span(at, at + 2).unwrap();
        assert_eq!(&original[start..end], "40");
        let at = readable.text.find("Jerry").unwrap();
        let [start, end] = readable.original_span(at, at + 5).unwrap();
        assert_eq!(&original[start..end], "Jerry");
    }

    #[test]
    fn entities_and_collapsed_blanks_map_whole() {
        let (original, readable) = sample();
        let [start, end] = readable.original_span(0, 11).unwrap();
        assert_eq!(&original[start..end], "Tom &amp; Jerry");
        let at = readable.text.find("least 40").unwrap();
        let [start, end] = readable.original_span(at, at + 8).unwrap();
        assert_eq!(&original[start..end], "least  40");
    }

    #[test]
    fn readable_span_inverts_original_span() {
        let (_, readable) = sample();
        for (start, end) in [(0, 3), (4, 5), (0, 11), (13, 21), (22, 24), (13, 30)] {
            let [a, b] = readable.original_span(start, end).unwrap();
            assert_eq!(
                readable.readable_span(a, b),
                Some([start, end]),
                "{start}..{end}"
            );
        }
    }

    #[test]
    fn bad_spans_and_empty_maps_give_none() {
        let (_, readable) = sample();
        assert_eq!(readable.original_span(5, 4), None);
        assert_eq!(readable.original_span(0, 999), None);
        assert_eq!(ReadableText::default().original_span(0, 0), None);
        assert_eq!(ReadableText::default().readable_span(0, 1), None);
    }
}
