//! Unreadable stored data (a bad restore, a hand edit) is an error, never quietly nothing: a
//! question does not vanish from a quiz or an export, lesson objectives do not come back empty
//! to be saved over the stored ones.

use super::*;
use app::server::entities::{lesson, question};
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn unreadable_questions_and_objectives_are_errors_never_silently_empty() {
    let app = TestApp::spawn().await;
    let cid = course_id(&app, "document-examination").await;
    question::Entity::update_many()
        .col_expr(
            question::Column::Data,
            sea_orm::sea_query::Expr::value("{not json"),
        )
        .filter(question::Column::CourseId.eq(cid))
        .exec(&app.db)
        .await
        .unwrap();

    // Starting a quiz whose questions cannot be read writes no attempt.
    let trainee = app.login_as(Role::Trainee).await;
    let post = quiz_id(&app, "post-test").await;
    let before = count(&app.db, "attempts").await;
    let res = trainee
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{post}"),
            &[("id", &post.to_string())],
        )
        .await;
    let went = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert!(
        !went.as_deref().unwrap_or("").starts_with("/attempts/"),
        "an attempt was started without its questions: {went:?}"
    );
    assert_eq!(count(&app.db, "attempts").await, before, "nothing written");

    // The bank's export fails rather than leaving the questions out.
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .get("/author/courses/document-examination/questions/export/gift")
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);

    // A lesson whose objectives cannot be read is an error to read and to edit.
    let l = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(cid))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    lesson::ActiveModel {
        id: Set(l.id),
        objectives: Set("[\"unterminated".to_owned()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let res = admin.get(&format!("/author/lessons/{}", l.id)).await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "editor");
    let res = admin
        .get(&format!("/courses/document-examination/lessons/{}", l.id))
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "lesson");
}

/// Statuses, roles and kinds are read as closed sets: a code outside them (a hand edit, a
/// restore from a newer version) is an error where it is read, never shown as something else.
#[tokio::test]
async fn an_unknown_status_or_kind_is_an_error_never_a_default() {
    let app = TestApp::spawn().await;
    let analyst = app.login_as(Role::Analyst).await;
    assert_eq!(analyst.get("/tna").await.status(), StatusCode::OK);
    app.db
        .execute_unprepared("UPDATE tna_campaigns SET status = 'paused'")
        .await
        .unwrap();
    let res = analyst.get("/tna").await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "campaigns");

    let admin = app.login_as(Role::Admin).await;
    assert_eq!(admin.get("/admin/agencies").await.status(), StatusCode::OK);
    app.db
        .execute_unprepared(
            "UPDATE agencies SET kind = 'ministry' WHERE id = (SELECT MIN(id) FROM agencies)",
        )
        .await
        .unwrap();
    let res = admin.get("/admin/agencies").await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "agencies");
}

/// An assessment's scope and a saved quiz answer that cannot be read are errors where they are
/// read, never an empty scope or a blank answer.
#[tokio::test]
async fn unreadable_scopes_and_answers_are_errors() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let assessment: i64 = scalar(&app, "SELECT MIN(id) FROM capacity_assessments").await;
    let page = format!("/assessments/{assessment}");
    assert_eq!(admin.get(&page).await.status(), StatusCode::OK);
    exec(
        &app,
        "UPDATE capacity_assessments SET scope = '[\"unterminated'",
    )
    .await;
    assert_eq!(
        admin.get(&page).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "scope"
    );

    // A trainee's quiz attempt with an answer that cannot be read.
    let trainee = app.login_as(Role::Trainee).await;
    let post = quiz_id(&app, "post-test").await;
    let res = trainee
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{post}"),
            &[("id", &post.to_string())],
        )
        .await;
    let attempt = location(&res);
    assert!(attempt.starts_with("/attempts/"), "{attempt}");
    assert_eq!(trainee.get(&attempt).await.status(), StatusCode::OK);
    let id = attempt.trim_start_matches("/attempts/");
    exec(
        &app,
        &format!("UPDATE attempt_questions SET response = '{{\"nope' WHERE attempt_id = {id}"),
    )
    .await;
    assert_eq!(
        trainee.get(&attempt).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "quiz answers"
    );
}

async fn exec(app: &TestApp, sql: &str) {
    app.db.execute_unprepared(sql).await.unwrap();
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app.db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}
