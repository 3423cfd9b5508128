//! Progress dashboards: figures from the learning events, filters checked, scope by role, and
//! every table exported as CSV and XLSX.

use crate::helpers::{TestApp, location};
use app::model::Role;
use app::server::services::progress::events;
use reqwest::StatusCode;

const TRAINEE: i64 = 4;
const ADMIN: i64 = 1;

#[tokio::test]
async fn the_dashboard_counts_learning_from_the_events_and_exports_every_table() {
    let app = TestApp::spawn().await;
    for lesson in [1, 2, 3] {
        events::record(
            &app.db,
            TRAINEE,
            events::EventKind::LessonCompleted,
            1,
            Some(lesson),
        )
        .await
        .unwrap();
    }
    // A generated exercise answered by the trainee: its findings feed exercise accuracy.
    use app::model::exercise::ExerciseKind;
    use app::server::services::exercises::{self, generated};
    let draft = generated::draft(ExerciseKind::Anomalies, 3, 1);
    let id = generated::store(&app.db, None, 1, None, draft, true)
        .await
        .unwrap();
    let trainee_user = app::model::CurrentUser {
        id: TRAINEE,
        login: "trainee".into(),
        display_name: "Trainee".into(),
        roles: vec![Role::Trainee],
        lang: app::i18n::Lang::En,
        must_change_password: false,
    };
    exercises::submit(&app.db, &trainee_user, id, Default::default())
        .await
        .unwrap();
    let admin = app.login_as(Role::Admin).await;
    let page = admin.page("/progress", StatusCode::OK).await;
    assert!(
        page.contains("progress-defects") && page.contains(" / 1</td>"),
        "a missed anomaly is counted"
    );
    assert!(page.contains(r#"<h2 id="kpi-exercises">0 %</h2>"#));
    assert!(
        page.contains(r#"<h2 id="kpi-lessons">3</h2>"#),
        "three lessons completed"
    );
    // The demo trainee is enrolled in the three shipped courses (recorded as events).
    assert!(page.contains(r#"<h2 id="kpi-enrolments">3</h2>"#));
    assert!(page.contains("Utopia Immigration Service") && page.contains("chart columns"));
    // Filtered to another course, the lessons disappear.
    let other = admin.page("/progress?course=2", StatusCode::OK).await;
    assert!(other.contains(r#"<h2 id="kpi-lessons">0</h2>"#));
    let by_role = admin.page("/progress?role=assessor", StatusCode::OK).await;
    assert!(by_role.contains(r#"<h2 id="kpi-people">0</h2>"#));

    // The demo's closed needs analysis: groups measured and in need, none closed yet.
    let needs = page
        .split(r#"id="progress-needs""#)
        .nth(1)
        .expect("needs over time");
    assert!(
        needs.contains(app::server::services::demo::tna::TITLE),
        "{needs}"
    );
    for table in ["agencies", "courses", "countries", "defects", "needs"] {
        let csv = admin
            .get(&format!("/progress/export/{table}.csv?course=1"))
            .await;
        assert_eq!(csv.status(), StatusCode::OK, "{table}");
        let text = csv.text().await.unwrap();
        assert!(text.lines().count() >= 1, "{table}");
        let xlsx = admin.get(&format!("/progress/export/{table}.xlsx")).await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        assert!(
            xlsx.bytes().await.unwrap().starts_with(b"PK"),
            "{table} is a workbook"
        );
    }
    let agencies = admin
        .get("/progress/export/agencies.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(agencies.starts_with("agency,people,enrolments,lessons_completed"));
    assert!(
        agencies.contains("Utopia Immigration Service,1,3,3"),
        "{agencies}"
    );
    assert_eq!(
        admin.get("/progress/export/salaries.csv").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_filters_are_refused_with_a_clear_message() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    for (query, message) in [
        ("agency=99999", "There is no such choice"),
        ("course=abc", "There is no such choice"),
        ("class=424242", "There is no such choice"),
        ("country=XXX", "There is no such choice"),
        ("role=wizard", "There is no such choice"),
        (
            "from=2026-12&to=2026-01",
            "The end date comes before the start date.",
        ),
        ("from=0001-01", "between the years 2000 and 2100"),
        ("to=31/12/2026", "YYYY-MM"),
        ("from=2026-01-01", "YYYY-MM"),
    ] {
        let res = admin.get(&format!("/progress?{query}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(res.text().await.unwrap().contains(message), "{query}");
        let res = admin
            .get(&format!("/progress/export/agencies.csv?{query}"))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "export {query}"
        );
    }
}

#[tokio::test]
async fn trainers_see_their_own_classes_only() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn().await;
    // A class the demo trainer does not train.
    let other = app::server::entities::class::ActiveModel {
        course_id: Set(1),
        name: Set("Another trainer's class".into()),
        starts_on: Set(time::macros::date!(2026 - 01 - 10)),
        ends_on: Set(time::macros::date!(2026 - 01 - 20)),
        location: Set("Port Amani".into()),
        training_of_trainers: Set(false),
        join_code: Set("OTHERCLS".into()),
        created_by: Set(Some(ADMIN)),
        created_at: Set(time::OffsetDateTime::now_utc()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let trainer = app.login_as(Role::Trainer).await;
    let page = trainer.page("/progress", StatusCode::OK).await;
    assert!(
        !page.contains("Another trainer&#x27;s class") && !page.contains("Another trainer's class")
    );
    let res = trainer.get(&format!("/progress?class={}", other.id)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = trainer
        .get(&format!("/progress/export/courses.csv?class={}", other.id))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // People who neither train nor administer see no dashboard.
    for role in [Role::Trainee, Role::Assessor, Role::Analyst] {
        let c = app.login_as(role).await;
        assert_eq!(
            c.get("/progress").await.status(),
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        assert_eq!(
            c.get("/progress/export/agencies.csv").await.status(),
            StatusCode::FORBIDDEN
        );
    }
    assert!(location(&app.client().get("/progress").await).starts_with("/login"));
}

/// A digest of the generated learning events (who, what, course, when).
async fn events_digest(app: &TestApp) -> (i64, String) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let rows = app::server::entities::learning_event::Entity::find()
        .filter(app::server::entities::learning_event::Column::PersonId.gt(5))
        .order_by_asc(app::server::entities::learning_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let mut text = String::new();
    for r in &rows {
        text.push_str(&format!(
            "{}|{}|{:?}|{}|{:?}\n",
            r.person_id,
            r.kind,
            r.course_id,
            r.at.unix_timestamp(),
            r.score
        ));
    }
    (rows.len() as i64, text)
}

#[tokio::test]
async fn scale_data_is_generated_deterministically_and_the_dashboard_reads_it() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("error")
        .try_init();
    use app::server::services::demo::scale::{Size, generate};
    let size = Size {
        countries: 3,
        agencies_per_country: 2,
        courses: 2,
        trainees: 60,
        events: 3_000,
    };
    let (a, b) = (TestApp::spawn().await, TestApp::spawn().await);
    assert_eq!(generate(&a.db, size, 7).await.unwrap(), 3_000);
    assert_eq!(generate(&a.db, size, 7).await.unwrap(), 0, "generated once");
    generate(&b.db, size, 7).await.unwrap();
    let (n, digest_a) = events_digest(&a).await;
    assert_eq!(n, 3_000);
    let (_, digest_b) = events_digest(&b).await;
    // Timestamps run up to "now"; the same seed gives the same people, kinds, courses and
    // scores in the same order.
    let strip = |d: &str| {
        d.lines()
            .map(|l| {
                let p: Vec<&str> = l.split('|').collect();
                format!("{}|{}|{}|{}", p[0], p[1], p[2], p[4])
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&digest_a), strip(&digest_b));
    let admin = a.login_as(Role::Admin).await;
    let page = admin.page("/progress", StatusCode::OK).await;
    assert!(
        page.contains(r#"<h2 id="kpi-people">"#) && !page.contains(r#"<h2 id="kpi-people">0</h2>"#)
    );
    assert!(page.contains("Scale course 01"));
}

fn admin_user() -> app::model::CurrentUser {
    app::model::CurrentUser {
        id: ADMIN,
        login: "admin".into(),
        display_name: "Administrator".into(),
        roles: vec![Role::Admin],
        lang: app::i18n::Lang::En,
        must_change_password: false,
    }
}

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

/// An agency focal point sees their own agency; a programme manager the countries they cover;
/// anything else is refused. Admins give managers their countries in the person form.
#[tokio::test]
async fn focal_points_and_managers_see_their_own_scope() {
    use app::server::entities::{agency, person};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    events::record(
        &app.db,
        TRAINEE,
        events::EventKind::LessonCompleted,
        1,
        Some(1),
    )
    .await
    .unwrap();
    let border = agency::Entity::find()
        .filter(agency::Column::Name.eq("Utopia Border Police"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let focal = app.login_as(Role::FocalPoint).await;
    let page = focal.page("/progress", StatusCode::OK).await;
    assert!(
        page.contains(r#"<h2 id="kpi-lessons">1</h2>"#),
        "their agency's lesson"
    );
    assert!(
        !page.contains("Utopia Border Police"),
        "no other agency to choose"
    );
    for path in [
        format!("/progress?agency={}", border.id),
        format!("/progress/export/agencies.csv?agency={}", border.id),
        "/progress?country=FRA".to_owned(),
    ] {
        assert_eq!(
            focal.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let manager = app.login_as(Role::Manager).await;
    let page = manager.page("/progress", StatusCode::OK).await;
    assert!(page.contains(r#"<h2 id="kpi-lessons">1</h2>"#));
    assert!(
        page.contains("Utopia Border Police"),
        "every agency of Utopia"
    );
    manager
        .page(&format!("/progress?agency={}", border.id), StatusCode::OK)
        .await;
    for path in [
        "/progress?country=FRA",
        "/progress/export/countries.xlsx?country=KEN",
    ] {
        assert_eq!(
            manager.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    // Learning records: a focal point opens those of their agency, a manager those of the
    // countries they cover; the search lists only those.
    let other = person::Entity::find()
        .filter(person::Column::Login.eq("analyst"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut moved: person::ActiveModel = other.clone().into();
    moved.agency_id = sea_orm::Set(Some(border.id));
    moved.update(&app.db).await.unwrap();
    let theirs = format!("/people/{TRAINEE}/record");
    let elsewhere = format!("/people/{}/record", other.id);
    let found = focal.page("/progress/people?q=", StatusCode::OK).await;
    assert!(found.contains(&format!(r#"href="{theirs}""#)), "{found}");
    assert!(!found.contains(&format!(r#"href="{elsewhere}""#)));
    let found = focal.page("/progress/people?q=okoro", StatusCode::OK).await;
    assert!(found.contains("Samuel Okoro"));
    let found = focal
        .page("/progress/people?q=nobody%25here", StatusCode::OK)
        .await;
    assert!(found.contains(r#"id="records-none""#));
    focal.page(&theirs, StatusCode::OK).await;
    for path in [elsewhere.clone(), format!("{elsewhere}/record.csv")] {
        assert_eq!(
            focal.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let found = manager.page("/progress/people", StatusCode::OK).await;
    assert!(found.contains(&format!(r#"href="{theirs}""#)));
    assert!(found.contains(&format!(r#"href="{elsewhere}""#)));
    manager.page(&elsewhere, StatusCode::OK).await;
    let csv = manager.get(&format!("{elsewhere}/record.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let trainee = app.login_as(Role::Trainee).await;
    assert_eq!(
        trainee.get("/progress/people").await.status(),
        StatusCode::FORBIDDEN
    );

    // Neither runs classes nor edits courses.
    assert_eq!(focal.get("/classes").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(manager.get("/author").await.status(), StatusCode::FORBIDDEN);

    // The person form: a manager needs known countries; a focal point an agency.
    let admin = app.login_as(Role::Admin).await;
    let form =
        |login: &'static str, role: &'static str, agency: &'static str, countries: &'static str| {
            vec![
                ("input[login]", login),
                ("input[display_name]", "Someone"),
                ("input[email]", ""),
                ("input[agency]", agency),
                ("input[position]", ""),
                ("input[language]", "en"),
                (role, "on"),
                ("input[countries]", countries),
                ("input[password]", "first-password-1"),
            ]
        };
    for (fields, expected) in [
        (
            form("m.one", "input[role_manager]", "", ""),
            "error=ErrManagerCountries&field=countries",
        ),
        (
            form("m.two", "input[role_manager]", "", "UTO, XQZ"),
            "error=ErrUnknownCountryCode&field=countries",
        ),
        (
            form("f.one", "input[role_focal_point]", "", ""),
            "error=ErrFocalPointAgency&field=agency",
        ),
    ] {
        let res = admin
            .post_form("/api/people/create", "/admin/people/new", &fields)
            .await;
        assert!(location(&res).ends_with(expected), "{}", location(&res));
    }
    let res = admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &form("m.three", "input[role_manager]", "", "fra uto"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = admin.page(&location(&res), StatusCode::OK).await;
    assert!(
        page.contains(r#"value="FRA, UTO""#),
        "codes kept, upper case, sorted"
    );
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
        events::record(
            &app.db,
            TRAINEE,
            events::EventKind::LessonCompleted,
            1,
            Some(lesson),
        )
        .await
        .unwrap();
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
    events::record(
        &app.db,
        TRAINEE,
        events::EventKind::LessonCompleted,
        1,
        Some(1),
    )
    .await
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while pending().await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the background fold never ran"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A course taken back to draft is named only to those who may author it: a focal point's
/// dashboard and exports count its learning but never name it.
#[tokio::test]
async fn a_focal_points_export_never_names_a_draft_course() {
    use app::server::entities::course;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::spawn().await;
    events::record(
        &app.db,
        TRAINEE,
        events::EventKind::LessonCompleted,
        1,
        Some(1),
    )
    .await
    .unwrap();
    let c = course::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let title = c.title.clone();
    let focal = app.login_as(Role::FocalPoint).await;
    let admin = app.login_as(Role::Admin).await;
    let export = focal
        .get("/progress/export/courses.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(export.contains(&title), "published: named");
    let mut draft: course::ActiveModel = c.into();
    draft.published = Set(false);
    draft.update(&app.db).await.unwrap();
    for path in ["/progress/export/courses.csv", "/progress"] {
        let text = focal.get(path).await.text().await.unwrap();
        let at = text
            .find(&title)
            .map(|i| &text[i.saturating_sub(200)..(i + 100).min(text.len())]);
        assert!(!text.contains(&title), "{path} names the draft: {at:?}");
    }
    let export = admin
        .get("/progress/export/courses.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(export.contains(&title), "authors still see it");
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
