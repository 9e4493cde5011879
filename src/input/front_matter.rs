//! Front matter: a block of `key: value` lines between two `---` lines at
//! the very top of a text or markdown file.
//!
//! Only the flat `key: value` subset of YAML is understood, which is what
//! report front matter needs; values may be quoted. A file whose first line
//! is `---` but which never closes the block has no front matter (a markdown
//! horizontal rule), and its whole text is the body.

use super::InputProblem;

pub(crate) struct FrontMatterField {
    pub key: String,
    pub value: String,
    /// 1-based line in the file, for messages.
    pub line: usize,
}

pub(crate) struct FrontMatter {
    pub fields: Vec<FrontMatterField>,
    /// Byte offset of the first byte after the closing `---` line.
    pub body_offset: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits front matter off `text`. Errors carry the 1-based line.
pub(crate) fn split(text: &str) -> Result<Option<FrontMatter>, (usize, InputProblem)> {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = text[start..].split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Ok(None),
    }
    let mut offset = start
        + text[start..]
            .split_inclusive('\n')
            .next()
            .map_or(0, str::len);
    let mut raw_fields = Vec::new();
    let mut closed_at = None;
    for (index, line) in lines.enumerate() {
        let line_number = index + 2;
        offset += line.len();
        if is_fence(line) {
            closed_at = Some(offset);
            break;
        }
        raw_fields.push((line_number, line));
    }
    let Some(body_offset) = closed_at else {
        return Ok(None);
    };
    let mut fields = Vec::new();
    for (line_number, line) in raw_fields {
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            return Err((
                line_number,
                InputProblem::BadFrontMatterLine {
                    line: content.to_string(),
                },
            ));
        };
        let key = key.trim();
        let key_is_plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '));
        if !key_is_plain {
            return Err((
                line_number,
                InputProblem::BadFrontMatterLine {
                    line: content.to_string(),
                },
            ));
        }
        fields.push(FrontMatterField {
            key: key.to_lowercase(),
            value: unquote(value.trim()).to_string(),
            line: line_number,
        });
    }
    Ok(Some(FrontMatter {
        fields,
        body_offset,
    }))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<(&[(&str, &str)], &str)>) {
        let parsed = split(text).unwrap_or_else(|(line, p)| panic!("line {line}: {p}"));
        match (parsed, expected) {
            (None, None) => {}
            (Some(front), Some((fields, body))) => {
                let got: Vec<(&str, &str)> = front
                    .fields
                    .iter()
                    .map(|f| (f.key.as_str(), f.value.as_str()))
                    .collect();
                assert_eq!(got, fields);
                assert_eq!(&text[front.body_offset..], body);
            }
            (got, expected) => panic!(
                "got {:?}, expected {:?}",
                got.map(|f| f.body_offset),
                expected
            ),
        }
    }

    #[test]
    fn recognises_front_matter_and_its_absence() {
        check("no front matter\n", None);
        check("---\nid: a\n---\nbody\n", Some((&[("id", "a")], "body\n")));
        check(
            "---\r\nTitle: 'Crowd: 300'\r\nurl: https://x.example/a?b=c\r\n---\r\nbody",
            Some((
                &[("title", "Crowd: 300"), ("url", "https://x.example/a?b=c")],
                "body",
            )),
        );
        check("\u{feff}---\nid: a\n---\n", Some((&[("id", "a")], "")));
        // A horizontal rule that never closes is not front matter.
        check("---\nJust prose after a rule.\n", None);
        check(
            "---\n# a comment\n\nid: b\n---\nx",
            Some((&[("id", "b")], "x")),
        );
    }

    #[test]
    fn a_line_that_is_not_key_value_is_an_error_with_its_line() {
        let Err((line, _)) = split("---\nid: a\nthis is prose\n---\nbody\n") else {
            panic!("expected an error");
        };
        assert_eq!(line, 3);
    }
}
