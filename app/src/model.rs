//! Data exchanged between the server and the pages: plain, serialisable, free of secrets.

use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

/// What a person may do. A person may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Takes courses, tests and exercises.
    Trainee,
    /// Builds courses and runs classes.
    Trainer,
    /// Scores country capacity assessments.
    Assessor,
    /// Manages countries, agencies and people.
    Admin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 4] = [Role::Trainee, Role::Trainer, Role::Assessor, Role::Admin];

    /// The stored and CSV name of the role.
    pub fn code(self) -> &'static str {
        match self {
            Role::Trainee => "trainee",
            Role::Trainer => "trainer",
            Role::Assessor => "assessor",
            Role::Admin => "admin",
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
            Role::Admin => Msg::RoleAdmin,
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
    /// Ticked: admin.
    #[serde(default)]
    pub role_admin: Option<String>,
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
            (Role::Admin, &self.role_admin),
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
