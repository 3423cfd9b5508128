//! Names across scripts, and how closely two people's identities match.
//!
//! A border officer queries a traveller against alert lists whose entries were written by other
//! officers, in other countries, often in another script. This module holds the pure parts of
//! that query, with no I/O:
//!
//! - [`translit`]: ICAO Doc 9303 Part 3 transliteration into the MRZ alphabet (Latin diacritics,
//!   Cyrillic, Arabic) and back from an Arabic-scheme MRZ name to Arabic script;
//! - [`Name`]: a name split into parts, with particles (`AL`, `BIN`, `VAN`, `DE`…) and initials
//!   recognised;
//! - [`phonetic`]: a sound key that survives the usual transcription variants;
//! - [`dates`]: dates of birth known in full or in part;
//! - [`score`]: the match score of two identities, returned with its explanation;
//! - [`index`]: a list indexed for screening, so a query scores a few candidates, not the list.

pub mod dates;
pub mod index;
pub mod phonetic;
pub mod score;
pub mod translit;

pub use dates::PartialDate;
pub use index::{Candidate, ListIndex};
pub use score::{Explanation, Feature, FeatureKind, Identity, compare};
pub use translit::{Script, transliterate};

/// The longest name accepted, in characters. Real names run well under a hundred; a longer text is
/// a paste or an attack, not a name.
pub const MAX_NAME_CHARS: usize = 200;

/// The most name parts kept for a name.
pub const MAX_PARTS: usize = 12;

/// Why a text is not a name that can be matched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than {MAX_NAME_CHARS} characters")]
    TooLong,
    #[error("the name mixes scripts (for example Latin and Cyrillic letters)")]
    MixedScripts,
    #[error("the name holds an invisible control character (U+{:04X})", *.0 as u32)]
    Control(char),
    #[error("the name holds '{0}', which no ICAO transliteration table covers")]
    UnsupportedCharacter(char),
}

/// The checks made before any transliteration: length and invisible characters.
fn check_raw(name: &str) -> Result<(), NameError> {
    if name.chars().nth(MAX_NAME_CHARS).is_some() {
        return Err(NameError::TooLong);
    }
    if let Some(c) = name.chars().find(|c| {
        translit::is_bidi_control(*c)
            || (c.is_control() && !c.is_whitespace())
            || matches!(*c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
    }) {
        return Err(NameError::Control(c));
    }
    if name.trim().is_empty() {
        return Err(NameError::Empty);
    }
    Ok(())
}

/// Words that join a name part to a family, place or father rather than name a person: kept in
/// the name, but neither required nor sufficient for a match. Short words that are also
/// surnames or given names somewhere (LE, DO, DI, DA, LA, DU, BEN, Y) are not in the list: a
/// missing one costs a little as a missing part, rather than `LE MINH` matching `DO MINH`.
pub const PARTICLES: &[&str] = &[
    "AL", "EL", "UL", "BIN", "IBN", "BINT", "BINTI", "BINTE", "ABU", "OULD", "VAN", "VON", "DER",
    "DEN", "TER", "DE", "DEL", "DELLA", "DOS", "DAS", "DES", "MAC", "MC", "ST",
];

/// Whether `part` (in the MRZ alphabet) is a particle.
pub fn is_particle(part: &str) -> bool {
    PARTICLES.contains(&part)
}

/// A name ready to compare: its transliterated forms split into parts, and its Arabic-script
/// reading when it was given in Arabic or in Table C's scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The name as given, trimmed.
    pub given: String,
    pub script: Script,
    /// Each permitted spelling: its parts in order, particles included.
    pub forms: Vec<Vec<String>>,
    /// The name in Arabic script, folded for comparison, when it has one.
    pub arabic: Option<String>,
}

impl Name {
    /// Reads a name typed by a person or read from an MRZ (`SURNAME<<GIVEN<NAMES`).
    pub fn parse(text: &str) -> Result<Name, NameError> {
        let transliterated = transliterate(text)?;
        let mut forms = transliterated.forms;
        for form in &mut forms {
            form.truncate(MAX_PARTS);
        }
        let arabic = match transliterated.script {
            Script::Arabic => Some(translit::fold_arabic(text.trim())),
            // An MRZ name written by Table C reads back to Arabic when every part does and at
            // least one part uses an escape only that table writes.
            _ => {
                let parts = &forms[0];
                let read: Option<Vec<String>> =
                    parts.iter().map(|p| translit::arabic_from_mrz(p)).collect();
                read.filter(|_| parts.iter().any(|p| p.contains('X')))
                    .map(|r| translit::fold_arabic(&r.join(" ")))
            }
        };
        if arabic.is_none() {
            // An MRZ written with Table A's XX forms (`MUXXLLER`, `PENXXA`, `BJOXXRN`) also
            // reads as the recommended and the bare spelling.
            for bare in [false, true] {
                let respelled: Vec<String> = forms[0]
                    .iter()
                    .map(|p| {
                        let (a, o, u) = if bare {
                            ("A", "O", "U")
                        } else {
                            ("AE", "OE", "UE")
                        };
                        p.replace("AXX", a)
                            .replace("OXX", o)
                            .replace("UXX", u)
                            .replace("NXX", "N")
                    })
                    .collect();
                if !forms.contains(&respelled) {
                    forms.push(respelled);
                }
            }
        }
        Ok(Name {
            given: text.trim().to_string(),
            script: transliterated.script,
            forms,
            arabic,
        })
    }

    /// The recommended MRZ form, parts joined by spaces.
    pub fn mrz(&self) -> String {
        self.forms[0].join(" ")
    }

    /// The parts of the recommended form that are not particles.
    pub fn core_parts(&self) -> impl Iterator<Item = &str> {
        self.forms[0]
            .iter()
            .map(String::as_str)
            .filter(|p| !is_particle(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mrz_name_and_a_typed_name_read_alike() {
        let mrz = Name::parse("AL<RASHID<<OMAR<KHALID").unwrap();
        let typed = Name::parse("al-Rashid, Omar Khalid").unwrap();
        assert_eq!(mrz.forms, typed.forms);
        assert_eq!(
            mrz.core_parts().collect::<Vec<_>>(),
            ["RASHID", "OMAR", "KHALID"]
        );
    }

    #[test]
    fn an_arabic_scheme_mrz_name_reads_back_to_arabic_script() {
        let from_script = Name::parse("خالد الشريف").unwrap();
        let from_mrz = Name::parse("XKHALD<ALXSHRYF").unwrap();
        assert_eq!(from_script.arabic, from_mrz.arabic);
        assert!(Name::parse("ALI<HASSAN").unwrap().arabic.is_none());
    }

    #[test]
    fn bad_names_are_refused_with_the_reason() {
        assert_eq!(Name::parse(""), Err(NameError::Empty));
        assert_eq!(Name::parse("   "), Err(NameError::Empty));
        assert_eq!(Name::parse(&"A".repeat(10_000)), Err(NameError::TooLong));
        assert_eq!(
            Name::parse("ANNA\u{0007}"),
            Err(NameError::Control('\u{7}'))
        );
        assert_eq!(
            Name::parse("ANNA\u{200B}"),
            Err(NameError::Control('\u{200B}'))
        );
        assert_eq!(
            NameError::Control('\u{202E}').to_string(),
            "the name holds an invisible control character (U+202E)"
        );
    }

    #[test]
    fn an_mrz_in_the_xx_forms_reads_as_the_other_spellings_too() {
        let name = Name::parse("ARGUXXELLO<IBANXXEZ<<BEGONXXA").unwrap();
        assert!(
            name.forms
                .contains(&vec!["ARGUELLO".into(), "IBANEZ".into(), "BEGONA".into()])
        );
        assert!(
            name.forms
                .contains(&vec!["ARGUEELLO".into(), "IBANEZ".into(), "BEGONA".into()])
        );
    }

    #[test]
    fn short_words_that_are_also_surnames_are_not_dropped() {
        use crate::names::{Identity, compare};
        let le = Identity::named(Name::parse("LE MINH").unwrap());
        let do_ = Identity::named(Name::parse("DO MINH").unwrap());
        assert!(!compare(&le, &do_).hit);
    }

    #[test]
    fn parts_are_bounded() {
        let name = Name::parse(&"AB ".repeat(40)).unwrap();
        assert_eq!(name.forms[0].len(), MAX_PARTS);
    }
}
