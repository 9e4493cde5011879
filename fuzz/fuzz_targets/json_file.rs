#![no_main]
//! A JSON file: one report object or an array of them.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    concord_fuzz::read_and_check("reports.json", data);
});
