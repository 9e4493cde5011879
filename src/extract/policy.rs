//! The figure policy: how a stated number and its hedge become an interval.
//! This is the one place that decides it (docs/figures.md explains it), so
//! reconciliation can reuse it and a change bumps `FIGURE_POLICY_VERSION`.

use crate::extract::model::Qualifier;

pub const FIGURE_POLICY_VERSION: &str = "figures/4";

/// A vague quantity word and the interval the policy gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VagueInterval {
    pub phrase: &'static str,
    pub lo: u64,
    pub hi: Option<u64>,
}

pub struct FigurePolicy;

impl FigurePolicy {
    pub const VERSION: &'static str = FIGURE_POLICY_VERSION;

    /// Vague quantities, as folded phrases. "some" and "many" alone are not
    /// figures under figures/2 (they state that people were there, not how
    /// many), so they are absent here on purpose.
    ///
    /// The plural orders of magnitude ("hundreds", "thousands", "tens of
    /// thousands", "hundreds of thousands", "millions") name the order of
    /// the count, as "in the hundreds" does: from one unit up to the next
    /// order (figures/4). News rounds a crowd of 1,200 or 1,800 to
    /// "thousands" far more often than to "a thousand", and a coded "100s"
    /// means the same span, so a bound at twice the unit would make an
    /// agreeing "1,500" a conflict. "dozens" is no order of magnitude: it
    /// starts at two dozen.
    pub const VAGUE: &'static [VagueInterval] = &[
        VagueInterval {
            phrase: "a couple",
            lo: 2,
            hi: Some(3),
        },
        VagueInterval {
            phrase: "a few",
            lo: 2,
            hi: Some(5),
        },
        VagueInterval {
            phrase: "a handful",
            lo: 3,
            hi: Some(5),
        },
        VagueInterval {
            phrase: "several",
            lo: 3,
            hi: Some(9),
        },
        VagueInterval {
            phrase: "dozens",
            lo: 24,
            hi: Some(99),
        },
        VagueInterval {
            phrase: "a few dozen",
            lo: 24,
            hi: Some(60),
        },
        VagueInterval {
            phrase: "several dozen",
            lo: 36,
            hi: Some(108),
        },
        VagueInterval {
            phrase: "scores",
            lo: 40,
            hi: Some(99),
        },
        VagueInterval {
            phrase: "hundreds",
            lo: 100,
            hi: Some(999),
        },
        VagueInterval {
            phrase: "a few hundred",
            lo: 200,
            hi: Some(500),
        },
        VagueInterval {
            phrase: "several hundred",
            lo: 300,
            hi: Some(999),
        },
        VagueInterval {
            phrase: "thousands",
            lo: 1_000,
            hi: Some(9_999),
        },
        VagueInterval {
            phrase: "a few thousand",
            lo: 2_000,
            hi: Some(5_000),
        },
        VagueInterval {
            phrase: "several thousand",
            lo: 3_000,
            hi: Some(9_999),
        },
        VagueInterval {
            phrase: "tens of thousands",
            lo: 10_000,
            hi: Some(99_999),
        },
        VagueInterval {
            phrase: "hundreds of thousands",
            lo: 100_000,
            hi: Some(999_999),
        },
        VagueInterval {
            phrase: "millions",
            lo: 1_000_000,
            hi: None,
        },
    ];

    /// The interval of a vague phrase (folded: lowercase, single spaces).
    pub fn vague(phrase: &str) -> Option<VagueInterval> {
        Self::VAGUE.iter().copied().find(|v| v.phrase == phrase)
    }

    /// The interval for a stated number. `nearly` marks "nearly"/"almost",
    /// an approximation from below.
    pub fn interval(
        qualifier: Qualifier,
        value: Option<u64>,
        value_hi: Option<u64>,
        vague_phrase: Option<&str>,
        nearly: bool,
    ) -> (u64, Option<u64>) {
        let Some(n) = value else {
            return match vague_phrase.and_then(Self::vague) {
                Some(v) => (v.lo, v.hi),
                None => (1, None),
            };
        };
        match qualifier {
            Qualifier::Exact => (n, Some(n)),
            Qualifier::Approx if nearly => (n.saturating_mul(9) / 10, Some(n)),
            // ±10%, widened outwards to whole numbers.
            Qualifier::Approx => (
                n.saturating_mul(9) / 10,
                Some(n.saturating_mul(11).div_ceil(10)),
            ),
            Qualifier::AtLeast => (n, None),
            Qualifier::MoreThan => (n.saturating_add(1), None),
            Qualifier::AtMost => (0, Some(n)),
            Qualifier::FewerThan => (0, Some(n.saturating_sub(1))),
            Qualifier::Range => {
                let hi = value_hi.unwrap_or(n);
                (n.min(hi), Some(n.max(hi)))
            }
            Qualifier::Vague => match vague_phrase.and_then(Self::vague) {
                Some(v) => (v.lo, v.hi),
                None => (n, Some(n)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        qualifier: Qualifier,
        value: Option<u64>,
        hi: Option<u64>,
        phrase: Option<&str>,
        expected: (u64, Option<u64>),
    ) {
        assert_eq!(
            FigurePolicy::interval(qualifier, value, hi, phrase, false),
            expected
        );
    }

    #[test]
    fn intervals_follow_figures_1() {
        check(Qualifier::Exact, Some(26), None, None, (26, Some(26)));
        check(Qualifier::Approx, Some(100), None, None, (90, Some(110)));
        check(Qualifier::Approx, Some(12), None, None, (10, Some(14)));
        check(Qualifier::AtLeast, Some(10), None, None, (10, None));
        check(Qualifier::MoreThan, Some(36), None, None, (37, None));
        check(Qualifier::AtMost, Some(15), None, None, (0, Some(15)));
        check(Qualifier::FewerThan, Some(50), None, None, (0, Some(49)));
        check(Qualifier::Range, Some(40), Some(60), None, (40, Some(60)));
        check(Qualifier::Vague, None, None, Some("dozens"), (24, Some(99)));
        check(
            Qualifier::Vague,
            None,
            None,
            Some("a handful"),
            (3, Some(5)),
        );
        assert_eq!(
            FigurePolicy::interval(Qualifier::Approx, Some(40), None, None, true),
            (36, Some(40))
        );
    }
}
