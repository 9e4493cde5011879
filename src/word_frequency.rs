//! How common an English word is, from `data/word_frequency.tsv` (the
//! 50,000 most frequent words of the `wordfreq` package, CC-BY-SA 4.0;
//! built by `scripts/build_word_frequency.py`), embedded in the binary.
//!
//! Two readers: extraction, where a capitalised common word ("Street",
//! "Side", "Reading") needs more than its spelling to be a place; and
//! clustering, where a term's rarity weighs what sharing it says without a
//! corpus-wide count, so a pair's score depends on the two reports alone.
//! **A static table, never counts from the store**: a score that read the
//! store's document frequencies would change whenever any report arrived,
//! and an incremental update would no longer equal a rebuild.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::gazetteer::BuildIntegerHasher;

const EMBEDDED_WORD_FREQUENCIES: &str = include_str!("../data/word_frequency.tsv");

/// Zipf frequency of a word absent from the table: rarer than the table's
/// rarest entry (about 2.5), as a name or a misspelling is.
pub const ZIPF_OF_UNLISTED_WORD: f32 = 2.0;

/// The gazetteer's hasher for its string tables: the table is fixed
/// (built from the embedded file, never from input), so a plain hash
/// cannot be flooded, and extraction and clustering look words up millions
/// of times in a full build, where SipHash cost more than the lookup.
type WordTable = HashMap<&'static str, f32, BuildIntegerHasher>;

static ZIPF_BY_WORD: LazyLock<WordTable> = LazyLock::new(|| {
    EMBEDDED_WORD_FREQUENCIES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (word, zipf_times_100) = line.split_once('\t')?;
            let zipf_times_100: u16 = zipf_times_100.trim().parse().ok()?;
            Some((word, f32::from(zipf_times_100) / 100.0))
        })
        .collect()
});

/// The word's Zipf frequency (log10 of its occurrences per billion words:
/// "the" 7.7, "street" 5.3, "almaty" 2.6), if the table lists it. `word`
/// must be lowercase.
pub fn zipf_frequency(word: &str) -> Option<f32> {
    ZIPF_BY_WORD.get(word).copied()
}

/// The word's Zipf frequency, or `ZIPF_OF_UNLISTED_WORD` for a word the
/// table does not list. `word` must be lowercase.
pub fn zipf_frequency_or_rare(word: &str) -> f32 {
    zipf_frequency(word).unwrap_or(ZIPF_OF_UNLISTED_WORD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_more_frequent_than_rare_names() {
        let street = zipf_frequency("street").unwrap();
        let the = zipf_frequency("the").unwrap();
        assert!(the > street);
        assert!(street > zipf_frequency_or_rare("zhanaozen"));
        assert_eq!(zipf_frequency("Street"), None, "the table is lowercase");
    }
}
