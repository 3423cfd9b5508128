//! Any text given as a name, a date of birth or a watch-list file is read or refused, never a
//! panic or a hang; a name that reads matches itself fully.
#![no_main]

use assessments::names::{Identity, Name, PartialDate, compare};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(name) = Name::parse(text) {
            assert!(!name.forms.is_empty() && !name.forms[0].is_empty());
            let me = Identity::named(name);
            let e = compare(&me, &me);
            assert!(e.hit && (e.score - 1.0).abs() < 1e-9, "{text:?}: {e:?}");
        }
        let _ = PartialDate::parse(text);
        let _ = content::desk::alerts::read_watch_csv(text);
    }
});
