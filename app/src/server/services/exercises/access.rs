//! Who may edit or take an exercise: the access checks every exercise service starts with.

use super::*;
use crate::server::services::learn::class_items;

/// Exercise `id` and its course, if `user` may edit it: the course's editors, and for an
/// exercise set for one class that class's trainers.
pub(super) async fn editable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(exercise::Model, course::Model)> {
    if !crate::server::services::learn::courses::can_author(user) {
        return Err(AppError::Forbidden);
    }
    let (e, c) = exercise_and_course(db, id).await?;
    // Another class's exercise is not announced to someone who may not see it.
    class_items::check_sees(db, user, &c, e.class_id).await?;
    if !class_items::edits(db, user, &c, e.class_id).await? {
        return Err(AppError::Forbidden);
    }
    Ok((e, c))
}

/// Whether `user` may edit exercise `id`: `Forbidden` (or `NotFound`) when not. For the edge,
/// to answer a non-author's malformed change with 403 rather than with what was wrong in it.
pub async fn check_editor(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<()> {
    editable(db, user, id).await.map(|_| ())
}

/// Exercise `id` and its course.
pub(super) async fn exercise_and_course(
    db: &DatabaseConnection,
    id: i64,
) -> AppResult<(exercise::Model, course::Model)> {
    let e = exercise::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = course::Entity::find_by_id(e.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((e, c))
}

/// Exercise `id` and its course, if `user` may take it (published, in a course they read, for
/// every class or for one of theirs) or edits it; and whether they edit it.
pub(super) async fn readable(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(exercise::Model, course::Model, bool)> {
    let (e, c) = exercise_and_course(db, id).await?;
    let author = class_items::edits(db, user, &c, e.class_id).await?;
    if !author {
        if !e.published {
            return Err(AppError::NotFound);
        }
        crate::server::services::learn::courses::check_reader(db, user, &c).await?;
        class_items::check_sees(db, user, &c, e.class_id).await?;
    }
    Ok((e, c, author))
}
