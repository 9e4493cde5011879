//! How reports state a count: "26", "twenty-six", "at least 26", "more than
//! 100", "some 100", "nearly a hundred", "three dozen", "between 40 and 60",
//! "20 or so", "dozens". Each phrasing carries the value and qualifier a
//! careful coder would record (docs/synth.md, /work/shared/gold/README.md).

use super::rng::SplitMix64;

/// A count as a report words it, with its gold reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountPhrase {
    /// The words, lowercase, ready to stand before a noun ("more than 100").
    pub words: String,
    /// True when a noun needs "of" after the words ("dozens of people").
    pub needs_of: bool,
    /// The number as stated; `None` for vague words.
    pub value: Option<u64>,
    /// The upper end of a range.
    pub value_hi: Option<u64>,
    /// The gold qualifier name (gold/1 spelling).
    pub qualifier: &'static str,
    /// The vague words themselves ("dozens"), for vague figures.
    pub phrase: Option<String>,
}

impl CountPhrase {
    fn numeric(words: String, value: u64, qualifier: &'static str) -> CountPhrase {
        CountPhrase {
            words,
            needs_of: false,
            value: Some(value),
            value_hi: None,
            qualifier,
            phrase: None,
        }
    }

    fn vague(words: &str, needs_of: bool) -> CountPhrase {
        CountPhrase {
            words: words.to_string(),
            needs_of,
            value: None,
            value_hi: None,
            qualifier: "vague",
            phrase: Some(words.to_string()),
        }
    }

    /// The words followed by a noun: "dozens of protesters", "26 people".
    pub fn with_noun(&self, noun: &str) -> String {
        if self.needs_of {
            format!("{} of {}", self.words, noun)
        } else {
            format!("{} {}", self.words, noun)
        }
    }

    /// A representative number for sums and rankings (vague phrases have none).
    pub fn midpoint(&self) -> Option<u64> {
        match (self.value, self.value_hi) {
            (Some(low), Some(high)) => Some((low + high) / 2),
            (value, _) => value,
        }
    }
}

/// "1,250" for 1250.
pub fn digits(value: u64) -> String {
    let plain = value.to_string();
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 0..=99 ("twenty-six"); digits beyond that, because
/// newsrooms spell out only small numbers.
pub fn words(value: u64) -> String {
    match value {
        0..=19 => ONES[value as usize].to_string(),
        20..=99 => {
            let tens = TENS[(value / 10) as usize];
            match value % 10 {
                0 => tens.to_string(),
                ones => format!("{}-{}", tens, ONES[ones as usize]),
            }
        }
        _ => digits(value),
    }
}

/// The step a reporter rounds to at this magnitude.
fn rounding_step(value: u64) -> u64 {
    match value {
        0..=19 => 1,
        20..=99 => 10,
        100..=999 => 50,
        1000..=9999 => 500,
        _ => 1000,
    }
}

pub fn round_nice(value: u64) -> u64 {
    let step = rounding_step(value);
    (((value + step / 2) / step) * step).max(1)
}

pub fn round_down_nice(value: u64) -> u64 {
    let step = rounding_step(value);
    ((value / step) * step).max(1)
}

pub fn round_up_nice(value: u64) -> u64 {
    let step = rounding_step(value);
    value.div_ceil(step) * step
}

/// Digits usually, words for small numbers now and then.
fn small_or_digits(rng: &mut SplitMix64, value: u64) -> String {
    if value < 100 && rng.chance(0.3) {
        words(value)
    } else {
        digits(value)
    }
}

fn vague_for(rng: &mut SplitMix64, value: u64) -> CountPhrase {
    match value {
        0..=6 => {
            if rng.chance(0.5) {
                CountPhrase::vague("a handful", true)
            } else {
                CountPhrase::vague("a few", false)
            }
        }
        7..=19 => CountPhrase::vague(rng.pick(&["several", "a number", "more than a few"]), false)
            .with_of_for("a number"),
        20..=199 => match rng.below(3) {
            0 => CountPhrase::vague("a few dozen", false),
            1 => CountPhrase::vague("scores", true),
            _ => CountPhrase::vague("dozens", true),
        },
        200..=1999 => {
            if rng.chance(0.5) {
                CountPhrase::vague("hundreds", true)
            } else {
                CountPhrase::vague("several hundred", false)
            }
        }
        2000..=19_999 => {
            if rng.chance(0.5) {
                CountPhrase::vague("thousands", true)
            } else {
                CountPhrase::vague("several thousand", false)
            }
        }
        _ => CountPhrase::vague("tens of thousands", true),
    }
}

impl CountPhrase {
    /// "a number of" needs "of"; the other words of its band do not.
    fn with_of_for(mut self, words_needing_of: &str) -> CountPhrase {
        if self.words == words_needing_of {
            self.needs_of = true;
        }
        self
    }
}

/// How often a phrasing family is chosen; vague phrasings are kept rare
/// enough that most reports carry numbers to reconcile.
#[derive(Debug, Clone, Copy)]
pub struct PhrasingMix {
    pub vague: f64,
}

impl Default for PhrasingMix {
    fn default() -> PhrasingMix {
        PhrasingMix { vague: 0.12 }
    }
}

/// Words one outlet uses for a count of `value` (never below 2).
pub fn phrase_count(rng: &mut SplitMix64, value: u64, mix: PhrasingMix) -> CountPhrase {
    let value = value.max(2);
    if rng.chance(mix.vague) {
        return vague_for(rng, value);
    }
    loop {
        let phrase = match rng.below(12) {
            0 | 1 => CountPhrase::numeric(small_or_digits(rng, value), value, "exact"),
            2 | 3 => CountPhrase::numeric(
                format!("at least {}", small_or_digits(rng, value)),
                value,
                "at_least",
            ),
            4 | 5 => {
                let stated = round_down_nice(value);
                if stated == value && value < 20 {
                    continue;
                }
                let lead = rng.pick(&["more than", "more than", "over"]);
                CountPhrase::numeric(format!("{} {}", lead, digits(stated)), stated, "more_than")
            }
            6 | 7 => {
                // Nobody writes "some 4": hedged round numbers start at ten.
                if value < 10 {
                    continue;
                }
                let stated = round_nice(value);
                let words = match rng.below(8) {
                    0 => format!("some {}", digits(stated)),
                    1 => format!("about {}", digits(stated)),
                    2 => format!("around {}", digits(stated)),
                    3 => format!("roughly {}", digits(stated)),
                    4 => format!("an estimated {}", digits(stated)),
                    5 => format!("approximately {}", digits(stated)),
                    6 => format!("{} or so", digits(stated)),
                    _ => {
                        let above = round_up_nice(value + 1);
                        return CountPhrase::numeric(
                            format!("{} {}", rng.pick(&["nearly", "almost"]), digits(above)),
                            above,
                            "approx",
                        );
                    }
                };
                CountPhrase::numeric(words, stated, "approx")
            }
            8 => match value {
                10..=14 => match rng.below(3) {
                    0 => CountPhrase::numeric("a dozen".into(), 12, "approx"),
                    1 => CountPhrase::numeric("about a dozen".into(), 12, "approx"),
                    _ if value > 12 => {
                        CountPhrase::numeric("more than a dozen".into(), 12, "more_than")
                    }
                    _ => CountPhrase::numeric("around a dozen".into(), 12, "approx"),
                },
                20..=60 => {
                    let dozens = value / 12;
                    let name = ["", "a", "two", "three", "four", "five"][dozens as usize];
                    if value > dozens * 12 && rng.chance(0.5) {
                        CountPhrase::numeric(
                            format!("more than {name} dozen"),
                            dozens * 12,
                            "more_than",
                        )
                    } else {
                        let nearest = ((value + 6) / 12).clamp(2, 5);
                        let name = ["", "a", "two", "three", "four", "five"][nearest as usize];
                        CountPhrase::numeric(format!("{name} dozen"), nearest * 12, "approx")
                    }
                }
                80..=99 => CountPhrase::numeric(
                    format!("{} a hundred", rng.pick(&["nearly", "almost", "close to"])),
                    100,
                    "approx",
                ),
                100..=109 => CountPhrase::numeric("about a hundred".into(), 100, "approx"),
                110..=150 => CountPhrase::numeric("more than a hundred".into(), 100, "more_than"),
                _ => continue,
            },
            9 => {
                let low = round_down_nice((value as f64 * 0.8) as u64);
                let high = round_up_nice((value as f64 * 1.2) as u64 + 1);
                if low >= high || low < 2 {
                    continue;
                }
                let words = if rng.chance(0.6) {
                    format!("between {} and {}", digits(low), digits(high))
                } else {
                    format!("{} to {}", digits(low), digits(high))
                };
                CountPhrase {
                    words,
                    needs_of: false,
                    value: Some(low),
                    value_hi: Some(high),
                    qualifier: "range",
                    phrase: None,
                }
            }
            10 => {
                let stated = round_up_nice(value + 1);
                if rng.chance(0.5) {
                    CountPhrase::numeric(format!("up to {}", digits(stated)), stated, "at_most")
                } else {
                    CountPhrase::numeric(
                        format!("fewer than {}", digits(stated)),
                        stated,
                        "fewer_than",
                    )
                }
            }
            _ => CountPhrase::numeric(digits(value), value, "exact"),
        };
        return phrase;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_words() {
        for (value, expected) in [
            (5, "5"),
            (1250, "1,250"),
            (1_000_000, "1,000,000"),
            (100, "100"),
        ] {
            assert_eq!(digits(value), expected);
        }
        for (value, expected) in [
            (26, "twenty-six"),
            (40, "forty"),
            (12, "twelve"),
            (150, "150"),
        ] {
            assert_eq!(words(value), expected);
        }
    }

    #[test]
    fn every_numeric_phrase_states_its_value() {
        let mut rng = SplitMix64::new(3);
        for value in [2u64, 5, 11, 13, 26, 37, 58, 87, 104, 130, 480, 2300, 45_000] {
            for _ in 0..200 {
                let phrase = phrase_count(&mut rng, value, PhrasingMix::default());
                match phrase.value {
                    Some(stated) => {
                        assert!(stated >= 1, "{phrase:?}");
                        let stated_words = [digits(stated), words(stated)];
                        let has_number = stated_words
                            .iter()
                            .any(|w| phrase.words.contains(w.as_str()))
                            || phrase.words.contains("dozen")
                            || phrase.words.contains("hundred");
                        assert!(has_number, "{phrase:?}");
                    }
                    None => assert_eq!(phrase.qualifier, "vague"),
                }
            }
        }
    }
}
