//! A pilot as it runs: the trainer goes from the course to its trainer's pack; a trainee takes
//! the pre-test, practises, works through the lessons and takes a post-test whose questions
//! they never saw with their answers.

use super::*;

#[tokio::test]
async fn a_trainer_opens_the_trainers_pack_and_a_trainee_takes_an_honest_post_test() {
    use app::server::entities::{
        attempt, attempt_question, lesson, question, question_category, quiz,
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    use std::collections::HashSet;

    let app = TestApp::spawn().await;
    let slug = "document-examination";
    let course = crate::helpers::course_id(&app, slug).await;

    // The trainer, from the course page to the trainer materials and the printable pack.
    let b = Browser::start().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.goto(&app.url(&format!("/courses/{slug}"))).await;
    b.click("#trainer-materials").await;
    b.wait_for(
        "the trainer materials",
        &format!("location.pathname === '/author/courses/{slug}/trainer'"),
    )
    .await;
    b.find("#agenda-plan-table").await;
    assert!(b.text("#agenda").await.contains("Pre-test"));
    let plans = b
        .script("return document.querySelectorAll('.trainer-lesson table[id$=plan-table]').length;")
        .await;
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        plans,
        json!(lessons.len()),
        "a session plan for every lesson"
    );
    b.script(
        "fetch(document.querySelector('#trainer-pack-pdf').href).then(r => \
         { document.body.dataset.pdf = r.status + ' ' + r.headers.get('content-type'); });",
    )
    .await;
    b.wait_for(
        "the trainer's pack",
        "document.body.dataset.pdf === '200 application/pdf'",
    )
    .await;
    b.sign_out().await;

    // The trainee: the pre-test from the course page, submitted after confirming.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.goto(&app.url(&format!("/courses/{slug}"))).await;
    assert!(!b.exists("#trainer-materials").await, "not for trainees");
    let quizzes = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course))
        .order_by_asc(quiz::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let by_slug = |s: &str| quizzes.iter().find(|q| q.slug == s).unwrap().id;
    let take = |id: i64| {
        let b = &b;
        async move {
            b.click(&format!("#course-quizzes a[href='/quizzes/{id}']"))
                .await;
            b.wait_for(
                "the quiz",
                &format!("location.pathname === '/quizzes/{id}'"),
            )
            .await;
            b.click("#start-attempt").await;
            b.wait_for("the attempt", "location.pathname.startsWith('/attempts/')")
                .await;
            let attempt: i64 = b
                .url()
                .await
                .rsplit('/')
                .next()
                .unwrap()
                .split(['?', '#'])
                .next()
                .unwrap()
                .parse()
                .unwrap();
            b.click("#submit-attempt").await;
            b.click("#confirm-submit-button").await;
            b.find("#attempt-result").await;
            attempt
        }
    };
    let pre = take(by_slug("pre-test")).await;
    // A practice quiz, whose answers are shown.
    b.goto(&app.url(&format!("/courses/{slug}"))).await;
    let practice = quizzes
        .iter()
        .find(|q| q.slug.starts_with("practice-"))
        .unwrap()
        .id;
    let practised = take(practice).await;
    assert!(
        b.text("main").await.contains("Correct answer"),
        "practice shows the answers"
    );
    // Every lesson, marked done from its page.
    for l in &lessons {
        b.goto(&app.url(&format!("/courses/{slug}/lessons/{}", l.id)))
            .await;
        b.script("document.body.dataset.before = 'mark';").await;
        b.click("#mark-complete").await;
        b.wait_for("the lesson marked", "!document.body.dataset.before")
            .await;
    }
    b.goto(&app.url(&format!("/courses/{slug}"))).await;
    b.wait_text("main", &format!("{} / {}", lessons.len(), lessons.len()))
        .await;
    let post = take(by_slug("post-test")).await;

    // What each attempt asked, by title.
    let titles = |a: i64| {
        let db = app.db.clone();
        async move {
            attempt_question::Entity::find()
                .filter(attempt_question::Column::AttemptId.eq(a))
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|r| {
                    serde_json::from_str::<Value>(&r.snapshot).unwrap()["title"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect::<HashSet<String>>()
        }
    };
    let test_pool: HashSet<String> = {
        let cats: Vec<i64> = question_category::Entity::find()
            .filter(question_category::Column::CourseId.eq(course))
            .filter(question_category::Column::Pool.eq(content::pack::Pool::Test))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        question::Entity::find()
            .filter(question::Column::CategoryId.is_in(cats))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|q| q.title)
            .collect()
    };
    let (pre_asked, practice_asked, post_asked) = (
        titles(pre).await,
        titles(practised).await,
        titles(post).await,
    );
    assert!(
        post_asked.len() >= 15,
        "{} questions in the post-test",
        post_asked.len()
    );
    assert!(pre_asked.is_subset(&test_pool) && post_asked.is_subset(&test_pool));
    assert!(
        practice_asked.is_disjoint(&test_pool),
        "practice never shows a test item"
    );
    assert!(post_asked.is_disjoint(&practice_asked));
    assert_eq!(
        attempt::Entity::find_by_id(post)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .quiz_id,
        by_slug("post-test")
    );
}
