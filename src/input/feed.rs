//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` whose root element is a
//! feed's), read with `feed-rs`: one report per item.
//!
//! An item's stored text is its content as the feed gives it (after XML
//! decoding): the full content when the feed has it, else the summary, else
//! the title. HTML content gets a readable text the same way a web page's
//! does (`html::read_fragment`), with the map back into the stored HTML.
//! An item's id is its guid (RSS) or id (Atom), else its link, so that
//! reading the same feed again finds the same reports (and stores them as
//! duplicates, not anew). docs/inputs.md, "Feeds".
//!
//! Item dates are read by concord's own reader, which feed-rs calls with
//! each date element's text. feed-rs keeps only what that reader returns,
//! so a value concord cannot read would vanish on the way; `ItemDates`
//! carries it through feed-rs instead, so that the item is stored undated
//! with the value in `published_unread` and a warning, as for every input.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use feed_rs::model::{Entry, Text};
use feed_rs::parser::Builder;

use super::html::read_fragment;
use super::{
    FeedItemDateField, InputDefaults, InputError, InputLocation, InputProblem, InputWarning,
    InputWarningProblem, PUBLISHED_UNREAD_KEY, ReadReport, ReportSink, apply_defaults, hand_over,
    parse_published,
};
use crate::report::{ReadableText, Report};

/// The instant feed-rs is handed for the first date value concord could not
/// read (0001-01-01T00:00:00Z); the n-th such value is n seconds later.
/// Readable dates are always in the years 1000 to 9999 (`parse_published`
/// refuses others), so a marker can never be taken for a real date.
const FIRST_UNREAD_DATE_MARKER: i64 = -62_135_596_800;

/// The date values of one feed, as feed-rs hands them to concord's date
/// reader: a readable one becomes its date at midnight UTC, an unreadable
/// one a marker instant that numbers it in `unread`, so that the value is
/// found again on the item feed-rs attaches the marker to.
#[derive(Clone, Default)]
struct ItemDates {
    unread: Arc<Mutex<Vec<String>>>,
}

/// What an item's date field holds once feed-rs is done.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ItemDate {
    Read(NaiveDate),
    Unread(String),
}

impl ItemDates {
    /// The instant feed-rs keeps for a date element's text. A blank element
    /// states nothing, and stays absent.
    fn instant_for(&self, value: &str) -> Option<DateTime<Utc>> {
        if value.trim().is_empty() {
            return None;
        }
        if let Some(date) = parse_published(value) {
            return date.and_hms_opt(0, 0, 0).map(|midnight| midnight.and_utc());
        }
        // A poisoned lock only means another reader thread panicked while
        // holding it; the list itself is still whole.
        let mut unread = self.unread.lock().unwrap_or_else(PoisonError::into_inner);
        let marker = i64::try_from(unread.len())
            .ok()
            .and_then(|number| FIRST_UNREAD_DATE_MARKER.checked_add(number))
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))?;
        // Whitespace around an element's text is the feed's layout, not
        // part of the value the outlet wrote.
        unread.push(value.trim().to_string());
        Some(marker)
    }

    /// What an instant feed-rs kept for an item stands for.
    fn date_of(&self, instant: DateTime<Utc>) -> Option<ItemDate> {
        if instant.year() >= 1000 {
            return Some(ItemDate::Read(instant.date_naive()));
        }
        let number = usize::try_from(instant.timestamp() - FIRST_UNREAD_DATE_MARKER).ok()?;
        let unread = self.unread.lock().unwrap_or_else(PoisonError::into_inner);
        unread.get(number).cloned().map(ItemDate::Unread)
    }
}

/// Reads a feed file and hands over one report per item, or one error for
/// the whole file when it is not a feed concord can read. `sniff` is set
/// for `.xml` files, which are read only when their root element is a
/// feed's.
pub(crate) fn read_feed(
    bytes: &[u8],
    sniff: bool,
    display: &str,
    file_name: &str,
    defaults: &InputDefaults,
    sink: &mut dyn ReportSink,
) {
    let fail = |problem| Err(InputError::new(InputLocation::file(display), problem));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return sink.report(fail(InputProblem::Empty));
    }
    if sniff {
        match root_element(bytes) {
            Some(root) if is_feed_root(&root) => {}
            Some(root) => return sink.report(fail(InputProblem::XmlNotAFeed { root })),
            None => {
                return sink.report(fail(InputProblem::XmlNotAFeed {
                    root: "(none found)".to_string(),
                }));
            }
        }
    }
    let item_dates = ItemDates::default();
    let dates_for_parser = item_dates.clone();
    let parser = Builder::new()
        .sanitize_content(false)
        // Dates are read by concord's own reader, so that an item's date is
        // the calendar date as the outlet wrote it, in its own offset, and
        // the forms read are the ones docs/inputs.md lists; one it cannot
        // read is kept (`ItemDates`), not dropped.
        .timestamp_parser(move |value| dates_for_parser.instant_for(value))
        // Items without a guid or id are named by their link; feed-rs's own
        // fallback, a random UUID, would store the same item anew each time
        // the feed is read.
        .id_generator(|links, title, _| {
            links
                .first()
                .map(|link| link.href.trim().to_string())
                .filter(|href| !href.is_empty())
                .or_else(|| {
                    title
                        .as_ref()
                        .map(|t| format!("item-{}", short_hash(&t.content)))
                })
                .unwrap_or_default()
        })
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            return sink.report(fail(InputProblem::BadFeed {
                reason: error.to_string(),
            }));
        }
    };
    if feed.entries.is_empty() {
        return sink.report(fail(InputProblem::EmptyFeed));
    }
    let feed_context = FeedContext {
        outlet: feed.title.as_ref().and_then(plain_text),
        language: feed.language.clone(),
        display,
        file_name,
        defaults,
        item_dates: &item_dates,
    };
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let location = InputLocation {
            feed_item: std::num::NonZeroUsize::new(index + 1),
            ..InputLocation::file(display)
        };
        let read = item_report(entry, location, &feed_context);
        hand_over(sink, read);
    }
}

fn short_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

fn is_html(text: &Text) -> bool {
    text.content_type.to_string().contains("html")
}

/// A title or feed name as plain text: HTML ones reduced like content.
fn plain_text(text: &Text) -> Option<String> {
    let plain = if is_html(text) {
        read_fragment(&text.content).text
    } else {
        text.content.clone()
    };
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    (!plain.is_empty()).then_some(plain)
}

/// The item's stored text and, for HTML, its readable text: the first of
/// content, summary and title that says something.
fn item_text(entry: &Entry) -> Option<(String, Option<ReadableText>)> {
    let content = entry.content.as_ref().and_then(|content| {
        let body = content.body.as_ref()?;
        Some((
            body.clone(),
            content.content_type.to_string().contains("html"),
        ))
    });
    let summary = entry
        .summary
        .as_ref()
        .map(|summary| (summary.content.clone(), is_html(summary)));
    let title = entry
        .title
        .as_ref()
        .map(|title| (title.content.clone(), is_html(title)));
    [content, summary, title]
        .into_iter()
        .flatten()
        .find_map(|(text, html)| {
            if text.trim().is_empty() {
                return None;
            }
            if !html {
                return Some((text, None));
            }
            let readable = read_fragment(&text);
            (!readable.text.trim().is_empty()).then_some((text, Some(readable)))
        })
}

/// What every item of one feed is read with.
struct FeedContext<'a> {
    /// The feed's title, every item's outlet.
    outlet: Option<String>,
    /// The feed's language, for items that state none.
    language: Option<String>,
    display: &'a str,
    file_name: &'a str,
    defaults: &'a InputDefaults,
    item_dates: &'a ItemDates,
}

fn item_report(
    entry: Entry,
    location: InputLocation,
    feed: &FeedContext<'_>,
) -> Result<ReadReport, InputError> {
    let FeedContext {
        display,
        file_name,
        defaults,
        item_dates,
        ..
    } = *feed;
    let Some((text, readable)) = item_text(&entry) else {
        return Err(InputError::new(
            location,
            InputProblem::EmptyBody("is a feed item with no content, summary or title"),
        ));
    };
    let id = if entry.id.trim().is_empty() {
        // No guid, link or title: named by what it says, which is as stable
        // as the item itself.
        format!("{file_name}#{}", short_hash(&text))
    } else {
        entry.id.trim().to_string()
    };
    let mut report = Report::new(id, text);
    report.readable = readable;
    report.source = Some(display.to_string());
    report.outlet = feed.outlet.clone();
    report.title = entry.title.as_ref().and_then(plain_text);
    let link = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(entry.links.first());
    report.url = link
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty());
    let mut warnings = Vec::new();
    let stated_dates: Vec<(FeedItemDateField, ItemDate)> = [
        (FeedItemDateField::Published, entry.published),
        (FeedItemDateField::Updated, entry.updated),
    ]
    .into_iter()
    .filter_map(|(field, instant)| Some((field, item_dates.date_of(instant?)?)))
    .collect();
    // As for a web page's date candidates: the first readable date wins,
    // and only when none is readable is the first value kept and warned
    // about (an unreadable publication date beside a readable update date
    // still dates the item).
    let readable = stated_dates.iter().find_map(|(_, date)| match date {
        ItemDate::Read(date) => Some(*date),
        ItemDate::Unread(_) => None,
    });
    let first_unread = stated_dates.iter().find_map(|(field, date)| match date {
        ItemDate::Unread(value) => Some((*field, value.clone())),
        ItemDate::Read(_) => None,
    });
    match (readable, first_unread) {
        (Some(date), _) => report.published = Some(date),
        (None, Some((field, value))) => {
            report.metadata.insert(
                PUBLISHED_UNREAD_KEY.to_string(),
                serde_json::Value::String(value.clone()),
            );
            warnings.push(InputWarning {
                location,
                report_id: Some(report.id.clone()),
                problem: InputWarningProblem::UnreadFeedItemDate {
                    field,
                    value,
                    link: report.url.clone(),
                },
            });
        }
        (None, None) => {}
    }
    report.language = entry.language.clone().or_else(|| feed.language.clone());
    apply_defaults(&mut report, defaults);
    Ok(ReadReport { report, warnings })
}

/// The name of the root element of an XML document: after a byte order
/// mark, the XML declaration, comments, processing instructions and a
/// doctype.
fn root_element(bytes: &[u8]) -> Option<String> {
    let mut at = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let rest = bytes.get(at..)?;
        if rest.starts_with(b"<!--") {
            let end = rest.windows(3).position(|w| w == b"-->")?;
            at += end + 3;
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            let end = rest.iter().position(|&b| b == b'>')?;
            at += end + 1;
        } else if rest.first() == Some(&b'<') {
            let name: Vec<u8> = rest[1..]
                .iter()
                .copied()
                .take_while(|b| !b.is_ascii_whitespace() && *b != b'>' && *b != b'/')
                .take(64)
                .collect();
            return (!name.is_empty()).then(|| String::from_utf8_lossy(&name).into_owned());
        } else {
            return None;
        }
    }
}

fn is_feed_root(root: &str) -> bool {
    let local = root.rsplit(':').next().unwrap_or(root);
    matches!(local, "rss" | "feed" | "RDF")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_elements_are_found_after_prologues() {
        let root = |s: &str| root_element(s.as_bytes());
        assert_eq!(root("<rss version=\"2.0\">").as_deref(), Some("rss"));
        assert_eq!(
            root("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"x\">").as_deref(),
            Some("feed")
        );
        assert_eq!(
            root("<?xml version=\"1.0\"?><rdf:RDF>").as_deref(),
            Some("rdf:RDF")
        );
        assert_eq!(root("plain text"), None);
        assert!(is_feed_root("rdf:RDF") && is_feed_root("rss") && !is_feed_root("html"));
    }
}
