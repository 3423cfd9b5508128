//! Content that ships with Checkpoint and the formats it is written in: the ISO 3166-1 country
//! list, and course packs (Markdown lessons with TOML metadata) with their renderer.

pub mod demo_assessment;
pub mod desk;
pub mod framework;
pub mod images;
pub mod markdown;
pub mod pack;
pub mod questions;
pub mod specimens;
pub mod tna;
pub mod xlsx;

use serde::Deserialize;

/// The ISO 3166-1 list as shipped (`data/countries.csv`).
const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");

/// One ISO 3166-1 country.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, e.g. `FRA`.
    pub alpha3: String,
    /// ISO 3166-1 alpha-2 code, e.g. `FR`.
    pub alpha2: String,
    /// English short name.
    pub name_en: String,
    /// French short name.
    pub name_fr: String,
    /// Spanish short name (the United Nations').
    pub name_es: String,
    /// Arabic short name (the United Nations').
    pub name_ar: String,
}

/// Every ISO 3166-1 country, sorted by alpha-3 code.
///
/// The data is part of the binary and checked by this crate's tests, so parsing cannot fail at
/// run time; a malformed row would be a build defect caught before release.
pub fn countries() -> Vec<Country> {
    csv::Reader::from_reader(COUNTRIES_CSV.as_bytes())
        .deserialize()
        .collect::<Result<Vec<Country>, _>>()
        .expect("the shipped countries.csv is valid (checked by tests)")
}

pub use assessments::text::{is_direction_control, without_direction_controls};

/// ICAO's fictional issuing state used on specimen documents: it is not in ISO 3166-1, so the
/// demo data adds it explicitly and marks it fictional.
pub fn utopia() -> Country {
    Country {
        alpha3: "UTO".into(),
        alpha2: "UT".into(),
        name_en: "Utopia".into(),
        name_fr: "Utopie".into(),
        name_es: "Utopía".into(),
        name_ar: "يوتوبيا".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ships_every_iso_3166_country_once() {
        let all = countries();
        assert_eq!(
            all.len(),
            249,
            "ISO 3166-1 has 249 officially assigned codes"
        );
        let codes: HashSet<_> = all.iter().map(|c| c.alpha3.as_str()).collect();
        assert_eq!(codes.len(), all.len(), "alpha-3 codes are unique");
        for c in &all {
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert!(c.alpha3.bytes().all(|b| b.is_ascii_uppercase()), "{c:?}");
            assert_eq!(c.alpha2.len(), 2, "{c:?}");
            assert!(
                [&c.name_en, &c.name_fr, &c.name_es, &c.name_ar]
                    .iter()
                    .all(|n| !n.trim().is_empty()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn french_names_are_translations() {
        let all = countries();
        let by = |code: &str| all.iter().find(|c| c.alpha3 == code).cloned().unwrap();
        assert_eq!(by("DEU").name_fr, "Allemagne");
        assert_eq!(by("GBR").name_en, "United Kingdom");
        assert_eq!(by("GBR").name_fr, "Royaume-Uni");
        assert!(
            !all.iter().any(|c| c.alpha3 == "UTO"),
            "Utopia is not an ISO country"
        );
    }
}
