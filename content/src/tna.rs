//! Training Needs Analysis data: the competency framework (areas, competencies with level
//! descriptors 1–5 and the course modules that build them) and questionnaires (sections,
//! items, skip logic, English and French text). Format: `content/tna/SCHEMA.md`.
//!
//! A questionnaire is checked at design time: ids are unique, every item measures a
//! competency the framework has, and every condition refers to an item that comes earlier —
//! so skip logic can never loop or depend on an answer not yet given.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

mod answers;
pub use answers::*;

/// The eight competency areas of border and immigration work.
pub const AREAS: [&str; 8] = [
    "document-examination",
    "interviewing",
    "risk-analysis",
    "legislation-procedures",
    "protection-human-rights",
    "bmis-use",
    "languages",
    "leadership-training",
];

/// A competency framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competencies {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
    /// Language (BCP 47) of the framework's text; English when not given.
    #[serde(default = "english")]
    pub language: String,
    /// Names of proficiency levels 1–5.
    pub levels: Vec<String>,
    /// Areas.
    #[serde(rename = "area")]
    pub areas: Vec<Area>,
}

/// An area of competencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// One of [`AREAS`].
    pub id: String,
    /// Title.
    pub title: String,
    /// Competencies.
    #[serde(rename = "competency")]
    pub competencies: Vec<Competency>,
}

/// A competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// Course modules (`course/module`) that build it, in order.
    #[serde(default)]
    pub builds: Vec<String>,
}

/// Text in English and French, and in Spanish and Arabic where translated (empty: not
/// translated, and the reader sees the English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// Spanish.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub es: String,
    /// Arabic.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ar: String,
}

impl Text {
    /// English and French, without translations into other languages.
    pub fn en_fr(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            fr: fr.into(),
            ..Text::default()
        }
    }

    /// Keeps `old`'s Spanish and Arabic where this text has none (a form that edits the English
    /// and French must not lose the other translations).
    pub fn keep_translations(&mut self, old: &Text) {
        if self.es.is_empty() {
            self.es.clone_from(&old.es);
        }
        if self.ar.is_empty() {
            self.ar.clone_from(&old.ar);
        }
    }
}

/// When an item or section is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The earlier item it depends on.
    pub item: String,
    /// Shown when the answer equals this option id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// Shown when the answer is one of these option ids.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    /// Shown when the numeric (or scale) answer is at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
}

/// An option of a choice item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Identifier within the item.
    pub id: String,
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// Spanish, where translated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub es: String,
    /// Arabic, where translated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ar: String,
}

impl Choice {
    /// Keeps `old`'s Spanish and Arabic where this option has none.
    pub fn keep_translations(&mut self, old: &Choice) {
        if self.es.is_empty() {
            self.es.clone_from(&old.es);
        }
        if self.ar.is_empty() {
            self.ar.clone_from(&old.ar);
        }
    }
}

/// The kinds of item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Agreement 1–5.
    Likert,
    /// Importance × performance, each 1–7.
    Dual,
    /// One option.
    Single,
    /// Any options.
    Multiple,
    /// What stops the respondent doing the tasks of the item's section well: any options,
    /// each one of [`BARRIERS`] (one of them `training`), so a need with another cause is not
    /// reported as a training need.
    Barriers,
    /// Free text.
    Text,
    /// A number between `min` and `max`.
    Numeric,
}

/// The option ids a barrier item may offer: what can stop an officer doing a task well.
/// `training` is the one a course can remove; `none` says nothing stops them.
pub const BARRIERS: [&str; 5] = ["equipment", "procedures", "staffing", "training", "none"];

/// A questionnaire item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// Kind.
    pub kind: ItemKind,
    /// Must be answered.
    #[serde(default)]
    pub required: bool,
    /// The question.
    pub text: Text,
    /// The competency a dual or Likert item measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competency: Option<String>,
    /// Options of a choice item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Lowest numeric answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest numeric answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// A section of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Items.
    #[serde(rename = "item")]
    pub items: Vec<Item>,
}

/// A questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Identifier.
    pub id: String,
    /// Version; a questionnaire with responses is never changed in place.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Text,
    /// Sections.
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

/// A problem in a TNA data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TnaError {
    /// File name.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

fn err(file: &Path, message: impl Into<String>) -> TnaError {
    TnaError {
        file: file.display().to_string(),
        message: message.into(),
    }
}

/// Reads a questionnaire without checking it (see [`check_questionnaire`]).
pub fn read_questionnaire(text: &str) -> Result<Questionnaire, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// Reads and checks a competency framework.
pub fn parse_competencies(text: &str, file: &Path) -> Result<Competencies, TnaError> {
    let c: Competencies = toml::from_str(text).map_err(|e| err(file, e.to_string()))?;
    if c.levels.len() != 5 {
        return Err(err(file, "`levels` must name the 5 proficiency levels"));
    }
    let mut seen = HashSet::new();
    for area in &c.areas {
        if !AREAS.contains(&area.id.as_str()) {
            return Err(err(file, format!("unknown area `{}`", area.id)));
        }
        for comp in &area.competencies {
            if !crate::pack::valid_id(&comp.id) || !seen.insert(comp.id.clone()) {
                return Err(err(
                    file,
                    format!("competency id `{}` is malformed or used twice", comp.id),
                ));
            }
            if comp.levels.len() != 5 || comp.levels.iter().any(|l| l.trim().is_empty()) {
                return Err(err(
                    file,
                    format!("competency `{}` must describe 5 levels", comp.id),
                ));
            }
        }
    }
    Ok(c)
}

fn english() -> String {
    "en".to_owned()
}

impl Competencies {
    /// Every competency id.
    pub fn ids(&self) -> HashSet<&str> {
        self.areas
            .iter()
            .flat_map(|a| a.competencies.iter().map(|c| c.id.as_str()))
            .collect()
    }
}

/// Reads and checks a questionnaire against `competencies`: unique ids, texts in both
/// languages, sensible options and bounds, known competencies, and skip logic that refers only
/// to earlier items (which rules out cycles).
pub fn parse_questionnaire(
    text: &str,
    file: &Path,
    competencies: &Competencies,
) -> Result<Questionnaire, TnaError> {
    let q: Questionnaire = toml::from_str(text).map_err(|e| err(file, e.to_string()))?;
    check_questionnaire(&q, competencies).map_err(|m| err(file, m.message))?;
    Ok(q)
}

/// What is wrong with a questionnaire's design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A condition refers to the item itself or to a later one (which includes any cycle).
    NotEarlier,
    /// A condition names an option its item does not have.
    NoSuchOption,
    /// A condition has not exactly one test.
    ConditionShape,
    /// `at_least` on an item that is not a number or a scale.
    AtLeastNeedsScale,
    /// A text is missing in English or French.
    Languages,
    /// An id is malformed or used twice.
    DuplicateId,
    /// An item measures a competency the framework lacks.
    UnknownCompetency,
    /// A dual item names no competency.
    MissingCompetency,
    /// A choice item has fewer than two distinct options, or an option lacks a text.
    Options,
    /// A barrier item offers an option outside [`BARRIERS`], or not `training` and another.
    BarrierOptions,
    /// A numeric item's minimum is above its maximum.
    Bounds,
}

/// A design problem: what, where (item or section id, empty for the questionnaire), and a
/// sentence saying so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DesignError {
    /// What is wrong.
    pub problem: Problem,
    /// The item or section concerned.
    pub subject: String,
    /// In English.
    pub message: String,
}

fn design(problem: Problem, subject: &str, message: String) -> DesignError {
    DesignError {
        problem,
        subject: subject.to_owned(),
        message,
    }
}

/// The design-time checks of [`parse_questionnaire`], on a questionnaire already read (also
/// used when a questionnaire is edited in the browser).
pub fn check_questionnaire(
    q: &Questionnaire,
    competencies: &Competencies,
) -> Result<(), DesignError> {
    let known = competencies.ids();
    // Items seen so far, with their kinds and option ids: conditions may only look back.
    let mut earlier: HashMap<&str, (ItemKind, Vec<&str>)> = HashMap::new();
    let mut sections = HashSet::new();
    let check_condition = |owner: &str,
                           c: &Condition,
                           earlier: &HashMap<&str, (ItemKind, Vec<&str>)>|
     -> Result<(), DesignError> {
        let Some((kind, options)) = earlier.get(c.item.as_str()) else {
            return Err(design(
                Problem::NotEarlier,
                owner,
                format!(
                    "`{owner}` is shown depending on `{}`, which is not an earlier item (conditions may only refer to items asked before; this also rules out cycles)",
                    c.item
                ),
            ));
        };
        let named = c.equals.iter().chain(c.any_of.iter().flatten());
        for option in named {
            if !options.contains(&option.as_str()) {
                return Err(design(
                    Problem::NoSuchOption,
                    owner,
                    format!("`{owner}`: `{}` has no option `{option}`", c.item),
                ));
            }
        }
        let tests = usize::from(c.equals.is_some())
            + usize::from(c.any_of.is_some())
            + usize::from(c.at_least.is_some());
        if tests != 1 {
            return Err(design(
                Problem::ConditionShape,
                owner,
                format!("`{owner}`: a condition needs exactly one of equals, in, at_least"),
            ));
        }
        if c.at_least.is_some()
            && matches!(
                kind,
                ItemKind::Single | ItemKind::Multiple | ItemKind::Barriers | ItemKind::Text
            )
        {
            return Err(design(
                Problem::AtLeastNeedsScale,
                owner,
                format!("`{owner}`: at_least needs a numeric or scale item"),
            ));
        }
        Ok(())
    };
    let both = |t: &Text| !t.en.trim().is_empty() && !t.fr.trim().is_empty();
    if !both(&q.title) {
        return Err(design(
            Problem::Languages,
            "",
            "the title needs English and French".into(),
        ));
    }
    for s in &q.sections {
        if !sections.insert(s.id.as_str()) {
            return Err(design(
                Problem::DuplicateId,
                &s.id,
                format!("section `{}` is used twice", s.id),
            ));
        }
        if let Some(c) = &s.show_if {
            check_condition(&s.id, c, &earlier)?;
        }
        for item in &s.items {
            if !crate::pack::valid_id(&item.id) || earlier.contains_key(item.id.as_str()) {
                return Err(design(
                    Problem::DuplicateId,
                    &item.id,
                    format!("item id `{}` is malformed or used twice", item.id),
                ));
            }
            if !both(&item.text) {
                return Err(design(
                    Problem::Languages,
                    &item.id,
                    format!("item `{}` needs English and French text", item.id),
                ));
            }
            if let Some(c) = &item.show_if {
                check_condition(&item.id, c, &earlier)?;
            }
            match item.kind {
                ItemKind::Dual | ItemKind::Likert => match &item.competency {
                    Some(c) if known.contains(c.as_str()) => {}
                    Some(c) => {
                        return Err(design(
                            Problem::UnknownCompetency,
                            &item.id,
                            format!("item `{}` measures unknown competency `{c}`", item.id),
                        ));
                    }
                    None if item.kind == ItemKind::Dual => {
                        return Err(design(
                            Problem::MissingCompetency,
                            &item.id,
                            format!("item `{}` must name the competency it measures", item.id),
                        ));
                    }
                    None => {}
                },
                ItemKind::Single | ItemKind::Multiple | ItemKind::Barriers => {
                    if item.kind == ItemKind::Barriers
                        && (item
                            .options
                            .iter()
                            .any(|o| !BARRIERS.contains(&o.id.as_str()))
                            || !item.options.iter().any(|o| o.id == "training"))
                    {
                        return Err(design(
                            Problem::BarrierOptions,
                            &item.id,
                            format!(
                                "item `{}` offers barriers from {} only, training among them",
                                item.id,
                                BARRIERS.join(", ")
                            ),
                        ));
                    }
                    let mut ids = HashSet::new();
                    if item.options.len() < 2
                        || item.options.iter().any(|o| {
                            !ids.insert(&o.id) || o.en.trim().is_empty() || o.fr.trim().is_empty()
                        })
                    {
                        return Err(design(
                            Problem::Options,
                            &item.id,
                            format!(
                                "item `{}` needs at least two distinct options in both languages",
                                item.id
                            ),
                        ));
                    }
                }
                ItemKind::Numeric => {
                    if let (Some(lo), Some(hi)) = (item.min, item.max)
                        && lo > hi
                    {
                        return Err(design(
                            Problem::Bounds,
                            &item.id,
                            format!("item `{}`: min is above max", item.id),
                        ));
                    }
                }
                ItemKind::Text => {}
            }
            earlier.insert(
                item.id.as_str(),
                (
                    item.kind,
                    item.options.iter().map(|o| o.id.as_str()).collect(),
                ),
            );
        }
    }
    Ok(())
}

/// The shipped competency framework and questionnaire.
pub fn shipped() -> Result<(Competencies, Questionnaire), TnaError> {
    let c = parse_competencies(
        include_str!("../tna/competencies-border-2026.toml"),
        Path::new("competencies-border-2026.toml"),
    )?;
    let q = parse_questionnaire(
        include_str!("../tna/questionnaire-border-officers-2026.toml"),
        Path::new("questionnaire-border-officers-2026.toml"),
        &c,
    )?;
    Ok((c, q))
}

/// The class evaluation questionnaires shipped with Checkpoint: the reaction questionnaire a
/// trainee answers at the end of a class, and the follow-up questionnaire answered about three
/// months later (`content/evaluation/`). They use the questionnaire format and measure no
/// competency.
pub fn evaluations() -> Result<(Questionnaire, Questionnaire), TnaError> {
    let none = Competencies {
        id: "none".into(),
        title: String::new(),
        version: String::new(),
        language: english(),
        levels: Vec::new(),
        areas: Vec::new(),
    };
    let reaction = parse_questionnaire(
        include_str!("../evaluation/questionnaire-reaction-2026.toml"),
        Path::new("questionnaire-reaction-2026.toml"),
        &none,
    )?;
    let follow_up = parse_questionnaire(
        include_str!("../evaluation/questionnaire-follow-up-2026.toml"),
        Path::new("questionnaire-follow-up-2026.toml"),
        &none,
    )?;
    Ok((reaction, follow_up))
}

#[cfg(test)]
mod tests;
