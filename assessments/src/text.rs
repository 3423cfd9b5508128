//! Rules about text itself, shared by the pages, the server and the file writers.

/// Whether `c` changes the direction of the text around it: the embeddings and overrides
/// U+202A–U+202E and the isolates U+2066–U+2069. A name typed with a right-to-left override
/// would reverse whatever is written after it (a spoofed file name, a figure in the next
/// column), so names refuse them and every table and PDF Checkpoint writes drops them.
/// Combining marks, joiners and the plain direction marks U+200E/U+200F are ordinary text.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without [`is_direction_control`] characters.
pub fn without_direction_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_direction_control) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !is_direction_control(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn overrides_and_isolates_go_and_marks_and_joiners_stay() {
        assert_eq!(
            without_direction_controls("Amal\u{202E}fdp.exe\u{2066}x\u{2069}"),
            "Amalfdp.exex"
        );
        for kept in ["Zoë", "Nguyễn", "علي\u{200D}", "a\u{200F}b", "क्\u{200D}ष"] {
            assert_eq!(without_direction_controls(kept), kept, "{kept:?}");
        }
    }

    proptest! {
        #[test]
        fn nothing_that_changes_direction_is_left_and_nothing_else_goes(text in "\\PC*") {
            let clean = without_direction_controls(&text);
            prop_assert!(!clean.contains(is_direction_control));
            let others: String = text.chars().filter(|c| !is_direction_control(*c)).collect();
            prop_assert_eq!(clean.as_ref(), others.as_str());
        }
    }
}
