//! Course authoring in the browser's forms: create, organise, write, preview, publish, upload.

mod duplicate;
mod trainer;

use crate::helpers::{Client, TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;

async fn create_course(c: &Client, slug: &str) -> reqwest::Response {
    c.post_form(
        "/api/author/courses/create",
        "/author",
        &[
            ("input[slug]", slug),
            ("input[title]", "Interviewing at the border"),
            (
                "input[summary]",
                "Structured, respectful interviews at first and second line.",
            ),
            ("input[audience]", "Border officers"),
            ("input[kind]", "thematic"),
            ("input[language]", "en"),
            ("input[hours]", "6"),
        ],
    )
    .await
}

#[tokio::test]
async fn a_trainer_builds_a_course_and_publishes_it_and_learners_keep_progress_through_edits() {
    let app = TestApp::spawn().await;
    let trainer = app.login_as(Role::Trainer).await;
    let res = create_course(&trainer, "interviewing-at-the-border").await;
    assert_eq!(
        location(&res),
        "/author/courses/interviewing-at-the-border?notice=Saved"
    );
    // Same identifier again, or a malformed one.
    assert_eq!(
        location(&create_course(&trainer, "interviewing-at-the-border").await),
        "/author?error=ErrSlugTaken&field=slug"
    );
    assert_eq!(
        location(&create_course(&trainer, "Bad Id!").await),
        "/author?error=ErrSlugFormat&field=slug"
    );

    let from = "/author/courses/interviewing-at-the-border";
    trainer
        .post_form(
            "/api/author/modules/add",
            from,
            &[
                ("slug", "interviewing-at-the-border"),
                ("title", "Preparing"),
                ("summary", ""),
            ],
        )
        .await;
    trainer
        .post_form(
            "/api/author/modules/add",
            from,
            &[
                ("slug", "interviewing-at-the-border"),
                ("title", "Questioning"),
                ("summary", ""),
            ],
        )
        .await;
    let editor = trainer.page(from, StatusCode::OK).await;
    let module_id = {
        let at = editor.find("name=\"module_id\" value=\"").unwrap()
            + "name=\"module_id\" value=\"".len();
        editor[at..at + editor[at..].find('"').unwrap()].to_owned()
    };
    let res = trainer
        .post_form(
            "/api/author/lessons/add",
            from,
            &[("module_id", &module_id), ("title", "Before the interview")],
        )
        .await;
    let lesson_url = location(&res);
    assert!(lesson_url.starts_with("/author/lessons/"), "{lesson_url}");
    let lesson_id = lesson_url.trim_start_matches("/author/lessons/").to_owned();
    let res = trainer
        .post_form(
            "/api/author/lessons/add",
            from,
            &[
                ("module_id", &module_id),
                ("title", "Choosing an interpreter"),
            ],
        )
        .await;
    let second_id = location(&res)
        .trim_start_matches("/author/lessons/")
        .to_owned();

    // Write the lesson; bad input is refused with the field named.
    let res = trainer
        .post_form(
            "/api/author/lessons/update",
            &lesson_url,
            &[
                ("id", &lesson_id),
                ("title", ""),
                ("objectives", ""),
                ("duration", "20"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("{lesson_url}?error=ErrRequired&field=title")
    );
    let res = trainer
        .post_form(
            "/api/author/lessons/update",
            &lesson_url,
            &[
                ("id", &lesson_id),
                ("title", "Before the interview"),
                ("objectives", ""),
                ("duration", "0"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("{lesson_url}?error=ErrInvalid&field=duration")
    );
    let body = "## Plan\n\n> [!TIP]\n> Read the file first.\n\n<script>alert(1)</script>\n</textarea><b id=\"injected\">x</b>\n";
    let res = trainer
        .post_form(
            "/api/author/lessons/update",
            &lesson_url,
            &[
                ("id", &lesson_id),
                ("title", "Before the interview"),
                ("objectives", "Plan an interview\nBrief an interpreter\n"),
                ("duration", "20"),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("{lesson_url}?notice=Saved"));
    let page = trainer.page(&lesson_url, StatusCode::OK).await;
    let script_at = page.find("<script>alert");
    assert!(
        page.contains("callout callout-tip"),
        "the preview is rendered"
    );
    assert_eq!(
        script_at.map(|i| page[i.saturating_sub(120)..i + 40].to_owned()),
        None,
        "markup is never live"
    );
    assert!(
        !page.contains("<b id=\"injected\">"),
        "text cannot close the editor's textarea"
    );
    assert!(
        page.contains("&lt;/textarea&gt;&lt;b id="),
        "and it is shown as typed"
    );

    // Rename a module.
    let res = trainer
        .post_form(
            "/api/author/modules/update",
            from,
            &[
                ("id", &module_id),
                ("title", "Preparing the interview"),
                ("summary", "Before anyone sits down."),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("{from}?notice=Saved"));
    assert!(
        trainer
            .page(from, StatusCode::OK)
            .await
            .contains("Preparing the interview")
    );

    // Reorder: the second lesson moves up.
    trainer
        .post_form(
            "/api/author/lessons/move",
            from,
            &[("id", &second_id), ("up", "true")],
        )
        .await;
    let editor = trainer.page(from, StatusCode::OK).await;
    assert!(
        editor.find("Choosing an interpreter").unwrap()
            < editor.find("Before the interview").unwrap()
    );

    // Learners see nothing until the course and the lessons are published.
    let trainee = app.login_as(Role::Trainee).await;
    trainee
        .page("/courses/interviewing-at-the-border", StatusCode::NOT_FOUND)
        .await;
    trainer
        .post_form(
            "/api/author/courses/publish",
            from,
            &[
                ("slug", "interviewing-at-the-border"),
                ("published", "true"),
            ],
        )
        .await;
    trainer
        .post_form(
            "/api/author/lessons/publish",
            &lesson_url,
            &[("id", &lesson_id), ("published", "true")],
        )
        .await;
    // Published, but only for the trainees of a class.
    trainee
        .page("/courses/interviewing-at-the-border", StatusCode::FORBIDDEN)
        .await;
    let res = trainer
        .post_form(
            "/api/classes/create",
            "/classes",
            &[
                ("input[course]", "interviewing-at-the-border"),
                ("input[name]", "Interviewing pilot"),
                ("input[starts_on]", "2026-06-01"),
                ("input[ends_on]", "2026-06-05"),
            ],
        )
        .await;
    let class_id = location(&res)
        .trim_start_matches("/classes/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    trainer
        .post_form(
            "/api/classes/enrol",
            "/classes",
            &[("id", &class_id), ("login", "trainee")],
        )
        .await;
    let outline = trainee
        .page("/courses/interviewing-at-the-border", StatusCode::OK)
        .await;
    assert!(
        outline.contains("Before the interview") && !outline.contains("Choosing an interpreter"),
        "draft lessons stay hidden"
    );

    let learner_url = format!("/courses/interviewing-at-the-border/lessons/{lesson_id}");
    trainee.page(&learner_url, StatusCode::OK).await;
    trainee
        .post_form(
            "/api/courses/progress",
            &learner_url,
            &[("lesson_id", &lesson_id), ("done", "true")],
        )
        .await;
    // Editing a published lesson keeps learners' progress.
    trainer
        .post_form(
            "/api/author/lessons/update",
            &lesson_url,
            &[
                ("id", &lesson_id),
                ("title", "Before the interview (revised)"),
                ("objectives", ""),
                ("duration", "25"),
                ("body", "New text."),
            ],
        )
        .await;
    let page = trainee.page(&learner_url, StatusCode::OK).await;
    assert!(page.contains("Before the interview (revised)") && page.contains("New text."));
    assert!(
        trainee
            .page("/courses/interviewing-at-the-border", StatusCode::OK)
            .await
            .contains("1 / 1")
    );
}

#[tokio::test]
async fn trainers_edit_only_their_own_courses() {
    let app = TestApp::spawn().await;
    let shipped = count(&app.db, "courses").await;
    let trainer = app.login_as(Role::Trainer).await;
    // The shipped courses belong to nobody: administrators look after them.
    trainer
        .page(
            "/author/courses/document-examination",
            StatusCode::FORBIDDEN,
        )
        .await;
    let res = trainer
        .call(
            "/api/author/lessons/update",
            &[
                ("id", "1"),
                ("title", "Hijacked"),
                ("objectives", ""),
                ("duration", "5"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    create_course(&trainer, "mine").await;
    let admin = app.login_as(Role::Admin).await;
    admin.page("/author/courses/mine", StatusCode::OK).await;
    admin
        .page("/author/courses/document-examination", StatusCode::OK)
        .await;
    // A trainee cannot author at all.
    let trainee = app.login_as(Role::Trainee).await;
    trainee.page("/author", StatusCode::FORBIDDEN).await;
    assert_eq!(
        location(&create_course(&trainee, "nope").await),
        "/author?error=ErrForbidden"
    );
    assert_eq!(count(&app.db, "courses").await, shipped + 1);
}

#[tokio::test]
async fn the_preview_renders_safely_for_the_author_only() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let res = admin
        .call(
            "/api/author/lessons/preview",
            &[
                ("id", "1"),
                ("body", "## Hi\n\n<img src=x onerror=alert(1)>\n\n[[MRZ]]"),
                ("csrf_token", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html: String = res.json().await.unwrap();
    assert!(
        html.contains("<h2 id=\"hi\">Hi</h2>") && !html.contains("<img"),
        "{html}"
    );
    // 100,000 nested quotes once took 37 s and held the server: refused at once, and the
    // server answers meanwhile.
    let deep = ">".repeat(100_000);
    let res = admin
        .call(
            "/api/author/lessons/preview",
            &[("id", "1"), ("body", &deep), ("csrf_token", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("ErrNestedTooDeep"));
    assert_eq!(admin.get("/healthz").await.status(), StatusCode::OK);
    let trainer = app.login_as(Role::Trainer).await;
    let res = trainer
        .call(
            "/api/author/lessons/preview",
            &[("id", "1"), ("body", "x"), ("csrf_token", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn upload(
    c: &Client,
    app: &TestApp,
    lesson: &str,
    name: &str,
    bytes: Vec<u8>,
    token: Option<String>,
) -> reqwest::Response {
    let token = match token {
        Some(t) => t,
        None => c.csrf().await,
    };
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    c.http
        .post(app.url(&format!("/author/lessons/{lesson}/images")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A PNG chunk: length, type, data and CRC-32.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = 0xFFFF_FFFFu32;
    for b in kind.iter().chain(data) {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&(!crc).to_be_bytes());
    out
}

#[tokio::test]
async fn images_upload_beside_the_lesson_and_bad_files_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let png = {
        let img = image::RgbaImage::from_pixel(40, 30, image::Rgba([10, 60, 120, 200]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        // Text a camera or editor may leave in the file: not passed on to trainees.
        out.splice(33..33, png_chunk(b"tEXt", b"Comment\0taken at Port Utopia"));
        out
    };
    let res = upload(&admin, &app, "1", "Counter Photo.PNG", png.clone(), None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/author/lessons/1?notice=ImageUploaded");
    assert!(
        admin
            .page("/author/lessons/1", StatusCode::OK)
            .await
            .contains("counter-photo.png")
    );
    let served = admin
        .get("/media/courses/1/documents-and-the-mrz/counter-photo.png")
        .await;
    assert_eq!(served.status(), StatusCode::OK);
    let served = served.bytes().await.unwrap();
    let img = image::load_from_memory(&served).unwrap();
    assert_eq!((img.width(), img.height()), (40, 30), "the picture itself");
    assert!(
        !served.windows(11).any(|w| w == b"Port Utopia"),
        "encoded again"
    );

    // A header declaring 100,000 × 100,000 pixels, and a picture cut short.
    let mut huge = png.clone();
    let mut ihdr = huge[16..29].to_vec();
    ihdr[..8].copy_from_slice(&[0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0]);
    huge.splice(8..33, png_chunk(b"IHDR", &ihdr));
    let res = upload(&admin, &app, "1", "huge-header.png", huge, None).await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrImagePixels&field=file"
    );
    let res = upload(
        &admin,
        &app,
        "1",
        "cut.png",
        png[..png.len() / 2].to_vec(),
        None,
    )
    .await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrImageDamaged&field=file"
    );
    assert_eq!(
        admin
            .get("/media/courses/1/documents-and-the-mrz/huge-header.png")
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "nothing stored"
    );

    let res = upload(&admin, &app, "1", "virus.exe", b"MZ\x90\0".to_vec(), None).await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrImageType&field=file"
    );
    let res = upload(&admin, &app, "1", "fake.png", b"GIF89a....".to_vec(), None).await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrImageType&field=file"
    );
    let res = upload(
        &admin,
        &app,
        "1",
        "huge.png",
        [png.clone(), vec![0u8; 6 * 1024 * 1024]].concat(),
        None,
    )
    .await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrImageTooLarge&field=file"
    );
    let res = upload(
        &admin,
        &app,
        "1",
        "x.png",
        png.clone(),
        Some("0".repeat(32)),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let trainee = app.login_as(Role::Trainee).await;
    assert_eq!(
        upload(&trainee, &app, "1", "x.png", png, None)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

fn revision_in(page: &str) -> String {
    let at = page
        .find("name=\"revision\" value=\"")
        .expect("revision field")
        + "name=\"revision\" value=\"".len();
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn two_authors_saving_the_same_lesson_lose_nothing() {
    let app = TestApp::spawn().await;
    let first = app.login_as(Role::Admin).await;
    let second = app.login_as(Role::Admin).await;
    let rev_first = revision_in(&first.page("/author/lessons/3", StatusCode::OK).await);
    let rev_second = revision_in(&second.page("/author/lessons/3", StatusCode::OK).await);
    assert_eq!(rev_first, rev_second);
    let save = |rev: String, body: &'static str| {
        vec![
            ("id", "3".to_owned()),
            ("title", "The substrate".to_owned()),
            ("objectives", "".to_owned()),
            ("duration", "35".to_owned()),
            ("body", body.to_owned()),
            ("revision", rev),
        ]
    };
    let fields = save(rev_first, "First author's text.");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = first
        .post_form("/api/author/lessons/update", "/author/lessons/3", &fields)
        .await;
    assert_eq!(location(&res), "/author/lessons/3?notice=Saved");
    let lessons = count(&app.db, "lessons").await;
    let fields = save(rev_second, "Second author's text.");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = second
        .post_form("/api/author/lessons/update", "/author/lessons/3", &fields)
        .await;
    assert_eq!(
        location(&res),
        "/author/lessons/3?error=ErrEditConflict&field=body"
    );
    let page = second.page(&location(&res), StatusCode::OK).await;
    assert!(
        page.contains("Someone else saved this lesson") && page.contains("First author"),
        "the second is told"
    );
    // The second version is kept as a draft copy.
    assert_eq!(count(&app.db, "lessons").await, lessons + 1);
    let editor = second
        .page("/author/courses/document-examination", StatusCode::OK)
        .await;
    assert!(editor.contains("The substrate (your copy)"));
    let res = second
        .call("/api/courses/search", &[("q", "second author")])
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("The substrate (your copy)")
    );
}

#[tokio::test]
async fn a_lesson_over_the_size_limit_is_refused_with_the_limit_named() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let big = "word ".repeat(300_000); // 1.5 MB
    let res = admin
        .post_form(
            "/api/author/lessons/update",
            "/author/lessons/1",
            &[
                ("id", "1"),
                ("title", "Too long"),
                ("objectives", ""),
                ("duration", "10"),
                ("body", &big),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?error=ErrLessonTooLarge&field=body"
    );
    assert!(
        admin
            .page(&location(&res), StatusCode::OK)
            .await
            .contains("A lesson is at most 1 MB of text.")
    );
    assert!(
        !admin
            .page("/author/lessons/1", StatusCode::OK)
            .await
            .contains("Too long"),
        "nothing written"
    );
}

#[tokio::test]
async fn an_image_sent_with_the_lesson_s_form_saves_what_was_typed_or_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let png = {
        let img = image::RgbaImage::from_pixel(20, 20, image::Rgba([200, 60, 20, 255]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    let page = admin.page("/author/lessons/1", StatusCode::OK).await;
    let revision = page
        .split("name=\"revision\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let send = |revision: String, file: Vec<u8>| {
        let admin = &admin;
        let app = &app;
        async move {
            let form = reqwest::multipart::Form::new()
                .text("csrf_token", admin.csrf().await)
                .text("id", "1")
                .text("revision", revision)
                .text("title", "Travel documents and ICAO formats")
                .text("objectives", "Read the MRZ before the visual zone")
                .text("duration", "20")
                .text("body", "## Typed before the upload")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(file).file_name("desk.png"),
                );
            admin
                .http
                .post(app.url("/author/lessons/1/images"))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    // A stale revision (someone saved meanwhile): neither the text nor the image is stored.
    let res = send("stale".into(), png.clone()).await;
    assert!(location(&res).contains("error="), "{}", location(&res));
    let page = admin.page("/author/lessons/1", StatusCode::OK).await;
    assert!(!page.contains("desk.png") && !page.contains("Typed before the upload"));
    // No file, or a file that is not an image: the lesson is saved all the same, and the page
    // says so and why the image was not.
    let res = send(revision.clone(), Vec::new()).await;
    let to = location(&res);
    assert!(
        to.contains(app::i18n::Msg::LessonSavedImageRefused.code())
            && to.contains(app::i18n::Msg::ErrNoFile.code()),
        "{to}"
    );
    let page = admin.page("/author/lessons/1", StatusCode::OK).await;
    assert!(page.contains("Read the MRZ before the visual zone") && !page.contains("desk.png"));
    let revision = page
        .split("name=\"revision\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let res = send(revision.clone(), b"not an image".to_vec()).await;
    assert!(
        location(&res).contains(app::i18n::Msg::LessonSavedImageRefused.code()),
        "{}",
        location(&res)
    );
    // Both saved, with the notice that says so.
    let page = admin.page("/author/lessons/1", StatusCode::OK).await;
    let revision = page
        .split("name=\"revision\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let res = send(revision, png).await;
    assert_eq!(
        location(&res),
        "/author/lessons/1?notice=ImageUploadedSaved"
    );
    let page = admin.page("/author/lessons/1", StatusCode::OK).await;
    assert!(page.contains("desk.png") && page.contains("Read the MRZ before the visual zone"));
}
