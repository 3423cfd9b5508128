//! A trainer who teaches a shipped course builds a quiz for their own class from the course's
//! read-only bank: only that class takes it, only its trainers change it, and the course's
//! pack, copies and re-imports leave it alone.

use super::*;
use app::server::entities::{question_category, quiz_item};

/// The demo class on `course` (run by the demo trainer, the demo trainee enrolled).
pub(crate) async fn demo_class(app: &TestApp, course: &str) -> i64 {
    let cid = course_id(app, course).await;
    class::Entity::find()
        .filter(class::Column::CourseId.eq(cid))
        .filter(class::Column::Name.starts_with("Demo class"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("demo class")
        .id
}

/// A new account with `role_field` ticked, signed in with its own password.
pub(crate) async fn new_account(
    app: &TestApp,
    login: &str,
    name: &str,
    role_field: &str,
) -> Client {
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &[
                ("input[login]", login),
                ("input[display_name]", name),
                ("input[agency]", "2"),
                (role_field, "on"),
                ("input[password]", "first-password-1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let c = app.client();
    c.login(login, "first-password-1").await;
    c.post_form(
        "/api/account/password",
        "/account",
        &[
            ("current", "first-password-1"),
            ("new", "their-own-password-1"),
            ("confirm", "their-own-password-1"),
        ],
    )
    .await;
    c
}

/// A second class of the demo trainer on `course`, with a trainee of its own (signed in).
pub(crate) async fn second_class(app: &TestApp, trainer: &Client, course: &str) -> (i64, Client) {
    let res = trainer
        .post_form(
            "/api/classes/create",
            "/classes",
            &[
                ("input[course]", course),
                ("input[name]", "Northgate — May intake"),
                ("input[starts_on]", "2026-05-04"),
                ("input[ends_on]", "2026-05-08"),
                ("input[location]", "Northgate"),
            ],
        )
        .await;
    let to = location(&res);
    let id: i64 = to
        .trim_start_matches("/classes/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("class created: {to}"));
    let kofi = new_account(app, "k.mensah", "Kofi Mensah", "input[role_trainee]").await;
    let res = trainer
        .post_form(
            "/api/classes/enrol",
            &format!("/classes/{id}"),
            &[("id", &id.to_string()), ("login", "k.mensah")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    (id, kofi)
}

fn quiz_fields<'a>(title: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("input[title]", title),
        ("input[role]", "practice"),
        ("input[intro]", ""),
        ("input[pass_mark]", "70"),
        ("input[time_limit_minutes]", ""),
        ("input[attempts_allowed]", "0"),
        ("input[show_answers]", "after_submit"),
    ];
    f.extend_from_slice(extra);
    f
}

#[tokio::test]
async fn a_trainer_sets_a_quiz_for_their_class_on_a_shipped_course() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let trainee = app.login_as(Role::Trainee).await;
    let k = demo_class(&app, "document-examination").await;
    let cid = course_id(&app, "document-examination").await;
    let (k2, kofi) = second_class(&app, &trainer, "document-examination").await;

    // The shipped course is not theirs: no quiz of the course's own.
    let res = trainer
        .post_form(
            "/api/quizzes/create",
            "/author/courses/document-examination/questions",
            &[
                &[("slug", "document-examination")][..],
                &quiz_fields("Course-wide", &[]),
            ]
            .concat(),
        )
        .await;
    assert!(
        location(&res).contains("error=ErrForbidden"),
        "{}",
        location(&res)
    );

    // A quiz for their class, from the class's quizzes page.
    let k_text = k.to_string();
    let fields = [
        &[("class", k_text.as_str())][..],
        &quiz_fields("Port Alba refresher", &[("input[published]", "on")]),
    ]
    .concat();
    let res = trainer
        .post_form(
            "/api/quizzes/create-for-class",
            &format!("/classes/{k}/quizzes"),
            &fields,
        )
        .await;
    let to = location(&res);
    assert!(to.starts_with("/author/quizzes/"), "{to}");
    let q = quiz::Entity::find()
        .filter(quiz::Column::ClassId.eq(k))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the class's quiz");
    assert_eq!(q.course_id, cid);
    assert!(!q.published, "a new quiz asks nothing yet: not published");
    assert!(q.slug.starts_with(&format!("class-{k}-")), "{}", q.slug);

    // Its editor draws on the course's bank, and it is published from there.
    let editor = trainer
        .page(&format!("/author/quizzes/{}", q.id), StatusCode::OK)
        .await;
    assert!(
        editor.contains("id=\"class-only\""),
        "the editor says whose quiz it is"
    );
    let category = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(cid))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (qid, cat) = (q.id.to_string(), category.id.to_string());
    let res = trainer
        .post_form(
            "/api/quizzes/add-draw",
            &format!("/author/quizzes/{qid}"),
            &[("id", &qid), ("category", &cat), ("count", "2")],
        )
        .await;
    assert!(!location(&res).contains("error"), "{}", location(&res));
    let fixed = app::server::entities::question::Entity::find()
        .filter(app::server::entities::question::Column::CourseId.eq(cid))
        .filter(app::server::entities::question::Column::CategoryId.ne(category.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = trainer
        .post_form(
            "/api/quizzes/add-question",
            &format!("/author/quizzes/{qid}"),
            &[("id", &qid), ("question", &fixed.id.to_string())],
        )
        .await;
    assert!(!location(&res).contains("error"), "{}", location(&res));
    let publish = [
        &[("id", qid.as_str())][..],
        &quiz_fields("Port Alba refresher", &[("input[published]", "on")]),
    ]
    .concat();
    let res = trainer
        .post_form(
            "/api/quizzes/update",
            &format!("/author/quizzes/{qid}"),
            &publish,
        )
        .await;
    assert!(!location(&res).contains("error"), "{}", location(&res));

    // The class's trainee finds it on the course page and takes it.
    let page = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(page.contains("Port Alba refresher"));
    start(&trainee, q.id).await;
    // The class's results list it; the other class's do not, nor show its results.
    let results = trainer
        .page(&format!("/classes/{k}/quizzes"), StatusCode::OK)
        .await;
    assert!(results.contains("Port Alba refresher"));
    let other = trainer
        .page(&format!("/classes/{k2}/quizzes"), StatusCode::OK)
        .await;
    assert!(!other.contains("Port Alba refresher"));
    trainer
        .page(
            &format!("/classes/{k2}/quizzes/{qid}"),
            StatusCode::NOT_FOUND,
        )
        .await;

    // A trainee of another class of the course neither sees it nor takes it.
    let page = kofi
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(page.contains("id=\"outline\""), "{page}");
    assert!(!page.contains("Port Alba refresher"));
    kofi.page(&format!("/quizzes/{qid}"), StatusCode::NOT_FOUND)
        .await;
    let res = kofi
        .post_form(
            "/api/quizzes/start",
            &format!("/quizzes/{qid}"),
            &[("id", &qid)],
        )
        .await;
    assert!(
        !location(&res).starts_with("/attempts/"),
        "{}",
        location(&res)
    );

    // Another trainer, who does not teach the class, may neither change it nor add to it:
    // to them it is not there.
    let other_trainer = new_account(&app, "a.vidal", "Ana Vidal", "input[role_trainer]").await;
    other_trainer
        .page(&format!("/author/quizzes/{qid}"), StatusCode::NOT_FOUND)
        .await;
    let res = other_trainer
        .post_form(
            "/api/quizzes/update",
            &format!("/author/quizzes/{qid}"),
            &publish,
        )
        .await;
    assert!(
        location(&res).contains("error=ErrNotFound"),
        "{}",
        location(&res)
    );
    let res = other_trainer
        .post_form(
            "/api/quizzes/create-for-class",
            &format!("/classes/{k}/quizzes"),
            &fields,
        )
        .await;
    assert!(
        location(&res).contains("error=ErrForbidden"),
        "{}",
        location(&res)
    );
    assert_eq!(
        quiz::Entity::find()
            .filter(quiz::Column::ClassId.is_not_null())
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );

    // The course's pack leaves it out; importing the pack again keeps it and its draw.
    let pack = app::server::services::learn::courses::export_pack(&app.db, "document-examination")
        .await
        .unwrap();
    assert!(
        pack.quizzes
            .iter()
            .all(|d| d.title != "Port Alba refresher")
    );
    app::server::services::learn::courses::import_shipped(&app.db)
        .await
        .unwrap();
    let items = quiz_item::Entity::find()
        .filter(quiz_item::Column::QuizId.eq(q.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        items.len(),
        2,
        "the draw and the question follow into the new bank"
    );
    let draw = items.iter().find(|i| i.category_id.is_some()).unwrap();
    let now = question_category::Entity::find_by_id(draw.category_id.unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .expect("the category it points at exists");
    assert_eq!((now.name, draw.draw_count), (category.name.clone(), 2));
    let asked = items.iter().find_map(|i| i.question_id).unwrap();
    let now = app::server::entities::question::Entity::find_by_id(asked)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the question it points at exists");
    assert_eq!((now.title, now.course_id), (fixed.title.clone(), cid));
    let again = quiz::Entity::find_by_id(q.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.class_id, again.published), (Some(k), true));
}
