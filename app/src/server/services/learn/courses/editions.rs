//! A course in other languages: the translations a pack carries stored beside the course's
//! rows (`translations`), written back on export, and read in the reader's language.

use super::*;
use crate::server::entities::{question, quiz, translation};
use content::pack::{
    CourseText, LessonText, TranslatedLesson, TranslatedQuiz, TranslatedTerm, Translation,
};
use translation::Item;

/// A row of `translations` to insert.
struct Row {
    kind: Item,
    item_id: i64,
    title: String,
    summary: String,
    objectives: String,
    body: String,
    body_html: String,
}

impl Row {
    fn titled(kind: Item, item_id: i64, title: &str, summary: &str) -> Row {
        Row {
            kind,
            item_id,
            title: title.to_owned(),
            summary: summary.to_owned(),
            objectives: "[]".to_owned(),
            body: String::new(),
            body_html: String::new(),
        }
    }
}

/// Replaces course `course_id`'s translations with those of `pack` (just imported, so every
/// item they name exists: the pack reader checked them against the source).
pub(crate) async fn store_editions(
    txn: &impl ConnectionTrait,
    course_id: i64,
    pack: &CoursePack,
) -> AppResult<()> {
    translation::Entity::delete_many()
        .filter(translation::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    if pack.translations.is_empty() {
        return Ok(());
    }
    let modules: HashMap<String, i64> = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| (m.slug, m.id))
        .collect();
    let module_slugs: HashMap<i64, String> =
        modules.iter().map(|(s, id)| (*id, s.clone())).collect();
    let lessons: HashMap<(String, String), i64> = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|l| Some(((module_slugs.get(&l.module_id)?.clone(), l.slug), l.id)))
        .collect();
    let terms: HashMap<String, i64> = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| (t.term, t.id))
        .collect();
    let (quizzes, questions) = quiz_and_question_ids(txn, course_id).await?;
    let now = crate::server::services::now();
    for t in &pack.translations {
        let mut rows = Vec::new();
        if let Some(c) = &t.course {
            rows.push(Row::titled(Item::Course, course_id, &c.title, &c.summary));
        }
        for (slug, meta) in &t.modules {
            if let Some(id) = modules.get(slug) {
                rows.push(Row::titled(Item::Module, *id, &meta.title, &meta.summary));
            }
        }
        for ((module_slug, lesson_slug), l) in &t.lessons {
            if let Some(id) = lessons.get(&(module_slug.clone(), lesson_slug.clone())) {
                rows.push(Row {
                    objectives: serde_json::to_string(&l.meta.objectives)
                        .unwrap_or_else(|_| "[]".into()),
                    body: l.body.clone(),
                    body_html: render_body(course_id, &pack.meta.id, module_slug, &l.body),
                    ..Row::titled(Item::Lesson, *id, &l.meta.title, "")
                });
            }
        }
        for term in &t.glossary {
            if let Some(id) = terms.get(&term.source) {
                rows.push(Row::titled(Item::Term, *id, &term.term, &term.definition));
            }
        }
        for q in &t.quizzes {
            if let Some(id) = quizzes.get(&q.id) {
                rows.push(Row::titled(Item::Quiz, *id, &q.title, &q.intro));
            }
        }
        for entry in t.questions.iter().chain(&t.tests) {
            let stored =
                crate::server::services::quizzes::bank::stored_title(&entry.question.title);
            if let Some(id) = questions.get(&stored) {
                rows.push(Row {
                    body: serde_json::to_string(&entry.question)
                        .map_err(|e| crate::server::errors::internal("a translated question", e))?,
                    ..Row::titled(Item::Question, *id, "", &entry.category)
                });
            }
        }
        for row in rows {
            translation::ActiveModel {
                course_id: Set(course_id),
                language: Set(t.language.clone()),
                kind: Set(row.kind),
                item_id: Set(row.item_id),
                title: Set(row.title),
                summary: Set(row.summary),
                objectives: Set(row.objectives),
                body: Set(row.body),
                body_html: Set(row.body_html),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// The ids of course `course_id`'s quizzes (those of the course, not of one class) by slug,
/// and of its questions by title: how a pack names them.
async fn quiz_and_question_ids(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<(HashMap<String, i64>, HashMap<String, i64>)> {
    let quizzes = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::ClassId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.slug, q.id))
        .collect();
    let questions = question::Entity::find()
        .filter(question::Column::CourseId.eq(course_id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.title, q.id))
        .collect();
    Ok((quizzes, questions))
}

/// Course `course_id`'s translations as its pack carries them, items in the source's order.
pub(crate) async fn export_editions(
    db: &DatabaseConnection,
    course_id: i64,
    pack: &CoursePack,
) -> AppResult<Vec<Translation>> {
    let rows = translation::Entity::find()
        .filter(translation::Column::CourseId.eq(course_id))
        .order_by_asc(translation::Column::Language)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let by_item: HashMap<(String, Item, i64), &translation::Model> = rows
        .iter()
        .map(|r| ((r.language.clone(), r.kind, r.item_id), r))
        .collect();
    let mut languages: Vec<&str> = rows.iter().map(|r| r.language.as_str()).collect();
    languages.dedup();
    let modules = modules_in_order(db, course_id).await?;
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .all(db)
        .await?;
    let terms = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(course_id))
        .order_by_asc(glossary_term::Column::Position)
        .all(db)
        .await?;
    let (quizzes, questions) = quiz_and_question_ids(db, course_id).await?;
    let mut out = Vec::new();
    for language in languages {
        let get = |kind: Item, id: i64| by_item.get(&(language.to_owned(), kind, id)).copied();
        let mut t = Translation {
            language: language.to_owned(),
            course: get(Item::Course, course_id).map(|r| CourseText {
                title: r.title.clone(),
                summary: r.summary.clone(),
            }),
            ..Translation::default()
        };
        for m in &modules {
            if let Some(r) = get(Item::Module, m.id) {
                t.modules.insert(
                    m.slug.clone(),
                    ModuleMeta {
                        title: r.title.clone(),
                        summary: r.summary.clone(),
                    },
                );
            }
            for l in lessons.iter().filter(|l| l.module_id == m.id) {
                if let Some(r) = get(Item::Lesson, l.id) {
                    t.lessons.insert(
                        (m.slug.clone(), l.slug.clone()),
                        TranslatedLesson {
                            meta: LessonText {
                                title: r.title.clone(),
                                objectives: crate::server::services::stored(
                                    "translated objectives",
                                    &r.objectives,
                                )?,
                            },
                            body: r.body.clone(),
                        },
                    );
                }
            }
        }
        for term in &terms {
            if let Some(r) = get(Item::Term, term.id) {
                t.glossary.push(TranslatedTerm {
                    term: r.title.clone(),
                    definition: r.summary.clone(),
                    source: term.term.clone(),
                });
            }
        }
        for q in &pack.quizzes {
            if let Some(r) = quizzes.get(&q.id).and_then(|id| get(Item::Quiz, *id)) {
                t.quizzes.push(TranslatedQuiz {
                    id: q.id.clone(),
                    title: r.title.clone(),
                    intro: r.summary.clone(),
                });
            }
        }
        for (pool, entry) in pack.bank() {
            if let Some(r) = questions
                .get(&crate::server::services::quizzes::bank::stored_title(
                    &entry.question.title,
                ))
                .and_then(|id| get(Item::Question, *id))
            {
                let mut question: assessments::questions::Question =
                    crate::server::services::stored("a translated question", &r.body)?;
                // Named as the exported source names it, so the pack reads back the same.
                question.title.clone_from(&entry.question.title);
                let translated = content::questions::BankEntry {
                    category: r.summary.clone(),
                    question,
                    media: Vec::new(),
                };
                match pool {
                    content::pack::Pool::Practice => t.questions.push(translated),
                    content::pack::Pool::Test => t.tests.push(translated),
                }
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// The translation of `kind` item `item_id` in `language`, if there is one.
pub(crate) async fn edition_of(
    db: &impl ConnectionTrait,
    kind: Item,
    item_id: i64,
    language: &str,
) -> AppResult<Option<translation::Model>> {
    Ok(translation::Entity::find()
        .filter(translation::Column::Kind.eq(kind))
        .filter(translation::Column::ItemId.eq(item_id))
        .filter(translation::Column::Language.eq(language))
        .one(db)
        .await?)
}

/// Course `c`'s title in `user`'s language when the course has it, else as written.
pub(crate) async fn course_title_for(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<String> {
    let reader = user.lang.code();
    if reader != c.language
        && let Some(t) = edition_of(db, Item::Course, c.id, reader).await?
    {
        return Ok(t.title);
    }
    Ok(c.title.clone())
}
