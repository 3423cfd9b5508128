//! Any text given to the MRZ reader is read or refused, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let lines = assessments::mrz::lines_of(text);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        if let Ok(mrz) = assessments::mrz::check(&refs, 2026) {
            // What was read must describe itself consistently.
            assert_eq!(mrz.valid(), mrz.errors.is_empty());
        }
    }
});
