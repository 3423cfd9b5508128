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

/// The reaction questionnaire at the end of a class and the follow-up three months on:
/// answered once, anonymously, by the class's trainees; the results on the class page once
/// three have answered; every bad answer refused with nothing written.
#[tokio::test]
async fn trainees_evaluate_a_class_and_its_trainers_see_the_results() {
    use app::server::entities::class;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::spawn().await;
    let k = crate::quizzes::for_a_class::demo_class(&app, "document-examination").await;
    // The class ran last week.
    let today = time::OffsetDateTime::now_utc().date();
    let mut c: class::ActiveModel = class::Entity::find_by_id(k)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    c.starts_on = Set(today - time::Duration::days(8));
    c.ends_on = Set(today - time::Duration::days(7));
    c.update(&app.db).await.unwrap();

    let trainee = app.login_as(Role::Trainee).await;
    let course = trainee
        .page("/courses/document-examination", StatusCode::OK)
        .await;
    assert!(
        course.contains(&format!(r#"id="evaluate-{k}-reaction""#)),
        "{course}"
    );
    assert!(
        !course.contains(&format!(r#"id="evaluate-{k}-follow_up""#)),
        "not yet"
    );
    let form_path = format!("/classes/{k}/evaluation/reaction");
    let page = trainee.page(&form_path, StatusCode::OK).await;
    assert!(page.contains(r#"id="evaluation-form""#) && page.contains("anonymous"));

    let ratings: Vec<(&str, &str)> = [
        "relevant-to-work",
        "objectives-clear-met",
        "exercises-helped",
        "practice-and-questions",
        "materials-useful",
        "trainers-clear",
        "equal-participation",
        "pace-suitable",
        "apply-next-shift",
    ]
    .into_iter()
    .map(|id| (id, "4"))
    .collect();
    let mut full = ratings.clone();
    full.extend([
        ("possible-obstacles", "obstacle-equipment"),
        ("overall-rating", "good"),
        ("what-to-change", "More UV practice, please."),
    ]);
    let nothing_written = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            (
                count(&db, "class_evaluations").await,
                count(&db, "class_evaluation_takers").await,
            )
        }
    };
    // A required item left out; a rating off the scale; an option the item does not have.
    for (bad, why) in [
        (ratings.clone(), "ErrRequiredItem"),
        (
            {
                let mut b = full.clone();
                b[0] = ("relevant-to-work", "9");
                b
            },
            "ErrOutOfScale",
        ),
        (
            {
                let mut b = full.clone();
                b.push(("overall-rating", "superb"));
                b.retain(|(k, v)| *k != "overall-rating" || *v == "superb");
                b
            },
            "ErrUnknownOption",
        ),
    ] {
        let res = trainee.post_form(&form_path, &form_path, &bad).await;
        assert!(
            location(&res).contains(&format!("error={why}")),
            "{why}: {}",
            location(&res)
        );
        assert_eq!(nothing_written(&app).await, (0, 0), "{why}");
    }
    let res = trainee.post_form(&form_path, &form_path, &full).await;
    assert!(
        location(&res).contains("notice=EvaluationSent"),
        "{}",
        location(&res)
    );
    assert_eq!(nothing_written(&app).await, (1, 1));
    // Once only.
    let res = trainee.post_form(&form_path, &form_path, &full).await;
    assert!(location(&res).contains("error=ErrAlreadySubmitted"));
    assert_eq!(nothing_written(&app).await, (1, 1));
    let page = trainee.page(&form_path, StatusCode::OK).await;
    assert!(page.contains(r#"id="evaluation-done""#));
    // The answers name no one.
    let stored = app::server::entities::class_evaluation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .answers;
    assert!(!stored.contains("trainee") && stored.contains("UV practice"));

    // The follow-up opens three months after the class: refused before, nothing written.
    let follow = format!("/classes/{k}/evaluation/follow_up");
    let page = trainee.page(&follow, StatusCode::OK).await;
    assert!(page.contains(r#"id="evaluation-not-open""#));
    let res = trainee
        .post_form(&follow, &follow, &[("use-frequency", "often")])
        .await;
    assert!(location(&res).contains("error=ErrEvaluationNotOpen"));
    assert_eq!(nothing_written(&app).await, (1, 1));

    // Someone not in the class: neither the form nor a submission.
    let analyst = app.login_as(Role::Analyst).await;
    analyst.page(&form_path, StatusCode::FORBIDDEN).await;
    let res = analyst.post_form(&form_path, &form_path, &full).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(nothing_written(&app).await, (1, 1));
    trainee
        .page(
            &format!("/classes/{k}/evaluation/whatever"),
            StatusCode::NOT_FOUND,
        )
        .await;

    // The trainer: too few answers to show; with three, the class's means, counts and words.
    let trainer = app.login_as(Role::Trainer).await;
    let page = trainer.page(&format!("/classes/{k}"), StatusCode::OK).await;
    assert!(page.contains(r#"id="evaluation-reaction""#));
    assert!(
        page.contains("1 of 1 trainees answered") || page.contains("1 of "),
        "{page}"
    );
    assert!(page.contains("The results are shown once at least three"));
    for (rating, words) in [("2", "Longer breaks."), ("3", "")] {
        app::server::entities::class_evaluation::ActiveModel {
            class_id: Set(k),
            survey: Set(app::server::entities::class_evaluation::Survey::Reaction),
            answers: Set(format!(
                r#"{{"relevant-to-work":{rating},"overall-rating":"fair","what-to-change":"{words}"}}"#
            )),
            submitted_on: Set(today),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let page = trainer.page(&format!("/classes/{k}"), StatusCode::OK).await;
    let reaction = page
        .split(r#"id="evaluation-reaction""#)
        .nth(1)
        .and_then(|rest| rest.split(r#"id="evaluation-follow_up""#).next())
        .unwrap();
    assert!(!reaction.contains("The results are shown once at least three"));
    assert!(reaction.contains("Mean 3.0"), "(4 + 2 + 3) / 3");
    assert!(reaction.contains("More UV practice, please.") && reaction.contains("Longer breaks."));
    // Another trainer's class is not theirs to read.
    let res = analyst
        .call("/api/classes/evaluations", &[("id", &k.to_string())])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
