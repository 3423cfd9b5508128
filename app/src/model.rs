//! Data exchanged between the server and the pages: plain, serialisable, free of secrets.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

pub mod exercise;
pub mod progress;
pub mod record;
pub mod tna;

/// What a person may do. A person may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Takes courses, tests and exercises.
    Trainee,
    /// Builds courses and runs classes.
    Trainer,
    /// Scores country capacity assessments.
    Assessor,
    /// Runs training needs analyses: questionnaires, campaigns, gaps and training plans.
    Analyst,
    /// Manages countries, agencies and people.
    Admin,
    /// Follows the training of one agency (their own) for its management.
    FocalPoint,
    /// Follows the training programme in the countries they cover.
    Manager,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 7] = [
        Role::Trainee,
        Role::Trainer,
        Role::Assessor,
        Role::Analyst,
        Role::Admin,
        Role::FocalPoint,
        Role::Manager,
    ];

    /// The stored and CSV name of the role.
    pub fn code(self) -> &'static str {
        match self {
            Role::Trainee => "trainee",
            Role::Trainer => "trainer",
            Role::Assessor => "assessor",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
            Role::FocalPoint => "focal_point",
            Role::Manager => "manager",
        }
    }

    /// Parses a stored or CSV role name (case-insensitive).
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The role's label.
    pub fn label(self) -> Msg {
        match self {
            Role::Trainee => Msg::RoleTrainee,
            Role::Trainer => Msg::RoleTrainer,
            Role::Assessor => Msg::RoleAssessor,
            Role::Analyst => Msg::RoleAnalyst,
            Role::Admin => Msg::RoleAdmin,
            Role::FocalPoint => Msg::RoleFocalPoint,
            Role::Manager => Msg::RoleManager,
        }
    }
}

/// The kind of an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgencyKind {
    /// Immigration department or service.
    Immigration,
    /// Border police or border guard.
    BorderPolice,
    /// Customs administration.
    Customs,
    /// Coast guard.
    CoastGuard,
    /// Any other agency.
    Other,
}

impl AgencyKind {
    /// Every kind, in display order.
    pub const ALL: [AgencyKind; 5] = [
        AgencyKind::Immigration,
        AgencyKind::BorderPolice,
        AgencyKind::Customs,
        AgencyKind::CoastGuard,
        AgencyKind::Other,
    ];

    /// The stored name of the kind.
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Immigration => "immigration",
            AgencyKind::BorderPolice => "border_police",
            AgencyKind::Customs => "customs",
            AgencyKind::CoastGuard => "coast_guard",
            AgencyKind::Other => "other",
        }
    }

    /// Parses a stored kind name.
    pub fn from_code(code: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's label.
    pub fn label(self) -> Msg {
        match self {
            AgencyKind::Immigration => Msg::KindImmigration,
            AgencyKind::BorderPolice => Msg::KindBorderPolice,
            AgencyKind::Customs => Msg::KindCustoms,
            AgencyKind::CoastGuard => Msg::KindCoastGuard,
            AgencyKind::Other => Msg::KindOther,
        }
    }
}

/// The signed-in person, as the pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Person id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Roles held, sorted.
    pub roles: Vec<Role>,
    /// Preferred interface language.
    pub lang: Lang,
    /// The person must choose a new password before doing anything else.
    pub must_change_password: bool,
}

impl CurrentUser {
    /// Whether the person holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows on this page.
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u64,
    /// Total number of pages (at least 1).
    pub pages: u64,
    /// Total number of rows over all pages.
    pub total: u64,
}

/// A country in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryRow {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// ISO 3166-1 alpha-2 code.
    pub alpha2: String,
    /// English name.
    pub name_en: String,
    /// French name.
    pub name_fr: String,
    /// Not a real country (Utopia, for specimens and demos).
    pub fictional: bool,
    /// Number of agencies in the country.
    pub agencies: u64,
}

impl CountryRow {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Fr => &self.name_fr,
        }
    }
}

/// An agency in lists and forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRow {
    /// Agency id.
    pub id: i64,
    /// Agency name.
    pub name: String,
    /// Country code.
    pub country_code: String,
    /// Country name in English and French.
    pub country_en: String,
    /// Country name in French.
    pub country_fr: String,
    /// Kind of agency.
    pub kind: AgencyKind,
    /// Whether the agency is active.
    pub active: bool,
    /// Number of people attached to it.
    pub people: u64,
}

/// A position inside an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    /// Position id.
    pub id: i64,
    /// Agency id.
    pub agency_id: i64,
    /// Title.
    pub title: String,
}

/// An agency with its positions, for the agency page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetail {
    /// The agency.
    pub agency: AgencyRow,
    /// Its positions, by title.
    pub positions: Vec<PositionRow>,
}

/// A person in lists and forms (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Person id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Email, if known.
    pub email: Option<String>,
    /// Agency id and name.
    pub agency: Option<(i64, String)>,
    /// Position id and title.
    pub position: Option<(i64, String)>,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The countries covered, for a programme manager.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Whether the account may sign in.
    pub active: bool,
    /// Preferred language.
    pub lang: Lang,
}

/// Everything the person forms need to offer as choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementChoices {
    /// Active agencies with their positions.
    pub agencies: Vec<AgencyDetail>,
}

/// A person created by a CSV import, with the temporary password to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPerson {
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Temporary password, shown once.
    pub temporary_password: String,
}

/// One rejected row of a CSV import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based line number in the file (the header is line 1); 0 for the whole file.
    pub line: u64,
    /// The column concerned, if any.
    pub column: Option<String>,
    /// What is wrong.
    pub message: Msg,
}

/// The outcome of a CSV import: either everyone was imported, or nothing and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Every row was valid and has been imported.
    Imported(Vec<ImportedPerson>),
    /// At least one row was invalid; nothing was written.
    Rejected(Vec<ImportProblem>),
}

/// What an administrator enters to create or edit an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AgencyInput {
    /// Agency name.
    pub name: String,
    /// Country code (ISO alpha-3).
    pub country: String,
    /// Kind code (see [`AgencyKind::code`]).
    pub kind: String,
}

/// What an administrator enters to create or edit a person. Roles are checkboxes, so they
/// arrive as separate optional fields (present when ticked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PersonInput {
    /// Login (ignored when editing: logins do not change).
    #[serde(default)]
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Email, may be empty.
    #[serde(default)]
    pub email: String,
    /// Agency id, empty for none.
    #[serde(default)]
    pub agency: String,
    /// Position id, empty for none.
    #[serde(default)]
    pub position: String,
    /// Preferred language code.
    #[serde(default)]
    pub language: String,
    /// Ticked: trainee.
    #[serde(default)]
    pub role_trainee: Option<String>,
    /// Ticked: trainer.
    #[serde(default)]
    pub role_trainer: Option<String>,
    /// Ticked: assessor.
    #[serde(default)]
    pub role_assessor: Option<String>,
    /// Ticked: needs analyst.
    #[serde(default)]
    pub role_analyst: Option<String>,
    /// Ticked: admin.
    #[serde(default)]
    pub role_admin: Option<String>,
    /// Ticked: agency focal point.
    #[serde(default)]
    pub role_focal_point: Option<String>,
    /// Ticked: programme manager.
    #[serde(default)]
    pub role_manager: Option<String>,
    /// The countries a manager covers: ISO codes separated by commas or spaces.
    #[serde(default)]
    pub countries: String,
    /// Initial password (creation only).
    #[serde(default)]
    pub password: String,
}

impl PersonInput {
    /// The ticked roles, in order.
    pub fn roles(&self) -> Vec<Role> {
        [
            (Role::Trainee, &self.role_trainee),
            (Role::Trainer, &self.role_trainer),
            (Role::Assessor, &self.role_assessor),
            (Role::Analyst, &self.role_analyst),
            (Role::Admin, &self.role_admin),
            (Role::FocalPoint, &self.role_focal_point),
            (Role::Manager, &self.role_manager),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(r, _)| r)
        .collect()
    }
}

/// A course in the catalogue, with the reader's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    /// Course id.
    pub id: i64,
    /// Stable identifier used in URLs.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Catalogue summary.
    pub summary: String,
    /// `foundation` or `thematic`.
    pub kind: String,
    /// Language code.
    pub language: String,
    /// Estimated study time.
    pub estimated_hours: f64,
    /// Lessons the reader can see.
    pub lessons: u64,
    /// Of those, completed by the reader.
    pub completed: u64,
    /// Whether learners can see it.
    pub published: bool,
}

/// A lesson in a course outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineLesson {
    /// Lesson id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Minutes.
    pub duration: i32,
    /// Completed by the reader.
    pub completed: bool,
    /// Visible to learners.
    pub published: bool,
}

/// A module in a course outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineModule {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Lessons in order.
    pub lessons: Vec<OutlineLesson>,
}

/// A course's outline with the reader's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOutline {
    /// The course.
    pub course: CourseCard,
    /// Who it is for.
    pub audience: String,
    /// Modules in order.
    pub modules: Vec<OutlineModule>,
    /// Where to continue: the lesson after the last one viewed, or the first not completed.
    pub resume: Option<i64>,
    /// Whether the course has a glossary.
    pub has_glossary: bool,
}

/// A lesson as a learner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    /// Lesson id.
    pub id: i64,
    /// Course slug and title.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Module title.
    pub module_title: String,
    /// Lesson title.
    pub title: String,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// Minutes.
    pub duration: i32,
    /// Sanitised HTML of the body.
    pub html: String,
    /// Previous lesson (id, title).
    pub previous: Option<(i64, String)>,
    /// Next lesson (id, title).
    pub next: Option<(i64, String)>,
    /// Completed by the reader.
    pub completed: bool,
    /// Position in the course (1-based) and number of lessons.
    pub position: (usize, usize),
}

/// A course glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryView {
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Terms: (anchor, term, definition), alphabetical.
    pub terms: Vec<(String, String, String)>,
}

/// One lesson found by a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Lesson id.
    pub lesson_id: i64,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Lesson title.
    pub title: String,
    /// A short extract of plain text around the match.
    pub extract: String,
}

/// What a trainer enters to create or edit a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CourseInput {
    /// Identifier (creation only): lower-case letters, digits, hyphens.
    #[serde(default)]
    pub slug: String,
    /// Title.
    pub title: String,
    /// Catalogue summary.
    #[serde(default)]
    pub summary: String,
    /// Language code.
    #[serde(default)]
    pub language: String,
    /// `foundation` or `thematic`.
    #[serde(default)]
    pub kind: String,
    /// Audience.
    #[serde(default)]
    pub audience: String,
    /// Estimated hours, as typed.
    #[serde(default)]
    pub hours: String,
}

/// A lesson in the course editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorLesson {
    /// Lesson id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Visible to learners.
    pub published: bool,
}

/// A module in the course editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorModule {
    /// Module id.
    pub id: i64,
    /// Slug (folder name in packs, and where its images live).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Lessons in order.
    pub lessons: Vec<EditorLesson>,
}

/// A course as its editor sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseEditor {
    /// Course id.
    pub id: i64,
    /// The form values.
    pub input: CourseInput,
    /// Published to learners.
    pub published: bool,
    /// Modules in order.
    pub modules: Vec<EditorModule>,
}

/// A lesson as its editor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEditor {
    /// Lesson id.
    pub id: i64,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Module slug.
    pub module_slug: String,
    /// Title.
    pub title: String,
    /// Objectives, one per line.
    pub objectives: String,
    /// Minutes.
    pub duration: i32,
    /// Markdown body.
    pub body: String,
    /// Visible to learners.
    pub published: bool,
    /// Rendered body, for the preview.
    pub preview: String,
    /// Images of the module (file names).
    pub images: Vec<String>,
    /// The version being edited (its last-saved time), sent back on save to detect that
    /// someone else saved in between.
    pub revision: String,
}

/// What a trainer enters to open a class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ClassInput {
    /// Course identifier.
    pub course: String,
    /// Name of the class, e.g. "Northgate border post, March intake".
    pub name: String,
    /// First day (YYYY-MM-DD).
    pub starts_on: String,
    /// Last day (YYYY-MM-DD).
    pub ends_on: String,
    /// Where it takes place.
    #[serde(default)]
    pub location: String,
    /// Ticked: a Training of Trainers class.
    #[serde(default)]
    pub tot: Option<String>,
}

/// A class in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    /// Class id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// First day.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// Place.
    pub location: String,
    /// Training of Trainers.
    pub tot: bool,
    /// Number of trainees enrolled.
    pub enrolled: u64,
}

/// One trainee on a class roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    /// Person id.
    pub person_id: i64,
    /// Name.
    pub name: String,
    /// Login.
    pub login: String,
    /// Agency name.
    pub agency: Option<String>,
    /// Lessons completed.
    pub completed: u64,
    /// Lessons in the course.
    pub total: u64,
    /// Last lesson visit (YYYY-MM-DD), if any.
    pub last_active: Option<String>,
}

/// A class with its roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    /// The class.
    pub class: ClassRow,
    /// The code trainees type to join.
    pub join_code: String,
    /// Trainers' names.
    pub trainers: Vec<String>,
    /// Trainees with their progress.
    pub roster: Vec<RosterRow>,
    /// Active agencies, for enrolling a whole agency: (id, name).
    pub agencies: Vec<(i64, String)>,
}

// ---- Knowledge checks ------------------------------------------------------------------

/// A category of a course's question bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankCategory {
    /// Category id.
    pub id: i64,
    /// Name (may contain `/` for sub-categories).
    pub name: String,
    /// Questions in it.
    pub questions: u64,
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
    /// Kind code (`single_choice`, …).
    pub kind: String,
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
    /// `practice`, `pre_test` or `post_test`.
    pub role: String,
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
}

/// A course's question bank and quizzes, for its authors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionBank {
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
    /// `practice`, `pre_test` or `post_test`.
    pub role: String,
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
    /// `open`, `submitted` or `expired`.
    pub status: String,
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
    /// Kind code.
    pub kind: String,
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
    /// The correct answer in words, when the quiz shows it.
    pub correct_answer: Option<String>,
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
    /// 1 for the first attempt.
    pub number: i32,
    /// `open`, `submitted` or `expired`.
    pub status: String,
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
    /// The course's quizzes.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

// ---- Capacity assessments ------------------------------------------------------------

/// An assessment as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Country name.
    pub country: String,
    /// `draft`, `in_review` or `final`.
    pub status: String,
    /// Version number (1 for the first).
    pub number: i32,
    /// First and last day (YYYY-MM-DD).
    pub period: String,
    /// The signed-in person's role in it (`lead`, `assessor`, `counterpart`, or `admin`).
    pub my_role: String,
}

/// What an assessor enters to open an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AssessmentInput {
    /// Title.
    pub title: String,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Requesting government body.
    pub requested_by: String,
    /// First day (YYYY-MM-DD).
    pub starts_on: String,
    /// Last day (YYYY-MM-DD).
    pub ends_on: String,
}

/// A score roll-up as shown: score 0–4 and the indicators behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    /// Weighted mean level, when anything was scored.
    pub score: Option<f64>,
    /// Indicators scored.
    pub scored: u64,
    /// Indicators not applicable.
    pub not_applicable: u64,
    /// Indicators still to score or reconcile.
    pub unscored: u64,
    /// Traffic light of the score: `red`, `amber` or `green`.
    pub light: Option<String>,
}

/// An element in an assessment overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementView {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Whether it is in the assessment's scope.
    pub in_scope: bool,
    /// Its roll-up (agreed scores).
    pub score: ScoreView,
}

/// A component in an assessment overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentView {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its roll-up.
    pub score: ScoreView,
    /// Its elements.
    pub elements: Vec<ElementView>,
}

/// An assessment with its team and scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentView {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Country code and name.
    pub country: (String, String),
    /// Requesting body.
    pub requested_by: String,
    /// Period (YYYY-MM-DD – YYYY-MM-DD).
    pub period: String,
    /// `draft`, `in_review` or `final`.
    pub status: String,
    /// Version number.
    pub number: i32,
    /// Framework title and version.
    pub framework: String,
    /// The signed-in person's role.
    pub my_role: String,
    /// Whether they may score (lead or assessor, not final).
    pub can_score: bool,
    /// Whether they lead it (or administer the platform).
    pub is_lead: bool,
    /// Team: name, login, role.
    pub team: Vec<(String, String, String)>,
    /// Components with their elements.
    pub components: Vec<ComponentView>,
    /// The overall roll-up.
    pub overall: ScoreView,
}

/// One assessor's (or the agreed) score of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    /// Who (empty for the agreed score).
    pub by: String,
    /// Level 0–4, if given.
    pub level: Option<i32>,
    /// Marked not applicable.
    pub not_applicable: bool,
    /// Reason for not applicable, or the rationale of an agreed score.
    pub reason: String,
    /// Evidence notes.
    pub evidence: String,
    /// `low`, `medium` or `high`.
    pub confidence: String,
    /// Row version, for saving without overwriting someone else's change.
    pub version: i32,
}

/// An indicator on the scoring page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScoring {
    /// Framework id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight.
    pub weight: f64,
    /// Level descriptors 0–4.
    pub levels: Vec<String>,
    /// Guidance questions.
    pub questions: Vec<String>,
    /// Evidence to look for.
    pub evidence: Vec<String>,
    /// The signed-in assessor's own score.
    pub mine: Option<ScoreEntry>,
    /// Every assessor's score (shown to the lead for reconciliation).
    pub all: Vec<ScoreEntry>,
    /// Highest − lowest level among assessors.
    pub spread: Option<u8>,
    /// The agreed score, when recorded.
    pub agreed: Option<ScoreEntry>,
    /// Source documents attached: (id, name).
    pub documents: Vec<(i64, String)>,
}

/// The scoring page of one element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementScoring {
    /// Assessment id.
    pub assessment_id: i64,
    /// Assessment title.
    pub assessment_title: String,
    /// Element id, title and summary.
    pub element: (String, String, String),
    /// Component title.
    pub component: String,
    /// Scale names 0–4.
    pub scale: Vec<String>,
    /// Whether the signed-in person may score.
    pub can_score: bool,
    /// Whether they lead (and reconcile).
    pub is_lead: bool,
    /// Indicators.
    pub indicators: Vec<IndicatorScoring>,
}

/// What a score form posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ScoreInput {
    /// `0`–`4`, or `na`.
    pub level: String,
    /// Why not applicable, or the rationale of an agreed score.
    #[serde(default)]
    pub reason: String,
    /// Evidence notes.
    #[serde(default)]
    pub evidence: String,
    /// `low`, `medium` or `high`.
    #[serde(default)]
    pub confidence: String,
    /// The version the form was loaded with (0 for a new score).
    pub version: i32,
    /// Set when the lead records the agreed score.
    #[serde(default)]
    pub agreed: Option<String>,
}

/// A finding, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRow {
    /// Id.
    pub id: i64,
    /// Element id.
    pub element: String,
    /// `strength` or `gap`.
    pub kind: String,
    /// Text.
    pub text: String,
}

/// A recommendation, as entered and listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecommendationInput {
    /// Element id.
    pub element: String,
    /// Text.
    pub text: String,
    /// `high`, `medium` or `low`.
    pub priority: String,
    /// `short` or `long`.
    pub timeframe: String,
    /// Responsible agency.
    #[serde(default)]
    pub responsible: String,
    /// Indicative cost.
    #[serde(default)]
    pub cost: String,
    /// Indicator ids addressed, comma-separated.
    #[serde(default)]
    pub indicators: String,
    /// Planned quarter, `YYYY-Qn`.
    pub quarter: String,
}

/// A recommendation with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationRow {
    /// Id.
    pub id: i64,
    /// What was entered.
    pub input: RecommendationInput,
}

/// Everything the country report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The assessment.
    pub assessment: AssessmentView,
    /// Executive summary, sanitised HTML.
    pub summary_html: String,
    /// Methodology, sanitised HTML.
    pub methodology_html: String,
    /// Executive summary as written (Markdown).
    pub summary_markdown: String,
    /// Methodology as written (Markdown).
    pub methodology_markdown: String,
    /// Radar chart of the component scores (SVG, built on the server from escaped text).
    pub radar_svg: String,
    /// Bar chart of the element scores per component: (component id, SVG).
    pub element_bars: Vec<(String, String)>,
    /// Findings.
    pub findings: Vec<FindingRow>,
    /// Recommendations, by priority then quarter.
    pub recommendations: Vec<RecommendationRow>,
    /// Element id → title, for findings and recommendations.
    pub element_titles: Vec<(String, String)>,
    /// Annex: component title, element title, indicator title, level text, evidence.
    pub annex: Vec<(String, String, String, String, String)>,
    /// The comparison with the baseline assessment, when one is set.
    pub baseline: Option<BaselineView>,
}

/// A score before and after: title, baseline, follow-up, change (all on the 0–4 scale).
pub type ScoreChange = (String, Option<f64>, Option<f64>, Option<f64>);

/// A follow-up compared with its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineView {
    /// Baseline title and period.
    pub title: String,
    /// Overall: baseline, follow-up, change.
    pub overall: (Option<f64>, Option<f64>, Option<f64>),
    /// Per component: title, baseline, follow-up, change.
    pub components: Vec<ScoreChange>,
    /// Per indicator present in both: title, baseline level, follow-up level (as text), change.
    pub indicators: Vec<(String, String, String, Option<i32>)>,
}

// ---- Training needs analysis ---------------------------------------------------------

/// One competency on a job specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRow {
    /// Competency id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// The level the position requires, if any.
    pub required: Option<i32>,
}

/// A position's job specification, by competency area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSpecification {
    /// Position id.
    pub position_id: i64,
    /// Position title.
    pub position: String,
    /// Agency id and name.
    pub agency: (i64, String),
    /// Names of levels 1–5.
    pub level_names: Vec<String>,
    /// Areas: title and competencies.
    pub areas: Vec<(String, Vec<RequirementRow>)>,
}

/// The competency framework as shown: level names and areas with their competencies
/// (id, title, description, level descriptors, modules that build it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyFramework {
    /// Title and version.
    pub title: String,
    /// The stored framework's edit version (0: the shipped framework, never edited).
    pub version: i32,
    /// Whether the person may edit it (needs analysts and administrators).
    pub editable: bool,
    /// Area ids, in the order of `areas`.
    pub area_ids: Vec<String>,
    /// Names of levels 1–5.
    pub level_names: Vec<String>,
    /// Areas.
    pub areas: Vec<(String, Vec<CompetencyView>)>,
}

/// One competency as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Descriptors of levels 1–5.
    pub levels: Vec<String>,
    /// Course modules that build it: (course slug, module title).
    pub builds: Vec<(String, String)>,
    /// The same, as written in the framework (`course/module`).
    pub modules: Vec<String>,
}
