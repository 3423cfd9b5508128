//! Writing learning events. Rows are only ever inserted: dashboards, exports and xAPI
//! statements read them as a history.

use crate::error::AppResult;
use crate::server::entities::{agency, class, learning_event, person};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A lesson was opened (at most once per half hour of reading, see `courses::record_view`).
pub const LESSON_VIEWED: &str = "lesson_viewed";
/// A lesson was marked complete.
pub const LESSON_COMPLETED: &str = "lesson_completed";

/// Records that `person_id` did `kind` in course `course_id` (lesson `lesson_id`), stamped
/// with the person's agency and country and the class through which they take the course.
pub async fn record(
    db: &impl ConnectionTrait,
    person_id: i64,
    kind: &str,
    course_id: i64,
    lesson_id: Option<i64>,
) -> AppResult<()> {
    let agency_id = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .and_then(|p| p.agency_id);
    let country_code = match agency_id {
        Some(a) => agency::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.country_code),
        None => None,
    };
    let class_ids: Vec<i64> = super::classes::class_ids_of(db, person_id).await?;
    let class_id = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .filter(class::Column::CourseId.eq(course_id))
        .order_by_desc(class::Column::StartsOn)
        .one(db)
        .await?
        .map(|c| c.id);
    learning_event::Entity::insert(learning_event::ActiveModel {
        person_id: Set(person_id),
        kind: Set(kind.to_owned()),
        course_id: Set(Some(course_id)),
        lesson_id: Set(lesson_id),
        class_id: Set(class_id),
        agency_id: Set(agency_id),
        country_code: Set(country_code),
        at: Set(super::now()),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
