//! Trainer materials: read by the course's trainers and administrators, never by trainees;
//! edited in the browser by whoever may edit the course; carried by the pack; printed as one
//! trainer's pack.

use crate::helpers::{TestApp, count, pdf_lines};
use app::model::Role;
use app::server::entities::trainer_note;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SHIPPED: &str = "document-examination";

#[tokio::test]
async fn trainers_read_the_trainer_materials_and_trainees_never_do() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let page = trainer
        .page(
            &format!("/author/courses/{SHIPPED}/trainer"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains(r#"id="agenda-plan-table""#),
        "the pilot agenda"
    );
    assert!(page.contains("Contact time:"), "its contact time");
    assert!(page.contains(r#"id="materials""#) && page.contains(r#"id="localisation""#));
    assert!(
        page.contains("Case study answers") || page.contains("case study"),
        "trainer notes"
    );
    // A trainer who did not write the course reads it; only its authors edit it.
    assert!(!page.contains(r#"id="save-agenda""#));
    // Reached from the course page.
    let course = trainer
        .page(&format!("/courses/{SHIPPED}"), StatusCode::OK)
        .await;
    assert!(course.contains(&format!(r#"href="/author/courses/{SHIPPED}/trainer""#)));

    let pdf = trainer
        .get(&format!("/author/courses/{SHIPPED}/trainer.pdf"))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let lines = pdf_lines(&pdf.bytes().await.unwrap()).join("\n");
    assert!(lines.contains("Trainer's pack"), "{lines}");
    assert!(lines.contains("One-day pilot agenda"));
    assert!(
        lines.contains("Reading the machine readable zone")
            || lines.contains("machine readable zone")
    );
    assert!(lines.contains("Session plan") || lines.contains("Activity"));

    // A trainee sees neither the page, nor the PDF, nor the link.
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .page(
            &format!("/author/courses/{SHIPPED}/trainer"),
            StatusCode::FORBIDDEN,
        )
        .await;
    let res = trainee
        .get(&format!("/author/courses/{SHIPPED}/trainer.pdf"))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let course = trainee
        .page(&format!("/courses/{SHIPPED}"), StatusCode::OK)
        .await;
    assert!(!course.contains("/trainer\""));
    let res = trainee
        .call("/api/author/trainer/get", &[("slug", SHIPPED)])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn authors_edit_trainer_materials_and_bad_plans_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = admin
        .page(
            &format!("/author/courses/{SHIPPED}/trainer"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains(r#"id="save-agenda""#),
        "an administrator edits"
    );
    let before: Vec<trainer_note::Model> = trainer_note::Entity::find().all(&app.db).await.unwrap();
    let save = |fields: Vec<(&'static str, String)>| {
        let admin = &admin;
        async move {
            let mut all = vec![("slug", SHIPPED.to_owned())];
            all.extend(fields);
            let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.call("/api/author/trainer/save", &borrowed).await
        }
    };
    // Every bad input is named and writes nothing.
    for (fields, why) in [
        (
            vec![
                ("part", "agenda".to_owned()),
                ("title", "Pilot".into()),
                ("starts", "08:30".into()),
                ("plan", "ten | plenary | Opening".into()),
            ],
            "ErrPlanLine",
        ),
        (
            vec![
                ("part", "agenda".to_owned()),
                ("title", "Pilot".into()),
                ("starts", "8h30".into()),
                ("plan", "10 | plenary | Opening".into()),
            ],
            "ErrTime",
        ),
        (
            vec![
                ("part", "agenda".to_owned()),
                ("title", "Pilot".into()),
                ("starts", "08:30".into()),
                ("plan", "10 | plenary | Opening | no-such-lesson".into()),
            ],
            "ErrPlanLesson",
        ),
        (
            vec![
                ("part", "agenda".to_owned()),
                ("title", "Pilot".into()),
                ("starts", "08:30".into()),
                ("plan", "\n".into()),
            ],
            "ErrPlanEmpty",
        ),
        (
            vec![
                ("part", "materials".to_owned()),
                ("body", "x".repeat(1024 * 1024 + 1)),
            ],
            "ErrLessonTooLarge",
        ),
    ] {
        let res = save(fields).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }
    let res = save(vec![
        ("part", "lesson-999999".to_owned()),
        ("plan", "5 | plenary | x".into()),
    ])
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let after: Vec<trainer_note::Model> = trainer_note::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(before, after, "nothing written");

    // A good agenda and a lesson's plan are saved, shown, and exported with the pack.
    let res = save(vec![
        ("part", "agenda".to_owned()),
        ("title", "Pilot at Northgate".into()),
        ("starts", "09:00".into()),
        ("plan", "30 | plenary | Opening at Northgate\n15 | break | Tea\n45 | exercise | MRZ drill | reading-the-mrz".into()),
        ("body", "Bring **UV torches**.".into()),
    ])
    .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let lesson = app::server::entities::lesson::Entity::find()
        .filter(app::server::entities::lesson::Column::Slug.eq("reading-the-mrz"))
        .filter(
            app::server::entities::lesson::Column::CourseId
                .eq(crate::helpers::course_id(&app, SHIPPED).await),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let res = save(vec![
        ("part", format!("lesson-{}", lesson.id)),
        (
            "plan",
            "10 | presentation | Fields of the MRZ\n15 | exercise | Check digits in pairs".into(),
        ),
        (
            "body",
            "## Trainer notes\n\nStart with a worn passport.".into(),
        ),
    ])
    .await;
    assert!(res.status().is_success() || res.status().is_redirection());
    let page = admin
        .page(
            &format!("/author/courses/{SHIPPED}/trainer"),
            StatusCode::OK,
        )
        .await;
    assert!(
        page.contains("Opening at Northgate") && page.contains("09:00") && page.contains("09:45")
    );
    assert!(page.contains("<strong>UV torches</strong>"));
    assert!(page.contains("Start with a worn passport."));
    let pack = app::server::services::learn::courses::export_pack(&app.db, SHIPPED)
        .await
        .unwrap();
    let agenda = pack.trainer.agenda.as_ref().unwrap();
    assert_eq!(agenda.title, "Pilot at Northgate");
    assert_eq!(agenda.steps[2].lessons, ["reading-the-mrz"]);
    let notes = pack
        .trainer
        .lesson("documents-and-the-mrz", "reading-the-mrz")
        .unwrap();
    assert_eq!(notes.plan.len(), 2);
    assert!(notes.body.contains("worn passport"));
    // Saving again replaces, never duplicates.
    assert_eq!(
        count(
            &app.db,
            &format!(
                "trainer_notes WHERE kind = 'lesson' AND lesson_id = {}",
                lesson.id
            )
        )
        .await,
        1
    );

    // A trainer who did not write the course cannot change it.
    let trainer = app.login_as(Role::Trainer).await;
    let res = trainer
        .call(
            "/api/author/trainer/save",
            &[("slug", SHIPPED), ("part", "materials"), ("body", "mine")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
