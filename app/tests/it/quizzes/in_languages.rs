//! A quiz in the trainee's language: asked from the course's translation, graded on the same
//! answer key, and reviewed later in the language it was asked in.

use super::*;
use assessments::questions::model_answer;

fn arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[tokio::test]
async fn a_trainee_takes_a_quiz_in_arabic_graded_on_the_same_key() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    c.post_form("/api/language", "/account", &[("lang", "ar")])
        .await;
    let practice = quiz_id(&app, "practice-documents-and-the-mrz").await;
    let card = c
        .page(&format!("/quizzes/{practice}"), StatusCode::OK)
        .await;
    assert!(card.contains("تمرين: وثائق السفر والمنطقة المقروءة آلياً"));
    let course = c
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(
        course.contains("تمرين: وثائق السفر والمنطقة المقروءة آلياً"),
        "the course page lists the quiz by its Arabic title"
    );
    let a = start(&c, practice).await;
    let page = c.page(&format!("/attempts/{a}"), StatusCode::OK).await;
    let asked = questions_of(&app, a).await;
    assert!(!asked.is_empty());
    for (_, q, _) in &asked {
        assert!(arabic(&q.text), "asked in Arabic: {}", q.title);
        assert!(page.contains(&q.text[..q.text.find(' ').unwrap_or(q.text.len())]));
    }
    assert!(page.contains(r#"lang="ar""#));

    // The right answers by the (shared) key earn full marks.
    let mut all = Vec::new();
    for (qid, q, t) in &asked {
        all.extend(fields(*qid, &q.body, &model_answer(&q.body), t));
    }
    post_answers(&c, a, &all).await;
    c.post_form(
        "/api/quizzes/submit",
        &format!("/attempts/{a}"),
        &[("id", &a.to_string())],
    )
    .await;
    let row = attempt::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.percent, Some(100.0));
    assert_eq!(row.language.as_deref(), Some("ar"));

    // Back in English, the attempt is reviewed as it was asked; a new one is asked in English.
    c.post_form("/api/language", "/account", &[("lang", "en")])
        .await;
    let review = c.page(&format!("/attempts/{a}"), StatusCode::OK).await;
    assert!(review.contains(r#"lang="ar""#));
    let b = start(&c, practice).await;
    let english = attempt::Entity::find_by_id(b)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(english.language, None);
    assert!(
        questions_of(&app, b)
            .await
            .iter()
            .all(|(_, q, _)| !arabic(&q.text))
    );
}

#[tokio::test]
async fn a_question_edited_since_it_was_translated_is_asked_as_written() {
    use app::server::entities::question;
    use assessments::questions::Question;
    let app = TestApp::spawn().await;
    // Every question of the course is now worth two marks: no translation keeps up.
    let course = crate::helpers::course_id(&app, "document-examination").await;
    for row in question::Entity::find()
        .filter(question::Column::CourseId.eq(course))
        .all(&app.db)
        .await
        .unwrap()
    {
        let mut q: Question = serde_json::from_str(&row.data).unwrap();
        q.marks = 2.0;
        let mut row: question::ActiveModel = row.into();
        row.data = Set(serde_json::to_string(&q).unwrap());
        row.update(&app.db).await.unwrap();
    }
    let c = app.login_as(Role::Trainee).await;
    c.post_form("/api/language", "/account", &[("lang", "ar")])
        .await;
    let practice = quiz_id(&app, "practice-documents-and-the-mrz").await;
    let a = start(&c, practice).await;
    let row = attempt::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.language, None, "asked in the course's own language");
    for (_, q, _) in questions_of(&app, a).await {
        assert!(!arabic(&q.text), "{}", q.title);
        assert_eq!(q.marks, 2.0);
    }
}
