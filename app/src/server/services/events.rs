//! Writing learning events. Rows are only ever inserted: dashboards, exports and xAPI
//! statements read them as a history.

use crate::error::AppResult;
use crate::server::entities::{agency, class, learning_event, person};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A person was enrolled in a class (`class_id`) of a course.
pub const ENROLLED: &str = "enrolled";
/// A lesson was opened (at most once per half hour of reading, see `courses::record_view`).
pub const LESSON_VIEWED: &str = "lesson_viewed";
/// A lesson was marked complete.
pub const LESSON_COMPLETED: &str = "lesson_completed";
/// A quiz attempt was closed (submitted, or at its time limit); `ref_id` is the attempt,
/// `score` its percentage.
pub const ATTEMPT_SUBMITTED: &str = "attempt_submitted";
/// A document-examination exercise was answered and graded; `ref_id` is the exercise attempt,
/// `score` its percentage. What was found or missed, per defect kind, is in
/// `exercise_findings`.
pub const EXERCISE_GRADED: &str = "exercise_graded";
/// A certificate was issued; `ref_id` is the certificate.
pub const CERTIFICATE_ISSUED: &str = "certificate_issued";

/// What an event refers to beyond its course and lesson.
#[derive(Debug, Clone, Copy, Default)]
pub struct Detail {
    /// The lesson concerned.
    pub lesson_id: Option<i64>,
    /// An attempt or certificate id.
    pub ref_id: Option<i64>,
    /// A percentage.
    pub score: Option<f64>,
}

/// Records that `person_id` did `kind` in course `course_id` (lesson `lesson_id`), stamped
/// with the person's agency and country and the class through which they take the course.
pub async fn record(
    db: &impl ConnectionTrait,
    person_id: i64,
    kind: &str,
    course_id: i64,
    lesson_id: Option<i64>,
) -> AppResult<()> {
    record_detail(
        db,
        person_id,
        kind,
        course_id,
        Detail {
            lesson_id,
            ..Detail::default()
        },
    )
    .await
}

/// The class through which `person_id` takes course `course_id` (the latest to start).
pub async fn class_for(
    db: &impl ConnectionTrait,
    person_id: i64,
    course_id: i64,
) -> AppResult<Option<i64>> {
    let class_ids: Vec<i64> = super::classes::class_ids_of(db, person_id).await?;
    Ok(class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .filter(class::Column::CourseId.eq(course_id))
        .order_by_desc(class::Column::StartsOn)
        .one(db)
        .await?
        .map(|c| c.id))
}

/// Like [`record`], with an attempt or certificate reference and a score.
pub async fn record_detail(
    db: &impl ConnectionTrait,
    person_id: i64,
    kind: &str,
    course_id: i64,
    detail: Detail,
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
    let class_id = class_for(db, person_id, course_id).await?;
    let event = learning_event::Model {
        id: 0,
        person_id,
        kind: kind.to_owned(),
        course_id: Some(course_id),
        lesson_id: detail.lesson_id,
        ref_id: detail.ref_id,
        score: detail.score,
        class_id,
        agency_id,
        country_code,
        at: super::now(),
    };
    learning_event::Entity::insert(learning_event::ActiveModel {
        person_id: Set(event.person_id),
        kind: Set(event.kind.clone()),
        course_id: Set(event.course_id),
        lesson_id: Set(event.lesson_id),
        ref_id: Set(event.ref_id),
        score: Set(event.score),
        class_id: Set(event.class_id),
        agency_id: Set(event.agency_id),
        country_code: Set(event.country_code.clone()),
        at: Set(event.at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    super::rollups::record(db, &event).await?;
    Ok(())
}
