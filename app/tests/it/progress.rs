//! Progress dashboards: figures from the learning events, filters checked, scope by role, and
//! every table exported as CSV and XLSX.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use app::server::services::progress::events;
use reqwest::StatusCode;

mod rollups;
mod scope;

const TRAINEE: i64 = 4;
const ADMIN: i64 = 1;

/// Records that the demo trainee completed lesson `lesson` of course 1.
async fn trainee_completes(app: &TestApp, lesson: i64) {
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

#[tokio::test]
async fn the_dashboard_counts_learning_from_the_events_and_exports_every_table() {
    let app = TestApp::spawn().await;
    for lesson in [1, 2, 3] {
        trainee_completes(&app, lesson).await;
    }
    // A generated exercise answered by the trainee: its findings feed exercise accuracy.
    use app::model::exercise::ExerciseKind;
    use app::server::services::exercises::{self, generated};
    let draft = generated::draft(ExerciseKind::Anomalies, 3, 1);
    let id = generated::store(&app.db, None, (1, None), None, draft, true)
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
    assert!(page.contains(r#"<p id="kpi-exercises" class="kpi-figure">0 %</p>"#));
    assert!(
        page.contains(r#"<p id="kpi-lessons" class="kpi-figure">3</p>"#),
        "three lessons completed"
    );
    // The demo trainee is enrolled in every shipped course (recorded as events).
    let courses = count(&app.db, "courses").await;
    assert!(page.contains(&format!(
        r#"<p id="kpi-enrolments" class="kpi-figure">{courses}</p>"#
    )));
    assert!(page.contains("Utopia Immigration Service") && page.contains("chart columns"));
    // Trends per course and per agency, completion and gain by agency, each with its figures.
    for id in ["chart-courses", "chart-agencies", "chart-completion"] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    let courses = page
        .split(r#"id="courses-figures""#)
        .nth(1)
        .and_then(|p| p.split("</details>").next())
        .expect("the course trend's figures");
    assert!(courses.contains("Travel document examination"), "{courses}");
    assert!(
        courses.contains(">3</td>"),
        "the three lessons in their month: {courses}"
    );
    let enrolled = admin
        .page("/progress?measure=enrolments", StatusCode::OK)
        .await;
    assert!(enrolled.contains(r#"<option value="enrolments" selected"#));
    assert!(enrolled.contains("Enrolments — per month, by course"));
    // A measure with stray spaces is the same measure.
    let spaced = admin
        .page("/progress?measure=%20enrolments%20", StatusCode::OK)
        .await;
    assert!(spaced.contains("Enrolments — per month, by course"));
    // Filtered to another course, the lessons disappear.
    let other = admin.page("/progress?course=2", StatusCode::OK).await;
    assert!(other.contains(r#"<p id="kpi-lessons" class="kpi-figure">0</p>"#));
    let by_role = admin.page("/progress?role=assessor", StatusCode::OK).await;
    assert!(by_role.contains(r#"<p id="kpi-people" class="kpi-figure">0</p>"#));

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
        agencies
            .lines()
            .next()
            .unwrap()
            .ends_with("completion_percent")
    );
    let defects = admin
        .get("/progress/export/defects.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        defects.starts_with("feature_kind,feature,found"),
        "{defects}"
    );
    let second = defects.lines().nth(1).expect("a defect row");
    let code = second.split(',').next().unwrap();
    let label = app::model::exercise::feature_label(code).expect("a known kind");
    assert!(
        second.starts_with(&format!("{code},{},", label.text(app::i18n::Lang::En))),
        "{second}"
    );
    let enrolled = count(
        &app.db,
        "enrolments WHERE person_id IN (SELECT id FROM people WHERE agency_id = \
         (SELECT id FROM agencies WHERE name = 'Utopia Immigration Service'))",
    )
    .await;
    assert!(
        agencies.contains(&format!("Utopia Immigration Service,1,{enrolled},3")),
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
        ("measure=salaries", "There is no such choice"),
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
        page.contains(r#"<p id="kpi-people" class="kpi-figure">"#)
            && !page.contains(r#"<p id="kpi-people" class="kpi-figure">0</p>"#)
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
