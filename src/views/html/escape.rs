//! JSON that is safe inside an HTML `<script type="application/json">`.
//!
//! The HTML parser ends a script element at the first `</script` whatever
//! the script's type, and `<!--` inside one changes how it looks for the
//! end. JSON may hold any of these inside a string (reports are untrusted
//! text). Writing `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`
//! leaves the same JSON value with none of those characters in the bytes,
//! so nothing a report says can end the element or start markup. U+2028
//! and U+2029 are written `\u2028` and `\u2029` too: they are valid in
//! JSON strings but were line terminators in JavaScript before ES2019, and
//! the page should not depend on which engine reads it.

use serde::Serialize;

/// `json` (a serialized JSON value) with `<`, `>`, `&`, U+2028 and U+2029
/// written as JSON escapes. Outside strings JSON has none of these
/// characters, so the result is the same value.
pub fn script_safe_json(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len() + json.len() / 16);
    for character in json.chars() {
        match character {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// `value` as JSON for a script element (see `script_safe_json`).
pub fn to_script_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    Ok(script_safe_json(&serde_json::to_string(value)?))
}

/// Text for an HTML text node or a double-quoted attribute value: `&`,
/// `<`, `>`, `"` and `'` as character references.
pub fn html_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_script_in_a_string_cannot_end_the_element() {
        let value = serde_json::json!({
            "text": "</script><script>alert(1)</script> <!-- a & b \u{2028}\u{2029}"
        });
        let escaped = to_script_json(&value).expect("serializes");
        assert_eq!(
            escaped,
            r#"{"text":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u003c!-- a \u0026 b \u2028\u2029"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn html_text_escapes_markup_and_quotes() {
        assert_eq!(
            html_text(r#"<b class="x">Tom's & co</b>"#),
            "&lt;b class=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/b&gt;"
        );
    }

    proptest! {
        /// Any string survives the round trip, and the escaped JSON holds
        /// none of the characters that could end or open markup.
        #[test]
        fn escaped_json_is_the_same_value_without_markup_characters(
            text in "(\\PC|[<>&/!\u{2028}\u{2029}-])*"
        ) {
            let escaped = to_script_json(&text).expect("serializes");
            let markup = ['<', '>', '&', '\u{2028}', '\u{2029}'];
            prop_assert!(!escaped.contains(markup), "{}", escaped);
            let back: String = serde_json::from_str(&escaped).expect("still JSON");
            prop_assert_eq!(back, text);
        }
    }
}
