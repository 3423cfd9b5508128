//! Knowledge-check questions and their grading.
//!
//! A [`Question`] holds its stem, feedback and an answer key ([`Body`]); a learner's
//! [`Response`] is graded by [`grade`] into a fraction of the question's marks in `[0, 1]`.
//! Options, pairs and items carry stable ids, so the order in which a learner was shown them
//! never changes their score.

use serde::{Deserialize, Serialize};

/// One question of a bank, with its answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// A short name shown in lists (the GIFT `::title::`).
    pub title: String,
    /// The question text, Markdown.
    pub text: String,
    /// Shown after grading whatever the answer.
    #[serde(default)]
    pub general_feedback: String,
    /// Marks for a fully correct answer (> 0).
    pub marks: f64,
    /// Free labels used to find questions.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Ids of the competencies this question checks.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// The kind of question and its answer key.
    pub body: Body,
}

/// An answer option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable id within the question.
    pub id: u32,
    /// What the learner reads.
    pub text: String,
    /// Share of the marks this option is worth, from -1.0 to 1.0.
    pub fraction: f64,
    /// Shown when the learner chose this option.
    #[serde(default)]
    pub feedback: String,
}

/// One accepted short answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextKey {
    /// The accepted text; `*` stands for any run of characters.
    pub pattern: String,
    /// Share of the marks, 0.0 to 1.0.
    pub fraction: f64,
    /// Shown when this answer matched.
    #[serde(default)]
    pub feedback: String,
}

/// One accepted numerical answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberKey {
    /// The expected value.
    pub value: f64,
    /// How far from `value` an answer may be and still count.
    pub tolerance: f64,
    /// Share of the marks, 0.0 to 1.0.
    pub fraction: f64,
    /// Shown when this answer matched.
    #[serde(default)]
    pub feedback: String,
}

/// A prompt and the answer it must be matched with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// Stable id; a learner matches prompt `id` with answer `id`.
    pub id: u32,
    /// The left-hand side.
    pub prompt: String,
    /// The right-hand side.
    pub answer: String,
}

/// An item to put in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id.
    pub id: u32,
    /// What the learner reads.
    pub text: String,
}

/// The kind of a question and its answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    /// Pick one option; the option's fraction is the score (negative counts as zero).
    SingleChoice {
        /// The options.
        options: Vec<Choice>,
    },
    /// Pick any options; their fractions add up, clamped to `[0, 1]`.
    MultipleResponse {
        /// The options.
        options: Vec<Choice>,
    },
    /// A statement that is true or false.
    TrueFalse {
        /// The correct answer.
        answer: bool,
        /// Shown when the learner answered "true".
        #[serde(default)]
        feedback_true: String,
        /// Shown when the learner answered "false".
        #[serde(default)]
        feedback_false: String,
    },
    /// Type a word or phrase; case and spacing are ignored.
    ShortAnswer {
        /// The accepted answers.
        answers: Vec<TextKey>,
    },
    /// Type a number.
    Numerical {
        /// The accepted values.
        answers: Vec<NumberKey>,
        /// Feedback for any other answer (Moodle's `*` answer, GIFT's `~#feedback`), which
        /// scores 0; empty when there is none.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        otherwise: String,
    },
    /// Match each prompt with its answer.
    Matching {
        /// The pairs, in any order.
        pairs: Vec<Pair>,
    },
    /// Put items in order.
    Ordering {
        /// The items in their correct order.
        items: Vec<Item>,
    },
}

/// The kinds of question, as stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Kind {
    /// [`Body::SingleChoice`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "single_choice"))]
    SingleChoice,
    /// [`Body::MultipleResponse`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "multiple_response"))]
    MultipleResponse,
    /// [`Body::TrueFalse`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "true_false"))]
    TrueFalse,
    /// [`Body::ShortAnswer`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "short_answer"))]
    ShortAnswer,
    /// [`Body::Numerical`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "numerical"))]
    Numerical,
    /// [`Body::Matching`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "matching"))]
    Matching,
    /// [`Body::Ordering`]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "ordering"))]
    Ordering,
}

impl Kind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Kind::SingleChoice => "single_choice",
            Kind::MultipleResponse => "multiple_response",
            Kind::TrueFalse => "true_false",
            Kind::ShortAnswer => "short_answer",
            Kind::Numerical => "numerical",
            Kind::Matching => "matching",
            Kind::Ordering => "ordering",
        }
    }
}

impl Body {
    /// This body's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Body::SingleChoice { .. } => Kind::SingleChoice,
            Body::MultipleResponse { .. } => Kind::MultipleResponse,
            Body::TrueFalse { .. } => Kind::TrueFalse,
            Body::ShortAnswer { .. } => Kind::ShortAnswer,
            Body::Numerical { .. } => Kind::Numerical,
            Body::Matching { .. } => Kind::Matching,
            Body::Ordering { .. } => Kind::Ordering,
        }
    }

    /// The option ids of a choice question (empty for other kinds).
    pub fn option_ids(&self) -> Vec<u32> {
        match self {
            Body::SingleChoice { options } | Body::MultipleResponse { options } => {
                options.iter().map(|o| o.id).collect()
            }
            Body::Matching { pairs } => pairs.iter().map(|p| p.id).collect(),
            Body::Ordering { items } => items.iter().map(|i| i.id).collect(),
            _ => Vec::new(),
        }
    }
}

/// A learner's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    /// Chosen option ids (one for single choice).
    Choices(Vec<u32>),
    /// True or false.
    Bool(bool),
    /// Typed text.
    Text(String),
    /// A typed number.
    Number(f64),
    /// `(prompt id, answer id)` pairs.
    Matches(Vec<(u32, u32)>),
    /// Item ids in the learner's order.
    Order(Vec<u32>),
}

impl Response {
    /// Whether it says nothing: no option chosen, no text, no pair or item placed. A blank
    /// response is kept (the form sent it) but the question counts as unanswered.
    pub fn is_blank(&self) -> bool {
        match self {
            Response::Choices(v) => v.is_empty(),
            Response::Text(t) => t.trim().is_empty(),
            Response::Matches(v) => v.is_empty(),
            Response::Order(v) => v.is_empty(),
            Response::Bool(_) | Response::Number(_) => false,
        }
    }
}

/// Why a response cannot be stored against a question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    /// The response is of another kind than the question.
    #[error("this answer does not fit the question's kind")]
    WrongKind,
    /// An option, pair or item id that the question does not have.
    #[error("option {0} does not exist in this question")]
    UnknownOption(u32),
    /// More than one option for a single-choice question, or an id given twice.
    #[error("an option was given more than once, or more than one was chosen")]
    Duplicate,
    /// Not a finite number.
    #[error("not a number")]
    NotANumber,
    /// Text longer than the limit.
    #[error("the answer is too long")]
    TooLong,
}

/// Longest short answer kept, in characters.
pub const MAX_TEXT_ANSWER: usize = 500;

/// Checks that `response` is a well-formed answer to `body`: the right kind, only ids the
/// question has, each at most once.
pub fn validate(body: &Body, response: &Response) -> Result<(), ResponseError> {
    let ids = body.option_ids();
    let known = |id: &u32| {
        if ids.contains(id) {
            Ok(())
        } else {
            Err(ResponseError::UnknownOption(*id))
        }
    };
    let distinct = |list: &[u32]| {
        let mut seen = std::collections::HashSet::new();
        if list.iter().all(|id| seen.insert(*id)) {
            Ok(())
        } else {
            Err(ResponseError::Duplicate)
        }
    };
    match (body, response) {
        (Body::SingleChoice { .. }, Response::Choices(c)) => {
            c.iter().try_for_each(known)?;
            if c.len() > 1 {
                return Err(ResponseError::Duplicate);
            }
            Ok(())
        }
        (Body::MultipleResponse { .. }, Response::Choices(c)) => {
            c.iter().try_for_each(known)?;
            distinct(c)
        }
        (Body::TrueFalse { .. }, Response::Bool(_)) => Ok(()),
        (Body::ShortAnswer { .. }, Response::Text(t)) => {
            if t.chars().count() > MAX_TEXT_ANSWER {
                Err(ResponseError::TooLong)
            } else {
                Ok(())
            }
        }
        (Body::Numerical { .. }, Response::Number(n)) => {
            if n.is_finite() {
                Ok(())
            } else {
                Err(ResponseError::NotANumber)
            }
        }
        (Body::Matching { .. }, Response::Matches(m)) => {
            let prompts: Vec<u32> = m.iter().map(|(p, _)| *p).collect();
            prompts.iter().try_for_each(known)?;
            m.iter().map(|(_, a)| a).try_for_each(known)?;
            distinct(&prompts)
        }
        (Body::Ordering { .. }, Response::Order(o)) => {
            o.iter().try_for_each(known)?;
            distinct(o)
        }
        _ => Err(ResponseError::WrongKind),
    }
}

/// The outcome of grading one response.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// Share of the marks earned, in `[0, 1]`.
    pub fraction: f64,
    /// Feedback specific to what the learner answered (option or matched-answer feedback).
    pub feedback: Vec<String>,
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// Lower-cases and collapses runs of white space, for comparing short answers.
pub fn normalise_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `text` matches `pattern`, where `*` in the pattern stands for any run of characters
/// (possibly empty). Both are compared as [`normalise_text`] leaves them.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = normalise_text(pattern).chars().collect();
    let text: Vec<char> = normalise_text(text).chars().collect();
    // Classic greedy matcher with back-tracking to the last star: linear in practice.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] != '*' && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// Grades `response` against `body`. A response that does not [`validate`] scores zero.
/// The result never depends on the order in which options, pairs or items were listed.
pub fn grade(body: &Body, response: &Response) -> Graded {
    if validate(body, response).is_err() {
        return Graded {
            fraction: 0.0,
            feedback: Vec::new(),
        };
    }
    let none = || Graded {
        fraction: 0.0,
        feedback: Vec::new(),
    };
    match (body, response) {
        (Body::SingleChoice { options }, Response::Choices(chosen)) => {
            let Some(option) = chosen
                .first()
                .and_then(|id| options.iter().find(|o| o.id == *id))
            else {
                return none();
            };
            Graded {
                fraction: clamp01(option.fraction),
                feedback: non_empty(&option.feedback),
            }
        }
        (Body::MultipleResponse { options }, Response::Choices(chosen)) => {
            let mut picked: Vec<&Choice> =
                options.iter().filter(|o| chosen.contains(&o.id)).collect();
            // Sum in id order so floating-point addition is the same for any display order.
            picked.sort_by_key(|o| o.id);
            let sum: f64 = picked.iter().map(|o| o.fraction).sum();
            Graded {
                fraction: clamp01(round6(sum)),
                feedback: picked.iter().flat_map(|o| non_empty(&o.feedback)).collect(),
            }
        }
        (
            Body::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
            },
            Response::Bool(given),
        ) => Graded {
            fraction: if given == answer { 1.0 } else { 0.0 },
            feedback: non_empty(if *given {
                feedback_true
            } else {
                feedback_false
            }),
        },
        (Body::ShortAnswer { answers }, Response::Text(text)) => answers
            .iter()
            .filter(|k| wildcard_match(&k.pattern, text))
            .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
            .map(|k| Graded {
                fraction: clamp01(k.fraction),
                feedback: non_empty(&k.feedback),
            })
            .unwrap_or_else(none),
        (Body::Numerical { answers, otherwise }, Response::Number(n)) => answers
            .iter()
            .filter(|k| (n - k.value).abs() <= k.tolerance.abs() + f64::EPSILON * k.value.abs())
            .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
            .map(|k| Graded {
                fraction: clamp01(k.fraction),
                feedback: non_empty(&k.feedback),
            })
            .unwrap_or_else(|| Graded {
                fraction: 0.0,
                feedback: non_empty(otherwise),
            }),
        (Body::Matching { pairs }, Response::Matches(given)) => {
            if pairs.is_empty() {
                return none();
            }
            // Two prompts may share the same answer text: matching either counts.
            let right = pairs
                .iter()
                .filter(|pair| {
                    given.iter().any(|(p, a)| {
                        *p == pair.id
                            && pairs
                                .iter()
                                .any(|other| other.id == *a && other.answer == pair.answer)
                    })
                })
                .count();
            Graded {
                fraction: clamp01(right as f64 / pairs.len() as f64),
                feedback: Vec::new(),
            }
        }
        (Body::Ordering { items }, Response::Order(given)) => Graded {
            fraction: ordering_fraction(items, given),
            feedback: Vec::new(),
        },
        _ => none(),
    }
}

/// Partial credit for an ordering: the share of the key's adjacent pairs (`a` directly
/// before `b`) that the learner kept adjacent and in that order, plus full credit only for the
/// exact order. A single item is always in order.
fn ordering_fraction(items: &[Item], given: &[u32]) -> f64 {
    if items.len() < 2 {
        return if given.len() == items.len() { 1.0 } else { 0.0 };
    }
    let key: Vec<u32> = items.iter().map(|i| i.id).collect();
    if given == key.as_slice() {
        return 1.0;
    }
    let pairs = key.len() - 1;
    let kept = key
        .windows(2)
        .filter(|w| given.windows(2).any(|g| g == *w))
        .count();
    clamp01(kept as f64 / pairs as f64)
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn non_empty(s: &str) -> Vec<String> {
    if s.trim().is_empty() {
        Vec::new()
    } else {
        vec![s.to_owned()]
    }
}

/// The answer that earns full marks, for showing the correct answer and for tests.
pub fn model_answer(body: &Body) -> Response {
    match body {
        Body::SingleChoice { options } => Response::Choices(
            options
                .iter()
                .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
                .map(|o| vec![o.id])
                .unwrap_or_default(),
        ),
        Body::MultipleResponse { options } => Response::Choices(
            options
                .iter()
                .filter(|o| o.fraction > 0.0)
                .map(|o| o.id)
                .collect(),
        ),
        Body::TrueFalse { answer, .. } => Response::Bool(*answer),
        Body::ShortAnswer { answers } => Response::Text(
            answers
                .iter()
                .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
                .map(|k| k.pattern.replace('*', ""))
                .unwrap_or_default(),
        ),
        Body::Numerical { answers, .. } => Response::Number(
            answers
                .iter()
                .max_by(|a, b| a.fraction.total_cmp(&b.fraction))
                .map(|k| k.value)
                .unwrap_or_default(),
        ),
        Body::Matching { pairs } => Response::Matches(pairs.iter().map(|p| (p.id, p.id)).collect()),
        Body::Ordering { items } => Response::Order(items.iter().map(|i| i.id).collect()),
    }
}

/// Why a question cannot be saved into a bank.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    /// No question text.
    #[error("the question has no text")]
    NoText,
    /// Marks must be a positive number.
    #[error("marks must be a positive number")]
    BadMarks,
    /// Too few options, pairs or items for the kind.
    #[error("a {0} question needs at least {1} options")]
    TooFew(&'static str, usize),
    /// Nothing in the key earns full marks.
    #[error("no answer earns full marks")]
    NoFullMarks,
    /// A fraction outside -100 % … 100 %.
    #[error("an answer's weight is outside -100% to 100%")]
    BadFraction,
    /// The right options of a multiple-response question do not share out exactly the
    /// marks (Moodle's rule): their weights add up to the percentage given.
    #[error("the positive weights add up to {0}%, not 100%")]
    PositiveWeights(String),
    /// Two options share an id.
    #[error("two options share an id")]
    DuplicateId,
    /// An empty option, pattern, prompt or item.
    #[error("an option is empty")]
    EmptyOption,
    /// Question text longer than [`MAX_QUESTION_TEXT`] characters.
    #[error("the question text is longer than {MAX_QUESTION_TEXT} characters")]
    TextTooLong,
    /// An option, prompt, answer or item longer than [`MAX_OPTION_TEXT`] characters.
    #[error("an option is longer than {MAX_OPTION_TEXT} characters")]
    OptionTooLong,
}

/// Longest question text, in characters: a question is read on every view of every attempt.
pub const MAX_QUESTION_TEXT: usize = 4_000;
/// Longest option, prompt, answer or item text, in characters.
pub const MAX_OPTION_TEXT: usize = 1_000;

/// Checks that a question can be asked and answered with full marks.
pub fn check(question: &Question) -> Result<(), QuestionError> {
    if question.text.trim().is_empty() {
        return Err(QuestionError::NoText);
    }
    if question.text.chars().count() > MAX_QUESTION_TEXT {
        return Err(QuestionError::TextTooLong);
    }
    if !(question.marks.is_finite() && question.marks > 0.0) {
        return Err(QuestionError::BadMarks);
    }
    let long = |t: &str| t.chars().count() > MAX_OPTION_TEXT;
    let too_long = match &question.body {
        Body::SingleChoice { options } | Body::MultipleResponse { options } => {
            options.iter().any(|o| long(&o.text))
        }
        Body::ShortAnswer { answers } => answers.iter().any(|k| long(&k.pattern)),
        Body::Matching { pairs } => pairs.iter().any(|p| long(&p.prompt) || long(&p.answer)),
        Body::Ordering { items } => items.iter().any(|i| long(&i.text)),
        Body::TrueFalse { .. } | Body::Numerical { .. } => false,
    };
    if too_long {
        return Err(QuestionError::OptionTooLong);
    }
    let ids = question.body.option_ids();
    let mut seen = std::collections::HashSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Err(QuestionError::DuplicateId);
    }
    let fraction_ok = |f: f64| f.is_finite() && (-1.0..=1.0).contains(&f);
    match &question.body {
        Body::SingleChoice { options } | Body::MultipleResponse { options } => {
            let name = question.body.kind().code();
            if options.len() < 2 {
                return Err(QuestionError::TooFew(name, 2));
            }
            if options.iter().any(|o| o.text.trim().is_empty()) {
                return Err(QuestionError::EmptyOption);
            }
            if !options.iter().all(|o| fraction_ok(o.fraction)) {
                return Err(QuestionError::BadFraction);
            }
            if let Body::MultipleResponse { .. } = &question.body {
                let positive: f64 = options.iter().map(|o| o.fraction.max(0.0)).sum();
                // Rounding aside (thirds as 33.33333 %): no answer could earn the marks
                // otherwise, or a right answer could be half chosen and still earn them.
                if positive > 0.0 && (positive - 1.0).abs() > 0.005 {
                    let shown = format!("{:.1}", positive * 100.0);
                    let shown = shown.strip_suffix(".0").unwrap_or(&shown).to_owned();
                    return Err(QuestionError::PositiveWeights(shown));
                }
            }
        }
        Body::TrueFalse { .. } => {}
        Body::ShortAnswer { answers } => {
            if answers.is_empty() {
                return Err(QuestionError::TooFew("short_answer", 1));
            }
            if answers.iter().any(|k| k.pattern.trim().is_empty()) {
                return Err(QuestionError::EmptyOption);
            }
            if !answers.iter().all(|k| fraction_ok(k.fraction)) {
                return Err(QuestionError::BadFraction);
            }
        }
        Body::Numerical { answers, .. } => {
            if answers.is_empty() {
                return Err(QuestionError::TooFew("numerical", 1));
            }
            if !answers
                .iter()
                .all(|k| fraction_ok(k.fraction) && k.value.is_finite() && k.tolerance.is_finite())
            {
                return Err(QuestionError::BadFraction);
            }
        }
        Body::Matching { pairs } => {
            if pairs.len() < 2 {
                return Err(QuestionError::TooFew("matching", 2));
            }
            if pairs
                .iter()
                .any(|p| p.prompt.trim().is_empty() || p.answer.trim().is_empty())
            {
                return Err(QuestionError::EmptyOption);
            }
        }
        Body::Ordering { items } => {
            if items.len() < 2 {
                return Err(QuestionError::TooFew("ordering", 2));
            }
            if items.iter().any(|i| i.text.trim().is_empty()) {
                return Err(QuestionError::EmptyOption);
            }
        }
    }
    if (grade(&question.body, &model_answer(&question.body)).fraction - 1.0).abs() > 1e-6 {
        return Err(QuestionError::NoFullMarks);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
