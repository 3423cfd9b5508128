//! Answers to a questionnaire: their wire form, how each item kind reads and checks a
//! response, skip logic evaluated over the answers so far, and the competencies a response rates.

use super::*;

/// The highest point of a Likert item.
pub const LIKERT_MAX: u8 = 5;
/// The highest point of each rating of a dual item.
pub const DUAL_MAX: u8 = 7;

/// What a dual item's importance rating holds when the task is not part of the respondent's
/// job (on the form, on paper and in exports).
pub const NOT_MY_JOB: &str = "n/a";

/// One answer, as stored (JSON: a number, a string, an array of strings, a pair of numbers,
/// or `null` for a task that is not part of the job) and exported.
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
    /// A dual item whose task is not part of the respondent's job: not rated, and distinct
    /// from an unimportant task (importance 1), so it neither lowers the importance of the
    /// task for those who do it nor counts as a need.
    NotMyJob,
}

// Read by hand rather than `#[serde(untagged)]`, which buffers every value and tries each
// variant in turn: an analysis reads millions of answers.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Answer;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, a string, a list of option ids, a pair of ratings or null")
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

            fn visit_unit<E: serde::de::Error>(self) -> Result<Answer, E> {
                Ok(Answer::NotMyJob)
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

pub(super) fn rating(raw: &str, max: u8) -> Result<u8, AnswerError> {
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
                    // "Not part of my job" takes the importance's place; a performance
                    // rating given with it (ticked before changing one's mind) is dropped.
                    (Some(i), _) if i.eq_ignore_ascii_case(NOT_MY_JOB) => {
                        Ok(Some(Answer::NotMyJob))
                    }
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
            ItemKind::Multiple | ItemKind::Barriers => {
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
