//! A framework's editions in other languages (`frameworks/translations/<stem>.<lang>.toml`,
//! format in `frameworks/SCHEMA.md`, "Translations"). A translation carries text only, keyed by
//! the source's ids; the edition is the source with its text replaced, so weights, structure and
//! therefore scores are the same in every language.

use super::{Framework, FrameworkError, LEVELS, line_of};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The languages a framework may be translated into (Checkpoint's interface languages).
pub const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Translation {
    framework: String,
    version: String,
    language: String,
    title: String,
    scale: Vec<String>,
    #[serde(default)]
    component: BTreeMap<String, PartText>,
    #[serde(default)]
    element: BTreeMap<String, PartText>,
    #[serde(default)]
    indicator: BTreeMap<String, IndicatorText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartText {
    title: String,
    #[serde(default)]
    summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorText {
    title: String,
    levels: Vec<String>,
    #[serde(default)]
    questions: Vec<String>,
    #[serde(default)]
    evidence: Vec<String>,
}

/// Reads the translation `text` of `source` and returns the edition it makes: `source` with
/// every text replaced. Refused, naming the id, when the translation is for another framework
/// or version, in a language Checkpoint does not speak or the source's own, misses an id or has
/// one the source does not, or gives a list a different length from the source's.
pub fn translate(source: &Framework, text: &str, file: &Path) -> Result<Framework, FrameworkError> {
    let err = |message: String| FrameworkError {
        file: file.to_owned(),
        line: None,
        message,
    };
    let t: Translation = toml::from_str(text).map_err(|e| FrameworkError {
        file: file.to_owned(),
        line: e.span().map(|s| line_of(text, s.start)),
        message: e.message().trim().to_owned(),
    })?;
    if t.framework != source.id || t.version != source.version {
        return Err(err(format!(
            "this translates `{}` version {}, not `{}` version {}",
            t.framework, t.version, source.id, source.version
        )));
    }
    if !LANGUAGES.contains(&t.language.as_str()) || t.language == source.language {
        return Err(err(format!(
            "language `{}`: translate into one of {} other than the source's `{}`",
            t.language,
            LANGUAGES.join(", "),
            source.language
        )));
    }
    let blank = |s: &str| s.trim().is_empty();
    if blank(&t.title) {
        return Err(err("the translation has no title".into()));
    }
    if t.scale.len() != LEVELS || t.scale.iter().any(|s| blank(s)) {
        return Err(err(format!("`scale` must name the {LEVELS} levels 0 to 4")));
    }
    let mut fw = source.clone();
    fw.language = t.language;
    fw.title = t.title;
    fw.scale = t.scale;
    let mut components = t.component;
    let mut elements = t.element;
    let mut indicators = t.indicator;
    let part = |kind: &str, id: &str, found: Option<PartText>| {
        let p = found.ok_or_else(|| err(format!("{kind} `{id}` is not translated")))?;
        if blank(&p.title) {
            return Err(err(format!("{kind} `{id}` has no title")));
        }
        Ok(p)
    };
    for c in &mut fw.components {
        let p = part("component", &c.id, components.remove(&c.id))?;
        (c.title, c.summary) = (p.title, p.summary);
        for e in &mut c.elements {
            let p = part("element", &e.id, elements.remove(&e.id))?;
            (e.title, e.summary) = (p.title, p.summary);
            for i in &mut e.indicators {
                let tr = indicators
                    .remove(&i.id)
                    .ok_or_else(|| err(format!("indicator `{}` is not translated", i.id)))?;
                if blank(&tr.title) {
                    return Err(err(format!("indicator `{}` has no title", i.id)));
                }
                for (what, ours, theirs) in [
                    ("levels", &i.levels, &tr.levels),
                    ("questions", &i.questions, &tr.questions),
                    ("evidence", &i.evidence, &tr.evidence),
                ] {
                    if ours.len() != theirs.len() || theirs.iter().any(|s| blank(s)) {
                        return Err(err(format!(
                            "indicator `{}`: `{what}` must have {} entries, none empty, as the source has",
                            i.id,
                            ours.len()
                        )));
                    }
                }
                i.title = tr.title;
                i.levels = tr.levels;
                i.questions = tr.questions;
                i.evidence = tr.evidence;
            }
        }
    }
    let unknown = components
        .keys()
        .map(|k| ("component", k))
        .chain(elements.keys().map(|k| ("element", k)))
        .chain(indicators.keys().map(|k| ("indicator", k)))
        .next();
    if let Some((kind, id)) = unknown {
        return Err(err(format!(
            "{kind} `{id}` is not in `{}`; translate only the source's ids",
            source.id
        )));
    }
    Ok(fw)
}

/// The translations of the frameworks built into Checkpoint: (file, text).
const BUILTIN: &[(&str, &str)] = &[
    (
        "bmm-2026.ar.toml",
        include_str!("../../frameworks/translations/bmm-2026.ar.toml"),
    ),
    (
        "bmm-2026.es.toml",
        include_str!("../../frameworks/translations/bmm-2026.es.toml"),
    ),
    (
        "bmm-2026.fr.toml",
        include_str!("../../frameworks/translations/bmm-2026.fr.toml"),
    ),
];

/// Every built-in framework's editions in other languages. The tests check each file, so
/// reading them cannot fail in a released binary; a translation of a version no longer built in
/// is left out.
pub(super) fn builtin_editions(sources: &[Framework]) -> Vec<Framework> {
    BUILTIN
        .iter()
        .filter_map(|(name, text)| {
            sources
                .iter()
                .find_map(|fw| translate(fw, text, Path::new(name)).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
id = "mini"
title = "Mini"
version = "1"
scale = ["Absent", "Initial", "Developing", "Established", "Advanced"]

[[component]]
id = "admin"
title = "Administration"
summary = "How agencies are run."
weight = 2.0

  [[component.element]]
  id = "admin-structure"
  title = "Structure"

    [[component.element.indicator]]
    id = "admin-structure-mandate"
    title = "Mandates are defined"
    weight = 1.5
    levels = ["none", "some", "most", "all", "reviewed"]
    questions = ["Who does what?"]
    evidence = ["Laws", "Charts"]
"#;

    const FRENCH: &str = r#"
framework = "mini"
version = "1"
language = "fr"
title = "Mini (fr)"
scale = ["Inexistant", "Initial", "En développement", "Établi", "Avancé"]

[component.admin]
title = "Administration (fr)"
summary = "Comment les services sont gérés."

[element.admin-structure]
title = "Structure (fr)"

[indicator.admin-structure-mandate]
title = "Les mandats sont définis"
levels = ["aucun", "quelques-uns", "la plupart", "tous", "révisés"]
questions = ["Qui fait quoi ?"]
evidence = ["Lois", "Organigrammes"]
"#;

    fn source() -> Framework {
        super::super::parse(SOURCE, Path::new("mini.toml")).expect("the source reads")
    }

    fn try_french(text: &str) -> Result<Framework, FrameworkError> {
        translate(&source(), text, Path::new("mini.fr.toml"))
    }

    #[test]
    fn an_edition_has_the_translated_text_and_the_source_structure() {
        let fr = try_french(FRENCH).expect("the translation reads");
        let src = source();
        assert_eq!(fr.language, "fr");
        assert_eq!(fr.title, "Mini (fr)");
        assert_eq!(fr.scale[2], "En développement");
        let (c, e, i) = fr.indicators().next().expect("one indicator");
        assert_eq!(c.title, "Administration (fr)");
        assert_eq!(e.title, "Structure (fr)");
        assert_eq!(e.summary, "", "a summary the source lacks stays empty");
        assert_eq!(i.levels[4], "révisés");
        assert_eq!(i.evidence, ["Lois", "Organigrammes"]);
        assert_eq!(
            (c.weight, i.weight),
            (2.0, 1.5),
            "weights come from the source"
        );
        assert_eq!(fr.summary(), src.summary());
        assert_eq!(
            fr.indicators().map(|(_, _, i)| &i.id).collect::<Vec<_>>(),
            src.indicators().map(|(_, _, i)| &i.id).collect::<Vec<_>>()
        );
    }

    #[test]
    fn incomplete_or_foreign_translations_are_refused_by_id() {
        let cases = [
            (
                FRENCH.replace("[element.admin-structure]", "[element.admin-other]"),
                "element `admin-structure` is not translated",
            ),
            (
                FRENCH.replace("\"Lois\", ", ""),
                "indicator `admin-structure-mandate`: `evidence` must have 2 entries",
            ),
            (
                FRENCH.replace("\"révisés\"", "\"\""),
                "`levels` must have 5 entries, none empty",
            ),
            (
                format!("{FRENCH}\n[indicator.admin-extra]\ntitle = \"x\"\nlevels = []\n"),
                "indicator `admin-extra` is not in `mini`",
            ),
            (
                FRENCH.replace("version = \"1\"", "version = \"2\""),
                "this translates `mini` version 2",
            ),
            (
                FRENCH.replace("language = \"fr\"", "language = \"de\""),
                "language `de`",
            ),
            (
                FRENCH.replace("language = \"fr\"", "language = \"en\""),
                "other than the source's `en`",
            ),
            (
                FRENCH.replace("title = \"Les mandats sont définis\"", "title = \" \""),
                "indicator `admin-structure-mandate` has no title",
            ),
            (
                FRENCH.replace("weight", "poids") + "\nweight = 3\n",
                "unknown field",
            ),
        ];
        for (text, expected) in cases {
            let e = try_french(&text).expect_err(expected);
            assert!(
                e.to_string().contains(expected),
                "{e} — expected {expected}"
            );
        }
    }

    #[test]
    fn every_shipped_translation_is_built_in_and_complete() {
        let dir = super::super::shipped_dir().join("translations");
        let mut shipped: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".toml"))
                    .collect()
            })
            .unwrap_or_default();
        shipped.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(
            shipped,
            built_in,
            "every file in {} is built in",
            dir.display()
        );
        for (name, text) in BUILTIN {
            let lang = name.rsplit('.').nth(1).expect("<stem>.<lang>.toml");
            let edition = super::super::builtin()
                .iter()
                .find_map(|fw| translate(fw, text, Path::new(name)).ok())
                .unwrap_or_else(|| panic!("{name} translates no built-in framework"));
            assert_eq!(edition.language, lang, "{name} says its language");
            let found = super::super::find_in(&edition.id, lang).expect("the framework");
            assert_eq!(found, &edition, "find_in gives the {lang} edition");
        }
        assert_eq!(
            super::super::find_in("bmm", "xx").map(|f| f.language.as_str()),
            Some("en"),
            "a language without an edition gets the source"
        );
    }
}
