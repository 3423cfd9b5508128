//! Writing learning events. Rows are only ever inserted: dashboards, exports and xAPI
//! statements read them as a history.

use crate::error::AppResult;
use crate::server::entities::{agency, class, enrolment, learning_event, person};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, Set,
};

pub use crate::model::EventKind;

/// What an event refers to beyond its course and lesson.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    /// The lesson concerned.
    pub lesson_id: Option<i64>,
    /// An attempt or certificate id.
    pub ref_id: Option<i64>,
    /// A percentage.
    pub score: Option<f64>,
    /// What within the course the event is about (a border-desk decision: `desk:` and the
    /// traveller's case kind), counted per item in the dashboards.
    pub item: Option<String>,
}

/// Records that `person_id` did `kind` in course `course_id` (lesson `lesson_id`), stamped
/// with the person's agency and country and the class through which they take the course.
pub async fn record(
    db: &impl ConnectionTrait,
    person_id: i64,
    kind: EventKind,
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
    Ok(enrolment::Entity::find()
        .select_only()
        .column(class::Column::Id)
        .join(JoinType::InnerJoin, enrolment::Relation::Class.def())
        .filter(enrolment::Column::PersonId.eq(person_id))
        .filter(class::Column::CourseId.eq(course_id))
        .order_by_desc(class::Column::StartsOn)
        .into_tuple()
        .one(db)
        .await?)
}

/// Like [`record`], with an attempt or certificate reference and a score. Call it in the
/// transaction of what happened: the event and its pending mark for the progress roll-ups
/// commit with it.
pub async fn record_detail(
    db: &impl ConnectionTrait,
    person_id: i64,
    kind: EventKind,
    course_id: i64,
    detail: Detail,
) -> AppResult<()> {
    // The person's agency and its country, in one round trip.
    let found: Option<(Option<i64>, Option<String>)> = person::Entity::find_by_id(person_id)
        .select_only()
        .column(person::Column::AgencyId)
        .column(agency::Column::CountryCode)
        .join(JoinType::LeftJoin, person::Relation::Agency.def())
        .into_tuple()
        .one(db)
        .await?;
    let (agency_id, country_code) = found.unwrap_or_default();
    let class_id = class_for(db, person_id, course_id).await?;
    let id = learning_event::Entity::insert(learning_event::ActiveModel {
        person_id: Set(person_id),
        kind: Set(kind),
        course_id: Set(Some(course_id)),
        lesson_id: Set(detail.lesson_id),
        ref_id: Set(detail.ref_id),
        score: Set(detail.score),
        item: Set(detail.item),
        class_id: Set(class_id),
        agency_id: Set(agency_id),
        country_code: Set(country_code),
        at: Set(crate::server::services::now()),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    // Counted in the progress roll-ups by the next fold (`rollups::fold_pending`).
    let pending = Query::insert()
        .into_table(Alias::new("progress_pending"))
        .columns([Alias::new("event_id")])
        .values_panic([id.into()])
        .to_owned();
    db.execute(db.get_database_backend().build(&pending))
        .await?;
    Ok(())
}
