//! Classes: opening, enrolling (one by one, by agency, by code), the roster, ownership.

use crate::helpers::{Client, TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;

async fn open_class(c: &Client, course: &str, starts: &str, ends: &str) -> reqwest::Response {
    c.post_form(
        "/api/classes/create",
        "/classes",
        &[
            ("input[course]", course),
            ("input[name]", "Northgate border post — March intake"),
            ("input[starts_on]", starts),
            ("input[ends_on]", ends),
            ("input[location]", "Northgate training room"),
            ("input[tot]", "on"),
        ],
    )
    .await
}

#[tokio::test]
async fn a_trainer_runs_a_class_and_follows_each_trainees_progress() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let (classes, enrolments) = (
        count(&app.db, "classes").await,
        count(&app.db, "enrolments").await,
    );
    assert_eq!(
        location(&open_class(&trainer, "nope", "2026-03-02", "2026-03-06").await),
        "/classes?error=ErrUnknownCourse&field=course"
    );
    assert_eq!(
        location(&open_class(&trainer, "document-examination", "02/03/2026", "2026-03-06").await),
        "/classes?error=ErrDate&field=starts_on"
    );
    assert_eq!(
        location(&open_class(&trainer, "document-examination", "2026-03-06", "2026-03-02").await),
        "/classes?error=ErrDateOrder&field=ends_on"
    );
    // Several mistakes at once: each comes back beside its own field.
    let back = location(&open_class(&trainer, "nope", "02/03/2026", "2026-03-06").await);
    assert_eq!(
        back,
        "/classes?error=ErrUnknownCourse&field=course&fe=course%3AErrUnknownCourse&fe=starts_on%3AErrDate"
    );
    let page = trainer.page(&back, StatusCode::OK).await;
    // The form comes back as it was typed, the wrong date included.
    for typed in [
        "value=\"Northgate border post — March intake\"",
        "value=\"02/03/2026\"",
        "value=\"Northgate training room\"",
    ] {
        assert!(page.contains(typed), "{typed} kept");
    }
    assert!(
        !trainer
            .page("/classes", StatusCode::OK)
            .await
            .contains("value=\"02/03/2026\""),
        "typed values come back only with the refusal"
    );
    assert!(page.contains("id=\"course-error\""), "course message shown");
    assert!(
        page.contains("id=\"starts_on-error\""),
        "date message shown"
    );
    assert_eq!(
        count(&app.db, "classes").await,
        classes,
        "nothing half-written"
    );
    let res = open_class(&trainer, "document-examination", "2026-03-02", "2026-03-06").await;
    let class_url = location(&res);
    assert!(class_url.starts_with("/classes/"), "{class_url}");
    // Once a post goes through, what the refused one kept is forgotten: a later error on
    // the page does not bring the old values back.
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("checkpoint_typed=;")),
        "the kept values are cleared"
    );
    assert!(
        !trainer
            .page("/classes?error=ErrDateOrder&field=ends_on", StatusCode::OK)
            .await
            .contains("value=\"02/03/2026\"")
    );
    let id = class_url
        .trim_start_matches("/classes/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let page = trainer.page(&class_url, StatusCode::OK).await;
    assert!(page.contains("Training of Trainers") && page.contains("Jonas Berg"));

    // One by one.
    let res = trainer
        .post_form(
            "/api/classes/enrol",
            &class_url,
            &[("id", &id), ("login", "nobody.here")],
        )
        .await;
    assert!(location(&res).ends_with("error=ErrUnknownPerson&field=login"));
    trainer
        .post_form(
            "/api/classes/enrol",
            &class_url,
            &[("id", &id), ("login", "Trainee")],
        )
        .await;
    // By agency: every active trainee of the agency (the demo trainee is already in; no duplicate).
    // The notice says how many were enrolled, none included (today "Saved." for none).
    let by_agency = || async {
        trainer
            .post_form(
                "/api/classes/enrol-agency",
                &class_url,
                &[("id", &id), ("agency", "1")],
            )
            .await
    };
    let first = location(&by_agency().await);
    assert!(first.ends_with("notice=EnrolledNone"), "{first}");
    assert!(
        trainer
            .page(&first, StatusCode::OK)
            .await
            .contains("No one was enrolled")
    );
    assert_eq!(count(&app.db, "enrolments").await, enrolments + 1);
    let base = class_url.split('?').next().unwrap();
    let many = trainer
        .page(&format!("{base}?notice=EnrolledMany&n=12"), StatusCode::OK)
        .await;
    assert!(many.contains("12 trainees enrolled."));
    let forged = trainer
        .page(
            &format!("{base}?notice=EnrolledMany&n=%3Cb%3E"),
            StatusCode::OK,
        )
        .await;
    assert!(forged.contains("? trainees enrolled.") && !forged.contains("<b>"));

    // The trainee reads and completes a lesson; the roster shows it.
    let trainee = app.login_as(Role::Trainee).await;
    assert!(
        trainee
            .page("/courses", StatusCode::OK)
            .await
            .contains("Northgate border post")
    );
    trainee
        .post_form(
            "/api/courses/progress",
            "/courses",
            &[("lesson_id", "1"), ("done", "true")],
        )
        .await;
    let roster = trainer
        .page(&format!("/classes/{id}"), StatusCode::OK)
        .await;
    assert!(
        roster.contains("Samuel Okoro") && roster.contains("1 / 10"),
        "roster shows progress"
    );

    // Join code: another person joins themselves.
    let code = {
        let at = roster.find("id=\"join-code\">").unwrap() + "id=\"join-code\">".len();
        roster[at..at + 8].to_owned()
    };
    let admin = app.login_as(Role::Admin).await;
    admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &[
                ("input[login]", "k.mensah"),
                ("input[display_name]", "Kofi Mensah"),
                ("input[agency]", "2"),
                ("input[role_trainee]", "on"),
                ("input[password]", "first-password-1"),
            ],
        )
        .await;
    let kofi = app.client();
    kofi.login("k.mensah", "first-password-1").await;
    kofi.post_form(
        "/api/account/password",
        "/account",
        &[
            ("current", "first-password-1"),
            ("new", "kofis-password-1"),
            ("confirm", "kofis-password-1"),
        ],
    )
    .await;
    let res = kofi
        .post_form("/api/classes/join", "/join", &[("code", "WRONG123")])
        .await;
    assert_eq!(location(&res), "/join?error=ErrUnknownJoinCode&field=code");
    let res = kofi
        .post_form(
            "/api/classes/join",
            "/join",
            &[("code", &code.to_lowercase())],
        )
        .await;
    assert_eq!(
        location(&res),
        "/courses/document-examination?notice=Joined"
    );
    assert_eq!(count(&app.db, "enrolments").await, enrolments + 2);

    // Unenrol.
    trainer
        .post_form(
            "/api/classes/unenrol",
            &class_url,
            &[("id", &id), ("person", "4")],
        )
        .await;
    assert_eq!(count(&app.db, "enrolments").await, enrolments + 1);
    assert_eq!(
        count(&app.db, "lesson_progress").await,
        1,
        "progress stays the trainee's"
    );
}

#[tokio::test]
async fn only_the_class_trainers_and_administrators_see_a_class() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let res = open_class(&trainer, "migration-essentials", "2026-05-04", "2026-05-08").await;
    let class_url = location(&res).split('?').next().unwrap().to_owned();
    let id = class_url.trim_start_matches("/classes/").to_owned();
    let admin = app.login_as(Role::Admin).await;
    admin.page(&class_url, StatusCode::OK).await;
    // Another trainer: make one, who is not a trainer of this class.
    admin
        .post_form(
            "/api/people/create",
            "/admin/people/new",
            &[
                ("input[login]", "other.trainer"),
                ("input[display_name]", "Other Trainer"),
                ("input[role_trainer]", "on"),
                ("input[password]", "first-password-1"),
            ],
        )
        .await;
    let other = app.client();
    other.login("other.trainer", "first-password-1").await;
    other
        .post_form(
            "/api/account/password",
            "/account",
            &[
                ("current", "first-password-1"),
                ("new", "others-password-1"),
                ("confirm", "others-password-1"),
            ],
        )
        .await;
    other.page(&class_url, StatusCode::FORBIDDEN).await;
    let res = other
        .call("/api/classes/enrol", &[("id", &id), ("login", "trainee")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        !other
            .page("/classes", StatusCode::OK)
            .await
            .contains("Northgate")
    );
    // Once added as a trainer of the class, they may.
    let res = trainer
        .post_form(
            "/api/classes/trainer",
            &class_url,
            &[("id", &id), ("trainer", "trainee")],
        )
        .await;
    assert!(location(&res).ends_with("error=ErrNotATrainer&field=trainer"));
    trainer
        .post_form(
            "/api/classes/trainer",
            &class_url,
            &[("id", &id), ("trainer", "other.trainer")],
        )
        .await;
    other.page(&class_url, StatusCode::OK).await;
    // Trainees never see the class page.
    app.login_as(Role::Trainee)
        .await
        .page(&class_url, StatusCode::FORBIDDEN)
        .await;
    app.login_as(Role::Trainee)
        .await
        .page("/classes/99999", StatusCode::FORBIDDEN)
        .await;
    admin.page("/classes/99999", StatusCode::NOT_FOUND).await;
}
