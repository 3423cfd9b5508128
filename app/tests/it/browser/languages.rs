//! Working in one's own language, in the browser: an Arabic-speaking trainee reads a lesson
//! and takes a quiz in Arabic and downloads a certificate that prints their name in Arabic
//! script; a Spanish-speaking trainer edits a lesson's Spanish translation.

use super::*;
use app::server::entities::{attempt_question, course, lesson, person};
use base64::Engine as _;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Sets person `login`'s language (and name, if given) as their account says.
async fn speaks(app: &TestApp, login: &str, lang: &str, name: Option<&str>) -> i64 {
    let p = person::Entity::find()
        .filter(person::Column::Login.eq(login))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = p.id;
    let mut p: person::ActiveModel = p.into();
    p.language = Set(lang.to_owned());
    if let Some(name) = name {
        p.display_name = Set(name.to_owned());
    }
    p.update(&app.db).await.unwrap();
    id
}

#[tokio::test]
async fn an_arabic_speaking_trainee_reads_takes_a_quiz_and_prints_a_certificate_in_arabic() {
    use ::assessments::questions::{Question, Response, model_answer};
    let app = TestApp::spawn().await;
    let name = "سامي عبد الله أوكورو";
    let trainee_id = speaks(&app, "trainee", "ar", Some(name)).await;

    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    // The lesson, right to left from the server, in the course's Arabic edition.
    b.goto(&app.url("/courses/document-examination/lessons/2"))
        .await;
    b.find("#edition-note").await;
    assert_eq!(
        b.script("return [document.documentElement.dir, document.querySelector('h1').lang];")
            .await,
        json!(["rtl", "ar"])
    );
    assert!(b.text("h1").await.contains("قراءة المنطقة المقروءة آلياً"));
    assert!(b.text(".lesson-body").await.contains("رقم التحقق"));

    // The module's practice quiz, asked in Arabic: answered by clicking and typing.
    let course_id = crate::helpers::course_id(&app, "document-examination").await;
    let quiz = app::server::entities::quiz::Entity::find()
        .filter(app::server::entities::quiz::Column::CourseId.eq(course_id))
        .filter(app::server::entities::quiz::Column::Slug.eq("practice-documents-and-the-mrz"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    b.goto(&app.url(&format!("/quizzes/{quiz}"))).await;
    b.click("#start-attempt").await;
    b.wait_for("the attempt", "location.pathname.startsWith('/attempts/')")
        .await;
    let attempt: i64 = b.url().await.rsplit('/').next().unwrap().parse().unwrap();
    b.wait_for(
        "the autosave island",
        "document.querySelector('#autosave-status').dataset.live === '1'",
    )
    .await;
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt))
        .order_by_asc(attempt_question::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    for r in &rows {
        let q: Question = serde_json::from_str(&r.snapshot).unwrap();
        assert!(
            q.text
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        );
        let layout: Value = serde_json::from_str(&r.option_order).unwrap();
        let token = |id: u32| {
            let at = layout["order"]
                .as_array()
                .unwrap()
                .iter()
                .position(|o| o.as_u64() == Some(u64::from(id)))
                .unwrap();
            layout["tokens"][at].as_u64().unwrap()
        };
        match model_answer(&q.body) {
            Response::Bool(v) => b.click(&format!("#q{}-{v}", r.question_id)).await,
            Response::Choices(c) => {
                for id in c {
                    b.click(&format!("#q{}-{}", r.question_id, token(id))).await;
                }
            }
            Response::Number(n) => {
                b.type_into(&format!("#q{}", r.question_id), &n.to_string())
                    .await
            }
            Response::Text(t) => b.type_into(&format!("#q{}", r.question_id), &t).await,
            // Matching and ordering questions are left unanswered here: the quiz is still
            // submitted and graded.
            _ => {}
        }
    }
    b.click("#submit-attempt").await;
    b.click("#confirm-submit-button").await;
    b.find("#attempt-result").await;
    assert_eq!(
        b.script("return document.documentElement.dir;").await,
        json!("rtl")
    );

    // The trainer awards the certificate; the trainee downloads it, and the name reads back
    // from the PDF as typed.
    let class_id = app::server::entities::class::Entity::find()
        .filter(app::server::entities::class::Column::CourseId.eq(course_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let trainer = app.login_as(app::model::Role::Trainer).await;
    trainer
        .post_form(
            "/api/certificates/award",
            &format!("/classes/{class_id}"),
            &[
                ("class", &class_id.to_string()),
                ("person", &trainee_id.to_string()),
            ],
        )
        .await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.find("#certificate-pdf").await;
    let pdf = b
        .script(
            "return fetch(document.querySelector('#certificate-pdf').href)\
             .then(r => r.arrayBuffer())\
             .then(b => { let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); return btoa(s); });",
        )
        .await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf.as_str().unwrap())
        .unwrap();
    let lines = crate::helpers::pdf_lines(&pdf);
    assert!(lines.iter().any(|l| l == name), "{lines:?}");
    assert!(lines.iter().any(|l| l == "شهادة إتمام"), "{lines:?}");
}

#[tokio::test]
async fn a_spanish_speaking_trainer_edits_a_lessons_spanish_translation() {
    let app = TestApp::spawn().await;
    speaks(&app, "trainer", "es", None).await;
    // The trainer adapts the course in a copy of their own, which keeps its editions.
    let trainer = app.login_as(app::model::Role::Trainer).await;
    trainer
        .post_form(
            "/api/author/courses/duplicate",
            "/author/courses/document-examination",
            &[
                ("source", "document-examination"),
                ("slug", "documentos-uto"),
                ("title", "Examen de documentos (Utopía)"),
            ],
        )
        .await;
    let copy = course::Entity::find()
        .filter(course::Column::Slug.eq("documentos-uto"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the copy is made");
    let first = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(copy.id))
        .order_by_asc(lesson::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    let b = Browser::start().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url(&format!("/author/lessons/{first}"))).await;
    b.click("#translate-lesson").await;
    b.wait_for(
        "the Spanish translation",
        "location.pathname.endsWith('/translations/es')",
    )
    .await;
    assert!(b.text("h1").await.contains("Traducción al español"));
    assert!(
        b.script("return document.querySelector('#body').value;")
            .await
            .as_str()
            .unwrap()
            .contains("OACI"),
        "the shipped Spanish text is there to edit"
    );
    b.script(
        "const body = document.querySelector('#body');\
         body.value = body.value + '\\n\\nNota del formador: en Utopía, consulte siempre la base nacional de especímenes.';\
         return true;",
    )
    .await;
    b.click("#save-translation").await;
    b.wait_for(
        "the saved notice",
        "location.search.includes('notice=Saved')",
    )
    .await;
    // The lesson, read in Spanish, has the trainer's note.
    b.goto(&app.url(&format!("/courses/documentos-uto/lessons/{first}")))
        .await;
    b.wait_text(".lesson-body", "Nota del formador").await;
    assert_eq!(
        b.script("return document.querySelector('h1').lang;").await,
        json!("es")
    );
}
