//! Learning records: everything a person did, read from the learning-events table with the
//! names of what it refers to, as a page, a CSV file and xAPI 1.0.3 statements (JSON lines)
//! for learning record stores. A person sees their own record; a trainer the records of the
//! people in their classes; an agency focal point those of their agency; a programme manager
//! those of the agencies of the countries they cover; an administrator everyone's.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::model::record::{LearnerHit, LearnerSearch, LearningRecord, RecordCourse, RecordEvent};
use crate::model::{Choice, EventKind};
use crate::model::{CurrentUser, Role};
use crate::server::entities::{
    agency, attempt, certificate, class, class_trainer, course, enrolment, exercise,
    exercise_attempt, learning_event, lesson, person, quiz,
};
use crate::server::services::progress::events;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// Events read per round trip when streaming an export (bounded memory).
pub const PAGE: u64 = 2_000;
/// Events shown on a record page (the downloads hold them all).
const SHOWN: u64 = 300;

/// A learning event with the names of what it refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Event id.
    pub id: i64,
    /// Who.
    pub person_id: i64,
    /// When.
    pub at: time::OffsetDateTime,
    /// What happened.
    pub kind: EventKind,
    /// The course.
    pub course: Option<CourseRef>,
    /// The lesson (id, title).
    pub lesson: Option<Choice>,
    /// What `ref_id` names: a quiz attempt's quiz (id, title), an exercise (id, title), a
    /// certificate (id, code) or a border-desk shift (id, its scenario's title).
    pub item: Option<Choice>,
    /// What within the course it is about (a border-desk decision: `desk:` and the case kind).
    pub part: Option<String>,
    /// Percent, when the event carries a score.
    pub score: Option<f64>,
}

/// A course an event happened in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseRef {
    /// Id.
    pub id: i64,
    /// Slug, for links.
    pub slug: String,
    /// Title.
    pub title: String,
}

/// What of `person_id`'s record `user` may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visible {
    /// All of it: the person themselves, an administrator, their agency's focal point, a
    /// programme manager covering their country.
    Whole,
    /// Only their learning in these courses: a trainer sees what a trainee did in the courses
    /// of the classes that trainer runs, not everything else they ever learned.
    Courses(Vec<i64>),
}

impl Visible {
    /// Whether an event of `course` is shown.
    fn shows(&self, course: Option<i64>) -> bool {
        match self {
            Visible::Whole => true,
            Visible::Courses(ids) => course.is_some_and(|c| ids.contains(&c)),
        }
    }
}

/// What `user` may see of `person_id`'s record: the whole of it (themselves, or someone in
/// their [`record_scope`] as administrator, focal point or manager), the courses they teach
/// the person in (a trainer), or nothing (`Forbidden`).
pub async fn check_access(
    db: &DatabaseConnection,
    user: &CurrentUser,
    person_id: i64,
) -> AppResult<Visible> {
    use sea_orm::{JoinType, PaginatorTrait, RelationTrait};
    if user.id == person_id {
        return Ok(Visible::Whole);
    }
    let Some(scope) = record_scope(db, user).await? else {
        return Ok(Visible::Whole);
    };
    let whole = person::Entity::find()
        .join(JoinType::LeftJoin, person::Relation::Agency.def())
        .filter(person::Column::Id.eq(person_id))
        .filter(scope.whole)
        .count(db)
        .await?;
    if whole > 0 {
        return Ok(Visible::Whole);
    }
    if !user.has(Role::Trainer) {
        return Err(AppError::Forbidden);
    }
    let taught = taught_courses(db, user.id, person_id).await?;
    if taught.is_empty() {
        Err(AppError::Forbidden)
    } else {
        Ok(Visible::Courses(taught))
    }
}

/// The courses of the classes `trainer` runs in which `person_id` is enrolled.
async fn taught_courses(
    db: &DatabaseConnection,
    trainer: i64,
    person_id: i64,
) -> AppResult<Vec<i64>> {
    use sea_orm::sea_query::Query;
    let trained = Query::select()
        .column(class_trainer::Column::ClassId)
        .from(class_trainer::Entity)
        .and_where(class_trainer::Column::PersonId.eq(trainer))
        .to_owned();
    let enrolled = Query::select()
        .column(enrolment::Column::ClassId)
        .from(enrolment::Entity)
        .and_where(enrolment::Column::PersonId.eq(person_id))
        .to_owned();
    let mut courses: Vec<i64> = class::Entity::find()
        .select_only()
        .column(class::Column::CourseId)
        .filter(class::Column::Id.in_subquery(trained))
        .filter(class::Column::Id.in_subquery(enrolled))
        .into_tuple()
        .all(db)
        .await?;
    courses.sort_unstable();
    courses.dedup();
    Ok(courses)
}

/// The people whose records `user` may read, as conditions on `people` left-joined to their
/// `agencies`.
struct Scope {
    /// Whose whole record: the agencies of the countries a programme manager covers, a focal
    /// point's own agency.
    whole: Condition,
    /// Whose record at all: those, and the trainees of a trainer's classes (in the courses of
    /// those classes only; see [`check_access`]).
    any: Condition,
}

/// The people whose records `user` may read — any of the ways above, for someone with several
/// of these roles. `None` for administrators (everyone); forbidden for anyone else.
async fn record_scope(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Option<Scope>> {
    use sea_orm::sea_query::Query;
    if user.has(Role::Admin) {
        return Ok(None);
    }
    if ![Role::Manager, Role::FocalPoint, Role::Trainer]
        .into_iter()
        .any(|r| user.has(r))
    {
        return Err(AppError::Forbidden);
    }
    let mut any = Condition::any();
    // An empty `any` is true: start from a condition that holds for nobody.
    any = any.add(person::Column::Id.eq(-1));
    if user.has(Role::Manager) {
        let covered = crate::server::services::people::countries_of(db, &[user.id])
            .await?
            .remove(&user.id)
            .unwrap_or_default();
        any = any.add(agency::Column::CountryCode.is_in(covered));
    }
    if user.has(Role::FocalPoint)
        && let Some(own) = person::Entity::find_by_id(user.id)
            .one(db)
            .await?
            .and_then(|p| p.agency_id)
    {
        any = any.add(person::Column::AgencyId.eq(own));
    }
    let whole = any.clone();
    if user.has(Role::Trainer) {
        let trained = Query::select()
            .column(class_trainer::Column::ClassId)
            .from(class_trainer::Entity)
            .and_where(class_trainer::Column::PersonId.eq(user.id))
            .to_owned();
        any = any.add(
            person::Column::Id.in_subquery(
                Query::select()
                    .column(enrolment::Column::PersonId)
                    .from(enrolment::Entity)
                    .and_where(enrolment::Column::ClassId.in_subquery(trained))
                    .to_owned(),
            ),
        );
    }
    Ok(Some(Scope { whole, any }))
}

/// A search hit as read: id, name, login, agency name, country code.
type HitRow = (i64, String, String, Option<String>, Option<String>);

/// People listed per search of learning records.
pub const SEARCH_LIMIT: u64 = 50;

/// The people whose records `user` may open ([`record_scope`]) whose name or login
/// contains `query` (everyone in scope when it is empty), the first [`SEARCH_LIMIT`] by name.
pub async fn search(
    db: &DatabaseConnection,
    user: &CurrentUser,
    query: &str,
) -> AppResult<LearnerSearch> {
    use sea_orm::sea_query::{Expr, Func, LikeExpr};
    use sea_orm::{JoinType, RelationTrait};
    let mut select = person::Entity::find()
        .select_only()
        .columns([
            person::Column::Id,
            person::Column::DisplayName,
            person::Column::Login,
        ])
        .column(agency::Column::Name)
        .column(agency::Column::CountryCode)
        .join(JoinType::LeftJoin, person::Relation::Agency.def())
        .filter(person::Column::Active.eq(true));
    if let Some(scope) = record_scope(db, user).await? {
        select = select.filter(scope.any);
    }
    let query = query.trim().chars().take(100).collect::<String>();
    if !query.is_empty() {
        let pattern = crate::server::services::like_pattern(&query);
        let like = |c: person::Column| {
            Expr::expr(Func::lower(Expr::col((person::Entity, c))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(like(person::Column::Login))
                .add(like(person::Column::DisplayName)),
        );
    }
    let mut rows: Vec<HitRow> = select
        .order_by_asc(person::Column::DisplayName)
        .order_by_asc(person::Column::Id)
        .limit(SEARCH_LIMIT + 1)
        .into_tuple()
        .all(db)
        .await?;
    let more = rows.len() as u64 > SEARCH_LIMIT;
    rows.truncate(SEARCH_LIMIT as usize);
    Ok(LearnerSearch {
        query,
        hits: rows
            .into_iter()
            .map(|(id, name, login, agency, country)| LearnerHit {
                id,
                name,
                login,
                agency,
                country,
            })
            .collect(),
        more,
    })
}

/// Adds names to `rows` (one query per kind of name, whatever the number of rows).
pub async fn named(
    db: &impl ConnectionTrait,
    rows: Vec<learning_event::Model>,
) -> AppResult<Vec<EventRow>> {
    let ids = |f: &dyn Fn(&learning_event::Model) -> Option<i64>| -> Vec<i64> {
        rows.iter()
            .filter_map(f)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect()
    };
    let course_ids = ids(&|e| e.course_id);
    let lesson_ids = ids(&|e| e.lesson_id);
    let refs = |kind: EventKind| ids(&move |e| e.ref_id.filter(|_| e.kind == kind));
    let courses: HashMap<i64, (String, String)> = course::Entity::find()
        .select_only()
        .columns([
            course::Column::Id,
            course::Column::Slug,
            course::Column::Title,
        ])
        .filter(course::Column::Id.is_in(course_ids))
        .into_tuple::<(i64, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, slug, title)| (id, (slug, title)))
        .collect();
    let lessons: HashMap<i64, String> = lesson::Entity::find()
        .select_only()
        .columns([lesson::Column::Id, lesson::Column::Title])
        .filter(lesson::Column::Id.is_in(lesson_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // Quiz attempts → their quiz.
    let attempt_quiz: HashMap<i64, i64> = attempt::Entity::find()
        .select_only()
        .columns([attempt::Column::Id, attempt::Column::QuizId])
        .filter(attempt::Column::Id.is_in(refs(events::EventKind::AttemptSubmitted)))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let quizzes: HashMap<i64, String> = quiz::Entity::find()
        .select_only()
        .columns([quiz::Column::Id, quiz::Column::Title])
        .filter(quiz::Column::Id.is_in(attempt_quiz.values().copied().collect::<Vec<_>>()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // Exercise attempts → their exercise.
    let attempt_exercise: HashMap<i64, i64> = exercise_attempt::Entity::find()
        .select_only()
        .columns([
            exercise_attempt::Column::Id,
            exercise_attempt::Column::ExerciseId,
        ])
        .filter(exercise_attempt::Column::Id.is_in(refs(events::EventKind::ExerciseGraded)))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let exercises: HashMap<i64, String> = exercise::Entity::find()
        .select_only()
        .columns([exercise::Column::Id, exercise::Column::Title])
        .filter(exercise::Column::Id.is_in(attempt_exercise.values().copied().collect::<Vec<_>>()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let certificates: HashMap<i64, String> = certificate::Entity::find()
        .select_only()
        .columns([certificate::Column::Id, certificate::Column::Code])
        .filter(certificate::Column::Id.is_in(refs(events::EventKind::CertificateIssued)))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // Border-desk shifts → their scenario's title.
    let shift_titles: HashMap<i64, String> = {
        use crate::server::entities::{desk_scenario, desk_shift};
        let shifts: Vec<(i64, i64)> = desk_shift::Entity::find()
            .select_only()
            .columns([desk_shift::Column::Id, desk_shift::Column::ScenarioId])
            .filter(desk_shift::Column::Id.is_in(refs(events::EventKind::DeskDecided)))
            .into_tuple()
            .all(db)
            .await?;
        let titles: HashMap<i64, String> = desk_scenario::Entity::find()
            .select_only()
            .columns([desk_scenario::Column::Id, desk_scenario::Column::Title])
            .filter(desk_scenario::Column::Id.is_in(shifts.iter().map(|s| s.1)))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        shifts
            .into_iter()
            .filter_map(|(shift, scenario)| Some((shift, titles.get(&scenario)?.clone())))
            .collect()
    };
    let named = |id: i64, name: &String| {
        Some(Choice {
            id,
            name: name.clone(),
        })
    };
    Ok(rows
        .into_iter()
        .map(|e| {
            let item = match (e.kind, e.ref_id) {
                (events::EventKind::AttemptSubmitted, Some(a)) => attempt_quiz
                    .get(&a)
                    .and_then(|q| named(*q, quizzes.get(q)?)),
                (events::EventKind::ExerciseGraded, Some(a)) => attempt_exercise
                    .get(&a)
                    .and_then(|x| named(*x, exercises.get(x)?)),
                (events::EventKind::CertificateIssued, Some(c)) => {
                    certificates.get(&c).and_then(|code| named(c, code))
                }
                (events::EventKind::DeskDecided, Some(s)) => {
                    shift_titles.get(&s).and_then(|title| named(s, title))
                }
                _ => None,
            };
            EventRow {
                id: e.id,
                person_id: e.person_id,
                at: e.at,
                course: e.course_id.and_then(|c| {
                    courses.get(&c).map(|(slug, title)| CourseRef {
                        id: c,
                        slug: slug.clone(),
                        title: title.clone(),
                    })
                }),
                lesson: e.lesson_id.and_then(|l| named(l, lessons.get(&l)?)),
                item,
                part: e.item,
                score: e.score,
                kind: e.kind,
            }
        })
        .collect())
}

/// The label of an event kind.
pub fn kind_label(kind: EventKind) -> Msg {
    match kind {
        events::EventKind::LessonViewed => Msg::EvLessonViewed,
        events::EventKind::LessonCompleted => Msg::EvLessonCompleted,
        events::EventKind::AttemptSubmitted => Msg::EvAttemptSubmitted,
        events::EventKind::ExerciseGraded => Msg::EvExerciseGraded,
        events::EventKind::CertificateIssued => Msg::EvCertificateIssued,
        events::EventKind::DeskDecided => Msg::EvDeskDecided,
        events::EventKind::Enrolled => Msg::EvEnrolled,
    }
}

/// `person_id`'s record, for `user`.
pub async fn record(
    db: &DatabaseConnection,
    user: &CurrentUser,
    person_id: i64,
) -> AppResult<LearningRecord> {
    let visible = check_access(db, user, person_id).await?;
    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let agency = match p.agency_id {
        Some(a) => agency::Entity::find_by_id(a).one(db).await?.map(|a| a.name),
        None => None,
    };
    let all: Vec<learning_event::Model> = learning_event::Entity::find()
        .filter(learning_event::Column::PersonId.eq(person_id))
        .order_by_desc(learning_event::Column::At)
        .order_by_desc(learning_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|e| visible.shows(e.course_id))
        .collect();
    let total = all.len();
    // Per course: lessons completed, quiz attempts and best score, exercises and their
    // average, certificate.
    let mut per_course: HashMap<i64, RecordCourse> = HashMap::new();
    let mut lessons_done: HashMap<i64, HashSet<i64>> = HashMap::new();
    let mut exercise_scores: HashMap<i64, Vec<f64>> = HashMap::new();
    for e in &all {
        let Some(c) = e.course_id else { continue };
        let entry = per_course.entry(c).or_insert_with(|| RecordCourse {
            slug: String::new(),
            title: String::new(),
            lessons_completed: 0,
            quiz_attempts: 0,
            best_quiz: None,
            exercises: 0,
            exercise_average: None,
            certificate: None,
            last: crate::server::services::quizzes::attempts::stamp(e.at),
        });
        match e.kind {
            events::EventKind::LessonCompleted => {
                if let Some(l) = e.lesson_id {
                    lessons_done.entry(c).or_default().insert(l);
                }
            }
            events::EventKind::AttemptSubmitted => {
                entry.quiz_attempts += 1;
                if let Some(s) = e.score {
                    entry.best_quiz = Some(entry.best_quiz.map_or(s, |b: f64| b.max(s)));
                }
            }
            events::EventKind::ExerciseGraded => {
                entry.exercises += 1;
                if let Some(s) = e.score {
                    exercise_scores.entry(c).or_default().push(s);
                }
            }
            _ => {}
        }
    }
    let shown: Vec<learning_event::Model> = all.into_iter().take(SHOWN as usize).collect();
    let named_rows = named(db, shown).await?;
    let course_names: HashMap<i64, (String, String)> = course::Entity::find()
        .filter(course::Column::Id.is_in(per_course.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.slug, c.title)))
        .collect();
    let certificates: HashMap<i64, String> = certificate::Entity::find()
        .filter(certificate::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| visible.shows(Some(c.course_id)))
        .map(|c| (c.course_id, c.code))
        .collect();
    let mut courses: Vec<RecordCourse> = per_course
        .into_iter()
        .filter_map(|(id, mut c)| {
            let (slug, title) = course_names.get(&id)?.clone();
            c.slug = slug;
            c.title = title;
            c.lessons_completed = lessons_done.get(&id).map_or(0, HashSet::len);
            c.exercise_average = exercise_scores
                .get(&id)
                .map(|v| v.iter().sum::<f64>() / v.len() as f64);
            c.certificate = certificates.get(&id).cloned();
            Some(c)
        })
        .collect();
    courses.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(LearningRecord {
        person_id,
        name: p.display_name,
        agency,
        courses,
        events: named_rows
            .into_iter()
            .map(|e| RecordEvent {
                at: crate::server::services::quizzes::attempts::stamp(e.at),
                kind: kind_label(e.kind),
                course: e.course.map(|c| c.title).unwrap_or_default(),
                item: e.item.or(e.lesson).map(|i| i.name).unwrap_or_default(),
                score: e.score,
            })
            .collect(),
        total_events: total,
    })
}

/// A person's events as CSV: a header, then one line per event.
pub fn events_csv(rows: &[EventRow], lang: crate::i18n::Lang) -> AppResult<Vec<u8>> {
    use crate::server::reports::table::{self, Cell};
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut table: Vec<Vec<Cell>> = vec![
        [
            "timestamp",
            "event",
            "event_label",
            "course",
            "lesson",
            "item",
            "score_percent",
        ]
        .map(text)
        .to_vec(),
    ];
    for e in rows {
        table.push(vec![
            text(
                &e.at
                    .to_offset(time::UtcOffset::UTC)
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
            ),
            text(e.kind.code()),
            text(kind_label(e.kind).text(lang)),
            text(e.course.as_ref().map(|c| c.title.as_str()).unwrap_or("")),
            text(e.lesson.as_ref().map(|l| l.name.as_str()).unwrap_or("")),
            text(e.item.as_ref().map(|i| i.name.as_str()).unwrap_or("")),
            text(&e.score.map(|s| format!("{s:.1}")).unwrap_or_default()),
        ]);
    }
    table::csv(&table)
}

/// All of `person_id`'s events, oldest first, named, for `user`.
pub async fn all_events(
    db: &DatabaseConnection,
    user: &CurrentUser,
    person_id: i64,
) -> AppResult<(String, Vec<EventRow>)> {
    let visible = check_access(db, user, person_id).await?;
    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = learning_event::Entity::find()
        .filter(learning_event::Column::PersonId.eq(person_id))
        .order_by_asc(learning_event::Column::At)
        .order_by_asc(learning_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|e| visible.shows(e.course_id))
        .collect();
    Ok((p.display_name, named(db, rows).await?))
}

/// The position of the last event of an export page: (time, id).
pub type ExportCursor = (time::OffsetDateTime, i64);

/// A page of every event from `from` to `to` (dates, inclusive) after `after`, in time order,
/// named, with the names of the people concerned — for the administrator's streaming export.
/// Each page continues from the last one's (time, id) along the index on time, so every page
/// costs the same however far into the export it is.
pub async fn export_page(
    db: &DatabaseConnection,
    range: (time::OffsetDateTime, time::OffsetDateTime),
    after: Option<ExportCursor>,
) -> AppResult<(Vec<EventRow>, HashMap<i64, String>, Option<ExportCursor>)> {
    use sea_orm::sea_query::Expr;
    let mut q = learning_event::Entity::find().filter(learning_event::Column::At.lt(range.1));
    q = match after {
        None => q.filter(learning_event::Column::At.gte(range.0)),
        Some((at, id)) => q.filter(
            Expr::tuple([
                Expr::col(learning_event::Column::At).into(),
                Expr::col(learning_event::Column::Id).into(),
            ])
            .gt(Expr::tuple([Expr::val(at).into(), Expr::val(id).into()])),
        ),
    };
    let rows = q
        .order_by_asc(learning_event::Column::At)
        .order_by_asc(learning_event::Column::Id)
        .limit(PAGE)
        .all(db)
        .await?;
    let cursor = rows.last().map(|r| (r.at, r.id));
    let people: Vec<i64> = rows
        .iter()
        .map(|r| r.person_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let names = person::Entity::find()
        .select_only()
        .columns([person::Column::Id, person::Column::DisplayName])
        .filter(person::Column::Id.is_in(people))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok((named(db, rows).await?, names, cursor))
}

/// Reads an export's date range (`YYYY-MM-DD`, both optional): the start of `from` to the end
/// of `to`. Refuses reversed or absurd ranges.
pub fn date_range(
    from: Option<&str>,
    to: Option<&str>,
) -> AppResult<(time::OffsetDateTime, time::OffsetDateTime)> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let parse = |s: &str, field: &str| {
        time::Date::parse(s.trim(), fmt)
            .map_err(|_| AppError::field(field, Msg::ErrDate))
            .and_then(|d| {
                if (2000..=2100).contains(&d.year()) {
                    Ok(d)
                } else {
                    Err(AppError::field(field, Msg::ErrDateRange))
                }
            })
    };
    let start = match from.filter(|s| !s.trim().is_empty()) {
        Some(s) => parse(s, "from")?,
        None => time::Date::from_calendar_date(2000, time::Month::January, 1)
            .map_err(|_| AppError::field("from", Msg::ErrDate))?,
    };
    let end = match to.filter(|s| !s.trim().is_empty()) {
        Some(s) => parse(s, "to")?,
        None => time::Date::from_calendar_date(2100, time::Month::December, 31)
            .map_err(|_| AppError::field("to", Msg::ErrDate))?,
    };
    if end < start {
        return Err(AppError::field("to", Msg::ErrDatesReversed));
    }
    let midnight = |d: time::Date| d.with_hms(0, 0, 0).map(|t| t.assume_utc());
    Ok((
        midnight(start).map_err(|_| AppError::field("from", Msg::ErrDate))?,
        midnight(end.next_day().unwrap_or(end)).map_err(|_| AppError::field("to", Msg::ErrDate))?,
    ))
}

/// The classes `user` trains (all classes for an administrator): for the record links of the
/// class pages.
pub async fn trained_classes(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Vec<i64>> {
    if user.has(Role::Admin) {
        return Ok(class::Entity::find()
            .select_only()
            .column(class::Column::Id)
            .into_tuple::<i64>()
            .all(db)
            .await?);
    }
    Ok(class_trainer::Entity::find()
        .filter(class_trainer::Column::PersonId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.class_id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_are_checked() {
        assert!(date_range(Some("2026-01-01"), Some("2026-12-31")).is_ok());
        assert!(date_range(None, None).is_ok());
        for (from, to) in [
            ("2026-12-31", "2026-01-01"),
            ("1900-01-01", "2026-01-01"),
            ("2026-02-30", ""),
            ("yesterday", ""),
            ("2026-01-01", "9999-12-31"),
        ] {
            assert!(date_range(Some(from), Some(to)).is_err(), "{from}..{to}");
        }
        let (a, b) = date_range(Some("2026-03-01"), Some("2026-03-01")).unwrap();
        assert_eq!((b - a).whole_hours(), 24, "the end day is included");
    }
}
