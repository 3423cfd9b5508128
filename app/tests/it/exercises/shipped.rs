//! The shipped and generated exercises: twenty of every kind, and a draft drawn from a new
//! specimen.

use super::*;

#[tokio::test]
async fn the_shipped_set_has_twenty_published_exercises_of_every_kind_answerable_from_their_keys() {
    use app::model::exercise::{ExerciseKind, ExerciseSpec};
    use app::server::entities::exercise;
    use app::server::services::exercises::{generated, problems};
    let app = TestApp::spawn().await;
    assert_eq!(generated::ensure_shipped(&app.db).await.unwrap(), 20);
    assert_eq!(
        generated::ensure_shipped(&app.db).await.unwrap(),
        0,
        "made once"
    );
    let all = exercise::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(all.len(), 20);
    for kind in ExerciseKind::ALL {
        assert!(all.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    for e in &all {
        let spec: ExerciseSpec = serde_json::from_str(&e.spec).unwrap();
        let kind = e.kind;
        assert!(e.published && e.module_id.is_some(), "{}", e.title);
        assert!(problems(kind, &spec).is_empty(), "{}", e.title);
    }
    // A trainee answers an MRZ check exactly as its key says, and a light-view exercise.
    let trainee = app.login_as(Role::Trainee).await;
    let m = all.iter().find(|e| e.kind == ExerciseKind::Mrz).unwrap();
    let spec: ExerciseSpec = serde_json::from_str(&m.spec).unwrap();
    let key = spec.mrz.unwrap();
    let mut fields = vec![(
        "consistent",
        if key.wrong.is_empty() { "yes" } else { "no" },
    )];
    fields.extend(key.wrong.iter().map(|w| ("wrong", w.as_str())));
    let loc = answer(&trainee, m.id, &fields).await;
    let page = trainee.page(&loc, StatusCode::OK).await;
    assert!(
        page.contains(r#"<span id="exercise-score">100 %</span>"#),
        "{loc}"
    );
    // The result shows what was examined, in the trainee's words, not the author's.
    assert!(page.contains(r#"id="result-images""#), "{loc}");
    assert!(!page.contains("shown after grading"));
    let course = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert_eq!(course.matches(r#"href="/exercises/"#).count(), 20);
}

#[tokio::test]
async fn a_trainer_generates_a_draft_exercise_from_a_new_specimen() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let from = "/author/courses/document-examination";
    let res = admin
        .post_form(
            &format!("{from}/exercises/generate"),
            from,
            &[("kind", "anomalies"), ("seed", "5")],
        )
        .await;
    let id = created_id(&res);
    let editor = admin
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    assert!(
        editor.contains("exercise-ready") && editor.contains("Ghost image"),
        "a ready key"
    );
    let e = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!e.published, "a draft until reviewed");
    for (kind, seed, code) in [
        ("anomalies", "x1", "ErrSeed"),
        ("scanner", "1", "ErrInvalid"),
    ] {
        let res = admin
            .post_form(
                &format!("{from}/exercises/generate"),
                from,
                &[("kind", kind), ("seed", seed)],
            )
            .await;
        assert!(
            location(&res).contains(&format!("error={code}")),
            "{}",
            location(&res)
        );
    }
    assert_eq!(count(&app.db, "exercises").await, 1);
}

#[tokio::test]
async fn a_course_page_lists_its_exercises_with_small_icons() {
    use app::server::services::exercises::generated;
    let app = TestApp::spawn().await;
    generated::ensure_shipped(&app.db).await.unwrap();
    let trainee = app.login_as(Role::Trainee).await;
    let page = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    let images: Vec<String> = page
        .split(r#"src="/media/exercises/"#)
        .skip(1)
        .map(|s| format!("/media/exercises/{}", &s[..s.find('"').unwrap()]))
        .collect();
    assert_eq!(images.len(), 20, "one per exercise");
    let mut total = 0;
    for src in &images {
        assert!(src.ends_with("/icon.jpg"), "{src}");
        let res = trainee.get(src).await;
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = res.bytes().await.unwrap();
        let icon = image::load_from_memory(&bytes).unwrap();
        assert!(icon.width().max(icon.height()) <= 128, "{src}");
        total += bytes.len();
    }
    // The 320-pixel thumbnails these replace weighed about 16 KiB each (332 KiB in all).
    assert!(total < 56 * 1024, "{total} bytes of icons");
    // With the stylesheet (about 5 KiB compressed), the page stays under 80 KiB on a cold cache
    // even before its HTML is compressed.
    assert!(
        page.len() + total < 72 * 1024,
        "{} + {total} bytes",
        page.len()
    );

    // An image stored before icons existed gets its icon when first asked for, and keeps it.
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    app.db
        .execute(Statement::from_string(
            backend,
            "UPDATE exercise_images SET icon = NULL",
        ))
        .await
        .unwrap();
    let res = trainee.get(&images[0]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(image::load_from_memory(&res.bytes().await.unwrap()).is_ok());
    assert_eq!(
        count(&app.db, "exercise_images WHERE icon IS NOT NULL").await,
        1
    );
}
