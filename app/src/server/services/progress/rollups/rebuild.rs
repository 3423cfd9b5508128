//! Rebuilding every roll-up from the learning events, and rebuilding once when the stored
//! roll-ups are missing or were emptied by a migration.

use super::*;

/// Events read per page while rebuilding.
pub(super) const PAGE: u64 = 20_000;

/// Rebuilds every roll-up from the learning events (and the attempts and findings they point
/// to), in one transaction, reporting progress on standard error when `verbose`. Returns the
/// number of events read. Meant for a quiet moment (start-up, the `progress rebuild`
/// command): an event committed while the rebuild reads, with an id below the last one it
/// read, would be missed until the next rebuild.
pub async fn rebuild(db: &DatabaseConnection, verbose: bool) -> AppResult<usize> {
    use crate::server::entities::{attempt, exercise_finding, person_role, quiz};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut masks: HashMap<i64, i32> = HashMap::new();
    let pairs: Vec<(i64, Role)> = person_role::Entity::find()
        .select_only()
        .columns([person_role::Column::PersonId, person_role::Column::Role])
        .into_tuple()
        .all(db)
        .await?;
    for (p, r) in &pairs {
        *masks.entry(*p).or_default() |= role_bit(*r);
    }
    let quiz_roles: HashMap<i64, QuizRole> = quiz::Entity::find()
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
            .filter(|e| e.kind == events::EventKind::AttemptSubmitted)
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
            let coord = coord_of(e, masks.get(&e.person_id).copied().unwrap_or(0));
            g.person(e.person_id, &coord);
            let quiz_role = match (e.kind, e.ref_id) {
                (events::EventKind::AttemptSubmitted, Some(a)) => {
                    quiz_of.get(&a).and_then(|q| quiz_roles.get(q)).copied()
                }
                _ => None,
            };
            let key = (e.person_id, e.course_id.unwrap_or(0));
            // Only pre- and post-tests have a participation state to keep.
            let mut scratch = Tests::default();
            let tests = if matches!(quiz_role, Some(QuizRole::PreTest | QuizRole::PostTest)) {
                g.tests.entry(key).or_default()
            } else {
                &mut scratch
            };
            let (changes, _) = changes(counted(e.kind, quiz_role), &coord, e.score, tests);
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
        read += page.len();
        if verbose {
            crate::server::services::demo::scale::progress("roll-ups", read, total);
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
    let _gate = crate::server::services::write_gate(db).await;
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
