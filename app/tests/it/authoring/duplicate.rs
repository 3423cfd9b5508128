//! Trainers on courses maintained by others: reading a shipped course's question bank, and
//! duplicating the course to adapt it.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};

const SHIPPED: &str = "document-examination";

/// Rows of `table` belonging to course `slug`.
async fn of_course(app: &TestApp, table: &str, slug: &str, also: &str) -> i64 {
    count(
        &app.db,
        &format!("{table} WHERE course_id = (SELECT id FROM courses WHERE slug = '{slug}'){also}"),
    )
    .await
}

#[tokio::test]
async fn a_trainer_reads_a_shipped_question_bank_without_changing_it() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let bank = trainer
        .page(
            &format!("/author/courses/{SHIPPED}/questions"),
            StatusCode::OK,
        )
        .await;
    assert!(bank.contains(r#"id="bank-read-only""#), "{bank}");
    assert!(bank.contains("/api/author/courses/duplicate"));
    // Reading, not editing: no import, no new question or quiz, no delete.
    for form in [
        "questions/import",
        "/api/quizzes/question-create",
        "/api/quizzes/create",
        "/api/quizzes/question-delete",
        "/api/quizzes/certificate-rule",
    ] {
        assert!(!bank.contains(form), "{form} offered to a reader");
    }
    // A question reads as its GIFT text, without a form to save it.
    let id: i64 = app
        .db
        .query_one(Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "SELECT MIN(id) AS id FROM questions WHERE course_id = \
                 (SELECT id FROM courses WHERE slug = '{SHIPPED}')"
            ),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let question = trainer
        .page(&format!("/author/questions/{id}"), StatusCode::OK)
        .await;
    assert!(question.contains(r#"id="q-gift""#), "{question}");
    assert!(!question.contains("/api/quizzes/question-save"));
    let gift = trainer
        .get(&format!("/author/courses/{SHIPPED}/questions/export/gift"))
        .await;
    assert_eq!(gift.status(), StatusCode::OK);
    // The service still refuses a change, whatever the page offers.
    let before = of_course(&app, "questions", SHIPPED, "").await;
    let res = trainer
        .post_form(
            "/api/quizzes/question-create",
            &format!("/author/courses/{SHIPPED}/questions"),
            &[
                ("slug", SHIPPED),
                ("category", "Mine"),
                ("gift", "Is a visa a travel document? {F}"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("error=ErrForbidden"),
        "{}",
        location(&res)
    );
    assert_eq!(of_course(&app, "questions", SHIPPED, "").await, before);
    // An administrator maintains it.
    let admin = app.login_as(Role::Admin).await;
    let bank = admin
        .page(
            &format!("/author/courses/{SHIPPED}/questions"),
            StatusCode::OK,
        )
        .await;
    assert!(!bank.contains(r#"id="bank-read-only""#));
    assert!(bank.contains("/api/quizzes/question-create"));
}

#[tokio::test]
async fn a_trainer_duplicates_a_shipped_course_and_adapts_the_copy() {
    let app = TestApp::spawn().await;
    // The shipped document exercises (the demo loads them with `make run`).
    app::server::services::exercises::generated::ensure_shipped(&app.db)
        .await
        .unwrap();
    // A lesson the administrators are still writing: it stays a draft in the copy.
    app.db
        .execute(Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "UPDATE lessons SET published = false WHERE id = (SELECT MAX(id) FROM lessons \
                 WHERE course_id = (SELECT id FROM courses WHERE slug = '{SHIPPED}'))"
            ),
        ))
        .await
        .unwrap();
    let trainer = app.login_as(Role::Trainer).await;
    let author = trainer.page("/author", StatusCode::OK).await;
    assert!(author.contains(r#"id="other-courses""#), "{author}");
    assert!(author.contains(&format!(r#"id="duplicate-{SHIPPED}""#)));

    let duplicate = |slug: &'static str, title: &'static str| {
        let trainer = &trainer;
        async move {
            trainer
                .post_form(
                    "/api/author/courses/duplicate",
                    "/author",
                    &[("source", SHIPPED), ("slug", slug), ("title", title)],
                )
                .await
        }
    };
    let courses = count(&app.db, "courses").await;
    // Refused: an identifier already taken (the import would have overwritten that course),
    // a malformed one, an empty title. Nothing is written, and the form comes back open.
    for (slug, title, error) in [
        ("primary-line", "Copy", "ErrSlugTaken&field=slug"),
        ("Not an id", "Copy", "field=slug"),
        ("port-alba", " ", "field=title"),
    ] {
        let res = duplicate(slug, title).await;
        assert!(location(&res).contains(error), "{slug}: {}", location(&res));
        assert_eq!(count(&app.db, "courses").await, courses);
    }
    let back = trainer
        .page("/author?error=ErrSlugTaken&field=slug", StatusCode::OK)
        .await;
    assert!(
        back.contains(&format!(r#"id="duplicate-{SHIPPED}" open"#)),
        "the refused form opens again"
    );
    // Its error is beside it alone: not beside the other courses' forms or the new-course form.
    assert_eq!(back.matches(r#"id="slug-error""#).count(), 1);

    let res = duplicate(
        "document-examination-port-alba",
        "Document examination (Port Alba)",
    )
    .await;
    assert_eq!(
        location(&res),
        "/author/courses/document-examination-port-alba?notice=CourseDuplicated"
    );
    let copy = "document-examination-port-alba";
    // Everything a course is made of came across; nothing of its learners did.
    for (table, also) in [
        ("lessons", ""),
        ("lessons", " AND published"),
        ("course_modules", ""),
        ("course_media", ""),
        ("glossary_terms", ""),
        ("questions", ""),
        ("question_categories", ""),
        ("quizzes", ""),
        ("quizzes", " AND published"),
        ("exercises", ""),
        ("exercises", " AND published AND module_id IS NOT NULL"),
        ("desk_scenarios", " AND class_id IS NULL"),
    ] {
        assert_eq!(
            of_course(&app, table, copy, also).await,
            of_course(&app, table, SHIPPED, also).await,
            "{table}{also}"
        );
    }
    for table in [
        "lessons",
        "quizzes",
        "exercises",
        "course_media",
        "questions",
    ] {
        assert!(of_course(&app, table, copy, "").await > 0, "{table}");
    }
    assert_eq!(
        of_course(&app, "lessons", copy, " AND NOT published").await,
        1,
        "the draft lesson stays a draft"
    );
    for table in [
        "lesson_progress",
        "learning_events",
        "certificates",
        "classes",
    ] {
        assert_eq!(of_course(&app, table, copy, "").await, 0, "{table}");
    }
    assert_eq!(
        count(
            &app.db,
            &format!(
                "quiz_items WHERE quiz_id IN (SELECT q.id FROM quizzes q JOIN courses c \
                 ON c.id = q.course_id WHERE c.slug = '{copy}')"
            )
        )
        .await,
        count(
            &app.db,
            &format!(
                "quiz_items WHERE quiz_id IN (SELECT q.id FROM quizzes q JOIN courses c \
                 ON c.id = q.course_id WHERE c.slug = '{SHIPPED}')"
            )
        )
        .await
    );
    // The copy is the trainer's draft: they edit it, its bank and its exercises.
    assert_eq!(
        count(
            &app.db,
            &format!(
                "courses WHERE slug = '{copy}' AND NOT published AND created_by = \
                 (SELECT id FROM people WHERE login = 'trainer')"
            )
        )
        .await,
        1
    );
    let editor = trainer
        .page(
            &format!("/author/courses/{copy}?notice=CourseDuplicated"),
            StatusCode::OK,
        )
        .await;
    assert!(editor.contains("Course duplicated."));
    let bank = trainer
        .page(&format!("/author/courses/{copy}/questions"), StatusCode::OK)
        .await;
    assert!(!bank.contains(r#"id="bank-read-only""#));
    let before = of_course(&app, "questions", SHIPPED, "").await;
    let res = trainer
        .post_form(
            "/api/quizzes/question-create",
            &format!("/author/courses/{copy}/questions"),
            &[
                ("slug", copy),
                ("category", "Port Alba"),
                (
                    "gift",
                    "Port Alba refers a doubtful passport to the regional document expert. {T}",
                ),
            ],
        )
        .await;
    assert!(location(&res).contains("notice="), "{}", location(&res));
    assert_eq!(
        of_course(&app, "questions", copy, "").await,
        before + 1,
        "the copy gained a question"
    );
    assert_eq!(
        of_course(&app, "questions", SHIPPED, "").await,
        before,
        "the original did not"
    );
    // The border-desk scenarios set for every class come too (the primary-line course's).
    let res = trainer
        .post_form(
            "/api/author/courses/duplicate",
            "/author",
            &[
                ("source", "primary-line"),
                ("slug", "primary-line-trainer"),
                ("title", "Primary line"),
            ],
        )
        .await;
    assert!(location(&res).contains("CourseDuplicated"));
    let scenarios = of_course(&app, "desk_scenarios", "primary-line-trainer", "").await;
    assert!(scenarios > 0);
    assert_eq!(
        scenarios,
        of_course(
            &app,
            "desk_scenarios",
            "primary-line",
            " AND class_id IS NULL"
        )
        .await
    );
    // The copy's course page leads to its own lessons.
    let lesson = trainer
        .page(&format!("/courses/{copy}"), StatusCode::OK)
        .await;
    assert!(lesson.contains(&format!("/courses/{copy}/lessons/")));
}

#[tokio::test]
async fn someone_planning_training_reads_a_course_outline_not_its_lessons() {
    let app = TestApp::spawn().await;
    for role in [Role::Analyst, Role::Manager, Role::FocalPoint] {
        let c = app.login_as(role).await;
        let page = c.page(&format!("/courses/{SHIPPED}"), StatusCode::OK).await;
        assert!(page.contains(r#"id="outline-only""#), "{role:?}");
        assert!(page.contains(r#"id="outline""#));
        for absent in [
            "/lessons/",
            "/quizzes/",
            "/exercises/",
            r#"id="certificate""#,
            r#"id="resume""#,
        ] {
            assert!(!page.contains(absent), "{role:?} sees {absent}");
        }
        c.page(
            &format!("/courses/{SHIPPED}/lessons/1"),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    // Every course the demo training plans link to opens for the analyst.
    let analyst = app.login_as(Role::Analyst).await;
    let mut links = Vec::new();
    for id in 1..=2 {
        let res = analyst.get(&format!("/tna/campaigns/{id}/results")).await;
        if res.status() != StatusCode::OK {
            continue;
        }
        let page = res.text().await.unwrap();
        for part in page.split(r#"href="/courses/"#).skip(1) {
            links.push(format!("/courses/{}", &part[..part.find('"').unwrap()]));
        }
    }
    assert!(!links.is_empty(), "the demo plans link to courses");
    for link in links {
        analyst.page(&link, StatusCode::OK).await;
    }
    // A draft stays hidden.
    let admin = app.login_as(Role::Admin).await;
    admin
        .post_form(
            "/api/author/courses/publish",
            &format!("/author/courses/{SHIPPED}"),
            &[("slug", SHIPPED), ("published", "false")],
        )
        .await;
    let analyst = app.login_as(Role::Analyst).await;
    analyst
        .page(&format!("/courses/{SHIPPED}"), StatusCode::NOT_FOUND)
        .await;
}

#[tokio::test]
async fn another_author_s_draft_stays_theirs() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    admin
        .post_form(
            "/api/author/courses/create",
            "/author",
            &[
                ("input[slug]", "draft-by-admin"),
                ("input[title]", "Interview techniques (draft)"),
            ],
        )
        .await;
    admin
        .post_form(
            "/api/quizzes/question-create",
            "/author/courses/draft-by-admin/questions",
            &[
                ("slug", "draft-by-admin"),
                ("category", "Draft"),
                ("gift", "Is this the answer key? {T}"),
            ],
        )
        .await;
    assert_eq!(of_course(&app, "questions", "draft-by-admin", "").await, 1);
    let trainer = app.login_as(Role::Trainer).await;
    trainer
        .page(
            "/author/courses/draft-by-admin/questions",
            StatusCode::NOT_FOUND,
        )
        .await;
    let export = trainer
        .get("/author/courses/draft-by-admin/questions/export/gift")
        .await;
    assert_eq!(export.status(), StatusCode::NOT_FOUND);
    let courses = count(&app.db, "courses").await;
    let res = trainer
        .post_form(
            "/api/author/courses/duplicate",
            "/author",
            &[
                ("source", "draft-by-admin"),
                ("slug", "my-copy"),
                ("title", "Mine"),
            ],
        )
        .await;
    assert!(location(&res).contains("error="), "{}", location(&res));
    assert_eq!(count(&app.db, "courses").await, courses, "nothing copied");
    assert!(
        !trainer
            .page("/author", StatusCode::OK)
            .await
            .contains("draft-by-admin")
    );
}
