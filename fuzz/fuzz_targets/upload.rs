//! Any bytes uploaded as an exercise image are processed or refused with a reason, never a
//! panic, and never an image beyond the stated limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = content::images::process(data) {
        assert!(p.width <= content::images::MAX_SIDE && p.height <= content::images::MAX_SIDE);
        assert!(!p.full.is_empty() && !p.display.is_empty() && !p.thumb.is_empty());
    }
});
