//! Honest tests: practice and test items in separate pools, and a pre- or post-test that never
//! asks what the trainee was shown the answer to.

use super::*;
use app::server::entities::{question, question_category, quiz_item};
use std::collections::HashSet;

/// The titles asked in attempt `a`.
async fn titles(app: &TestApp, a: i64) -> HashSet<String> {
    questions_of(app, a)
        .await
        .into_iter()
        .map(|(_, q, _)| q.title)
        .collect()
}

async fn submit_empty(c: &Client, a: i64) {
    let res = post_answers(c, a, &[("action".into(), "confirm-submit".into())]).await;
    assert_eq!(location(&res), format!("/attempts/{a}"));
}

#[tokio::test]
async fn a_test_never_asks_what_the_trainee_was_shown_the_answer_to() {
    let app = TestApp::spawn().await;
    let c = app.login_as(Role::Trainee).await;
    // The post-test made to show its answers after every attempt, with no limit on attempts:
    // each attempt spends the questions it asked.
    let post = quiz_id(&app, "post-test").await;
    let mut q: quiz::ActiveModel = quiz::Entity::find_by_id(post)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    q.show_answers = Set("after_submit".into());
    q.attempts_allowed = Set(0);
    q.update(&app.db).await.unwrap();

    let first = start(&c, post).await;
    let asked_first = titles(&app, first).await;
    assert!(asked_first.len() >= 15, "{} questions", asked_first.len());
    submit_empty(&c, first).await;
    let review = c.page(&format!("/attempts/{first}"), StatusCode::OK).await;
    assert!(review.contains("Correct answer"), "the answers were shown");

    let second = start(&c, post).await;
    let asked_second = titles(&app, second).await;
    assert_eq!(asked_second.len(), asked_first.len());
    assert!(
        asked_first.is_disjoint(&asked_second),
        "asked again: {:?}",
        asked_first.intersection(&asked_second).collect::<Vec<_>>()
    );
    submit_empty(&c, second).await;

    // The pool cannot fill a third attempt with questions not yet shown: refused, nothing
    // written.
    let attempts = count(&app.db, "attempts").await;
    let res = c
        .call("/api/quizzes/start", &[("id", &post.to_string())])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().await.unwrap().contains("ErrTestPoolSpent"),
        "the reason is named"
    );
    assert_eq!(count(&app.db, "attempts").await, attempts);

    // Practice never spends a test item: a practice quiz asks only practice questions.
    let cid = course_id(&app, "document-examination").await;
    let pools: std::collections::HashMap<i64, content::pack::Pool> =
        question_category::Entity::find()
            .filter(question_category::Column::CourseId.eq(cid))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c.pool))
            .collect();
    let bank = question::Entity::find()
        .filter(question::Column::CourseId.eq(cid))
        .all(&app.db)
        .await
        .unwrap();
    for qz in quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(cid))
        .all(&app.db)
        .await
        .unwrap()
    {
        let wanted = content::pack::Pool::for_role(qz.role.code());
        for item in quiz_item::Entity::find()
            .filter(quiz_item::Column::QuizId.eq(qz.id))
            .all(&app.db)
            .await
            .unwrap()
        {
            let category = item.category_id.or_else(|| {
                bank.iter()
                    .find(|b| Some(b.id) == item.question_id)
                    .map(|b| b.category_id)
            });
            assert_eq!(
                category.and_then(|c| pools.get(&c).copied()),
                Some(wanted),
                "quiz {} draws from the wrong pool",
                qz.slug
            );
        }
    }
}

#[tokio::test]
async fn quizzes_keep_to_their_pool_in_the_browser_too() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let cid = course_id(&app, "document-examination").await;
    let cats = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(cid))
        .all(&app.db)
        .await
        .unwrap();
    let test_cat = cats
        .iter()
        .find(|c| c.pool == content::pack::Pool::Test)
        .expect("a test category");
    let practice_cat = cats
        .iter()
        .find(|c| c.pool == content::pack::Pool::Practice)
        .expect("a practice category");
    let practice = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(cid))
        .filter(quiz::Column::Role.eq("practice"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let post = quiz_id(&app, "post-test").await;
    let items = count(&app.db, "quiz_items").await;
    for (quiz, cat) in [(practice.id, test_cat.id), (post, practice_cat.id)] {
        let res = admin
            .call(
                "/api/quizzes/add-draw",
                &[
                    ("id", &quiz.to_string()),
                    ("category", &cat.to_string()),
                    ("count", "1"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("ErrWrongPool"));
    }
    // One fixed test question for practice: refused too.
    let test_question = question::Entity::find()
        .filter(question::Column::CategoryId.eq(test_cat.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = admin
        .call(
            "/api/quizzes/add-question",
            &[
                ("id", &practice.id.to_string()),
                ("question", &test_question.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app.db, "quiz_items").await, items);

    // A test category the post-test draws from cannot become practice.
    let res = admin
        .call(
            "/api/quizzes/category-pool",
            &[("id", &test_cat.id.to_string()), ("test", "false")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("ErrPoolInUse"));
    // The bank page shows each category's pool, and moving one that no quiz asks works.
    let page = admin
        .page(
            "/author/courses/document-examination/questions",
            StatusCode::OK,
        )
        .await;
    assert!(page.contains("Test pool") && page.contains("Practice pool"));

    // "Answers after the last attempt", offered by the quiz editor, is accepted.
    let res = admin
        .call(
            "/api/quizzes/update",
            &[
                ("id", &post.to_string()),
                ("input[title]", "Post-test"),
                ("input[role]", "post_test"),
                ("input[intro]", ""),
                ("input[pass_mark]", "70"),
                ("input[time_limit_minutes]", "30"),
                ("input[attempts_allowed]", "2"),
                ("input[show_answers]", "after_last"),
            ],
        )
        .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let q = quiz::Entity::find_by_id(post)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(q.show_answers, "after_last");
}
