//! Course authoring in the browser: courses, modules and lessons created, edited, reordered
//! and published by trainers; images uploaded beside lessons.
//!
//! Who may edit: administrators edit every course; trainers edit the courses they created.
//! Editing a lesson keeps its id, so learners keep their progress on it.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{
    AuthorCourse, CourseEditor, CourseInput, CurrentUser, EditorLesson, EditorModule, LessonEditor,
    Role,
};
use crate::server::entities::{course, course_media, course_module, lesson};
use crate::server::errors::unique_as;
use crate::validate;
use content::pack::CourseKind;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

/// Largest image accepted for a lesson.
pub const IMAGE_MAX_BYTES: usize = content::pack::MEDIA_MAX_BYTES;

/// The course `slug` if `user` may edit it.
pub async fn editable_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<course::Model> {
    let c = course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_owner(user, &c)?;
    Ok(c)
}

/// Who edits a course: administrators every course, trainers the courses they created. Every
/// editing check (lessons, questions, exercises) asks this.
pub fn may_edit(user: &CurrentUser, c: &course::Model) -> bool {
    user.has(Role::Admin) || (user.has(Role::Trainer) && c.created_by == Some(user.id))
}

fn check_owner(user: &CurrentUser, c: &course::Model) -> AppResult<()> {
    if may_edit(user, c) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn editable_by_id(
    db: &DatabaseConnection,
    user: &CurrentUser,
    course_id: i64,
) -> AppResult<course::Model> {
    let c = course::Entity::find_by_id(course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_owner(user, &c)?;
    Ok(c)
}

/// The courses an author sees, by title: every course for an administrator (all editable); for
/// a trainer, the courses they created (editable) and the published courses of others.
pub async fn my_courses(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> AppResult<Vec<AuthorCourse>> {
    if !crate::server::services::learn::courses::can_author(user) {
        return Err(AppError::Forbidden);
    }
    let mut q = course::Entity::find().order_by_asc(course::Column::Title);
    if !user.has(Role::Admin) {
        q = q.filter(
            course::Column::CreatedBy
                .eq(user.id)
                .or(course::Column::Published.eq(true)),
        );
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|c| AuthorCourse {
            editable: may_edit(user, &c),
            slug: c.slug,
            title: c.title,
            published: c.published,
        })
        .collect())
}

struct ValidCourse {
    title: String,
    summary: String,
    language: String,
    kind: CourseKind,
    audience: String,
    hours: f64,
}

fn validate_course(input: &CourseInput) -> AppResult<ValidCourse> {
    let mut errors = Vec::new();
    let title = validate::name(&input.title)
        .map_err(|m| errors.push(FieldError::new("title", m)))
        .ok();
    let language = validate::language(&input.language)
        .map_err(|m| errors.push(FieldError::new("language", m)))
        .ok();
    let kind = match input.kind.as_str() {
        "" => Some(CourseKind::Thematic),
        code => CourseKind::from_code(code).or_else(|| {
            errors.push(FieldError::new("kind", Msg::ErrInvalid));
            None
        }),
    };
    let hours = match input.hours.trim() {
        "" => Some(1.0),
        h => match h.replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=1000.0).contains(&v) => Some(v),
            _ => {
                errors.push(FieldError::new("hours", Msg::ErrInvalid));
                None
            }
        },
    };
    if input.summary.chars().count() > 2000 || input.audience.chars().count() > 500 {
        errors.push(FieldError::new("summary", Msg::ErrTooLong));
    }
    match (title, language, kind, hours) {
        (Some(title), Some(language), Some(kind), Some(hours)) if errors.is_empty() => {
            Ok(ValidCourse {
                title,
                summary: input.summary.trim().to_owned(),
                language: language.code().to_owned(),
                kind,
                audience: input.audience.trim().to_owned(),
                hours,
            })
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// Creates a draft course owned by `user`; returns its slug.
pub async fn create_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: &CourseInput,
) -> AppResult<String> {
    let slug = input.slug.trim().to_ascii_lowercase();
    if !content::pack::valid_id(&slug) {
        return Err(AppError::field("slug", Msg::ErrSlugFormat));
    }
    let v = validate_course(input)?;
    let now = crate::server::services::now();
    course::ActiveModel {
        slug: Set(slug.clone()),
        title: Set(v.title),
        summary: Set(v.summary),
        language: Set(v.language),
        kind: Set(v.kind),
        audience: Set(v.audience),
        competencies: Set(String::new()),
        estimated_hours: Set(v.hours),
        version: Set("1.0.0".to_owned()),
        published: Set(false),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(unique_as("slug", Msg::ErrSlugTaken))?;
    Ok(slug)
}

/// Edits a course's metadata.
pub async fn update_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    input: &CourseInput,
) -> AppResult<()> {
    let c = editable_course(db, user, slug).await?;
    let v = validate_course(input)?;
    let mut row: course::ActiveModel = c.into();
    row.title = Set(v.title);
    row.summary = Set(v.summary);
    row.language = Set(v.language);
    row.kind = Set(v.kind);
    row.audience = Set(v.audience);
    row.estimated_hours = Set(v.hours);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}

/// Publishes or withdraws a course.
pub async fn set_course_published(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    published: bool,
) -> AppResult<()> {
    let c = editable_course(db, user, slug).await?;
    let mut row: course::ActiveModel = c.into();
    row.published = Set(published);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}

/// The course editor's view.
pub async fn course_editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<CourseEditor> {
    let c = editable_course(db, user, slug).await?;
    let modules = crate::server::services::learn::courses::modules_in_order(db, c.id).await?;
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?;
    Ok(CourseEditor {
        id: c.id,
        published: c.published,
        input: CourseInput {
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            language: c.language,
            kind: c.kind.code().to_owned(),
            audience: c.audience,
            hours: c.estimated_hours.to_string(),
        },
        modules: modules
            .into_iter()
            .map(|m| EditorModule {
                lessons: lessons
                    .iter()
                    .filter(|l| l.module_id == m.id)
                    .map(|l| EditorLesson {
                        id: l.id,
                        title: l.title.clone(),
                        published: l.published,
                    })
                    .collect(),
                id: m.id,
                slug: m.slug,
                title: m.title,
                summary: m.summary,
            })
            .collect(),
    })
}

/// A slug for a new module or lesson from its title, unique among `taken`.
fn unique_slug(title: &str, taken: &[String]) -> String {
    let base = match content::markdown::slug(title) {
        s if s.is_empty() => "untitled".to_owned(),
        s => s
            .chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned(),
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Adds a module at the end of a course.
pub async fn add_module(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    title: &str,
    summary: &str,
) -> AppResult<i64> {
    let c = editable_course(db, user, slug).await?;
    let title = validate::name(title).map_err(|m| AppError::field("title", m))?;
    let existing = course_module::Entity::find()
        .filter(course_module::Column::CourseId.eq(c.id))
        .all(db)
        .await?;
    let taken: Vec<String> = existing.iter().map(|m| m.slug.clone()).collect();
    let position = existing.iter().map(|m| m.position).max().unwrap_or(0) + 1;
    let m = course_module::ActiveModel {
        course_id: Set(c.id),
        position: Set(position),
        slug: Set(unique_slug(&title, &taken)),
        title: Set(title),
        summary: Set(summary.trim().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Renames a module and edits its summary; returns the course slug.
pub async fn update_module(
    db: &DatabaseConnection,
    user: &CurrentUser,
    module_id: i64,
    title: &str,
    summary: &str,
) -> AppResult<String> {
    let m = course_module::Entity::find_by_id(module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = editable_by_id(db, user, m.course_id).await?;
    let title = validate::name(title).map_err(|m| AppError::field("title", m))?;
    if summary.chars().count() > 2000 {
        return Err(AppError::field("summary", Msg::ErrTooLong));
    }
    let mut row: course_module::ActiveModel = m.into();
    row.title = Set(title);
    row.summary = Set(summary.trim().to_owned());
    row.update(db).await?;
    Ok(c.slug)
}

/// Adds an empty draft lesson at the end of a module; returns its id.
pub async fn add_lesson(
    db: &DatabaseConnection,
    user: &CurrentUser,
    module_id: i64,
    title: &str,
) -> AppResult<i64> {
    let m = course_module::Entity::find_by_id(module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    editable_by_id(db, user, m.course_id).await?;
    let title = validate::name(title).map_err(|m| AppError::field("title", m))?;
    let existing = lesson::Entity::find()
        .filter(lesson::Column::ModuleId.eq(m.id))
        .all(db)
        .await?;
    let taken: Vec<String> = existing.iter().map(|l| l.slug.clone()).collect();
    let l = lesson::ActiveModel {
        module_id: Set(m.id),
        course_id: Set(m.course_id),
        position: Set(existing.iter().map(|l| l.position).max().unwrap_or(0) + 1),
        slug: Set(unique_slug(&title, &taken)),
        title: Set(title),
        objectives: Set("[]".to_owned()),
        duration_minutes: Set(15),
        body: Set(String::new()),
        published: Set(false),
        updated_at: Set(crate::server::services::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(l.id)
}

/// Moves a module one place up (`up = true`) or down; returns the course slug.
pub async fn move_module(
    db: &DatabaseConnection,
    user: &CurrentUser,
    module_id: i64,
    up: bool,
) -> AppResult<String> {
    let m = course_module::Entity::find_by_id(module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = editable_by_id(db, user, m.course_id).await?;
    let siblings = crate::server::services::learn::courses::modules_in_order(db, c.id).await?;
    let ids: Vec<i64> = siblings.iter().map(|s| s.id).collect();
    if let Some(order) = swapped(&ids, module_id, up) {
        write_positions(db, order, |id, position| course_module::ActiveModel {
            id: Set(id),
            position: Set(position),
            ..Default::default()
        })
        .await?;
    }
    Ok(c.slug)
}

/// Moves a lesson one place up or down inside its module; returns the course slug.
pub async fn move_lesson(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lesson_id: i64,
    up: bool,
) -> AppResult<String> {
    let l = lesson::Entity::find_by_id(lesson_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = editable_by_id(db, user, l.course_id).await?;
    let siblings = lesson::Entity::find()
        .filter(lesson::Column::ModuleId.eq(l.module_id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?;
    let ids: Vec<i64> = siblings.iter().map(|s| s.id).collect();
    if let Some(order) = swapped(&ids, lesson_id, up) {
        write_positions(db, order, |id, position| lesson::ActiveModel {
            id: Set(id),
            position: Set(position),
            ..Default::default()
        })
        .await?;
    }
    Ok(c.slug)
}

/// Gives the rows `order` the positions 1, 2, 3… in one transaction; `row` builds the
/// partial update of one row.
async fn write_positions<A>(
    db: &DatabaseConnection,
    order: Vec<i64>,
    row: impl Fn(i64, i32) -> A,
) -> AppResult<()>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let txn = db.begin().await?;
    for (i, id) in order.into_iter().enumerate() {
        row(id, i as i32 + 1).update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// `ids` with `id` swapped with its neighbour above or below; `None` when it cannot move.
pub fn swapped(ids: &[i64], id: i64, up: bool) -> Option<Vec<i64>> {
    let i = ids.iter().position(|x| *x == id)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if j >= ids.len() {
        return None;
    }
    let mut out = ids.to_vec();
    out.swap(i, j);
    Some(out)
}

pub(crate) async fn editable_lesson(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(lesson::Model, course::Model)> {
    let l = lesson::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = editable_by_id(db, user, l.course_id).await?;
    Ok((l, c))
}

/// Renders `body` as it would appear in lesson `id` (for the editor's preview).
pub async fn preview(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    body: &str,
) -> AppResult<String> {
    let (l, c) = editable_lesson(db, user, id).await?;
    let m = course_module::Entity::find_by_id(l.module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::server::services::learn::courses::check_body(body)?;
    crate::server::services::learn::courses::render_body_blocking(
        c.id,
        c.slug,
        m.slug,
        body.to_owned(),
    )
    .await
}

/// The lesson editor's view.
pub async fn lesson_editor(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<LessonEditor> {
    let (l, c) = editable_lesson(db, user, id).await?;
    let l_updated = l.updated_at;
    let m = course_module::Entity::find_by_id(l.module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let images = course_media::Entity::find()
        .filter(course_media::Column::CourseId.eq(c.id))
        .filter(course_media::Column::ModuleSlug.eq(&m.slug))
        .order_by_asc(course_media::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.name)
        .collect();
    let preview = preview(db, user, id, &l.body).await?;
    let objectives: Vec<String> =
        crate::server::services::stored("lesson objectives", &l.objectives)?;
    Ok(LessonEditor {
        id: l.id,
        course_slug: c.slug,
        course_title: c.title,
        module_slug: m.slug,
        title: l.title,
        objectives: objectives.join("\n"),
        duration: l.duration_minutes,
        body: l.body,
        published: l.published,
        preview,
        images,
        revision: revision_of(&l_updated),
        translate_into: [user.lang.code()]
            .into_iter()
            .chain(content::pack::LANGUAGES)
            .find(|code| *code != c.language)
            .unwrap_or("fr")
            .to_owned(),
    })
}

/// The revision token of a lesson: its last-saved time in nanoseconds.
pub fn revision_of(updated_at: &time::OffsetDateTime) -> String {
    updated_at.unix_timestamp_nanos().to_string()
}

/// A lesson's objectives as typed (one per line, blank lines dropped); at most 20 of at most
/// 300 characters each, else an error on the field.
pub(crate) fn objectives_of(typed: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let objectives: Vec<String> = typed
        .lines()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_owned)
        .collect();
    if objectives.iter().any(|o| o.chars().count() > 300) || objectives.len() > 20 {
        errors.push(FieldError::new("objectives", Msg::ErrTooLong));
    }
    objectives
}

/// What a lesson save contains.
pub struct LessonSave<'a> {
    /// Title.
    pub title: &'a str,
    /// Objectives, one per line.
    pub objectives: &'a str,
    /// Minutes, as typed.
    pub duration: &'a str,
    /// Markdown.
    pub body: &'a str,
    /// The revision the author started from ([`revision_of`]); empty to skip the check.
    pub revision: &'a str,
}

/// Saves a lesson. Its id does not change, so learners keep their progress. When someone
/// else saved the lesson after this author opened it, nothing is overwritten: this author's
/// text is kept as a new draft lesson beside it, and the error says so.
pub async fn update_lesson(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    save: &LessonSave<'_>,
) -> AppResult<()> {
    let (l, c) = editable_lesson(db, user, id).await?;
    let mut errors = Vec::new();
    let title = validate::name(save.title)
        .map_err(|m| errors.push(FieldError::new("title", m)))
        .ok();
    let duration = match save.duration.trim().parse::<i32>() {
        Ok(d) if (1..=600).contains(&d) => Some(d),
        _ => {
            errors.push(FieldError::new("duration", Msg::ErrInvalid));
            None
        }
    };
    if let Err(AppError::Validation(body_errors)) =
        crate::server::services::learn::courses::check_body(save.body)
    {
        errors.extend(body_errors);
    }
    let objectives = objectives_of(save.objectives, &mut errors);
    let (Some(title), Some(duration)) = (title, duration) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let objectives = serde_json::to_string(&objectives).unwrap_or_else(|_| "[]".into());
    let body = save.body.replace("\r\n", "\n");
    let module = course_module::Entity::find_by_id(l.module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let html = crate::server::services::learn::courses::render_body_blocking(
        c.id,
        c.slug.clone(),
        module.slug.clone(),
        body.clone(),
    )
    .await?;
    if !save.revision.is_empty() && save.revision != revision_of(&l.updated_at) {
        // Someone saved in between: keep this version as a draft copy, overwrite nothing.
        let siblings = lesson::Entity::find()
            .filter(lesson::Column::ModuleId.eq(l.module_id))
            .all(db)
            .await?;
        let taken: Vec<String> = siblings.iter().map(|s| s.slug.clone()).collect();
        let copy_title = format!("{title} (your copy)");
        lesson::ActiveModel {
            module_id: Set(l.module_id),
            course_id: Set(l.course_id),
            position: Set(siblings.iter().map(|s| s.position).max().unwrap_or(0) + 1),
            slug: Set(unique_slug(&copy_title, &taken)),
            title: Set(copy_title),
            objectives: Set(objectives),
            duration_minutes: Set(duration),
            body: Set(body),
            body_html: Set(html),
            published: Set(false),
            updated_at: Set(crate::server::services::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        return Err(AppError::field("body", Msg::ErrEditConflict));
    }
    let mut row: lesson::ActiveModel = l.into();
    row.title = Set(title);
    row.objectives = Set(objectives);
    row.duration_minutes = Set(duration);
    row.body = Set(body);
    row.body_html = Set(html);
    row.updated_at = Set(crate::server::services::now());
    row.update(db).await?;
    Ok(())
}

/// Publishes or withdraws one lesson.
pub async fn set_lesson_published(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    published: bool,
) -> AppResult<()> {
    let (l, _) = editable_lesson(db, user, id).await?;
    let mut row: lesson::ActiveModel = l.into();
    row.published = Set(published);
    row.update(db).await?;
    Ok(())
}

/// What an uploaded file is, judged by its first bytes (never by its name alone).
pub fn sniff_image(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name.rsplit('.').next().map(str::to_ascii_lowercase)?;
    let head = &bytes[..bytes.len().min(512)];
    match ext.as_str() {
        "png" if head.starts_with(b"\x89PNG\r\n\x1a\n") => Some("image/png"),
        "jpg" | "jpeg" if head.starts_with(b"\xff\xd8\xff") => Some("image/jpeg"),
        "webp" if head.len() > 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" => {
            Some("image/webp")
        }
        "svg" => {
            let text = std::str::from_utf8(head).ok()?;
            text.contains("<svg").then_some("image/svg+xml")
        }
        _ => None,
    }
}

/// A safe file name for an upload: the slug of its stem plus its extension.
pub fn image_name(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let stem = content::markdown::slug(stem);
    (!stem.is_empty() && content::pack::MEDIA_EXTENSIONS.contains(&ext.as_str()))
        .then(|| format!("{stem}.{ext}"))
}

/// Stores an image beside lesson `lesson_id` (replacing one of the same name); returns the
/// name to use in Markdown.
pub async fn upload_image(
    db: &DatabaseConnection,
    user: &CurrentUser,
    lesson_id: i64,
    name: &str,
    bytes: &[u8],
) -> AppResult<String> {
    let (l, c) = editable_lesson(db, user, lesson_id).await?;
    let m = course_module::Entity::find_by_id(l.module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if bytes.is_empty() {
        return Err(AppError::field("file", Msg::ErrRequired));
    }
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(AppError::field("file", Msg::ErrImageTooLarge));
    }
    let safe = image_name(name).ok_or(AppError::field("file", Msg::ErrImageType))?;
    let content_type =
        sniff_image(&safe, bytes).ok_or(AppError::field("file", Msg::ErrImageType))?;
    // Pictures are decoded, bounded and encoded again, like exercise images; an SVG is kept
    // as written and served under a policy that runs nothing.
    let (stored, content_type) = if content_type == "image/svg+xml" {
        (bytes.to_vec(), content_type)
    } else {
        crate::server::services::exercises::images::decode_within_budget(
            bytes.to_vec(),
            content::images::lesson_image,
        )
        .await?
    };
    crate::server::services::learn::courses::store_media(
        db,
        c.id,
        &m.slug,
        &safe,
        content_type,
        &stored,
    )
    .await?;
    Ok(safe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn images_are_judged_by_their_bytes() {
        assert_eq!(
            sniff_image("a.png", b"\x89PNG\r\n\x1a\nrest"),
            Some("image/png")
        );
        assert_eq!(sniff_image("a.png", b"GIF89a"), None);
        assert_eq!(
            sniff_image("a.svg", b"<?xml version='1.0'?><svg xmlns='x'/>"),
            Some("image/svg+xml")
        );
        assert_eq!(sniff_image("a.exe", b"MZ"), None);
        assert_eq!(
            image_name("My Figure (v2).PNG").as_deref(),
            Some("my-figure-v2.png")
        );
        assert_eq!(image_name("../../etc/passwd"), None);
        assert_eq!(image_name("x.html"), None);
    }

    #[test]
    fn slugs_are_unique() {
        let taken = vec!["intro".to_owned(), "intro-2".to_owned()];
        assert_eq!(unique_slug("Intro", &taken), "intro-3");
        assert_eq!(unique_slug("!!!", &[]), "untitled");
    }

    proptest! {
        #[test]
        fn swapping_keeps_every_item(n in 1usize..10, pick in 0usize..10, up: bool) {
            let ids: Vec<i64> = (1..=n as i64).collect();
            let id = (pick % n) as i64 + 1;
            match swapped(&ids, id, up) {
                Some(out) => {
                    let mut sorted = out.clone();
                    sorted.sort();
                    prop_assert_eq!(sorted, ids.clone());
                    let before = ids.iter().position(|x| *x == id).unwrap();
                    let after = out.iter().position(|x| *x == id).unwrap();
                    prop_assert_eq!(after as i64 - before as i64, if up { -1 } else { 1 });
                }
                None => prop_assert!((up && id == 1) || (!up && id == n as i64)),
            }
        }
    }
}
