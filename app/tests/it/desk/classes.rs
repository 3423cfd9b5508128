//! A class's trainers review their own trainees' shifts and no one else's.

use super::*;

#[tokio::test]
async fn a_class_s_trainers_review_their_trainees_shifts_and_no_one_else_s() {
    use app::server::entities::{class, course};
    let app = TestApp::spawn().await;
    let db = &app.db;
    let admin = user(db, "admin").await;
    let trainee = user(db, "trainee").await;
    let trainer_c = app.login_as(Role::Trainer).await;
    // The demo trainer trains the course's demo class, where the demo trainee is enrolled; they
    // are not one of the course's authors.
    let course_id = course::Entity::find()
        .filter(course::Column::Slug.eq(COURSE))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let demo_class = class::Entity::find()
        .filter(class::Column::CourseId.eq(course_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let whole = scenarios::create(db, &admin, COURSE, input(3, vec![]))
        .await
        .unwrap();
    let shift = shifts::start(db, &trainee, whole).await.unwrap();
    work_rightly(db, &trainee, shift).await;
    // A scenario set for another class, which the trainee is also in.
    let northgate = app::server::services::learn::classes::create(
        db,
        &admin,
        &app::model::ClassInput {
            course: COURSE.into(),
            name: "Northgate, December".into(),
            starts_on: "2026-12-07".into(),
            ends_on: "2026-12-11".into(),
            location: "Northgate border post".into(),
            tot: None,
        },
    )
    .await
    .unwrap();
    app::server::services::learn::classes::enrol_login(db, &admin, northgate, "trainee")
        .await
        .unwrap();
    let elsewhere = scenarios::create(
        db,
        &admin,
        COURSE,
        scenarios::ScenarioInput {
            title: "Northgate only".into(),
            class_id: Some(northgate),
            ..input(3, vec![])
        },
    )
    .await
    .unwrap();
    let other_shift = shifts::start(db, &trainee, elsewhere).await.unwrap();
    // The admin's own try of the shift: the admin is in no class.
    let admins_shift = shifts::start(db, &admin, whole).await.unwrap();

    // The class's desk lists the trainee's shift on the scenarios the class works, not the
    // one set for another class.
    let page = strip_markers(
        &trainer_c
            .page(&format!("/classes/{demo_class}/desk"), StatusCode::OK)
            .await,
    );
    assert!(
        page.contains(&format!("/desk/shifts/{shift}/results")),
        "{page}"
    );
    assert!(page.contains("Morning shift, airport arrivals"));
    assert!(!page.contains("Northgate only"));
    assert!(!page.contains(&format!("/desk/shifts/{other_shift}/results")));
    assert!(!page.contains(&format!("/desk/shifts/{admins_shift}/results")));
    let class_page = trainer_c
        .page(&format!("/classes/{demo_class}"), StatusCode::OK)
        .await;
    assert!(class_page.contains(&format!("/classes/{demo_class}/desk")));
    // Its debrief and its images open for the trainer, with the way back to the class.
    let debrief = trainer_c
        .page(&format!("/desk/shifts/{shift}/results"), StatusCode::OK)
        .await;
    assert!(debrief.contains(&format!("/classes/{demo_class}/desk")));
    let image = trainer_c
        .get(&format!("/desk/shifts/{shift}/images/0/visible.jpg"))
        .await;
    assert_eq!(image.status(), StatusCode::OK);
    // Not the shift on another class's scenario, nor the admin's, nor the course editor's desk.
    for other in [other_shift, admins_shift] {
        assert_eq!(
            trainer_c
                .get(&format!("/desk/shifts/{other}/results"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            trainer_c
                .get(&format!("/desk/shifts/{other}/images/0/visible.jpg"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
    // Someone who trains no class sees no class desk.
    let analyst = app.login_as(Role::Analyst).await;
    assert!(matches!(
        analyst
            .get(&format!("/classes/{demo_class}/desk"))
            .await
            .status(),
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    // Once the trainee leaves the class, their shift is no longer the trainer's to review.
    app::server::services::learn::classes::unenrol(db, &admin, demo_class, trainee.id)
        .await
        .unwrap();
    assert_eq!(
        trainer_c
            .get(&format!("/desk/shifts/{shift}/results"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
