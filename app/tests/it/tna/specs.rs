//! Job specifications and reading the competency framework.

use super::*;

#[tokio::test]
async fn administrators_set_a_positions_required_levels_all_or_nothing() {
    let app = TestApp::spawn().await;
    let position = app::server::entities::position::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let page_path = format!("/admin/positions/{}", position.id);
    let post_path = format!("{page_path}/specification");
    let this = format!("position_requirements WHERE position_id = {}", position.id);
    let admin = app.login_as(Role::Admin).await;
    let page = admin.page(&page_path, StatusCode::OK).await;
    for area in ["Document examination", "Interviewing", "Leadership"] {
        assert!(page.contains(area), "{area}");
    }

    let res = admin
        .post_form(
            &post_path,
            &page_path,
            &[
                ("c_doc-first-line-check", "4"),
                ("c_doc-mrz-verification", "3"),
                ("c_int-first-contact", ""),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=Saved"),
        "{}",
        location(&res)
    );
    assert_eq!(count(&app.db, &this).await, 2);
    let page = admin.page(&page_path, StatusCode::OK).await;
    assert!(
        page.contains("<option value=\"4\" selected"),
        "the saved level is shown"
    );

    // A level off the scale or a competency the framework lacks: nothing changes.
    for (field, value, error) in [
        ("c_doc-first-line-check", "9", "ErrProficiency"),
        ("c_doc-first-line-check", "high", "ErrProficiency"),
        ("c_no-such-competency", "2", "ErrUnknownCompetency"),
    ] {
        let res = admin
            .post_form(
                &post_path,
                &page_path,
                &[("c_doc-mrz-verification", "5"), (field, value)],
            )
            .await;
        assert!(
            location(&res).contains(&format!("error={error}")),
            "{}",
            location(&res)
        );
    }
    assert_eq!(count(&app.db, &format!("{this} AND level = 5")).await, 0);
    assert_eq!(count(&app.db, &this).await, 2);

    // Only administrators.
    let trainer = app.login_as(Role::Trainer).await;
    assert_eq!(
        trainer.get(&page_path).await.status(),
        StatusCode::FORBIDDEN
    );
    let res = trainer
        .post_form(&post_path, &page_path, &[("c_doc-first-line-check", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app.db, &this).await, 2);
}

#[tokio::test]
async fn trainers_read_the_competency_framework_with_the_modules_that_build_it() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let page = trainer.page("/competencies", StatusCode::OK).await;
    assert!(page.contains("id=\"doc-first-line-check\""));
    assert!(
        page.contains("href=\"/courses/document-examination\""),
        "linked to its course"
    );
    assert!(page.contains("5 Expert"), "level names");
}

// ----- Questionnaires, campaigns, responses and results -----------------------------------

/// The demo's job specifications agree with the courses: a front-line officer prepares and
/// refers a refusal of entry, a supervisor decides it.
#[tokio::test]
async fn front_line_officers_are_not_required_to_decide_refusals() {
    use app::server::entities::{position, position_requirement};
    let app = TestApp::spawn().await;
    let level = |title: &'static str| {
        let db = app.db.clone();
        async move {
            let p = position::Entity::find()
                .filter(position::Column::Title.eq(title))
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            position_requirement::Entity::find()
                .filter(position_requirement::Column::PositionId.eq(p.id))
                .filter(
                    position_requirement::Column::CompetencyId.eq("law-refusal-detention-return"),
                )
                .one(&db)
                .await
                .unwrap()
                .map(|r| r.level)
        }
    };
    assert_eq!(level("Front-line immigration officer").await, Some(2));
    assert_eq!(level("Border guard").await, Some(2));
    assert_eq!(level("Shift supervisor").await, Some(4));
}
