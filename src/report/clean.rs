//! Cleaning: a view over a report's original text without scraped-page
//! boilerplate, with a map from every byte of the view back to the original.
//!
//! Cleaning only ever drops whole lines and copies the kept lines verbatim
//! (with their own line terminators). That keeps the offset map a short list
//! of segments and makes the mapping exact: the text at a mapped span in the
//! original is byte-identical to the text at the span in the view.

use std::sync::LazyLock;

use regex::Regex;

/// Why a line was dropped; kept for diagnostics and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DroppedBecause {
    MediaTimeStrip,
    PlayerMessage,
    NavigationCrumb,
    SizePicker,
    CaptionRepeatingHeadline,
    RepeatedLine,
    ImagePlaceholder,
    VideoPlaylistItem,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DroppedLine {
    pub start: usize,
    pub end: usize,
    pub because: DroppedBecause,
}

#[derive(Debug, Clone)]
pub struct CleanedText {
    pub text: String,
    /// (offset in `text`, offset in the original), one per kept run of lines,
    /// sorted by both.
    segments: Vec<(usize, usize)>,
    pub dropped: Vec<DroppedLine>,
}

static MEDIA_TIME_STRIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s+(?:\d{1,2}:)?\d{1,2}:\d{2}){1,}\s*$").unwrap()
});
/// A video clip in a player's playlist: its running time, then its title
/// ("1:47 Family of victim speaks", "0:43 Man found dead Pause"). Not a
/// time of day: no "a.m." or "p.m." follows.
static VIDEO_PLAYLIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}\s+[\p{Lu}\d'‘\x22“]").unwrap());
static TIME_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}\s*(?i:a\.?\s?m\b|p\.?\s?m\b)").unwrap());
static IMAGE_PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[•·*-]?\s*\d{1,2}x\d{1,2}\s+Image\s*$").unwrap());
static SIZE_PICKER_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:XXS|XS|S|SM|M|MD|L|LG|XL|XXL)$").unwrap());
static CAPTION_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:watch|video|photo|photos|gallery|listen|audio)\s*:\s*(.+?)\s*$").unwrap()
});

/// Fixed phrases of media players and scraped widgets: lines that are only
/// one of these carry no reporting.
const PLAYER_MESSAGES: &[&str] = &[
    "please wait",
    "no media source currently available",
    "your browser doesn't support html5",
    "your browser doesn’t support html5",
    "click to view",
    "photo gallery (click to view):",
    "image gallery",
    "skip to main content",
    "share this article",
    "advertisement",
];

impl CleanedText {
    /// Cleans `original`. `title`, when known, lets captions that merely
    /// repeat the headline be recognised.
    pub fn clean(original: &str, title: Option<&str>) -> CleanedText {
        let lines = split_lines_with_offsets(original);
        let first_paragraph_line = lines
            .iter()
            .position(|(_, line)| looks_like_prose(line))
            .unwrap_or(lines.len());
        let mut headlines: Vec<String> = title.map(normalise_for_compare).into_iter().collect();
        let in_playlist = playlist_lines(&lines);

        let mut text = String::with_capacity(original.len());
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut dropped = Vec::new();
        let mut previous_content: Option<String> = None;

        for (index, &(start, line)) in lines.iter().enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let because = classify_line(
                content,
                index < first_paragraph_line,
                in_playlist[index],
                &headlines,
                previous_content.as_deref(),
                &lines,
                index,
            );
            if !content.trim().is_empty() {
                if index < first_paragraph_line
                    && because.is_none()
                    && headlines.len() < MAX_HEADLINE_CANDIDATES
                {
                    headlines.push(normalise_for_compare(content));
                }
                previous_content = Some(content.trim().to_string());
            }
            match because {
                Some(because) => dropped.push(DroppedLine {
                    start,
                    end: start + line.len(),
                    because,
                }),
                None => {
                    let joins_previous = segments
                        .last()
                        .is_some_and(|&(clean, orig)| orig + (text.len() - clean) == start);
                    if !joins_previous {
                        segments.push((text.len(), start));
                    }
                    text.push_str(line);
                }
            }
        }
        CleanedText {
            text,
            segments,
            dropped,
        }
    }

    /// Maps an offset in the cleaned view to the original text. An offset at
    /// the very end maps to the end of the last kept segment.
    pub fn to_original(&self, clean_offset: usize) -> usize {
        let index = match self
            .segments
            .binary_search_by(|&(c, _)| c.cmp(&clean_offset))
        {
            Ok(i) => i,
            Err(0) => return clean_offset,
            Err(i) => i - 1,
        };
        let (clean_start, original_start) = self.segments[index];
        original_start + (clean_offset - clean_start)
    }

    /// Maps a half-open span of the view to the original. Because kept lines
    /// are copied whole, a span inside one line maps to identical bytes.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let original_start = self.to_original(start);
        if end <= start {
            return (original_start, original_start);
        }
        // Map the last byte rather than `end` itself, so a span that ends at
        // a segment boundary does not jump into the following segment.
        (original_start, self.to_original(end - 1) + 1)
    }
}

fn split_lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line));
        start += line.len();
    }
    out
}

fn looks_like_prose(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.split_whitespace().count() >= 12
        && trimmed.ends_with(['.', '"', '”', '’', '\'', ':', ')'])
}

fn normalise_for_compare(line: &str) -> String {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn classify_line(
    content: &str,
    in_header_zone: bool,
    in_playlist: bool,
    headlines: &[String],
    previous_content: Option<&str>,
    lines: &[(usize, &str)],
    index: usize,
) -> Option<DroppedBecause> {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        return None;
    }
    if MEDIA_TIME_STRIP.is_match(trimmed) {
        return Some(DroppedBecause::MediaTimeStrip);
    }
    let lower = trimmed.to_lowercase();
    if PLAYER_MESSAGES.iter().any(|m| lower == *m) || lower.ends_with("(click to view):") {
        return Some(DroppedBecause::PlayerMessage);
    }
    if IMAGE_PLACEHOLDER.is_match(trimmed) {
        return Some(DroppedBecause::ImagePlaceholder);
    }
    if SIZE_PICKER_TOKEN.is_match(trimmed) && is_in_size_picker_run(lines, index) {
        return Some(DroppedBecause::SizePicker);
    }
    if in_playlist {
        return Some(DroppedBecause::VideoPlaylistItem);
    }
    if let Some(captures) = CAPTION_PREFIX.captures(trimmed) {
        let rest = normalise_for_compare(&captures[1]);
        // Header-zone captions go whatever they say, so the comparison,
        // the costly part, runs only below the first paragraph.
        if in_header_zone || headlines.iter().any(|h| similar_headline(h, &rest)) {
            return Some(DroppedBecause::CaptionRepeatingHeadline);
        }
    }
    if previous_content.is_some_and(|p| p == trimmed) && trimmed.split_whitespace().count() >= 3 {
        return Some(DroppedBecause::RepeatedLine);
    }
    if in_header_zone && is_navigation_crumb(trimmed) {
        return Some(DroppedBecause::NavigationCrumb);
    }
    None
}

/// A size picker is a run of at least three consecutive one-token lines of
/// size names; a lone "M" or "L" line is left alone.
fn is_in_size_picker_run(lines: &[(usize, &str)], index: usize) -> bool {
    let is_token = |i: usize| {
        lines
            .get(i)
            .is_some_and(|(_, l)| SIZE_PICKER_TOKEN.is_match(l.trim()))
    };
    let mut run_start = index;
    while run_start > 0 && is_token(run_start - 1) {
        run_start -= 1;
    }
    let mut run_end = index;
    while is_token(run_end + 1) {
        run_end += 1;
    }
    run_end - run_start + 1 >= 3
}

fn is_playlist_item(line: &str) -> bool {
    VIDEO_PLAYLIST_ITEM.is_match(line) && !TIME_OF_DAY.is_match(line)
}

/// Fewest clips that make a playlist, and fewest without the player's
/// "Pause" control among them.
const PLAYLIST_MIN_ITEMS: usize = 3;
const PLAYLIST_MIN_ITEMS_WITHOUT_CONTROL: usize = 5;

/// Which lines are clips of a playlist: a run of clip lines (blank lines
/// between them allowed) of at least three, one of them ending in the
/// player's "Pause", or of at least five. A news page's own timeline gives
/// times of day ("10:42 p.m."); a scraped video widget lists other
/// stories' clips, which a page that holds nothing else must not be read
/// as telling (a Kansas City page about one gunfight whose text was ten
/// clips about others). One pass over the lines.
fn playlist_lines(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut in_playlist = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !is_playlist_item(lines[i].1.trim()) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut items = 0;
        let mut has_control = false;
        while i < lines.len() {
            let line = lines[i].1.trim();
            if is_playlist_item(line) {
                items += 1;
                has_control |= line.ends_with(" Pause");
                last = i;
            } else if !line.is_empty() {
                break;
            }
            i += 1;
        }
        if items >= PLAYLIST_MIN_ITEMS_WITHOUT_CONTROL
            || (items >= PLAYLIST_MIN_ITEMS && has_control)
        {
            for slot in &mut in_playlist[first..=last] {
                *slot = true;
            }
        }
    }
    in_playlist
}

/// Short, unpunctuated lines above the first paragraph of prose are the
/// page's navigation ("Breaking News", "Updated", skip links), not reporting.
/// Headlines are longer than three words, so they survive; so does a
/// dateline on a line of its own, a place and its state ("READING, Pa. -",
/// "Mobile, AL (WKRG)"): a crumb has no comma. Nor a city alone in
/// capitals with a dash after it ("ANCHORAGE –", "STOCKTON-"): crumbs are
/// not written in capitals and do not end in a dash.
fn is_navigation_crumb(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 3
        && !line.ends_with(['.', '!', '?', '"', '”'])
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.contains("--")
        && !line.contains('—')
        && !line.contains(',')
        && !is_a_dateline_in_capitals(line)
}

/// "ANCHORAGE –", "DAYTONA BEACH -", "DALLAS (AP) -": letters in
/// capitals, then a hyphen or dash ending the line.
fn is_a_dateline_in_capitals(line: &str) -> bool {
    let line = line.trim_end();
    let Some(before_dash) = line.strip_suffix(['-', '–']) else {
        return false;
    };
    let name = before_dash.split('(').next().unwrap_or(before_dash);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Lines above the first paragraph kept as headlines that a caption may
/// repeat. A page has one headline and perhaps a few kickers; without a
/// bound, a text of many short lines and many captions would compare every
/// caption with every line.
const MAX_HEADLINE_CANDIDATES: usize = 32;

/// Longer lines are not headlines; the edit distance, quadratic in the
/// length, is not computed for them (equality still counts).
const MAX_HEADLINE_CHARS: usize = 500;

fn similar_headline(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a_chars, b_chars) = (a.chars().count(), b.chars().count());
    let longer = a_chars.max(b_chars);
    // The distance is at least the difference in length, so a pair whose
    // lengths differ by more than a fifth cannot reach 0.8.
    if longer > MAX_HEADLINE_CHARS || a_chars.abs_diff(b_chars) * 5 > longer {
        return false;
    }
    strsim::normalized_levenshtein(a, b) >= 0.8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(original: &str, expected_clean: &str) {
        let cleaned = CleanedText::clean(original, None);
        assert_eq!(cleaned.text, expected_clean);
        // Every byte of the view maps to the same byte of the original.
        for (offset, byte) in cleaned.text.bytes().enumerate() {
            assert_eq!(original.as_bytes()[cleaned.to_original(offset)], byte);
        }
    }

    #[test]
    fn drops_player_strips_and_messages() {
        check(
            "Police clash with strikers in port city\nplease wait\n\n0:00 0:01:05 0:00\nLAGOS -- Dockworkers walked off the job on Monday and about 300 marched to the port gates, union leaders said.\n",
            "Police clash with strikers in port city\n\nLAGOS -- Dockworkers walked off the job on Monday and about 300 marched to the port gates, union leaders said.\n",
        );
    }

    #[test]
    fn drops_size_picker_but_not_a_lone_letter() {
        check(
            "Body text that is long enough to count as a paragraph of prose for the cleaner here.\nM\nend\nXS\nSM\nMD\nLG\n",
            "Body text that is long enough to count as a paragraph of prose for the cleaner here.\nM\nend\n",
        );
    }

    #[test]
    fn drops_a_video_playlist_but_not_a_timeline() {
        // A player's list of other stories' clips, the first with its
        // "Pause" control: nothing of it is the page's own report.
        check(
            "1:12 Council votes on new bus lanes Pause\n\n0:58 'We want answers,' says neighbour of burned house\n\n2:05 High school team wins state title\n\nAbout 200 nurses marched to the hospital on Friday, their union said.\n",
            // Blank lines stay: cleaning never drops them.
            "\n\n\nAbout 200 nurses marched to the hospital on Friday, their union said.\n",
        );
        // Five clips need no control word.
        check(
            "0:41 Storm knocks out power\n0:37 Parade route announced\n1:50 Fire chief retires\n2:02 Library reopens\n0:29 Bridge closed for repairs\nPolice said two men were hurt.\n",
            "Police said two men were hurt.\n",
        );
        // A page's own timeline keeps its times of day, and two clips are no
        // playlist.
        let timeline = "10:42 p.m. Officers arrive at the bar\n10:55 pm Two men are taken to hospital\n11:20 P.M. The street is closed\n";
        check(timeline, timeline);
        let two_clips = "1:12 Council votes on new bus lanes Pause\n0:58 High school team wins\nA man was shot on Friday.\n";
        check(two_clips, two_clips);
    }

    #[test]
    fn keeps_a_dateline_on_a_line_of_its_own() {
        check(
            "READING, Pa. -\n\nFour people were hurt in a shooting on Monday, police said.\n",
            "READING, Pa. -\n\nFour people were hurt in a shooting on Monday, police said.\n",
        );
        check(
            "Breaking News\nMobile, AL (WKRG)\n\nPolice gave an update on Sunday about two killings.\n",
            "Mobile, AL (WKRG)\n\nPolice gave an update on Sunday about two killings.\n",
        );
        // A city alone in capitals before a dash is a dateline too.
        check(
            "ANCHORAGE –\n\nA man was shot on Tuesday, police said.\n",
            "ANCHORAGE –\n\nA man was shot on Tuesday, police said.\n",
        );
        check(
            "Local -\nSTOCKTON-\n\nA man was shot on Tuesday, police said.\n",
            "STOCKTON-\n\nA man was shot on Tuesday, police said.\n",
        );
    }

    #[test]
    fn drops_caption_repeating_headline_and_crumbs() {
        let original = "Skip nav\nBreaking News\n\nHundreds march in Tbilisi over media law\n\nWATCH: Hundreds March In Tbilisi Over Media Law\n\nTBILISI -- Hundreds of people marched through the Georgian capital on Sunday against a draft law on foreign agents.\n";
        let cleaned = CleanedText::clean(original, None);
        assert!(!cleaned.text.contains("WATCH"));
        assert!(!cleaned.text.contains("Breaking News"));
        assert!(
            cleaned
                .text
                .contains("Hundreds march in Tbilisi over media law")
        );
    }

    #[test]
    fn spans_map_back_to_identical_bytes() {
        let original = "Title line here for the test\nplease wait\nCHICAGO -- Two people were killed and five wounded in a shooting late on Friday, police said.\n";
        let cleaned = CleanedText::clean(original, None);
        let start = cleaned.text.find("Two people").unwrap();
        let end = start + "Two people".len();
        let (os, oe) = cleaned.original_span(start, end);
        assert_eq!(&original[os..oe], "Two people");
    }
}
