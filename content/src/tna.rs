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

/// Text in English and French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
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
    /// Free text.
    Text,
    /// A number between `min` and `max`.
    Numeric,
}

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
            && matches!(kind, ItemKind::Single | ItemKind::Multiple | ItemKind::Text)
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
                ItemKind::Single | ItemKind::Multiple => {
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

/// The highest point of a Likert item.
pub const LIKERT_MAX: u8 = 5;
/// The highest point of each rating of a dual item.
pub const DUAL_MAX: u8 = 7;

/// One answer, as stored (JSON: a number, a string, an array of strings, or a pair of
/// numbers) and exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// A Likert point or a number.
    Number(f64),
    /// A single choice (the option id) or free text.
    Text(String),
    /// Multiple choices (option ids).
    Choices(Vec<String>),
    /// A dual item: importance, performance (each 1–7).
    Dual(u8, u8),
}

// Read by hand rather than `#[serde(untagged)]`, which buffers every value and tries each
// variant in turn: an analysis reads millions of answers.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Answer;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, a string, a list of option ids or a pair of ratings")
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Answer, E> {
                Ok(Answer::Number(v))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer::Number(v as f64))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
                Ok(Answer::Number(v as f64))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Text(v.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
                Ok(Answer::Text(v))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Answer, A::Error> {
                enum Element {
                    Rating(u8),
                    Choice(String),
                }
                impl<'de> Deserialize<'de> for Element {
                    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        struct V;
                        impl serde::de::Visitor<'_> for V {
                            type Value = Element;

                            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                                f.write_str("a rating or an option id")
                            }

                            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Element, E> {
                                u8::try_from(v)
                                    .map(Element::Rating)
                                    .map_err(|_| E::custom("a rating is 1–7"))
                            }

                            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Element, E> {
                                u8::try_from(v)
                                    .map(Element::Rating)
                                    .map_err(|_| E::custom("a rating is 1–7"))
                            }

                            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Element, E> {
                                Ok(Element::Choice(v.to_owned()))
                            }
                        }
                        d.deserialize_any(V)
                    }
                }
                let mut ratings = Vec::new();
                let mut choices = Vec::new();
                while let Some(e) = seq.next_element::<Element>()? {
                    match e {
                        Element::Rating(r) => ratings.push(r),
                        Element::Choice(c) => choices.push(c),
                    }
                }
                match (ratings.as_slice(), choices.is_empty()) {
                    ([importance, performance], true) => {
                        Ok(Answer::Dual(*importance, *performance))
                    }
                    ([], _) => Ok(Answer::Choices(choices)),
                    _ => Err(serde::de::Error::custom(
                        "a pair of ratings or a list of option ids",
                    )),
                }
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// Why an answer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerError {
    /// A rating or number outside the item's scale or bounds.
    OutOfScale,
    /// An option the item does not have.
    UnknownOption,
    /// Not a number where one is needed.
    NotANumber,
    /// Only one of the two ratings of a dual item.
    HalfDual,
    /// Free text longer than [`TEXT_MAX`].
    TooLong,
}

/// Longest free-text answer, in characters.
pub const TEXT_MAX: usize = 4000;

/// The form field names of an item's answer: the item id, or for a dual item
/// `<id>.importance` and `<id>.performance`.
pub fn dual_fields(id: &str) -> (String, String) {
    (format!("{id}.importance"), format!("{id}.performance"))
}

fn rating(raw: &str, max: u8) -> Result<u8, AnswerError> {
    let value: f64 = raw.trim().parse().map_err(|_| AnswerError::NotANumber)?;
    if value.fract() != 0.0 || value < 1.0 || value > f64::from(max) {
        return Err(AnswerError::OutOfScale);
    }
    Ok(value as u8)
}

impl Item {
    /// Reads this item's answer from raw values: `get(name)` gives every value posted under
    /// field `name` (see [`dual_fields`]). `Ok(None)` when nothing was given (the answer is
    /// cleared); an error when a value is outside the scale, not an option, or half a pair.
    pub fn read_answer(
        &self,
        get: impl Fn(&str) -> Vec<String>,
    ) -> Result<Option<Answer>, AnswerError> {
        let given = |name: &str| -> Vec<String> {
            get(name)
                .into_iter()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        };
        match self.kind {
            ItemKind::Dual => {
                let (i, p) = dual_fields(&self.id);
                match (given(&i).first(), given(&p).first()) {
                    (None, None) => Ok(None),
                    (Some(i), Some(p)) => Ok(Some(Answer::Dual(
                        rating(i, DUAL_MAX)?,
                        rating(p, DUAL_MAX)?,
                    ))),
                    _ => Err(AnswerError::HalfDual),
                }
            }
            ItemKind::Likert => match given(&self.id).first() {
                None => Ok(None),
                Some(v) => Ok(Some(Answer::Number(f64::from(rating(v, LIKERT_MAX)?)))),
            },
            ItemKind::Numeric => match given(&self.id).first() {
                None => Ok(None),
                Some(v) => {
                    let n: f64 = v.parse().map_err(|_| AnswerError::NotANumber)?;
                    if !n.is_finite()
                        || self.min.is_some_and(|lo| n < lo)
                        || self.max.is_some_and(|hi| n > hi)
                    {
                        return Err(AnswerError::OutOfScale);
                    }
                    Ok(Some(Answer::Number(n)))
                }
            },
            ItemKind::Single => match given(&self.id).first() {
                None => Ok(None),
                Some(v) if self.options.iter().any(|o| &o.id == v) => {
                    Ok(Some(Answer::Text(v.clone())))
                }
                Some(_) => Err(AnswerError::UnknownOption),
            },
            ItemKind::Multiple => {
                let mut chosen = Vec::new();
                for v in given(&self.id) {
                    if !self.options.iter().any(|o| o.id == v) {
                        return Err(AnswerError::UnknownOption);
                    }
                    if !chosen.contains(&v) {
                        chosen.push(v);
                    }
                }
                Ok((!chosen.is_empty()).then_some(Answer::Choices(chosen)))
            }
            ItemKind::Text => match get(&self.id).first().map(|v| v.trim()) {
                None | Some("") => Ok(None),
                Some(v) if v.chars().count() > TEXT_MAX => Err(AnswerError::TooLong),
                Some(v) => Ok(Some(Answer::Text(v.to_owned()))),
            },
        }
    }
}

/// The answers of one response: item id → answer.
pub type Answers = std::collections::BTreeMap<String, Answer>;

impl Condition {
    /// Whether the condition holds for `answers` (an unanswered item satisfies nothing).
    pub fn holds(&self, answers: &Answers) -> bool {
        let Some(answer) = answers.get(&self.item) else {
            return false;
        };
        let is = |option: &str| match answer {
            Answer::Text(v) => v == option,
            Answer::Choices(vs) => vs.iter().any(|v| v == option),
            _ => false,
        };
        if let Some(option) = &self.equals {
            return is(option);
        }
        if let Some(options) = &self.any_of {
            return options.iter().any(|o| is(o));
        }
        if let Some(threshold) = self.at_least {
            return match answer {
                Answer::Number(n) => *n >= threshold,
                // A dual item's condition reads its importance rating.
                Answer::Dual(importance, _) => f64::from(*importance) >= threshold,
                _ => false,
            };
        }
        false
    }
}

impl Questionnaire {
    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The answers that count: those to items shown given the answers before them, in order
    /// (an answer to an item that skip logic hides is dropped, and so cannot show later
    /// items either).
    pub fn shown_answers(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        for section in &self.sections {
            if section.show_if.as_ref().is_some_and(|c| !c.holds(&kept)) {
                continue;
            }
            for item in &section.items {
                if item.show_if.as_ref().is_some_and(|c| !c.holds(&kept)) {
                    continue;
                }
                if let Some(a) = answers.get(&item.id) {
                    kept.insert(item.id.clone(), a.clone());
                }
            }
        }
        kept
    }

    /// The required items that are shown but unanswered, in order.
    pub fn missing_required(&self, answers: &Answers) -> Vec<&Item> {
        let kept = self.shown_answers(answers);
        let mut missing = Vec::new();
        for section in &self.sections {
            if section.show_if.as_ref().is_some_and(|c| !c.holds(&kept)) {
                continue;
            }
            for item in &section.items {
                if item.show_if.as_ref().is_some_and(|c| !c.holds(&kept)) {
                    continue;
                }
                if item.required && !kept.contains_key(&item.id) {
                    missing.push(item);
                }
            }
        }
        missing
    }

    /// The questionnaire as TOML, in the format [`parse_questionnaire`] reads.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

impl Competencies {
    /// The framework as TOML, in the format [`parse_competencies`] reads.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// The competency `id`.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.areas
            .iter()
            .flat_map(|a| a.competencies.iter())
            .find(|c| c.id == id)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mini() -> Competencies {
        toml::from_str(
            r#"
id = "c"
title = "C"
version = "1"
levels = ["a", "b", "c", "d", "e"]
[[area]]
id = "interviewing"
title = "Interviewing"
  [[area.competency]]
  id = "int-first"
  title = "First contact"
  levels = ["1", "2", "3", "4", "5"]
"#,
        )
        .unwrap()
    }

    const Q: &str = r#"
id = "q"
version = "1"
title = { en = "Q", fr = "Q" }
intro = { en = "I", fr = "I" }
[[section]]
id = "s1"
title = { en = "S", fr = "S" }
  [[section.item]]
  id = "role"
  kind = "single"
  text = { en = "Role?", fr = "Rôle ?" }
  options = [{ id = "officer", en = "Officer", fr = "Agent" }, { id = "supervisor", en = "Supervisor", fr = "Superviseur" }]
  [[section.item]]
  id = "int-first"
  kind = "dual"
  competency = "int-first"
  text = { en = "Interview", fr = "Entretien" }
  show_if = { item = "role", equals = "officer" }
"#;

    fn check(text: &str) -> Result<Questionnaire, TnaError> {
        parse_questionnaire(text, Path::new("q.toml"), &mini())
    }

    #[test]
    fn a_valid_questionnaire_reads() {
        let q = check(Q).unwrap();
        assert_eq!(q.sections[0].items.len(), 2);
    }

    #[test]
    fn conditions_on_later_items_and_cycles_are_refused_at_design_time() {
        // A condition on the item itself (the smallest cycle).
        let e = check(&Q.replace(
            r#"show_if = { item = "role", equals = "officer" }"#,
            r#"show_if = { item = "int-first", at_least = 3 }"#,
        ))
        .unwrap_err();
        assert!(e.message.contains("not an earlier item"), "{e}");
        // A condition on a later item.
        let later = Q.replace(
            r#"  kind = "single""#,
            "  kind = \"single\"\n  show_if = { item = \"int-first\", at_least = 2 }",
        );
        assert!(
            check(&later)
                .unwrap_err()
                .message
                .contains("not an earlier item")
        );
        // An option the item does not have.
        let e = check(&Q.replace(r#"equals = "officer""#, r#"equals = "pilot""#)).unwrap_err();
        assert!(e.message.contains("no option `pilot`"), "{e}");
    }

    #[test]
    fn unknown_competencies_missing_translations_and_duplicates_are_refused() {
        assert!(
            check(&Q.replace(r#"competency = "int-first""#, r#"competency = "int-none""#))
                .unwrap_err()
                .message
                .contains("unknown competency")
        );
        assert!(
            check(&Q.replace(
                r#"{ en = "Interview", fr = "Entretien" }"#,
                r#"{ en = "Interview", fr = "" }"#
            ))
            .unwrap_err()
            .message
            .contains("English and French")
        );
        assert!(
            check(&Q.replace(
                r#"id = "int-first"
  kind"#,
                r#"id = "role"
  kind"#
            ))
            .unwrap_err()
            .message
            .contains("used twice")
        );
    }

    #[test]
    fn the_shipped_framework_and_questionnaire_are_valid() {
        let (c, q) = shipped().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.areas.len(), 8);
        let measured: HashSet<&str> = q
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.kind == ItemKind::Dual)
            .filter_map(|i| i.competency.as_deref())
            .collect();
        assert_eq!(measured, c.ids(), "every competency is asked about");
        for area in &c.areas {
            for comp in &area.competencies {
                for module in &comp.builds {
                    let (course, module) = module.split_once('/').unwrap();
                    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("packs")
                        .join(course);
                    let found = std::fs::read_dir(&dir)
                        .unwrap()
                        .filter_map(Result::ok)
                        .any(|e| {
                            e.file_name()
                                .to_string_lossy()
                                .ends_with(&format!("-{module}"))
                        });
                    assert!(found, "{course}/{module}");
                }
            }
        }
    }

    fn raw<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Vec<String> + 'a {
        move |name| {
            pairs
                .iter()
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
                .collect()
        }
    }

    #[test]
    fn answers_are_read_on_their_scales_and_refused_outside_them() {
        let q = check(Q).unwrap();
        let dual = q.item("int-first").unwrap();
        assert_eq!(
            dual.read_answer(raw(&[
                ("int-first.importance", "7"),
                ("int-first.performance", "2")
            ])),
            Ok(Some(Answer::Dual(7, 2)))
        );
        assert_eq!(dual.read_answer(raw(&[])), Ok(None));
        for bad in ["0", "8", "3.5", "-1"] {
            assert_eq!(
                dual.read_answer(raw(&[
                    ("int-first.importance", bad),
                    ("int-first.performance", "2")
                ])),
                Err(AnswerError::OutOfScale),
                "{bad}"
            );
        }
        assert_eq!(
            dual.read_answer(raw(&[
                ("int-first.importance", "x"),
                ("int-first.performance", "2")
            ])),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            dual.read_answer(raw(&[("int-first.importance", "4")])),
            Err(AnswerError::HalfDual)
        );
        let role = q.item("role").unwrap();
        assert_eq!(
            role.read_answer(raw(&[("role", "pilot")])),
            Err(AnswerError::UnknownOption)
        );
    }

    #[test]
    fn skip_logic_drops_hidden_answers_and_only_requires_what_is_shown() {
        let mut q = check(Q).unwrap();
        q.sections[0].items[1].required = true;
        let mut answers = Answers::new();
        answers.insert("role".into(), Answer::Text("supervisor".into()));
        answers.insert("int-first".into(), Answer::Dual(5, 5));
        let shown = q.shown_answers(&answers);
        assert!(!shown.contains_key("int-first"), "hidden for supervisors");
        assert!(q.missing_required(&answers).is_empty());
        answers.insert("role".into(), Answer::Text("officer".into()));
        answers.remove("int-first");
        let missing: Vec<&str> = q
            .missing_required(&answers)
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(missing, ["int-first"]);
    }

    #[test]
    fn the_shipped_data_round_trips_through_toml() {
        let (c, q) = shipped().unwrap();
        let c2 = parse_competencies(&c.to_toml(), Path::new("c.toml")).unwrap();
        assert_eq!(c, c2);
        let q2 = parse_questionnaire(&q.to_toml(), Path::new("q.toml"), &c).unwrap();
        assert_eq!(q, q2);
        let stored: Answers = [
            ("a".to_owned(), Answer::Dual(3, 4)),
            ("b".to_owned(), Answer::Choices(vec!["x".into()])),
            ("c".to_owned(), Answer::Number(2.0)),
            ("d".to_owned(), Answer::Text("t".into())),
        ]
        .into_iter()
        .collect();
        let json = serde_json::to_string(&stored).unwrap();
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), stored);
    }

    proptest::proptest! {
        #[test]
        fn skip_logic_only_ever_drops_answers_and_settles_at_once(
            picks in proptest::collection::vec((0usize..200, 0usize..8, 1u8..=7, 1u8..=7), 0..80)
        ) {
            let (_, q) = shipped().unwrap();
            let items: Vec<&Item> = q.items().collect();
            let mut answers = Answers::new();
            for (i, o, a, b) in picks {
                let item = items[i % items.len()];
                let answer = match item.kind {
                    ItemKind::Dual => Answer::Dual(a, b),
                    ItemKind::Likert => Answer::Number(f64::from(a.min(5))),
                    ItemKind::Numeric => Answer::Number(f64::from(a)),
                    ItemKind::Single => Answer::Text(item.options[o % item.options.len()].id.clone()),
                    ItemKind::Multiple => Answer::Choices(vec![item.options[o % item.options.len()].id.clone()]),
                    ItemKind::Text => Answer::Text("note".into()),
                };
                answers.insert(item.id.clone(), answer);
            }
            let shown = q.shown_answers(&answers);
            proptest::prop_assert!(shown.iter().all(|(k, v)| answers.get(k) == Some(v)));
            proptest::prop_assert_eq!(&q.shown_answers(&shown), &shown);
            for missing in q.missing_required(&answers) {
                proptest::prop_assert!(missing.required && !shown.contains_key(&missing.id));
            }
        }
    }
}
