//! Defining a shift: a trainer of a course sets the number of travellers, the case rates or
//! fixed cases, the seed, the stay rule and the time limit; the specification is checked by
//! the generator's own rules before it is stored.

use super::*;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::entities::{class, class_trainer, course, enrolment};
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
    /// The class of the course it is set for; `None`: every trainee of the course.
    pub class_id: Option<i64>,
    /// The trainer's own persons to add to the generated watch list.
    pub own_list: Vec<content::desk::alerts::WatchEntry>,
    /// The share of departing travellers, from 0 to 1.
    pub exit_share: f64,
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
    if let Some(class_id) = input.class_id {
        let of_course = class::Entity::find_by_id(class_id)
            .one(db)
            .await?
            .is_some_and(|c| c.course_id == course.id);
        if !of_course {
            return Err(AppError::field("class", Msg::ErrUnknownFilter));
        }
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
        exit_share: input.exit_share,
    };
    if !input.exit_share.is_finite() || !(0.0..=1.0).contains(&input.exit_share) {
        return Err(AppError::field("exit_percent", Msg::ErrDeskExitShare));
    }
    if spec.check() == Err(content::desk::travellers::SpecError::Rule) {
        return Err(AppError::field("stay_max_days", Msg::ErrDeskRule));
    }
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
        class_id: Set(input.class_id),
        own_list: Set(serde_json::to_string(&input.own_list)
            .map_err(|e| crate::server::errors::internal("desk own list", e))?),
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

/// The classes of course `c` in which `user` is a trainee or a trainer.
pub async fn classes_of(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<Vec<i64>> {
    let in_course: Vec<i64> = class::Entity::find()
        .filter(class::Column::CourseId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|k| k.id)
        .collect();
    if in_course.is_empty() {
        return Ok(Vec::new());
    }
    let mut mine: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(user.id))
        .filter(enrolment::Column::ClassId.is_in(in_course.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.class_id)
        .collect();
    mine.extend(
        class_trainer::Entity::find()
            .filter(class_trainer::Column::PersonId.eq(user.id))
            .filter(class_trainer::Column::ClassId.is_in(in_course))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.class_id),
    );
    Ok(mine)
}

/// Whether `user` may work scenario `row` of course `c`: one set for the whole course, or for
/// a class they are in; the course's authors may work every one (to try it).
pub fn may_work(
    user: &CurrentUser,
    c: &course::Model,
    row: &desk_scenario::Model,
    classes: &[i64],
) -> bool {
    row.class_id.is_none_or(|k| classes.contains(&k)) || may_edit(user, c)
}
