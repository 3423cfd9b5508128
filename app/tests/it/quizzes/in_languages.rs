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
    assert!(card.contains("تمرين: وثائق السفر ومنطقة القراءة الآلية"));
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
