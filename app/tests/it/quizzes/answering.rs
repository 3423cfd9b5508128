//! Answering as you go, submitting once, the certificate; bad answers refused whole.

use super::*;

#[tokio::test]
async fn a_trainee_answers_as_they_go_submits_once_and_gets_a_certificate_that_verifies() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let outline = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(
        outline.contains("Post-test"),
        "the outline lists the quizzes"
    );

    // A practice quiz has no pass mark: it is neither passed nor failed ("Passed · Pass mark
    // 0 %" said otherwise).
    let practice = quiz_id(&app, "practice-documents-and-the-mrz").await;
    let card = c
        .page(&format!("/quizzes/{practice}"), StatusCode::OK)
        .await;
    assert!(card.contains("Practice: no pass mark") && !card.contains("Pass mark"));
    let p = start(&c, practice).await;
    c.post_form(
        "/api/quizzes/submit",
        &format!("/attempts/{p}"),
        &[("id", &p.to_string())],
    )
    .await;
    let result = c.page(&format!("/attempts/{p}"), StatusCode::OK).await;
    assert!(result.contains("Practice: no pass mark"));
    for wrong in ["Pass mark", "Not passed", "Passed"] {
        assert!(!result.contains(wrong), "{wrong} on a practice result");
    }

    let post = quiz_id(&app, "post-test").await;
    let card = c.page(&format!("/quizzes/{post}"), StatusCode::OK).await;
    assert!(card.contains("id=\"start-attempt\""));
    assert!(card.contains("Pass mark 70 %"));
    let a = start(&c, post).await;
    // Starting again continues the same attempt (a double click starts nothing new).
    assert_eq!(start(&c, post).await, a);
    let qs = questions_of(&app, a).await;
    assert_eq!(
        qs.len(),
        16,
        "four questions drawn from each module's test pool"
    );

    // Answer half, one question at a time, as the page's script does.
    let half = qs.len() / 2;
    for (qid, q, t) in &qs[..half] {
        let res = post_answers(&c, a, &fields(*qid, &q.body, &model_answer(&q.body), t)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert!(
            location(&res).contains("notice=AnswersSaved"),
            "{}",
            location(&res)
        );
    }
    let saved = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(a))
        .filter(attempt_question::Column::Response.is_not_null())
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(saved.len(), half, "each answer is stored as it is given");
    // The page shows them again after a reload.
    let page = c.page(&format!("/attempts/{a}"), StatusCode::OK).await;
    assert!(page.contains("id=\"attempt-form\""));

    // The rest, then submit twice (a double click, a replayed request).
    let mut rest = Vec::new();
    for (qid, q, t) in &qs[half..] {
        rest.extend(fields(*qid, &q.body, &model_answer(&q.body), t));
    }
    rest.push(("action".into(), "confirm-submit".into()));
    let res = post_answers(&c, a, &rest).await;
    assert_eq!(location(&res), format!("/attempts/{a}"));
    let again = c
        .post_form(
            "/api/quizzes/submit",
            &format!("/attempts/{a}"),
            &[("id", &a.to_string())],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let row = attempt::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, app::model::AttemptStatus::Submitted);
    assert_eq!(row.percent, Some(100.0), "model answers score full marks");
    assert_eq!(row.passed, Some(true));
    assert_eq!(
        count(
            &app.db,
            &format!("learning_events WHERE kind = 'attempt_submitted' AND ref_id = {a}")
        )
        .await,
        1,
        "one submission recorded"
    );
    let review = c.page(&format!("/attempts/{a}"), StatusCode::OK).await;
    assert!(review.contains("id=\"attempt-result\"") && review.contains("100 %"));
    // The post-test keeps its answers until the trainee's last attempt, so a second attempt
    // is not answered from the first one's review.
    assert!(
        !review.contains("Correct answer"),
        "the post-test shows answers after the last attempt only"
    );
    // Answers cannot change after submission.
    let (qid, q, t) = &qs[0];
    let res = post_answers(&c, a, &fields(*qid, &q.body, &model_answer(&q.body), t)).await;
    assert!(location(&res).contains("error=ErrAttemptClosed"));

    // Not every lesson is complete: the certificate is not yet earned.
    let res = c
        .call(
            "/api/certificates/claim",
            &[("slug", "document-examination")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The trainer of the class awards it instead.
    let trainer = app.login_as(Role::Trainer).await;
    let cid = course_id(&app, "document-examination").await;
    let class_id = class::Entity::find()
        .filter(class::Column::CourseId.eq(cid))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let results = trainer
        .page(
            &format!("/classes/{class_id}/quizzes/{post}"),
            StatusCode::OK,
        )
        .await;
    assert!(results.contains("id=\"item-analysis\""));
    assert!(results.contains("100 %"));
    let csv = trainer
        .get(&format!("/classes/{class_id}/quizzes/{post}/results.csv"))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("login,name,attempts,best_percent,passed,in_progress,standing"));
    assert!(csv.contains("trainee,"));
    assert!(
        csv.contains(",true,false,Passed\n") || csv.contains(",true,false,Passed\r\n"),
        "{csv}"
    );
    let trainee_id = row.person_id.to_string();
    // The trainee's name is written in Arabic script.
    let mut named: person::ActiveModel = person::Entity::find_by_id(row.person_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    named.display_name = Set("مريم عبد الله السعدي".to_owned());
    named.update(&app.db).await.unwrap();
    let res = trainer
        .post_form(
            "/api/certificates/award",
            &format!("/classes/{class_id}/quizzes/{post}"),
            &[("class", &class_id.to_string()), ("person", &trainee_id)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cert = certificate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("certificate issued");
    assert_eq!(
        count(&app.db, "learning_events WHERE kind = 'certificate_issued'").await,
        1
    );

    // The holder downloads it; anyone can verify it; a stranger's trainer role is not enough.
    let pdf = c.get(&format!("/certificates/{}/pdf", cert.code)).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let printed = pdf_lines(&bytes);
    assert!(
        printed.iter().any(|l| l == &cert.person_name),
        "{printed:?}"
    );
    assert!(printed.iter().any(|l| l == "CERTIFICATE OF COMPLETION"));
    // The verification link is the configured public address, whatever Host the request named.
    let forged = c
        .http
        .get(app.url(&format!("/certificates/{}/pdf", cert.code)))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        forged, bytes,
        "the Host header changes nothing on the certificate"
    );
    // In Arabic, the certificate speaks Arabic; the name reads back as typed either way.
    c.post_form("/api/language", "/account", &[("lang", "ar")])
        .await;
    let arabic = c
        .get(&format!("/certificates/{}/pdf", cert.code))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(arabic.len() <= 100_000 && bytes.len() <= 100_000);
    let printed = pdf_lines(&arabic);
    assert!(
        printed.iter().any(|l| l == "مريم عبد الله السعدي"),
        "{printed:?}"
    );
    assert!(printed.iter().any(|l| l == "شهادة إتمام"), "{printed:?}");
    c.post_form("/api/language", "/account", &[("lang", "en")])
        .await;
    let anonymous = app.client();
    let verify = anonymous
        .page(&format!("/verify/{}", cert.code), StatusCode::OK)
        .await;
    assert!(verify.contains("This certificate is valid."));
    assert!(verify.contains(&cert.person_name));
    assert!(
        !verify.contains(cert.agency_name.as_deref().unwrap_or("@@")),
        "name, course and date only"
    );
    let pdf = anonymous
        .get(&format!("/certificates/{}/pdf", cert.code))
        .await;
    assert_eq!(
        pdf.status(),
        StatusCode::SEE_OTHER,
        "downloads need sign-in"
    );

    // Unknown and revoked codes say so.
    let unknown = anonymous.get("/verify/CP-AAAA-BBBB-CCCC").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("No certificate has this code")
    );
    // Revoking asks first, and its reason is typed inside the question: pressing Enter in a
    // field outside it cannot revoke at once.
    let page = trainer
        .page(&format!("/classes/{class_id}/quizzes"), StatusCode::OK)
        .await;
    let form = page
        .split("action=\"/api/certificates/revoke\"")
        .nth(1)
        .and_then(|f| f.split("</form>").next())
        .expect("the revoke form");
    // A valid certificate's status says so (it was an empty cell beside the button).
    let row = page
        .split(&format!("<code>{}</code>", cert.code))
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("the certificate's row");
    assert!(row.contains(">Valid<"), "{row}");
    let question = form
        .find("<details class=\"confirm\"")
        .expect("the question");
    let reason = form.find("name=\"reason\"").expect("the reason field");
    let button = form.find("type=\"submit\"").expect("the button");
    assert!(question < reason && reason < button, "{form}");
    let res = trainer
        .post_form(
            "/api/certificates/revoke",
            &format!("/classes/{class_id}/quizzes"),
            &[("code", &cert.code), ("reason", "Awarded in error")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let revoked = anonymous.get(&format!("/verify/{}", cert.code)).await;
    assert_eq!(revoked.status(), StatusCode::GONE);
    assert!(revoked.text().await.unwrap().contains("was revoked on"));
    let pdf = c.get(&format!("/certificates/{}/pdf", cert.code)).await;
    assert_eq!(pdf.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bad_answers_are_refused_and_nothing_is_half_written() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    let post = quiz_id(&app, "post-test").await;
    let a = start(&c, post).await;
    let qs = questions_of(&app, a).await;
    let choice = qs.iter().find(|(_, q, _)| {
        matches!(
            q.body,
            Body::SingleChoice { .. } | Body::MultipleResponse { .. }
        )
    });

    // Someone else's attempt: 403, nothing saved.
    let other = app.login_as(Role::Trainer).await;
    let (qid, q, t) = &qs[0];
    let res = post_answers(&other, a, &fields(*qid, &q.body, &model_answer(&q.body), t)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = other
        .call(
            "/api/quizzes/autosave",
            &[
                ("attempt", &a.to_string()),
                ("answers", &format!("p={qid}")),
                ("csrf_token", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // A question that is not in the attempt, together with a good answer: neither is saved.
    let mut mixed = fields(*qid, &q.body, &model_answer(&q.body), t);
    mixed.push(("p".into(), "99999".into()));
    let res = post_answers(&c, a, &mixed).await;
    assert!(
        location(&res).contains("error=ErrNotInAttempt"),
        "{}",
        location(&res)
    );
    assert_eq!(
        count(
            &app.db,
            &format!("attempt_questions WHERE attempt_id = {a} AND response IS NOT NULL")
        )
        .await,
        0,
        "all or nothing"
    );

    // An option id that the question does not have.
    if let Some((cq, _, _)) = choice {
        let res = c
            .call(
                "/api/quizzes/autosave",
                &[
                    ("attempt", &a.to_string()),
                    ("answers", &format!("p={cq}&q{cq}=999")),
                    ("csrf_token", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    // Past the time limit: the save is refused and the attempt closes with what was saved.
    let res = c
        .call(
            "/api/quizzes/autosave",
            &[
                ("attempt", &a.to_string()),
                (
                    "answers",
                    &serde_urlencoded(&fields(*qid, &q.body, &model_answer(&q.body), t)),
                ),
                ("csrf_token", ""),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let row = attempt::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut late: attempt::ActiveModel = row.into();
    late.deadline = Set(Some(
        time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
    ));
    late.update(&app.db).await.unwrap();
    let (qid2, q2, t2) = &qs[1];
    let res = post_answers(&c, a, &fields(*qid2, &q2.body, &model_answer(&q2.body), t2)).await;
    assert!(
        location(&res).contains("error=ErrTimeUp"),
        "{}",
        location(&res)
    );
    let row = attempt::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, app::model::AttemptStatus::Expired);
    let one_mark = qs[0].1.marks;
    assert_eq!(
        row.score,
        Some(one_mark),
        "only the answer saved in time counts"
    );
    let res = c
        .post_form(
            "/api/quizzes/submit",
            &format!("/attempts/{a}"),
            &[("id", &a.to_string())],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "a late submit changes nothing"
    );
    assert_eq!(
        count(
            &app.db,
            &format!("learning_events WHERE kind = 'attempt_submitted' AND ref_id = {a}")
        )
        .await,
        1
    );
}
