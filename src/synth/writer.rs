//! Builds one report's text piece by piece and records, for every figure
//! written, the exact text that carries it, so that the gold evidence is an
//! exact substring of the report by construction.

use super::gold::GoldFigure;
use super::numbers::CountPhrase;

/// What the gold says about a figure, before its evidence is known.
#[derive(Debug, Clone)]
pub struct FigureSpec {
    pub incident: String,
    pub metric: &'static str,
    pub places: Vec<String>,
    pub count: CountPhrase,
    pub attributed_to: Option<String>,
    pub required: bool,
}

#[derive(Debug, Default)]
pub struct ReportText {
    pub text: String,
    /// Figures with their evidence; `report` is filled in by the caller.
    pub figures: Vec<GoldFigure>,
    /// (text, why) for numbers that must not become main-incident figures.
    pub not_figures: Vec<(String, &'static str)>,
    at_sentence_start: bool,
    pending_space: bool,
}

fn capitalize_first(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

impl ReportText {
    pub fn new() -> ReportText {
        ReportText {
            at_sentence_start: true,
            ..ReportText::default()
        }
    }

    /// Starts a new paragraph (a blank line, as scraped articles have).
    pub fn paragraph(&mut self) {
        if !self.text.is_empty() {
            if !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            if !self.text.ends_with("\n\n") {
                self.text.push('\n');
            }
        }
        self.pending_space = false;
        self.at_sentence_start = true;
    }

    /// A line of page furniture ("please wait", "XS"), kept on its own line.
    pub fn line(&mut self, line: &str) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.text.push('\n');
        self.pending_space = false;
        self.at_sentence_start = true;
    }

    /// Appends prose, capitalizing it when it opens a sentence. Returns the
    /// text as written.
    pub fn put(&mut self, piece: &str) -> String {
        if piece.is_empty() {
            return String::new();
        }
        if self.pending_space {
            self.text.push(' ');
            self.pending_space = false;
        }
        let written = if self.at_sentence_start {
            capitalize_first(piece)
        } else {
            piece.to_string()
        };
        self.text.push_str(&written);
        self.at_sentence_start = false;
        written
    }

    /// Appends a sentence opener that leaves the next words capitalized (a
    /// dateline: "ALMATY, Kazakhstan -- ").
    pub fn open(&mut self, piece: &str) {
        self.put(piece);
        self.at_sentence_start = true;
    }

    /// Appends prose that carries a figure, and records the figure with the
    /// prose as its evidence.
    pub fn figure(&mut self, piece: &str, spec: FigureSpec) {
        let capitalized = self.at_sentence_start;
        let written = self.put(piece);
        self.record_figure(written, capitalized, piece, spec);
    }

    fn record_figure(
        &mut self,
        evidence: String,
        capitalized: bool,
        original: &str,
        spec: FigureSpec,
    ) {
        let phrase = spec.count.phrase.map(|phrase| {
            if capitalized && original.starts_with(&phrase) {
                capitalize_first(&phrase)
            } else {
                phrase
            }
        });
        self.figures.push(GoldFigure {
            report: String::new(),
            incident: spec.incident,
            metric: spec.metric,
            places: spec.places,
            evidence,
            value: spec.count.value,
            value_hi: spec.count.value_hi,
            qualifier: spec.count.qualifier,
            phrase,
            attributed_to: spec.attributed_to,
            required: spec.required,
        });
    }

    /// Records a figure whose evidence was written already (a headline line).
    pub fn figure_already_written(
        &mut self,
        evidence: &str,
        phrase: Option<String>,
        spec: FigureSpec,
    ) {
        let mut spec = spec;
        spec.count.phrase = phrase;
        self.record_figure(evidence.to_string(), false, evidence, spec);
    }

    /// Appends prose holding a number that is not a figure of the report's
    /// incidents (an age, a population, a sentence length).
    pub fn not_figure(&mut self, piece: &str, why: &'static str) {
        let written = self.put(piece);
        self.not_figures.push((written, why));
    }

    /// Records a not-figure already written (a line of page furniture).
    pub fn not_figure_already_written(&mut self, text: &str, why: &'static str) {
        self.not_figures.push((text.to_string(), why));
    }

    /// Ends a sentence with its punctuation.
    pub fn stop(&mut self, punctuation: &str) {
        self.text.push_str(punctuation);
        self.pending_space = true;
        self.at_sentence_start = true;
    }

    /// A whole sentence without figures.
    pub fn sentence(&mut self, sentence: &str) {
        self.put(sentence);
        self.stop(".");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_capitalized_like_the_text() {
        let mut report = ReportText::new();
        let count = CountPhrase {
            words: "dozens".into(),
            needs_of: true,
            value: None,
            value_hi: None,
            qualifier: "vague",
            phrase: Some("dozens".into()),
        };
        report.figure(
            "dozens of people were detained",
            FigureSpec {
                incident: "i1".into(),
                metric: "detained",
                places: vec!["Almaty".into()],
                count,
                attributed_to: None,
                required: true,
            },
        );
        report.stop(".");
        report.sentence("police did not comment");
        assert_eq!(
            report.text,
            "Dozens of people were detained. Police did not comment."
        );
        assert_eq!(report.figures[0].evidence, "Dozens of people were detained");
        assert_eq!(report.figures[0].phrase.as_deref(), Some("Dozens"));
    }
}
