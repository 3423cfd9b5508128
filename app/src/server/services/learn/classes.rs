//! Classes: a trainer runs a course for a group of trainees over set dates, enrols them one by
//! one, by agency or with a join code, and follows their progress.
//!
//! Who may see and change a class: its trainers and administrators.

use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Msg;
use crate::model::{ClassDetail, ClassInput, ClassRow, CurrentUser, Role, RosterRow};
use crate::server::entities::{
    agency, class, class_trainer, course, enrolment, lesson_progress, person, person_role,
};
use crate::validate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A calendar date typed as `YYYY-MM-DD`, in the years 1900 to 2100 (a class, a campaign or a
/// date of birth; a year like 0001 or 9999 is a typing error, and would sort and export oddly).
pub(crate) fn parse_date(raw: &str) -> Option<time::Date> {
    time::Date::parse(raw.trim(), DATE)
        .ok()
        .filter(|d| (1900..=2100).contains(&d.year()))
}

pub(crate) fn fmt_date(d: time::Date) -> String {
    d.format(DATE).unwrap_or_default()
}

/// A join code: eight characters without look-alikes.
fn new_join_code() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

fn may_teach(user: &CurrentUser) -> AppResult<()> {
    if user.has(Role::Trainer) || user.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The class `id` if `user` trains it (or is an administrator).
pub async fn own_class(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<class::Model> {
    may_teach(user)?;
    let c = class::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.has(Role::Admin) {
        return Ok(c);
    }
    let trains = class_trainer::Entity::find_by_id((id, user.id))
        .one(db)
        .await?
        .is_some();
    if trains {
        Ok(c)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Opens a class; its creator becomes its trainer. Returns the class id.
pub async fn create(
    db: &DatabaseConnection,
    user: &CurrentUser,
    input: &ClassInput,
) -> AppResult<i64> {
    may_teach(user)?;
    let mut errors = Vec::new();
    let course = course::Entity::find()
        .filter(course::Column::Slug.eq(input.course.trim()))
        .one(db)
        .await?;
    if course.is_none() {
        errors.push(FieldError::new("course", Msg::ErrUnknownCourse));
    }
    let name = validate::name(&input.name)
        .map_err(|m| errors.push(FieldError::new("name", m)))
        .ok();
    let starts = parse_date(&input.starts_on);
    let ends = parse_date(&input.ends_on);
    if starts.is_none() {
        errors.push(FieldError::new("starts_on", Msg::ErrDate));
    }
    if ends.is_none() {
        errors.push(FieldError::new("ends_on", Msg::ErrDate));
    }
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        errors.push(FieldError::new("ends_on", Msg::ErrDateOrder));
    }
    if input.location.chars().count() > validate::NAME_MAX {
        errors.push(FieldError::new("location", Msg::ErrTooLong));
    }
    let (Some(course), Some(name), Some(starts), Some(ends)) = (course, name, starts, ends) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = db.begin().await?;
    let row = class::ActiveModel {
        course_id: Set(course.id),
        name: Set(name),
        starts_on: Set(starts),
        ends_on: Set(ends),
        location: Set(input.location.trim().to_owned()),
        training_of_trainers: Set(input.tot.is_some()),
        join_code: Set(new_join_code()),
        created_by: Set(Some(user.id)),
        created_at: Set(crate::server::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    class_trainer::ActiveModel {
        class_id: Set(row.id),
        person_id: Set(user.id),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn rows(db: &DatabaseConnection, classes: Vec<class::Model>) -> AppResult<Vec<ClassRow>> {
    let course_ids: Vec<i64> = classes.iter().map(|c| c.course_id).collect();
    let courses: HashMap<i64, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(course_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let ids: Vec<i64> = classes.iter().map(|c| c.id).collect();
    let mut enrolled: HashMap<i64, u64> = HashMap::new();
    for e in enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.is_in(ids))
        .all(db)
        .await?
    {
        *enrolled.entry(e.class_id).or_default() += 1;
    }
    Ok(classes
        .into_iter()
        .map(|c| {
            let course = courses.get(&c.course_id);
            ClassRow {
                id: c.id,
                enrolled: enrolled.get(&c.id).copied().unwrap_or(0),
                course_slug: course.map(|x| x.slug.clone()).unwrap_or_default(),
                course_title: course.map(|x| x.title.clone()).unwrap_or_default(),
                name: c.name,
                starts_on: fmt_date(c.starts_on),
                ends_on: fmt_date(c.ends_on),
                location: c.location,
                tot: c.training_of_trainers,
            }
        })
        .collect())
}

/// The classes `user` trains (all classes for an administrator), newest first.
pub async fn mine(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<ClassRow>> {
    may_teach(user)?;
    let mut q = class::Entity::find().order_by_desc(class::Column::StartsOn);
    if !user.has(Role::Admin) {
        let ids: Vec<i64> = class_trainer::Entity::find()
            .filter(class_trainer::Column::PersonId.eq(user.id))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.class_id)
            .collect();
        q = q.filter(class::Column::Id.is_in(ids));
    }
    rows(db, q.all(db).await?).await
}

/// The ids of the classes `person_id` is enrolled in.
pub async fn class_ids_of(db: &impl ConnectionTrait, person_id: i64) -> AppResult<Vec<i64>> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.class_id)
        .collect())
}

/// The classes `user` is enrolled in.
pub async fn enrolled_in(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<ClassRow>> {
    let ids: Vec<i64> = class_ids_of(db, user.id).await?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(ids))
        .order_by_desc(class::Column::StartsOn)
        .all(db)
        .await?;
    rows(db, classes).await
}

/// A class with its roster and each trainee's progress.
pub async fn detail(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ClassDetail> {
    let c = own_class(db, user, id).await?;
    let join_code = c.join_code.clone();
    let course_id = c.course_id;
    let class = rows(db, vec![c]).await?.pop().ok_or(AppError::NotFound)?;
    let trainer_ids: Vec<i64> = class_trainer::Entity::find()
        .filter(class_trainer::Column::ClassId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.person_id)
        .collect();
    let trainers = person::Entity::find()
        .filter(person::Column::Id.is_in(trainer_ids))
        .order_by_asc(person::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.display_name)
        .collect();
    let enrolled: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.person_id)
        .collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(enrolled.clone()))
        .order_by_asc(person::Column::DisplayName)
        .all(db)
        .await?;
    let agency_names: HashMap<i64, String> = agency::Entity::find()
        .filter(
            agency::Column::Id.is_in(
                people
                    .iter()
                    .filter_map(|p| p.agency_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let lesson_ids: Vec<i64> =
        crate::server::services::learn::courses::published_lesson_ids(db, course_id).await?;
    let total = lesson_ids.len() as u64;
    let mut progress: HashMap<i64, (u64, Option<time::OffsetDateTime>)> = HashMap::new();
    for p in lesson_progress::Entity::find()
        .filter(lesson_progress::Column::CourseId.eq(course_id))
        .filter(lesson_progress::Column::PersonId.is_in(enrolled))
        .filter(lesson_progress::Column::LessonId.is_in(lesson_ids))
        .all(db)
        .await?
    {
        let entry = progress.entry(p.person_id).or_default();
        if p.completed_at.is_some() {
            entry.0 += 1;
        }
        entry.1 = entry.1.max(Some(p.last_viewed_at));
    }
    let roster = people
        .into_iter()
        .map(|p| {
            let (completed, last) = progress.get(&p.id).copied().unwrap_or_default();
            RosterRow {
                person_id: p.id,
                agency: p.agency_id.and_then(|a| agency_names.get(&a).cloned()),
                name: p.display_name,
                login: p.login,
                completed,
                total,
                last_active: last.map(|t| fmt_date(t.date())),
            }
        })
        .collect();
    let agencies = agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(ClassDetail {
        class,
        join_code,
        trainers,
        roster,
        agencies,
    })
}

/// Enrols `person_ids` in class `class_id` (those already enrolled stay as they are): the
/// enrolments and their learning events commit together. Returns how many were newly
/// enrolled.
async fn enrol(db: &DatabaseConnection, class_id: i64, person_ids: &[i64]) -> AppResult<usize> {
    if person_ids.is_empty() {
        return Ok(0);
    }
    let now = crate::server::services::now();
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    let already: std::collections::HashSet<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class_id))
        .filter(enrolment::Column::PersonId.is_in(person_ids.to_vec()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.person_id)
        .collect();
    enrolment::Entity::insert_many(person_ids.iter().map(|p| enrolment::ActiveModel {
        class_id: Set(class_id),
        person_id: Set(*p),
        enrolled_at: Set(now),
    }))
    .on_conflict(
        OnConflict::columns([enrolment::Column::ClassId, enrolment::Column::PersonId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if let Some(c) = class::Entity::find_by_id(class_id).one(&txn).await? {
        for p in person_ids.iter().filter(|p| !already.contains(p)) {
            crate::server::services::progress::events::record(
                &txn,
                *p,
                crate::server::services::progress::events::EventKind::Enrolled,
                c.course_id,
                None,
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(person_ids.iter().filter(|p| !already.contains(p)).count())
}

/// The active person with `login`, or a validation error on form field `field`.
async fn active_person(
    db: &DatabaseConnection,
    login: &str,
    field: &str,
) -> AppResult<person::Model> {
    person::Entity::find()
        .filter(person::Column::Login.eq(login.trim().to_ascii_lowercase()))
        .filter(person::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or(AppError::field(field, Msg::ErrUnknownPerson))
}

/// Enrols the active person with `login`.
pub async fn enrol_login(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    login: &str,
) -> AppResult<()> {
    own_class(db, user, class_id).await?;
    let p = active_person(db, login, "login").await?;
    enrol(db, class_id, &[p.id]).await.map(drop)
}

/// Enrols every active trainee of an agency; returns how many were newly enrolled (those
/// already in the class are not counted again).
pub async fn enrol_agency(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    agency_id: i64,
) -> AppResult<usize> {
    own_class(db, user, class_id).await?;
    agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or(AppError::field("agency", Msg::ErrUnknownAgency))?;
    let trainee_ids: Vec<i64> = person_role::Entity::find()
        .filter(person_role::Column::Role.eq(Role::Trainee))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect();
    let ids: Vec<i64> = person::Entity::find()
        .filter(person::Column::AgencyId.eq(agency_id))
        .filter(person::Column::Active.eq(true))
        .filter(person::Column::Id.is_in(trainee_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    enrol(db, class_id, &ids).await
}

/// Removes a trainee from a class (their lesson progress stays theirs).
pub async fn unenrol(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    person_id: i64,
) -> AppResult<()> {
    own_class(db, user, class_id).await?;
    enrolment::Entity::delete_by_id((class_id, person_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Adds another trainer (a person holding the trainer role) to the class.
pub async fn add_trainer(
    db: &DatabaseConnection,
    user: &CurrentUser,
    class_id: i64,
    login: &str,
) -> AppResult<()> {
    own_class(db, user, class_id).await?;
    let p = active_person(db, login, "trainer").await?;
    let is_trainer = person_role::Entity::find_by_id((p.id, Role::Trainer))
        .one(db)
        .await?
        .is_some();
    if !is_trainer {
        return Err(AppError::field("trainer", Msg::ErrNotATrainer));
    }
    class_trainer::Entity::insert(class_trainer::ActiveModel {
        class_id: Set(class_id),
        person_id: Set(p.id),
    })
    .on_conflict(
        OnConflict::columns([
            class_trainer::Column::ClassId,
            class_trainer::Column::PersonId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Enrols `user` in the class with `code`; returns the class's course slug.
pub async fn join(db: &DatabaseConnection, user: &CurrentUser, code: &str) -> AppResult<String> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(AppError::field("code", Msg::ErrRequired));
    }
    let c = class::Entity::find()
        .filter(class::Column::JoinCode.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::field("code", Msg::ErrUnknownJoinCode))?;
    enrol(db, c.id, &[user.id]).await?;
    let course = course::Entity::find_by_id(c.course_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(course.slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_1900_to_2100_are_refused() {
        assert!(parse_date("2026-12-04").is_some());
        assert!(parse_date(" 1900-01-01 ").is_some());
        assert!(parse_date("2100-12-31").is_some());
        for bad in [
            "1899-12-31",
            "2101-01-01",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "x",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_and_codes() {
        assert_eq!(
            parse_date("2026-03-02").map(fmt_date).as_deref(),
            Some("2026-03-02")
        );
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("02/03/2026").is_none());
        let code = new_join_code();
        assert_eq!(code.len(), 8);
        assert!(
            code.chars()
                .all(|c| c.is_ascii_uppercase() || ('2'..='9').contains(&c))
        );
    }
}
