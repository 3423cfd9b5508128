//! Courses: importing and exporting course packs, and what learners read — the catalogue,
//! outlines, lessons with progress, glossaries, search and lesson images.
//!
//! Visibility: trainers and administrators see every course, drafts included. Anyone else sees
//! a published course (and its published lessons) when they are enrolled in a class of it;
//! another course is refused with 403 and nothing of it is shown.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::{
    CourseCard, CourseOutline, CurrentUser, GlossaryView, LessonView, OutlineLesson, OutlineModule,
    Role, SearchHit,
};
use crate::server::entities::{
    class, course, course_media, course_module, glossary_term, lesson, lesson_progress,
};
use content::pack::{
    CourseKind, CourseMeta, CoursePack, GlossaryEntry, Lesson, LessonMeta, Module, ModuleMeta,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, Statement,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether `user` may see drafts and edit courses.
pub fn can_author(user: &CurrentUser) -> bool {
    user.has(Role::Trainer) || user.has(Role::Admin)
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// The course's id.
    pub course_id: i64,
    /// Whether the course was new.
    pub created: bool,
    /// Lessons in the course after the import.
    pub lessons: usize,
}

fn media_type(name: &str) -> &'static str {
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

fn kind_code(kind: CourseKind) -> &'static str {
    match kind {
        CourseKind::Foundation => "foundation",
        CourseKind::Thematic => "thematic",
    }
}

/// Imports `pack`: creates the course, or updates the course with the same id in place —
/// modules and lessons are matched by their slugs, so learners keep their progress on every
/// lesson that is still there. Modules, lessons, glossary terms and images absent from the
/// pack are removed. `publish` makes the course visible to learners.
pub async fn import_pack(
    db: &DatabaseConnection,
    pack: &CoursePack,
    author: Option<i64>,
    publish: bool,
) -> AppResult<ImportSummary> {
    let txn = db.begin().await?;
    let now = super::now();
    let meta = &pack.meta;
    let existing = course::Entity::find()
        .filter(course::Column::Slug.eq(&meta.id))
        .one(&txn)
        .await?;
    let created = existing.is_none();
    let mut row: course::ActiveModel = match existing {
        Some(c) => c.into(),
        None => course::ActiveModel {
            slug: Set(meta.id.clone()),
            published: Set(false),
            created_by: Set(author),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(meta.title.clone());
    row.summary = Set(meta.summary.clone());
    row.language = Set(meta.language.clone());
    row.kind = Set(kind_code(meta.kind).to_owned());
    row.audience = Set(meta.audience.clone());
    row.competencies = Set(meta.competencies.join(","));
    row.estimated_hours = Set(f64::from(meta.estimated_hours));
    row.version = Set(meta.version.clone());
    row.updated_at = Set(now);
    if publish {
        row.published = Set(true);
    }
    let course = row.save(&txn).await?;
    let course_id = course.id.unwrap();

    let old_modules: HashMap<String, course_module::Model> = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (m.slug.clone(), m))
        .collect();
    // Move kept modules out of the way of the new positions' unique slugs first.
    let mut kept_modules = HashSet::new();
    let mut lesson_count = 0;
    for (i, module) in pack.modules.iter().enumerate() {
        let mut m: course_module::ActiveModel = match old_modules.get(&module.slug) {
            Some(m) => m.clone().into(),
            None => course_module::ActiveModel {
                course_id: Set(course_id),
                slug: Set(module.slug.clone()),
                ..Default::default()
            },
        };
        m.position = Set(i as i32 + 1);
        m.title = Set(module.meta.title.clone());
        m.summary = Set(module.meta.summary.clone());
        let module_id = m.save(&txn).await?.id.unwrap();
        kept_modules.insert(module_id);

        let old_lessons: HashMap<String, lesson::Model> = lesson::Entity::find()
            .filter(lesson::Column::ModuleId.eq(module_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| (l.slug.clone(), l))
            .collect();
        let mut kept_lessons = Vec::new();
        for (j, l) in module.lessons.iter().enumerate() {
            let mut row: lesson::ActiveModel = match old_lessons.get(&l.slug) {
                Some(old) => old.clone().into(),
                None => lesson::ActiveModel {
                    module_id: Set(module_id),
                    course_id: Set(course_id),
                    slug: Set(l.slug.clone()),
                    published: Set(true),
                    ..Default::default()
                },
            };
            row.position = Set(j as i32 + 1);
            row.title = Set(l.meta.title.clone());
            row.objectives =
                Set(serde_json::to_string(&l.meta.objectives).unwrap_or_else(|_| "[]".into()));
            row.duration_minutes = Set(l.meta.duration as i32);
            row.body = Set(l.body.clone());
            row.body_html = Set(render_body(course_id, &meta.id, &module.slug, &l.body));
            row.updated_at = Set(now);
            kept_lessons.push(row.save(&txn).await?.id.unwrap());
            lesson_count += 1;
        }
        lesson::Entity::delete_many()
            .filter(lesson::Column::ModuleId.eq(module_id))
            .filter(lesson::Column::Id.is_not_in(kept_lessons))
            .exec(&txn)
            .await?;
    }
    course_module::Entity::delete_many()
        .filter(course_module::Column::CourseId.eq(course_id))
        .filter(course_module::Column::Id.is_not_in(kept_modules))
        .exec(&txn)
        .await?;

    glossary_term::Entity::delete_many()
        .filter(glossary_term::Column::CourseId.eq(course_id))
        .exec(&txn)
        .await?;
    for (i, g) in pack.glossary.iter().enumerate() {
        glossary_term::ActiveModel {
            course_id: Set(course_id),
            position: Set(i as i32 + 1),
            term: Set(g.term.clone()),
            definition: Set(g.definition.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    course_media::Entity::delete_many()
        .filter(course_media::Column::CourseId.eq(course_id))
        .exec(&txn)
        .await?;
    for module in &pack.modules {
        for (name, bytes) in &module.media {
            store_media(&txn, course_id, &module.slug, name, media_type(name), bytes).await?;
        }
    }
    if !pack.questions.is_empty() || !pack.quizzes.is_empty() {
        super::bank::replace_from_pack(&txn, course_id, pack, publish).await?;
    }
    txn.commit().await?;
    Ok(ImportSummary {
        course_id,
        created,
        lessons: lesson_count,
    })
}

/// Stores an image beside a module's lessons, replacing one of the same name.
pub async fn store_media(
    db: &impl ConnectionTrait,
    course_id: i64,
    module_slug: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> AppResult<()> {
    course_media::Entity::insert(course_media::ActiveModel {
        course_id: Set(course_id),
        module_slug: Set(module_slug.to_owned()),
        name: Set(name.to_owned()),
        content_type: Set(content_type.to_owned()),
        data: Set(bytes.to_vec()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            course_media::Column::CourseId,
            course_media::Column::ModuleSlug,
            course_media::Column::Name,
        ])
        .update_columns([
            course_media::Column::Data,
            course_media::Column::ContentType,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A course's modules in order.
pub async fn modules_in_order(
    db: &DatabaseConnection,
    course_id: i64,
) -> AppResult<Vec<course_module::Model>> {
    Ok(course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(course_id))
        .order_by_asc(course_module::Column::Position)
        .all(db)
        .await?)
}

/// The course with identifier `slug` as a pack, ready to write to a folder.
pub async fn export_pack(db: &DatabaseConnection, slug: &str) -> AppResult<CoursePack> {
    let c = course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let modules = modules_in_order(db, c.id).await?;
    let mut lessons_by_module: HashMap<i64, Vec<lesson::Model>> = HashMap::new();
    for l in lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?
    {
        lessons_by_module.entry(l.module_id).or_default().push(l);
    }
    let mut media_by_module: HashMap<String, BTreeMap<String, Vec<u8>>> = HashMap::new();
    for m in course_media::Entity::find()
        .filter(course_media::Column::CourseId.eq(c.id))
        .all(db)
        .await?
    {
        media_by_module
            .entry(m.module_slug)
            .or_default()
            .insert(m.name, m.data);
    }
    let glossary = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(c.id))
        .order_by_asc(glossary_term::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|g| GlossaryEntry {
            term: g.term,
            definition: g.definition,
        })
        .collect();
    let (questions, quizzes) = super::bank::pack_quizzes(db, c.id).await?;
    Ok(CoursePack {
        questions,
        quizzes,
        meta: CourseMeta {
            id: c.slug,
            title: c.title,
            summary: c.summary,
            language: c.language,
            kind: if c.kind == "foundation" {
                CourseKind::Foundation
            } else {
                CourseKind::Thematic
            },
            audience: c.audience,
            competencies: c
                .competencies
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            estimated_hours: c.estimated_hours as f32,
            version: c.version,
        },
        modules: modules
            .into_iter()
            .map(|m| Module {
                lessons: lessons_by_module
                    .remove(&m.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| Lesson {
                        slug: l.slug,
                        meta: LessonMeta {
                            title: l.title,
                            objectives: serde_json::from_str(&l.objectives).unwrap_or_default(),
                            duration: l.duration_minutes.max(0) as u32,
                        },
                        body: l.body,
                    })
                    .collect(),
                media: media_by_module.remove(&m.slug).unwrap_or_default(),
                slug: m.slug,
                meta: ModuleMeta {
                    title: m.title,
                    summary: m.summary,
                },
            })
            .collect(),
        glossary,
    })
}

/// The ids of the courses `user` takes through a class.
async fn enrolled_courses(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<HashSet<i64>> {
    let class_ids: Vec<i64> = super::classes::class_ids_of(db, user.id).await?;
    Ok(class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.course_id)
        .collect())
}

/// The ids of the published lessons of course `course_id` (what "all lessons" means for
/// progress and certificates).
pub async fn published_lesson_ids(
    db: &impl ConnectionTrait,
    course_id: i64,
) -> AppResult<Vec<i64>> {
    Ok(lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .filter(lesson::Column::Published.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect())
}

/// Whether `user` may read course `c`: `Ok` if so, `Forbidden` for a published course they
/// do not take, `NotFound` for a draft.
pub async fn check_reader(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<()> {
    if can_author(user) {
        return Ok(());
    }
    if !c.published {
        return Err(AppError::NotFound);
    }
    if super::events::class_for(db, user.id, c.id).await?.is_some() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The course `slug` if `user` may read it.
pub async fn visible_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<course::Model> {
    let c = course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_reader(db, user, &c).await?;
    Ok(c)
}

/// What lists and outlines need of a lesson (never its body).
#[derive(Debug, Clone, FromQueryResult)]
struct LessonHead {
    id: i64,
    module_id: i64,
    course_id: i64,
    position: i32,
    title: String,
    duration_minutes: i32,
    published: bool,
    /// The position of the lesson's module in its course.
    module_position: i32,
}

/// The lessons of `course_ids` that `user` may see, in reading order.
async fn visible_lessons(
    db: &DatabaseConnection,
    user: &CurrentUser,
    course_ids: Vec<i64>,
) -> AppResult<Vec<LessonHead>> {
    let mut q = lesson::Entity::find()
        .select_only()
        .columns([
            lesson::Column::Id,
            lesson::Column::ModuleId,
            lesson::Column::CourseId,
            lesson::Column::Position,
            lesson::Column::Title,
            lesson::Column::DurationMinutes,
            lesson::Column::Published,
        ])
        .column_as(course_module::Column::Position, "module_position")
        .join(JoinType::InnerJoin, lesson::Relation::Module.def())
        .filter(lesson::Column::CourseId.is_in(course_ids));
    if !can_author(user) {
        q = q.filter(lesson::Column::Published.eq(true));
    }
    let mut lessons = q.into_model::<LessonHead>().all(db).await?;
    lessons.sort_by_key(|l| (l.course_id, l.module_position, l.position));
    Ok(lessons)
}

pub async fn completed_ids(
    db: &DatabaseConnection,
    person: i64,
    course_ids: Vec<i64>,
) -> AppResult<HashSet<i64>> {
    Ok(lesson_progress::Entity::find()
        .filter(lesson_progress::Column::PersonId.eq(person))
        .filter(lesson_progress::Column::CourseId.is_in(course_ids))
        .filter(lesson_progress::Column::CompletedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.lesson_id)
        .collect())
}

fn card(c: &course::Model, lessons: u64, completed: u64) -> CourseCard {
    CourseCard {
        id: c.id,
        slug: c.slug.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        kind: c.kind.clone(),
        language: c.language.clone(),
        estimated_hours: c.estimated_hours,
        lessons,
        completed,
        published: c.published,
    }
}

/// The courses open to `user`, with their progress.
pub async fn catalogue(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<CourseCard>> {
    let mut q = course::Entity::find().order_by_asc(course::Column::Title);
    if !can_author(user) {
        let enrolled: Vec<i64> = enrolled_courses(db, user).await?.into_iter().collect();
        q = q
            .filter(course::Column::Published.eq(true))
            .filter(course::Column::Id.is_in(enrolled));
    }
    let courses = q.all(db).await?;
    let ids: Vec<i64> = courses.iter().map(|c| c.id).collect();
    let lessons = visible_lessons(db, user, ids.clone()).await?;
    let done = completed_ids(db, user.id, ids).await?;
    let mut totals: HashMap<i64, (u64, u64)> = HashMap::new();
    for l in &lessons {
        let t = totals.entry(l.course_id).or_default();
        t.0 += 1;
        if done.contains(&l.id) {
            t.1 += 1;
        }
    }
    Ok(courses
        .iter()
        .map(|c| {
            let (n, d) = totals.get(&c.id).copied().unwrap_or_default();
            card(c, n, d)
        })
        .collect())
}

/// A course's outline with `user`'s progress and where to continue.
pub async fn outline(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<CourseOutline> {
    let c = visible_course(db, user, slug).await?;
    let modules = modules_in_order(db, c.id).await?;
    let lessons = visible_lessons(db, user, vec![c.id]).await?;
    let progress: Vec<lesson_progress::Model> = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::PersonId.eq(user.id))
        .filter(lesson_progress::Column::CourseId.eq(c.id))
        .all(db)
        .await?;
    let done: HashSet<i64> = progress
        .iter()
        .filter(|p| p.completed_at.is_some())
        .map(|p| p.lesson_id)
        .collect();
    let resume = resume_point(&lessons, &progress, &done);
    let has_glossary = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(c.id))
        .one(db)
        .await?
        .is_some();
    let completed = lessons.iter().filter(|l| done.contains(&l.id)).count() as u64;
    let course = card(&c, lessons.len() as u64, completed);
    let modules = modules
        .into_iter()
        .map(|m| OutlineModule {
            lessons: lessons
                .iter()
                .filter(|l| l.module_id == m.id)
                .map(|l| OutlineLesson {
                    id: l.id,
                    title: l.title.clone(),
                    duration: l.duration_minutes,
                    completed: done.contains(&l.id),
                    published: l.published,
                })
                .collect(),
            title: m.title,
            summary: m.summary,
        })
        .filter(|m| !m.lessons.is_empty())
        .collect();
    Ok(CourseOutline {
        course,
        audience: c.audience,
        modules,
        resume,
        has_glossary,
    })
}

/// The lesson to continue with: the last one viewed if unfinished, else the next one after
/// it; with nothing viewed, the first lesson not completed.
fn resume_point(
    lessons: &[LessonHead],
    progress: &[lesson_progress::Model],
    done: &HashSet<i64>,
) -> Option<i64> {
    let last = progress
        .iter()
        .max_by_key(|p| p.last_viewed_at)
        .map(|p| p.lesson_id);
    if let Some(last) = last
        && let Some(i) = lessons.iter().position(|l| l.id == last)
    {
        if !done.contains(&last) {
            return Some(last);
        }
        if let Some(next) = lessons[i + 1..].iter().find(|l| !done.contains(&l.id)) {
            return Some(next.id);
        }
    }
    lessons
        .iter()
        .find(|l| !done.contains(&l.id))
        .or(lessons.first())
        .map(|l| l.id)
}

/// Renders a lesson body to sanitised HTML, with image paths resolved against its module's
/// media and glossary terms linked to its course glossary. Done when a lesson is saved or
/// imported; reading a lesson serves the stored result.
pub fn render_body(course_id: i64, course_slug: &str, module_slug: &str, body: &str) -> String {
    let base = media_base(course_id, module_slug);
    let glossary = format!("/courses/{course_slug}/glossary");
    content::markdown::render(
        body,
        content::markdown::Links {
            media_base: &base,
            glossary: &glossary,
        },
    )
}

/// Checks a lesson body against the Markdown limits (size, nesting), as a field error.
pub fn check_body(body: &str) -> AppResult<()> {
    content::markdown::check(body).map_err(|limit| {
        AppError::field(
            "body",
            match limit {
                content::markdown::Limit::TooLong => Msg::ErrLessonTooLarge,
                content::markdown::Limit::TooDeep => Msg::ErrNestedTooDeep,
            },
        )
    })
}

/// [`render_body`] on a blocking thread: rendering and sanitising a long lesson is CPU work
/// that must not hold up the requests sharing the async runtime.
pub async fn render_body_blocking(
    course_id: i64,
    course_slug: String,
    module_slug: String,
    body: String,
) -> AppResult<String> {
    tokio::task::spawn_blocking(move || render_body(course_id, &course_slug, &module_slug, &body))
        .await
        .map_err(|e| crate::server::errors::internal("rendering a lesson", e))
}

/// The media URL prefix of a module's images.
pub fn media_base(course_id: i64, module_slug: &str) -> String {
    format!("/media/courses/{course_id}/{module_slug}/")
}

/// A lesson to read; records that `user` viewed it.
pub async fn lesson(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    lesson_id: i64,
) -> AppResult<LessonView> {
    let c = visible_course(db, user, slug).await?;
    let lessons = visible_lessons(db, user, vec![c.id]).await?;
    let i = lessons
        .iter()
        .position(|l| l.id == lesson_id)
        .ok_or(AppError::NotFound)?;
    let (l, module) = lesson::Entity::find_by_id(lesson_id)
        .join(JoinType::InnerJoin, lesson::Relation::Module.def())
        .select_also(course_module::Entity)
        .one(db)
        .await?
        .and_then(|(l, m)| Some((l, m?)))
        .ok_or(AppError::NotFound)?;
    let completed = record_view(db, user.id, l.id, l.course_id).await?;
    let html = if l.body_html.is_empty() && !l.body.is_empty() {
        render_body(c.id, &c.slug, &module.slug, &l.body)
    } else {
        l.body_html.clone()
    };
    Ok(LessonView {
        id: l.id,
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        module_title: module.title,
        title: l.title.clone(),
        objectives: serde_json::from_str(&l.objectives).unwrap_or_default(),
        duration: l.duration_minutes,
        html,
        previous: i
            .checked_sub(1)
            .map(|p| (lessons[p].id, lessons[p].title.clone())),
        next: lessons.get(i + 1).map(|n| (n.id, n.title.clone())),
        completed,
        position: (i + 1, lessons.len()),
    })
}

/// A new visit is counted (and a `lesson_viewed` event written) when the lesson was last
/// opened longer ago than this; reloads in between cost no write.
const VISIT_GAP_MINUTES: i64 = 30;

/// Records a visit of lesson `lesson_id` by `person`; returns whether they completed it.
async fn record_view(
    db: &DatabaseConnection,
    person: i64,
    lesson_id: i64,
    course_id: i64,
) -> AppResult<bool> {
    let now = super::now();
    let existing = lesson_progress::Entity::find_by_id((person, lesson_id))
        .one(db)
        .await?;
    let completed = existing.as_ref().is_some_and(|p| p.completed_at.is_some());
    if let Some(p) = &existing
        && now - p.last_viewed_at < time::Duration::minutes(VISIT_GAP_MINUTES)
    {
        return Ok(completed);
    }
    // The visit and its learning event commit together.
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    match existing {
        Some(p) => {
            let mut row: lesson_progress::ActiveModel = p.into();
            row.last_viewed_at = Set(now);
            row.update(&txn).await?;
        }
        None => {
            lesson_progress::Entity::insert(lesson_progress::ActiveModel {
                person_id: Set(person),
                lesson_id: Set(lesson_id),
                course_id: Set(course_id),
                first_viewed_at: Set(now),
                last_viewed_at: Set(now),
                completed_at: Set(None),
            })
            .on_conflict(
                OnConflict::columns([
                    lesson_progress::Column::PersonId,
                    lesson_progress::Column::LessonId,
                ])
                .update_column(lesson_progress::Column::LastViewedAt)
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
    }
    super::events::record(
        &txn,
        person,
        super::events::LESSON_VIEWED,
        course_id,
        Some(lesson_id),
    )
    .await?;
    txn.commit().await?;
    Ok(completed)
}

/// Marks a lesson complete (or not) for `user`; returns the course slug.
pub async fn set_complete(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lesson_id: i64,
    done: bool,
) -> AppResult<String> {
    let l = lesson::Entity::find_by_id(lesson_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(l.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_reader(db, user, &c).await?;
    if !l.published && !can_author(user) {
        return Err(AppError::NotFound);
    }
    record_view(db, user.id, l.id, l.course_id).await?;
    let row = lesson_progress::Entity::find_by_id((user.id, l.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let was_done = row.completed_at.is_some();
    let mut row: lesson_progress::ActiveModel = row.into();
    row.completed_at = Set(done.then(super::now));
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    row.update(&txn).await?;
    if done && !was_done {
        super::events::record(
            &txn,
            user.id,
            super::events::LESSON_COMPLETED,
            c.id,
            Some(l.id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(c.slug)
}

/// A course's glossary, alphabetical.
pub async fn glossary(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<GlossaryView> {
    let c = visible_course(db, user, slug).await?;
    let mut terms: Vec<(String, String, String)> = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (content::markdown::slug(&g.term), g.term, g.definition))
        .collect();
    terms.sort_by_key(|t| t.1.to_lowercase());
    Ok(GlossaryView {
        course_slug: c.slug,
        course_title: c.title,
        terms,
    })
}

/// The words of a search query (letters and digits only, at most eight).
fn query_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

/// Lessons `user` may see that contain every word of `q`, best matches first (at most 50).
pub async fn search(
    db: &DatabaseConnection,
    user: &CurrentUser,
    q: &str,
) -> AppResult<Vec<SearchHit>> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let stmt = match backend {
        DbBackend::Postgres => Statement::from_sql_and_values(
            backend,
            "SELECT id FROM lessons WHERE to_tsvector('simple', title || ' ' || body) @@ to_tsquery('simple', $1) LIMIT 200",
            [words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ")
                .into()],
        ),
        _ => Statement::from_sql_and_values(
            backend,
            "SELECT rowid AS id FROM lessons_fts WHERE lessons_fts MATCH $1 ORDER BY rank LIMIT 200",
            [words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ")
                .into()],
        ),
    };
    let ids: Vec<i64> = db
        .query_all(stmt)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<i64>("", "id").ok())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rank: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut found = lesson::Entity::find()
        .filter(lesson::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let course_ids: Vec<i64> = found.iter().map(|l| l.course_id).collect();
    let courses: HashMap<i64, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(course_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let author = can_author(user);
    let enrolled = if author {
        HashSet::new()
    } else {
        enrolled_courses(db, user).await?
    };
    found.retain(|l| {
        author
            || (l.published
                && enrolled.contains(&l.course_id)
                && courses.get(&l.course_id).is_some_and(|c| c.published))
    });
    found.sort_by_key(|l| rank.get(&l.id).copied().unwrap_or(usize::MAX));
    Ok(found
        .into_iter()
        .take(50)
        .filter_map(|l| {
            let c = courses.get(&l.course_id)?;
            Some(SearchHit {
                lesson_id: l.id,
                course_slug: c.slug.clone(),
                course_title: c.title.clone(),
                extract: extract(&l.body, &words),
                title: l.title,
            })
        })
        .collect())
}

/// About 200 characters of plain text around the first query word in `body`.
fn extract(body: &str, words: &[String]) -> String {
    let plain: String = body
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with(['|', '!', '#', '>'])
                || l.trim_start().starts_with("> ") && !l.contains("[!")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_', '`', '[', ']', '>'], "");
    let lower = plain.to_lowercase();
    let at = words
        .iter()
        .filter_map(|w| lower.find(w.as_str()))
        .min()
        .unwrap_or(0);
    let chars: Vec<char> = plain.chars().collect();
    let char_at = plain[..at.min(plain.len())].chars().count();
    let start = char_at.saturating_sub(80);
    let end = (char_at + 120).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        s.insert_str(0, "… ");
    }
    if end < chars.len() {
        s.push_str(" …");
    }
    s
}

/// An image of course `course_id`, if `user` may see that course.
pub async fn media(
    db: &DatabaseConnection,
    user: &CurrentUser,
    course_id: i64,
    module_slug: &str,
    name: &str,
) -> AppResult<(String, Vec<u8>)> {
    let c = course::Entity::find_by_id(course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_reader(db, user, &c).await?;
    let m = course_media::Entity::find()
        .filter(course_media::Column::CourseId.eq(course_id))
        .filter(course_media::Column::ModuleSlug.eq(module_slug))
        .filter(course_media::Column::Name.eq(name))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((m.content_type, m.data))
}

/// Imports every pack shipped in `content/packs/` and publishes it (used by the demo data).
pub async fn import_shipped(db: &DatabaseConnection) -> AppResult<usize> {
    let dir = content::pack::shipped_packs_dir();
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| crate::server::errors::internal("cannot read the shipped packs", e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for path in entries {
        // Reading a pack is file I/O: keep it off the async runtime.
        let pack = tokio::task::spawn_blocking(move || content::pack::load_dir(&path))
            .await
            .map_err(|e| crate::server::errors::internal("shipped pack task", e))?
            .map_err(|e| crate::server::errors::internal("shipped pack", e))?;
        import_pack(db, &pack, None, true).await?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_drop_operators() {
        assert_eq!(
            query_words("MRZ \"check\" OR digit* -x"),
            vec!["mrz", "check", "or", "digit", "x"]
        );
        assert!(query_words("  *** ").is_empty());
    }

    #[test]
    fn extracts_surround_the_match() {
        let body = format!(
            "{} the check digit is computed {}",
            "word ".repeat(50),
            "more ".repeat(50)
        );
        let e = extract(&body, &["check".into()]);
        assert!(
            e.contains("check digit") && e.starts_with("… ") && e.ends_with(" …"),
            "{e}"
        );
    }
}
