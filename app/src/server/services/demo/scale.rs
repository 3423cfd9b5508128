//! Data at the scale of a national programme, for benchmarks: `checkpoint demo --scale large`
//! writes about 100,000 trainees in 300 agencies of 60 countries, 40 courses with their pre-
//! and post-tests, classes, and 5,000,000 learning events over two years — the same rows for
//! the same seed, on SQLite or PostgreSQL. Rows are written in multi-row inserts inside
//! transactions of 50,000, with a progress line on standard error.
//!
//! The generated people cannot sign in (their password hash is not a hash).

use crate::error::AppResult;
use crate::model::{AgencyKind, AttemptStatus, EventKind, QuizRole};
use crate::server::entities::{
    agency, attempt, class, country, course, course_module, enrolment, learning_event, lesson,
    person, person_role, quiz,
};
use crate::server::services::progress::events;
use content::specimens::Rng;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::io::Write;

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Countries.
    pub countries: usize,
    /// Agencies per country.
    pub agencies_per_country: usize,
    /// Courses.
    pub courses: usize,
    /// Trainees.
    pub trainees: usize,
    /// Learning events.
    pub events: usize,
}

/// `--scale large`.
pub const LARGE: Size = Size {
    countries: 60,
    agencies_per_country: 5,
    courses: 40,
    trainees: 100_000,
    events: 5_000_000,
};

/// Login prefix of generated people (their presence means the data is there).
const PREFIX: &str = "scale-";
const BATCH: usize = 1_000;
const COMMIT_EVERY: usize = 50_000;

pub(crate) fn progress(what: &str, done: usize, total: usize) {
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "\r  {what}: {done:>9} / {total} ({:>3} %)",
        done * 100 / total.max(1)
    );
    if done >= total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

/// Generates `size` with `seed` unless generated people already exist. Returns the number of
/// learning events written.
pub async fn generate(db: &DatabaseConnection, size: Size, seed: u64) -> AppResult<usize> {
    let exists = person::Entity::find()
        .filter(person::Column::Login.starts_with(PREFIX))
        .count(db)
        .await?
        > 0;
    if exists {
        eprintln!("  scale data already present: nothing to do");
        return Ok(0);
    }
    let mut rng = Rng::new(seed);
    let now = crate::server::services::now();
    let start = time::macros::datetime!(2025-01-01 00:00 UTC);
    let span_minutes = (now - start).whole_minutes().max(1) as u64;

    // Countries (from the ISO list) and their agencies.
    let codes: Vec<String> = country::Entity::find()
        .order_by_asc(country::Column::Code)
        .select_only()
        .column(country::Column::Code)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .filter(|c| c != "UTO")
        .take(size.countries)
        .collect();
    let txn = db.begin().await?;
    let mut agency_rows = Vec::new();
    for code in &codes {
        for n in 0..size.agencies_per_country {
            let kind = AgencyKind::ALL[n % AgencyKind::ALL.len()];
            agency_rows.push(agency::ActiveModel {
                name: Set(format!(
                    "{code} {} {}",
                    kind.code().replace('_', " "),
                    n + 1
                )),
                country_code: Set(code.clone()),
                kind: Set(kind),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
    }
    for chunk in agency_rows.chunks(BATCH) {
        agency::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    let agencies: Vec<(i64, String)> = agency::Entity::find()
        .filter(agency::Column::CountryCode.is_in(codes.clone()))
        .order_by_asc(agency::Column::Id)
        .select_only()
        .columns([agency::Column::Id, agency::Column::CountryCode])
        .into_tuple()
        .all(db)
        .await?;
    eprintln!("  {} countries, {} agencies", codes.len(), agencies.len());

    // Courses, each with one module of five lessons, a pre-test and a post-test.
    let mut course_ids = Vec::new();
    let mut lessons_of: Vec<Vec<i64>> = Vec::new();
    let mut tests_of: Vec<(i64, i64)> = Vec::new();
    let txn = db.begin().await?;
    for i in 0..size.courses {
        let c = course::Entity::insert(course::ActiveModel {
            slug: Set(format!("{PREFIX}course-{:02}", i + 1)),
            title: Set(format!("Scale course {:02}", i + 1)),
            summary: Set("Generated for benchmarks.".into()),
            language: Set("en".into()),
            kind: Set(content::pack::CourseKind::Thematic),
            audience: Set("Benchmark trainees".into()),
            competencies: Set("[]".into()),
            estimated_hours: Set(4.0),
            version: Set("1.0.0".into()),
            published: Set(false),
            certificate_rule: Set("earned".into()),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let m = course_module::Entity::insert(course_module::ActiveModel {
            course_id: Set(c),
            position: Set(1),
            slug: Set("module".into()),
            title: Set("Module".into()),
            summary: Set(String::new()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let mut lessons = Vec::new();
        for l in 0..5 {
            lessons.push(
                lesson::Entity::insert(lesson::ActiveModel {
                    module_id: Set(m),
                    course_id: Set(c),
                    position: Set(l + 1),
                    slug: Set(format!("lesson-{}", l + 1)),
                    title: Set(format!("Lesson {}", l + 1)),
                    objectives: Set(String::new()),
                    duration_minutes: Set(20),
                    body: Set(String::new()),
                    body_html: Set(String::new()),
                    published: Set(true),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id,
            );
        }
        let test = |role: QuizRole| quiz::ActiveModel {
            course_id: Set(c),
            slug: Set(role.code().replace('_', "-")),
            title: Set(role.code().replace('_', "-")),
            role: Set(role),
            intro: Set(String::new()),
            pass_mark: Set(70.0),
            time_limit_secs: Set(None),
            attempts_allowed: Set(0),
            shuffle_questions: Set(false),
            shuffle_options: Set(false),
            show_answers: Set("after_submit".into()),
            published: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let pre = quiz::Entity::insert(test(QuizRole::PreTest))
            .exec(&txn)
            .await?
            .last_insert_id;
        let post = quiz::Entity::insert(test(QuizRole::PostTest))
            .exec(&txn)
            .await?
            .last_insert_id;
        course_ids.push(c);
        lessons_of.push(lessons);
        tests_of.push((pre, post));
    }
    txn.commit().await?;

    // One class per course and country.
    let txn = db.begin().await?;
    let mut class_rows = Vec::new();
    for (ci, c) in course_ids.iter().enumerate() {
        for code in &codes {
            class_rows.push(class::ActiveModel {
                course_id: Set(*c),
                name: Set(format!("Scale course {:02} — {code}", ci + 1)),
                starts_on: Set(time::macros::date!(2025 - 01 - 06)),
                ends_on: Set(time::macros::date!(2026 - 12 - 18)),
                location: Set(code.clone()),
                training_of_trainers: Set(false),
                join_code: Set(format!("S{ci:02}{code}")),
                created_by: Set(None),
                created_at: Set(now),
                ..Default::default()
            });
        }
    }
    for chunk in class_rows.chunks(BATCH) {
        class::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    let classes: std::collections::HashMap<(i64, String), i64> = class::Entity::find()
        .filter(class::Column::CourseId.is_in(course_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| ((c.course_id, c.location), c.id))
        .collect();

    // Trainees.
    let first_id: i64 = person::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::Expr::cust("COALESCE(MAX(\"id\"), 0)"),
            "m",
        )
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0)
        + 1;
    let mut people: Vec<(i64, usize)> = Vec::with_capacity(size.trainees);
    let mut txn = db.begin().await?;
    let mut rows = Vec::with_capacity(BATCH);
    let mut roles = Vec::with_capacity(BATCH);
    for i in 0..size.trainees {
        let id = first_id + i as i64;
        let a = rng.below(agencies.len() as u64) as usize;
        people.push((id, a));
        rows.push(person::ActiveModel {
            id: Set(id),
            login: Set(format!("{PREFIX}{:06}", i + 1)),
            display_name: Set(format!("Trainee {:06}", i + 1)),
            email: Set(None),
            password_hash: Set("!".into()),
            agency_id: Set(Some(agencies[a].0)),
            position_id: Set(None),
            active: Set(true),
            language: Set("en".into()),
            must_change_password: Set(false),
            session_epoch: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
        });
        roles.push(person_role::ActiveModel {
            person_id: Set(id),
            role: Set(crate::model::Role::Trainee),
        });
        if rows.len() == BATCH || i + 1 == size.trainees {
            person::Entity::insert_many(std::mem::take(&mut rows))
                .exec_without_returning(&txn)
                .await?;
            person_role::Entity::insert_many(std::mem::take(&mut roles))
                .exec_without_returning(&txn)
                .await?;
            if (i + 1) % COMMIT_EVERY == 0 {
                txn.commit().await?;
                txn = db.begin().await?;
            }
            progress("trainees", i + 1, size.trainees);
        }
    }
    txn.commit().await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared(
            "SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT MAX(id) FROM people))",
        )
        .await?;
    }

    // Learning events: each trainee takes one to three courses; per course an enrolment,
    // lessons viewed and completed, a pre-test and (for most) a post-test with its attempt,
    // exercises, and for some a certificate — until the target number of events is reached.
    let per_person = (size.events / size.trainees.max(1)).max(1);
    let mut written = 0usize;
    let mut txn = db.begin().await?;
    let mut batch: Vec<learning_event::ActiveModel> = Vec::with_capacity(BATCH);
    let mut attempts: Vec<attempt::ActiveModel> = Vec::new();
    let mut enrolments: Vec<enrolment::ActiveModel> = Vec::new();
    let mut next_attempt: i64 = attempt::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::Expr::cust("COALESCE(MAX(\"id\"), 0)"),
            "m",
        )
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0)
        + 1;
    let mut since_commit = 0usize;
    for (pi, (person_id, a)) in people.iter().enumerate() {
        let (agency_id, code) = &agencies[*a];
        let budget = if pi + 1 == people.len() {
            size.events - written
        } else {
            per_person
        };
        let mut left = budget;
        let mut taken: Vec<usize> = Vec::new();
        // Attempt numbers per quiz, for this person.
        let mut numbers: std::collections::HashMap<i64, i32> = std::collections::HashMap::new();
        let mut number = |quiz: i64| {
            let n = numbers.entry(quiz).or_insert(0);
            *n += 1;
            *n
        };
        while left > 0 {
            let ci = rng.below(course_ids.len() as u64) as usize;
            let course_id = course_ids[ci];
            let class_id = classes.get(&(course_id, code.clone())).copied();
            let mut t = start + time::Duration::minutes(rng.below(span_minutes * 9 / 10) as i64);
            let mut push = |kind: EventKind,
                            lesson: Option<i64>,
                            ref_id: Option<i64>,
                            score: Option<f64>,
                            at: time::OffsetDateTime| {
                batch.push(learning_event::ActiveModel {
                    person_id: Set(*person_id),
                    kind: Set(kind),
                    course_id: Set(Some(course_id)),
                    lesson_id: Set(lesson),
                    class_id: Set(class_id),
                    agency_id: Set(Some(*agency_id)),
                    country_code: Set(Some(code.clone())),
                    at: Set(at),
                    ref_id: Set(ref_id),
                    score: Set(score),
                    ..Default::default()
                });
            };
            if !taken.contains(&ci) {
                taken.push(ci);
                push(events::EventKind::Enrolled, None, None, None, t);
                left -= 1;
                if let Some(class_id) = class_id {
                    enrolments.push(enrolment::ActiveModel {
                        class_id: Set(class_id),
                        person_id: Set(*person_id),
                        enrolled_at: Set(t),
                    });
                }
                // Pre-test.
                if left > 0 {
                    let pre = 30.0 + rng.below(50) as f64;
                    attempts.push(attempt_row(
                        next_attempt,
                        tests_of[ci].0,
                        number(tests_of[ci].0),
                        *person_id,
                        class_id,
                        t,
                        pre,
                    ));
                    push(
                        events::EventKind::AttemptSubmitted,
                        None,
                        Some(next_attempt),
                        Some(pre),
                        t,
                    );
                    next_attempt += 1;
                    left -= 1;
                }
            }
            // Lessons, exercises, then perhaps the post-test and a certificate.
            for &lesson_id in &lessons_of[ci] {
                if left == 0 {
                    break;
                }
                t += time::Duration::minutes(5 + rng.below(600) as i64);
                let kind = match rng.below(10) {
                    0..=5 => events::EventKind::LessonViewed,
                    6..=8 => events::EventKind::LessonCompleted,
                    _ => events::EventKind::ExerciseGraded,
                };
                let score =
                    (kind == events::EventKind::ExerciseGraded).then(|| rng.below(101) as f64);
                push(
                    kind,
                    (kind != events::EventKind::ExerciseGraded).then_some(lesson_id),
                    None,
                    score,
                    t,
                );
                left -= 1;
            }
            if left > 0 && rng.below(3) > 0 {
                t += time::Duration::days(1 + rng.below(20) as i64);
                let post = 50.0 + rng.below(51) as f64;
                attempts.push(attempt_row(
                    next_attempt,
                    tests_of[ci].1,
                    number(tests_of[ci].1),
                    *person_id,
                    class_id,
                    t,
                    post,
                ));
                push(
                    events::EventKind::AttemptSubmitted,
                    None,
                    Some(next_attempt),
                    Some(post),
                    t,
                );
                next_attempt += 1;
                left -= 1;
                if left > 0 && post >= 70.0 {
                    push(events::EventKind::CertificateIssued, None, None, None, t);
                    left -= 1;
                }
            }
        }
        written += budget;
        since_commit += budget;
        if batch.len() >= BATCH || pi + 1 == people.len() {
            for chunk in batch.chunks(BATCH) {
                learning_event::Entity::insert_many(chunk.to_vec())
                    .exec_without_returning(&txn)
                    .await?;
            }
            batch.clear();
            for chunk in attempts.chunks(BATCH) {
                attempt::Entity::insert_many(chunk.to_vec())
                    .exec_without_returning(&txn)
                    .await?;
            }
            attempts.clear();
            for chunk in enrolments.chunks(BATCH) {
                enrolment::Entity::insert_many(chunk.to_vec())
                    .on_conflict(
                        sea_orm::sea_query::OnConflict::columns([
                            enrolment::Column::ClassId,
                            enrolment::Column::PersonId,
                        ])
                        .do_nothing()
                        .to_owned(),
                    )
                    .exec_without_returning(&txn)
                    .await?;
            }
            enrolments.clear();
            if since_commit >= COMMIT_EVERY {
                txn.commit().await?;
                txn = db.begin().await?;
                since_commit = 0;
                progress("learning events", written, size.events);
            }
        }
    }
    txn.commit().await?;
    progress("learning events", written, size.events);
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared(
            "SELECT setval(pg_get_serial_sequence('attempts', 'id'), (SELECT MAX(id) FROM attempts))",
        )
        .await?;
        db.execute_unprepared("ANALYZE").await?;
    }
    crate::server::services::progress::rollups::rebuild(db, true).await?;
    Ok(written)
}

fn attempt_row(
    id: i64,
    quiz_id: i64,
    number: i32,
    person_id: i64,
    class_id: Option<i64>,
    at: time::OffsetDateTime,
    percent: f64,
) -> attempt::ActiveModel {
    attempt::ActiveModel {
        id: Set(id),
        quiz_id: Set(quiz_id),
        person_id: Set(person_id),
        class_id: Set(class_id),
        number: Set(number),
        status: Set(AttemptStatus::Submitted),
        started_at: Set(at),
        deadline: Set(None),
        submitted_at: Set(Some(at)),
        score: Set(Some(percent / 10.0)),
        max_score: Set(10.0),
        percent: Set(Some(percent)),
        passed: Set(Some(percent >= 70.0)),
        language: Set(None),
    }
}
