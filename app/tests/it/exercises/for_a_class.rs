//! A trainer who teaches a shipped course sets document exercises for their own class: the
//! class's trainees take them, nobody else sees them, and a copy of the course leaves them out.

use super::*;
use crate::quizzes::for_a_class::{demo_class, new_account, second_class};
use app::server::entities::exercise;
use sea_orm::{ColumnTrait, QueryFilter};

#[tokio::test]
async fn a_trainer_sets_an_exercise_for_their_class_on_a_shipped_course() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let trainee = app.login_as(Role::Trainee).await;
    let k = demo_class(&app, "document-examination").await;
    let (k2, kofi) = second_class(&app, &trainer, "document-examination").await;

    // Not on the course itself (it is the administrators'), but for the class.
    let res = trainer
        .post_form(
            "/author/courses/document-examination/exercises/generate",
            "/author/courses/document-examination",
            &[("kind", "verdict"), ("seed", "7")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = trainer
        .post_form(
            &format!("/classes/{k}/exercises/generate"),
            &format!("/classes/{k}/exercises"),
            &[("kind", "verdict"), ("seed", "nope")],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/classes/{k}/exercises?error=ErrSeed&field=seed")
    );
    let res = trainer
        .post_form(
            &format!("/classes/{k}/exercises/generate"),
            &format!("/classes/{k}/exercises"),
            &[("kind", "verdict"), ("seed", "7")],
        )
        .await;
    let id = created_id(&res);
    let e = exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.class_id, Some(k));
    let title = e.title.clone();
    let listed = trainer
        .page(&format!("/classes/{k}/exercises"), StatusCode::OK)
        .await;
    assert!(listed.contains(&title), "the class's exercises list it");
    assert!(
        !trainer
            .page(&format!("/classes/{k2}/exercises"), StatusCode::OK)
            .await
            .contains(&title)
    );

    // Its trainer edits and publishes it.
    let editor = trainer
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    assert!(editor.contains("id=\"class-only\""));
    let to = edit(&trainer, id, &[("op", "publish")]).await;
    assert!(!to.contains("error"), "{to}");
    let e = exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(e.published);

    // The class's trainee has it on the course page and answers it.
    assert!(
        trainee
            .page("/courses/document-examination", StatusCode::OK)
            .await
            .contains(&title)
    );
    trainee
        .page(&format!("/exercises/{id}"), StatusCode::OK)
        .await;
    // A trainee of another class neither sees it nor answers it.
    assert!(
        !kofi
            .page("/courses/document-examination", StatusCode::OK)
            .await
            .contains(&title)
    );
    kofi.page(&format!("/exercises/{id}"), StatusCode::NOT_FOUND)
        .await;
    let res = kofi
        .post_form(
            &format!("/exercises/{id}/answer"),
            &format!("/exercises/{id}"),
            &[("verdict", "genuine")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Another trainer may neither edit it nor add to the class.
    let other = new_account(&app, "a.vidal", "Ana Vidal", "input[role_trainer]").await;
    other
        .page(&format!("/author/exercises/{id}"), StatusCode::NOT_FOUND)
        .await;
    let res = other
        .post_form(
            &format!("/classes/{k}/exercises/generate"),
            &format!("/classes/{k}/exercises"),
            &[("kind", "verdict"), ("seed", "8")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        exercise::Entity::find()
            .filter(exercise::Column::ClassId.is_not_null())
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );

    // A copy of the course takes the course's exercises, not the class's.
    let res = trainer
        .post_form(
            "/api/author/courses/duplicate",
            "/author",
            &[
                ("source", "document-examination"),
                ("slug", "de-copy"),
                ("title", "DE copy"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", location(&res));
    let copy = crate::helpers::course_id(&app, "de-copy").await;
    let copied = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(copy))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(copied.iter().filter(|c| c.class_id.is_some()).count(), 0);
    let original = crate::helpers::course_id(&app, "document-examination").await;
    let course_wide = exercise::Entity::find()
        .filter(exercise::Column::CourseId.eq(original))
        .filter(exercise::Column::ClassId.is_null())
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(copied.len(), course_wide);

    // Deleting it returns to the class's exercises.
    let res = trainer
        .post_form(
            &format!("/author/exercises/{id}/delete"),
            &format!("/author/exercises/{id}"),
            &[],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/classes/{k}/exercises?notice=Deleted")
    );
}
