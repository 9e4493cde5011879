#![no_main]
//! Text, markdown and monitoring-record files: front matter splitting,
//! record recognition, titles. The stored text must be the file from the
//! body offset on, byte for byte.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["report.md", "report.txt"] {
        let results = concord_fuzz::read_and_check(name, data);
        assert_eq!(results.len(), 1, "one file, one outcome");
        if let Ok(report) = &results[0] {
            assert_eq!(report.text.as_bytes(), &data[report.body_offset..]);
        }
    }
});
