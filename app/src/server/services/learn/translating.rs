//! Translating a course in the browser: a lesson's edition in another language, written beside
//! its original by the course's editors (trainers who may edit it, administrators). What is
//! saved here is what a pack exports in `translations/<lang>/`.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{CurrentUser, LessonTranslationEditor};
use crate::server::entities::translation::{self, Item};
use crate::server::entities::{course, course_module};
use crate::server::services::learn::authoring::{editable_lesson, objectives_of};
use crate::server::services::learn::courses::{check_body, edition_of, render_body_blocking};
use crate::validate;
use content::pack::LANGUAGES;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// `language` when a lesson of course `c` may be translated into it: one of the languages
/// Checkpoint speaks, other than the course's own.
fn target(c: &course::Model, language: &str) -> AppResult<String> {
    if LANGUAGES.contains(&language) && language != c.language {
        Ok(language.to_owned())
    } else {
        Err(AppError::field("lang", Msg::ErrNotATranslation))
    }
}

/// Lesson `id`'s translation into `language` for its editor, with the original beside it.
pub async fn lesson_translation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    language: &str,
) -> AppResult<LessonTranslationEditor> {
    let (l, c) = editable_lesson(db, user, id).await?;
    let language = target(&c, language)?;
    let saved: Vec<String> = translation::Entity::find()
        .filter(translation::Column::Kind.eq(Item::Lesson))
        .filter(translation::Column::ItemId.eq(l.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.language)
        .collect();
    let languages = LANGUAGES
        .iter()
        .filter(|code| **code != c.language)
        .map(|code| ((*code).to_owned(), saved.iter().any(|s| s == code)))
        .collect();
    let edition = edition_of(db, Item::Lesson, l.id, &language).await?;
    let (title, objectives, body) = match &edition {
        Some(t) => {
            let objectives: Vec<String> =
                crate::server::services::stored("translated objectives", &t.objectives)?;
            (t.title.clone(), objectives.join("\n"), t.body.clone())
        }
        None => Default::default(),
    };
    Ok(LessonTranslationEditor {
        id: l.id,
        course_slug: c.slug,
        course_title: c.title,
        source_language: c.language,
        language,
        source_title: l.title,
        source_objectives: crate::server::services::stored("lesson objectives", &l.objectives)?,
        source_body: l.body,
        title,
        objectives,
        body,
        exists: edition.is_some(),
        languages,
    })
}

/// What a translation save contains, as typed.
pub struct TranslationSave<'a> {
    /// Title.
    pub title: &'a str,
    /// Objectives, one per line.
    pub objectives: &'a str,
    /// Markdown body.
    pub body: &'a str,
}

/// Saves lesson `id`'s translation into `language` (created or replaced), checked like the
/// lesson itself: a title, objectives of reasonable length, a body within the Markdown limits.
pub async fn save_lesson_translation(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    language: &str,
    save: &TranslationSave<'_>,
) -> AppResult<()> {
    let (l, c) = editable_lesson(db, user, id).await?;
    let language = target(&c, language)?;
    let mut errors = Vec::new();
    let title = validate::name(save.title)
        .map_err(|m| errors.push(FieldError::new("title", m)))
        .ok();
    if let Err(AppError::Validation(body_errors)) = check_body(save.body) {
        errors.extend(body_errors);
    }
    let objectives = objectives_of(save.objectives, &mut errors);
    let Some(title) = title.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let module = course_module::Entity::find_by_id(l.module_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = save.body.replace("\r\n", "\n");
    let html = render_body_blocking(c.id, c.slug.clone(), module.slug, body.clone()).await?;
    let objectives = serde_json::to_string(&objectives).unwrap_or_else(|_| "[]".into());
    let now = crate::server::services::now();
    // One row per lesson and language: a second save (or two at once) replaces it.
    translation::Entity::insert(translation::ActiveModel {
        course_id: Set(c.id),
        language: Set(language),
        kind: Set(Item::Lesson),
        item_id: Set(l.id),
        title: Set(title),
        summary: Set(String::new()),
        objectives: Set(objectives),
        body: Set(body),
        body_html: Set(html),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            translation::Column::Kind,
            translation::Column::ItemId,
            translation::Column::Language,
        ])
        .update_columns([
            translation::Column::Title,
            translation::Column::Objectives,
            translation::Column::Body,
            translation::Column::BodyHtml,
            translation::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
