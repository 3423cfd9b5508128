//! Learning records and xAPI: who may see whose record, the downloads, and every statement
//! valid against the xAPI 1.0.3 statement rules.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use app::server::services::progress::events;
use reqwest::StatusCode;
use serde_json::Value;

/// Person ids of the demo logins (in the order they are created).
const ADMIN: i64 = 1;
const TRAINEE: i64 = 4;
const ANALYST: i64 = 5;

fn iri(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(' ') && s.len() > 8
    })
}

fn language_map(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| !m.is_empty() && m.iter().all(|(k, v)| !k.is_empty() && v.is_string()))
}

/// Checks a statement against the xAPI 1.0.3 statement requirements it uses.
fn check_statement(s: &Value) -> Result<(), String> {
    let o = s.as_object().ok_or("not an object")?;
    for k in o.keys() {
        if ![
            "id",
            "actor",
            "verb",
            "object",
            "result",
            "context",
            "timestamp",
            "version",
        ]
        .contains(&k.as_str())
        {
            return Err(format!("unexpected property {k}"));
        }
    }
    let id = s["id"].as_str().ok_or("id")?;
    let parts: Vec<&str> = id.split('-').collect();
    let hex = |p: &str| {
        p.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    };
    if parts.iter().map(|p| p.len()).collect::<Vec<_>>() != [8, 4, 4, 4, 12]
        || !parts.iter().all(|p| hex(p))
        || !matches!(&parts[2][..1], "1" | "2" | "3" | "4" | "5")
        || !matches!(&parts[3][..1], "8" | "9" | "a" | "b")
    {
        return Err(format!("id {id} is not an RFC 4122 UUID"));
    }
    let actor = &s["actor"];
    if actor["objectType"] != "Agent" {
        return Err("actor objectType".into());
    }
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| actor.get(**k).is_some())
        .count();
    if ifis != 1
        || !iri(&actor["account"]["homePage"])
        || actor["account"]["name"].as_str().is_none_or(str::is_empty)
    {
        return Err(
            "actor must have exactly one identifier: an account with homePage and name".into(),
        );
    }
    if !iri(&s["verb"]["id"]) || !language_map(&s["verb"]["display"]) {
        return Err("verb".into());
    }
    let object = &s["object"];
    if object["objectType"] != "Activity" || !iri(&object["id"]) {
        return Err("object".into());
    }
    if !language_map(&object["definition"]["name"]) || !iri(&object["definition"]["type"]) {
        return Err("object definition".into());
    }
    let ts = s["timestamp"].as_str().ok_or("timestamp")?;
    time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339)
        .map_err(|_| format!("timestamp {ts} is not ISO 8601"))?;
    if let Some(score) = s["result"].get("score") {
        let scaled = score["scaled"].as_f64().ok_or("scaled")?;
        let (raw, min, max) = (
            score["raw"].as_f64().ok_or("raw")?,
            score["min"].as_f64().ok_or("min")?,
            score["max"].as_f64().ok_or("max")?,
        );
        if !(-1.0..=1.0).contains(&scaled) || raw < min || raw > max {
            return Err("score out of range".into());
        }
    }
    if let Some(parents) = s["context"]["contextActivities"].get("parent") {
        for p in parents.as_array().ok_or("parent must be an array")? {
            if !iri(&p["id"]) {
                return Err("context activity id".into());
            }
        }
    }
    if !s["version"].as_str().is_some_and(|v| v.starts_with("1.0")) {
        return Err("version".into());
    }
    Ok(())
}

async fn some_learning(app: &TestApp) {
    for (kind, lesson, score) in [
        (events::EventKind::LessonViewed, Some(1), None),
        (events::EventKind::LessonCompleted, Some(1), None),
        (events::EventKind::LessonCompleted, Some(2), None),
    ] {
        events::record_detail(
            &app.db,
            TRAINEE,
            kind,
            1,
            events::Detail {
                lesson_id: lesson,
                ref_id: None,
                score,
                item: None,
            },
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn a_trainee_sees_and_downloads_their_own_record_as_csv_and_valid_xapi() {
    let app = TestApp::spawn().await;
    some_learning(&app).await;
    let trainee = app.login_as(Role::Trainee).await;
    let page = trainee.page("/record", StatusCode::OK).await;
    assert!(page.contains("record-courses") && page.contains("Travel document examination"));
    let csv = trainee.get("/record/record.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("timestamp,event,event_label,course,lesson,item,score_percent"));
    // The code for machines, beside its label for people.
    assert!(csv.contains(",lesson_completed,Lesson completed,"), "{csv}");
    assert!(csv.contains(",enrolled,Enrolled in a class,"), "{csv}");
    let mine = {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        app::server::entities::learning_event::Entity::find()
            .filter(app::server::entities::learning_event::Column::PersonId.eq(TRAINEE))
            .count(&app.db)
            .await
            .unwrap() as usize
    };
    // Three events and an enrolment in each of the shipped courses.
    let courses = crate::helpers::count(&app.db, "courses").await as usize;
    assert_eq!(mine, 3 + courses);
    assert_eq!(csv.lines().count(), 1 + mine);
    let jsonl = trainee
        .get("/record/record.jsonl")
        .await
        .text()
        .await
        .unwrap();
    let statements: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(statements.len(), mine);
    for s in &statements {
        check_statement(s).unwrap_or_else(|e| panic!("{e}: {s}"));
        assert!(
            s["object"]["id"]
                .as_str()
                .unwrap()
                .starts_with("https://checkpoint.test/courses/")
        );
    }
    assert!(statements.iter().any(|s| {
        s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
            && s["object"]["id"] == "https://checkpoint.test/courses/document-examination/lessons/2"
    }));
    assert!(
        !jsonl.contains("trainee-demo") && !jsonl.contains("\"trainee\""),
        "no login or password in statements"
    );
    assert_eq!(
        trainee.get("/record/other.txt").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn records_are_shown_to_their_trainers_and_administrators_only() {
    let app = TestApp::spawn().await;
    some_learning(&app).await;
    let trainee = app.login_as(Role::Trainee).await;
    let trainer = app.login_as(Role::Trainer).await;
    let admin = app.login_as(Role::Admin).await;
    let analyst = app.login_as(Role::Analyst).await;
    // The demo trainer runs the classes the demo trainee is enrolled in.
    assert!(
        trainer
            .page(&format!("/people/{TRAINEE}/record"), StatusCode::OK)
            .await
            .contains("record-events")
    );
    assert_eq!(
        trainer
            .get(&format!("/people/{TRAINEE}/record/record.csv"))
            .await
            .status(),
        StatusCode::OK
    );
    admin
        .page(&format!("/people/{TRAINEE}/record"), StatusCode::OK)
        .await;
    // Nobody else, and a trainer not for someone outside their classes.
    for (c, who) in [(&trainee, ADMIN), (&analyst, TRAINEE), (&trainer, ANALYST)] {
        assert_eq!(
            c.get(&format!("/people/{who}/record")).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            c.get(&format!("/people/{who}/record/record.jsonl"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        admin.get("/people/99999/record").await.status(),
        StatusCode::NOT_FOUND
    );
    let res = app.client().get("/record").await;
    assert!(
        location(&res).starts_with("/login"),
        "anonymous visitors sign in first"
    );
}

/// Enrolling someone in a class opens their learning in that class's course to its trainers,
/// not everything else they ever learned.
#[tokio::test]
async fn a_trainer_sees_a_trainees_learning_only_in_the_courses_they_teach() {
    use app::server::entities::{class, class_trainer, course};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    some_learning(&app).await;
    let trainer = app.login_as(Role::Trainer).await;
    let admin = app.login_as(Role::Admin).await;
    // A course whose title no other course's title contains.
    let taught = course::Entity::find()
        .filter(course::Column::Slug.eq("migration-essentials"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let title = taught.title.clone();
    async fn csv(c: &crate::helpers::Client) -> String {
        c.get(&format!("/people/{TRAINEE}/record/record.csv"))
            .await
            .text()
            .await
            .unwrap()
    }
    assert!(csv(&trainer).await.contains(&title), "taught: shown");
    // The trainer no longer runs the class of that course.
    let classes: Vec<i64> = class::Entity::find()
        .filter(class::Column::CourseId.eq(taught.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    class_trainer::Entity::delete_many()
        .filter(class_trainer::Column::ClassId.is_in(classes))
        .exec(&app.db)
        .await
        .unwrap();
    let own = csv(&trainer).await;
    assert!(!own.contains(&title), "{own}");
    let page = trainer
        .page(&format!("/people/{TRAINEE}/record"), StatusCode::OK)
        .await;
    assert!(!page.contains(&title), "not on the page either");
    let jsonl = trainer
        .get(&format!("/people/{TRAINEE}/record/record.jsonl"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!jsonl.contains(&title));
    // The administrator still sees everything.
    assert!(csv(&admin).await.contains(&title));
}

#[tokio::test]
async fn administrators_export_every_event_as_xapi_streamed_page_by_page() {
    use sea_orm::{EntityTrait, Set};
    let app = TestApp::spawn().await;
    some_learning(&app).await;
    // More events than one page of the export.
    let now = time::OffsetDateTime::now_utc();
    let rows: Vec<_> = (0..5_000)
        .map(|i| app::server::entities::learning_event::ActiveModel {
            person_id: Set(TRAINEE),
            kind: Set(if i % 2 == 0 {
                events::EventKind::LessonViewed
            } else {
                events::EventKind::ExerciseGraded
            }
            .to_owned()),
            course_id: Set(Some(1)),
            lesson_id: Set(Some(1 + i % 5)),
            score: Set((i % 2 == 1).then_some(f64::from((i % 101) as i32))),
            at: Set(now - time::Duration::minutes(i)),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        app::server::entities::learning_event::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .unwrap();
    }
    let total = count(&app.db, "learning_events").await as usize;
    let admin = app.login_as(Role::Admin).await;
    let res = admin.get("/exports/xapi.jsonl").await;
    assert_eq!(res.status(), StatusCode::OK);
    // Streamed page by page as it is read, never assembled first: however many events (the
    // benchmark streams all 5,000,000 of the scale data), the size is not known in advance.
    assert!(res.headers().get("content-length").is_none());
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), total, "one statement per event");
    let mut ids = std::collections::HashSet::new();
    for l in &lines {
        let s: Value = serde_json::from_str(l).unwrap();
        check_statement(&s).unwrap_or_else(|e| panic!("{e}: {s}"));
        assert!(
            ids.insert(s["id"].as_str().unwrap().to_owned()),
            "statement ids are unique"
        );
    }
    // Compressed on the way, as a browser asks for it: whole, every line.
    let res = admin
        .http
        .get(app.url("/exports/xapi.jsonl"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let packed = res.bytes().await.unwrap();
    let mut unpacked = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&packed[..]),
        &mut unpacked,
    )
    .expect("a complete gzip stream");
    assert_eq!(
        unpacked.lines().count(),
        total,
        "every statement, compressed"
    );
    // A date range keeps only its events (today's).
    let today = now.date().to_string();
    let day = admin
        .get(&format!("/exports/xapi.jsonl?from={today}&to={today}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(day.lines().count() >= 3 && day.lines().count() < total);

    // Bad ranges get a clear refusal; other people none of it.
    for (query, message) in [
        (
            "from=2026-12-31&to=2026-01-01",
            "The end date comes before the start date.",
        ),
        ("from=1800-01-01", "between the years 2000 and 2100"),
        ("to=2026-02-30", "YYYY-MM-DD"),
    ] {
        let res = admin.get(&format!("/exports/xapi.jsonl?{query}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(res.text().await.unwrap().contains(message), "{query}");
    }
    for role in [Role::Trainee, Role::Trainer] {
        let c = app.login_as(role).await;
        assert_eq!(
            c.get("/exports/xapi.jsonl").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

/// Someone with several roles sees the records each role gives, in the search as on the record
/// pages: a trainer who is also the focal point of another agency sees their class trainees
/// and that agency's people.
#[tokio::test]
async fn a_person_with_several_roles_sees_the_records_of_each() {
    use app::server::entities::{agency, person, person_role};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let trainer_id = person::Entity::find()
        .filter(person::Column::Login.eq("trainer"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let listed = |page: &str, id: i64| page.contains(&format!(r#"href="/people/{id}/record""#));
    // A trainer alone: their class trainee, not the analyst.
    let found = trainer.page("/progress/people", StatusCode::OK).await;
    assert!(
        listed(&found, TRAINEE) && !listed(&found, ANALYST),
        "{found}"
    );

    // The analyst works at the border police, whose focal point the trainer becomes.
    let border = agency::Entity::find()
        .filter(agency::Column::Name.eq("Utopia Border Police"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for id in [ANALYST, trainer_id] {
        let mut p: person::ActiveModel = person::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        p.agency_id = Set(Some(border.id));
        p.update(&app.db).await.unwrap();
    }
    person_role::Entity::insert(person_role::ActiveModel {
        person_id: Set(trainer_id),
        role: Set(Role::FocalPoint),
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap();
    let found = trainer.page("/progress/people", StatusCode::OK).await;
    assert!(
        listed(&found, TRAINEE) && listed(&found, ANALYST),
        "{found}"
    );
    for who in [TRAINEE, ANALYST] {
        trainer
            .page(&format!("/people/{who}/record"), StatusCode::OK)
            .await;
    }
    // Still nobody outside both: the administrator works at neither.
    assert!(!listed(&found, ADMIN));
    assert_eq!(
        trainer
            .get(&format!("/people/{ADMIN}/record"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
