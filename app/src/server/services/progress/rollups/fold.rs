//! Folding pending learning events into the roll-ups, a batch per transaction, by the
//! background task and before every dashboard read.

use super::*;

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
pub(super) const FOLD_LOCK: i64 = 0x4350_524f_4c4c; // "CPROLL"

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
    let _gate = crate::server::services::write_gate(db).await;
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
        .into_tuple::<(i64, Role)>()
        .all(&txn)
        .await?
    {
        *masks.entry(p).or_default() |= role_bit(r);
    }
    let attempts: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == events::EventKind::AttemptSubmitted)
        .filter_map(|e| e.ref_id)
        .collect();
    let quiz_role: HashMap<i64, QuizRole> = if attempts.is_empty() {
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
            .into_tuple::<(i64, QuizRole)>()
            .all(&txn)
            .await?
            .into_iter()
            .collect()
    };

    let mut g = Gathered::default();
    let mut graded: HashMap<i64, Coord> = HashMap::new();
    let mut changed_tests: std::collections::BTreeSet<(i64, i64)> = Default::default();
    for e in &events {
        let coord = coord_of(e, masks.get(&e.person_id).copied().unwrap_or(0));
        g.person(e.person_id, &coord);
        let role = match (e.kind, e.ref_id) {
            (events::EventKind::AttemptSubmitted, Some(a)) => quiz_role.get(&a).copied(),
            _ => None,
        };
        let key = (e.person_id, e.course_id.unwrap_or(0));
        let mut scratch = Tests::default();
        let tests = if matches!(role, Some(QuizRole::PreTest | QuizRole::PostTest)) {
            match g.tests.entry(key) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(load_tests(&txn, key).await?.unwrap_or_default())
                }
            }
        } else {
            &mut scratch
        };
        let (changes, tests_changed) = changes(counted(e.kind, role), &coord, e.score, tests);
        if tests_changed {
            changed_tests.insert(key);
        }
        g.cells_of(changes);
        // A border-desk decision counts as a finding of its case kind: right, or not.
        if let (events::EventKind::DeskDecided, Some(item)) = (e.kind, &e.item) {
            let v = g
                .findings
                .entry(finding_key(&coord, item.clone()))
                .or_default();
            v.0 += i64::from(e.score.is_some_and(|s| s >= 100.0));
            v.1 += 1;
        }
        if let (events::EventKind::ExerciseGraded, Some(a)) = (e.kind, e.ref_id) {
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
pub(super) async fn people_rows(
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

pub(super) async fn load_tests(
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
