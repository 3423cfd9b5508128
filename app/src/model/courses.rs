//! Courses as read and edited: the catalogue, outlines, lessons, glossaries, search, the
//! editors, and classes with their rosters.

use super::*;

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

/// A course's page: its outline and everything the reader may take in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoursePageView {
    /// Modules and lessons with the reader's progress.
    pub outline: CourseOutline,
    /// The reader sees the course's outline only (an analyst or a manager planning training,
    /// who does not take it): no lesson, quiz, exercise or certificate.
    pub overview: bool,
    /// Its knowledge checks, with how the reader stands on each.
    pub quizzes: Vec<CourseQuiz>,
    /// Its exercises, with the reader's best scores.
    pub exercises: Vec<super::exercise::ExerciseRow>,
    /// How the reader stands towards its certificate.
    pub certificate: CertificateStatus,
    /// Its border desk shifts, with the reader's.
    pub desk: Vec<super::desk::ScenarioRow>,
    /// The evaluation questionnaires of the reader's classes of this course.
    pub evaluations: Vec<super::tna::EvaluationDue>,
}

/// A lesson as a learner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    /// Lesson id.
    pub id: i64,
    /// The language the course is written in (its text carries it as `lang`, whatever the
    /// interface's language).
    pub language: String,
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
    /// Whether the lesson is shown in the reader's language.
    pub edition: Edition,
}

/// A lesson's translation into one language, as its editor sees it beside the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonTranslationEditor {
    /// Lesson id.
    pub id: i64,
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// The course's own language (code).
    pub source_language: String,
    /// The language being edited (code).
    pub language: String,
    /// The original title.
    pub source_title: String,
    /// The original objectives.
    pub source_objectives: Vec<String>,
    /// The original Markdown body.
    pub source_body: String,
    /// The translated title (empty when there is no translation yet).
    pub title: String,
    /// The translated objectives, one per line.
    pub objectives: String,
    /// The translated Markdown body.
    pub body: String,
    /// Whether a translation is saved.
    pub exists: bool,
    /// The languages the lesson may be translated into, each with whether it is.
    pub languages: Vec<(String, bool)>,
}

/// In which language a course's text reaches its reader.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Edition {
    /// In the course's own language, which is the reader's.
    #[default]
    Source,
    /// Translated into the reader's language from the course's own (`from`, a language code).
    Translated {
        /// The course's language.
        from: String,
    },
    /// Not translated into the reader's language: shown in the course's own.
    Untranslated,
}

/// A course glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryView {
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Terms: (anchor, the original term's anchor when the term is shown translated, term,
    /// definition), alphabetical.
    pub terms: Vec<(String, Option<String>, String, String)>,
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
    /// A short extract of plain text around the match, as runs of text; the words the query
    /// matched are marked (`true`).
    pub extract: Vec<(String, bool)>,
}

/// A knowledge check on its course's page, with the reader's standing on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseQuiz {
    /// The quiz.
    pub quiz: QuizRow,
    /// Attempts the reader has closed (submitted or expired).
    pub closed: u32,
    /// Whether the reader has an attempt open.
    pub open: bool,
    /// The reader's best percentage, once an attempt is closed.
    pub best: Option<f64>,
    /// Whether the reader has passed it (`None` for a practice quiz, which has no pass mark).
    pub passed: Option<bool>,
}

/// A course on the author's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorCourse {
    /// Identifier.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Whether learners see it.
    pub published: bool,
    /// Whether this author may edit it (else it is someone else's, to read or duplicate).
    pub editable: bool,
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
    /// The language the editor's "Translate" link opens: the editor's own when it is not the
    /// course's, else the first other one.
    pub translate_into: String,
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

/// The name of a step's method (`plenary`, `group-work`, … as in a pack).
pub fn method_msg(code: &str) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match code {
        "plenary" => Msg::MethodPlenary,
        "presentation" => Msg::MethodPresentation,
        "group-work" => Msg::MethodGroupWork,
        "role-play" => Msg::MethodRolePlay,
        "exercise" => Msg::MethodExercise,
        "individual" => Msg::MethodIndividual,
        "test" => Msg::MethodTest,
        "break" => Msg::MethodBreak,
        _ => Msg::MethodEvaluation,
    }
}

/// One step of a trainer's agenda or session plan, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainerStep {
    /// When it starts (`HH:MM`) in an agenda; minutes from the start in a session plan.
    pub at: String,
    /// How long it takes.
    pub minutes: u32,
    /// How it is run (`plenary`, `group-work`, … as in a pack).
    pub method: String,
    /// What happens.
    pub activity: String,
    /// Titles of the lessons it teaches (an agenda's steps).
    pub lessons: Vec<String>,
}

/// A lesson's session plan and trainer notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainerLesson {
    /// Lesson id.
    pub lesson_id: i64,
    /// Its module's title.
    pub module_title: String,
    /// The lesson's title.
    pub title: String,
    /// The lesson's duration, minutes.
    pub duration: i32,
    /// Minutes the plan adds up to.
    pub planned: u32,
    /// The plan.
    pub plan: Vec<TrainerStep>,
    /// The plan as typed, one step per line (`minutes | method | activity`).
    pub plan_text: String,
    /// Trainer notes (Markdown).
    pub notes: String,
    /// Trainer notes, rendered.
    pub notes_html: String,
}

/// A course's trainer materials, for its trainers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainerPack {
    /// Course slug.
    pub course_slug: String,
    /// Course title.
    pub course_title: String,
    /// Whether the reader may edit them.
    pub can_edit: bool,
    /// The pilot day's title (empty: no agenda yet).
    pub agenda_title: String,
    /// When the day starts, `HH:MM`.
    pub agenda_starts: String,
    /// The day's steps.
    pub agenda: Vec<TrainerStep>,
    /// The steps as typed, one per line (`minutes | method | activity | lessons`).
    pub agenda_text: String,
    /// Contact minutes of the day (breaks excluded).
    pub contact_minutes: u32,
    /// Notes on running the day (Markdown).
    pub agenda_notes: String,
    /// The same, rendered.
    pub agenda_notes_html: String,
    /// What to bring and prepare (Markdown).
    pub materials: String,
    /// The same, rendered.
    pub materials_html: String,
    /// What to adapt to the country (Markdown).
    pub localisation: String,
    /// The same, rendered.
    pub localisation_html: String,
    /// Lessons in course order, each with its plan and notes (empty plan: none yet).
    pub lessons: Vec<TrainerLesson>,
}
