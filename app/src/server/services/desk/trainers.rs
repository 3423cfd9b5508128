//! The border desk for those who train with it: a course's desk for its authors and a class's
//! desk for its trainers — the scenarios with their settings, the shifts worked on them with a
//! link to each debrief, and right decisions per case kind — and who may review a trainee's
//! shift.

use super::views::{course_row, decided_counts, shift_row, spec_of};
use super::*;
use crate::model::desk::{ClassDesk, DeskAdmin, ScenarioSettings, code_of};
use crate::model::{Choice, CurrentUser};
use crate::server::entities::{
    class, class_trainer, course, desk_shift, enrolment, learning_event, person,
};
use crate::server::services::learn::authoring::may_edit;
use crate::server::services::learn::classes::own_class;
use assessments::desk::shift::CaseKind;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Shifts listed at most, newest first.
const LISTED: u64 = 500;

/// Course `slug`'s border desk for its authors: scenarios with their settings, the shifts worked
/// on them, and right decisions per case kind over every shift.
pub async fn admin(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<DeskAdmin> {
    let course = crate::server::services::learn::courses::visible_course(db, user, slug).await?;
    if !may_edit(user, &course) {
        return Err(AppError::Forbidden);
    }
    let rows = scenarios::of_course(db, user, slug).await?;
    let classes: Vec<Choice> = class::Entity::find()
        .filter(class::Column::CourseId.eq(course.id))
        .order_by_asc(class::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|k| Choice {
            id: k.id,
            name: k.name,
        })
        .collect();
    overview(db, &rows, None, classes).await
}

/// Class `id`'s border desk for its trainers: the scenarios of the class's course it works
/// (those set for the whole course, and for this class), the shifts its trainees worked on
/// them, and their right decisions per case kind.
pub async fn class_desk(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ClassDesk> {
    let k = own_class(db, user, id).await?;
    let course = course_row(db, k.course_id).await?;
    let rows = desk_scenario::Entity::find()
        .filter(desk_scenario::Column::CourseId.eq(k.course_id))
        .filter(
            Condition::any()
                .add(desk_scenario::Column::ClassId.is_null())
                .add(desk_scenario::Column::ClassId.eq(k.id)),
        )
        .order_by_asc(desk_scenario::Column::Id)
        .all(db)
        .await?;
    let roster: Vec<i64> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::PersonId)
        .filter(enrolment::Column::ClassId.eq(k.id))
        .into_tuple()
        .all(db)
        .await?;
    let class = Choice {
        id: k.id,
        name: k.name.clone(),
    };
    Ok(ClassDesk {
        class_id: k.id,
        class_name: k.name,
        course_slug: course.slug,
        course_title: course.title,
        desk: overview(db, &rows, Some(&roster), vec![class]).await?,
    })
}

/// Scenarios `rows` with their settings, their shifts (only those `people` worked, when given)
/// and right decisions per case kind over those shifts.
async fn overview(
    db: &DatabaseConnection,
    rows: &[desk_scenario::Model],
    people: Option<&[i64]>,
    classes: Vec<Choice>,
) -> AppResult<DeskAdmin> {
    let of_people = |q: sea_orm::Select<desk_shift::Entity>| match people {
        Some(p) => q.filter(desk_shift::Column::PersonId.is_in(p.iter().copied())),
        None => q,
    };
    let specs: HashMap<i64, Spec> = rows
        .iter()
        .filter_map(|r| spec_of(r).map(|s| (r.id, s)))
        .collect();
    let shifts = of_people(desk_shift::Entity::find())
        .filter(desk_shift::Column::ScenarioId.is_in(rows.iter().map(|r| r.id)))
        .order_by_desc(desk_shift::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    let counts = decided_counts(db, shifts.iter().map(|s| s.id)).await?;
    let names: HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(shifts.iter().map(|s| s.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    let titles: HashMap<i64, &str> = rows.iter().map(|r| (r.id, r.title.as_str())).collect();
    let class_name = |id: Option<i64>| {
        id.and_then(|id| classes.iter().find(|k| k.id == id))
            .map(|k| k.name.clone())
    };
    // Right decisions per case kind in each scenario (a scenario set for a class: the class's
    // results), over every shift worked on it: the decisions' learning events carry the case
    // kind and whether the decision was right, so nothing is generated to count them.
    let mut per_scenario = Vec::new();
    for r in rows {
        let mut by_kind: HashMap<CaseKind, (usize, usize)> = HashMap::new();
        let ids: Vec<i64> = of_people(desk_shift::Entity::find())
            .select_only()
            .column(desk_shift::Column::Id)
            .filter(desk_shift::Column::ScenarioId.eq(r.id))
            .into_tuple()
            .all(db)
            .await?;
        if ids.is_empty() {
            continue;
        }
        for chunk in ids.chunks(500) {
            let decided: Vec<(Option<String>, Option<f64>)> = learning_event::Entity::find()
                .select_only()
                .columns([learning_event::Column::Item, learning_event::Column::Score])
                .filter(learning_event::Column::Kind.eq(crate::model::EventKind::DeskDecided))
                .filter(learning_event::Column::RefId.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(db)
                .await?;
            for (item, score) in decided {
                let Some(kind) = item
                    .as_deref()
                    .and_then(|i| i.strip_prefix("desk:"))
                    .and_then(|code| CaseKind::ALL.into_iter().find(|k| code_of(k) == code))
                else {
                    continue;
                };
                let e = by_kind.entry(kind).or_default();
                e.0 += usize::from(score.is_some_and(|v| v >= 100.0));
                e.1 += 1;
            }
        }
        per_scenario.push((
            r.title.clone(),
            CaseKind::ALL
                .into_iter()
                .filter_map(|k| by_kind.get(&k).map(|(r, n)| (k, *r, *n)))
                .collect(),
        ));
    }
    Ok(DeskAdmin {
        scenarios: rows
            .iter()
            .filter_map(|r| {
                let s = specs.get(&r.id)?;
                Some(ScenarioSettings {
                    id: r.id,
                    title: r.title.clone(),
                    travellers: s.travellers,
                    seed: s.seed,
                    time_limit_minutes: r.time_limit_minutes,
                    list_size: s.list_size,
                    today: s.today.to_string(),
                    rates: s.rates.clone(),
                    fixed: s.fixed.clone(),
                    class: class_name(r.class_id),
                    exit_percent: (s.exit_share * 100.0).round() as u32,
                    stay_rule: (s.rule.max_days, s.rule.window_days),
                })
            })
            .collect(),
        shifts: shifts
            .iter()
            .map(|s| {
                shift_row(
                    s,
                    names.get(&s.person_id).map_or("", String::as_str),
                    titles.get(&s.scenario_id).copied().unwrap_or(""),
                    &counts,
                    specs.get(&s.scenario_id).map_or(0, |x| x.travellers),
                )
            })
            .collect(),
        by_kind: per_scenario,
        classes,
        today: crate::server::services::now().date().to_string(),
    })
}

/// Who reviews another trainee's shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewer {
    /// One of the course's authors.
    Author,
    /// A trainer of this class of the course, which the trainee is in.
    ClassTrainer(i64),
}

/// Whether `user` may review the shift trainee `person` worked on scenario `row` of course `c`
/// (its debrief, its travellers' images), and as whom: the course's authors, and the trainers
/// of a class of the course the trainee is in — for a scenario set for a class, of that class.
pub async fn reviewer(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
    row: &desk_scenario::Model,
    person: i64,
) -> AppResult<Option<Reviewer>> {
    if may_edit(user, c) {
        return Ok(Some(Reviewer::Author));
    }
    // A class's trainers, while they hold the trainer's role.
    if !user.has(crate::model::Role::Trainer) {
        return Ok(None);
    }
    let trained: Vec<i64> = class_trainer::Entity::find()
        .select_only()
        .column(class_trainer::Column::ClassId)
        .filter(class_trainer::Column::PersonId.eq(user.id))
        .into_tuple()
        .all(db)
        .await?;
    if trained.is_empty() {
        return Ok(None);
    }
    let classes: Vec<i64> = class::Entity::find()
        .select_only()
        .column(class::Column::Id)
        .filter(class::Column::Id.is_in(trained))
        .filter(class::Column::CourseId.eq(c.id))
        .into_tuple()
        .all(db)
        .await?;
    let classes: Vec<i64> = classes
        .into_iter()
        .filter(|k| row.class_id.is_none_or(|only| only == *k))
        .collect();
    if classes.is_empty() {
        return Ok(None);
    }
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(person))
        .filter(enrolment::Column::ClassId.is_in(classes))
        .one(db)
        .await?
        .map(|e| Reviewer::ClassTrainer(e.class_id)))
}
