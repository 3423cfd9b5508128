//! Course packs: a folder per course (see `docs/course-pack-format.md`), read into a
//! [`CoursePack`] and written back. Reading checks everything a trainee would trip over — a
//! missing field, a glossary term that is not defined, an image that is not there — and every
//! error names the file and, where it can, the line.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod check;
mod files;
pub mod trainer;
mod translations;
pub use files::*;
pub use translations::*;

/// Kind of course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum CourseKind {
    /// Foundation training (migration management essentials).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "foundation"))]
    Foundation,
    /// Thematic training (one subject in depth).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "thematic"))]
    Thematic,
}

impl CourseKind {
    /// The stored code, as in `course.toml`.
    pub fn code(self) -> &'static str {
        match self {
            CourseKind::Foundation => "foundation",
            CourseKind::Thematic => "thematic",
        }
    }

    /// The kind stored as `code`.
    pub fn from_code(code: &str) -> Option<CourseKind> {
        [CourseKind::Foundation, CourseKind::Thematic]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// Which pool of a course's question bank a category belongs to: practice quizzes draw from
/// the practice pool, pre-tests and post-tests from the test pool (`tests.gift`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Pool {
    /// Questions trainees practise with, answers shown (`questions.gift`).
    #[default]
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "practice"))]
    Practice,
    /// Questions that measure, never shown with their answers before a test (`tests.gift`).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "test"))]
    Test,
}

impl Pool {
    /// The pool a quiz of `role` (`practice`, `pre_test`, `post_test`) draws from.
    pub fn for_role(role: &str) -> Pool {
        if role == "practice" {
            Pool::Practice
        } else {
            Pool::Test
        }
    }
}

/// `course.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseMeta {
    /// Stable identifier (lower-case letters, digits, hyphens).
    pub id: String,
    /// Title.
    pub title: String,
    /// One or two sentences for the catalogue.
    pub summary: String,
    /// Language code (`en`, `fr`, `es` or `ar`).
    pub language: String,
    /// Foundation or thematic.
    pub kind: CourseKind,
    /// Who the course is for.
    pub audience: String,
    /// Competency identifiers the course builds.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// Estimated study time in hours.
    pub estimated_hours: f32,
    /// Version of the pack.
    pub version: String,
}

/// `module.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleMeta {
    /// Title.
    pub title: String,
    /// Short description.
    #[serde(default)]
    pub summary: String,
}

/// A lesson's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    /// Title.
    pub title: String,
    /// What the trainee will be able to do.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Expected duration in minutes.
    pub duration: u32,
}

/// One lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// File stem without its numeric prefix, e.g. `reading-the-mrz`.
    pub slug: String,
    /// Front matter.
    pub meta: LessonMeta,
    /// Markdown body.
    pub body: String,
}

/// One module with its lessons, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Folder name without its numeric prefix.
    pub slug: String,
    /// `module.toml`.
    pub meta: ModuleMeta,
    /// Lessons in order.
    pub lessons: Vec<Lesson>,
    /// Files beside the lessons (images), by file name.
    pub media: BTreeMap<String, Vec<u8>>,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term.
    pub term: String,
    /// Its definition.
    pub definition: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<GlossaryEntry>,
}

/// A whole course pack.
#[derive(Debug, Clone, PartialEq)]
pub struct CoursePack {
    /// `course.toml`.
    pub meta: CourseMeta,
    /// Modules in order.
    pub modules: Vec<Module>,
    /// Glossary entries in file order.
    pub glossary: Vec<GlossaryEntry>,
    /// The practice pool of the question bank (`questions.gift`), in file order.
    pub questions: Vec<crate::questions::BankEntry>,
    /// The test pool (`tests.gift`), in file order.
    pub tests: Vec<crate::questions::BankEntry>,
    /// The quizzes (`quizzes.toml`).
    pub quizzes: Vec<QuizDef>,
    /// Editions in other languages (`translations/<lang>/`), by language.
    pub translations: Vec<Translation>,
    /// Trainer materials (`trainer/`).
    pub trainer: trainer::TrainerMaterials,
}

impl CoursePack {
    /// Every question of the bank with its pool: the practice pool, then the test pool.
    pub fn bank(&self) -> impl Iterator<Item = (Pool, &crate::questions::BankEntry)> {
        self.questions
            .iter()
            .map(|q| (Pool::Practice, q))
            .chain(self.tests.iter().map(|q| (Pool::Test, q)))
    }

    /// The pool of category `name`, if the bank has it.
    pub fn pool_of(&self, name: &str) -> Option<Pool> {
        self.bank()
            .find(|(_, q)| q.category == name)
            .map(|(p, _)| p)
    }
}

/// A quiz of a pack (`[[quiz]]` in `quizzes.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizDef {
    /// Slug, unique in the course.
    pub id: String,
    /// Title.
    pub title: String,
    /// `practice`, `pre_test` or `post_test`.
    pub role: String,
    /// Introduction (Markdown).
    #[serde(default)]
    pub intro: String,
    /// Pass mark, percent.
    pub pass_mark: f64,
    /// Minutes allowed, if limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_minutes: Option<u32>,
    /// Attempts allowed; 0 for unlimited.
    #[serde(default)]
    pub attempts: u32,
    /// Shuffle the questions.
    #[serde(default)]
    pub shuffle_questions: bool,
    /// Shuffle answer options.
    #[serde(default)]
    pub shuffle_options: bool,
    /// `after_submit`, `after_last` or `never`.
    pub show_answers: String,
    /// What the quiz asks, in order.
    #[serde(default)]
    pub draw: Vec<DrawDef>,
}

/// One line of a pack quiz: `count` random questions of `category`, or fixed `questions`
/// by title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawDef {
    /// Category to draw from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// How many to draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Fixed questions, by title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct QuizzesFile {
    #[serde(default)]
    quiz: Vec<QuizDef>,
}

/// Reads a GIFT file of a pack, refusing it whole if any question is refused.
fn load_gift(gift: &Path) -> Result<Vec<crate::questions::BankEntry>, PackError> {
    let text = read_text(gift)?;
    let outcome = crate::questions::parse(crate::questions::Format::Gift, text.as_bytes())
        .map_err(|e| err(gift, None, format!("{}: {}", e.location, e.message)))?;
    if let Some(r) = outcome.refused.first() {
        return Err(err(
            gift,
            None,
            format!("{}: {} ({})", r.location, r.reason, r.title),
        ));
    }
    Ok(outcome.entries.into_iter().map(|(_, e)| e).collect())
}

/// The pack's question bank and quizzes.
type Bank = (
    Vec<crate::questions::BankEntry>,
    Vec<crate::questions::BankEntry>,
    Vec<QuizDef>,
);

/// Reads `questions.gift`, `tests.gift` and `quizzes.toml` of the pack in `dir` (all
/// optional) and checks that the two pools keep their categories and titles apart and that
/// every quiz names categories and questions the bank has.
fn load_quizzes(dir: &Path) -> Result<Bank, PackError> {
    let gift = dir.join("questions.gift");
    let questions = if gift.exists() {
        load_gift(&gift)?
    } else {
        Vec::new()
    };
    let tests_file = dir.join("tests.gift");
    let tests = if tests_file.exists() {
        load_gift(&tests_file)?
    } else {
        Vec::new()
    };
    for t in &tests {
        if questions.iter().any(|q| q.category == t.category) {
            return Err(err(
                &tests_file,
                None,
                format!(
                    "category `{}` is also in questions.gift: name the test pool's categories apart (e.g. `Test: …`)",
                    t.category
                ),
            ));
        }
        if questions
            .iter()
            .any(|q| q.question.title == t.question.title)
        {
            return Err(err(
                &tests_file,
                None,
                format!(
                    "`{}` is also a title in questions.gift: a question is in one pool only",
                    t.question.title
                ),
            ));
        }
    }
    let all: Vec<&crate::questions::BankEntry> = questions.iter().chain(&tests).collect();
    let file = dir.join("quizzes.toml");
    if !file.exists() {
        return Ok((questions, tests, Vec::new()));
    }
    let mut quizzes = parse_toml::<QuizzesFile>(&read_text(&file)?, &file, 1)?.quiz;
    let mut ids = HashSet::new();
    for quiz in &mut quizzes {
        let here = |m: String| err(&file, None, format!("quiz `{}`: {m}", quiz.id));
        if !valid_id(&quiz.id) || !ids.insert(quiz.id.clone()) {
            return Err(here(
                "the id must be unique, lower-case letters, digits and hyphens".into(),
            ));
        }
        if !["practice", "pre_test", "post_test"].contains(&quiz.role.as_str()) {
            return Err(here("role must be practice, pre_test or post_test".into()));
        }
        if !["after_submit", "after_last", "never"].contains(&quiz.show_answers.as_str()) {
            return Err(here(
                "show_answers must be after_submit, after_last or never".into(),
            ));
        }
        if !(0.0..=100.0).contains(&quiz.pass_mark) {
            return Err(here("pass_mark must be from 0 to 100".into()));
        }
        // One fixed question per line, so that a pack written back reads the same.
        let mut lines = Vec::new();
        for d in &quiz.draw {
            match (&d.category, d.count, &d.questions) {
                (Some(cat), Some(n), None) => {
                    let available = all.iter().filter(|q| &q.category == cat).count();
                    if n == 0 || n as usize > available {
                        return Err(here(format!(
                            "draws {n} from category `{cat}`, which has {available} questions"
                        )));
                    }
                    lines.push(d.clone());
                }
                (None, None, Some(titles)) => {
                    for title in titles {
                        if !all.iter().any(|q| &q.question.title == title) {
                            return Err(here(format!("no question is titled `{title}`")));
                        }
                        lines.push(DrawDef {
                            category: None,
                            count: None,
                            questions: Some(vec![title.clone()]),
                        });
                    }
                }
                _ => {
                    return Err(here(
                        "each draw is either `category` with `count`, or `questions`".into(),
                    ));
                }
            }
        }
        quiz.draw = lines;
    }
    Ok((questions, tests, quizzes))
}

/// A problem in a pack: the file, the line if known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// File (or folder) concerned.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for PackError {}

fn err(file: &Path, line: Option<usize>, message: impl Into<String>) -> PackError {
    PackError {
        file: file.to_owned(),
        line,
        message: message.into(),
    }
}

/// Largest lesson file (front matter and Markdown) accepted, in bytes.
pub const LESSON_MAX_BYTES: usize = 1024 * 1024;

/// Image and other media extensions accepted beside lessons.
pub const MEDIA_EXTENSIONS: [&str; 5] = ["svg", "png", "jpg", "jpeg", "webp"];
/// Largest media file accepted in a pack.
pub const MEDIA_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Whether `id` is a valid course identifier.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, PackError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start) + first_line - 1);
        err(file, line, e.message().to_owned())
    })
}

fn read_text(path: &Path) -> Result<String, PackError> {
    not_a_link(path)?;
    let bytes = std::fs::read(path).map_err(|e| err(path, None, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = line_of(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        err(path, Some(line), "not UTF-8 text")
    })
}

/// Refuses a symbolic link: a pack is read from its own files only, so a link to
/// `/etc/passwd` named `passwd.png` cannot be imported and served as a course image.
fn not_a_link(path: &Path) -> Result<(), PackError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(err(
            path,
            None,
            "symbolic links are not allowed in a course pack; copy the file into the pack",
        )),
        _ => Ok(()),
    }
}

/// Checks a lesson's body (`text` is the whole file): the Markdown limits, every glossary
/// term it links (`term_known`) and every image it shows (`image_exists`); an error names the
/// line and ends with the matching half of `wording`.
fn check_lesson_body(
    text: &str,
    body: &str,
    file: &Path,
    term_known: impl Fn(&str) -> bool,
    image_exists: impl Fn(&str) -> bool,
    wording: (&str, &str),
) -> Result<(), PackError> {
    if let Err(limit) = crate::markdown::check(body) {
        return Err(err(file, None, limit.to_string()));
    }
    let body_offset = text.len() - body.len();
    for term in crate::markdown::glossary_refs(body) {
        if !term_known(&term) {
            let at = body
                .find(&format!("[[{term}"))
                .map(|p| line_of(text, body_offset + p));
            return Err(err(
                file,
                at,
                format!("glossary term `{term}` {}", wording.0),
            ));
        }
    }
    for image in crate::markdown::image_refs(body) {
        if !image_exists(&image) {
            let at = body.find(&image).map(|p| line_of(text, body_offset + p));
            return Err(err(file, at, format!("image `{image}` {}", wording.1)));
        }
    }
    Ok(())
}

/// Splits a Markdown file into its `+++` front matter, read as `T`, and its body.
fn split_front<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
) -> Result<(T, String), PackError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return Err(err(
            file,
            Some(1),
            "a lesson starts with front matter between `+++` lines",
        ));
    };
    let Some(end) = rest.find("\n+++") else {
        return Err(err(
            file,
            Some(1),
            "the front matter is not closed with a `+++` line",
        ));
    };
    let front = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .unwrap_or(after);
    Ok((parse_toml(front, file, 2)?, body.to_owned()))
}

/// Splits a lesson file into its front matter and Markdown body.
pub fn parse_lesson(text: &str, file: &Path) -> Result<(LessonMeta, String), PackError> {
    let (meta, body): (LessonMeta, String) = split_front(text, file)?;
    if meta.title.trim().is_empty() {
        return Err(err(file, Some(2), "the lesson has no title"));
    }
    if meta.duration == 0 {
        return Err(err(
            file,
            Some(2),
            "duration must be a number of minutes above zero",
        ));
    }
    Ok((meta, body))
}

/// Writes a lesson file: front matter, then the body.
pub fn lesson_file(meta: &LessonMeta, body: &str) -> String {
    let front = toml::to_string(meta).expect("lesson front matter serialises");
    format!("+++\n{front}+++\n\n{}", body.trim_start_matches('\n'))
}

/// Splits `01-name` into (1, `name`).
fn ordered_name(name: &str) -> Option<(u32, String)> {
    let (num, rest) = name.split_once('-')?;
    let n = num.parse().ok()?;
    (!rest.is_empty()).then(|| (n, rest.to_owned()))
}

fn sorted_entries(dir: &Path) -> Result<Vec<(u32, String, PathBuf)>, PackError> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| err(dir, None, format!("cannot read folder: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| err(dir, None, e.to_string()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((n, rest)) = ordered_name(&name) {
            not_a_link(&entry.path())?;
            out.push((n, rest, entry.path()));
        }
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(out)
}

/// Reads and checks the pack in `dir`.
pub fn load_dir(dir: &Path) -> Result<CoursePack, PackError> {
    let course_file = dir.join("course.toml");
    let meta: CourseMeta = parse_toml(&read_text(&course_file)?, &course_file, 1)?;
    if !valid_id(&meta.id) {
        return Err(err(
            &course_file,
            None,
            format!(
                "id `{}`: use lower-case letters, digits and hyphens",
                meta.id
            ),
        ));
    }
    let glossary_file = dir.join("glossary.toml");
    let glossary = if glossary_file.exists() {
        parse_toml::<GlossaryFile>(&read_text(&glossary_file)?, &glossary_file, 1)?.term
    } else {
        Vec::new()
    };
    let terms: HashSet<String> = glossary.iter().map(|g| g.term.to_lowercase()).collect();

    let mut modules = Vec::new();
    let mut module_slugs = HashSet::new();
    for (_, slug, path) in sorted_entries(dir)? {
        if !path.is_dir() {
            continue;
        }
        if !module_slugs.insert(slug.clone()) {
            return Err(err(
                &path,
                None,
                format!("another module folder is also named `{slug}` (after its number)"),
            ));
        }
        let module_file = path.join("module.toml");
        let module_meta: ModuleMeta = parse_toml(&read_text(&module_file)?, &module_file, 1)?;
        let mut lessons: Vec<Lesson> = Vec::new();
        let mut media = BTreeMap::new();
        for (_, lesson_slug, file) in sorted_entries(&path)? {
            if file.extension().is_some_and(|e| e == "md") {
                let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
                if size > LESSON_MAX_BYTES as u64 {
                    return Err(err(
                        &file,
                        None,
                        format!(
                            "the lesson is {size} bytes; the limit is {LESSON_MAX_BYTES} bytes (1 MB)"
                        ),
                    ));
                }
                let slug = lesson_slug.trim_end_matches(".md").to_owned();
                if lessons.iter().any(|l| l.slug == slug) {
                    return Err(err(
                        &file,
                        None,
                        format!(
                            "another lesson in this module is also named `{slug}` (after its number)"
                        ),
                    ));
                }
                let text = read_text(&file)?;
                let (meta, body) = parse_lesson(&text, &file)?;
                check_lesson_body(
                    &text,
                    &body,
                    &file,
                    |term| terms.contains(&term.to_lowercase()),
                    |image| path.join(image).is_file(),
                    (
                        "is not defined in glossary.toml",
                        "is not in the module folder",
                    ),
                )?;
                lessons.push(Lesson {
                    slug: lesson_slug.trim_end_matches(".md").to_owned(),
                    meta,
                    body,
                });
            }
        }
        for entry in std::fs::read_dir(&path).map_err(|e| err(&path, None, e.to_string()))? {
            let file = entry.map_err(|e| err(&path, None, e.to_string()))?.path();
            let ext = file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if ext.is_some_and(|e| MEDIA_EXTENSIONS.contains(&e.as_str())) {
                not_a_link(&file)?;
                let bytes = std::fs::read(&file).map_err(|e| err(&file, None, e.to_string()))?;
                if bytes.len() > MEDIA_MAX_BYTES {
                    return Err(err(&file, None, "image larger than 5 MB"));
                }
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                media.insert(name, bytes);
            }
        }
        if lessons.is_empty() {
            return Err(err(
                &path,
                None,
                "the module has no lessons (`NN-name.md` files)",
            ));
        }
        modules.push(Module {
            slug: slug.clone(),
            meta: module_meta,
            lessons,
            media,
        });
    }
    if modules.is_empty() {
        return Err(err(
            dir,
            None,
            "the pack has no modules (`NN-name` folders with a module.toml)",
        ));
    }
    let (questions, tests, quizzes) = load_quizzes(dir)?;
    let mut pack = CoursePack {
        meta,
        modules,
        glossary,
        questions,
        tests,
        quizzes,
        translations: Vec::new(),
        trainer: trainer::TrainerMaterials::default(),
    };
    pack.translations = translations::load_all(dir, &pack)?;
    pack.trainer = trainer::load(dir, &pack)?;
    Ok(pack)
}

/// The packs shipped with Checkpoint (`content/packs/`), carried inside the binary so that a
/// copy of it on another machine still has them (`build.rs` rebuilds when a file changes).
static SHIPPED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/packs");

/// Reads every shipped pack, in folder order. The embedded files are written to a temporary
/// folder and read by [`load_dir`], so a shipped pack passes exactly the checks an imported
/// one does.
pub fn shipped() -> Result<Vec<CoursePack>, PackError> {
    let here = Path::new("packs");
    let tmp = tempfile::tempdir()
        .map_err(|e| err(here, None, format!("cannot create a temporary folder: {e}")))?;
    SHIPPED
        .extract(tmp.path())
        .map_err(|e| err(here, None, format!("cannot write the shipped packs: {e}")))?;
    let mut dirs: Vec<&include_dir::Dir> = SHIPPED.dirs().collect();
    dirs.sort_by_key(|d| d.path());
    dirs.into_iter()
        .map(|d| {
            load_dir(&tmp.path().join(d.path())).map_err(|mut e| {
                if let Ok(inner) = e.file.strip_prefix(tmp.path()) {
                    e.file = here.join(inner);
                }
                e
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
