//! Name folding: the one normal form every lookup key goes through.

/// Folds a name for lookup: lowercase, diacritics of Latin letters stripped
/// ("Aktöbe", "Qyzyłorda", "Bogotá"), hyphens, dots and apostrophes dropped
/// (including the modifier letters ʻ ʼ used in Uzbek and Kazakh
/// romanisations), whitespace collapsed to single spaces and trimmed.
///
/// "Nur-Sultan" → "nursultan", "St. Petersburg" → "st petersburg",
/// "Oʻral" → "oral". Letters outside the Latin script pass through
/// lowercased.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_name_into(name, &mut out);
    out
}

/// Longest name [`with_folded`] folds on the stack.
const STACK_FOLD_LIMIT: usize = 64;

/// Calls `f` with the folded name. Short ASCII names (nearly every lookup
/// while scanning a report) are folded into a stack buffer, by the same
/// rules as the ASCII branch of [`fold_name_into`], instead of a new
/// `String` per lookup.
pub(super) fn with_folded<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    if name.len() > STACK_FOLD_LIMIT || !name.is_ascii() {
        return f(&fold_name(name));
    }
    let mut buffer = [0u8; STACK_FOLD_LIMIT];
    let mut len = 0;
    let mut last_space = true;
    for byte in name.bytes() {
        match byte {
            b'-' | b'\'' | b'.' | b'`' => {}
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => {
                if !last_space {
                    buffer[len] = b' ';
                    len += 1;
                    last_space = true;
                }
            }
            other => {
                buffer[len] = other.to_ascii_lowercase();
                len += 1;
                last_space = false;
            }
        }
    }
    if len > 0 && buffer[len - 1] == b' ' {
        len -= 1;
    }
    match std::str::from_utf8(&buffer[..len]) {
        Ok(folded) => f(folded),
        // Unreachable (ASCII in, ASCII out); folding afresh stays correct.
        Err(_) => f(&fold_name(name)),
    }
}

/// [`fold_name`] appending to `out`: lets the loader fold half a million
/// names into one buffer without an allocation each.
pub(super) fn fold_name_into(name: &str, out: &mut String) {
    let start = out.len();
    let mut last_space = true;
    if name.is_ascii() {
        // Most names: no decoding, no Unicode case tables.
        for byte in name.bytes() {
            match byte {
                b'-' | b'\'' | b'.' | b'`' => {}
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => {
                    if !last_space {
                        out.push(' ');
                        last_space = true;
                    }
                }
                other => {
                    out.push(char::from(other.to_ascii_lowercase()));
                    last_space = false;
                }
            }
        }
        if out.len() > start && out.ends_with(' ') {
            out.pop();
        }
        return;
    }
    for raw in name.chars() {
        if is_dropped_punctuation(raw) {
            continue;
        }
        if raw.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        if raw.is_ascii() {
            out.push(raw.to_ascii_lowercase());
        } else {
            push_folded_letter(raw, out);
        }
        last_space = false;
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

/// `text` with its non-ASCII letters lowercased and their Latin
/// diacritics stripped ("ALMATı" → "ALMATi", "São" → "Sao", "Straße" →
/// "Strasse", "e\u{301}" → "e"), by the letter table [`fold_name`] uses;
/// ASCII and letters of other scripts otherwise left as they are, and
/// nothing else dropped. Borrowed when `text` is ASCII.
pub fn fold_latin_letters(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for raw in text.chars() {
        if raw.is_ascii() {
            out.push(raw);
        } else {
            push_folded_letter(raw, &mut out);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A non-ASCII character lowercased, a Latin letter's diacritics
/// stripped, a combining mark dropped: the letter rule of [`fold_name`]
/// and [`fold_latin_letters`].
fn push_folded_letter(raw: char, out: &mut String) {
    for lower in raw.to_lowercase() {
        match strip_diacritic(lower) {
            Some(replacement) => out.push_str(replacement),
            None if is_combining_mark(lower) => {}
            None => out.push(lower),
        }
    }
}

fn is_dropped_punctuation(c: char) -> bool {
    matches!(
        c,
        '-' | '\'' | '.' | '’' | '‘' | 'ʻ' | 'ʼ' | 'ʹ' | '`' | '´' | '‐' | '‑' | '–'
    )
}

/// Combining diacritical marks (text in decomposed form, "e\u{301}").
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The base letters of lowercase Latin letters with diacritics. Covers
/// Latin-1 Supplement, Latin Extended-A, the common Extended-B letters and
/// the Vietnamese block of Latin Extended Additional.
fn strip_diacritic(c: char) -> Option<&'static str> {
    let base =
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǻ' | 'ȁ' | 'ȃ' | 'ạ' => {
                "a"
            }
            'æ' | 'ǽ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' | 'ḍ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ȅ' | 'ȇ' | 'ẹ' | 'ẽ' | 'ə'
            | 'ǝ' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'ǧ' | 'ǵ' => "g",
            'ĥ' | 'ħ' | 'ḥ' | 'ḫ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ȉ' | 'ȋ' | 'ị' | 'ɨ' => {
                "i"
            }
            'ĳ' => "ij",
            'ĵ' | 'ǰ' => "j",
            'ķ' | 'ǩ' | 'ḳ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'ḷ' => "l",
            'ṃ' => "m",
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ǹ' | 'ṇ' => "n",
            'ŋ' => "ng",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ǿ' | 'ȍ' | 'ȏ'
            | 'ɵ' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' | 'ȑ' | 'ȓ' | 'ṛ' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ǖ' | 'ǘ'
            | 'ǚ' | 'ǜ' | 'ȕ' | 'ȗ' | 'ʉ' => "u",
            'ŵ' | 'ẁ' | 'ẃ' | 'ẅ' => "w",
            'ý' | 'ÿ' | 'ŷ' | 'ȳ' => "y",
            'ź' | 'ż' | 'ž' | 'ẓ' => "z",
            other => return vietnamese_base(other),
        };
    Some(base)
}

/// Latin Extended Additional, Vietnamese letters (U+1EA0–U+1EF9): the
/// block is laid out by base letter, so ranges suffice.
fn vietnamese_base(c: char) -> Option<&'static str> {
    match c as u32 {
        0x1EA0..=0x1EB7 => Some("a"),
        0x1EB8..=0x1EC7 => Some("e"),
        0x1EC8..=0x1ECB => Some("i"),
        0x1ECC..=0x1EE3 => Some("o"),
        0x1EE4..=0x1EF1 => Some("u"),
        0x1EF2..=0x1EF9 => Some("y"),
        _ => None,
    }
}
