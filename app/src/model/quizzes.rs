//! Knowledge checks: question banks, quizzes, attempts, results, learning gains and
//! certificates.

use super::*;

/// A category of a course's question bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankCategory {
    /// Category id.
    pub id: i64,
    /// Name (may contain `/` for sub-categories).
    pub name: String,
    /// Questions in it.
    pub questions: u64,
    /// In the test pool (only pre- and post-tests draw from it) rather than the practice pool.
    pub test_pool: bool,
}

/// One question of a bank, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankQuestion {
    /// Question id.
    pub id: i64,
    /// Its category.
    pub category_id: i64,
    /// Title.
    pub title: String,
    /// Its kind.
    pub kind: assessments::questions::Kind,
    /// Marks for a full answer.
    pub marks: f64,
    /// Tags.
    pub tags: Vec<String>,
}

/// A quiz as listed to authors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizRow {
    /// Quiz id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// What the quiz is for in its course.
    pub role: QuizRole,
    /// Questions an attempt asks.
    pub questions: u64,
    /// Percentage needed to pass.
    pub pass_mark: f64,
    /// Minutes allowed, if limited.
    pub time_limit_minutes: Option<i32>,
    /// Attempts allowed (0: unlimited).
    pub attempts_allowed: i32,
    /// Whether learners see it.
    pub published: bool,
    /// The class it is set for, by id and name; `None`: every class of the course.
    pub class: Option<(i64, String)>,
}

/// A course's question bank and quizzes, for its authors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionBank {
    /// Whether the reader may change it (else they read it, and may duplicate the course).
    pub editable: bool,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// How a certificate is earned: `post_test` or `trainer`.
    pub certificate_rule: String,
    /// Categories.
    pub categories: Vec<BankCategory>,
    /// Questions, by category then title.
    pub questions: Vec<BankQuestion>,
    /// Quizzes.
    pub quizzes: Vec<QuizRow>,
}

/// A question an import could not take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRefusal {
    /// Where it is in the file (`line 12`, `question 3`).
    pub location: String,
    /// Its title or the start of its text.
    pub title: String,
    /// Why it was refused.
    pub reason: String,
}

/// What a question import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankImportReport {
    /// Questions written to the bank.
    pub imported: usize,
    /// Questions refused, with reasons.
    pub refused: Vec<BankRefusal>,
    /// Whether anything was written (false when the file was refused as a whole).
    pub written: bool,
    /// Questions of the file that could be imported: when nothing was written, whether
    /// importing "the valid ones" would help.
    pub valid: usize,
}

/// A quiz's settings as entered in the quiz form (text fields are parsed on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct QuizInput {
    /// Title.
    pub title: String,
    /// `practice`, `pre_test` or `post_test`.
    pub role: String,
    /// Introduction shown before starting (Markdown).
    #[serde(default)]
    pub intro: String,
    /// Pass mark in percent.
    pub pass_mark: String,
    /// Minutes, empty for no limit.
    #[serde(default)]
    pub time_limit_minutes: String,
    /// Attempts allowed, 0 for unlimited.
    pub attempts_allowed: String,
    /// `after_submit`, `after_close` or `never`.
    pub show_answers: String,
    /// Checkbox.
    #[serde(default)]
    pub shuffle_questions: Option<String>,
    /// Checkbox.
    #[serde(default)]
    pub shuffle_options: Option<String>,
    /// Checkbox.
    #[serde(default)]
    pub published: Option<String>,
}

/// One line of a quiz: a fixed question or a draw from a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizItemRow {
    /// Item id.
    pub id: i64,
    /// The question's title, or the category's name.
    pub label: String,
    /// Questions drawn (0 for a fixed question).
    pub draw: i32,
}

/// A quiz with its settings and items, for the quiz editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizEditor {
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Quiz id.
    pub id: i64,
    /// The settings as the form shows them.
    pub input: QuizInput,
    /// What the quiz asks, in order.
    pub items: Vec<QuizItemRow>,
    /// The bank's categories.
    pub categories: Vec<BankCategory>,
    /// The bank's questions.
    pub questions: Vec<BankQuestion>,
    /// The class it is set for, by id and name; `None`: every class of the course.
    pub class: Option<(i64, String)>,
}

/// A quiz as a learner sees it before starting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizCard {
    /// Quiz id.
    pub id: i64,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Title.
    pub title: String,
    /// What the quiz is for in its course.
    pub role: QuizRole,
    /// Introduction, sanitised HTML.
    pub intro_html: String,
    /// Questions an attempt asks.
    pub questions: u64,
    /// Pass mark, percent.
    pub pass_mark: f64,
    /// Minutes allowed, if limited.
    pub time_limit_minutes: Option<i32>,
    /// Attempts allowed (0: unlimited).
    pub attempts_allowed: i32,
    /// The learner's attempts so far, newest first.
    pub attempts: Vec<AttemptSummary>,
    /// An attempt in progress, to continue.
    pub open_attempt: Option<i64>,
    /// Whether a new attempt may be started.
    pub can_start: bool,
}

/// One attempt, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    /// Attempt id.
    pub id: i64,
    /// 1 for the first attempt.
    pub number: i32,
    /// Open, handed in, or closed by its time limit.
    pub status: AttemptStatus,
    /// Percent, once closed.
    pub percent: Option<f64>,
    /// Whether it passed, once closed.
    pub passed: Option<bool>,
    /// When it was closed (YYYY-MM-DD HH:MM UTC).
    pub closed_at: Option<String>,
}

/// An option, pair answer or item as shown in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownOption {
    /// Its id within the question.
    pub id: u32,
    /// Its text.
    pub text: String,
}

/// One question of an attempt, with the answer saved so far and, after closing, its grading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptQuestionView {
    /// Question id.
    pub question_id: i64,
    /// Its kind.
    pub kind: assessments::questions::Kind,
    /// Question text, sanitised HTML.
    pub text_html: String,
    /// Marks.
    pub marks: f64,
    /// Options (choice kinds), prompts (matching) or items (ordering), in the order shown.
    pub options: Vec<ShownOption>,
    /// The answers to choose from for each matching prompt, in the order shown.
    pub answers: Vec<ShownOption>,
    /// Chosen option ids.
    pub chosen: Vec<u32>,
    /// `true`/`false` for a true/false question, typed text or number otherwise.
    pub text: String,
    /// Matching: (prompt id, answer id) chosen.
    pub matches: Vec<(u32, u32)>,
    /// Ordering: item id → position chosen (1-based).
    pub order: Vec<(u32, u32)>,
    /// Whether an answer has been saved.
    pub answered: bool,
    /// Share of the marks earned, once graded and shown.
    pub fraction: Option<f64>,
    /// Feedback for what was answered, once shown.
    pub feedback: Vec<String>,
    /// General feedback, once shown.
    pub general_feedback: String,
    /// The correct answer, when the quiz shows it.
    pub correct_answer: Option<CorrectAnswer>,
}

/// A question's full-marks answer, as shown after marking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectAnswer {
    /// In the course's words (options, accepted answers, pairs, order).
    Text(String),
    /// True or false: said in the interface's words.
    Truth(bool),
}

/// An attempt: in progress (to answer) or closed (to review).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    /// Attempt id.
    pub id: i64,
    /// Quiz id.
    pub quiz_id: i64,
    /// Quiz title.
    pub quiz_title: String,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// The course's language (BCP 47), which its questions are written in.
    pub language: String,
    /// 1 for the first attempt.
    pub number: i32,
    /// Open, handed in, or closed by its time limit.
    pub status: AttemptStatus,
    /// Seconds left before the time limit closes it, if limited and open.
    pub seconds_left: Option<i64>,
    /// The deadline (YYYY-MM-DD HH:MM UTC), if limited.
    pub deadline: Option<String>,
    /// Questions in the order shown.
    pub questions: Vec<AttemptQuestionView>,
    /// Score, once closed.
    pub score: Option<f64>,
    /// Highest score possible.
    pub max_score: f64,
    /// Percent, once closed.
    pub percent: Option<f64>,
    /// Whether it passed, once closed.
    pub passed: Option<bool>,
    /// Pass mark, percent.
    pub pass_mark: f64,
    /// Whether per-question marks and feedback are shown.
    pub review: bool,
}

/// One trainee's results on a quiz, for trainers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizResultRow {
    /// Person id.
    pub person_id: i64,
    /// Name.
    pub name: String,
    /// Login.
    pub login: String,
    /// Closed attempts.
    pub attempts: u64,
    /// Best percent over closed attempts.
    pub best: Option<f64>,
    /// Whether any closed attempt passed.
    pub passed: bool,
    /// Whether an attempt is in progress.
    pub in_progress: bool,
}

impl QuizResultRow {
    /// The trainee's standing in words: in progress, not attempted (`None`), passed or not —
    /// and for a practice quiz (no pass mark) only "submitted", never passed or failed.
    pub fn standing(&self, pass_mark: f64) -> Option<Msg> {
        if self.in_progress {
            Some(Msg::InProgress)
        } else if self.attempts == 0 {
            None
        } else if pass_mark <= 0.0 {
            Some(Msg::Submitted)
        } else if self.passed {
            Some(Msg::PassedLabel)
        } else {
            Some(Msg::NotPassed)
        }
    }
}

/// Item statistics of one question, for trainers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    /// Question id.
    pub question_id: i64,
    /// Title.
    pub title: String,
    /// Attempts that asked it.
    pub n: u64,
    /// Facility index, 0–1.
    pub facility: f64,
    /// Discrimination, −1–1, when computable.
    pub discrimination: Option<f64>,
}

/// A quiz's results in one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizResults {
    /// Class id.
    pub class_id: i64,
    /// Class name.
    pub class_name: String,
    /// Quiz id.
    pub quiz_id: i64,
    /// Quiz title.
    pub quiz_title: String,
    /// Pass mark.
    pub pass_mark: f64,
    /// One row per enrolled trainee.
    pub rows: Vec<QuizResultRow>,
    /// Trainees with at least one closed attempt.
    pub completed: u64,
    /// Mean of the trainees' best percentages.
    pub average: Option<f64>,
    /// Item analysis over the class's closed attempts (the first attempt of each trainee).
    pub items: Vec<ItemRow>,
}

/// One trainee's pre-test and post-test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GainRow {
    /// Name.
    pub name: String,
    /// Pre-test percent (first attempt).
    pub pre: Option<f64>,
    /// Post-test percent (best attempt).
    pub post: Option<f64>,
    /// Normalised gain.
    pub gain: Option<f64>,
}

/// Learning gain in a class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GainReport {
    /// Per trainee.
    pub rows: Vec<GainRow>,
    /// The class's normalised gain (of the averages) over trainees who took both tests.
    pub class_gain: Option<f64>,
    /// How many took both.
    pub pairs: u64,
}

/// A class's quizzes, for trainers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassQuizzes {
    /// The course's slug (its question bank is the source of the class's own quizzes).
    pub course_slug: String,
    /// The course's quizzes and the class's own.
    pub quizzes: Vec<QuizRow>,
    /// Pre/post gain, when the course has both tests.
    pub gain: Option<GainReport>,
    /// Certificates issued in this course to the class's trainees.
    pub certificates: Vec<CertificateRow>,
    /// How certificates are earned in this course.
    pub certificate_rule: String,
}

/// A certificate, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificateRow {
    /// The verification code.
    pub code: String,
    /// Person id.
    pub person_id: i64,
    /// Holder's name.
    pub person_name: String,
    /// Course title.
    pub course_title: String,
    /// Issue date (YYYY-MM-DD).
    pub issued_on: String,
    /// Hours of training.
    pub hours: f64,
    /// Revocation date, if revoked.
    pub revoked_on: Option<String>,
}

/// A learner's standing towards a course certificate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CertificateStatus {
    /// `post_test` or `trainer`.
    pub rule: String,
    /// Lessons completed / in the course.
    pub lessons_done: u64,
    /// Lessons in the course.
    pub lessons_total: u64,
    /// Whether a post-test was passed.
    pub post_test_passed: bool,
    /// The certificate, once issued (and not revoked).
    pub certificate: Option<CertificateRow>,
    /// Whether the learner may claim it now.
    pub can_claim: bool,
}

/// What `/verify/<code>` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    /// A valid certificate: holder, course, date.
    Valid {
        /// Holder's name.
        name: String,
        /// Course title.
        course: String,
        /// Issue date (YYYY-MM-DD).
        issued_on: String,
    },
    /// It existed and was revoked on this date.
    Revoked {
        /// Revocation date.
        revoked_on: String,
    },
    /// No certificate has this code.
    Unknown,
}
