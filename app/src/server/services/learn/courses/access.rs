//! Who reads which course: enrolment, published lessons, and the 403 for everything else.

use super::*;

/// The ids of the courses `user` takes through a class.
pub(super) async fn enrolled_courses(
    db: &DatabaseConnection,
    user: &CurrentUser,
) -> AppResult<HashSet<i64>> {
    let class_ids: Vec<i64> =
        crate::server::services::learn::classes::class_ids_of(db, user.id).await?;
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
        .select_only()
        .column(lesson::Column::Id)
        .filter(lesson::Column::CourseId.eq(course_id))
        .filter(lesson::Column::Published.eq(true))
        .into_tuple()
        .all(db)
        .await?)
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
    if crate::server::services::progress::events::class_for(db, user.id, c.id)
        .await?
        .is_some()
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `user` plans or follows training without teaching it (an analyst, a manager, an
/// agency's focal point): they may see the outline of any published course — what it covers,
/// for whom, how long — though not its lessons, quizzes or exercises.
pub fn reads_outlines(user: &CurrentUser) -> bool {
    [Role::Analyst, Role::Manager, Role::FocalPoint]
        .into_iter()
        .any(|r| user.has(r))
}

/// The course `slug` if `user` may read it.
pub async fn visible_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<course::Model> {
    if !can_author(user) {
        // The common case in one query: a published course the reader takes through a class.
        use crate::server::entities::enrolment;
        use sea_orm::sea_query::{Expr, Query};
        let taken = Query::select()
            .column((class::Entity, class::Column::CourseId))
            .from(enrolment::Entity)
            .inner_join(
                class::Entity,
                Expr::col((class::Entity, class::Column::Id))
                    .equals((enrolment::Entity, enrolment::Column::ClassId)),
            )
            .and_where(Expr::col((enrolment::Entity, enrolment::Column::PersonId)).eq(user.id))
            .to_owned();
        if let Some(c) = course::Entity::find()
            .filter(course::Column::Slug.eq(slug))
            .filter(course::Column::Published.eq(true))
            .filter(course::Column::Id.in_subquery(taken))
            .one(db)
            .await?
        {
            return Ok(c);
        }
    }
    // An author, or a refusal to explain (a draft is not found, another course forbidden).
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
pub(super) struct LessonHead {
    pub(super) id: i64,
    pub(super) module_id: i64,
    pub(super) course_id: i64,
    pub(super) position: i32,
    pub(super) title: String,
    pub(super) duration_minutes: i32,
    pub(super) published: bool,
    /// The position of the lesson's module in its course.
    pub(super) module_position: i32,
}

/// The lessons of `course_ids` that `user` may see, in reading order.
pub(super) async fn visible_lessons(
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
