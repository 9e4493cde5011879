#![no_main]
//! The cleaning view: every kept byte maps to the identical original byte.

use concord::report::clean::CleanedText;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else {
        return;
    };
    // The first line doubles as the title, so caption comparison runs.
    let title = original.lines().next();
    let cleaned = CleanedText::clean(original, title);
    for (offset, byte) in cleaned.text.bytes().enumerate() {
        assert_eq!(original.as_bytes()[cleaned.to_original(offset)], byte);
    }
    let mut start = 0;
    for line in cleaned.text.split_inclusive('\n') {
        let end = start + line.len();
        let (os, oe) = cleaned.original_span(start, end);
        assert_eq!(&original[os..oe], line);
        start = end;
    }
    let dropped: usize = cleaned.dropped.iter().map(|d| d.end - d.start).sum();
    assert_eq!(cleaned.text.len() + dropped, original.len());
});
