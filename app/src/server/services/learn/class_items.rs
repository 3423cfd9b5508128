//! Items set for one class: the quizzes and document exercises a class's trainers build for
//! their own class, on a course that others maintain (a shipped course is kept by the
//! administrators). The trainer draws on the course's bank, which stays read-only to them;
//! the item belongs to the class, not to the course: it is never in the course's pack nor in
//! a copy of the course.
//!
//! Who sees such an item: the course's editors, the class's trainers (administrators train
//! every class) and the class's trainees. Who changes it: the course's editors and the
//! class's trainers. An item without a class is the course's own, seen by every reader of
//! the course and changed by its editors only.

use crate::error::{AppError, AppResult};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{class, class_trainer, course};
use crate::server::services::learn::authoring::may_edit;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;

/// Whether `user` trains class `class_id` (an administrator trains every class).
pub async fn trains(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    class_id: i64,
) -> AppResult<bool> {
    if user.has(Role::Admin) {
        return Ok(true);
    }
    if !user.has(Role::Trainer) {
        return Ok(false);
    }
    Ok(class_trainer::Entity::find_by_id((class_id, user.id))
        .one(db)
        .await?
        .is_some())
}

/// The classes `user` is listed as a trainer of (none unless they hold the trainer role).
pub async fn trained_classes(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> AppResult<HashSet<i64>> {
    if !user.has(Role::Trainer) {
        return Ok(HashSet::new());
    }
    Ok(class_trainer::Entity::find()
        .filter(class_trainer::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.class_id)
        .collect())
}

/// The classes whose own items `user` sees beyond the course-wide ones: the classes they are
/// enrolled in and the classes they train.
pub async fn classes_seen(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> AppResult<HashSet<i64>> {
    let mut seen: HashSet<i64> = super::classes::class_ids_of(db, user.id)
        .await?
        .into_iter()
        .collect();
    seen.extend(trained_classes(db, user).await?);
    Ok(seen)
}

/// Which of a course's items `user` sees in a list: every one for the course's editors and
/// administrators, otherwise the course-wide ones and those of [`classes_seen`].
#[derive(Debug, Clone)]
pub enum Seen {
    All,
    CourseAnd(HashSet<i64>),
}

impl Seen {
    /// What `user` sees of course `c`'s items.
    pub async fn of(
        db: &impl ConnectionTrait,
        user: &CurrentUser,
        c: &course::Model,
    ) -> AppResult<Seen> {
        if may_edit(user, c) || user.has(Role::Admin) {
            Ok(Seen::All)
        } else {
            Ok(Seen::CourseAnd(classes_seen(db, user).await?))
        }
    }

    /// Only what class `class_id` sees: the course's items and its own.
    pub fn class(class_id: i64) -> Seen {
        Seen::CourseAnd(HashSet::from([class_id]))
    }

    /// Whether an item set for `class_id` is seen.
    pub fn sees(&self, class_id: Option<i64>) -> bool {
        match (self, class_id) {
            (_, None) | (Seen::All, _) => true,
            (Seen::CourseAnd(classes), Some(k)) => classes.contains(&k),
        }
    }
}

/// Whether `user` may see an item of course `c` set for `class_id`. Refuses with `NotFound`
/// rather than `Forbidden`: another class's item is not announced.
pub async fn check_sees(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    c: &course::Model,
    class_id: Option<i64>,
) -> AppResult<()> {
    if class_id.is_none() || Seen::of(db, user, c).await?.sees(class_id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` may change an item of course `c` set for `class_id`: the course's editors,
/// and for a class's own item its trainers.
pub async fn edits(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    c: &course::Model,
    class_id: Option<i64>,
) -> AppResult<bool> {
    if may_edit(user, c) {
        return Ok(true);
    }
    match class_id {
        Some(k) => trains(db, user, k).await,
        None => Ok(false),
    }
}

/// Class `class_id` and its course, for a new item of the class's own: only its trainers
/// (and administrators) may set one.
pub async fn for_new_item(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    class_id: i64,
) -> AppResult<(class::Model, course::Model)> {
    if !(user.has(Role::Trainer) || user.has(Role::Admin)) {
        return Err(AppError::Forbidden);
    }
    let k = class::Entity::find_by_id(class_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !trains(db, user, k.id).await? {
        return Err(AppError::Forbidden);
    }
    let c = course::Entity::find_by_id(k.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((k, c))
}

/// The names of classes `ids`, by id (for labelling a class's items in lists).
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> AppResult<std::collections::HashMap<i64, String>> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(class::Entity::find()
        .filter(class::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|k| (k.id, k.name))
        .collect())
}
