//! A pack's editions in other languages (`translations/<lang>/`, see
//! `docs/course-pack-format.md`): read and checked against the source pack — every
//! translated module, lesson, term, quiz and question must exist in the source, and a
//! translated question must keep the source's answer key — and written back.

use super::{
    CoursePack, ModuleMeta, PackError, check_lesson_body, err, line_of, not_a_link, parse_toml,
    read_text, sorted_entries, split_front,
};
use crate::questions::BankEntry;
use assessments::questions::Body;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The languages a course may be written or translated in.
pub const LANGUAGES: [&str; 4] = ["en", "fr", "es", "ar"];

/// The translated title and summary of the course (`translations/<lang>/course.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseText {
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(default)]
    pub summary: String,
}

/// A translated lesson's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonText {
    /// Title.
    pub title: String,
    /// Objectives.
    #[serde(default)]
    pub objectives: Vec<String>,
}

/// A translated lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslatedLesson {
    /// Front matter.
    pub meta: LessonText,
    /// Markdown body.
    pub body: String,
}

/// A translated glossary term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedTerm {
    /// The term in the translation's language.
    pub term: String,
    /// Its definition.
    pub definition: String,
    /// The source term it translates.
    pub source: String,
}

/// A translated quiz's title and introduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedQuiz {
    /// The source quiz's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Introduction (Markdown).
    #[serde(default)]
    pub intro: String,
}

/// One edition of a pack in another language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Translation {
    /// Language code.
    pub language: String,
    /// The course's title and summary, if translated.
    pub course: Option<CourseText>,
    /// Module titles and summaries, by module slug.
    pub modules: BTreeMap<String, ModuleMeta>,
    /// Lessons, by module slug and lesson slug.
    pub lessons: BTreeMap<(String, String), TranslatedLesson>,
    /// Glossary terms.
    pub glossary: Vec<TranslatedTerm>,
    /// Quiz titles and introductions.
    pub quizzes: Vec<TranslatedQuiz>,
    /// Questions of the practice pool, titled as in the source bank.
    pub questions: Vec<BankEntry>,
    /// Questions of the test pool, titled as in the source bank.
    pub tests: Vec<BankEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct TermsFile {
    #[serde(default)]
    term: Vec<TranslatedTerm>,
}

#[derive(Debug, Serialize, Deserialize)]
struct QuizzesFile {
    #[serde(default)]
    quiz: Vec<TranslatedQuiz>,
}

/// Whether `b` asks the same as `a` for grading: the same kind, the same number of options,
/// pairs, items or answers, the same right options and the same numbers.
pub fn same_answer_key(a: &Body, b: &Body) -> bool {
    match (a, b) {
        (Body::SingleChoice { options: x }, Body::SingleChoice { options: y })
        | (Body::MultipleResponse { options: x }, Body::MultipleResponse { options: y }) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.fraction == q.fraction)
        }
        (Body::TrueFalse { answer: x, .. }, Body::TrueFalse { answer: y, .. }) => x == y,
        (Body::ShortAnswer { answers: x }, Body::ShortAnswer { answers: y }) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.fraction == q.fraction)
        }
        (Body::Numerical { answers: x, .. }, Body::Numerical { answers: y, .. }) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(p, q)| {
                    (p.value, p.tolerance, p.fraction) == (q.value, q.tolerance, q.fraction)
                })
        }
        (Body::Matching { pairs: x }, Body::Matching { pairs: y }) => x.len() == y.len(),
        (Body::Ordering { items: x }, Body::Ordering { items: y }) => x.len() == y.len(),
        _ => false,
    }
}

/// Reads `dir/translations/*` against the source `pack`; none when the folder is absent.
pub(super) fn load_all(dir: &Path, pack: &CoursePack) -> Result<Vec<Translation>, PackError> {
    let root = dir.join("translations");
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    not_a_link(&root)?;
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .map_err(|e| err(&root, None, e.to_string()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for path in entries {
        let language = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !LANGUAGES.contains(&language.as_str()) || language == pack.meta.language {
            return Err(err(
                &path,
                None,
                format!(
                    "a translation is named by its language ({}), other than the course's own ({})",
                    LANGUAGES.join(", "),
                    pack.meta.language
                ),
            ));
        }
        not_a_link(&path)?;
        out.push(load_one(&path, language, pack)?);
    }
    Ok(out)
}

fn load_one(dir: &Path, language: String, pack: &CoursePack) -> Result<Translation, PackError> {
    let mut t = Translation {
        language,
        ..Translation::default()
    };
    let course_file = dir.join("course.toml");
    if course_file.exists() {
        t.course = Some(parse_toml(&read_text(&course_file)?, &course_file, 1)?);
    }
    let glossary_file = dir.join("glossary.toml");
    if glossary_file.exists() {
        let terms = parse_toml::<TermsFile>(&read_text(&glossary_file)?, &glossary_file, 1)?.term;
        let sources: HashSet<&str> = pack.glossary.iter().map(|g| g.term.as_str()).collect();
        let mut seen = HashSet::new();
        for term in &terms {
            if !sources.contains(term.source.as_str()) {
                return Err(err(
                    &glossary_file,
                    None,
                    format!(
                        "`{}`: no term `{}` in the pack's glossary",
                        term.term, term.source
                    ),
                ));
            }
            if !seen.insert(term.source.as_str()) {
                return Err(err(
                    &glossary_file,
                    None,
                    format!("`{}` is translated twice", term.source),
                ));
            }
        }
        t.glossary = terms;
    }
    let known_terms: HashSet<String> = t
        .glossary
        .iter()
        .map(|g| g.term.to_lowercase())
        .chain(pack.glossary.iter().map(|g| g.term.to_lowercase()))
        .collect();
    for (_, slug, path) in sorted_entries(dir)? {
        if !path.is_dir() {
            continue;
        }
        let Some(module) = pack.modules.iter().find(|m| m.slug == slug) else {
            return Err(err(&path, None, format!("the pack has no module `{slug}`")));
        };
        let module_file = path.join("module.toml");
        if module_file.exists() {
            let meta: ModuleMeta = parse_toml(&read_text(&module_file)?, &module_file, 1)?;
            t.modules.insert(slug.clone(), meta);
        }
        for (_, name, file) in sorted_entries(&path)? {
            if file.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let lesson_slug = name.trim_end_matches(".md").to_owned();
            if !module.lessons.iter().any(|l| l.slug == lesson_slug) {
                return Err(err(
                    &file,
                    None,
                    format!("module `{slug}` has no lesson `{lesson_slug}`"),
                ));
            }
            let text = read_text(&file)?;
            let (meta, body) = split_front::<LessonText>(&text, &file)?;
            check_lesson_body(
                &text,
                &body,
                &file,
                |term| known_terms.contains(&term.to_lowercase()),
                |image| module.media.contains_key(image),
                (
                    "is in neither glossary",
                    "is not in the source module folder",
                ),
            )?;
            t.lessons
                .insert((slug.clone(), lesson_slug), TranslatedLesson { meta, body });
        }
    }
    let quizzes_file = dir.join("quizzes.toml");
    if quizzes_file.exists() {
        let quizzes = parse_toml::<QuizzesFile>(&read_text(&quizzes_file)?, &quizzes_file, 1)?.quiz;
        let mut seen = HashSet::new();
        for q in &quizzes {
            if !seen.insert(q.id.as_str()) {
                return Err(err(
                    &quizzes_file,
                    None,
                    format!("quiz `{}` is translated twice", q.id),
                ));
            }
            if !pack.quizzes.iter().any(|s| s.id == q.id) {
                return Err(err(
                    &quizzes_file,
                    None,
                    format!("the pack has no quiz `{}`", q.id),
                ));
            }
        }
        t.quizzes = quizzes;
    }
    let gift = dir.join("questions.gift");
    if gift.exists() {
        t.questions = load_questions(&gift, &pack.questions)?;
    }
    let gift = dir.join("tests.gift");
    if gift.exists() {
        t.tests = load_questions(&gift, &pack.tests)?;
    }
    Ok(t)
}

/// A translated question bank: every question titled and filed as one of the source's, with
/// its answer key; tags, competencies and marks are the source's.
fn load_questions(gift: &Path, source_bank: &[BankEntry]) -> Result<Vec<BankEntry>, PackError> {
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
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (_, mut entry) in outcome.entries {
        let title = entry.question.title.clone();
        let at = text
            .find(&format!("::{title}::"))
            .map(|p| line_of(&text, p));
        let Some(source) = source_bank.iter().find(|s| s.question.title == title) else {
            return Err(err(
                gift,
                at,
                format!("the pack has no question titled `{title}`"),
            ));
        };
        if !seen.insert(title.clone()) {
            return Err(err(gift, at, format!("`{title}` is translated twice")));
        }
        // Translations are matched to questions by title: one the source bank gives to two
        // questions cannot say which it translates.
        let namesakes = source_bank
            .iter()
            .filter(|s| s.question.title == title)
            .count();
        if namesakes > 1 {
            return Err(err(
                gift,
                at,
                format!("`{title}` names two questions of the source: give them distinct titles"),
            ));
        }
        if entry.category != source.category {
            return Err(err(
                gift,
                at,
                format!(
                    "`{title}` is filed under `{}` in the source",
                    source.category
                ),
            ));
        }
        if !same_answer_key(&source.question.body, &entry.question.body) {
            return Err(err(
                gift,
                at,
                format!("`{title}`: the answer key differs from the source's"),
            ));
        }
        entry.question.marks = source.question.marks;
        entry.question.tags.clone_from(&source.question.tags);
        entry
            .question
            .competencies
            .clone_from(&source.question.competencies);
        out.push(entry);
    }
    Ok(out)
}

/// Writes `pack`'s translations under `dir/translations/`.
pub(super) fn write_all(pack: &CoursePack, dir: &Path) -> std::io::Result<()> {
    let ser = |e: toml::ser::Error| std::io::Error::other(e.to_string());
    for t in &pack.translations {
        let root = dir.join("translations").join(&t.language);
        std::fs::create_dir_all(&root)?;
        if let Some(course) = &t.course {
            std::fs::write(
                root.join("course.toml"),
                toml::to_string(course).map_err(ser)?,
            )?;
        }
        if !t.glossary.is_empty() {
            let file = TermsFile {
                term: t.glossary.clone(),
            };
            std::fs::write(
                root.join("glossary.toml"),
                toml::to_string(&file).map_err(ser)?,
            )?;
        }
        if !t.quizzes.is_empty() {
            let file = QuizzesFile {
                quiz: t.quizzes.clone(),
            };
            std::fs::write(
                root.join("quizzes.toml"),
                toml::to_string(&file).map_err(ser)?,
            )?;
        }
        if !t.questions.is_empty() {
            std::fs::write(
                root.join("questions.gift"),
                crate::questions::write_gift(&t.questions),
            )?;
        }
        if !t.tests.is_empty() {
            std::fs::write(
                root.join("tests.gift"),
                crate::questions::write_gift(&t.tests),
            )?;
        }
        for (i, module) in pack.modules.iter().enumerate() {
            let mdir = root.join(format!("{:02}-{}", i + 1, module.slug));
            let meta = t.modules.get(&module.slug);
            let lessons: Vec<_> = module
                .lessons
                .iter()
                .enumerate()
                .filter_map(|(j, l)| {
                    t.lessons
                        .get(&(module.slug.clone(), l.slug.clone()))
                        .map(|tl| (j, l, tl))
                })
                .collect();
            if meta.is_none() && lessons.is_empty() {
                continue;
            }
            std::fs::create_dir_all(&mdir)?;
            if let Some(meta) = meta {
                std::fs::write(
                    mdir.join("module.toml"),
                    toml::to_string(meta).map_err(ser)?,
                )?;
            }
            for (j, l, tl) in lessons {
                let front = toml::to_string(&tl.meta).map_err(ser)?;
                std::fs::write(
                    mdir.join(format!("{:02}-{}.md", j + 1, l.slug)),
                    format!("+++\n{front}+++\n\n{}", tl.body.trim_start_matches('\n')),
                )?;
            }
        }
    }
    Ok(())
}
