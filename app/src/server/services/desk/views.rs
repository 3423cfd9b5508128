//! What the border desk's pages show, built from the services: the scenarios of a course with
//! the reader's shifts, the desk of a shift (the traveller as an officer sees them, never their
//! key) and a shift's results.

use super::*;
use crate::model::CurrentUser;
use crate::model::desk::code_of;
use crate::model::desk::{
    CandidateView, DeskView, MinorView, QueryView, ScenarioRow, ShiftResultsView, ShiftRow,
    StayRow, StayView, StolenView, TravellerResultView, TravellerView, VisaView,
};
use crate::server::entities::{course, desk_decision, desk_shift, person};
use crate::server::services::quizzes::attempts::stamp;
use content::desk::travellers::Traveller;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The scenarios of course `c`, which `user` may see, with the reader's shifts on each.
pub async fn course_rows(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
) -> AppResult<Vec<ScenarioRow>> {
    let rows: Vec<desk_scenario::Model> = desk_scenario::Entity::find()
        .filter(desk_scenario::Column::CourseId.eq(c.id))
        .order_by_asc(desk_scenario::Column::Id)
        .all(db)
        .await?;
    // The reader's classes matter only for a scenario set for a class.
    let classes = if rows.iter().any(|r| r.class_id.is_some()) {
        scenarios::classes_of(db, user, c).await?
    } else {
        Vec::new()
    };
    let rows: Vec<desk_scenario::Model> = rows
        .into_iter()
        .filter(|r| scenarios::may_work(user, c, r, &classes))
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let shifts = desk_shift::Entity::find()
        .filter(desk_shift::Column::PersonId.eq(user.id))
        .filter(desk_shift::Column::ScenarioId.is_in(rows.iter().map(|r| r.id)))
        .order_by_desc(desk_shift::Column::Id)
        .all(db)
        .await?;
    let counts = decided_counts(db, shifts.iter().map(|s| s.id)).await?;
    let now = crate::server::services::now();
    Ok(rows
        .iter()
        .map(|r| {
            let spec = spec_of(r);
            let travellers = spec.as_ref().map_or(0, |s| s.travellers);
            let mine = shifts.iter().filter(|s| s.scenario_id == r.id);
            let (open, done): (Vec<_>, Vec<_>) =
                mine.partition(|s| is_open(s, counts.get(&s.id).copied(), travellers, now));
            ScenarioRow {
                id: r.id,
                title: r.title.clone(),
                travellers,
                time_limit_minutes: r.time_limit_minutes,
                open_shift: open.first().map(|s| s.id),
                done: done
                    .into_iter()
                    .map(|s| shift_row(s, "", &r.title, &counts, travellers))
                    .collect(),
            }
        })
        .collect())
}

pub(super) fn spec_of(row: &desk_scenario::Model) -> Option<Spec> {
    serde_json::from_str(&row.spec).ok()
}

fn is_open(s: &desk_shift::Model, decided: Option<u32>, total: u32, now: OffsetDateTime) -> bool {
    s.finished_at.is_none() && now < s.deadline && decided.unwrap_or(0) < total
}

use time::OffsetDateTime;

pub(super) fn shift_row(
    s: &desk_shift::Model,
    person: &str,
    scenario: &str,
    counts: &HashMap<i64, u32>,
    travellers: u32,
) -> ShiftRow {
    let decided = counts.get(&s.id).copied().unwrap_or(0);
    ShiftRow {
        id: s.id,
        person: person.to_string(),
        scenario: scenario.to_string(),
        started: stamp(s.started_at),
        decided,
        travellers,
        finished: !is_open(s, Some(decided), travellers, crate::server::services::now()),
    }
}

/// How many travellers each shift has decided.
pub(super) async fn decided_counts(
    db: &DatabaseConnection,
    shifts: impl Iterator<Item = i64>,
) -> AppResult<HashMap<i64, u32>> {
    let ids: Vec<i64> = shifts.collect();
    let mut counts = HashMap::new();
    if ids.is_empty() {
        return Ok(counts);
    }
    for chunk in ids.chunks(500) {
        for d in desk_decision::Entity::find()
            .filter(desk_decision::Column::ShiftId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            *counts.entry(d.shift_id).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

pub(super) async fn course_row(db: &DatabaseConnection, id: i64) -> AppResult<course::Model> {
    course::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The desk of shift `id`; with `query`, what the list query returns for the traveller.
pub async fn desk_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    query: bool,
) -> AppResult<DeskView> {
    let desk = shifts::desk(db, user, id).await?;
    let course = course_row(db, desk.course_id).await?;
    let row = scenario_row(db, desk.shift.scenario_id).await?;
    let spec = &desk.scenario.shift.spec;
    let traveller = match &desk.traveller {
        Some(t) => Some(traveller_view(t, spec)?),
        None => None,
    };
    let query = match (&desk.traveller, query) {
        (Some(t), true) => Some(query_view(shifts::screened(&desk.scenario, t).await?)),
        _ => None,
    };
    Ok(DeskView {
        shift_id: id,
        course_slug: course.slug,
        course_title: course.title,
        scenario: row.title,
        position: desk.position,
        total: desk.total,
        seconds_left: desk.seconds_left,
        today: spec.today.to_string(),
        traveller,
        query,
    })
}

fn traveller_view(t: &Traveller, spec: &Spec) -> AppResult<TravellerView> {
    let h = &t.holder;
    let state = content::desk::State::by_code(&h.nationality);
    // An arrival is judged from today; a departing foreigner from the day their visit began,
    // and the days they stayed past the last one allowed.
    let stay =
        assessments::desk::stay::check(&t.history, t.entered.unwrap_or(spec.today), spec.rule)
            .map_err(|e| crate::server::errors::internal("desk stay history", e))?;
    let days_over = match (t.entered, stay.latest_exit) {
        (Some(_), Some(last)) => (spec.today - last).whole_days().max(0) as u32,
        (Some(began), None) => (spec.today - began).whole_days() as u32 + 1,
        (None, _) => 0,
    };
    Ok(TravellerView {
        index: t.index,
        passport: matches!(t.layout, content::specimens::Layout::Td3),
        surname: h.surname.clone(),
        given_names: h.given_names.clone(),
        native_name: t.native_name.clone(),
        native_transliterated: t.native_name.as_deref().and_then(|n| {
            assessments::names::translit::transliterate(n)
                .ok()
                .and_then(|t| t.forms.into_iter().next())
                .map(|parts| parts.join(" "))
        }),
        nationality: h.nationality.clone(),
        nationality_name: state.map_or_else(|| h.nationality.clone(), |s| s.name.to_string()),
        sex: h.sex.to_string(),
        birth: h.birth.clone(),
        place_of_birth: h.place.clone(),
        number: h.number.clone(),
        issued: h.issue.clone(),
        expires: h.expiry.clone(),
        mrz_faults: {
            let lines = t.mrz(spec.seed);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            match assessments::mrz::check(&lines, spec.today.year()) {
                Ok(read) => read.errors.into_iter().map(|p| p.field).collect(),
                Err(problems) => problems.into_iter().map(|p| p.field).collect(),
            }
        },
        mrz: t.mrz(spec.seed),
        citizen: h.nationality == content::desk::travellers::UTOPIA_CODE,
        departing: t.key.direction == assessments::desk::shift::Direction::Exit,
        visa_required: state.is_some_and(|s| s.visa_required),
        visa: t.visa.as_ref().map(|v| VisaView {
            number: v.number.clone(),
            valid_from: v.valid_from.to_string(),
            valid_until: v.valid_until.to_string(),
            duration_days: v.duration_days,
        }),
        history: t
            .history
            .iter()
            .rev()
            .map(|s| StayRow {
                entry: s.entry.to_string(),
                exit: s.exit.to_string(),
                days: (s.exit - s.entry).whole_days() as u32 + 1,
            })
            .collect(),
        stay: StayView {
            max_days: spec.rule.max_days,
            window_days: spec.rule.window_days,
            used: stay.used,
            visit_began: t.entered.map(|d| d.to_string()),
            days_over,
            latest_exit: stay.latest_exit.map(|d| d.to_string()),
            overstays: stay
                .overstays
                .iter()
                .map(|o| (o.from.to_string(), o.days()))
                .collect(),
        },
        purpose: code_of(&t.purpose),
        intended_days: t.intended_days,
        minor: t.minor.as_ref().map(|m| MinorView {
            accompanied_by: m.accompanied_by.clone(),
            consent_letter: m.consent_letter,
        }),
        answers: t
            .answers
            .iter()
            .map(|(q, a)| (code_of(q), a.clone()))
            .collect(),
    })
}

fn query_view(q: shifts::QueryResult) -> QueryView {
    QueryView {
        candidates: q
            .candidates
            .into_iter()
            .map(|(e, explanation)| CandidateView {
                id: e.id,
                surname: e.surname,
                given_names: e.given_names,
                aliases: e.aliases,
                birth: e.birth,
                nationality: e.nationality,
                sex: e.sex,
                reason: e.reason,
                action: e.action.code().to_string(),
                valid_until: e.valid_until,
                explanation,
            })
            .collect(),
        stolen: q.stolen.map(|d| StolenView {
            number: d.number,
            issuing_state: d.issuing_state,
            status: d.status,
            reported: d.reported,
        }),
    }
}

/// The results of shift `id`, for the trainee who worked it or the course's trainers.
pub async fn results_view(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
) -> AppResult<ShiftResultsView> {
    let r = results::of_shift(db, user, id).await?;
    let row = scenario_row(db, r.shift.scenario_id).await?;
    let course = course_row(db, row.course_id).await?;
    let person = person::Entity::find_by_id(r.shift.person_id)
        .one(db)
        .await?
        .map(|p| p.display_name)
        .unwrap_or_default();
    let trainer_desk = r.reviewer.map(|rv| match rv {
        super::trainers::Reviewer::Author => format!("/author/courses/{}#desk", course.slug),
        super::trainers::Reviewer::ClassTrainer(k) => format!("/classes/{k}/desk"),
    });
    Ok(ShiftResultsView {
        shift_id: id,
        person,
        scenario: row.title,
        course_slug: course.slug,
        course_title: course.title,
        started: stamp(r.shift.started_at),
        trainer_desk,
        summary: r.summary,
        unreached: r.unreached,
        travellers: r
            .travellers
            .into_iter()
            .map(|t| TravellerResultView {
                index: t.index,
                name: t.name,
                departing: t.key.direction == assessments::desk::shift::Direction::Exit,
                ground: match t.scored.decision {
                    assessments::desk::shift::Decision::Refuse(g) => Some(g),
                    _ => None,
                },
                note: t.note,
                reasons: t.reasons,
                queried: t.queried,
                confirmed: t.confirmed,
                dismissed: t.dismissed,
                scored: t.scored,
                listed: t.listed,
            })
            .collect(),
    })
}
