//! Learning: catalogue, outline, lessons and progress, glossary, search, images; course-pack
//! import and export.

use crate::helpers::{TestApp, count, location};
use app::model::Role;
use app::server::services::learn::courses;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn trainees_read_lessons_mark_them_complete_and_continue_where_they_left_off() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let catalogue = c.page("/courses", StatusCode::OK).await;
    for title in [
        "Travel document examination",
        "Essentials of migration management",
        "Trafficking in persons",
    ] {
        assert!(catalogue.contains(title), "catalogue lacks {title}");
    }
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(outline.contains("0 / 10"), "no progress yet");
    assert!(
        outline.contains("href=\"/courses/document-examination/lessons/1\""),
        "starts at the first lesson"
    );

    let lesson = c
        .page("/courses/document-examination/lessons/2", StatusCode::OK)
        .await;
    assert!(lesson.contains("Reading the MRZ"));
    assert!(
        lesson.contains("class=\"callout callout-"),
        "callouts render"
    );
    assert!(
        lesson.contains("class=\"glossary-term\" href=\"/courses/document-examination/glossary#"),
        "glossary links"
    );
    assert!(lesson.contains("src=\"/media/courses/"), "figures resolve");
    assert!(lesson.contains("rel=\"prev\"") && lesson.contains("rel=\"next\""));

    // Having read lesson 2 without finishing, the course resumes there.
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(
        outline.contains("id=\"resume\" href=\"/courses/document-examination/lessons/2\""),
        "{outline}"
    );
    assert!(outline.contains("Continue where I left off"));

    let res = c
        .post_form(
            "/api/courses/progress",
            "/courses/document-examination/lessons/2",
            &[("lesson_id", "2"), ("done", "true")],
        )
        .await;
    // Completing a lesson leads on to the next one.
    assert_eq!(
        location(&res),
        "/courses/document-examination/lessons/3?notice=LessonCompleted"
    );
    assert!(
        c.page(&location(&res), StatusCode::OK)
            .await
            .contains("Lesson completed.")
    );
    // Completed: continue with the next lesson.
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(outline.contains("1 / 10"));
    assert!(outline.contains("id=\"resume\" href=\"/courses/document-examination/lessons/3\""));
    // Undo.
    c.post_form(
        "/api/courses/progress",
        "/courses/document-examination/lessons/2",
        &[("lesson_id", "2"), ("done", "false")],
    )
    .await;
    assert!(
        c.page("/courses/document-examination", StatusCode::OK)
            .await
            .contains("0 / 10")
    );
}

#[tokio::test]
async fn unknown_courses_and_lessons_are_404() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    c.page("/courses/no-such-course", StatusCode::NOT_FOUND)
        .await;
    c.page(
        "/courses/document-examination/lessons/99999",
        StatusCode::NOT_FOUND,
    )
    .await;
    c.page(
        "/courses/document-examination/lessons/abc",
        StatusCode::NOT_FOUND,
    )
    .await;
    // Lesson 25 belongs to another course: not reachable under this course's address.
    c.page(
        "/courses/document-examination/lessons/25",
        StatusCode::NOT_FOUND,
    )
    .await;
    let res = c
        .post_form(
            "/api/courses/progress",
            "/courses",
            &[("lesson_id", "99999"), ("done", "true")],
        )
        .await;
    assert_eq!(location(&res), "/courses?error=ErrNotFound");
}

#[tokio::test]
async fn glossary_and_search() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let glossary = c
        .page("/courses/document-examination/glossary", StatusCode::OK)
        .await;
    assert!(
        glossary.contains("<dt id=\"machine-readable-zone\">Machine readable zone</dt>"),
        "{glossary}"
    );
    let results = c.page("/search?q=check+digit", StatusCode::OK).await;
    assert!(
        results.contains("Reading the MRZ"),
        "search finds the MRZ lesson"
    );
    // The words found are shown whole and marked in each extract.
    assert!(results.contains("<mark>check</mark>"), "{results}");
    assert!(results.contains("<mark>digit"), "{results}");
    let results = c.page("/search?q=refoulement", StatusCode::OK).await;
    assert!(results.contains("Essentials of migration management"));
    assert!(results.contains("refoulement</mark>"), "{results}");
    let none = c.page("/search?q=zzzqqqxxx", StatusCode::OK).await;
    assert!(none.contains("No lesson matches these words."));
    // Query syntax of the search engine is not exposed.
    for q in [
        "%22%22%22",
        "AND+OR+NOT",
        "*",
        "a:b",
        "(((",
        "%27%3B+DROP+TABLE+lessons%3B--",
    ] {
        c.page(&format!("/search?q={q}"), StatusCode::OK).await;
    }
    assert!(count(&app.db, "lessons").await >= 25);
}

#[tokio::test]
async fn drafts_are_for_trainers_only() {
    let app = TestApp::spawn().await;
    let mut pack = courses::export_pack(&app.db, "document-examination")
        .await
        .unwrap();
    pack.meta.id = "draft-course".into();
    pack.meta.title = "A draft course".into();
    courses::import_pack(&app.db, &pack, None, false)
        .await
        .unwrap();
    let trainee = app.login_as(Role::Trainee).await;
    assert!(
        !trainee
            .page("/courses", StatusCode::OK)
            .await
            .contains("A draft course")
    );
    trainee
        .page("/courses/draft-course", StatusCode::NOT_FOUND)
        .await;
    let trainer = app.login_as(Role::Trainer).await;
    let catalogue = trainer.page("/courses", StatusCode::OK).await;
    assert!(catalogue.contains("A draft course") && catalogue.contains("Draft"));
    trainer.page("/courses/draft-course", StatusCode::OK).await;
}

#[tokio::test]
async fn course_images_need_a_signed_in_reader_and_cannot_run_scripts() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let lesson = c
        .page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    let start = lesson.find("src=\"/media/courses/").expect("a figure") + 5;
    let url = &lesson[start..start + lesson[start..].find('"').unwrap()];
    let res = c.get(url).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private")
    );
    assert_eq!(
        app.client().get(url).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        c.get("/media/courses/1/nowhere/none.svg").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn reimporting_a_pack_updates_in_place_and_keeps_progress() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    c.post_form(
        "/api/courses/progress",
        "/courses",
        &[("lesson_id", "3"), ("done", "true")],
    )
    .await;
    let lessons = count(&app.db, "lessons").await;
    let mut pack = courses::export_pack(&app.db, "document-examination")
        .await
        .unwrap();
    pack.modules[0].lessons[0].meta.title = "Travel documents and ICAO formats (revised)".into();
    let summary = courses::import_pack(&app.db, &pack, None, true)
        .await
        .unwrap();
    assert!(!summary.created);
    assert_eq!(
        count(&app.db, "lessons").await,
        lessons,
        "nothing duplicated"
    );
    assert_eq!(count(&app.db, "lesson_progress").await, 1, "progress kept");
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(outline.contains("(revised)") && outline.contains("1 / 10"));
}

#[tokio::test]
async fn import_export_import_is_lossless() {
    let app = TestApp::spawn().await;
    for original in content::pack::shipped().unwrap() {
        let exported = courses::export_pack(&app.db, &original.meta.id)
            .await
            .unwrap();
        assert_eq!(exported, original, "export of {}", original.meta.id);
        let out = tempfile::tempdir().unwrap();
        content::pack::write_dir(&exported, out.path()).unwrap();
        let reread = content::pack::load_dir(out.path()).unwrap();
        assert_eq!(reread, original);
        let before = count(&app.db, "lessons").await;
        courses::import_pack(&app.db, &reread, None, true)
            .await
            .unwrap();
        assert_eq!(count(&app.db, "lessons").await, before);
        assert_eq!(
            courses::export_pack(&app.db, &original.meta.id)
                .await
                .unwrap(),
            original
        );
    }
}

#[tokio::test]
async fn a_question_with_a_title_longer_than_is_kept_keeps_its_translations() {
    let app = TestApp::spawn().await;
    let mut pack = courses::export_pack(&app.db, "document-examination")
        .await
        .unwrap();
    pack.meta.id = "long-titles".into();
    pack.meta.title = "Long titles".into();
    let long = format!(
        "{} and what it shows",
        "Reading the MRZ of a worn passport ".repeat(8)
    );
    assert!(long.chars().count() > 200);
    let old = pack.questions[0].question.title.clone();
    pack.questions[0].question.title = long.clone();
    let mut translated = 0;
    for t in &mut pack.translations {
        for q in t.questions.iter_mut().filter(|q| q.question.title == old) {
            q.question.title = long.clone();
            translated += 1;
        }
    }
    assert!(
        translated > 0,
        "the shipped editions translate the first question"
    );
    courses::import_pack(&app.db, &pack, None, true)
        .await
        .unwrap();
    let back = courses::export_pack(&app.db, "long-titles").await.unwrap();
    let kept = back
        .translations
        .iter()
        .filter(|t| t.questions.iter().any(|q| q.question.title == long))
        .count();
    assert_eq!(
        kept, translated,
        "every edition keeps the question's translation"
    );
}

#[tokio::test]
async fn a_course_the_trainee_does_not_take_is_refused_and_nothing_leaks() {
    let app = TestApp::spawn().await;
    let mut pack = courses::export_pack(&app.db, "document-examination")
        .await
        .unwrap();
    pack.meta.id = "restricted".into();
    pack.meta.title = "Restricted course".into();
    pack.modules[0].lessons[0].meta.title = "Secret lesson title".into();
    pack.modules[0].lessons[0].body = "A zebracorn appears in the restricted lesson.".into();
    courses::import_pack(&app.db, &pack, None, true)
        .await
        .unwrap();
    let lesson_id = count(&app.db, "lessons").await - 9; // the first lesson of the new course
    let c = app.login_as(Role::Trainee).await;
    assert!(
        !c.page("/courses", StatusCode::OK)
            .await
            .contains("Restricted course")
    );
    let page = c
        .page(
            &format!("/courses/restricted/lessons/{lesson_id}"),
            StatusCode::FORBIDDEN,
        )
        .await;
    assert!(
        !page.contains("Secret lesson title") && !page.contains("zebracorn"),
        "nothing leaked"
    );
    c.page("/courses/restricted", StatusCode::FORBIDDEN).await;
    assert!(
        c.page("/search?q=zebracorn", StatusCode::OK)
            .await
            .contains("No lesson matches")
    );
    let res = c
        .call(
            "/api/courses/progress",
            &[("lesson_id", &lesson_id.to_string()), ("done", "true")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The trainer who authors sees it.
    assert!(
        app.login_as(Role::Admin)
            .await
            .page("/search?q=zebracorn", StatusCode::OK)
            .await
            .contains("Secret lesson title")
    );
}

#[tokio::test]
async fn viewing_and_completing_lessons_write_learning_events() {
    let app = TestApp::spawn().await;
    // The demo enrolments are events already.
    let before = count(&app.db, "learning_events").await;
    let c = app.login_as(Role::Trainee).await;
    c.page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    c.page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await; // a reload is not a new visit
    assert_eq!(count(&app.db, "learning_events").await, before + 1);
    c.post_form(
        "/api/courses/progress",
        "/courses",
        &[("lesson_id", "1"), ("done", "true")],
    )
    .await;
    c.post_form(
        "/api/courses/progress",
        "/courses",
        &[("lesson_id", "1"), ("done", "true")],
    )
    .await; // once only
    assert_eq!(count(&app.db, "learning_events").await, before + 2);
    let row = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT kind, agency_id, country_code, class_id FROM learning_events ORDER BY id DESC",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.try_get::<String>("", "kind").unwrap(),
        "lesson_completed"
    );
    assert_eq!(
        row.try_get::<Option<i64>>("", "agency_id").unwrap(),
        Some(1)
    );
    assert_eq!(
        row.try_get::<Option<String>>("", "country_code")
            .unwrap()
            .as_deref(),
        Some("UTO")
    );
    assert!(
        row.try_get::<Option<i64>>("", "class_id")
            .unwrap()
            .is_some(),
        "the demo class"
    );
}

/// Statements through the application's connection: who is signed in, the course they take,
/// its lessons, this lesson, their progress. (The session store's own read is one more.)
/// The page used to fetch its lesson up to three times over, once per poll of its view.
#[tokio::test]
async fn a_signed_in_lesson_page_takes_at_most_five_queries() {
    let app = TestApp::spawn().await;
    let trainee = app.login_as(Role::Trainee).await;
    let path = "/courses/document-examination/lessons/2";
    // The first view records the visit; the count is of a lesson read again, as most are.
    trainee.page(path, StatusCode::OK).await;
    let (_, queries) = app
        .queries_of(async { trainee.page(path, StatusCode::OK).await })
        .await;
    assert!(queries <= 5, "{queries} queries for one lesson page");
}

/// A signed-in course page is one server call: the course is found and its access checked
/// once for the outline, the quizzes, the exercises and the certificate. It used to be four
/// calls, each finding and checking the course again (19 statements).
#[tokio::test]
async fn a_signed_in_course_page_checks_the_course_once() {
    let app = TestApp::spawn().await;
    let trainee = app.login_as(Role::Trainee).await;
    let path = "/courses/document-examination";
    trainee.page(path, StatusCode::OK).await;
    let (page, statements) = app
        .statements_of(async { trainee.page(path, StatusCode::OK).await })
        .await;
    for part in [
        r#"id="certificate""#,
        "Travel document examination",
        r#"href="/quizzes/"#,
    ] {
        assert!(page.contains(part), "{part} missing from the course page");
    }
    let course_reads = statements
        .iter()
        .filter(|s| s.contains(r#"FROM "courses""#))
        .count();
    assert_eq!(course_reads, 1, "the course found {course_reads} times");
    // Two more than before the border desk: its scenarios (the classes are read only when a
    // scenario is set for a class), and the reader's attempts (their standing on each quiz);
    // one more for the reader's classes (quizzes and exercises set for one class).
    // Two more for the class's evaluations: the reader's classes of the course and what they
    // have answered.
    assert!(
        statements.len() <= 19,
        "{} statements for one course page",
        statements.len()
    );
}

#[tokio::test]
async fn an_author_or_trainer_previewing_a_lesson_is_not_counted_as_a_person_trained() {
    let app = TestApp::spawn().await;
    let events = |who: &'static str| {
        let db = app.db.clone();
        async move {
            count(
                &db,
                &format!(
                    "learning_events WHERE kind IN ('lesson_viewed', 'lesson_completed') \
                     AND person_id = (SELECT id FROM people WHERE login = '{who}')"
                ),
            )
            .await
        }
    };
    // The administrator reads and completes a lesson of a course they maintain: kept for
    // them (the outline shows it), but no learning event, so no "person trained".
    let admin = app.login_as(Role::Admin).await;
    admin
        .page("/courses/document-examination/lessons/2", StatusCode::OK)
        .await;
    admin
        .post_form(
            "/api/courses/progress",
            "/courses/document-examination/lessons/2",
            &[("lesson_id", "2"), ("done", "true")],
        )
        .await;
    assert!(
        admin
            .page("/courses/document-examination", StatusCode::OK)
            .await
            .contains("1 / 10")
    );
    assert_eq!(events("admin").await, 0);
    // Nor is a trainer reading a course they teach but did not write.
    let trainer = app.login_as(Role::Trainer).await;
    trainer
        .page("/courses/document-examination/lessons/2", StatusCode::OK)
        .await;
    assert_eq!(events("trainer").await, 0);
    // A trainee's reading is.
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .page("/courses/document-examination/lessons/2", StatusCode::OK)
        .await;
    assert_eq!(events("trainee").await, 1);
}

#[tokio::test]
async fn a_lesson_read_in_the_french_interface_is_marked_with_its_texts_language() {
    let app = TestApp::spawn().await;
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .post_form("/api/language", "/account", &[("lang", "fr")])
        .await;
    let outline = trainee.page("/courses/primary-line", StatusCode::OK).await;
    let first = outline
        .split(r#"href="/courses/primary-line/lessons/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the outline links its lessons")
        .to_owned();
    // A course without a French edition: the English text, marked as English.
    let page = trainee
        .page(
            &format!("/courses/primary-line/lessons/{first}"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains(r#"<html lang="fr""#),
        "the interface is French"
    );
    assert!(
        page.contains(r#"<div lang="en" class="lesson-body">"#),
        "the lesson's text is marked as English"
    );
    assert!(page.contains(r#"<h1 lang="en">"#));
    // Courses with one: the French text, marked as French.
    let page = trainee
        .page("/courses/document-examination/lessons/1", StatusCode::OK)
        .await;
    assert!(page.contains(r#"<div lang="fr" class="lesson-body">"#));
    assert!(page.contains(r#"<h1 lang="fr">"#));
    let outline = trainee
        .page("/courses/trafficking-smuggling", StatusCode::OK)
        .await;
    let first = outline
        .split(r#"href="/courses/trafficking-smuggling/lessons/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the outline links its lessons")
        .to_owned();
    let page = trainee
        .page(
            &format!("/courses/trafficking-smuggling/lessons/{first}"),
            StatusCode::OK,
        )
        .await;
    assert!(page.contains(r#"<div lang="fr" class="lesson-body">"#));
    assert!(
        page.contains("traite des personnes"),
        "the French edition's text"
    );
}
