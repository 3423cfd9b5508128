//! Defining a shift: a trainer of a course sets the number of travellers, the case rates or
//! fixed cases, the seed, the stay rule and the time limit; the specification is checked by
//! the generator's own rules before it is stored.

use super::*;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::services::learn::{authoring::may_edit, courses::visible_course};
use assessments::desk::shift::CaseKind;
use assessments::desk::stay::Rule;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// The longest time limit of a shift, in minutes.
pub const MAX_MINUTES: i32 = 480;

/// What a trainer asks for.
#[derive(Debug, Clone)]
pub struct ScenarioInput {
    pub title: String,
    pub travellers: u32,
    pub seed: u64,
    pub rates: Vec<(CaseKind, f64)>,
    pub fixed: Vec<(CaseKind, u32)>,
    pub rule: Rule,
    pub time_limit_minutes: i32,
    pub list_size: usize,
    /// The day the shift takes place on (its documents' validity is judged against it).
    pub today: time::Date,
}

/// Stores a new scenario in course `slug`; only the course's authors may.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
    input: ScenarioInput,
) -> AppResult<i64> {
    let course = visible_course(db, user, slug).await?;
    if !may_edit(user, &course) {
        return Err(AppError::Forbidden);
    }
    let title = input.title.trim();
    if title.is_empty() {
        return Err(AppError::field("title", Msg::ErrRequired));
    }
    if title.chars().count() > 200 {
        return Err(AppError::field("title", Msg::ErrTooLong));
    }
    if !(1..=MAX_MINUTES).contains(&input.time_limit_minutes) {
        return Err(AppError::field("time_limit_minutes", Msg::ErrDeskTimeLimit));
    }
    let spec = Spec {
        seed: input.seed,
        travellers: input.travellers,
        today: input.today,
        rule: input.rule,
        rates: input.rates,
        fixed: input.fixed,
        list_size: input.list_size,
    };
    if spec.check().is_err()
        || assessments::desk::stay::check(&[], input.today, input.rule).is_err()
    {
        return Err(AppError::field("travellers", Msg::ErrDeskSpec));
    }
    let spec = serde_json::to_string(&spec)
        .map_err(|e| crate::server::errors::internal("desk spec", e))?;
    let row = desk_scenario::ActiveModel {
        course_id: Set(course.id),
        title: Set(title.to_string()),
        spec: Set(spec),
        time_limit_minutes: Set(input.time_limit_minutes),
        created_by: Set(Some(user.id)),
        created_at: Set(crate::server::services::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The scenarios of course `slug`, oldest first, for anyone who may see the course. The rows
/// hold the specification, seed included: a page for trainees shows the title and the time
/// limit, never the specification.
pub async fn of_course(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<Vec<desk_scenario::Model>> {
    let course = visible_course(db, user, slug).await?;
    Ok(desk_scenario::Entity::find()
        .filter(desk_scenario::Column::CourseId.eq(course.id))
        .order_by_asc(desk_scenario::Column::Id)
        .all(db)
        .await?)
}

/// The course of scenario `row`, checked visible to `user`.
pub async fn course_of(
    db: &DatabaseConnection,
    user: &CurrentUser,
    row: &desk_scenario::Model,
) -> AppResult<crate::server::entities::course::Model> {
    use crate::server::entities::course;
    let slug: String = course::Entity::find_by_id(row.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .slug;
    visible_course(db, user, &slug).await
}
