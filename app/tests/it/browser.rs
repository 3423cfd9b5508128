//! Browser tests: real Chromium (headless) through chromedriver, against the app served on
//! loopback, for the flows a person does.

use crate::helpers::TestApp;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A chromedriver process and one browser session, both ended on drop (even when a test
/// fails), so no Chromium is left running.
struct Browser {
    driver: Child,
    http: reqwest::Client,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    async fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin} (install chromium-driver; `make test` does): {e}")
            });
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = http.get(format!("{base}/status")).send().await
                && r.status().is_success()
            {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1024,768",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut browser = Browser {
            driver,
            http,
            base,
            session: String::new(),
            _profile: profile,
        };
        let res = browser.send("POST", "/session", caps).await;
        browser.session = res["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        browser
    }

    async fn send(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let req = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body),
        };
        let res: Value = req.send().await.unwrap().json().await.unwrap();
        res["value"].clone()
    }

    async fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.send(method, &path, body).await
    }

    async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url })).await;
    }

    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self
                .cmd(
                    "POST",
                    "/element",
                    json!({"using": "css selector", "value": css}),
                )
                .await;
            if let Some(id) = v[ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(Instant::now() < deadline, "no element matches {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn exists(&self, css: &str) -> bool {
        let v = self
            .cmd(
                "POST",
                "/elements",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        v.as_array().is_some_and(|a| !a.is_empty())
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.cmd("POST", &format!("/element/{id}/clear"), json!({}))
            .await;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.cmd("POST", &format!("/element/{id}/click"), json!({}))
            .await;
    }

    async fn text(&self, css: &str) -> String {
        let id = self.find(css).await;
        self.cmd("GET", &format!("/element/{id}/text"), json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"))
            .await;
    }

    async fn url(&self) -> String {
        self.cmd("GET", "/url", json!({}))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn script(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .await
    }

    /// Waits until `script` (a JS expression) is true.
    async fn wait_for(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.script(&format!("return !!({script});")).await != json!(true) {
            if Instant::now() >= deadline {
                let log = self
                    .cmd("POST", "/se/log", json!({"type": "browser"}))
                    .await;
                panic!("timed out waiting for {what}; browser console: {log}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the first element matching `css` contains `text` (navigation after a click
    /// finishes asynchronously).
    async fn wait_text(&self, css: &str, text: &str) {
        let script = format!(
            "document.querySelector({css:?}) !== null && document.querySelector({css:?}).textContent.includes({text:?})"
        );
        self.wait_for(&format!("{css} to contain {text}"), &script)
            .await;
    }

    /// The client rectangle of the first element matching `css`, once it (or the scrolling
    /// viewport it is drawn in) is scrolled into view: left, top, width, height.
    async fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        let r = self
            .script(&format!(
                "const e = document.querySelector({css:?}); (e.closest('.viewport') || e).scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
            ))
            .await;
        let n = |i: usize| r[i].as_f64().unwrap_or_default();
        (n(0), n(1), n(2), n(3))
    }

    /// Presses the mouse at fraction `from` of element `css`, moves to fraction `to` and
    /// releases (a click when they are equal), as a person would.
    async fn drag(&self, css: &str, from: (f64, f64), to: (f64, f64)) {
        let (l, t, w, h) = self.rect(css).await;
        let at = |(fx, fy): (f64, f64)| ((l + fx * w).round() as i64, (t + fy * h).round() as i64);
        let (a, b) = (at(from), at(to));
        self.cmd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "x": a.0, "y": a.1, "origin": "viewport"},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerMove", "duration": 150, "x": b.0, "y": b.1, "origin": "viewport"},
                    {"type": "pointerUp", "button": 0}
                ]}]}),
        )
        .await;
        self.cmd("DELETE", "/actions", json!({})).await;
    }

    async fn sign_in(&self, app: &TestApp, login: &str, password: &str) {
        self.goto(&app.url("/login")).await;
        self.type_into("#login", login).await;
        self.type_into("#password", password).await;
        self.click("#sign-in").await;
    }

    async fn sign_out(&self) {
        self.click("#sign-out").await;
        self.find("#sign-in").await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.base, self.session);
        // Best effort: close the session (quits Chromium), then stop the driver.
        crate::helpers::block_on_detached(async move {
            let _ = reqwest::Client::new().delete(url).send().await;
        });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[tokio::test]
async fn each_demo_role_signs_in_and_sees_its_navigation() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    for demo in &app::server::services::demo::LOGINS {
        b.sign_in(&app, demo.login, demo.password).await;
        b.find("#my-roles").await;
        assert_eq!(b.url().await, app.url("/"));
        let is_admin = demo.login == "admin";
        assert_eq!(
            b.exists("nav a[href=\"/admin/people\"]").await,
            is_admin,
            "{}",
            demo.login
        );
        assert!(b.exists("nav a[href=\"/account\"]").await);
        assert!(b.text(".whoami").await.contains(demo.name));
        b.sign_out().await;
    }
}

#[tokio::test]
async fn a_failed_sign_in_shows_the_error() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "wrong-password").await;
    assert_eq!(
        b.text("#form-error").await,
        "Login or password is incorrect."
    );
    assert!(b.url().await.contains("/login"));
}

#[tokio::test]
async fn the_admin_creates_an_agency_and_a_trainee_who_then_signs_in() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/admin/agencies")).await;
    b.type_into("#agency-name", "Utopia Coast Guard").await;
    b.select("#agency-country", "UTO").await;
    b.select("#agency-kind", "coast_guard").await;
    b.click("form[action=\"/api/agencies/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Utopia Coast Guard").await;
    b.type_into("#position-title", "Boarding officer").await;
    b.click("form[action=\"/api/agencies/positions/add\"] button[type=submit]")
        .await;
    b.wait_text("#positions", "Boarding officer").await;

    b.goto(&app.url("/admin/people/new")).await;
    b.type_into("#login", "p.kamau").await;
    b.type_into("#display_name", "Peter Kamau").await;
    let agency_id = b.script("return [...document.querySelectorAll('#agency option')].find(o => o.textContent === 'Utopia Coast Guard').value;").await;
    b.select("#agency", agency_id.as_str().unwrap()).await;
    b.type_into("#password", "first-password-1").await;
    b.click("form[action=\"/api/people/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Peter Kamau").await;
    b.sign_out().await;

    b.sign_in(&app, "p.kamau", "first-password-1").await;
    // First sign-in: choose a new password.
    b.find("#current").await;
    assert!(
        b.url()
            .await
            .ends_with("/account?notice=MustChangePassword")
    );
    b.type_into("#current", "first-password-1").await;
    b.type_into("#new", "peters-own-password").await;
    b.type_into("#confirm", "peters-own-password").await;
    b.click("form[action=\"/api/account/password\"] button[type=submit]")
        .await;
    b.wait_for(
        "the password change",
        "location.search.includes('PasswordChanged')",
    )
    .await;
    b.goto(&app.url("/")).await;
    assert!(b.text("h1").await.contains("Peter Kamau"));
    assert_eq!(b.text("#my-roles").await, "Trainee");
}

#[tokio::test]
async fn switching_the_language_to_french() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.goto(&app.url("/login")).await;
    b.click("button[name=lang][value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    assert_eq!(b.text("h1").await, "Connexion à Checkpoint");
    b.type_into("#login", "trainee").await;
    b.type_into("#password", "trainee-demo-2026").await;
    b.click("#sign-in").await;
    // Signed in, the person's own preference applies (English for this account)…
    b.wait_for("home page", "document.querySelector('#my-roles') !== null")
        .await;
    assert_eq!(b.text("#my-roles").await, "Trainee");
    // …until they choose French, which is kept on their account.
    b.click("button[name=lang][value=fr]").await;
    b.wait_for("French", "document.documentElement.lang === 'fr'")
        .await;
    assert_eq!(b.text("#my-roles").await, "Stagiaire");
    b.goto(&app.url("/account")).await;
    assert_eq!(b.text("h1").await, "Mon compte");
    assert!(b.text("nav").await.contains("Se déconnecter"));
}

#[tokio::test]
async fn islands_hydrate_and_filter_the_people_list() {
    let app = TestApp::spawn().await;
    assert!(
        crate::helpers::site_root()
            .join("pkg/checkpoint.wasm")
            .exists(),
        "build the browser bundle first (make site)"
    );
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/admin/people")).await;
    // The page works before the bundle arrives; typing filters once the island is live.
    b.find("#table-filter").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        b.type_into("#table-filter", "okoro").await;
        let visible = b
            .script("return [...document.querySelectorAll('#people tbody tr')].filter(r => !r.hidden).length;")
            .await;
        if visible == json!(1) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the filter island never hydrated (visible rows: {visible})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        b.text("#people tbody tr:not([hidden])")
            .await
            .contains("Samuel Okoro")
    );
}

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
    b.wait_text(".banner-ok", "Lesson completed.").await;
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
    b.click("form[enctype=\"multipart/form-data\"] button[type=submit]")
        .await;
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

    // A class with a join code.
    b.goto(&app.url("/classes")).await;
    b.select("#class-course", "counter-basics").await;
    b.type_into("#class-name", "Counter basics — pilot").await;
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
    b.wait_text(".banner-ok", "Lesson completed.").await;
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

/// Questions for the quiz flow: true/false and single choice, so the test knows which input
/// answers each.
const BROWSER_GIFT: &str = "$CATEGORY: Browser check

::B1 MRZ lines:: The machine readable zone of a TD3 passport has two lines. {T}

::B2 Specimen state:: Which fictional state issues ICAO specimen documents? {=Utopia ~Atlantis ~Freedonia}

::B3 Visa:: A visa is a travel document in its own right. {F}

::B4 Weights:: The check digit weights are 7, 3 and which number? {=1 ~2 ~9}
";

#[tokio::test]
async fn a_trainee_takes_a_quiz_that_survives_a_reload_and_earns_a_verified_certificate() {
    use app::server::entities::{attempt_question, certificate, class, course, question_category};
    use assessments::questions::{Question, Response, model_answer};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let app = TestApp::spawn().await;
    // The administrator builds a short quiz on the course of the trainee's demo class.
    let admin = app.login_as(app::model::Role::Admin).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", admin.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(BROWSER_GIFT.as_bytes().to_vec())
                .file_name("browser.gift"),
        );
    let res = admin
        .http
        .post(app.url("/author/courses/document-examination/questions/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let course_id = course::Entity::find()
        .filter(course::Column::Slug.eq("document-examination"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let category = question_category::Entity::find()
        .filter(question_category::Column::CourseId.eq(course_id))
        .filter(question_category::Column::Name.eq("Browser check"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let quiz_fields = [
        ("input[title]", "Counter check"),
        ("input[role]", "practice"),
        ("input[pass_mark]", "50"),
        ("input[attempts_allowed]", "0"),
        ("input[show_answers]", "after_submit"),
    ];
    let mut create = vec![("slug", "document-examination")];
    create.extend_from_slice(&quiz_fields);
    let res = admin
        .post_form(
            "/api/quizzes/create",
            "/author/courses/document-examination/questions",
            &create,
        )
        .await;
    let quiz: i64 = crate::helpers::location(&res)
        .trim_start_matches("/author/quizzes/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let q = quiz.to_string();
    let cat = category.to_string();
    admin
        .post_form(
            "/api/quizzes/add-draw",
            "/",
            &[("id", &q), ("category", &cat), ("count", "4")],
        )
        .await;
    let mut update = vec![("id", q.as_str()), ("input[published]", "on")];
    update.extend_from_slice(&quiz_fields);
    let res = admin.post_form("/api/quizzes/update", "/", &update).await;
    assert!(crate::helpers::location(&res).contains("notice=Saved"));

    // The trainee starts it and answers half; each answer saves itself.
    let b = Browser::start().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url(&format!("/quizzes/{quiz}"))).await;
    b.click("#start-attempt").await;
    b.wait_for("the attempt", "location.pathname.startsWith('/attempts/')")
        .await;
    let attempt: i64 = b.url().await.rsplit('/').next().unwrap().parse().unwrap();
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt))
        .order_by_asc(attempt_question::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let answers: Vec<String> = rows
        .iter()
        .map(|r| {
            let q: Question = serde_json::from_str(&r.snapshot).unwrap();
            // The page names each option by the token the attempt drew for it.
            let layout: Value = serde_json::from_str(&r.option_order).unwrap();
            let token = |id: u32| {
                let at = layout["order"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|o| o.as_u64() == Some(u64::from(id)))
                    .unwrap();
                layout["tokens"][at].as_u64().unwrap()
            };
            match model_answer(&q.body) {
                Response::Bool(v) => format!("#q{}-{v}", r.question_id),
                Response::Choices(c) => format!("#q{}-{}", r.question_id, token(c[0])),
                other => panic!("unexpected {other:?}"),
            }
        })
        .collect();
    assert_eq!(answers.len(), 4);
    b.wait_for(
        "the autosave island",
        "document.querySelector('#autosave-status').dataset.live === '1'",
    )
    .await;
    for (i, css) in answers[..2].iter().enumerate() {
        b.click(css).await;
        b.wait_text("#autosave-status", "Saved").await;
        // Each click is written before the next (the status line only says the last one was).
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let saved = attempt_question::Entity::find()
                .filter(attempt_question::Column::AttemptId.eq(attempt))
                .filter(attempt_question::Column::Response.is_not_null())
                .all(&app.db)
                .await
                .unwrap()
                .len();
            if saved == i + 1 {
                break;
            }
            assert!(Instant::now() < deadline, "answer {} was not saved", i + 1);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // A reload (or a closed laptop) keeps them.
    b.goto(&app.url(&format!("/attempts/{attempt}"))).await;
    b.find("#attempt-form").await;
    for css in &answers[..2] {
        assert_eq!(
            b.script(&format!("return document.querySelector('{css}').checked;"))
                .await,
            json!(true),
            "{css} is still chosen after the reload"
        );
    }
    for css in &answers[2..] {
        b.click(css).await;
    }
    b.click("#submit-attempt").await;
    b.wait_text("#attempt-result", "100 %").await;
    assert!(b.text("#attempt-form").await.contains("Correct answer"));

    // The trainer sees the result and the item analysis, and awards the certificate.
    b.sign_out().await;
    b.sign_in(&app, "trainer", "trainer-demo-2026").await;
    b.find("#my-roles").await;
    let class_id = class::Entity::find()
        .filter(class::Column::CourseId.eq(course_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    b.goto(&app.url(&format!("/classes/{class_id}"))).await;
    b.click("#class-quizzes-link").await;
    b.wait_text("#class-quizzes", "Counter check").await;
    b.goto(&app.url(&format!("/classes/{class_id}/quizzes/{quiz}")))
        .await;
    b.wait_text("#results", "100 %").await;
    b.wait_text("#item-analysis", "B1 MRZ lines").await;
    b.click("form[action=\"/api/certificates/award\"] button[type=submit]")
        .await;
    b.wait_text("#certificates", "CP-").await;
    let code = certificate::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .code;

    // The trainee downloads the PDF from the course page; anyone can verify its code.
    b.sign_out().await;
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/courses/document-examination")).await;
    b.wait_text("#certificate-code", &code).await;
    let head = b
        .script(
            "return fetch(document.querySelector('#certificate-pdf').href)\
             .then(r => r.arrayBuffer())\
             .then(b => String.fromCharCode(...new Uint8Array(b).slice(0, 5)));",
        )
        .await;
    assert_eq!(head, json!("%PDF-"));
    b.sign_out().await;
    b.goto(&app.url("/verify")).await;
    b.type_into("#verify-code", &code).await;
    b.click("form[action=\"/verify\"] button[type=submit]")
        .await;
    b.wait_text("#verification", "This certificate is valid.")
        .await;
    assert!(b.text("#holder").await.contains("Samuel Okoro"));
}

#[tokio::test]
async fn an_assessor_opens_an_assessment_scores_an_indicator_and_reads_the_report() {
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "assessor", "assessor-demo-2026").await;
    b.find("#my-roles").await;
    b.click("a[href=\"/assessments\"]").await;
    b.wait_text("h1", "Capacity assessments").await;
    b.type_into("#a-title", "Utopia follow-up assessment").await;
    b.type_into("#a-requested", "Ministry of the Interior")
        .await;
    b.script("document.querySelector('#a-starts').value = '2028-03-01'; document.querySelector('#a-ends').value = '2028-05-31';").await;
    b.click("form[action=\"/api/assessments/create\"] button[type=submit]")
        .await;
    b.wait_text("h1", "Utopia follow-up assessment").await;
    assert!(b.text("#scores").await.contains("Administration"));

    // Score the first indicator of the structure element.
    b.click("a[href$=\"/elements/adm-structure\"]").await;
    b.wait_text("h1", "Structure").await;
    b.click("#mine-adm-structure-mandate-3").await;
    b.type_into(
        "#mine-adm-structure-mandate-evidence",
        "Decree 4/2027 allocates every border task.",
    )
    .await;
    b.click("#save-mine-adm-structure-mandate").await;
    b.wait_for("the save", "location.search.includes('notice=Saved')")
        .await;
    assert_eq!(
        b.script("return document.querySelector('#mine-adm-structure-mandate-3').checked;")
            .await,
        json!(true)
    );

    // The overview and the report show it.
    b.click(".breadcrumbs a").await;
    b.wait_text("#scores", "3.00").await;
    b.click("#report-link").await;
    b.wait_text("#report", "Decree 4/2027").await;
    assert!(b.exists("#report svg.radar").await);
}

#[tokio::test]
async fn an_analyst_runs_a_needs_analysis_from_questionnaire_to_training_plan() {
    use app::server::entities::{agency, position, tna_campaign};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

    let app = TestApp::spawn().await;
    let agency_id = |name: &'static str| {
        let db = app.db.clone();
        async move {
            agency::Entity::find()
                .filter(agency::Column::Name.eq(name))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let immigration = agency_id("Utopia Immigration Service").await;
    let police = agency_id("Utopia Border Police").await;
    let position_of = |agency: i64, title: &'static str| {
        let db = app.db.clone();
        async move {
            position::Entity::find()
                .filter(position::Column::AgencyId.eq(agency))
                .filter(position::Column::Title.eq(title))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let guard = position_of(police, "Border guard").await;
    let commander = position_of(police, "Post commander").await;
    for (login, position) in [("guard", guard), ("commander", commander)] {
        app::server::services::people::create_direct(
            &app.db,
            &app::server::services::people::NewPerson {
                login: login.to_owned(),
                display_name: format!("Border police {login}"),
                email: None,
                agency_id: Some(police),
                position_id: Some(position),
                roles: vec![app::model::Role::Trainee],
                countries: Vec::new(),
                lang: app::i18n::Lang::En,
            },
            "border-police-2026",
        )
        .await
        .unwrap();
    }

    // The analyst builds a two-item questionnaire with a skip rule.
    let b = Browser::start().await;
    b.sign_in(&app, "analyst", "analyst-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/tna")).await;
    b.click("details.panel > summary").await;
    b.type_into("#q-title-en", "Counter skills check").await;
    b.type_into("#q-title-fr", "Contrôle des compétences au guichet")
        .await;
    b.click("#create-questionnaire").await;
    b.wait_for(
        "the builder",
        "location.pathname.startsWith('/tna/questionnaires/')",
    )
    .await;
    b.click("#add-item-general").await;
    b.type_into("#new-general-id", "role").await;
    b.select("#new-general-kind", "single").await;
    b.click("#new-general-required").await;
    b.type_into("#new-general-en", "Your role").await;
    b.type_into("#new-general-fr", "Votre fonction").await;
    b.type_into(
        "#new-general-options",
        "front-line | Front-line officer | Agent de première ligne\nsupervisor | Supervisor | Superviseur",
    )
    .await;
    b.click("#new-general-save").await;
    b.wait_for(
        "the role item",
        "document.querySelector('#item-role') !== null",
    )
    .await;
    b.click("#add-item-general").await;
    b.type_into("#new-general-id", "mrz").await;
    b.select("#new-general-kind", "dual").await;
    b.type_into("#new-general-en", "Checking the machine readable zone")
        .await;
    b.type_into(
        "#new-general-fr",
        "Contrôler la zone de lecture automatique",
    )
    .await;
    b.select("#new-general-competency", "doc-mrz-verification")
        .await;
    b.select("#new-general-cond-item", "role").await;
    b.select("#new-general-cond-op", "equals").await;
    b.type_into("#new-general-cond-value", "front-line").await;
    b.click("#new-general-save").await;
    b.wait_for(
        "the MRZ item",
        "document.querySelector('#item-mrz .skip-rule') !== null",
    )
    .await;
    assert!(
        b.text("#item-mrz .skip-rule")
            .await
            .contains("role = front-line")
    );
    let questionnaire: i64 = b
        .url()
        .await
        .split("/tna/questionnaires/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    // … and launches a named campaign for two agencies.
    b.goto(&app.url("/tna/campaigns/new")).await;
    b.type_into("#c-title", "Counter skills 2026").await;
    b.select("#c-questionnaire", &questionnaire.to_string())
        .await;
    let today = time::OffsetDateTime::now_utc().date();
    b.script(&format!(
        "document.querySelector('#c-opens').value = '{}'; document.querySelector('#c-closes').value = '{}';",
        today - time::Duration::days(1),
        today + time::Duration::days(14)
    ))
    .await;
    b.click(&format!("#agency-{immigration}")).await;
    b.click(&format!("#agency-{police}")).await;
    b.click("#c-anonymous").await;
    b.script("document.querySelector('#c-min').value = '1';")
        .await;
    b.click("#create-campaign").await;
    b.wait_for(
        "the campaign",
        "location.pathname.startsWith('/tna/campaigns/')",
    )
    .await;
    b.click("#status-open").await;
    b.wait_text("#campaign-status", "Open").await;
    let campaign = tna_campaign::Entity::find()
        .order_by_desc(tna_campaign::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    b.sign_out().await;

    // Two officers answer; the MRZ item appears only once they say they are front-line.
    for (login, password, performance) in [
        ("trainee", "trainee-demo-2026", "2"),
        ("guard", "border-police-2026", "3"),
    ] {
        b.sign_in(&app, login, password).await;
        b.find("#my-roles").await;
        b.goto(&app.url("/surveys")).await;
        b.click(&format!("#start-{campaign}")).await;
        b.wait_for(
            "the response",
            "location.pathname.startsWith('/responses/')",
        )
        .await;
        b.wait_for(
            "the autosave island",
            "document.querySelector('#autosave-status')?.dataset.live === '1'",
        )
        .await;
        assert!(
            b.script("return document.querySelector('#q-mrz').hidden;")
                .await
                == serde_json::json!(true),
            "hidden until the role is known"
        );
        b.click("#role-front-line").await;
        b.wait_for("the MRZ item", "!document.querySelector('#q-mrz').hidden")
            .await;
        b.click("#mrz-importance-7").await;
        b.click(&format!("#mrz-performance-{performance}")).await;
        b.wait_text("#autosave-status", "Saved").await;
        // Half a pair of ratings is never sent (the server would refuse it, and its refusal
        // could arrive after the whole pair was saved): one save for the role, one for the
        // two MRZ ratings together.
        b.wait_for(
            "two saves",
            "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/tna/responses/autosave')).length === 2",
        )
        .await;
        // Leave and come back: the answers are still there.
        b.goto(&app.url("/surveys")).await;
        b.click(&format!("#start-{campaign}")).await;
        b.wait_for(
            "the response",
            "location.pathname.startsWith('/responses/')",
        )
        .await;
        assert_eq!(
            b.script(&format!(
                "return document.querySelector('#mrz-performance-{performance}').checked;"
            ))
            .await,
            serde_json::json!(true)
        );
        b.click("#submit-response").await;
        b.wait_text(".banner-ok", "submitted").await;
        b.sign_out().await;
    }

    // The post commander assesses the border guards as their supervisor: the MRZ item stays
    // hidden for supervisors.
    b.sign_in(&app, "commander", "border-police-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url("/surveys")).await;
    b.click(&format!("#survey-{campaign} details summary"))
        .await;
    b.click(&format!("#supervise-{campaign}-{guard}")).await;
    b.wait_for(
        "the response",
        "location.pathname.startsWith('/responses/')",
    )
    .await;
    b.wait_for(
        "the autosave island",
        "document.querySelector('#autosave-status')?.dataset.live === '1'",
    )
    .await;
    b.click("#role-supervisor").await;
    b.wait_text("#autosave-status", "Saved").await;
    assert!(
        b.script("return document.querySelector('#q-mrz').hidden;")
            .await
            == serde_json::json!(true)
    );
    b.click("#submit-response").await;
    b.wait_text(".banner-ok", "submitted").await;
    b.sign_out().await;

    // The analyst reads the gaps: the MRZ levels required of front-line officers and border
    // guards (3) against what each reported (performance 2 → level 1.7, 3 → 2.3).
    b.sign_in(&app, "analyst", "analyst-demo-2026").await;
    b.find("#my-roles").await;
    b.goto(&app.url(&format!("/tna/campaigns/{campaign}")))
        .await;
    assert!(b.text("#progress").await.contains("Utopia Border Police"));
    b.goto(&app.url(&format!("/tna/campaigns/{campaign}/results")))
        .await;
    let heat = b.text("#heat-map").await;
    assert!(heat.contains("1.3 (n=1)"), "immigration gap: {heat}");
    assert!(heat.contains("0.7 (n=1)"), "border police gap: {heat}");
    let plan = b.text("#plan").await;
    assert!(
        plan.contains("Travel documents and the machine readable zone"),
        "the plan names the module that builds the competency: {plan}"
    );
    assert!(plan.contains("Reading and verifying the machine readable zone"));
}

#[tokio::test]
async fn a_trainer_draws_an_anomaly_exercise_and_a_trainee_marks_it_and_sees_the_overlay() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data-page.png");
    image::RgbImage::from_fn(1000, 600, |x, y| {
        image::Rgb([(x % 200) as u8 + 40, (y % 150) as u8 + 60, 140])
    })
    .save(&file)
    .unwrap();

    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination"))
        .await;
    b.type_into("#new-exercise-title", "Spot the altered data page")
        .await;
    b.select("#new-exercise-kind", "anomalies").await;
    b.type_into("#new-exercise-file", &file.display().to_string())
        .await;
    b.click("#create-exercise").await;
    b.find("#regions").await;
    let editor = b.url().await;
    let id: i64 = editor
        .rsplit("/author/exercises/")
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("editor URL {editor}"));
    b.wait_for(
        "the drawing island",
        "document.querySelector('.region-drawer[data-live=\"1\"]')",
    )
    .await;

    // Two regions drawn with the mouse: the island fills the form, the author labels them.
    for (i, (from, to, label)) in [
        ((0.1, 0.1), (0.3, 0.3), "Altered check digit"),
        ((0.6, 0.6), (0.8, 0.8), "Substituted photo"),
    ]
    .into_iter()
    .enumerate()
    {
        b.click("#tool-rect").await;
        b.drag("#draw-stage", from, to).await;
        b.wait_for(
            "coordinates from the drawing",
            "document.querySelector('#new-region-coords').value.split(',').length === 4",
        )
        .await;
        b.type_into("#new-region-label", label).await;
        b.click("#add-region").await;
        b.wait_for(
            "the region in the list",
            &format!(
                "document.querySelectorAll('#region-list tbody tr').length === {}",
                i + 1
            ),
        )
        .await;
    }
    use sea_orm::EntityTrait;
    let spec = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .spec;
    assert!(
        spec.contains(r#""x":100.0,"y":60.0"#) || spec.contains(r#""x":100,"#),
        "drawn where dragged: {spec}"
    );
    b.click("#publish-exercise").await;
    b.wait_text("#exercise-status", "Published").await;
    b.sign_out().await;

    // The trainee zooms, marks the first anomaly and a place with nothing, and submits.
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.wait_for(
        "the marker board",
        "document.querySelector('.marker-board[data-live=\"1\"]')",
    )
    .await;
    b.click("#zoom-in").await;
    b.wait_text("#zoom-level", "150 %").await;
    b.script("document.getElementById('board').scrollTo(0, 0); return true;")
        .await;
    b.drag("#stage", (0.2, 0.2), (0.2, 0.2)).await;
    b.drag("#stage", (0.45, 0.5), (0.45, 0.5)).await;
    b.wait_text("#marker-count", "2").await;
    b.click("#submit-exercise").await;
    b.wait_text("#exercise-score", "25 %").await;
    assert!(b.exists("#result-overlay .marker.hit").await);
    assert!(b.exists("#result-overlay .marker.false").await);
    assert!(b.exists("#result-overlay .region.missed").await);
    assert!(b.text("#outcome-lines").await.contains("Substituted photo"));
}

#[tokio::test]
async fn a_generated_specimen_exercise_runs_end_to_end() {
    use app::model::exercise::ExerciseSpec;
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let b = Browser::start().await;
    b.sign_in(&app, "admin", "admin-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url("/author/courses/document-examination"))
        .await;
    b.select("#generate-kind", "mrz").await;
    b.type_into("#generate-seed", "21").await;
    b.click("#generate-exercise").await;
    b.find("#exercise-ready").await;
    let editor = b.url().await;
    let id: i64 = editor
        .rsplit("/author/exercises/")
        .next()
        .and_then(|s| s.split('?').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("editor URL {editor}"));
    b.click("#publish-exercise").await;
    b.wait_text("#exercise-status", "Published").await;
    b.sign_out().await;

    let e = app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let key = serde_json::from_str::<ExerciseSpec>(&e.spec)
        .unwrap()
        .mrz
        .expect("an MRZ key");
    b.sign_in(&app, "trainee", "trainee-demo-2026").await;
    b.find("#sign-out").await;
    b.goto(&app.url(&format!("/exercises/{id}"))).await;
    b.find(".exercise-figure img").await;
    b.click(if key.wrong.is_empty() {
        "#consistent-yes"
    } else {
        "#consistent-no"
    })
    .await;
    for field in &key.wrong {
        b.click(&format!("#wrong-{field}")).await;
    }
    b.click("#submit-exercise").await;
    b.wait_text("#exercise-score", "100 %").await;
    assert!(b.exists("#outcome-lines tr.ok").await);
}

#[tokio::test]
async fn a_programme_manager_and_a_focal_point_follow_progress_in_their_scope() {
    let app = TestApp::spawn().await;
    app::server::services::progress::events::record(
        &app.db,
        4,
        app::server::services::progress::events::LESSON_COMPLETED,
        1,
        Some(1),
    )
    .await
    .unwrap();
    let b = Browser::start().await;
    b.sign_in(&app, "manager", "manager-demo-2026").await;
    b.find("#my-roles").await;
    b.click("nav a[href=\"/progress\"]").await;
    b.find("#progress-totals").await;
    assert_eq!(b.text("#kpi-lessons").await, "1");
    // Every agency of Utopia can be chosen; the figures follow the choice.
    let agencies = b.text("#f-agency").await;
    assert!(
        agencies.contains("Utopia Border Police")
            && agencies.contains("Utopia Customs Administration")
    );
    let police: String = b
        .script("return [...document.querySelectorAll('#f-agency option')].find(o => o.textContent.includes('Border Police')).value;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    b.select("#f-agency", &police).await;
    b.click("#apply-filters").await;
    b.wait_for(
        "the filtered page",
        &format!("location.search.includes('agency={police}')"),
    )
    .await;
    b.find("#progress-totals").await;
    assert_eq!(
        b.text("#kpi-lessons").await,
        "0",
        "nothing done in the border police"
    );
    assert!(b.exists("a[href^=\"/progress/export/agencies.csv\"]").await);
    b.sign_out().await;

    b.sign_in(&app, "focal", "focal-demo-2026").await;
    b.find("#my-roles").await;
    b.click("article[data-role=\"focal_point\"] a[href=\"/progress\"]")
        .await;
    b.find("#progress-totals").await;
    assert_eq!(b.text("#kpi-lessons").await, "1", "their agency's lesson");
    let agencies = b.text("#f-agency").await;
    assert!(agencies.contains("Utopia Immigration Service") && !agencies.contains("Border Police"));
    // From the progress page to one trainee's learning record.
    b.type_into("#records-q", "okoro").await;
    b.click("#records-search button[type=submit]").await;
    b.find("#records-found").await;
    b.click("#records-found a[href=\"/people/4/record\"]").await;
    b.wait_for("the record", "location.pathname === '/people/4/record'")
        .await;
    assert!(b.text("main").await.contains("Samuel Okoro"));
}
