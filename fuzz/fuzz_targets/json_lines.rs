#![no_main]
//! JSON Lines: every non-blank line gives exactly one outcome, in order.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let results = concord_fuzz::read_and_check("feed.jsonl", data);
    let non_blank = data
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(results.len(), non_blank.max(1));
});
