//! What a report says, as evidence for clustering: a short vector of its
//! most distinctive words (headline and lead), weighted by rarity, and the
//! cosine between two such vectors.
//!
//! Rarity comes from a static table of English word frequencies
//! (`crate::word_frequency`), not from the store: a pair's content score is
//! then a pure function of the two reports, so an incremental update equals
//! a rebuild and `--as-of` gives the same answer as it did then. Words the
//! table does not list (names of people, streets, small places) are the
//! rarest of all, and they are what identifies one shooting among a city's
//! many: the victim's name, the street, the bar.
//!
//! Measured on the real-news development sets (docs/clustering.md): with
//! this weighting, 75% of same-incident article pairs within a week have a
//! cosine of at least 0.2, against 0.35% of different-incident pairs.

use std::collections::HashMap;
use std::sync::Arc;

use crate::word_frequency::zipf_frequency_or_rare;

/// How much of a report's text is read: the headline and the lead carry
/// what the story is about; the rest adds background and boilerplate.
const CONTENT_BYTES_READ: usize = 3000;

/// Words at least this common (Zipf frequency) say nothing about which
/// incident a report describes: "the", "said", "people".
const ZIPF_OF_WORDS_WITHOUT_WEIGHT: f32 = 6.0;

/// How many terms a report keeps: enough for a near-duplicate and for a
/// rewritten story to share several, small enough to hold a million.
const TERMS_KEPT: usize = 32;

/// A text with fewer distinctive words than this (a two-line brief, a
/// record with no prose) says too little for its content to count against
/// a pair: "unrelated" needs something to be unrelated with.
pub const MIN_TERMS_FOR_EVIDENCE: usize = 8;

/// How many of a report's rarest terms are posted for candidate search.
pub const TERMS_POSTED: usize = 12;

/// A term's weight in the candidate search must reach this (a word of
/// Zipf frequency 4.0 or rarer) to be posted: "police" and "shooting"
/// would make every shooting a candidate of every other.
pub const POSTED_TERM_MIN_IDF: f32 = 2.0;

/// A report's content: (term hash, weight), sorted by hash, weights
/// L2-normalised. Empty when the report has no distinctive word.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ContentVector {
    terms: Box<[(u32, f32)]>,
    /// The hashes of the rarest terms (at most `TERMS_POSTED`, each of idf
    /// at least `POSTED_TERM_MIN_IDF`), rarest first: the candidate keys.
    posted: Box<[u32]>,
}

impl ContentVector {
    pub fn terms(&self) -> &[(u32, f32)] {
        &self.terms
    }

    pub fn posted_terms(&self) -> &[u32] {
        &self.posted
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Enough distinctive words for the content to be evidence.
    pub fn is_evidence(&self) -> bool {
        self.terms.len() >= MIN_TERMS_FOR_EVIDENCE
    }
}

/// FNV-1a: a stable hash (the same on every machine and run), so that
/// term order, and with it every tie, is the same in every rebuild.
fn term_hash(word: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in word.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// How much a word distinguishes a story: 0 for the commonest words,
/// about 9 for a word the frequency table does not list.
pub fn inverse_frequency_weight(word: &str) -> f32 {
    ((ZIPF_OF_WORDS_WITHOUT_WEIGHT - zipf_frequency_or_rare(word)) * std::f32::consts::LN_10)
        .max(0.0)
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a
/// character boundary.
fn prefix_on_char_boundary(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` lowercased with its Latin letters' diacritics stripped, so that
/// a name one outlet writes with them and another without ("José Núñez",
/// "Jose Nunez"; "São Paulo", "Sao Paulo") is one word to compare, and a
/// word with one ("Almatı") is not cut into an ASCII stump ("almat").
/// Lowercased in place; copied again only when it holds non-ASCII.
fn lowercase_folded(mut text: String) -> String {
    text.make_ascii_lowercase();
    if text.is_ascii() {
        return text;
    }
    crate::gazetteer::fold_latin_letters(&text).into_owned()
}

/// The words of a text `lowercase_folded` gave, as slices of it: split at
/// every character that is no letter, and only those of three to 40
/// letters, wholly ASCII (a word in another script, or glued to a letter
/// of one, is no English word: the frequency table is English, and a name
/// in Cyrillic would otherwise count as the rarest word of all).
fn word_slices(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| word.len() >= 3 && word.len() <= 40 && word.is_ascii())
}

/// The content vector of a report: its headline and the first
/// `CONTENT_BYTES_READ` bytes of its text.
pub fn content_vector(headline: Option<&str>, text: &str) -> ContentVector {
    let lead = prefix_on_char_boundary(text, CONTENT_BYTES_READ);
    // Headline and lead lowercased once, their words counted in a map of
    // borrowed slices under a fast hasher. Owned words under SipHash cost
    // a tenth of a full build's time; counting by sorting took nearly
    // twice what this takes (`cargo bench --bench extract --
    // content_vector`; docs/BENCHMARKS.md, session 37). The hasher is
    // seeded per process, because the words are the input's (a headline
    // has no length limit): a fixed one would let crafted words collide.
    // The map's order is no matter: `vector_of_weighted_words` sorts by
    // weight and word. The blank keeps the headline's last word apart
    // from the lead's first; lowercasing and folding move no boundary
    // between words (a letter becomes letters, a combining mark goes).
    let headline = headline.unwrap_or("");
    let mut joined = String::with_capacity(headline.len() + 1 + lead.len());
    joined.push_str(headline);
    joined.push(' ');
    joined.push_str(lead);
    let lowered = lowercase_folded(joined);
    let mut counts: HashMap<&str, u32, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(lowered.len() / 8, Default::default());
    for word in word_slices(&lowered) {
        *counts.entry(word).or_insert(0) += 1;
    }
    let weighted: Vec<(&str, f32, f32)> = counts
        .into_iter()
        .filter_map(|(word, count)| {
            let idf = inverse_frequency_weight(word);
            (idf > 0.0).then(|| {
                let weight = (1.0 + (count as f32).ln()) * idf;
                (word, weight, idf)
            })
        })
        .collect();
    vector_of_weighted_words(weighted)
}

/// The vector of counted words, each with its weight and inverse
/// frequency: the heaviest `TERMS_KEPT`, normalised, and the rarest
/// `TERMS_POSTED` of them posted.
fn vector_of_weighted_words(mut weighted: Vec<(&str, f32, f32)>) -> ContentVector {
    // Heaviest first; ties by the word so that the kept set never depends
    // on the order words were counted in.
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    weighted.truncate(TERMS_KEPT);

    let mut by_rarity: Vec<&(&str, f32, f32)> = weighted
        .iter()
        .filter(|(_, _, idf)| *idf >= POSTED_TERM_MIN_IDF)
        .collect();
    by_rarity.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(b.0)));
    let posted: Box<[u32]> = by_rarity
        .iter()
        .take(TERMS_POSTED)
        .map(|(word, _, _)| term_hash(word))
        .collect();

    let norm = weighted
        .iter()
        .map(|(_, weight, _)| weight * weight)
        .sum::<f32>()
        .sqrt();
    let mut terms: Vec<(u32, f32)> = weighted
        .iter()
        .map(|(word, weight, _)| (term_hash(word), weight / norm.max(f32::MIN_POSITIVE)))
        .collect();
    terms.sort_by_key(|&(hash, _)| hash);
    // Two words with one hash (rare at 32 bits): keep the first, so the
    // vector stays a set.
    terms.dedup_by_key(|&mut (hash, _)| hash);
    ContentVector {
        terms: terms.into(),
        posted,
    }
}

/// Whether a report's text tells the story its title announces: at least
/// one of the title's words that carry any weight (below Zipf frequency
/// 6.0: "shot", "football", a name; not "the", "after") comes back in the
/// lead. A title of common words ("Five people shot after children's
/// football game") counts: a real article repeats some of them. A page saved
/// behind a login wall or a paywall ("We have sent you a verification
/// email", "Full text available to subscribers") keeps the story's title
/// over text that shares none of it: that text is no content to compare,
/// and the title is read alone (on gva_dev, 276 missed pairs of one
/// shooting held such a page, most at `content_unrelated`). A title with
/// fewer than `MIN_TITLE_WORDS_TO_TEST` such words proves nothing either
/// way.
pub fn text_tells_its_title(title: &str, text: &str) -> bool {
    let lead = prefix_on_char_boundary(text, CONTENT_BYTES_READ);
    let title = lowercase_folded(title.to_string());
    let mut title_words: Vec<&str> = word_slices(&title)
        .filter(|word| inverse_frequency_weight(word) > 0.0)
        .collect();
    title_words.sort_unstable();
    title_words.dedup();
    if title_words.len() < MIN_TITLE_WORDS_TO_TEST {
        return true;
    }
    let lead = lowercase_folded(lead.to_string());
    word_slices(&lead).any(|word| title_words.binary_search(&word).is_ok())
}

/// See `text_tells_its_title`.
const MIN_TITLE_WORDS_TO_TEST: usize = 2;

/// A title read alone (see `text_tells_its_title`) is evidence with this
/// many distinctive words: a victim's name, a street and a town are
/// enough to tell one shooting from another; "Man shot" is not.
pub const MIN_TERMS_FOR_TITLE_EVIDENCE: usize = 3;

/// Cosine similarity of two content vectors (0 when either is empty).
pub fn cosine(a: &ContentVector, b: &ContentVector) -> f64 {
    let (a, b) = (a.terms(), b.terms());
    let (mut i, mut j) = (0, 0);
    let mut dot = 0.0f64;
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    dot.min(1.0)
}

/// A shared content vector, one per report (its mentions share it).
pub type SharedContent = Arc<ContentVector>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewritten_story_is_closer_than_another_story_of_the_same_kind() {
        let first = content_vector(
            Some("Two hurt in Elmwood Avenue shooting"),
            "Two men were wounded late Friday outside the Blue Heron Lounge on Elmwood Avenue, \
             police said. Officers found Darnell Whitcombe, 24, with a wound to the leg.",
        );
        let rewrite = content_vector(
            Some("Police: gunfire outside Blue Heron Lounge wounds two"),
            "Darnell Whitcombe and another man were shot on Elmwood Avenue on Friday night \
             near the Blue Heron Lounge.",
        );
        let other = content_vector(
            Some("Teen shot on Maple Street"),
            "A 16-year-old boy was shot Friday on Maple Street near Lincoln Park, police said.",
        );
        assert!(
            cosine(&first, &rewrite) > 0.3,
            "{}",
            cosine(&first, &rewrite)
        );
        assert!(cosine(&first, &other) < 0.1, "{}", cosine(&first, &other));
        assert!((cosine(&first, &first) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn common_words_carry_no_weight_and_rare_ones_are_posted() {
        let vector = content_vector(None, "the people said that the Whitcombe family");
        assert_eq!(vector.terms().len(), 2, "{:?}", vector.terms());
        assert_eq!(vector.posted_terms().first(), Some(&term_hash("whitcombe")));
        assert!(content_vector(None, "").is_empty());
    }

    /// Two outlets of one story, one writing the names with their
    /// diacritics, the other without (as wires and US sites often do).
    #[test]
    fn a_name_written_with_and_without_its_diacritics_is_one_word() {
        let accented = content_vector(
            Some("Dockworkers detained in São Paulo"),
            "Police detained José Núñez and eleven dockworkers at the Valongo terminal \
             on Tuesday; ÇAĞLAR Öztürk, a union lawyer, said they would appeal.",
        );
        let plain = content_vector(
            Some("Dockworkers detained in Sao Paulo"),
            "Police detained Jose Nunez and eleven dockworkers at the Valongo terminal \
             on Tuesday; Caglar Ozturk, a union lawyer, said they would appeal.",
        );
        assert_eq!(accented.terms(), plain.terms());
        assert!((cosine(&accented, &plain) - 1.0).abs() < 1e-5);
    }

    /// A word with a letter outside ASCII is the whole word folded, never
    /// the ASCII stump before that letter ("Almatı" was "almat"), and a
    /// word in another script is no word at all.
    #[test]
    fn a_word_is_folded_whole_or_left_out() {
        let vector = content_vector(None, "Rally in Almatı. Митинг в Алматы");
        assert_eq!(vector.terms().len(), 2, "{:?}", vector.terms());
        let hashes: Vec<u32> = vector.terms().iter().map(|(term, _)| *term).collect();
        assert!(hashes.contains(&term_hash("almati")), "{hashes:?}");
        assert!(!hashes.contains(&term_hash("almat")));
        assert!(hashes.contains(&term_hash("rally")));
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let text = "é".repeat(CONTENT_BYTES_READ);
        let _ = content_vector(None, &text);
    }

    /// Every word of `text`, copied: the reference's words.
    fn words(text: &str) -> Vec<String> {
        word_slices(&lowercase_folded(text.to_string()))
            .map(str::to_string)
            .collect()
    }

    /// The content vector as first written: every word copied, lowercased
    /// and counted in a map (in hash-map order). `content_vector` counts
    /// borrowed slices of a text lowercased once, under another hasher
    /// (docs/BENCHMARKS.md, "The full build on both cores" and session
    /// 37); it must give the same vector for every text.
    fn content_vector_counted_in_a_map(headline: Option<&str>, text: &str) -> ContentVector {
        let mut counts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let lead = prefix_on_char_boundary(text, CONTENT_BYTES_READ);
        for word in words(headline.unwrap_or("")).into_iter().chain(words(lead)) {
            *counts.entry(word).or_insert(0) += 1;
        }
        let weighted: Vec<(String, f32, f32)> = counts
            .into_iter()
            .filter_map(|(word, count)| {
                let idf = inverse_frequency_weight(&word);
                (idf > 0.0)
                    .then(|| ((1.0 + (count as f32).ln()) * idf, idf))
                    .map(|(weight, idf)| (word, weight, idf))
            })
            .collect();
        vector_of_weighted_words(
            weighted
                .iter()
                .map(|(word, weight, idf)| (word.as_str(), *weight, *idf))
                .collect(),
        )
    }

    fn check_same_as_counted_in_a_map(headline: Option<&str>, text: &str) {
        let borrowed = content_vector(headline, text);
        let mapped = content_vector_counted_in_a_map(headline, text);
        assert_eq!(
            borrowed.terms(),
            mapped.terms(),
            "terms of {headline:?} / {text:?}"
        );
        assert_eq!(
            borrowed.posted_terms(),
            mapped.posted_terms(),
            "posted terms of {headline:?} / {text:?}"
        );
    }

    #[test]
    fn counting_borrowed_words_gives_the_vector_of_counting_owned_words() {
        check_same_as_counted_in_a_map(None, "");
        check_same_as_counted_in_a_map(Some(""), "   ");
        // The headline's last word and the lead's first stay two words.
        check_same_as_counted_in_a_map(Some("Gunfire on Kedzie"), "Avenue wounds two");
        check_same_as_counted_in_a_map(
            Some("STRIKE CLOSES Lagos PORT"),
            "Dockworkers in Apapa walked out on Monday; the dockworkers' union said \
             Apapa and Tin Can Island would stay shut. Almatı, Şymkent, Zhanaozen.",
        );
        // Past the bytes read, inside a character.
        let long = format!(
            "{}é and then Zhanaozen",
            "Oilworkers rally again. ".repeat(130)
        );
        check_same_as_counted_in_a_map(Some("Rally"), &long);
    }

    proptest::proptest! {
        #[test]
        fn counting_borrowed_words_gives_the_vector_of_counting_owned_words_for_any_text(
            headline in proptest::option::of("(Police |shot |Kedzie |Apapa|ı|[A-Za-z]{2,6}|[ ,.'-]){0,12}"),
            text in "(the |police |Police |shot |wounded |Kedzie |Apapa |Zhanaozen|é|ı|\\n|[A-Za-z]{2,7}|[ ,.;'0-9-]){0,700}",
        ) {
            check_same_as_counted_in_a_map(headline.as_deref(), &text);
        }
    }
}
