//! Untrusted text on its way out: to a terminal (`terminal_text`) and to a
//! spreadsheet (`spreadsheet_cell`). docs/security.md.
//!
//! Reports are untrusted input: any report's id, outlet, title, url, text
//! (and so every quote, name and place extraction takes from it) and every
//! file name may hold an ANSI or OSC escape sequence that repaints or
//! retitles the analyst's terminal, a bidi override that reorders what the
//! analyst reads, or a formula that a spreadsheet runs on opening an export.
//! **No untrusted string reaches a terminal or a spreadsheet unescaped**:
//! the text views and the CLI's messages print through `terminal_text`, the
//! CSV export writes every cell through `spreadsheet_cell`. The stored
//! original is never changed, and JSON outputs need neither (JSON escapes
//! control characters itself, and a JSON reader sees no formulas).
//!
//! Nothing here can fail, so the module has no error type.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is a character a terminal or a bidi-aware renderer acts on
/// rather than shows: the C0 controls (tab and newline included), DEL, the
/// C1 controls (U+0080-U+009F, among them U+009B, the one-character CSI),
/// and the Unicode bidi embeddings, overrides and isolates (U+202A-U+202E,
/// U+2066-U+2069).
///
/// Extraction blanks the same set (`crate::extract`), so a stray control
/// character changes neither what an analyst sees nor what is found.
#[inline]
pub fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` as it may be written to a terminal: every character of
/// `is_hidden_control` written as a visible escape (`\x1b` for the ASCII
/// ones, `\u{202e}` for the others), and a backslash as `\\`.
///
/// Escaping the backslash is what makes the function injective: in the
/// output every backslash starts an escape, so reading it back is
/// unambiguous and two different strings never print the same (the text
/// `\x1b` prints as `\\x1b`, ESC itself as `\x1b`). Newlines and tabs are
/// escaped too: a title or an outlet is one cell of a line, and a raw
/// newline in it could forge a row. Views that lay out several lines write
/// their own newlines around escaped pieces.
///
/// Borrows when there is nothing to escape, which is nearly always.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    let needs_escaping = text.chars().any(|c| c == '\\' || is_hidden_control(c));
    if !needs_escaping {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\\' {
            escaped.push_str("\\\\");
        } else if is_hidden_control(c) {
            let code = u32::from(c);
            // Writing to a String cannot fail.
            let _ = if code < 0x80 {
                write!(escaped, "\\x{code:02x}")
            } else {
                write!(escaped, "\\u{{{code:x}}}")
            };
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// The characters that make a spreadsheet read a cell as a formula (or, for
/// tab and carriage return, that some spreadsheets skip before looking for
/// one): OWASP's CSV injection list.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a CSV export writes it, and whether it must be quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpreadsheetCell<'a> {
    pub text: Cow<'a, str>,
    /// The cell was neutralised and is to be quoted whatever it holds
    /// (OWASP's advice; the CSV writer quotes other cells only when their
    /// content needs it).
    pub always_quote: bool,
}

/// `text` as a CSV cell that a spreadsheet reads as text: a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'` and is quoted, unless it is a plain number (`-12`, `-3.75`,
/// `+4`), which stays a number.
pub fn spreadsheet_cell(text: &str) -> SpreadsheetCell<'_> {
    let starts_like_a_formula = text.starts_with(FORMULA_TRIGGERS);
    if !starts_like_a_formula || is_plain_number(text) {
        return SpreadsheetCell {
            text: Cow::Borrowed(text),
            always_quote: false,
        };
    }
    SpreadsheetCell {
        text: Cow::Owned(format!("'{text}")),
        always_quote: true,
    }
}

/// An optional sign, digits, and optionally a dot and more digits: what the
/// export writes for figures and coordinates, and nothing a spreadsheet
/// would evaluate as a formula.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads `terminal_text`'s output back; `None` if it is not such an
    /// output. Existing only to prove the escaping injective.
    fn unescape(escaped: &str) -> Option<String> {
        let mut original = String::new();
        let mut chars = escaped.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\\' {
                original.push(c);
                continue;
            }
            match chars.next()? {
                '\\' => original.push('\\'),
                'x' => {
                    let hex: String = chars.by_ref().take(2).collect();
                    original.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'u' => {
                    if chars.next()? != '{' {
                        return None;
                    }
                    let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    original.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            }
        }
        Some(original)
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_become_visible() {
        assert_eq!(
            terminal_text("Evil\u{1b}[2J\u{1b}]0;pwned\u{7} Wire"),
            "Evil\\x1b[2J\\x1b]0;pwned\\x07 Wire"
        );
        assert_eq!(terminal_text("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(terminal_text("one\u{9b}31m"), "one\\u{9b}31m");
        assert_eq!(terminal_text("nul\u{0} del\u{7f}"), "nul\\x00 del\\x7f");
        assert_eq!(terminal_text("a\nb\tc"), "a\\x0ab\\x09c");
        assert_eq!(terminal_text(r"C:\x1b"), r"C:\\x1b");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let ordinary = "Police in Almaty detained «40» people — “so many”, said Ақорда.";
        assert!(matches!(terminal_text(ordinary), Cow::Borrowed(text) if text == ordinary));
    }

    #[test]
    fn formulas_get_a_quote_mark_and_numbers_stay_numbers() {
        for formula in ["=1+1", "+A1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "-", "+"] {
            let cell = spreadsheet_cell(formula);
            assert_eq!(cell.text, format!("'{formula}"));
            assert!(cell.always_quote, "{formula:?}");
        }
        for plain in ["-12", "-3.75", "+4", "43.2567", "", "Almaty", "a=1", "'=x"] {
            let cell = spreadsheet_cell(plain);
            assert_eq!(cell.text, plain);
            assert!(!cell.always_quote, "{plain:?}");
        }
        for not_a_number in ["-1.", "-.5", "-1e5", "- 1", "-1.2.3"] {
            assert!(
                spreadsheet_cell(not_a_number).always_quote,
                "{not_a_number:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn escaped_text_holds_no_control_character(text in any::<String>()) {
            let escaped = terminal_text(&text);
            prop_assert!(!escaped.chars().any(is_hidden_control), "{escaped:?}");
            prop_assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
        }

        #[test]
        fn escaping_is_injective(text in any::<String>(), other in any::<String>()) {
            // Reading the output back gives the input: no two inputs share
            // an output.
            prop_assert_eq!(unescape(&terminal_text(&text)), Some(text.clone()));
            if text != other {
                prop_assert_ne!(terminal_text(&text), terminal_text(&other));
            }
        }

        #[test]
        fn escaping_is_injective_on_hostile_alphabets(
            text in "[\\\\x{}u0-9a-f\u{1b}\u{7}\u{9b}\u{202e}\u{2066}\n\t]{0,12}",
            other in "[\\\\x{}u0-9a-f\u{1b}\u{7}\u{9b}\u{202e}\u{2066}\n\t]{0,12}",
        ) {
            prop_assert_eq!(unescape(&terminal_text(&text)), Some(text.clone()));
            if text != other {
                prop_assert_ne!(terminal_text(&text), terminal_text(&other));
            }
        }

        #[test]
        fn no_cell_starts_like_a_formula_unless_a_number(text in any::<String>()) {
            let cell = spreadsheet_cell(&text);
            if cell.text.starts_with(FORMULA_TRIGGERS) {
                prop_assert!(is_plain_number(&cell.text));
            }
        }
    }
}
