//! Web pages (`.html`, `.htm`, JSON's `html` field) and the HTML of feed
//! items: the page is stored as it was read, byte for byte, and what a
//! reader sees of it becomes the report's readable text, with a map back to
//! the page's bytes (`report::readable`).
//!
//! Two things are needed of a page, and no one crate gives both:
//!
//! - **Which text is the article** (not the navigation, the ads, the
//!   comments). That is readability's job: `dom_smoothie`, a port of
//!   Mozilla's readability.js, decides it.
//! - **Where every byte of that text is in the page.** Readability parses
//!   the page into a DOM and serialises what it keeps, and a DOM keeps no
//!   byte offsets. So this module scans the page itself for its text runs
//!   (the text between two tags), with their byte ranges, and asks
//!   readability which runs it keeps by marking each run: before the page is
//!   handed to readability, every run gets an invisible marker naming it
//!   (a noncharacter and two private-use characters). The markers that come
//!   back in readability's text are the runs of the article. The readable
//!   text is then built from the runs' own bytes, so it maps back exactly.
//!
//! Metadata (title, canonical url, publication date, outlet, language) is
//! read from the page's tags by the same scan. docs/inputs.md, "Web pages".

use serde_json::Value;

use super::{
    InputLocation, InputWarning, InputWarningProblem, PUBLISHED_UNREAD_KEY, parse_published,
};
use crate::report::{ReadableText, Report};

/// Elements whose content is not text a reader sees (or, for `title`, not
/// text of the body): their content is skipped by the scan, whatever it
/// holds, as an HTML parser does.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    "template", "svg", "math",
];

/// Elements that start a new block: text on either side of one is two
/// paragraphs (or lines), not one.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that never have an end tag, for the nesting count.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag HTML lets a page leave out (a new `<p>` closes
/// the one before): not counted as nesting, so that a page of unclosed
/// paragraphs is not taken for a deep one.
const IMPLIED_END_ELEMENTS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp",
];

/// A page nesting elements deeper than this is not handed to readability:
/// its tree walks recurse, and a page of a hundred thousand nested `<div>`s
/// would exhaust any stack. Real pages nest a few dozen levels.
pub const MAX_ELEMENT_NESTING: usize = 2_000;

/// The stack of the thread readability runs on. Its recursion is bounded by
/// `MAX_ELEMENT_NESTING`; this leaves room to spare (the memory is only
/// reserved, not used, until a page needs it).
const READABILITY_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Fewer words than this in what readability keeps is no article.
const MIN_ARTICLE_WORDS: usize = 8;

/// The first character of a run marker: a Unicode noncharacter, which no
/// page has a reason to contain (and which is replaced in the copy handed to
/// readability when one does).
const MARKER: char = '\u{FDD0}';
const MARKER_DIGIT_BASE: u32 = 0xE000;
const MARKER_DIGITS: u32 = 6400;

/// One text run: the bytes between two tags (or comments).
#[derive(Debug, Clone)]
struct TextRun {
    start: usize,
    end: usize,
    /// A block element starts or ends between the previous run and this one.
    block_before: bool,
    /// It holds something other than whitespace.
    visible: bool,
}

/// A start tag the metadata is read from.
#[derive(Debug, Clone)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    start: usize,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the scan finds in a page.
#[derive(Debug, Default)]
struct ScannedPage {
    runs: Vec<TextRun>,
    tags: Vec<Tag>,
    /// The text of the first `<title>`.
    title: Option<String>,
    /// The content of every `<script type="application/ld+json">`.
    json_ld: Vec<String>,
    deepest_nesting: usize,
}

/// What a page says about itself, and its readable text.
#[derive(Debug, Default)]
pub(crate) struct ReadPage {
    pub readable: ReadableText,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// Publication dates the page gives, best source first (each as
    /// written).
    pub published_candidates: Vec<String>,
    /// Why the page gave no article text, when it gave none.
    pub no_content: Option<String>,
}

/// Reads a whole web page: its article text (chosen by readability) and its
/// metadata. Never panics, whatever the page holds.
pub(crate) fn read_page(html: &str) -> ReadPage {
    let scanned = scan(html);
    let kept = article_runs(html, &scanned);
    let (kept_runs, no_content) = match kept {
        Ok(kept) => (kept, None),
        Err(reason) => (Vec::new(), Some(reason)),
    };
    let mut readable = readable_text(html, &scanned.runs, |index| {
        kept_runs.binary_search(&index).is_ok()
    });
    let words = readable.text.split_whitespace().count();
    let no_content = no_content.or_else(|| {
        // Readability always returns its best candidate; on a page with no
        // article (an index, a gallery, an error page) that is a menu link
        // or a caption, which is no report.
        (words < MIN_ARTICLE_WORDS).then(|| {
            format!(
                "readability found only {words} word{} of text in it, not an article (an index, gallery or error page?)",
                if words == 1 { "" } else { "s" }
            )
        })
    });
    if no_content.is_some() {
        readable = ReadableText::default();
    }
    let article_region = match (kept_runs.first(), kept_runs.last()) {
        (Some(&first), Some(&last)) => scanned
            .runs
            .get(first)
            .zip(scanned.runs.get(last))
            .map(|(a, b)| (a.start, b.end)),
        _ => None,
    };
    let mut page = metadata(&scanned, article_region);
    page.readable = readable;
    page.no_content = no_content;
    page
}

/// Reads an HTML fragment (a feed item's content) whole: a fragment has
/// no navigation around it to leave out.
pub(crate) fn read_fragment(html: &str) -> ReadableText {
    let scanned = scan(html);
    readable_text(html, &scanned.runs, |_| true)
}

/// Fills what `report` does not already say from its page, sets its
/// readable text, and returns the warnings about it: a page without
/// article text (stored all the same: the page is the source), a
/// publication date in no form concord reads.
pub(crate) fn apply_page(
    report: &mut Report,
    page: ReadPage,
    location: &InputLocation,
) -> Vec<InputWarning> {
    let mut warnings = Vec::new();
    if report.title.is_none() {
        report.title = page.title;
    }
    if report.url.is_none() {
        report.url = page.url;
    }
    if report.outlet.is_none() {
        report.outlet = page.outlet;
    }
    if report.language.is_none() {
        report.language = page.language;
    }
    let stated_already =
        report.published.is_some() || report.metadata.contains_key(PUBLISHED_UNREAD_KEY);
    if !stated_already {
        let readable = page
            .published_candidates
            .iter()
            .find_map(|value| parse_published(value));
        match (readable, page.published_candidates.first()) {
            (Some(date), _) => report.published = Some(date),
            (None, Some(unread)) => {
                report.metadata.insert(
                    PUBLISHED_UNREAD_KEY.to_string(),
                    Value::String(unread.clone()),
                );
                warnings.push(InputWarning {
                    location: location.clone(),
                    report_id: Some(report.id.clone()),
                    problem: InputWarningProblem::UnreadPublished(unread.clone()),
                });
            }
            (None, None) => {}
        }
    }
    if let Some(reason) = page.no_content {
        warnings.push(InputWarning {
            location: location.clone(),
            report_id: Some(report.id.clone()),
            problem: InputWarningProblem::NoArticleText(reason),
        });
    }
    report.readable = Some(page.readable);
    warnings
}

/// The charset a page declares (`<meta charset>`, or `charset=` in a
/// `Content-Type` meta), looked for in its first 4 KiB as browsers do.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .take(40)
        .collect();
    (!label.is_empty()).then(|| String::from_utf8_lossy(&label).into_owned())
}

// ---------------------------------------------------------------------
// The scan.
// ---------------------------------------------------------------------

/// The offset of the first `needle` (ASCII, any case) at or after `from`.
fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > bytes.len() || needle.is_empty() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
        .map(|at| from + at)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > bytes.len() {
        return None;
    }
    bytes[from..]
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}

/// Whether a `<` at `at` opens markup (a tag, an end tag, a comment, a
/// doctype or processing instruction) rather than being a literal `<`.
fn opens_markup(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at + 1) {
        Some(b) if b.is_ascii_alphabetic() || *b == b'!' || *b == b'?' => true,
        Some(b'/') => bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic),
        _ => false,
    }
}

fn is_html_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Scans the page: text runs with their byte ranges, the tags the
/// metadata needs, the title, JSON-LD, and how deep elements nest. A
/// tokenizer in the spirit of HTML's, forgiving like it: an unclosed tag or
/// comment runs to the end of the page, a stray `<` is text.
fn scan(html: &str) -> ScannedPage {
    let bytes = html.as_bytes();
    let mut page = ScannedPage::default();
    let mut at = 0;
    let mut block_pending = true;
    let mut nesting: usize = 0;
    while at < bytes.len() {
        if bytes[at] != b'<' || !opens_markup(bytes, at) {
            // A text run, up to the next markup.
            let start = at;
            let mut end = at + 1;
            while end < bytes.len() && !(bytes[end] == b'<' && opens_markup(bytes, end)) {
                end += 1;
            }
            let visible = bytes[start..end].iter().any(|&b| !is_html_space(b));
            page.runs.push(TextRun {
                start,
                end,
                block_before: block_pending,
                visible,
            });
            block_pending = false;
            at = end;
            continue;
        }
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            at = find(bytes, at + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest[1] == b'!' || rest[1] == b'?' {
            at = find(bytes, at, b">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let is_end_tag = rest[1] == b'/';
        let name_start = at + if is_end_tag { 2 } else { 1 };
        let mut name_end = name_start;
        while name_end < bytes.len()
            && !is_html_space(bytes[name_end])
            && bytes[name_end] != b'>'
            && bytes[name_end] != b'/'
        {
            name_end += 1;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (attributes, tag_end, self_closing) = parse_attributes(html, name_end);
        if BLOCK_ELEMENTS.contains(&name.as_str()) {
            block_pending = true;
        }
        if is_end_tag {
            if !VOID_ELEMENTS.contains(&name.as_str())
                && !IMPLIED_END_ELEMENTS.contains(&name.as_str())
            {
                nesting = nesting.saturating_sub(1);
            }
            at = tag_end;
            continue;
        }
        if !self_closing
            && !VOID_ELEMENTS.contains(&name.as_str())
            && !IMPLIED_END_ELEMENTS.contains(&name.as_str())
            && !RAW_TEXT_ELEMENTS.contains(&name.as_str())
        {
            nesting += 1;
            page.deepest_nesting = page.deepest_nesting.max(nesting);
        }
        let tag = Tag {
            name,
            attributes,
            start: at,
        };
        at = tag_end;
        if RAW_TEXT_ELEMENTS.contains(&tag.name.as_str()) && !self_closing {
            let mut closing = Vec::with_capacity(tag.name.len() + 2);
            closing.extend_from_slice(b"</");
            closing.extend_from_slice(tag.name.as_bytes());
            let content_end = find_ignore_case(bytes, at, &closing).unwrap_or(bytes.len());
            let content = html.get(at..content_end).unwrap_or("");
            if tag.name == "title" && page.title.is_none() {
                page.title = Some(collapse_whitespace(&decode_entities(content)));
            }
            if tag.name == "script"
                && tag
                    .attribute("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            {
                page.json_ld.push(content.to_string());
            }
            at = find(bytes, content_end, b">").map_or(bytes.len(), |end| end + 1);
            block_pending = true;
        }
        if matches!(tag.name.as_str(), "meta" | "link" | "time" | "html" | "h1") {
            page.tags.push(tag);
        }
    }
    page
}

/// Reads a tag's attributes from `from` (just after its name) to its `>`.
/// Returns them (names lowercased, values with entities decoded), the
/// offset after the `>`, and whether the tag ended with `/>`.
fn parse_attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize, bool) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut at = from;
    let mut self_closing = false;
    loop {
        while at < bytes.len() && (is_html_space(bytes[at]) || bytes[at] == b'/') {
            self_closing = bytes[at] == b'/';
            at += 1;
        }
        if at >= bytes.len() {
            return (attributes, bytes.len(), false);
        }
        if bytes[at] == b'>' {
            return (attributes, at + 1, self_closing);
        }
        self_closing = false;
        let name_start = at;
        while at < bytes.len()
            && !is_html_space(bytes[at])
            && !matches!(bytes[at], b'=' | b'>' | b'/')
        {
            at += 1;
        }
        let name = html[name_start..at].to_ascii_lowercase();
        while at < bytes.len() && is_html_space(bytes[at]) {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && is_html_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let value_end = find(bytes, at + 1, &[quote]).unwrap_or(bytes.len());
                    value = decode_entities(&html[at + 1..value_end]);
                    at = (value_end + 1).min(bytes.len());
                }
                _ => {
                    let value_start = at;
                    while at < bytes.len() && !is_html_space(bytes[at]) && bytes[at] != b'>' {
                        at += 1;
                    }
                    value = decode_entities(&html[value_start..at]);
                }
            }
        }
        if !name.is_empty() {
            attributes.push((name, value));
        }
    }
}

/// The HTML named character references (the full table the HTML standard
/// defines, as html5ever's `web_atoms` carries it).
fn named_entity(name: &str) -> Option<String> {
    let &(first, second) = web_atoms::NAMED_ENTITIES.get(name)?;
    if first == 0 {
        // A prefix of a longer name, not a reference of its own.
        return None;
    }
    let mut decoded = String::new();
    decoded.push(char::from_u32(first)?);
    if second != 0 {
        decoded.push(char::from_u32(second)?);
    }
    Some(decoded)
}

/// The character reference starting at `text[at]` (which is `&`): what it
/// stands for and its length in bytes. `None` when it is a literal `&`.
fn character_reference(text: &str, at: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let after = at + 1;
    if bytes.get(after) == Some(&b'#') {
        let (digits_start, radix) = match bytes.get(after + 1) {
            Some(b'x' | b'X') => (after + 2, 16),
            _ => (after + 1, 10),
        };
        let mut end = digits_start;
        while end < bytes.len() && end - digits_start < 8 && (bytes[end] as char).is_digit(radix) {
            end += 1;
        }
        if end == digits_start {
            return None;
        }
        let value = u32::from_str_radix(&text[digits_start..end], radix).ok()?;
        let decoded = match char::from_u32(value) {
            Some('\0') | None => '\u{FFFD}',
            Some(c) => c,
        };
        let length = if bytes.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        } - at;
        return Some((decoded.to_string(), length));
    }
    let mut end = after;
    while end < bytes.len() && end - after < 32 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == after {
        return None;
    }
    if bytes.get(end) == Some(&b';')
        && let Some(decoded) = named_entity(&text[after..=end])
    {
        return Some((decoded, end + 1 - at));
    }
    // The legacy references that may go without `;` (`&amp`, `&copy`).
    named_entity(&text[after..end]).map(|decoded| (decoded, end - at))
}

fn decode_entities(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = text[at..].find('&') {
        let amp = at + found;
        decoded.push_str(&text[at..amp]);
        match character_reference(text, amp) {
            Some((value, length)) => {
                decoded.push_str(&value);
                at = amp + length;
            }
            None => {
                decoded.push('&');
                at = amp + 1;
            }
        }
    }
    decoded.push_str(&text[at..]);
    decoded
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------
// The readable text.
// ---------------------------------------------------------------------

/// Builds the readable text of the runs `keep` accepts, in page order:
/// whitespace collapsed to one space, entities decoded, a blank line
/// between blocks; every piece mapped to the bytes it came from.
fn readable_text(html: &str, runs: &[TextRun], keep: impl Fn(usize) -> bool) -> ReadableText {
    let mut readable = ReadableText::default();
    // Where the blank between the last visible piece and the next began, and
    // whether a block boundary lies in it.
    let mut blank_from: Option<usize> = None;
    let mut block_pending = false;
    for (index, run) in runs.iter().enumerate() {
        block_pending |= run.block_before;
        if !keep(index) || !run.visible {
            // What lies between two kept runs reads as a blank (a dropped
            // inline piece) or a break (when a block boundary is in it).
            if !readable.text.is_empty() {
                blank_from.get_or_insert(run.start);
            }
            continue;
        }
        let text = &html[run.start..run.end];
        let mut at = 0;
        while at < text.len() {
            let absolute = run.start + at;
            let byte = text.as_bytes()[at];
            if is_html_space(byte) {
                if !readable.text.is_empty() {
                    blank_from.get_or_insert(absolute);
                }
                at += 1;
                continue;
            }
            let (piece, length, is_blank) = if byte == b'&' {
                match character_reference(text, at) {
                    Some((decoded, length)) => {
                        let blank = decoded.chars().all(|c| c.is_whitespace());
                        (decoded, length, blank)
                    }
                    None => ("&".to_string(), 1, false),
                }
            } else {
                let length = text[at..].chars().next().map_or(1, char::len_utf8);
                (text[at..at + length].to_string(), length, false)
            };
            if is_blank {
                if !readable.text.is_empty() {
                    blank_from.get_or_insert(absolute);
                }
                at += length;
                continue;
            }
            if let Some(from) = blank_from.take() {
                let separator = if block_pending { "\n\n" } else { " " };
                readable.push(separator, from, absolute);
            } else if block_pending && !readable.text.is_empty() {
                // Two blocks with no blank between them (`</p><p>`).
                let previous_end = readable.map.last().map_or(absolute, |s| s[2]);
                readable.push("\n\n", previous_end, absolute.max(previous_end));
            }
            block_pending = false;
            readable.push(&piece, absolute, absolute + length);
            at += length;
        }
    }
    if !readable.text.is_empty() && !readable.text.ends_with('\n') {
        // A last line break, as a text file has; it stands for nothing.
        let end = readable.map.last().map_or(0, |s| s[2]);
        readable.push("\n", end, end);
    }
    readable
}

// ---------------------------------------------------------------------
// Readability: which runs are the article.
// ---------------------------------------------------------------------

fn marker(index: usize) -> Option<[char; 3]> {
    let index = u32::try_from(index).ok()?;
    if index >= MARKER_DIGITS * MARKER_DIGITS {
        return None;
    }
    Some([
        MARKER,
        char::from_u32(MARKER_DIGIT_BASE + index / MARKER_DIGITS)?,
        char::from_u32(MARKER_DIGIT_BASE + index % MARKER_DIGITS)?,
    ])
}

fn marked_runs(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != MARKER {
            continue;
        }
        let digit = |c: Option<char>| {
            let value = u32::from(c?).checked_sub(MARKER_DIGIT_BASE)?;
            (value < MARKER_DIGITS).then_some(value)
        };
        if let (Some(high), Some(low)) = (digit(chars.next()), digit(chars.next())) {
            found.push((high * MARKER_DIGITS + low) as usize);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The indices of the runs readability keeps as the article, sorted; or
/// why there are none.
fn article_runs(html: &str, scanned: &ScannedPage) -> Result<Vec<usize>, String> {
    if !scanned.runs.iter().any(|run| run.visible) {
        return Err("it has no text at all".to_string());
    }
    if scanned.deepest_nesting > MAX_ELEMENT_NESTING {
        return Err(format!(
            "it nests elements {} levels deep, over the limit of {MAX_ELEMENT_NESTING}",
            scanned.deepest_nesting
        ));
    }
    let mut marked = String::with_capacity(html.len() + scanned.runs.len() * 9);
    let mut copied_to = 0;
    for (index, run) in scanned.runs.iter().enumerate() {
        if !run.visible {
            continue;
        }
        let Some(marker) = marker(index) else {
            break;
        };
        marked.push_str(&html[copied_to..run.start]);
        marked.extend(marker);
        copied_to = run.start;
    }
    marked.push_str(&html[copied_to..]);
    // A marker character already in the page would read as a marker.
    let marked = if html.contains(MARKER) {
        neutralise_page_markers(&marked)
    } else {
        marked
    };
    let outcome = std::thread::Builder::new()
        .name("readability".to_string())
        .stack_size(READABILITY_STACK_BYTES)
        .spawn(move || -> Result<String, String> {
            let mut readability = dom_smoothie::Readability::new(marked, None, None)
                .map_err(|error| format!("readability could not read it: {error}"))?;
            let article = readability
                .parse()
                .map_err(|error| format!("readability found no article in it: {error}"))?;
            Ok(article.text_content.to_string())
        })
        .map_err(|error| format!("the readability thread could not start: {error}"))?
        .join()
        // A panic inside the readability crate is that crate's bug; the
        // page is still stored, without readable text, and the user told.
        .map_err(|_| "the readability library failed (panicked) on it".to_string())?;
    outcome.map(|text| marked_runs(&text))
}

/// Replaces the page's own marker characters (those not followed by two
/// marker digits inserted here) so that they cannot name a run.
fn neutralise_page_markers(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    let mut chars = marked.chars().peekable();
    while let Some(c) = chars.next() {
        if c != MARKER {
            out.push(c);
            continue;
        }
        // Inserted markers are always followed by two digits; a page marker
        // followed by digits it wrote itself is indistinguishable and is
        // left, at worst naming a run readability did not keep.
        let is_digit = |c: Option<&char>| {
            c.is_some_and(|&c| {
                (MARKER_DIGIT_BASE..MARKER_DIGIT_BASE + MARKER_DIGITS).contains(&(c as u32))
            })
        };
        if is_digit(chars.peek()) {
            out.push(c);
        } else {
            out.push('\u{FFFD}');
        }
    }
    out
}

// ---------------------------------------------------------------------
// Metadata.
// ---------------------------------------------------------------------

/// The `<meta>` names (`name`, `property` or `itemprop`) that give a
/// publication date, best first. `article:published_time` is Open Graph's;
/// the others are what CMSs and Dublin Core write.
const DATE_META_NAMES: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "date",
];

fn meta_content<'a>(scanned: &'a ScannedPage, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|wanted| {
        scanned.tags.iter().find_map(|tag| {
            if tag.name != "meta" {
                return None;
            }
            let named = ["property", "name", "itemprop"].iter().any(|key| {
                tag.attribute(key)
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted))
            });
            let content = tag.attribute("content")?.trim();
            (named && !content.is_empty()).then_some(content)
        })
    })
}

fn non_empty(value: &str) -> Option<String> {
    let value = collapse_whitespace(value);
    (!value.is_empty()).then_some(value)
}

/// The JSON-LD objects of the page, `@graph` members included.
fn json_ld_objects(scanned: &ScannedPage) -> Vec<serde_json::Map<String, Value>> {
    fn collect(value: Value, into: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
        if depth > 8 {
            return;
        }
        match value {
            Value::Array(items) => {
                for item in items {
                    collect(item, into, depth + 1);
                }
            }
            Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    collect(graph, into, depth + 1);
                }
                into.push(object);
            }
            _ => {}
        }
    }
    let mut objects = Vec::new();
    for script in &scanned.json_ld {
        if let Ok(value) = serde_json::from_str::<Value>(script.trim()) {
            collect(value, &mut objects, 0);
        }
    }
    objects
}

fn json_string(object: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) => non_empty(s),
        _ => None,
    }
}

fn metadata(scanned: &ScannedPage, article_region: Option<(usize, usize)>) -> ReadPage {
    let json_ld = json_ld_objects(scanned);
    let outlet = meta_content(scanned, &["og:site_name"])
        .and_then(non_empty)
        .or_else(|| {
            json_ld
                .iter()
                .find_map(|object| match object.get("publisher") {
                    Some(Value::Object(publisher)) => json_string(publisher, "name"),
                    _ => None,
                })
        });
    let title = meta_content(scanned, &["og:title", "twitter:title"])
        .and_then(non_empty)
        .or_else(|| json_ld.iter().find_map(|o| json_string(o, "headline")))
        .or_else(|| {
            scanned
                .title
                .as_deref()
                .and_then(non_empty)
                .map(|title| without_outlet_suffix(title, outlet.as_deref()))
        });
    let canonical = scanned.tags.iter().find_map(|tag| {
        let is_canonical = tag.name == "link"
            && tag.attribute("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            });
        if is_canonical {
            tag.attribute("href").and_then(non_empty)
        } else {
            None
        }
    });
    let url = canonical.or_else(|| meta_content(scanned, &["og:url"]).and_then(non_empty));
    let language = scanned
        .tags
        .iter()
        .find(|tag| tag.name == "html")
        .and_then(|tag| tag.attribute("lang"))
        .and_then(non_empty);

    let mut published_candidates = Vec::new();
    if let Some(value) = meta_content(scanned, &DATE_META_NAMES[..1]) {
        published_candidates.push(value.to_string());
    }
    published_candidates.extend(
        json_ld
            .iter()
            .filter_map(|o| json_string(o, "datePublished")),
    );
    if let Some(value) = meta_content(scanned, &DATE_META_NAMES[1..]) {
        published_candidates.push(value.to_string());
    }
    // `<time datetime>`: one marked as the publication date, else the first
    // inside the article (a page's header often shows today's date).
    let times: Vec<&Tag> = scanned
        .tags
        .iter()
        .filter(|tag| tag.name == "time" && tag.attribute("datetime").is_some())
        .collect();
    let marked_time = times.iter().find(|tag| {
        tag.attribute("pubdate").is_some()
            || tag
                .attribute("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
    });
    let article_time = times.iter().find(|tag| {
        // Inside the article only: a header's "today" strip is often just
        // above it, and a wrong date misplaces every relative date.
        article_region.is_some_and(|(start, end)| tag.start >= start && tag.start < end)
    });
    for tag in marked_time.into_iter().chain(article_time) {
        if let Some(value) = tag.attribute("datetime").and_then(non_empty) {
            published_candidates.push(value);
        }
    }
    ReadPage {
        title,
        url,
        outlet,
        language,
        published_candidates,
        ..ReadPage::default()
    }
}

/// `Headline | Outlet` without ` | Outlet`, when the outlet is known.
fn without_outlet_suffix(title: String, outlet: Option<&str>) -> String {
    let Some(outlet) = outlet else {
        return title;
    };
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(head) = title.strip_suffix(&format!("{separator}{outlet}"))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_as_the_standard_says() {
        assert_eq!(decode_entities("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(
            decode_entities("&lt;b&gt; &#39;x&#x27; &eacute;"),
            "<b> 'x' é"
        );
        assert_eq!(decode_entities("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode_entities("&#0; &#xD800;"), "\u{FFFD} \u{FFFD}");
    }

    #[test]
    fn a_fragment_reads_as_paragraphs_mapped_to_its_bytes() {
        let html = "<p>Police said  <b>about 300</b> people &amp; 40\nvehicles.</p><p>Second&nbsp;one.</p>";
        let readable = read_fragment(html);
        assert_eq!(
            readable.text,
            "Police said about 300 people & 40 vehicles.\n\nSecond one.\n"
        );
        let at = readable.text.find("about 300").unwrap();
        let [start, end] = readable.original_span(at, at + 9).unwrap();
        assert_eq!(&html[start..end], "about 300");
    }

    #[test]
    fn the_scan_skips_scripts_comments_and_reads_attributes() {
        let html = "<html lang=en><head><title>A &amp; B | Site</title><script>var x = '<p>no</p>';</script>\
                    <meta property='og:site_name' content=\"Site\"></head><body><!-- <p>hidden</p> -->a < b</body></html>";
        let scanned = scan(html);
        let texts: Vec<&str> = scanned
            .runs
            .iter()
            .filter(|r| r.visible)
            .map(|r| &html[r.start..r.end])
            .collect();
        assert_eq!(texts, ["a < b"]);
        assert_eq!(scanned.title.as_deref(), Some("A & B | Site"));
        let page = metadata(&scanned, None);
        assert_eq!(page.outlet.as_deref(), Some("Site"));
        assert_eq!(page.title.as_deref(), Some("A & B"));
        assert_eq!(page.language.as_deref(), Some("en"));
    }

    #[test]
    fn markers_round_trip() {
        for index in [0, 1, 6399, 6400, 123_456] {
            let text: String = marker(index).unwrap().iter().collect();
            assert_eq!(marked_runs(&format!("x{text}y")), [index]);
        }
    }

    #[test]
    fn declared_charsets_are_found() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }
}
