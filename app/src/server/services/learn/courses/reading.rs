//! What learners read: the catalogue, outlines with progress and where to resume, lessons
//! (rendered Markdown, views recorded, completion), glossaries and lesson images.

use super::*;

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

pub(super) fn card(c: &course::Model, lessons: u64, completed: u64) -> CourseCard {
    CourseCard {
        id: c.id,
        slug: c.slug.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        kind: c.kind.code().to_owned(),
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
    let translated = catalogue_titles(db, user, &courses).await?;
    Ok(courses
        .iter()
        .map(|c| {
            let (n, d) = totals.get(&c.id).copied().unwrap_or_default();
            let mut card = card(c, n, d);
            if let Some(t) = translated.get(&c.id) {
                card.title.clone_from(&t.title);
                card.summary.clone_from(&t.summary);
                card.language.clone_from(&t.language);
            }
            card
        })
        .collect())
}

/// The translations into `user`'s language of the titles of `courses` written in another, by
/// course id.
async fn catalogue_titles(
    db: &DatabaseConnection,
    user: &CurrentUser,
    courses: &[course::Model],
) -> AppResult<HashMap<i64, crate::server::entities::translation::Model>> {
    use crate::server::entities::translation;
    let reader = user.lang.code();
    let ids: Vec<i64> = courses
        .iter()
        .filter(|c| c.language != reader)
        .map(|c| c.id)
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(translation::Entity::find()
        .filter(translation::Column::Kind.eq(Item::Course))
        .filter(translation::Column::Language.eq(reader))
        .filter(translation::Column::ItemId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.item_id, t))
        .collect())
}

/// Course `slug`'s page for `user`: the outline, quizzes, exercises and certificate, with the
/// course found and its access checked once.
pub async fn page(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<crate::model::CoursePageView> {
    use crate::server::services::{exercises, learn::certificates, quizzes};
    let c = match visible_course(db, user, slug).await {
        Ok(c) => c,
        // A published course someone planning training does not take: its outline only.
        Err(AppError::Forbidden) if reads_outlines(user) => {
            let c = course::Entity::find()
                .filter(course::Column::Slug.eq(slug))
                .filter(course::Column::Published.eq(true))
                .one(db)
                .await?
                .ok_or(AppError::Forbidden)?;
            let modules = modules_in_order(db, c.id).await?;
            let mut outline = outline(db, user, &c, modules).await?;
            outline.resume = None;
            outline.has_glossary = false;
            return Ok(crate::model::CoursePageView {
                outline,
                overview: true,
                quizzes: Vec::new(),
                exercises: Vec::new(),
                certificate: crate::model::CertificateStatus::default(),
                desk: Vec::new(),
                evaluations: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let modules = modules_in_order(db, c.id).await?;
    // The reader's classes, read once: quizzes and exercises set for one class.
    let seen = crate::server::services::learn::class_items::Seen::of(db, user, &c).await?;
    let mut quizzes = quizzes::bank::standing(db, user.id, c.id, &seen).await?;
    if user.lang.code() != c.language {
        // The quizzes' titles in the reader's language, where the course has them.
        use crate::server::entities::translation;
        let ids: Vec<i64> = quizzes.iter().map(|q| q.quiz.id).collect();
        let titles: HashMap<i64, String> = translation::Entity::find()
            .filter(translation::Column::Kind.eq(Item::Quiz))
            .filter(translation::Column::Language.eq(user.lang.code()))
            .filter(translation::Column::ItemId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.item_id, t.title))
            .collect();
        for q in &mut quizzes {
            if let Some(title) = titles.get(&q.quiz.id) {
                q.quiz.title.clone_from(title);
            }
        }
    }
    Ok(crate::model::CoursePageView {
        exercises: exercises::exercises_of(db, user, &c, &modules, &seen).await?,
        outline: outline(db, user, &c, modules).await?,
        overview: false,
        quizzes,
        certificate: certificates::status(db, user, &c).await?,
        desk: crate::server::services::desk::views::course_rows(db, user, &c).await?,
        evaluations: crate::server::services::learn::evaluations::due(db, user, c.id).await?,
    })
}

/// The outline of course `c`, which `user` may read, with its `modules`.
async fn outline(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
    modules: Vec<course_module::Model>,
) -> AppResult<CourseOutline> {
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
    let mut course = card(c, lessons.len() as u64, completed);
    // In the reader's language, where the course has it.
    let reader = user.lang.code();
    let mut titles = if reader == c.language {
        HashMap::new()
    } else {
        translated_titles(db, c.id, reader).await?
    };
    if let Some((title, summary)) = titles.remove(&(Item::Course, c.id)) {
        course.title = title;
        course.summary = summary;
        course.language = reader.to_owned();
    }
    let modules = modules
        .into_iter()
        .map(|m| {
            let (title, summary) = titles
                .remove(&(Item::Module, m.id))
                .unwrap_or((m.title, m.summary));
            OutlineModule {
                lessons: lessons
                    .iter()
                    .filter(|l| l.module_id == m.id)
                    .map(|l| OutlineLesson {
                        id: l.id,
                        title: titles
                            .get(&(Item::Lesson, l.id))
                            .map_or_else(|| l.title.clone(), |t| t.0.clone()),
                        duration: l.duration_minutes,
                        completed: done.contains(&l.id),
                        published: l.published,
                    })
                    .collect(),
                title,
                summary,
            }
        })
        .filter(|m| !m.lessons.is_empty())
        .collect();
    Ok(CourseOutline {
        course,
        audience: c.audience.clone(),
        modules,
        resume,
        has_glossary,
    })
}

/// The lesson to continue with: the last one viewed if unfinished, else the next one after
/// it; with nothing viewed, the first lesson not completed.
pub(super) fn resume_point(
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
    let counted = !previewing(db, user, &c).await?;
    let completed = record_view(db, user.id, l.id, l.course_id, counted).await?;
    let html = if l.body_html.is_empty() && !l.body.is_empty() {
        render_body(c.id, &c.slug, &module.slug, &l.body)
    } else {
        l.body_html.clone()
    };
    let mut view = LessonView {
        id: l.id,
        language: c.language.clone(),
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        module_title: module.title,
        title: l.title.clone(),
        objectives: crate::server::services::stored("lesson objectives", &l.objectives)?,
        duration: l.duration_minutes,
        html,
        previous: i
            .checked_sub(1)
            .map(|p| (lessons[p].id, lessons[p].title.clone())),
        next: lessons.get(i + 1).map(|n| (n.id, n.title.clone())),
        completed,
        position: (i + 1, lessons.len()),
        edition: Edition::Source,
    };
    let reader = user.lang.code();
    if reader != c.language {
        // The reader's language: the lesson's translation if there is one (and the titles
        // around it), or the original, saying so.
        let titles = translated_titles(db, c.id, reader).await?;
        let title = |kind, id| titles.get(&(kind, id)).map(|t| t.0.clone());
        if let Some(t) = title(Item::Course, c.id) {
            view.course_title = t;
        }
        if let Some(t) = title(Item::Module, module.id) {
            view.module_title = t;
        }
        for (id, t) in view.previous.iter_mut().chain(view.next.iter_mut()) {
            if let Some(translated) = title(Item::Lesson, *id) {
                *t = translated;
            }
        }
        view.edition = match edition_of(db, Item::Lesson, l.id, reader).await? {
            Some(t) => {
                view.title = t.title;
                view.objectives = crate::server::services::stored("objectives", &t.objectives)?;
                view.html = t.body_html;
                view.language = reader.to_owned();
                Edition::Translated {
                    from: c.language.clone(),
                }
            }
            None => Edition::Untranslated,
        };
    }
    Ok(view)
}

/// The translated titles and summaries of course `course_id`'s course, modules and lessons in
/// `language`.
pub(crate) async fn translated_titles(
    db: &DatabaseConnection,
    course_id: i64,
    language: &str,
) -> AppResult<HashMap<(Item, i64), (String, String)>> {
    use crate::server::entities::translation;
    let rows: Vec<(Item, i64, String, String)> = translation::Entity::find()
        .select_only()
        .columns([
            translation::Column::Kind,
            translation::Column::ItemId,
            translation::Column::Title,
            translation::Column::Summary,
        ])
        .filter(translation::Column::CourseId.eq(course_id))
        .filter(translation::Column::Language.eq(language))
        .filter(translation::Column::Kind.is_in([Item::Course, Item::Module, Item::Lesson]))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, title, summary)| ((kind, id), (title, summary)))
        .collect())
}

/// A new visit is counted (and a `lesson_viewed` event written) when the lesson was last
/// opened longer ago than this; reloads in between cost no write.
pub(super) const VISIT_GAP_MINUTES: i64 = 30;

/// Whether `user` reads course `c` without taking it: an administrator, the trainer who made
/// it or one who teaches it, reading it while not enrolled in a class of it. Their visits and
/// completions are kept for them but are no learning events, so they never count as a person
/// trained.
pub(super) async fn previewing(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<bool> {
    // Anyone else reads a lesson only through a class of its course (no query needed).
    Ok(can_author(user)
        && crate::server::services::progress::events::class_for(db, user.id, c.id)
            .await?
            .is_none())
}

/// Records a visit of lesson `lesson_id` by `person` (with its learning event when
/// `counted`); returns whether they completed it.
pub(super) async fn record_view(
    db: &DatabaseConnection,
    person: i64,
    lesson_id: i64,
    course_id: i64,
    counted: bool,
) -> AppResult<bool> {
    let now = crate::server::services::now();
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
    let _gate = crate::server::services::write_gate(db).await;
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
    if counted {
        crate::server::services::progress::events::record(
            &txn,
            person,
            crate::server::services::progress::events::EventKind::LessonViewed,
            course_id,
            Some(lesson_id),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(completed)
}

/// Marks a lesson complete (or not) for `user`; returns the course slug and the lesson that
/// comes next for them, if any.
pub async fn set_complete(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lesson_id: i64,
    done: bool,
) -> AppResult<(String, Option<i64>)> {
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
    let counted = !previewing(db, user, &c).await?;
    record_view(db, user.id, l.id, l.course_id, counted).await?;
    let row = lesson_progress::Entity::find_by_id((user.id, l.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let was_done = row.completed_at.is_some();
    let mut row: lesson_progress::ActiveModel = row.into();
    row.completed_at = Set(done.then(crate::server::services::now));
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    row.update(&txn).await?;
    if done && !was_done && counted {
        crate::server::services::progress::events::record(
            &txn,
            user.id,
            crate::server::services::progress::events::EventKind::LessonCompleted,
            c.id,
            Some(l.id),
        )
        .await?;
    }
    txn.commit().await?;
    let lessons = visible_lessons(db, user, vec![c.id]).await?;
    let next = lessons
        .iter()
        .skip_while(|x| x.id != l.id)
        .nth(1)
        .map(|x| x.id);
    Ok((c.slug, next))
}

/// A course's glossary, alphabetical.
pub async fn glossary(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<GlossaryView> {
    use crate::server::entities::translation;
    let c = visible_course(db, user, slug).await?;
    let reader = user.lang.code();
    // In the reader's language, each term's translation where there is one: the translated
    // lessons link to the translated terms.
    let translated: HashMap<i64, translation::Model> = if reader == c.language {
        HashMap::new()
    } else {
        translation::Entity::find()
            .filter(translation::Column::CourseId.eq(c.id))
            .filter(translation::Column::Language.eq(reader))
            .filter(translation::Column::Kind.eq(Item::Term))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.item_id, t))
            .collect()
    };
    let mut terms: Vec<(String, Option<String>, String, String)> = glossary_term::Entity::find()
        .filter(glossary_term::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| {
            let original = content::markdown::anchor(&g.term);
            match translated.get(&g.id) {
                Some(t) => {
                    let anchor = content::markdown::anchor(&t.title);
                    let alias = (anchor != original).then_some(original);
                    (anchor, alias, t.title.clone(), t.summary.clone())
                }
                None => (original, None, g.term, g.definition),
            }
        })
        .collect();
    terms.sort_by_key(|t| t.2.to_lowercase());
    let course_title = match translated_titles(db, c.id, reader)
        .await?
        .remove(&(Item::Course, c.id))
    {
        Some((t, _)) if reader != c.language => t,
        _ => c.title,
    };
    Ok(GlossaryView {
        course_slug: c.slug,
        course_title,
        terms,
    })
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
