//! Taking an exercise: a course's exercise list, the exercise as the trainee sees it (no key),
//! reading the answer form, and recording a graded attempt with its learning event; a drill's
//! clock.

use super::*;
use crate::model::exercise::DrillTimer;

/// A timed exercise's clock, kept on the server: started when the trainee opens the exercise,
/// read and cleared when the answer is recorded.
mod clock {
    use super::*;
    use crate::server::entities::exercise_start;
    use sea_orm::DatabaseTransaction;

    /// When `person` started exercise `exercise` for the answer not yet given: the start
    /// already recorded, or now (recorded).
    pub async fn start(
        db: &DatabaseConnection,
        exercise: i64,
        person: i64,
    ) -> AppResult<time::OffsetDateTime> {
        let find = || {
            exercise_start::Entity::find()
                .filter(exercise_start::Column::ExerciseId.eq(exercise))
                .filter(exercise_start::Column::PersonId.eq(person))
                .one(db)
        };
        if let Some(s) = find().await? {
            return Ok(s.started_at);
        }
        let now = crate::server::services::now();
        let row = exercise_start::ActiveModel {
            exercise_id: Set(exercise),
            person_id: Set(person),
            started_at: Set(now),
            ..Default::default()
        };
        let _gate = crate::server::services::write_gate(db).await;
        // Two tabs opening at once: the unique index keeps the first start.
        if exercise_start::Entity::insert(row).exec(db).await.is_err()
            && let Some(s) = find().await?
        {
            return Ok(s.started_at);
        }
        Ok(now)
    }

    /// Whole seconds since `started` (never negative).
    pub fn seconds_since(started: time::OffsetDateTime) -> u32 {
        let d = crate::server::services::now() - started;
        u32::try_from(d.whole_seconds().max(0)).unwrap_or(u32::MAX)
    }

    /// Seconds `person` took on exercise `exercise` since its start, which is cleared (the
    /// next attempt starts a new clock); `None` when it was never opened.
    pub async fn finish(
        txn: &DatabaseTransaction,
        exercise: i64,
        person: i64,
    ) -> AppResult<Option<u32>> {
        let started = exercise_start::Entity::find()
            .filter(exercise_start::Column::ExerciseId.eq(exercise))
            .filter(exercise_start::Column::PersonId.eq(person))
            .one(txn)
            .await?;
        let Some(started) = started else {
            return Ok(None);
        };
        exercise_start::Entity::delete_by_id(started.id)
            .exec(txn)
            .await?;
        Ok(Some(seconds_since(started.started_at)))
    }
}

/// The exercises of course `slug` that `user` may see, with their best score.
pub async fn course_exercises(
    db: &DatabaseConnection,
    user: &CurrentUser,
    slug: &str,
) -> AppResult<Vec<ExerciseRow>> {
    use crate::server::services::learn::courses;
    let c = courses::visible_course(db, user, slug).await?;
    let modules = courses::modules_in_order(db, c.id).await?;
    let seen = crate::server::services::learn::class_items::Seen::of(db, user, &c).await?;
    exercises_of(db, user, &c, &modules, &seen).await
}

/// The exercises of course `c`, which `user` may read: published ones, or all for its
/// authors; with `user`'s best score in each. `modules` are the course's.
pub async fn exercises_of(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
    modules: &[crate::server::entities::course_module::Model],
    seen: &crate::server::services::learn::class_items::Seen,
) -> AppResult<Vec<ExerciseRow>> {
    listed(db, user, c, modules, None, seen).await
}

/// The exercises of course `c` that `user` sees (of class `only_class` alone when given).
pub(super) async fn listed(
    db: &DatabaseConnection,
    user: &CurrentUser,
    c: &course::Model,
    modules: &[crate::server::entities::course_module::Model],
    only_class: Option<i64>,
    seen: &crate::server::services::learn::class_items::Seen,
) -> AppResult<Vec<ExerciseRow>> {
    use crate::server::services::learn::class_items;
    let author = may_edit(user, c);
    // A class's trainers also see the drafts of their class's own exercises.
    let trained = class_items::trained_classes(db, user).await?;
    let mut q = exercise::Entity::find()
        .select_only()
        .columns([
            exercise::Column::Id,
            exercise::Column::Title,
            exercise::Column::Kind,
            exercise::Column::ModuleId,
            exercise::Column::Published,
            exercise::Column::ImageHash,
            exercise::Column::ClassId,
        ])
        .filter(exercise::Column::CourseId.eq(c.id))
        .order_by_asc(exercise::Column::Position)
        .order_by_asc(exercise::Column::Id);
    if !author && trained.is_empty() {
        q = q.filter(exercise::Column::Published.eq(true));
    }
    if let Some(k) = only_class {
        q = q.filter(exercise::Column::ClassId.eq(k));
    }
    type Listed = (
        i64,
        String,
        ExerciseKind,
        Option<i64>,
        bool,
        String,
        Option<i64>,
    );
    let rows: Vec<(i64, String, ExerciseKind, Option<i64>, bool, String)> = q
        .into_tuple::<Listed>()
        .all(db)
        .await?
        .into_iter()
        .filter(|r| seen.sees(r.6))
        .filter(|r| author || r.4 || r.6.is_some_and(|k| trained.contains(&k)))
        .map(|r| (r.0, r.1, r.2, r.3, r.4, r.5))
        .collect();
    let modules: std::collections::HashMap<i64, &str> =
        modules.iter().map(|m| (m.id, m.title.as_str())).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut best: std::collections::HashMap<i64, f64> = std::collections::HashMap::new();
    let scores: Vec<(i64, f64, f64)> = exercise_attempt::Entity::find()
        .select_only()
        .columns([
            exercise_attempt::Column::ExerciseId,
            exercise_attempt::Column::Score,
            exercise_attempt::Column::MaxScore,
        ])
        .filter(exercise_attempt::Column::PersonId.eq(user.id))
        .filter(exercise_attempt::Column::ExerciseId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    for (id, score, max) in scores {
        let p = if max > 0.0 { 100.0 * score / max } else { 0.0 };
        let b = best.entry(id).or_insert(p);
        *b = b.max(p);
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, title, kind, module_id, published, image)| ExerciseRow {
                id,
                title,
                kind,
                module: module_id.and_then(|m| modules.get(&m).map(|t| t.to_string())),
                published,
                image,
                best: best.get(&id).copied(),
            },
        )
        .collect())
}

pub(super) fn view_of(
    e: &exercise::Model,
    c: &course::Model,
    author: bool,
) -> AppResult<ExerciseView> {
    let kind = e.kind;
    let spec = spec_of(e)?;
    let checklist = match kind {
        ExerciseKind::Verdict => spec
            .verdict
            .as_ref()
            .map(|k| k.features.iter().map(|f| f.text.clone()).collect())
            .unwrap_or_default(),
        ExerciseKind::Impostor => spec
            .impostor
            .as_ref()
            .map(|k| k.reasons.iter().map(|f| f.text.clone()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(ExerciseView {
        id: e.id,
        course_slug: c.slug.clone(),
        course_title: c.title.clone(),
        language: c.language.clone(),
        title: e.title.clone(),
        kind,
        instructions_html: render(&e.instructions),
        image: ImageRef {
            hash: e.image_hash.clone(),
            width: e.width,
            height: e.height,
        },
        reference: spec.reference.clone(),
        views: spec
            .views
            .iter()
            .map(|v| ViewShown {
                light: v.light.clone(),
                image: v.image.clone(),
                question: v.question.clone(),
                options: v.options.clone(),
            })
            .collect(),
        checklist,
        bearers: spec.impostor.map(|k| k.bearers).unwrap_or_default(),
        mrz_lines: Vec::new(),
        preview: author,
        attempts: Vec::new(),
        timer: None,
    })
}

/// The option chosen per light view, from the texts the form sent; a text the view does not
/// offer is refused on its field.
pub(super) fn view_choices(
    spec: &ExerciseSpec,
    texts: &[Option<String>],
) -> AppResult<Vec<Option<usize>>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| match text {
            None => Ok(None),
            Some(t) => spec
                .views
                .get(i)
                .and_then(|v| v.options.iter().position(|o| o == t))
                .map(Some)
                .ok_or_else(|| AppError::field(&format!("view{i}"), Msg::ErrInvalid)),
        })
        .collect()
}

/// Exercise `id` as the trainee sees it, with their past attempts. Opening a timed
/// exercise starts its clock (reopening it does not restart the clock until the answer is
/// given).
pub async fn view(db: &DatabaseConnection, user: &CurrentUser, id: i64) -> AppResult<ExerciseView> {
    let (e, c, author) = readable(db, user, id).await?;
    let mut v = view_of(&e, &c, author)?;
    if let Some(limit) = spec_of(&e)?.time_limit_secs {
        let started = clock::start(db, e.id, user.id).await?;
        let taken = clock::seconds_since(started);
        v.timer = Some(DrillTimer {
            limit,
            left: limit.saturating_sub(taken),
        });
    }
    // Light-view options in a new random order on every page: their order says nothing of
    // the author's (where the right answer often comes first).
    for ViewShown { options, .. } in &mut v.views {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        assessments::results::SeededRng::new(OsRng.next_u64()).shuffle(options);
    }
    v.attempts = exercise_attempt::Entity::find()
        .filter(exercise_attempt::Column::ExerciseId.eq(e.id))
        .filter(exercise_attempt::Column::PersonId.eq(user.id))
        .order_by_desc(exercise_attempt::Column::Id)
        .limit(20)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let p = if a.max_score > 0.0 {
                100.0 * a.score / a.max_score
            } else {
                0.0
            };
            PastAttempt {
                id: a.id,
                percent: p,
                at: crate::server::services::quizzes::attempts::stamp(a.at),
            }
        })
        .collect();
    Ok(v)
}

/// Grades and records `user`'s answer to exercise `id`: the attempt, its findings and a
/// learning event, all or nothing. Returns the attempt id.
pub async fn submit(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i64,
    answer: ExerciseAnswer,
) -> AppResult<i64> {
    let (e, c, author) = readable(db, user, id).await?;
    let kind = e.kind;
    let spec = spec_of(&e)?;
    let mut answer = answer;
    answer.views = view_choices(&spec, &answer.view_texts)?;
    let (mut outcome, findings) = grade(kind, &spec, e.width, e.height, &answer)?;
    let now = crate::server::services::now();
    let _gate = crate::server::services::write_gate(db).await;
    let txn = db.begin().await?;
    if spec.time_limit_secs.is_some() {
        let taken = clock::finish(&txn, e.id, user.id).await?;
        assessments::examination::apply_time_limit(&mut outcome, spec.time_limit_secs, taken);
    }
    let a = exercise_attempt::ActiveModel {
        exercise_id: Set(e.id),
        person_id: Set(user.id),
        answer: Set(serde_json::to_string(&answer).unwrap_or_default()),
        result: Set(serde_json::to_string(&outcome).unwrap_or_default()),
        score: Set(outcome.score),
        max_score: Set(outcome.max),
        preview: Set(author),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !author {
        if !findings.is_empty() {
            exercise_finding::Entity::insert_many(findings.into_iter().map(|f| {
                exercise_finding::ActiveModel {
                    attempt_id: Set(a.id),
                    exercise_id: Set(e.id),
                    course_id: Set(c.id),
                    person_id: Set(user.id),
                    kind: Set(f.kind),
                    found: Set(f.found),
                    at: Set(now),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        crate::server::services::progress::events::record_detail(
            &txn,
            user.id,
            crate::server::services::progress::events::EventKind::ExerciseGraded,
            c.id,
            crate::server::services::progress::events::Detail {
                lesson_id: None,
                ref_id: Some(a.id),
                score: Some(outcome.percent()),
                item: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(a.id)
}
