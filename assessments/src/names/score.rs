//! The match score of two identities, with its explanation.
//!
//! The score is the weighted mean of the features both identities let us compare: how the names
//! agree (exactly, in spelling, in sound, in Arabic script), the date of birth, nationality, sex
//! and document number. Every feature is returned with its value and weight, and the name parts
//! are returned paired as they were matched, so an officer sees why a candidate scored as it did
//! — the officer decides, not the matcher.

use super::dates::{DateAgreement, PartialDate};
use super::{Name, is_particle, phonetic};
use serde::{Deserialize, Serialize};

/// The score at and above which a candidate is a hit to be handled, chosen on the labelled test
/// set (`content/tests/name_matching.rs`; precision and recall in `docs/benchmarks.md`).
pub const HIT_THRESHOLD: f64 = 0.75;

/// Sex as a travel document records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "F")]
    Female,
    #[serde(rename = "M")]
    Male,
    /// `X` or `<` in an MRZ: not specified.
    #[serde(rename = "X")]
    Unspecified,
}

impl Sex {
    /// Reads `F`, `M`, `X` or `<`.
    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim() {
            "F" | "f" => Some(Sex::Female),
            "M" | "m" => Some(Sex::Male),
            "X" | "x" | "<" => Some(Sex::Unspecified),
            _ => None,
        }
    }
}

/// One side of a comparison: a traveller, or an alert-list entry with its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub name: Name,
    pub aliases: Vec<Name>,
    pub birth: Option<PartialDate>,
    /// ICAO three-letter code.
    pub nationality: Option<String>,
    pub sex: Option<Sex>,
    pub document: Option<String>,
}

impl Identity {
    /// An identity known by name only.
    pub fn named(name: Name) -> Identity {
        Identity {
            name,
            aliases: Vec::new(),
            birth: None,
            nationality: None,
            sex: None,
            document: None,
        }
    }
}

/// What a feature compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// The same name parts, in any order, particles aside.
    NameExact,
    /// Jaro-Winkler similarity of the paired name parts.
    NameSpelling,
    /// Share of the paired name parts that sound alike ([`phonetic::key`]).
    NameSound,
    /// Jaro-Winkler similarity of the names in Arabic script, when both have one.
    NameArabic,
    DateOfBirth,
    Nationality,
    Sex,
    /// Counts only when equal: people change documents, so another number is no evidence.
    DocumentNumber,
}

impl FeatureKind {
    /// The feature's weight in the score.
    pub fn weight(self) -> f64 {
        match self {
            FeatureKind::NameExact => 0.10,
            FeatureKind::NameSpelling => 0.30,
            FeatureKind::NameSound => 0.20,
            FeatureKind::NameArabic => 0.15,
            FeatureKind::DateOfBirth => 0.25,
            FeatureKind::Nationality => 0.05,
            FeatureKind::Sex => 0.03,
            FeatureKind::DocumentNumber => 0.10,
        }
    }
}

/// One feature of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    pub kind: FeatureKind,
    /// Whether both sides carried what this feature compares; a feature not compared counts
    /// neither for nor against.
    pub compared: bool,
    /// From 0 (no agreement) to 1.
    pub value: f64,
    pub weight: f64,
}

/// How two name parts were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    Same,
    /// One part is the other's initial.
    Initial,
    /// Spelled differently, sounding alike.
    SoundsAlike,
    /// Spelled and sounding differently.
    Different,
}

/// Two name parts paired by the matcher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartPair {
    pub query: String,
    pub candidate: String,
    pub kind: PairKind,
    pub spelling: f64,
}

/// Why two identities scored as they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// From 0 to 1.
    pub score: f64,
    pub hit: bool,
    pub features: Vec<Feature>,
    /// The spellings compared (the MRZ forms that agreed best).
    pub query_form: String,
    pub candidate_form: String,
    /// Which of the candidate's aliases matched best (`None`: the main name).
    pub alias: Option<usize>,
    pub pairs: Vec<PartPair>,
    /// Name parts of either side left without a partner.
    pub unpaired: Vec<String>,
    /// The paired parts stand in another order on the two sides.
    pub reordered: bool,
    /// The parts matched best written together (`ABDUL RAHMAN` against `ABDULRAHMAN`).
    pub joined: bool,
    pub date: Option<DateAgreement>,
}

/// The comparison of two names, before other features.
#[derive(Debug, Clone)]
struct NameAgreement {
    /// The same parts, particles aside. Like `spelling`, `None` when one name is in Doc 9303's
    /// Arabic scheme and the other is not: their letters cannot be compared one by one (`EMR`
    /// against `OMAR`).
    exact: Option<bool>,
    spelling: Option<f64>,
    sound: f64,
    arabic: Option<f64>,
    query_form: String,
    candidate_form: String,
    pairs: Vec<PartPair>,
    unpaired: Vec<String>,
    reordered: bool,
    joined: bool,
}

impl NameAgreement {
    fn features(&self) -> [(FeatureKind, Option<f64>); 4] {
        [
            (
                FeatureKind::NameExact,
                self.exact.map(|e| f64::from(u8::from(e))),
            ),
            (FeatureKind::NameSpelling, self.spelling),
            (FeatureKind::NameSound, Some(self.sound)),
            (FeatureKind::NameArabic, self.arabic),
        ]
    }

    fn strength(&self) -> f64 {
        weighted_mean(self.features())
    }
}

/// The weighted mean of the features compared.
fn weighted_mean(features: impl IntoIterator<Item = (FeatureKind, Option<f64>)>) -> f64 {
    let (sum, weight) = features
        .into_iter()
        .filter_map(|(kind, value)| Some((kind.weight(), value?)))
        .fold((0.0, 0.0), |(s, w), (weight, value)| {
            (s + weight * value, w + weight)
        });
    if weight > 0.0 { sum / weight } else { 0.0 }
}

struct Part<'a> {
    text: &'a str,
    key: String,
    /// The part without an article written onto it (`ALRASHID`, Arabic-scheme `ALXSHRYF`).
    bare: Option<(&'a str, String)>,
}

/// The Arabic article written onto a name part, as Arabic script always writes it.
fn without_article(part: &str) -> Option<&str> {
    ["AL", "EL"]
        .iter()
        .find_map(|a| part.strip_prefix(a))
        .filter(|rest| rest.len() >= 3)
}

/// The parts of `form` that are not particles. `article_apart` says whether the article written
/// onto a part may be read apart (`ALRASHID` as `RASHID`): always in the Arabic scheme, and in
/// a Latin name only when the other name writes the article apart — `ALBERT` is not `BERT`.
fn parts<'a>(form: &'a [String], arabic_scheme: bool, article_apart: bool) -> Vec<Part<'a>> {
    let core: Vec<&String> = form.iter().filter(|p| !is_particle(p)).collect();
    let chosen: Vec<&String> = if core.is_empty() {
        form.iter().collect()
    } else {
        core
    };
    chosen
        .into_iter()
        .map(|p| Part {
            text: p,
            key: phonetic::key(p, arabic_scheme),
            bare: without_article(p)
                .filter(|_| arabic_scheme || article_apart)
                .map(|b| (b, phonetic::key(b, arabic_scheme))),
        })
        .collect()
}

/// How two parts agree: spelling, sound (1 when the keys are equal, less for near keys),
/// whether they sound alike, whether one is the other's initial. A part with an article
/// written onto it is also compared without it.
fn agree(x: &Part, y: &Part) -> (f64, f64, bool, bool) {
    fn forms<'p>(p: &'p Part) -> Vec<(&'p str, &'p str)> {
        let mut v = vec![(p.text, p.key.as_str())];
        if let Some((b, k)) = &p.bare {
            v.push((*b, k.as_str()));
        }
        v
    }
    let mut best = (0.0, 0.0, false, false);
    for (a, ka) in forms(x) {
        for (b, kb) in forms(y) {
            let (s, initial) = spelling(a, b);
            let alike = ka == kb || initial;
            // Near keys (one sound added or lost) count for less than equal ones.
            let sound = if alike {
                1.0
            } else {
                0.8 * strsim::jaro_winkler(ka, kb)
            };
            if s + sound > best.0 + best.1 {
                best = (s, sound, alike, initial);
            }
        }
    }
    best
}

fn spelling(a: &str, b: &str) -> (f64, bool) {
    if a == b {
        return (1.0, false);
    }
    let initial = |short: &str, long: &str| short.len() == 1 && long.starts_with(short);
    if initial(a, b) || initial(b, a) {
        return (0.9, true);
    }
    (strsim::jaro_winkler(a, b), false)
}

fn compare_forms(a: &[String], a_arabic: bool, b: &[String], b_arabic: bool) -> NameAgreement {
    let article = |form: &[String]| form.iter().any(|p| p == "AL" || p == "EL");
    let pa = parts(a, a_arabic, article(b));
    let pb = parts(b, b_arabic, article(a));
    let mut sorted_a: Vec<&str> = pa.iter().map(|p| p.text).collect();
    let mut sorted_b: Vec<&str> = pb.iter().map(|p| p.text).collect();
    sorted_a.sort_unstable();
    sorted_b.sort_unstable();
    let exact = sorted_a == sorted_b;

    // Pair parts greedily, best pairs first.
    let mut candidates = Vec::with_capacity(pa.len() * pb.len());
    for (i, x) in pa.iter().enumerate() {
        for (j, y) in pb.iter().enumerate() {
            let (s, sound, alike, initial) = agree(x, y);
            candidates.push((s + sound, s, sound, alike, initial, i, j));
        }
    }
    candidates.sort_by(|l, r| r.0.total_cmp(&l.0).then(l.5.cmp(&r.5)).then(l.6.cmp(&r.6)));
    let (mut used_a, mut used_b) = (vec![false; pa.len()], vec![false; pb.len()]);
    let mut chosen = Vec::new();
    for (_, s, sound, alike, initial, i, j) in candidates {
        // A poor pair is no pair: the part stays unpaired.
        if used_a[i] || used_b[j] || (s < 0.8 && !alike) {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        chosen.push((i, j, s, sound, alike, initial));
    }
    chosen.sort_by_key(|c| c.0);
    let reordered = chosen.windows(2).any(|w| w[0].1 > w[1].1);

    let len = |p: &Part| p.text.len() as f64;
    let total: f64 = pa.iter().map(len).sum::<f64>() + pb.iter().map(len).sum::<f64>();
    let paired_len: f64 = chosen
        .iter()
        .map(|(i, j, ..)| len(&pa[*i]) + len(&pb[*j]))
        .sum();
    let weight_of = |i: usize, j: usize| len(&pa[i]).max(len(&pb[j]));
    let weights: f64 = chosen.iter().map(|(i, j, ..)| weight_of(*i, *j)).sum();
    // Parts without a partner weaken the agreement: a single shared part of a long name is
    // little evidence. A part missing on one side is common (lists often hold a father's name
    // the passport leaves out); parts left over on both sides contradict each other.
    let conflicting = used_a.contains(&false) && used_b.contains(&false);
    let coverage = match (total > 0.0, conflicting) {
        (false, _) => 0.0,
        (true, false) => 0.5 + 0.5 * paired_len / total,
        (true, true) => paired_len / total,
    };
    let (mut spelling_value, mut sound_value) = if weights > 0.0 {
        (
            chosen
                .iter()
                .map(|(i, j, s, ..)| s * weight_of(*i, *j))
                .sum::<f64>()
                / weights
                * coverage,
            chosen
                .iter()
                .map(|(i, j, _, sound, ..)| sound * weight_of(*i, *j))
                .sum::<f64>()
                / weights
                * coverage,
        )
    } else {
        (0.0, 0.0)
    };

    // Split and merged parts: compare the names written together, in their own order and with
    // their particles (`VAN DER BERG` against `VANDERBERG`).
    let joined_a: String = a.concat();
    let joined_b: String = b.concat();
    // Levenshtein, not Jaro-Winkler: a long shared first part must not pass for a merge.
    let joined_spelling = strsim::normalized_levenshtein(&joined_a, &joined_b);
    let joined_sound = {
        let ka = phonetic::key(&joined_a, a_arabic);
        let kb = phonetic::key(&joined_b, b_arabic);
        if ka == kb { 1.0 } else { 0.0 }
    };
    let joined =
        !exact && a.len() != b.len() && joined_spelling >= 0.8 && joined_spelling > spelling_value;
    if joined {
        spelling_value = joined_spelling;
        sound_value = sound_value.max(joined_sound);
    }

    let mut unpaired: Vec<String> = Vec::new();
    if !joined {
        unpaired.extend(
            pa.iter()
                .zip(&used_a)
                .filter(|(_, u)| !**u)
                .map(|(p, _)| p.text.to_string()),
        );
        unpaired.extend(
            pb.iter()
                .zip(&used_b)
                .filter(|(_, u)| !**u)
                .map(|(p, _)| p.text.to_string()),
        );
    }
    let pairs = chosen
        .iter()
        .map(|(i, j, s, _, alike, initial)| PartPair {
            query: pa[*i].text.to_string(),
            candidate: pb[*j].text.to_string(),
            kind: if pa[*i].text == pb[*j].text {
                PairKind::Same
            } else if *initial {
                PairKind::Initial
            } else if *alike {
                PairKind::SoundsAlike
            } else {
                PairKind::Different
            },
            spelling: round(*s),
        })
        .collect();
    let comparable = a_arabic == b_arabic;
    NameAgreement {
        exact: comparable.then_some(exact),
        spelling: if !comparable {
            None
        } else if exact {
            Some(1.0)
        } else {
            Some(spelling_value)
        },
        sound: if exact { 1.0 } else { sound_value },
        arabic: None,
        query_form: a.join(" "),
        candidate_form: b.join(" "),
        pairs,
        unpaired,
        reordered,
        joined,
    }
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// How two names agree, over every spelling each permits.
fn compare_names(a: &Name, b: &Name) -> NameAgreement {
    let mut best: Option<NameAgreement> = None;
    for fa in &a.forms {
        for fb in &b.forms {
            let mut agreement = compare_forms(fa, a.arabic.is_some(), fb, b.arabic.is_some());
            if let (Some(x), Some(y)) = (&a.arabic, &b.arabic) {
                // In the order given, and part by part in sorted order (reordered names).
                let sorted = |s: &str| {
                    let mut parts: Vec<&str> = s.split(' ').collect();
                    parts.sort_unstable();
                    parts.join(" ")
                };
                agreement.arabic = Some(
                    strsim::jaro_winkler(x, y).max(strsim::jaro_winkler(&sorted(x), &sorted(y))),
                );
            }
            if best
                .as_ref()
                .is_none_or(|b| agreement.strength() > b.strength())
            {
                best = Some(agreement);
            }
        }
    }
    best.expect("a name has at least one form")
}

/// Compares a query (a traveller) with a candidate (an alert-list entry and its aliases).
pub fn compare(query: &Identity, candidate: &Identity) -> Explanation {
    let mut alias = None;
    let mut names = compare_names(&query.name, &candidate.name);
    for (n, other) in candidate.aliases.iter().enumerate() {
        let agreement = compare_names(&query.name, other);
        if agreement.strength() > names.strength() {
            names = agreement;
            alias = Some(n);
        }
    }
    let feature = |kind: FeatureKind, value: Option<f64>| Feature {
        kind,
        compared: value.is_some(),
        value: round(value.unwrap_or(0.0)),
        weight: kind.weight(),
    };
    let date = match (&query.birth, &candidate.birth) {
        (Some(a), Some(b)) => Some(a.agreement(b)),
        _ => None,
    };
    let sex = match (query.sex, candidate.sex) {
        (Some(a), Some(b)) if a != Sex::Unspecified && b != Sex::Unspecified => {
            Some(if a == b { 1.0 } else { 0.0 })
        }
        _ => None,
    };
    let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => Some(if normal_code(a) == normal_code(b) {
            1.0
        } else {
            0.0
        }),
        _ => None,
    };
    let document = same(&query.document, &candidate.document).filter(|v| *v == 1.0);
    let features: Vec<Feature> = names
        .features()
        .into_iter()
        .chain([
            (FeatureKind::DateOfBirth, date.map(DateAgreement::value)),
            (
                FeatureKind::Nationality,
                same(&query.nationality, &candidate.nationality),
            ),
            (FeatureKind::Sex, sex),
            (FeatureKind::DocumentNumber, document),
        ])
        .map(|(kind, value)| feature(kind, value))
        .collect();
    let score = round(weighted_mean(
        features
            .iter()
            .map(|f| (f.kind, f.compared.then_some(f.value))),
    ));
    Explanation {
        score,
        hit: score >= HIT_THRESHOLD,
        features,
        query_form: names.query_form,
        candidate_form: names.candidate_form,
        alias,
        pairs: names.pairs,
        unpaired: names.unpaired,
        reordered: names.reordered,
        joined: names.joined,
        date,
    }
}

/// A code or document number as compared: upper case, without fillers, spaces or hyphens.
fn normal_code(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, birth: &str) -> Identity {
        Identity {
            birth: Some(PartialDate::parse(birth).unwrap()),
            nationality: Some("UTO".into()),
            sex: Some(Sex::Male),
            ..Identity::named(Name::parse(name).unwrap())
        }
    }

    fn score(a: &Identity, b: &Identity) -> Explanation {
        let e = compare(a, b);
        let back = compare(b, a);
        assert!((e.score - back.score).abs() < 0.02, "{e:?}\n{back:?}");
        e
    }

    #[test]
    fn the_same_identity_scores_one_and_every_feature_is_explained() {
        let a = person("HADDAD<<SAMIR<YOUSSEF", "1979-11-02");
        let e = score(&a, &a);
        assert_eq!(e.score, 1.0);
        assert!(e.hit);
        assert_eq!(e.features.len(), 8);
        let weights: f64 = e
            .features
            .iter()
            .filter(|f| f.compared)
            .map(|f| f.weight)
            .sum();
        let sum: f64 = e
            .features
            .iter()
            .filter(|f| f.compared)
            .map(|f| f.weight * f.value)
            .sum();
        assert!((sum / weights - e.score).abs() < 0.001);
        assert!(e.pairs.iter().all(|p| p.kind == PairKind::Same));
    }

    #[test]
    fn transcription_variants_and_reordered_parts_are_hits() {
        let list = person("MUHAMMAD ALI HASSAN", "1980-04-12");
        for variant in ["MOHAMMED ALY HASAN", "HASSAN<<MOHAMED<ALI", "HASAN MUHAMAD"] {
            let e = score(&person(variant, "1980-04-12"), &list);
            assert!(e.hit, "{variant}: {e:?}");
        }
        let e = compare(&person("HASSAN<<MOHAMED<ALI", "1980-04-12"), &list);
        assert!(e.reordered);
        assert!(e.pairs.iter().any(|p| p.kind == PairKind::SoundsAlike));
    }

    #[test]
    fn particles_initials_and_joined_parts_do_not_hide_a_person() {
        let list = person("AL-RASHID, OMAR KHALID", "1975-01-30");
        for variant in ["RASHID OMAR", "ALRASHID OMAR KHALID", "OMAR K AL RASHID"] {
            let e = score(&person(variant, "1975-01-30"), &list);
            assert!(e.hit, "{variant}: {e:?}");
        }
        let e = compare(
            &person("ABDULRAHMAN SALEH", "1990-06-01"),
            &person("ABDUL RAHMAN SALEH", "1990-06-01"),
        );
        assert!(e.hit && e.joined, "{e:?}");
        let e = compare(&person("OMAR K AL RASHID", "1975-01-30"), &list);
        assert!(e.pairs.iter().any(|p| p.kind == PairKind::Initial), "{e:?}");
        // An AL at the start of a Latin name is not an article: ALBERT is not BERT.
        let e = compare(
            &person("ALBERT NOVAK", "1975-01-30"),
            &person("BERT NOVAK", "1975-01-30"),
        );
        assert!(
            e.pairs
                .iter()
                .all(|p| p.query != "ALBERT" || p.spelling < 1.0),
            "{e:?}"
        );
    }

    #[test]
    fn a_shared_common_name_with_another_birth_is_not_a_hit() {
        let list = person("MOHAMMED ALI HASSAN", "1980-04-12");
        let e = score(&person("MOHAMMED ALI HASSAN", "1962-09-30"), &list);
        assert!(!e.hit, "{e:?}");
        let e = score(&person("MOHAMMED YUSUF", "1980-04-12"), &list);
        assert!(!e.hit, "{e:?}");
        let e = score(&person("SOFIA PETROVA", "1980-04-12"), &list);
        // Only the date, nationality and sex agree.
        assert!(e.score < 0.5 && !e.joined, "{e:?}");
    }

    #[test]
    fn date_tolerance_is_explained() {
        let list = person("IVANOVA IRINA", "1988-03-07");
        let e = score(&person("IVANOVA IRINA", "1988-07-03"), &list);
        assert_eq!(e.date, Some(DateAgreement::DayMonthSwapped));
        assert!(e.hit);
        let e = score(&person("IVANOVA IRINA", "1989-03-07"), &list);
        assert_eq!(e.date, Some(DateAgreement::YearOffByOne));
        assert!(e.hit);
    }

    #[test]
    fn an_alias_can_be_the_match() {
        let mut list = person("KARIMOV TIMUR", "1970-05-05");
        list.aliases.push(Name::parse("TEMIROV TAMERLAN").unwrap());
        let e = compare(&person("TAMERLAN TEMIROV", "1970-05-05"), &list);
        assert_eq!(e.alias, Some(0));
        assert!(e.hit);
    }

    #[test]
    fn arabic_script_and_its_mrz_form_compare_in_arabic() {
        let list = person("خالد الشريف", "1983-08-19");
        let e = score(&person("XKHALD<ALXSHRYF", "1983-08-19"), &list);
        let arabic = e
            .features
            .iter()
            .find(|f| f.kind == FeatureKind::NameArabic)
            .unwrap();
        assert!(arabic.compared && arabic.value == 1.0, "{e:?}");
        assert!(e.hit);
        // Reordered, the Arabic readings still agree.
        let e = score(&person("ALXSHRYF<<XKHALD", "1983-08-19"), &list);
        let arabic = e
            .features
            .iter()
            .find(|f| f.kind == FeatureKind::NameArabic)
            .unwrap();
        assert_eq!(arabic.value, 1.0, "{e:?}");
        // The common transcription of the same name sounds alike part by part.
        let e = score(&person("KHALED AL SHARIF", "1983-08-19"), &list);
        assert!(e.hit, "{e:?}");
    }

    #[test]
    fn a_document_number_counts_only_when_it_agrees() {
        let mut a = person("NOVAK PETRA", "1991-12-01");
        let mut b = a.clone();
        a.document = Some("UT1234567".into());
        b.document = Some("UT 123 456 7".into());
        let same = compare(&a, &b);
        assert!(
            same.features
                .iter()
                .any(|f| f.kind == FeatureKind::DocumentNumber && f.compared)
        );
        b.document = Some("XX9999999".into());
        let other = compare(&a, &b);
        assert!(
            !other
                .features
                .iter()
                .any(|f| f.kind == FeatureKind::DocumentNumber && f.compared)
        );
        assert_eq!(other.score, 1.0);
    }
}
