//! A class's own exercises: the list its trainers keep beside the course's, drafts included.
//! Creating one is [`super::create_for_class`] (around an uploaded image) or
//! [`super::generated::generate_for_class`] (from a generated specimen).

use super::*;
use crate::model::exercise::ClassExercises;

/// The exercises set for class `class_id` alone, for its trainers.
pub async fn class_exercises(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
) -> AppResult<ClassExercises> {
    let (k, c) =
        crate::server::services::learn::class_items::for_new_item(db, user, class_id).await?;
    let modules = crate::server::services::learn::courses::modules_in_order(db, c.id).await?;
    Ok(ClassExercises {
        class_id: k.id,
        class_name: k.name,
        exercises: listed(
            db,
            user,
            &c,
            &modules,
            Some(class_id),
            &crate::server::services::learn::class_items::Seen::All,
        )
        .await?,
        course_slug: c.slug,
        course_title: c.title,
    })
}
