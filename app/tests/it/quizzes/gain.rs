//! Pre- and post-tests: the learning gain and the certificate it earns.

use super::*;

#[tokio::test]
async fn pre_and_post_tests_give_the_learning_gain_and_earn_the_certificate() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;

    // The pre-test, answered badly (nothing at all), shows the score only.
    let pre = quiz_id(&app, "pre-test").await;
    let a = start(&c, pre).await;
    // "Submit" first asks for confirmation, naming every unanswered question; nothing is
    // graded until the trainee confirms.
    let res = post_answers(&c, a, &[("action".into(), "submit".into())]).await;
    assert_eq!(
        location(&res),
        format!("/attempts/{a}?confirm=1#confirm-submit")
    );
    let asking = c
        .page(&format!("/attempts/{a}?confirm=1"), StatusCode::OK)
        .await;
    let unanswered = asking
        .split(r#"id="unanswered""#)
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("the unanswered questions");
    assert_eq!(
        unanswered.matches("<li>").count(),
        questions_of(&app, a).await.len(),
        "{unanswered}"
    );
    assert!(!asking.contains(r#"id="attempt-result""#), "not graded yet");
    let res = post_answers(&c, a, &[("action".into(), "confirm-submit".into())]).await;
    assert_eq!(location(&res), format!("/attempts/{a}"));
    let review = c.page(&format!("/attempts/{a}"), StatusCode::OK).await;
    assert!(review.contains("0 %"));
    assert!(
        !review.contains("Correct answer"),
        "the pre-test never shows answers"
    );
    // One attempt only.
    let res = c
        .call("/api/quizzes/start", &[("id", &pre.to_string())])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Every lesson completed, then the post-test passed with full marks.
    let cid = course_id(&app, "document-examination").await;
    let lessons = app::server::entities::lesson::Entity::find()
        .filter(app::server::entities::lesson::Column::CourseId.eq(cid))
        .all(&app.db)
        .await
        .unwrap();
    for l in &lessons {
        let res = c
            .call(
                "/api/courses/progress",
                &[("lesson_id", &l.id.to_string()), ("done", "true")],
            )
            .await;
        assert!(res.status().is_success() || res.status().is_redirection());
    }
    let post = quiz_id(&app, "post-test").await;
    let a = start(&c, post).await;
    let mut all = Vec::new();
    for (qid, q, t) in questions_of(&app, a).await {
        all.extend(fields(qid, &q.body, &model_answer(&q.body), &t));
    }
    all.push(("action".into(), "confirm-submit".into()));
    post_answers(&c, a, &all).await;

    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(
        outline.contains("id=\"claim-certificate\""),
        "the certificate is earned"
    );
    let res = c
        .post_form(
            "/api/certificates/claim",
            "/courses/document-examination",
            &[("slug", "document-examination")],
        )
        .await;
    assert_eq!(
        location(&res),
        "/courses/document-examination?notice=CertificateIssued"
    );
    // Claiming again gives the same certificate.
    c.post_form(
        "/api/certificates/claim",
        "/courses/document-examination",
        &[("slug", "document-examination")],
    )
    .await;
    assert_eq!(count(&app.db, "certificates").await, 1);
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(outline.contains("id=\"certificate-pdf\""));

    // The trainer sees a gain of 1: everything there was to learn, learnt.
    let trainer = app.login_as(Role::Trainer).await;
    let class_id = class::Entity::find()
        .filter(class::Column::CourseId.eq(cid))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = trainer
        .page(&format!("/classes/{class_id}/quizzes"), StatusCode::OK)
        .await;
    assert!(page.contains("id=\"class-gain\""));
    assert!(page.contains("1.00"), "normalised gain of the class");
    // Another trainer's class is not theirs to read.
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .post_form(
            "/api/classes/create",
            "/classes",
            &[
                ("input[course]", "document-examination"),
                ("input[name]", "Admin's class"),
                ("input[starts_on]", "2026-01-01"),
                ("input[ends_on]", "2026-01-02"),
            ],
        )
        .await;
    let theirs = location(&res)
        .trim_start_matches("/classes/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    for path in ["/api/quizzes/class", "/api/quizzes/results"] {
        let res = trainer
            .call(
                path,
                &[
                    ("id", &theirs),
                    ("class", &theirs),
                    ("quiz", &post.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let csv = trainer
        .get(&format!("/classes/{theirs}/quizzes/{post}/results.csv"))
        .await;
    assert_eq!(csv.status(), StatusCode::FORBIDDEN);
}
