//! Duplicating a course to adapt it: a trainer who teaches a course maintained by someone else
//! (a shipped course, kept by the administrators) copies it into a draft of their own —
//! modules, lessons, images, glossary, question bank, quizzes, document exercises and the
//! border-desk scenarios set for every class — then edits the copy and runs classes on it.
//! The original is untouched; nothing of its learners (progress, attempts, results) is copied.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::entities::{course, course_module, desk_scenario, exercise, lesson, quiz};
use crate::server::services::learn::courses;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// What a duplicate is to be called.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyName {
    /// The new course's identifier (its address).
    pub slug: String,
    /// The new course's title.
    pub title: String,
}

fn valid_name(name: &CopyName) -> AppResult<CopyName> {
    let mut errors = Vec::new();
    let slug = name.slug.trim().to_ascii_lowercase();
    if !content::pack::valid_id(&slug) {
        errors.push(FieldError::new("slug", Msg::ErrSlugFormat));
    }
    let title = crate::validate::name(&name.title)
        .map_err(|m| errors.push(FieldError::new("title", m)))
        .unwrap_or_default();
    if errors.is_empty() {
        Ok(CopyName { slug, title })
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Copies course `slug` into a new draft course named `name`, owned by `user` (a trainer or an
/// administrator who may read the course). All or nothing; returns the new course's slug.
pub async fn duplicate(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    name: &CopyName,
) -> AppResult<String> {
    if !courses::can_author(user) {
        return Err(AppError::Forbidden);
    }
    let source = courses::visible_course(db, user, slug).await?;
    // Someone else's draft is theirs until they publish it.
    if !source.published && !crate::server::services::learn::authoring::may_edit(user, &source) {
        return Err(AppError::NotFound);
    }
    let name = valid_name(name)?;
    let mut pack = courses::export_pack(db, slug).await?;
    pack.meta.id = name.slug.clone();
    pack.meta.title = name.title;
    // The copy has its own name: its editions in other languages keep their lessons, not the
    // original's title.
    for edition in &mut pack.translations {
        edition.course = None;
    }

    let txn = db.begin().await?;
    // Never onto an existing course: a pack import would update it in place.
    let summary =
        courses::import_pack_in(&txn, &pack, Some(user.id), false, courses::SameId::Refuse).await?;
    let copy_id = summary.course_id;
    let now = crate::server::services::now();

    let mut row: course::ActiveModel = course::Entity::find_by_id(copy_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?
        .into();
    row.certificate_rule = Set(source.certificate_rule.clone());
    row.update(&txn).await?;

    // Modules of the copy by the slug they share with the original's.
    let modules_of = |course_id: i64| {
        course_module::Entity::find()
            .filter(course_module::Column::CourseId.eq(course_id))
            .all(&txn)
    };
    let original_modules: HashMap<i64, String> = modules_of(source.id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.slug))
        .collect();
    let copy_modules: HashMap<String, i64> = modules_of(copy_id)
        .await?
        .into_iter()
        .map(|m| (m.slug, m.id))
        .collect();
    let module_of_copy = |original: Option<i64>| {
        original
            .and_then(|id| original_modules.get(&id))
            .and_then(|slug| copy_modules.get(slug))
            .copied()
    };

    // A pack publishes every lesson: lessons still drafts in the original stay drafts.
    for draft in lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(source.id))
        .filter(lesson::Column::Published.eq(false))
        .all(&txn)
        .await?
    {
        if let Some(module_id) = module_of_copy(Some(draft.module_id)) {
            lesson::Entity::update_many()
                .col_expr(lesson::Column::Published, false.into())
                .filter(lesson::Column::ModuleId.eq(module_id))
                .filter(lesson::Column::Slug.eq(&draft.slug))
                .exec(&txn)
                .await?;
        }
    }

    // Quizzes published in the original are published in the copy (seen once the copy is).
    let published: HashSet<String> = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(source.id))
        .filter(quiz::Column::ClassId.is_null())
        .filter(quiz::Column::Published.eq(true))
        .all(&txn)
        .await?
        .into_iter()
        .map(|q| q.slug)
        .collect();
    if !published.is_empty() {
        quiz::Entity::update_many()
            .col_expr(quiz::Column::Published, true.into())
            .filter(quiz::Column::CourseId.eq(copy_id))
            .filter(quiz::Column::Slug.is_in(published))
            .exec(&txn)
            .await?;
    }

    // Document exercises: images are stored once by their hash, so the copy shares them. A
    // class's own exercises stay with the class.
    for e in exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(source.id))
        .filter(exercise::Column::ClassId.is_null())
        .all(&txn)
        .await?
    {
        exercise::ActiveModel {
            course_id: Set(copy_id),
            module_id: Set(module_of_copy(e.module_id)),
            position: Set(e.position),
            kind: Set(e.kind),
            title: Set(e.title),
            instructions: Set(e.instructions),
            explanation: Set(e.explanation),
            image_hash: Set(e.image_hash),
            width: Set(e.width),
            height: Set(e.height),
            spec: Set(e.spec),
            published: Set(e.published),
            created_by: Set(Some(user.id)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    // Border-desk scenarios for every class of the course; one set for a class stays with it.
    for s in desk_scenario::Entity::find()
        .filter(desk_scenario::Column::CourseId.eq(source.id))
        .filter(desk_scenario::Column::ClassId.is_null())
        .all(&txn)
        .await?
    {
        desk_scenario::ActiveModel {
            course_id: Set(copy_id),
            title: Set(s.title),
            spec: Set(s.spec),
            time_limit_minutes: Set(s.time_limit_minutes),
            created_by: Set(Some(user.id)),
            created_at: Set(now),
            class_id: Set(None),
            own_list: Set(s.own_list),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(name.slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_needs_an_identifier_and_a_title() {
        let ok = valid_name(&CopyName {
            slug: " My-Copy ".into(),
            title: "Document examination (Port Alba)".into(),
        })
        .unwrap();
        assert_eq!(ok.slug, "my-copy");
        let Err(AppError::Validation(errors)) = valid_name(&CopyName {
            slug: "no spaces".into(),
            title: " ".into(),
        }) else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "title"]);
    }
}
