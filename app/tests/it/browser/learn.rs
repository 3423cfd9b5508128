//! Lessons: the editor's live preview, reading and resuming, and a trainer's course and class.

use super::*;

#[tokio::test]
async fn the_lesson_editor_previews_markdown_as_you_type() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/author/lessons/1")).await;
    b.find("#body").await;
    // The island hydrates, then each pause in typing refreshes the preview from the server.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        b.type_into(
            "#body",
            "## Live preview works\n\n> [!WARNING]\n> Check the chip too.",
        )
        .await;
        tokio::time::sleep(Duration::from_millis(900)).await;
        let html = b
            .script("return document.querySelector('#preview').innerHTML;")
            .await;
        let html = html.as_str().unwrap_or_default().to_owned();
        if html.contains("id=\"live-preview-works\"") {
            assert!(html.contains("callout-warning"), "{html}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview never refreshed: {html}"
        );
    }
    // Saving keeps what was typed.
    b.click("#save-lesson").await;
    b.wait_for("the save", "location.search.includes('notice=Saved')")
        .await;
    assert!(b.text("#preview").await.contains("Live preview works"));

    // An image uploaded while objectives and text are being typed keeps both: they are saved
    // with it.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("counter.png");
    let img = image::RgbaImage::from_pixel(40, 30, image::Rgba([10, 60, 120, 255]));
    img.save(&file).unwrap();
    b.type_into("#objectives", "Read the MRZ before the visual zone")
        .await;
    b.type_into("#body", "## Typed before the upload").await;
    let input = b.find("#file").await;
    b.cmd(
        "POST",
        &format!("/element/{input}/value"),
        json!({ "text": file.to_str().unwrap() }),
    )
    .await;
    b.click("#upload-image").await;
    b.wait_for(
        "the upload",
        "location.search.includes('notice=ImageUploadedSaved')",
    )
    .await;
    assert_eq!(
        b.script("return document.querySelector('#objectives').value;")
            .await,
        json!("Read the MRZ before the visual zone")
    );
    assert!(
        b.script("return document.querySelector('#body').value;")
            .await
            .as_str()
            .unwrap_or_default()
            .contains("Typed before the upload")
    );
    assert!(b.text("#images").await.contains("counter.png"));
}

#[tokio::test]
async fn a_trainee_takes_a_lesson_and_picks_up_where_they_left_off() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.click("nav a[href=\"/courses\"]").await;
    b.wait_text("h1", "Courses").await;
    b.click("a[href=\"/courses/document-examination\"]").await;
    b.wait_text("#resume", "Start").await;
    b.click("#resume").await;
    b.wait_text("h1", "Travel documents and ICAO formats").await;
    b.click("#next-lesson").await;
    b.wait_text("h1", "Reading the MRZ").await;
    b.click("#mark-complete").await;
    // Completed, the reader is led on to the next lesson, with the notice.
    b.wait_text(".banner-ok", "Lesson completed.").await;
    b.wait_text("h1", "The substrate").await;
    // Back on the outline: one lesson done, and "continue" goes on from there.
    b.goto(&app.url("/courses/document-examination")).await;
    assert!(b.text(".progress-line").await.contains("1 / 10"));
    assert_eq!(b.text("#resume").await, "Continue where I left off");
    b.click("#resume").await;
    b.wait_text("h1", "The substrate").await;
    // Search from any lesson list.
    b.goto(&app.url("/courses")).await;
    b.type_into("#search-q", "impostor").await;
    b.click("form[role=search] button").await;
    b.wait_text(".search-results", "Impostors").await;
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test]
async fn a_trainer_publishes_a_course_runs_a_class_and_sees_the_trainee_progress() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    let files = tempfile::tempdir().unwrap();
    let image = files.path().join("counter.png");
    std::fs::write(&image, PNG).unwrap();

    // The trainer builds a course with one module and one lesson with an image.
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/author")).await;
    b.type_into("#slug", "counter-basics").await;
    b.type_into("#title", "Counter basics").await;
    b.type_into("#summary", "The first minutes at the counter.")
        .await;
    b.click("form[action=\"/api/author/courses/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Counter basics").await;
    b.type_into("#module-title", "Welcome").await;
    b.click("form[action=\"/api/author/modules/add\"] button[type=submit]")
        .await;
    b.wait_text("#modules", "Welcome").await;
    b.type_into("input[id^=lesson-title-]", "Greeting the traveller")
        .await;
    b.click("form[action=\"/api/author/lessons/add\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Greeting the traveller").await;
    let file_input = b.find("#file").await;
    b.cmd(
        "POST",
        &format!("/element/{file_input}/value"),
        json!({ "text": image.to_str().unwrap() }),
    )
    .await;
    b.click("#upload-image").await;
    b.wait_text("#images", "counter.png").await;
    b.type_into(
        "#body",
        "Look up, greet, then ask for the document.\n\n![The counter](counter.png)",
    )
    .await;
    b.click("#save-lesson").await;
    b.wait_for("the save", "location.search.includes('notice=Saved')")
        .await;
    b.click("#publish-lesson").await;
    b.wait_text("#publish-lesson", "Withdraw").await;
    b.goto(&app.url("/author/courses/counter-basics")).await;
    b.click("#publish").await;
    b.wait_text("#publish", "Withdraw").await;

    // A class with a join code. Sent first with its dates the wrong way round, it comes back
    // as it was typed, with the message beside the end date; corrected, it opens.
    b.goto(&app.url("/classes")).await;
    b.select("#class-course", "counter-basics").await;
    b.type_into("#class-name", "Counter basics — pilot").await;
    b.type_into("#location", "Regional training centre, Port Utopia")
        .await;
    b.click("#tot").await;
    b.script("document.querySelector('#starts-on').value = '2026-04-07'; document.querySelector('#ends-on').value = '2026-04-06';").await;
    b.click("form[action=\"/api/classes/create\"] button[type=submit]")
        .await;
    b.wait_for("the refusal", "location.search.includes('error=')")
        .await;
    b.wait_text("#ends_on-error", "first day").await;
    let kept = b
        .script(
            "return [document.querySelector('#class-course').value, \
             document.querySelector('#class-name').value, \
             document.querySelector('#starts-on').value, \
             document.querySelector('#ends-on').value, \
             document.querySelector('#location').value, \
             document.querySelector('#tot').checked];",
        )
        .await;
    assert_eq!(
        kept,
        serde_json::json!([
            "counter-basics",
            "Counter basics — pilot",
            "2026-04-07",
            "2026-04-06",
            "Regional training centre, Port Utopia",
            true
        ])
    );
    b.click("#tot").await;
    b.script("document.querySelector('#starts-on').value = '2026-04-06'; document.querySelector('#ends-on').value = '2026-04-07';").await;
    b.click("form[action=\"/api/classes/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Counter basics — pilot").await;
    let code = b.text("#join-code").await;
    assert_eq!(code.len(), 8);
    b.sign_out().await;

    // The trainee joins with the code, reads the lesson and completes it.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/join")).await;
    b.type_into("#code", &code).await;
    b.click("form[action=\"/api/classes/join\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Counter basics").await;
    b.click("#resume").await;
    b.wait_text("h1", "Greeting the traveller").await;
    b.wait_for("the image", "document.querySelector('.lesson-body img') && document.querySelector('.lesson-body img').naturalWidth === 1").await;
    b.click("#mark-complete").await;
    // The last lesson leads back to the course, with the notice.
    b.wait_text(".banner-ok", "Lesson completed.").await;
    b.wait_text("h1", "Counter basics").await;
    b.goto(&app.url("/courses/counter-basics")).await;
    assert!(b.text(".progress-line").await.contains("1 / 1"));
    b.sign_out().await;

    // The trainer sees it on the roster.
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/classes")).await;
    b.script("[...document.querySelectorAll('#classes a')].find(a => a.textContent.includes('pilot')).click();").await;
    b.wait_text("h1", "Counter basics — pilot").await;
    b.wait_text("#roster", "Samuel Okoro").await;
    assert!(b.text("#roster").await.contains("1 / 1"));
}

#[tokio::test]
async fn a_trainer_duplicates_a_shipped_course_to_adapt_it() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    // The trainer's home card leads to their classes.
    b.click("[data-role=trainer] h2 a").await;
    b.wait_for("the classes", "location.pathname === '/classes'")
        .await;
    // A shipped course is maintained by the administrators: its bank reads, and offers a copy.
    b.goto(&app.url("/author/courses/document-examination/questions"))
        .await;
    b.find("#bank-read-only").await;
    assert!(!b.exists("#questions-file").await, "no import for a reader");
    b.goto(&app.url("/author")).await;
    b.click("#duplicate-document-examination summary").await;
    b.type_into("#duplicate-document-examination-slug", "de-port-alba")
        .await;
    b.type_into(
        "#duplicate-document-examination-title",
        "Document examination (Port Alba)",
    )
    .await;
    b.click("#duplicate-document-examination button[type=submit]")
        .await;
    b.wait_for(
        "the copy's editor",
        "location.pathname === '/author/courses/de-port-alba'",
    )
    .await;
    assert!(b.text(".banner-ok").await.contains("Course duplicated"));
    assert!(
        b.text("h1")
            .await
            .contains("Document examination (Port Alba)")
    );
    // The copy is theirs: its bank is editable.
    b.click("#question-bank").await;
    b.find("#questions-file").await;
    assert!(!b.exists("#bank-read-only").await);
}

#[tokio::test]
async fn a_course_page_puts_the_outline_first_and_an_analyst_reads_it_from_the_plan() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.find("#outline").await;
    // Outline and "continue" come before the quizzes, each quiz with the trainee's standing.
    let order = b
        .script(
            "const o = document.querySelector('#outline'), q = document.querySelector('#course-quizzes'), \
             r = document.querySelector('#resume'); \
             return !!(r.compareDocumentPosition(o) & 4) && !!(o.compareDocumentPosition(q) & 4);",
        )
        .await;
    assert_eq!(order, json!(true));
    assert!(
        b.text("#course-quizzes .quiz-standing")
            .await
            .contains("Not started")
    );
    b.sign_out().await;
    // An analyst follows a course link from a training plan to its outline.
    b.sign_in(&app, "analyst", "analyst-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.find("#outline-only").await;
    assert!(!b.exists("#outline a").await, "no lesson links");
}

#[tokio::test]
async fn on_a_phone_the_header_folds_into_a_menu() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.viewport(375, 740, true).await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.find("#outline").await;
    assert_eq!(b.script("return window.innerWidth;").await, json!(375));
    let visible = |css: &str| format!("return document.querySelector('{css}').checkVisibility();");
    // Brand and a Menu button; the links wait behind it. Nothing is wider than the screen.
    assert_eq!(b.script(&visible("#menu-button")).await, json!(true));
    assert_eq!(b.script(&visible("#sign-out")).await, json!(false));
    assert_eq!(
        b.script("return document.documentElement.scrollWidth <= 375;")
            .await,
        json!(true)
    );
    let header = b
        .script("return document.querySelector('.site-header').getBoundingClientRect().height;")
        .await;
    assert!(header.as_f64().unwrap() < 80.0, "header {header}");
    // The menu opens with every link, one per line, and takes the reader where they chose.
    b.click("#menu-button").await;
    b.wait_for(
        "the menu",
        "document.querySelector('#site-nav').matches(':popover-open')",
    )
    .await;
    assert_eq!(b.script(&visible("#sign-out")).await, json!(true));
    b.click("#site-nav a[href='/surveys']").await;
    b.wait_for("the surveys", "location.pathname === '/surveys'")
        .await;
    // On a wide screen there is no menu button: the links are in the header.
    b.cmd(
        "POST",
        "/goog/cdp/execute",
        json!({ "cmd": "Emulation.clearDeviceMetricsOverride", "params": {} }),
    )
    .await;
    b.goto(&app.url("/")).await;
    b.find("#my-roles").await;
    assert_eq!(b.script(&visible("#menu-button")).await, json!(false));
    assert_eq!(b.script(&visible("#sign-out")).await, json!(true));
}

#[tokio::test]
async fn a_trainer_builds_a_quiz_and_an_exercise_for_their_class_on_a_shipped_course() {
    let app = TestApp::spawn().await;
    let k = crate::quizzes::for_a_class::demo_class(&app, "document-examination").await;
    let b = Browser::start().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    // From the class page to its quizzes, where a quiz for this class alone starts.
    b.goto(&app.url(&format!("/classes/{k}"))).await;
    b.click("#class-quizzes-link").await;
    b.wait_for(
        "the class's quizzes",
        &format!("location.pathname === '/classes/{k}/quizzes'"),
    )
    .await;
    b.click("#new-class-quiz summary").await;
    b.type_into("#quiz-title", "Port Alba refresher").await;
    b.click("#new-class-quiz button[type=submit]").await;
    b.wait_for(
        "the new quiz's editor",
        "location.pathname.startsWith('/author/quizzes/')",
    )
    .await;
    b.find("#class-only").await;
    // Two questions drawn from the course's bank, then published.
    b.type_into("#draw-count", "2").await;
    b.click("form[action='/api/quizzes/add-draw'] button[type=submit]")
        .await;
    b.wait_for(
        "the draw in the quiz",
        "document.querySelectorAll('#quiz-items li').length === 1",
    )
    .await;
    b.click("form[action='/api/quizzes/update'] input[name='input[published]']")
        .await;
    // The editor already shows "Saved" from the draw: wait for the page the save loads.
    b.script("document.body.dataset.before = 'save';").await;
    b.click("form[action='/api/quizzes/update'] button[type=submit]")
        .await;
    b.wait_for(
        "the saved quiz",
        "!document.body.dataset.before && !!document.querySelector('.banner-ok') \
         && (document.querySelector(\"form[action='/api/quizzes/update'] input[name='input[published]']\") || {}).checked",
    )
    .await;
    // An exercise for the class, from a generated specimen.
    b.goto(&app.url(&format!("/classes/{k}/exercises"))).await;
    b.find("#class-exercises-none").await;
    b.click("#generate-exercise").await;
    b.wait_for(
        "the new exercise's editor",
        "location.pathname.startsWith('/author/exercises/')",
    )
    .await;
    b.find("#class-only").await;
    b.sign_out().await;

    // The class's trainee finds the quiz on the course page.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.wait_text("main", "Port Alba refresher").await;
}
