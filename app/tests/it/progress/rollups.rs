//! The progress roll-ups: folded from the learning events, they agree with the events they
//! summarise, a rebuild counts what was pending once, and the background fold runs alone.

use super::*;

/// Every roll-up row, sorted, as text; sums of scores as `f:<value>` (compare with
/// [`assert_same_rows`], which allows for the order of floating-point additions).
async fn rollup_snapshot(app: &TestApp) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let mut out = Vec::new();
    for (table, order) in [
        (
            "progress_cells",
            "grain, month, agency_id, country_code, course_id, class_id, role_mask",
        ),
        (
            "progress_people",
            "grain, era, person_id, course_id, class_id, agency_id, country_code",
        ),
        ("progress_tests", "person_id, course_id"),
        (
            "progress_course_months",
            "era, course_id, months, role_mask",
        ),
        (
            "progress_findings",
            "month, agency_id, country_code, course_id, class_id, role_mask, kind",
        ),
    ] {
        let rows = app
            .db
            .query_all(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                format!("SELECT * FROM {table} ORDER BY {order}"),
            ))
            .await
            .unwrap();
        for r in rows {
            let cols = r.column_names();
            let text: Vec<String> = cols
                .iter()
                .map(|c| {
                    if let Ok(v) = r.try_get::<Option<i64>>("", c) {
                        format!("{v:?}")
                    } else if let Ok(v) = r.try_get::<Option<i32>>("", c) {
                        format!("{v:?}")
                    } else if let Ok(v) = r.try_get::<Option<f64>>("", c) {
                        v.map_or("None".to_owned(), |v| format!("f:{v}"))
                    } else {
                        format!("{:?}", r.try_get::<Option<String>>("", c).ok().flatten())
                    }
                })
                .collect();
            out.push(format!("{table}: {}", text.join("|")));
        }
    }
    out
}

/// Empties the roll-ups and marks every event pending, as if none had been counted yet.
async fn all_pending(app: &TestApp) {
    use sea_orm::ConnectionTrait;
    for t in [
        "progress_cells",
        "progress_people",
        "progress_course_months",
        "progress_tests",
        "progress_findings",
    ] {
        app.db
            .execute_unprepared(&format!("DELETE FROM {t}"))
            .await
            .unwrap();
    }
    app.db
        .execute_unprepared(
            "INSERT INTO progress_pending (event_id) SELECT id FROM learning_events",
        )
        .await
        .unwrap();
}

/// Asserts two roll-up snapshots hold the same rows, sums of scores equal to 1e-9.
fn assert_same_rows(a: &[String], b: &[String]) {
    assert_eq!(a.len(), b.len(), "as many rows");
    for (x, y) in a.iter().zip(b) {
        let (xs, ys): (Vec<&str>, Vec<&str>) = (x.split('|').collect(), y.split('|').collect());
        let same = xs.len() == ys.len()
            && xs.iter().zip(&ys).all(|(p, q)| {
                match (p.strip_prefix("f:"), q.strip_prefix("f:")) {
                    (Some(p), Some(q)) => {
                        let (p, q): (f64, f64) = (p.parse().unwrap(), q.parse().unwrap());
                        (p - q).abs() <= 1e-9 * p.abs().max(1.0)
                    }
                    _ => p == q,
                }
            });
        assert!(same, "rows differ:\n  {x}\n  {y}");
    }
}

/// The roll-ups kept as events are written agree with the roll-ups rebuilt from the events,
/// and the dashboard read from them agrees with counts taken straight from the events.
#[tokio::test]
async fn roll_ups_agree_with_the_events_they_summarise() {
    use app::model::progress::Filters;
    use app::server::entities::{class, learning_event as le, person_role};
    use app::server::services::demo::scale as demo_scale;
    use app::server::services::progress::{self, rollups};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
    let app = TestApp::spawn().await;
    let size = demo_scale::Size {
        countries: 3,
        agencies_per_country: 2,
        courses: 3,
        trainees: 80,
        events: 4_000,
    };
    demo_scale::generate(&app.db, size, 11).await.unwrap();
    // One generated trainee also trains: role masks and the role filter see it.
    person_role::Entity::insert(person_role::ActiveModel {
        person_id: sea_orm::Set(6),
        role: sea_orm::Set(app::model::Role::Trainer),
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
    rollups::rebuild(&app.db, false).await.unwrap();
    let rebuilt = rollup_snapshot(&app).await;
    assert!(rebuilt.len() > 1_000, "the roll-ups are filled");

    // Folded from pending, in batches of every size from one event up, as the application
    // counts the events it writes.
    all_pending(&app).await;
    let total = le::Entity::find().count(&app.db).await.unwrap() as usize;
    let (mut folded, mut batch) = (0, 1);
    while folded < total {
        let n = rollups::fold_pending(&app.db, batch).await.unwrap();
        assert!(n > 0, "pending events remain to fold");
        folded += n;
        batch = batch * 3 + 1;
    }
    assert_eq!(
        rollups::fold_pending(&app.db, 10).await.unwrap(),
        0,
        "nothing left"
    );
    assert_same_rows(&rebuilt, &rollup_snapshot(&app).await);

    // Folds running at once (two app servers, or a dashboard and the background task) take
    // turns and count each event once.
    all_pending(&app).await;
    let (a, b, c) = tokio::join!(
        rollups::catch_up(&app.db),
        rollups::catch_up(&app.db),
        rollups::fold_pending(&app.db, 700)
    );
    assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), total);
    assert_same_rows(&rebuilt, &rollup_snapshot(&app).await);

    // The dashboard against the events themselves, for several filters.
    let (first, last) = {
        let ats: Vec<time::OffsetDateTime> = le::Entity::find()
            .select_only()
            .column(le::Column::At)
            .into_tuple()
            .all(&app.db)
            .await
            .unwrap();
        (*ats.iter().min().unwrap(), *ats.iter().max().unwrap())
    };
    let month_of = |t: time::OffsetDateTime| format!("{}-{:02}", t.year(), u8::from(t.month()));
    let some_class = class::Entity::find()
        .filter(class::Column::Name.contains("Scale course"))
        .one(&app.db)
        .await
        .unwrap()
        .map(|c| c.id)
        .unwrap_or(1);
    let agency = le::Entity::find()
        .filter(le::Column::PersonId.gt(5))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mid = first + (last - first) / 2;
    let cases: Vec<Filters> = vec![
        Filters::default(),
        Filters {
            from: Some(month_of(mid)),
            to: Some(month_of(mid + time::Duration::days(62))),
            ..Filters::default()
        },
        Filters {
            country: agency.country_code.clone(),
            ..Filters::default()
        },
        Filters {
            agency: agency.agency_id.map(|a| a.to_string()),
            from: Some(month_of(first)),
            to: Some(month_of(mid)),
            ..Filters::default()
        },
        Filters {
            course: agency.course_id.map(|c| c.to_string()),
            ..Filters::default()
        },
        Filters {
            class: Some(some_class.to_string()),
            ..Filters::default()
        },
        Filters {
            role: Some("trainer".into()),
            ..Filters::default()
        },
    ];
    for f in cases {
        let d = progress::dashboard(&app.db, &admin_user(), f.clone())
            .await
            .unwrap();
        // The same selection straight from the events.
        let mut q = le::Entity::find();
        let month_start = |ym: &str, next: bool| {
            let (mut y, mut m): (i32, u8) = (ym[..4].parse().unwrap(), ym[5..].parse().unwrap());
            if next {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), 1)
                .unwrap()
                .midnight()
                .assume_utc()
        };
        if let Some(from) = &f.from {
            q = q.filter(le::Column::At.gte(month_start(from, false)));
        }
        if let Some(to) = &f.to {
            q = q.filter(le::Column::At.lt(month_start(to, true)));
        }
        if let Some(c) = &f.country {
            q = q.filter(le::Column::CountryCode.eq(c.clone()));
        }
        if let Some(a) = &f.agency {
            q = q.filter(le::Column::AgencyId.eq(a.parse::<i64>().unwrap()));
        }
        if let Some(c) = &f.course {
            q = q.filter(le::Column::CourseId.eq(c.parse::<i64>().unwrap()));
        }
        if let Some(c) = &f.class {
            q = q.filter(le::Column::ClassId.eq(c.parse::<i64>().unwrap()));
        }
        if let Some(r) = &f.role {
            let people: Vec<i64> = person_role::Entity::find()
                .filter(person_role::Column::Role.eq(r.clone()))
                .select_only()
                .column(person_role::Column::PersonId)
                .into_tuple()
                .all(&app.db)
                .await
                .unwrap();
            q = q.filter(le::Column::PersonId.is_in(people));
        }
        let events = q.clone().all(&app.db).await.unwrap();
        let count =
            |kind: events::EventKind| events.iter().filter(|e| e.kind == kind).count() as i64;
        let people: std::collections::HashSet<i64> = events.iter().map(|e| e.person_id).collect();
        assert_eq!(d.totals.people, people.len() as i64, "{f:?}");
        assert_eq!(
            d.totals.enrolments,
            count(events::EventKind::Enrolled),
            "{f:?}"
        );
        assert_eq!(
            d.totals.lessons,
            count(events::EventKind::LessonCompleted),
            "{f:?}"
        );
        assert_eq!(
            d.totals.certificates,
            count(events::EventKind::CertificateIssued),
            "{f:?}"
        );
        assert_eq!(
            d.totals.exercises,
            count(events::EventKind::ExerciseGraded),
            "{f:?}"
        );
        let monthly: i64 = d.monthly.iter().map(|m| m.1).sum();
        assert_eq!(monthly, events.len() as i64, "{f:?}");
        // People per course and per agency.
        for row in &d.courses {
            let id = d
                .options
                .courses
                .iter()
                .find(|c| c.1 == row.label)
                .map(|c| c.0);
            let n: std::collections::HashSet<i64> = events
                .iter()
                .filter(|e| e.course_id == id)
                .map(|e| e.person_id)
                .collect();
            assert_eq!(row.people, n.len() as i64, "{f:?} {}", row.label);
        }
        for row in &d.agencies {
            let id = d
                .options
                .agencies
                .iter()
                .find(|a| a.1 == row.label)
                .map(|a| a.0);
            let n: std::collections::HashSet<i64> = events
                .iter()
                .filter(|e| e.agency_id == id)
                .map(|e| e.person_id)
                .collect();
            assert_eq!(row.people, n.len() as i64, "{f:?} {}", row.label);
        }
    }
}

/// A rebuild counts the events still pending and clears them, so the next fold does not
/// count them again.
#[tokio::test]
async fn a_rebuild_counts_pending_events_once() {
    use app::server::services::progress::{self, rollups};
    let app = TestApp::spawn().await;
    rollups::catch_up(&app.db).await.unwrap();
    let lessons = |d: &app::model::progress::Dashboard| d.totals.lessons;
    let before = lessons(
        &progress::dashboard(&app.db, &admin_user(), Default::default())
            .await
            .unwrap(),
    );
    for lesson in [1, 2] {
        trainee_completes(&app, lesson).await;
    }
    let pending = || pending_events(&app.db);
    assert_eq!(pending().await, 2, "written events wait to be folded");
    rollups::rebuild(&app.db, false).await.unwrap();
    assert_eq!(pending().await, 0, "the rebuild counted them");
    assert_eq!(rollups::catch_up(&app.db).await.unwrap(), 0);
    let d = progress::dashboard(&app.db, &admin_user(), Default::default())
        .await
        .unwrap();
    assert_eq!(lessons(&d), before + 2, "each counted once");
}

/// The server folds learning events into the roll-ups in the background, as `serve` does:
/// a completed lesson is counted without anyone reading a dashboard.
#[tokio::test]
async fn the_background_fold_counts_events_without_a_dashboard_read() {
    let app =
        TestApp::spawn_with(|c| c.fold_period = Some(std::time::Duration::from_millis(50))).await;
    let pending = || pending_events(&app.db);
    trainee_completes(&app, 1).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while pending().await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the background fold never ran"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Learning events written but not yet folded into the roll-ups.
async fn pending_events(db: &sea_orm::DatabaseConnection) -> i64 {
    use sea_orm::ConnectionTrait;
    db.query_one(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT COUNT(*) FROM progress_pending",
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}
