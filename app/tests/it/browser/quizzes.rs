//! A quiz taken across a reload, graded, and its certificate verified.

use super::*;

/// Questions for the quiz flow: true/false, single choice and one number, so the test knows
/// which input answers each.
const BROWSER_GIFT: &str = "$CATEGORY: Browser check

::B1 MRZ lines:: The machine readable zone of a TD3 passport has two lines. {T}

::B2 Specimen state:: Which fictional state issues ICAO specimen documents? {=Utopia ~Atlantis ~Freedonia}

::B3 Visa:: A visa is a travel document in its own right. {F}

::B4 Weights:: The check digit weights are 7, 3 and which number? {=1 ~2 ~9}

::B5 TD1 lines:: How many lines has the machine readable zone of a TD1 identity card? {#3}
";

/// A published practice quiz on the document-examination course (the demo trainee's class)
/// drawing `count` questions from category `category` of `gift`, built by the administrator
/// through the forms: its id.
async fn practice_quiz(app: &TestApp, gift: &str, category: &str, count: usize) -> i64 {
    use app::server::entities::question_category;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    // The administrator builds a short quiz on the course of the trainee's demo class.
    let admin = app.login_as(app::model::Role::Admin).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", admin.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(gift.as_bytes().to_vec()).file_name("browser.gift"),
        );
    let res = admin
        .http
        .post(app.url("/author/courses/document-examination/questions/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let course_id = crate::helpers::course_id(app, "document-examination").await;
    let category = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .filter(question_category::Column::Name.eq(category))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let quiz_fields = [
        ("input[title]", "Counter check"),
        ("input[role]", "practice"),
        ("input[pass_mark]", "50"),
        ("input[attempts_allowed]", "0"),
        ("input[show_answers]", "after_submit"),
    ];
    let mut create = vec![("slug", "document-examination")];
    create.extend_from_slice(&quiz_fields);
    let res = admin
        .post_form(
            "/api/quizzes/create",
            "/author/courses/document-examination/questions",
            &create,
        )
        .await;
    let quiz: i64 = crate::helpers::location(&res)
        .trim_start_matches("/author/quizzes/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let q = quiz.to_string();
    let cat = category.to_string();
    admin
        .post_form(
            "/api/quizzes/add-draw",
            "/",
            &[
                ("id", &q),
                ("category", &cat),
                ("count", &count.to_string()),
            ],
        )
        .await;
    let mut update = vec![("id", q.as_str()), ("input[published]", "on")];
    update.extend_from_slice(&quiz_fields);
    let res = admin.post_form("/api/quizzes/update", "/", &update).await;
    assert!(crate::helpers::location(&res).contains("notice=Saved"));
    quiz
}

#[tokio::test]
async fn a_trainee_takes_a_quiz_that_survives_a_reload_and_earns_a_verified_certificate() {
    use ::assessments::questions::{Question, Response, model_answer};
    use app::server::entities::{attempt_question, certificate, class};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let app = TestApp::spawn().await;
    let quiz = practice_quiz(&app, BROWSER_GIFT, "Browser check", 5).await;
    let course_id = crate::helpers::course_id(&app, "document-examination").await;

    // The trainee starts it and answers half; each answer saves itself.
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url(&format!("/quizzes/{quiz}"))).await;
    b.click("#start-attempt").await;
    b.wait_for("the attempt", "location.pathname.startsWith('/attempts/')")
        .await;
    let attempt: i64 = b.url().await.rsplit('/').next().unwrap().parse().unwrap();
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt))
        .order_by_asc(attempt_question::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let mut answers: Vec<String> = rows
        .iter()
        .map(|r| {
            let q: Question = serde_json::from_str(&r.snapshot).unwrap();
            // The page names each option by the token the attempt drew for it.
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
                Response::Bool(v) => format!("#q{}-{v}", r.question_id),
                Response::Choices(c) => format!("#q{}-{}", r.question_id, token(c[0])),
                Response::Number(_) => format!("#q{}", r.question_id),
                other => panic!("unexpected {other:?}"),
            }
        })
        .collect();
    assert_eq!(answers.len(), 5);
    b.wait_for(
        "the autosave island",
        "document.querySelector('#autosave-status').dataset.live === '1'",
    )
    .await;
    // A number that is not one is refused: the status names the question and says why, and
    // the question is marked; corrected, it saves.
    let at = rows
        .iter()
        .position(|r| answers.contains(&format!("#q{}", r.question_id)))
        .unwrap();
    let number = answers.remove(at);
    b.type_into(&number, "10x").await;
    b.script(&format!(
        "document.querySelector('{number}').dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.wait_text(
        "#autosave-status",
        &format!("Question {}: Enter a number.", at + 1),
    )
    .await;
    assert!(
        b.exists(&format!("#question-{}.has-error", &number[2..]))
            .await
    );
    b.type_into(&number, "3").await;
    b.script(&format!(
        "document.querySelector('{number}').dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ))
    .await;
    b.wait_text("#autosave-status", "Saved").await;
    assert!(!b.exists("fieldset.has-error").await);
    for (i, css) in answers[..2].iter().enumerate() {
        b.click(css).await;
        b.wait_text("#autosave-status", "Saved").await;
        // Each click is written before the next (the status line only says the last one was).
        let deadline = Instant::now() + PATIENCE;
        loop {
            let saved = attempt_question::Entity::find()
                .filter(attempt_question::Column::AttemptId.eq(attempt))
                .filter(attempt_question::Column::Response.is_not_null())
                .all(&app.db)
                .await
                .unwrap()
                .len();
            if saved == i + 2 {
                break;
            }
            assert!(Instant::now() < deadline, "answer {} was not saved", i + 1);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // A reload (or a closed laptop) keeps them.
    b.goto(&app.url(&format!("/attempts/{attempt}"))).await;
    b.find("#attempt-form").await;
    for css in &answers[..2] {
        assert_eq!(
            b.script(&format!("return document.querySelector('{css}').checked;"))
                .await,
            json!(true),
            "{css} is still chosen after the reload"
        );
    }
    for css in &answers[2..] {
        b.click(css).await;
    }
    b.click("#submit-attempt").await;
    // Submitting asks first; every question has its answer.
    b.find("#all-answered").await;
    b.click("#confirm-submit-button").await;
    b.wait_text("#attempt-result", "100 %").await;
    assert!(b.text("#attempt-form").await.contains("Correct answer"));

    // The trainer sees the result and the item analysis, and awards the certificate.
    b.sign_out().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    let class_id = class::Entity::find()
        .filter(class::Column::CourseId.eq(course_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    b.goto(&app.url(&format!("/classes/{class_id}"))).await;
    b.click("#class-quizzes-link").await;
    b.wait_text("#class-quizzes", "Counter check").await;
    b.goto(&app.url(&format!("/classes/{class_id}/quizzes/{quiz}")))
        .await;
    b.wait_text("#results", "100 %").await;
    b.wait_text("#item-analysis", "B1 MRZ lines").await;
    b.click("form[action=\"/api/certificates/award\"] button[type=submit]")
        .await;
    b.wait_text("#certificates", "CP-").await;
    let code = certificate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .code;

    // The trainee downloads the PDF from the course page; anyone can verify its code.
    b.sign_out().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.wait_text("#certificate-code", &code).await;
    let head = b
        .script(
            "return fetch(document.querySelector('#certificate-pdf').href)\
             .then(r => r.arrayBuffer())\
             .then(b => String.fromCharCode(...new Uint8Array(b).slice(0, 5)));",
        )
        .await;
    assert_eq!(head, json!("%PDF-"));
    b.sign_out().await;
    b.goto(&app.url("/verify")).await;
    b.type_into("#verify-code", &code).await;
    b.click("form[action=\"/verify\"] button[type=submit]")
        .await;
    b.wait_text("#verification", "This certificate is valid.")
        .await;
    assert!(b.text("#holder").await.contains("Samuel Okoro"));
}

/// A matching question whose answers are long, as real ones are.
const MATCHING_GIFT: &str = "$CATEGORY: Matching check

::M1 Protection terms:: Match each term with its definition. {
=Refugee -> Outside their country, with a well-founded fear of persecution for a Convention reason
=Asylum-seeker -> Seeks international protection, and the claim has not yet been finally decided by the authorities
=Stateless person -> Not considered as a national by any State under the operation of its law
}
";

#[tokio::test]
async fn on_a_phone_a_matching_question_fits_and_every_field_is_read_with_its_question() {
    let app = TestApp::spawn().await;
    let quiz = practice_quiz(&app, MATCHING_GIFT, "Matching check", 1).await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.viewport(375, 740, true).await;
    b.goto(&app.url(&format!("/quizzes/{quiz}"))).await;
    b.click("#start-attempt").await;
    b.wait_for("the attempt", "location.pathname.startsWith('/attempts/')")
        .await;
    b.find("table.matching select").await;
    // Nothing is wider than the phone: every item and its answer list stay on the screen.
    let fits_script = "return [document.documentElement.scrollWidth <= 375, \
         [...document.querySelectorAll('table.matching select, table.matching label, .question-review p')] \
           .every(e => e.getBoundingClientRect().right <= 375.5)];";
    assert_eq!(b.script(fits_script).await, json!([true, true]));
    // The question's group is named by its number and its text; each answer list by its item,
    // described by the question.
    let names = b
        .script(
            "const f = document.querySelector('fieldset.question'); \
             const text = ids => ids.split(' ').map(id => document.getElementById(id).textContent).join(' '); \
             const s = f.querySelector('select'); \
             return [text(f.getAttribute('aria-labelledby')), text(s.getAttribute('aria-describedby')), \
                     document.querySelector(`label[for=\"${s.id}\"]`).textContent];",
        )
        .await;
    assert!(names[0].as_str().unwrap().contains("Question 1"), "{names}");
    assert!(
        names[0].as_str().unwrap().contains("Match each term"),
        "{names}"
    );
    assert!(
        names[1].as_str().unwrap().contains("Match each term"),
        "{names}"
    );
    assert!(!names[2].as_str().unwrap().is_empty(), "{names}");
    // "Submit" on an empty attempt grades nothing: it asks first, naming the question without
    // an answer, and the trainee goes back to answer it.
    b.click("#submit-attempt").await;
    b.wait_text("#unanswered", "Question 1").await;
    assert!(b.exists("#attempt-form").await && !b.exists("#attempt-result").await);
    b.click("#unanswered a").await;
    // Answers given after the question is named, and submitted straight from the
    // confirmation, are saved with it and graded.
    b.script("document.querySelectorAll('table.matching select').forEach(s => { s.selectedIndex = 1; });")
        .await;
    b.click("#confirm-submit-button").await;
    b.find(".question-review").await;
    assert!(!b.text("#attempt-form").await.contains("Not answered"));
    // The review with its correct answers fits the phone too.
    assert_eq!(b.script(fits_script).await, json!([true, true]));
}
