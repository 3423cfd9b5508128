//! Roll-ups of the learning events, so the progress dashboards read thousands of rows where
//! the events number millions. Each event is marked pending as it is written; pending events
//! are folded in, in batches, by a background task and by every dashboard read first
//! ([`fold_pending`], [`catch_up`]). The roll-ups can also be rebuilt from the events at any
//! time ([`rebuild`]); folding and rebuilding go through the same pure functions
//! ([`changes`], [`cell_keys`], [`people_keys`]), so they agree.
//!
//! Folding in batches keeps the roll-ups off the request path: every trainee of a class,
//! agency or course counts in the same few rows, and updating them with each event made
//! concurrent requests queue on those rows' locks.
//!
//! - `progress_cells`: additive figures (events, enrolments, lessons completed,
//!   certificates, exercises and their scores, post-test results and gains) per month,
//!   role set and dimensions, at three grains — agency × course × class (0), agency (1) and
//!   course (2) — so a dashboard without course filters reads the agency grain (thousands of
//!   rows) and one with them reads the full grain through an index.
//! - `progress_people`: who was active, as one row per person and dimensions per era of 60
//!   months with the months active as bits, at five grains, so "people trained" is a count of
//!   rows (or of distinct people where a person can have several rows).
//! - `progress_tests`: each participation's best pre- and post-test. A participation's
//!   post-test result and gain count in the month of its best post-test.
//! - `progress_findings`: exercise features found or missed per month, dimensions and kind.

use super::events;
use crate::error::AppResult;
use crate::model::Role;
use crate::server::entities::learning_event;
use sea_orm::sea_query::{Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, DeriveIden, TransactionTrait};
use std::collections::HashMap;

/// Months per era of `progress_people` (the bits of its `months`).
pub const ERA_MONTHS: i32 = 60;

/// Months since January 2000 of `year`-`month`.
pub fn month_index(year: i32, month: u8) -> i32 {
    (year - 2000) * 12 + i32::from(month) - 1
}

/// YYYYMM of month index `mi`.
pub fn yyyymm(mi: i32) -> i32 {
    (2000 + mi.div_euclid(12)) * 100 + mi.rem_euclid(12) + 1
}

/// Month index of YYYYMM.
pub fn from_yyyymm(ym: i32) -> i32 {
    month_index(ym / 100, (ym % 100) as u8)
}

/// The era of month index `mi`.
pub fn era(mi: i32) -> i32 {
    mi.div_euclid(ERA_MONTHS)
}

/// The bit of month index `mi` in its era.
pub fn month_bit(mi: i32) -> i64 {
    1i64 << mi.rem_euclid(ERA_MONTHS)
}

/// The bit of `role` in role masks.
pub fn role_bit(role: Role) -> i32 {
    let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    1 << i
}

/// The mask of role codes `codes` (unknown codes are ignored).
pub fn role_mask<'a>(codes: impl IntoIterator<Item = &'a str>) -> i32 {
    codes
        .into_iter()
        .filter_map(Role::from_code)
        .fold(0, |m, r| m | role_bit(r))
}

/// Where an event counts: its month, the person's agency and country, course and class (0 or
/// '' where none), and the roles the person held.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Coord {
    /// Month index.
    pub mi: i32,
    /// Agency id, or 0.
    pub agency: i64,
    /// Country code, or ''.
    pub country: String,
    /// Course id, or 0.
    pub course: i64,
    /// Class id, or 0.
    pub class: i64,
    /// Role mask.
    pub roles: i32,
}

impl Coord {
    /// The coordinates of event `e` for a person with role mask `roles`.
    pub fn of(e: &learning_event::Model, roles: i32) -> Coord {
        Coord {
            mi: month_index(e.at.year(), u8::from(e.at.month())),
            agency: e.agency_id.unwrap_or(0),
            country: e.country_code.clone().unwrap_or_default(),
            course: e.course_id.unwrap_or(0),
            class: e.class_id.unwrap_or(0),
            roles,
        }
    }
}

/// Additive figures of a cell.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Measures {
    pub events: i64,
    pub enrolments: i64,
    pub lessons: i64,
    pub certificates: i64,
    pub exercises: i64,
    pub exercise_score: f64,
    pub posts: i64,
    pub post_score: f64,
    pub gains: i64,
    pub gain_sum: f64,
}

impl Measures {
    /// Adds `o` to these figures.
    pub fn add(&mut self, o: &Measures) {
        self.events += o.events;
        self.enrolments += o.enrolments;
        self.lessons += o.lessons;
        self.certificates += o.certificates;
        self.exercises += o.exercises;
        self.exercise_score += o.exercise_score;
        self.posts += o.posts;
        self.post_score += o.post_score;
        self.gains += o.gains;
        self.gain_sum += o.gain_sum;
    }

    fn negated(&self) -> Measures {
        Measures {
            events: -self.events,
            enrolments: -self.enrolments,
            lessons: -self.lessons,
            certificates: -self.certificates,
            exercises: -self.exercises,
            exercise_score: -self.exercise_score,
            posts: -self.posts,
            post_score: -self.post_score,
            gains: -self.gains,
            gain_sum: -self.gain_sum,
        }
    }
}

/// A participation's (person × course) tests, as its learning gain counts them
/// (`assessments::results::counted_pre`/`counted_post`): the first pre-test, the best
/// post-test, and where the best post-test was counted (the first event that reached it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tests {
    pub pre: Option<f64>,
    pub post: Option<f64>,
    pub at: Option<Coord>,
}

impl Tests {
    /// What these tests add to the cell of their post-test.
    fn contribution(&self) -> Option<(Coord, Measures)> {
        let post = self.post?;
        let at = self.at.clone()?;
        let gain = self
            .pre
            .and_then(|pre| assessments::results::normalised_gain(pre, post));
        Some((
            at,
            Measures {
                posts: 1,
                post_score: post,
                gains: i64::from(gain.is_some()),
                gain_sum: gain.unwrap_or(0.0),
                ..Measures::default()
            },
        ))
    }
}

/// The cell changes of one event of `kind` at `coord` with `score`, taken in a quiz of role
/// `quiz_role` (for attempts); `tests` is the participation's state, updated in place. Returns
/// the changes and whether `tests` changed.
pub fn changes(
    kind: &str,
    coord: &Coord,
    score: Option<f64>,
    quiz_role: Option<&str>,
    tests: &mut Tests,
) -> (Vec<(Coord, Measures)>, bool) {
    let mut m = Measures {
        events: 1,
        ..Measures::default()
    };
    match kind {
        events::ENROLLED => m.enrolments = 1,
        events::LESSON_COMPLETED => m.lessons = 1,
        events::CERTIFICATE_ISSUED => m.certificates = 1,
        events::EXERCISE_GRADED => {
            m.exercises = 1;
            m.exercise_score = score.unwrap_or(0.0);
        }
        _ => {}
    }
    let mut out = vec![(coord.clone(), m)];
    let (Some(score), events::ATTEMPT_SUBMITTED) = (score, kind) else {
        return (out, false);
    };
    let before = tests.clone();
    match quiz_role {
        Some("pre_test") => tests.pre = Some(assessments::results::counted_pre(tests.pre, score)),
        Some("post_test") if tests.post.is_none_or(|p| score > p) => {
            tests.post = Some(score);
            tests.at = Some(coord.clone());
        }
        _ => {}
    }
    if *tests == before {
        return (out, false);
    }
    if let Some((at, old)) = before.contribution() {
        out.push((at, old.negated()));
    }
    if let Some((at, new)) = tests.contribution() {
        out.push((at, new));
    }
    (out, true)
}

/// A `progress_cells` key: (grain, YYYYMM, agency, country, course, class, roles).
pub type CellKey = (i32, i32, i64, String, i64, i64, i32);

/// The cells an event at `c` counts in, one per grain.
pub fn cell_keys(c: &Coord) -> [CellKey; 3] {
    let ym = yyyymm(c.mi);
    [
        (
            0,
            ym,
            c.agency,
            c.country.clone(),
            c.course,
            c.class,
            c.roles,
        ),
        (1, ym, c.agency, c.country.clone(), 0, 0, c.roles),
        (2, ym, 0, String::new(), c.course, 0, c.roles),
    ]
}

/// The columns of `progress_people`: its key, then months and roles.
fn people_columns() -> [ProgressPeople; 9] {
    use ProgressPeople as P;
    [
        P::Grain,
        P::Era,
        P::PersonId,
        P::CourseId,
        P::ClassId,
        P::AgencyId,
        P::CountryCode,
        P::Months,
        P::RoleMask,
    ]
}

/// A `progress_people` key: (grain, era, person, course, class, agency, country).
pub type PeopleKey = (i32, i32, i64, i64, i64, i64, String);

/// The people rows `person` active at `c` is counted in, one per grain.
pub fn people_keys(person: i64, c: &Coord) -> [PeopleKey; 5] {
    let e = era(c.mi);
    [
        (0, e, person, c.course, c.class, c.agency, c.country.clone()),
        (1, e, person, 0, 0, c.agency, c.country.clone()),
        (2, e, person, 0, 0, 0, c.country.clone()),
        (3, e, person, 0, 0, 0, String::new()),
        (4, e, person, c.course, 0, 0, String::new()),
    ]
}

/// A `progress_findings` key: (YYYYMM, agency, country, course, class, roles, feature kind).
pub type FindingKey = (i32, i64, String, i64, i64, i32, String);

#[derive(DeriveIden)]
enum ProgressCells {
    Table,
    Grain,
    Month,
    AgencyId,
    CountryCode,
    CourseId,
    ClassId,
    RoleMask,
    Events,
    Enrolments,
    Lessons,
    Certificates,
    Exercises,
    ExerciseScore,
    Posts,
    PostScore,
    Gains,
    GainSum,
}

#[derive(DeriveIden)]
enum ProgressPeople {
    Table,
    Grain,
    Era,
    PersonId,
    CourseId,
    ClassId,
    AgencyId,
    CountryCode,
    Months,
    RoleMask,
}

#[derive(DeriveIden)]
enum ProgressCourseMonths {
    Table,
    Era,
    CourseId,
    Months,
    RoleMask,
    People,
}

/// A `progress_course_months` key: (era, course, months, roles).
pub type CourseMonthsKey = (i32, i64, i64, i32);

#[derive(DeriveIden)]
enum ProgressTests {
    Table,
    PersonId,
    CourseId,
    PreBest,
    PostBest,
    PostMonth,
    PostAgencyId,
    PostCountryCode,
    PostClassId,
    PostRoleMask,
}

#[derive(DeriveIden)]
enum ProgressFindings {
    Table,
    Month,
    AgencyId,
    CountryCode,
    CourseId,
    ClassId,
    RoleMask,
    Kind,
    Found,
    Total,
}

/// Rows per multi-row insert (well under SQLite's limit of bound values).
const CHUNK: usize = 1_000;

fn sum_of(table: &str, col: &str) -> SimpleExpr {
    Expr::cust(format!("{table}.{col} + excluded.{col}"))
}

async fn write_cells(
    db: &impl ConnectionTrait,
    rows: &[(CellKey, Measures)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressCells as C;
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(C::Table).columns([
            C::Grain,
            C::Month,
            C::AgencyId,
            C::CountryCode,
            C::CourseId,
            C::ClassId,
            C::RoleMask,
            C::Events,
            C::Enrolments,
            C::Lessons,
            C::Certificates,
            C::Exercises,
            C::ExerciseScore,
            C::Posts,
            C::PostScore,
            C::Gains,
            C::GainSum,
        ]);
        for ((g, ym, a, cc, co, cl, r), m) in chunk {
            q.values_panic([
                (*g).into(),
                (*ym).into(),
                (*a).into(),
                cc.clone().into(),
                (*co).into(),
                (*cl).into(),
                (*r).into(),
                m.events.into(),
                m.enrolments.into(),
                m.lessons.into(),
                m.certificates.into(),
                m.exercises.into(),
                m.exercise_score.into(),
                m.posts.into(),
                m.post_score.into(),
                m.gains.into(),
                m.gain_sum.into(),
            ]);
        }
        if upsert {
            let t = "progress_cells";
            q.on_conflict(
                OnConflict::columns([
                    C::Grain,
                    C::Month,
                    C::AgencyId,
                    C::CountryCode,
                    C::CourseId,
                    C::ClassId,
                    C::RoleMask,
                ])
                .values([
                    (C::Events, sum_of(t, "events")),
                    (C::Enrolments, sum_of(t, "enrolments")),
                    (C::Lessons, sum_of(t, "lessons")),
                    (C::Certificates, sum_of(t, "certificates")),
                    (C::Exercises, sum_of(t, "exercises")),
                    (C::ExerciseScore, sum_of(t, "exercise_score")),
                    (C::Posts, sum_of(t, "posts")),
                    (C::PostScore, sum_of(t, "post_score")),
                    (C::Gains, sum_of(t, "gains")),
                    (C::GainSum, sum_of(t, "gain_sum")),
                ])
                .to_owned(),
            );
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

async fn write_people(
    db: &impl ConnectionTrait,
    rows: &[(PeopleKey, (i64, i32))],
    upsert: bool,
) -> AppResult<()> {
    use ProgressPeople as P;
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(P::Table).columns(people_columns());
        for ((g, e, p, co, cl, a, cc), (months, roles)) in chunk {
            q.values_panic([
                (*g).into(),
                (*e).into(),
                (*p).into(),
                (*co).into(),
                (*cl).into(),
                (*a).into(),
                cc.clone().into(),
                (*months).into(),
                (*roles).into(),
            ]);
        }
        if upsert {
            q.on_conflict(
                OnConflict::columns([
                    P::Grain,
                    P::Era,
                    P::PersonId,
                    P::CourseId,
                    P::ClassId,
                    P::AgencyId,
                    P::CountryCode,
                ])
                .values([
                    (
                        P::Months,
                        Expr::cust("progress_people.months | excluded.months"),
                    ),
                    (
                        P::RoleMask,
                        Expr::cust("progress_people.role_mask | excluded.role_mask"),
                    ),
                ])
                .to_owned(),
            );
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

async fn write_course_months(
    db: &impl ConnectionTrait,
    rows: &[(CourseMonthsKey, i64)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressCourseMonths as H;
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(H::Table)
            .columns([H::Era, H::CourseId, H::Months, H::RoleMask, H::People]);
        for ((e, c, m, r), n) in chunk {
            q.values_panic([
                (*e).into(),
                (*c).into(),
                (*m).into(),
                (*r).into(),
                (*n).into(),
            ]);
        }
        if upsert {
            q.on_conflict(
                OnConflict::columns([H::Era, H::CourseId, H::Months, H::RoleMask])
                    .value(H::People, sum_of("progress_course_months", "people"))
                    .to_owned(),
            );
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    // A bucket left empty by a move goes: only the ones just decremented, by their key.
    for ((e, c, m, r), n) in rows {
        if upsert && *n < 0 {
            let q = Query::delete()
                .from_table(H::Table)
                .and_where(Expr::col(H::Era).eq(*e))
                .and_where(Expr::col(H::CourseId).eq(*c))
                .and_where(Expr::col(H::Months).eq(*m))
                .and_where(Expr::col(H::RoleMask).eq(*r))
                .and_where(Expr::col(H::People).lte(0))
                .to_owned();
            db.execute(db.get_database_backend().build(&q)).await?;
        }
    }
    Ok(())
}

async fn write_tests(
    db: &impl ConnectionTrait,
    rows: &[((i64, i64), Tests)],
    upsert: bool,
) -> AppResult<()> {
    use ProgressTests as T;
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(T::Table).columns([
            T::PersonId,
            T::CourseId,
            T::PreBest,
            T::PostBest,
            T::PostMonth,
            T::PostAgencyId,
            T::PostCountryCode,
            T::PostClassId,
            T::PostRoleMask,
        ]);
        for ((person, course), t) in chunk {
            let at = t.at.clone().unwrap_or_default();
            q.values_panic([
                (*person).into(),
                (*course).into(),
                t.pre.into(),
                t.post.into(),
                if t.at.is_some() { at.mi } else { 0 }.into(),
                at.agency.into(),
                at.country.into(),
                at.class.into(),
                at.roles.into(),
            ]);
        }
        if upsert {
            q.on_conflict(
                OnConflict::columns([T::PersonId, T::CourseId])
                    .update_columns([
                        T::PreBest,
                        T::PostBest,
                        T::PostMonth,
                        T::PostAgencyId,
                        T::PostCountryCode,
                        T::PostClassId,
                        T::PostRoleMask,
                    ])
                    .to_owned(),
            );
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

async fn write_findings(
    db: &impl ConnectionTrait,
    rows: &[(FindingKey, (i64, i64))],
    upsert: bool,
) -> AppResult<()> {
    use ProgressFindings as F;
    for chunk in rows.chunks(CHUNK) {
        let mut q = Query::insert();
        q.into_table(F::Table).columns([
            F::Month,
            F::AgencyId,
            F::CountryCode,
            F::CourseId,
            F::ClassId,
            F::RoleMask,
            F::Kind,
            F::Found,
            F::Total,
        ]);
        for ((ym, a, cc, co, cl, r, k), (found, total)) in chunk {
            q.values_panic([
                (*ym).into(),
                (*a).into(),
                cc.clone().into(),
                (*co).into(),
                (*cl).into(),
                (*r).into(),
                k.clone().into(),
                (*found).into(),
                (*total).into(),
            ]);
        }
        if upsert {
            let t = "progress_findings";
            q.on_conflict(
                OnConflict::columns([
                    F::Month,
                    F::AgencyId,
                    F::CountryCode,
                    F::CourseId,
                    F::ClassId,
                    F::RoleMask,
                    F::Kind,
                ])
                .values([
                    (F::Found, sum_of(t, "found")),
                    (F::Total, sum_of(t, "total")),
                ])
                .to_owned(),
            );
        }
        db.execute(db.get_database_backend().build(&q)).await?;
    }
    Ok(())
}

fn finding_key(c: &Coord, kind: String) -> FindingKey {
    (
        yyyymm(c.mi),
        c.agency,
        c.country.clone(),
        c.course,
        c.class,
        c.roles,
        kind,
    )
}

/// The roll-ups in memory, as [`rebuild`] gathers them.
#[derive(Default)]
struct Gathered {
    cells: HashMap<CellKey, Measures>,
    people: HashMap<PeopleKey, (i64, i32)>,
    tests: HashMap<(i64, i64), Tests>,
    findings: HashMap<FindingKey, (i64, i64)>,
}

impl Gathered {
    fn cells_of(&mut self, changes: Vec<(Coord, Measures)>) {
        for (c, m) in changes {
            for k in cell_keys(&c) {
                self.cells.entry(k).or_default().add(&m);
            }
        }
    }

    fn person(&mut self, person: i64, c: &Coord) {
        for k in people_keys(person, c) {
            let e = self.people.entry(k).or_insert((0, 0));
            e.0 |= month_bit(c.mi);
            e.1 |= c.roles;
        }
    }
}

/// Events folded into the roll-ups per transaction.
pub const FOLD_BATCH: u64 = 5_000;

/// Folds every pending event into the roll-ups, a batch per transaction; returns how many
/// were folded. Stops after a short batch, so a steady stream of new events cannot keep it
/// going. Dashboards call this before reading, so they count everything written before.
pub async fn catch_up(db: &DatabaseConnection) -> AppResult<usize> {
    let mut total = 0;
    loop {
        let n = fold_pending(db, FOLD_BATCH).await?;
        total += n;
        if n < FOLD_BATCH as usize {
            return Ok(total);
        }
    }
}

/// Folds pending events into the roll-ups every `period`, until the task is aborted at
/// shutdown.
pub async fn fold_every(db: DatabaseConnection, period: std::time::Duration) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let started = std::time::Instant::now();
        match catch_up(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::debug!(
                events = n,
                ms = started.elapsed().as_millis() as u64,
                "learning events folded into the progress roll-ups"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "folding learning events into the progress roll-ups")
            }
        }
    }
}

/// An arbitrary key for PostgreSQL's advisory lock that serialises folds across app servers.
const FOLD_LOCK: i64 = 0x4350_524f_4c4c; // "CPROLL"

/// Folds up to `limit` pending events (the oldest first) into the roll-ups in one
/// transaction, which also removes them from `progress_pending`; returns how many.
pub async fn fold_pending(db: &DatabaseConnection, limit: u64) -> AppResult<usize> {
    use crate::server::entities::{attempt, exercise_finding, person_role, quiz};
    use sea_orm::{
        ColumnTrait, DbBackend, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
        Statement,
    };
    let backend = db.get_database_backend();
    let idle = db
        .query_one(Statement::from_string(
            backend,
            "SELECT 1 FROM progress_pending LIMIT 1",
        ))
        .await?
        .is_none();
    if idle {
        return Ok(0);
    }
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    if backend == DbBackend::Postgres {
        // One fold at a time, whichever server runs it: a fold reads the rows it updates.
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({FOLD_LOCK})"))
            .await?;
    }
    // On SQLite the write gate and then the DELETE's write lock serialise folds.
    let ids: Vec<i64> = txn
        .query_all(Statement::from_string(
            backend,
            format!(
                "DELETE FROM progress_pending WHERE event_id IN \
                 (SELECT event_id FROM progress_pending ORDER BY event_id LIMIT {limit}) \
                 RETURNING event_id"
            ),
        ))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<i64>(0))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        txn.commit().await?;
        return Ok(0);
    }
    let events = learning_event::Entity::find()
        .filter(learning_event::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(learning_event::Column::Id)
        .all(&txn)
        .await?;
    let persons: Vec<i64> = {
        let mut p: Vec<i64> = events.iter().map(|e| e.person_id).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let mut masks: HashMap<i64, i32> = HashMap::new();
    for (p, r) in person_role::Entity::find()
        .select_only()
        .columns([person_role::Column::PersonId, person_role::Column::Role])
        .filter(person_role::Column::PersonId.is_in(persons.iter().copied()))
        .into_tuple::<(i64, String)>()
        .all(&txn)
        .await?
    {
        *masks.entry(p).or_default() |= role_mask([r.as_str()]);
    }
    let attempts: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == events::ATTEMPT_SUBMITTED)
        .filter_map(|e| e.ref_id)
        .collect();
    let quiz_role: HashMap<i64, String> = if attempts.is_empty() {
        HashMap::new()
    } else {
        attempt::Entity::find()
            .select_only()
            .column(attempt::Column::Id)
            .column(quiz::Column::Role)
            .join(
                JoinType::InnerJoin,
                attempt::Entity::belongs_to(quiz::Entity)
                    .from(attempt::Column::QuizId)
                    .to(quiz::Column::Id)
                    .into(),
            )
            .filter(attempt::Column::Id.is_in(attempts))
            .into_tuple::<(i64, String)>()
            .all(&txn)
            .await?
            .into_iter()
            .collect()
    };

    let mut g = Gathered::default();
    let mut graded: HashMap<i64, Coord> = HashMap::new();
    let mut changed_tests: std::collections::BTreeSet<(i64, i64)> = Default::default();
    for e in &events {
        let coord = Coord::of(e, masks.get(&e.person_id).copied().unwrap_or(0));
        g.person(e.person_id, &coord);
        let role = match (e.kind.as_str(), e.ref_id) {
            (events::ATTEMPT_SUBMITTED, Some(a)) => quiz_role.get(&a).map(String::as_str),
            _ => None,
        };
        let key = (e.person_id, e.course_id.unwrap_or(0));
        let mut scratch = Tests::default();
        let tests = if matches!(role, Some("pre_test" | "post_test")) {
            match g.tests.entry(key) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(load_tests(&txn, key).await?.unwrap_or_default())
                }
            }
        } else {
            &mut scratch
        };
        let (changes, tests_changed) = changes(&e.kind, &coord, e.score, role, tests);
        if tests_changed {
            changed_tests.insert(key);
        }
        g.cells_of(changes);
        if let (events::EXERCISE_GRADED, Some(a)) = (e.kind.as_str(), e.ref_id) {
            graded.insert(a, coord);
        }
    }
    if !graded.is_empty() {
        for (attempt_id, kind, found) in exercise_finding::Entity::find()
            .select_only()
            .columns([
                exercise_finding::Column::AttemptId,
                exercise_finding::Column::Kind,
                exercise_finding::Column::Found,
            ])
            .filter(exercise_finding::Column::AttemptId.is_in(graded.keys().copied()))
            .into_tuple::<(i64, String, bool)>()
            .all(&txn)
            .await?
        {
            if let Some(c) = graded.get(&attempt_id) {
                let v = g.findings.entry(finding_key(c, kind)).or_default();
                v.0 += i64::from(found);
                v.1 += 1;
            }
        }
    }

    // The people rows as stored: only those whose months or roles grow are written (most
    // events fall in a month already counted), and the course grain's histogram moves each
    // person whose months or roles in a course grew from the bucket of their former ones to
    // the new one.
    let eras: Vec<i32> = {
        let mut e: Vec<i32> = g.people.keys().map(|k| k.1).collect();
        e.sort_unstable();
        e.dedup();
        e
    };
    let stored = people_rows(&txn, &eras, &persons).await?;
    let mut moves: HashMap<CourseMonthsKey, i64> = HashMap::new();
    let mut people = Vec::new();
    for (key, (months, roles)) in g.people {
        let old = stored.get(&key).copied();
        let new = old.map_or((months, roles), |(m, r)| (m | months, r | roles));
        if old == Some(new) {
            continue;
        }
        let (grain, era, _, course, _, _, _) = key;
        if grain == 4 {
            *moves.entry((era, course, new.0, new.1)).or_default() += 1;
            if let Some((m, r)) = old {
                *moves.entry((era, course, m, r)).or_default() -= 1;
            }
        }
        people.push((key, new));
    }

    // Rows in key order, so concurrent writers (a rebuild) lock them in the same order.
    let mut cells: Vec<_> = g.cells.into_iter().collect();
    cells.sort_by(|a, b| a.0.cmp(&b.0));
    write_cells(&txn, &cells, true).await?;
    let mut moves: Vec<_> = moves.into_iter().filter(|(_, n)| *n != 0).collect();
    moves.sort_unstable();
    write_course_months(&txn, &moves, true).await?;
    people.sort_by(|a, b| a.0.cmp(&b.0));
    write_people(&txn, &people, true).await?;
    let tests: Vec<_> = changed_tests
        .into_iter()
        .filter_map(|k| g.tests.remove(&k).map(|t| (k, t)))
        .collect();
    write_tests(&txn, &tests, true).await?;
    let mut findings: Vec<_> = g.findings.into_iter().collect();
    findings.sort_by(|a, b| a.0.cmp(&b.0));
    write_findings(&txn, &findings, true).await?;
    txn.commit().await?;
    Ok(events.len())
}

/// The stored people rows of `persons` in `eras`, at every grain: key → (months, roles).
async fn people_rows(
    db: &impl ConnectionTrait,
    eras: &[i32],
    persons: &[i64],
) -> AppResult<HashMap<PeopleKey, (i64, i32)>> {
    use ProgressPeople as P;
    let mut out = HashMap::new();
    for chunk in persons.chunks(CHUNK) {
        // The leading columns of the primary key: one index probe per grain, era and person.
        let q = Query::select()
            .columns(people_columns())
            .from(P::Table)
            .and_where(Expr::col(P::Grain).is_in([0, 1, 2, 3, 4]))
            .and_where(Expr::col(P::Era).is_in(eras.iter().copied()))
            .and_where(Expr::col(P::PersonId).is_in(chunk.iter().copied()))
            .to_owned();
        for r in db.query_all(db.get_database_backend().build(&q)).await? {
            out.insert(
                (
                    r.try_get_by_index(0)?,
                    r.try_get_by_index(1)?,
                    r.try_get_by_index(2)?,
                    r.try_get_by_index(3)?,
                    r.try_get_by_index(4)?,
                    r.try_get_by_index(5)?,
                    r.try_get_by_index(6)?,
                ),
                (r.try_get_by_index(7)?, r.try_get_by_index(8)?),
            );
        }
    }
    Ok(out)
}

async fn load_tests(
    db: &impl ConnectionTrait,
    (person, course): (i64, i64),
) -> AppResult<Option<Tests>> {
    use ProgressTests as T;
    let q = Query::select()
        .columns([
            T::PreBest,
            T::PostBest,
            T::PostMonth,
            T::PostAgencyId,
            T::PostCountryCode,
            T::PostClassId,
            T::PostRoleMask,
        ])
        .from(T::Table)
        .and_where(Expr::col(T::PersonId).eq(person))
        .and_where(Expr::col(T::CourseId).eq(course))
        .to_owned();
    let Some(r) = db.query_one(db.get_database_backend().build(&q)).await? else {
        return Ok(None);
    };
    let post: Option<f64> = r.try_get_by_index(1)?;
    Ok(Some(Tests {
        pre: r.try_get_by_index(0)?,
        post,
        at: post
            .map(|_| -> AppResult<Coord> {
                Ok(Coord {
                    mi: r.try_get_by_index(2)?,
                    agency: r.try_get_by_index(3)?,
                    country: r.try_get_by_index(4)?,
                    course,
                    class: r.try_get_by_index(5)?,
                    roles: r.try_get_by_index(6)?,
                })
            })
            .transpose()?,
    }))
}

/// Events read per page while rebuilding.
const PAGE: u64 = 20_000;

/// Rebuilds every roll-up from the learning events (and the attempts and findings they point
/// to), in one transaction, reporting progress on standard error when `verbose`. Returns the
/// number of events read. Meant for a quiet moment (start-up, the `progress rebuild`
/// command): an event committed while the rebuild reads, with an id below the last one it
/// read, would be missed until the next rebuild.
pub async fn rebuild(db: &DatabaseConnection, verbose: bool) -> AppResult<usize> {
    use crate::server::entities::{attempt, exercise_finding, person_role, quiz};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut masks: HashMap<i64, i32> = HashMap::new();
    let pairs: Vec<(i64, String)> = person_role::Entity::find()
        .select_only()
        .columns([person_role::Column::PersonId, person_role::Column::Role])
        .into_tuple()
        .all(db)
        .await?;
    for (p, r) in &pairs {
        *masks.entry(*p).or_default() |= role_mask([r.as_str()]);
    }
    let quiz_roles: HashMap<i64, String> = quiz::Entity::find()
        .select_only()
        .columns([quiz::Column::Id, quiz::Column::Role])
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let total = learning_event::Entity::find()
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "n")
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0) as usize;

    let mut g = Gathered::default();
    // The coordinates of graded exercise answers, for their findings.
    let mut graded: HashMap<i64, Coord> = HashMap::new();
    let mut last = 0i64;
    let mut upto = 0i64;
    let mut read = 0usize;
    loop {
        let page = learning_event::Entity::find()
            .filter(learning_event::Column::Id.gt(last))
            .order_by_asc(learning_event::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(tail) = page.last() else { break };
        last = tail.id;
        upto = last;
        let attempt_ids: Vec<i64> = page
            .iter()
            .filter(|e| e.kind == events::ATTEMPT_SUBMITTED)
            .filter_map(|e| e.ref_id)
            .collect();
        let mut quiz_of: HashMap<i64, i64> = HashMap::new();
        for ids in attempt_ids.chunks(5_000) {
            quiz_of.extend(
                attempt::Entity::find()
                    .select_only()
                    .columns([attempt::Column::Id, attempt::Column::QuizId])
                    .filter(attempt::Column::Id.is_in(ids.to_vec()))
                    .into_tuple::<(i64, i64)>()
                    .all(db)
                    .await?,
            );
        }
        for e in &page {
            let coord = Coord::of(e, masks.get(&e.person_id).copied().unwrap_or(0));
            g.person(e.person_id, &coord);
            let quiz_role = match (e.kind.as_str(), e.ref_id) {
                (events::ATTEMPT_SUBMITTED, Some(a)) => quiz_of
                    .get(&a)
                    .and_then(|q| quiz_roles.get(q))
                    .map(String::as_str),
                _ => None,
            };
            let key = (e.person_id, e.course_id.unwrap_or(0));
            // Only pre- and post-tests have a participation state to keep.
            let mut scratch = Tests::default();
            let tests = if matches!(quiz_role, Some("pre_test" | "post_test")) {
                g.tests.entry(key).or_default()
            } else {
                &mut scratch
            };
            let (changes, _) = changes(&e.kind, &coord, e.score, quiz_role, tests);
            g.cells_of(changes);
            if let (events::EXERCISE_GRADED, Some(a)) = (e.kind.as_str(), e.ref_id) {
                graded.insert(a, coord);
            }
        }
        read += page.len();
        if verbose {
            super::demo_scale::progress("roll-ups", read, total);
        }
    }
    let mut last = 0i64;
    loop {
        let page = exercise_finding::Entity::find()
            .filter(exercise_finding::Column::Id.gt(last))
            .order_by_asc(exercise_finding::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(tail) = page.last() else { break };
        last = tail.id;
        for f in page {
            if let Some(c) = graded.get(&f.attempt_id) {
                let v = g.findings.entry(finding_key(c, f.kind)).or_default();
                v.0 += i64::from(f.found);
                v.1 += 1;
            }
        }
    }

    let mut histogram: HashMap<CourseMonthsKey, i64> = HashMap::new();
    for ((grain, era, _, course, _, _, _), (months, roles)) in &g.people {
        if *grain == 4 {
            *histogram
                .entry((*era, *course, *months, *roles))
                .or_default() += 1;
        }
    }
    let _gate = super::write_gate(db).await;
    let txn = db.begin().await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({FOLD_LOCK})"))
            .await?;
    }
    // The events read are counted now; any written since stay pending for the next fold.
    txn.execute_unprepared(&format!(
        "DELETE FROM progress_pending WHERE event_id <= {upto}"
    ))
    .await?;
    for t in [
        "progress_cells",
        "progress_course_months",
        "progress_people",
        "progress_tests",
        "progress_findings",
    ] {
        txn.execute_unprepared(&format!("DELETE FROM {t}")).await?;
    }
    let cells: Vec<_> = g.cells.into_iter().collect();
    write_cells(&txn, &cells, false).await?;
    let people: Vec<_> = g.people.into_iter().collect();
    write_people(&txn, &people, false).await?;
    let histogram: Vec<_> = histogram.into_iter().collect();
    write_course_months(&txn, &histogram, false).await?;
    let tests: Vec<_> = g
        .tests
        .into_iter()
        .filter(|(_, t)| *t != Tests::default())
        .collect();
    write_tests(&txn, &tests, false).await?;
    let findings: Vec<_> = g.findings.into_iter().collect();
    write_findings(&txn, &findings, false).await?;
    txn.commit().await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Outside the transaction: sets the visibility map, so counts read the indexes only.
        db.execute_unprepared(
            "VACUUM ANALYZE progress_cells, progress_people, progress_course_months, \
             progress_tests, progress_findings",
        )
        .await?;
    }
    Ok(read)
}

/// Rebuilds the roll-ups when they are empty while events exist (after the migration that
/// created them, or a restore of an older backup).
pub async fn ensure_built(db: &DatabaseConnection) -> AppResult<()> {
    let any = |sql: &'static str| async move {
        AppResult::Ok(
            db.query_one(sea_orm::Statement::from_string(
                db.get_database_backend(),
                sql,
            ))
            .await?
            .is_some(),
        )
    };
    if !any("SELECT 1 FROM progress_cells LIMIT 1").await?
        && any("SELECT 1 FROM learning_events LIMIT 1").await?
    {
        rebuild(db, false).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_eras() {
        assert_eq!(month_index(2000, 1), 0);
        assert_eq!(month_index(2026, 11), 26 * 12 + 10);
        assert_eq!(yyyymm(month_index(2026, 11)), 202611);
        assert_eq!(from_yyyymm(202601), month_index(2026, 1));
        assert_eq!(era(month_index(2025, 1)), 5);
        assert_eq!(era(month_index(2029, 12)), 5);
        assert_eq!(era(month_index(2030, 1)), 6);
        assert_eq!(month_bit(month_index(2030, 1)), 1);
    }

    #[test]
    fn a_better_post_test_moves_the_participation() {
        let at = |mi| Coord {
            mi,
            course: 1,
            ..Coord::default()
        };
        let mut t = Tests::default();
        let (c, ch) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(1),
            Some(40.0),
            Some("pre_test"),
            &mut t,
        );
        assert!(ch);
        assert_eq!(c.len(), 1, "a pre-test alone counts nowhere yet");
        let (c, _) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(2),
            Some(70.0),
            Some("post_test"),
            &mut t,
        );
        assert_eq!(c[1].0.mi, 2);
        assert_eq!(c[1].1.posts, 1);
        assert!((c[1].1.gain_sum - 0.5).abs() < 1e-9);
        let (c, ch) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(3),
            Some(60.0),
            Some("post_test"),
            &mut t,
        );
        assert!(!ch && c.len() == 1, "a lower post-test changes nothing");
        let (c, _) = changes(
            events::ATTEMPT_SUBMITTED,
            &at(4),
            Some(80.0),
            Some("post_test"),
            &mut t,
        );
        assert_eq!((c[1].0.mi, c[1].1.posts), (2, -1));
        assert_eq!((c[2].0.mi, c[2].1.posts), (4, 1));
    }

    #[test]
    fn the_gain_starts_from_the_first_pre_test_as_in_class_results() {
        let at = Coord {
            course: 1,
            ..Coord::default()
        };
        let mut t = Tests::default();
        for (score, role) in [(20.0, "pre_test"), (80.0, "pre_test"), (90.0, "post_test")] {
            changes(
                events::ATTEMPT_SUBMITTED,
                &at,
                Some(score),
                Some(role),
                &mut t,
            );
        }
        let (_, m) = t.contribution().unwrap();
        let class = assessments::results::class_gain(&[(20.0, 90.0)]).unwrap().0;
        assert!((m.gain_sum - 0.875).abs() < 1e-9, "{}", m.gain_sum);
        assert!(
            (m.gain_sum - class).abs() < 1e-9,
            "the dashboard and the class agree"
        );
    }
}
