//! The bar to beat: the TF-IDF baseline of `../shared/realnews/score.py
//! baseline`, implemented the same way, so that `concord bench` prints it
//! beside the engine's scores and nobody mistakes a weak baseline for a
//! strong result.
//!
//! Method (as score.py): words of three ASCII letters or more, lowercased,
//! from the title and the first 3,000 characters of the text; weight =
//! count × ln(N / document frequency), words in 20% of the documents or
//! more dropped; vectors L2-normalised. Each document posts its 30 heaviest
//! words; a word posted by more than 200 documents is skipped; two
//! documents sharing a posted word are linked when their cosine is at least
//! the threshold and they were published within the window (or either is
//! undated); links are closed by union-find.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

/// score.py's defaults.
pub const TFIDF_THRESHOLD: f64 = 0.2;
pub const TFIDF_WINDOW_DAYS: i64 = 7;

const CHARACTERS_READ: usize = 3000;
const POSTED_WORDS: usize = 30;
const MAX_POSTING: usize = 200;
const MAX_DOCUMENT_SHARE: f64 = 0.2;

/// One document as the baseline reads it.
pub struct BaselineDocument<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub text: &'a str,
    pub published: Option<NaiveDate>,
}

/// Words in first-occurrence order with their counts.
fn counted_words(document: &BaselineDocument<'_>) -> Vec<(String, u32)> {
    let lead: String = document.text.chars().take(CHARACTERS_READ).collect();
    let joined = format!("{} {}", document.title.unwrap_or(""), lead).to_lowercase();
    let mut order: Vec<(String, u32)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for word in joined.split(|c: char| !c.is_ascii_lowercase()) {
        if word.len() < 3 {
            continue;
        }
        match position.get(word) {
            Some(&at) => order[at].1 += 1,
            None => {
                position.insert(word.to_string(), order.len());
                order.push((word.to_string(), 1));
            }
        }
    }
    order
}

/// The baseline's clusters: document id → cluster label.
pub fn tfidf_clusters(
    documents: &[BaselineDocument<'_>],
    threshold: f64,
    window_days: i64,
) -> BTreeMap<String, String> {
    let counted: Vec<Vec<(String, u32)>> = documents.iter().map(counted_words).collect();
    let mut document_frequency: HashMap<&str, usize> = HashMap::new();
    for words in &counted {
        for (word, _) in words {
            *document_frequency.entry(word.as_str()).or_insert(0) += 1;
        }
    }
    let total = documents.len() as f64;
    let vectors: Vec<Vec<(&str, f64)>> = counted
        .iter()
        .map(|words| {
            let weighted: Vec<(&str, f64)> = words
                .iter()
                .filter_map(|(word, count)| {
                    let frequency = document_frequency[word.as_str()] as f64;
                    (frequency < total * MAX_DOCUMENT_SHARE)
                        .then(|| (word.as_str(), f64::from(*count) * (total / frequency).ln()))
                })
                .collect();
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            let norm = if norm == 0.0 { 1.0 } else { norm };
            weighted
                .into_iter()
                .map(|(word, w)| (word, w / norm))
                .collect()
        })
        .collect();
    let lookup: Vec<HashMap<&str, f64>> = vectors
        .iter()
        .map(|vector| vector.iter().copied().collect())
        .collect();

    // Postings in document order, words in the order they were first posted.
    let mut postings: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut posting_of: HashMap<&str, usize> = HashMap::new();
    for (index, vector) in vectors.iter().enumerate() {
        let mut heaviest: Vec<(&str, f64)> = vector.clone();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (word, _) in heaviest.into_iter().take(POSTED_WORDS) {
            let at = *posting_of.entry(word).or_insert_with(|| {
                postings.push((word, Vec::new()));
                postings.len() - 1
            });
            postings[at].1.push(index);
        }
    }

    let mut parent: Vec<usize> = (0..documents.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for (_, ids) in &postings {
        if ids.len() > MAX_POSTING {
            continue;
        }
        for (position, &a) in ids.iter().enumerate() {
            for &b in &ids[position + 1..] {
                if !seen.insert((a, b)) {
                    continue;
                }
                if let (Some(x), Some(y)) = (documents[a].published, documents[b].published)
                    && (x - y).num_days().abs() > window_days
                {
                    continue;
                }
                let cosine: f64 = vectors[a]
                    .iter()
                    .map(|(word, weight)| weight * lookup[b].get(word).copied().unwrap_or(0.0))
                    .sum();
                if cosine >= threshold {
                    let (root_a, root_b) = (find(&mut parent, a), find(&mut parent, b));
                    parent[root_a] = root_b;
                }
            }
        }
    }
    documents
        .iter()
        .enumerate()
        .map(|(index, document)| {
            (
                document.id.to_string(),
                find(&mut parent, index).to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_tellings_of_one_story_link_and_another_story_stays_apart() {
        let day = NaiveDate::from_ymd_opt(2016, 3, 5);
        let filler: Vec<String> = (0..12)
            .map(|i| format!("Unrelated brief number {i} about weather and traffic."))
            .collect();
        let mut documents = vec![
            BaselineDocument {
                id: "a",
                title: Some("Lounge shooting on Elmwood"),
                text: "Whitcombe wounded outside the Heron lounge on Elmwood avenue",
                published: day,
            },
            BaselineDocument {
                id: "b",
                title: None,
                text: "Police say Whitcombe was shot near the Heron lounge, Elmwood",
                published: day,
            },
            BaselineDocument {
                id: "c",
                title: None,
                text: "A teenager was hurt on Maple street near Tanager park",
                published: day,
            },
        ];
        for (i, text) in filler.iter().enumerate() {
            documents.push(BaselineDocument {
                id: [
                    "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "fa", "fb",
                ][i],
                title: None,
                text,
                published: day,
            });
        }
        let clusters = tfidf_clusters(&documents, TFIDF_THRESHOLD, TFIDF_WINDOW_DAYS);
        assert_eq!(clusters["a"], clusters["b"]);
        assert_ne!(clusters["a"], clusters["c"]);
    }
}
