//! Question files imported whole, or every refusal reported.

use super::*;

async fn upload_questions(
    app: &TestApp,
    c: &Client,
    name: &str,
    bytes: Vec<u8>,
    valid_only: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new()
        .text("csrf_token", c.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    if valid_only {
        form = form.text("valid_only", "1");
    }
    c.http
        .post(app.url("/author/courses/document-examination/questions/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../tests/fixtures/questions/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[tokio::test]
async fn question_files_import_whole_or_report_every_refusal() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let before = count(&app.db, "questions").await;

    // A file with refused questions writes nothing and names each one.
    let res = upload_questions(&app, &admin, "bad.gift", fixture("bad.gift"), false).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"refused\""));
    assert!(page.contains("essay"), "the unknown type is named");
    assert!(page.contains("line "), "refusals name their line");
    assert!(
        page.contains("tick the box"),
        "the valid ones can be imported"
    );
    assert_eq!(count(&app.db, "questions").await, before);

    // Unless the trainer asks for the valid ones.
    let res = upload_questions(&app, &admin, "bad.gift", fixture("bad.gift"), true).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(count(&app.db, "questions").await > before);

    // Malformed XML: the file is refused as a whole, with the line.
    let n = count(&app.db, "questions").await;
    let res = upload_questions(
        &app,
        &admin,
        "malformed.xml",
        fixture("malformed.xml"),
        true,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("line "));
    // Nothing in it can be imported: no offer to "import the valid ones".
    assert!(
        page.contains("no question in the file could be read"),
        "{page}"
    );
    assert!(!page.contains("tick the box"));
    assert_eq!(count(&app.db, "questions").await, n);

    // 350 KB nested 50,000 deep once overflowed the stack and aborted the whole server.
    let deep = format!(
        "<?xml version=\"1.0\"?>\n<quiz>\n{}{}</quiz>",
        "<a>".repeat(50_000),
        "</a>".repeat(50_000)
    );
    let res = upload_questions(&app, &admin, "deep.xml", deep.into_bytes(), true).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("nested more than 64 deep")
    );
    assert_eq!(app.client().get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(count(&app.db, "questions").await, n);

    // Good files in both formats, and both exports read back.
    for (name, file) in [("sample.gift", "sample.gift"), ("sample.xml", "sample.xml")] {
        let res = upload_questions(&app, &admin, name, fixture(file), false).await;
        assert_eq!(res.status(), StatusCode::OK, "{name}");
    }
    for format in ["gift", "xml"] {
        let res = admin
            .get(&format!(
                "/author/courses/document-examination/questions/export/{format}"
            ))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        let text = res.text().await.unwrap();
        let parsed = content::questions::parse(
            if format == "gift" {
                content::questions::Format::Gift
            } else {
                content::questions::Format::MoodleXml
            },
            text.as_bytes(),
        )
        .unwrap();
        assert!(parsed.refused.is_empty(), "{format}: {:?}", parsed.refused);
        assert_eq!(
            parsed.entries.len() as i64,
            count(
                &app.db,
                &format!(
                    "questions WHERE course_id = {}",
                    course_id(&app, "document-examination").await
                )
            )
            .await
        );
    }

    // One question typed in the browser, then edited; a broken one is refused with nothing
    // written.
    let bank = "/author/courses/document-examination/questions";
    let n = count(&app.db, "questions").await;
    let res = admin
        .post_form(
            "/api/quizzes/question-create",
            bank,
            &[
                ("slug", "document-examination"),
                ("category", "Typed"),
                (
                    "gift",
                    "::Typed:: Which state issues ICAO specimens? {=Utopia ~Atlantis}",
                ),
            ],
        )
        .await;
    assert!(
        location(&res).contains("notice=QuestionAdded"),
        "{}",
        location(&res)
    );
    assert_eq!(count(&app.db, "questions").await, n + 1);
    let res = admin
        .post_form(
            "/api/quizzes/question-create",
            bank,
            &[
                ("slug", "document-examination"),
                ("category", "Typed"),
                ("gift", "::Broken:: Which state? {=Utopia ~Atlantis"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("error=ErrQuestionUnreadable"),
        "{}",
        location(&res)
    );
    assert_eq!(count(&app.db, "questions").await, n + 1);
    let typed = app::server::entities::question::Entity::find()
        .filter(app::server::entities::question::Column::Title.eq("Typed"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let edit = admin
        .page(&format!("/author/questions/{}", typed.id), StatusCode::OK)
        .await;
    assert!(edit.contains("::Typed::"));
    let res = admin
        .post_form(
            "/api/quizzes/question-save",
            &format!("/author/questions/{}", typed.id),
            &[
                ("id", &typed.id.to_string()),
                ("category", "Typed"),
                (
                    "gift",
                    "::Typed again:: The MRZ of a TD3 has two lines. {T}",
                ),
            ],
        )
        .await;
    assert!(location(&res).contains("notice=Saved"));
    let saved = app::server::entities::question::Entity::find_by_id(typed.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.kind.code()),
        ("Typed again", "true_false")
    );

    // Trainers who do not own the course are turned away.
    let trainer = app.login_as(Role::Trainer).await;
    let res = upload_questions(&app, &trainer, "sample.gift", fixture("sample.gift"), false).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// Images carried inside a Moodle XML file become the questions' images (stored once, shown
/// from the image store); a file whose embedded image is not one imports nothing and says
/// which image and why.
#[tokio::test]
async fn images_carried_in_a_moodle_file_are_imported_with_their_questions() {
    use app::server::entities::question;
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let (questions, images) = (
        count(&app.db, "questions").await,
        count(&app.db, "exercise_images").await,
    );

    let res = upload_questions(
        &app,
        &admin,
        "embedded-not-an-image.xml",
        fixture("embedded-not-an-image.xml"),
        false,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("the embedded image &#x27;uv_data_page.png&#x27; cannot be used: this is not a PNG, JPEG or WebP image")
            || page.contains("the embedded image 'uv_data_page.png' cannot be used: this is not a PNG, JPEG or WebP image"),
        "{page}"
    );
    assert_eq!(
        count(&app.db, "questions").await,
        questions,
        "nothing written"
    );
    assert_eq!(count(&app.db, "exercise_images").await, images);

    let res = upload_questions(
        &app,
        &admin,
        "embedded-images.xml",
        fixture("embedded-images.xml"),
        false,
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    assert_eq!(count(&app.db, "questions").await, questions + 2);
    // The same picture twice is stored once.
    assert_eq!(count(&app.db, "exercise_images").await, images + 1);
    let texts: Vec<String> = question::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|q| q.title == "UV reaction of the data page" || q.title == "Visa foil")
        .map(|q| q.data)
        .collect();
    assert_eq!(texts.len(), 2);
    let url = texts
        .iter()
        .find_map(|t| {
            let at = t.find("/media/exercises/")?;
            Some(t[at..].split(')').next()?.to_owned())
        })
        .expect("the question shows the stored image");
    assert!(
        texts
            .iter()
            .all(|t| t.contains(&url) && !t.contains("embedded:"))
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("![Data page under UV light]("))
    );
    let res = admin.get(&url).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
}
